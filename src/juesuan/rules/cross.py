"""X: the same figure in two tables, and part ≤ whole across tables (DOMAIN §4 cross-table rules)."""

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
from .tables import _row, _side

SAME_MESSAGE = "{what}：{table_a}为 {actual}，{table_b}为 {expected}，相差 {difference}"


def _name(table: Table) -> str:
    return table.label or table.title or table.key


def _cell(table: Table, side: str | None, row_key: str, column: str) -> tuple[Row, Decimal | None] | None:
    return table.find(row_key, column, side)


def _same(ctx: Context, what: str, a: tuple[Table, str | None, str, str], b: tuple[Table, str | None, str, str]
          ) -> Iterator[Hit]:
    """Compare cell a (reported where it is) with cell b; silent when either is absent."""
    found_a, found_b = _cell(*a), _cell(*b)
    if found_a is None:
        return
    if found_b is None:  # a table with the column but no such row (an empty 基金 table) shows blank
        if not any(b[3] in [c.key for c in block.columns] for block in b[0].blocks):
            return
        found_b = (None, None)
    row, value = found_a
    yield from present(ctx.same_hit(ctx.where(a[0], row, a[3]), value, found_b[1],
                                 {"what": what, "table_a": _name(a[0]), "table_b": _name(b[0])}))


def _pair(ctx: Context, first: str, second: str) -> tuple[Table, Table]:
    return ctx.table(first), ctx.table(second)


@rule("X001", "总表本年收入合计与收入决算表合计一致", message=SAME_MESSAGE,
      basis="收入支出决算总表 本年收入合计 = 收入决算表 合计（本年收入合计栏）",
      example="总表本年收入合计 27,266.89，收入决算表合计 27,266.90")
def check_income_totals(ctx: Context) -> Iterator[Hit]:
    summary, income = _pair(ctx, "summary", "income")
    yield from _same(ctx, "本年收入合计", (summary, "收入", "income_total", "amount"), (income, None, "total", "total"))


@rule("X002", "总表支出与支出决算表一致（合计及各类）", message=SAME_MESSAGE,
      basis="收入支出决算总表 本年支出合计及各类支出 = 支出决算表 合计及各类（本年支出合计栏）",
      example="总表一般公共服务支出 5,540.78，支出决算表 201 类 5,540.77")
def check_expenditure_by_class(ctx: Context) -> Iterator[Hit]:
    summary, spending = _pair(ctx, "summary", "expenditure")
    yield from _same(ctx, "本年支出合计", (summary, "支出", "expenditure_total", "amount"),
                     (spending, None, "total", "total"))
    yield from _by_class(ctx, summary, "amount", spending, "total")


def _by_class(ctx: Context, summary: Table, summary_column: str, detail: Table, column: str) -> Iterator[Hit]:
    spending_side = _side(summary, "支出")
    detail_rows = {r.code: r for r in detail.block.rows if r.level == "类"}
    if summary_column not in [c.key for c in spending_side.columns] or \
            column not in [c.key for c in detail.block.columns]:
        return
    for row in spending_side.rows:
        if row.level != "类":
            continue
        value = row.cell(spending_side, summary_column)
        other = detail_rows.get(row.code)
        other_value = other.cell(detail.block, column) if other else None
        if value is None and other is None:
            continue
        yield from present(ctx.same_hit(ctx.where(summary, row, summary_column), value, other_value,
                                     {"what": f"{row.code} {row.name}", "table_a": _name(summary),
                                      "table_b": _name(detail)}))


@rule("X003", "总表财政拨款收入与财政拨款总表一致", message=SAME_MESSAGE,
      basis="收入支出决算总表 一般公共预算/政府性基金/国有资本经营预算财政拨款收入 = 财政拨款收入支出决算总表 对应收入",
      example="总表一般公共预算财政拨款收入 27,266.89，财政拨款总表 27,266.90")
def check_fiscal_income(ctx: Context) -> Iterator[Hit]:
    summary, fiscal = _pair(ctx, "summary", "fiscal_summary")
    for key, what in (("inc_general", "一般公共预算财政拨款收入"), ("inc_gov_fund", "政府性基金预算财政拨款收入"),
                      ("inc_state_capital", "国有资本经营预算财政拨款收入")):
        yield from _same(ctx, what, (summary, "收入", key, "amount"), (fiscal, "收入", key, "amount"))


@rule("X004", "收入决算表财政拨款收入与财政拨款总表本年收入合计一致", message=SAME_MESSAGE,
      basis="收入决算表 合计行 财政拨款收入 = 财政拨款收入支出决算总表 本年收入合计",
      example="收入决算表财政拨款收入 27,266.89，财政拨款总表本年收入合计 27,000.00")
def check_fiscal_income_total(ctx: Context) -> Iterator[Hit]:
    income, fiscal = _pair(ctx, "income", "fiscal_summary")
    yield from _same(ctx, "财政拨款收入", (income, None, "total", "fiscal"), (fiscal, "收入", "income_total", "amount"))


@rule("X005", "财政拨款总表一般公共预算栏与一般公共预算支出表一致", message=SAME_MESSAGE,
      basis="财政拨款收入支出决算总表 一般公共预算财政拨款栏（合计及各类）= 一般公共预算财政拨款支出决算表",
      example="财政拨款总表一般公共服务支出 5,540.78，一般公共预算支出表 201 类 5,540.77",
      tables=("fiscal_summary", "general_expenditure"))

def check_general_column(ctx: Context) -> Iterator[Hit]:
    fiscal, general = _pair(ctx, "fiscal_summary", "general_expenditure")
    yield from _same(ctx, "一般公共预算财政拨款支出合计", (fiscal, "支出", "expenditure_total", "general"),
                     (general, None, "total", "total"))
    yield from _by_class(ctx, fiscal, "general", general, "total")


@rule("X006", "财政拨款总表基金、国资栏与基金表、国资表一致", message=SAME_MESSAGE,
      basis="财政拨款收入支出决算总表 政府性基金/国有资本经营预算财政拨款栏 = 对应决算表本年支出",
      example="财政拨款总表政府性基金栏 100.00，政府性基金表本年支出合计 空白",
      tables=("fiscal_summary", "gov_fund", "state_capital"))

def check_fund_columns(ctx: Context) -> Iterator[Hit]:
    fiscal = ctx.table("fiscal_summary")
    ran = False
    for key, column in (("gov_fund", "gov_fund"), ("state_capital", "state_capital")):
        table = ctx.doc.table(key)
        if table is None or not table.blocks:
            continue
        ran = True
        yield from _same(ctx, f"{table.title or key}本年支出合计", (fiscal, "支出", "expenditure_total", column),
                         (table, None, "total", "total"))
        yield from _by_class(ctx, fiscal, column, table, "total")
    if not ran:
        raise NotApplicable("no fund tables")


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
