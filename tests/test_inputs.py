"""Every kind of input error is reported with its place and what was expected; nothing is written."""

import json
from decimal import Decimal
import shutil

import pytest
from conftest import EXAMPLE
from openpyxl import load_workbook
from typer.testing import CliRunner

from juesuan.cli import app
from juesuan.inputs import errors_in, read_report

runner = CliRunner()


def edited(tmp_path, edit, name="data.xlsx"):
    path = tmp_path / name
    shutil.copy(EXAMPLE, path)
    wb = load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def header_column(ws, header):
    return next(c for c in range(1, ws.max_column + 1) if ws.cell(1, c).value == header)


def row_of(ws, code):
    return next(r for r in range(2, ws.max_row + 1) if str(ws.cell(r, 2).value) == code)


def errors(path):
    _report, problems = read_report(path)
    return errors_in(problems)


def with_item(tmp_path, code, changes):
    """The example with the 收支明细 row of ``code`` changed: header → new value (None clears)."""
    def edit(wb):
        ws = wb["收支明细"]
        row = row_of(ws, code)
        for header, value in changes.items():
            ws.cell(row, header_column(ws, header)).value = value
    return edited(tmp_path, edit)


def reported(found, location, text):
    return any(str(p.location) == location and text in p.message for p in found)


def test_the_example_has_no_errors():
    assert errors(EXAMPLE) == []


def test_text_in_an_amount_cell(tmp_path):
    found = errors(with_item(tmp_path, "2010350", {"一般公共预算财政拨款收入": "12,3a"}))
    assert [(str(p.location), p.message) for p in found] == [
        ("data.xlsx:收支明细!D2", "「12,3a」不是金额（应为数字，如 1,234.56）")]


def test_missing_sheet(tmp_path):
    found = errors(edited(tmp_path, lambda wb: wb.remove(wb["收支明细"])))
    assert str(found[0].location) == "data.xlsx" and "缺少工作表「收支明细」" in found[0].message


def test_missing_column(tmp_path):
    def edit(wb):
        ws = wb["收支明细"]
        ws.cell(1, header_column(ws, "科目代码")).value = None
    found = errors(edited(tmp_path, edit))
    assert reported(found, "data.xlsx:收支明细!1", "缺少列「科目代码」")


def test_unknown_code_without_a_name(tmp_path):
    found = errors(with_item(tmp_path, "2010350", {"科目代码": "2019998", "科目名称": None}))
    assert reported(found, "data.xlsx:收支明细!B2", "科目目录中没有 2019998")


def test_malformed_code(tmp_path):
    found = errors(with_item(tmp_path, "2010350", {"科目代码": "20103a"}))
    assert reported(found, "data.xlsx:收支明细!B2", "「20103a」不是功能分类科目代码")


def test_duplicate_rows(tmp_path):
    def edit(wb):
        ws = wb["收支明细"]
        src = row_of(ws, "2010350")
        for c in range(1, ws.max_column + 1):  # rows 2–24 hold the 23 项
            ws.cell(25, c, ws.cell(src, c).value)
    found = errors(edited(tmp_path, edit))
    assert reported(found, "data.xlsx:收支明细!B25", "科目 2010350 重复（与 data.xlsx:收支明细!B2 相同）")


def test_item_without_its_kuan_or_lei(tmp_path):
    # 2019999 is in the catalogue, but its 款 20199 is not: the 款 row needs a name.
    found = errors(with_item(tmp_path, "2010350", {"科目代码": "2019999"}))
    assert reported(found, "data.xlsx:收支明细!B2", "项 2019999 的款 20199 没有名称")


def test_negative_amount(tmp_path):
    found = errors(with_item(tmp_path, "2101102", {"一般公共预算财政拨款年初预算数": -5}))
    assert [str(p.location) for p in found] == ["data.xlsx:收支明细!B10"]
    assert "为负数" in found[0].message and "年初预算数" in found[0].message


def test_empty_workbook(tmp_path):
    path = tmp_path / "blank.xlsx"
    assert runner.invoke(app, ["init", str(path)]).exit_code == 0

    def fill_basics(wb):
        ws = wb["基本信息"]
        for label, value in (("部门名称", "某部门"), ("部门级次", "区"), ("决算年度", 2024)):
            r = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == label)
            ws.cell(r, 2, value)
    wb = load_workbook(path)
    fill_basics(wb)
    wb.save(path)
    found = errors(path)
    assert [p.message for p in found] == ["收支明细没有数据：请按功能分类项（7 位代码）填写收入和支出"]


def test_not_a_workbook(tmp_path):
    path = tmp_path / "report.xlsx"
    path.write_text("这不是工作簿", encoding="utf-8")
    found = errors(path)
    assert [(str(p.location), p.rule) for p in found] == [("report.xlsx", "I002")]


def test_economic_total_must_match_basic_expenditure(tmp_path):
    def edit(wb):
        ws = wb["基本支出明细"]
        ws.cell(2, header_column(ws, "决算数"), 163.31)  # 30101: 63.31 → 163.31
    found = errors(edited(tmp_path, edit))
    [total] = [p for p in found if p.rule == "I021"]
    # the sheet's total is 99.99 more than the 基本支出 it must equal (the sign said otherwise), at a cell
    assert "基本支出明细合计 503.49万元" in total.message and "多 99.99万元" in total.message
    assert total.location.cell.startswith("基本支出明细!")


def test_a_year_written_in_chinese_numerals_is_told_what_a_year_is(tmp_path):
    def year(wb):
        ws = wb["基本信息"]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "决算年度")
        ws.cell(row, 2).value = "二〇二三"
    [found] = errors(edited(tmp_path, year))
    assert "「二〇二三」不是年度（应为 4 位阿拉伯数字，如 2023）" in found.message


def test_build_with_errors_exits_2_and_writes_nothing(tmp_path):
    source = with_item(tmp_path, "2010350", {"一般公共预算财政拨款收入": "12,3a"})
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 2
    assert "data.xlsx:收支明细!D2: error: 「12,3a」不是金额" in result.output
    assert not out.exists() or not any(out.iterdir())
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [["build", "nothing.xlsx"], ["validate", "nothing.json"]])
def test_missing_file_is_a_clear_error(args, tmp_path):
    result = runner.invoke(app, args + (["-o", str(tmp_path)] if args[0] == "build" else []))
    assert result.exit_code == 2 and "文件不存在" in result.output and "Traceback" not in result.output


def test_input_problems_are_findings_of_family_i_located_by_cell(tmp_path):
    def unreadable_year(wb):
        ws = wb["基本信息"]
        row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "决算年度")
        ws.cell(row, 2).value = "今年"
    source = edited(tmp_path, unreadable_year)
    [found] = errors(source)
    assert found.rule == "I007" and found.title == "单元格的值无法识别"
    assert found.location.file == "data.xlsx" and found.location.cell.startswith("基本信息!B")
    result = runner.invoke(app, ["validate", str(source), "--format", "json"])
    [shown] = json.loads(result.stdout)
    assert result.exit_code == 2 and shown["rule"] == "I007" and shown["where"] == str(found.location)
    assert "今年" in shown["message"]


TABLE_SHEETS = [spec for spec in __import__("juesuan.inputs.sheets", fromlist=["SHEETS"]).SHEETS if spec.kind == "table"]


@pytest.mark.parametrize("spec", TABLE_SHEETS, ids=lambda s: s.name)
def test_a_renamed_column_header_is_an_input_error_at_its_cell(tmp_path, spec):
    """Renaming a header (e.g. 项目支出 → 项目支出（备用）) used to drop that column's amounts silently
    (本年支出合计 27,266.89 → 403.50 with `build` exit 0): now the header's cell is named."""
    last = [f for f in spec.fields if not f.added][-1].header      # the example workbook predates added columns

    def rename(wb):
        ws = wb[spec.name]
        for row in ws.iter_rows(min_row=1, max_row=12):
            for cell in row:
                if cell.value == last:
                    cell.value = f"{last}（备用）"
                    return
        raise AssertionError(f"no header {last} in {spec.name}")
    found = read_report(edited(tmp_path, rename))[1]
    if len([f for f in spec.fields if not f.added]) == 1:      # its only header renamed: no header at all
        assert [(p.rule, str(p.location)) for p in found if p.rule == "I006"] == [("I006", f"data.xlsx:{spec.name}!1")]
        return
    unknown = [p for p in found if p.rule == "I030"]
    assert len(unknown) == 1 and unknown[0].severity.value == "error"
    assert unknown[0].location.cell.startswith(f"{spec.name}!") and f"「{last}（备用）」不是本表的列" in unknown[0].message
    assert any(p.rule == "I006" and last in p.message for p in found)      # and the column is missing


def test_a_stray_value_far_below_the_table_is_one_clear_error(tmp_path):
    """One value at row 1,000,000 used to mean a million rows read (121 s, 6 GB): now the farthest cell is named."""
    def stray(wb):
        wb["收支明细"].cell(1_000_000, 3).value = 5
    found = errors(edited(tmp_path, stray))
    assert [(str(p.location), p.rule) for p in found] == [("data.xlsx:收支明细!C1000000", "I009")]
    assert "超过 20,000 行" in found[0].message


def test_shanghai_sme_statements_hold_together(tmp_path):
    """I032: 小微 within SME, and what SMEs won within the year's 政府采购 (the rule N019 reads the same in a
    published report); located at the member to correct."""
    from juesuan.inputs.validate import validate
    from juesuan.catalog import bundled
    from juesuan.profiles import load

    report, _ = read_report(EXAMPLE)
    procurement = report.procurement.model_copy(update={"sme_reserved": Decimal(10), "small_micro_reserved": Decimal(12),
                                                        "sme_reserved_won": Decimal("17.32"), "sme_other_won": Decimal(5)})
    found = validate(report.model_copy(update={"procurement": procurement}), bundled(), load("wuhan-2023"), "data.json")
    assert {(p.rule, str(p.location)) for p in found if p.rule == "I032"} == \
        {("I032", "data.json:/procurement/small_micro_reserved"), ("I032", "data.json:/procurement/sme_other_won")}
