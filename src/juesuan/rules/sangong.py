"""S: the 三公 section against the 三公 table and against itself."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..claims.prose import AMOUNT, amounts, fold, sentences
from ..claims.sangong import LABEL, item_before, item_changes, stated_figures
from ..claims.sentences import vehicles
from ..document import Paragraph
from .context import Context, money, present
from .narrative import narrative
from .registry import Hit, NoData, NotApplicable, Severity, rule


def sangong_paragraphs(ctx: Context) -> list[Paragraph]:
    found = [p for p in narrative(ctx) if p.in_section("三公")]
    if not found:
        raise NotApplicable("no 三公 section")
    return found


def _table_values(ctx: Context) -> dict[str, Decimal | None]:
    table = ctx.doc.table("sangong")
    if table is None or not table.blocks:
        raise NoData("三公经费支出决算表")
    block = table.block
    return {c.key: block.rows[0].cell(block, c.key) for c in block.columns} if block.rows else {}


@rule("S001", "“三公”经费说明与“三公”经费表一致",
      message="文中{item}{kind}为 {actual} 万元，{where}为 {expected} 万元",
      basis="“三公”经费情况说明中的预算数、决算数 = 财政拨款“三公”经费支出决算表",
      example="文中“公务接待费支出决算为 1.53 万元”，表中公务接待费决算数为 0.00")
def check_sangong_amounts(ctx: Context) -> Iterator[Hit]:
    values = _table_values(ctx)
    for paragraph in sangong_paragraphs(ctx):
        text = fold(paragraph.text)
        for item, kind, stated in stated_figures(text, ctx.doc.year):
            column = f"{kind}_{item}"
            if item == "part" or column not in values:
                continue
            expected = [("“三公”经费支出决算表", values[column] or Decimal(0))]
            yield from present(ctx.stated_hit(ctx.at(paragraph, stated.start), stated, expected,
                                             {"item": LABEL[item], "kind": "预算数" if kind == "budget" else "决算数"}))


@rule("S002", "各项“三公”经费增减之和等于合计增减",
      message="各项增减之和为 {expected} 万元，文中“三公”经费合计增减 {actual} 万元",
      basis="“三公”经费合计的增减额 = 因公出国（境）费、公务用车购置及运行维护费、公务接待费增减额之和",
      example="合计比上年增加 5.07 万元，其中出国持平、用车增加 5.07 万元、接待减少 0.50 万元")
def check_sangong_changes(ctx: Context) -> Iterator[Hit]:
    for paragraph in sangong_paragraphs(ctx):
        changes = item_changes(fold(paragraph.text))
        parts = [changes.get(i) for i in ("abroad", "vehicle_total", "reception")]
        if "total" not in changes or any(p is None for p in parts):
            continue
        expected = sum(parts, Decimal(0))
        if abs(expected - changes["total"]) > Decimal("0.01") * 3:
            yield Hit(ctx.at(paragraph), {"expected": money(expected), "actual": money(changes["total"])},
                      expected=expected, actual=changes["total"], difference=changes["total"] - expected)


DISCLOSURES = (
    ("actual_abroad", ("团组", "人次"), "因公出国（境）团组数和人次"),
    ("actual_vehicle_purchase", ("辆",), "购置（更新）公务用车数量"),
    ("actual_vehicle_operation", ("保有量",), "公务用车保有量"),
    ("actual_reception", ("人次",), "公务接待批次和人次"),
)


@rule("S003", "“三公”经费说明披露数量信息", severity=Severity.WARNING,
      message="{item}有支出 {amount} 万元，但说明中没有{what}",
      basis="“三公”经费说明应披露出国团组和人次、公务用车购置数和保有量、公务接待批次和人次",
      example="公务接待费 0.40 万元，说明中没有接待批次和人次")
def check_sangong_disclosure(ctx: Context) -> Iterator[Hit]:
    values = _table_values(ctx)
    paragraphs = sangong_paragraphs(ctx)
    text = "".join(p.text for p in paragraphs)
    for column, words, what in DISCLOSURES:
        amount = values.get(column)
        if amount and not all(w in text for w in words):
            yield Hit(ctx.at(paragraphs[0]), {"item": LABEL[column.removeprefix("actual_")],
                                              "amount": money(amount), "what": what}, expected=what)


_HELD = re.compile(r"保有量\s*(?:为|是)?\s*(?P<held>\d+)\s*辆")


@rule("S004", "公务用车保有量不超过车辆总数", message="公务用车保有量 {actual} 辆，多于国有资产中的车辆总数 {expected} 辆",
      basis="开支财政拨款的公务用车保有量 ≤ 国有资产占用情况中的车辆总数",
      example="“三公”说明：保有量 5 辆；国有资产说明：共有车辆 3 辆")
def check_vehicles_held(ctx: Context) -> Iterator[Hit]:
    totals = [found[1] for p in narrative(ctx) if (found := vehicles(fold(p.text)))]
    if not totals:
        raise NotApplicable("车辆总数 not stated")
    for paragraph in sangong_paragraphs(ctx):
        for m in _HELD.finditer(fold(paragraph.text)):
            held = int(m.group("held"))
            if held > totals[0]:
                yield Hit(ctx.at(paragraph, m.start()), {"actual": held, "expected": totals[0]},
                          expected=totals[0], actual=held)


_AGAINST_BUDGET = re.compile(
    rf"(?:与|比|较)[^，,。；;]{{0,12}}?预算(?:数)?(?:相比)?[，,]?\s*"
    rf"(?P<word>增加|减少|超支|节约|节省|多支出|少支出)了?\s*(?={AMOUNT.pattern})")
_MORE = ("增加", "超支", "多支出")


@rule("S005", "“三公”经费与预算相比的增减与表一致",
      message="文中{item}与预算相比{word} {actual} 万元，按“三公”经费表（预算 {budget}、决算 {spent}）应为{right} {expected} 万元",
      basis="与预算相比的增减额 = 决算数 − 预算数（财政拨款“三公”经费支出决算表）",
      example="公务接待费预算 14.90 万元、决算 5.21 万元，文中却写“与预算相比，减少0.1万元”")
def check_sangong_against_budget(ctx: Context) -> Iterator[Hit]:
    values = _table_values(ctx)
    for paragraph in sangong_paragraphs(ctx):
        text = fold(paragraph.text)
        for start, end in sentences(text):
            for m in _AGAINST_BUDGET.finditer(text, start, end):
                item = item_before(text, start, m.start())
                budget, spent = values.get(f"budget_{item}"), values.get(f"actual_{item}")
                if item in (None, "part") or (budget is None and spent is None):
                    continue
                stated = amounts(text, m.end())[0]
                change = (spent or Decimal(0)) - (budget or Decimal(0))
                signed = stated.value if m.group("word") in _MORE else -stated.value
                if stated.matches(abs(change)) and (signed == 0 or (signed > 0) == (change > 0)):
                    continue
                yield Hit(ctx.at(paragraph, m.start()),
                          {"item": LABEL[item], "word": m.group("word"), "actual": stated.text,
                           "budget": money(budget), "spent": money(spent),
                           "right": "增加" if change > 0 else "减少" if change < 0 else "持平，增减",
                           "expected": money(abs(change))},
                          expected=change, actual=signed, difference=signed - change)
