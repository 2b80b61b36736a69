"""The derived tables in machine form (``report.json``); schema in docs/report-json.md."""

from __future__ import annotations

import json
from decimal import Decimal

from ..document import Table

FORMAT = "juesuan.tables"
VERSION = 1


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _table(table: Table) -> dict:
    return {
        "key": table.key, "label": table.label, "title": table.title, "unit": table.unit,
        "blocks": [{
            "title": block.title,
            "columns": [{"key": c.key, "header": list(c.header), "number": c.number} for c in block.columns],
            "rows": [{
                "key": row.key, "code": row.code, "name": row.name, "level": row.level, "line": row.line,
                "cells": {c.key: _amount(v) for c, v in zip(block.columns, row.cells)},
            } for row in block.rows if row.key],
        } for block in table.blocks],
        "footer": [{"label": label, "value": _amount(value)} for label, value in table.footer],
        "notes": list(table.notes),
        "empty_note": table.empty_note,
    }


def tables_json(tables: list[Table], *, department: str, year: int, profile: str,
                unit_name: str = "", warnings: list[str] = ()) -> str:
    document = {
        "format": FORMAT, "version": VERSION, "department": department, "year": year,
        "profile": profile, "unit": tables[0].unit if tables and all(t.unit == tables[0].unit for t in tables) else "各表标注",
        "reporting_unit": unit_name or department,
        "tables": [_table(t) for t in tables], "warnings": list(warnings),
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
