"""Convert one typed cell to its value, or say why it cannot be read."""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal

from ..money import AmountError, parse_amount
from .sheets import AMOUNT, BOOL, CHOICE, CODE, INT, LIST, SCORE, Field

TRUE_WORDS = {"是", "有", "y", "yes", "true", "1", "√", "☑"}
FALSE_WORDS = {"否", "无", "n", "no", "false", "0", "□"}


class CellError(ValueError):
    """The message says what the cell holds and what was expected."""


def shown(value: object) -> str:
    return str(value).strip()


def normalise(text: str) -> str:
    """Header and label matching: NFKC, no spaces, full-width parentheses."""
    text = unicodedata.normalize("NFKC", text).replace(" ", "").replace("\n", "")
    return text.replace("(", "（").replace(")", "）").strip()


def convert(field: Field, value: object):
    """The cell's value for ``field``; None for an empty cell."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    kind = field.kind
    if kind in (AMOUNT, SCORE):
        try:
            amount = parse_amount(value)
        except AmountError:
            raise CellError(f"「{shown(value)}」不是金额（应为数字，如 1,234.56）") from None
        if kind == SCORE and amount is not None and amount < 0:
            raise CellError(f"「{shown(value)}」不能为负数")
        return amount
    if kind == INT:
        try:
            number = parse_amount(value)
        except AmountError:
            number = None
        if number is None or number != number.to_integral_value() or number < 0:
            if field.key == "year":
                raise CellError(f"「{shown(value)}」不是年度（应为 4 位阿拉伯数字，如 2023）")
            raise CellError(f"「{shown(value)}」不是个数（应为不小于 0 的整数）")
        return int(number)
    if kind == CODE:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return unicodedata.normalize("NFKC", shown(value)).replace(" ", "")
    if kind == CHOICE:
        text = normalise(shown(value))
        for choice in field.choices:
            if normalise(choice) == text:
                return choice
        raise CellError(f"「{shown(value)}」不是可选的值（应为：{'、'.join(field.choices)}）")
    if kind == BOOL:
        text = shown(value).lower()
        if text in TRUE_WORDS or value is True:
            return True
        if text in FALSE_WORDS or value is False:
            return False
        raise CellError(f"「{shown(value)}」应为“是”或“否”")
    if kind == LIST:
        text = shown(value)
        for sep in "，,；;\n":
            text = text.replace(sep, "、")
        return [part.strip() for part in text.split("、") if part.strip()]
    if isinstance(value, datetime.date):      # a date typed as a date (a datetime is one too)
        return value.strftime("%Y-%m-%d")
    if isinstance(value, Decimal | float | int):
        return shown(value)
    return shown(value)
