"""B030: a department's 决算 against its published 部门预算 of the same year — each 项's 年初预算 (一般公共
预算财政拨款) and the “三公”经费预算数 must be the budget's figures (the budget prints 元, the 决算 万元).
Reported by the pipeline (`check 决算 --budget 预算`), over the 决算's Report and the budget's Document.
"""

from __future__ import annotations

from decimal import Decimal

from ..document import Document
from ..findings import Finding, Location
from ..model import Report
from ..money import to_wan
from .budget import in_wan
from .context import HALF_CENT
from .registry import Hit, Severity, reported

LINK = reported(
    "B030", "决算的年初预算与公开的部门预算一致",
    message="{what}：决算为 {actual} 万元，部门预算为 {expected} 万元",
    basis="同一部门同一年度：决算中一般公共预算财政拨款各项的年初预算数、“三公”经费预算数 = 当年公开的部门预算"
          "（一般公共预算支出功能分类预算表、“三公”经费预算表）；预算表以元列示，按万元两位小数比较",
    example="2010101 行政运行：决算年初预算 120.00 万元，部门预算 1,230,000.00 元（123.00 万元）")
SANGONG = (("total", "“三公”经费预算"), ("abroad", "因公出国（境）费预算"), ("vehicle_purchase", "公务用车购置费预算"),
           ("vehicle_operation", "公务用车运行费预算"), ("reception", "公务接待费预算"))


def budget_items(budget: Document) -> dict[str, tuple[str, Decimal]]:
    """Each 项 of the budget's 一般公共预算支出功能分类预算表: code → (name, 合计 in 万元)."""
    table = budget.table("b_general")
    if table is None or not table.blocks:
        return {}
    block = table.block
    return {r.code: (r.name, in_wan(table, r.cell(block, "total"))) for r in block.rows if r.level == "项"}


def budget_sangong(budget: Document) -> dict[str, Decimal]:
    table = budget.table("b_sangong")
    if table is None or not table.blocks or not table.block.rows:
        return {}
    block, row = table.block, table.block.rows[0]
    return {c.key: in_wan(table, row.cell(block, c.key)) for c in block.columns}


def link(final: Report, source: str, budget: Document) -> list[Finding]:
    """Every difference between the 决算's budget figures and the published budget's."""
    found: list[Hit] = []
    stated = final.initial_budgets()
    planned = budget_items(budget)
    for code in sorted(set(stated) | set(planned)):
        name = (planned.get(code) or stated[code])[0]
        ours = stated.get(code, ("", Decimal(0)))[1]
        theirs = planned.get(code, ("", Decimal(0)))[1]
        if abs(ours - theirs) > HALF_CENT:
            found.append(_hit(Location(source, table="一般公共预算财政拨款支出决算表", row=code, column="年初预算"),
                              f"{code} {name} 的年初预算", ours, theirs))
    found += _sangong(final, source, budget_sangong(budget))
    return [LINK.finding(h) for h in found]


def _sangong(final: Report, source: str, planned: dict[str, Decimal]) -> list[Hit]:
    if not planned:
        return []
    items = final.sangong.budget
    values = {k: to_wan(getattr(items, k), final.unit) for k in ("abroad", "vehicle_purchase", "vehicle_operation",
                                                                   "reception")}
    if all(v is None for v in values.values()):
        return []          # the 决算 states no 三公 budget: nothing to compare
    values = {k: v or Decimal(0) for k, v in values.items()}
    values["total"] = sum(values.values(), Decimal(0))
    return [_hit(Location(source, table="“三公”经费", column="预算数"), what, values[key], planned.get(key, Decimal(0)))
            for key, what in SANGONG if abs(values[key] - planned.get(key, Decimal(0))) > HALF_CENT]


def _hit(location: Location, what: str, ours: Decimal, theirs: Decimal) -> Hit:
    return Hit(location, {"what": what, "actual": f"{ours:,.2f}", "expected": f"{theirs:,.2f}"},
               expected=theirs.quantize(Decimal("0.01")), actual=ours.quantize(Decimal("0.01")),
               difference=(ours - theirs).quantize(Decimal("0.01")), severity=Severity.ERROR)
