"""Report → Document: what ``build`` publishes, in the form the rules check.

The tables; the 概况, 情况说明, 重点工作 and 名词解释 from the profile's sentence templates
(``narrative``); the 绩效 attachment (自评表 with report headings) and the 预算绩效 paragraph
(``performance``). ``gaps`` lists what the input should have said and did not (missing reasons).
"""

from __future__ import annotations

from ..catalog import Catalog, bundled
from ..document import Document, Heading, Table
from ..model import Report
from ..profiles import Profile
from ..profiles import load as load_profile
from .narrative import narrative, tables_title
from .performance import attachment_paragraphs, perf_tables, performance_paragraph


def build_document(report: Report, tables: list[Table], source: str = "", profile: Profile | None = None,
                   catalog: Catalog | None = None, gaps: list | None = None) -> Document:
    form = profile or load_profile(report.profile)
    general = next((t for t in tables if t.key == "general_expenditure"), None)
    project_total = general.value("total", "project") if general else None
    text = narrative(report, tables, form, catalog or bundled(), performance_paragraph(report, form, project_total))
    paragraphs = text.paragraphs + attachment_paragraphs(report)
    if gaps is not None:
        gaps.extend(text.gaps)
    return Document(source=source, department=report.department.name, year=report.year, tables=list(tables),
                    headings=headings_of(paragraphs), paragraphs=paragraphs, perf_tables=perf_tables(report, form),
                    figures=text.figures, captions=[f"图{f.number}" for f in text.figures], grids=text.grids,
                    generated=True, tables_title=tables_title(report, form))


def headings_of(paragraphs: list) -> list[Heading]:
    """The headings a generated text's paragraphs stand under, each once, in order."""
    headings, seen = [], set()
    for paragraph in paragraphs:
        for level, text in enumerate(paragraph.section, start=1):
            if text and (level, text) not in seen:
                seen.add((level, text))
                headings.append(Heading(text, level))
    return headings
