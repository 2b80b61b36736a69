"""The ``juesuan`` command: a thin layer over ``juesuan.api``.

Exit codes: 0 done; 1 the command ran and found errors; 2 the input could not be used.
"""

from __future__ import annotations

import errno
import json
import os
import sys
import tempfile
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table as RichTable

from . import api
from .batch import DEFAULT_TIMEOUT, SUFFIXES, DocumentResult, check_many, collect
from .catalog import CatalogError, Classification
from .derive.scoring import ScoringError
from .derive.scoring import available as available_scoring
from .derive.scoring import load_rules as load_scoring
from .findings import Waiver, WaiverError, waive
from .fsutil import atomic_write_bytes, normalise_zip
from .inputs import Finding, Severity, blank_workbook, errors_in, read_report
from .model import Report
from .money import Unit
from .parse import ReadError
from .profiles import DEFAULT_PROFILE, ProfileError, available
from .profiles import load as load_profile
from .render.findings import (
    batch_json,
    batch_summary,
    findings_csv,
    findings_html,
    findings_json,
    findings_text,
    rules_markdown,
    write_batch_xlsx,
    write_findings_xlsx,
)
from .rules import FAMILIES, REGISTRY, CheckResult, selected

app = typer.Typer(
    help="juesuan（决算）：部门决算公开的编制、审核与比较工具。\n\n"
         "先用 init 生成填报工作簿，填好后用 build 生成公开表格。",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
rules_app = typer.Typer(help="列出审核规则，或解释一条规则（依据、提示文字和示例）。",
                        invoke_without_command=True)
perf_app = typer.Typer(help="预算绩效自评：按计分规则重算得分，核对自评表填报的分数。", no_args_is_help=True)
catalog_app = typer.Typer(help="查看政府收支分类科目目录（内置的部分目录，或用 --catalog 载入的完整版本）。",
                          no_args_is_help=True)
app.add_typer(catalog_app, name="catalog")
app.add_typer(rules_app, name="rules")
app.add_typer(perf_app, name="perf")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

CatalogOption = Annotated[list[Path] | None, typer.Option(
    "--catalog", help="载入完整的科目目录（CSV 或 XLSX，列：code/科目代码, name/科目名称），可重复")]
ProfileOption = Annotated[str | None, typer.Option(
    "--profile", help=f"格式模板（地区版式），覆盖工作簿中的设置。可用：{'、'.join(available())}")]


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    HTML = "html"
    XLSX = "xlsx"
    CSV = "csv"


class Executor(StrEnum):
    LOCAL = "local"
    DASK = "dask"


ExecutorOption = Annotated[Executor, typer.Option(
    "--executor", help="local：本机多进程；dask：Dask 集群（--scheduler 给出地址，否则在本机启动一个）")]
SchedulerOption = Annotated[str | None, typer.Option(
    "--scheduler", help="Dask 调度器地址，如 tcp://10.0.0.5:8786（文件路径须在各工作节点可读）")]

RuleOption = Annotated[list[str] | None, typer.Option(
    help="规则编号或类别前缀（如 N、T003），可重复或用逗号分隔")]


def _patterns(values: list[str] | None) -> tuple[str, ...]:
    return tuple(p.strip() for v in values or [] for p in v.split(",") if p.strip())


def _fail(message: str, code: int = 2) -> typer.Exit:
    err.print(f"[red]错误[/red]：{message}", highlight=False)
    return typer.Exit(code)


def _waivers(path: Path | None) -> list[Waiver]:
    try:
        return api.load_waivers(path) if path else []
    except WaiverError as exc:
        raise _fail(str(exc)) from None


def _catalog(paths: list[Path] | None):
    try:
        return api.catalog_with(paths)
    except CatalogError as exc:
        raise _fail(str(exc)) from None


def _print_problems(problems: list[Finding]) -> None:
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
        out.print(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2, default=str),
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
    format: Annotated[str, typer.Option("--format", help="输出格式，逗号分隔：xlsx,json,txt,html,docx,pdf")] = ",".join(api.FORMATS),
    catalog: CatalogOption = None,
    profile: ProfileOption = None,
    unit_name: Annotated[str | None, typer.Option("--unit-name", help="汇总决算中只生成这个单位自己的表")] = None,
    force: Annotated[bool, typer.Option("--force", help="生成的报告未通过审核规则时仍然写出")] = False,
) -> None:
    """由填报数据生成完整的部门决算公开报告：report.pdf、report.docx、report.html（含情况说明、
    名词解释、图表和绩效附件），tables.xlsx（按官方表式，含绩效自评表），report.json（机器可读）
    和 report.txt（报告文本，可用 juesuan check 审核）。

    金额换算为万元并做舍位平衡，表内合计与各项之和完全相等。生成后用全部审核规则自查。
    输入有错误时不写任何文件，退出码 2；自查发现错误时不写文件（除非 --force），退出码 1。"""
    formats = tuple(f.strip() for f in format.split(",") if f.strip())
    unknown = [f for f in formats if f not in api.FORMATS]
    if unknown or not formats:
        raise _fail(f"不支持的输出格式：{'、'.join(unknown) or '（空）'}；可用：{'、'.join(api.FORMATS)}")
    result = api.build(source, output, formats=formats, catalog=_catalog(catalog), profile=profile,
                       unit_name=unit_name, force=force)
    _print_problems(result.problems)
    if errors_in(result.problems):
        err.print("输入有错误，未生成任何文件。", highlight=False)
        raise typer.Exit(2)
    if result.check and result.check.findings:
        err.print(findings_text(result.check), end="", markup=False, highlight=False)
    if result.refused:
        err.print("生成的报告未通过审核规则，未写入文件；确需输出请加 --force。", highlight=False)
        raise typer.Exit(1)
    for path in result.files:
        out.print(f"已生成 {path}", highlight=False)


@app.command()
def parse(
    source: Annotated[Path, typer.Argument(help="已公开的报告（PDF、DOCX、XLSX/XLS、网页 HTML 或文本）")],
    output: Annotated[Path, typer.Option("-o", "--output", help="结构化数据（Report JSON，可直接用于 build）")],
    document: Annotated[Path | None, typer.Option(
        "--document", help="带位置的文档 JSON（默认与 -o 同目录，名为 <名称>.document.json）")] = None,
    year: Annotated[int | None, typer.Option("--year", help="决算年度（文件中读不出时给出）")] = None,
    department: Annotated[str | None, typer.Option("--department", help="部门名称（文件中读不出时给出）")] = None,
    profile: ProfileOption = None,
    ocr: Annotated[bool, typer.Option("--ocr/--no-ocr", help="没有文字层的页面用 OCR 识别")] = True,
) -> None:
    """把已公开的报告读成结构化数据：九张表的每个金额（带页码和位置）、情况说明、目录和绩效表。

    写出两个文件：-o 给出的 Report JSON（可用 juesuan build 重新生成报告，或入库比较），
    和带位置的文档 JSON。文件无法读取或读不出表格时退出码 2，不写任何文件。"""
    from .parse.report import ReportError
    from .render.document_json import document_json

    try:
        parsed = api.parse(source, year=year, department=department, profile=profile, ocr=ocr)
    except (ReadError, ReportError, ProfileError) as exc:
        raise _fail(f"{source.name}: {exc}" if isinstance(exc, ReportError) else str(exc)) from None
    located = document or output.with_name(output.name.removesuffix(".json") + ".document.json")
    report_text = parsed.report.model_dump_json(indent=1, exclude_defaults=True)
    atomic_write_bytes(output, report_text.encode("utf-8") + b"\n")
    atomic_write_bytes(located, document_json(parsed.document, parsed.layout).encode("utf-8"))
    doc = parsed.document
    err.print(f"{doc.department or '（未识别部门）'} {doc.year or ''} 年度：读出 {len(doc.tables)} 张表、"
              f"{len(doc.paragraphs)} 段文字；版式 {parsed.layout or '未识别'}"
              + (f"；第 {'、'.join(map(str, doc.ocr_pages))} 页由 OCR 识别" if doc.ocr_pages else ""), highlight=False)
    for _, why in doc.unreadable:
        err.print(f"  注意：{why}", highlight=False)
    out.print(f"已生成 {output}\n已生成 {located}", highlight=False)


@app.command()
def check(
    sources: Annotated[list[Path], typer.Argument(
        help="要审核的报告（PDF、DOCX、XLSX/XLS、网页 HTML 或文本），或包含报告的文件夹；可给多个")],
    format: Annotated[CheckFormat, typer.Option("--format", help="text、json、html、xlsx 或 csv")] = CheckFormat.TEXT,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="写入文件（xlsx 必须给出）")] = None,
    select: RuleOption = None,
    ignore: RuleOption = None,
    catalog: CatalogOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="同时审核的进程数（多份报告时）")] = 1,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="每份报告的时限（秒，多份报告时）")]
        = DEFAULT_TIMEOUT,
    executor: ExecutorOption = Executor.LOCAL,
    scheduler: SchedulerOption = None,
    profile: Annotated[str | None, typer.Option(
        "--profile", help="按这个格式模板的表式识别和审核（含模板中增加的表及其恒等式）；默认按内置表式")] = None,
    waivers: Annotated[Path | None, typer.Option(
        "--waivers", help="豁免文件（YAML：每条 rule、reason，可有 where，即位置的开头）；豁免的问题仍列出，不计入错误数和退出码")]
        = None,
) -> None:
    """审核部门决算报告：表内平衡、表间一致、文字说明与表格、“三公”、名词解释、绩效等。

    每个问题给出位置（页、行、表和栏）、规则编号、应为数与实为数。一份报告：有错误时退出码 1，
    没有错误时 0，文件无法读取时 2。多份报告或文件夹：显示进度和汇总表，-o 写出全部问题
    （json、csv 或 xlsx）；无法读取或超时的文件记为该文件的一条错误 D000，不中断其余文件。"""
    accepted = _waivers(waivers)
    if len(sources) == 1 and not sources[0].is_dir():
        try:
            result = api.check(sources[0], _patterns(select), _patterns(ignore), _catalog(catalog), accepted, profile)
        except (ReadError, ProfileError) as exc:
            raise _fail(str(exc)) from None
        _write_findings(result, format, output)
        raise typer.Exit(1 if result.has_errors else 0)
    _catalog(catalog)  # a broken catalogue (or profile) is one message here, not one per document
    try:
        load_profile(profile) if profile else None
    except ProfileError as exc:
        raise _fail(str(exc)) from None
    paths = collect(sources)
    if not paths:
        raise _fail("没有找到可审核的报告文件（" + "、".join(SUFFIXES) + "）")
    documents = _check_batch(paths, jobs, timeout, _patterns(select), _patterns(ignore),
                             tuple(str(c) for c in catalog or ()), executor.value, scheduler, accepted, profile)
    _write_batch(documents, format, output)
    raise typer.Exit(1 if any(d.counts[0] for d in documents) else 0)


def _check_batch(paths: list[Path], jobs: int, timeout: float, select: tuple[str, ...], ignore: tuple[str, ...],
                 catalogs: tuple[str, ...], executor: str, scheduler: str | None,
                 waivers: list[Waiver], profile: str | None) -> list[DocumentResult]:
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True) as progress:
        task = progress.add_task("审核中", total=len(paths))
        documents = check_many(paths, jobs, timeout, select, ignore, catalogs,
                               on_done=lambda d: progress.advance(task), executor=executor, scheduler=scheduler,
                               profile=profile)
    for document in documents:
        waive(document.result, waivers)
    table = RichTable(title=f"{len(documents)} 份报告")
    table.add_column("文件", overflow="fold", min_width=24)
    for name in ("错误", "警告", "提示", "用时（秒）"):
        table.add_column(name, justify="right", no_wrap=True)
    table.add_column("说明", overflow="fold")
    for row in batch_summary(documents):
        why = str(row.get("failure", "")).removeprefix(f"{Path(row['file']).name}: ")
        table.add_row(row["file"], str(row["errors"]), str(row["warnings"]), str(row["infos"]),
                      f"{row['seconds']:.2f}", why)
    errors, warnings, infos = (sum(d.counts[i] for d in documents) for i in range(3))
    table.add_row("合计", str(errors), str(warnings), str(infos), f"{sum(d.seconds for d in documents):.2f}", "",
                  style="bold")
    err.print(table)
    return documents


def save_xlsx(output: Path | None, write) -> None:
    """``write(path)`` a workbook into a scratch file, then put it at ``output`` whole, with fixed zip
    dates (equal content → equal bytes)."""
    if output is None:
        raise _fail("xlsx 格式须用 -o 指定输出文件")
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp) / "out.xlsx"
        write(scratch)
        normalise_zip(scratch)
        atomic_write_bytes(output, scratch.read_bytes())


def _write_batch(documents: list[DocumentResult], format: CheckFormat, output: Path | None) -> None:
    if format is CheckFormat.XLSX:
        save_xlsx(output, lambda path: write_batch_xlsx(documents, path))
        return
    if format is CheckFormat.HTML:
        raise _fail("多份报告的汇总请用 json、csv 或 xlsx 格式")
    render = {CheckFormat.TEXT: lambda: "".join(findings_text(d.result) for d in documents),
              CheckFormat.JSON: lambda: batch_json(documents),
              CheckFormat.CSV: lambda: findings_csv([d.result for d in documents])}
    text = render[format]()
    if output is not None:
        atomic_write_bytes(output, text.encode("utf-8"))
    elif format is not CheckFormat.TEXT:
        out.print(text, end="", markup=False, highlight=False)


def _write_findings(result: CheckResult, format: CheckFormat, output: Path | None) -> None:
    if format is CheckFormat.XLSX:
        save_xlsx(output, lambda path: write_findings_xlsx(result, path))
        return
    render = {CheckFormat.TEXT: findings_text, CheckFormat.JSON: findings_json, CheckFormat.HTML: findings_html,
              CheckFormat.CSV: lambda r: findings_csv([r])}
    text = render[format](result)
    if output is not None:
        atomic_write_bytes(output, text.encode("utf-8"))
    else:
        out.print(text, end="", markup=False, highlight=False)


@rules_app.callback()
def rules_list(
    ctx: typer.Context,
    select: RuleOption = None,
    markdown: Annotated[bool, typer.Option("--markdown", help="输出 Markdown 规则表（docs/rules.md）")] = False,
) -> None:
    """列出全部审核规则：编号、级别、类别和标题。"""
    if ctx.invoked_subcommand:
        return
    if markdown:
        out.print(rules_markdown(), end="", markup=False, highlight=False)
        return
    table = RichTable("编号", "级别", "类别", "标题")
    for r in selected(_patterns(select)):
        table.add_row(r.id, r.severity.value, FAMILIES[r.family], r.title)
    out.print(table)


@rules_app.command("explain")
def rules_explain(rule_id: Annotated[str, typer.Argument(help="规则编号，如 N007")]) -> None:
    """解释一条规则：检查什么、依据、提示文字和一个会触发它的例子。"""
    found = REGISTRY.get(rule_id.strip().upper())
    if found is None:
        raise _fail(f"没有规则 {rule_id}；用 juesuan rules 查看全部规则")
    out.print(f"{found.id} {found.title}（{found.severity.value}，{FAMILIES[found.family]}）", highlight=False)
    out.print(f"依据：{found.basis}", highlight=False)
    out.print(f"提示：{found.message}", markup=False, highlight=False)
    if found.example:
        out.print(f"例如：{found.example}", highlight=False)


@perf_app.command("score")
def perf_score(
    source: Annotated[Path, typer.Argument(help="填好的工作簿（.xlsx）或 JSON 文件（绩效评价、绩效指标两张表）")],
    rules: Annotated[str | None, typer.Option("--rules", help="计分规则：内置名称或 .toml 文件；默认用格式模板指定的规则")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="text 或 json")] = OutputFormat.TEXT,
) -> None:
    """按计分规则重算每项绩效自评的执行率得分、指标得分、总分和等级，并与填报的自评得分比对。

    填报得分与计算结果不符时退出码 1；输入无法使用时退出码 2。"""
    try:
        result = api.score_performance(source, rules)
    except ScoringError as exc:
        raise _fail(str(exc)) from None
    if errors_in(result.problems) or result.rules is None:
        _print_problems(result.problems)
        raise typer.Exit(2)
    if format is OutputFormat.JSON:
        out.print(json.dumps(_scores_json(result), ensure_ascii=False, indent=2), markup=False, highlight=False)
    else:
        _print_scores(result)
    raise typer.Exit(1 if result.disagreements else 0)


def _range(low, high) -> str:
    if low is None:
        return "—"
    return str(low) if low == high else f"{low}–{high}"


def _print_scores(result: api.PerformanceResult) -> None:
    rules = result.rules
    table = RichTable(title=f"计分规则：{rules.name}")
    for header in ("评价", "执行率得分", "指标得分", "计算总分", "自评得分", "等级", "结论"):
        table.add_column(header, overflow="fold")
    for s in result.scores:
        indicators = _range(*(sum((x for x in parts), Decimal(0)) if None not in parts else None
                              for parts in ([v.low for _, v in s.indicators], [v.high for _, v in s.indicators])))
        claimed = s.evaluation.score
        verdict = "无指标得分" if not s.indicators else ("一致" if s not in result.disagreements else "不一致")
        table.add_row(s.evaluation.name, _range(s.rate_score, s.rate_score), indicators if s.indicators else "—",
                      _range(s.low, s.high) if s.indicators else "—", "" if claimed is None else str(claimed),
                      s.grade(rules) or "", verdict)
    out.print(table)
    for s in result.scores:
        for indicator, verdict in s.indicators:
            if indicator.score is not None and not verdict.allows(indicator.score):
                out.print(f"{s.evaluation.name}：{indicator.name} 得分 {indicator.score}，应为 "
                          f"{_range(verdict.low, verdict.high)}（{verdict.direction.value}，目标 {indicator.target}，"
                          f"实际 {indicator.actual}，分值 {indicator.weight}）", highlight=False)


def _scores_json(result: api.PerformanceResult) -> dict:
    def text(value):
        return None if value is None else str(value)

    return {"rules": result.rules.id, "evaluations": [{
        "name": s.evaluation.name, "rate_score": text(s.rate_score), "low": text(s.low), "high": text(s.high),
        "total": text(s.total), "claimed": text(s.evaluation.score), "grade": s.grade(result.rules),
        "agrees": s not in result.disagreements,
        "indicators": [{"name": i.name, "direction": v.direction.value, "weight": text(i.weight),
                        "claimed": text(i.score), "low": text(v.low), "high": text(v.high), "reason": v.reason}
                       for i, v in s.indicators]} for s in result.scores]}


@perf_app.command("rules")
def perf_rules() -> None:
    """列出内置的计分规则（分值、公式、等级），可复制其 TOML 文件修改后用 --rules 指定。"""
    for name in available_scoring():
        r = load_scoring(name)
        weights = "、".join(f"{k} {v}" for k, v in r.weights.items())
        out.print(f"{r.id}\t{r.name}\t分值：{weights}", highlight=False)


@catalog_app.command("show")
def catalog_show(
    code: Annotated[str, typer.Argument(help="科目代码，如 2010350 或 30101")],
    year: Annotated[int | None, typer.Option(help="年度（按该年版本的名称）")] = None,
    catalog: CatalogOption = None,
) -> None:
    """显示一个科目：名称、级次、上级科目和说明。"""
    cat = _catalog(catalog)
    kind = Classification.ECONOMIC if code.startswith(("3", "5")) else Classification.FUNCTION
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


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="监听地址（默认只在本机）")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="端口")] = 8000,
    workdir: Annotated[Path, typer.Option(help="上传文件和生成结果的存放目录（不在网站目录内）")] = Path(".juesuan-web"),
    db: Annotated[Path | None, typer.Option("--db", help="语料库（数据页面用）")] = None,
) -> None:
    """启动本地网页：编制（上传工作簿、预览、下载报告）、审核（上传报告、查看和豁免问题）、数据（浏览语料库）。"""
    import uvicorn

    from .web.app import create_app

    out.print(f"juesuan 网页：http://{host}:{port}/  （Ctrl+C 停止）", highlight=False)
    uvicorn.run(create_app(workdir, db), host=host, port=port, log_level="warning")


FILE_ERRORS = {errno.EEXIST: "已存在同名文件，不能用作文件夹", errno.ENOTDIR: "路径中有一段是文件而不是文件夹",
               errno.EISDIR: "这是文件夹，不是文件", errno.EACCES: "没有读写权限", errno.EPERM: "没有读写权限",
               errno.ENOSPC: "磁盘空间不足", errno.EROFS: "只读的文件系统", errno.ENOENT: "文件或文件夹不存在",
               errno.ENAMETOOLONG: "文件名太长"}


def file_error(exc: OSError) -> str:
    """An operating-system error as the user needs it: the path, what is wrong, the system's words."""
    reason = FILE_ERRORS.get(exc.errno, "无法读写")
    where = f"{exc.filename}：" if exc.filename else ""
    return f"{where}{reason}（{exc.strerror or exc}）"


def main() -> None:
    """The `juesuan` command. A file the system will not read or write (an output folder that is a file,
    no permission, a full disk) ends with a message naming the path and exit code 2, not a traceback;
    output cut off by a closed pipe (`| head`) ends quietly."""
    try:
        app()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # no second error at exit
        sys.exit(1)
    except OSError as exc:
        err.print(f"[red]错误[/red]：{file_error(exc)}", highlight=False)
        sys.exit(2)


from . import cli_corpus  # noqa: E402,F401 - registers ingest, compare, export, sql on `app` (it imports this module)
