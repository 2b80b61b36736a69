"""P: 绩效自评 — the self-evaluation tables and reports: ticks, execution rates, scores, names, and
the evaluated funds against the money tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..claims.prose import AMOUNT_TEXT, NUMBER, amounts, fold, percents, share
from ..derive.scoring import DEFAULT_RULES, load_rules, quantity, score_indicator
from ..document import Paragraph, PerfIndicator, PerfTable
from ..document.normalize import key, similar_name
from ..model import Indicator
from .context import Context, money
from .narrative import _value
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
    """Each 自评表 with the report heading and claimed score printed before it (by source line; in a
    generated document, where nothing has a line, by order)."""
    tables = ctx.doc.perf_tables
    if not tables:
        raise NotApplicable("no performance tables")
    texts = _attachment_text(ctx)
    found = []
    previous_end = 0
    for index, table in enumerate(tables):
        evaluation = Evaluation(table)
        before = [(line, text) for line, text in texts if previous_end < line < table.line] if table.lines else \
            _nth_report(texts, index)
        for line, text in before:
            if m := _REPORT_TITLE.match(key(text)):
                evaluation.title, evaluation.title_line = m.group("name"), line or None
                evaluation.score = evaluation.score_line = None
            if m := _SELF_SCORE.search(fold(text)):
                evaluation.score, evaluation.score_line = Decimal(m.group("score")), line or None
        found.append(evaluation)
        previous_end = table.lines[-1] if table.lines else previous_end
    return found


def _nth_report(texts: list[tuple[int, str]], index: int) -> list[tuple[int, str]]:
    """The texts from the ``index``-th report heading up to the next one."""
    starts = [i for i, (_, text) in enumerate(texts) if _REPORT_TITLE.match(key(text))]
    if index >= len(starts):
        return []
    end = starts[index + 1] if index + 1 < len(starts) else len(texts)
    return texts[starts[index]:end]


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


def _indicators(ctx: Context) -> list[tuple[PerfTable, PerfIndicator]]:
    found = [(t, i) for t in ctx.doc.perf_tables for i in t.indicators]
    if not found:
        raise NotApplicable("no indicators")
    return found


def _as_indicator(row: PerfIndicator) -> Indicator:
    return Indicator(evaluation="", level1=row.level1, level2=row.level2, name=row.name, target=row.target,
                     actual=row.actual, weight=row.weight, score=row.score)


@rule("P008", "指标得分符合计分规则",
      message="“{name}”（{direction}，分值 {weight}，目标 {target}，实际 {actual}）按计分规则应得 {expected} 分，表中为 {score} 分",
      basis="财预〔2020〕10号：正向 a≥t 得满分否则 a/t×分值；反向 a≤t 满分、t<a<2t 按比例、a≥2t 为 0；"
            "定性按达成/部分达成/未达成取分值的 80–100%、60–80%、0–60%；得分不超过分值",
      example="正向指标 目标 100 家、实际 50 家、分值 20，得分却填 20（应为 10）")
def check_indicator_scores(ctx: Context) -> Iterator[Hit]:
    rules = load_rules(DEFAULT_RULES)
    for table, row in _indicators(ctx):
        if row.score is None:
            continue
        weight = row.weight
        if weight is None:  # without a 分值 column only the goal's total bounds a score
            if table.goal_weight is not None and row.score > table.goal_weight:
                yield Hit(_at(ctx, row.line, table, row.name),
                          {"name": row.name, "direction": "分值未列", "weight": table.goal_weight, "target": row.target,
                           "actual": row.actual, "expected": f"不超过 {table.goal_weight}", "score": row.score},
                          expected=table.goal_weight, actual=row.score)
            continue
        verdict = score_indicator(_as_indicator(row), rules)
        if verdict.allows(row.score):
            continue
        expected = verdict.low if verdict.exact else f"{verdict.low}–{verdict.high}"
        yield Hit(_at(ctx, row.line, table, row.name),
                  {"name": row.name, "direction": verdict.direction.value, "weight": weight, "target": row.target,
                   "actual": row.actual, "expected": expected, "score": row.score},
                  expected=expected, actual=row.score)


@rule("P009", "分值合计为 100 分", message="{where}：执行率 {rate} 分与指标分值 {indicators} 分合计 {total} 分，应为 100 分",
      basis="自评表总分值 100：预算执行率分值 + 各绩效指标分值 = 100（默认 10 + 50 + 30 + 10）",
      example="执行率 20 分、年度目标 70 分")
def check_weights(ctx: Context) -> Iterator[Hit]:
    tables = [t for t in ctx.doc.perf_tables if t.rate_weight is not None]
    if not tables:
        raise NotApplicable("no weights printed")
    for table in tables:
        weights = [i.weight for i in table.indicators]
        indicators = table.goal_weight if table.goal_weight is not None else (
            sum(weights, Decimal(0)) if weights and None not in weights else None)
        if indicators is None:
            continue
        total = table.rate_weight + indicators
        if total != 100:
            yield Hit(_at(ctx, table.funds_line, table, "分值"),
                      {"where": table.name or table.title, "rate": table.rate_weight, "indicators": indicators,
                       "total": total}, expected=100, actual=total, difference=total - 100)


@rule("P010", "指标的目标值和实际完成值齐全且可比", severity=Severity.WARNING, message="“{name}”：{problem}",
      basis="每个绩效指标须填写年初目标值和实际完成值；定量指标的实际值应为数值，单位与目标值一致",
      example="目标值“1000 家次”，实际完成值“大于”")
def check_indicator_values(ctx: Context) -> Iterator[Hit]:
    for table, row in _indicators(ctx):
        target, actual = quantity(row.target), quantity(row.actual)
        if not key(row.target) or not key(row.actual):
            problem = f"缺少{'年初目标值' if not key(row.target) else '实际完成值'}"
        elif target is not None and actual is None:
            problem = f"目标值“{row.target}”是定量的，实际完成值“{row.actual}”不是数值"
        elif target is not None and actual is not None and target.scale != actual.scale:
            problem = f"目标值“{row.target}”与实际完成值“{row.actual}”的数量级（万/亿）不一致"
        else:
            continue
        yield Hit(_at(ctx, row.line, table, row.name), {"name": row.name, "problem": problem},
                  expected=row.target, actual=row.actual)


def _same_value(a: str, b: str) -> bool:
    """当年 / 当年度, 1 项 / 1 个, ≥90% / 90%: the same value written two ways."""
    ka, kb = key(a), key(b)
    if ka == kb or (ka and kb and (ka in kb or kb in ka)):
        return True
    qa, qb = quantity(a), quantity(b)
    return qa is not None and qb is not None and qa.value == qb.value and qa.scale == qb.scale


def _whole_department(table: PerfTable) -> bool:
    return not table.name or "整体" in table.title


@rule("P011", "同一指标在整体自评表和项目自评表中一致", severity=Severity.WARNING,
      message="“{name}”在{table}中为 目标 {target} / 实际 {actual}，在部门整体自评表中为 目标 {other_target} / 实际 {other_actual}",
      basis="部门整体绩效自评表与项目自评表中的同一指标，目标值和完成值应一致",
      example="“省内省外校招次数”：整体自评表 10 场 / 12，项目自评表 2 次 / 2 次")
def check_indicator_consistency(ctx: Context) -> Iterator[Hit]:
    rows = _indicators(ctx)
    department = {key(r.name): r for t, r in rows if _whole_department(t) and len(key(r.name)) > 4}
    if not department:
        raise NotApplicable("no department-wide table")
    for table, row in rows:
        other = department.get(key(row.name))
        if other is None or _whole_department(table):
            continue
        if not (_same_value(row.target, other.target) and _same_value(row.actual, other.actual)):
            yield Hit(_at(ctx, row.line, table, row.name),
                      {"name": row.name, "table": table.name or table.title, "target": row.target,
                       "actual": row.actual, "other_target": other.target, "other_actual": other.actual},
                      expected=f"{other.target} / {other.actual}", actual=f"{row.target} / {row.actual}")
