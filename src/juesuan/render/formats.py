"""One registry of output formats: the report files ``build`` writes and the findings ``check``
writes, each with its name (what ``--format`` says), file or suffix, media type and writer. The API,
the CLI and the web take names, files and media types from here."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import CheckResult, DocumentResult
from ..fsutil import normalise_zip

if TYPE_CHECKING:
    from ..document import Document, Table

XLSX_MEDIA = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class Rendering:
    """What the report writers take: the generated Document and tables, and how this profile prints."""
    doc: Document
    tables: list[Table]
    profile: str
    blank_zero: bool = False
    publish_date: object = None
    warnings: list[str] = field(default_factory=list)    # written into report.json
    draft: bool = False        # text still marked 【待补充】: 草稿 on every page

    @cached_property
    def html(self) -> str:
        """The report as one HTML page (the PDF is printed from it): made once for both."""
        from .html import report_html

        return report_html(self.doc, blank_zero=self.blank_zero, publish_date=self.publish_date, draft=self.draft)


def _pdf(r: Rendering, path: Path) -> None:
    from .pdf import write_pdf

    write_pdf(r.html, path)


def _html(r: Rendering, path: Path) -> None:
    path.write_text(r.html, encoding="utf-8")


def _xlsx(r: Rendering, path: Path) -> None:
    from .xlsx import write_tables_xlsx

    write_tables_xlsx(r.tables, path, blank_zero=r.blank_zero, perf_tables=r.doc.perf_tables,
                      forms=[g for g in r.doc.grids if g.after is not None])


def _txt(r: Rendering, path: Path) -> None:
    from .text import document_text

    path.write_text(document_text(r.doc), encoding="utf-8")


def _docx(r: Rendering, path: Path) -> None:
    from .docx import write_docx

    write_docx(r.doc, path, blank_zero=r.blank_zero, publish_date=r.publish_date, draft=r.draft)


def _json(r: Rendering, path: Path) -> None:
    from .tables_json import tables_json

    path.write_text(tables_json(r.tables, department=r.doc.department, year=r.doc.year, profile=r.profile,
                                warnings=r.warnings), encoding="utf-8")


@dataclass(frozen=True)
class ReportFormat:
    name: str
    file: str            # the file build writes
    media_type: str
    write: Callable[[Rendering, Path], None]
    side: bool = False   # slow: written in a side process while the others are written


REPORT_FORMATS: dict[str, ReportFormat] = {f.name: f for f in (
    ReportFormat("xlsx", "tables.xlsx", XLSX_MEDIA, _xlsx),
    ReportFormat("json", "report.json", "application/json", _json),
    ReportFormat("txt", "report.txt", "text/plain; charset=utf-8", _txt),    # what `juesuan check` reads
    ReportFormat("html", "report.html", "text/html; charset=utf-8", _html),
    ReportFormat("docx", "report.docx", DOCX_MEDIA, _docx),
    ReportFormat("pdf", "report.pdf", "application/pdf", _pdf, side=True),
)}
MEDIA_TYPES = {f.file: f.media_type for f in REPORT_FORMATS.values()}


def xlsx_bytes(write: Callable[[Path], None]) -> bytes:
    """A workbook written to a scratch file, with fixed zip dates (equal content → equal bytes)."""
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "out.xlsx"
        write(scratch)
        normalise_zip(scratch)
        return scratch.read_bytes()


def _findings():
    """The findings writers, loaded when a format is written (they load the rule registry)."""
    from . import findings

    return findings


def _merged(documents: list) -> CheckResult:
    """A batch's findings as one result: one page for all of them."""
    return CheckResult(f"{len(documents)} 份报告", [f for d in documents for f in d.result.findings])


def _utf8(text: str) -> bytes:
    return text.encode("utf-8")


@dataclass(frozen=True)
class FindingsFormat:
    name: str
    suffix: str
    media_type: str
    one: Callable[[CheckResult], bytes]              # one document's findings
    many: Callable[[list], bytes] | None = None      # a batch's (``batch.DocumentResult`` each); None: not offered
    binary: bool = False                             # not for a terminal
    each: Callable[[object], bytes] | None = None    # one document's part, written as it finishes (a stream)
    head: Callable[[], bytes] = bytes                # what a stream starts with


FINDINGS_FORMATS: dict[str, FindingsFormat] = {f.name: f for f in (
    FindingsFormat("text", ".txt", "text/plain; charset=utf-8", lambda r: _utf8(_findings().findings_text(r)),
                   lambda ds: _utf8("".join(_findings().findings_text(d.result) for d in ds))),
    FindingsFormat("json", ".json", "application/json", lambda r: _utf8(_findings().findings_json(r)),
                   lambda ds: _utf8(_findings().batch_json(ds))),
    FindingsFormat("html", ".html", "text/html; charset=utf-8", lambda r: _utf8(_findings().findings_html(r)),
                   lambda ds: _utf8(_findings().findings_html(_merged(ds)))),
    FindingsFormat("xlsx", ".xlsx", XLSX_MEDIA,
                   lambda r: xlsx_bytes(lambda path: _findings().write_findings_xlsx(r, path)),
                   lambda ds: xlsx_bytes(lambda path: _findings().write_batch_xlsx(ds, path)), binary=True),
    FindingsFormat("csv", ".csv", "text/csv; charset=utf-8", lambda r: _utf8(_findings().findings_csv([r])),
                   lambda ds: _utf8(_findings().findings_csv([d.result for d in ds])),
                   each=lambda d: _utf8(_findings().document_csv(d)), head=lambda: _utf8(_findings().csv_head())),
    FindingsFormat("jsonl", ".jsonl", "application/jsonl", lambda r: _utf8(_findings().document_jsonl(_one(r))),
                   lambda ds: b"".join(_utf8(_findings().document_jsonl(d)) for d in ds),
                   each=lambda d: _utf8(_findings().document_jsonl(d))),
)}


def _one(result: CheckResult) -> DocumentResult:
    return DocumentResult(result.source, 0.0, result)
