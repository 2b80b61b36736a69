"""Report → Accounts: the printed (万元, 0.01) value of every leaf, rounded once with 舍位平衡.

Every table, sentence and figure takes its numbers from an Accounts, by summing rounded leaves,
so any two printed figures that should agree do agree exactly.

The rounding follows the balance of each fund:
年初结转和结余 + 本年收入 (+ 使用非财政拨款结余) = 本年支出 (+ 结余分配) + 年末结转和结余.
The fund's total is rounded once and both sides are allocated from it; income and expenditure
are then allocated to their columns and down 类 → 款 → 项. 年末结转和结余 is what balances.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..catalog import Catalog, Classification, bundled
from ..model import (
    FUND_EXPENDITURE,
    FUND_INCOME,
    BalanceKind,
    Fund,
    Report,
    SanGongItems,
)
from ..money import Unit, add, to_wan
from .rounding import SUBJECT_GROUPS, allocate, allocate_tree, round_total

PERSONNEL_CLASSES = ("301", "303")  # 人员经费: 工资福利支出, 对个人和家庭的补助
SANGONG_ITEMS = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")


@dataclass(frozen=True)
class Accounts:
    year: int
    department: str
    units: tuple[str, ...]
    leaves: dict[str, dict[str, Decimal | None]]       # field → 项 code → printed amount
    names: dict[str, str]                               # 功能分类 code → name
    economic: dict[str, Decimal | None]                 # 经济分类 款 → printed amount
    economic_names: dict[str, str]
    opening: dict[Fund, Decimal | None]
    closing: dict[Fund, Decimal | None]
    opening_by_code: dict[Fund, dict[str, Decimal | None]]
    use_of_surplus: Decimal | None
    distribution: Decimal | None
    sangong: dict[str, dict[str, Decimal | None]]       # budget/actual/prior → item → amount
    catalog: Catalog = field(default_factory=bundled, compare=False, repr=False)

    @property
    def budget(self) -> dict[str, Decimal | None]:
        """年初预算 by 项."""
        return self.leaves["budget_initial"]

    def total(self, fields: Iterable[str], prefix: str = "") -> Decimal | None:
        """Sum of printed leaves of ``fields`` under a 类/款/项 code prefix; None if all blank."""
        return add(*(v for f in fields for c, v in self.leaves[f].items() if c.startswith(prefix)))

    def codes(self, fields: Iterable[str]) -> list[str]:
        """项 codes with a value (zero included) in any of ``fields``."""
        fields = list(fields)
        return sorted({c for f in fields for c, v in self.leaves[f].items() if v is not None})

    def name(self, code: str) -> str:
        return self.names.get(code, "")

    def economic_name(self, code: str) -> str:
        return self.economic_names.get(code) or self.catalog.name(code, self.year, Classification.ECONOMIC) or ""

    def economic_total(self, prefix: str = "") -> Decimal | None:
        return add(*(v for c, v in self.economic.items() if c.startswith(prefix)))

    def personnel(self) -> Decimal | None:
        return add(*(self.economic_total(c) for c in PERSONNEL_CLASSES))

    def public(self) -> Decimal | None:
        classes = {c[:3] for c in self.economic} - set(PERSONNEL_CLASSES)
        return add(*(self.economic_total(c) for c in sorted(classes)))


def _exact(values: Iterable[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def _keep_blank(rounded: dict[str, Decimal], exact: dict[str, Decimal | None]) -> dict[str, Decimal | None]:
    return {k: (None if exact[k] is None and rounded[k] == 0 else rounded[k]) for k in exact}


def _allocate_codes(total: Decimal, exact: dict[str, Decimal | None]) -> dict[str, Decimal | None]:
    rounded = allocate_tree(total, {k: v or Decimal(0) for k, v in exact.items()}, SUBJECT_GROUPS)
    return _keep_blank(rounded, exact)


def _subject_names(report: Report, catalog: Catalog) -> dict[str, str]:
    names: dict[str, str] = {}
    codes = [ln.code for ln in report.lines] + [b.code for b in report.balances if b.code]
    for subject in codes:
        for code in (subject[:3], subject[:5], subject):
            if code not in names and (found := catalog.name(code, report.year)):
                names[code] = found
    for line in report.lines:  # names the user gave win over the catalogue's
        if line.name:
            names[line.code] = line.name
    return names


def _economic_names(report: Report) -> dict[str, str]:
    """Names the user gave; the others come from the catalogue (``Accounts.economic_name``)."""
    return {e.code: e.name for e in report.economic if e.name}


def _round_sangong(items: SanGongItems, unit: Unit) -> dict[str, Decimal | None]:
    exact = {k: to_wan(getattr(items, k), unit) for k in SANGONG_ITEMS}
    group = {"abroad": "a", "vehicle_purchase": "v", "vehicle_operation": "v", "reception": "r"}
    rounded = allocate_tree(round_total(_exact(exact.values())),
                            {k: v or Decimal(0) for k, v in exact.items()}, [group.__getitem__])
    return _keep_blank(rounded, exact)


def derive_accounts(report: Report, catalog: Catalog | None = None) -> Accounts:
    """Round a (validated) Report into printed values."""
    catalog = catalog or bundled()
    unit = report.unit
    lines = [ln for ln in report.lines if len(ln.code) == 7]
    codes = sorted({ln.code for ln in lines})

    def exact_field(name: str) -> dict[str, Decimal | None]:
        return {c: add(*(to_wan(getattr(ln, name), unit) for ln in lines if ln.code == c)) for c in codes}

    balances = {kind: [b for b in report.balances if b.kind is kind] for kind in BalanceKind}
    use_of_surplus = add(*(to_wan(b.amount, unit) for b in balances[BalanceKind.USE_OF_SURPLUS]))
    distribution = add(*(to_wan(b.amount, unit) for b in balances[BalanceKind.DISTRIBUTION]))

    leaves: dict[str, dict[str, Decimal | None]] = {}
    opening: dict[Fund, Decimal | None] = {}
    closing: dict[Fund, Decimal | None] = {}
    opening_by_code: dict[Fund, dict[str, Decimal | None]] = {}
    use_rounded = dist_rounded = None
    for fund in Fund:
        income = {f: exact_field(f) for f in FUND_INCOME[fund]}
        spending = {f: exact_field(f) for f in FUND_EXPENDITURE[fund]}
        open_exact: dict[str, Decimal | None] = {}
        for b in balances[BalanceKind.OPENING]:
            if b.fund is fund:
                key = b.code or ""
                open_exact[key] = add(open_exact.get(key), to_wan(b.amount, unit))
        inc, exp, opn = (_exact(v for d in income.values() for v in d.values()),
                         _exact(v for d in spending.values() for v in d.values()),
                         _exact(open_exact.values()))
        extra_in = (use_of_surplus or Decimal(0)) if fund is Fund.NON_FISCAL else Decimal(0)
        extra_out = (distribution or Decimal(0)) if fund is Fund.NON_FISCAL else Decimal(0)
        grand = round_total(opn + inc + extra_in)
        opn_r, inc_r, in_r = allocate(grand, [opn, inc, extra_in])
        exp_r, out_r, close_r = allocate(grand, [exp, extra_out, opn + inc + extra_in - exp - extra_out])
        if fund is Fund.NON_FISCAL:
            use_rounded = in_r if use_of_surplus is not None else None
            dist_rounded = out_r if distribution is not None else None
        for side, side_total in ((income, inc_r), (spending, exp_r)):
            names = list(side)
            shares = allocate(side_total, [_exact(side[f].values()) for f in names])
            for name, share in zip(names, shares):
                leaves[name] = _allocate_codes(share, side[name])
        has_balance = bool(open_exact)
        opening[fund] = opn_r if has_balance else None
        opening_by_code[fund] = _allocate_codes(opn_r, open_exact) if open_exact else {}
        any_flow = has_balance or any(v is not None for d in (*income.values(), *spending.values()) for v in d.values())
        closing[fund] = close_r if any_flow else None

    for name in ("budget_initial", "prior_year"):
        exact = exact_field(name)
        leaves[name] = _allocate_codes(round_total(_exact(exact.values())), exact)

    econ_exact: dict[str, Decimal | None] = {}
    for e in report.economic:
        econ_exact[e.code] = add(econ_exact.get(e.code), to_wan(e.amount, unit))
    general_basic = _exact(leaves["exp_general_basic"].values())
    if econ_exact and (marked := next((e.code for e in report.economic if e.tail), None)):   # the officer's 尾数 row
        econ_exact[marked] = (econ_exact[marked] or Decimal(0)) + general_basic - _exact(econ_exact.values())
    econ_rounded = allocate_tree(
        general_basic, {k: v or Decimal(0) for k, v in econ_exact.items()},
        [lambda c: c[:3] in PERSONNEL_CLASSES, lambda c: c[:3]],
    ) if econ_exact else {}
    economic = _keep_blank(econ_rounded, econ_exact) if econ_exact else {}

    return Accounts(
        year=report.year,
        department=report.department.name,
        units=tuple(report.units),
        leaves=leaves,
        names=_subject_names(report, catalog),
        economic=economic,
        economic_names=_economic_names(report),
        opening=opening,
        closing=closing,
        opening_by_code=opening_by_code,
        use_of_surplus=use_rounded,
        distribution=dist_rounded,
        sangong={k: _round_sangong(getattr(report.sangong, k), unit) for k in ("budget", "actual", "prior")},
        catalog=catalog,
    )
