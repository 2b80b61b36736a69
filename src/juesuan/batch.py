"""Check many reports at once: worker processes, a time limit per document, and a file that cannot
be read (broken, hostile, too slow) becomes one finding for that file instead of stopping the batch.

Each document goes through the one pipeline (``api.analyse``) in worker processes or on a Dask cluster
(``executors.py``): ``check_many`` keeps its findings, ``ingest`` its rows, written to the corpus from
this process. ``pipeline`` is the same job as a pure function of the file's bytes and the rule-set
version.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from .findings import CheckResult, DocumentResult, Location

SUFFIXES = (".pdf", ".docx", ".xlsx", ".xls", ".html", ".htm", ".txt", ".md")
INGEST_SUFFIXES = SUFFIXES + (".json",)    # the corpus takes juesuan data files too
DEFAULT_TIMEOUT = 300.0


def collect(sources: Iterable[Path], suffixes: tuple[str, ...] = SUFFIXES) -> list[Path]:
    """The files to check: each file given, and every file with one of ``suffixes`` under each
    directory given (hidden files and Office lock files left out)."""
    found: list[Path] = []
    for source in sources:
        source = Path(source)
        if source.is_dir():
            found += sorted(p for p in source.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
                            and not p.name.startswith((".", "~$")))
        else:
            found.append(source)
    return list(dict.fromkeys(found))


def pipeline(name: str, data: bytes, ruleset: str | None = None, select: tuple[str, ...] = (),
             ignore: tuple[str, ...] = (), catalogs: tuple[str, ...] = ()) -> tuple[dict | None, CheckResult]:
    """The per-document pipeline, a pure function of the file's bytes and the rule-set version: the
    Report its tables state (as JSON data; None when they state none) and its findings. ReadError when
    the bytes are not a readable report."""
    from . import api
    from .rules import RULESET  # the rules load when a document is checked, not when the command starts

    if ruleset not in (None, RULESET):
        raise ValueError(f"规则版本不符：本程序为 {RULESET}，要求 {ruleset}")
    analysis = api.analyse(Path(name), select, ignore, _catalog(catalogs), data=data)
    report = analysis.report.model_dump(mode="json", exclude_defaults=True) if analysis.report else None
    return report, analysis.result


def check_file(path: str, select: tuple[str, ...] = (), ignore: tuple[str, ...] = (),
               catalogs: tuple[str, ...] = (), profile: str | None = None) -> CheckResult:
    """One document's findings; ReadError when the file cannot be read."""
    from . import api

    return api.check(Path(path), select, ignore, _catalog(catalogs), profile=profile)


def _catalog(catalogs: tuple[str, ...]):
    """The bundled catalogue with the user's editions merged in (None: the bundled one alone)."""
    from . import api

    return api.catalog_with([Path(c) for c in catalogs]) if catalogs else None


def _timed(path: str, *options) -> tuple[CheckResult, float]:
    started = time.perf_counter()
    result = check_file(path, *options)
    return result, time.perf_counter() - started


def _failed(path: str, why: str) -> CheckResult:
    from .rules.registry import Hit
    from .rules.structure import UNREADABLE

    return CheckResult(path, [UNREADABLE.finding(Hit(Location(path), {"why": why}))])


def display_names(paths: list[Path]) -> list[str]:
    """The file name where it is unique in the batch, the whole path where two share a name."""
    counts: dict[str, int] = {}
    for p in paths:
        counts[p.name] = counts.get(p.name, 0) + 1
    return [p.name if counts[p.name] == 1 else str(p) for p in paths]


def _named(result: CheckResult, name: str) -> CheckResult:
    """Findings located by the path as given, so files of the same name in two folders differ."""
    result.findings = [replace(f, location=replace(f.location, file=name)) for f in result.findings]
    result.source = name
    return result


def check_each(paths: list[Path], jobs: int = 1, timeout: float = DEFAULT_TIMEOUT,
               select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), catalogs: tuple[str, ...] = (),
               executor: str = "local", scheduler: str | None = None, profile: str | None = None,
               names: list[str] | None = None) -> Iterator[DocumentResult]:
    """Every file checked in ``jobs`` worker processes (or on a Dask cluster), each result as it
    finishes (nothing is kept here: a caller that writes them as they come stays flat in memory)."""
    from .executors import Timeout, run_all
    from .parse import ReadError

    names = names or display_names(paths)
    # absolute: a Dask worker elsewhere does not share this process's working folder
    arguments = ((str(Path(p).resolve()), select, ignore, catalogs, profile) for p in paths)
    for index, outcome, error in run_all(_timed, arguments, jobs=jobs, timeout=timeout, executor=executor,
                                         scheduler=scheduler):
        name = names[index]
        if error is None:
            result, seconds = outcome
            yield DocumentResult(name, seconds, _named(result, name))
            continue
        why = (f"超过每份 {timeout:g} 秒的时限，已停止" if isinstance(error, Timeout) else str(error)
               if isinstance(error, ReadError) else f"审核时出错（{type(error).__name__}: {error}）")
        why = why.replace(str(Path(paths[index]).resolve()), name)      # the path as the user gave it
        yield DocumentResult(name, timeout if isinstance(error, Timeout) else 0.0, _failed(name, why), why)


def check_many(paths: list[Path], jobs: int = 1, timeout: float = DEFAULT_TIMEOUT,
               select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), catalogs: tuple[str, ...] = (),
               on_done: Callable[[DocumentResult], None] | None = None, executor: str = "local",
               scheduler: str | None = None, profile: str | None = None) -> list[DocumentResult]:
    """``check_each``'s results, in the order of ``paths``."""
    names = display_names(paths)
    order = {name: i for i, name in enumerate(names)}
    results: list[DocumentResult | None] = [None] * len(paths)
    for done in check_each(paths, jobs, timeout, select, ignore, catalogs, executor, scheduler, profile, names):
        results[order[done.path]] = done
        if on_done:
            on_done(done)
    return results


@dataclass
class IngestResult:
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)     # already in the corpus (same SHA-256)
    duplicates: list[tuple[str, str]] = field(default_factory=list)   # (file, stored file of the same content)
    failed: list[tuple[str, str]] = field(default_factory=list)   # (file, why)


def records_of(path: str):
    """One file analysed and flattened into the corpus's rows (in a worker: only the rows come back)."""
    from . import api
    from .store.records import records

    return records(Path(path).name, api.analyse(Path(path)))


def _digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


class _Writer:
    """Stores analysed documents in batches of ``BATCH`` or every ``EVERY`` seconds, holding the corpus
    open only while writing: in between, other programs (compare, sql, the web's 数据) can read it, and
    at most one batch of rows is held in memory."""

    BATCH, EVERY = 50, 2.0

    def __init__(self, db: Path, result: IngestResult, on_done: Callable[[str], None] | None):
        self.db, self.result, self.on_done = db, result, on_done
        self.waiting: list[tuple[str, object]] = []
        self.last = time.monotonic()

    def add(self, path: str, records) -> None:
        self.waiting.append((path, records))
        if len(self.waiting) >= self.BATCH or time.monotonic() - self.last >= self.EVERY:
            self.flush()

    def flush(self) -> None:
        from .store.ingest import same_content, store
        from .store.schema import StoreError, connect, disk_message

        con = connect(self.db)
        try:
            for path, records in self.waiting:
                try:
                    if same := same_content(con, records.document.get("content")):
                        self.result.duplicates.append((path, same))
                        continue
                    store(con, records)
                    self.result.added.append(path)
                except Exception as exc:  # noqa: BLE001 - one bad file never stops the batch
                    why = disk_message(exc)
                    if why == "磁盘空间已满":
                        raise StoreError(f"{self.db}: 磁盘空间已满，入库停止（已入库的 {len(self.result.added)} 份完好）") \
                            from None
                    self.result.failed.append((path, why))
        finally:
            con.close()
        for path, _ in self.waiting:
            if self.on_done:
                self.on_done(path)
        self.waiting, self.last = [], time.monotonic()


def ingest(paths: list[Path], db: Path, jobs: int = 1, timeout: float = DEFAULT_TIMEOUT,
           on_done: Callable[[str], None] | None = None, executor: str = "local",
           scheduler: str | None = None) -> IngestResult:
    """Every file not yet in the corpus analysed in ``jobs`` worker processes (or on a Dask cluster)
    and stored from this process: idempotent (same bytes, or the same department, year and figures
    in other bytes → stored once), one transaction per document, incremental; the corpus stays
    readable between batches."""
    from .executors import Timeout, run_all
    from .store.ingest import known
    from .store.schema import connect

    result = IngestResult()
    con = connect(db)
    try:
        stored = known(con)
    finally:
        con.close()
    todo = []
    for path in paths:
        digest = _digest(Path(path))
        if digest in stored:
            result.skipped.append(str(path))
        else:
            stored.add(digest)      # the same bytes twice in one batch are read once
            todo.append(path)
    writer = _Writer(db, result, on_done)
    arguments = ((str(Path(p).resolve()),) for p in todo)
    for index, records, error in run_all(records_of, arguments, jobs=jobs, timeout=timeout, executor=executor,
                                         scheduler=scheduler):
        path = str(todo[index])
        if error is None:
            writer.add(path, records)
            continue
        why = f"超过 {timeout:g} 秒的时限" if isinstance(error, Timeout) else (str(error) or type(error).__name__)
        result.failed.append((path, why))
        if on_done:
            on_done(path)
    if writer.waiting:
        writer.flush()
    return result
