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
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from ..document import Document, PerfTable, Table
from ..fsutil import normalise_zip
from .figures import figure_png
from .html import header_grid, header_paths, perf_rows, sections, table_rows
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
    _field_start(paragraph, code)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


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


def _table(word, table: Table, blank_zero: bool) -> None:
    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(table.title).bold = True
    meta = word.add_paragraph(f"{table.label}　部门：{table.department}　单位：{table.unit}".strip("　"))
    meta.paragraph_format.first_line_indent = None
    header, body = table_rows(table, blank_zero)
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
    _small(grid)
    _widths(grid, header)
    for note in (*table.notes, *([table.empty_note] if table.empty_note else [])):
        word.add_paragraph(note)


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


def _contents(word, entries: list[tuple[int, str]]) -> None:
    """A TOC field whose result already lists the headings (Word refreshes it, with page numbers,
    when the file is opened; other readers show the list as written)."""
    first = word.add_paragraph()
    _field_start(first, 'TOC \\o "1-2" \\h \\z \\u')
    for index, (level, text) in enumerate(entries):
        paragraph = first if index == 0 else word.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(0.75 * (level - 1))
        paragraph.paragraph_format.first_line_indent = None
        paragraph.add_run(text)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    (word.paragraphs[-1] if entries else first).add_run()._r.append(end)


def _field_start(paragraph, code: str) -> None:
    run = paragraph.add_run()
    for tag in ("begin", "instr", "separate"):
        if tag == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = code
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), tag)
            run._r.append(char)


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


def _small(grid) -> None:
    for row in grid.rows:
        row.allow_break_across_pages = False
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.first_line_indent = None
                for run in paragraph.runs:
                    run.font.size = Pt(8)


def _perf(word, table: PerfTable) -> None:
    _rows_table(word, table.title, perf_rows(table))


def _rows_table(word, title_text: str, rows) -> None:
    """A titled table of text rows (a 绩效自评表, a 绩效目标申报表): one cell per printed cell."""
    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(title_text).bold = True
    grid = word.add_table(rows=0, cols=max(len(r) for r in rows))
    grid.style = "Table Grid"
    for row in rows:
        for cell, text in zip(grid.add_row().cells, row):
            cell.text = text
    _small(grid)


def _landscape(word, on: bool) -> None:
    section = word.add_section()
    width, height = Cm(21), Cm(29.7)
    section.orientation = WD_ORIENT.LANDSCAPE if on else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if on else (width, height)


def write_docx(doc: Document, path: Path, *, blank_zero: bool = False, publish_date: str = "",
               draft: bool = False) -> None:
    word = Word()
    body = _font(("FangSong", "仿宋", "仿宋_GB2312"), "Noto Serif CJK SC")
    heading = _font(("SimHei", "黑体"), "Noto Sans CJK SC")
    _styles(word, body, heading)
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin, section.left_margin, section.right_margin = Cm(3.7), Cm(3.5), Cm(2.8), Cm(2.6)
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
    title = cover.add_run("\n".join(cover_lines(doc)))
    title.bold, title.font.size = True, Pt(26)
    _east_asian(title, _font(("方正小标宋简体", "FZXiaoBiaoSong-B05S"), heading))
    if publish_date:
        date = word.add_paragraph(publish_date)
        date.alignment = WD_ALIGN_PARAGRAPH.CENTER
        date.paragraph_format.space_before = Pt(200)
    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    contents = word.add_paragraph("目  录")
    contents.alignment = WD_ALIGN_PARAGRAPH.CENTER
    contents.runs[0].bold = True
    parts = sections(doc)
    _contents(word, [(p.level, p.heading) for p in parts if p.heading and p.level <= 2])
    settings = word.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)

    for part in parts:
        tables = [item for kind, item in part.items if kind == "table"]
        if part.heading:
            if part.level == 1 and not tables:
                word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            word.add_heading(part.heading, level=part.level)
        if tables:
            _landscape(word, True)
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
                _table(word, item, blank_zero)
                if item is not tables[-1]:
                    word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            elif kind == "perf":
                _perf(word, item)
            elif kind == "grid":
                _rows_table(word, item.title, item.rows)
        if tables:
            _landscape(word, False)

    properties = word.core_properties
    properties.author, properties.title = "juesuan", document_title(doc)
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.revision = 1
    word.save(path)
    normalise_zip(path)
