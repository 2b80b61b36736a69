"""Ingest files into the corpus: idempotent (same bytes → stored once), one transaction per document
(a failure leaves none of its rows), incremental, reading in worker processes while this process
writes (DuckDB has one writer)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import batch
from ..executors import Timeout, run_all
from .records import Records, analyse
from .schema import (
    AMOUNT_COLUMNS,
    DOCUMENT_COLUMNS,
    FACT_COLUMNS,
    FINDING_COLUMNS,
    connect,
)

SUFFIXES = (".pdf", ".docx", ".xlsx", ".xls", ".html", ".htm", ".txt", ".md", ".json")
DEFAULT_TIMEOUT = 300.0


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)     # already in the corpus (same SHA-256)
    failed: list[tuple[str, str]] = field(default_factory=list)   # (file, why)


def collect(sources) -> list[Path]:
    """Report files and juesuan data files under the sources given."""
    return batch.collect(sources, SUFFIXES)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


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
        values = [records.document[c] for c in DOCUMENT_COLUMNS]
        document_id = con.execute(
            f"INSERT INTO documents ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({', '.join('?' * len(values))}) "
            "RETURNING id", values).fetchone()[0]
        _insert_rows(con, "amounts", AMOUNT_COLUMNS, document_id, records.amounts)
        _insert_rows(con, "facts", FACT_COLUMNS, document_id, records.facts)
        _insert_rows(con, "findings", FINDING_COLUMNS, document_id, records.findings)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return document_id


def ingest(paths: list[Path], db: Path, jobs: int = 1, timeout: float = DEFAULT_TIMEOUT,
           on_done: Callable[[str], None] | None = None, executor: str = "local",
           scheduler: str | None = None) -> IngestResult:
    """Every file not yet in the corpus read in ``jobs`` worker processes (or on a Dask cluster) and
    stored from this process."""
    result = IngestResult()
    con = connect(db)
    try:
        known = {row[0] for row in con.execute("SELECT sha256 FROM documents").fetchall()}
        todo = []
        for path in paths:
            digest = _digest(path)
            if digest in known:
                result.skipped.append(str(path))
            else:
                known.add(digest)      # the same bytes twice in one batch are read once
                todo.append(path)
        for index, records, error in run_all(analyse, [(str(p),) for p in todo], jobs=jobs, timeout=timeout,
                                             executor=executor, scheduler=scheduler):
            path = str(todo[index])
            try:
                if isinstance(error, Timeout):
                    raise TimeoutError(f"超过 {timeout:g} 秒的时限")
                if error is not None:
                    raise error
                store(con, records)
                result.added.append(path)
            except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
                result.failed.append((path, str(exc) or type(exc).__name__))
            if on_done:
                on_done(path)
    finally:
        con.close()
    return result
