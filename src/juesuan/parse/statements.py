"""What a report's narrative states that the model holds, read into its Report: each 项's 年初预算,
the reason its 决算 differs and what it was used for; last year's totals implied by the stated changes
(this year's amount ∓ the change); the 三公 items' prior amounts; 机关运行经费; 政府采购 by kind;
the vehicles by kind; the reasons given for the changes and the 重点工作 part. Blank stays blank: only what the text states is filled."""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims.procurement import reserved
from ..claims.prose import (
    AMOUNT_TEXT,
    NOT_NARRATIVE,
    amounts,
    chains,
    fold,
    resolve,
    sentences,
    subject_rows,
)
from ..claims.sangong import item_changes, stated_figures
from ..claims.sentences import BUDGET, growths
from ..document import Document, Paragraph
from ..model import Assets, PriorYear, Procurement, Report, RunningCost, SanGong, SanGongItems, SubjectLine

_CONNECT = r"(?:决算数?|合计|总额|共计|为|是|达到?|：|:|\s)*"
# last year's totals, by the words that name them (longest first)
PRIOR_FIELDS = (
    ("grand", r"收、?支总计|收入支出总计"),
    ("general_basic", r"一般公共预算财政拨款基本支出"),
    ("general_expenditure", r"一般公共预算财政拨款支出"),
    ("fiscal_total", r"财政拨款收入、?支出|财政拨款收、?支|(?<!预算)财政拨款支出"),
    ("income_total", r"本年收入合计|(?<![总拨款])收入合计"),
    ("expenditure_total", r"本年支出合计|(?<![总拨款])支出合计"),
    ("personnel", r"人员经费"),
    ("public", r"公用经费"),
    ("basic", r"(?<!拨款)基本支出"),
    ("project", r"(?<!拨款)项目支出"),
)
_REASON = re.compile(r"主要原因(?:是|为|：|:)?(?P<text>[^。]+)")
_PURPOSE = re.compile(r"主要用于(?:：|:)?(?P<text>[^。]+)")
_VEHICLE = re.compile(r"(?P<label>[^，、；：:,;\d]{2,12}?用车)\s*(?P<count>\d+)\s*辆")


def _narrative(doc: Document, *words: str) -> list[Paragraph]:
    return [p for p in doc.paragraphs if not p.in_section(*NOT_NARRATIVE) and (not words or p.in_section(*words))]


def _stated(text: str, words: str, before: int | None = None) -> Decimal | None:
    """The last amount stated right after ``words`` (before offset ``before``)."""
    found = [m for m in re.finditer(rf"(?:{words}){_CONNECT}(?={AMOUNT_TEXT})", text)
             if before is None or m.start() < before]
    return amounts(text, found[-1].end())[0].value if found else None


def item_statements(doc: Document, lines: list[SubjectLine]) -> list[SubjectLine]:
    """Each 项 named by a chain "X（类）Y（款）Z（项）": its 年初预算, variance reason and purpose —
    stated after the chain, up to the next chain (in the next paragraph too, where a page break or a
    line of its own split them)."""
    rows = subject_rows(doc.tables)
    paragraphs = _narrative(doc)
    stated: dict[str, dict[str, object]] = {}
    for index, paragraph in enumerate(paragraphs):
        printed = paragraph.text
        found = chains(fold(printed))
        for chain, following in zip(found, [*found[1:], None]):
            code = resolve(chain, rows).code
            if code is None or code in stated:
                continue
            said = printed[chain.end:following.start if following else len(printed)]
            if following is None and index + 1 < len(paragraphs):
                after = paragraphs[index + 1].text
                said += after[:next((c.start for c in chains(fold(after))), len(after))]
            folded = fold(said)
            budget = BUDGET.search(folded)
            reason, purpose = _REASON.search(said), _PURPOSE.search(said)
            stated[code] = {k: v for k, v in (
                ("budget_initial", amounts(folded, budget.end())[0].value if budget else None),
                ("variance_reason", reason.group("text").strip() if reason else ""),
                ("purpose", purpose.group("text").strip() if purpose else "")) if v not in (None, "")}
    return [line.model_copy(update={k: v for k, v in stated.get(line.code, {}).items() if not getattr(line, k)})
            for line in lines]


def _change_subject(text: str, start: int) -> str | None:
    """The PriorYear field the clause before a change word is about."""
    clause = re.split(r"[，。；,;]", text[:start])[-1]
    return next((name for name, words in PRIOR_FIELDS if re.search(words, clause)), None)


REASONS = {"grand": "total_change_reason", "income_total": "income_change_reason",
           "expenditure_total": "expenditure_change_reason", "fiscal_total": "fiscal_change_reason",
           "general_expenditure": "general_change_reason"}


def changes(doc: Document) -> tuple[PriorYear, dict[str, str]]:
    """Last year's totals — this year's amount (stated in the change's sentence, or for the same
    subject earlier in the paragraph) minus an increase, or plus a decrease — and the reason given
    right after each change ("主要原因是…")."""
    found: dict[str, Decimal] = {}
    reasons: dict[str, str] = {}
    for paragraph in _narrative(doc):
        text = fold(paragraph.text)
        for g in growths(text):
            if g.change is None or g.base != "上年数":
                continue
            at = g.current.start if g.current else g.change.start
            name = _change_subject(text, at)
            if name is None or name in found or name == "grand" and name in reasons:
                continue
            reason = _REASON.search(paragraph.text, g.change.end, g.change.end + 200)
            if reason and name in REASONS:
                reasons[REASONS[name]] = reason.group("text").strip()
            if name == "grand":
                reasons.setdefault(REASONS[name], "")
                continue
            if g.prior is not None:
                found[name] = g.prior.value
                continue
            current = g.current.value if g.current else _stated(text, dict(PRIOR_FIELDS)[name], g.change.start)
            if current is not None:
                found[name] = current - g.change.value if g.up else current + g.change.value
    return PriorYear(**found), {k: v for k, v in reasons.items() if v}


def key_work(doc: Document) -> str:
    """The 重点工作完成情况 part, its headings and paragraphs in order, one per line."""
    paragraphs = [(p.line or 0, p.text) for p in doc.paragraphs if p.in_section("重点工作")]
    if not paragraphs:
        return ""
    first, last = paragraphs[0][0], paragraphs[-1][0]
    part = max((h.line or 0 for h in doc.headings if h.level == 1 and (h.line or 0) < first), default=0)
    headings = [(h.line or 0, h.text) for h in doc.headings if h.level > 1 and part < (h.line or 0) < last]
    return "\n".join(text for _, text in sorted(headings + paragraphs))


def sangong_stated(doc: Document, sangong: SanGong) -> SanGong:
    """The 三公 budget and actual amounts the narrative states, where the table gave none (a report
    whose 三公 table is a picture, or a standalone 三公 page), and each item's prior amount."""
    said: dict[str, dict[str, Decimal]] = {"budget": {}, "actual": {}}
    for paragraph in _narrative(doc, "三公"):
        for item, kind, figure in stated_figures(fold(paragraph.text), doc.year):
            if item in SanGongItems.model_fields:
                said[kind].setdefault(item, figure.value)
    filled = {kind: getattr(sangong, kind).model_copy(update={
        item: value for item, value in said[kind].items() if getattr(getattr(sangong, kind), item) is None})
        for kind in said}
    return _sangong_prior(doc, sangong.model_copy(update=filled))


def _sangong_prior(doc: Document, sangong: SanGong) -> SanGong:
    """Each 三公 item's amount last year: this year's ∓ the stated change."""
    changes: dict[str, Decimal] = {}
    for paragraph in _narrative(doc, "三公"):
        for item, change in item_changes(fold(paragraph.text)).items():
            changes.setdefault(item, change)
    prior = {item: getattr(sangong.actual, item) - change for item, change in changes.items()
             if item in SanGongItems.model_fields and getattr(sangong.actual, item) is not None}
    return sangong.model_copy(update={"prior": SanGongItems(**prior)}) if prior else sangong


def running_cost(doc: Document) -> RunningCost:
    paragraphs = _narrative(doc, "机关运行经费")
    text = fold("".join(p.text for p in paragraphs))
    if re.search(r"(?:不是|非)行政单位|没有机关运行经费|无机关运行经费", text):
        return RunningCost(applicable=False)
    amount = _stated(text, r"机关运行经费(?:支出)?(?:决算)?")
    prior = None
    for g in growths(text):
        if amount is not None and g.change is not None and g.base == "上年数":
            prior = g.prior.value if g.prior else amount - g.change.value if g.up else amount + g.change.value
            break
    return RunningCost(amount=amount, prior=prior)


def procurement(doc: Document) -> Procurement:
    text = fold("".join(p.text for p in _narrative(doc, "政府采购")))
    kinds = {kind: _stated(text, rf"(?:政府采购)?{word}(?:采购)?(?:支出|金额)?")
             for kind, word in (("goods", "货物"), ("works", "工程"), ("services", "服务"))}
    small = _stated(text, r"(?:授予)?小微企业(?:的)?(?:合同)?(?:金额)?")
    found = {k: v for k, v in kinds.items() if v is not None}
    if small is not None:
        found["small_micro"] = small
    found |= {key: r.amount.value for key, r in reserved(_narrative(doc, "政府采购")).items()}   # Shanghai's 预留
    sme = _stated(text, r"授予中小企业(?:的)?(?:合同)?(?:金额)?")
    bought = [k for k, v in kinds.items() if v]
    if sme is not None and len(bought) == 1 and all(v is not None for v in kinds.values()):
        # the SME total of one kind bought: the other kinds, bought for 0, awarded 0
        found |= {f"sme_{k}": sme if k == bought[0] else Decimal(0) for k in kinds}
    return Procurement(**found)


def assets(doc: Document) -> Assets:
    for paragraph in _narrative(doc, "国有资产"):
        text = fold(paragraph.text)
        for start, end in sentences(text):
            if "共有车辆" in text[start:end]:
                return Assets(vehicles={m.group("label").removeprefix("其中").strip("：: "): int(m.group("count"))
                                        for m in _VEHICLE.finditer(text, start, end)})
    return Assets()


def with_statements(doc: Document, report: Report) -> Report:
    """The Report with what its narrative states filled in (its tables' figures are left as read)."""
    prior, reasons = changes(doc)
    texts = report.texts.model_copy(update={**reasons, **({"key_work": work} if (work := key_work(doc)) else {})})
    return report.model_copy(update={
        "lines": item_statements(doc, report.lines), "prior": prior, "texts": texts,
        "sangong": sangong_stated(doc, report.sangong), "running_cost": running_cost(doc),
        "procurement": procurement(doc), "assets": assets(doc)})
