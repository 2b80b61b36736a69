"""舍位平衡: round exact amounts to 0.01 万元 so that printed totals equal the sum of printed parts.

A total is rounded half-up; its parts are then rounded by the largest-remainder method so they
add up to it exactly, level by level down a hierarchy (类 → 款 → 项). Every printed part is its
exact value rounded down or up (never further than 0.01 away); a part that is exact at 0.01 —
zero included — is never changed unless the parts cannot reach their total otherwise (input in
万元 that already disagrees by a 尾数), in which case the difference goes to the largest part.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import ROUND_FLOOR, Decimal

from ..money import rounded

_HUNDRED = Decimal(100)


def round_total(value: Decimal) -> Decimal:
    return rounded(value)


def allocate(total: Decimal, parts: Sequence[Decimal]) -> list[Decimal]:
    """Round ``parts`` to cents so that they sum to ``total`` (already a whole number of cents)."""
    if not parts:
        return []
    cents = [p * _HUNDRED for p in parts]
    floors = [c.to_integral_value(rounding=ROUND_FLOOR) for c in cents]
    extra = int(total * _HUNDRED - sum(floors))
    # Units go to the largest remainders (or come off the smallest); ties and 尾数 with no remainder
    # go to the largest part.
    sign = 1 if extra > 0 else -1
    ranked = sorted(range(len(parts)), key=lambda i: (-sign * (cents[i] - floors[i]), -abs(parts[i]), i))
    result = list(floors)
    for k in range(abs(extra)):
        result[ranked[k % len(ranked)]] += sign
    return [r / _HUNDRED for r in result]


def allocate_tree(total: Decimal, leaves: dict[str, Decimal],
                  groupings: Sequence[Callable[[str], str]]) -> dict[str, Decimal]:
    """Allocate ``total`` over ``leaves`` through nested groups (e.g. 类 then 款 of a 项 code)."""
    if not leaves:
        return {}
    if not groupings:
        keys = sorted(leaves)
        return dict(zip(keys, allocate(total, [leaves[k] for k in keys])))
    key_of = groupings[0]
    groups: dict[str, dict[str, Decimal]] = {}
    for key in sorted(leaves):
        groups.setdefault(key_of(key), {})[key] = leaves[key]
    names = sorted(groups)
    shares = allocate(total, [sum(groups[g].values(), Decimal(0)) for g in names])
    result: dict[str, Decimal] = {}
    for name, share in zip(names, shares):
        result.update(allocate_tree(share, groups[name], groupings[1:]))
    return result


# Groupings of 功能分类 项 codes: by 类, then by 款.
SUBJECT_GROUPS: list[Callable[[str], str]] = [lambda c: c[:3], lambda c: c[:5]]
