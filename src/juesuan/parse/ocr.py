"""OCR for PDF pages without a usable text layer (scans, fonts without ToUnicode).

The page is rendered and read by RapidOCR (ONNX models shipped inside the wheel, so it works
offline); its text boxes become words in PDF points and then lines and cells exactly like a text
layer's words, with table columns rebuilt from the boxes.
"""

from __future__ import annotations

import re
from functools import cache

RESOLUTION = 200            # dpi the page is rendered at for OCR
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


def _words(results, scale: float) -> list[dict]:
    words = []
    for quad, text, confidence in results or ():
        if float(confidence) < MIN_CONFIDENCE or not text.strip():
            continue
        xs, ys = [p[0] * scale for p in quad], [p[1] * scale for p in quad]
        box = {"x0": min(xs), "top": min(ys), "x1": max(xs), "bottom": max(ys)}
        if match := _CODE_THEN_NAME.match(text.strip()):
            # a subject code read together with its name: split at the share of its characters
            code, name = match.groups()
            cut = box["x0"] + (box["x1"] - box["x0"]) * len(code) / (len(code) + 2 * len(name))
            words.append({**box, "x1": cut, "text": code})
            words.append({**box, "x0": cut + 0.01, "text": name})
        else:
            words.append({**box, "text": text.strip()})
    return words


def image_words(image) -> list[dict] | None:
    """OCR words of a page image (a PIL image rendered at RESOLUTION dpi), boxes in PDF points;
    None when no OCR engine is installed."""
    import numpy

    engine = _engine()
    if engine is None:
        return None
    results, _ = engine(numpy.asarray(image.convert("RGB")))
    return _words(results, 72 / RESOLUTION)


def ocr_page_lines(page) -> list | None:
    """The printed lines of a pdfplumber page read by OCR; None without an OCR engine."""
    from .pdf import words_to_printed

    words = image_words(page.to_image(resolution=RESOLUTION).original)
    if words is None:
        return None
    return words_to_printed(words, page.height, tables=0)
