"""Read a PDF report: page text in reading order and ruled tables rebuilt from line geometry.

Each page becomes printed lines (words grouped by baseline, cells split at wide gaps so that tables
without rulings still read as rows) and table rows (pdfplumber's ruled-table finder, merged cells
left blank), in top-to-bottom order. The lines go to the same reader as plain text, so layouts are
recognised by their words only; every line keeps its page, box and cell boxes (``Origin``).
Pages without a usable text layer (scans, fonts without ToUnicode) are read by OCR when available.
"""

from __future__ import annotations

import itertools
import re
import statistics
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..document import Document, Origin
from ..document.normalize import clean, is_number
from ..forms import Forms
from .pdfpage import MAX_CHARS, Page, pages, ruled_tables
from .text import Line

CELL_GAP_EMS = 1.8          # a gap this many character widths wide separates two cells
PAGE_NUMBER = re.compile(r"^[-—–－一\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*共?\s*\d+\s*页?)?[-—–－一\s]*$")
STRAY = set("，。；：、,;:")  # punctuation that ends a clause, never a table value
MARGIN = 0.08               # top and bottom share of the page where running heads and page numbers sit


@dataclass
class PrintedLine:
    """One line of a page before it becomes a ``Line``: text, cells and their boxes."""
    top: float
    text: str
    cells: tuple[tuple[str, tuple[float, float, float, float] | None], ...]
    box: tuple[float, float, float, float]
    table: int = -1          # index of the ruled table on the page it is a row of
    indent: bool = False     # starts right of the page's text margin: a new paragraph


def _words_to_lines(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines, each sorted left to right: by baseline where the words have one
    (PDF characters), else by vertical overlap of their boxes (OCR words)."""
    if words and all("base" in w for w in words):
        return _by_baseline(words)
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        middle = (word["top"] + word["bottom"]) / 2
        for line in reversed(lines[-3:]):
            if line[0]["top"] - 1 <= middle <= line[0]["bottom"] + 1:
                line.append(word)
                break
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _by_baseline(words: list[dict]) -> list[list[dict]]:
    """A word joins the line whose baseline is within a quarter of a character's height of its own
    (the taller of the two: a punctuation mark's box may be only its ink)."""
    lines: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["base"], w["x0"])):
        for line in reversed(lines[-3:]):
            near = max(1.5, 0.25 * max(word["bottom"] - word["top"], line[0]["bottom"] - line[0]["top"]))
            if abs(line[0]["base"] - word["base"]) <= near:
                line.append(word)
                break
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _is_cjk(char: str) -> bool:
    return "\u2e80" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" or char in "，。；：、（）“”"


def _join(words: list[dict], em: float, split: bool = True) -> tuple[str, tuple]:
    """The line's text and its cells (split at gaps wider than CELL_GAP_EMS characters)."""
    cells: list[list[dict]] = [[words[0]]]
    for previous, word in itertools.pairwise(words):
        # a punctuation mark is never a cell of its own: a gap before it does not split the line
        if split and word["x0"] - previous["x1"] > CELL_GAP_EMS * em and word["text"] not in STRAY:
            cells.append([word])
        else:
            cells[-1].append(word)
    texts = []
    for cell in cells:
        text = cell[0]["text"]
        for previous, word in itertools.pairwise(cell):
            gap = word["x0"] - previous["x1"]
            glue = "" if gap < 0.2 * em or (_is_cjk(text[-1]) and _is_cjk(word["text"][0])) else " "
            text += glue + word["text"]
        texts.append(clean(text))
    boxed = tuple((t, (c[0]["x0"], min(w["top"] for w in c), c[-1]["x1"], max(w["bottom"] for w in c)))
                  for t, c in zip(texts, cells))
    return " ".join(texts), boxed


def _inside(obj: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(b[0] <= x <= b[2] and b[1] <= y <= b[3] for b in boxes)


class _CharIndex:
    """The page's characters by height, to find those inside a cell quickly."""

    def __init__(self, chars: list[dict]):
        self.chars = sorted(chars, key=lambda c: c["top"] + c["bottom"])
        self.middles = [(c["top"] + c["bottom"]) / 2 for c in self.chars]

    def text_in(self, box: tuple[float, float, float, float]) -> str:
        """The text printed inside ``box``; a name wrapped inside its cell joins without a space."""
        low, high = bisect_left(self.middles, box[1]), bisect_right(self.middles, box[3])
        inside = [c for c in self.chars[low:high] if box[0] <= (c["x0"] + c["x1"]) / 2 <= box[2]]
        if not inside:
            return ""
        em = max(statistics.median(c["x1"] - c["x0"] for c in inside), 4.0)
        return clean("".join(_join(line, em, split=False)[0] for line in _words_to_lines(inside)))


def page_lines(page: Page) -> list[PrintedLine]:
    """The printed lines of a page, ruled tables included, top to bottom."""
    index = _CharIndex(page.chars)
    tables = ruled_tables(page, index.text_in)
    printed = [PrintedLine(box[1], " ".join(t for t, _ in cells if t), tuple(cells), box, n)
               for n, table in enumerate(tables) for box, cells in table.rows]
    boxes = [t.bbox for t in tables]
    words = [c for c in page.chars if not _inside(c, boxes)]
    return words_to_printed(words, page.height, len(tables), printed)


def words_to_printed(words: list[dict], height: float, tables: int,
                     table_rows: list[PrintedLine] = ()) -> list[PrintedLine]:
    """Words (text and box in points) as printed lines, with unruled tables rebuilt into columns;
    ``table_rows`` are rows of the page's ruled tables, numbered below ``tables``."""
    em = statistics.median([(w["x1"] - w["x0"]) / max(len(w["text"]), 1) for w in words]) if words else 10.0
    em = max(em, 4.0)
    grouped = _words_to_lines(words)
    margin = min((line[0]["x0"] for line in grouped), default=0.0)
    printed = list(table_rows)
    for line in grouped:
        text, cells = _join(line, em)
        box = (line[0]["x0"], min(w["top"] for w in line), line[-1]["x1"], max(w["bottom"] for w in line))
        if _running_head(text, box, height):
            continue
        printed.append(PrintedLine(box[1], text, cells, box, indent=box[0] - margin > 1.5 * em))
    printed.sort(key=lambda p: (p.top, p.box[0]))
    return rebuild_columns(printed, tables)


def _columns(rows: list[PrintedLine]) -> list[tuple[float, float]]:
    """Column x-ranges of an unruled table: numbers are short and sit inside their column, so their
    ranges define columns first; text cells (names, and header words over blank columns) add
    columns only where no number stands."""
    numeric = sorted((b[0], b[2]) for r in rows for t, b in r.cells if b and is_number(t))
    textual = sorted((b[0], b[2]) for r in rows for t, b in r.cells if b and not is_number(t))
    columns = _merge(numeric)
    # texts mostly outside the number columns (names, header words over blank columns) make columns
    free = [part for span in textual if (part := _free_part(span, columns))]
    return sorted(columns + _merge(sorted(free)))


def _free_part(span: tuple[float, float], columns: list[tuple[float, float]]) -> tuple[float, float] | None:
    """The part of ``span`` outside every column, if that is most of it and no column lies within it
    (a header over several columns is not a column)."""
    x0, x1 = span
    for c in columns:
        if _overlap((x0, x1), c) <= 0:
            continue
        if c[0] <= x0:
            x0 = max(x0, c[1])
        elif c[1] >= x1:
            x1 = min(x1, c[0])
        else:
            return None
    return (x0, x1) if x1 - x0 > 0.5 * (span[1] - span[0]) else None


def _merge(spans: list[tuple[float, float]]) -> list[tuple[float, float]]:
    merged: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if merged and x0 <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], x1))
        else:
            merged.append((x0, x1))
    return merged


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> float:
    return min(a[1], b[1]) - max(a[0], b[0])


def _placed(row: PrintedLine, columns: list[tuple[float, float]]) -> tuple:
    """The row's cells in column slots, blank where the row prints nothing."""
    slots: list[list[tuple[str, tuple]]] = [[] for _ in columns]
    for text, box in row.cells:
        span = (box[0], box[2])
        best = max(range(len(columns)), key=lambda i: (_overlap(span, columns[i]),
                                                        -abs(sum(span) - sum(columns[i]))))
        slots[best].append((text, box))
    return tuple((" ".join(t for t, _ in slot), slot[0][1] if len(slot) == 1 else _union(slot)) if slot
                 else ("", None) for slot in slots)


def _union(cells: list[tuple[str, tuple]]) -> tuple | None:
    boxes = [b for _, b in cells if b]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _is_unruled_row(line: PrintedLine) -> bool:
    return line.table < 0 and len(line.cells) >= 3 and any(is_number(t) for t, _ in line.cells)


def rebuild_columns(printed: list[PrintedLine], first_table: int) -> list[PrintedLine]:
    """Runs of unruled rows (three or more cells, at least one a number) become tables whose cells
    stand in common columns, so blank cells keep their place. A run goes on over one short line (a
    name wrapped in its cell) and takes in the header lines just above it (several cells, no numbers)."""
    runs: list[list[int]] = []
    for i, line in enumerate(printed):
        if not _is_unruled_row(line):
            continue
        wrapped = i >= 2 and runs and runs[-1][-1] == i - 2 and printed[i - 1].table < 0 \
            and len(printed[i - 1].cells) <= 2
        if runs and (runs[-1][-1] == i - 1 or wrapped):
            runs[-1] += [i - 1, i] if wrapped else [i]
        else:
            runs.append([i])
    table = first_table
    for run in runs:
        if len(run) < 2:
            continue
        start = run[0]
        while start > 0 and printed[start - 1].table < 0 and len(printed[start - 1].cells) >= 2:
            start -= 1
        columns = _columns([printed[i] for i in range(start, run[-1] + 1)])
        for i in range(start, run[-1] + 1):
            line = printed[i]
            line.cells, line.table = _placed(line, columns), table
        table += 1
    return printed


_STAGE_MARK = re.compile(r"^(?:草稿|征求意见稿|送审稿|讨论稿|内部资料)$")   # a draft's mark on every page


def _running_head(text: str, box: tuple, height: float) -> bool:
    """Page numbers and a draft's stage mark in the top or bottom margin are not part of the text."""
    in_margin = box[1] < MARGIN * height or box[3] > (1 - MARGIN) * height
    return in_margin and bool(PAGE_NUMBER.match(text) or _STAGE_MARK.match(text.strip()))


def to_lines(pages: list[list[PrintedLine]], ocr_pages: set[int] = frozenset()) -> tuple[list[Line], dict]:
    """Reader ``Line``s and their ``Origin``s from each page's printed lines; numbering is global."""
    lines: list[Line] = []
    origins: dict[int, Origin] = {}
    blocks = 0
    for page_number, printed in enumerate(pages, 1):
        last_table = None
        for on_page, item in enumerate(printed, 1):
            if item.table >= 0:
                if item.table != last_table:
                    blocks += 1
                    last_table = item.table
                cells, block = tuple(t for t, _ in item.cells), blocks - 1
            else:
                last_table = None
                cells = tuple(t for t, _ in item.cells) if len(item.cells) >= 3 else ()
                block = -1
                if item.indent and lines and lines[-1].text:
                    lines.append(Line(len(lines) + 1, page_number, ""))
            number = len(lines) + 1
            lines.append(Line(number, page_number, item.text, cells, block))
            origins[number] = Origin(page_number, on_page, item.box, item.cells, page_number in ocr_pages)
    return lines, origins


def has_text_layer(page: Page) -> bool:
    """False for a scanned page or one whose font has no ToUnicode map (its text reads as private-use
    or replacement characters)."""
    if len(page.chars) < 5:
        return False
    unmapped = sum(1 for c in page.chars if c["text"] == "\ufffd" or "\ue000" <= c["text"] <= "\uf8ff"
                   or ord(c["text"]) < 32)
    return unmapped / len(page.chars) < 0.2


def read_pdf(data: bytes, source: str, ocr: bool = True, forms: Forms | None = None) -> Document:
    """The Document of a PDF; pages without a text layer are read by OCR (``ocr=False`` skips them)."""
    from .ocr import MAX_PAGES as MAX_OCR_PAGES
    from .ocr import ocr_page_lines
    from .text import read_lines

    printed_pages: list[list[PrintedLine]] = []
    ocr_pages: set[int] = set()
    unread: list[int] = []
    problems: list[str] = []
    tried = 0                                        # pages given to OCR (found text or not: each costs)
    for page in pages(data):
        if page.overfull:
            printed_pages.append([])
            problems.append(f"第{page.number}页的字符超过每页 {MAX_CHARS:,} 个的上限，未读取"
                            f"（可用环境变量 JUESUAN_LIMIT_PAGE_CHARS 放宽）")
        elif has_text_layer(page):
            printed_pages.append(page_lines(page))
        elif not page.images and not page.chars:
            printed_pages.append([])                 # a blank page
        elif ocr and tried >= MAX_OCR_PAGES:
            printed_pages.append([])
            problems.append(f"第{page.number}页没有可读取的文字层，已超过每份 {MAX_OCR_PAGES} 页 OCR 的上限，未识别"
                            f"（可用环境变量 JUESUAN_LIMIT_OCR_PAGES 放宽）")
        elif ocr and (tried := tried + 1) and (printed := ocr_page_lines(page)):
            printed_pages.append(printed)
            ocr_pages.add(page.number)
        else:
            printed_pages.append([])
            unread.append(page.number)
    lines, origins = to_lines(printed_pages, ocr_pages)
    doc = read_lines(lines, source, forms=forms)
    doc.origins = origins
    doc.ocr_pages = sorted(ocr_pages)
    doc.unreadable += [(None, f"第{n}页没有可读取的文字层（扫描件或字体缺少 ToUnicode），"
                              + ("OCR 未识别出文字" if ocr else "未启用 OCR")) for n in unread]
    doc.unreadable += [(None, why) for why in problems]
    return doc
