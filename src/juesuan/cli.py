"""The ``juesuan`` command: a thin layer over ``juesuan.api``.

Exit codes: 0 done; 1 the command ran and found errors; 2 the input could not be used.
"""

from __future__ import annotations

import json
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table as RichTable

from . import api
from .catalog import CatalogError, Classification
from .fsutil import atomic_write_bytes, normalise_zip
from .inputs import Problem, Severity, blank_workbook, errors_in, read_report
from .model import Report
from .money import Unit
from .profiles import DEFAULT_PROFILE, ProfileError, available, load as load_profile

app = typer.Typer(
    help="juesuan（决算）：部门决算公开的编制、审核与比较工具。\n\n"
         "先用 init 生成填报工作簿，填好后用 build 生成公开表格。",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
catalog_app = typer.Typer(help="查看政府收支分类科目目录（内置的部分目录，或用 --catalog 载入的完整版本）。",
                          no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

CatalogOption = Annotated[list[Path] | None, typer.Option(
    "--catalog", help="载入完整的科目目录（CSV 或 XLSX，列：code/科目代码, name/科目名称），可重复")]
ProfileOption = Annotated[str | None, typer.Option(
    "--profile", help=f"格式模板（地区版式），覆盖工作簿中的设置。可用：{'、'.join(available())}")]


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]错误[/red]：{message}", highlight=False)
    return typer.Exit(code)


def _catalog(paths: list[Path] | None):
    try:
        return api.catalog_with(paths)
    except CatalogError as exc:
        raise _fail(str(exc)) from None


def _print_problems(problems: list[Problem]) -> None:
    colours = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
    for p in problems:
        err.print(f"{p.location}: [{colours[p.severity]}]{p.severity.value}[/]: {p.message}", highlight=False)
    errors = len(errors_in(problems))
    warnings = sum(p.severity is Severity.WARNING for p in problems)
    if problems:
        err.print(f"共 {errors} 个错误，{warnings} 个警告。", highlight=False)


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="要生成的空白工作簿路径（.xlsx）")],
    profile: Annotated[str, typer.Option(help=f"格式模板：{'、'.join(available())}")] = DEFAULT_PROFILE,
    unit: Annotated[Unit, typer.Option(help="金额单位（以后可在「基本信息」中修改）")] = Unit.YUAN,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的文件")] = False,
) -> None:
    """生成空白的决算数据填报工作簿：每个主题一张工作表，中文表头、填表说明和下拉选项。"""
    if path.suffix.lower() != ".xlsx":
        raise _fail(f"{path}: 工作簿应以 .xlsx 结尾")
    if path.exists() and not force:
        raise _fail(f"{path} 已存在；要覆盖请加 --force")
    try:
        load_profile(profile)
    except ProfileError as exc:
        raise _fail(str(exc)) from None
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "blank.xlsx"
        blank_workbook(profile, unit).save(scratch)
        normalise_zip(scratch)
        atomic_write_bytes(path, scratch.read_bytes())
    out.print(f"已生成 {path}：请填写后运行 juesuan build {path} -o 输出目录", highlight=False)


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="写入文件；不给则打印")] = None,
) -> None:
    """打印 JSON 输入格式（Report）的 JSON Schema。JSON 输入与工作簿内容相同。"""
    text = json.dumps(Report.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
    if output:
        atomic_write_bytes(output, text.encode("utf-8"))
    else:
        out.print(text, markup=False, highlight=False)


@app.command()
def validate(
    source: Annotated[Path, typer.Argument(help="填好的工作簿（.xlsx）或 JSON 文件")],
    catalog: CatalogOption = None,
    profile: ProfileOption = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="text 或 json")] = OutputFormat.TEXT,
) -> None:
    """只检查输入数据，一次列出全部问题及其位置（工作表和单元格）。"""
    report, problems = read_report(source, _catalog(catalog), profile)
    if format is OutputFormat.JSON:
        out.print(json.dumps([p.__dict__ for p in problems], ensure_ascii=False, indent=2, default=str),
                  markup=False, highlight=False)
    else:
        _print_problems(problems)
    if report is None or errors_in(problems):
        raise typer.Exit(2)
    out.print(f"{source}: 输入无误（{len(report.lines)} 行收支明细）。", highlight=False)


@app.command()
def build(
    source: Annotated[Path, typer.Argument(help="填好的工作簿（.xlsx）或 JSON 文件")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出目录")] = Path("out"),
    format: Annotated[str, typer.Option("--format", help="输出格式，逗号分隔：xlsx,json")] = "xlsx,json",
    catalog: CatalogOption = None,
    profile: ProfileOption = None,
    unit_name: Annotated[str | None, typer.Option("--unit-name", help="汇总决算中只生成这个单位自己的表")] = None,
) -> None:
    """由填报数据生成公开表格：tables.xlsx（按官方表式）和 report.json（机器可读）。

    金额换算为万元并做舍位平衡，表内合计与各项之和完全相等。输入有错误时不写任何文件，退出码 2。"""
    formats = tuple(f.strip() for f in format.split(",") if f.strip())
    unknown = [f for f in formats if f not in api.FORMATS]
    if unknown or not formats:
        raise _fail(f"不支持的输出格式：{'、'.join(unknown) or '（空）'}；可用：{'、'.join(api.FORMATS)}")
    result = api.build(source, output, formats=formats, catalog=_catalog(catalog), profile=profile,
                       unit_name=unit_name)
    _print_problems(result.problems)
    if not result.ok:
        err.print("输入有错误，未生成任何文件。", highlight=False)
        raise typer.Exit(2)
    for path in result.files:
        out.print(f"已生成 {path}", highlight=False)


@catalog_app.command("show")
def catalog_show(
    code: Annotated[str, typer.Argument(help="科目代码，如 2010350 或 30101")],
    year: Annotated[int | None, typer.Option(help="年度（按该年版本的名称）")] = None,
    catalog: CatalogOption = None,
) -> None:
    """显示一个科目：名称、级次、上级科目和说明。"""
    cat = _catalog(catalog)
    kind = Classification.ECONOMIC if code.startswith("3") or code.startswith("5") else Classification.FUNCTION
    subject = cat.lookup(code, year, kind)
    if subject is None:
        raise _fail(f"科目目录中没有 {code}（内置目录不完整，可用 --catalog 载入完整目录）", 1)
    chain = [cat.name(p, year, kind) or "（目录未收录）" for p in (code[:3], code[:5]) if len(p) < len(code)]
    out.print(f"{subject.code} {subject.name}（{subject.level}）", highlight=False)
    if chain:
        out.print("上级：" + " → ".join(chain), highlight=False)
    if subject.description:
        out.print("说明：" + subject.description, highlight=False)
    out.print(f"版本：{subject.edition or '未知'}；来源：{subject.source}", highlight=False)


@catalog_app.command("list")
def catalog_list(
    level: Annotated[str | None, typer.Option(help="只列出 类、款 或 项")] = None,
    economic: Annotated[bool, typer.Option("--economic", help="经济分类（默认功能分类）")] = False,
    year: Annotated[int | None, typer.Option(help="年度")] = None,
    catalog: CatalogOption = None,
) -> None:
    """列出目录中的科目（代码、名称、级次、版本），可按级次筛选。"""
    kind = Classification.ECONOMIC if economic else Classification.FUNCTION
    table = RichTable("代码", "名称", "级次", "版本")
    for s in _catalog(catalog).subjects(kind, year):
        if level is None or s.level == level:
            table.add_row(s.code, s.name, s.level, str(s.edition or ""))
    out.print(table)


@app.command()
def profiles() -> None:
    """列出可用的格式模板（地区版式）。"""
    for name in available():
        out.print(f"{name}\t{load_profile(name).name}", highlight=False)


def main() -> None:  # pragma: no cover - console entry
    app()
