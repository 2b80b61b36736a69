"""Input edges: the workbook and JSON files → Report, with every problem located."""

from __future__ import annotations

import json
from pathlib import Path

from ..catalog import Catalog, bundled
from ..model import BudgetReport, Report
from ..profiles import DEFAULT_PROFILE, ProfileError
from ..profiles import load as load_profile
from .budget import budget_from_data
from .problems import Finding, InputFailed, Severity, errors_in, problem
from .template import blank_workbook
from .validate import validate
from .workbook import load_workbook_report, report_from_data

__all__ = ["Finding", "InputFailed", "Severity", "blank_workbook", "errors_in", "is_data_file", "load_report", "read_report"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_DATA_SHEET = "收支明细"       # a sheet only juesuan's input workbook has


def is_data_file(path: Path) -> bool:
    """A juesuan input (Report JSON, or the workbook ``init`` makes) rather than a published report."""
    suffix = Path(path).suffix.lower()
    if suffix == ".json":
        return True
    if suffix not in WORKBOOK_SUFFIXES or not Path(path).is_file():
        return False
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True)
    except Exception:  # noqa: BLE001 - not a workbook we can open: the report readers will say why
        return False
    try:
        return _DATA_SHEET in book.sheetnames
    finally:
        book.close()


def _load_json(path: Path) -> tuple[Report | None, list[Finding]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f"{path.name}:{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else path.name
        return None, [problem(where, f"不是有效的 JSON（{exc}）", code="not-json")]
    except RecursionError:
        return None, [problem(path.name, "JSON 嵌套过深，不是 Report", code="not-json")]
    if not isinstance(data, dict):
        return None, [problem(path.name, "JSON 顶层应为对象（Report）", code="not-json")]
    if data.get("kind") == "budget":
        return budget_from_data(data, path.name)
    report, problems = report_from_data(data, path.name)
    if report is not None:
        report = _with_json_locations(report, path.name)
    return report, problems


def _with_json_locations(report: Report, origin: str) -> Report:
    def located(records, path):
        return [r.model_copy(update={"loc": f"{origin}:/{path}/{i}"}) for i, r in enumerate(records)]

    perf = report.performance.model_copy(update={
        "evaluations": located(report.performance.evaluations, "performance/evaluations"),
        "indicators": located(report.performance.indicators, "performance/indicators"),
    })
    return report.model_copy(update={
        "lines": located(report.lines, "lines"), "economic": located(report.economic, "economic"),
        "balances": located(report.balances, "balances"), "performance": perf,
    })


def read_report(path: Path, catalog: Catalog | None = None,
                profile: str | None = None) -> tuple[Report | BudgetReport | None, list[Finding]]:
    """Load a workbook or JSON file and check it; the Report is None when it cannot be built. JSON
    with ``"kind": "budget"`` is a 部门预算's data (a BudgetReport)."""
    path = Path(path)
    if not path.exists():
        return None, [problem(str(path), "文件不存在", code="not-found")]
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        report, problems = load_workbook_report(path)
    elif path.suffix.lower() == ".json":
        report, problems = _load_json(path)
    else:
        return None, [problem(path.name, "不支持的输入文件：应为 .xlsx 工作簿或 .json", code="not-a-workbook")]
    if report is None or isinstance(report, BudgetReport):
        return report, problems
    if profile:
        report = report.model_copy(update={"profile": profile})
    try:
        form = load_profile(report.profile or DEFAULT_PROFILE)
    except ProfileError as exc:
        return None, problems + [problem(path.name, str(exc), code="profile")]
    problems += validate(report, catalog or bundled(), form, path.name, complete=not errors_in(problems))
    return report, problems


def load_report(path: Path, catalog: Catalog | None = None, profile: str | None = None) -> Report:
    """Like ``read_report`` but raises InputFailed when there is any error."""
    report, problems = read_report(path, catalog, profile)
    if report is None or errors_in(problems):
        raise InputFailed(problems)
    return report
