"""One analysed report as rows for the corpus: plain tuples, picklable, so that worker processes (or
a cluster) can flatten what they analysed and send only the rows back."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..analysis import Analysis
from ..claims.prose import amounts, fold
from ..claims.stated import LABELS
from ..document import Document
from ..findings import Severity
from .schema import DOCUMENT_COLUMNS

_LABEL = re.compile(r"[^，,。；;：:、（）()\s\d.%]{2,16}$")


@dataclass
class Records:
    """The rows of one document (the documents row without its id)."""
    document: dict[str, object]
    amounts: list[tuple] = field(default_factory=list)
    facts: list[tuple] = field(default_factory=list)
    findings: list[tuple] = field(default_factory=list)


def _amount_rows(doc: Document) -> list[tuple]:
    """Every printed cell, in 万元 (a budget's tables print 元; a 决算's are read in 万元)."""
    rows = []
    for table in doc.tables:
        scale = Decimal(10000) if doc.kind == "budget" and table.unit == "元" else Decimal(1)
        for block in table.blocks:
            for row in block.rows:
                sources = doc.cell_sources(row)
                page, line = doc.place(row.origin)
                for column, value, source in zip(block.columns, row.cells, sources):
                    if value is None:
                        continue
                    box = list(source[1]) if source and source[1] else None
                    rows.append((table.key, block.title, row.key, row.code or None, row.name, row.level,
                                 column.key, value / scale, page, line, box, source[0] if source else None))
    return rows


def _stated_rows(analysis: Analysis) -> list[tuple]:
    """The headline figures the text states, as amounts of a pseudo-table "stated": what compare
    falls back on when a report's tables are in an attachment or could not be read."""
    labels = {figure: label for figure, label, _ in LABELS}
    rows = []
    doc = analysis.document
    for figure, stated in analysis.stated.items():
        page, line = doc.place(stated.paragraph.line_at(0))
        rows.append(("stated", "", figure, None, labels[figure], "stated", "amount", stated.value,
                     page or stated.paragraph.page, line, None, stated.text))
    return rows


def _initial_rows(analysis: Analysis) -> list[tuple]:
    """Each 项's 年初预算 the 决算 states (in its tables or its text), as amounts of a pseudo-table
    "report": what compare budget-vs-final sets beside the published budget."""
    report = analysis.report
    if report is None:
        return []
    return [("report", "", code, code, name, "项", "budget_initial", value, None, None, None, None)
            for code, (name, value) in sorted(report.initial_budgets().items())]


def _fact_rows(doc: Document) -> list[tuple]:
    """Every amount the narrative states, with the words just before it (its label)."""
    rows = []
    for paragraph in doc.paragraphs:
        text = fold(paragraph.text)
        for number in amounts(text):
            label = _LABEL.search(text[max(0, number.start - 16):number.start])
            page, line = doc.place(paragraph.line_at(number.start))
            rows.append((" / ".join(s for s in paragraph.section if s), page or paragraph.page, line,
                         label.group(0) if label else "", number.value, text[max(0, number.start - 30):number.end]))
    return rows


def records(name: str, analysis: Analysis) -> Records:
    """The rows of one analysed file (``name``: the file name stored)."""
    doc, result = analysis.document, analysis.result
    document = dict(zip(DOCUMENT_COLUMNS, (
        doc.sha256, name, analysis.origin, doc.year, doc.department or None, analysis.level or None,
        analysis.region or None, analysis.layout or None, max((o.page for o in doc.origins.values()), default=None),
        result.count(Severity.ERROR), result.count(Severity.WARNING), result.count(Severity.INFO), analysis.ruleset,
        None, doc.kind)))
    findings = [(f.rule, f.severity.value, f.message, f.location.page, f.location.line, f.location.table or None,
                 f.location.row or None, f.location.column or None, f.expected, f.actual) for f in result.findings]
    amount_rows, fact_rows = _amount_rows(doc) + _stated_rows(analysis) + _initial_rows(analysis), _fact_rows(doc)
    document["content"] = content_key(doc.department, doc.year, amount_rows, fact_rows)
    return Records(document, amount_rows, fact_rows, findings)


def content_key(department: str | None, year: int | None, amount_rows: list[tuple], fact_rows: list[tuple]
                ) -> str | None:
    """What makes two files the same report: department, year and every figure (of the tables, else
    of the text). A PDF and the DOCX it was printed from, or a re-saved copy, give the same key; None
    when there is too little to tell (no department, or no figures)."""
    import hashlib

    figures = sorted(f"{r[0]}|{r[1]}|{r[2]}|{r[6]}|{r[7].normalize():f}" for r in amount_rows) or \
        sorted(f"{r[3]}|{r[4].normalize():f}" for r in fact_rows)
    if not department or not figures:
        return None
    text = "\n".join([department, str(year), *figures])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
