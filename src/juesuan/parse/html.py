"""Read a report published as a web page (HTML): its text in reading order and its data tables.

Government sites put a report's text in ``<p>``/``<div>`` and its forms in ``<table>`` — often inside
a layout table, beside menus and breadcrumbs. A table holding other tables, or only one column, is
layout: its cells are read as text. A data table keeps its grid: a cell merged across columns or
rows (colspan, rowspan) prints its text where it starts and leaves the other places blank, as a DOCX
table does. Lines are numbered in reading order (the n-th line of text on the page).
"""

from __future__ import annotations

import re

from ..document import Document
from ..document.normalize import clean
from ..forms import Forms
from ..limits import limit
from .encoding import wide
from .text import Line, read_lines

SKIPPED = {"script", "style", "noscript", "template", "head", "select", "button", "iframe", "svg"}
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
          "footer", "nav", "main", "aside", "blockquote", "pre", "dd", "dt", "dl", "figure", "figcaption",
          "caption", "form", "center", "address", "hr", "br", "tr", "table", "tbody", "thead", "tfoot"}
PARAGRAPHS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt"}
_NUMBERED = re.compile(r"[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．](?!\d)")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


def looks_like_html(data: bytes) -> bool:
    encoding = wide(data)
    head = data[:8192].decode(encoding, errors="ignore").encode("utf-8").lower() if encoding else data[:4096].lower()
    return b"<html" in head or b"<!doctype html" in head or (b"<body" in head and b"</" in head)


def _decoded(data: bytes, source: str) -> str:
    from . import decode

    declared = None if wide(data) else _CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii").replace("gb2312", "gb18030"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, source)     # ReadError when it is not text in an encoding we can tell


def _cell_text(cell) -> str:
    return clean(" ".join(t.strip() for t in cell.itertext() if t.strip()))


def _grid(table) -> list[tuple[str, ...]]:
    """The table's rows with merged cells placed on the grid (text where a cell starts)."""
    from . import ReadError

    rows: list[list[str]] = []
    pending: dict[tuple[int, int], str] = {}     # (row, column) covered by a rowspan from above
    placed = 0
    for r, tr in enumerate(t for t in table.iter("tr") if _owner(t) is table):
        row: list[str] = []
        for cell in (c for c in tr if c.tag in ("td", "th")):
            while (r, len(row)) in pending:
                row.append(pending.pop((r, len(row))))
            span_c, span_r = _span(cell.get("colspan")), _span(cell.get("rowspan"))
            column = len(row)
            row += [_cell_text(cell)] + [""] * (span_c - 1)
            placed += span_c * span_r
            if placed > MAX_GRID_CELLS:      # colspan/rowspan of 100 everywhere: gigabytes of empty cells
                raise ReadError(f"网页中的表格合并单元格展开后超过 {MAX_GRID_CELLS:,} 格，不是报告的表格")
            for below in range(1, span_r):
                for c in range(column, column + span_c):
                    pending[(r + below, c)] = ""
        while (r, len(row)) in pending:
            row.append(pending.pop((r, len(row))))
        rows.append(row)
    return [tuple(r) for r in rows]


MAX_GRID_CELLS = limit("html_cells")    # cells of one table once its merged cells are spread out


def _span(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() and 0 < int(value) <= 100 else 1


def _owner(element):
    """The nearest table an element belongs to."""
    return next(a for a in element.iterancestors("table"))


def _data_grid(table) -> list[tuple[str, ...]] | None:
    """The grid of a data table; None for a layout table (it holds tables, or has one column)."""
    if any(True for _ in table.iterdescendants("table")):
        return None
    grid = _grid(table)
    return grid if max((len(r) for r in grid), default=0) >= 2 else None


class _Reader:
    def __init__(self):
        self.lines: list[Line] = []
        self.current: list[str] = []
        self.blocks = 0

    def add(self, text: str, cells: tuple[str, ...] = (), block: int = -1) -> None:
        self.lines.append(Line(len(self.lines) + 1, None, clean(text), cells, block))

    def flush(self, paragraph: bool = False) -> None:
        """The text gathered so far as a line. A ``paragraph`` (a <p>, <li> …) that starts with an item's
        number (（二）, 3.) starts a paragraph: the text reader runs a line that ends without 。 into the
        next, as wrapped lines are (some sites put each printed line in a <p> of its own), and would run
        the item before into this one."""
        if text := clean("".join(self.current)):
            if paragraph and _NUMBERED.match(text) and self.lines and self.lines[-1].text:
                self.add("")
            self.add(text)
        self.current = []

    def walk(self, element) -> None:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if not tag or tag in SKIPPED:      # comments, scripts, menus' widgets
            self.current.append(element.tail or "")
            return
        if tag == "table" and (grid := _data_grid(element)) is not None:
            self.flush()
            for caption in element.iterchildren("caption"):
                self.add(_cell_text(caption))
            for cells in grid:
                if any(cells):
                    self.add(" ".join(c for c in cells if c), cells, self.blocks)
            self.blocks += 1
            self.add("")
        else:
            block = tag in BLOCKS or tag in ("td", "th")
            if block:
                self.flush()
            self.current.append(element.text or "")
            for child in element:
                self.walk(child)
            if block:
                self.flush(paragraph=tag in PARAGRAPHS)
        self.current.append(element.tail or "")


def read_html(data: bytes, source: str, forms: Forms | None = None) -> Document:
    import lxml.html

    from . import ReadError

    root = lxml.html.document_fromstring(_decoded(data, source))
    reader = _Reader()
    body = root.find("body")
    try:
        reader.walk(body if body is not None else root)
    except ReadError as exc:
        raise ReadError(f"{source}: {exc}") from None
    reader.flush()
    return read_lines(reader.lines, source, forms=forms)
