"""The corpus schema (DuckDB, one file): documents, the amounts of their tables, the amounts their
narrative states, and their findings. Money is exact DECIMAL in 万元; every amount read from a file
keeps its page, line, box and printed text. Documented in docs/store.md."""

from __future__ import annotations

from pathlib import Path

SCHEMA_VERSION = 3     # 2: documents.content; 3: documents.kind

DOCUMENT_COLUMNS = ("sha256", "source", "origin", "year", "department", "level", "region", "profile",
                    "pages", "errors", "warnings", "infos", "ruleset", "content", "kind")
AMOUNT_COLUMNS = ("table_key", "side", "row_key", "code", "name", "row_level", "column_key", "amount",
                  "page", "line", "box", "printed")
FACT_COLUMNS = ("section", "page", "line", "label", "amount", "context")
FINDING_COLUMNS = ("rule", "severity", "message", "page", "line", "table_title", "row_key", "column_key",
                   "expected", "actual")

DDL = """
CREATE SEQUENCE IF NOT EXISTS document_ids START 1;
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY DEFAULT nextval('document_ids'),
    sha256 VARCHAR NOT NULL UNIQUE,     -- of the file's bytes: the same file is stored once
    source VARCHAR NOT NULL,            -- file name
    origin VARCHAR NOT NULL,            -- published (read from a report file) | built (from juesuan data)
    year INTEGER, department VARCHAR, level VARCHAR, region VARCHAR, profile VARCHAR,
    pages INTEGER, errors INTEGER, warnings INTEGER, infos INTEGER,
    ruleset VARCHAR NOT NULL,
    content VARCHAR,                    -- of department, year and figures: the same report in other bytes
    kind VARCHAR DEFAULT 'final',       -- final (部门决算) | budget (部门预算)
    ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
CREATE TABLE IF NOT EXISTS amounts (
    document_id INTEGER NOT NULL,
    table_key VARCHAR NOT NULL,         -- summary, income, expenditure, fiscal_summary, ...; stated (the text's headline figures)
    side VARCHAR NOT NULL,              -- block: 收入/支出 of a 总表, lane0.. of table 06, '' otherwise
    row_key VARCHAR NOT NULL,           -- subject code, or total / income_total / sangong ...
    code VARCHAR, name VARCHAR, row_level VARCHAR,
    column_key VARCHAR NOT NULL,        -- total, basic, project, fiscal, amount, actual_total ...
    amount DECIMAL(20, 6) NOT NULL,     -- 万元, exact
    page INTEGER, line INTEGER, box DOUBLE[], printed VARCHAR
);
CREATE TABLE IF NOT EXISTS facts (
    document_id INTEGER NOT NULL,
    section VARCHAR, page INTEGER, line INTEGER,
    label VARCHAR,                      -- the words just before the amount
    amount DECIMAL(20, 6) NOT NULL,     -- 万元
    context VARCHAR
);
CREATE TABLE IF NOT EXISTS findings (
    document_id INTEGER NOT NULL,
    rule VARCHAR NOT NULL, severity VARCHAR NOT NULL, message VARCHAR NOT NULL,
    page INTEGER, line INTEGER, table_title VARCHAR, row_key VARCHAR, column_key VARCHAR,
    expected VARCHAR, actual VARCHAR
);
CREATE OR REPLACE VIEW observed_subjects AS
    SELECT a.classification, a.code, a.name, d.year, count(*) AS documents
    FROM (SELECT DISTINCT document_id, code, name,
                 CASE WHEN table_key = 'general_basic' THEN 'economic' ELSE 'function' END AS classification
          FROM amounts WHERE code IS NOT NULL) a
    JOIN documents d ON d.id = a.document_id
    GROUP BY a.classification, a.code, a.name, d.year;
"""


class StoreError(ValueError):
    """A corpus file that cannot be opened (missing, locked, not a juesuan corpus)."""


def connect(path: Path, read_only: bool = False):
    """A connection to the corpus at ``path``, created with its schema when new (unless read-only)."""

    path = Path(path)
    if read_only and not path.exists():
        raise StoreError(f"{path}: 语料库不存在（先用 juesuan ingest 入库）")
    if path.is_file() and path.stat().st_size:
        with path.open("rb") as handle:
            head = handle.read(16)
        if head[8:12] != b"DUCK":       # a SQLite or other file: never open it (DuckDB would try extensions)
            raise StoreError(f"{path}: 不是 juesuan 语料库（也不是 DuckDB 数据库文件），未改动")
    con = _connect_waiting(path, read_only, LOCK_WAIT)
    tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if tables and "meta" not in tables:
        con.close()
        raise StoreError(f"{path}: 是别的 DuckDB 数据库，不是 juesuan 语料库，未改动")
    if not read_only:
        con.execute(DDL)
        con.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS content VARCHAR")   # a version-1 corpus
        con.execute("ALTER TABLE documents ADD COLUMN IF NOT EXISTS kind VARCHAR DEFAULT 'final'")   # version 2
        con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
    return con


LOCK_WAIT = 30.0    # seconds to wait for a corpus another process is writing (ingest releases it between batches)


def _connect_waiting(path: Path, read_only: bool, wait: float):
    """DuckDB lets one process open a file for writing and no one else meanwhile: wait for it."""
    import time

    import duckdb

    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only,
                                  config={"autoinstall_known_extensions": False,
                                          "autoload_known_extensions": False})
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"{path}: 无法打开语料库（{disk_message(exc)}）") from exc
            if time.monotonic() > deadline:
                raise StoreError(f"{path}: 语料库正被另一个程序使用（如正在入库），等了 {wait:g} 秒仍未释放，请稍后再试") from exc
            time.sleep(0.2)
        except duckdb.Error as exc:
            raise StoreError(f"{path}: 无法打开语料库（{exc}）") from exc


def disk_message(error: BaseException) -> str:
    """An error in words: a full disk said as such (DuckDB says it in English, deep in its text)."""
    text = str(error)
    if "No space left" in text or getattr(error, "errno", None) == 28:
        return "磁盘空间已满"
    return text.splitlines()[0] if text else type(error).__name__
