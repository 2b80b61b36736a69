"""Lines of a PDF page grouped by baseline, not by loose character boxes.

The geometry is the one measured on a real 25-page Shanghai district report set tightly (12 pt text
on a 14 pt line pitch): every loose box is about 22 pt tall — taller than the pitch — while a
full-width comma of a font without ascent/descent metrics gets only its ink box, 3.7 pt tall and
14.4 pt below its line's top, level with the next line's top. Grouped by boxes, that comma joined the
next line ("收入6.2万元，占0.21%； ， ，"), the line split into cells and left the narrative, and
elsewhere a comma landed inside a number ("减少63.1，4万元").
"""

from pathlib import Path

import pytest
from tightpdf import tight_report_pdf

from juesuan.parse import read_document
from juesuan.parse.pdf import page_lines, words_to_printed
from juesuan.parse.pdfpage import pages

LINES = ("（一）收入决算情况：本年收入合计2946.25万元，其中：财政拨款收入2939.05万元，",
         "占99.76%；其他收入6.2万元，占0.21%；事业收入0.99万元，占0.03%。（二）支出决",
         "算情况：本年支出合计2941.12万元，其中：基本支出2337.98万元，占79.49%；项目支",
         "出603.14万元，占20.51%。与上年相比减少63.14万元，下降2.1%，主要原因是人员减少。")
PITCH, ASCENT, LOOSE = 14.0, 18.0, 22.0     # points, at 12 pt text


def _characters(lines: tuple[str, ...]) -> list[dict]:
    """Characters as PDFium gives them for that page: loose boxes 22 pt tall on a 14 pt pitch, and
    each full-width comma only its ink box, low in its line."""
    chars = []
    for number, line in enumerate(lines):
        top = 72 + number * PITCH
        base = top + ASCENT
        x0 = 72.0
        for char in line:
            width = 6 if char.isascii() else 12
            if char == "，":
                chars.append({"text": char, "x0": x0, "x1": x0 + width, "top": top + 14.4, "bottom": top + 18.1,
                              "base": base})
            else:
                chars.append({"text": char, "x0": x0, "x1": x0 + width, "top": top, "bottom": top + LOOSE,
                              "base": base})
            x0 += width
    return chars


def test_characters_taller_than_the_pitch_and_low_commas_read_as_their_lines():
    printed = words_to_printed(_characters(LINES), height=842, tables=0)
    assert [p.text for p in printed] == list(LINES)
    assert all(len(p.cells) == 1 for p in printed)      # no line taken for a row of an unruled table


@pytest.fixture(scope="module")
def tight_pdf(tmp_path_factory) -> Path:
    return tight_report_pdf(tmp_path_factory.mktemp("tight"), LINES)


def test_a_tightly_set_pdf_reads_every_line_with_its_punctuation_in_place(tight_pdf):
    page = next(pages(tight_pdf.read_bytes()))
    commas = [c for c in page.chars if c["text"] == "，"]
    tall = [c for c in page.chars if c["text"] == "合"]
    assert tall[0]["bottom"] - tall[0]["top"] > 20 and commas[0]["bottom"] - commas[0]["top"] < 5   # the geometry
    lines = page_lines(page)
    assert all(len(line.cells) == 1 for line in lines)
    text = "".join(p.text for p in read_document(tight_pdf).paragraphs)
    assert text.count("".join(LINES)) == 3


def test_a_stray_punctuation_mark_never_makes_a_cell():
    """Commas left far apart on a line (the symptom: "收入6.2万元，占0.21%； ， ，") do not make the
    line a row of an unruled table; real gaps between values still do."""
    chars = _characters(("其他收入6.2万元，占0.21%；",))
    far = [dict(c) for c in chars[-1:]]
    for offset, mark in ((200, "，"), (320, "，")):
        far.append({**chars[0], "text": mark, "x0": chars[-1]["x1"] + offset, "x1": chars[-1]["x1"] + offset + 12})
    [line] = words_to_printed(chars + far[1:], height=842, tables=0)
    assert len(line.cells) == 1
    row = _characters(("合计",)) + [{**_characters(("1",))[0], "text": "5", "x0": 300, "x1": 306}]
    [table_row] = words_to_printed(row, height=842, tables=0)
    assert [t for t, _ in table_row.cells] == ["合计", "5"]
