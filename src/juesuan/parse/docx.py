"""Read a DOCX report: paragraphs and real tables in body order, merged cells printed once."""

from __future__ import annotations

import io

from ..document import Document
from ..document.normalize import clean
from ..forms import Forms
from ..limits import limit
from .text import Line, read_lines

MAX_PARTS = limit("docx_parts")   # body elements; more is not a report


def _rows(table) -> list[tuple[str, ...]]:
    """Each row's cells; a cell merged across columns or rows keeps its text only where it starts."""
    rows: list[tuple[str, ...]] = []
    above: list = []
    for row in table.rows:
        cells, seen = [], []
        for index, cell in enumerate(row.cells):
            merged = (seen and cell._tc is seen[-1]) or (index < len(above) and cell._tc is above[index])
            cells.append("" if merged else clean(cell.text.replace("\n", "")))
            seen.append(cell._tc)
        above = seen
        rows.append(tuple(cells))
    return rows


def _body(document):
    """Paragraphs and tables in the order they stand in the body."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for count, child in enumerate(document.element.body.iterchildren()):
        if count > MAX_PARTS:
            return
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, document)
        elif tag == "tbl":
            yield Table(child, document)


def docx_lines(document) -> list[Line]:
    lines: list[Line] = []
    blocks = 0

    def add(text: str, cells: tuple[str, ...] = (), block: int = -1) -> None:
        lines.append(Line(len(lines) + 1, None, clean(text), cells, block))

    for part in _body(document):
        if hasattr(part, "rows"):
            for cells in _rows(part):
                if any(cells):
                    add(" ".join(c for c in cells if c), cells, blocks)
            blocks += 1
            add("")
            continue
        for text in part.text.split("\n"):
            if text.strip():
                add(text)
        add("")   # a paragraph ends here
    return lines


def read_docx(data: bytes, source: str, forms: Forms | None = None) -> Document:
    import docx

    return read_lines(docx_lines(docx.Document(io.BytesIO(data))), source, forms=forms)
