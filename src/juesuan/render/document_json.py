"""A read Document as JSON, every element located: page and line, and for each table cell the
printed text and its box on the page (PDF), so that any number can be traced back to the file."""

from __future__ import annotations

import json

from ..claims.reader import claims
from ..document import Document, Table


def _place(doc: Document, line: int | None) -> dict[str, object]:
    page, on_page = doc.place(line)
    return {k: v for k, v in (("page", page), ("line", on_page)) if v is not None}


def _table(doc: Document, table: Table) -> dict[str, object]:
    blocks = []
    for block in table.blocks:
        rows = []
        for row in block.rows:
            sources = doc.cell_sources(row)
            cells = {}
            for column, value, source in zip(block.columns, row.cells, sources):
                if value is None:
                    continue
                cell: dict[str, object] = {"value": str(value)}
                if source is not None:
                    cell["printed"] = source[0]
                    if source[1] is not None:
                        cell["box"] = [round(x, 1) for x in source[1]]
                cells[column.key] = cell
            rows.append({"key": row.key, "code": row.code, "name": row.name, "level": row.level,
                         **_place(doc, row.origin), "cells": cells})
        blocks.append({"title": block.title, "columns": [c.key for c in block.columns], "rows": rows})
    return {"key": table.key, "title": table.title, "unit": "万元", "unit_printed": table.unit if table.unit_stated
            else None, **_place(doc, table.origin), "blocks": blocks,
            "footer": [{"name": n, "value": None if v is None else str(v)} for n, v in table.footer]}


def document_dict(doc: Document, layout: str = "") -> dict[str, object]:
    return {
        "source": doc.source, "sha256": doc.sha256, "department": doc.department, "year": doc.year,
        "layout": layout, "ocr_pages": doc.ocr_pages,
        "unreadable": [{**_place(doc, line), "why": why} for line, why in doc.unreadable],
        "toc": [{"text": h.text, "level": h.level, **_place(doc, h.line)} for h in doc.toc],
        "headings": [{"text": h.text, "level": h.level, **_place(doc, h.line)} for h in doc.headings],
        "paragraphs": [{"section": list(p.section), **_place(doc, p.line), "text": p.text} for p in doc.paragraphs],
        "tables": [_table(doc, t) for t in doc.tables],
        "perf_tables": [{"title": t.title, "name": t.name, **_place(doc, t.line),
                         "total": None if t.total is None else str(t.total)} for t in doc.perf_tables],
        "claims": [{**c.to_dict(), **_place(doc, c.line)} for c in claims(doc)],
    }


def document_json(doc: Document, layout: str = "") -> str:
    return json.dumps(document_dict(doc, layout), ensure_ascii=False, indent=1) + "\n"
