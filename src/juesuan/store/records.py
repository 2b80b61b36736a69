"""One report as rows for the corpus: a pure function of the file's bytes and the rule set.

A published report (PDF, DOCX, XLSX, text) is read and checked; a data file (a juesuan workbook or
Report JSON) is derived into its tables and generated document first. Either way the result is plain
tuples — picklable, so that worker processes (or a cluster) can compute them.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..document import Document
from ..rules import RULESET, Severity
from ..rules.prose import amounts, fold
from ..rules.stated import LABELS, stated_figures
from .schema import DOCUMENT_COLUMNS

_LABEL = re.compile(r"[^，,。；;：:、（）()\s\d.%]{2,16}$")
_DATA_SHEET = "收支明细"       # a sheet only juesuan's input workbook has


@dataclass
class Records:
    """The rows of one document (the documents row without its id)."""
    document: dict[str, object]
    amounts: list[tuple] = field(default_factory=list)
    facts: list[tuple] = field(default_factory=list)
    findings: list[tuple] = field(default_factory=list)


def is_data_file(path: Path) -> bool:
    """A juesuan input (Report JSON, or the workbook ``init`` makes) rather than a published report."""
    if path.suffix.lower() == ".json":
        return True
    if path.suffix.lower() != ".xlsx":
        return False
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    try:
        return _DATA_SHEET in book.sheetnames
    finally:
        book.close()


def _built(path: Path) -> tuple[Document, str, str, str, str]:
    """The generated Document of a data file, with its level, region and profile."""
    from .. import api
    from ..derive import build_document
    from ..inputs import errors_in, read_report
    from ..parse import ReadError
    from ..profiles import load as load_profile

    report, problems = read_report(path)
    if report is None or errors_in(problems):
        raise ReadError(f"{path.name}: 数据有错误，未入库（先用 juesuan validate 检查）")
    profile = load_profile(report.profile)
    doc = build_document(report, api.tables(report, profile), path.name, profile, None, [])
    return doc, report.department.level.value, report.department.region, profile.id, "built"


def _published(path: Path) -> tuple[Document, str, str, str, str]:
    from ..parse import read_document
    from ..parse.report import detect_layout, level_of, region_of

    doc = read_document(path)
    return (doc, level_of(doc.department).value if doc.department else "", region_of(doc.department),
            detect_layout(doc)[0], "published")


def _amount_rows(doc: Document) -> list[tuple]:
    rows = []
    for table in doc.tables:
        for block in table.blocks:
            for row in block.rows:
                sources = doc.cell_sources(row)
                page, line = doc.place(row.origin)
                for column, value, source in zip(block.columns, row.cells, sources):
                    if value is None:
                        continue
                    box = list(source[1]) if source and source[1] else None
                    rows.append((table.key, block.title, row.key, row.code or None, row.name, row.level,
                                 column.key, value, page, line, box, source[0] if source else None))
    return rows


def _stated_rows(doc: Document) -> list[tuple]:
    """The headline figures the text states, as amounts of a pseudo-table "stated": what compare
    falls back on when a report's tables are in an attachment or could not be read."""
    labels = {figure: label for figure, label, _ in LABELS}
    rows = []
    for figure, stated in stated_figures(doc).items():
        page, line = doc.place(stated.paragraph.line_at(0))
        rows.append(("stated", "", figure, None, labels[figure], "stated", "amount", stated.value,
                     page or stated.paragraph.page, line, None, stated.text))
    return rows


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


def analyse(path: str) -> Records:
    """Read (or derive), check and flatten one file. ReadError when it cannot be read."""
    from .. import api

    file = Path(path)
    digest = hashlib.sha256(file.read_bytes()).hexdigest()
    doc, level, region, profile, origin = _built(file) if is_data_file(file) else _published(file)
    result = api.check_document(doc)
    document = dict(zip(DOCUMENT_COLUMNS, (
        digest, file.name, origin, doc.year, doc.department or None, level or None, region or None,
        profile or None, max((o.page for o in doc.origins.values()), default=None),
        result.count(Severity.ERROR), result.count(Severity.WARNING), result.count(Severity.INFO), RULESET)))
    findings = [(f.rule, f.severity.value, f.message, f.location.page, f.location.line, f.location.table or None,
                 f.location.row or None, f.location.column or None, f.expected, f.actual) for f in result.findings]
    return Records(document, _amount_rows(doc) + _stated_rows(doc), _fact_rows(doc), findings)


