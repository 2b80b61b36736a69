"""Interval arithmetic over printed figures.

A printed figure stands for every value that rounds to it: 2.76 (two places) is anything in
[2.755, 2.765]. A figure derived from printed ones (a rate, a share, a difference) is wrong only when
the printed result lies outside every value the printed operands allow — "增加30.51万元，增长1,106.9%"
over a base of 2.76 allows 1103.3 %–1107.6 %, so 1,106.9 % is right although 30.51 ÷ 2.76 = 1105.4 %.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..money import rounded


@dataclass(frozen=True)
class Interval:
    low: Decimal
    high: Decimal

    @classmethod
    def printed(cls, value: Decimal, digits: int) -> Interval:
        """Every value that prints as ``value`` with ``digits`` decimals."""
        half = Decimal(5).scaleb(-digits - 1)
        return cls(value - half, value + half)

    @classmethod
    def exact(cls, value: Decimal) -> Interval:
        return cls(value, value)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.low - other.high, self.high - other.low)

    def overlaps(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    @property
    def middle(self) -> Decimal:
        return (self.low + self.high) / 2


def percent(part: Interval, whole: Interval) -> Interval | None:
    """part ÷ whole × 100 over every pair of values; None when the whole may be zero or negative."""
    if whole.low <= 0:
        return None
    quotients = [p / w * 100 for p in (part.low, part.high) for w in (whole.low, whole.high)]
    return Interval(min(quotients), max(quotients))


def attainable(stated: Decimal, digits: int, part: Interval, whole: Interval) -> bool:
    """Whether a percentage printed as ``stated`` (``digits`` decimals) can be part ÷ whole."""
    allowed = percent(part, whole)
    return allowed is None or Interval.printed(stated, digits).overlaps(allowed)


def expected_percent(part: Interval, whole: Interval, digits: int) -> Decimal:
    """The percentage from the printed operands as they stand, printed with ``digits`` decimals."""
    return rounded(part.middle / whole.middle * 100, digits)
