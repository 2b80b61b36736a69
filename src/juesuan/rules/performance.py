"""P: 绩效自评 — the self-evaluation tables and reports: ticks, execution rates, scores, names, and
the evaluated funds against the money tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..document import Paragraph, PerfTable
from ..document.normalize import key, similar_name
from .context import Context, money
from .narrative import _value
from .prose import AMOUNT_TEXT, NUMBER, amounts, fold, percents, share
from .registry import Hit, Location, NotApplicable, Severity, rule

_REPORT_TITLE = re.compile(r"^\s*\d+\s*[.．、]\s*(?P<name>.{2,60}?(?:报告|资金|经费|项目|专项))\s*$")
_SELF_SCORE = re.compile(rf"自评得分\s*(?P<score>{NUMBER})\s*分")
_TEXT_RATE = re.compile(rf"(?:资金总额|预算数?)(?:为|是)?\s*(?P<budget>{AMOUNT_TEXT})[^。]*?执行数(?:为|是)?\s*"
                        rf"(?P<actual>{AMOUNT_TEXT})[^。]*?(?:执行率|完成预算(?:的)?)\s*(?P<rate>{NUMBER})\s*%")
_EVALUATED = re.compile(rf"涉及项目\s*(?P<count>\d+)\s*个[^。]*?资金\s*(?P<amount>{AMOUNT_TEXT})")
_NAME_NOISE = re.compile(r"^\d{4}\s*年度?|(?:项目)?(?:整体)?绩效(?:自评|评价)(?:报告|表|综述)?$|项目$")


@dataclass
class Evaluation:
    table: PerfTable
    title: str = ""                 # the report heading before it ("1.2023 年度企服工作经费项目绩效评价报告")
    title_line: int | None = None
    score: Decimal | None = None    # "自评得分 95 分"
    score_line: int | None = None


def _attachment_text(ctx: Context) -> list[tuple[int, str]]:
    lines = [(h.line or 0, h.text) for h in ctx.doc.headings]
    lines += [(p.line or 0, p.text) for p in ctx.doc.paragraphs]
    return sorted(lines)


def evaluations(ctx: Context) -> list[Evaluation]:
    tables = ctx.doc.perf_tables
    if not tables:
        raise NotApplicable("no performance tables")
    found = []
    texts = _attachment_text(ctx)
    previous_end = 0
    for table in tables:
        evaluation = Evaluation(table)
        for line, text in texts:
            if not previous_end < line < table.line:
                continue
            if m := _REPORT_TITLE.match(key(text)):
                evaluation.title, evaluation.title_line = m.group("name"), line
                evaluation.score = evaluation.score_line = None
            if m := _SELF_SCORE.search(fold(text)):
                evaluation.score, evaluation.score_line = Decimal(m.group("score")), line
        found.append(evaluation)
        previous_end = table.lines[-1]
    return found


def _at(ctx: Context, line: int | None, table: PerfTable, row: str = "") -> Location:
    return Location(ctx.doc.source, line=line or table.line, table=table.title or "绩效自评表", row=row)


@rule("P001", "项目类别等选项只勾选一项", message="{choice}勾选了 {count} 项（{ticked}），应恰好勾选一项",
      basis="绩效自评表中项目类别、项目属性、项目类型为单选",
      example="疫情防控经费：项目类别同时勾选“区级专项”和“上级转移支付项目”")
def check_single_ticks(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx):
        for choice, options in e.table.choices.items():
            ticked = [name for name, on in options if on]
            if options and len(ticked) != 1:
                yield Hit(_at(ctx, e.table.choice_lines.get(choice), e.table, choice),
                          {"choice": choice, "count": len(ticked), "ticked": "、".join(ticked) or "无"},
                          expected=1, actual=len(ticked))


def _rate(text: str) -> tuple[Decimal, int] | None:
    """A printed rate as a percentage: '100%' and '100' both mean 100%; '1' alone means 100% only
    when the column is a ratio, which we cannot tell, so such values are read as percentages."""
    found = re.fullmatch(rf"({NUMBER})%?", text)
    if not found:
        return None
    number = found.group(1)
    return Decimal(number.replace(",", "")), len(number.split(".")[1]) if "." in number else 0


@rule("P002", "执行率等于执行数除以预算数", message="执行数 {executed} ÷ 预算数 {budget} = {expected}%，表中为 {actual}",
      basis="执行率 = 执行数 ÷ 预算数（财预〔2020〕10号 自评表口径）",
      example="预算数 73.49、执行数 70.00，执行率却填 100%")
def check_execution_rates(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx):
        t = e.table
        rate = _rate(t.rate_text)
        if not t.budget or t.executed is None or rate is None:
            continue
        expected = share(t.executed, t.budget, rate[1])
        if expected != rate[0]:
            yield Hit(_at(ctx, t.funds_line, t, "执行率"),
                      {"executed": money(t.executed), "budget": money(t.budget), "expected": expected,
                       "actual": t.rate_text}, expected=f"{expected}%", actual=t.rate_text)
    for paragraph in ctx.doc.paragraphs:
        text = fold(paragraph.text)
        for m in _TEXT_RATE.finditer(text):
            budget = amounts(text, m.start("budget"))[0]
            actual = amounts(text, m.start("actual"))[0]
            rate = percents(text, m.start("rate"))[0]
            if budget.value and share(actual.value, budget.value, rate.digits) != rate.value:
                expected = share(actual.value, budget.value, rate.digits)
                yield Hit(ctx.at(paragraph, rate.start),
                          {"executed": actual.text, "budget": budget.text, "expected": expected,
                           "actual": f"{rate.text}%"}, expected=f"{expected}%", actual=f"{rate.text}%")


@rule("P003", "执行率得分等于分值乘执行率", message="执行率得分应为 {weight} × {rate} = {expected}，表中为 {actual}",
      basis="预算执行率得分 = min(执行数 ÷ 预算数, 1) × 该项分值（DOMAIN §5）",
      example="分值 20 分、执行率 90%，得分填 20")
def check_rate_scores(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx):
        t = e.table
        if t.rate_score is None or t.rate_weight is None or not t.budget or t.executed is None:
            continue
        ratio = min(t.executed / t.budget, Decimal(1))
        expected = (ratio * t.rate_weight).quantize(Decimal("0.01"))
        if expected != t.rate_score:
            yield Hit(_at(ctx, t.funds_line, t, "执行率得分"),
                      {"weight": t.rate_weight, "rate": f"{ratio:.2%}", "expected": expected, "actual": t.rate_score},
                      expected=expected, actual=t.rate_score, difference=t.rate_score - expected)


@rule("P004", "总分等于各项得分之和", message="执行率得分与各指标得分之和为 {expected}，总分填 {actual}",
      basis="自评总分 = 预算执行率得分 + Σ 各绩效指标得分",
      example="执行率 20 分 + 指标 20+20+20+15 = 95，总分却填 100")
def check_total_scores(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx):
        t = e.table
        if t.total is None or not t.scores:
            continue
        expected = sum(t.scores, t.rate_score or Decimal(0))
        if expected != t.total:
            yield Hit(_at(ctx, t.total_line, t, "总分"), {"expected": expected, "actual": t.total},
                      expected=expected, actual=t.total, difference=t.total - expected)


@rule("P005", "报告中的自评得分与自评表总分一致", message="报告称自评得分 {actual} 分，自评表总分为 {expected} 分",
      basis="同一项目的绩效评价报告与自评表得分应一致",
      example="报告“(一) 自评得分 95 分”，自评表总分 100 分")
def check_claimed_scores(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx):
        if e.score is not None and e.table.total is not None and e.score != e.table.total:
            yield Hit(Location(ctx.doc.source, line=e.score_line), {"actual": e.score, "expected": e.table.total},
                      expected=e.table.total, actual=e.score, difference=e.score - e.table.total)


def _project_name(text: str) -> str:
    name = key(text)
    for _ in range(3):
        name = _NAME_NOISE.sub("", name)
    return name


def _same_project(a: str, b: str) -> bool:
    na, nb = _project_name(a), _project_name(b)
    return bool(na and nb) and (na in nb or nb in na or similar_name(na, nb))


@rule("P006", "同一项目在报告和自评表中名称一致", severity=Severity.WARNING,
      message="自评表项目名称为「{name}」，{where}为「{other}」",
      basis="同一项目在绩效评价报告标题、自评表标题和自评表“项目名称”栏应使用同一名称",
      example="报告“区创新发展和人才服务基地专项经费”，自评表“企业和人才服务基地专项经费”")
def check_project_names(ctx: Context) -> Iterator[Hit]:
    for e in evaluations(ctx):
        t = e.table
        if not t.name:
            continue
        for where, other, line in (("自评表标题", t.title, t.line), ("绩效评价报告标题", e.title, e.title_line)):
            if other and len(_project_name(other)) >= 2 and not _same_project(t.name, other):
                yield Hit(_at(ctx, line, t, "项目名称"), {"name": t.name, "where": where, "other": other},
                          expected=t.name, actual=other)


@rule("P007", "自评项目资金不超过项目支出", message="文中自评项目资金 {actual} 万元，超过{where} {expected} 万元",
      basis="开展绩效自评的项目资金是项目支出的一部分：自评资金 ≤ 项目支出（且占比与之相符）",
      example="“涉及项目 7 个，资金 27,266.89 万元”，项目支出为 26,863.40 万元")
def check_evaluated_funds(ctx: Context) -> Iterator[Hit]:
    t = ctx.doc.table
    totals = [(w, v) for w, v in (("一般公共预算支出表项目支出", _value(t("general_expenditure"), None, "total", "project")),
                                  ("支出决算表项目支出", _value(t("expenditure"), None, "total", "project")))
              if v is not None]
    if not totals:
        raise NotApplicable("no 项目支出")
    paragraphs: list[Paragraph] = [p for p in ctx.doc.paragraphs if _EVALUATED.search(fold(p.text))]
    if not paragraphs:
        raise NotApplicable("no statement of evaluated projects")
    where, project_total = max(totals, key=lambda x: x[1])
    for paragraph in paragraphs:
        text = fold(paragraph.text)
        for m in _EVALUATED.finditer(text):
            stated = amounts(text, m.start("amount"))[0]
            if stated.value > project_total + Decimal("0.01"):
                yield Hit(ctx.at(paragraph, stated.start),
                          {"actual": stated.text, "where": where, "expected": money(project_total)},
                          expected=project_total, actual=stated.value, difference=stated.value - project_total)
