"""Read XLSX/XLS table attachments: each sheet a page; one-cell rows are titles and notes, wider
rows are table rows (merged cells are blank except where they start)."""

from __future__ import annotations

import io
import math
from datetime import date, datetime
from decimal import Decimal

from ..document import Document
from ..document.normalize import clean
from ..forms import Forms
from ..limits import limit
from .text import Line, read_lines

MAX_ROWS = limit("sheet_rows")
MAX_COLUMNS = limit("sheet_columns")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        # the stored binary float of a printed amount: its shortest repr is what was typed
        return format(Decimal(repr(value)), "f") if math.isfinite(value) else ""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return clean(str(value).replace("\n", ""))


def sheet_lines(sheets: list[tuple[str, list[tuple]]]) -> list[Line]:
    """Lines from (sheet name, rows of values); each sheet is one page and one table block."""
    lines: list[Line] = []
    for page, (_, rows) in enumerate(sheets, 1):
        texts = [tuple(_text(v) for v in values[:MAX_COLUMNS]) for values in rows[:MAX_ROWS]]
        width = max((max((i + 1 for i, t in enumerate(row) if t), default=0) for row in texts), default=0)
        # a row with one value between table rows is a table row too (年初结转 的 "一般公共预算财政拨款"
        # with its amount left blank), not a title or a note
        wide = [i for i, row in enumerate(texts) if sum(1 for t in row if t) >= 2]
        inside = range(wide[0], wide[-1] + 1) if wide else range(0)
        for index, row in enumerate(texts):
            cells = (row + ("",) * width)[:width]   # every row as wide as the sheet's used range
            filled = [c for c in cells if c]
            number = len(lines) + 1
            if len(filled) >= 2 or filled and index in inside:
                lines.append(Line(number, page, " ".join(filled), cells, page - 1))
            elif filled:
                lines.append(Line(number, page, filled[0]))
        lines.append(Line(len(lines) + 1, page, ""))
    return lines


def _xlsx_sheets(data: bytes) -> list[tuple[str, list[tuple]]]:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        return [(ws.title, [tuple(r) for r in ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLUMNS,
                                                            values_only=True)])
                for ws in book.worksheets]
    finally:
        book.close()


def _xls_sheets(data: bytes) -> list[tuple[str, list[tuple]]]:
    import xlrd

    book = xlrd.open_workbook(file_contents=data, on_demand=True)
    sheets = []
    for sheet in book.sheets():
        rows = [tuple(None if c.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK) else c.value
                      for c in sheet.row(i)[:MAX_COLUMNS]) for i in range(min(sheet.nrows, MAX_ROWS))]
        sheets.append((sheet.name, rows))
    return sheets


def read_workbook(data: bytes, source: str, kind: str = "xlsx", forms: Forms | None = None) -> Document:
    sheets = _xls_sheets(data) if kind == "xls" else _xlsx_sheets(data)
    return read_lines(sheet_lines(sheets), source, forms=forms)
