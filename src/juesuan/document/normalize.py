"""Text normalisation for matching printed names: width, spaces, CJK radical look-alikes."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from decimal import Decimal

from ..money import AmountError, parse_amount

# CJK Radicals Supplement characters that PDFs emit for ordinary ideographs; NFKC does not fold them.
RADICALS = str.maketrans({
    "⺠": "民", "⺟": "母", "⺢": "水", "⺣": "火", "⺫": "目", "⻄": "西", "⻅": "见", "⻆": "角", "⻉": "贝",
    "⻋": "车", "⻓": "长", "⻔": "门", "⻘": "青", "⻙": "韦", "⻚": "页", "⻛": "风", "⻜": "飞", "⻝": "食",
    "⻢": "马", "⻣": "骨", "⻤": "鬼", "⻥": "鱼", "⻦": "鸟", "⻨": "麦", "⻩": "黄", "⻬": "齐", "⻮": "齿",
    "⻰": "龙", "⻳": "龟",
})
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """The text as printed, with radicals folded and runs of spaces kept single."""
    return _SPACE.sub(" ", text.translate(RADICALS)).strip()


def key(text: str) -> str:
    """A matching key: NFKC (full-width → ASCII), radicals folded, no spaces or quotes."""
    folded = unicodedata.normalize("NFKC", text.translate(RADICALS))
    return re.sub(r"[\s“”\"'‘’]", "", folded)


def amount(text: str) -> Decimal | None:
    """A printed cell as an amount; None for blank and for text that is not a number."""
    cell = key(text).rstrip("%")
    try:
        return parse_amount(cell)
    except AmountError:
        return None


def is_number(text: str) -> bool:
    return amount(text) is not None


def similar_name(a: str, b: str) -> bool:
    """Names that differ only by a wrapped or trimmed piece: one contains the other, or they match
    once a trailing 支出 is dropped (事业单位离退休 / 事业单位离退休支出 are *not* equal, but similar)."""
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return False
    if ka in kb or kb in ka or ka.removesuffix("支出") == kb.removesuffix("支出"):
        return True
    # a name wrapped over two printed lines can come out interleaved: same characters, other order
    return len(ka) >= 4 and len(kb) >= 4 and (not Counter(ka) - Counter(kb) or not Counter(kb) - Counter(ka))
