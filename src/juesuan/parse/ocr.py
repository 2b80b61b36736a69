"""OCR for PDF pages without a usable text layer (scans, fonts without ToUnicode).

The page is rendered and read by RapidOCR (ONNX models shipped inside the wheel, so it works
offline); its text boxes become words in PDF points and then lines and cells exactly like a text
layer's words, with table columns rebuilt from the boxes.
"""

from __future__ import annotations

import re
from functools import cache

from ..limits import limit

RESOLUTION = 200            # dpi the page is rendered at for OCR
MAX_PIXELS = limit("ocr_pixels")   # a page image is never larger (an A4 page at 200 dpi is 3.9 million pixels)
MAX_PAGES = limit("ocr_pages")     # pages of one document read by OCR
MIN_CONFIDENCE = 0.5
_CODE_THEN_NAME = re.compile(r"^(\d{3,7})\s*([^\d\s.,].*)$")


@cache
def _engine():
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        return None
    return RapidOCR()


def available() -> bool:
    return _engine() is not None


def _weight(text: str) -> float:
    """Printed width of ``text`` in full-width characters (digits and Latin letters are half)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def _split(box: dict, text: str) -> list[dict]:
    """A text box OCR read as one line, split at its spaces and between a leading subject code and
    its name, each piece with its share of the box (OCR boxes cover runs of words, not words)."""
    pieces = [p for part in text.split() for p in (_CODE_THEN_NAME.match(part).groups()
                                                    if _CODE_THEN_NAME.match(part) else (part,))]
    if len(pieces) == 1:
        return [{**box, "text": text.strip()}]
    total = sum(_weight(p) for p in pieces) + 0.5 * (len(pieces) - 1)
    x, step = box["x0"], (box["x1"] - box["x0"]) / total
    words = []
    for piece in pieces:
        width = _weight(piece) * step
        words.append({**box, "x0": x, "x1": x + width, "text": piece})
        x += width + 0.5 * step
    return words


def _words(results, scale: float) -> list[dict]:
    words = []
    for quad, text, confidence in results or ():
        if float(confidence) < MIN_CONFIDENCE or not text.strip():
            continue
        xs, ys = [p[0] * scale for p in quad], [p[1] * scale for p in quad]
        words += _split({"x0": min(xs), "top": min(ys), "x1": max(xs), "bottom": max(ys)}, text)
    return words


def image_words(image, dpi: float = RESOLUTION) -> list[dict] | None:
    """OCR words of a page image (a PIL image rendered at RESOLUTION dpi), boxes in PDF points;
    None when no OCR engine is installed."""
    import numpy

    engine = _engine()
    if engine is None:
        return None
    results, _ = engine(numpy.asarray(image.convert("RGB")))
    return _words(results, 72 / dpi)


def ocr_page_lines(page) -> list | None:
    """The printed lines of a PDF page (``pdfpage.Page``) read by OCR; None without an OCR engine."""
    from .pdf import words_to_printed
    from .pdfpage import render

    # a huge page (a 10,000 pt square would be 10 GB at 200 dpi) is rendered at fewer dpi, never more pixels
    dpi = min(RESOLUTION, int(72 * (MAX_PIXELS / max(page.width * page.height, 1)) ** 0.5 * 100) / 100)
    words = image_words(render(page, dpi), dpi)
    if words is None:
        return None
    return words_to_printed(words, page.height, tables=0)
