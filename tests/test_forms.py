"""The forms declared as data: a regional variant added by a profile overlay alone is built, parsed
and checked with no code change; a broken overlay is a clear profile error."""

from decimal import Decimal
from importlib import resources

import pytest
from conftest import EXAMPLE

from juesuan import api
from juesuan.forms import final_accounts
from juesuan.inputs import load_report
from juesuan.parse import read_document
from juesuan.profiles import ProfileError
from juesuan.profiles import load as load_profile

BUNDLED_PATH = resources.files("juesuan.profiles") / "wuhan-2023.toml"

# A 非财政拨款支出决算表 as some regions add it: 类/款/项 × 合计 | 基本支出 | 项目支出 of non-fiscal money,
# recognised by its title before the plain 支出决算表, and its row totals checked as T006.
OVERLAY = """
[forms.non_fiscal]
name = "非财政拨款支出决算表"
layout = "subjects"
columns = [
  { key = "total", header = ["本年支出", "合计"], sums = ["exp_other_basic", "exp_other_project"] },
  { key = "basic", header = ["本年支出", "基本支出"], sums = ["exp_other_basic"] },
  { key = "project", header = ["本年支出", "项目支出"], sums = ["exp_other_project"] },
]
header_words = [["基本支出", "basic"], ["项目支出", "project"], ["合计", "total"]]

[[recognise]]
words = ["非财政拨款支出决算表"]
form = "non_fiscal"

[[identities]]
rule = "T006"
kind = "columns"
forms = ["non_fiscal"]
left = "total"
right = ["basic", "project"]
what = "{row} 行合计"
parts = "各栏之和"
"""


def _profile_file(tmp_path, extra: str = OVERLAY, tables_line: str = '"sangong", "non_fiscal"]') -> str:
    text = (BUNDLED_PATH.read_text(encoding="utf-8").replace('id = "wuhan-2023"', 'id = "wuhan-2023-non-fiscal"')
            .replace('"sangong"]', tables_line, 1))
    path = tmp_path / "wuhan-non-fiscal.toml"
    path.write_text(text + extra, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def non_fiscal_report(tmp_path_factory):
    """The example with 事业收入 spent on two 项 as 非财政拨款项目支出, built with the overlay profile."""
    folder = tmp_path_factory.mktemp("overlay")
    profile = _profile_file(folder)
    report = load_report(EXAMPLE)
    lines = list(report.lines)
    changed = 0
    for i, line in enumerate(lines):
        if len(line.code) == 7 and line.exp_general_project and changed < 2:
            lines[i] = line.model_copy(update={"inc_business": Decimal("12.35"),
                                               "exp_other_project": Decimal("12.35")})
            changed += 1
    data = folder / "data.json"
    data.write_text(report.model_copy(update={"lines": lines, "profile": profile}).model_dump_json(), encoding="utf-8")
    result = api.build(data, folder / "out", formats=("txt",))
    assert result.ok, ([str(p) for p in result.problems], result.check and result.check.findings[:3])
    return profile, folder / "out" / "report.txt"


def test_an_overlay_form_is_built_from_the_declaration(non_fiscal_report):
    profile, text = non_fiscal_report
    assert load_profile(profile).tables[-1] == "non_fiscal"
    printed = text.read_text(encoding="utf-8")
    assert "公开10表" in printed and "非财政拨款支出决算表" in printed
    lines = printed[printed.index("非财政拨款支出决算表"):].split("\n")
    rows = {cells[0] or cells[1]: cells[2:] for cells in (line.split("\t") for line in lines[5:lines.index("", 5)])}
    items = [cells for code, cells in rows.items() if len(code) == 7]
    # two 项 of 12.35 each, as 项目支出: the 合计 row is their sum, 基本支出 blank
    assert len(items) == 2 and all(cells == ["12.35", "", "12.35"] for cells in items), rows
    assert rows["合计"] == ["24.70", "", "24.70"]


def test_an_overlay_form_is_recognised_and_read(non_fiscal_report):
    profile, text = non_fiscal_report
    doc = read_document(text, forms=load_profile(profile).forms)
    table = doc.table("non_fiscal")
    assert table is not None and [c.key for c in table.block.columns] == ["total", "basic", "project"]
    total = next(r for r in table.block.rows if r.level == "合计")
    assert total.cells[0] == total.cells[2] and total.cells[0] > 0
    assert len([r for r in table.block.rows if r.level == "项"]) == 2
    # without the overlay the same title is the plain 支出决算表's: never read as this form
    assert read_document(text).table("non_fiscal") is None


def test_an_overlay_identity_is_checked(non_fiscal_report, tmp_path):
    profile, text = non_fiscal_report
    clean = api.check(text, profile=profile)
    assert not [f for f in clean.findings if f.rule.startswith("T")], clean.findings
    ran = {o.rule: o.status.value for o in clean.outcomes}
    assert ran["T006"] == ran["T009"] == "passed"
    # one 项's 合计 printed 1.00 too high: its row total (T006) and its 款 (T009) no longer add up
    lines = text.read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == "非财政拨款支出决算表")
    row = next(i for i in range(start, len(lines)) if lines[i].split("\t")[0].isdigit() and len(lines[i].split("\t")[0]) == 7)
    cells = lines[row].split("\t")
    cells[2] = f"{Decimal(cells[2].replace(',', '')) + 1:,.2f}"   # 本年支出合计
    lines[row] = "\t".join(cells)
    broken = tmp_path / "report.txt"
    broken.write_text("\n".join(lines), encoding="utf-8")
    found = [f for f in api.check(broken, profile=profile).findings if "非财政拨款" in f.location.table]
    assert {f.rule for f in found} >= {"T006", "T009"}, [(f.rule, f.message) for f in found]
    assert any(f.rule == "T006" and f.location.row == cells[0].strip() and "1.00" in f.message for f in found)


def test_a_broken_overlay_is_a_profile_error(tmp_path):
    unknown_rule = OVERLAY.replace('rule = "T006"', 'rule = "T099"')
    with pytest.raises(ProfileError, match="T099"):
        load_profile(_profile_file(tmp_path, unknown_rule))
    (tmp_path / "b").mkdir()
    with pytest.raises(ProfileError, match="missing_form"):
        load_profile(_profile_file(tmp_path / "b", "", '"sangong", "missing_form"]'))


def test_the_shipped_forms_declare_every_identity_with_its_rule():
    forms = final_accounts()
    assert {i.rule for i in forms.identities} == set(forms.rules)
    for identity in forms.identities:
        assert set(forms.scope(identity)) <= set(forms.forms), identity
    assert set(forms.subject_forms) == {"income", "expenditure", "general_expenditure", "gov_fund",
                                        "state_capital", "general_fund"}
