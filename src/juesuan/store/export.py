"""The corpus in open formats: every table as Parquet or CSV, and a Fiscal Data Package (Frictionless
Data Package with an OpenSpending ``model``) of the amounts with their document's dimensions."""

from __future__ import annotations

import json
from pathlib import Path

TABLES = ("documents", "amounts", "facts", "findings")

FLAT_AMOUNTS = """
SELECT d.sha256 AS document, d.year, d.department, d.level, d.region, d.source,
       a.table_key, a.side, a.row_key, a.code, a.name, a.row_level, a.column_key,
       CAST(a.amount AS VARCHAR) AS amount, a.page, a.line
FROM amounts a JOIN documents d ON d.id = a.document_id
ORDER BY d.id, a.table_key, a.side, a.row_key, a.column_key
"""

FIELDS = [
    ("document", "string", "文件内容的 SHA-256"), ("year", "integer", "决算年度"), ("department", "string", "部门"),
    ("level", "string", "级次"), ("region", "string", "地区"), ("source", "string", "文件名"),
    ("table_key", "string", "表（summary、income、expenditure…；stated：情况说明所述的主要数字）"), ("side", "string", "表内分栏"),
    ("row_key", "string", "行"), ("code", "string", "科目代码"), ("name", "string", "科目名称"),
    ("row_level", "string", "类/款/项/合计"), ("column_key", "string", "栏"),
    ("amount", "number", "金额（万元）"), ("page", "integer", "页码"), ("line", "integer", "页内行号"),
]


def export_tables(con, outdir: Path, fmt: str) -> list[Path]:
    """Each corpus table as ``<name>.parquet`` or ``<name>.csv`` in ``outdir``."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        path = outdir / f"{table}.{fmt}"
        option = "(FORMAT PARQUET)" if fmt == "parquet" else "(HEADER, DELIMITER ',')"
        con.execute(f"COPY (SELECT * FROM {table} ORDER BY ALL) TO '{_quoted(path)}' {option}")
        written.append(path)
    return written


def _quoted(path: Path) -> str:
    return str(path).replace("'", "''")


def export_fiscal_data_package(con, outdir: Path) -> Path:
    """``datapackage.json`` + ``amounts.csv``: one row per printed amount with the dimensions an
    OpenSpending-style tool groups by (year, department, region, table, subject, column)."""
    outdir.mkdir(parents=True, exist_ok=True)
    con.execute(f"COPY ({FLAT_AMOUNTS}) TO '{_quoted(outdir / 'amounts.csv')}' (HEADER, DELIMITER ',')")
    package = {
        "name": "juesuan-final-accounts",
        "title": "部门决算公开：各部门决算表金额",
        "profile": "tabular-data-package",   # frictionless knows it offline; the FDP part is `model`
        "licenses": [{"name": "ODC-PDDL-1.0", "title": "Open Data Commons Public Domain Dedication"}],
        "resources": [{
            "name": "amounts", "path": "amounts.csv", "profile": "tabular-data-resource",
            "format": "csv", "encoding": "utf-8",
            "schema": {"fields": [{"name": n, "type": t, "description": d} for n, t, d in FIELDS]},
        }],
        "model": {
            "measures": {"amount": {"source": "amount", "currency": "CNY", "factor": 10000,
                                    "title": "金额（万元）"}},
            "dimensions": {
                "date": {"dimensionType": "datetime", "primaryKey": ["year"],
                         "attributes": {"year": {"source": "year"}}},
                "administrative": {"dimensionType": "entity", "primaryKey": ["department"],
                                   "attributes": {"department": {"source": "department"},
                                                  "region": {"source": "region"}, "level": {"source": "level"}}},
                "classification": {"dimensionType": "classification", "classificationType": "functional",
                                   "primaryKey": ["code"],
                                   "attributes": {"code": {"source": "code"}, "name": {"source": "name"}}},
                "table": {"dimensionType": "other", "primaryKey": ["table_key", "column_key"],
                          "attributes": {"table_key": {"source": "table_key"}, "column_key": {"source": "column_key"},
                                         "row_key": {"source": "row_key"}}},
            },
        },
    }
    path = outdir / "datapackage.json"
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
