"""The corpus commands of ``juesuan``: ingest, compare, catalog observed, export, sql."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..fsutil import atomic_write_bytes
from ..render.formats import xlsx_bytes
from .apps import app, catalog_app
from .common import Executor, ExecutorOption, SchedulerOption, api, err, fail, out, progress_bar, rich_table

compare_app = typer.Typer(help="比较语料库中的报告：一个部门的各年，或一个地区各部门。", no_args_is_help=True)
app.add_typer(compare_app, name="compare")

DbOption = Annotated[Path, typer.Option("--db", help="语料库文件（DuckDB）")]
OutOption = Annotated[Path | None, typer.Option("-o", "--output", help="写入 CSV 或 XLSX（按扩展名）")]


def _open(db: Path, read_only: bool = True):
    from ..store.schema import StoreError, connect

    try:
        return connect(db, read_only=read_only)
    except StoreError as exc:
        raise fail(str(exc)) from None


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):   # amounts at the cent, finer values as they are
        cents = value.quantize(Decimal("0.01"))
        return f"{cents}" if cents == value else f"{value.normalize():f}"
    return str(value)


def _emit(title: str, header: list[str], rows: list[list[object]], output: Path | None,
          notes: list[str] = ()) -> None:
    """Print a rich table, or write it as CSV (UTF-8 with BOM) or XLSX."""
    if output is None:
        table = rich_table(*header, title=title)
        for row in rows:
            table.add_row(*(_text(v) for v in row))
        out.print(table)
        for note in notes:
            err.print(note, highlight=False)
        return
    if output.suffix.lower() == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.active
        sheet.title = "比较"
        sheet.append(header)
        for row in rows:
            sheet.append([v if isinstance(v, (int, str, Decimal)) or v is None else str(v) for v in row])
        atomic_write_bytes(output, xlsx_bytes(book.save))
    else:
        from ..render.findings import csv_text

        atomic_write_bytes(output, csv_text(header, ([_text(v) for v in row] for row in rows)).encode("utf-8"))
    out.print(f"已生成 {output}", highlight=False)


@app.command()
def ingest(
    sources: Annotated[list[Path], typer.Argument(help="报告文件、填报数据（工作簿或 JSON）或文件夹")],
    db: DbOption = Path("corpus.duckdb"),
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="同时读取的进程数")] = 1,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="每份的时限（秒）")] = 300.0,
    executor: ExecutorOption = Executor.LOCAL,
    scheduler: SchedulerOption = None,
) -> None:
    """把报告入库（DuckDB 单文件）：各表金额（精确到分，带页码和位置）、文字中的金额、审核问题。

    同一文件只入库一次，同一报告的另一文件（部门、年度和各项金额相同，如 PDF 与 DOCX）也不重复入库；
    每份报告一个事务，失败的不留下任何行；可随时追加；入库期间语料库在两批之间可供查询。"""
    from ..batch import INGEST_SUFFIXES, collect
    from ..batch import ingest as run_ingest

    paths = collect(sources, INGEST_SUFFIXES)
    if not paths:
        raise fail("没有找到可入库的文件")
    _open(db, read_only=False).close()   # a locked or foreign file is one message, before any work
    from ..store.schema import StoreError

    try:
        with progress_bar("入库") as progress:
            task = progress.add_task("", total=len(paths))
            result = run_ingest(paths, db, jobs, timeout, on_done=lambda _: progress.advance(task),
                                executor=executor.value, scheduler=scheduler)
            progress.update(task, completed=len(paths))
    except StoreError as exc:
        raise fail(str(exc)) from None
    for path, why in result.failed:
        err.print(f"[red]未入库[/red] {path}：{why}", highlight=False)
    for path, same in result.duplicates:
        err.print(f"未重复入库 {path}：与已入库的 {same} 内容相同（部门、年度和各项金额一致）", highlight=False)
    out.print(f"{db}：新增 {len(result.added)} 份，已有 {len(result.skipped) + len(result.duplicates)} 份"
              + (f"（其中 {len(result.duplicates)} 份是内容相同的另一文件）" if result.duplicates else "")
              + f"，失败 {len(result.failed)} 份", highlight=False)
    raise typer.Exit(1 if result.failed else 0)


@compare_app.command("years")
def compare_years(
    department: Annotated[str, typer.Argument(help="部门名称（与报告中的一致）")],
    db: DbOption = Path("corpus.duckdb"),
    level: Annotated[str, typer.Option(help="科目级次：类、款 或 项")] = "项",
    output: OutOption = None,
) -> None:
    """一个部门各年的支出（支出决算表合计），科目跨年对应：先按内置的科目调整对照表，再按相同代码且名称相近；
    对不上的单独列出并说明原因。"""
    from ..store.compare import department_years

    con = _open(db)
    result = department_years(con, department, level)
    _emit(result.title, result.header, result.rows, output, result.notes)


@compare_app.command("budget-vs-final")
def compare_budget_vs_final(
    department: Annotated[str, typer.Argument(help="部门名称（可只写一部分，如 城市管理行政执法局）")],
    year: Annotated[int, typer.Argument(help="年度")],
    db: DbOption = Path("corpus.duckdb"),
    output: OutOption = None,
) -> None:
    """一个部门一年的部门预算与决算并列：各项部门预算数、决算中的年初预算、决算数和执行率。"""
    from ..store.compare import budget_vs_final

    result = budget_vs_final(_open(db), department, year)
    _emit(result.title, result.header, result.rows + ([result.totals] if result.totals else []), output, result.notes)


@compare_app.command("peers")
def compare_peers(
    year: Annotated[int, typer.Argument(help="决算年度")],
    db: DbOption = Path("corpus.duckdb"),
    region: Annotated[str | None, typer.Option(help="地区（前缀匹配，如 上海市普陀区）")] = None,
    rank_by: Annotated[str, typer.Option(help="排序：income、expenditure、basic、project、sangong")] = "expenditure",
    output: OutOption = None,
) -> None:
    """同一年各部门并列：收支总额、基本/项目支出、“三公”经费、机关运行经费、项目支出占比，排名，并标出离群值。"""
    from ..store.compare import peers

    result = peers(_open(db), year, region, rank_by)
    _emit(result.title, result.header, result.rows + ([result.totals] if result.totals else []), output, result.notes)


@catalog_app.command("observed")
def catalog_observed(
    db: DbOption = Path("corpus.duckdb"),
    code: Annotated[str | None, typer.Option(help="只看以此开头的代码")] = None,
    output: OutOption = None,
) -> None:
    """语料库中出现过的每个（代码、名称、年度）及文件数，并与内置目录对照：名称变体、改名和目录缺少的科目。"""
    from ..store.compare import observed_catalogue

    result = observed_catalogue(_open(db), code)
    _emit(result.title, result.header, result.rows, output)


@catalog_app.command("learn")
def catalog_learn(db: DbOption = Path("corpus.duckdb")) -> None:
    """记下语料库中各报告表内出现过的功能分类科目代码：此后 C003 不再把它们报为未知代码（只证明代码存在，名称仍以目录为准）。"""
    from ..store.compare import observed_codes

    kept, count = api.learn_codes(observed_codes(_open(db)))
    out.print(f"已记下 {count} 个科目代码：{kept}", highlight=False)


class ExportFormat(StrEnum):
    PARQUET = "parquet"
    CSV = "csv"
    FDP = "fdp"


@app.command()
def export(
    output: Annotated[Path, typer.Option("-o", "--output", help="输出目录")],
    db: DbOption = Path("corpus.duckdb"),
    format: Annotated[ExportFormat, typer.Option("--format", help="parquet、csv 或 fdp（Fiscal Data Package）")]
        = ExportFormat.PARQUET,
) -> None:
    """导出整个语料库：各表为 Parquet 或 CSV；或 Fiscal Data Package（datapackage.json + amounts.csv）。"""
    import shutil

    import duckdb

    from ..fsutil import atomic_outputs
    from ..store.export import export_fiscal_data_package, export_tables
    from ..store.schema import disk_message

    con = _open(db)
    existed = output.exists()
    try:
        with atomic_outputs(output) as scratch:      # every file of the export, or none of them
            written = [export_fiscal_data_package(con, scratch)] if format is ExportFormat.FDP else \
                export_tables(con, scratch, format.value)
    except (duckdb.Error, OSError) as exc:
        if not existed:
            shutil.rmtree(output, ignore_errors=True)
        raise fail(f"{output}：导出失败（{disk_message(exc)}），未写出任何文件") from None
    for path in written:
        out.print(f"已生成 {output / path.name}", highlight=False)


@app.command()
def sql(
    query: Annotated[str, typer.Argument(help="SQL 查询（只读），表：documents、amounts、facts、findings")],
    db: DbOption = Path("corpus.duckdb"),
    output: OutOption = None,
) -> None:
    """对语料库执行只读 SQL（DuckDB 语法），结果显示为表格或写入 CSV/XLSX。"""
    import duckdb

    con = _open(db)
    try:
        cursor = con.execute(query)
        rows = [list(r) for r in cursor.fetchall()] if cursor.description else []
    except duckdb.Error as exc:
        raise fail(f"SQL 错误：{exc}".splitlines()[0]) from None
    header = [d[0] for d in cursor.description or []]
    _emit(f"{len(rows)} 行", header, rows, output)
