"""Hypothesis strategies: random Reports whose input is valid (used by property tests)."""

from decimal import Decimal

from hypothesis import strategies as st

from juesuan.catalog import Classification, bundled
from juesuan.inputs.validate import SANGONG_PARTS
from juesuan.model import (
    EXPENDITURE_FIELDS,
    FUND_BUDGET_FIELDS,
    FUND_EXPENDITURE,
    FUND_INCOME,
    INCOME_FIELDS,
    Assets,
    Balance,
    BalanceKind,
    Department,
    EconomicLine,
    Fund,
    Level,
    Performance,
    PerformanceSummary,
    PriorYear,
    Report,
    SanGong,
    SanGongItems,
    SubjectLine,
)
from juesuan.money import Unit
from juesuan.profiles import load

PROFILE = load("wuhan-2023")
FORM_CLASSES = {c for c, _ in PROFILE.summary_classes}
ITEMS = [s.code for s in bundled().subjects() if s.level == "项" and s.code[:3] in FORM_CLASSES
         and bundled().name(s.code[:5]) and bundled().name(s.code[:3])]
ECONOMIC = [s.code for s in bundled().subjects(Classification.ECONOMIC) if s.level == "款" and s.code[:3] in
            ("301", "302", "303", "307", "310", "399")]
yuan = st.integers(min_value=0, max_value=5 * 10**10).map(lambda n: Decimal(n) / 100)
maybe_yuan = st.one_of(st.none(), st.just(Decimal(0)), yuan)


@st.composite
def reports(draw, profile="wuhan-2023"):
    codes = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=12, unique=True))
    lines = []
    stated = draw(st.booleans())      # the texts a report states given (reasons, uses, counts) or left to mark
    for code in codes:
        values = {f: draw(maybe_yuan) for f in INCOME_FIELDS + EXPENDITURE_FIELDS + AMOUNT_BUDGETS}
        texts = {"purpose": "日常工作运转", "variance_reason": "按实际需要安排支出"} if stated else {}
        lines.append(SubjectLine(code=code, **values, **texts))
    general_basic = sum((ln.exp_general_basic or 0 for ln in lines), Decimal(0))
    economic = []
    if general_basic:  # split the 基本支出 exactly over random 经济分类 款
        econ_codes = draw(st.lists(st.sampled_from(ECONOMIC), min_size=1, max_size=8, unique=True))
        cuts = sorted(draw(st.lists(st.integers(0, int(general_basic * 100)), min_size=len(econ_codes) - 1,
                                    max_size=len(econ_codes) - 1)))
        bounds = [0, *cuts, int(general_basic * 100)]
        tail = draw(st.sampled_from([None, *econ_codes]))      # the row marked for a 尾数 (none in 元)
        economic = [EconomicLine(code=c, amount=Decimal(b - a) / 100, tail=c == tail)
                    for c, a, b in zip(econ_codes, bounds, bounds[1:])]
    balances = []
    for fund in Fund:  # opening balances large enough that no fund ends negative
        income = sum((getattr(ln, f) or 0 for ln in lines for f in FUND_INCOME[fund]), Decimal(0))
        spent = sum((getattr(ln, f) or 0 for ln in lines for f in FUND_EXPENDITURE[fund]), Decimal(0))
        opening = max(Decimal(0), spent - income) + draw(st.sampled_from([Decimal(0), Decimal("1234.56")]))
        if opening:
            code = draw(st.sampled_from(codes)) if fund in (Fund.GOV_FUND, Fund.STATE_CAPITAL) else None
            balances.append(Balance(fund=fund, code=code, amount=opening))
    if draw(st.booleans()):
        balances.append(Balance(kind=BalanceKind.USE_OF_SURPLUS, fund=Fund.NON_FISCAL, amount=draw(yuan)))
    def items(floor: dict[str, Decimal] | None = None) -> SanGongItems:
        """Random 三公 items; the actual ones at least the 基本支出 paid on them (part ≤ whole)."""
        drawn = {k: draw(maybe_yuan) for k in SanGongItems.model_fields}
        for k, least in (floor or {}).items():
            drawn[k] = max(drawn[k] or Decimal(0), least)
        return SanGongItems(**drawn)

    paid = {item: e.amount for e in economic for code, item, _ in SANGONG_PARTS if e.code == code}
    prior = PriorYear(**{k: draw(maybe_yuan) for k in ("income_total", "expenditure_total", "fiscal_total",
                                                       "general_expenditure")})
    units = ["测试部门", *draw(st.lists(st.sampled_from(["测试中心", "测试所"]), unique=True))]
    department = Department(name="测试部门", level=Level.DISTRICT, units=units,
                            unit_notes={u: "下属事业单位" for u in units[1:] if stated})
    sangong = SanGong(budget=items(), actual=items(paid), prior=items(),
                      **({k: "按规定开支" for k in SANGONG_TEXTS} if stated else {}),
                      **{k: draw(st.one_of(st.none(), st.integers(0, 300))) for k in SANGONG_COUNTS})
    held = sangong.vehicles_held or 0        # the vehicles held are among the vehicles the assets count
    vehicles = {"执法执勤用车": held, "其他用车": draw(st.integers(0, 3))} if stated or held else {}
    summary = PerformanceSummary(**{k: draw(st.integers(0, 50)) for k in SUMMARY_COUNTS},
                                 **{k: draw(yuan) for k in ("target_amount", "tracked_amount", "evaluated_amount")},
                                 average_score=draw(st.integers(6000, 10000).map(lambda n: Decimal(n) / 100))) \
        if draw(st.booleans()) else PerformanceSummary()
    return Report(year=2023, unit=Unit.YUAN, profile=profile, prior=prior, department=department,
                  lines=lines, economic=economic, balances=balances, sangong=sangong,
                  performance=Performance(summary=summary), assets=Assets(vehicles=vehicles),
                  terms=draw(st.sampled_from([{}, {"经营支出": "指本部门没有的支出。"}, {"专项业务": "指本部门的专项业务。"}])))


SANGONG_TEXTS = ("budget_reason", "change_reason", "abroad_change_reason", "vehicle_change_reason",
                 "reception_change_reason", "abroad_use", "vehicle_purchase_use", "vehicle_operation_use", "reception_use")
SANGONG_COUNTS = ("abroad_groups", "abroad_persons", "vehicles_purchased", "vehicles_held", "reception_batches",
                  "reception_persons")
SUMMARY_COUNTS = ("target_projects", "tracked_projects", "evaluated_projects", "excellent", "good", "qualified",
                  "failed", "problems", "rectified", "rectifying")
AMOUNT_BUDGETS = ("budget_initial", *FUND_BUDGET_FIELDS)


def whole_wan_personnel_report() -> Report:
    """Found by CI: 人员经费合计 of exactly 50000 万元 sits in a workbook cell as 50000, which looks like
    a 5-digit 经济分类 code; 公用经费合计 of 0.01 beside it."""
    basic = Decimal("499999960.13") + Decimal("152.32")
    return Report(year=2023, unit=Unit.YUAN, profile="wuhan-2023", prior=PriorYear(),
                  department=Department(name="测试部门", level=Level.DISTRICT),
                  lines=[SubjectLine(code=ITEMS[0], inc_general=basic, exp_general_basic=basic)],
                  economic=[EconomicLine(code="30101", amount=Decimal("499999960.13")),
                            EconomicLine(code="30239", amount=Decimal("152.32"))],
                  sangong=SanGong(budget=SanGongItems(), actual=SanGongItems()))


BUDGET_ECONOMIC = [c for c in ECONOMIC if c[:3] in ("301", "302", "303", "310")]


@st.composite
def budgets(draw):
    """A random, complete 部门预算 (every reason, purpose and count given: the text needs no 【待补充】)."""
    from juesuan.model import (
        BUDGET_VEHICLES,
        BudgetAssets,
        BudgetEconomicLine,
        BudgetIndicator,
        BudgetLine,
        BudgetPrior,
        BudgetProcurement,
        BudgetProject,
        BudgetReasons,
        BudgetReport,
        PerformanceTargets,
    )

    amount = st.integers(min_value=0, max_value=10**11).map(lambda n: Decimal(n) / 100)
    codes = draw(st.lists(st.sampled_from(ITEMS), min_size=1, max_size=10, unique=True))
    lines = [BudgetLine(code=c, purpose="保障日常工作", **{f: draw(st.one_of(st.none(), amount)) for f in (
        "general_basic", "general_project", "gov_fund_project", "state_capital_project", "business")}) for c in codes]
    basic = sum((ln.general_basic or Decimal(0) for ln in lines), Decimal(0))
    economic = []
    if basic:
        econ = draw(st.lists(st.sampled_from(BUDGET_ECONOMIC), min_size=1, max_size=6, unique=True))
        cuts = sorted(draw(st.lists(st.integers(0, int(basic * 100)), min_size=2 * len(econ) - 1,
                                    max_size=2 * len(econ) - 1)))
        parts = [Decimal(b - a) / 100 for a, b in zip([0, *cuts], [*cuts, int(basic * 100)])]
        economic = [BudgetEconomicLine(code=c, personnel=parts[2 * i], public=parts[2 * i + 1]) for i, c in enumerate(econ)]
    small = st.integers(min_value=0, max_value=10**8).map(lambda n: Decimal(n) / 100)
    sangong = SanGongItems(**{k: draw(small) for k in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")})
    prior_sangong = SanGongItems(**{k: draw(small) for k in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")})
    goods, works, services = draw(small), draw(small), draw(small)
    sme = draw(st.integers(0, int((goods + works + services) * 100))) / Decimal(100)
    vehicles = {c: draw(st.integers(0, 20)) for c in BUDGET_VEHICLES}
    funds = [draw(amount) for _ in range(3)]
    project = sum((getattr(ln, f) or Decimal(0) for ln in lines for f in ("general_project", "gov_fund_project",
                                                                          "state_capital_project", "business")),
                  Decimal(0))
    planned = draw(st.integers(0, int(project * 100))) / Decimal(100)
    return BudgetReport(
        year=2026, unit=Unit.YUAN, department=Department(name="测试局", level=Level.DISTRICT, duties=["负责测试工作。"]),
        lines=lines, economic=economic, sangong=sangong, running_cost=draw(small),
        prior=BudgetPrior(fiscal=sum(funds, Decimal(0)), general=funds[0], gov_fund=funds[1], state_capital=funds[2],
                          sangong=prior_sangong),
        reasons=BudgetReasons(fiscal="项目调整", abroad="按计划安排", vehicle_purchase="车辆更新", vehicle_operation="按标准安排",
                              reception="厉行节约"),
        procurement=BudgetProcurement(goods=goods, works=works, services=services, sme_reserved=sme,
                                      small_micro_reserved=sme / 2),
        assets=BudgetAssets(as_of="2025年8月31日", vehicles=vehicles, equipment_over_1m=1, planned_vehicles={},
                            planned_equipment=0),
        targets=PerformanceTargets(units=1, projects=3, amount=planned),
        projects=[BudgetProject(name="测试项目", overview="概述。", basis="依据。", implementer="测试局", plan="方案。",
                                period="2026年全年", amount=planned, nature="经常性项目", category="特定目标类",
                                start="2026-01-01", end="2026-12-31", funds_total=planned + draw(small),
                                funds_other=Decimal(0), carried=Decimal(0), annual_other=Decimal(0),
                                goal="完成测试工作。", annual_goal="完成年度测试工作。")],
        indicators=[BudgetIndicator(project="测试项目", level1="产出指标", level2="数量指标", name="完成率", target="=100%")])


def justified_gap_report() -> Report:
    """Found by a random run: a 国有资本经营 项 whose use is missing, its 【待补充：2111103 减排专项支出 的主要用途】
    on a line the PDF justified by widening its two spaces, which the PDF reader then took for a table row."""
    spent = Decimal("21474836.47")
    return Report(year=2023, unit=Unit.YUAN, profile="shanghai-2024", prior=PriorYear(),
                  department=Department(name="测试部门", level=Level.DISTRICT),
                  lines=[SubjectLine(code="2111103", exp_state_capital_project=spent, budget_state_capital=Decimal(0))],
                  balances=[Balance(fund=Fund.STATE_CAPITAL, code="2111103", amount=spent)],
                  sangong=SanGong(budget=SanGongItems(), actual=SanGongItems()))
