"""Check many reports at once: worker processes, a time limit per document, and a file that cannot
be read (broken, hostile, too slow) becomes one finding for that file instead of stopping the batch.

Each document is checked by ``check_file`` in worker processes or on a Dask cluster (``executors.py``);
``pipeline`` is the same job as a pure function of the file's bytes and the rule-set version.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from .executors import Timeout, run_all
from .findings import CheckResult, Location, Severity
from .rules import RULESET
from .rules.registry import Hit
from .rules.structure import UNREADABLE

SUFFIXES = (".pdf", ".docx", ".xlsx", ".xls", ".html", ".htm", ".txt", ".md")
DEFAULT_TIMEOUT = 300.0


@dataclass
class DocumentResult:
    path: str
    seconds: float
    result: CheckResult
    failure: str = ""          # why the file could not be checked; "" when it was

    @property
    def counts(self) -> tuple[int, int, int]:
        return tuple(self.result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))


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


def pipeline(name: str, data: bytes, ruleset: str = RULESET, select: tuple[str, ...] = (),
             ignore: tuple[str, ...] = (), catalogs: tuple[str, ...] = ()) -> tuple[dict | None, CheckResult]:
    """The per-document pipeline, a pure function of the file's bytes and the rule-set version: the
    Report its tables state (as JSON data; None when they state none) and its findings. ReadError when
    the bytes are not a readable report."""
    from . import api
    from .parse import read_bytes
    from .parse.report import ReportError, report_from_document

    if ruleset != RULESET:
        raise ValueError(f"规则版本不符：本程序为 {RULESET}，要求 {ruleset}")
    doc = read_bytes(data, name)
    result = api.check_document(doc, select, ignore, _catalog(catalogs))
    try:
        report = report_from_document(doc).model_dump(mode="json", exclude_defaults=True)
    except ReportError:
        report = None
    return report, result


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


def check_many(paths: list[Path], jobs: int = 1, timeout: float = DEFAULT_TIMEOUT,
               select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), catalogs: tuple[str, ...] = (),
               on_done: Callable[[DocumentResult], None] | None = None, executor: str = "local",
               scheduler: str | None = None, profile: str | None = None) -> list[DocumentResult]:
    """Every file checked in ``jobs`` worker processes (or on a Dask cluster), results in the order of
    ``paths``."""
    from .parse import ReadError

    results: dict[int, DocumentResult] = {}
    names = display_names(paths)
    arguments = [(str(p), select, ignore, catalogs, profile) for p in paths]
    for index, outcome, error in run_all(_timed, arguments, jobs=jobs, timeout=timeout, executor=executor,
                                         scheduler=scheduler):
        name = names[index]
        if error is None:
            result, seconds = outcome
            done = DocumentResult(name, seconds, _named(result, name))
        else:
            why = (f"超过每份 {timeout:g} 秒的时限，已停止" if isinstance(error, Timeout) else str(error)
                   if isinstance(error, ReadError) else f"审核时出错（{type(error).__name__}: {error}）")
            done = DocumentResult(name, timeout if isinstance(error, Timeout) else 0.0, _failed(name, why), why)
        results[index] = done
        if on_done:
            on_done(done)
    return [results[i] for i in range(len(paths))]
