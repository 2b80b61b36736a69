"""The Report: everything one budget unit's final-accounts disclosure states, as plain records.

Money fields are ``Decimal | None`` in the report's declared ``unit`` (元 or 万元); ``None`` is a
blank (not applicable), ``0`` is a stated zero. Records carry an optional ``loc`` (where the value
was read: ``data.xlsx:收支明细!B14``) that is not part of the data and never serialised.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic.json_schema import SkipJsonSchema

from .money import Unit, to_wan

Amount = Decimal | None
Loc = Annotated[SkipJsonSchema[str | None], Field(default=None, exclude=True)]


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Level(StrEnum):
    PROVINCE = "省"
    CITY = "市"
    DISTRICT = "区"
    COUNTY = "县"
    TOWNSHIP = "乡镇"


class Fund(StrEnum):
    """Where money comes from, as the tables split it."""

    GENERAL = "一般公共预算财政拨款"
    GOV_FUND = "政府性基金预算财政拨款"
    STATE_CAPITAL = "国有资本经营预算财政拨款"
    NON_FISCAL = "非财政拨款"


class Department(Record):
    name: str = Field(description="部门（单位）全称")
    level: Level = Field(description="部门级次：省/市/区/县/乡镇")
    region: str = Field(default="", description="所在地区，如 湖北省武汉市武昌区")
    duties: list[str] = Field(default_factory=list, description="部门职责，一条一项")
    internal_divisions: list[str] = Field(default_factory=list, description="内设机构")
    structure_note: str = Field(default="", description="机构设置说明")
    units: list[str] = Field(
        default_factory=list,
        description="纳入决算的单位：第一项为本级，其余为所属单位；为空表示只有本级",
    )
    phone: str = Field(default="", description="咨询电话")
    unit_notes: dict[str, str] = Field(default_factory=dict,
                                       description="单位构成的备注：单位名称 → 备注（如 下属参公事业单位）")


class SubjectLine(Record):
    """One 功能分类 项 (7-digit code) of one unit, or a name declaration of a 类/款.

    Income is split by source, expenditure by nature and fund. 类 (3 digits) and 款 (5 digits)
    rows only name their subject; the tables derive their amounts from the 项.
    """

    unit: str | None = Field(default=None, description="单位名称（汇总决算时填写；空为本级）")
    code: str = Field(description="支出功能分类科目代码：项 7 位；类 3 位、款 5 位只用于给出名称")
    name: str | None = Field(default=None, description="科目名称（空则取自科目目录）")
    inc_general: Amount = Field(default=None, description="一般公共预算财政拨款收入")
    inc_gov_fund: Amount = Field(default=None, description="政府性基金预算财政拨款收入")
    inc_state_capital: Amount = Field(default=None, description="国有资本经营预算财政拨款收入")
    inc_superior: Amount = Field(default=None, description="上级补助收入")
    inc_business: Amount = Field(default=None, description="事业收入")
    inc_operating: Amount = Field(default=None, description="经营收入")
    inc_affiliated: Amount = Field(default=None, description="附属单位上缴收入")
    inc_other: Amount = Field(default=None, description="其他收入")
    exp_general_basic: Amount = Field(default=None, description="一般公共预算财政拨款基本支出")
    exp_general_project: Amount = Field(default=None, description="一般公共预算财政拨款项目支出")
    exp_gov_fund_basic: Amount = Field(default=None, description="政府性基金预算财政拨款基本支出")
    exp_gov_fund_project: Amount = Field(default=None, description="政府性基金预算财政拨款项目支出")
    exp_state_capital_basic: Amount = Field(default=None, description="国有资本经营预算财政拨款基本支出")
    exp_state_capital_project: Amount = Field(default=None, description="国有资本经营预算财政拨款项目支出")
    exp_other_basic: Amount = Field(default=None, description="非财政拨款基本支出")
    exp_other_project: Amount = Field(default=None, description="非财政拨款项目支出")
    exp_remit: Amount = Field(default=None, description="上缴上级支出")
    exp_operating: Amount = Field(default=None, description="经营支出")
    exp_subsidy: Amount = Field(default=None, description="对附属单位补助支出")
    budget_initial: Amount = Field(default=None, description="一般公共预算财政拨款年初预算数")
    budget_gov_fund: Amount = Field(default=None, description="政府性基金预算财政拨款年初预算数")
    budget_state_capital: Amount = Field(default=None, description="国有资本经营预算财政拨款年初预算数")
    prior_year: Amount = Field(default=None, description="上年决算数（本项支出合计）")
    variance_reason: str = Field(default="", description="决算数与年初预算数差异的原因")
    purpose: str = Field(default="", description="主要用途")
    loc: Loc


INCOME_FIELDS = (
    "inc_general", "inc_gov_fund", "inc_state_capital", "inc_superior",
    "inc_business", "inc_operating", "inc_affiliated", "inc_other",
)
EXPENDITURE_FIELDS = (
    "exp_general_basic", "exp_general_project", "exp_gov_fund_basic", "exp_gov_fund_project",
    "exp_state_capital_basic", "exp_state_capital_project", "exp_other_basic", "exp_other_project",
    "exp_remit", "exp_operating", "exp_subsidy",
)
FUND_BUDGET_FIELDS = ("budget_gov_fund", "budget_state_capital")   # columns added later: optional
AMOUNT_FIELDS = INCOME_FIELDS + EXPENDITURE_FIELDS + ("budget_initial", *FUND_BUDGET_FIELDS, "prior_year")

# Which income / expenditure field belongs to which fund (for the balance of each fund).
FUND_INCOME = {
    Fund.GENERAL: ("inc_general",),
    Fund.GOV_FUND: ("inc_gov_fund",),
    Fund.STATE_CAPITAL: ("inc_state_capital",),
    Fund.NON_FISCAL: ("inc_superior", "inc_business", "inc_operating", "inc_affiliated", "inc_other"),
}
FUND_EXPENDITURE = {
    Fund.GENERAL: ("exp_general_basic", "exp_general_project"),
    Fund.GOV_FUND: ("exp_gov_fund_basic", "exp_gov_fund_project"),
    Fund.STATE_CAPITAL: ("exp_state_capital_basic", "exp_state_capital_project"),
    Fund.NON_FISCAL: ("exp_other_basic", "exp_other_project", "exp_remit", "exp_operating", "exp_subsidy"),
}


class EconomicLine(Record):
    """一般公共预算财政拨款基本支出 by 部门预算支出经济分类 款 (5-digit code)."""

    unit: str | None = Field(default=None, description="单位名称（汇总决算时填写；空为本级）")
    code: str = Field(description="经济分类科目代码（款，5 位）")
    name: str | None = Field(default=None, description="科目名称（空则取自科目目录）")
    amount: Amount = Field(default=None, description="决算数")
    tail: bool = Field(default=False, description="尾数差额放在此科目")
    loc: Loc


class BalanceKind(StrEnum):
    OPENING = "年初结转和结余"
    USE_OF_SURPLUS = "使用非财政拨款结余"
    DISTRIBUTION = "结余分配"


class Balance(Record):
    """年初结转和结余 by fund (and 项 where tables 政府性基金/国有资本经营 need it)."""

    kind: BalanceKind = Field(default=BalanceKind.OPENING, description="项目")
    unit: str | None = Field(default=None, description="单位名称（空为本级）")
    fund: Fund = Field(description="资金性质")
    code: str | None = Field(default=None, description="功能分类科目代码（项，7 位）")
    amount: Decimal = Field(description="金额")
    loc: Loc


class PriorYear(Record):
    """上年决算数 the narrative compares with (the previous year's published totals)."""

    grand_total: Amount = Field(default=None, description="上年收入支出总计")
    income_total: Amount = Field(default=None, description="上年本年收入合计")
    expenditure_total: Amount = Field(default=None, description="上年本年支出合计")
    fiscal_total: Amount = Field(default=None, description="上年财政拨款收入支出合计")
    general_expenditure: Amount = Field(default=None, description="上年一般公共预算财政拨款支出")
    basic: Amount = Field(default=None, description="上年基本支出")
    project: Amount = Field(default=None, description="上年项目支出")
    general_basic: Amount = Field(default=None, description="上年一般公共预算财政拨款基本支出")
    personnel: Amount = Field(default=None, description="上年人员经费")
    public: Amount = Field(default=None, description="上年公用经费")


class SanGongItems(Record):
    abroad: Amount = Field(default=None, description="因公出国（境）费")
    vehicle_purchase: Amount = Field(default=None, description="公务用车购置费")
    vehicle_operation: Amount = Field(default=None, description="公务用车运行维护费")
    reception: Amount = Field(default=None, description="公务接待费")


class SanGong(Record):
    """财政拨款“三公”经费."""

    budget: SanGongItems = Field(default_factory=SanGongItems, description="全年预算数")
    actual: SanGongItems = Field(default_factory=SanGongItems, description="决算数")
    prior: SanGongItems = Field(default_factory=SanGongItems, description="上年决算数")
    abroad_groups: int | None = Field(default=None, description="因公出国（境）团组数")
    abroad_persons: int | None = Field(default=None, description="因公出国（境）人次")
    vehicles_purchased: int | None = Field(default=None, description="本年购置（更新）公务用车数（辆）")
    vehicles_held: int | None = Field(default=None, description="年末公务用车保有量（辆）")
    reception_batches: int | None = Field(default=None, description="国内公务接待批次")
    reception_persons: int | None = Field(default=None, description="国内公务接待人次")
    foreign_reception: Amount = Field(default=None, description="其中：外宾接待费")
    foreign_reception_batches: int | None = Field(default=None, description="外宾接待批次")
    foreign_reception_persons: int | None = Field(default=None, description="外宾接待人次")
    budget_reason: str = Field(default="", description="决算数与预算数差异的原因")
    change_reason: str = Field(default="", description="决算数较上年变化的原因")
    abroad_change_reason: str = Field(default="", description="因公出国（境）费较上年变化的原因")
    vehicle_change_reason: str = Field(default="", description="公务用车购置及运行维护费较上年变化的原因")
    reception_change_reason: str = Field(default="", description="公务接待费较上年变化的原因")
    abroad_use: str = Field(default="", description="因公出国（境）费开支内容")
    vehicle_purchase_use: str = Field(default="", description="公务用车购置费主要用途")
    vehicle_operation_use: str = Field(default="", description="公务用车运行维护费主要用途")
    reception_use: str = Field(default="", description="公务接待费主要用途")


class RunningCost(Record):
    """机关运行经费 (only administrative bodies and units managed like them have it)."""

    applicable: bool = Field(default=True, description="是否为行政单位或参公事业单位")
    amount: Amount = Field(default=None, description="机关运行经费支出")
    prior: Amount = Field(default=None, description="上年机关运行经费支出")
    change_reason: str = Field(default="", description="变化原因")


class Procurement(Record):
    """政府采购支出."""

    goods: Amount = Field(default=None, description="政府采购货物支出")
    works: Amount = Field(default=None, description="政府采购工程支出")
    services: Amount = Field(default=None, description="政府采购服务支出")
    sme_goods: Amount = Field(default=None, description="授予中小企业合同金额：货物")
    sme_works: Amount = Field(default=None, description="授予中小企业合同金额：工程")
    sme_services: Amount = Field(default=None, description="授予中小企业合同金额：服务")
    small_micro: Amount = Field(default=None, description="其中授予小微企业合同金额")
    # what Shanghai's template states instead (上海市 2024 决算公开模板 (二) 政府采购支出情况)
    sme_reserved: Amount = Field(default=None, description="面向中小企业预留政府采购项目预算金额")
    small_micro_reserved: Amount = Field(default=None, description="面向小微企业预留政府采购项目预算金额")
    sme_reserved_won: Amount = Field(default=None, description="预留项目中由中小企业供应商中标或成交的采购金额")
    small_micro_reserved_won: Amount = Field(default=None,
                                             description="小微企业预留项目中由小微企业供应商中标或成交的采购金额")
    sme_other_won: Amount = Field(default=None, description="其他政府采购项目中由中小企业供应商中标或成交的采购金额")


VEHICLE_ALIASES = {"部级领导干部用车": "省级领导干部用车", "省部级领导干部用车": "省级领导干部用车"}
VEHICLE_CATEGORIES = (
    "省级领导干部用车", "主要领导干部用车", "机要通信用车", "应急保障用车",
    "执法执勤用车", "特种专业技术用车", "离退休干部用车", "其他用车",
)


class Assets(Record):
    """国有资产占用情况 at year end."""

    vehicles: dict[str, int] = Field(default_factory=dict, description="车辆数（辆），按用途分类")
    other_vehicles_note: str = Field(default="", description="其他用车主要是")
    equipment_over_1m: int | None = Field(default=None, description="单价 100 万元（含）以上设备（不含车辆）台（套）数")

    @field_validator("vehicles")
    @classmethod
    def _one_name_per_kind(cls, vehicles: dict[str, int]) -> dict[str, int]:
        """Shanghai's 部级领导干部用车 (省部级 elsewhere) is the form's 省级领导干部用车 row."""
        return {VEHICLE_ALIASES.get(k, k): v for k, v in vehicles.items()}


class Direction(StrEnum):
    POSITIVE = "正向"
    NEGATIVE = "反向"
    EQUAL = "等于"
    QUALITATIVE = "定性"


class Indicator(Record):
    evaluation: str = Field(description="所属评价（项目名称，或“部门整体”）")
    goal: int = Field(default=1, description="年度目标序号")
    level1: str = Field(description="一级指标：产出指标/效益指标/满意度指标…")
    level2: str = Field(default="", description="二级指标：数量/质量/时效/成本/经济效益…")
    name: str = Field(description="三级指标")
    direction: Direction | None = Field(default=None, description="指标方向")
    unit: str = Field(default="", description="计量单位")
    target: str = Field(default="", description="年初目标值（原文）")
    actual: str = Field(default="", description="实际完成值（原文）")
    weight: Decimal | None = Field(default=None, description="分值（权重）")
    score: Decimal | None = Field(default=None, description="得分")
    deviation_reason: str = Field(default="", description="偏差原因")
    loc: Loc


PROJECT_CATEGORIES = ("部门预算项目", "区级专项", "县级专项", "市级专项", "省级专项", "上级转移支付项目")


class Evaluation(Record):
    """A self-evaluation: the department as a whole, or one project."""

    name: str = Field(description="项目名称；部门整体评价填“部门整体”")
    whole_department: bool = Field(default=False, description="是否为部门整体绩效自评")
    category: str = Field(default="", description="项目类别：部门预算项目/区级专项/上级转移支付项目…")
    attribute: str = Field(default="", description="项目属性：持续性项目/新增性项目")
    kind: str = Field(default="", description="项目类型：常年性/延续性/一次性")
    code: str = Field(default="", description="支出功能分类科目代码（项）")
    budget: Amount = Field(default=None, description="年度财政资金预算数")
    executed: Amount = Field(default=None, description="执行数")
    score: Decimal | None = Field(default=None, description="自评得分")
    outcome: str = Field(default="", description="主要产出和效益")
    problems: str = Field(default="", description="存在的问题和原因")
    improvements: str = Field(default="", description="下一步改进措施")
    loc: Loc


class PerformanceSummary(Record):
    """全过程绩效管理的项目数和金额 (the template's 十、预算绩效管理情况 states them)."""

    target_projects: int | None = Field(default=None, description="编报绩效目标的项目数")
    target_amount: Amount = Field(default=None, description="编报绩效目标的项目预算金额")
    tracked_projects: int | None = Field(default=None, description="绩效跟踪评价的项目数")
    tracked_amount: Amount = Field(default=None, description="绩效跟踪评价的项目预算金额")
    evaluated_projects: int | None = Field(default=None, description="绩效自评的项目数")
    evaluated_amount: Amount = Field(default=None, description="绩效自评的项目预算金额")
    average_score: Decimal | None = Field(default=None, ge=0, le=100, description="绩效自评平均得分")
    excellent: int | None = Field(default=None, description="绩效评级为“优”的项目数")
    good: int | None = Field(default=None, description="绩效评级为“良”的项目数")
    qualified: int | None = Field(default=None, description="绩效评级为“合格”的项目数")
    failed: int | None = Field(default=None, description="绩效评级为“不合格”的项目数")
    problems: int | None = Field(default=None, description="绩效自评中发现的问题数")
    rectified: int | None = Field(default=None, description="已完成整改的问题数")
    rectifying: int | None = Field(default=None, description="正在整改的问题数")

    @property
    def filled(self) -> bool:
        return any(v is not None for v in self.__dict__.values())


class Performance(Record):
    evaluations: list[Evaluation] = Field(default_factory=list)
    indicators: list[Indicator] = Field(default_factory=list)
    summary: PerformanceSummary = Field(default_factory=PerformanceSummary, description="全过程绩效管理情况")


class Texts(Record):
    """What people write; the numbers around them are generated."""

    total_change_reason: str = Field(default="", description="收支总计较上年变化的主要原因")
    income_change_reason: str = Field(default="", description="收入较上年变化的主要原因")
    expenditure_change_reason: str = Field(default="", description="支出较上年变化的主要原因")
    fiscal_change_reason: str = Field(default="", description="财政拨款收支较上年变化的主要原因")
    general_change_reason: str = Field(default="", description="一般公共预算财政拨款支出较上年变化的主要原因")
    general_budget_reason: str = Field(default="", description="一般公共预算财政拨款支出决算数与年初预算数差异的主要原因")
    performance_overview: str = Field(default="", description="绩效管理工作开展情况")
    performance_use: str = Field(default="", description="绩效评价结果应用情况")
    key_work: str = Field(default="", description="重点工作完成情况（分段）")
    other_matters: str = Field(default="", description="其他需要说明的事项")


class Report(Record):
    """One budget unit's final accounts for one fiscal year."""

    year: int = Field(ge=1990, le=2100, description="决算年度")
    unit: Unit = Field(description="金额单位：元 或 万元（全部金额同一单位）")
    profile: str = Field(default="wuhan-2023", description="格式模板（地区版式）")
    publish_date: str = Field(default="", description="公开日期，如 二〇二四年十月")
    department: Department
    lines: list[SubjectLine] = Field(default_factory=list, description="收支明细（功能分类）")
    economic: list[EconomicLine] = Field(default_factory=list, description="一般公共预算财政拨款基本支出（经济分类）")
    balances: list[Balance] = Field(default_factory=list, description="结转结余")
    prior: PriorYear = Field(default_factory=PriorYear, description="上年数")
    sangong: SanGong = Field(default_factory=SanGong, description="“三公”经费")
    running_cost: RunningCost = Field(default_factory=RunningCost, description="机关运行经费")
    procurement: Procurement = Field(default_factory=Procurement, description="政府采购")
    assets: Assets = Field(default_factory=Assets, description="国有资产占用")
    performance: Performance = Field(default_factory=Performance, description="预算绩效")
    texts: Texts = Field(default_factory=Texts, description="文字说明")
    glossary: dict[str, str] = Field(default_factory=dict, description="名词解释中科目说明的补充或替换：代码 → 说明")
    terms: dict[str, str] = Field(default_factory=dict,
                                  description="名词解释中名词的补充或替换：名词 → 解释（与模板同名的替换模板的解释）")

    @property
    def units(self) -> list[str]:
        """Every unit named in the data, 本级 first."""
        return self.department.units or [self.department.name]

    def initial_budgets(self) -> dict[str, tuple[str, Decimal]]:
        """Each 项's 一般公共预算 年初预算 in 万元 (a 汇总决算's units' parts added): code → (name, amount)."""
        found: dict[str, tuple[str, Decimal]] = {}
        for line in self.lines:
            if len(line.code) == 7 and line.budget_initial is not None:
                name, value = found.get(line.code, (line.name or "", Decimal(0)))
                found[line.code] = (name, value + to_wan(line.budget_initial, self.unit))
        return found

    def for_unit(self, unit: str) -> Report:
        """The report of one unit of a 汇总决算 (its own lines only). The 绩效 self-evaluations are
        recorded for the department as a whole, so a unit's own report leaves them out."""
        def own(record) -> bool:
            return (record.unit or self.units[0]) == unit

        dept = self.department.model_copy(update={"name": unit, "units": [unit]})
        return self.model_copy(update={
            "department": dept,
            "lines": [ln.model_copy(update={"unit": None}) for ln in self.lines if len(ln.code) < 7 or own(ln)],
            "economic": [e.model_copy(update={"unit": None}) for e in self.economic if own(e)],
            "balances": [b.model_copy(update={"unit": None}) for b in self.balances if own(b)],
            "performance": Performance(),
        })


# -- 部门预算 -------------------------------------------------------------------------------------

class BudgetLine(Record):
    """One 项 of the budget: what each fund plans to spend on it, basic and project."""

    code: str = Field(description="支出功能分类科目代码（项，7 位）")
    name: str | None = Field(default=None, description="科目名称（空则取自科目目录）")
    general_basic: Amount = Field(default=None, description="一般公共预算拨款基本支出")
    general_project: Amount = Field(default=None, description="一般公共预算拨款项目支出")
    gov_fund_basic: Amount = Field(default=None, description="政府性基金拨款基本支出")
    gov_fund_project: Amount = Field(default=None, description="政府性基金拨款项目支出")
    state_capital_basic: Amount = Field(default=None, description="国有资本经营预算拨款基本支出")
    state_capital_project: Amount = Field(default=None, description="国有资本经营预算拨款项目支出")
    business: Amount = Field(default=None, description="事业收入安排的支出（项目支出）")
    operating: Amount = Field(default=None, description="事业单位经营收入安排的支出（项目支出）")
    other: Amount = Field(default=None, description="其他收入安排的支出（项目支出）")
    carried: Amount = Field(default=None, description="上年结转安排的支出（项目支出）")
    special: Amount = Field(default=None, description="财政专户管理资金安排的支出（项目支出）")
    superior: Amount = Field(default=None, description="上级补助收入安排的支出（项目支出）")
    affiliated: Amount = Field(default=None, description="附属单位上缴收入安排的支出（项目支出）")
    purpose: str = Field(default="", description="主要用途（编制说明逐项说明）")
    loc: Loc


class BudgetEconomicLine(Record):
    """One 款 of the 一般公共预算基本支出 by 部门预算支出经济分类."""

    code: str = Field(description="经济分类科目代码（款，5 位）")
    name: str | None = Field(default=None, description="科目名称（空则取自科目目录）")
    personnel: Amount = Field(default=None, description="人员经费")
    public: Amount = Field(default=None, description="公用经费")
    loc: Loc


class BudgetPrior(Record):
    """Last year's budget, which the 编制说明 compares with."""

    fiscal: Amount = Field(default=None, description="上年财政拨款收入（支出）预算")
    general: Amount = Field(default=None, description="上年一般公共预算拨款支出预算")
    gov_fund: Amount = Field(default=None, description="上年政府性基金拨款支出预算")
    state_capital: Amount = Field(default=None, description="上年国有资本经营预算拨款支出预算")
    sangong: SanGongItems = Field(default_factory=SanGongItems, description="上年“三公”经费预算")


class BudgetReasons(Record):
    """The reasons the 编制说明 gives for changes from last year's budget."""

    fiscal: str = Field(default="", description="财政拨款收入支出变化的主要原因")
    abroad: str = Field(default="", description="因公出国（境）费变化（或持平）的原因")
    vehicle_purchase: str = Field(default="", description="公务用车购置费变化（或持平）的原因")
    vehicle_operation: str = Field(default="", description="公务用车运行费变化（或持平）的原因")
    reception: str = Field(default="", description="公务接待费变化（或持平）的原因")


class BudgetProcurement(Record):
    goods: Amount = Field(default=None, description="政府采购货物预算")
    works: Amount = Field(default=None, description="政府采购工程预算")
    services: Amount = Field(default=None, description="政府采购服务预算")
    sme_reserved: Amount = Field(default=None, description="面向中小企业预留的政府采购项目预算")
    small_micro_reserved: Amount = Field(default=None, description="其中预留给小型和微型企业的")


# the budget's income other than this year's 财政拨款, as the forms name them: Shanghai's forms print the
# first three, the national template all of them (a budget states what it spends of each on projects)
BUDGET_SOURCES = (("business", "事业收入"), ("operating", "事业单位经营收入"), ("other", "其他收入"),
                  ("special", "财政专户管理资金收入"), ("superior", "上级补助收入"), ("affiliated", "附属单位上缴收入"),
                  ("carried", "上年结转"))
SHANGHAI_SOURCES = ("business", "operating", "other")

BUDGET_VEHICLES = ("部级领导干部用车", "主要领导干部用车", "一般公务用车", "机要通信用车", "应急保障用车", "执法执勤用车",
                   "特种专业技术用车", "离退休干部用车", "其他用车")


class BudgetAssets(Record):
    as_of: str = Field(default="", description="车辆统计截止日期，如 2025年8月31日（预算年度之前）")
    vehicles: dict[str, int] = Field(default_factory=dict, description="现有车辆数（辆），按用途分类")
    equipment_over_1m: int | None = Field(default=None, description="单价 100 万元（含）以上设备（不含车辆）台（套）数")
    planned_vehicles: dict[str, int] = Field(default_factory=dict, description="预算安排购置车辆数（辆），按用途分类")
    planned_equipment: int | None = Field(default=None, description="预算安排购置单价 100 万元（含）以上设备台（套）数")


class PerformanceTargets(Record):
    units: int | None = Field(default=None, description="开展绩效目标编报的预算单位数")
    projects: int | None = Field(default=None, description="编报绩效目标的项目数")
    amount: Amount = Field(default=None, description="涉及项目预算资金")


class BudgetProject(Record):
    """A project the budget explains (项目经费情况说明), with its 绩效目标."""

    name: str = Field(description="项目名称")
    overview: str = Field(default="", description="项目概述")
    basis: str = Field(default="", description="立项依据")
    implementer: str = Field(default="", description="实施主体")
    plan: str = Field(default="", description="实施方案")
    period: str = Field(default="", description="实施周期")
    amount: Amount = Field(default=None, description="年度预算安排")
    # the 财政项目支出绩效目标申报表's own fields
    nature: str = Field(default="", description="项目性质")
    category: str = Field(default="", description="项目类别")
    authority: str = Field(default="", description="主管部门")
    unit: str = Field(default="", description="实施单位")
    start: str = Field(default="", description="计划开始日期")
    end: str = Field(default="", description="计划完成日期")
    funds_total: Amount = Field(default=None, description="项目资金总额")
    funds_other: Amount = Field(default=None, description="项目资金中的其他资金")
    carried: Amount = Field(default=None, description="年度资金中的上年结转资金")
    annual_other: Amount = Field(default=None, description="年度资金中的其他资金")
    goal: str = Field(default="", description="项目总体目标")
    annual_goal: str = Field(default="", description="年度总体目标")
    loc: Loc


class BudgetIndicator(Record):
    """One 绩效指标 of a project's 绩效目标申报表."""

    project: str = Field(description="所属项目（项目名称）")
    level1: str = Field(description="一级指标：产出指标/效益指标/满意度指标")
    level2: str = Field(default="", description="二级指标：数量/质量/时效/成本/社会效益…")
    name: str = Field(description="三级指标")
    target: str = Field(default="", description="年度指标值")
    loc: Loc


class BudgetReport(Record):
    """One department's budget for one year (部门预算公开), in the report's declared ``unit``."""

    kind: Literal["budget"] = Field(default="budget", description="文件种类：部门预算")
    template: Literal["上海", "全国"] = Field(default="上海", description="表式：上海 或 全国（财政部部门预算公开表式）")
    year: int = Field(ge=1990, le=2100, description="预算年度")
    unit: Unit = Field(description="金额单位：元 或 万元（全部金额同一单位）")
    department: Department
    lines: list[BudgetLine] = Field(default_factory=list, description="支出预算明细（功能分类，项）")
    subject_names: dict[str, str] = Field(default_factory=dict,
                                          description="类、款的科目名称，按代码（空则取自科目目录）")
    economic: list[BudgetEconomicLine] = Field(default_factory=list, description="一般公共预算基本支出（经济分类，款）")
    sangong: SanGongItems = Field(default_factory=SanGongItems, description="“三公”经费预算")
    running_cost: Amount = Field(default=None, description="机关运行经费预算（无则留空）")
    prior: BudgetPrior = Field(default_factory=BudgetPrior, description="上年预算数")
    reasons: BudgetReasons = Field(default_factory=BudgetReasons, description="变化原因")
    procurement: BudgetProcurement = Field(default_factory=BudgetProcurement, description="政府采购预算")
    assets: BudgetAssets = Field(default_factory=BudgetAssets, description="国有资产占有使用情况")
    targets: PerformanceTargets = Field(default_factory=PerformanceTargets, description="绩效目标设置情况")
    projects: list[BudgetProject] = Field(default_factory=list, description="项目经费情况说明")
    indicators: list[BudgetIndicator] = Field(default_factory=list, description="项目绩效目标（指标）")
