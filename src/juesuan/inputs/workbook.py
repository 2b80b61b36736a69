"""Read the filled workbook into a Report, reporting every problem at once with its cell."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from pydantic import ValidationError

from ..fsutil import zip_problem
from ..model import BudgetReport, Report
from .cells import CellError, convert, normalise
from .problems import Finding, Severity, problem
from .sheets import BUDGET_MARK, BUDGET_SHEETS, SHEETS, Sheet

HEADER_SEARCH_ROWS = 5  # the header row may sit under a title row or two


def get_path(data, path: str):
    """The value at a dotted path of nested dicts; None where the path leads nowhere."""
    for key in path.split("."):
        data = data.get(key) if isinstance(data, dict) else None
    return data


def set_path(data: dict, path: str, value) -> None:
    *parents, last = path.split(".")
    for key in parents:
        data = data.setdefault(key, {})
    data[last] = value


MAX_ROWS, MAX_COLUMNS = 20_000, 200    # a department's workbook has a few hundred rows, a few dozen columns


def _extent(sheet) -> tuple[int, int, str]:
    """The last row and column that hold a value, and the farthest such cell: the sheet's dimension also
    counts cells a user only formatted or cleared (one stray value at row 1,000,000 would otherwise
    mean a million rows read)."""
    filled = [(row, col) for (row, col), cell in sheet._cells.items() if cell.value not in (None, "")]
    if not filled:
        return 0, 0, ""
    row, col = max(filled)
    return row, max(c for _, c in filled), f"{get_column_letter(col)}{row}"


def _cells(sheet, where: str, problems: list[Finding]) -> list[list[object]] | None:
    """The sheet's values row by row, up to its last filled row and column; None (with the problem)
    when those lie beyond any real workbook."""
    rows, columns, far = _extent(sheet)
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        problems.append(problem(f"{where}!{far}", f"这张表用到第 {rows:,} 行、第 {columns} 列，超过 {MAX_ROWS:,} 行、"
                                f"{MAX_COLUMNS} 列的上限：请删除表格之外的内容（最远的是 {far}）", code="invalid"))
        return None
    return [list(row) for row in sheet.iter_rows(max_row=rows, max_col=columns, values_only=True)] if rows else []


def _read_table(ws_rows, spec: Sheet, where: str, problems: list[Finding]) -> list[tuple[int, dict, str]]:
    """Records of a table sheet as (row number, values, location of the first column)."""
    wanted = {normalise(f.header): f for f in spec.fields}
    header_at, columns = None, {}
    for index, row in enumerate(ws_rows[:HEADER_SEARCH_ROWS]):
        found = {i: wanted[normalise(str(v))] for i, v in enumerate(row) if v is not None and normalise(str(v)) in wanted}
        if len(found) > len(columns):
            header_at, columns = index, found
    if header_at is None:
        problems.append(problem(f"{where}!1", f"找不到表头（应有列：{'、'.join(f.header for f in spec.fields)}）",
                                code="missing-column"))
        return []
    present = set(columns.values())
    expected = "、".join(f.header for f in spec.fields)
    for col, value in enumerate(ws_rows[header_at]):
        if value is not None and str(value).strip() and col not in columns:
            # a renamed or unknown column would silently drop its amounts: never guess, say where
            problems.append(problem(f"{where}!{get_column_letter(col + 1)}{header_at + 1}",
                                    f"「{str(value).strip()}」不是本表的列（本表的列：{expected}）",
                                    code="unknown-column"))
    for field in spec.fields:
        if field not in present and not field.added:
            problems.append(problem(f"{where}!{header_at + 1}", f"缺少列「{field.header}」" +
                                    ("" if field.required else "（这一列的数据视为空白）"),
                                    None if field.required else Severity.WARNING, code="missing-column"))
    if any(f.required and f not in present for f in spec.fields):
        return []
    records = []
    for index, row in enumerate(ws_rows[header_at + 1:], start=header_at + 2):
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
            continue
        values, first, complete = {}, None, True
        for col, field in columns.items():
            cell = f"{where}!{get_column_letter(col + 1)}{index}"
            first = first or cell
            raw = row[col] if col < len(row) else None
            try:
                value = convert(field, raw)
            except CellError as exc:
                problems.append(problem(cell, str(exc), code="cell"))
                complete = complete and not field.required
                continue
            if value is None and field.required:
                problems.append(problem(cell, f"「{field.header}」未填写", code="required"))
                complete = False
            elif value is not None:
                values[field.key] = value
        if complete:  # a row without its key fields is reported above and left out
            code_col = next((c for c, f in columns.items() if f.key == "code"), min(columns))
            records.append((index, values, f"{where}!{get_column_letter(code_col + 1)}{index}"))
    return records


def _read_form(ws_rows, spec: Sheet, where: str, data: dict, problems: list[Finding]) -> None:
    """Label | value rows; fields with a problem are noted in data["_reported"]."""
    labels = {normalise(str(row[0])): (i, row) for i, row in enumerate(ws_rows, start=1) if row and row[0] is not None}
    reported = data.setdefault("_reported", set())
    for field in spec.fields:
        found = labels.get(normalise(field.header))
        trouble = None
        if found is None:
            if field.required:
                trouble = problem(f"{where}!A", f"缺少「{field.header}」一行", code="missing-column")
        else:
            number, row = found
            cell = f"{where}!B{number}"
            try:
                value = convert(field, row[1] if len(row) > 1 else None)
            except CellError as exc:
                trouble = problem(cell, str(exc), code="cell")
            else:
                if value is not None:
                    set_path(data, field.key, value)
                elif field.required:
                    trouble = problem(cell, f"「{field.header}」未填写", code="required")
        if trouble:
            problems.append(trouble)
            reported.add(field.key)


def _store_records(spec: Sheet, records, data: dict, problems: list[Finding]) -> None:
    if spec.target == "glossary":      # a row names a 科目 by its code, or a 名词
        problems += [problem(loc, "这一行既没有科目代码也没有名词：说明是对什么的？", code="required")
                     for _, v, loc in records if "code" not in v and "term" not in v]
        set_path(data, "glossary", {v["code"]: v["text"] for _, v, _ in records if "code" in v and "text" in v})
        set_path(data, "terms", {v["term"]: v["text"] for _, v, _ in records
                                 if "term" in v and "code" not in v and "text" in v})
    elif spec.target.startswith("department."):
        set_path(data, spec.target, [v["text"] for _, v, _ in records if "text" in v])
        if notes := {v["text"]: v["note"] for _, v, _ in records if v.get("note") and "text" in v}:
            set_path(data, "department.unit_notes", notes)
    else:
        set_path(data, spec.target, [dict(v, loc=loc) for _, v, loc in records])


def read_workbook(path: Path) -> tuple[dict, list[Finding]]:
    """The raw Report data of a workbook, and the problems found reading its cells."""
    name = path.name
    problems: list[Finding] = []
    if why := zip_problem(path):
        return {}, [problem(name, f"工作簿{why}", code="not-a-workbook")]
    try:
        book = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, TypeError) as exc:
        kind = "不是 Excel 工作簿（.xlsx）" if not isinstance(exc, FileNotFoundError) else "文件不存在"
        return {}, [problem(name, f"{kind}，无法读取", code="not-a-workbook")]
    except Exception as exc:  # noqa: BLE001 - openpyxl raises its own types for damaged files
        return {}, [problem(name, f"不是可读取的 Excel 工作簿（{type(exc).__name__}）", code="not-a-workbook")]
    data: dict = {}
    sheets = {normalise(ws.title): ws for ws in book.worksheets}
    budget = normalise(BUDGET_MARK) in sheets      # a 部门预算's workbook (juesuan init --kind budget)
    if budget:
        data["kind"] = "budget"
    for spec in BUDGET_SHEETS if budget else SHEETS:
        where = f"{name}:{spec.name}"
        ws = sheets.get(normalise(spec.name))
        if ws is None:
            if spec.required:
                problems.append(problem(name, f"缺少工作表「{spec.name}」（请用 juesuan init 生成的模板填写）",
                                        code="missing-sheet"))
            continue
        rows = _cells(ws, where, problems)
        if rows is None:
            continue
        if spec.kind == "form":
            _read_form(rows, spec, where, data, problems)
        else:
            _store_records(spec, _read_table(rows, spec, where, problems), data, problems)
    return data, problems


def report_from_data(data: dict, origin: str, model: type = Report) -> tuple[Report | BudgetReport | None, list[Finding]]:
    """Validate raw data into a Report (or ``model``); pydantic's complaints become located problems."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            path = "/".join(str(p) for p in err["loc"])
            loc = _record_loc(data, err["loc"]) or f"{origin}:/{path}"
            problems.append(problem(loc, f"{path}: {_chinese(err)}", code="invalid"))
        return None, problems


def _record_loc(data: dict, loc: tuple) -> str | None:
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
        if isinstance(node, dict) and node.get("loc"):
            return node["loc"]
    return None


def _chinese(err: dict) -> str:
    kind = err["type"]
    if kind == "missing":
        return "未填写"
    if kind in ("enum", "literal_error"):
        return f"「{err.get('input')}」不是可选的值（{err['msg']}）"
    if kind == "extra_forbidden":
        return "不认识的字段"
    return f"「{err.get('input')}」无效（{err['msg']}）"


def load_workbook_report(path: Path) -> tuple[Report | BudgetReport | None, list[Finding]]:
    data, problems = read_workbook(path)
    if not data:
        return None, problems
    reported = data.pop("_reported", set())
    if data.get("kind") == "budget":
        from .budget import budget_from_data

        report, more = budget_from_data(data, path.name)
        return report, problems + [p for p in more if p.location.cell.lstrip("/").replace("/", ".") not in reported]
    report, more = report_from_data(data, path.name)
    more = [p for p in more if p.location.cell.lstrip("/").replace("/", ".") not in reported]
    return report, problems + more
