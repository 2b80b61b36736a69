"""The example (the seed department's 2023 data) builds the seed's tables, without its contradictions."""

from decimal import Decimal

import pytest
from helpers import seed_table_rows

SEED_TABLES = {
    # table key: (seed title, next title in the seed, our column keys in the seed's column order)
    "income": ("收入决算表", "支出决算表", ["total", "fiscal", "superior", "business", "operating", "affiliated", "other"]),
    "expenditure": ("支出决算表", "财政拨款收入支出决算总表", ["total", "basic", "project", "remit", "operating", "subsidy"]),
    "general_expenditure": ("一般公共预算财政拨款支出决算表", "一般公共预算财政拨款基本支出决算明细表", ["total", "basic", "project"]),
}


@pytest.mark.parametrize("key", SEED_TABLES)
def test_every_item_row_of_the_seed_appears_with_its_amounts(example_tables, key):
    title, next_title, columns = SEED_TABLES[key]
    seed_rows = seed_table_rows(title, next_title)
    assert len(seed_rows) == 23
    table = example_tables[key]
    block = table.block
    ours = {r.code: r for r in block.rows if r.level == "项"}
    assert set(ours) == set(seed_rows)
    for code, printed in seed_rows.items():
        for column, seed_value in zip(columns, printed):
            value = ours[code].cell(block, column)
            assert (value or None) == seed_value, (key, code, column)


def _children(rows, row):
    width = {"合计": 3, "类": 5, "款": 7}[row.level]
    return [r for r in rows if len(r.code) == width and r.code.startswith(row.code)]


@pytest.mark.parametrize("key", ["income", "expenditure", "general_expenditure"])
def test_class_and_total_rows_are_exact_sums(example_tables, key):
    block = example_tables[key].block
    for row in block.rows:
        if row.level in ("合计", "类", "款"):
            for i, value in enumerate(row.cells):
                parts = [c.cells[i] for c in _children(block.rows, row) if c.cells[i] is not None]
                assert (value or Decimal(0)) == sum(parts, Decimal(0)), (row.code, i)


def test_seed_contradictions_do_not_occur(example_tables):
    expenditure = example_tables["expenditure"]
    # The seed prints 5,540.78 for 一般公共服务支出 in tables 01/04 but 5,540.77 in 02/03/05.
    assert expenditure.cell("201", "total") == Decimal("5540.77")
    summary = example_tables["summary"]
    spent_201 = summary.blocks[1].row("201").cells[0]
    assert spent_201 == Decimal("5540.77")
    assert example_tables["fiscal_summary"].blocks[1].row("201").cells[0] == Decimal("5540.77")
    # The seed prints 基本 403.50 + 项目 26,863.40 ≠ 合计 27,266.89.
    basic, project = expenditure.cell("total", "basic"), expenditure.cell("total", "project")
    assert basic + project == expenditure.cell("total", "total") == Decimal("27266.89")
    # 人员经费 + 公用经费 = 基本支出 (the seed: 379.33 + 24.17 vs 375.34 + 3.99 …).
    basic_table = example_tables["general_basic"]
    personnel, public = (v for _, v in basic_table.footer)
    assert personnel + public == basic
    assert basic_table.blocks[0].row("301").cells[0] == sum(
        r.cells[0] or 0 for r in basic_table.blocks[0].rows if r.code.startswith("301") and len(r.code) == 5)


def test_summary_balances(example_tables):
    income, spending = example_tables["summary"].blocks
    assert income.row("income_total").cells[0] == spending.row("expenditure_total").cells[0] == Decimal("27266.89")
    assert income.row("grand_total").cells[0] == spending.row("grand_total").cells[0]
    assert income.row("grand_total").line == 31 and spending.row("grand_total").line == 62  # the form's 行次


def test_empty_tables_keep_their_note(example_tables):
    for key in ("gov_fund", "state_capital", "sangong"):
        assert "故本表无数据" in example_tables[key].empty_note
    assert example_tables["income"].empty_note == ""


def test_build_writes_xlsx_with_the_performance_tables(built):
    from openpyxl import load_workbook

    wb = load_workbook(built / "tables.xlsx")
    assert wb.sheetnames == [f"公开{n:02d}表" for n in range(1, 10)] + [f"绩效自评表{n}" for n in range(1, 9)]
    perf = wb["绩效自评表5"]
    assert perf["A1"].value == "2023年度中央中小企业发展专项资金项目绩效自评表"
    assert [perf.cell(10, c).value for c in range(4, 9)] == ["惠及企业金额", 450, 450, 20, 20]
    assert perf.cell(8, 3).value == 450 and perf.cell(8, 3).number_format == "#,##0.00"  # 预算数
    ws = wb["公开03表"]
    found = {ws.cell(r, 1).value: [ws.cell(r, c).value for c in range(3, 6)] for r in range(1, ws.max_row + 1)}
    assert found["2169999"][0] == pytest.approx(7318.16) and found["2169999"][1] is None
    assert ws.cell(1, 1).value == "支出决算表" and ws.cell(2, 8).value == "公开03表"
