"""What every command shares: the consoles, the options, exit codes, messages for bad input."""

from __future__ import annotations

import errno
import signal
import sys
import time
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..findings import Finding, Severity, Waiver, WaiverError, errors_in
from ..profiles import available
from ..render.formats import FINDINGS_FORMATS


class _Api:
    """``juesuan.api``, imported on first use: `juesuan --help` starts without the engine."""

    def __getattr__(self, name: str):
        from .. import api as module

        return getattr(module, name)


api = _Api()


@contextmanager
def time_limit(seconds: float, what: str):
    """End the command with one message (exit 2) when ``what`` takes longer than ``seconds`` — a
    hostile or broken file must not hold a single-file command for ever (batches have their own limit)."""
    def expired(*_):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except TimeoutError:
        raise fail(f"{what}：超过 {seconds:g} 秒的时限，已停止（可用 --timeout 放宽）") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def rich_table(*columns: str, **options):
    """A rich table (rich's tables load when one is drawn)."""
    from rich.table import Table

    return Table(*columns, **options)


def progress_bar(label: str):
    """The progress of a batch on standard error: a bar on a terminal, else a plain line every ten
    seconds (a log file, a CI job) with the rate and the time left."""
    if not err.rich().is_terminal:
        return PlainProgress(label)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err.rich(),
                    transient=True)


class PlainProgress:
    """The part of rich's Progress a batch uses, written as plain lines."""

    EVERY = 10.0   # seconds between lines

    def __init__(self, label: str):
        self.label, self.done, self.total = label, 0, 0
        self.started = self.shown = time.monotonic()

    def __enter__(self):
        return self

    def __exit__(self, *_):
        self._line()

    def add_task(self, _description: str, total: int) -> int:
        self.total = total
        return 0

    def advance(self, _task: int, by: int = 1) -> None:
        self.done += by
        if time.monotonic() - self.shown >= self.EVERY:
            self._line()

    def update(self, _task: int, completed: int) -> None:
        self.done = completed

    def _line(self) -> None:
        self.shown = time.monotonic()
        elapsed = max(self.shown - self.started, 1e-9)
        rate = self.done / elapsed
        left = f"，预计还要 {(self.total - self.done) / rate:.0f} 秒" if rate and self.done < self.total else ""
        print(f"{self.label}：{self.done}/{self.total}（{rate:.1f} 份/秒{left}）", file=sys.stderr, flush=True)

class _Console:
    """A rich console made on first use (rich loads when something is printed)."""

    def __init__(self, **options):
        self.options, self.console = options, None

    def rich(self):
        """The console itself (for rich objects that take one)."""
        if self.console is None:
            from rich.console import Console

            self.console = Console(soft_wrap=True, **self.options)
        return self.console

    def __getattr__(self, name: str):
        return getattr(self.rich(), name)


out = _Console()
err = _Console(stderr=True)

CatalogOption = Annotated[list[Path] | None, typer.Option(
    "--catalog", help="载入完整的科目目录（CSV 或 XLSX，列：code/科目代码, name/科目名称），可重复")]
ProfileOption = Annotated[str | None, typer.Option(
    "--profile", help=f"格式模板（地区版式），覆盖工作簿中的设置。可用：{'、'.join(available())}")]


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


CheckFormat = StrEnum("CheckFormat", {name.upper(): name for name in FINDINGS_FORMATS})


class Executor(StrEnum):
    LOCAL = "local"
    DASK = "dask"


ExecutorOption = Annotated[Executor, typer.Option(
    "--executor", help="local：本机多进程；dask：Dask 集群（--scheduler 给出地址，否则在本机启动一个）")]
SchedulerOption = Annotated[str | None, typer.Option(
    "--scheduler", help="Dask 调度器地址，如 tcp://10.0.0.5:8786（文件路径须在各工作节点可读）")]

RuleOption = Annotated[list[str] | None, typer.Option(
    help="规则编号或类别前缀（如 N、T003），可重复或用逗号分隔")]


def patterns(values: list[str] | None) -> tuple[str, ...]:
    return tuple(p.strip() for v in values or [] for p in v.split(",") if p.strip())


def fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]错误[/red]：{message}", highlight=False)
    return typer.Exit(code)


def waivers_of(path: Path | None) -> list[Waiver]:
    try:
        return api.load_waivers(path) if path else []
    except WaiverError as exc:
        raise fail(str(exc)) from None


def load_catalog(paths: list[Path] | None):
    from ..catalog import CatalogError

    try:
        return api.catalog_with(paths)
    except CatalogError as exc:
        raise fail(str(exc)) from None


def print_problems(problems: list[Finding]) -> None:
    colours = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    for p in problems:
        err.print(f"{p.location}: [{colours[p.severity]}]{p.severity.value}[/]: {p.message}", highlight=False)
    errors = len(errors_in(problems))
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    if problems:
        err.print(f"共 {errors} 个错误，{warnings} 个警告。", highlight=False)



FILE_ERRORS = {errno.EEXIST: "已存在同名文件，不能用作文件夹", errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
               errno.EISDIR: "这是文件夹，不是文件", errno.EACCES: "没有读写权限", errno.EPERM: "没有读写权限",
               errno.ENOSPC: "磁盘空间不足", errno.EROFS: "只读的文件系统", errno.ENOENT: "文件或文件夹不存在",
               errno.ENAMETOOLONG: "文件名太长"}


def file_error(exc: OSError) -> str:
    """An operating-system error as the user needs it: the path, what is wrong, the system's words."""
    reason = FILE_ERRORS.get(exc.errno, "无法读写")
    where = f"{exc.filename}：" if exc.filename else ""
    return f"{where}{reason}（{exc.strerror or exc}）"


