"""The input workbook, described once: sheets, their columns or labels, and where each value goes.

Both the blank template (``template.py``) and the loader (``workbook.py``) read these specs, so a
header written by ``juesuan init`` is always a header the loader understands. Column headers and
labels come from the model's field descriptions where they exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import (
    AMOUNT_FIELDS,
    BUDGET_SOURCES,
    BUDGET_VEHICLES,
    FUND_BUDGET_FIELDS,
    PROJECT_CATEGORIES,
    VEHICLE_CATEGORIES,
    Assets,
    BalanceKind,
    BudgetAssets,
    BudgetEconomicLine,
    BudgetIndicator,
    BudgetLine,
    BudgetPrior,
    BudgetProcurement,
    BudgetProject,
    BudgetReasons,
    Direction,
    EconomicLine,
    Evaluation,
    Fund,
    Indicator,
    Level,
    PerformanceSummary,
    PerformanceTargets,
    PriorYear,
    Procurement,
    RunningCost,
    SanGong,
    SubjectLine,
    Texts,
)
from ..money import Unit
from ..profiles import available as available_profiles

AMOUNT, INT, TEXT, CODE, CHOICE, BOOL, LIST, SCORE = "amount", "int", "text", "code", "choice", "bool", "list", "score"


@dataclass(frozen=True)
class Field:
    header: str               # column header (table sheets) or row label (form sheets)
    key: str                  # attribute of the row record, or dotted path into the Report
    kind: str = TEXT
    required: bool = False
    choices: tuple[str, ...] = ()
    width: int = 14
    help: str = ""
    added: bool = False       # a column later versions added: a workbook without it loads without a word


@dataclass(frozen=True)
class Sheet:
    name: str
    kind: str                 # "table": a header row and one record a row; "form": label | value
    fields: tuple[Field, ...]
    target: str = ""          # table sheets: where the rows go (dotted path of a list in the Report)
    required: bool = True
    help: str = ""


def _desc(model, name: str) -> str:
    return model.model_fields[name].description or name


def _fields(model, names, kind=TEXT, prefix="", **extra) -> tuple[Field, ...]:
    return tuple(Field(_desc(model, n), f"{prefix}{n}", kind, **extra) for n in names)


UNIT_FIELD = Field("单位名称", "unit", TEXT, width=22, help="汇总决算时填写所属单位名称；空为本级")

SUBJECT_SHEET = Sheet(
    "收支明细", "table",
    (
        UNIT_FIELD,
        Field("科目代码", "code", CODE, required=True, width=11,
              help="支出功能分类科目代码。金额填在 7 位的项上；3 位类、5 位款的行只用于给出目录中没有的名称"),
        Field("科目名称", "name", TEXT, width=30, help="可空：空则取科目目录中的名称"),
        *_fields(SubjectLine, [f for f in AMOUNT_FIELDS if f not in FUND_BUDGET_FIELDS], AMOUNT),
        Field(_desc(SubjectLine, "variance_reason"), "variance_reason", TEXT, width=40),
        Field(_desc(SubjectLine, "purpose"), "purpose", TEXT, width=30),
        *_fields(SubjectLine, FUND_BUDGET_FIELDS, AMOUNT, added=True),
    ),
    target="lines",
    help="每个单位、每个功能分类项一行：收入按来源、支出按性质和资金来源分列，并填年初预算数。",
)

ECONOMIC_SHEET = Sheet(
    "基本支出明细", "table",
    (
        UNIT_FIELD,
        Field("科目代码", "code", CODE, required=True, width=11, help="部门预算支出经济分类款级代码（5 位）"),
        Field("科目名称", "name", TEXT, width=30, help="可空：空则取科目目录中的名称"),
        Field("决算数", "amount", AMOUNT, required=True),
        Field(_desc(EconomicLine, "tail"), "tail", BOOL, width=12, added=True,
              help="以万元填报、合计与基本支出有尾数差额时，差额放在标“是”的一行；都不标则放在最大的科目"),
    ),
    target="economic",
    help="一般公共预算财政拨款基本支出按经济分类款级填列；合计须等于收支明细的一般公共预算财政拨款基本支出。",
)

BALANCE_SHEET = Sheet(
    "结转结余", "table",
    (
        Field("项目", "kind", CHOICE, required=True, choices=tuple(k.value for k in BalanceKind), width=20),
        UNIT_FIELD,
        Field("资金性质", "fund", CHOICE, required=True, choices=tuple(f.value for f in Fund), width=28),
        Field("科目代码", "code", CODE, width=11, help="政府性基金、国有资本经营的年初结转按项（7 位）填列"),
        Field("金额", "amount", AMOUNT, required=True),
    ),
    target="balances", required=False,
    help="年初结转和结余、使用非财政拨款结余、结余分配。年末结转和结余由本表自动计算。",
)

BASIC_SHEET = Sheet(
    "基本信息", "form",
    (
        Field("部门名称", "department.name", TEXT, required=True, width=40),
        Field("部门级次", "department.level", CHOICE, required=True, choices=tuple(v.value for v in Level)),
        Field("所在地区", "department.region", TEXT, help="如 湖北省武汉市武昌区"),
        Field("决算年度", "year", INT, required=True),
        Field("金额单位", "unit", CHOICE, required=True, choices=tuple(u.value for u in Unit),
              help="本工作簿全部金额的单位，只声明一次"),
        Field("格式模板", "profile", CHOICE, choices=tuple(available_profiles())),
        Field("公开日期", "publish_date", TEXT, help="封面日期，如 二〇二四年十月"),
        Field("咨询电话", "department.phone", TEXT),
        Field("内设机构", "department.internal_divisions", LIST, help="用顿号分隔"),
        Field("机构设置说明", "department.structure_note", TEXT),
    ),
    help="部门的基本情况。",
)

DUTIES_SHEET = Sheet(
    "部门职责", "table", (Field("职责内容", "text", TEXT, required=True, width=100),),
    target="department.duties", required=False, help="每条职责一行。",
)
UNITS_SHEET = Sheet(
    "单位构成", "table", (Field("单位名称", "text", TEXT, required=True, width=40),
                      Field("备注", "note", TEXT, width=30, help="如 下属参公事业单位、下属事业单位；可空", added=True)),
    target="department.units", required=False,
    help="纳入本部门决算的单位：第一行为本级，其余为所属单位。只有本级时可不填。",
)

PRIOR_SHEET = Sheet("上年数", "form", _fields(PriorYear, PriorYear.model_fields, AMOUNT, "prior."),
                    required=False, help="上年决算数，用于情况说明中的同比。")

SANGONG_ITEMS = (("因公出国（境）费", "abroad"), ("公务用车购置费", "vehicle_purchase"),
                 ("公务用车运行维护费", "vehicle_operation"), ("公务接待费", "reception"))
SANGONG_COLUMNS = (("预算数", "budget"), ("决算数", "actual"), ("上年决算数", "prior"))
SANGONG_SHEET = Sheet(
    "三公经费", "form",
    tuple(Field(f"{label}{col_label}", f"sangong.{col}.{item}", AMOUNT)
          for label, item in SANGONG_ITEMS for col_label, col in SANGONG_COLUMNS)
    + _fields(SanGong, ("abroad_groups", "abroad_persons", "vehicles_purchased", "vehicles_held",
                        "reception_batches", "reception_persons"), INT, "sangong.")
    + _fields(SanGong, ("foreign_reception",), AMOUNT, "sangong.")
    + _fields(SanGong, ("foreign_reception_batches", "foreign_reception_persons"), INT, "sangong.")
    + _fields(SanGong, ("budget_reason", "change_reason", "abroad_change_reason", "vehicle_change_reason",
                        "reception_change_reason", "abroad_use", "vehicle_purchase_use", "vehicle_operation_use",
                        "reception_use"), TEXT, "sangong."),
    help="财政拨款“三公”经费：没有的填 0。各项的原因和用途按需填写（上海的情况说明逐项说明）。",
)

OTHER_SHEET = Sheet(
    "其他事项", "form",
    (
        Field("是否有机关运行经费", "running_cost.applicable", BOOL,
              help="行政单位和参照公务员法管理的事业单位填“是”"),
        *_fields(RunningCost, ("amount", "prior"), AMOUNT, "running_cost."),
        Field("机关运行经费变化原因", "running_cost.change_reason"),
        *_fields(Procurement, Procurement.model_fields, AMOUNT, "procurement."),
        *(Field(f"车辆：{c}", f"assets.vehicles.{c}", INT) for c in VEHICLE_CATEGORIES),
        Field(_desc(Assets, "other_vehicles_note"), "assets.other_vehicles_note"),
        Field(_desc(Assets, "equipment_over_1m"), "assets.equipment_over_1m", INT),
    ),
    help="机关运行经费、政府采购、国有资产占用。",
)

EVALUATION_SHEET = Sheet(
    "绩效评价", "table",
    (
        Field(_desc(Evaluation, "name"), "name", TEXT, required=True, width=30),
        Field(_desc(Evaluation, "whole_department"), "whole_department", BOOL),
        Field(_desc(Evaluation, "category"), "category", CHOICE, choices=PROJECT_CATEGORIES),
        Field(_desc(Evaluation, "attribute"), "attribute", CHOICE, choices=("持续性项目", "新增性项目")),
        Field(_desc(Evaluation, "kind"), "kind", CHOICE, choices=("常年性项目", "延续性项目", "一次性项目")),
        Field(_desc(Evaluation, "code"), "code", CODE),
        *_fields(Evaluation, ("budget", "executed"), AMOUNT),
        Field(_desc(Evaluation, "score"), "score", SCORE),
        *_fields(Evaluation, ("outcome", "problems", "improvements"), TEXT, width=40),
    ),
    target="performance.evaluations", required=False,
    help="部门整体和每个项目的绩效自评。",
)

INDICATOR_SHEET = Sheet(
    "绩效指标", "table",
    (
        Field(_desc(Indicator, "evaluation"), "evaluation", TEXT, required=True, width=30),
        Field(_desc(Indicator, "goal"), "goal", INT),
        Field(_desc(Indicator, "level1"), "level1", TEXT, required=True),
        Field(_desc(Indicator, "level2"), "level2", TEXT),
        Field(_desc(Indicator, "name"), "name", TEXT, required=True, width=30),
        Field(_desc(Indicator, "direction"), "direction", CHOICE, choices=tuple(d.value for d in Direction)),
        *_fields(Indicator, ("unit", "target", "actual"), TEXT),
        Field(_desc(Indicator, "weight"), "weight", SCORE),
        Field(_desc(Indicator, "score"), "score", SCORE),
        Field(_desc(Indicator, "deviation_reason"), "deviation_reason", TEXT, width=30),
    ),
    target="performance.indicators", required=False,
    help="绩效自评表的指标，一项一行。",
)

PERFORMANCE_SHEET = Sheet(
    "绩效概况", "form",
    tuple(Field(_desc(PerformanceSummary, name), f"performance.summary.{name}",
                AMOUNT if name.endswith("_amount") else SCORE if name == "average_score" else INT)
          for name in PerformanceSummary.model_fields),
    required=False, help="全过程绩效管理的项目数、金额和自评结果（上海的情况说明“十、预算绩效管理情况”逐项列明）。",
)

TEXTS_SHEET = Sheet("文字说明", "form", _fields(Texts, Texts.model_fields, TEXT, "texts.", width=80),
                    required=False, help="情况说明中需要人工撰写的原因和工作情况；数字由程序生成。")

GLOSSARY_SHEET = Sheet(
    "名词解释", "table",
    (Field("科目代码", "code", CODE, help="功能分类项的代码；填“名词”时留空"),
     Field("名词", "term", TEXT, width=20, help="如 经营支出；与模板中的名词同名时替换其解释", added=True),
     Field("说明", "text", TEXT, required=True, width=80)),
    target="glossary", required=False,
    help="补充或替换名词解释：功能分类科目的说明（目录中没有说明的科目须在此填写），或名词及其解释。",
)

SHEETS: tuple[Sheet, ...] = (
    BASIC_SHEET, DUTIES_SHEET, UNITS_SHEET, SUBJECT_SHEET, ECONOMIC_SHEET, BALANCE_SHEET,
    PRIOR_SHEET, SANGONG_SHEET, OTHER_SHEET, PERFORMANCE_SHEET, EVALUATION_SHEET, INDICATOR_SHEET, TEXTS_SHEET,
    GLOSSARY_SHEET,
)
INSTRUCTIONS = "填表说明"



# -- 部门预算: its own workbook (juesuan init --kind budget), read by the same loader ---------------------

BUDGET_MARK = "预算明细"     # the sheet that makes a workbook a budget's
BUDGET_SHEETS: tuple[Sheet, ...] = (
    Sheet("基本信息", "form", (
        *BASIC_SHEET.fields[:3],          # 部门名称, 部门级次, 所在地区, as in the 决算's workbook
        Field("预算年度", "year", INT, required=True),
        Field("金额单位", "unit", CHOICE, required=True, choices=tuple(u.value for u in Unit),
              help="本工作簿全部金额的单位，只声明一次；预算表按元列示，文字按万元"),
        Field("表式", "template", CHOICE, choices=("上海", "全国"),
              help="上海：财务收支预算总表等九张表（元）；全国：财政部部门收支总表等九张表（万元）。空为上海"),
    ), help="部门的基本情况。"),
    DUTIES_SHEET,
    Sheet("单位构成", "table", (Field("单位名称", "text", TEXT, required=True, width=40),),
          target="department.units", required=False, help="纳入本部门预算的单位，第一行为本部。"),
    Sheet(BUDGET_MARK, "table", (
        Field("科目代码", "code", CODE, required=True, width=11, help="支出功能分类项级代码（7 位）"),
        Field("科目名称", "name", TEXT, width=30, help="可空：空则取科目目录中的名称"),
        *_fields(BudgetLine, ("general_basic", "general_project", "gov_fund_basic", "gov_fund_project",
                              "state_capital_basic", "state_capital_project", *(s for s, _ in BUDGET_SOURCES)), AMOUNT),
        Field(_desc(BudgetLine, "purpose"), "purpose", TEXT, width=40),
    ), target="lines", help="每个功能分类项一行：各资金的基本支出和项目支出，非财政拨款收入安排的支出，主要用途。"),
    Sheet("基本支出经济分类", "table", (
        Field("科目代码", "code", CODE, required=True, width=11, help="部门预算支出经济分类款级代码（5 位）"),
        Field("科目名称", "name", TEXT, width=30, help="可空：空则取科目目录中的名称"),
        *_fields(BudgetEconomicLine, ("personnel", "public"), AMOUNT),
    ), target="economic", required=False,
        help="一般公共预算基本支出按经济分类款级填列；人员经费与公用经费合计须等于预算明细的一般公共预算基本支出。"),
    Sheet("上年预算", "form", (
        *_fields(BudgetPrior, ("fiscal", "general", "gov_fund", "state_capital"), AMOUNT, "prior."),
        Field(_desc(BudgetReasons, "fiscal"), "reasons.fiscal", TEXT, width=60),
    ), required=False, help="上年的部门预算数，编制说明与之比较。"),
    Sheet("三公经费", "form", (
        *(Field(f"{label}本年预算", f"sangong.{item}", AMOUNT) for label, item in SANGONG_ITEMS),
        *(Field(f"{label}上年预算", f"prior.sangong.{item}", AMOUNT) for label, item in SANGONG_ITEMS),
        *(Field(_desc(BudgetReasons, item), f"reasons.{item}", TEXT, width=60) for _, item in SANGONG_ITEMS),
        Field("机关运行经费预算", "running_cost", AMOUNT, help="没有行政单位和参公事业单位的部门留空"),
    ), help="“三公”经费和机关运行经费：没有的填 0。"),
    Sheet("其他事项", "form", (
        *_fields(BudgetProcurement, BudgetProcurement.model_fields, AMOUNT, "procurement."),
        Field(_desc(BudgetAssets, "as_of"), "assets.as_of", TEXT),
        *(Field(f"现有车辆：{c}", f"assets.vehicles.{c}", INT) for c in BUDGET_VEHICLES),
        Field(_desc(BudgetAssets, "equipment_over_1m"), "assets.equipment_over_1m", INT),
        *(Field(f"预算购置车辆：{c}", f"assets.planned_vehicles.{c}", INT) for c in BUDGET_VEHICLES),
        Field(_desc(BudgetAssets, "planned_equipment"), "assets.planned_equipment", INT),
        *_fields(PerformanceTargets, ("units", "projects"), INT, "targets."),
        Field(_desc(PerformanceTargets, "amount"), "targets.amount", AMOUNT),
    ), help="政府采购预算、国有资产、绩效目标。"),
    Sheet("项目经费", "table", (
        Field(_desc(BudgetProject, "name"), "name", TEXT, required=True, width=30),
        *_fields(BudgetProject, ("overview", "basis", "implementer", "plan"), TEXT, width=40),
        Field(_desc(BudgetProject, "period"), "period", TEXT, width=24),
        Field(_desc(BudgetProject, "amount"), "amount", AMOUNT),
        # the 财政项目支出绩效目标申报表's fields (its indicators are on the next sheet)
        Field(_desc(BudgetProject, "nature"), "nature", TEXT, width=14, help="经常性项目、阶段性项目或一次性项目"),
        Field(_desc(BudgetProject, "category"), "category", TEXT, width=14, help="如 特定目标类"),
        *_fields(BudgetProject, ("authority", "unit"), TEXT, width=24, help="空则为本部门"),
        *_fields(BudgetProject, ("start", "end"), TEXT, width=14, help="如 2024-01-01"),
        Field(_desc(BudgetProject, "funds_total"), "funds_total", AMOUNT, help="项目全周期的资金总额"),
        Field(_desc(BudgetProject, "funds_other"), "funds_other", AMOUNT, help="其余为财政资金"),
        Field(_desc(BudgetProject, "carried"), "carried", AMOUNT,
              help="年度资金申请总额即年度预算安排；其中上年结转和其他资金之外为当年财政拨款"),
        Field(_desc(BudgetProject, "annual_other"), "annual_other", AMOUNT),
        *_fields(BudgetProject, ("goal", "annual_goal"), TEXT, width=40),
    ), target="projects", required=False,
        help="项目经费情况说明和财政项目支出绩效目标申报表：每个项目一行。"),
    Sheet("项目绩效目标", "table", (
        Field(_desc(BudgetIndicator, "project"), "project", TEXT, required=True, width=30),
        Field(_desc(BudgetIndicator, "level1"), "level1", TEXT, required=True),
        Field(_desc(BudgetIndicator, "level2"), "level2", TEXT),
        Field(_desc(BudgetIndicator, "name"), "name", TEXT, required=True, width=30),
        Field(_desc(BudgetIndicator, "target"), "target", TEXT),
    ), target="indicators", required=False, help="各项目绩效目标申报表的指标，一项一行。"),
)
