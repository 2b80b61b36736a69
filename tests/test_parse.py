"""Reading published reports: the corpus PDFs and texts against figures read by hand, round trips
through our own PDF, DOCX and XLSX, OCR of an image-only page, provenance, layout, parse CLI."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import SEED, CORPUS
from hypothesis import HealthCheck, example, given, settings
from strategies import justified_gap_report, reports, whole_wan_personnel_report
from typer.testing import CliRunner

from juesuan import api
from juesuan.cli import app
from juesuan.parse import ReadError, read_bytes, read_document, read_text
from juesuan.parse.report import (
    detect_layout,
    level_of,
    region_of,
    report_from_document,
)
from juesuan.parse.text import simplified

runner = CliRunner()

# Key figures read by hand from each document (万元): 本年收入合计, 本年支出合计, 基本支出, 项目支出,
# 人员经费合计, 公用经费合计, 三公 预算数 and 决算数 (None: the table is blank, "本表无数据").
KEY_FIGURES = {
    "pdf/shanghai-putuo-shgzb-2024.pdf": ("307.82", "307.82", "105.58", "202.24", "95.36", "10.23", None, None),
    "pdf/shanghai-putuo-ghzyj-2024.pdf": ("9746.50", "9759.38", "5377.64", "4381.74", "4884.09", "480.66",
                                          "2.85", "0.39"),
    "text/shanghai-putuo-shiquanlu-2025.txt": ("19044.27", "19044.27", "14206.00", "4838.27", "12010.40",
                                               "2195.60", "53.93", "37.35"),
    "text/shanghai-putuo-sthjj-2025.txt": ("4733.14", "4733.14", "3365.38", "1367.76", "2949.02", "416.36",
                                           "21.00", "16.95"),
    "text/shanghai-putuo-whlyj-2025.txt": ("26538.47", "26538.47", "9800.36", "16738.11", "8055.07", "1745.29",
                                           "11.49", "3.04"),
}
DEPARTMENTS = {
    "pdf/shanghai-putuo-shgzb-2024.pdf": "中共上海市普陀区委社会工作部",
    "pdf/shanghai-putuo-ghzyj-2024.pdf": "上海市普陀区规划和自然资源局",
}


def _expected_rows() -> dict[str, dict[str, tuple[str, ...]]]:
    rows: dict[str, dict[str, tuple[str, ...]]] = {}
    current = ""
    for line in (Path(__file__).parent / "data" / "corpus_expenditure.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            current = line.strip("[]")
            rows[current] = {}
        elif line and not line.startswith("#"):
            code, *values = line.split()
            rows[current][code] = tuple(values)
    return rows


@pytest.fixture(scope="module")
def corpus_docs():
    return {name: read_document(CORPUS / name) for name in KEY_FIGURES}


def _d(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


# Department and year as each report opening in corpus/fragments prints them (read by hand from the
# text under the curator's front matter; a mirror's misprint, 手机彩票网, stays as printed; the pages a
# mirror turned into traditional characters with pinyin are read as the simplified text they were).
# Left out: openings that name no unit.
FRAGMENT_IDENTITY = {
    "004_urumqi_zhengwufuwuzhongxin_2023.txt": ("乌鲁木齐市政务服务中心", 2023),       # 烏魯木齊市政務(wù)…
    "006_chongqing_fengjie_daoluyunshu_2023.txt": ("重庆市奉节县道路运输事务中心", 2023),
    "007_gansu_tianshui_youeryuan_2017.txt": ("天水市幼儿园", 2017),
    "022_anhui_huaibei_duji_zhengfuban_sangong_2021.txt": ("杜集区政府办", 2021),
    "028_yunnan_lincang_yunxian_minzhengju_2022.txt": ("临沧市云县民政局", 2022),
    "010_hubei_nanzhang_zhaoshangfuwuzhongxin_2019.txt": ("南漳县招商服务中心", 2019),      # crumbs above
    "012_yunnan_xundian_zhengfawei_sangong_2022.txt": ("中国共产党寻甸回族彝族自治县委员会政法委员会", 2022),
    "015_chongqing_changshou_fengchengjiedao_2021.txt": ("重庆市长寿区凤城街道办事处", 2021),  # [索引号] table
    "016_sichuan_luzhou_zhongyiyiyuan_2023.txt": ("泸州市中医医院", 2023),      # 2023年度泸州市中医医院单位决算
    "017_shaanxi_zhashui_shenjiju_2020.txt": ("柞水县审计局", 2020),             # 第一部分 部门概况
    "018_beijing_chaoyang_caizhengju_2022.txt": ("北京市朝阳区财政局", 2022),
    "019_beijing_chaoyang_huanweizhongxin_2021.txt": ("北京市手机彩票网环境卫生服务中心机关", 2021),
    "020_beijing_taoranting_gongyuan_2024.txt": ("北京市陶然亭公园管理处", 2024),  # name above 2024年度部门决算
    "021_anhui_huaibei_duji_jiguanshiwu_sangong_2021.txt": ("杜集区机关事务管理中心", 2021),
    "023_anhui_luan_gongshanglian_sangong_2021.txt": ("六安市工商业联合会", 2021),
    "024_hainan_huaqiao_shangye_xuexiao_2022.txt": ("海南省华侨商业学校", 2022),   # 2022年决算批复公开资料
    "025_guangxi_guoziwei_2020.txt": ("广西壮族自治区人民政府国有资产监督管理委员会", 2020),  # over two lines
    "026_hunan_yueyang_guoziwei_2022.txt": ("岳阳市国资委", 2022),
    "027_neimenggu_bayannaoer_shenjiju_2022.txt": ("内蒙古自治区巴彦淖尔市审计局", 2022),  # 2022年度{name} / 部门决算公开
    "029_zhejiang_ningbo_fenghua_renminyiyuan_2022.txt": ("宁波市奉化区人民医院（宁波市奉化区人民医院医共体总院）", 2022),
    "030_hunan_xintian_fangchanju_2019.txt": ("新田县房产局", 2019),
    "031_beijing_tongjiju_2021.txt": ("北京市统计局", 2021),                     # 首页>…>预算决算 above
    "032_hunan_shaodong_weijiaqiaozhen_2021.txt": ("邵东市魏家桥镇人民政府", 2021),
    "033_jiangxi_quannan_renminyiyuan_2023.txt": ("江西省全南县人民医院", 2023),
    "034_guangdong_maoming_jiaotongyunshuju_2021.txt": ("茂名市交通运输局（本级）", 2021),  # 2021年{name}部门决算.pdf
    "037_guizhou_qiannan_caizhengju_2020.txt": ("贵州省黔南布依族苗族自治州财政局", 2020),
    "038_sichuan_deyang_zhujianju_2018.txt": ("德阳市住房和城乡建设局", 2018),    # 2018年度{name}部门决算编制说明
    "039_beijing_gonganju_2022.txt": ("北京市公安局", 2022),
    "040_chongqing_fengdu_linyeju_2024.txt": ("丰都县林业局（本级）", 2024),
    "042_beijing_wenlvju_zongheshiwuzhongxin_2023.txt": ("北京市文化和旅游局综合事务中心", 2023),
    "044_beijing_jingkaiqu_caizhengshenjiju_2020.txt": ("北京经济技术开发区财政审计局", 2020),
}


@pytest.mark.parametrize("name", sorted(FRAGMENT_IDENTITY))
def test_department_and_year_of_report_openings_from_many_provinces(name):
    text = (CORPUS / "fragments" / name).read_text(encoding="utf-8")
    doc = read_text(text.split("\n---\n", 1)[1], name)    # what the report prints, not the front matter
    assert (doc.department, doc.year) == FRAGMENT_IDENTITY[name]


@pytest.mark.parametrize("name", sorted(KEY_FIGURES))
def test_key_figures_of_corpus_reports_read_as_printed(corpus_docs, name):
    doc = corpus_docs[name]
    income, spent, basic, project, personnel, public, sg_budget, sg_actual = map(_d, KEY_FIGURES[name])
    summary, expenditure = doc.table("summary"), doc.table("expenditure")
    assert summary.value("income_total", "amount", "收入") == income
    assert summary.value("expenditure_total", "amount", "支出") == spent
    assert [expenditure.value("total", c) for c in ("total", "basic", "project")] == [spent, basic, project]
    general_basic = doc.table("general_basic")
    assert (general_basic.footer_value("人员"), general_basic.footer_value("公用")) == (personnel, public)
    sangong = doc.table("sangong")
    assert (sangong.value("sangong", "budget_total"), sangong.value("sangong", "actual_total")) == (sg_budget, sg_actual)
    assert doc.year in (2024, 2025) and not doc.unreadable
    if name in DEPARTMENTS:
        assert doc.department == DEPARTMENTS[name]


@pytest.mark.parametrize("name", sorted(KEY_FIGURES))
def test_every_item_row_of_the_expenditure_table(corpus_docs, name):
    expected = _expected_rows()[Path(name).name]
    table = corpus_docs[name].table("expenditure")
    read = {r.code: r for r in table.block.rows if r.level == "项"}
    assert sorted(read) == sorted(expected)
    for code, (total, basic, project) in expected.items():
        got = [table.value(code, c) for c in ("total", "basic", "project")]
        assert got[0] == Decimal(total), code
        if basic == "?":   # the page text shows one part without its column: it must be the whole
            assert (got[1] or 0) + (got[2] or 0) == Decimal(total), code
        else:
            assert got[1:] == [None if v == "-" else Decimal(v) for v in (basic, project)], code


def test_corpus_pdf_findings_include_the_known_facts(corpus_docs):
    """The corpus README's checked facts: 人员经费 4,896.98 in the text vs 4,884.09 in table 06; and
    人员 + 公用 = 105.59 vs 基本支出 105.58, a rounding tail."""
    ghzyj = api.check_document(corpus_docs["pdf/shanghai-putuo-ghzyj-2024.pdf"])
    assert any(f.rule == "N001" and "4896.98" in f.message and "4,884.09" in f.message for f in ghzyj.findings)
    shgzb = api.check_document(corpus_docs["pdf/shanghai-putuo-shgzb-2024.pdf"])
    tail = [f for f in shgzb.findings if f.rule == "X007"]
    assert tail and tail[0].severity.value == "info" and "105.59" in tail[0].message
    assert all(f.location.page for f in ghzyj.findings if f.location.line)


def test_pdf_cells_keep_their_page_box_and_printed_text(corpus_docs):
    doc = corpus_docs["pdf/shanghai-putuo-ghzyj-2024.pdf"]
    table = doc.table("expenditure")
    row = next(r for r in table.block.rows if r.code == "2120201")
    sources = doc.cell_sources(row)
    printed = [s[0] if s else None for s in sources[:3]]
    assert printed == ["2739.56", "488.68", "2250.88"]
    page, line = doc.place(row.origin)
    assert page == 11 and line > 1   # the second page of the 支出决算表 (pdftotext -f 11 -l 11)
    x0, top, x1, bottom = sources[0][1]
    assert 0 < x0 < x1 and 0 < top < bottom and len(doc.sha256) == 64


def test_layout_detection():
    assert detect_layout(read_document(SEED))[0] == "wuhan-2023"
    assert detect_layout(read_document(CORPUS / "pdf" / "shanghai-putuo-shgzb-2024.pdf"))[0] == "shanghai-2024"
    assert detect_layout(read_document(CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt"))[0] == "shanghai-2024"


def test_level_from_the_department_name():
    assert level_of("中共上海市普陀区委社会工作部").value == "区"
    assert level_of("武汉市财政局").value == "市"
    assert level_of("湖北省教育厅").value == "省"
    assert level_of("奉节县道路运输管理局").value == "县"
    assert level_of("上海市普陀区长寿路街道办事处").value == "乡镇"


@pytest.mark.parametrize(("name", "level", "region"), [   # names printed by reports in corpus/fragments
    ("广西壮族自治区人民政府国有资产监督管理委员会", "省", "广西壮族自治区"),
    ("内蒙古自治区巴彦淖尔市审计局", "市", "内蒙古自治区巴彦淖尔市"),
    ("贵州省黔南布依族苗族自治州财政局", "市", "贵州省黔南布依族苗族自治州"),
    ("中国共产党寻甸回族彝族自治县委员会政法委员会", "县", "寻甸回族彝族自治县"),
    ("乌鲁木齐市政务服务中心", "市", "乌鲁木齐市"),
    ("临沧市云县民政局", "县", "临沧市云县"),
    ("中国致公党北京市委员会", "市", ""),
    ("上海市社区服务中心", "市", "上海市"),           # 社区 is no district
])
def test_level_and_region_of_names_from_many_provinces(name, level, region):
    assert (level_of(name).value, region_of(name)) == (level, region)


def _assert_same_tables(doc, expected: dict, where: str) -> None:
    for key, table in expected.items():
        read = doc.table(key)
        assert read is not None, f"{where}: {key} missing"
        for block in table.blocks:
            side = block.title if key in ("summary", "fiscal_summary") else None
            for row in block.rows:
                for column in block.columns:
                    built, got = row.cell(block, column.key), read.value(row.key, column.key, side)
                    assert (built or 0) == (got or 0), f"{where}: {key} {row.key} {column.key}: {built} vs {got}"
            if table.footer:
                assert {k: v or 0 for k, v in read.footer} == {k: v or 0 for k, v in table.footer}, where


@pytest.mark.parametrize("name", ["report.pdf", "report.docx", "report.html", "tables.xlsx"])
def test_round_trip_of_the_example(built, example_tables, example_report, name):
    doc = read_document(built / name)
    _assert_same_tables(doc, example_tables, name)
    if name != "tables.xlsx":   # the workbook of tables states no year
        rebuilt = {t.key: t for t in api.tables(report_from_document(doc))}
        _assert_same_tables(doc, rebuilt, f"{name} rebuilt")
        assert doc.department == example_report.department.name and doc.year == example_report.year


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                               HealthCheck.too_slow])
@given(report=reports(profile="wuhan-2023") | reports(profile="shanghai-2024"))
@example(report=whole_wan_personnel_report())
@example(report=justified_gap_report())
def test_round_trip_of_random_reports(tmp_path_factory, report):
    """Random reports of both profiles, written to every published format, read back to the same tables
    and with no finding but the marks of what their data lacks (issue 22.1)."""
    out = tmp_path_factory.mktemp("random")
    source = out / "data.json"
    source.write_text(report.model_dump_json(), encoding="utf-8")
    assert api.build(source, out / "built", formats=("pdf", "docx", "html", "xlsx"), force=True).files
    expected = {t.key: t for t in api.tables(report)}
    for name in ("report.pdf", "report.docx", "report.html", "tables.xlsx"):
        _assert_same_tables(read_document(out / "built" / name), expected, name)
        assert _published_findings(out / "built" / name) == [], name


def _published_findings(path) -> list[str]:
    """What check finds in a file we published, but the 【待补充】 marks of what the data lacked (N008)."""
    return [f"{f.rule} {f.location} {f.message}" for f in api.check(path).findings
            if not (f.rule == "N008" and "【待补充" in (f.actual or ""))]


@pytest.mark.parametrize("name", ["report.pdf", "report.docx", "report.html", "tables.xlsx", "report.txt"])
def test_what_we_publish_checks_clean_in_every_format(built, name):
    """Issue 22.1: build checked only its text; its own PDF read back with two false H003 (名词解释 items
    taken for headings) and a Shanghai XLSX with X004 (a row with one value taken for a note)."""
    assert _published_findings(built / name) == []


def test_an_image_only_page_is_read_by_ocr(built, example_tables, tmp_path):
    """The two pages of the generated 收入决算表 rasterised into an image-only PDF: OCR gives back
    every value of the table, continued across the page break."""
    import pdfplumber

    with pdfplumber.open(built / "report.pdf") as pdf:
        first = next(i for i, p in enumerate(pdf.pages) if "收入决算表" in (p.extract_text() or "")[:40])
        images = [pdf.pages[i].to_image(resolution=200).original.convert("RGB") for i in (first, first + 1)]
    scanned = tmp_path / "scanned.pdf"
    images[0].save(scanned, "PDF", resolution=200, save_all=True, append_images=images[1:])
    doc = read_document(scanned)
    assert doc.ocr_pages == [1, 2]
    income, read = example_tables["income"], doc.table("income")
    assert read is not None and not doc.unreadable
    for row in income.block.rows:
        for column in income.block.columns:
            assert (row.cell(income.block, column.key) or 0) == (read.value(row.key, column.key) or 0), row.key
    result = api.check_document(doc)
    assert [f.location.page for f in result.findings if f.rule == "D007"] == [1, 2]


def test_parse_writes_a_report_that_builds_and_a_located_document(built, tmp_path):
    out = tmp_path / "parsed.json"
    result = runner.invoke(app, ["parse", str(built / "report.docx"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    located = tmp_path / "parsed.document.json"
    assert out.exists() and located.exists()
    assert api.build(out, tmp_path / "rebuilt", formats=("json",), force=True).files
    no_year = runner.invoke(app, ["parse", str(built / "tables.xlsx"), "-o", str(tmp_path / "x.json")])
    assert no_year.exit_code == 2 and "年度" in no_year.output and not (tmp_path / "x.json").exists()
    with_year = runner.invoke(app, ["parse", str(built / "tables.xlsx"), "-o", str(tmp_path / "x.json"),
                                    "--year", "2023"])
    assert with_year.exit_code == 0, with_year.output


def test_a_file_whose_content_is_not_its_extension_is_refused(tmp_path):
    fake = tmp_path / "report.pdf"
    fake.write_text("第一部分 概况", encoding="utf-8")
    with pytest.raises(ReadError, match="内容不是 PDF"):
        read_document(fake)


def test_batch_check_reports_each_file_and_never_stops(tmp_path):
    import json

    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_bytes((CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt").read_bytes())
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (folder / "fake.docx").write_bytes(b"not a zip at all")
    (folder / "notes.bin").write_bytes(b"ignored: not a report suffix")
    out = tmp_path / "all.json"
    result = runner.invoke(app, ["check", str(folder), "--jobs", "2", "--format", "json", "-o", str(out)])
    assert result.exit_code == 1, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    files = {d["file"]: d for d in data["documents"]}
    assert sorted(files) == ["broken.pdf", "fake.docx", "good.txt"]
    assert files["broken.pdf"]["findings"][0]["rule"] == "D000" and "failure" in files["fake.docx"]
    assert "failure" not in files["good.txt"] and files["good.txt"]["infos"] > 0
    assert data["summary"]["documents"] == 3 and data["summary"]["unreadable"] == 2
    for fmt, name in (("csv", "all.csv"), ("xlsx", "all.xlsx")):
        assert runner.invoke(app, ["check", str(folder), "--format", fmt, "-o", str(tmp_path / name)]).exit_code == 1
        assert (tmp_path / name).stat().st_size > 100


def test_a_document_over_its_time_limit_becomes_a_finding(built, tmp_path):
    import pypdfium2 as pdfium

    from juesuan.batch import check_many

    report, pages = pdfium.PdfDocument(built / "report.pdf"), pdfium.PdfDocument.new()
    for _ in range(4):
        pages.import_pages(report)
    slow = tmp_path / "long.pdf"
    pages.save(slow)                 # 140 pages: several seconds on any machine
    quick = CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt"   # about 0.2 s
    results = check_many([slow, quick], jobs=1, timeout=0.7)
    assert "时限" in results[0].failure and results[0].result.findings[0].rule == "D000"
    assert not results[1].failure


def test_a_table_without_a_unit_line_takes_the_unit_the_others_state(built):
    text = (built / "report.txt").read_text(encoding="utf-8").replace("单位：万元", "单位：元")
    first = text.index("单位：元")
    doc = read_document_text(text[:first] + text[first + len("单位：元"):])
    stated_wan = read_document_text((built / "report.txt").read_text(encoding="utf-8"))
    unstated = [t for t in doc.tables if not t.unit_stated]
    assert len(unstated) == 1 and unstated[0].unit == "元"
    key = unstated[0].key
    assert doc.table(key).value("income_total", "amount", "收入") * 10000 == \
        stated_wan.table(key).value("income_total", "amount", "收入")
    assert any(f.rule == "D002" for f in api.check_document(doc).findings)


def read_document_text(text: str):
    from juesuan.parse import read_text

    return read_text(text, "report.txt")


def test_a_note_under_the_contents_is_not_an_entry():
    """全南县人民医院 2023 prints "注:本报告因金额单位转换原因可能存在尾数误差。" right under its 目录."""
    doc = read_document(CORPUS / "fragments" / "033_jiangxi_quannan_renminyiyuan_2023.txt")
    assert [h.text for h in doc.toc][-2:] == ["第四部分 名词解释", "第五部分 附件"] and len(doc.toc) == 26
    assert not any("尾数误差" in f.message for f in api.check_document(doc).findings if f.rule == "D006")


def test_a_mirror_page_in_traditional_characters_reads_as_simplified():
    """云县民政局 2022 exists here only as a mirror's traditional-character copy with pinyin after some
    characters (經(jīng)費); read as simplified, its 目录 entries are the standard ones."""
    text = (CORPUS / "fragments" / "028_yunnan_lincang_yunxian_minzhengju_2022.txt").read_text(encoding="utf-8")
    assert "經(jīng)費" in text
    doc = read_text(text.split("\n---\n", 1)[1])
    assert "十、“三公”经费、行政参公单位机关运行经费情况表" in [h.text for h in doc.toc]
    seed = SEED.read_text(encoding="utf-8")
    assert simplified(seed) == seed      # a report in simplified characters is left exactly as it is


# 三公 tables printed one item per row (预算数 | 决算数), as 安徽 units publish them, in the three ways a
# web page's table comes out when copied: cells split by '|' on one line; one cell per line with '|'
# lines between rows; one cell per line with '|' for a blank cell. Values read by hand from the files.
VERTICAL_SANGONG = {
    "023_anhui_luan_gongshanglian_sangong_2021.txt":      # 合计 1.8 / 1.52, 接待 1.8 / 1.52, others blank
        {"budget_total": "1.8", "actual_total": "1.52", "budget_reception": "1.8", "actual_reception": "1.52"},
    "021_anhui_huaibei_duji_jiguanshiwu_sangong_2021.txt": {
        "budget_total": "246", "actual_total": "167.37", "budget_abroad": "0", "actual_abroad": "0",
        "budget_reception": "1", "actual_reception": "2.14", "budget_vehicle_total": "245",
        "actual_vehicle_total": "165.23", "budget_vehicle_operation": "165", "actual_vehicle_operation": "87.07",
        "budget_vehicle_purchase": "80", "actual_vehicle_purchase": "78.16"},
    "022_anhui_huaibei_duji_zhengfuban_sangong_2021.txt": {    # traditional characters on the mirror
        "budget_total": "49.9", "actual_total": "7.69", "budget_abroad": "20", "budget_reception": "14.9",
        "actual_reception": "5.21", "budget_vehicle_total": "15", "actual_vehicle_total": "2.48",
        "budget_vehicle_operation": "15", "actual_vehicle_operation": "2.48"},
}


@pytest.mark.parametrize("name", sorted(VERTICAL_SANGONG))
def test_a_three_public_table_with_one_item_per_row(name):
    table = read_document(CORPUS / "fragments" / name).table("sangong")
    assert table is not None
    row = table.block.rows[0]
    printed = {c.key: v for c, v in zip(table.block.columns, row.cells) if v is not None}
    assert printed == {k: Decimal(v) for k, v in VERTICAL_SANGONG[name].items()}


def test_headline_figures_the_text_states_match_the_corpus_key_list():
    """corpus/fragments/keys.csv lists, read by hand, the headline figures each opening states (万元):
    本年收入合计 written as 本年收入合计, 本年收入, 本单位收入为…, wrapped over a line (本年收 入); 三公
    as 支出决算为… after its budget, or as 支出总额为…"""
    import csv

    from juesuan.claims.stated import stated_figures

    columns = {"income_total": "income_total", "expenditure_total": "expenditure_total",
               "basic_expenditure": "basic", "project_expenditure": "project", "personnel_funds": "personnel",
               "public_funds": "public", "sangong_actual_total": "sangong"}
    folder = CORPUS / "fragments"
    checked = 0
    for entry in csv.DictReader((folder / "keys.csv").read_text(encoding="utf-8").splitlines()):
        stated = stated_figures(read_document(folder / entry["file"]))
        for column, figure in columns.items():
            if entry[column]:
                assert figure in stated and stated[figure].value == Decimal(entry[column]), (entry["file"], figure)
                checked += 1
    assert checked == 26


def _as_web_page(text: str) -> str:
    """A corpus text report as a government site serves it: menus, breadcrumbs and a script around a
    layout table; each page's table block as an HTML table, the page's own lines as paragraphs (less
    the flattened copy of the table that a text layer has and a web page does not)."""
    from html import escape

    body = []
    for page in re.split(r"^=== page \d+ ===$", text.split("\n---\n", 1)[-1], flags=re.MULTILINE):
        lines, _, block = page.partition("--- table ---")
        rows = [r.split("\t") for r in block.splitlines() if r.strip()]
        cells = {c.strip() for r in rows for c in r if c.strip()}
        for line in lines.splitlines():
            tokens = line.split()
            if tokens and sum(t in cells for t in tokens) < 0.6 * len(tokens):
                body.append(f"<p>{escape(line)}</p>")
        if rows:
            body.append("<table border=1>" + "".join(
                "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows) + "</table>")
    return ("<!DOCTYPE html><html><head><meta charset='gb2312'><script>var menu = '<p>首页</p>';</script>"
            "<style>p{margin:0}</style></head><body><div class='nav'>首页 &gt; 政务公开 &gt; 财政预决算</div>"
            "<table class='layout'><tr><td><!-- 正文 --><div class='article'>" + "".join(body) +
            "</div></td></tr></table><div class='footer'>主办单位：某区人民政府 <a href='#'>网站地图</a></div>"
            "</body></html>")


def test_a_report_published_as_a_web_page_reads_like_its_text(tmp_path):
    """生态环境局 2025 served as a GB2312 web page: the same tables and key figures as its text."""
    source = CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt"
    page = tmp_path / "sthjj.html"
    page.write_bytes(_as_web_page(source.read_text(encoding="utf-8")).encode("gb18030"))
    web, text = read_document(page), read_document(source)
    assert {t.key for t in web.tables} == {t.key for t in text.tables} and len(web.tables) == 9
    _assert_same_tables(web, {t.key: t for t in text.tables}, "sthjj.html")
    assert (web.department, web.year) == (text.department, text.year)
    assert [f.rule for f in api.check(page).findings if f.severity.value == "error"] == \
        [f.rule for f in api.check(source).findings if f.severity.value == "error"]


def test_a_web_pages_numbered_paragraph_is_not_run_into_the_one_before():
    """A <p> that ends without 。 runs on into the next, as a page with each printed line in a <p> needs;
    but an item that starts with its number (（二）) starts a paragraph — before, a 名词解释 item without
    its 。 swallowed the next item."""
    page = ("<html><body><h1>第五部分 名词解释</h1><p>（一）财政拨款收入：指单位从同级政府财政部门取得的财政预算资金</p>"
            "<p>（二）事业收入：指事业单位开展专业业务活动及其辅助活动取得的</p><p>收入。</p></body></html>")
    doc = read_bytes(page.encode("utf-8"), "glossary.html")
    assert [p.text for p in doc.paragraphs] == ["（一）财政拨款收入：指单位从同级政府财政部门取得的财政预算资金",
                                                "（二）事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。"]


def test_forms_other_regions_add_do_not_take_the_place_of_the_nine():
    """云南 prints its 一般公共预算 form as "…财政拨款收入支出决算表" and has no plain 支出决算表: that table
    is the form. 北京 prints both, and adds "政府性基金预算财政拨款基本支出决算表": the plain one stays the
    form, the additions are read as other forms — never as 政府性基金 or stitched to the table before."""
    seed = SEED.read_text(encoding="utf-8")
    original = read_text(seed, "seed.txt")
    yunnan = read_text(seed.replace("\n一般公共预算财政拨款支出决算表\n", "\n一般公共预算财政拨款收入支出决算表\n", 1), "yn.txt")
    assert yunnan.table("general_expenditure").title == "一般公共预算财政拨款收入支出决算表"
    _assert_same_tables(yunnan, {"general_expenditure": original.table("general_expenditure")}, "yn.txt")
    extra = ("政府性基金预算财政拨款基本支出决算表\n单位：万元\n科目编码\t科目名称\t决算数\n301\t工资福利支出\t9.99\n"
             "30101\t基本工资\t9.99\n\n")
    beijing = read_text(seed.replace("\n政府性基金预算财政拨款收入支出决算表\n", "\n" + extra + "政府性基金预算财政拨款收入支出决算表\n", 1)
                        .replace("\n一般公共预算财政拨款支出决算表\n", "\n一般公共预算财政拨款收入支出决算表\n单位：万元\n项目\t\t年初结转和结余"
                                 "\t本年收入\t本年支出\t年末结转和结余\n合计\t\t0\t1.00\t1.00\t0\n\n一般公共预算财政拨款支出决算表\n", 1), "bj.txt")
    assert [t.key for t in beijing.tables].count("gov_fund") == 1 and beijing.table("gov_fund").title.startswith("政府性基金预算财政拨款收入")
    assert beijing.table("general_expenditure").title == "一般公共预算财政拨款支出决算表"
    _assert_same_tables(beijing, {k: original.table(k) for k in ("general_expenditure", "gov_fund", "general_basic")}, "bj.txt")
    assert any(g.title == "政府性基金预算财政拨款基本支出决算表" for g in beijing.grids)
    assert beijing.table("general_fund").value("total", "income") == Decimal("1.00")
    assert not [f for f in api.check_document(beijing).findings if f.location.table.startswith("一般公共预算财政拨款收入")]


def test_a_word_contents_field_left_in_the_text_is_dropped_from_its_entries():
    """泸州市中医医院 2023's web page keeps the Word field code in its 目录 ("第一部分 单位概况 PAGEREF
    _Toc25831 h 3") and the page's date just under "目录"."""
    doc = read_document(CORPUS / "fragments" / "016_sichuan_luzhou_zhongyiyiyuan_2023.txt")
    entries = [h.text for h in doc.toc]
    assert entries[0] == "第一部分 单位概况" and "三、支出决算情况说明" in entries   # not its "公开日期:2024926"
    assert not any("PAGEREF" in e or "_Toc" in e for e in entries)
