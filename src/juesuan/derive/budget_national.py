"""The 部门预算 in the national template (财政部's nine tables, in 万元, and the 情况说明 as county and
provincial departments publish it): the same data as Shanghai's layout (derive/budget.py), every table
cell a 项's figure rounded to the cent in 万元 and every total the sum of the printed cells, every
figure of the text read from the tables.
"""

from __future__ import annotations

from decimal import Decimal

from ..catalog import Catalog
from ..document import Block, Column, Row, Table
from ..model import BudgetReport
from ..money import rounded
from .budget import (
    FUND_TITLES,
    FUNDS,
    ZERO,
    BudgetData,
    Text,
    _application_form,
    _class_rows,
    _prior_item,
    _subject_table,
    _table,
    economic_table,
    sangong_values,
)
from .tables import ordinal
from .words import amount

WAN = "万元"
# the 部门收支总表's 收入 rows and the 部门收入总表's columns, in the template's order
INCOME = (("general", "一般公共预算拨款收入"), ("gov_fund", "政府性基金预算拨款收入"),
          ("state_capital", "国有资本经营预算拨款收入"), ("special", "财政专户管理资金收入"), ("business", "事业收入"),
          ("superior", "上级补助收入"), ("affiliated", "附属单位上缴收入"), ("operating", "事业单位经营收入"),
          ("other", "其他收入"))
PARTS = ("第一部分 {dept}概况", "第二部分 {dept}{year}年部门预算表", "第三部分 {dept}{year}年部门预算情况说明",
         "第四部分 名词解释")
GLOSSARY = (
    "一、财政拨款收入：指本级财政当年拨付的资金，包括一般公共预算拨款、政府性基金预算拨款和国有资本经营预算拨款。",
    "二、事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
    "三、其他收入：指除上述收入以外的各项收入。",
    "四、上年结转结余：指以前年度尚未完成、结转到本年按有关规定继续使用的资金。",
    "五、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员经费和公用经费。",
    "六、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "七、“三公”经费：指部门用一般公共预算财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。",
    "八、机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行，用于购买货物和服务的各项资金。",
)


class NationalData(BudgetData):
    """The budget's figures in 万元 to the cent, each field of each 项 rounded once (totals add them)."""

    def __init__(self, report: BudgetReport, catalog: Catalog):
        super().__init__(report, catalog)
        in_yuan = self.yuan
        self.yuan = lambda v: rounded(in_yuan(v) / 10000)
        # the 经济分类 and the 功能分类 classify the same 基本支出: rounded each on its own they can differ by a
        # cent, so the 经济分类 cells share out the function tables' total (largest remainders first)
        basic = self.total(lambda ln: self.fund(ln, "general", "basic"))
        cells = [(e.code, f, in_yuan(getattr(e, f)) / 10000) for e in report.economic for f in ("personnel", "public")]
        self.shares = dict(zip(((c, f) for c, f, _ in cells), apportion([v for _, _, v in cells], basic)))

    def in_wan(self, value) -> Decimal:
        return self.yuan(value)            # already in 万元

    def income(self, key: str):
        """Each 项's amount from one source: a fund's 财政拨款, or another income's."""
        return (lambda ln: self.fund(ln, key)) if key in FUNDS else (lambda ln: self.yuan(getattr(ln, key)))

    def economic(self, item, field: str) -> Decimal:
        return self.shares.get((item.code, field), ZERO)


def apportion(values: list[Decimal], total: Decimal) -> list[Decimal]:
    """``values`` rounded to the cent so that they add up to ``total`` (when they are within a few cents
    of it): each rounded to the nearest cent, then the cents still missing (or too many) given to (taken
    from) those whose rounding moved them least toward it."""
    cent = Decimal("0.01")
    shares = [rounded(v) for v in values]
    left = int((total - sum(shares, ZERO)) / cent)
    if not values or abs(left) > len(values):          # not the same money: print each as it rounds
        return shares
    step = cent if left > 0 else -cent
    # who gains a cent: the largest (value − share); who loses one: the smallest
    order = sorted((i for i in range(len(values)) if left > 0 or shares[i] > 0),
                   key=lambda i: values[i] - shares[i], reverse=left > 0)
    for i in order[:abs(left)]:
        shares[i] += step
    return shares


def national_tables(data: NationalData) -> list[Table]:
    income = {"total": ("合计", data.spending), "carried": ("上年结转", data.income("carried")),
              **{k: (label, data.income(k)) for k, label in INCOME}}
    three = {"total": ("合计", data.spending), "basic": ("基本支出", lambda ln: data.spending(ln, "basic")),
             "project": ("项目支出", lambda ln: data.spending(ln, "project"))}
    tables = [_summary(data),
              _subject_table(data, "b_income", "部门收入总表", income, data.lines, unit=WAN),
              _subject_table(data, "b_expenditure", "部门支出总表", three, data.lines, unit=WAN),
              _fiscal_summary(data)]
    for fund, key in (("general", "b_general"), ("gov_fund", "b_gov_fund"), ("state_capital", "b_state_capital")):
        columns = {"total": ("合计", lambda ln, f=fund: data.fund(ln, f)),
                   "basic": ("基本支出", lambda ln, f=fund: data.fund(ln, f, "basic")),
                   "project": ("项目支出", lambda ln, f=fund: data.fund(ln, f, "project"))}
        lines = [ln for ln in data.lines if data.fund(ln, fund)]
        tables.append(_subject_table(data, key, f"{FUND_TITLES[fund]}支出表", columns, lines, unit=WAN,
                                     empty=f"注：本部门本年度没有使用{FUND_TITLES[fund]}拨款安排的支出，本表无数据。"))
    tables.insert(5, economic_table(data, "一般公共预算基本支出表", unit=WAN))
    tables.insert(6, _sangong(data))
    return tables


def _summary(data: NationalData) -> Table:
    values = {k: data.total(data.income(k)) for k in (*(k for k, _ in INCOME), "carried")}
    subtotal = sum((values[k] for k, _ in INCOME), ZERO)
    left = (*(Row(k, f"{ordinal(n)}、{label}", (values[k],)) for n, (k, label) in enumerate(INCOME, start=1)),
            Row("income_subtotal", "本年收入合计", (subtotal,), level="total"),
            Row("carried", "上年结转结余", (values["carried"],)),
            Row("income_total", "收入总计", (subtotal + values["carried"],), level="total"))
    spent = data.total(data.spending)
    right = (*_class_rows(data, {"amount": data.spending}, data.lines),
             Row("expenditure_subtotal", "本年支出合计", (spent,), level="total"),
             Row("carry_forward", "结转下年", (ZERO,)),
             Row("expenditure_total", "支出总计", (spent,), level="total"))
    column = (Column("amount", ("本年预算",)),)
    return _table(data, "b_summary", "部门收支总表", (Block("收入", column, left), Block("支出", column, right)), unit=WAN)


def _fiscal_summary(data: NationalData) -> Table:
    funds = {"total": data.fiscal, **{f: (lambda ln, f=f: data.fund(ln, f)) for f in FUNDS}}
    fiscal = data.total(data.fiscal)
    left = (Row("this_year", "一、本年收入", (fiscal,)),
            *(Row(f, f"（{ordinal(n)}）{FUND_TITLES[f]}拨款", (data.total(funds[f]),)) for n, f in enumerate(FUNDS, start=1)),
            Row("carried", "二、上年结转", (ZERO,)),
            Row("income_total", "收入总计", (fiscal,), level="total"))
    right = _class_rows(data, funds, [ln for ln in data.lines if data.fiscal(ln)])
    right.append(Row("expenditure_total", "支出总计", tuple(data.total(f) for f in funds.values()), level="total"))
    columns = tuple(Column(k, (label,)) for k, label in (("total", "合计"), *((f, FUND_TITLES[f]) for f in FUNDS)))
    return _table(data, "b_fiscal_summary", "财政拨款收支总表",
                  (Block("收入", (Column("amount", ("本年预算",)),), left), Block("支出", columns, tuple(right))), unit=WAN)


SANGONG = (("total", "合计"), ("abroad", "因公出国（境）费"), ("vehicle_total", "公务用车购置及运行费", "小计"),
           ("vehicle_purchase", "公务用车购置及运行费", "公务用车购置费"),
           ("vehicle_operation", "公务用车购置及运行费", "公务用车运行费"), ("reception", "公务接待费"))


def _sangong(data: NationalData) -> Table:
    """一般公共预算“三公”经费支出表: last year's budget beside this year's, each item and the 用车 parts."""
    now, before = sangong_values(data), sangong_values(data, data.report.prior.sangong)
    columns, values = [], []
    for prefix, year, figures in (("prior_", data.year - 1, before), ("", data.year, now)):
        for key, *header in SANGONG:
            columns.append(Column(prefix + key, (f"{year}年预算数", *header)))
            values.append(figures[key])
    row = Row("sangong", "一般公共预算“三公”经费", tuple(values), level="item")
    return _table(data, "b_sangong", "一般公共预算“三公”经费支出表", (Block("", tuple(columns), (row,)),), unit=WAN)


# -- the text ------------------------------------------------------------------------------------------

class NationalText(Text):
    def changed(self, now: Decimal, prior: Decimal | None, what: str, field: str, printed: bool = False) -> str:
        """Shanghai's "比2024年预算增加1.00万元" with the rate the national template adds ("，增长2.3%")."""
        text = super().changed(now, prior, what, field, printed)
        before = ZERO if prior is None else prior if printed else self.data.in_wan(prior)
        if before and now != before:
            text += f"，{'增长' if now > before else '下降'}{_rate(abs(now - before), before)}"
        return text


def _rate(change: Decimal, base: Decimal) -> str:
    return f"{rounded(change / base * 100, 1)}%"


def _share(part: Decimal, whole: Decimal) -> str:
    return f"{rounded(part / whole * 100, 1) if whole else ZERO}%"


def national_text(data: NationalData) -> NationalText:
    out, report, year = NationalText(data), data.report, data.year
    dept = report.department.name
    first, _, third, glossary = (p.format(dept=dept, year=year) for p in PARTS)
    out.section(first, "一、主要职能")
    for duty in report.department.duties or [out.gap("部门主要职能", "department.duties")]:
        out.say(duty)
    out.section(first, "二、部门预算单位构成")
    units = report.department.units or [dept]
    out.say(f"纳入{dept}{year}年部门预算编制范围的预算单位共{len(units)}个，包括：{'、'.join(units)}。")
    _overall(out, data, third)
    _other_matters(out, data, third)
    out.section(glossary)
    for term in GLOSSARY:
        out.say(term)
    return out


def _overall(out: NationalText, data: NationalData, part: str) -> None:
    report, year, dept = data.report, data.year, data.report.department.name
    total, fiscal = data.total(data.spending), data.total(data.fiscal)
    incomes = [(label, data.total(data.income(k))) for k, label in (*INCOME, ("carried", "上年结转结余"))]
    incomes = [(label, value) for label, value in incomes if value]
    out.section(part, "一、收支预算总体情况")
    out.say(f"按照综合预算的原则，{dept}所有收入和支出均纳入部门预算管理。{dept}{year}年收支总预算{amount(total)}万元。")
    out.section(part, "二、收入预算情况")
    out.say(f"{dept}{year}年收入预算{amount(total)}万元，其中：" +
            "；".join(f"{label}{amount(value)}万元，占{_share(value, total)}" for label, value in incomes) + "。")
    basic, project = data.total(lambda ln: data.spending(ln, "basic")), data.total(lambda ln: data.spending(ln, "project"))
    out.section(part, "三、支出预算情况")
    out.say(f"{dept}{year}年支出预算{amount(total)}万元，其中：基本支出{amount(basic)}万元，占{_share(basic, total)}；"
            f"项目支出{amount(project)}万元，占{_share(project, total)}。")
    out.section(part, "四、财政拨款收支预算总体情况")
    out.say(f"{dept}{year}年财政拨款收支总预算{amount(fiscal)}万元。")
    general = data.total(lambda ln: data.fund(ln, "general"))
    out.section(part, "五、一般公共预算支出预算情况")
    reason = report.reasons.fiscal.strip().rstrip("。")
    change = out.changed(general, report.prior.general, "一般公共预算当年拨款", "prior.general")
    out.say(f"{dept}{year}年一般公共预算当年拨款{amount(general)}万元，{change}"
            + (f"，主要原因是{reason}。" if reason else "。"))
    lines = [ln for ln in data.lines if data.fund(ln, "general")]
    for n, line in enumerate(lines, start=1):
        use = f"，主要用于{line.purpose.strip().rstrip('。')}" if line.purpose.strip() else ""
        out.say(f"{n}.{data.name(line.code[:3])}（类）{data.name(line.code[:5])}（款）{data.name(line.code)}（项）"
                f"{amount(data.fund(line, 'general'))}万元{use}。")
    economic = economic_table(data, "", unit=WAN)
    personnel, public = (economic.value("total", k) for k in ("personnel", "public"))
    out.section(part, "六、一般公共预算基本支出预算情况")
    out.say(f"{dept}{year}年一般公共预算基本支出{amount(personnel + public)}万元，其中：人员经费{amount(personnel)}万元，"
            f"公用经费{amount(public)}万元。")
    now = sangong_values(data)
    out.section(part, "七、一般公共预算“三公”经费预算情况")
    out.say(f"{dept}{year}年一般公共预算“三公”经费预算{amount(now['total'])}万元，"
            f"{out.changed(now['total'], _prior_item(data, 'total'), '“三公”经费', 'prior.sangong', printed=True)}。"
            "其中：" + "；".join(_sangong_item(out, now, key, label) for key, label in
                                (("abroad", "因公出国（境）费"), ("reception", "公务接待费"),
                                 ("vehicle_total", "公务用车购置及运行费"))) +
            f"，其中：公务用车购置费{amount(now['vehicle_purchase'])}万元，公务用车运行费{amount(now['vehicle_operation'])}万元。")
    reason = "；".join(r.strip().rstrip("。") for r in (report.reasons.abroad, report.reasons.reception,
                                                       report.reasons.vehicle_purchase, report.reasons.vehicle_operation)
                      if r.strip())
    if reason:
        out.say(f"变化的主要原因是{reason}。")
    for fund, title in (("gov_fund", "八、政府性基金预算支出预算情况"), ("state_capital", "九、国有资本经营预算支出预算情况")):
        value = data.total(lambda ln, f=fund: data.fund(ln, f))
        out.section(part, title)
        out.say(f"{dept}{year}年{FUND_TITLES[fund]}支出{amount(value)}万元。" if value else
                f"{dept}{year}年没有使用{FUND_TITLES[fund]}拨款安排的支出。")


def _sangong_item(out: NationalText, now: dict[str, Decimal], key: str, label: str) -> str:
    prior = _prior_item(out.data, key)
    return f"{label}{amount(now[key])}万元，{out.changed(now[key], prior, label, f'prior.sangong.{key}', printed=True)}"


def _other_matters(out: NationalText, data: NationalData, part: str) -> None:
    report, year, dept = data.report, data.year, data.report.department.name
    out.section(part, "十、其他重要事项的情况说明", "（一）机关运行经费")
    out.say(f"{year}年{dept}机关运行经费财政拨款预算{amount(data.yuan(report.running_cost))}万元。"
            if report.running_cost is not None else f"{year}年{dept}没有机关运行经费预算。")
    buy = report.procurement
    kinds = {k: data.yuan(getattr(buy, k)) for k in ("goods", "works", "services")}
    out.section(part, "十、其他重要事项的情况说明", "（二）政府采购情况")
    out.say(f"{year}年{dept}政府采购预算总额{amount(sum(kinds.values(), ZERO))}万元，其中：政府采购货物预算"
            f"{amount(kinds['goods'])}万元、政府采购工程预算{amount(kinds['works'])}万元、政府采购服务预算"
            f"{amount(kinds['services'])}万元。面向中小企业预留政府采购项目预算金额{amount(data.yuan(buy.sme_reserved))}万元。")
    assets = report.assets
    held = "、".join(f"{c}{n}辆" for c, n in assets.vehicles.items() if n)
    as_of = assets.as_of or out.gap("车辆统计截止日期", "assets.as_of")
    out.section(part, "十、其他重要事项的情况说明", "（三）国有资产占有使用情况")
    out.say(f"截至{as_of}，{dept}共有车辆{sum(assets.vehicles.values())}辆" + (f"，其中：{held}" if held else "") +
            f"；单价100万元（含）以上设备（不含车辆）{assets.equipment_over_1m or 0}台（套）。{year}年部门预算安排购置车辆"
            f"{sum(assets.planned_vehicles.values())}辆，安排购置单价100万元（含）以上设备（不含车辆）"
            f"{assets.planned_equipment or 0}台（套）。")
    targets = report.targets
    out.section(part, "十、其他重要事项的情况说明", "（四）预算绩效管理情况")
    projects = targets.projects if targets.projects is not None else out.gap("实行绩效目标管理的项目数", "targets.projects")
    # within the 项目支出 (the input is refused otherwise): rounded on its own it may pass the printed total by a cent
    projects_total = data.total(lambda ln: data.spending(ln, "project"))
    money = amount(min(data.yuan(targets.amount), projects_total)) if targets.amount is not None else \
        out.gap("涉及项目预算资金", "targets.amount")
    out.say(f"{year}年{dept}实行绩效目标管理的项目{projects}个，涉及项目预算资金{money}万元。")
    for project in report.projects:
        indicators = [i for i in report.indicators if i.project == project.name]
        if indicators:
            out.grid("项目支出绩效目标表", _application_form(out, data, project, indicators, unit=WAN))
