"""N: the 情况说明 against the tables and against itself — amounts, shares, growth, direction
words, completion rates, zero bases, template leftovers, figure references and subject chains."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..claims.figures import Interval, attainable
from ..claims.procurement import NAMES as RESERVED_NAMES
from ..claims.procurement import reserved
from ..claims.prose import (
    AMOUNT,
    NOT_NARRATIVE,
    Number,
    about_other_year,
    amounts,
    chains,
    fold,
    named_items,
    resolve,
    sentences,
    share,
    subject_rows,
)
from ..claims.sentences import Growth, growths, pairings, shares, vehicles
from ..document import Paragraph, Table
from ..document.normalize import key
from .context import Context, money, present
from .registry import BOTH, FINAL, Hit, NotApplicable, Severity, rule

CONNECT = r"(?:决算数?|合计|总计|总额|共计|共|均|为|是|达到?|：|:|\s)*"


def narrative(ctx: Context) -> list[Paragraph]:
    """Paragraphs of the 情况说明 and other running text (not the glossary or the attachments)."""
    if not ctx.doc.paragraphs:
        raise NotApplicable("no narrative")
    return [p for p in ctx.doc.paragraphs if not p.in_section(*NOT_NARRATIVE)]


# -- amounts that name a table figure -------------------------------------------------------------
@dataclass(frozen=True)
class Fact:
    pattern: re.Pattern[str]
    what: str
    values: tuple[tuple[str, Decimal], ...]   # (where in the tables, value) — any one may be meant


def _value(table: Table | None, side: str | None, row: str, column: str) -> Decimal | None:
    return table.value(row, column, side) if table is not None else None


def _footer(table: Table | None, word: str) -> Decimal | None:
    return table.footer_value(word) if table else None


def facts(ctx: Context) -> list[Fact]:
    t = ctx.doc.table
    summary, fiscal, income = t("summary"), t("fiscal_summary"), t("income")
    spending, general, basic = t("expenditure"), t("general_expenditure"), t("general_basic")
    spec: list[tuple[str, str, list[tuple[str, Decimal | None]]]] = [
        (r"财政拨款收入、?支出总计|财政拨款收、?支总计", "财政拨款收支总计", [
            ("财政拨款总表总计", _value(fiscal, "收入", "grand_total", "amount"))]),
        (r"财政拨款收入、?支出|财政拨款收、?支(?:合计)?", "财政拨款收支", [
            ("财政拨款总表本年收入合计", _value(fiscal, "收入", "income_total", "amount")),
            ("财政拨款总表总计", _value(fiscal, "收入", "grand_total", "amount"))]),
        # 收入支出总计 (Shanghai's words) but not the 财政拨款收入支出总计, whose table may print none
        (r"(?<!财政拨款)(?:收入支出总计|收、?支总计|收入总计|(?<!收入)支出总计)", "收支总计", [
            ("收入支出决算总表总计", _value(summary, "收入", "grand_total", "amount"))]),
        (r"一般公共预算财政拨款基本支出", "一般公共预算财政拨款基本支出", [
            ("一般公共预算支出表基本支出", _value(general, None, "total", "basic"))]),
        (r"一般公共预算财政拨款项目支出", "一般公共预算财政拨款项目支出", [
            ("一般公共预算支出表项目支出", _value(general, None, "total", "project"))]),
        (r"一般公共预算财政拨款支出", "一般公共预算财政拨款支出", [
            ("一般公共预算支出表合计", _value(general, None, "total", "total"))]),
        (r"本年收入合计|收入合计|总收入", "本年收入合计", [
            ("收入支出决算总表本年收入合计", _value(summary, "收入", "income_total", "amount")),
            ("收入决算表合计", _value(income, None, "total", "total"))]),
        (r"本年支出合计|支出合计|总支出", "本年支出合计", [
            ("收入支出决算总表本年支出合计", _value(summary, "支出", "expenditure_total", "amount")),
            ("支出决算表合计", _value(spending, None, "total", "total"))]),
        (r"(?<!预算)财政拨款收入", "财政拨款收入", [
            ("收入决算表财政拨款收入", _value(income, None, "total", "fiscal")),
            ("财政拨款总表本年收入合计", _value(fiscal, "收入", "income_total", "amount"))]),
        (r"(?<!拨款)基本支出", "基本支出", [
            ("支出决算表基本支出", _value(spending, None, "total", "basic")),
            ("一般公共预算支出表基本支出", _value(general, None, "total", "basic"))]),
        (r"(?<!拨款)项目支出", "项目支出", [
            ("支出决算表项目支出", _value(spending, None, "total", "project")),
            ("一般公共预算支出表项目支出", _value(general, None, "total", "project"))]),
        (r"人员经费", "人员经费", [("基本支出决算表人员经费合计", _footer(basic, "人员"))]),
        (r"公用经费", "公用经费", [("基本支出决算表公用经费合计", _footer(basic, "公用"))]),
    ]
    found = [Fact(re.compile(f"(?:{words}){CONNECT}(?={AMOUNT.pattern})"), what,
                  tuple((w, v) for w, v in values if v is not None)) for words, what, values in spec]
    found.extend(_class_facts(ctx))
    return [f for f in found if f.values]


def _class_facts(ctx: Context) -> list[Fact]:
    """Each 类 named with an amount: '一般公共服务(类)支出 5,540.77 万元'."""
    by_code: dict[str, list[tuple[str, Decimal]]] = {}
    names: dict[str, str] = {}
    for table_key, column in (("general_expenditure", "total"), ("expenditure", "total")):
        table = ctx.doc.table(table_key)
        if table is None or not table.blocks:
            continue
        for row in table.block.rows:
            value = row.cell(table.block, column)
            if row.level == "类" and value is not None:
                names.setdefault(row.code, row.name)
                by_code.setdefault(row.code, []).append((table.title or table_key, value))
    facts = []
    for code, name in names.items():
        stem = re.escape(key(name).removesuffix("支出"))
        pattern = re.compile(rf"{stem}\s*(?:\(类\))?\s*(?:支出)?\s*(?:\(类\))?(?!\s*\()(?:{CONNECT})(?={AMOUNT.pattern})")
        facts.append(Fact(pattern, f"{code} {name}", tuple(by_code[code])))
    return facts


@rule("N001", "文中金额与表中数一致",
      message="文中“{what}”为 {actual} 万元，{where}为 {expected} 万元",
      basis="情况说明中的每个金额应等于相应表格中的数（按文中保留的小数位四舍五入）",
      example="文中“一般公共服务(类)支出 5,540.7 万元”，表中为 5,540.77")
def check_stated_amounts(ctx: Context) -> Iterator[Hit]:
    known = facts(ctx)
    for paragraph in narrative(ctx):
        text = fold(paragraph.text)
        claimed: list[tuple[int, int]] = []
        for fact in known:
            for m in fact.pattern.finditer(text):
                if any(s < m.end() and m.start() < e for s, e in claimed):
                    continue
                claimed.append((m.start(), m.end()))
                if about_other_year(text, m.start(), ctx.doc.year):
                    continue
                stated = amounts(text, m.end())[0]
                yield from present(ctx.stated_hit(ctx.at(paragraph, stated.start), stated, list(fact.values),
                                                 {"what": fact.what}))


# -- shares: X 万元，占 Y% ------------------------------------------------------------------------


_NAMED_TOTALS = (  # a total a share names: "占本年支出合计的98.5%"
    ("一般公共预算财政拨款支出", "general_expenditure", None, "total", "total"),
    ("财政拨款支出", "fiscal_summary", "支出", "expenditure_total", "amount"),
    ("本年收入", "summary", "收入", "income_total", "amount"), ("收入合计", "summary", "收入", "income_total", "amount"),
    ("本年支出", "summary", "支出", "expenditure_total", "amount"),
    ("支出合计", "summary", "支出", "expenditure_total", "amount"),
    ("收入总计", "summary", "收入", "grand_total", "amount"), ("支出总计", "summary", "支出", "grand_total", "amount"),
)


def _named_total(ctx: Context, of: str, text: str) -> Decimal | None:
    """The total a share names, when it names one: the table's value, or the amount the paragraph
    states for it — a total of the forms, or any whole stated with the same words ("授予中小企业合同金额
    80.00万元，…占授予中小企业合同金额的75%")."""
    for words, form, side, row, column in _NAMED_TOTALS:
        if words in of:
            stated = re.search(f"{words}[^，。；,;\\d]{{0,6}}?{CONNECT}(?={AMOUNT.pattern})", text)
            return _value(ctx.doc.table(form), side, row, column) or (amounts(text, stated.end())[0].value
                                                                     if stated else None)
    words = of.strip()
    stated = re.search(f"{re.escape(words)}{CONNECT}(?={AMOUNT.pattern})", text) if len(words) >= 4 else None
    return amounts(text, stated.end())[0].value if stated else None


def _denominators(ctx: Context, of: str, paragraph_amounts: list[Number], text: str,
                  listed: dict[int, Decimal]) -> list[Decimal]:
    """The wholes a share may be of; ``listed``: the amounts that each carry a share in the paragraph."""
    t = ctx.doc.table
    # the total the share names comes first: it is what the expected value is computed against
    candidates: list[Decimal | None] = [_named_total(ctx, of, text),
                                        sum(listed.values(), Decimal(0)) if len(listed) > 1 else None]
    if "三公" in text:
        candidates.append(_value(t("sangong"), None, "sangong", "actual_total"))
    if "项目支出" in of:
        candidates += [_value(t("expenditure"), None, "total", "project"),
                       _value(t("general_expenditure"), None, "total", "project")]
    elif "基本支出" in of:
        candidates += [_value(t("expenditure"), None, "total", "basic"),
                       _value(t("general_expenditure"), None, "total", "basic")]
    else:
        candidates += [_value(t("summary"), "收入", "income_total", "amount"),
                       _value(t("summary"), "支出", "expenditure_total", "amount"),
                       _value(t("fiscal_summary"), "收入", "income_total", "amount"),
                       _value(t("general_expenditure"), None, "total", "total")]
        candidates += [paragraph_amounts[0].value, paragraph_amounts[-1].value] if paragraph_amounts else []
    return [c for c in candidates if c is not None]


def _last_digit(expected: Decimal, stated: Decimal, digits: int) -> bool:
    """Off by one in the last printed place: usually a rate computed from unrounded data."""
    return abs(expected - stated) <= Decimal(1).scaleb(-digits)


def _off_by_one(expected: Decimal, stated: Number) -> dict[str, object]:
    if _last_digit(expected, stated.value, stated.digits):
        return {"severity": Severity.WARNING, "note": "末位相差 1，可能按未舍位数据计算"}
    return {}


@rule("N002", "占比与金额一致", message="{part} 万元占{of} {actual}%，按{whole} 万元计算应为 {expected}%",
      basis="占比 = 本项金额 ÷ 相应总额，按文中保留的小数位四舍五入；能由舍位前的数算出的占比不算错",
      example="基本支出 403.50 万元，占本年支出 2.5%（应为 1.5%）")
def check_shares(ctx: Context) -> Iterator[Hit]:
    opening: dict[tuple[str, ...], list[Number]] = {}  # first amount stated in each section
    for paragraph in narrative(ctx):
        text = fold(paragraph.text)
        found = amounts(text)
        section_first = opening.setdefault(paragraph.section, found[:1])
        stated = shares(text, ctx.claims_of(paragraph))
        listed = {s.part.offset: s.part.number.value for s in stated}     # a list that adds up to 100 %
        for s in stated:
            pct, part = s.share.number, s.part.number
            candidates = _denominators(ctx, s.of, found + section_first, text, listed)
            if pct.value == 100 and part.value in candidates:
                continue  # the whole is this one part
            wholes = [w for w in candidates if w != 0 and w != part.value]
            if not wholes or any(attainable(pct.value, pct.digits, _printed(part), _printed(w)) for w in wholes):
                continue
            expected = share(part.value, wholes[0], pct.digits)
            yield Hit(ctx.at(paragraph, pct.start),
                      {"part": part.text, "of": s.of, "actual": pct.text, "whole": money(wholes[0]),
                       "expected": expected}, expected=f"{expected}%", actual=f"{pct.text}%",
                      **_off_by_one(expected, pct))


# -- year-over-year ------------------------------------------------------------------------------
def _printed(figure: Number | Decimal) -> Interval:
    """What a figure of the text (or a table's value, printed to its places) stands for."""
    if isinstance(figure, Number):
        return figure.interval
    return Interval.printed(figure, max(0, -figure.as_tuple().exponent))


def _base_interval(g: Growth) -> Interval:
    """Last year's value: stated, or this year's ∓ the change (of the same measure)."""
    if g.prior is not None:
        return _printed(g.prior)
    return _printed(g.current) - _printed(g.change) if g.up else _printed(g.current) + _printed(g.change)


def _base(g: Growth) -> Decimal | None:
    if g.prior is not None:
        return g.prior.value
    if g.current is not None and g.change is not None:
        return g.current.value - g.change.value if g.up else g.current.value + g.change.value
    return None


@rule("N003", "增减额与增减率计算正确", message="{subject}{what}：文中为 {actual}，按 {basis} 计算应为 {expected}",
      basis="增减额 = 本年数 − 上年数；增减率 = 增减额 ÷ 上年数（上年数 = 本年数 ∓ 增减额，同一指标；按文中保留的"
            "小数位四舍五入；能由舍位前的数算出的比率不算错）",
      example="收入合计 27,266.89 万元，比上年增加 7,841.82 万元，增长 50.4%（应为 40.4%）")
def check_growth(ctx: Context) -> Iterator[Hit]:
    for paragraph in narrative(ctx):
        text = fold(paragraph.text)
        for g in growths(text, ctx.claims_of(paragraph)):
            if g.prior and g.current and g.change:
                difference = abs(g.current.value - g.prior.value)
                if abs(difference - g.change.value) > Decimal("0.01") * 2:
                    yield Hit(ctx.at(paragraph, g.change.start),
                              {"subject": ctx.named(g.target), "what": "增减额", "actual": g.change.text,
                               "basis": f"{g.current.text} 与 {g.prior.text} 之差", "expected": money(difference)},
                              expected=difference, actual=g.change.value, difference=g.change.value - difference)
            base = _base(g)
            if g.percent is None or g.change is None or base is None or base <= 0:
                continue
            expected = share(g.change.value, base, g.percent.digits)
            if not attainable(g.percent.value, g.percent.digits, _printed(g.change), _base_interval(g)):
                yield Hit(ctx.at(paragraph, g.percent.start),
                          {"subject": ctx.named(g.target), "what": "增减率", "actual": f"{g.percent.text}%",
                           "basis": f"增减额 {g.change.text} ÷ {g.base} {money(base)}", "expected": f"{expected}%"},
                          expected=f"{expected}%", actual=f"{g.percent.text}%", **_off_by_one(expected, g.percent))


@rule("N004", "增减用词与数值方向一致", documents=BOTH,
      message="{what}",
      basis="增加/增长只用于增加，减少/下降只用于减少，变动为零写“持平”（DOMAIN §4 用词）",
      example="“较上年减少0万元”应写“与上年持平”")
def check_direction_words(ctx: Context) -> Iterator[Hit]:
    for paragraph in narrative(ctx):
        text = fold(paragraph.text)
        for g in growths(text, ctx.claims_of(paragraph)):
            word = "增加" if g.up else "减少"
            if g.change is not None and g.change.value == 0:
                yield Hit(ctx.at(paragraph, g.start), {"what": f"{ctx.named(g.target)}变动额为 0 却写作“{word}”，应表述为持平"},
                          expected="持平", actual=f"{word}{g.change.text}")
            elif g.prior and g.current and g.current.value != g.prior.value and \
                    (g.current.value > g.prior.value) != g.up:
                right = "增加" if g.current.value > g.prior.value else "减少"
                yield Hit(ctx.at(paragraph, g.start),
                          {"what": f"{ctx.named(g.target)}本年 {g.current.text} 与上年 {g.prior.text} 相比应为“{right}”，"
                                   f"文中写作“{word}”"},
                          expected=right, actual=word)
        for m in re.finditer(r"持平", text):
            later = re.search(r"较上年(增加|减少)", text[m.end():])
            if later:
                yield Hit(ctx.at(paragraph, m.end() + later.start()),
                          {"what": f"前文称“持平”，后文又称“较上年{later.group(1)}”"},
                          expected="持平", actual=later.group(0))


# -- budget vs actual ----------------------------------------------------------------------------
@rule("N005", "大于/小于/等于与决算、预算数一致",
      message="{subject}决算数 {actual_value} 万元、预算数 {budget} 万元，文中却说决算数“{word}”预算数",
      basis="决算数 > 预算数 写“大于”，< 写“小于”，= 写“等于”；两者都为 0 时不作比较",
      example="年初预算 35.59 万元、决算 28.95 万元，文中写“支出决算数大于年初预算数”")
def check_comparisons(ctx: Context) -> Iterator[Hit]:
    for paragraph in narrative(ctx):
        for p in pairings(fold(paragraph.text), ctx.claims_of(paragraph)):
            if p.rate is not None:
                continue
            b, a = p.budget.value, p.actual.value
            right = "大于" if a > b else "小于" if a < b else "等于"
            said = {"超过": "大于", "高于": "大于", "低于": "小于"}.get(p.text, p.text)
            if said != right or (a == b == 0 and said != "等于"):
                yield Hit(ctx.at(paragraph, p.start),
                          {"subject": ctx.named(p.target), "actual_value": p.actual.text, "budget": p.budget.text,
                           "word": p.text},
                          expected=right, actual=p.text)


@rule("N006", "完成率（执行率）计算正确",
      message="{subject}决算数 {actual_value} 万元 ÷ 预算数 {budget} 万元 = {expected}%，文中为 {rate}",
      basis="完成年初预算的比例 = 决算数 ÷ 年初预算数（按文中保留的小数位四舍五入）；文中的数都是舍位后的数，"
            "能由舍位前的数算出的比例不算错",
      example="年初预算 284.73 万元，决算 262.94 万元，文中“完成年初预算的 93.4%”，应为 92.3%")
def check_completion_rates(ctx: Context) -> Iterator[Hit]:
    for paragraph in narrative(ctx):
        for p in pairings(fold(paragraph.text), ctx.claims_of(paragraph)):
            if p.rate is None or p.budget.value == 0:
                continue
            expected = share(p.actual.value, p.budget.value, p.rate.digits)
            if not attainable(p.rate.value, p.rate.digits, _printed(p.actual), _printed(p.budget)):
                yield Hit(ctx.at(paragraph, p.start),
                          {"subject": ctx.named(p.target), "actual_value": p.actual.text, "budget": p.budget.text,
                           "expected": expected,
                           "rate": p.text}, expected=f"{expected}%", actual=p.text, **_off_by_one(expected, p.rate))


@rule("N007", "零基数不计算百分比", documents=BOTH, message="{what}",
      basis="基数为零时没有完成率、占比或增长率（DOMAIN §4：no “完成年初预算的0%”）",
      example="年初预算数为 0 万元，决算数 3,524.10 万元，文中却写“完成年初预算的0%”")
def check_zero_bases(ctx: Context) -> Iterator[Hit]:
    for paragraph in narrative(ctx):
        text = fold(paragraph.text)
        for p in pairings(text, ctx.claims_of(paragraph)):
            if p.rate is not None and p.budget.value == 0:
                yield Hit(ctx.at(paragraph, p.start),
                          {"what": f"{ctx.named(p.target)}{p.which}预算数为 0，不应写“完成{p.which}预算的{p.text}”"},
                          expected="不计算完成率", actual=p.text)
        for g in growths(text, ctx.claims_of(paragraph)):
            if g.percent is not None and _base(g) == 0:
                yield Hit(ctx.at(paragraph, g.percent.start),
                          {"what": f"{ctx.named(g.target)}{g.base}为 0，不应计算增减率（文中为 {g.percent.text}%）"},
                          expected="不计算增减率", actual=f"{g.percent.text}%")
        for s in shares(text, ctx.claims_of(paragraph)):
            if s.part.number.value == 0 and _zero_whole(ctx, text, s.share.offset):
                yield Hit(ctx.at(paragraph, s.share.offset), {"what": f"总额为 0，不应写“占{s.share.value}%”"},
                          expected="不计算占比", actual=f"{s.share.value}%")


def _zero_whole(ctx: Context, text: str, offset: int) -> bool:
    """A share stated about a total that is zero (e.g. 三公 items when 三公 total is 0); without the
    三公 table the total is not known, so no."""
    table = ctx.doc.table("sangong")
    if "三公" not in text[:offset] or table is None:
        return False
    return not _value(table, None, "sangong", "actual_total")   # blank prints a zero


# -- leftovers, figures ------------------------------------------------------------------------
_PLACEHOLDERS = re.compile(r"X{2,}|x{2,}|×{2,}|某某|增加[(（]减少[)）]|减少[(（]增加[)）]|增长[(（]下降[)）]"
                           r"|[(（]增加/减少[)）]|[(（]增长/下降[)）]"
                           # a drafting mark (ours: 【待补充：…】) left in: 【待填写】, （请补充…）, [待核实]
                           r"|[【\[〔（(]\s*(?:待|请)(?:补充|填写|填报|填|核实|完善|确认)[^】\]〕）)]{0,60}[】\]〕）)]")
_BARE_ZERO = re.compile(r"(?:(?<=[：:是为于展作括即含])|(?<=[：:是为于展作括即含] ))0(?![\d.,%])(?=\s*(?:[，,。；;、等工]|$))")


@rule("N008", "没有模板遗留和占位符", documents=BOTH, message="文中有模板遗留或占位内容“{actual}”",
      basis="公开文本不得留有 XX、××、某某、“增加（减少）”、【待补充】之类的起草标记，或以“0”代替的说明内容",
      example="“主要用于开展以下工作0。”")
def check_placeholders(ctx: Context) -> Iterator[Hit]:
    running = {id(p) for p in narrative(ctx)}
    for paragraph in ctx.doc.paragraphs:        # placeholders anywhere: the 名词解释 and attachments too
        text = fold(paragraph.text)
        for pattern in (_PLACEHOLDERS, _BARE_ZERO) if id(paragraph) in running else (_PLACEHOLDERS,):
            for m in pattern.finditer(text):
                snippet = text[max(m.start() - 8, 0):m.end() + 4]
                yield Hit(ctx.at(paragraph, m.start()), {"actual": snippet}, actual=snippet)


_FIGURE_REF = re.compile(r"(?:见|如)(?:上|下)?(?:面|方|文)?(?:的)?图\s*(?P<n>[一二三四五六七八九十\d]+)")


@rule("N009", "引用的图存在", severity=Severity.WARNING, message="文中引用“图{n}”，但报告中没有图{n}",
      basis="正文引用的图、表须在报告中存在",
      example="“具体构成见上面图二”，报告中只有图四")
def check_figure_references(ctx: Context) -> Iterator[Hit]:
    captions = {key(c)[:3] for c in ctx.doc.captions}
    for paragraph in narrative(ctx):
        for m in _FIGURE_REF.finditer(fold(paragraph.text)):
            if not any(c.startswith(f"图{m.group('n')}") for c in captions):
                yield Hit(ctx.at(paragraph, m.start()), {"n": m.group("n")}, actual=f"图{m.group('n')}")


# -- subject chains -----------------------------------------------------------------------------
def _chain_rows(ctx: Context):
    rows = subject_rows(ctx.doc.tables)
    if not rows:
        raise NotApplicable("no subject tables")
    return rows


@rule("N010", "（类）（款）（项）名称和层级与表一致", severity=Severity.WARNING,
      message="“{chain}”：{problem}",
      basis="情况说明中的科目须用表中的名称，并符合类—款—项的隶属关系",
      example="“涉外发展服务支出（款）其他商业服务业等支出（项）”：该项属于“其他商业服务业等支出”款")
def check_chains(ctx: Context) -> Iterator[Hit]:
    rows = _chain_rows(ctx)
    for paragraph in narrative(ctx):
        for c in chains(paragraph.text):
            for problem in resolve(c, rows, ctx.catalog).problems:
                yield Hit(ctx.at(paragraph, c.start), {"chain": f"{c.lei}（类）{c.kuan}（款）{c.xiang}（项）",
                                                       "problem": problem}, actual=c.xiang)


@rule("N011", "各项决算数与表一致", message="{code}「{name}」文中决算数为 {actual} 万元，{where}为 {expected} 万元",
      basis="逐项说明的决算数 = 一般公共预算财政拨款支出决算表（或支出决算表，政府性基金、国有资本经营预算财政拨款"
            "收入支出决算表）该项合计",
      example="文中“决算数 49.7 万元”，表中 2080505 为 49.79")
def check_item_amounts(ctx: Context) -> Iterator[Hit]:
    rows = {row.code: row.name for row in _chain_rows(ctx)}
    values = _item_values(ctx)
    for paragraph in narrative(ctx):
        text = fold(paragraph.text)
        for claim in ctx.claims_of(paragraph):
            code = claim.target.removeprefix("row/")
            if claim.kind == "amount" and claim.period == "this" and code in values and _spent(text, claim.offset):
                yield from present(ctx.stated_hit(ctx.at(paragraph, claim.offset), claim.number, values[code],
                                                 {"code": code, "name": rows.get(code, "")}))


# what a 项 spent: the amount right after its chain ("…（项）”545.84万元") or after 决算 ("支出决算为545.84万元")
_SPENT = re.compile(r"(?:\(项\)[”\"]?|支出决算|决算数|决算|执行数|实际支出)(?:为|是)?\s*$")


def _spent(text: str, offset: int) -> bool:
    return bool(_SPENT.search(text, max(0, offset - 12), offset))


def _item_values(ctx: Context) -> dict[str, list[tuple[str, Decimal]]]:
    values: dict[str, list[tuple[str, Decimal]]] = {}
    for table_key in ("general_expenditure", "expenditure", "gov_fund", "state_capital"):   # 五, and 八/九's 项
        table = ctx.doc.table(table_key)
        if table is None or not table.blocks:
            continue
        has_total = "total" in [c.key for c in table.block.columns]
        for row in table.block.rows:
            value = row.cell(table.block, "total") if has_total else None
            if value is None and table_key != "expenditure" and has_total:
                value = Decimal(0)    # a 项 printed with its total blank (zeros printed blank): none of this fund
            if row.level == "项" and value is not None:
                values.setdefault(row.code, []).append((table.title or table_key, value))
    return values


@rule("N012", "一般公共预算支出逐项说明不漏项", severity=Severity.WARNING,
      message="{code}「{name}」有支出 {amount} 万元，但逐项说明中没有说明该项",
      basis="一般公共预算财政拨款支出决算具体情况应逐项（项级科目）说明",
      example="2150805 中小企业发展专项 631.00 万元未在“（三）具体情况”中出现")
def check_items_explained(ctx: Context) -> Iterator[Hit]:
    general = ctx.table("general_expenditure")
    rows = _chain_rows(ctx)
    paragraphs = [p for p in narrative(ctx) if p.in_section("一般公共预算财政拨款支出")]
    named = [c for p in paragraphs for c in chains(p.text)]
    if not named:
        raise NotApplicable("no item-by-item explanation")
    explained, misnamed = named_items([(c, resolve(c, rows, ctx.catalog)) for c in named], rows)
    for row in general.block.rows:
        value = row.cells[0]
        if row.level == "项" and value and row.code not in explained and row.code[:5] not in misnamed:
            yield Hit(ctx.where(general, row, "total"), {"code": row.code, "name": row.name, "amount": money(value)},
                      actual=None, expected=row.code)


# -- 政府采购, 国有资产 ------------------------------------------------------------------------------
# a 决算's "政府采购支出总额…" and a budget's "政府采购预算…"
_PROCUREMENT = re.compile(rf"采购(?:(?:支出)?(?:总额|金额)|预算(?:总额|金额)?)[^，。；\d]{{0,16}}?(?:为|是)?\s*(?={AMOUNT.pattern})")
_PROCUREMENT_PART = re.compile(rf"(?P<kind>货物|工程|服务)(?:采购)?(?:支出|预算)?(?:金额)?(?:为|是)?\s*(?={AMOUNT.pattern})")


@rule("N013", "政府采购总额等于货物、工程、服务之和", documents=BOTH,
      message="{what} {actual} 万元，所列{kinds}之和为 {expected} 万元",
      basis="政府采购支出总额（部门预算：政府采购预算）= 货物 + 工程 + 服务（未全部列出时，所列之和不得超过总额）",
      example="政府采购支出总额 372.34 万元，其中货物 8.57、工程 0、服务 360.00")
def check_procurement(ctx: Context) -> Iterator[Hit]:
    paragraphs = [p for p in narrative(ctx) if p.in_section("政府采购") or "政府采购" in p.text]
    for paragraph in paragraphs:
        text = fold(paragraph.text)
        for start, end in sentences(text):
            total_match = _PROCUREMENT.search(text, start, end)
            if not total_match:
                continue
            total = amounts(text, total_match.end(), end)[0]
            parts = {m.group("kind"): amounts(text, m.end(), end)[0]
                     for m in _PROCUREMENT_PART.finditer(text, total.end, end)}
            if not parts:
                continue
            stated = sum((n.value for n in parts.values()), Decimal(0))
            complete = len(parts) == 3
            if (complete and stated != total.value) or stated > total.value + Decimal("0.01") * len(parts):
                hit = ctx.sum_hit(ctx.at(paragraph, total.start), total.value, [n.value for n in parts.values()],
                                  {"kinds": "、".join(parts),
                                   "what": "政府采购预算" if ctx.doc.kind == "budget" else "政府采购支出总额"})
                yield from present(hit)


# the parts and the whole they are a part of: 小微 within SME, what 小微 won within what SMEs won in the
# reserved projects, all SMEs won within the year's 政府采购金额
_RESERVED_WITHIN = ((("small_micro_reserved",), "sme_reserved"), (("small_micro_reserved_won",), "sme_reserved_won"),
                    (("sme_reserved_won", "sme_other_won"), "total"))
_RESERVED_NAMES = {**RESERVED_NAMES, "total": "政府采购金额", "sme_reserved_won+sme_other_won": "由中小企业中标或成交的采购金额"}


@rule("N019", "政府采购中小企业预留和中标金额前后一致", documents=FINAL,
      message="{what} {actual} 万元，超过{whole} {expected} 万元",
      basis="（上海模板）面向小微企业预留 ≤ 面向中小企业预留；小微企业预留项目中由小微企业中标或成交的 ≤ 中小企业预留项目中"
            "由中小企业中标或成交的；由中小企业中标或成交的采购金额（预留项目与其他项目之和）≤ 政府采购金额",
      example="政府采购金额 21.07 万元，预留项目中由中小企业中标 21.07 万元，其他项目中又由中小企业中标 21.07 万元")
def check_reserved_procurement(ctx: Context) -> Iterator[Hit]:
    paragraphs = [p for p in narrative(ctx) if p.in_section("政府采购") or "政府采购" in p.text]
    found = {k: (r.amount, r.paragraph) for k, r in reserved(paragraphs).items()}
    if not found:
        raise NotApplicable("no 中小企业预留 stated")
    total = next(((amounts(fold(p.text), m.end())[0], p) for p in paragraphs
                  if (m := _PROCUREMENT.search(fold(p.text)))), None)
    if total:
        found["total"] = total
    for parts, whole in _RESERVED_WITHIN:
        if not all(k in found for k in (*parts, whole)):
            continue
        limit = found[whole][0]
        if sum((found[k][0].interval.low for k in parts), Decimal(0)) > limit.interval.high:
            value = sum((found[k][0].value for k in parts), Decimal(0))
            number, paragraph = found[parts[-1]]
            yield Hit(ctx.at(paragraph, number.start),
                      {"what": _RESERVED_NAMES["+".join(parts)], "actual": money(value), "whole": _RESERVED_NAMES[whole],
                       "expected": limit.text}, expected=limit.value, actual=value, difference=value - limit.value)


@rule("N014", "车辆总数等于各类车辆之和", documents=BOTH, message="共有车辆 {actual} 辆，分类列出的车辆合计 {expected} 辆",
      basis="国有资产占用情况：车辆总数 = 各类用车数之和", example="共有车辆 9 辆，其中应急保障用车 1 辆、其他用车 7 辆")
def check_vehicles(ctx: Context) -> Iterator[Hit]:
    for paragraph in narrative(ctx):
        found = vehicles(fold(paragraph.text))
        if found and found[2] >= 0 and found[1] != found[2]:
            yield Hit(ctx.at(paragraph, found[0]), {"actual": found[1], "expected": found[2]},
                      expected=found[2], actual=found[1], difference=Decimal(found[1] - found[2]))
