"""Tables → ``tables.xlsx``: one sheet a table, laid out like the official form.

Title, 公开XX表 label, 部门 and 单位 lines, merged multi-row headers, 栏次, thousands
separators, the notes and the 说明 of an empty table.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..document import Block, Grid, PerfTable, Table
from ..fsutil import normalise_zip
from .text import perf_table_text

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
AMOUNT_FORMAT = "#,##0.00"
FIXED_TIME = datetime(2000, 1, 1)


def _lead_columns(block: Block) -> list[tuple[tuple[str, ...], int, str]]:
    """The non-amount columns of a block: (header path, width, what they hold)."""
    if block.code_column:
        return [(("项目", "科目代码"), 11, "code"), (("项目", "科目名称"), 34, "name")]
    lead = [(("项目",), 34, "name")]
    if block.line_column:
        lead.append((("行次",), 6, "line"))
    return lead


def _header_paths(table: Table) -> list[tuple[tuple[str, ...], int, str, Block, int]]:
    """Every sheet column: (header path, width, role, block, index of amount column or -1)."""
    columns = []
    prefix_blocks = len(table.blocks) > 1 and all(b.title for b in table.blocks)
    for block in table.blocks:
        prefix = (block.title,) if prefix_blocks else ()
        for path, width, role in _lead_columns(block):
            columns.append((prefix + path, width, role, block, -1))
        for i, column in enumerate(block.columns):
            columns.append((prefix + column.header, 14, "amount", block, i))
    return columns


def _write_header(ws, top: int, paths: list[tuple[str, ...]]) -> int:
    """Write a merged header grid from the column paths; return the number of rows used."""
    depth = max(len(p) for p in paths)
    for col, path in enumerate(paths, start=1):
        for level in range(depth):
            text = path[min(level, len(path) - 1)]
            cell = ws.cell(row=top + level, column=col, value=text if level < len(path) else None)
            cell.alignment, cell.border, cell.font = CENTER, BOX, Font(bold=True)
        if len(path) < depth:  # the last label fills the rows below it
            ws.merge_cells(start_row=top + len(path) - 1, start_column=col, end_row=top + depth - 1, end_column=col)
    for level in range(depth):
        start = 1
        for col in range(2, len(paths) + 2):
            same = (col <= len(paths) and len(paths[col - 1]) > level and len(paths[start - 1]) > level
                    and paths[col - 1][: level + 1] == paths[start - 1][: level + 1]
                    and not (len(paths[start - 1]) == level + 1 < depth))
            if not same:
                if col - 1 > start and len(paths[start - 1]) > level:
                    ws.merge_cells(start_row=top + level, start_column=start, end_row=top + level, end_column=col - 1)
                start = col
    return depth


def _amount_cell(cell, value, blank_zero: bool) -> None:
    if value is not None and not (blank_zero and value == 0):
        cell.value = value
    cell.number_format = AMOUNT_FORMAT
    cell.alignment = Alignment(horizontal="right", vertical="center")


def _write_table(ws, table: Table, blank_zero: bool) -> None:
    columns = _header_paths(table)
    width = len(columns)
    ws.cell(row=1, column=1, value=table.title).font = Font(bold=True, size=16)
    ws.cell(row=1, column=1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    if table.label:
        ws.cell(row=2, column=width, value=table.label).alignment = Alignment(horizontal="right")
    ws.cell(row=3, column=1, value=f"部门：{table.department}")
    ws.cell(row=3, column=width, value=f"单位：{table.unit}").alignment = Alignment(horizontal="right")
    top = 4
    depth = _write_header(ws, top, [c[0] for c in columns])
    row_no = top + depth
    if any(b.columns[0].number for b in table.blocks if b.columns):
        for col, (_, _, role, block, index) in enumerate(columns, start=1):
            first_lead = role in ("code", "name") and (col == 1 or columns[col - 2][3] is not block)
            text = "栏次" if first_lead else (block.columns[index].number if index >= 0 else None)
            cell = ws.cell(row=row_no, column=col, value=text)
            cell.alignment, cell.border = CENTER, BOX
        row_no += 1
    height = max(len(b.rows) for b in table.blocks)
    for offset in range(height):
        for col, (_, _, role, block, index) in enumerate(columns, start=1):
            cell = ws.cell(row=row_no + offset, column=col)
            cell.border = BOX
            if offset >= len(block.rows):
                continue
            row = block.rows[offset]
            if role == "code":
                cell.value = row.code or None
            elif role == "name":
                cell.value = row.name or None
                if row.level in ("合计", "total", "类"):
                    cell.font = Font(bold=True)
                if row.level == "合计" and block.code_column:
                    cell.alignment = Alignment(horizontal="center")
            elif role == "line":
                cell.value = row.line
                cell.alignment = Alignment(horizontal="center")
            else:
                _amount_cell(cell, row.cells[index], blank_zero)
    row_no += height
    if table.footer:
        blocks = list(dict.fromkeys(c[3] for c in columns))
        for (label, value), block in zip(table.footer, blocks):
            spots = [i for i, c in enumerate(columns, start=1) if c[3] is block]
            ws.cell(row=row_no, column=spots[0], value=label).font = Font(bold=True)
            _amount_cell(ws.cell(row=row_no, column=spots[-1]), value, blank_zero)
        for col in range(1, width + 1):
            ws.cell(row=row_no, column=col).border = BOX
        row_no += 1
    for text in (*table.notes, table.empty_note):
        if text:
            ws.cell(row=row_no, column=1, value=text)
            row_no += 1
    for col, (_, col_width, _, _, _) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = col_width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{top}:{top + depth - 1}"
    ws.freeze_panes = ws.cell(row=top + depth, column=1)


def _sheet_name(table: Table, index: int) -> str:
    name = table.label or f"{index:02d}{table.title}"
    return name[:31]


def _write_perf_table(ws, table: PerfTable) -> None:
    """A 绩效自评表: title, then its rows as printed (the layout ``render.text`` writes and ``parse`` reads)."""
    title, *rows = [line for line in perf_table_text(table) if line]
    _write_rows(ws, title, [line.split("\t") for line in rows])


def _write_rows(ws, title: str, rows) -> None:
    """A titled form of text rows (a 绩效自评表, a 绩效目标申报表), amounts as numbers."""
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=14)
    for r, line in enumerate(rows, start=3):
        for c, text in enumerate(line, start=1):
            number = re.fullmatch(r"\d{1,3}(,\d{3})*(\.\d+)?|\d+(\.\d+)?", text)
            cell = ws.cell(row=r, column=c, value=Decimal(text.replace(",", "")) if number else text or None)
            if number and "." in text:
                cell.number_format = AMOUNT_FORMAT
            cell.border = BOX
            cell.alignment = Alignment(vertical="center", wrap_text=True)
    for column, width in zip("ABCDEFGH", (22, 18, 16, 28, 14, 14, 8, 8)):
        ws.column_dimensions[column].width = width
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4


def write_tables_xlsx(tables: list[Table], path: Path, *, blank_zero: bool,
                      perf_tables: list[PerfTable] | tuple = (), forms: list[Grid] | tuple = ()) -> None:
    """The nine tables, one sheet each, then one sheet per 绩效自评表 (附件) or other form (申报表)."""
    wb = Workbook()
    wb.remove(wb.active)
    for index, table in enumerate(tables, start=1):
        ws = wb.create_sheet(_sheet_name(table, index))
        _write_table(ws, table, blank_zero)
    for index, perf in enumerate(perf_tables, start=1):
        _write_perf_table(wb.create_sheet(f"绩效自评表{index}"), perf)
    for index, form in enumerate(forms, start=1):
        name = form.title[-7:] if form.title else re.sub(r"^[一二三四五六七八九十]+、", "", form.section[-1])[:28]
        _write_rows(wb.create_sheet(f"{name}{index}"), form.title, form.rows)
    wb.properties.creator = "juesuan"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    wb.save(path)
    normalise_zip(path)
