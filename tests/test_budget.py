"""部门预算 checked as a budget (issue 20): the eight real budgets of tests/corpus/budget (上海市普陀区,
2024–2026; sources in tests/corpus/README.md) read into the budget's nine forms and checked by the B
rules and the shared 文稿/结构 rules. Every error and warning asserted here was read in the document."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import CORPUS

from juesuan import api
from juesuan.parse import read_document, read_text
from juesuan.rules import Severity

BUDGET = CORPUS / "budget"
BUDGETS = sorted(BUDGET.glob("*.txt")) + sorted((BUDGET / "pdf").glob("*.pdf"))
FORMS = {"b_summary", "b_income", "b_expenditure", "b_fiscal_summary", "b_general", "b_gov_fund",
         "b_state_capital", "b_general_basic", "b_sangong"}


@pytest.mark.parametrize("path", BUDGETS, ids=lambda p: p.name)
def test_a_budget_is_read_and_checked_as_a_budget(path):
    doc = read_document(path)
    assert doc.kind == "budget" and doc.department.startswith("上海市普陀区") and doc.year in (2024, 2025, 2026)
    assert {t.key for t in doc.tables} == FORMS
    assert all(t.blocks for t in doc.tables), [t.title for t in doc.tables if not t.blocks]
    result = api.check(path)
    ran = [o.rule for o in result.outcomes if o.status.value in ("passed", "failed")]
    assert len(ran) >= 20 and {f"B0{n:02}" for n in range(1, 12)} <= set(ran)
    assert not any(r.startswith(("T", "X", "S", "G", "P")) for r in ran)     # the 决算's rules do not apply
    assert [f.message for f in result.findings if f.rule == "D008"] and \
        all(f.severity is Severity.INFO for f in result.findings if f.rule == "D008")


def _found(path: Path) -> Counter:
    return Counter((f.rule, f.severity.value) for f in api.check(path).findings if f.rule != "D008")


def test_jsgl_2026_read_by_hand():
    """建设和管理委员会 2026: 财政拨款支出 "比2025年预算增加115,649万元" but its parts say −5,965 + 119,614 + 0 =
    113,649; 328,661.81 万元 printed as 328,661 four times (a truncation, rounded it is 328,662); "增加0万元"
    five times in the 三公 section and once for 国有资本经营预算; the 绩效目标 section keeps the template's
    "（绩效目标管理工作情况，…）"; "3，518.85万元" with a full-width comma; a 项 opened with “ and never closed."""
    found = api.check(BUDGET / "shanghai-putuo-jsgl-2026.txt").findings
    b023 = [f for f in found if f.rule == "B023"]
    assert len(b023) == 1 and "115,649" in b023[0].message and "113,649" in b023[0].message
    b020 = [f for f in found if f.rule == "B020"]
    assert len(b020) == 4 and all(f.severity is Severity.WARNING and "328,662" in f.message for f in b020)
    assert sum(f.rule == "N004" for f in found) == 6
    assert any(f.rule == "H004" and "绩效目标管理工作情况" in f.message for f in found)
    assert {f.message for f in found if f.rule == "H002"} >= {"金额中混用全角标点：“3，518.85万元”"}
    assert not [f for f in found if f.rule in ("B021", "B022") or f.rule.startswith("B00")]


def test_sifaju_2026_compares_with_its_own_year():
    """司法局 2026 (PDF): "比2026年预算增加793.14万元" and "与2026年预算持平" — last year's budget is 2025's."""
    found = [f for f in api.check(BUDGET / "pdf" / "005_shanghai_putuo_sifaju_2026_budget.pdf").findings
             if f.rule == "H001"]
    assert len(found) == 5 and all(f.expected == "2025" and f.actual == "2026" and f.location.page == 8 for f in found)


def test_whole_yuan_tables_round_by_half_a_yuan():
    """万里街道 2025 prints its tables in whole 元: 21201 城乡社区管理事务 94,995,790 against its 项
    17,887,739 + 17,464,243 + 6,522,681 + 53,121,126 = 94,995,789 is a rounding tail (info), not an error."""
    found = _found(BUDGET / "pdf" / "002_shanghai_putuo_wanlijiedao_2025_budget.pdf")
    assert found[("B006", "info")] >= 2 and not any(s == "error" for (_, s) in found)


def test_a_spreadsheet_s_dropped_zero_in_a_code_is_read():
    """万里街道 2024's 经济分类预算表 prints "301 2 津贴补贴" and "301 7 绩效工资" (the 0 of 02 and 07 dropped):
    read as 30102 and 30107, 301 工资福利支出 88,282,511 equals its 款."""
    doc = read_document(BUDGET / "pdf" / "001_shanghai_putuo_wanlijiedao_2024_budget.pdf")
    rows = {r.code: r for r in doc.table("b_general_basic").block.rows}
    assert rows["30102"].name == "津贴补贴" and rows["30107"].name == "绩效工资"
    assert not [f for f in api.check(BUDGET / "pdf" / "001_shanghai_putuo_wanlijiedao_2024_budget.pdf").findings
                if f.rule.startswith("B") and f.severity is Severity.ERROR]


def _edited(old: str, new: str):
    text = (BUDGET / "shanghai-putuo-cgzfj-2026.txt").read_text(encoding="utf-8")
    assert old in text
    return read_text(text.replace(old, new), "edited.txt")


@pytest.mark.parametrize("old,new,rule,expected", [
    ("公务接待费0.46万元", "公务接待费0.64万元", "B021", "0.46"),                # 三公 text against its table
    ("机关运行经费预算为507.25万元", "机关运行经费预算为570.25万元", "B021", "507.25"),
    ("收入预算4748.35万元，其中", "收入预算4784.35万元，其中", "B020", "4,748.3458"),   # 47,483,458 元
    ("行政单位离退休（项）”261.47万元", "行政单位离退休（项）”216.47万元", "B022", "261.468"),  # 2,614,680 元
    ("政府性基金拨款支出预算0万元，与2025年预算持平", "政府性基金拨款支出预算0万元，比2025年预算增加5万元",
     "B023", "-14.79"),                                                 # −19.79 + 5 + 0 ≠ −19.79
])
def test_a_planted_mismatch_is_found(old, new, rule, expected):
    from juesuan.rules import run
    result = run(_edited(old, new))
    found = [f for f in result.findings if f.rule == rule]
    assert len(found) == 1 and found[0].severity is Severity.ERROR and found[0].expected == expected
    clean = run(read_text((BUDGET / "shanghai-putuo-cgzfj-2026.txt").read_text(encoding="utf-8"), "clean.txt"))
    assert not [f for f in clean.findings if f.rule == rule]


def test_parse_says_a_budget_is_not_yet_structured_data(tmp_path):
    from typer.testing import CliRunner

    from juesuan.cli import app

    result = CliRunner().invoke(app, ["parse", str(BUDGET / "shanghai-putuo-jsgl-2026.txt"),
                                       "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 2 and "是部门预算" in result.output and not (tmp_path / "out.json").exists()
