"""A report as a tree: headings, paragraphs, the disclosure tables and other grids.

``build`` derives one from a Report; the readers (``parse``) produce one from a published file,
keeping each element's source line and page. Rules read only these types.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal

from .normalize import amount, key
from .table import Row, Table


@dataclass(frozen=True)
class Paragraph:
    """Running text under a heading. ``lines`` holds (source line, text) of each printed line;
    ``text`` joins them (Chinese wraps without spaces)."""
    lines: tuple[tuple[int, str], ...]
    section: tuple[str, ...] = ()   # heading path: ("第三部分 …", "九、…", "（一）…")
    page: int | None = None

    @property
    def text(self) -> str:
        return "".join(t for _, t in self.lines)

    @property
    def line(self) -> int | None:
        return self.lines[0][0] if self.lines else None

    def line_at(self, offset: int) -> int | None:
        """Source line of the character at ``offset`` in ``text``."""
        if not self.lines:
            return None
        starts, position = [], 0
        for _, text in self.lines:
            starts.append(position)
            position += len(text)
        return self.lines[max(bisect_right(starts, offset) - 1, 0)][0]

    def in_section(self, *words: str) -> bool:
        """True when any heading on the path contains one of ``words``."""
        return any(w in h for h in self.section for w in words)


@dataclass(frozen=True)
class Heading:
    text: str
    level: int          # 1 part (第X部分), 2 一、, 3 （一）
    line: int | None = None
    page: int | None = None


@dataclass(frozen=True)
class Grid:
    """A table that is not one of the disclosure forms (e.g. a 绩效自评表), as rows of cells."""
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]
    title: str = ""
    section: tuple[str, ...] = ()
    page: int | None = None
    after: int | None = None       # a generated document's: drawn after this paragraph (index)


@dataclass(frozen=True)
class Figure:
    """A chart of the report: numbered, titled, placed after paragraph ``after`` (an index)."""
    number: int
    title: str
    kind: str                                   # pie / bar
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[Decimal, ...]], ...]   # (name, one value per category)
    after: int = -1
    unit: str = "万元"

    @property
    def caption(self) -> str:
        return f"图{self.number} {self.title}"


@dataclass(frozen=True)
class PerfIndicator:
    """One indicator row of a 绩效自评表, as printed."""
    level1: str
    level2: str
    name: str
    target: str
    actual: str
    weight: Decimal | None = None
    score: Decimal | None = None
    line: int | None = None


@dataclass
class PerfTable:
    """A 绩效自评表 as read: project name, ticked options, funds, rate and scores, with source lines."""
    title: str
    lines: tuple[int, ...]
    name: str = ""
    name_line: int | None = None
    choices: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)
    choice_lines: dict[str, int] = field(default_factory=dict)
    budget: Decimal | None = None
    executed: Decimal | None = None
    rate_text: str = ""              # as printed: "100%" or "100"
    rate_score: Decimal | None = None
    rate_weight: Decimal | None = None
    funds_line: int | None = None
    scores: list[Decimal] = field(default_factory=list)   # indicator scores
    indicators: list[PerfIndicator] = field(default_factory=list)
    goal_weight: Decimal | None = None    # "(80分)" printed for the indicators
    total: Decimal | None = None
    total_line: int | None = None

    @property
    def line(self) -> int:
        return self.lines[0] if self.lines else 0


Box = tuple[float, float, float, float]   # x0, top, x1, bottom in PDF points (top-left origin)


@dataclass(frozen=True)
class Origin:
    """Where one line of a Document was printed in its file: page, line on the page, box, and each
    cell's raw text and box for a table row; ``ocr`` when the page was read from its image."""
    page: int
    line: int
    box: Box | None = None
    cells: tuple[tuple[str, Box | None], ...] = ()
    ocr: bool = False

    def cell_box(self, index: int) -> Box | None:
        return self.cells[index][1] if index < len(self.cells) else None


@dataclass
class Document:
    source: str = ""                 # file name shown in locations
    department: str = ""
    year: int | None = None
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    perf_tables: list[PerfTable] = field(default_factory=list)   # 绩效自评表 among the grids
    figures: list[Figure] = field(default_factory=list)
    toc: list[Heading] = field(default_factory=list)    # 目录 entries
    captions: list[str] = field(default_factory=list)   # figure captions present (图一 …)
    generated: bool = False          # built by juesuan (no narrative read from a file)
    unreadable: list[tuple[int | None, str]] = field(default_factory=list)  # (line, why)
    sha256: str = ""                 # of the file read
    origins: dict[int, Origin] = field(default_factory=dict)   # line number → place in the file
    ocr_pages: list[int] = field(default_factory=list)         # pages read by OCR
    kind: str = "final"              # final (部门决算) or budget (部门预算): the forms and rules it is read and checked by
    template: str = ""               # a generated budget's: 上海 or 全国 (where its tables stand, how its parts are titled)
    tables_title: str = ""           # a generated 决算's title of its tables part, as its profile words it

    def cell_sources(self, row: Row) -> list[tuple[str, Box | None] | None]:
        """The printed text and box of each of ``row``'s cells, matched left to right after its code
        or name in the line it was read from; None for a blank cell or a row not read from a file."""
        origin = self.origins.get(row.origin) if row.origin is not None else None
        if origin is None:
            return [None] * len(row.cells)
        printed = list(origin.cells)
        anchor = next((i for i, (t, _) in enumerate(printed) if key(t) and key(t) in (row.code, key(row.name))), -1)
        position, found = anchor + 1, []
        for value in row.cells:
            match = None
            if value is not None:
                for i in range(position, len(printed)):
                    if amount(printed[i][0]) in (value, value * 10000):  # 单位：元 tables are read into 万元
                        match, position = printed[i], i + 1
                        break
            found.append(match)
        return found

    def place(self, line: int | None) -> tuple[int | None, int | None]:
        """(page, line) to show for a line number: the page's own line for a PDF, else the line."""
        origin = self.origins.get(line) if line is not None else None
        return (origin.page, origin.line) if origin else (None, line)

    def table(self, key: str) -> Table | None:
        for table in self.tables:
            if table.key == key:
                return table
        return None

    def section_paragraphs(self, *words: str) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.in_section(*words)]


# Shanghai's titles (…预算表, …预算总表), a 部门预算's name, and the national template's form titles
_BUDGET = re.compile(r"预算表|预算总表|(?:部门|单位)预算(?!执行)|(?:部门|单位)(?:收支|收入|支出)总表|财政拨款收支总表"
                     r"|(?:一般公共预算|政府性基金预算|国有资本经营预算)(?:基本)?支出表|“三公”经费支出表")


def budget_titles(doc: Document) -> int:
    """How many of the title lines (目录, headings, the opening lines) name a 预算 table or a 部门预算
    when none names a 决算 — 0 for a 决算 report."""
    if doc.tables:     # 决算 forms were recognised
        return 0
    titles = [key(h.text) for h in (*doc.toc, *doc.headings)] + \
             [key(p.text) for p in doc.paragraphs if len(p.text) <= 40]     # the cover, titles of unread tables
    if any("决算" in t for t in titles):
        return 0
    return sum(bool(_BUDGET.search(t)) for t in titles)
