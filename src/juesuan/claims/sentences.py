"""What the claims of a paragraph state together: a measure's change against last year (its amount, the
change and the rate — ``growths``), a budget, the actual amount and the completion rate or 大于/小于 between
them (``pairings``), and the count of vehicles. Readers read here; the N and S rules judge what they return."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..document import Paragraph
from .prose import AMOUNT, Number, sentences
from .reader import Claim, paragraph_claims
from .subjects import bind, clause_label

UP_WORDS, DOWN_WORDS = ("增加", "增长", "上升", "提高", "增幅", "涨幅"), ("减少", "下降", "降低", "降幅", "减幅")
CHANGE = re.compile(rf"(?P<word>增加|减少|增长|下降|上升|降低)了?(?![为到至])[^\d，,。；%]{{0,8}}?(?={AMOUNT.pattern})")


@dataclass(frozen=True)
class Growth:
    current: Number | None
    prior: Number | None
    change: Number | None
    up: bool
    percent: Number | None
    start: int
    base: str = "上年数"     # what the change is against: last year, or the budget ("与2021年度预算相比，增加…")
    target: str = ""        # what changed, when the claims bind it (claims/subjects)


def growths(text: str, said: list[Claim] | None = None) -> Iterator[Growth]:
    """Each statement of one measure's change against last year, read from the paragraph's claims
    (``said``; read here from ``text`` when not given): the change and its rate, in either order
    ("比上年减少20.00万元，下降25%", "同比下降25%，减少20.00万元"), with this year's amount of the same
    subject stated before them in the paragraph and last year's when the sentence states it. Sentences
    that give a reason or a use are not statements of change."""
    said = list(paragraph_claims(Paragraph(((0, text),)), set())) if said is None else said
    for start, end in sentences(text):
        sentence = text[start:end]
        if "原因" in sentence[:12] or "主要用于" in sentence:
            continue
        since = start       # "…比预算数减少2.66万元，下降17.7%，比上年决算数增加1.00万元": each change its own words
        for group in _changes(c for c in said if start <= c.offset < end):
            first = min(c.offset for c in group.values())
            subject = _key(next(iter(group.values())))
            current = _amount_before(text, said, start, first, subject)
            prior = next((c for c in said if start <= c.offset < end and c.kind == "amount"
                          and c.period == "prior" and _key(c) == subject), None)
            said_first = group.get("change") or group["rate"]
            base = "预算数" if _AGAINST_BUDGET.search(text, since, first) else "上年数"
            since = max(c.offset for c in group.values())
            word_at = text.rfind(said_first.word, start, said_first.offset)     # where the 增加 / 减少 is
            yield Growth(_number(current), _number(prior), _number(group.get("change")), said_first.word in UP_WORDS,
                         _number(group.get("rate")), word_at if word_at >= 0 else said_first.offset, base,
                         said_first.target)


def _amount_before(text: str, said: list[Claim], start: int, first: int, subject: str) -> Claim | None:
    """This year's amount of ``subject`` that a change at ``first`` is a change of: stated before it in
    its sentence, else the one amount of the sentence before ("其他收入0.00万元，为…的收入。较2022年度决算数增加
    0.00万元"); a sentence that lists several ("…，其中：基本支出60.00万元；项目支出40.00万元。") names none."""
    this = [c for c in said if c.kind == "amount" and c.period == "this" and _key(c) == subject]
    within = [c for c in this if start <= c.offset < first]
    if within:
        return within[-1]
    begin = max([0, *(m.end() for m in re.finditer(r"[。!?！？]", text[:max(start - 1, 0)]))])
    earlier = [c for c in said if c.kind == "amount" and c.period == "this" and begin <= c.offset < start]
    return earlier[0] if len(earlier) == 1 and earlier[0] in this else None


_AGAINST_BUDGET = re.compile(r"(?:与|比|较)[^，,。；;]{0,12}预算")


def _changes(inside: Iterator[Claim]) -> list[dict[str, Claim]]:
    """The changes and rates of a sentence, grouped: a rate goes with the change of the same subject."""
    groups: list[dict[str, Claim]] = []
    for c in inside:
        if c.kind not in ("change", "rate") or c.word not in UP_WORDS + DOWN_WORDS:
            continue
        group = next((g for g in reversed(groups) if c.kind not in g and _key(next(iter(g.values()))) == _key(c)), None)
        if group is None:
            groups.append(group := {})
        group[c.kind] = c
    return groups


def _key(claim: Claim) -> str:
    """What a claim is about: its target ("一般公共预算财政拨款支出" and "…支出决算" alike), else its words."""
    return claim.target or claim.subject


def _number(claim: Claim | None) -> Number | None:
    return claim.number if claim else None


BUDGET = re.compile(rf"(?:年初预算|全年预算|调整后预算|预算数|预算)数?(?:为|是)?\s*(?={AMOUNT.pattern})")
COMPARE = re.compile(r"决算数?(?:较年初预算数?)?(?P<word>大于|小于|等于|超过|低于|高于)(?:年初|全年)?预算数?")


@dataclass(frozen=True)
class Pairing:
    budget: Number
    actual: Number
    start: int          # offset of the statement about the pair
    text: str           # the rate or the comparison word
    rate: Number | None = None
    which: str = ""     # the budget a rate names: 年初, 全年, 调整 ("" when it names none)
    target: str = ""    # whose budget and actual, when the claims bind it (claims/subjects)


def pairings(text: str, said: list[Claim] | None = None) -> Iterator[Pairing]:
    """Completion rates and 大于/小于/等于, each with the budget and the actual amount of its subject,
    read from the paragraph's claims (``said``; read here from ``text`` when not given): the budget the
    rate names ("完成调整预算的…" — the 调整预算, "完成全年预算0万元的0%" — the one it states), in the
    paragraph before it or later in its sentence ("支出决算为9.00万元，完成预算的90%，预算为10.00万元").
    A comparison that names its subject ("“三公”经费支出决算数小于预算数") takes that subject's figures;
    one that names none, those of the subject just stated."""
    said = list(paragraph_claims(Paragraph(((0, text),)), set())) if said is None else said
    compares = [(m.start(), m.group("word")) for m in COMPARE.finditer(text)]
    stated: dict[str, dict[str, Claim]] = {}          # subject → its budgets and actual, as last stated
    last = None
    # what follows 原因 in a sentence explains, and states no completion ("原因：…其中项目支出较年初预算完成92%")
    reasons = [(text.find("原因", s, e), e) for s, e in sentences(text) if "原因" in text[s:e]]
    for offset, claim in sorted([(c.offset, c) for c in said] + compares, key=lambda e: e[0]):
        if isinstance(claim, str):
            named = bind(clause_label(text, offset))
            figures = stated.get(named if named in stated else last, {})
            if "budget" in figures and "actual" in figures:
                yield Pairing(_number(figures["budget"]), _number(figures["actual"]), offset, claim,
                              target=figures["actual"].target)
            continue
        key = last = _key(claim)
        figures = stated.setdefault(key, {})
        if claim.kind == "budget":
            figures["budget"] = figures[f"budget/{claim.word}"] = claim
        elif claim.kind == "amount" and claim.period == "this":
            figures["actual"] = claim
        elif claim.kind == "completion" and claim.unit == "%" and not any(s <= claim.offset < e for s, e in reasons):
            later = _later_in_sentence(text, said, claim)
            budget = figures.get(f"budget/{claim.word}") or figures.get("budget") or later.get("budget")
            actual = figures.get("actual") or later.get("actual")
            if budget and actual:
                yield Pairing(_number(budget), _number(actual), claim.offset, f"{claim.value}%", _number(claim),
                              claim.word, actual.target)


def _later_in_sentence(text: str, said: list[Claim], claim: Claim) -> dict[str, Claim]:
    """The budget and actual amount of the claim's subject stated after it in its sentence."""
    end = next((e for s, e in sentences(text) if s <= claim.offset < e), len(text))
    found: dict[str, Claim] = {}
    for c in said:
        if claim.offset < c.offset < end and _key(c) == _key(claim):
            kind = "budget" if c.kind == "budget" else "actual" if c.kind == "amount" and c.period == "this" else ""
            if kind:
                found.setdefault(kind, c)
    return found


@dataclass(frozen=True)
class Share:
    part: Claim         # the amount stated just before: "基本支出60.00万元，占…"
    share: Claim        # the percentage
    of: str             # the words naming the whole, as printed ("本年支出合计", or "" for a bare "占60%")


_OF = re.compile(r"占(?P<of>[^%，。；,;]{0,24}?)(?:的)?\s*$")


def shares(text: str, said: list[Claim]) -> list[Share]:
    """Each share of an amount ("X万元，占Y的Z%"; "0万元，完成全年预算的0%，占0%"): the share claim, the
    amount just before it (a few words before its 占), and the words that name the whole."""
    found = []
    for c in said:
        of = _OF.search(text, 0, c.offset) if c.kind == "share" else None
        part = next((a for a in reversed(said) if a.offset < c.offset and a.unit in ("万元", "元", "亿元")), None)
        if of is None or part is None:
            continue
        part_end = text.find(part.unit, part.offset) + len(part.unit)
        if of.start() - part_end <= 12:
            found.append(Share(part, c, of.group("of")))
    return found


@dataclass(frozen=True)
class Breakdown:
    whole: Claim
    parts: list[Claim]
    start: int          # offset of its 其中


_LIST_ENDS = ("change", "budget", "completion")


def breakdowns(text: str, said: list[Claim]) -> Iterator[Breakdown]:
    """Each "X a万元，其中：A b万元；B c万元。" (or "X a万元（其中：A b万元）"): the amount just before 其中 and
    the amounts listed after it, to the end of the sentence or the parenthesis, or to a change, a budget or a
    completion rate (what follows those is about them, not a part of X)."""
    for m in re.finditer(r"其中[：:]?", text):
        whole = next((c for c in reversed(said) if c.offset < m.start()), None)
        if whole is None or whole.kind != "amount" or text[whole.offset + len(whole.value):m.start()].strip(
                " ,，(（万元亿") != "":
            continue
        inside = text[:m.start()].rstrip().endswith(("(", "（"))
        end = text.find(")" if inside else "。", m.end())
        parts = []
        for c in (c for c in said if m.end() <= c.offset < (len(text) if end < 0 else end)):
            if c.kind in _LIST_ENDS or "其中" in text[m.end():c.offset]:
                break
            if c.kind == "amount":
                parts.append(c)
        if parts:
            yield Breakdown(whole, parts, m.end())


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


