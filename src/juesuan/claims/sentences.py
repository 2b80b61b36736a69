"""Sentences that state a figure's change, its budget and actual, or a count, read into offsets and
numbers. Readers read here; the N and S rules judge what they return."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from .prose import AMOUNT, AMOUNT_TEXT, NUMBER, PERCENT, Number, amounts, chains, percents, sentences
from .subjects import bind, clause_label

UP_WORDS, DOWN_WORDS = ("增加", "增长", "上升", "提高", "增幅"), ("减少", "下降", "降低", "降幅")
CHANGE = re.compile(rf"(?P<word>增加|减少|增长|下降|上升|降低)了?(?![为到至])[^\d，,。；%]{{0,8}}?(?={AMOUNT.pattern})")
GROWTH = re.compile(rf"(?P<word>增长|增幅|下降|降幅|增加|减少|上升|降低)了?(?:为)?\s*(?P<pct>{NUMBER})\s*%")
PRIOR = re.compile(rf"(?:与|较|比)\s*(?:上年|上一年度?|\d{{4}}\s*年度?)[^，。；]{{0,24}}?(?P<amount>{AMOUNT.pattern})\s*相比")


@dataclass(frozen=True)
class Growth:
    current: Number | None
    prior: Number | None
    change: Number | None
    up: bool
    percent: Number | None
    start: int


def growths(text: str) -> Iterator[Growth]:
    """Each sentence stating a year-over-year change of one figure (reason sentences excluded)."""
    for start, end in sentences(text):
        sentence = text[start:end]
        if "原因" in sentence[:12] or "主要用于" in sentence:
            continue
        change_match = CHANGE.search(text, start, end)
        growth_match = GROWTH.search(text, change_match.end() if change_match else start, end)
        if not change_match and not growth_match:
            continue
        prior_match = PRIOR.search(text, start, end)
        prior = amounts(text, prior_match.start("amount"), prior_match.end("amount"))[0] if prior_match else None
        change = amounts(text, change_match.end(), end)[0] if change_match else None
        limit = change_match.start() if change_match else growth_match.start()
        budgets = {amounts(text, m.end(), limit)[0].start for m in BUDGET.finditer(text, start, limit)
                   if amounts(text, m.end(), limit)}
        # this year's figure of the measure that changed: not last year's, not the budget beside it
        current = next((n for n in amounts(text, start, limit)
                        if (prior is None or n.start != prior.start) and n.start not in budgets), None)
        word = (change_match or growth_match).group("word")
        percent = None
        if growth_match:
            g = growth_match
            percent = Number(Decimal(g.group("pct").replace(",", "")), g.group("pct"), g.start("pct"), g.end("pct"))
        yield Growth(current, prior, change, word in UP_WORDS, percent, (change_match or growth_match).start())



BUDGET = re.compile(rf"(?:年初预算|全年预算|调整后预算|预算数|预算)数?(?:为|是)?\s*(?={AMOUNT.pattern})")
ACTUAL = re.compile(rf"(?:支出决算|决算数|决算|执行数)(?:为|是)?\s*(?={AMOUNT.pattern})")
RATE = re.compile(rf"(?:完成(?:年初|全年)?预算(?:数)?的?|执行率(?:为)?)\s*(?={PERCENT.pattern})")
# "完成全年预算0万元的0%": the budget stated inside the completion clause
RATE_OF = re.compile(rf"完成(?:年初|全年)?预算(?:数)?\s*(?P<budget>{AMOUNT_TEXT})\s*的\s*(?={PERCENT.pattern})")
COMPARE = re.compile(r"决算数?(?:较年初预算数?)?(?P<word>大于|小于|等于|超过|低于|高于)(?:年初|全年)?预算数?")


@dataclass(frozen=True)
class Pairing:
    budget: Number
    actual: Number
    start: int          # offset of the statement about the pair
    text: str           # the rate or the comparison word
    rate: Number | None = None


def pairings(text: str) -> Iterator[Pairing]:
    """Completion rates and 大于/小于/等于 with the budget and actual figures stated before them. A
    comparison that names its subject ("“三公”经费支出决算数小于预算数") takes that subject's figures,
    wherever in the paragraph they were stated; one that names none, the figures just before it."""
    events: list[tuple[int, str, object]] = []
    inside = [(m.start(), m.end()) for m in RATE_OF.finditer(text)]
    for m in RATE_OF.finditer(text):
        events.append((m.start(), "rate_of", (amounts(text, m.start("budget"))[0], percents(text, m.end())[0])))
    for m in BUDGET.finditer(text):
        if any(s <= m.start() < e for s, e in inside):
            continue
        events.append((m.start(), "budget", amounts(text, m.end())[0]))
    for m in ACTUAL.finditer(text):
        events.append((m.start(), "actual", amounts(text, m.end())[0]))
    for m in RATE.finditer(text):
        events.append((m.start(), "rate", percents(text, m.end())[0]))
    for m in COMPARE.finditer(text):
        events.append((m.start(), "compare", m.group("word")))
    for c in chains(text):
        events.append((c.start, "reset", None))
    budget = actual = None
    used = False
    subject = ""                                   # the target of the figures being stated
    stated: dict[str, list] = {}                   # target → [budget, actual] as last stated
    for start, kind, value in sorted(events, key=lambda e: e[0]):
        named = bind(clause_label(text, start)) if kind in ("budget", "actual", "compare") else ""
        if kind == "reset":
            budget = actual = None
            subject = ""
        elif kind == "rate_of":
            if actual is not None:
                stated_budget, rate = value
                yield Pairing(stated_budget, actual, rate.start, f"{rate.text}%", rate=rate)
        elif kind == "budget":
            budget, actual, used = value, None, False
            subject = named or subject
            stated[subject] = [value, None]
        elif kind == "actual":
            if used:  # a further actual figure belongs to another item, whose budget is not stated
                budget = None
            actual = value
            subject = named or subject
            stated.setdefault(subject, [None, None])[1] = value
        elif kind == "compare" and named and named in stated:
            pair = stated[named]           # the figures of the subject it names, or none of another's
            if None not in pair:
                yield Pairing(pair[0], pair[1], start, str(value))
        elif budget is not None and actual is not None:
            used = True
            if kind == "rate":
                yield Pairing(budget, actual, value.start, f"{value.text}%", rate=value)
            else:
                yield Pairing(budget, actual, start, str(value))


VEHICLES = re.compile(r"共有车辆\s*(?P<total>\d+)\s*辆")
VEHICLE_KIND = re.compile(r"(?P<count>\d+)\s*辆")


def vehicles(text: str) -> tuple[int, int, int] | None:
    """(offset, 车辆总数, Σ categories or -1 when none are listed) from a 国有资产 sentence."""
    m = VEHICLES.search(text)
    if not m:
        return None
    end = next((e for s, e in sentences(text) if s <= m.start() < e), len(text))
    counts = [int(c.group("count")) for c in VEHICLE_KIND.finditer(text, m.end(), end)]
    return m.start(), int(m.group("total")), sum(counts) if counts else -1


