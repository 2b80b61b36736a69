"""Report → Document: what ``build`` publishes, in the form the rules check.

The narrative, glossary and figures join the tables here as they are generated; until then the
Document carries the tables only and is marked ``generated`` so narrative rules do not apply.
"""

from __future__ import annotations

from ..document import Document, Table
from ..model import Report


def build_document(report: Report, tables: list[Table], source: str = "") -> Document:
    return Document(source=source, department=report.department.name, year=report.year, tables=list(tables),
                    generated=True)
