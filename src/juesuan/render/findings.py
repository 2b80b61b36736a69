"""Findings out: compiler-style text, JSON, a self-contained HTML page and an XLSX workbook."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from ..findings import CheckResult, Finding, Severity
from ..rules import FAMILIES, REGISTRY

EXCEL_ROWS = 1_048_576     # rows of one worksheet, the header included
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
COLUMNS = (("位置", "where", 34), ("规则", "rule", 8), ("标题", "title", 28), ("说明", "message", 70),
           ("应为", "expected", 16), ("实为", "actual", 16), ("差额", "difference", 12), ("豁免理由", "waived", 20))


def findings_text(result: CheckResult) -> str:
    """``seed.txt:612: error N007 …`` per finding, then one summary line."""
    lines = [f"{f.location}: {f.severity.value} {f.rule} {f.message}"
             + (f"（已豁免：{f.waived}）" if f.waived is not None else "")
             + (f"\n    | {f.excerpt}" if f.excerpt else "") for f in result.findings]
    s = result.summary()
    waived = f"（另有 {s['waived']} 个已豁免）" if s.get("waived") else ""
    lines.append(f"{s['source']}: {s['errors']} 个错误，{s['warnings']} 个警告，{s['infos']} 个提示{waived}；"
                 f"规则 {s['rules']} 条，运行 {s['ran']} 条，不适用 {s['not_applicable']} 条，"
                 f"数据不足 {s['insufficient_data']} 条。")
    return "\n".join(lines) + "\n"


def findings_json(result: CheckResult) -> str:
    data = {
        "findings": [f.to_dict() for f in result.findings],
        "summary": result.summary(),
        "rules": [{"rule": o.rule, "status": o.status.value, "findings": o.findings,
                   **({"reason": o.reason} if o.reason else {})} for o in result.outcomes],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def findings_html(result: CheckResult) -> str:
    env = Environment(loader=PackageLoader("juesuan.render"), autoescape=select_autoescape(["html"]))
    page = env.get_template("findings.html")
    return page.render(summary=result.summary(), findings=[f.to_dict() for f in result.findings],
                       severity_names=SEVERITY_NAMES)


def _sheet(workbook, title: str, findings: list[Finding]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    sheet = workbook.create_sheet(title)
    sheet.append([name for name, _, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
    for f in findings:
        row = f.to_dict()
        sheet.append([row.get(k) for _, k, _ in COLUMNS])
    for index, (_, _, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def write_findings_xlsx(result: CheckResult, path: Path) -> None:
    """错误, 警告 and 提示 on separate sheets, plus 规则 with each rule's outcome."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for severity, title in ((Severity.ERROR, "错误"), (Severity.WARNING, "警告"), (Severity.INFO, "提示")):
        _sheet(workbook, title, [f for f in result.findings if f.severity is severity])
    rules = workbook.create_sheet("规则")
    rules.append(["规则", "结果", "问题数", "说明"])
    for o in result.outcomes:
        rules.append([o.rule, o.status.value, o.findings, o.reason])
    workbook.save(path)


CSV_COLUMNS = ("file", "page", "line", "rule", "severity", "title", "message", "where", "expected", "actual",
               "difference")


def csv_text(header, rows) -> str:
    """CSV as UTF-8 text with a BOM, so that Excel opens the Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def findings_csv(results: list[CheckResult]) -> str:
    """One row per finding of every document."""
    return csv_text(CSV_COLUMNS, (row for result in results for row in _csv_rows(result)))


def _csv_rows(result: CheckResult):
    return ([f.location.file, f.location.page or "", f.location.line or "", *(f.to_dict()[k] for k in CSV_COLUMNS[3:])]
            for f in result.findings)


def csv_head() -> str:
    return csv_text(CSV_COLUMNS, [])


def document_csv(document) -> str:
    """One document's rows of a CSV batch, without the header (written as each document finishes)."""
    return csv_text(CSV_COLUMNS, _csv_rows(document.result)).removeprefix("\ufeff").split("\n", 1)[1]


def batch_summary(documents) -> list[dict[str, object]]:
    """Per document: file, errors, warnings, infos, seconds and why it could not be checked."""
    return [{"file": d.path, "errors": d.counts[0], "warnings": d.counts[1], "infos": d.counts[2],
             "seconds": round(d.seconds, 3), **({"failure": d.failure} if d.failure else {})} for d in documents]


def document_jsonl(document) -> str:
    """One document's line of a JSON Lines batch: its summary row and its findings (written as each
    document finishes, read back by ``check --resume``)."""
    row = batch_summary([document])[0]
    return json.dumps({**row, "findings": [f.to_dict() for f in document.result.findings]}, ensure_ascii=False) + "\n"


def batch_json(documents) -> str:
    data = {"documents": [{**row, "findings": [f.to_dict() for f in d.result.findings]}
                          for row, d in zip(batch_summary(documents), documents)],
            "summary": _totals(documents)}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _totals(documents) -> dict[str, object]:
    return {"documents": len(documents), "unreadable": sum(1 for d in documents if d.failure),
            "errors": sum(d.counts[0] for d in documents), "warnings": sum(d.counts[1] for d in documents),
            "infos": sum(d.counts[2] for d in documents), "seconds": round(sum(d.seconds for d in documents), 3)}


def write_batch_xlsx(documents, path: Path) -> None:
    """汇总 (one row per document) and 错误/警告/提示 sheets over all documents."""
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    summary.title = "汇总"
    summary.append(["文件", "错误", "警告", "提示", "用时（秒）", "无法审核的原因"])
    for row in batch_summary(documents):
        summary.append([row["file"], row["errors"], row["warnings"], row["infos"], row["seconds"],
                        row.get("failure", "")])
    summary.column_dimensions["A"].width = 48
    summary.column_dimensions["F"].width = 48
    findings = [f for d in documents for f in d.result.findings]
    largest = max((sum(1 for f in findings if f.severity is s) for s in Severity), default=0)
    if max(largest, len(documents)) >= EXCEL_ROWS:
        raise ValueError(f"有 {max(largest, len(documents)):,} 行，超过 Excel 一张表 {EXCEL_ROWS:,} 行的上限：请用 csv 或 json 格式")
    for severity, title in ((Severity.ERROR, "错误"), (Severity.WARNING, "警告"), (Severity.INFO, "提示")):
        _sheet(workbook, title, [f for f in findings if f.severity is severity])
    workbook.save(path)


def rules_markdown() -> str:
    """docs/rules.md: every rule by family with its severity, basis, message and a failing example."""
    lines = ["# 审核规则（juesuan check）", "",
             ("由 `juesuan rules --markdown` 生成，勿手工修改。级别：error 错误，warning 警告，info 提示。"
             "求和类规则在尾数容差（(n+1)×0.005 万元）内报 info“尾数差异”。"), ""]
    for family, title in FAMILIES.items():
        rules = [r for r in REGISTRY.values() if r.family == family]
        if not rules:
            continue
        lines += [f"## {family} {title}", "", "| 编号 | 级别 | 规则 | 依据 | 例如 |", "| --- | --- | --- | --- | --- |"]
        lines += [f"| {r.id} | {r.severity.value} | {r.title} | {r.basis} | {r.example} |"
                  for r in sorted(rules, key=lambda r: r.id)]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
