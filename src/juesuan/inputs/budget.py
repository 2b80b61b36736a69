"""Loading a 部门预算's data (JSON with ``"kind": "budget"``) into a BudgetReport, and the checks that
make the tables derived from it consistent: every figure of the budget is computed from these."""

from __future__ import annotations

import re
from decimal import Decimal

from ..model import BUDGET_SOURCES, BudgetReport
from .problems import Finding, problem
from .workbook import report_from_data

PROJECT_SPENDING = ("general_project", "gov_fund_project", "state_capital_project", *(s for s, _ in BUDGET_SOURCES))
AMOUNTS = ("general_basic", "general_project", "gov_fund_basic", "gov_fund_project", "state_capital_basic",
           "state_capital_project", *(s for s, _ in BUDGET_SOURCES))


def budget_from_data(data: dict, origin: str) -> tuple[BudgetReport | None, list[Finding]]:
    """A BudgetReport from raw data (JSON, or a budget workbook's cells), and what is wrong with it,
    located at the cell or JSON member."""
    report, problems = report_from_data(data, origin, BudgetReport)
    if report is None:
        return None, problems
    report = report.model_copy(update={
        "lines": [ln.model_copy(update={"loc": ln.loc or f"{origin}:/lines/{i}"}) for i, ln in enumerate(report.lines)],
        "economic": [e.model_copy(update={"loc": e.loc or f"{origin}:/economic/{i}"})
                     for i, e in enumerate(report.economic)],
        "indicators": [x.model_copy(update={"loc": x.loc or f"{origin}:/indicators/{i}"})
                       for i, x in enumerate(report.indicators)]})
    return report, problems + validate_budget(report, origin)


def validate_budget(report: BudgetReport, origin: str) -> list[Finding]:
    """What would make the budget's tables or text inconsistent, located in the input."""
    found: list[Finding] = []
    if not report.lines:
        found.append(problem(origin, "lines 没有数据：请按功能分类项（7 位代码）填写各项预算", code="empty"))
    seen: dict[str, str] = {}
    for line in report.lines:
        where = line.loc or origin
        if not re.fullmatch(r"\d{7}", line.code):
            found.append(problem(where, f"「{line.code}」不是功能分类项级科目代码（应为 7 位数字）", code="malformed-code"))
        if line.code in seen:
            found.append(problem(where, f"科目 {line.code} 重复（与 {seen[line.code]} 相同）", code="duplicate"))
        seen.setdefault(line.code, where)
        for name in AMOUNTS:
            if (value := getattr(line, name)) is not None and value < 0:
                found.append(problem(where, f"{line.code} 的 {name} 为负数 {value}：预算数不能为负", code="negative"))
    projects = {p.name for p in report.projects}
    for indicator in report.indicators:
        if indicator.project not in projects:
            found.append(problem(indicator.loc or origin, f"指标「{indicator.name}」所属项目「{indicator.project}」不在项目经费中",
                                 code="budget-inconsistent"))
    for item in report.economic:
        if not re.fullmatch(r"\d{5}", item.code):
            found.append(problem(item.loc or origin, f"「{item.code}」不是经济分类款级科目代码（应为 5 位数字）",
                                 code="malformed-code"))
    found += _consistency(report, origin)
    return found


def _consistency(report: BudgetReport, origin: str) -> list[Finding]:
    unit = report.unit.value
    found = []
    basic = sum((ln.general_basic or Decimal(0) for ln in report.lines), Decimal(0))
    economic = sum(((e.personnel or Decimal(0)) + (e.public or Decimal(0)) for e in report.economic), Decimal(0))
    if report.economic and economic != basic:
        found.append(problem(f"{origin}:/economic", f"经济分类合计 {economic:,.2f} {unit}，功能分类的一般公共预算基本支出 "
                                                    f"{basic:,.2f} {unit}，相差 {economic - basic:+,.2f} {unit}",
                             code="budget-inconsistent"))
    prior = report.prior
    funds = (prior.general, prior.gov_fund, prior.state_capital)
    if prior.fiscal is not None and any(v is not None for v in funds) and \
            sum((v or Decimal(0) for v in funds), Decimal(0)) != prior.fiscal:
        found.append(problem(f"{origin}:/prior/fiscal", f"上年财政拨款预算 {prior.fiscal:,.2f} {unit}，一般公共预算、政府性基金、"
                                                       f"国有资本经营预算之和 {sum((v or 0 for v in funds), Decimal(0)):,.2f} {unit}",
                             code="budget-inconsistent"))
    project = sum((getattr(ln, f) or Decimal(0) for ln in report.lines for f in PROJECT_SPENDING), Decimal(0))
    planned = [("targets/amount", "编报绩效目标的项目预算资金", report.targets.amount)] + \
        [(f"projects/{i}", f"项目「{p.name}」的年度预算安排", p.amount) for i, p in enumerate(report.projects)]
    for where, what, value in planned:
        if value is not None and value > project:
            found.append(problem(f"{origin}:/{where}", f"{what} {value:,.2f} {unit} 超过项目支出合计 {project:,.2f} {unit}",
                                 code="budget-inconsistent"))
    for i, p in enumerate(report.projects):
        found += _application(p, f"{origin}:/projects/{i}", unit)
    buy = report.procurement
    total = sum((v or Decimal(0) for v in (buy.goods, buy.works, buy.services)), Decimal(0))
    if (buy.sme_reserved or 0) > total:
        found.append(problem(f"{origin}:/procurement/sme_reserved", f"面向中小企业预留 {buy.sme_reserved:,.2f} {unit} 大于"
                                                                  f"政府采购预算 {total:,.2f} {unit}", code="budget-inconsistent"))
    if (buy.small_micro_reserved or 0) > (buy.sme_reserved or 0):
        found.append(problem(f"{origin}:/procurement/small_micro_reserved",
                             f"预留给小微企业 {buy.small_micro_reserved:,.2f} {unit} 大于面向中小企业预留 "
                             f"{buy.sme_reserved or 0:,.2f} {unit}", code="budget-inconsistent"))
    if (m := re.match(r"(\d{4})", report.assets.as_of)) and int(m.group(1)) >= report.year:
        found.append(problem(f"{origin}:/assets/as_of", f"车辆统计截止日期「{report.assets.as_of}」应在预算年度 "
                                                       f"{report.year} 年之前", code="budget-inconsistent"))
    return found


def _application(project, where: str, unit: str) -> list[Finding]:
    """A 申报表's funds hold together: each "其中" within its whole, the year's request within the project's."""
    zero = Decimal(0)
    parts = (("funds_other", "项目资金总额中的其他资金", project.funds_other, "项目资金总额", project.funds_total),
             ("carried", "年度资金申请总额中的上年结转和其他资金",
              (project.carried or zero) + (project.annual_other or zero), "年度资金申请总额", project.amount),
             ("amount", "年度资金申请总额", project.amount, "项目资金总额", project.funds_total))
    return [problem(f"{where}/{key}", f"项目「{project.name}」{what} {part:,.2f} {unit} 大于{whole_name} {whole:,.2f} {unit}",
                    code="budget-inconsistent")
            for key, what, part, whole_name, whole in parts if part is not None and whole is not None and part > whole]
