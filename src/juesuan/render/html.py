"""Document → one self-contained HTML file (screen and print), and from it the PDF (WeasyPrint).

The report in the order it is published: cover, 目录, 第一部分, the nine tables (第二部分), the
情况说明 with its figures (inline SVG), 重点工作, 名词解释 and the 附件 with the 自评表.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, select_autoescape

from ..derive.tables import ordinal
from ..document import Block, Document, PerfTable, Table
from ..money import format_amount
from .figures import figure_svg
from .text import drawn_grids, perf_table_text
from .titles import after_tables, cover, tables_heading, title


@dataclass
class Section:
    """A run of the report under one heading path, for the template."""
    level: int
    heading: str
    anchor: str
    items: list[tuple[str, object]] = field(default_factory=list)   # ("p", text) ("figure", svg) ("table", …)


def table_rows(table: Table, blank_zero: bool) -> tuple[list[str], list[list[tuple[str, bool]]]]:
    """Header cells and body rows of a table; side-by-side blocks are placed next to each other."""
    def lead(block: Block) -> list[str]:
        if block.code_column:
            return ["科目代码", "科目名称"]
        return ["项目", "行次"] if block.line_column else ["项目"]

    header: list[str] = []
    for block in table.blocks:
        header += lead(block) + ["".join(c.header) if len(table.blocks) == 1 or not block.title
                                 else f"{block.title}{''.join(c.header)}" for c in block.columns]
    body = []
    for index in range(max((len(b.rows) for b in table.blocks), default=0)):
        cells: list[tuple[str, bool]] = []
        for block in table.blocks:
            row = block.rows[index] if index < len(block.rows) else None
            texts = ([row.code, row.name] if block.code_column else
                     [row.name, str(row.line or "")] if block.line_column else [row.name]) if row else \
                [""] * len(lead(block))
            cells += [(t, False) for t in texts]
            cells += [(format_amount(v, blank_zero=blank_zero), True) for v in row.cells] if row else \
                [("", True) for _ in block.columns]
        body.append(cells)
    if table.footer:  # 人员经费合计 | 公用经费合计 under the first lanes, as the form prints them
        cells = []
        for index, block in enumerate(table.blocks):
            label, value = table.footer[index] if index < len(table.footer) else ("", None)
            cells += [("", False)] * (len(lead(block)) - 1) + [(label, False)]   # in the wide name column
            cells += [("", True)] * (len(block.columns) - 1) + [(format_amount(value, blank_zero=blank_zero), True)]
        body.append(cells)
    return header, body


def header_paths(table: Table) -> list[tuple[str, ...]]:
    """Each printed column's header, top first — the block title on top when blocks stand side by side."""
    side_by_side = len(table.blocks) > 1 and all(b.title and not b.title.startswith("lane") for b in table.blocks)
    paths: list[tuple[str, ...]] = []
    for block in table.blocks:
        prefix = (block.title,) if side_by_side else ()
        lead = [("项目", "科目代码"), ("项目", "科目名称")] if block.code_column else \
            [("项目",), ("行次",)] if block.line_column else [("项目",)]
        paths += [prefix + p for p in lead] + [prefix + tuple(c.header) for c in block.columns]
    return paths


def header_grid(paths: list[tuple[str, ...]]) -> list[list[tuple[str, int, int]]]:
    """The header as rows of (text, colspan, rowspan): equal leading words merge across columns, a path
    that ends early reaches down to the last header row — the form's merged header cells."""
    depth = max((len(p) for p in paths), default=1)
    rows: list[list[tuple[str, int, int]]] = []
    for level in range(depth):
        row, index = [], 0
        while index < len(paths):
            path = paths[index]
            if level >= len(path):
                index += 1
                continue
            ends = level == len(path) - 1
            span = 1
            while index + span < len(paths) and len(paths[index + span]) > level \
                    and paths[index + span][:level + 1] == path[:level + 1] \
                    and (level == len(paths[index + span]) - 1) == ends and not ends:
                span += 1
            row.append((path[level], span, depth - level if ends else 1))
            index += span
        rows.append(row)
    return rows


LEAD_WIDTHS = {"科目代码": 8.0, "科目名称": 24.0, "项目": 20.0, "行次": 4.0}


def column_widths(header: list[str]) -> list[str]:
    """Percent widths for a fixed table layout (WeasyPrint lays fixed tables out several times faster):
    names wide, codes and 行次 narrow, the amounts share the rest."""
    amounts = [h for h in header if h not in LEAD_WIDTHS]
    lead = sum(LEAD_WIDTHS.get(h, 0) for h in header)
    # every amount column keeps at least 10%, or an equal part of three quarters when there are many
    room = 100 - min(10.0, 75 / len(amounts)) * len(amounts) if amounts else 100
    scale = min(1.0, room / lead) if lead else 1.0
    rest = (100 - lead * scale) / max(len(amounts), 1)
    return [f"{LEAD_WIDTHS[h] * scale if h in LEAD_WIDTHS else rest:.2f}%" for h in header]


# Print sizes a table may take, largest first: (class, font pt, line height). A table is printed at
# the first that puts it on one landscape page; one too long even at the last keeps the first.
PRINT_SIZES = (("", 8.5, 1.35), ("fit1", 7.5, 1.25), ("fit2", 7.0, 1.2), ("fit3", 6.5, 1.15))
# the landscape page inside its margins, its height less 2% (the estimate came within 2% of WeasyPrint's
# heights on both examples' tables at every size)
PAGE_POINTS = (297 - 24) * 72 / 25.4, (210 - 30) * 72 / 25.4 * 0.98


def print_size(table: Table, header: list[str], body: list[list[tuple[str, bool]]]) -> tuple[str, float, float]:
    """The largest print size (class, font pt, line height) at which the table, its title and notes fit
    on one page — an estimate from each row's wrapped lines (CJK characters one em wide, digits and
    Latin half)."""
    page_width, page_height = PAGE_POINTS
    widths = [float(w.rstrip("%")) / 100 * page_width - 6 for w in column_widths(header)]   # less padding
    paths = header_paths(table)
    notes = [*table.notes, *([table.empty_note] if table.empty_note else [])]
    notes_height = sum(-(-_ems(n) * 9 // page_width) * 9 * 1.8 + 5.4 for n in notes)
    for name, font, leading in PRINT_SIZES:
        # the header: a line for each upper level (block titles), then the deepest column headings
        rows = [1] * (max(len(p) for p in paths) - 1) + [max(_lines(p[-1], w, font) for p, w in zip(paths, widths))]
        rows += [max(_lines(t, w, font) for (t, _), w in zip(r, widths)) for r in body]
        height = 38 + sum(n * font * leading + 2.25 for n in rows) + notes_height   # caption and 部门/单位 row
        if height <= page_height:
            return name, font, leading
    return PRINT_SIZES[0]


def _lines(text: str, width: float, font: float) -> int:
    return max(1, -int(-_ems(text) * font // max(width, font)))


def _ems(text: str) -> float:
    return sum(1 if ord(c) > 0x2000 else 0.55 for c in text)


def grid_widths(rows) -> list[str]:
    """Percent widths of a form's columns, by the longest cell of each (a 序号 column narrow, names
    wide), none under 8%."""
    width = max(len(r) for r in rows)
    longest = [max((_ems(r[c]) for r in rows if c < len(r) and len(r) == width), default=1) for c in range(width)]
    shares = [max(8.0, 100 * n / sum(longest)) for n in longest]
    return [f"{100 * share / sum(shares):.2f}%" for share in shares]


def perf_rows(table: PerfTable) -> list[list[str]]:
    return [line.split("\t") for line in perf_table_text(table)[1:] if line]


def sections(doc: Document) -> list[Section]:
    """The report's flow: paragraphs grouped under their deepest heading, figures after their paragraph,
    the tables as 第二部分 before the first paragraph outside 第一部分, 自评表 after their report heading."""
    out: list[Section] = []
    path: tuple[str, ...] = ()
    figures = {f.after: f for f in doc.figures}
    forms = drawn_grids(doc)
    perf = list(doc.perf_tables)
    tables_done = False
    reports = 0

    def open_section(level: int, heading: str) -> None:
        out.append(Section(level, heading, f"s{len(out) + 1}"))

    for index, paragraph in enumerate(doc.paragraphs):
        if not tables_done and after_tables(doc, paragraph):
            _tables_part(doc, out)
            tables_done = True
        if paragraph.section != path:
            for depth, heading in enumerate(paragraph.section, start=1):
                if heading and path[:depth] != paragraph.section[:depth]:
                    open_section(depth, heading)
            path = paragraph.section
        if not out:
            open_section(1, "")
        if paragraph.in_section("附件") and paragraph.text[:1].isdigit():
            if reports and perf:
                out[-1].items.append(("perf", perf.pop(0)))
            reports += 1
        out[-1].items.append(("p", paragraph.text))
        if index in figures:
            out[-1].items.append(("figure", figures[index]))
        out[-1].items += [("grid", grid) for grid in forms.get(index, ())]
    if not tables_done:
        _tables_part(doc, out)
    for table in perf:
        out[-1].items.append(("perf", table))
    return out


@dataclass(frozen=True)
class Entry:
    """A line of the 目录: a part or section heading, or a table under the tables part."""
    level: int
    text: str
    anchor: str       # the id (HTML) or bookmark (DOCX) of what it names


def contents(parts: list[Section]) -> list[Entry]:
    """The 目录: the parts and their sections, and the tables numbered 一、二、… as the forms are."""
    entries = []
    for part in parts:
        if part.heading and part.level <= 2:
            entries.append(Entry(part.level, part.heading, part.anchor))
        tables = [item for kind, item in part.items if kind == "table"]
        entries += [Entry(2, f"{ordinal(n)}、{t.title}", f"{part.anchor}t{n}") for n, t in enumerate(tables, start=1)]
    return entries


def _tables_part(doc: Document, out: list[Section]) -> None:
    out.append(Section(1, tables_heading(doc), f"s{len(out) + 1}"))
    for table in doc.tables:
        out[-1].items.append(("table", table))


def report_html(doc: Document, *, blank_zero: bool = False, publish_date: str = "", draft: bool = False) -> str:
    """The report as one HTML page; a ``draft`` (text still marked 【待补充】) says 草稿 on every page."""
    env = Environment(loader=PackageLoader("juesuan.render"), autoescape=select_autoescape(["html"]))
    env.globals.update(table_rows=lambda table: table_rows(table, blank_zero), figure_svg=figure_svg,
                       perf_rows=perf_rows, column_widths=column_widths,
                       header_grid=lambda table: header_grid(header_paths(table)), print_size=print_size,
                       grid_widths=grid_widths)
    parts = sections(doc)
    return env.get_template("report.html").render(doc=doc, sections=parts, contents=contents(parts), cover=cover(doc),
                                                  title=title(doc), publish_date=publish_date, draft=draft)
