"""Report → Document: what ``build`` publishes, in the form the rules check.

The tables, the 绩效 attachment (自评表 and report headings) and the 预算绩效 paragraph are here; the
rest of the narrative joins as it is generated. A Document with no narrative is marked ``generated``
so that rules about reading a published text (目录, sections present) do not apply.
"""

from __future__ import annotations

from ..document import Document, Table
from ..model import Report
from ..profiles import Profile
from ..profiles import load as load_profile
from .performance import attachment_paragraphs, perf_tables, performance_paragraph


def build_document(report: Report, tables: list[Table], source: str = "", profile: Profile | None = None) -> Document:
    form = profile or load_profile(report.profile)
    general = next((t for t in tables if t.key == "general_expenditure"), None)
    project_total = general.value("total", "project") if general else None
    paragraphs = [p for p in (performance_paragraph(report, form, project_total),) if p]
    paragraphs += attachment_paragraphs(report)
    return Document(source=source, department=report.department.name, year=report.year, tables=list(tables),
                    paragraphs=paragraphs, perf_tables=perf_tables(report, form), generated=True)
