"""Read a report from plain text (as extracted from a PDF or DOCX) into a ``Document``.

Accepted layouts: table rows as cells separated by tabs (or by runs of two or more spaces), pages
marked ``=== page N ===``, table blocks marked ``--- table ---`` after the page text they repeat,
and an optional front matter (``key: value`` lines ending with ``---``). Nothing here knows a
department, a region's wording or a number: sections, tables and units are found by their words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from ..document import Document, Heading, Paragraph, Table, budget_titles
from ..document import Grid as DocGrid
from ..document.normalize import clean, is_number, key
from ..forms import OTHER_FORM, Forms, budget, final_accounts
from . import identity
from .forms import Grid, read_form, table_kind
from .perf import perf_tables

_PAGE = re.compile(r"^=+\s*page\s*(\d+)\s*=+$", re.IGNORECASE)
_TABLE_MARK = re.compile(r"^-+\s*table\s*-+$", re.IGNORECASE)
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_SECTION = re.compile(r"^[一二三四五六七八九十]+、")
_SUBSECTION = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_CAPTION = re.compile(r"^图\s*[一二三四五六七八九十\d]+")
_UNIT = re.compile(r"单位[：:]\s*(万元|元)")
_DEPARTMENT = re.compile(r"(?:^|\s)(?:编制部门|部门|单位|编制单位)(?:名称)?[：:]\s*(?!万元|元|单位)(\S+?)(?=单位[：:]|\s|$)")
# 公开01表, 表1, 附表1, 表一, 公开表1, 表1-1
_LABEL = re.compile(r"^(?:公开|附)?\s*(?:\d+|[一二三四五六七八九十]+)\s*表$|^(?:附|公开)?表\s*(?:\d+|[一二三四五六七八九十]+)(?:-\d+)?$")
# dot leaders and page numbers; a Word 目录 field's code left in the text: "单位概况 PAGEREF _Toc25831 h 3"
_TOC_LEADER = re.compile(r"(\.{3,}|…{2,}|·{3,})\s*\d*\s*$|\t\d+\s*$|\s*PAGEREF\s+_Toc\w+(?:\s*\\?h)?\s*\d*\s*$")
_SENTENCE_END = ("。", "：", ":", "；", "！", "？")
MAX_TITLE = 40


@dataclass
class Line:
    number: int
    page: int | None
    text: str                     # cleaned text ('' for blank)
    cells: tuple[str, ...] = ()   # table row cells, when the line is a row
    block: int = -1               # index of the --- table --- block it belongs to
    duplicate: bool = False       # page text that a table block repeats


def _cells(raw: str) -> tuple[str, ...]:
    if "\t" in raw:
        return tuple(c.strip() for c in raw.rstrip("\n").split("\t"))
    parts = re.split(r"\s{2,}", raw.strip())
    return tuple(parts) if len(parts) >= 3 else ()


def _front_matter(lines: list[str]) -> tuple[dict[str, str], int]:
    if not lines or not re.match(r"^\w+:\s", lines[0]):
        return {}, 0
    meta: dict[str, str] = {}
    for i, raw in enumerate(lines[:20]):
        if raw.strip() == "---":
            return meta, i + 1
        name, _, value = raw.partition(":")
        meta[name.strip()] = value.strip()
    return {}, 0


def _pipe_row(stripped: str) -> tuple[str, ...]:
    """A web page's table row flattened with '|' between cells: '合 计 | 1.8 | 1.52 |'."""
    return tuple(c.strip() for c in stripped.strip("|").split("|")) if stripped.count("|") >= 2 else ()


def _is_pipe_cell(stripped: str) -> bool:
    return stripped.endswith("|") and stripped.count("|") == 1


_HEADER_WORD = re.compile(r"项目|科目|预算|决算|栏次|金额")


def _stream_rows(cells: list[tuple[int, str]]) -> list[tuple[int, tuple[str, ...]]]:
    """A web table flattened one cell per line ('合 计 |', '246 |', '|' for a blank or a row break)
    as (first line index, cells) rows: the width is the distance between the first two row labels,
    the header the cells just before the first label. [] when no such rhythm is found."""
    labels = [i for i, (_, c) in enumerate(cells)
              if key(c) and not is_number(c) and not _HEADER_WORD.search(key(c))]
    if len(labels) < 2 or labels[1] - labels[0] < 2:
        return []
    first, width = labels[0], labels[1] - labels[0]
    starts = [max(0, first - width), *range(first, len(cells), width)]
    return [(cells[i][0], tuple(c for _, c in cells[i:i + width])) for i in starts]


def _scan(lines: list[str], start: int) -> list[Line]:
    scanned: list[Line] = []
    page: int | None = None
    block = -1
    blocks = 0
    stream: list[tuple[int, str]] = []    # consecutive one-cell lines of a flattened web table

    def flush() -> None:
        rows = _stream_rows(stream) if len(stream) >= 6 else []
        for number, cells in rows:
            scanned.append(Line(number + 1, page, clean(" ".join(cells)), cells, block))
        if not rows:
            scanned.extend(Line(i + 1, page, clean(c), (), block) for i, c in stream if c)
        stream.clear()

    for index in range(start, len(lines)):
        raw = lines[index]
        stripped = raw.strip()
        if block < 0 and _is_pipe_cell(stripped):
            stream.append((index, stripped[:-1].strip()))
            continue
        flush()
        if match := _PAGE.match(stripped):
            page, block = int(match.group(1)), -1
            continue
        if _TABLE_MARK.match(stripped):
            block, blocks = blocks, blocks + 1
            continue
        if not stripped:
            scanned.append(Line(index + 1, page, ""))
            continue
        cells = tuple(c.strip() for c in raw.split("\t")) if block >= 0 else _pipe_row(stripped) or _cells(raw)
        scanned.append(Line(index + 1, page, clean(raw), cells, block))
    flush()
    return scanned


def _mark_duplicates(scanned: list[Line]) -> None:
    """Page text that repeats a table block of the same page (flattened rows) is not narrative."""
    by_page: dict[int | None, set[str]] = {}
    for line in scanned:
        if line.block >= 0:
            by_page.setdefault(line.page, set()).update(key(c) for c in line.cells if key(c))
    for line in scanned:
        cells = by_page.get(line.page)
        if not cells or line.block >= 0 or not line.text:
            continue
        tokens = [key(t) for t in line.text.split(" ") if key(t)]
        found = sum(1 for t in tokens if t in cells or any(t in c for c in cells))
        if tokens and found / len(tokens) >= 0.6 and not _PART.match(line.text):
            line.duplicate = True


def _is_row(line: Line) -> bool:
    return bool(line.cells) and (line.block >= 0 or len(line.cells) >= 2)


def _grids(scanned: list[Line]) -> list[tuple[int, int]]:
    """(first, last) indexes into ``scanned`` of each run of table rows; blank lines may sit inside
    a run, a text line or a new table block ends it."""
    runs: list[tuple[int, int]] = []
    start = last = None
    for i, line in enumerate(scanned):
        if _is_row(line):
            new_block = last is not None and scanned[last].block != line.block
            if start is None or new_block:
                if start is not None:
                    runs.append((start, last))
                start = i
            last = i
        elif line.text and not line.duplicate and start is not None:
            runs.append((start, last))
            start = last = None
    if start is not None:
        runs.append((start, last))
    return runs


def _is_caption(line: Line, forms: Forms) -> bool:
    """A row that only says what the table is: its title, 公开NN表, 部门： or 单位：."""
    filled = [key(c) for c in line.cells if key(c)]
    return 0 < len(filled) <= 3 and all(table_kind(c, forms) or _LABEL.match(c) or _UNIT.search(c)
                                        or _DEPARTMENT.search(c) for c in filled) \
        or bool(filled) and _UNIT.search(line.text) is not None and len(filled) == 1


# "(一)本单位2021年度总收入581.45万元,其中本年收"; "（二）政府性基金预算财政拨款收入：指区级财政…" and
# "（一）财政拨款收入：是区级预算主管部门…" (definitions)
_IN_SENTENCE = re.compile(r"[，,]|\d\s*(?:万元|元|%)|[:：]\s*(?:是)?指|[:：]\s*是\S{6}")


# the parts of a 部门预算, titled without numbers in its body ("…局（部门）主要职能", "2026年部门预算编制说明")
_PAGE_MARK = re.compile(r"[-—－–]*(?:第)?\d{1,3}(?:页)?(?:[/／共]\d{1,3}页?)?[-—－–]*|草稿")   # page numbers, a draft's mark
_BUDGET_PART = re.compile(r"\S{2,40}?(?:[（(]部门[）)])?(?:主要职能|机构设置)|名词解释|(?:20\d\d年)?(?:部门)?预算编制说明"
                          r"|其他相关情况说明|部门预算表|\S{0,60}?项目经费情况说明")


def _budget_part(text: str) -> bool:
    return len(text) <= MAX_TITLE and _BUDGET_PART.fullmatch(key(text)) is not None


def _heading_level(text: str) -> int:
    if _PART.match(text):
        return 1
    if len(text) > MAX_TITLE or text.endswith("。") or _IN_SENTENCE.search(text):
        return 0
    if _SECTION.match(text):
        return 2
    if _SUBSECTION.match(text):
        return 3
    return 0


class _Reader:
    def __init__(self, scanned: list[Line], source: str, forms: Forms):
        self.forms = forms
        self.lines = scanned
        self.doc = Document(source=source, kind=forms.kind)
        self.in_grid: set[int] = set()
        self.toc_lines: set[int] = set()
        self.form_grids: dict[int, tuple[str, Grid, Table]] = {}  # table index → raw grid

    def read(self) -> Document:
        self._read_toc()
        for i in self.toc_lines:  # 目录 lines with tab-separated page numbers are not a table
            self.lines[i].cells = ()
        previous_end = -1
        previous_form: int | None = None
        self.grid_ends_at: int | None = None     # the last line of the form just read, when it is no disclosure form
        for first, last in _grids(self.lines):
            self.in_grid.update(range(first, last + 1))
            context = [ln for i, ln in enumerate(self.lines[previous_end + 1:first], start=previous_end + 1)
                       if ln.text and i not in self.toc_lines]
            previous_form = self._place_grid(first, last, context, previous_form)
            previous_end = last
        self._read_text()
        return self.doc

    # -- 目录 -------------------------------------------------------------------------------
    def _read_toc(self) -> None:
        start = next((i for i, ln in enumerate(self.lines[:400]) if key(ln.text) in ("目录", "目次")), None)
        if start is None:
            return
        first_part = first_entry = None
        for i in range(start + 1, len(self.lines)):
            line = self.lines[i]
            if not line.text:
                continue
            part = _PART.match(line.text)
            if part and first_part is None:
                first_part = part.group(0)
            elif part and part.group(0) == first_part:
                break
            text = _TOC_LEADER.sub("", line.text).strip(" .…")
            if re.match(r"注[:：]", key(text)) or \
                    (not _heading_level(text) and re.match(r"^[^:：]{2,8}[:：].*\d", key(text))):
                continue                           # a note under the 目录, or a page's "公开日期:2024926"
            if text.endswith("。") or len(key(text)) > 2 * MAX_TITLE or key(text) == first_entry:
                break                              # the body has begun: a sentence, or the first entry again
            first_entry = first_entry or key(text)
            self.doc.toc.append(Heading(text, _heading_level(text) or 2, line.number, line.page))
            self.toc_lines.add(i)
        self.toc_lines.add(start)
        self.in_grid |= self.toc_lines

    # -- tables -----------------------------------------------------------------------------
    def _place_grid(self, first: int, last: int, context: list[Line], previous_form: int | None) -> int | None:
        rows = [ln for ln in self.lines[first:last + 1] if _is_row(ln)]
        while rows and _is_caption(rows[0], self.forms):  # title, 公开NN表, 部门 and 单位 printed inside the table
            context.append(rows.pop(0))
        grid = Grid([ln.cells for ln in rows], [ln.number for ln in rows])
        titled = next(((ln, kind) for ln in reversed(context)
                       if not ln.duplicate and (kind := table_kind(ln.text, self.forms))), None)
        headed = any(_heading_level(ln.text) for ln in context if not ln.duplicate and not table_kind(ln.text, self.forms))
        if titled is None and previous_form is not None and not headed:
            kind, earlier, table = self.form_grids[previous_form]
            joined = Grid(earlier.rows + grid.rows, earlier.lines + grid.lines)
            self._set_form(previous_form, kind, joined, table)
            return previous_form
        if titled is None and previous_form is None and self.grid_ends_at is not None and \
                self.lines[first].page != self.lines[self.grid_ends_at].page and \
                all(_PAGE_MARK.fullmatch(key(ln.text)) for ln in context):
            # a form that runs on to the next page with nothing but page marks between: one form
            earlier = self.doc.grids[-1]
            self.doc.grids[-1] = replace(earlier, rows=earlier.rows + tuple(grid.rows),
                                         lines=earlier.lines + tuple(grid.lines))
            self.grid_ends_at = last
            return None
        if titled is None or titled[1] == OTHER_FORM:
            title = titled[0].text if titled else next((ln.text for ln in reversed(context)
                                                        if len(ln.text) <= MAX_TITLE and not ln.duplicate), "")
            self.doc.grids.append(DocGrid(tuple(grid.rows), tuple(grid.lines), title,
                                          page=self.lines[first].page))
            self.grid_ends_at = last
            return None
        self.grid_ends_at = None
        title_line, kind = titled
        after_title = context[context.index(title_line):]
        unit = next((m.group(1) for ln in after_title if (m := _UNIT.search(ln.text))), None)
        department = next((m.group(1).strip() for ln in after_title if (m := _DEPARTMENT.search(ln.text))), "")
        shell = Table(key=kind, title=title_line.text, label="", department=department, year=0,
                      unit=unit or "万元", blocks=(), origin=title_line.number, page=title_line.page,
                      unit_stated=unit is not None)
        self.doc.tables.append(shell)
        index = len(self.doc.tables) - 1
        self._set_form(index, kind, grid, shell)
        return index

    def _set_form(self, index: int, kind: str, grid: Grid, shell: Table) -> None:
        table = read_form(kind, grid, self.forms)
        # a form re-read with the rows that follow it: what its first rows alone could not tell is no longer so
        self.doc.unreadable = [u for u in self.doc.unreadable if u[0] != shell.origin]
        if table is None:
            self.doc.unreadable.append((shell.origin, f"{shell.title}：无法识别表头，未读取本表数据"))
            table = replace(shell, blocks=())
        else:
            if self.forms.kind == "budget":   # a budget's tables keep the unit they print (元): sums to the cent
                table = replace(shell, blocks=table.blocks, footer=table.footer)
            else:
                table = replace(shell, blocks=_in_wan(table.blocks, shell.unit), footer=_footer_in_wan(table, shell.unit))
        self.doc.tables[index] = table
        self.form_grids[index] = (kind, grid, shell)

    # -- narrative --------------------------------------------------------------------------
    def _read_text(self) -> None:
        path: list[str] = []
        current: list[tuple[int, str]] = []
        page = None
        title_of_part: int | None = None

        def flush() -> None:
            nonlocal current
            if current:
                self.doc.paragraphs.append(Paragraph(tuple(current), tuple(path), page))
                current = []

        for i, line in enumerate(self.lines):
            if i in self.in_grid or line.duplicate:
                continue
            if not line.text:
                flush()
                continue
            level = _heading_level(line.text) or (1 if self.forms.kind == "budget" and _budget_part(line.text) else 0)
            if level:
                flush()
                del path[level - 1:]
                path.extend([""] * (level - 1 - len(path)))
                path.append(line.text)
                self.doc.headings.append(Heading(line.text, level, line.number, line.page))
                if level == 1 and _PART.fullmatch(key(line.text)):
                    title_of_part = i
                continue
            if title_of_part is not None and i > title_of_part and len(line.text) <= 30 \
                    and not line.text.endswith(_SENTENCE_END):
                # "第五部分" alone on its line: the next short line is its title
                path[0] = f"{path[0]} {line.text}"
                heading = self.doc.headings[-1]
                self.doc.headings[-1] = Heading(path[0], 1, heading.line, heading.page)
                title_of_part = None
                continue
            title_of_part = None
            if _CAPTION.match(line.text) and len(line.text) <= MAX_TITLE:
                self.doc.captions.append(key(line.text))
            if not current:
                page = line.page
            current.append((line.number, line.text))
            if line.text.endswith(_SENTENCE_END):
                flush()
        flush()


def _in_wan(blocks, unit: str):
    if unit != "元":
        return blocks
    from ..document import Block, Row
    scale = Decimal(10000)
    return tuple(Block(b.title, b.columns, tuple(
        Row(r.key, r.name, tuple(None if v is None else v / scale for v in r.cells), r.code, r.level, r.line, r.origin)
        for r in b.rows), b.code_column, b.line_column) for b in blocks)


def _footer_in_wan(table: Table, unit: str):
    if unit != "元":
        return table.footer
    return tuple((name, None if v is None else v / Decimal(10000)) for name, v in table.footer)


def _unit_of_unstated(doc: Document) -> None:
    """A table that prints no 单位 line takes the unit every other table states (a report may print it
    once); read as 万元 otherwise. D002 still reports the missing line."""
    stated = {t.unit for t in doc.tables if t.unit_stated}
    if stated != {"元"}:
        return
    doc.tables = [t if t.unit_stated else replace(t, unit="元", blocks=_in_wan(t.blocks, "元"),
                                                   footer=_footer_in_wan(t, "元")) for t in doc.tables]


def _department_and_year(doc: Document, lines: list[Line], meta: dict[str, str]) -> None:
    """The department and year from the front matter, the tables' 部门 line, the 第一部分 …概况
    heading (one line, the full name) or the title (see ``identity``)."""
    names = [t.department for t in doc.tables if t.department]
    top = [ln.text for ln in lines[:60]]
    title, title_year = identity.from_title(top)
    overview = identity.from_overview([h.text for h in [*doc.toc, *doc.headings]])
    if overview[:1] in tuple("省市县区州盟旗镇乡") and title.endswith(overview):
        overview = title      # "第一部分县招商服务中心概况" under the title's 南漳县招商服务中心
    doc.department = (meta.get("department") or (max(set(names), key=names.count) if names else "")
                      or overview or title)
    budget_year = identity.budget_year(top[:30] + [t.title for t in doc.tables]) if doc.kind == "budget" else None
    year = meta.get("year") or budget_year or title_year or identity.year_mentioned(top[:30])
    doc.year = int(year) if year else None


_PINYIN = re.compile(r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)")   # 经(jīng)费: a mirror's ruby
TRADITIONAL_SHARE = 0.05


@cache
def _to_simplified():
    import opencc

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """A report copied by a mirror site in traditional characters (決算, 經費), often with pinyin after
    some of them, as the simplified text it was published in; other text unchanged."""
    sample = text[:20000]
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in sample)
    converted = _to_simplified().convert(sample)
    if not han or len(converted) != len(sample) or \
            sum(a != b for a, b in zip(sample, converted)) < TRADITIONAL_SHARE * han:
        return text
    return _PINYIN.sub("", converted if sample == text else _to_simplified().convert(text))


def read_text(text: str, source: str = "", forms: Forms | None = None) -> Document:
    """The Document of a plain-text report."""
    raw_lines = simplified(text).splitlines()
    meta, start = _front_matter(raw_lines)
    scanned = _scan(raw_lines, start)
    _mark_duplicates(scanned)
    return read_lines(scanned, source, meta, forms)


def read_lines(scanned: list[Line], source: str, meta: dict[str, str] | None = None,
               forms: Forms | None = None) -> Document:
    """The Document of printed lines and table rows, whatever file they were read from; its tables
    recognised with ``forms`` (the shipped forms, or a profile's overlay of them)."""
    doc = _Reader(scanned, source, forms or final_accounts()).read()
    if doc.kind == "final" and budget_titles(doc) >= 2:    # a 部门预算: its tables are the budget's forms
        doc = _Reader(scanned, source, budget()).read()
    _department_and_year(doc, scanned, meta or {})
    _unit_of_unstated(doc)
    if doc.table("general_expenditure") is None:   # 云南: its 一般公共预算 收入支出 table is the form
        doc.tables = [replace(t, key="general_expenditure") if t.key == "general_fund" else t for t in doc.tables]
    doc.tables = [replace(t, year=doc.year or 0) for t in doc.tables]
    doc.perf_tables = perf_tables(doc)
    return doc
