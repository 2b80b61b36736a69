"""B: a 部门预算's text against its tables — the 编制说明's 收支 amounts, each 项 of the 财政拨款支出
list, the “三公”经费 and 机关运行经费 — across 元 (tables) and 万元 (text), and the stated changes
from last year's budget adding up. The statements are read by ``claims.budget``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..claims.budget import SUBJECT_NAMES, Stated, applications, items, project_amounts, statements
from ..claims.procurement import BUDGET_WORDS, reserved
from ..claims.prose import NUMBER, Number, amounts, fold
from ..document import Table
from ..document.normalize import key
from ..money import add
from .context import Context, money, present
from .registry import BUDGET, Hit, NotApplicable, rule

# subject → (form, block, row, column) of the cell it states
TOTALS = {
    "income_total": ("b_summary", "收入", "income_total", "amount"),
    "fiscal_income": ("b_summary", "收入", "fiscal", "amount"),
    "business": ("b_summary", "收入", "business", "amount"),
    "operating": ("b_summary", "收入", "operating", "amount"),
    "other": ("b_summary", "收入", "other", "amount"),
    "expenditure_total": ("b_summary", "支出", "expenditure_total", "amount"),
    "fiscal_expenditure": ("b_fiscal_summary", "支出", "expenditure_total", "total"),
    "general": ("b_fiscal_summary", "支出", "expenditure_total", "general"),
    "gov_fund": ("b_fiscal_summary", "支出", "expenditure_total", "gov_fund"),
    "state_capital": ("b_fiscal_summary", "支出", "expenditure_total", "state_capital"),
    "fiscal_total": ("b_fiscal_summary", "收入", "income_total", "amount"),
    "general_income": ("b_summary", "收入", "general", "amount"),
    "gov_fund_income": ("b_summary", "收入", "gov_fund", "amount"),
    "state_capital_income": ("b_summary", "收入", "state_capital", "amount"),
    "carried": ("b_summary", "收入", "carried", "amount"),
    "basic": ("b_expenditure", None, "total", "basic"),
    "project": ("b_expenditure", None, "total", "project"),
    "general_basic": ("b_general", None, "total", "basic"),
    "personnel": ("b_general_basic", None, "total", "personnel"),
    "public": ("b_general_basic", None, "total", "public"),
}
SANGONG = ("sangong_total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception", "running")
# a stated change = Σ the stated changes of its parts
CHANGES = (("fiscal_expenditure", ("general", "gov_fund", "state_capital")),
           ("sangong_total", ("abroad", "vehicle_total", "reception")),
           ("vehicle_total", ("vehicle_purchase", "vehicle_operation")))
FUND_FORMS = ("b_general", "b_gov_fund", "b_state_capital")


def in_wan(table: Table, value: Decimal | None) -> Decimal:
    """A table's cell in 万元 (a blank cell is 0: the form prints nothing where there is nothing)."""
    if value is None:
        return Decimal(0)
    return value / 10000 if table.unit == "元" else value


def _stated(ctx: Context, stated: Stated, table: Table, value: Decimal | None) -> Iterator[Hit]:
    where = f"{table.title or table.key}"
    yield from present(ctx.stated_hit(ctx.at(stated.paragraph, stated.amount.start), stated.amount,
                                      [(where, in_wan(table, value))],
                                      {"what": SUBJECT_NAMES[stated.subject]}))


@rule("B020", "编制说明的收支预算数与预算表一致", documents=BUDGET,
      message="{what}：文中为 {actual} 万元，{where}为 {expected} 万元",
      basis="编制说明的收入预算、支出预算、财政拨款收入和支出及其一般公共预算、政府性基金、国有资本经营预算数 = "
            "收支预算总表、财政拨款收支预算总表的同一数（表以元列示，文中以万元，按文中位数四舍五入）",
      example="文中“一般公共预算拨款支出预算49,376万元”，表中 493,761,082.20 元（49,376.11 万元）")
def check_totals(ctx: Context) -> Iterator[Hit]:
    found = [s for s in statements(ctx.doc) if s.subject in TOTALS]
    if not found:
        raise NotApplicable("no 收支 amounts stated")
    for stated in found:
        form, side, row, column = TOTALS[stated.subject]
        table = ctx.doc.table(form)
        if table is None or not table.blocks:
            continue
        cell = table.find(row, column, side)
        if cell is None and not any(column in [c.key for c in b.columns] for b in table.blocks if b.title == side):
            continue
        yield from _stated(ctx, stated, table, cell[1] if cell else None)


@rule("B021", "“三公”经费和机关运行经费说明与预算表一致", documents=BUDGET,
      message="{what}：文中为 {actual} 万元，{where}为 {expected} 万元",
      basis="“三公”经费预算数及其各项、机关运行经费预算数 = “三公”经费和机关运行经费预算表的同一数",
      example="文中“公务接待费0.46万元”，表中公务接待费 0.64")
def check_sangong(ctx: Context) -> Iterator[Hit]:
    table = ctx.table("b_sangong")
    for stated, cell in _sangong_stated(ctx, table):
        yield from _stated(ctx, stated, table, cell(""))


def _sangong_stated(ctx: Context, table: Table, prefix: str = "") -> Iterator[tuple[Stated, object]]:
    """Each 三公 or 机关运行经费 statement whose item the form prints (and with ``prefix`` too: prior_),
    with a reader of that item's cell under a prefix."""
    block = table.block
    keys = {c.key for c in block.columns}
    for stated in (s for s in statements(ctx.doc) if s.subject in SANGONG):
        column = "total" if stated.subject == "sangong_total" else stated.subject
        if column in keys and prefix + column in keys:
            yield stated, lambda pre, column=column: block.rows[0].cell(block, pre + column)


@rule("B026", "“三公”经费的增减与预算表的上年预算数一致", documents=BUDGET,
      message="{what}：文中为比上年预算{actual}，表中本年预算数 {now} 万元、上年预算数 {before} 万元，应为{expected}",
      basis="“三公”经费表列出上年预算数时（全国表式），说明中“比上年预算增加/减少 X 万元”、“持平”= 本年预算数 − 上年预算数",
      example="文中“比2024年预算减少0.80万元”，表中本年 7.50、上年 8.50（应为减少 1.00 万元）")
def check_sangong_changes(ctx: Context) -> Iterator[Hit]:
    table = ctx.table("b_sangong")
    checked = False
    for stated, cell in _sangong_stated(ctx, table, "prior_"):
        if stated.signed_change is None:
            continue
        checked = True
        now, before = (in_wan(table, cell(prefix)) for prefix in ("", "prior_"))
        said, change = Decimal(stated.signed_change), now - before
        place = Decimal(1).scaleb(-stated.change.digits) if stated.change is not None else Decimal("0.01")
        if abs(said - change) > place / 2 + Decimal("0.01"):    # the table's two cells each rounded to the cent
            yield Hit(ctx.at(stated.paragraph, stated.amount.start),
                      {"what": SUBJECT_NAMES[stated.subject], "actual": _worded(said), "now": money(now),
                       "before": money(before), "expected": _worded(change)},
                      expected=change, actual=said, difference=said - change)
    if not checked:
        raise NotApplicable("no change stated against a table with last year's budget")


@rule("B022", "财政拨款支出逐项说明与功能分类预算表一致", documents=BUDGET,
      message="“{name}”：文中为 {actual} 万元，{where}为 {expected} 万元",
      basis="编制说明逐项列出的“类（类）款（款）项（项）”金额 = 一般公共预算、政府性基金、国有资本经营预算支出功能分类"
            "预算表中该项的合计之和",
      example="文中“城乡社区支出（类）城乡社区管理事务（款）行政运行（项）”924.15万元，表中 9,241,538.16 元")
def check_items(ctx: Context) -> Iterator[Hit]:
    tables = [t for t in (ctx.doc.table(k) for k in FUND_FORMS) if t is not None and t.blocks]
    stated = items(ctx.doc)
    if not tables or not stated:
        raise NotApplicable("no 项 listed with an amount")
    for item in stated:
        found = [(t.title, in_wan(t, row.cell(t.block, "total"))) for t in tables for row in _rows_of(t, item.kuan, item.xiang)]
        if not found:
            continue      # a 项 the tables do not list: C rules and the glossary rules speak of names
        name = f"{item.lei}（类）{item.kuan}（款）{item.xiang}（项）"
        # the 财政拨款 of the 项 (Shanghai lists every fund's), or one fund's (the national template lists the
        # 一般公共预算当年拨款 only)
        candidates = [("、".join(t for t, _ in found), add(*(v for _, v in found))), *(found if len(found) > 1 else [])]
        yield from present(ctx.stated_hit(ctx.at(item.paragraph, item.amount.start), item.amount, candidates,
                                          {"name": name}))


def _rows_of(table: Table, kuan: str, xiang: str) -> list:
    """The 项 rows named ``xiang`` under a 款 named ``kuan``."""
    rows = table.block.rows
    kuan_codes = {r.code for r in rows if r.level == "款" and key(r.name) == key(kuan)}
    return [r for r in rows if r.level == "项" and r.code[:5] in kuan_codes and key(r.name) == key(xiang)]


@rule("B023", "各项增减之和等于合计的增减", documents=BUDGET,
      message="{what}比上年预算{actual}，各项增减之和为 {expected}",
      basis="财政拨款支出的增减 = 一般公共预算、政府性基金、国有资本经营预算支出增减之和；“三公”经费增减 = 因公出国（境）费、"
            "公务用车购置及运行费、公务接待费增减之和；公务用车购置及运行费增减 = 购置费与运行费增减之和（持平为 0）",
      example="“三公”经费“与2025年预算持平”，公务用车购置费却“比2025年预算增加27万元”，其余持平")
def check_changes(ctx: Context) -> Iterator[Hit]:
    by_subject: dict[str, Stated] = {}
    for stated in statements(ctx.doc):
        if stated.direction and stated.subject not in by_subject:
            by_subject[stated.subject] = stated
    checked = False
    for whole, parts in CHANGES:
        stated = by_subject.get(whole)
        changes = [by_subject[p].signed_change if p in by_subject else None for p in parts]
        if stated is None or stated.signed_change is None or any(c is None for c in changes):
            continue
        checked = True
        total, expected = Decimal(stated.signed_change), add(*(Decimal(c) for c in changes))
        printed = [s for s in (stated, *(by_subject[p] for p in parts)) if s.change is not None]
        # a change is the difference of two printed amounts, each rounded by half its last place
        place = Decimal(1).scaleb(-min((s.change.digits for s in printed), default=2))
        if abs(total - expected) > place * (len(parts) + 1):
            yield Hit(ctx.at(stated.paragraph, stated.amount.start),
                      {"what": SUBJECT_NAMES[whole], "actual": _worded(total), "expected": _worded(expected)},
                      expected=expected, actual=total, difference=total - expected)
    if not checked:
        raise NotApplicable("no change stated with all its parts")


def _worded(change: Decimal) -> str:
    return "持平" if change == 0 else f"增加 {money(change)} 万元" if change > 0 else f"减少 {money(-change)} 万元"


_PROJECT_AMOUNT = re.compile(rf"年度预算安排\s*(?:为|是)?\s*(?={NUMBER}\s*万元)")
_TARGETS_AMOUNT = re.compile(rf"涉及项目预算资金\s*(?:为|是)?\s*(?={NUMBER}\s*万元)")


@rule("B024", "项目和绩效目标的金额不超过项目支出", documents=BUDGET,
      message="{what} {actual} 万元，超过部门支出预算总表的项目支出合计 {expected} 万元",
      basis="项目经费情况说明中各项目的年度预算安排（及其合计）、编报绩效目标的项目预算资金，都是本年项目支出预算的一部分，"
            "不能超过项目支出合计",
      example="“涉及项目预算资金1,200.00万元”，项目支出合计 1,099.22 万元")
def check_project_amounts(ctx: Context) -> Iterator[Hit]:
    table = ctx.table("b_expenditure")
    total = in_wan(table, table.value("total", "project"))
    stated = []
    for paragraph in ctx.doc.paragraphs:
        text = fold(paragraph.text)
        for pattern, what in ((_PROJECT_AMOUNT, "项目年度预算安排"), (_TARGETS_AMOUNT, "编报绩效目标的项目预算资金")):
            if number := _amount_after(text, pattern):
                stated.append((what, number, paragraph))
    if not stated:
        raise NotApplicable("no project amount stated")
    projects = [s for s in stated if s[0] == "项目年度预算安排"]
    if len(projects) > 1:
        stated.append(("各项目年度预算安排合计", _sum(projects), projects[0][2]))
    for what, number, paragraph in stated:
        if number.interval.low > total:       # even read at its lowest, more than the whole
            yield Hit(ctx.at(paragraph, number.start), {"what": what, "actual": number.text, "expected": money(total)},
                      expected=total, actual=number.value, difference=number.value - total)


def _amount_after(text: str, pattern: re.Pattern) -> Number | None:
    """The amount ``pattern``'s words introduce in ``text`` (None when they are not there)."""
    match = pattern.search(text)
    found = amounts(text, match.end(), match.end() + 30) if match else []
    return found[0] if found else None


def _sum(projects: list) -> Number:
    value = sum((n.value for _, n, _ in projects), Decimal(0))
    return Number(value, f"{value:,.2f}", projects[0][1].start, projects[0][1].end)


@rule("B025", "面向中小企业预留不超过政府采购预算", documents=BUDGET,
      message="{what} {actual} 万元，超过{whole} {expected} 万元",
      basis="面向中小企业预留的政府采购项目预算是政府采购预算的一部分；其中预留给小型和微型企业的又是它的一部分",
      example="政府采购预算595.28万元，面向中小企业预留695.28万元")
def check_reserved(ctx: Context) -> Iterator[Hit]:
    found = reserved([p for p in ctx.doc.paragraphs if "政府采购" in p.text], BUDGET_WORDS, rf"{NUMBER}\s*万元")
    pairs = (("sme", "total", "面向中小企业预留的政府采购项目预算", "政府采购预算"),
             ("small", "sme", "预留给小型和微型企业的政府采购项目预算", "面向中小企业预留的预算"))
    checked = False
    for part, whole, what, whole_name in pairs:
        if part in found and whole in found:
            checked = True
            number, paragraph, limit = found[part].amount, found[part].paragraph, found[whole].amount
            if number.interval.low > limit.interval.high:
                yield Hit(ctx.at(paragraph, number.start), {"what": what, "actual": number.text, "whole": whole_name,
                                                            "expected": limit.text},
                          expected=limit.value, actual=number.value, difference=number.value - limit.value)
    if not checked:
        raise NotApplicable("no 中小企业预留 stated with its whole")


@rule("B027", "绩效目标申报表的年度资金申请总额与项目年度预算安排一致", documents=BUDGET,
      message="“{project}”：项目经费情况说明的年度预算安排为 {actual} 万元，绩效目标申报表的年度资金申请总额为 {expected} 万元",
      basis="同一项目的项目经费情况说明“六、年度预算安排”与其财政项目支出绩效目标申报表的年度资金申请总额是同一笔钱"
            "（申报表以元列示，按说明的位数四舍五入比较）",
      example="说明“本年度拆违经费预算金额为349.80万元”，申报表年度资金申请总额 3,948,000.00 元")
def check_applications(ctx: Context) -> Iterator[Hit]:
    forms = applications(ctx.doc)
    stated = project_amounts(ctx.doc)
    pairs = [(s, f) for s in stated for f in forms if _same_project(s.project, f.project, len(stated), len(forms))]
    if not pairs:
        raise NotApplicable("no 年度预算安排 with its 申报表's 年度资金申请总额")
    for said, form in pairs:
        yield from present(ctx.stated_hit(ctx.at(said.paragraph, said.amount.start), said.amount,
                                          [("申报表", form.amount / 10000)], {"project": said.project or form.project}))


def _same_project(explained: str, applied: str, explanations: int, forms: int) -> bool:
    """One project by name (a 申报表 cell may cut a long name where it wraps), or the only one of each."""
    if explained and applied:
        return key(explained).startswith(key(applied)) or key(applied).startswith(key(explained))
    return explanations == forms == 1
