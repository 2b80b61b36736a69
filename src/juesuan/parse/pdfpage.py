"""PDF page geometry through PDFium (pypdfium2): characters with their boxes, ruling lines, and the
ruled tables they form (cells found with pdfplumber's edge-intersection algorithm, fed our edges).

PDFium parses a page in C, an order of magnitude faster than a pure-Python PDF parser, which is what
makes checking a whole report take well under a second. Coordinates are PDF points from the top-left.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, field

import pypdfium2 as pdfium
from pypdfium2 import raw

from ..limits import limit

Box = tuple[float, float, float, float]
TOLERANCE = 3.0          # points: ruling lines this close are one line (pdfplumber's default)
MIN_EDGE = 3.0
MAX_SEGMENTS = 5000      # a path with more segments is artwork, not table rulings
MAX_PAGES = limit("pdf_pages")
MAX_CHARS = limit("page_chars")   # printed characters on one page; more is not a report page


@dataclass
class Page:
    number: int
    width: float
    height: float
    chars: list[dict] = field(default_factory=list)   # text, x0, top, x1, bottom, base
    edges: list[dict] = field(default_factory=list)   # pdfplumber-style edges (orientation h / v)
    images: int = 0
    handle: object = None                             # the pdfium page, for rendering
    overfull: bool = False                            # more than MAX_CHARS characters: not read


@dataclass
class RuledTable:
    bbox: Box
    rows: list[tuple[Box, list[tuple[str, Box | None]]]]   # row box, cells (text, box; None where merged)


def _chars(page, height: float) -> list[dict] | None:
    """The page's characters — text, loose box (x0, top, x1, bottom: what cells are cut by) and
    baseline ``base`` (what lines are grouped by); None when there are more than
    MAX_CHARS. Loose boxes span the font's ascent and descent, which in a tightly set page is taller
    than the line pitch, and a punctuation mark of a font without those metrics gets only its ink box,
    low in its line: only the baseline says which line a character is on."""
    textpage = page.get_textpage()
    count = textpage.count_chars()
    if count > 2 * MAX_CHARS:      # even PDFium's own line breaks cannot make up the difference
        return None
    text = textpage.get_text_range(0, count) if count else ""
    if count > MAX_CHARS and len("".join(text.split())) > MAX_CHARS:
        return None
    chars = []
    rect, x, y = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    for index, char in enumerate(text[:count]):
        if char.isspace() or not raw.FPDFText_GetLooseCharBox(textpage, index, rect) or rect.right <= rect.left:
            continue
        raw.FPDFText_GetCharOrigin(textpage, index, x, y)
        chars.append({"text": char, "x0": rect.left, "x1": rect.right, "top": height - rect.top,
                      "bottom": height - rect.bottom, "base": height - y.value})
    return chars


def _segments(obj) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """Straight segments of a path object, in page coordinates (top-left origin applied later)."""
    count = raw.FPDFPath_CountSegments(obj.raw)
    if count <= 0 or count > MAX_SEGMENTS:
        return
    matrix = obj.get_matrix()
    x, y = ctypes.c_float(), ctypes.c_float()
    start = previous = None
    for i in range(count):
        segment = raw.FPDFPath_GetPathSegment(obj.raw, i)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        point = matrix.on_point(x.value, y.value)
        kind = raw.FPDFPathSegment_GetType(segment)
        if kind == raw.FPDF_SEGMENT_LINETO and previous is not None:
            yield previous, point
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = point
        previous = point
        if raw.FPDFPathSegment_GetClose(segment) and start is not None and previous != start:
            yield previous, start
            previous = start


def _edge(x0: float, y0: float, x1: float, y1: float, height: float) -> dict | None:
    """A horizontal or vertical ruling from (x0, y0) to (x1, y1) in PDF coordinates; None otherwise."""
    if abs(y1 - y0) < 1 and abs(x1 - x0) >= MIN_EDGE:
        left, right, top = min(x0, x1), max(x0, x1), height - y0
        return {"x0": left, "x1": right, "top": top, "bottom": top, "width": right - left,
                "height": 0, "orientation": "h", "object_type": "line"}
    if abs(x1 - x0) < 1 and abs(y1 - y0) >= MIN_EDGE:
        top, bottom = height - max(y0, y1), height - min(y0, y1)
        return {"x0": x0, "x1": x0, "top": top, "bottom": bottom, "width": 0,
                "height": bottom - top, "orientation": "v", "object_type": "line"}
    return None


def _edges(page, height: float) -> tuple[list[dict], int]:
    """The page's ruling lines and how many images it has. A path whose bounds are a thin line is that
    line (most table rulings: one bounds call instead of walking its segments)."""
    edges, images = [], 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for obj in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE), max_depth=2):
        if obj.type == raw.FPDF_PAGEOBJ_IMAGE:
            images += 1
            continue
        if raw.FPDFPageObj_GetBounds(obj.raw, left, bottom, right, top):
            wide, tall = right.value - left.value, top.value - bottom.value
            if wide < 1 and tall < 1:
                continue
            if wide < 1 or tall < 1:
                middle_x, middle_y = (left.value + right.value) / 2, (bottom.value + top.value) / 2
                edge = (_edge(left.value, middle_y, right.value, middle_y, height) if tall < 1 else
                        _edge(middle_x, bottom.value, middle_x, top.value, height))
                if edge:
                    edges.append(edge)
                continue
        edges += [e for (x0, y0), (x1, y1) in _segments(obj) if (e := _edge(x0, y0, x1, y1, height))]
    return edges, images


def pages(data: bytes) -> Iterator[Page]:
    """Every page of the PDF in ``data`` with its characters, ruling lines and image count."""
    document = pdfium.PdfDocument(data)
    try:
        if len(document) > MAX_PAGES:
            raise ValueError(f"有 {len(document)} 页，超过 {MAX_PAGES} 页的上限")
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            edges, images = _edges(page, height)
            chars = _chars(page, height)
            yield Page(index + 1, width, height, chars or [], edges, images, page, overfull=chars is None)
    finally:
        document.close()


def _cluster(values: list[float]) -> list[float]:
    found: list[float] = []
    for value in sorted(values):
        if not found or value - found[-1] > TOLERANCE:
            found.append(value)
    return found


def _slot(value: float, anchors: list[float]) -> int:
    return min(range(len(anchors)), key=lambda i: abs(anchors[i] - value))


def ruled_tables(page: Page, cell_text) -> list[RuledTable]:
    """Tables drawn with ruling lines; ``cell_text(box)`` gives the text printed inside a box. A cell
    merged over several columns keeps its text in its first column, the others stay blank (None box)."""
    if not page.edges:
        return []
    from pdfplumber.table import (
        cells_to_tables,
        edges_to_intersections,
        intersections_to_cells,
        merge_edges,
    )

    edges = merge_edges(page.edges, TOLERANCE, TOLERANCE, TOLERANCE, TOLERANCE)
    edges = [e for e in edges if (e["width"] if e["orientation"] == "h" else e["height"]) >= MIN_EDGE]
    cells = intersections_to_cells(edges_to_intersections(edges, TOLERANCE, TOLERANCE))
    tables = []
    for group in cells_to_tables(cells):
        columns, tops = _cluster([c[0] for c in group]), _cluster([c[1] for c in group])
        rows: list[tuple[Box, list[tuple[str, Box | None]]]] = []
        for top in tops:
            slots: list[tuple[str, Box | None]] = [("", None)] * len(columns)
            in_row = [c for c in group if abs(c[1] - top) <= TOLERANCE]
            for cell in in_row:
                slots[_slot(cell[0], columns)] = (cell_text(cell), cell)
            box = (min(c[0] for c in in_row), top, max(c[2] for c in in_row), max(c[3] for c in in_row))
            rows.append((box, slots))
        bbox = (min(c[0] for c in group), min(c[1] for c in group), max(c[2] for c in group),
                max(c[3] for c in group))
        tables.append(RuledTable(bbox, rows))
    return tables


def render(page: Page, dpi: int):
    """The page as a PIL image at ``dpi``."""
    return page.handle.render(scale=dpi / 72).to_pil()
