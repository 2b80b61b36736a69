"""Properties over random Reports: what build generates — tables, sentences, 名词解释 — passes every
rule (direction words, zero cases, percentages, each 项 explained once), and the text reader reads back
exactly the tables that were written."""

from hypothesis import HealthCheck, given, settings
from strategies import reports

from juesuan import api
from juesuan.derive import build_document
from juesuan.parse import read_text
from juesuan.render.text import document_text
from juesuan.rules import run

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def filled_rows(table):
    """(block, row key, cells) of rows that print a value; an all-blank row is no data either way."""
    return [(i, r.key, r.cells) for i, b in enumerate(table.blocks) for r in b.rows
            if r.key and any(v is not None for v in r.cells)]


@SETTINGS
@given(reports(profile="wuhan-2023") | reports(profile="shanghai-2024"))
def test_a_generated_report_has_no_findings(report):
    """No finding but the 【待补充】 marks of what the data lacks (N008: not publishable), one for each."""
    gaps = []
    doc = build_document(report, api.tables(report), "random", gaps=gaps)
    result = run(doc)
    marks = [f for f in result.findings if f.rule == "N008" and "【待补充" in (f.actual or "")]
    assert [f for f in result.findings if f not in marks] == [], [f"{f.rule} {f.message}" for f in result.findings]
    assert len(marks) == len(gaps), ([g.what for g in gaps], [f.actual for f in marks])
    glossary = [p for p in doc.paragraphs if p.in_section("名词解释") and "（项）" in p.text]
    items = {r.code for t in doc.tables if t.key in ("income", "expenditure") for r in t.block.rows if r.level == "项"}
    # each 项 used, exactly once (G001/G002 check the names); Shanghai's template lists no 科目
    assert len(glossary) == (len(items) if report.profile == "wuhan-2023" else 0)


@SETTINGS
@given(reports(profile="wuhan-2023") | reports(profile="shanghai-2024"))
def test_text_written_by_juesuan_reads_back_to_the_same_tables(report):
    tables = api.tables(report)
    back = read_text(document_text(build_document(report, tables)), "random.txt")
    assert not back.unreadable
    assert [t.key for t in back.tables] == [t.key for t in tables]
    for written, read in zip(tables, back.tables):
        assert filled_rows(read) == filled_rows(written), written.key
        assert read.footer == written.footer
    assert all(f.rule == "D005" or f.rule == "N008" and "【待补充" in (f.actual or "") for f in run(back).findings)
