"""X: part ≤ whole across tables, and the text's figures against the tables (DOMAIN §4 cross-table
rules). The same figure printed in two tables (X001–X006) is declared as identities of the forms
(``forms/final_accounts.toml``, kind ``same``) and checked by ``identities.py``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..claims.prose import AMOUNT, about_other_year, amounts, fold
from ..document import Block, Row, Table
from ..money import add
from .context import Context, money, present
from .narrative import narrative
from .registry import Hit, NoData, NotApplicable, rule
from .tables import _row


def _cell(table: Table, side: str | None, row_key: str, column: str) -> tuple[Row, Decimal | None] | None:
    return table.find(row_key, column, side)


def _pair(ctx: Context, first: str, second: str) -> tuple[Table, Table]:
    return ctx.table(first), ctx.table(second)


@rule("X007", "一般公共预算基本支出等于人员经费与公用经费之和",
      message="一般公共预算财政拨款支出决算表基本支出为 {actual}，基本支出决算表人员经费与公用经费合计为 {expected}，相差 {difference}",
      basis="一般公共预算财政拨款支出决算表 基本支出 = 基本支出决算表 人员经费合计 + 公用经费合计",
      example="基本支出 403.50，人员经费 379.33 + 公用经费 24.18",
      tables=("general_expenditure", "general_basic"))

def check_basic_is_personnel_plus_public(ctx: Context) -> Iterator[Hit]:
    general, basic = _pair(ctx, "general_expenditure", "general_basic")
    found = _cell(general, None, "total", "basic")
    if found is None or not basic.footer:
        raise NoData("基本支出或人员/公用经费合计")
    row, value = found
    yield from present(ctx.sum_hit(ctx.where(general, row, "basic"), value, [v for _, v in basic.footer], {}))


@rule("X008", "支出决算表不小于各财政拨款支出表之和",
      message="{code} {column}：支出决算表为 {actual}，小于一般公共预算、政府性基金、国有资本经营预算财政拨款支出之和 {expected}",
      basis="支出决算表[c] ≥ 一般公共预算支出表[c] + 政府性基金表[c] + 国有资本经营表[c]（全部为财政拨款收入时相等）",
      example="支出决算表 201 项目支出 5,277.83，一般公共预算支出表 201 项目支出 5,300.00",
      tables=("expenditure", "general_expenditure", "gov_fund", "state_capital"))

def check_expenditure_covers_fiscal(ctx: Context) -> Iterator[Hit]:
    spending = ctx.table("expenditure")
    fiscal = [t for t in (ctx.doc.table(k) for k in ("general_expenditure", "gov_fund", "state_capital"))
              if t is not None and t.blocks]
    if not fiscal:
        raise NotApplicable("no fiscal tables")
    block = spending.block
    for row in block.rows:
        for column in ("total", "basic", "project"):
            if column not in [c.key for c in block.columns]:
                continue
            parts = [_cell(t, None, row.key, column) for t in fiscal]
            expected = add(*(p[1] for p in parts if p))
            actual = row.cell(block, column)
            if expected is not None and (actual or 0) + Decimal("0.01") * len(fiscal) < expected:
                yield Hit(ctx.where(spending, row, column),
                          {"code": row.code or "合计", "column": ctx.forms.column_label(column), "actual": money(actual),
                           "expected": money(expected)},
                          expected=expected, actual=actual, difference=(actual or 0) - expected)


PARTS_OF_SANGONG = (("30212", "因公出国（境）费用", "abroad"), ("30217", "公务接待费", "reception"),
                    ("30231", "公务用车运行维护费", "vehicle_operation"), ("31013", "公务用车购置", "vehicle_purchase"))


def _economic_value(table: Table, code: str) -> tuple[Row, Decimal | None] | None:
    for block in table.blocks:
        row = _row(block, code)
        if row is not None:
            return row, row.cells[0]
    return None


@rule("X009", "基本支出中的三公相关科目不超过“三公”经费决算数",
      message="{code} {name} 基本支出 {actual}，大于“三公”经费表中{item}决算数 {expected}",
      basis="基本支出决算表 30212 ≤ 因公出国（境）费决算；30217 ≤ 公务接待费；30231 ≤ 公务用车运行维护费；"
            "31013 ≤ 公务用车购置费（两边各自舍位到分，相差一分以内不作判断）",
      example="30217 公务接待费 2.00，“三公”经费表公务接待费决算数 0.50")
def check_sangong_parts(ctx: Context) -> Iterator[Hit]:
    basic, sangong = _pair(ctx, "general_basic", "sangong")
    block: Block = sangong.block
    for code, name, item in PARTS_OF_SANGONG:
        found = _economic_value(basic, code)
        column = f"actual_{item}"
        if found is None or column not in [c.key for c in block.columns]:
            continue
        row, value = found
        whole = block.rows[0].cell(block, column)
        # both are rounded to the cent on their own: an inequality can only be judged beyond one cent
        if value is not None and value > (whole or 0) + Decimal("0.01"):
            yield Hit(ctx.where(basic, row, "amount"),
                      {"code": code, "name": name, "item": name.replace("费用", "费"), "actual": money(value),
                       "expected": money(whole)}, expected=whole, actual=value, difference=value - (whole or 0))


_RUNNING_COST = re.compile(rf"机关运行经费(?:支出)?(?:决算数?)?(?:为|是|共计)?\s*(?={AMOUNT.pattern})")


@rule("X010", "机关运行经费不超过公用经费", message="文中机关运行经费 {actual} 万元，大于基本支出决算表公用经费合计 {expected} 万元",
      basis="机关运行经费是一般公共预算基本支出中的公用经费：机关运行经费 ≤ 公用经费合计",
      example="机关运行经费 185.41 万元，公用经费合计 150.00 万元")
def check_running_cost(ctx: Context) -> Iterator[Hit]:
    table = ctx.table("general_basic")
    public = table.footer_value("公用")
    if public is None:
        raise NoData("公用经费合计")
    stated = [(p, amounts(fold(p.text), m.end())[0]) for p in narrative(ctx)
              for m in _RUNNING_COST.finditer(fold(p.text))
              if not about_other_year(fold(p.text), m.start(), ctx.doc.year)]
    if not stated:
        raise NotApplicable("机关运行经费 not stated")
    for paragraph, amount in stated:
        if amount.value > public + Decimal("0.01"):
            yield Hit(ctx.at(paragraph, amount.start), {"actual": amount.text, "expected": money(public)},
                      expected=public, actual=amount.value, difference=amount.value - public)
