"""N015–N018: what the narrative states, against itself — a figure without its % or unit where its
siblings have one, a 其中 breakdown that cannot add up to the amount before it, one item stated twice
in a section with different amounts (a heading "（三）公务接待费2.85万元" over a sentence
"公务接待费支出决算为2.58万元"), and last year's value implied differently by two sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..claims.figures import Interval
from ..claims.prose import NUMBER, Number, amounts, fold, subject_rows
from ..claims.reader import Claim, heading_claims
from ..claims.sentences import Breakdown, breakdowns, growths
from ..claims.subjects import TITLES
from .context import Context, money
from .narrative import narrative
from .registry import BOTH, Hit, Severity, rule

# "占76.23；" — a share whose % sign is missing
_BARE_SHARE = re.compile(rf"占(?:[^%，。；,;\d]{{0,24}}?的)?\s*(?P<num>{NUMBER})(?!\s*[\d.%])")
_SHARE = re.compile(rf"占[^%，。；,;]{{0,24}}?{NUMBER}\s*%")
# "支出决算为4.19。" — an amount with cents and no unit, after the words that introduce an amount
_BARE_AMOUNT = re.compile(r"(?:决算数?|支出|收入|合计|总额|总计)(?:为|是|:)?\s*(?P<num>-?\d[\d,]*\.\d{2})"
                          r"(?!\s*(?:[\d%]|万|元|亿|个|辆|人|次|项|家|批|户|年|月|日))")


@rule("N015", "占比写明%、金额写明单位", documents=BOTH, severity=Severity.WARNING,
      message="“{printed}”{what}，同段其他{kind}都写明了",
      basis="文中每个占比带“%”，每个金额带单位（元、万元）；同段其他数带着、唯独此处缺少，多为漏写",
      example="“财政拨款收入76.23万元，占76.23；其他收入23.77万元，占23.77%”")
def check_units_written(ctx: Context) -> Iterator[Hit]:
    for paragraph in narrative(ctx):
        text = fold(paragraph.text)
        if _SHARE.search(text):
            for m in _BARE_SHARE.finditer(text):
                yield Hit(ctx.at(paragraph, m.start("num")),
                          {"printed": m.group(0), "what": "缺少“%”", "kind": "占比"},
                          expected=f"{m.group('num')}%", actual=m.group("num"))
        if amounts(text):
            for m in _BARE_AMOUNT.finditer(text):
                yield Hit(ctx.at(paragraph, m.start("num")),
                          {"printed": m.group(0), "what": "缺少金额单位", "kind": "金额"},
                          expected=f"{m.group('num')}万元", actual=m.group("num"))


# -- 其中 breakdowns -------------------------------------------------------------------------------
# lists that are the whole: the parts' targets and the targets of the wholes they make up
_PARTITIONS = ((("basic", "project"), ("summary/expenditure_total", "fiscal_summary/expenditure_total",
                                        "general_expenditure/total", "gov_fund/total", "state_capital/total")),
               (("personnel", "public"), ("expenditure/basic", "general_expenditure/basic")))


def _complete(b: Breakdown) -> bool:
    kinds = tuple(c.target.rsplit("/", 1)[-1] for c in b.parts)
    return any(kinds == parts and b.whole.target in wholes for parts, wholes in _PARTITIONS)


@rule("N016", "“其中”所列之和不超过总额，完整的分项之和等于总额", documents=BOTH,
      message="{whole_label} {whole} 万元，其中所列{parts}之和为 {total} 万元，{how}",
      basis="“其中”列出的各部分之和不能超过其前的总额；基本支出 + 项目支出 = 支出合计，人员经费 + 公用经费 = "
            "基本支出（文中数均为舍位后的数，在舍位误差内不算错）",
      example="本年支出合计100.00万元，其中：基本支出60.00万元，项目支出30.00万元（之和 90.00）")
def check_breakdowns(ctx: Context) -> Iterator[Hit]:
    for paragraph in narrative(ctx):
        text = fold(paragraph.text)
        for b in breakdowns(text, ctx.claims_of(paragraph)):
            if b.whole.period != "this":
                continue
            whole = b.whole.number
            total = sum((c.number.interval for c in b.parts), Interval.exact(Decimal(0)))
            label = b.whole.subject or "总额"
            if total.low > whole.interval.high:
                how = "大于总额"
            elif _complete(b) and not total.overlaps(whole.interval):
                how = f"应等于{label}"
            else:
                continue
            printed_total = sum((c.number.value for c in b.parts), Decimal(0))
            yield Hit(ctx.at(paragraph, b.start), {"whole_label": label, "whole": whole.text, "total": money(printed_total),
                                                   "parts": "、".join(c.subject for c in b.parts), "how": how},
                      expected=whole.value, actual=printed_total, difference=printed_total - whole.value)


# -- one item, two amounts --------------------------------------------------------------------------
ITEMS = ("sangong/abroad", "sangong/vehicle", "sangong/vehicle_purchase", "sangong/vehicle_operation",
         "sangong/reception", "running_cost")


@rule("N017", "同一事项在同一部分中金额一致", documents=BOTH,
      message="{item}在本部分先写为 {first} 万元，此处又写为 {actual} 万元",
      basis="同一事项（“三公”经费各项、机关运行经费）在同一部分的标题和正文中金额应一致",
      example="标题“（三）公务接待费2.85万元”，正文“公务接待费支出决算为2.58万元”")
def check_stated_twice(ctx: Context) -> Iterator[Hit]:
    said = [(p, ctx.claims_of(p)) for p in narrative(ctx)] + heading_claims(ctx.doc, ctx.catalog)
    seen: dict[tuple[tuple[str, ...], str], Claim] = {}
    reported: set[tuple[tuple[str, ...], str, Decimal]] = set()   # each other amount once
    for paragraph, claims in sorted(said, key=lambda item: item[0].line or 0):
        for claim in claims:
            if claim.kind != "amount" or claim.period != "this" or claim.target not in ITEMS:
                continue
            where = (paragraph.section[:2], claim.target)
            first = seen.setdefault(where, claim)
            stated = claim.number
            if not first.number.interval.overlaps(stated.interval) and (*where, stated.value) not in reported:
                reported.add((*where, stated.value))
                yield Hit(ctx.at(paragraph, claim.offset),
                          {"item": TITLES[claim.target], "first": first.value, "actual": claim.value},
                          expected=first.number.value, actual=stated.value, difference=stated.value - first.number.value)


_TOTALS = ("row/", "summary/", "fiscal_summary/", "general_expenditure/", "general_basic/", "expenditure/")


@rule("N020", "同一科目或总额在同一小节中金额一致", severity=Severity.WARNING,
      message="{subject}在本小节先写为 {first}，此处又写为 {actual}",
      basis="情况说明中同一科目（类、款、项）或同一总额（本年收入合计、一般公共预算财政拨款支出……）在同一小节中"
            "说本年数两次，应是同一个数（按所印位数比较）；“三公”经费各项和机关运行经费见 N017",
      example="“…机关事业单位职业年金缴费支出（项）”257.14万元……支出决算为245.53万元")
def check_subject_stated_twice(ctx: Context) -> Iterator[Hit]:
    rows = {row.code: row.name for row in subject_rows(ctx.doc.tables)}
    seen: dict[tuple[str, str], tuple[Interval, str]] = {}
    for paragraph in narrative(ctx):
        for claim in ctx.claims_of(paragraph):
            if claim.kind != "amount" or claim.period != "this" or not claim.target.startswith(_TOTALS):
                continue
            stated = claim.number.interval                            # in 万元, at its printed precision
            first, words = seen.setdefault((claim.section, claim.target), (stated, f"{claim.value}{claim.unit}"))
            if not first.overlaps(stated):
                code = claim.target.removeprefix("row/")
                subject = f"{code}「{rows[code]}」" if code in rows else claim.subject or claim.target
                yield Hit(ctx.at(paragraph, claim.offset), {"subject": subject, "first": words,
                                                             "actual": f"{claim.value}{claim.unit}"},
                          expected=words, actual=f"{claim.value}{claim.unit}")


# -- last year's value, implied twice ---------------------------------------------------------------
def _subject(text: str, current: Number) -> str:
    """The words naming the figure that changed: the clause before this year's amount."""
    clause = re.split(r"[，。；,;：:]", text[:current.start])[-1]
    return re.sub(r"^(?:\d{4}\s*年度?|[(（]?[一二三四五六七八九十\d]{1,3}[)）.、])+|(?:决算数?|为|是|\s)+$", "", clause)


@rule("N018", "同一事项推算的上年数前后一致", severity=Severity.WARNING,
      message="{subject}：此处推算的上年数为 {actual} 万元，本部分前文推算为 {expected} 万元",
      basis="上年数 = 本年数 ∓ 增减额；同一部分中同一事项的几处增减说明，推算出的上年数应一致（在舍位误差内）",
      example="“本年收入合计100.00万元，比上年增加10.00万元”与“收入合计100.00万元，较上年增加20.00万元”")
def check_implied_prior(ctx: Context) -> Iterator[Hit]:
    seen: dict[tuple[tuple[str, ...], str], Interval] = {}
    for paragraph in narrative(ctx):
        text = fold(paragraph.text)
        for g in growths(text, ctx.claims_of(paragraph)):
            if g.current is None or g.change is None or g.base != "上年数":
                continue
            subject = ctx.title(g.target) or _subject(text, g.current)
            if len(subject) < 2:
                continue
            prior = g.prior.interval if g.prior else (g.current.interval - g.change.interval if g.up
                                                       else g.current.interval + g.change.interval)
            first = seen.setdefault((paragraph.section[:2], subject), prior)
            if first is not prior and not first.overlaps(prior):
                yield Hit(ctx.at(paragraph, g.change.start),
                          {"subject": subject, "actual": money(prior.middle), "expected": money(first.middle)},
                          expected=money(first.middle), actual=money(prior.middle))
