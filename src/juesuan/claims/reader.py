"""Every figure the narrative states, read into a claim: what kind of figure it is (an amount, a
change, a rate, a share, a budget, a completion rate, a count), which subject it is about, and which
period — as data (JSON-able), for the rules, the Analysis and `parse`'s output.

A clause names its subject before its figures ("公务接待费支出决算为2.58万元"); a clause that names
none inherits the subject of the clause before it in the paragraph ("…，增加0万元，增长0.00%").
A subject is *resolved* when it is a name the report's forms or the disclosure template know: a
named total, a 类/款/项 of the tables, a 三公 item, 机关运行经费, a kind of procurement, and so on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from decimal import Decimal

from ..catalog import bundled
from ..document import Document, Paragraph
from .procurement import reserved
from .prose import (
    NOT_NARRATIVE,
    NUMBER,
    SENTENCE_END,
    Number,
    about_other_year,
    chains,
    decimal,
    fold,
    resolve,
    subject_rows,
)
from .subjects import CLAUSE, bind, generic, label

# the subjects the template's sentences are about, beyond the rows of the tables
KNOWN = ("收入总计", "支出总计", "收支总计", "收、支总计", "本年收入", "本年支出", "收入合计", "支出合计",
         "财政拨款收入", "财政拨款支出", "财政拨款收支", "一般公共预算", "政府性基金", "国有资本经营", "基本支出",
         "项目支出", "人员经费", "公用经费", "上级补助", "事业收入", "经营收入", "附属单位", "其他收入",
         "上缴上级", "经营支出", "对附属单位", "结转", "结余", "三公", "因公出国", "公务用车", "公务接待",
         "购置", "运行维护", "机关运行经费", "政府采购", "货物", "工程", "服务", "中小企业", "小微企业",
         "授予", "预留", "车辆", "用车", "资产", "绩效", "项目", "专项", "预算", "决算", "执行数", "执行率",
         "资金", "接待", "出国", "收入", "支出", "收支", "采购", "单价")
_FIGURE = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>亿元|万元|元|%|辆|个|人次|人|次|批次|项|家|台|套)")
_KIND_BEFORE = (
    # "收、支总计各减少1267.86，2570.97万元": a list of changes, the ones before printed without a unit
    # ("增加到110万元" is the new amount, not a change)
    (re.compile(r"(?:(?P<word>增加|减少|增长|下降|上升|降低|增减|变动)了?(?![为到至])|(?P<rate>增幅|降幅|减幅|涨幅))"
                r"[^\d，,。；;%]{0,8}(?:[\d.,]+[,，、]\s*)*$"), "change"),
    # "为年初预算的95%", "占调整预算的95%", "预算完成率为95%", "完成全年预算0万元的0%"
    # (a 完成 without 预算 is of a target, not of the budget: "较年初完成92%", 绩效's "完成率")
    (re.compile(r"(?:为|占|是)(?:年初|全年|调整后?)?预算数?的?\s*$|完成[^\d，。；]{0,12}?预算[^\d，。；]{0,6}$"
                r"|预算[^\d，。；]{0,4}完成率[^\d，。；]{0,4}$|执行率[^\d，。；]{0,6}$"
                r"|完成[^，。；\d]{0,12}[\d.,]+\s*(?:亿元|万元|元)的\s*$"), "completion"),
    (re.compile(r"占[^\d，。；]{0,24}$"), "share"),
    (re.compile(r"(?:年初|全年|调整后?)?预算(?:数)?(?:为|是)?\s*$"), "budget"),
)
_WHICH_BUDGET = ("调整", "年初", "全年")
_PRIOR = re.compile(r"上年|上一年|去年|同期|\d{4}\s*年度?(?:决算)?(?:为|是)?\s*$")


@dataclass(frozen=True)
class Claim:
    kind: str          # amount, change, rate, share, budget, completion, count
    value: str         # as printed
    unit: str          # 万元, 元, 亿元, %, 辆 …
    subject: str       # what it is about, as the text names it ("" when nothing names it)
    resolved: bool     # the subject is a name the forms or the template know
    period: str        # this (the report's year), prior, or budget
    line: int | None
    section: str
    target: str = ""   # what the subject is bound to: a named total, a template item or a table row
    offset: int = -1   # where the figure starts in its paragraph's text
    word: str = ""     # of a change or its rate, the word that says which way (增加, 减少, 下降 …); of a
    #                    budget or a completion rate, which budget (年初, 全年, 调整) when it says

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    @property
    def number(self) -> Number:
        """The figure: an amount in 万元 (亿元 and 元 converted, at their printed precision), a percentage
        or a count."""
        scale = {"亿元": Decimal(10000), "元": Decimal("0.0001")}.get(self.unit, Decimal(1))
        return Number(decimal(self.value) * scale, self.value, self.offset, self.offset + len(self.value), scale)


def _kind(before: str, unit: str) -> tuple[str, str]:
    """(kind, the word of a change) of a figure from the words before it."""
    if unit not in ("亿元", "万元", "元", "%"):
        return "count", ""
    for pattern, kind in _KIND_BEFORE:
        if m := pattern.search(before):
            if kind in ("completion", "budget"):    # which budget: 年初, 全年, 调整 (or the one stated)
                which = next((w for w in _WHICH_BUDGET if w in m.group(0)), "")
                # "完成全年预算0万元的0%": the amount inside the completion clause is the budget
                return ("budget" if unit != "%" else kind), which
            word = next((w for w in m.groupdict().values() if w), "")
            return ("rate" if kind == "change" and unit == "%" else kind), word
    return ("rate" if unit == "%" else "amount"), ""


def subjects_of(doc: Document) -> set[str]:
    """The names the report's tables print (rows of every form), folded."""
    return {fold(row.name) for table in doc.tables for block in table.blocks for row in block.rows
            if len(row.name) >= 2}


def resolved(label: str, names: set[str]) -> bool:
    text = fold(label)
    return bool(text) and (any(word in text for word in KNOWN) or any(name in text or text in name
                                                                       for name in names if len(text) >= 2))


def row_codes(doc: Document, catalog=None) -> dict[str, str]:
    """The 功能分类 subjects a clause may name: folded name → code, for the rows of the tables (a name
    printed for two codes keeps neither) and every 类 of the catalogue, whose names are unique (with and
    without their 支出: "“一般公共服务”306.90万元")."""
    found: dict[str, str | None] = {}
    table_rows = subject_rows(doc.tables)
    for row in table_rows:
        name = fold(row.name).strip(" 0123456789.、一二三四五六七八九十")
        found[name] = row.code if found.get(name, row.code) == row.code else None
    classes = [(fold(s.name), s.code) for s in (catalog or bundled()).subjects(year=doc.year) if len(s.code) == 3]
    classes += [(fold(row.name).strip(" 0123456789.、"), row.code) for row in table_rows if len(row.code) == 3]
    for name, code in classes:
        found.setdefault(name, code)
        if len(name.removesuffix("支出")) >= 4:
            found.setdefault(name.removesuffix("支出"), code)
    return {name: code for name, code in found.items() if code}


def paragraph_claims(paragraph: Paragraph, names: set[str], rows: dict[str, str] | None = None,
                     table_rows: list | None = None, catalog=None, carried: str = "",
                     year: int | None = None) -> Iterator[Claim]:
    """The paragraph's claims; a figure before any subject is named is about ``carried`` (see ``claims``)."""
    text = fold(paragraph.text)
    section = next((h for h in reversed(paragraph.section) if h), "")
    subject, previous, target = "", 0, carried
    outside = None          # (subject, target) before a "（其中…）" the last figure was in
    for m in _FIGURE.finditer(text):
        inside = text.rfind("(", 0, m.start()) > text.rfind(")", 0, m.start())
        if outside and not inside:      # "共15批次（其中外事接待0批次），105人次": 105 is the 15's again
            subject, target = outside
        outside = (outside or (subject, target)) if inside else None
        starts = [c.end() for c in CLAUSE.finditer(text, previous, m.start())]
        clause = max([previous, *starts])
        before = text[clause:m.start()]      # the words since the last break or figure
        unit = m.group("unit")
        kind, word = _kind(text[max(0, m.start() - 30):m.start()], unit)
        words = "" if kind == "completion" else label(before)     # "为年初预算的95%" names the budget only
        named = chains(text[previous:m.start()])        # "1、X（类）Y（款）Z（项）。…年初预算为…": its 项
        if named:
            code = resolve(named[-1], table_rows or [], catalog).code
            target = f"row/{code}" if code else ""
        if words and not words.isdigit():
            if named or not generic(words, before):     # "支出决算为…", "上年决算数为…" name nothing new: inherit
                subject = words
                if not named:
                    target = bind(words, rows) or project_before(text, previous, clause, words)
            subject = subject or words
        if not named and kind != "completion" and (not words or generic(words, before)):
            subject, target = named_before(text, previous, clause, rows) or (subject, target)
        previous = m.end()
        period = "budget" if kind == "budget" else \
            "prior" if _PRIOR.search(before) or about_other_year(text, m.start(), year) else "this"
        yield Claim(kind, m.group("num"), unit, subject, resolved(subject, names), period,
                    paragraph.line_at(m.start()), section, target, m.start(), word)


_EXPLAINING = re.compile(r"^(?:主要|原因|用于|包括|具体|其中)")


def named_before(text: str, since: int, until: int, rows: dict[str, str] | None) -> tuple[str, str] | None:
    """(label, target) of the last clause of the sentence between ``since`` and ``until`` that names
    something: "公务用车购置及运行费，全年预算为0万元" is about the 公务用车 named in a clause without a
    figure. Clauses that explain (主要用于…, 原因…) name no subject."""
    since = max([since, *(m.end() for m in SENTENCE_END.finditer(text, since, until))])
    breaks = list(CLAUSE.finditer(text, since, until))
    starts, ends = [since, *(m.end() for m in breaks)], [*(m.start() for m in breaks), until]
    for start, end in reversed(list(zip(starts, ends))):
        words = label(text[start:end])
        if words and not _EXPLAINING.match(words) and (found := bind(words, rows)):
            return words, found
    return None


_PROJECT_BUDGET = re.compile(r"^项目(?:全年|年度)?预算")
_PROJECT_NOISE = re.compile(r"^(?:\d{4}\s*年度?)|(?:项目)?(?:绩效自评综述|绩效自评结果|绩效自评|绩效评价)$")


def project_before(text: str, since: int, clause: int, words: str) -> str:
    """``project/<name>`` for "企服工作经费绩效自评综述：项目全年预算数73.49万元" — a project's budget, the
    project named in the clause before — else ""."""
    if not _PROJECT_BUDGET.match(words):
        return ""
    start = max([since, *(m.end() for m in re.finditer(r"[。；;：:]", text[:max(since, clause - 1)]))])
    name = _PROJECT_NOISE.sub("", text[start:clause].strip(" :：，,")).strip()
    return f"project/{name}" if len(name) >= 2 else ""


def claims(doc: Document, catalog=None) -> list[Claim]:
    """Every figure the narrative (not the 名词解释 or 附件) states, as a claim."""
    return [c for _, said in claims_by_paragraph(doc, catalog) for c in said]


def _vocabulary(doc: Document, catalog=None) -> tuple[set[str], dict[str, str], list]:
    """What claims are resolved and bound with: the tables' names, the names a clause binds to a code, and
    the tables' 功能分类 rows (for the chains)."""
    return subjects_of(doc), row_codes(doc, catalog), subject_rows(doc.tables)


def claims_by_paragraph(doc: Document, catalog=None) -> list[tuple[Paragraph, list[Claim]]]:
    """The narrative's paragraphs, each with the claims it states."""
    names, rows, table_rows = _vocabulary(doc, catalog)
    found: list[tuple[Paragraph, list[Claim]]] = []
    carried, section, item = "", None, ""
    for paragraph in doc.paragraphs:
        if paragraph.in_section(*NOT_NARRATIVE):
            continue
        first, section = paragraph.section != section, paragraph.section
        if first and not carried:       # a section's first paragraph starts with what its heading names
            carried = bind(label(next((h for h in reversed(section) if h), "")), rows)
        said = _procurement_bound(paragraph, list(paragraph_claims(paragraph, names, rows, table_rows, catalog,
                                                                   carried or ("" if first else item), doc.year)))
        found.append((paragraph, said))
        text = fold(paragraph.text)
        named = chains(text)           # "12、X（类）Y（款）Z（项）。" alone: the next paragraph's subject
        code = resolve(named[-1], table_rows, catalog).code if named and not said else None
        # so is the subject of one that ends "…252.74万元，主要用于：" (a reader ends a paragraph at a colon)
        # or is cut in a sentence ("…执行数" / "为0.08万元，…": a page break)
        continues = text.rstrip().endswith((":", "：")) or not SENTENCE_END.search(text.rstrip()[-1:] or "。")
        carried = f"row/{code}" if code else said[-1].target if said and continues else ""
        # and a 项's explanation cut into two paragraphs ("…177.17万元，主要用于：…。" / "年初预算为0元，…")
        # goes on about its 项, within the section, until a paragraph names another subject
        item = said[-1].target if named and said and said[-1].target.startswith("row/") else \
            "" if first or any(c.target != item for c in said) else item
    return found


def heading_claims(doc: Document, catalog=None) -> list[tuple[Paragraph, list[Claim]]]:
    """What the headings that are not also paragraphs state ("（三）公务接待费2.85万元"), each read as a
    paragraph of the section it heads (the section of the paragraph after it)."""
    names, rows, table_rows = _vocabulary(doc, catalog)
    lines = {n for p in doc.paragraphs for n, _ in p.lines}
    found = []
    for heading in doc.headings:
        if heading.line is None or heading.line in lines or not _FIGURE.search(fold(heading.text)):
            continue
        after = next((p for p in doc.paragraphs if (p.line or 0) > heading.line), None)
        as_paragraph = Paragraph(((heading.line, heading.text),), section=after.section if after else (),
                                 page=heading.page)
        if not as_paragraph.in_section(*NOT_NARRATIVE):
            found.append((as_paragraph, list(paragraph_claims(as_paragraph, names, rows, table_rows, catalog,
                                                              year=doc.year))))
    return found


def _procurement_bound(paragraph: Paragraph, said: list[Claim]) -> list[Claim]:
    """The 中小企业 amounts of 政府采购 bound by their words, which run over several clauses
    ("在面向中小企业预留的政府采购项目中，由中小企业供应商中标或成交的，采购金额225.10万元")."""
    won = {r.amount.start: f"procurement/{key}" for key, r in reserved([paragraph]).items()}
    return [replace(c, target=won[c.offset]) if c.offset in won else c for c in said]


def coverage(found: list[Claim]) -> tuple[int, int, int]:
    """(amounts and percentages with a resolved subject, those bound to a target, all of them)."""
    money = [c for c in found if c.unit in ("亿元", "万元", "元", "%")]
    return sum(1 for c in money if c.resolved), sum(1 for c in money if c.target), len(money)
