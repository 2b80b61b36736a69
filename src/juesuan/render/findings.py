"""Findings out: compiler-style text, JSON, a self-contained HTML page and an XLSX workbook."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ..rules import FAMILIES, REGISTRY, CheckResult, Finding, Severity

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
COLUMNS = (("位置", "where", 34), ("规则", "rule", 8), ("标题", "title", 28), ("说明", "message", 70),
           ("应为", "expected", 16), ("实为", "actual", 16), ("差额", "difference", 12))


def findings_text(result: CheckResult) -> str:
    """``seed.txt:612: error N007 …`` per finding, then one summary line."""
    lines = [f"{f.location}: {f.severity.value} {f.rule} {f.message}" for f in result.findings]
    s = result.summary()
    lines.append(f"{s['source']}: {s['errors']} 个错误，{s['warnings']} 个警告，{s['infos']} 个提示；"
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


def _sheet(workbook: Workbook, title: str, findings: list[Finding]) -> None:
    sheet = workbook.create_sheet(title)
    sheet.append([name for name, _, _ in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEEEEE")
    for f in findings:
        row = f.to_dict()
        sheet.append([row[k] for _, k, _ in COLUMNS])
    for index, (_, _, width) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions


def write_findings_xlsx(result: CheckResult, path: Path) -> None:
    """错误, 警告 and 提示 on separate sheets, plus 规则 with each rule's outcome."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for severity, title in ((Severity.ERROR, "错误"), (Severity.WARNING, "警告"), (Severity.INFO, "提示")):
        _sheet(workbook, title, [f for f in result.findings if f.severity is severity])
    rules = workbook.create_sheet("规则")
    rules.append(["规则", "结果", "问题数", "说明"])
    for o in result.outcomes:
        rules.append([o.rule, o.status.value, o.findings, o.reason])
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
