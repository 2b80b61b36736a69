"""Fidelity of reading: every amount in 万元 a document prints in its text reaches the parsed
paragraphs, and no number is split by punctuation — measured against an independent reader of the
same file (poppler's `pdftotext -layout` for PDFs, python-docx for DOCX, the HTML parser for HTML)."""

import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CORPUS
from tightpdf import tight_report_pdf

from juesuan.parse import read_document

PDFS = sorted((CORPUS / "pdf").glob("*.pdf")) + sorted((CORPUS / "budget" / "pdf").glob("*.pdf")) \
    + sorted((CORPUS / "templates").glob("*.pdf"))
AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*万元")
SPLIT = re.compile(r"\d[，、；]\d")      # a number cut by a punctuation mark that came from elsewhere


def _amounts(text: str) -> Counter:
    return Counter(m.group(1).replace(",", "") for m in AMOUNT.finditer(text))


def _assert_faithful(path: Path, reference: str) -> None:
    paragraphs = "\n".join(p.text.replace(" ", "") for p in read_document(path).paragraphs)
    missing = _amounts(reference) - _amounts(paragraphs)
    assert not missing, f"{path.name}: amounts printed but not in the paragraphs: {sorted(missing)}"
    split = set(SPLIT.findall(paragraphs)) - set(SPLIT.findall(reference.replace(" ", "")))
    assert not split, f"{path.name}: numbers split by punctuation: {sorted(split)}"


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.name)
def test_every_amount_a_corpus_pdf_prints_reaches_the_paragraphs(path):
    reference = _pdftotext(path)
    assert _amounts(reference), "the reference reads amounts"
    _assert_faithful(path, reference)


def test_our_pdf_and_a_tightly_set_pdf_read_faithfully(built, tmp_path):
    lines = ("（一）收入决算情况：本年收入合计2946.25万元，其中：财政拨款收入2939.05万元，",
             "占99.76%；其他收入6.2万元，占0.21%；事业收入0.99万元，占0.03%。与上年相比减少63.14万元，下降2.1%。")
    for path in (built / "report.pdf", tight_report_pdf(tmp_path, lines)):
        _assert_faithful(path, _pdftotext(path))


class _Text(HTMLParser):
    """The text of an HTML page's paragraphs (<p>), one per line."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.inside = 0

    def handle_starttag(self, tag, attrs):
        if tag == "p":
            self.inside += 1
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == "p" and self.inside:
            self.inside -= 1

    def handle_data(self, data):
        if self.inside:
            self.parts.append(data)


def test_docx_and_html_read_faithfully_against_their_own_text(built):
    from docx import Document as Docx

    docx = "\n".join(p.text for p in Docx(built / "report.docx").paragraphs)
    page = _Text()
    page.feed((built / "report.html").read_text(encoding="utf-8"))
    html = "".join(page.parts)
    assert sum(_amounts(docx).values()) > 30 and sum(_amounts(html).values()) > 30
    _assert_faithful(built / "report.docx", docx)
    _assert_faithful(built / "report.html", html)
