"""审核: parse, check and the rules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..batch import DEFAULT_TIMEOUT, SUFFIXES, DocumentResult, check_each, collect, display_names
from ..findings import CheckResult, Waiver, waive
from ..fsutil import atomic_write_bytes
from ..profiles import ProfileError
from ..profiles import load as load_profile
from ..render.formats import FINDINGS_FORMATS, FindingsFormat, xlsx_bytes
from .apps import app, rules_app
from .common import (
    CatalogOption,
    CheckFormat,
    Executor,
    ExecutorOption,
    ProfileOption,
    RuleOption,
    SchedulerOption,
    api,
    err,
    fail,
    load_catalog,
    out,
    patterns,
    progress_bar,
    rich_table,
    time_limit,
    waivers_of,
)
from .stream import Stream, Tally


@app.command()
def parse(
    source: Annotated[Path, typer.Argument(help="已公开的报告（PDF、DOCX、XLSX/XLS、网页 HTML 或文本）")],
    output: Annotated[Path, typer.Option("-o", "--output", help="结构化数据：Report JSON，或 .xlsx 的填报工作簿；都可用于 build")],
    document: Annotated[Path | None, typer.Option(
        "--document", help="带位置的文档 JSON（默认与 -o 同目录，名为 <名称>.document.json）")] = None,
    year: Annotated[int | None, typer.Option("--year", help="决算年度（文件中读不出时给出）")] = None,
    department: Annotated[str | None, typer.Option("--department", help="部门名称（文件中读不出时给出）")] = None,
    profile: ProfileOption = None,
    ocr: Annotated[bool, typer.Option("--ocr/--no-ocr", help="没有文字层的页面用 OCR 识别")] = True,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="时限（秒）")] = DEFAULT_TIMEOUT,
) -> None:
    """把已公开的报告读成结构化数据：九张表的每个金额（带页码和位置）、情况说明、目录和绩效表。

    写出两个文件：-o 给出的 Report JSON（可用 juesuan build 重新生成报告，或入库比较），
    和带位置的文档 JSON。文件无法读取或读不出表格时退出码 2，不写任何文件。"""
    from ..render.document_json import document_json

    if year is not None and not 1990 <= year <= 2100:
        raise fail(f"--year {year}：决算年度应在 1990 与 2100 之间")
    try:
        with time_limit(timeout, source.name):
            parsed = api.parse(source, year=year, department=department, profile=profile, ocr=ocr)
    except (api.ReadError, api.ReportError, ProfileError) as exc:
        raise fail(f"{source.name}: {exc}" if isinstance(exc, api.ReportError) else str(exc)) from None
    located = document or output.with_name(output.stem + ".document.json")
    data = xlsx_bytes(api.filled_workbook(parsed.report).save) if output.suffix.lower() == ".xlsx" else \
        api.report_json(parsed.report).encode("utf-8") + b"\n"
    existed = located.exists()
    atomic_write_bytes(located, document_json(parsed.document, parsed.layout).encode("utf-8"))
    try:                         # both files or neither
        atomic_write_bytes(output, data)
    except OSError:
        if not existed:
            located.unlink(missing_ok=True)
        raise
    doc = parsed.document
    what = "年部门预算" if doc.kind == "budget" else " 年度"
    err.print(f"{doc.department or '（未识别部门）'} {doc.year or ''}{what}：读出 {len(doc.tables)} 张表、"
              f"{len(doc.paragraphs)} 段文字；版式 {parsed.layout or (api.budget_layout(doc) if doc.kind == 'budget' else '未识别')}"
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
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="每份报告的时限（秒）")]
        = DEFAULT_TIMEOUT,
    executor: ExecutorOption = Executor.LOCAL,
    scheduler: SchedulerOption = None,
    profile: Annotated[str | None, typer.Option(
        "--profile", help="按这个格式模板的表式识别和审核（含模板中增加的表及其恒等式）；默认按内置表式")] = None,
    waivers: Annotated[Path | None, typer.Option(
        "--waivers", help="豁免文件（YAML：每条 rule、reason，可有 where，即位置的开头）；豁免的问题仍列出，不计入错误数和退出码")]
        = None,
    resume: Annotated[bool, typer.Option(
        "--resume", help="接着被中断的审核（与 --format jsonl -o 同用）：已审核的报告不再审核")] = False,
    budget: Annotated[Path | None, typer.Option(
        "--budget", help="同一部门同一年度公开的部门预算（PDF、文本或预算数据 JSON）：逐项比较决算的年初预算和"
                         "“三公”经费预算数（规则 B030）；只用于一份决算")] = None,
) -> None:
    """审核部门决算报告：表内平衡、表间一致、文字说明与表格、“三公”、名词解释、绩效等。

    每个问题给出位置（页、行、表和栏）、规则编号、应为数与实为数。一份报告：有错误时退出码 1，
    没有错误时 0，文件无法读取时 2。多份报告或文件夹：显示进度和汇总表，-o 写出全部问题
    （json、csv、jsonl 或 xlsx）；无法读取或超时的文件记为该文件的一条错误 D000，不中断其余文件。
    jsonl 和 csv 边审核边写出（内存不随报告数增长）；jsonl 中断后可用 --resume 接着审核。"""
    accepted = waivers_of(waivers)
    if len(sources) == 1 and not sources[0].is_dir():
        try:
            with time_limit(timeout, sources[0].name):
                result = api.check(sources[0], patterns(select), patterns(ignore), load_catalog(catalog), accepted,
                                   profile, budget)
        except (api.ReadError, ProfileError) as exc:
            raise fail(str(exc)) from None
        _write_findings(result, format, output)
        raise typer.Exit(1 if result.has_errors else 0)
    if budget is not None:
        raise fail("--budget 只能与一份决算同用")
    load_catalog(catalog)  # a broken catalogue (or profile) is one message here, not one per document
    try:
        load_profile(profile) if profile else None
    except ProfileError as exc:
        raise fail(str(exc)) from None
    kind = FINDINGS_FORMATS[format.value]
    if resume and (output is None or format is not CheckFormat.JSONL):
        raise fail("--resume 须与 --format jsonl 和 -o 同用（已审核的报告记在 jsonl 文件中）")
    paths = collect(sources)
    if not paths:
        raise fail("没有找到可审核的报告文件（" + "、".join(SUFFIXES) + "）")
    batch = Batch(paths, accepted, Stream(output, kind, resume) if output is not None and kind.each else None)
    try:
        batch.run(jobs=jobs, timeout=timeout, select=patterns(select), ignore=patterns(ignore),
                  catalogs=tuple(str(c) for c in catalog or ()), executor=executor.value, scheduler=scheduler,
                  profile=profile)
    except KeyboardInterrupt:
        batch.stopped()
        raise typer.Exit(130) from None
    batch.summary(to_file=output is not None)
    if batch.stream:
        batch.stream.finish()
        out.print(f"已生成 {output}", highlight=False)
    else:
        _write_batch(batch.documents, format, output)
    raise typer.Exit(1 if batch.tally.totals[0] else 0)


class Batch:
    """One batch ``check``: documents streamed to a file as they finish, or kept for a whole-file
    format; the terminal's tally either way."""

    def __init__(self, paths: list[Path], waivers: list[Waiver], stream: Stream | None):
        self.waivers, self.stream = waivers, stream
        self.names = display_names(paths)
        self.documents: list[DocumentResult] = []
        self.tally = Tally()
        done = stream.done if stream else {}
        for row in done.values():
            self.tally.add(row)
        self.todo = [(p, n) for p, n in zip(paths, self.names) if n not in done]
        if done:
            err.print(f"接着上次：已审核 {len(done)} 份，还有 {len(self.todo)} 份", highlight=False)

    def run(self, **options) -> None:
        from ..render.findings import batch_summary

        with progress_bar("审核中") as progress:
            task = progress.add_task("", total=len(self.todo))
            for document in check_each([p for p, _ in self.todo], names=[n for _, n in self.todo], **options):
                waive(document.result, self.waivers)
                self.tally.add(batch_summary([document])[0])
                if self.stream:
                    self.stream.write(document)      # and forgotten: memory stays flat
                else:
                    self.documents.append(document)
                progress.advance(task)
        order = {name: i for i, name in enumerate(self.names)}
        self.documents.sort(key=lambda d: order[d.path])

    def stopped(self) -> None:
        if self.stream is None:
            err.print("已中断，未写出任何文件", highlight=False)
            return
        self.stream.abandon()
        if self.stream.kind.name == "jsonl":
            err.print(f"已中断：已审核的 {self.tally.documents} 份在 {self.stream.partial}；"
                      "用同样的命令加 --resume 接着审核", highlight=False)
        else:
            err.print("已中断，未写出任何文件", highlight=False)

    def summary(self, to_file: bool) -> None:
        """The summary table: every document, or (when the findings go to a file) the worst ones."""
        from ..render.findings import batch_summary

        rows = self.tally.rows() if to_file else batch_summary(self.documents)
        table = rich_table(title=f"{self.tally.documents} 份报告")
        table.add_column("文件", overflow="fold", min_width=24)
        for name in ("错误", "警告", "提示", "用时（秒）"):
            table.add_column(name, justify="right", no_wrap=True)
        table.add_column("说明", overflow="fold")
        for row in rows:
            why = str(row.get("failure", "")).removeprefix(f"{Path(row['file']).name}: ")
            table.add_row(row["file"], str(row["errors"]), str(row["warnings"]), str(row["infos"]),
                          f"{row['seconds']:.2f}", why)
        if len(rows) < self.tally.documents:
            table.add_row(f"……另有 {self.tally.documents - len(rows)} 份，见输出文件", "", "", "", "", "")
        errors, warnings, infos, seconds = self.tally.totals
        table.add_row("合计", str(errors), str(warnings), str(infos), f"{seconds:.2f}", "", style="bold")
        err.print(table)


def _write_batch(documents: list[DocumentResult], format: CheckFormat, output: Path | None) -> None:
    """The batch's findings in ``format`` to ``output`` (whole or not at all); without ``-o`` the
    text form is the summary table already shown."""
    kind = FINDINGS_FORMATS[format.value]
    if format is not CheckFormat.TEXT or output is not None:
        try:
            data = kind.many(documents)
        except ValueError as exc:     # past what the format can hold (Excel's row limit)
            raise fail(str(exc)) from None
        _emit(kind, data, output)


def _write_findings(result: CheckResult, format: CheckFormat, output: Path | None) -> None:
    kind = FINDINGS_FORMATS[format.value]
    _emit(kind, kind.one(result), output)


def _emit(kind: FindingsFormat, data: bytes, output: Path | None) -> None:
    if output is not None:
        atomic_write_bytes(output, data)
    elif kind.binary:
        raise fail(f"{kind.name} 格式须用 -o 指定输出文件")
    else:
        out.print(data.decode("utf-8"), end="", markup=False, highlight=False)


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
        from ..render.findings import rules_markdown

        out.print(rules_markdown(), end="", markup=False, highlight=False)
        return
    table = rich_table("编号", "级别", "类别", "标题")
    for r in api.selected(patterns(select)):
        table.add_row(r.id, r.severity.value, api.FAMILIES[r.family], r.title)
    out.print(table)


@rules_app.command("explain")
def rules_explain(rule_id: Annotated[str, typer.Argument(help="规则编号，如 N007")]) -> None:
    """解释一条规则：检查什么、依据、提示文字和一个会触发它的例子。"""
    found = api.RULES.get(rule_id.strip().upper())
    if found is None:
        raise fail(f"没有规则 {rule_id}；用 juesuan rules 查看全部规则")
    out.print(f"{found.id} {found.title}（{found.severity.value}，{api.FAMILIES[found.family]}）", highlight=False)
    out.print(f"依据：{found.basis}", highlight=False)
    out.print(f"提示：{found.message}", markup=False, highlight=False)
    if found.example:
        out.print(f"例如：{found.example}", highlight=False)


