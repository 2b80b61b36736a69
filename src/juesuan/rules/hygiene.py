"""H: what a reviewer sees at a glance and no amount check does — years that are not the report's,
doubled or unbalanced punctuation, list numbering that skips or repeats, template leftovers in the
headings and brackets, and another department's name in a heading."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..claims.prose import NOT_NARRATIVE, fold
from ..document import Paragraph
from ..document.normalize import key
from .context import Context
from .registry import BOTH, Hit, Location, NotApplicable, Severity, rule

_YEAR = re.compile(r"(?<!\d)(?P<year>20\d\d)\s*年度?")
_AGAINST = re.compile(r"(?:与|较|比|同)\s*(?P<year>20\d\d)\s*年度?(?:决算数?)?(?:相比|对比|比较|同期)?")
_AS_OF = re.compile(r"截[至止]\s*(?P<year>20\d\d)\s*年\s*12\s*月\s*31\s*日")
_BUDGET_AS_OF = re.compile(r"截[至止]\s*(?P<year>20\d\d)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_DATED = re.compile(r"^\s*(?P<year>20\d\d)\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*$")


def _narrative(ctx: Context) -> list[Paragraph]:
    return [p for p in ctx.doc.paragraphs if not p.in_section(*NOT_NARRATIVE)]


def _year(ctx: Context) -> int:
    """The report's year; NotApplicable for juesuan's own Document (its text is written, not read:
    it is checked as rendered) or when the year is unknown."""
    if ctx.doc.generated:
        raise NotApplicable("built by juesuan")
    if not ctx.doc.year:
        raise NotApplicable("report year unknown")
    return ctx.doc.year


@rule("H001", "年度与报告年度一致", documents=BOTH, message="{what}写的是 {actual} 年，应为 {expected} 年",
      basis="Y 年度决算报告：标题、各部分标题和表名写 Y 年；“与上年相比”指 Y−1 年；国有资产“截至 Y 年 12 月 31 日”；"
            "编制、公开日期在 Y 年之后。Y 年部门预算：“比上年预算”指 Y−1 年的预算；资产“截至” Y−1 年的某日",
      example="2024 年度报告的标题“第二部分 2023年度部门决算情况说明”；资产“截至2023年12月31日”")
def check_years(ctx: Context) -> Iterator[Hit]:
    year = _year(ctx)
    for heading in ctx.doc.headings:
        if re.search(r"相比|对比|比较|上年", heading.text):
            continue
        for m in _YEAR.finditer(fold(heading.text)):
            if int(m.group("year")) != year:
                yield Hit(Location(ctx.doc.source, page=heading.page, line=heading.line, section=heading.text),
                          {"what": "标题", "actual": m.group("year"), "expected": year},
                          expected=str(year), actual=m.group("year"))
    for table in ctx.doc.tables:
        for m in _YEAR.finditer(fold(table.title)):
            if int(m.group("year")) != year:
                yield Hit(Location(ctx.doc.source, page=table.page, line=table.origin, table=table.title),
                          {"what": "表名", "actual": m.group("year"), "expected": year},
                          expected=str(year), actual=m.group("year"))
    if ctx.doc.kind == "budget":
        yield from _budget_years(ctx, year)
        return
    for paragraph in _narrative(ctx):
        text = fold(paragraph.text)
        for m in _AGAINST.finditer(text):
            budget = re.match(r"\s*(?:年初|全年)?预算", text[m.end():]) is not None   # "与2023年预算相比"
            if int(m.group("year")) != (year if budget else year - 1):
                yield from _year_hit(ctx, paragraph, m, "与上年比较", year if budget else year - 1)
        for m in _AS_OF.finditer(text):
            if int(m.group("year")) != year:
                yield from _year_hit(ctx, paragraph, m, "资产统计截止日期", year)
        if _DATED.match(text) and int(_DATED.match(text).group("year")) <= year:
            dated = _DATED.match(text).group("year")
            yield Hit(ctx.at(paragraph), {"what": "编制（公开）日期", "actual": dated, "expected": f"{year + 1} 年或以后"},
                      expected=f"≥{year + 1}", actual=dated)


def _budget_years(ctx: Context, year: int) -> Iterator[Hit]:
    """A Y 年 budget compares with the Y−1 年 budget and counts its assets as of a day of Y−1 年."""
    for paragraph in _narrative(ctx):
        text = fold(paragraph.text)
        for m in _AGAINST.finditer(text):
            if int(m.group("year")) != year - 1:
                yield from _year_hit(ctx, paragraph, m, "与上年预算比较", year - 1)
        for m in _BUDGET_AS_OF.finditer(text):
            if int(m.group("year")) != year - 1:
                yield from _year_hit(ctx, paragraph, m, "资产统计截止日期", year - 1)


def _year_hit(ctx: Context, paragraph: Paragraph, m: re.Match, what: str, wanted: int) -> Iterator[Hit]:
    yield Hit(ctx.at(paragraph, m.start("year")), {"what": what, "actual": m.group("year"), "expected": wanted},
              expected=str(wanted), actual=m.group("year"))


# -- punctuation ------------------------------------------------------------------------------------
_DOUBLED = re.compile(r"([，。；：、！？])\1|[，；：、][。！？]|[。][，；、]")
_PAIRS = (("（", "）"), ("“", "”"), ("《", "》"), ("【", "】"))
_MIXED_AMOUNT = re.compile(r"\d[，。]\d{3}(?:\.\d+)?\s*万?元|\d,\d{3}，\d{3}")


@rule("H002", "标点规范", documents=BOTH, severity=Severity.WARNING, message="{what}：“{actual}”",
      basis="句中不重复或叠用标点（“。。”“，。”），括号和引号成对，金额内不混用全角标点",
      example="“主要用于日常办公。。”；“（含外宾接待支出0万元”少了右括号")
def check_punctuation(ctx: Context) -> Iterator[Hit]:
    _year(ctx)
    for paragraph in _narrative(ctx):
        text = paragraph.text
        for m in _DOUBLED.finditer(text):
            if text[m.start():m.end()] == "……":
                continue
            yield Hit(ctx.at(paragraph, m.start()), {"what": "标点重复或叠用", "actual": text[max(0, m.start() - 8):m.end()]},
                      actual=m.group(0))
        for m in _MIXED_AMOUNT.finditer(text):
            yield Hit(ctx.at(paragraph, m.start()), {"what": "金额中混用全角标点", "actual": m.group(0)}, actual=m.group(0))
    yield from _unbalanced(ctx)


def _unbalanced(ctx: Context) -> Iterator[Hit]:
    """Brackets and quotes counted over a section's paragraphs (a page break may split a paragraph)."""
    sections: dict[tuple[str, ...], list[Paragraph]] = {}
    for paragraph in _narrative(ctx):
        sections.setdefault(paragraph.section, []).append(paragraph)
    for paragraphs in sections.values():
        text = "".join(p.text for p in paragraphs)
        starts = [sum(len(p.text) for p in paragraphs[:i]) for i in range(len(paragraphs))]
        for left, right in _PAIRS:
            at = _unmatched(text, left, right)
            if at is None:
                continue
            index = max(i for i, start in enumerate(starts) if start <= at)
            paragraph, offset = paragraphs[index], at - starts[index]
            yield Hit(ctx.at(paragraph, offset), {"what": f"“{left}”与“{right}”不成对",
                                                   "actual": paragraph.text[max(0, offset - 12):offset + 12]},
                      expected=f"{left}…{right}",
                      actual=f"{text.count(left)} 个“{left}”、{text.count(right)} 个“{right}”")


def _unmatched(text: str, left: str, right: str) -> int | None:
    """Where a pair breaks: a closing mark with none open, or the last opening mark never closed."""
    opened: list[int] = []
    for i, char in enumerate(text):
        if char == left:
            opened.append(i)
        elif char == right:
            if not opened:
                return i
            opened.pop()
    return opened[-1] if opened else None


# -- list numbering --------------------------------------------------------------------------------
_CHINESE = "一二三四五六七八九十"
_HEADING_NUMBER = re.compile(rf"^\s*(?:(?P<paren>[(（](?P<cn>[{_CHINESE}]{{1,3}})[)）])|(?P<plain>[{_CHINESE}]{{1,3}})、)")
_ITEM_NUMBER = re.compile(r"^\s*(?P<n>\d{1,2})\s*[.、．](?!\d)")


def _number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20."""
    if not text or any(c not in _CHINESE for c in text):
        return None
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CHINESE.index(tens) + 1 if tens else 1) * 10 + (_CHINESE.index(ones) + 1 if ones else 0)
    return _CHINESE.index(text) + 1 if len(text) == 1 else None


def _numbered(ctx: Context) -> Iterator[tuple[str, tuple[str, ...], int, Location]]:
    """(style, scope, number, where) of each numbered heading or paragraph: 一、 and （一） count within a
    part (第X部分), 1. within its section."""
    parts = sorted((h.line or 0, h.text) for h in ctx.doc.headings if h.level == 1)

    def part(line: int) -> str:
        return next((text for start, text in reversed(parts) if start <= line), "")

    places = [(h.line or 0, h.text, Location(ctx.doc.source, page=h.page, line=h.line, section=h.text), ())
              for h in ctx.doc.headings]
    places += [(p.line or 0, p.text, ctx.at(p), p.section) for p in _narrative(ctx)]
    above = 0     # the last heading or numbered line: a 1. list restarts under each
    chapter = 0   # the last 一、 line: a （一） list restarts under each
    for line, text, where, section in sorted(places, key=lambda x: x[0]):
        m = _HEADING_NUMBER.match(text)
        if m and (n := _number(m.group("cn") or m.group("plain"))):
            style = "（一）" if m.group("paren") else "一、"
            chapter = line if style == "一、" else chapter
            yield style, (part(line), style, str(chapter if style == "（一）" else "")), n, where
        elif section and (m := _ITEM_NUMBER.match(text)):
            yield "1.", (*section, str(above)), int(m.group("n")), where
            continue
        above = line


@rule("H003", "序号连续", documents=BOTH, severity=Severity.WARNING, message="序号{what}：{previous} 之后是 {actual}",
      basis="同一层级的序号依次排列，不跳号、不重号（一、二、三；（一）（二）；1. 2.）",
      example="“（一）……（三）……”缺少（二）；“1.……1.……”重号")
def check_numbering(ctx: Context) -> Iterator[Hit]:
    _year(ctx)
    lists: dict[tuple[str, tuple[str, ...]], list[tuple[int, Location]]] = {}
    for style, scope, number, where in _numbered(ctx):
        lists.setdefault((style, scope), []).append((number, where))
    for (style, _), numbers in lists.items():
        slips = [(previous, number, where) for (previous, _), (number, where) in zip(numbers, numbers[1:])
                 if number != 1 and previous < number != previous + 1 or number == previous]
        if sum(1 for previous, number, _ in slips if number == previous) >= 2:
            continue     # two lists side by side (a table read as lines): not one list that repeats
        for previous, number, where in slips:
            yield Hit(where, {"what": "重复" if number == previous else "跳号", "previous": _show(style, previous),
                              "actual": _show(style, number)}, expected=_show(style, previous + 1),
                      actual=_show(style, number))


def _show(style: str, n: int) -> str:
    if style == "1.":
        return f"{n}."
    words = "一二三四五六七八九十"
    text = words[n - 1] if n <= 10 else ("十" if n < 20 else words[n // 10 - 1] + "十") + (words[n % 10 - 1] if n % 10 else "")
    return f"（{text}）" if style == "（一）" else f"{text}、"


# -- template leftovers and names ---------------------------------------------------------------------
_LEFTOVER = re.compile(r"[XＸ×xｘ]{2,}|某某|【\s*】|[(（]\s*[)）]")
_INSTRUCTION = re.compile(r"[(（](?=[^()（）]{12,80}[)）])[^()（）]*(?:情况|数量|金额|名称|说明|内容)[^()（）]*"
                          r"(?:以及|及|和|、)[^()（）]*等[)）]")


@rule("H004", "没有模板说明和占位符", documents=BOTH, message="{what}：“{actual}”",
      basis="公开文本（含标题）不得留有 XX、××、某某、空的【】或（ ），以及照抄模板的括号说明",
      example="标题“上海市普陀区XX局2024年度部门决算”；“（绩效目标管理工作情况，以及编报绩效目标的项目数量、"
              "单位数量、预算金额等）”")
def check_template_leftovers(ctx: Context) -> Iterator[Hit]:
    _year(ctx)
    if ctx.doc.department and _LEFTOVER.search(ctx.doc.department):
        yield Hit(Location(ctx.doc.source), {"what": "部门名称中有占位符", "actual": ctx.doc.department},
                  actual=ctx.doc.department)
    for heading in ctx.doc.headings:
        for m in _LEFTOVER.finditer(heading.text):
            yield Hit(Location(ctx.doc.source, page=heading.page, line=heading.line, section=heading.text),
                      {"what": "标题中有占位符", "actual": heading.text}, actual=m.group(0))
    for paragraph in _narrative(ctx):
        for m in _INSTRUCTION.finditer(paragraph.text):
            yield Hit(ctx.at(paragraph, m.start()), {"what": "照抄的模板说明", "actual": m.group(0)}, actual=m.group(0))
    empty = [(p, m) for p in _narrative(ctx) for m in re.finditer(r"【\s*】|[(（]\s*[)）]", p.text)]
    if empty:
        paragraph, m = empty[0]
        count = f"（全文共 {len(empty)} 处）" if len(empty) > 1 else ""
        yield Hit(ctx.at(paragraph, m.start()), {"what": f"空的括号{count}",
                                                 "actual": paragraph.text[max(0, m.start() - 8):m.end()]},
                  actual=m.group(0))

_UNIT = re.compile(r"(?P<name>[\u4e00-\u9fff（）()]{2,30}?(?:局|委员会|委|办公室|办事处|中心|院|所|站|馆|队|会|部|厅|处|署))"
                   r"(?=\s*(?:20\d\d|本级|部门|单位))")


_SIGNATURE = re.compile(r"[\u4e00-\u9fff（）()]{4,30}(?:局|委员会|办公室|办事处|中心|管理所|服务站)")


@rule("H005", "各处写的是同一个部门", documents=BOTH, severity=Severity.WARNING,
      message="“{where}”写的部门是「{actual}」，报告标题是「{expected}」",
      basis="封面、各部分标题、表头和落款写同一个部门（汇总报告可写所属单位）",
      example="报告为上海市普陀区规划和自然资源局，第三部分标题写“上海市普陀区生态环境局2024年度部门决算情况说明”")
def check_one_department(ctx: Context) -> Iterator[Hit]:
    _year(ctx)
    if not ctx.doc.department:
        raise NotApplicable("department unknown")
    own = key(ctx.doc.department)
    named: list[tuple[str, str, Location]] = []     # (where, the unit named, location)
    for heading in ctx.doc.headings:
        if m := _UNIT.search(fold(heading.text)):
            named.append((heading.text, m.group("name"),
                          Location(ctx.doc.source, page=heading.page, line=heading.line, section=heading.text)))
    for paragraph in ctx.doc.paragraphs:       # a signature: a line that is only a unit's name
        line = fold(paragraph.text).strip()
        if len(line) <= 30 and _SIGNATURE.fullmatch(line):
            named.append(("落款", line, ctx.at(paragraph)))
    for where, name, location in named:
        if key(name) in own or own in key(name):
            continue
        yield Hit(location, {"where": where, "actual": name, "expected": ctx.doc.department},
                  expected=ctx.doc.department, actual=name)


@rule("H006", "规定的说明内容齐全", documents=BOTH, severity=Severity.WARNING, message="“{section}”中没有说明{what}",
      basis="格式模板规定的说明内容即使金额为 0 也要写明（“三公”经费：出国团组和人次、公务用车购置数和保有量、"
            "接待批次和人次；国有资产：车辆数；预算绩效：评价的项目数）；哪些是规定内容由格式模板（表式数据）给出",
      example="“三公”经费说明写“因公出国（境）费支出0万元”，没有写团组数和人次")
def check_required_statements(ctx: Context) -> Iterator[Hit]:
    _year(ctx)
    if not ctx.forms.required:
        raise NotApplicable("the layout requires no statements")
    missing: dict[str, tuple[Paragraph, list[str]]] = {}     # by section: what it lacks
    for required in ctx.forms.required:
        paragraphs = [p for p in _narrative(ctx) if any(w in "".join(p.section) for w in required.section)]
        if not paragraphs:
            continue     # the section itself is missing: D005 says so
        text = fold("".join(p.text for p in paragraphs))
        if not all(re.search(fold(words), text) for words in required.words):
            section = next(s for s in reversed(paragraphs[0].section) if any(w in s for w in required.section))
            missing.setdefault(section, (paragraphs[0], []))[1].append(required.what)
    for section, (paragraph, what) in missing.items():
        yield Hit(ctx.at(paragraph), {"section": section, "what": "、".join(what)}, expected="、".join(what))
