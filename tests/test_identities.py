"""Property: for random leaf data in 元, every table identity of DOMAIN.md §4 holds exactly on the
printed 万元 values, and every printed leaf is within 0.01 万元 of its exact value."""

from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from strategies import PROFILE, reports

from juesuan import api
from juesuan.catalog import bundled
from juesuan.inputs.validate import validate
from juesuan.model import EXPENDITURE_FIELDS, FUND_INCOME, INCOME_FIELDS, Fund


def z(v):
    return v or Decimal(0)


def assert_subject_table(block, column_sums):
    """Row total = Σ component columns; 合计 = Σ 类; 类 = Σ 款; 款 = Σ 项."""
    rows = block.rows
    for row in rows:
        for total_key, parts in column_sums.items():
            assert z(row.cell(block, total_key)) == sum(z(row.cell(block, p)) for p in parts), (row.code, total_key)
        width = {"合计": 3, "类": 5, "款": 7}.get(row.level)
        if width:
            children = [r for r in rows if len(r.code) == width and r.code.startswith(row.code)]
            for i, value in enumerate(row.cells):
                assert z(value) == sum(z(c.cells[i]) for c in children), (row.code, i)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_every_identity_holds_exactly_on_printed_values(report):
    problems = [p for p in validate(report, bundled(), PROFILE, "random") if p.severity.value == "error"]
    assert not problems, problems
    acc = api.derive(report)
    t = {table.key: table for table in api.tables(report)}
    income, expenditure, general = t["income"].block, t["expenditure"].block, t["general_expenditure"].block
    assert_subject_table(income, {"total": ["fiscal", "superior", "business", "operating", "affiliated", "other"]})
    assert_subject_table(expenditure, {"total": ["basic", "project", "remit", "operating", "subsidy"]})
    assert_subject_table(general, {"total": ["basic", "project"]})
    fund = t["gov_fund"].block
    assert_subject_table(fund, {"total": ["basic", "project"]})
    for row in fund.rows:  # 年初 + 本年收入 − 本年支出 = 年末
        assert z(row.cell(fund, "opening")) + z(row.cell(fund, "income")) - z(row.cell(fund, "total")) == z(
            row.cell(fund, "closing"))

    # 收入支出决算总表
    left, right = t["summary"].blocks
    items = [r for r in left.rows if r.level == "item"]
    assert z(left.row("income_total").cells[0]) == sum(z(r.cells[0]) for r in items)
    assert z(left.row("grand_total").cells[0]) == z(left.row("income_total").cells[0]) + z(
        left.row("use_of_surplus").cells[0]) + z(left.row("opening").cells[0])
    classes = [r for r in right.rows if r.level == "类"]
    assert z(right.row("expenditure_total").cells[0]) == sum(z(r.cells[0]) for r in classes)
    assert z(right.row("grand_total").cells[0]) == z(right.row("expenditure_total").cells[0]) + z(
        right.row("distribution").cells[0]) + z(right.row("closing").cells[0])
    assert left.row("grand_total").cells[0] == right.row("grand_total").cells[0]
    # cross-table: 总表 = 收入表 / 支出表, per 类 too
    assert z(left.row("income_total").cells[0]) == z(income.row("total").cell(income, "total"))
    assert z(right.row("expenditure_total").cells[0]) == z(expenditure.row("total").cell(expenditure, "total"))
    for r in classes:
        in_table = next((x for x in expenditure.rows if x.code == r.code), None)
        assert z(r.cells[0]) == z(in_table.cell(expenditure, "total") if in_table else None)

    # 财政拨款收入支出决算总表
    f_left, f_right = t["fiscal_summary"].blocks
    for row in f_right.rows:
        if row.key:
            assert z(row.cells[0]) == sum(z(c) for c in row.cells[1:]), row.key
    for fund_, key in zip((Fund.GENERAL, Fund.GOV_FUND, Fund.STATE_CAPITAL), ("general", "gov_fund", "state_capital")):
        income_row = f_left.row(FUND_INCOME[fund_][0]).cells[0]
        assert z(income_row) == z(left.row(FUND_INCOME[fund_][0]).cells[0])  # 总表 fund incomes = 财政总表
        spent = z(f_right.row("expenditure_total").cell(f_right, key))
        closing = z(f_right.row("closing").cell(f_right, key))
        assert z(income_row) + z(acc.opening[fund_]) == spent + closing
    assert z(f_left.row("income_total").cells[0]) == z(income.row("total").cell(income, "fiscal"))
    assert z(f_right.row("expenditure_total").cell(f_right, "general")) == z(general.row("total").cell(general, "total"))
    for row in f_right.rows:
        if row.level == "类":
            g = next((x for x in general.rows if x.code == row.code), None)
            assert z(row.cell(f_right, "general")) == z(g.cell(general, "total") if g else None)
            e = next((x for x in expenditure.rows if x.code == row.code), None)
            assert z(e.cell(expenditure, "total") if e else None) >= z(row.cells[0])

    # 基本支出明细表: 类 = Σ 款; 人员 + 公用 = 基本支出
    basic = t["general_basic"]
    for lane in basic.blocks:
        for row in lane.rows:
            if row.level == "类":
                assert z(row.cells[0]) == sum(z(r.cells[0]) for r in lane.rows if r.level == "款" and r.code[:3] == row.code)
    personnel, public = (z(v) for _, v in basic.footer)
    assert personnel + public == z(general.row("total").cell(general, "basic"))

    # 三公: 合计 = 出国 + 小计 + 接待; 小计 = 购置 + 运维
    sg = t["sangong"].block
    for kind in ("budget", "actual"):
        cell = lambda k, kind=kind: z(sg.rows[0].cell(sg, f"{kind}_{k}"))
        assert cell("total") == cell("abroad") + cell("vehicle_total") + cell("reception")
        assert cell("vehicle_total") == cell("vehicle_purchase") + cell("vehicle_operation")

    # every printed leaf is its exact value rounded down or up
    for ln in report.lines:
        for f in INCOME_FIELDS + EXPENDITURE_FIELDS:
            exact = getattr(ln, f)
            printed = acc.leaves[f][ln.code]
            assert (exact is None) == (printed is None)
            if exact is not None:
                assert abs(printed - exact / 10000) < Decimal("0.01")
