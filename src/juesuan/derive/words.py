"""The one place where numbers become words: amounts, percentages, 增加/减少/持平, 大于/小于/等于.

Every generated sentence gets its figures and comparison words from here, so a sentence can never
disagree with its numbers: no growth rate from a zero base, no 完成率 for a zero budget, no 大于 or
增加 when both values are zero.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..money import Unit, rounded, to_wan

ZERO = Decimal(0)


def amount(value: Decimal | None) -> str:
    """27,266.89 (万元, two decimals); blank counts as 0.00."""
    return f"{(value or ZERO):,.2f}"


def percent(part: Decimal | None, whole: Decimal | None, places: int = 1) -> str | None:
    """'40.4%'; None when the whole is zero or missing (no share of nothing)."""
    if not whole:
        return None
    return f"{rounded((part or ZERO) / whole * 100, places)}%"


@dataclass(frozen=True)
class Change:
    kind: str            # up / down / same / new (no base to compare with) / unknown (no prior figure)
    delta: str           # the absolute change as printed
    percent: str | None  # the rate, None from a zero base

    @property
    def word(self) -> str:
        return {"up": "增加", "down": "减少", "same": "持平"}.get(self.kind, "")

    @property
    def rate_word(self) -> str:
        return {"up": "增长", "down": "下降"}.get(self.kind, "")


def change(current: Decimal | None, prior: Decimal | None, places: int = 1) -> Change:
    """This year against last year, both as printed (rounded to the cent)."""
    if prior is None:
        return Change("unknown", "", None)
    now, before = (current or ZERO).quantize(Decimal("0.01")), prior.quantize(Decimal("0.01"))
    delta = now - before
    if delta == 0:
        return Change("same", amount(ZERO), None)
    if before == 0:
        return Change("new", amount(abs(delta)), None)
    return Change("up" if delta > 0 else "down", amount(abs(delta)), percent(abs(delta), before, places))


def compare(actual: Decimal | None, budget: Decimal | None) -> str | None:
    """大于 / 小于 / 等于 for 决算 against 预算; None when both are zero (nothing to compare)."""
    a, b = actual or ZERO, budget or ZERO
    if a == 0 and b == 0:
        return None
    return "大于" if a > b else "小于" if a < b else "等于"


def cents(value: Decimal | None) -> Decimal:
    return rounded(value or ZERO)


def wan(value: Decimal | None, unit: Unit) -> Decimal | None:
    """An amount of the Report in 万元, rounded once to the cent; None stays blank."""
    return None if value is None else cents(to_wan(value, unit))


AMOUNT_IN_WAN = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d{1,2})?\s*万元")


def amounts_styled(text: str) -> str:
    """Amounts in 万元 that a person wrote ("1133.95 万元") as the report prints its own (1,133.95万元)."""
    return AMOUNT_IN_WAN.sub(lambda m: f"{amount(Decimal(m.group(1).replace(',', '') + (m.group(2) or '')))}万元",
                             text)


def sentence_end(text: str) -> str:
    """A sentence someone wrote, closed with 。 if it ends without punctuation."""
    text = text.strip()
    return text if not text or text[-1] in "。；！？.;!?）)”" else text + "。"
