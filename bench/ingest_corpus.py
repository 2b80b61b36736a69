"""Benchmark: a corpus of many synthetic departments (default 10,000): ingest time, rows per second,
database size, and the time of typical comparison queries.

Each synthetic department is the example report's rows (read, derived and checked once, as ingest
does) with its own name, year, content hash and amounts scaled by its own factor, written through the
same per-document transaction as `juesuan ingest`. Run: `python bench/ingest_corpus.py [count]`.
"""

from __future__ import annotations

import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from memory import peak_mb  # bench/memory.py

from juesuan.store import compare
from juesuan.store.ingest import store
from juesuan.batch import records_of as analyse
from juesuan.store.schema import connect

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "wuchang-2023" / "data.xlsx"
CENT = Decimal("0.01")


def synthetic(base, n: int):
    factor = Decimal(50 + n % 151) / 100
    document = dict(base.document, sha256=f"synthetic-{n}", source=f"synthetic-{n}.json",
                    department=f"合成部门{n // 5:05d}", year=2019 + n % 5, region=f"某市第{n % 40:02d}区")
    amounts = [row[:7] + ((row[7] * factor).quantize(CENT),) + row[8:] for row in base.amounts]
    return replace(base, document=document, amounts=amounts)


def main(count: int = 10_000) -> None:
    base = analyse(str(EXAMPLE))
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.duckdb"
        con = connect(db)
        start = time.perf_counter()
        for n in range(count):
            store(con, synthetic(base, n))
        seconds = time.perf_counter() - start
        rows = con.execute("SELECT (SELECT count(*) FROM amounts) + (SELECT count(*) FROM facts) "
                           "+ (SELECT count(*) FROM findings)").fetchone()[0]
        con.execute("CHECKPOINT")
        size = db.stat().st_size
        print(f"ingest: {count} documents, {rows:,} rows in {seconds:.1f} s — {count / seconds:.0f} documents/s, "
              f"{rows / seconds:,.0f} rows/s; database {size / 1e6:.0f} MB")
        for title, query in (
            ("peers of one year (2,000 departments)", lambda: compare.peers(con, 2023)),
            ("peers of one region and year", lambda: compare.peers(con, 2023, "某市第07区")),
            ("one department across 5 years", lambda: compare.department_years(con, "合成部门00042")),
            ("SQL: 支出 by year over the whole corpus", lambda: con.execute(
                "SELECT d.year, sum(amount) FROM amounts a JOIN documents d ON d.id = a.document_id "
                "WHERE table_key = 'expenditure' AND row_key = 'total' AND column_key = 'total' GROUP BY 1"
            ).fetchall()),
        ):
            start = time.perf_counter()
            query()
            print(f"{title}: {time.perf_counter() - start:.3f} s")
        con.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
    print(peak_mb())
