"""Report → the 绩效 part of the document: one 自评表 per evaluation (laid out like the 附件 of a
published report), the attachment's report headings, and the 预算绩效 paragraph of the 情况说明.

Every figure comes from the Report and the scoring rules: the 执行率 and its score are computed,
the 万元 amounts are rounded once, and the paragraph's totals are sums of the tables' figures.
"""

from __future__ import annotations

from decimal import Decimal

from ..document import Paragraph, PerfIndicator, PerfTable
from ..model import PROJECT_CATEGORIES, Evaluation, Report
from ..money import rounded
from ..profiles import Profile
from .scoring import ScoringRules, execution_score, grade, load_rules
from .words import percent, wan

ATTRIBUTES = ("持续性项目", "新增性项目")
KINDS = ("常年性项目", "延续性项目", "一次性项目")
ATTACHMENT = ("第六部分 附件",)
SECTION = ("第三部分 部门决算情况说明", "十三、预算绩效情况说明")


def rules_for(profile: Profile) -> ScoringRules:
    return load_rules(profile.option("scoring", "caiyu-2020-10"))


def _choices(options: tuple[str, ...], chosen: str) -> list[tuple[str, bool]]:
    listed = options if chosen in options or not chosen else (*options, chosen)
    return [(o, o == chosen) for o in listed]


def _rate(budget: Decimal | None, executed: Decimal | None) -> str:
    return (percent(executed, budget, 2) if executed is not None else None) or ""


def title_of(report: Report, evaluation: Evaluation) -> str:
    if evaluation.whole_department:
        return f"{report.year}年度{report.department.name}部门整体绩效自评表"
    return f"{report.year}年度{evaluation.name}项目绩效自评表"


def perf_table(report: Report, evaluation: Evaluation, rules: ScoringRules) -> PerfTable:
    budget, executed = wan(evaluation.budget, report.unit), wan(evaluation.executed, report.unit)
    rate_weight = rules.weights["budget_execution"]
    indicators = [i for i in report.performance.indicators if i.evaluation == evaluation.name]
    rows = [PerfIndicator(i.level1, i.level2, i.name, i.target, i.actual, i.weight, i.score) for i in indicators]
    weights = [i.weight for i in indicators]
    table = PerfTable(
        title=title_of(report, evaluation), lines=(), name="" if evaluation.whole_department else evaluation.name,
        budget=budget, executed=executed, rate_text=_rate(budget, executed),
        rate_score=execution_score(budget, executed, rate_weight, rules), rate_weight=rate_weight,
        scores=[i.score for i in indicators if i.score is not None], indicators=rows,
        goal_weight=sum(weights, Decimal(0)) if weights and None not in weights else None,
        total=evaluation.score if indicators else None,
    )
    if not evaluation.whole_department:
        table.choices = {"项目类别": _choices(PROJECT_CATEGORIES[:2] + PROJECT_CATEGORIES[-1:], evaluation.category),
                         "项目属性": _choices(ATTRIBUTES, evaluation.attribute),
                         "项目类型": _choices(KINDS, evaluation.kind)}
    return table


def perf_tables(report: Report, profile: Profile) -> list[PerfTable]:
    rules = rules_for(profile)
    return [perf_table(report, e, rules) for e in report.performance.evaluations]


def _paragraph(text: str, section: tuple[str, ...]) -> Paragraph:
    return Paragraph(((0, text),), section)


def attachment_paragraphs(report: Report) -> list[Paragraph]:
    """Each evaluation's report before its table: heading, self-assessed score, 执行率 and results,
    problems and next steps (the texts come from the input; the figures are the table's)."""
    paragraphs = []
    for number, e in enumerate(report.performance.evaluations, start=1):
        paragraphs.append(_paragraph(f"{number}.{title_of(report, e).removesuffix('表')}报告", ATTACHMENT))
        parts = []
        if e.score is not None:
            parts.append(f"(一) 自评得分 {e.score} 分")
        budget, executed = wan(e.budget, report.unit), wan(e.executed, report.unit)
        rate = _rate(budget, executed)
        if rate:
            parts.append(f"(二) 绩效目标完成情况：年度财政资金总额{budget:,.2f}万元，当年执行数为{executed:,.2f}万元，"
                         f"执行率{rate}。{e.outcome}".rstrip())
        if e.problems:
            parts.append(f"(三) 存在的问题和原因：{e.problems}")
        if e.improvements:
            parts.append(f"(四) 下一步拟改进措施：{e.improvements}")
        paragraphs += [_paragraph(text, ATTACHMENT) for text in parts]
    return paragraphs


def performance_paragraph(report: Report, profile: Profile, project_total: Decimal | None) -> Paragraph | None:
    """情况说明 预算绩效: how many projects, how much money, its share of 项目支出, scores and grades."""
    projects = [e for e in report.performance.evaluations if not e.whole_department]
    if not projects:
        return None
    rules = rules_for(profile)
    funds = sum((wan(e.budget, report.unit) or Decimal(0) for e in projects), Decimal(0))
    text = f"对{report.year}年度项目支出开展绩效自评，涉及项目{len(projects)}个，资金{funds:,.2f}万元"
    if project_total:
        text += f"，占项目支出总额的{percent(funds, project_total)}"
    scores = [e.score for e in projects if e.score is not None]
    if scores:
        average = rounded(sum(scores, Decimal(0)) / len(scores), 1)
        grades = [grade(s, rules) for s in scores]
        counts = "、".join(f"{g}{grades.count(g)}个" for g, _ in rules.grades if g in grades)
        text += f"。自评得分平均{average}分，其中{counts}"
    return _paragraph(text + "。", SECTION)
