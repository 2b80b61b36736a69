"""The complete report: PDF, DOCX and HTML read back, every table value and generated figure found,
deterministic bytes, and the seed's self-contradictions absent."""

from __future__ import annotations

import contextlib
import os
import re
import threading
from decimal import Decimal
from functools import cache

import docx
import pdfplumber
import pytest
from conftest import EXAMPLE

from juesuan import api
from juesuan.derive import build_document
from juesuan.inputs import load_report
from juesuan.money import format_amount
from juesuan.parse import read_text
from juesuan.render.html import header_paths, table_rows
from juesuan.rules import run

FILES = ["report.docx", "report.html", "report.json", "report.pdf", "report.txt", "tables.xlsx"]


@cache
def example_document():
    report = load_report(EXAMPLE)
    return build_document(report, api.tables(report), "example")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def expected_cells():
    """(table title, printed value) of every filled cell of the nine tables."""
    doc = example_document()
    return [(t.title, format_amount(v, blank_zero=True)) for t in doc.tables for b in t.blocks for r in b.rows
            for v in r.cells if v]


def test_every_format_is_written(built):
    assert sorted(p.name for p in built.iterdir()) == FILES


def test_the_pdf_holds_every_table_value_and_every_generated_sentence(built):
    with pdfplumber.open(built / "report.pdf") as pdf:
        pages = [re.sub(r"—\s*\d+\s*—\s*$", "", page.extract_text() or "") for page in pdf.pages]  # page numbers
        text = squeeze("".join(pages))
        assert len(pdf.pages) > 20
    for title, value in expected_cells():
        assert value in text, (title, value)
    for paragraph in example_document().paragraphs:
        assert squeeze(paragraph.text) in text, paragraph.text
    for figure in example_document().figures:
        assert squeeze(figure.caption) in text


def test_the_docx_tables_equal_the_derived_tables_and_hold_every_sentence(built):
    word = docx.Document(built / "report.docx")
    doc = example_document()
    for table, grid in zip(doc.tables, word.tables, strict=False):
        _, body = table_rows(table, True)
        paths = header_paths(table)
        depth = max(len(p) for p in paths)
        # merged header cells: each column shows its path's last word in the bottom header row
        assert [c.text for c in grid.rows[depth - 1].cells] == [p[-1] for p in paths]
        assert [[c.text for c in row.cells] for row in grid.rows[depth:]] == [[t for t, _ in row] for row in body]
        assert all(grid.rows[r]._tr.trPr.xml.count("tblHeader") == 1 for r in range(depth))  # repeated
    text = "\n".join(p.text for p in word.paragraphs)
    for paragraph in doc.paragraphs:
        assert paragraph.text in text
    assert len(word.inline_shapes) == len(doc.figures)
    normal = word.styles["Normal"].element.rPr.rFonts
    assert normal.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")


def test_the_html_is_one_accessible_file(built):
    html = (built / "report.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "<script" not in html and 'src="http' not in html
    assert html.count("<caption>") == 9 + 8 and 'scope="col"' in html and html.count("<svg") == 2
    for title, value in expected_cells()[:200]:
        assert value in html


def test_the_built_report_passes_every_rule_when_read_back(built):
    result = run(read_text((built / "report.txt").read_text(encoding="utf-8"), "report.txt"))
    assert result.findings == [], [f"{f.rule} {f.message}" for f in result.findings]
    assert result.summary()["ran"] >= 60


def test_none_of_the_seed_contradictions(built):
    text = (built / "report.txt").read_text(encoding="utf-8")
    assert "完成年初预算的0%" not in text and "市级财政" not in text and "5,540.78" not in text
    assert "减少0.00万元" not in text and "占0%" not in text and "【待补充" not in text


@pytest.mark.parametrize("name", FILES)
def test_output_is_byte_identical_for_the_same_input(built, built_again, name):
    assert (built_again / name).read_bytes() == (built / name).read_bytes()


def test_the_shanghai_layout_orders_its_sections_and_passes_check(tmp_path, example_report):
    from juesuan.model import Performance

    # the Wuhan data's 授予中小企业 figures stand for Shanghai's 预留 statements (all 17.32 reserved and won)
    bought = example_report.procurement.model_copy(update={
        "sme_reserved": Decimal("17.32"), "small_micro_reserved": Decimal("17.32"), "sme_reserved_won": Decimal("17.32"),
        "small_micro_reserved_won": Decimal("17.32"), "sme_other_won": Decimal(0)})
    report = example_report.model_copy(update={"profile": "shanghai-2024", "performance": Performance(),
                                               "procurement": bought})
    source = tmp_path / "data.json"
    source.write_text(report.model_dump_json(), encoding="utf-8")
    # without 绩效 counts, the 三公 uses and each 项's 主要用途 the text marks 【待补充】: built as a draft
    assert api.build(source, tmp_path / "out", formats=("txt",), draft=True).draft
    text = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    order = ["一、主要职能", "七、财政拨款“三公”经费支出决算情况说明", "八、政府性基金预算财政拨款收入支出决算情况说明",
             "十、预算绩效管理情况", "十一、其他重要事项说明", "（一）机关运行经费支出情况", "第四部分 名词解释"]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions) and "第五部分" not in text
    found = api.check(tmp_path / "out" / "report.txt").findings
    assert found and all(f.rule == "N008" and "【待补充" in f.actual for f in found)      # and nothing else


def test_the_pdf_printed_beside_the_other_formats_is_the_one_printed_alone(built, tmp_path, monkeypatch):
    """A build prints the PDF in a side process; printed in the caller instead, it has the same bytes."""
    from juesuan.executors import Inline

    monkeypatch.setattr(api, "forked", lambda workers: contextlib.nullcontext(Inline()))
    assert api.build(EXAMPLE, tmp_path, formats=("pdf", "txt")).ok
    assert (tmp_path / "report.pdf").read_bytes() == (built / "report.pdf").read_bytes()


def test_a_side_process_is_forked_only_where_that_is_safe():
    from juesuan.executors import forked

    with forked(1) as side:
        apart = side.submit(os.getpid).result() != os.getpid()
        with pytest.raises(ValueError):
            side.submit(int, "四").result()
    assert apart == (len(os.sched_getaffinity(0)) > 1 and threading.active_count() == 1)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:   # with another thread running, a fork could copy a lock it holds: the job runs here
        with forked(1) as side:
            assert side.submit(os.getpid).result() == os.getpid()
    finally:
        stop.set()
        other.join()
