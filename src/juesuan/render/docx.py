"""Document → report.docx (python-docx): A4, cover, 目录 field, headings, the nine tables with
header rows repeated across pages, figures, 自评表 and page numbers.

Chinese text gets its font through ``w:eastAsia`` (Word otherwise falls back to a Latin font): 黑体
for headings, 仿宋 for the body, where the machine has them, else the open Noto CJK fonts.
"""

from __future__ import annotations

import io
import subprocess
from datetime import datetime
from functools import cache
from pathlib import Path

from docx import Document as Word
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..document import Document, PerfTable, Table
from ..fsutil import normalise_zip
from .figures import figure_png
from .html import Entry, contents, grid_widths, header_grid, header_paths, perf_rows, print_size, sections, table_rows
from .titles import cover as cover_lines
from .titles import title as document_title

FIXED_TIME = datetime(2000, 1, 1)


@cache
def _installed(family: str) -> bool:
    try:
        found = subprocess.run(["fc-list", f":family={family}", "family"], capture_output=True, text=True, timeout=10,
                               check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return bool(found.stdout.strip())


def _font(preferred: tuple[str, ...], fallback: str) -> str:
    return next((f for f in preferred if _installed(f)), fallback)


def _east_asian(run_or_style, name: str) -> None:
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _field(paragraph, code: str) -> None:
    """A Word field (PAGE …) that Word fills in when it lays out the document."""
    for run in _field_runs(code):
        paragraph._p.append(run)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _styles(word, body: str, heading: str) -> None:
    normal = word.styles["Normal"]
    normal.font.name, normal.font.size = "Times New Roman", Pt(12)
    _east_asian(normal, body)
    for level, size in ((1, 16), (2, 14), (3, 12)):
        style = word.styles[f"Heading {level}"]
        style.font.name, style.font.size, style.font.bold = "Times New Roman", Pt(size), True
        style.font.color.rgb = None
        _east_asian(style, heading)
    tables = word.styles.add_style(TABLE_TITLE, WD_STYLE_TYPE.PARAGRAPH)
    tables.base_style = normal
    tables.font.size, tables.font.bold = Pt(14), True
    tables.paragraph_format.alignment, tables.paragraph_format.space_after = WD_ALIGN_PARAGRAPH.CENTER, Pt(4)
    _east_asian(tables, heading)


def _table(word, table: Table, blank_zero: bool, page_break: bool):
    """The form, at the size the PDF prints it (html.print_size): rows of an exact height, so that a
    table that fits one page in the PDF fits one here. Returns its title paragraph."""
    title = word.add_paragraph(table.title, style=TABLE_TITLE)
    title.paragraph_format.page_break_before = page_break
    meta = word.add_paragraph(f"{table.label}　部门：{table.department}　单位：{table.unit}".strip("　"))
    meta.paragraph_format.first_line_indent = None
    meta.runs[0].font.size = Pt(9)
    header, body = table_rows(table, blank_zero)
    _, font, leading = print_size(table, header, body)
    levels = header_grid(header_paths(table))
    grid = word.add_table(rows=len(levels), cols=len(header))
    grid.style, grid.alignment = "Table Grid", WD_TABLE_ALIGNMENT.CENTER
    _merged_header(grid, levels)
    for row in body:
        cells = grid.add_row().cells
        for cell, (text, number) in zip(cells, row):
            cell.text = text
            if number:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _small(grid, font, leading)
    _widths(grid, header)
    for note in (*table.notes, *([table.empty_note] if table.empty_note else [])):
        paragraph = word.add_paragraph(note)
        paragraph.paragraph_format.first_line_indent = None
        paragraph.runs[0].font.size = Pt(9)
    return title


LEAD_WIDTHS = {"科目代码": Cm(1.9), "科目名称": Cm(6.0), "项目": Cm(5.2), "行次": Cm(0.9)}


def _widths(grid, header: list[str]) -> None:
    """Names wide, codes and 行次 narrow, amounts share the rest of a landscape page (25 cm)."""
    lead = sum((LEAD_WIDTHS[h] for h in header if h in LEAD_WIDTHS), Cm(0))
    amounts = [h for h in header if h not in LEAD_WIDTHS]
    rest = int((Cm(25) - lead) / max(len(amounts), 1))
    widths = [LEAD_WIDTHS.get(name, rest) for name in header]
    grid.autofit = False
    for column, width in zip(grid.columns, widths):
        column.width = width
    for row in grid.rows:  # a merged cell is as wide as the columns it spans
        column = 0
        for tc in row._tr.tc_lst:
            tc.width = sum(widths[column:column + tc.grid_span])
            column += tc.grid_span


TABLE_TITLE = "表标题"     # the style of the tables' titles


def _contents(word, entries: list[Entry]) -> None:
    """The 目录 as written lines, each a link to its bookmark with a PAGEREF field for its page: a reader
    that lays the document out (LibreOffice, WPS, Word when it updates the fields on opening) fills
    in each page. Not a TOC field: LibreOffice shows a TOC's stored lines as they were written."""
    section = word.sections[-1]
    right = section.page_width - section.left_margin - section.right_margin
    for entry in entries:
        paragraph = word.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.75 * (entry.level - 1))
        paragraph.paragraph_format.first_line_indent = None
        paragraph.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), entry.anchor)
        link.set(qn("w:history"), "1")
        paragraph._p.append(link)
        for run in _runs(entry.text, "\t") + _field_runs(f"PAGEREF {entry.anchor} \\h"):
            link.append(run)


def _runs(*texts: str) -> list:
    """Runs of text, a tab character as a w:tab."""
    runs = []
    for text in texts:
        run = OxmlElement("w:r")
        if text == "\t":
            run.append(OxmlElement("w:tab"))
        else:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = text
            run.append(t)
        runs.append(run)
    return runs


def _field_runs(code: str) -> list:
    """A field as runs: begin, its code, separate and end — no result until a reader lays it out."""
    def char(kind: str):
        run = OxmlElement("w:r")
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        run.append(mark)
        return run
    instr = OxmlElement("w:r")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {code} "
    instr.append(text)
    return [char("begin"), instr, char("separate"), char("end")]


def _bookmark(paragraph, name: str, number: int) -> None:
    """``name`` marks the paragraph: the 目录's links and page references point at it."""
    start, end = OxmlElement("w:bookmarkStart"), OxmlElement("w:bookmarkEnd")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end.set(qn("w:id"), str(number))
    paragraph._p.insert(1 if paragraph._p.pPr is not None else 0, start)
    paragraph._p.append(end)


def _merged_header(grid, levels: list[list[tuple[str, int, int]]]) -> None:
    """The form's header: cells merged across the columns and down the rows they cover, repeated on
    every page."""
    taken: set[tuple[int, int]] = set()
    for r, level in enumerate(levels):
        c = 0
        for text, columns, rows in level:
            while (r, c) in taken:
                c += 1
            cell = grid.cell(r, c)
            if columns > 1 or rows > 1:
                cell = cell.merge(grid.cell(r + rows - 1, c + columns - 1))
            cell.text = text
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            cell.paragraphs[0].runs[0].bold = True
            taken |= {(rr, cc) for rr in range(r, r + rows) for cc in range(c, c + columns)}
            c += columns
        _repeat_header(grid.rows[r])


def _small(grid, font: float = 8, leading: float = 1.3) -> None:
    """Cell text in a paragraph style of ``font`` points on lines exactly ``leading`` times as high: the
    paragraph marks too (an empty cell's mark at the body's 12pt would make its row taller). One style
    per size, set on each paragraph's XML (python-docx's per-paragraph formatting took a second)."""
    style = _cell_style(grid.part.document, font, leading)
    for row in grid.rows:
        row.allow_break_across_pages = False
    properties, style_tag, value = qn("w:pPr"), qn("w:pStyle"), qn("w:val")
    for paragraph in grid._tbl.iter(qn("w:p")):
        ppr = paragraph.find(properties)
        if ppr is None:
            ppr = paragraph.makeelement(properties, {})
            paragraph.insert(0, ppr)
        ppr.insert(0, ppr.makeelement(style_tag, {value: style.style_id}))     # pStyle comes first in a pPr


def _cell_style(word, font: float, leading: float):
    name = f"表格文字{font:g}"
    try:
        return word.styles[name]
    except KeyError:
        pass
    style = word.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style, style.font.size = word.styles["Normal"], Pt(font)
    layout = style.paragraph_format
    layout.space_before, layout.space_after = Pt(0), Pt(0)
    layout.line_spacing_rule, layout.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(font * leading)
    return style


def _perf(word, table: PerfTable) -> None:
    _rows_table(word, table.title, perf_rows(table))


def _rows_table(word, title_text: str, rows, sized: bool = False) -> None:
    """A titled table of text rows (a 绩效自评表, a 绩效目标申报表, the 单位构成): one cell per printed
    cell; ``sized``: columns as wide as the PDF makes them (by their longest cell)."""
    if title_text:
        title = word.add_paragraph()
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.add_run(title_text).bold = True
    width = max(len(r) for r in rows)
    grid = word.add_table(rows=0, cols=width)
    grid.style = "Table Grid"
    for row in rows:
        cells = grid.add_row().cells
        if len(row) < width:          # a short row's last cell spans the rest, as the HTML's colspan
            cells[len(row) - 1].merge(cells[width - 1])
        for cell, text in zip(cells, row):
            cell.text = text
    _small(grid)
    if sized:
        width, _, (_, _, left, right) = PORTRAIT
        grid.autofit = False
        for column, share in zip(grid.columns, grid_widths(rows)):
            column.width = int((width - left - right) * float(share.rstrip("%")) / 100)
            for cell in column.cells:
                cell.width = column.width


PORTRAIT = Cm(21), Cm(29.7), (Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6))    # width, height, top bottom left right
LANDSCAPE = Cm(29.7), Cm(21), (Cm(1.5), Cm(1.5), Cm(1.2), Cm(1.2))   # the PDF's landscape margins


def _page_setup(section, landscape: bool) -> None:
    width, height, margins = LANDSCAPE if landscape else PORTRAIT
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = width, height
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = margins


def _cover_lines(doc: Document) -> list[str]:
    """The cover's lines, a long name on a line of its own before 部门决算 (never 算 left alone)."""
    first, second = cover_lines(doc)
    if second.endswith("部门决算") and len(second) > COVER_LINE:
        return [first, second.removesuffix("部门决算"), "部门决算"]
    return [first, second]


COVER_LINE = 16     # characters of the 26pt cover title on a portrait line


def write_docx(doc: Document, path: Path, *, blank_zero: bool = False, publish_date: str = "",
               draft: bool = False) -> None:
    word = Word()
    body = _font(("FangSong", "仿宋", "仿宋_GB2312"), "Noto Serif CJK SC")
    heading = _font(("SimHei", "黑体"), "Noto Sans CJK SC")
    _styles(word, body, heading)
    section = word.sections[0]
    _page_setup(section, landscape=False)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE")
    if draft:           # text still marked 【待补充】: every page says so
        head = section.header.paragraphs[0]
        head.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        mark = head.add_run("草稿")
        mark.bold, mark.font.size = True, Pt(14)

    cover = word.add_paragraph()
    cover.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cover.paragraph_format.space_before = Pt(180)
    title = cover.add_run("\n".join(_cover_lines(doc)))
    title.bold, title.font.size = True, Pt(26)
    _east_asian(title, _font(("方正小标宋简体", "FZXiaoBiaoSong-B05S"), heading))
    if publish_date:
        date = word.add_paragraph(publish_date)
        date.alignment = WD_ALIGN_PARAGRAPH.CENTER
        date.paragraph_format.space_before = Pt(200)
    contents_title = word.add_paragraph("目  录")
    contents_title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    contents_title.paragraph_format.page_break_before = True
    contents_title.runs[0].bold = True
    parts = sections(doc)
    _contents(word, contents(parts))
    settings = word.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)
    _body(word, parts, blank_zero)

    properties = word.core_properties
    properties.author, properties.title = "juesuan", document_title(doc)
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.revision = 1
    word.save(path)
    normalise_zip(path)


def _body(word, parts, blank_zero: bool) -> None:
    """The parts after the 目录: each part on a new page, the tables each on a landscape page of their
    own section; what each 目录 line names is bookmarked for its link and page number."""
    marks = 0
    at_page_top = False        # a new section has just started a page

    def mark(paragraph, anchor: str) -> None:
        nonlocal marks
        marks += 1
        _bookmark(paragraph, anchor, marks)

    for part in parts:
        tables = [item for kind, item in part.items if kind == "table"]
        if part.heading:
            title = word.add_heading(part.heading, level=part.level)
            title.paragraph_format.page_break_before = part.level == 1 and not at_page_top
            mark(title, part.anchor)
        at_page_top = False
        if tables:
            _page_setup(word.add_section(WD_SECTION.NEW_PAGE), landscape=True)
        for kind, item in part.items:
            if kind == "p":
                paragraph = word.add_paragraph(item)
                paragraph.paragraph_format.first_line_indent = Pt(24)
            elif kind == "figure":
                word.add_picture(io.BytesIO(figure_png(item)), width=Cm(15))
                word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
                caption = word.add_paragraph(item.caption)
                caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif kind == "table":
                number = tables.index(item) + 1
                mark(_table(word, item, blank_zero, page_break=number > 1), f"{part.anchor}t{number}")
            elif kind == "perf":
                _perf(word, item)
            elif kind == "grid":
                _rows_table(word, item.title, item.rows, sized=True)
        if tables:
            _page_setup(word.add_section(WD_SECTION.NEW_PAGE), landscape=False)
            at_page_top = True
