"""Money: Decimal amounts with an explicit unit, parsing of printed amounts, display.

An amount has three states: ``None`` (blank, not applicable), ``Decimal(0)`` and a value.
Rounding happens only when tables are derived for printing (see ``derive.rounding``).
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

CENT = Decimal("0.01")  # printed precision of 万元 tables
YUAN_PER_WAN = Decimal(10000)


class Unit(StrEnum):
    YUAN = "元"
    WAN = "万元"


class AmountError(ValueError):
    """A text that is not an amount."""


_BLANK = {"", "-", "—", "–", "——", "/", "－"}
_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")


MAX_AMOUNT = Decimal(10) ** 15   # no budget figure reaches this, in 元 or 万元


def parse_amount(text: object) -> Decimal | None:
    """Read a printed or typed amount: '27,266.89', '（1.00）', '-1.00', full-width digits.

    Blank, '-' and '—' give None. Anything else that is not a number, and numbers of 10^15 or more
    (or not finite), raise AmountError.
    """
    value = _amount(text)
    if value is not None and (not value.is_finite() or abs(value) >= MAX_AMOUNT):
        raise AmountError(str(text))
    return value


def _amount(text: object) -> Decimal | None:
    if text is None:
        return None
    if isinstance(text, bool):
        raise AmountError(str(text))
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(repr(text))
    if isinstance(text, Decimal):
        return text
    raw = unicodedata.normalize("NFKC", str(text)).strip().replace(" ", "")
    if raw in _BLANK:
        return None
    negative = False
    if raw.startswith("(") and raw.endswith(")"):
        negative, raw = True, raw[1:-1]
    if not _NUMBER.match(raw):
        raise AmountError(str(text))
    try:
        value = Decimal(raw.replace(",", ""))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only numbers
        raise AmountError(str(text)) from exc
    return -value if negative else value


def rounded(value: Decimal, places: int = 2) -> Decimal:
    """Half-up to ``places`` decimals: how every printed amount, rate and score is rounded."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def to_wan(value: Decimal | None, unit: Unit) -> Decimal | None:
    """Convert an exact amount to 万元 without rounding."""
    if value is None:
        return None
    return value / YUAN_PER_WAN if unit is Unit.YUAN else value


def format_amount(value: Decimal | None, *, blank_zero: bool = False) -> str:
    """'27,266.89'; None → ''; zero → '' when the layout prints zeros blank."""
    if value is None or (blank_zero and value == 0):
        return ""
    return f"{value.quantize(CENT):,.2f}"


def add(*values: Decimal | None) -> Decimal | None:
    """Sum keeping the blank state: None only when every part is None."""
    present = [v for v in values if v is not None]
    return sum(present, Decimal(0)) if present else None
