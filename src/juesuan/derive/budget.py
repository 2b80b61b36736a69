"""BudgetReport → the 部门预算公开 as a Document: the nine tables in 元 (Shanghai's forms, as declared in
``forms/budget.toml``) and the text in 万元 — 主要职能, 机构设置, 名词解释, 编制说明, 其他相关情况说明.

Every figure is computed once: a table's totals are sums of its rows to the fen, and each figure in
the text is the table's figure rounded to the 万元 cent; changes are the difference of two printed
figures. What the data does not say is marked 【待补充】 and returned as a gap.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from ..catalog import Catalog, Classification, bundled
from ..document import Block, Column, Document, Grid, Paragraph, Row, Table
from ..model import BUDGET_SOURCES, BUDGET_VEHICLES, SHANGHAI_SOURCES, BudgetLine, BudgetReport
from ..money import Unit, rounded
from .document import headings_of
from .narrative import Gap, gap_mark
from .tables import ordinal
from .words import amount

ZERO = Decimal(0)
FUNDS = ("general", "gov_fund", "state_capital")
NONFISCAL = tuple(s for s, _ in BUDGET_SOURCES)
SOURCE_NAMES = dict(BUDGET_SOURCES)
FUND_TITLES = {"general": "一般公共预算", "gov_fund": "政府性基金预算", "state_capital": "国有资本经营预算"}
FUND_FORMS = {"general": "b_general", "gov_fund": "b_gov_fund", "state_capital": "b_state_capital"}
# the parts as Shanghai's body titles them (its 目录 numbers them 一、…七、; the body does not, and the
# parts under 其他相关情况说明 are numbered 一、…五、 themselves)
SECTIONS = ("{dept}（部门）主要职能", "{dept}（部门）机构设置", "名词解释", "{year}年部门预算编制说明", "部门预算表",
            "其他相关情况说明", "{project}项目经费情况说明")
PROJECT_PARTS = (("一、项目概述", "overview"), ("二、立项依据", "basis"), ("三、实施主体", "implementer"),
                 ("四、实施方案", "plan"), ("五、实施周期", "period"))
GLOSSARY = (
    "（一）财政拨款收入：是区级预算主管部门及所属预算单位本年度从本级财政部门取得的财政拨款，包括一般公共预算财政拨款、"
    "政府性基金预算财政拨款和国有资本经营预算财政拨款。",
    "（二）事业收入：指事业单位开展专业业务活动及其辅助活动取得的收入。",
    "（三）事业单位经营收入：指事业单位在专业业务活动及其辅助活动之外开展非独立核算经营活动取得的收入。",
    "（四）其他收入：指除上述“财政拨款收入”、“事业收入”、“事业单位经营收入”等以外的收入。",
    "（五）基本支出预算：是区级预算主管部门及所属预算单位为保障其机构正常运转、完成日常工作任务而编制的年度基本支出计划，"
    "包括人员经费和公用经费两部分。",
    "（六）项目支出预算：是区级预算主管部门及所属预算单位为完成行政工作任务、事业发展目标或政府发展战略、特定目标，"
    "在基本支出之外编制的年度支出计划。",
    "（七）“三公”经费：是与区级财政有经费领拨关系的部门及其下属预算单位使用区级财政拨款安排的因公出国（境）费、"
    "公务用车购置及运行费、公务接待费。",
    "（八）机关运行经费：指行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费支出。",
)


class BudgetData:
    """The report's amounts in 元 to the fen, by 项 and fund, with the catalogue's names."""

    def __init__(self, report: BudgetReport, catalog: Catalog):
        scale = Decimal(10000) if report.unit is Unit.WAN else Decimal(1)
        self.report, self.catalog, self.year = report, catalog, report.year
        self.yuan = lambda v: ZERO if v is None else rounded(v * scale)
        self.lines = sorted(report.lines, key=lambda ln: ln.code)
        self.names = {**report.subject_names, **{ln.code: ln.name for ln in report.lines if ln.name}}

    def name(self, code: str) -> str:
        return self.names.get(code) or self.catalog.name(code, self.year) or ""

    def fund(self, line: BudgetLine, fund: str, part: str = "") -> Decimal:
        parts = ("basic", "project") if not part else (part,)
        return sum((self.yuan(getattr(line, f"{fund}_{p}")) for p in parts), ZERO)

    def fiscal(self, line: BudgetLine, part: str = "") -> Decimal:
        return sum((self.fund(line, f, part) for f in FUNDS), ZERO)

    def nonfiscal(self, line: BudgetLine) -> Decimal:
        return sum((self.yuan(getattr(line, f)) for f in NONFISCAL), ZERO)

    def spending(self, line: BudgetLine, part: str = "") -> Decimal:
        """basic, project or both (non-fiscal income is spent on projects)."""
        own = self.fiscal(line, part)
        return own + (self.nonfiscal(line) if part in ("", "project") else ZERO)

    def in_wan(self, value) -> Decimal:
        """An amount of the data as the text states it: 万元 to the cent."""
        return wan(self.yuan(value))

    def economic(self, item, field: str) -> Decimal:
        """An 经济分类 款's 人员经费 or 公用经费 as the table prints it."""
        return self.yuan(getattr(item, field))

    def sources(self) -> tuple[str, ...]:
        """The non-fiscal sources the forms print: Shanghai's three, and any other the budget spends."""
        return tuple(s for s in NONFISCAL if s in SHANGHAI_SOURCES or any(getattr(ln, s) for ln in self.lines))

    def total(self, value, lines: Iterable[BudgetLine] | None = None) -> Decimal:
        return sum((value(ln) for ln in (self.lines if lines is None else lines)), ZERO)


def wan(value: Decimal) -> Decimal:
    """元 → 万元, rounded half up to the cent (四舍五入, as the rules read it)."""
    return rounded(value / 10000)


# -- tables ---------------------------------------------------------------------------------------------

def _table(data: BudgetData, key: str, title: str, blocks: tuple[Block, ...], unit: str = "元", empty: str = "") -> Table:
    return Table(key=key, title=f"{data.year}年{title}", label="", department=data.report.department.name,
                 year=data.year, unit=unit, blocks=blocks, empty_note=empty)


def _subject_rows(data: BudgetData, columns: dict[str, object], lines: list[BudgetLine]) -> list[Row]:
    """合计, then each 类, 款 and 项 with the lines under it, every column summed from the 项."""
    def values(chosen: list[BudgetLine]) -> tuple[Decimal, ...]:
        return tuple(data.total(f, chosen) for f in columns.values())

    rows = [Row("total", "合计", values(lines), level="合计")]
    for code in sorted({c for ln in lines for c in (ln.code[:3], ln.code[:5], ln.code)}):
        under = [ln for ln in lines if ln.code.startswith(code)]
        rows.append(Row(code, data.name(code), values(under), code=code, level={3: "类", 5: "款", 7: "项"}[len(code)]))
    return rows[1:] + rows[:1]


def _subject_table(data: BudgetData, key: str, title: str, columns: dict[str, tuple[str, object]],
                   lines: list[BudgetLine], empty: str = "", unit: str = "元") -> Table:
    cols = tuple(Column(k, (label,)) for k, (label, _) in columns.items())
    rows = _subject_rows(data, {k: f for k, (_, f) in columns.items()}, lines) if lines else \
        [Row("total", "合计", (None,) * len(cols), level="合计")]       # an empty form: 合计 blank, and its note
    note = empty if not lines else ""
    return _table(data, key, title, (Block("", cols, tuple(rows), code_column=True),), empty=note, unit=unit)


def _class_rows(data: BudgetData, columns: dict[str, object], lines: list[BudgetLine]) -> list[Row]:
    """A 总表's 支出 side: "一、{类}" rows, each column summed from the ``lines`` of that 类."""
    classes = sorted({ln.code[:3] for ln in lines})
    return [Row(code, f"{ordinal(n)}、{data.name(code)}",
                tuple(data.total(f, [ln for ln in lines if ln.code.startswith(code)]) for f in columns.values()),
                code=code, level="类") for n, code in enumerate(classes, start=1)]


def summary_table(data: BudgetData) -> Table:
    fund_total = {f: data.total(lambda ln, f=f: data.fund(ln, f)) for f in FUNDS}
    source = {s: data.total(lambda ln, s=s: data.yuan(getattr(ln, s))) for s in NONFISCAL}
    fiscal = sum(fund_total.values(), ZERO)
    total = fiscal + sum(source.values(), ZERO)
    numbered = [s for s in data.sources() if s != "carried"]
    left = (Row("fiscal", "一、财政拨款收入", (fiscal,)), Row("general", "1. 一般公共预算", (fund_total["general"],)),
            Row("gov_fund", "2. 政府性基金预算", (fund_total["gov_fund"],)),
            Row("state_capital", "3. 国有资本经营预算", (fund_total["state_capital"],)),
            *(Row(s, f"{ordinal(n)}、{SOURCE_NAMES[s]}", (source[s],)) for n, s in enumerate(numbered, start=2)),
            *((Row("carried", "上年结转", (source["carried"],)),) if "carried" in data.sources() else ()),
            Row("income_total", "收入总计", (total,), level="total"))
    right = (*_class_rows(data, {"amount": data.spending}, data.lines),
             Row("expenditure_total", "支出总计", (data.total(data.spending),), level="total"))
    return _table(data, "b_summary", "部门财务收支预算总表",
                  (Block("收入", (Column("amount", ("预算数",)),), left), Block("支出", (Column("amount", ("预算数",)),), right)))


def fiscal_summary_table(data: BudgetData) -> Table:
    funds = {"total": data.fiscal, **{f: (lambda ln, f=f: data.fund(ln, f)) for f in FUNDS}}
    left = (*(Row(f, f"{ordinal(n)}、{FUND_TITLES[f]}", (data.total(funds[f]),)) for n, f in enumerate(FUNDS, start=1)),
            Row("income_total", "收入总计", (data.total(data.fiscal),), level="total"))
    right = _class_rows(data, funds, [ln for ln in data.lines if data.fiscal(ln)])
    right.append(Row("expenditure_total", "支出总计", tuple(data.total(f) for f in funds.values()), level="total"))
    columns = tuple(Column(k, (label,)) for k, label in (("total", "合计"), *((f, FUND_TITLES[f]) for f in FUNDS)))
    return _table(data, "b_fiscal_summary", "部门财政拨款收支预算总表",
                  (Block("收入", (Column("amount", ("预算数",)),), left), Block("支出", columns, tuple(right))))


def economic_table(data: BudgetData, title: str = "部门一般公共预算基本支出部门预算经济分类预算表",
                   unit: str = "元") -> Table:
    report, rows = data.report, []
    lines = sorted(report.economic, key=lambda e: e.code)

    def values(chosen) -> tuple[Decimal, ...]:
        personnel = sum((data.economic(e, "personnel") for e in chosen), ZERO)
        public = sum((data.economic(e, "public") for e in chosen), ZERO)
        return personnel + public, personnel, public

    for code in sorted({c for e in lines for c in (e.code[:3], e.code)}):
        under = [e for e in lines if e.code.startswith(code)]
        given = next((e.name for e in lines if e.code == code and e.name), None)
        name = given or data.catalog.name(code, data.year, Classification.ECONOMIC) or ""
        rows.append(Row(code, name, values(under), code=code, level="类" if len(code) == 3 else "款"))
    rows.append(Row("total", "合计", values(lines), level="合计"))
    columns = tuple(Column(k, (label,)) for k, label in (("total", "合计"), ("personnel", "人员经费"), ("public", "公用经费")))
    return _table(data, "b_general_basic", title, (Block("", columns, tuple(rows), code_column=True),), unit=unit)


SANGONG_COLUMNS = (("total", "合计"), ("abroad", "因公出国（境）费"), ("reception", "公务接待费"),
                   ("vehicle_total", "公务用车购置及运行费小计"), ("vehicle_purchase", "公务用车购置费"),
                   ("vehicle_operation", "公务用车运行费"), ("running", "机关运行经费"))


def sangong_values(data: BudgetData, items=None) -> dict[str, Decimal]:
    """The 三公 items (this year's, or ``items``: last year's) and 机关运行经费 in 万元 to the cent (the table
    prints 万元), the subtotals sums of the printed items."""
    items = items or data.report.sangong
    found = {k: data.in_wan(getattr(items, k)) for k in ("abroad", "reception", "vehicle_purchase", "vehicle_operation")}
    found["vehicle_total"] = found["vehicle_purchase"] + found["vehicle_operation"]
    found["total"] = found["abroad"] + found["reception"] + found["vehicle_total"]
    found["running"] = data.in_wan(data.report.running_cost)
    return found


def sangong_table(data: BudgetData) -> Table:
    values = sangong_values(data)
    columns = tuple(Column(k, (label,)) for k, label in SANGONG_COLUMNS)
    row = Row("sangong", "“三公”经费和机关运行经费预算", tuple(values[k] for k, _ in SANGONG_COLUMNS), level="item")
    return _table(data, "b_sangong", "部门“三公”经费和机关运行经费预算表", (Block("", columns, (row,)),), unit="万元")


def budget_tables(data: BudgetData) -> list[Table]:
    three = {"total": ("合计", data.spending), "basic": ("基本支出", lambda ln: data.spending(ln, "basic")),
             "project": ("项目支出", lambda ln: data.spending(ln, "project"))}
    income = {"total": ("合计", data.spending), "fiscal": ("财政拨款收入", data.fiscal),
              **{s: (SOURCE_NAMES[s], lambda ln, s=s: data.yuan(getattr(ln, s))) for s in data.sources()}}
    tables = [summary_table(data),
              _subject_table(data, "b_income", "部门收入预算总表", income, data.lines),
              _subject_table(data, "b_expenditure", "部门支出预算总表", three, data.lines),
              fiscal_summary_table(data)]
    for fund in FUNDS:
        columns = {"total": ("合计", lambda ln, f=fund: data.fund(ln, f)),
                   "basic": ("基本支出", lambda ln, f=fund: data.fund(ln, f, "basic")),
                   "project": ("项目支出", lambda ln, f=fund: data.fund(ln, f, "project"))}
        lines = [ln for ln in data.lines if data.fund(ln, fund)]
        title = "部门" + FUND_TITLES[fund] + "支出功能分类预算表"
        tables.append(_subject_table(data, FUND_FORMS[fund], title, columns, lines,
                                     empty=f"注：本年度无{FUND_TITLES[fund]}支出，故本表无数据。"))
    return [*tables, economic_table(data), sangong_table(data)]


# -- text -------------------------------------------------------------------------------------------------

class Text:
    def __init__(self, data: BudgetData):
        self.data, self.paragraphs, self.gaps = data, [], []
        self.grids: list[Grid] = []
        self.path: tuple[str, ...] = ()

    def grid(self, title: str, rows: list[tuple[str, ...]]) -> None:
        """A form drawn after the last paragraph said (a 绩效目标申报表)."""
        self.grids.append(Grid(tuple(rows), (), title, self.path, after=len(self.paragraphs) - 1))

    def section(self, *path: str) -> None:
        self.path = path

    def say(self, text: str) -> None:
        self.paragraphs.append(Paragraph(((0, text),), self.path))

    def gap(self, what: str, field: str = "") -> str:
        self.gaps.append(Gap(what, field))
        return gap_mark(what)

    def changed(self, now: Decimal, prior: Decimal | None, what: str, field: str, printed: bool = False) -> str:
        """"比2025年预算增加1.00万元" / "与2025年预算持平" (both as printed in 万元; ``printed``: the prior
        already is, as a sum of printed items)."""
        last = self.data.year - 1
        if prior is None:
            return f"比{last}年预算{self.gap(f'{last}年{what}预算数', field)}"
        before = prior if printed else self.data.in_wan(prior)
        if now == before:
            return f"与{last}年预算持平"
        return f"比{last}年预算{'增加' if now > before else '减少'}{amount(abs(now - before))}万元"


def budget_text(data: BudgetData) -> Text:
    out, report = Text(data), data.report
    dept = report.department.name
    out.section(SECTIONS[0].format(dept=dept))
    for duty in report.department.duties or [out.gap("部门主要职能", "department.duties")]:
        out.say(duty)
    out.section(SECTIONS[1].format(dept=dept))
    units = report.department.units or [dept]
    out.say(f"{dept}部门预算是包括{'、'.join(units)}的综合收支计划。本部门预算单位{len(units)}家，具体包括：")
    for n, unit in enumerate(units, start=1):
        out.say(f"{n}.{unit}")
    out.section(SECTIONS[2])
    for term in GLOSSARY:
        out.say(term)
    _explanation(out, data)
    _other(out, data)
    _projects(out, data)
    return out


def _projects(out: Text, data: BudgetData) -> None:
    """七、项目经费情况说明: each project's parts, its 年度预算安排 and its 绩效目标 (the indicators)."""
    for project in data.report.projects:
        title = SECTIONS[6].format(project=project.name)
        for heading, key in PROJECT_PARTS:
            out.section(title, heading)
            for line in getattr(project, key).strip().splitlines() or [out.gap(f"{project.name}的{heading[2:]}",
                                                                             f"projects:{project.name}")]:
                out.say(line.strip())
        out.section(title, "六、年度预算安排")
        money = amount(wan(data.yuan(project.amount))) if project.amount is not None else \
            out.gap(f"{project.name}的年度预算安排", f"projects:{project.name}")
        out.say(f"{data.year}年度预算安排{money}万元。")
        out.section(title, "七、绩效目标")
        indicators = [i for i in data.report.indicators if i.project == project.name]
        if indicators:
            out.say("绩效目标见下表（财政项目支出绩效目标申报表）。")
            out.grid(APPLICATION, _application_form(out, data, project, indicators))
        else:
            out.say("详见单位的项目绩效目标表。")


APPLICATION = "财政项目支出绩效目标申报表"


def _application_form(out: Text, data: BudgetData, project, indicators: list, unit: str = "元") -> list[tuple[str, ...]]:
    """The project's 绩效目标申报表 as Shanghai prints it: its particulars, its funds in 元 (the year's
    request is the 年度预算安排; 财政资金 and 当年财政拨款 are what the 其他资金 and 上年结转 leave), its
    goals and its indicators (一级 and 二级 printed once, as merged cells)."""
    def given(value: str, what: str) -> str:
        return value or out.gap(f"{project.name}的{what}", f"projects:{project.name}")

    def yuan(value) -> str:
        return f"{data.yuan(value):,.2f}"

    dept = data.report.department.name
    total = yuan(project.funds_total) if project.funds_total is not None else given("", "项目资金总额")
    annual = yuan(project.amount) if project.amount is not None else given("", "年度资金申请总额")
    fiscal_total = yuan(project.funds_total - (project.funds_other or ZERO)) if project.funds_total is not None else total
    annual_fiscal = yuan(project.amount - (project.carried or ZERO) - (project.annual_other or ZERO)) \
        if project.amount is not None else annual
    start, end = given(project.start, "计划开始日期"), given(project.end, "计划完成日期")
    span = f"（{project.start[:4]}年-{project.end[:4]}年）" if project.start[:4].isdigit() and project.end[:4].isdigit() else ""
    rows = [(f"（{data.year}年度）",),
            ("项目名称", project.name, "项目性质", given(project.nature, "项目性质"), "项目类别", given(project.category, "项目类别")),
            ("主管部门", project.authority or dept, "实施单位", project.unit or dept),
            ("计划开始日期", start, "计划完成日期", end),
            (f"项目资金（{unit}）", "项目资金总额", total, "年度资金申请总额", annual),
            ("", "其中：财政资金", fiscal_total, "其中：当年财政拨款", annual_fiscal),
            ("", "", "", "上年结转资金", yuan(project.carried)),
            ("", "其他资金", yuan(project.funds_other), "其他资金", yuan(project.annual_other)),
            (f"项目总体目标{span}", given(project.goal, "项目总体目标")),
            ("年度总体目标", given(project.annual_goal, "年度总体目标")),
            ("绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值")]
    above = ("", "")
    for i in indicators:
        rows.append(("", "" if i.level1 == above[0] else i.level1,
                     "" if (i.level1, i.level2) == above else i.level2, i.name, i.target))
        above = (i.level1, i.level2)
    return rows


def _explanation(out: Text, data: BudgetData) -> None:
    report, year = data.report, data.year
    out.section(SECTIONS[3].format(year=year))
    fiscal = wan(data.total(data.fiscal))
    funds = {f: wan(data.total(lambda ln, f=f: data.fund(ln, f))) for f in FUNDS}
    sources = {s: wan(data.total(lambda ln, s=s: data.yuan(getattr(ln, s)))) for s in NONFISCAL}
    total = wan(data.total(data.spending))
    prior = report.prior
    fiscal_change = out.changed(fiscal, prior.fiscal, "财政拨款收入", "prior.fiscal")
    out.say(f"{year}年，{report.department.name}收入预算{amount(total)}万元，其中：财政拨款收入{amount(fiscal)}万元，"
            f"{fiscal_change}；" + "；".join(f"{SOURCE_NAMES[s]}{amount(sources[s])}万元" for s in data.sources()) + "。")
    names = {"general": "一般公共预算拨款支出预算", "gov_fund": "政府性基金拨款支出预算", "state_capital": "国有资本经营预算拨款支出预算"}
    parts = "；".join(f"{names[f]}{amount(funds[f])}万元，{out.changed(funds[f], getattr(prior, f), names[f], f'prior.{f}')}"
                     for f in FUNDS)
    out.say(f"支出预算{amount(total)}万元，其中：财政拨款支出预算{amount(fiscal)}万元，"
            f"{out.changed(fiscal, prior.fiscal, '财政拨款支出', 'prior.fiscal')}。财政拨款支出预算中，{parts}。")
    if prior.fiscal is not None and fiscal != (before := wan(data.yuan(prior.fiscal))):
        word = "增加" if fiscal > before else "减少"
        reason = report.reasons.fiscal.strip().rstrip("。") or out.gap("财政拨款收入支出变化的主要原因", "reasons.fiscal")
        out.say(f"财政拨款收入支出{word}的主要原因是{reason}。")
    out.say("财政拨款支出主要内容如下：")
    listed = [ln for ln in data.lines if data.fiscal(ln)]
    for n, line in enumerate(listed, start=1):
        chain = f"{data.name(line.code[:3])}（类）{data.name(line.code[:5])}（款）{data.name(line.code)}（项）"
        purpose = line.purpose.strip().rstrip("。") or out.gap(f"{line.code} {data.name(line.code)}的主要用途",
                                                             f"purpose:{line.code}")
        out.say(f"{n}.“{chain}”{amount(wan(data.fiscal(line)))}万元，主要用于{purpose}。")


def _sangong_clause(out: Text, key: str, label: str, values: dict[str, Decimal], reason: str = "", field: str = "") -> str:
    """"公务用车购置费75.00万元，比2025年预算增加27.00万元，主要原因是…": a change needs its reason; an
    item as last year's gives one when the data has it."""
    prior = _prior_item(out.data, key)
    changed = out.changed(values[key], prior, label, f"prior.sangong.{key}", printed=True)
    text = f"{label}{amount(values[key])}万元，{changed}"
    reason = reason.strip().rstrip("。")
    if field and (reason or "持平" not in changed):
        text += f"，主要原因是{reason or out.gap(f'{label}变化的原因', field)}"
    return text


def _prior_item(data: BudgetData, key: str) -> Decimal | None:
    """Last year's 三公 item or subtotal in 万元 as a table prints it: a subtotal is the sum of its printed
    items (the exact sum rounded once could differ by a cent from the 上年预算数 column)."""
    prior = data.report.prior.sangong
    parts = {"vehicle_total": ("vehicle_purchase", "vehicle_operation"),
             "total": ("abroad", "reception", "vehicle_purchase", "vehicle_operation")}.get(key, (key,))
    values = [getattr(prior, p) for p in parts]
    return None if all(v is None for v in values) else sum((data.in_wan(v or ZERO) for v in values), ZERO)


def _other(out: Text, data: BudgetData) -> None:
    report, year, dept = data.report, data.year, data.report.department.name
    values, reasons = sangong_values(data), report.reasons
    top = SECTIONS[5]
    out.section(top, f"一、{year}年“三公”经费预算情况说明")
    out.say(f"{year}年“三公”经费预算数为{amount(values['total'])}万元，"
            f"{out.changed(values['total'], _prior_item(data, 'total'), '“三公”经费', 'prior.sangong', printed=True)}。其中：")
    out.say(f"（一）{_sangong_clause(out, 'abroad', '因公出国（境）费', values, reasons.abroad, 'reasons.abroad')}。")
    vehicle = _sangong_clause(out, "vehicle_total", "公务用车购置及运行费", values)
    purchase = _sangong_clause(out, "vehicle_purchase", "公务用车购置费", values, reasons.vehicle_purchase,
                               "reasons.vehicle_purchase")
    operation = _sangong_clause(out, "vehicle_operation", "公务用车运行费", values, reasons.vehicle_operation,
                                "reasons.vehicle_operation")
    out.say(f"（二）{vehicle}。其中：{purchase}；{operation}。")
    out.say(f"（三）{_sangong_clause(out, 'reception', '公务接待费', values, reasons.reception, 'reasons.reception')}。")
    out.section(top, "二、机关运行经费预算")
    out.say(f"{year}年{dept}财政拨款的机关运行经费预算为{amount(values['running'])}万元。" if report.running_cost is not None
            else f"{year}年{dept}没有机关运行经费预算（本部门没有行政单位和参照公务员法管理的事业单位）。")
    out.section(top, "三、政府采购预算情况")
    buy = report.procurement
    kinds = {k: wan(data.yuan(getattr(buy, k))) for k in ("goods", "works", "services")}
    out.say(f"{year}年本部门政府采购预算{amount(sum(kinds.values(), ZERO))}万元，其中：政府采购货物预算{amount(kinds['goods'])}万元、"
            f"政府采购工程预算{amount(kinds['works'])}万元、政府采购服务预算{amount(kinds['services'])}万元。")
    out.say(f"{year}年本部门面向中小企业预留政府采购项目预算金额{amount(wan(data.yuan(buy.sme_reserved)))}万元，其中，"
            f"预留给小型和微型企业的政府采购项目预算为{amount(wan(data.yuan(buy.small_micro_reserved)))}万元。")
    out.section(top, "四、绩效目标设置情况")
    targets = report.targets
    units = targets.units if targets.units is not None else out.gap("开展绩效目标编报的预算单位数", "targets.units")
    projects = targets.projects if targets.projects is not None else out.gap("编报绩效目标的项目数", "targets.projects")
    money = amount(wan(data.yuan(targets.amount))) if targets.amount is not None else out.gap("涉及项目预算资金", "targets.amount")
    out.say(f"按照本区预算绩效管理工作的总体要求，本部门{units}个预算单位开展了{year}年项目预算绩效目标编报工作，"
            f"编报绩效目标的项目{projects}个，涉及项目预算资金{money}万元。")
    out.section(top, "五、国有资产占有使用情况")
    assets = report.assets
    held = _vehicles(assets.vehicles)
    as_of = assets.as_of or out.gap("车辆统计截止日期", "assets.as_of")
    out.say(f"截至{as_of}，{dept}共有车辆{sum(assets.vehicles.values())}辆，其中：{held}；"
            f"单价100万元（含）以上设备（不含车辆）{assets.equipment_over_1m or 0}台（套）。")
    out.say(f"{year}年部门预算安排购置车辆{sum(assets.planned_vehicles.values())}辆，其中：{_vehicles(assets.planned_vehicles)}；"
            f"部门预算安排购置单价100万元（含）以上设备（不含车辆）{assets.planned_equipment or 0}台（套）。")


def _vehicles(counts: dict[str, int]) -> str:
    return "、".join(f"{c}{counts.get(c, 0)}辆" for c in BUDGET_VEHICLES)


def budget_document(report: BudgetReport, source: str = "", catalog: Catalog | None = None,
                    gaps: list | None = None) -> Document:
    """The budget as published, generated in its template (Shanghai's or the national one): what
    ``build`` writes and the rules check."""
    if report.template == "全国":
        from .budget_national import NationalData, national_tables, national_text

        data = NationalData(report, catalog or bundled())
        tables, text = national_tables(data), national_text(data)
    else:
        data = BudgetData(report, catalog or bundled())
        tables, text = budget_tables(data), budget_text(data)
    if gaps is not None:
        gaps.extend(text.gaps)
    return Document(source=source, department=report.department.name, year=report.year, tables=tables,
                    headings=headings_of(text.paragraphs), paragraphs=text.paragraphs, grids=text.grids,
                    generated=True, kind="budget", template=report.template)

