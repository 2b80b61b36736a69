"""The second example, end to end: 上海市普陀区规划和自然资源局 2024, its workbook filled from its published
report (tests/corpus/pdf/shanghai-putuo-ghzyj-2024.pdf) as its officer would. Built with the shanghai-2024
profile, its tables and every figure of its 情况说明 are compared with the published report's; where they
differ, the published report contradicts its own tables or arithmetic (each case below was checked by hand
against the published PDF)."""

import json
import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CORPUS, ROOT

from juesuan import api
from juesuan.model import SubjectLine
from juesuan.parse import read_document

EXAMPLE = ROOT / "examples" / "putuo-ghzyj-2024"
PUBLISHED = CORPUS / "pdf" / "shanghai-putuo-ghzyj-2024.pdf"

# (table, row, column): (ours, published). Each published figure is off its own parts by a 尾数:
TABLE_TAILS = {
    # 卫生健康支出 = 行政单位医疗 40.35 + 事业单位医疗 196.29 = 236.64; the published 类 rows print 236.63
    ("summary", "210", "amount"): ("236.64", "236.63"),
    ("fiscal_summary", "210", "total"): ("236.64", "236.63"),
    ("fiscal_summary", "210", "general"): ("236.64", "236.63"),
    # 城乡社区支出 = 1,105.68 + 2,739.56 (all funds) and 1,092.79 + 2,739.56 (一般公共预算), where the published
    # 行政运行 row prints 1,092.80 beside its own 基本 1,084.02 + 项目 8.77 = 1,092.79
    ("summary", "212", "amount"): ("3845.24", "3845.25"),
    ("fiscal_summary", "212", "total"): ("3832.35", "3832.36"),
    ("fiscal_summary", "212", "general"): ("3832.35", "3832.36"),
    ("general_expenditure", "212", "total"): ("3832.35", "3832.36"),
    ("general_expenditure", "21201", "total"): ("1092.79", "1092.80"),
    ("general_expenditure", "2120101", "total"): ("1092.79", "1092.80"),
    # so the 一般公共预算 spending is the sum of its 项, 9,746.49, not the printed 9,746.50; the 0.01 of
    # income not spent is a 年末结转 (the published form prints none)
    ("fiscal_summary", "expenditure_total", "total"): ("9746.49", "9746.50"),
    ("fiscal_summary", "expenditure_total", "general"): ("9746.49", "9746.50"),
    ("fiscal_summary", "closing", "total"): ("0.01", "0"),
    ("fiscal_summary", "closing", "general"): ("0.01", "0"),
    ("general_expenditure", "total", "total"): ("9746.49", "9746.50"),
    # 基本支出明细: its items sum to 5,364.74, the 基本支出 to 5,364.75; the 0.01 goes to the largest item
    # (30107, the I020 warning says so), and 商品和服务支出 is the sum of its items, 440.88 (printed 440.90)
    ("general_basic", "301", "amount"): ("4816.15", "4816.14"),
    ("general_basic", "30107", "amount"): ("1594.03", "1594.02"),
    ("general_basic", "302", "amount"): ("440.88", "440.90"),
    ("general_basic", "footer", "人员经费合计"): ("4884.11", "4884.09"),
    ("general_basic", "footer", "公用经费合计"): ("480.64", "480.66"),
}

# 情况说明 section → figures only one side states. The published text's own slips: 9,746.50 (its printed
# total, not the sum of its 项), 99.86% and 1,193.20 (from it), "增长13.95" without its %; the 年初预算
# 10,210.34 where its 项 sum to 10,210.33 (so 95.45%); 236.63 / 3,832.36 / 1,092.80 as in its tables;
# 基本支出 5,377.64 and 人员经费 4,896.98 (all funds' 基本支出, and a figure no table has) where its own 表06
# prints 5,364.75 and 4,884.09; "完成预算的0.00%" of a zero budget; "0.39万" without 元; 政府采购 2,319.21
# where 122.43 + 1,387.72 + 809.07 = 2,319.22. Ours adds what the template asks for: vehicles bought (0辆)
# and problems rectified (0个).
NARRATIVE_DIFFERENCES = {
    "五": ({"9746.50万元": 3, "99.86%": 1, "1193.20万元": 1, "236.63万元": 1, "3832.36万元": 1, "10210.34万元": 1,
           "95.45%": 1, "1092.80万元": 1},
          {"9746.49万元": 3, "99.87%": 1, "1193.19万元": 1, "13.95%": 1, "236.64万元": 1, "3832.35万元": 1,
           "10210.33万元": 1, "95.46%": 1, "1092.79万元": 1}),
    "六": ({"5377.64万元": 1, "4896.98万元": 1, "480.66万元": 1}, {"5364.75万元": 1, "4884.11万元": 1, "480.64万元": 1}),
    "七": ({"0.00%": 2}, {"0.39万元": 1, "0辆": 1}),
    "十": ({}, {"0个": 2}),
    "十一": ({"2319.21万元": 1}, {"2319.22万元": 1}),
}

FIGURE = re.compile(r"(\d[\d,]*\.?\d*)(万元|%|个|辆|批次|人次|分)")
SECTION = re.compile(r"^([一二三四五六七八九十]+)、")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("putuo")
    result = api.build(EXAMPLE / "data.xlsx", out)
    assert result.ok and not result.draft, result.problems
    return out


@pytest.fixture(scope="module")
def published():
    return read_document(PUBLISHED)


def test_the_workbook_and_the_json_hold_the_same_report():
    from_xlsx, _ = api.read_report(EXAMPLE / "data.xlsx")
    from_json, _ = api.read_report(EXAMPLE / "data.json")

    def plain(value):
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items() if k != "loc"}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value.normalize() if isinstance(value, Decimal) else value

    assert plain(from_xlsx.model_dump()) == plain(from_json.model_dump())


def test_the_built_tables_are_the_published_ones_but_for_its_tails(published):
    report, _ = api.read_report(EXAMPLE / "data.json")
    differences = {}
    for table in api.tables(report):
        read = published.table(table.key)
        assert read is not None, table.key
        for block in table.blocks:
            side = block.title if table.key in ("summary", "fiscal_summary") else None
            for row in block.rows:
                for column in block.columns:
                    ours, theirs = row.cell(block, column.key) or 0, read.value(row.key, column.key, side) or 0
                    if ours != theirs:
                        differences[(table.key, row.key, column.key)] = (str(ours), str(theirs))
        theirs = dict(read.footer)
        for name, ours in table.footer:
            if (ours or 0) != (theirs.get(name) or 0):
                differences[(table.key, "footer", name)] = (str(ours), str(theirs.get(name)))
    assert differences == TABLE_TAILS


def _figures(path: Path) -> dict[str, Counter]:
    """Every figure of the 情况说明 (第三部分), by its numbered section."""
    found: dict[str, Counter] = {}
    for paragraph in read_document(path).paragraphs:
        section = [s.replace(" ", "") for s in paragraph.section if s]
        if len(section) < 2 or "第三部分" not in section[0] or not (m := SECTION.match(section[1])):
            continue
        text = paragraph.text.replace(" ", "")
        found.setdefault(m.group(1), Counter()).update(f"{f.group(1).replace(',', '')}{f.group(2)}"
                                                       for f in FIGURE.finditer(text))
    return found


def test_every_narrative_figure_is_the_published_one_section_by_section(built):
    theirs, ours = _figures(PUBLISHED), _figures(built / "report.pdf")
    assert set(theirs) == set(ours) == set("一二三四五六七八九十") | {"十一"}
    for section in theirs:
        published_only, ours_only = NARRATIVE_DIFFERENCES.get(section, ({}, {}))
        assert dict(theirs[section] - ours[section]) == published_only, section
        assert dict(ours[section] - theirs[section]) == ours_only, section


@pytest.mark.parametrize("name", ["report.pdf", "report.docx", "report.html", "tables.xlsx", "report.txt"])
def test_every_format_of_the_example_checks_clean(built, name):
    findings = api.check(built / name).findings
    assert [f"{f.rule} {f.message}" for f in findings] == []


def test_the_example_states_the_templates_sentences(built):
    text = (built / "report.txt").read_text(encoding="utf-8")
    for sentence in ("第二部分 上海市普陀区规划和自然资源局2024年度部门决算表",
                     "序号\t单位名称\t备注\n1\t上海市普陀区规划和自然资源局\t本级\n"
                     "2\t上海市普陀区规划和自然资源局执法大队\t下属参公事业单位",
                     "主要用于：退休人员开展活动支出。年初预算为0.88万元",
                     "决算数小于预算数的主要原因：城乡社区支出（类）未完成年初预期",
                     "公务接待费支出决算减少0.15万元，下降27.78%。公务接待费支出减少的主要原因是",
                     "主要用于接待上级部门及外省市单位调研学习及考察，全年国内公务接待2批次、26人次",
                     "绩效自评的2024年度项目39个，涉及预算金额4,415.48万元，平均得分99.33分",
                     "比2023年度减少13.52万元，下降8.65%",
                     "其中：部级领导干部用车0辆", "较上一度增加1,133.95万元"):
        assert sentence in text, sentence
    assert "【待补充" not in text and "草稿" not in text
    assert json.loads((EXAMPLE / "data.json").read_text(encoding="utf-8"))["profile"] == "shanghai-2024"


def test_init_from_json_and_parse_to_a_workbook_write_what_build_reads(tmp_path):
    from typer.testing import CliRunner

    from juesuan.cli import app

    runner = CliRunner()
    made = tmp_path / "data.xlsx"       # named as the committed one: each record's location names its file
    assert runner.invoke(app, ["init", str(made), "--from", str(EXAMPLE / "data.json")]).exit_code == 0
    assert api.read_report(made)[0] == api.read_report(EXAMPLE / "data.xlsx")[0]
    parsed = tmp_path / "parsed.xlsx"
    assert runner.invoke(app, ["parse", str(PUBLISHED), "-o", str(parsed)]).exit_code == 0
    report, problems = api.read_report(parsed)
    assert report is not None and report.department.name == "上海市普陀区规划和自然资源局"
    assert report.procurement.sme_reserved == Decimal("225.10") and report.assets.vehicles["省级领导干部用车"] == 0


def test_a_term_of_the_workbook_replaces_the_templates_and_the_rest_are_added(tmp_path):
    report, _ = api.read_report(EXAMPLE / "data.json")
    report = report.model_copy(update={"terms": {"经营支出": "指本单位没有的支出。", "事业单位": "指本部门所属的三个单位。"}})
    source = tmp_path / "data.json"
    source.write_text(report.model_dump_json(), encoding="utf-8")
    assert api.build(source, tmp_path / "out", formats=("txt",)).ok
    text = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert "九、经营支出：指本单位没有的支出。" in text and "十二、事业单位：指本部门所属的三个单位。" in text
    assert "经营支出：指事业单位在专业活动" not in text


def test_a_fund_with_money_is_stated_item_by_item_as_the_template_asks(tmp_path):
    """八、政府性基金: 收入 and 支出, then each 项 with its use, 年初预算 and 决算 and why they differ; a 项
    with no reason given is marked for the officer, its field named."""
    report, _ = api.read_report(EXAMPLE / "data.json")
    fund = [SubjectLine(code="21208", name="国有土地使用权出让收入安排的支出", loc=None),
            SubjectLine(code="2120801", name="征地和拆迁补偿支出", inc_gov_fund=Decimal("120"),
                        exp_gov_fund_project=Decimal("100.5"), budget_gov_fund=Decimal("150"),
                        purpose="征地拆迁补偿", variance_reason="部分地块拆迁进度延后", loc=None),
            SubjectLine(code="2120803", name="城市建设支出", inc_gov_fund=Decimal("30"),
                        exp_gov_fund_project=Decimal("30"), budget_gov_fund=Decimal("20"), purpose="道路修缮", loc=None)]
    source = tmp_path / "data.json"
    source.write_text(report.model_copy(update={"lines": [*report.lines, *fund]}).model_dump_json(), encoding="utf-8")
    result = api.build(source, tmp_path / "out", formats=("txt",), draft=True)
    text = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    section = text[text.index("八、政府性基金"):text.index("九、国有资本")]
    assert "政府性基金预算财政拨款收入150.00万元，支出130.50万元，支出具体情况如下：" in section
    assert ("1、城乡社区支出（类）国有土地使用权出让收入安排的支出（款）征地和拆迁补偿支出（项）。主要用于：征地拆迁补偿。"
            "年初预算为150.00万元，支出决算为100.50万元。决算数小于预算数的主要原因：部分地块拆迁进度延后。") in section
    assert "2、城乡社区支出（类）国有土地使用权出让收入安排的支出（款）城市建设支出（项）。主要用于：道路修缮。" \
           "年初预算为20.00万元，支出决算为30.00万元。决算数大于预算数的主要原因：【待补充" in section
    assert [g.field for g in result.gaps] == ["variance:2120803"]


def test_the_officer_marks_the_row_that_takes_the_basic_spending_tail(tmp_path):
    """The 基本支出明细 sums to 5,364.74 against a 基本支出 of 5,364.75: unmarked, the 0.01 goes to the largest
    row (30107, with a warning that says where and how to choose); marked, to the marked row (a note)."""
    report, _ = api.read_report(EXAMPLE / "data.json")
    office = next(e for e in report.economic if e.code == "30201")

    def basic_table(economic):
        source = tmp_path / "data.json"
        source.write_text(report.model_copy(update={"economic": economic}).model_dump_json(), encoding="utf-8")
        result = api.build(source, tmp_path / "out", formats=("json",), force=True)
        tables = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["tables"]
        blocks = next(t for t in tables if t["key"] == "general_basic")["blocks"]
        return ({r["code"]: r["cells"]["amount"] for b in blocks for r in b["rows"]},
                [p for p in result.problems if p.rule.startswith("I02")])

    unmarked, problems = basic_table(report.economic)
    assert (unmarked["30107"], unmarked["30201"]) == ("1594.03", str(office.amount))
    assert [(p.rule, p.severity.name) for p in problems] == [("I020", "WARNING")] and "可在" in problems[0].message
    marked, problems = basic_table([e.model_copy(update={"tail": e.code == "30201"}) for e in report.economic])
    assert (marked["30107"], marked["30201"]) == ("1594.02", str(office.amount + Decimal("0.01")))
    assert [(p.rule, p.severity.name) for p in problems] == [("I020", "INFO")] and "30201" in problems[0].message
    twice = [e.model_copy(update={"tail": e.code in ("30201", "30107")}) for e in report.economic]
    source = tmp_path / "twice.json"
    source.write_text(report.model_copy(update={"economic": twice}).model_dump_json(), encoding="utf-8")
    assert "I033" in {p.rule for p in api.build(source, tmp_path / "out2", formats=("json",)).problems}


def test_an_answer_fills_any_field_a_gap_names():
    report, _ = api.read_report(EXAMPLE / "data.json")
    filled = api.fill(report, {"performance.summary.good": "3", "sangong.reception_use": "接待考察",
                               "purpose:2080501": "离退休支出"})
    assert filled.performance.summary.good == 3 and filled.sangong.reception_use == "接待考察"
    assert next(ln for ln in filled.lines if ln.code == "2080501").purpose == "离退休支出"
    with pytest.raises(api.AnswerError):
        api.fill(report, {"performance.summary.good": "三个"})



def test_each_table_is_printed_on_one_page(built):
    """Each table fits one landscape page at some print size (the published report prints each on one),
    so the PDF has a landscape page per table and each holds its table's title."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(built / "report.pdf")
    landscape = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))
                 if pdf[i].get_width() > pdf[i].get_height()]
    titles = [t["title"] for t in json.loads((built / "report.json").read_text(encoding="utf-8"))["tables"]]
    assert len(landscape) == len(titles) == 9
    assert all(title in text for title, text in zip(titles, landscape))


@pytest.fixture(scope="module")
def docx_pages(built, tmp_path_factory):
    """The DOCX as a reader without Word sees it: laid out by LibreOffice, one text per page."""
    import shutil
    import subprocess

    import pypdfium2

    if not shutil.which("soffice"):
        pytest.skip("LibreOffice is not installed (make system installs it)")
    out = tmp_path_factory.mktemp("docx-layout")
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{out}/profile", "--convert-to", "pdf",
                    "--outdir", str(out), str(built / "report.docx")], check=True, capture_output=True, timeout=300)
    pdf = pypdfium2.PdfDocument(out / "report.pdf")
    return [(pdf[i].get_width() > pdf[i].get_height(), pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]


def test_the_docx_contents_give_each_entrys_page_with_no_blank_page(built, docx_pages):
    """The 目录 lists the parts, sections and the nine tables (一、…), each with the page LibreOffice laid it
    out on; each table is on one landscape page; no page is empty."""
    contents = "".join(text for _, text in docx_pages[1:4])
    entries = dict(re.findall(r"^(\S[^\r\n]*?)\.{4,}(\d+)\s*$", contents, flags=re.MULTILINE))
    titles = [t["title"] for t in json.loads((built / "report.json").read_text(encoding="utf-8"))["tables"]]
    numbered = [f"{n}、{t}" for n, t in zip("一二三四五六七八九", titles)]
    assert all(entry in entries for entry in numbered), sorted(entries)
    for entry in numbered:
        landscape, text = docx_pages[int(entries[entry]) - 1]
        assert landscape and entry.split("、", 1)[1] in text, entry
    assert sum(landscape for landscape, _ in docx_pages) == 9
    heading = next(e for e in entries if e.startswith("第三部分"))
    assert heading.replace(" ", "") in re.sub(r"\s", "", docx_pages[int(entries[heading]) - 1][1])
    assert all(re.sub(r"\s|\d", "", text) for _, text in docx_pages), "a blank page"
