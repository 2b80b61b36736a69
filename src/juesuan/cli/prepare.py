"""编制: init, schema, validate, build, profiles — the workbook to the report."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ..findings import Severity, errors_in
from ..fsutil import atomic_write_bytes
from ..money import Unit
from ..profiles import DEFAULT_PROFILE, ProfileError, available
from ..profiles import load as load_profile
from ..render.formats import REPORT_FORMATS, xlsx_bytes
from .apps import app
from .common import CatalogOption, OutputFormat, ProfileOption, api, err, fail, load_catalog, out, print_problems


class DocumentKind(StrEnum):
    FINAL = "final"
    BUDGET = "budget"


@app.command()
def init(
    path: Annotated[Path, typer.Argument(help="要生成的空白工作簿路径（.xlsx）")],
    profile: Annotated[str, typer.Option(help=f"格式模板：{'、'.join(available())}")] = DEFAULT_PROFILE,
    unit: Annotated[Unit, typer.Option(help="金额单位（以后可在「基本信息」中修改）")] = Unit.YUAN,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的文件")] = False,
    kind: Annotated[DocumentKind, typer.Option("--kind", help="final：部门决算；budget：部门预算")] = DocumentKind.FINAL,
    source: Annotated[Path | None, typer.Option("--from", help="JSON 数据：生成已填好这些数据的工作簿")] = None,
) -> None:
    """生成空白的数据填报工作簿（部门决算，或 --kind budget 部门预算）：每个主题一张工作表，中文表头、填表说明和下拉选项。
    --from 给出 JSON 数据时，工作簿中填好这些数据（格式模板、单位和种类取自数据）。"""
    if path.suffix.lower() != ".xlsx":
        raise fail(f"{path}: 工作簿应以 .xlsx 结尾")
    if path.exists() and not force:
        raise fail(f"{path} 已存在；要覆盖请加 --force")
    if source is not None:
        if source.suffix.lower() != ".json":
            raise fail(f"{source}: --from 应为 JSON 数据（已公开的报告请用 juesuan parse {source.name} -o 工作簿.xlsx）")
        report, problems = api.read_report(source)
        if report is None or errors_in(problems):
            print_problems(problems)
            raise typer.Exit(2)
        atomic_write_bytes(path, xlsx_bytes(api.filled_workbook(report).save))
        out.print(f"已生成 {path}（已填入 {source.name} 的数据）", highlight=False)
        return
    try:
        load_profile(profile)
    except ProfileError as exc:
        raise fail(str(exc)) from None
    atomic_write_bytes(path, xlsx_bytes(api.blank_workbook(profile, unit, kind.value).save))
    out.print(f"已生成 {path}：请填写后运行 juesuan build {path} -o 输出目录", highlight=False)


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("-o", "--output", help="写入文件；不给则打印")] = None,
    kind: Annotated[DocumentKind, typer.Option("--kind", help="final：部门决算；budget：部门预算")] = DocumentKind.FINAL,
) -> None:
    """打印 JSON 输入格式（Report，或 --kind budget 的 BudgetReport）的 JSON Schema。JSON 输入与工作簿内容相同。"""
    from ..model import BudgetReport, Report

    model = BudgetReport if kind is DocumentKind.BUDGET else Report
    text = json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2) + "\n"
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
    catalogue = load_catalog(catalog)
    report, problems = api.read_report(source, catalogue, profile)
    if report is not None and not errors_in(problems):
        problems = problems + api.gaps(report, catalogue)    # what the text would have to mark 【待补充】
    if format is OutputFormat.JSON:
        out.print(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2, default=str),
                  markup=False, highlight=False)
    else:
        print_problems(problems)
    if report is None or errors_in(problems):
        raise typer.Exit(2)
    gaps = [p for p in problems if "【待补充】" in p.message]
    out.print(f"{source}: 输入无误（{len(report.lines)} 行收支明细）" +
              (f"；但有 {len(gaps)} 处说明缺少内容（见上），生成的报告只能是草稿。" if gaps else "。"), highlight=False)


@app.command()
def build(
    source: Annotated[Path, typer.Argument(help="填好的工作簿（.xlsx）或 JSON 文件")],
    output: Annotated[Path, typer.Option("-o", "--output", help="输出目录")] = Path("out"),
    format: Annotated[str, typer.Option("--format", help="输出格式，逗号分隔：xlsx,json,txt,html,docx,pdf")] = ",".join(REPORT_FORMATS),
    catalog: CatalogOption = None,
    profile: ProfileOption = None,
    unit_name: Annotated[str | None, typer.Option("--unit-name", help="汇总决算中只生成这个单位自己的表")] = None,
    force: Annotated[bool, typer.Option("--force", help="生成的报告未通过审核规则时仍然写出")] = False,
    draft: Annotated[bool, typer.Option(
        "--draft", help="数据缺少的内容在文中标为【待补充】时，仍生成草稿（每页标“草稿”），供补齐前审阅")] = False,
) -> None:
    """由填报数据生成完整的部门决算公开报告：report.pdf、report.docx、report.html（含情况说明、
    名词解释、图表和绩效附件），tables.xlsx（按官方表式，含绩效自评表），report.json（机器可读）
    和 report.txt（报告文本，可用 juesuan check 审核）。

    金额换算为万元并做舍位平衡，表内合计与各项之和完全相等。生成后用全部审核规则自查。
    输入有错误时不写任何文件，退出码 2；自查发现错误时不写文件（除非 --force），退出码 1。
    数据缺少说明（原因、名词解释等）时文中标为【待补充】，这样的报告不能公开：只在 --draft 时生成草稿。"""
    formats = tuple(f.strip() for f in format.split(",") if f.strip())
    unknown = [f for f in formats if f not in REPORT_FORMATS]
    if unknown or not formats:
        raise fail(f"不支持的输出格式：{'、'.join(unknown) or '（空）'}；可用：{'、'.join(REPORT_FORMATS)}")
    result = api.build(source, output, formats=formats, catalog=load_catalog(catalog), profile=profile,
                       unit_name=unit_name, force=force, draft=draft)
    print_problems(result.problems)
    if errors_in(result.problems):
        err.print("输入有错误，未生成任何文件。", highlight=False)
        raise typer.Exit(2)
    if result.check and result.check.findings:
        from ..render.findings import findings_text

        err.print(findings_text(result.check), end="", markup=False, highlight=False)
    for name, found in result.published.items():     # the written files read back as a reader meets them
        err.print(f"读回 {name} 审核发现 {len(found)} 个问题：", highlight=False)
        for f in found:
            err.print(f"  {f.location}: {f.severity.value} {f.rule} {f.message}", markup=False, highlight=False)
    if result.refused and any(f.severity is Severity.ERROR for found in result.published.values() for f in found):
        err.print("生成的文件读回后未通过审核规则（见上），未写入文件；请报告此问题，确需输出请加 --force。", highlight=False)
        raise typer.Exit(1)
    if result.refused:
        marks = [f for f in result.check.findings if f.rule == "N008" and "【待补充" in (f.actual or "")]
        if marks and len(marks) == result.check.count(Severity.ERROR):
            err.print(f"文中有 {len(marks)} 处【待补充】（见上），未写入文件：在工作簿中补齐后重新生成，"
                      "或加 --draft 先生成草稿。", highlight=False)
        else:
            err.print("生成的报告未通过审核规则，未写入文件；确需输出请加 --force。", highlight=False)
        raise typer.Exit(1)
    if result.draft:
        err.print(f"已生成草稿：文中有 {len(result.gaps)} 处【待补充】，每页标有“草稿”，补齐前不能公开。", highlight=False)
    for path in result.files:
        out.print(f"已生成 {path}", highlight=False)



@app.command()
def profiles() -> None:
    """列出可用的格式模板（地区版式）。"""
    for name in available():
        out.print(f"{name}\t{load_profile(name).name}", highlight=False)


