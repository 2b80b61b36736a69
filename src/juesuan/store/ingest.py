"""The corpus as a sink: one analysed document's rows written in one transaction (a failure leaves
none of them). Reading and analysing happen elsewhere (``batch.ingest``); DuckDB has one writer."""

from __future__ import annotations

from .records import Records
from .schema import (
    AMOUNT_COLUMNS,
    DOCUMENT_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
)


def _insert_rows(con, table: str, columns: tuple[str, ...], document_id: int, rows: list[tuple]) -> None:
    if not rows:
        return
    import pyarrow as pa

    data = {"document_id": [document_id] * len(rows)}
    data |= {name: [row[i] for row in rows] for i, name in enumerate(columns)}
    types = {"amount": pa.decimal128(20, 6), "box": pa.list_(pa.float64())}
    arrow = pa.table({k: pa.array(v, type=types.get(k)) for k, v in data.items()})
    con.register("incoming", arrow)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(data)}) SELECT * FROM incoming")
    finally:
        con.unregister("incoming")


def store(con, records: Records) -> int:
    """Write one document's rows in one transaction; its id. Nothing stays when a row fails."""
    con.execute("BEGIN TRANSACTION")
    try:
        values = [records.document.get(c) for c in DOCUMENT_COLUMNS]
        document_id = con.execute(
            f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({', '.join('?' * len(values))}) "
            "RETURNING id", values).fetchone()[0]
        _insert_rows(con, "amounts", AMOUNT_COLUMNS, document_id, records.amounts)
        _insert_rows(con, "facts", FACT_COLUMNS, document_id, records.facts)
        _insert_rows(con, "findings", FINDING_COLUMNS, document_id, records.findings)
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 - a failed COMMIT (a full disk) already ended the transaction
            pass
        raise
    return document_id


def known(con) -> set[str]:
    """The SHA-256 of every document already stored."""
    return {row[0] for row in con.execute("SELECT sha256 FROM documents").fetchall()}


def same_content(con, content: str | None) -> str | None:
    """The file name of a stored document with the same content (department, year, figures), if any."""
    if not content:
        return None
    found = con.execute("SELECT source FROM documents WHERE content = ? LIMIT 1", [content]).fetchone()
    return found[0] if found else None
