from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from juesuan.derive.rounding import allocate, allocate_tree, round_total

CENT = Decimal("0.01")
exact = st.integers(min_value=0, max_value=10**12).map(lambda n: Decimal(n) / 1000000)  # 元 → 万元


@given(st.lists(exact, min_size=1, max_size=30))
def test_allocate_sums_to_the_rounded_total_and_moves_no_part_beyond_a_cent(parts):
    total = round_total(sum(parts))
    rounded = allocate(total, parts)
    assert sum(rounded) == total
    for part, r in zip(parts, rounded):
        assert abs(r - part) < CENT
        if part == part.quantize(CENT):  # exact parts (zero included) stay as they are
            assert r == part


@given(st.dictionaries(st.integers(2010000, 2299999).map(str), exact, min_size=1, max_size=40))
def test_allocate_tree_keeps_every_class_and_subclass_within_a_cent(leaves):
    total = round_total(sum(leaves.values()))
    rounded = allocate_tree(total, leaves, [lambda c: c[:3], lambda c: c[:5]])
    assert sum(rounded.values()) == total
    for width in (3, 5):
        for prefix in {c[:width] for c in leaves}:
            exact_sum = sum(v for c, v in leaves.items() if c.startswith(prefix))
            printed = sum(v for c, v in rounded.items() if c.startswith(prefix))
            assert abs(printed - exact_sum) < CENT


def test_tail_of_input_already_in_wan_goes_to_the_largest_part():
    assert allocate(Decimal("403.50"), [Decimal("375.33"), Decimal("4.00"), Decimal("24.16")]) == [
        Decimal("375.34"), Decimal("4.00"), Decimal("24.16")]
