"""Report + its printed tables → the 概况, 情况说明, 重点工作 and 名词解释 paragraphs.

Sentences come from the profile's template file (``profiles/narrative/*.toml``); every figure is read
from the printed tables (or rounded once from the Report where no table prints it), and every
comparison word from ``words``. A reason the numbers call for but the input lacks is marked in the
text (【待补充：…】) and returned as a gap, so ``build`` can warn about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from .. import tomlfiles
from ..catalog import Catalog, Classification
from ..document import Figure, Paragraph, Table
from ..model import Fund, Procurement, Report
from ..profiles import Profile
from . import words
from .tables import ordinal
from .words import amount, percent

LEVEL_WORDS = {"省": "省级", "市": "市级", "区": "区级", "县": "县级", "乡镇": "乡镇"}
SANGONG = (("abroad", "因公出国（境）费"), ("vehicle_total", "公务用车购置及运行维护费"), ("reception", "公务接待费"))


RESERVED = ("sme_reserved", "small_micro_reserved", "sme_reserved_won", "small_micro_reserved_won", "sme_other_won")


def gap_mark(what: str) -> str:
    return f"【待补充：{what}】"


@dataclass(frozen=True)
class Gap:
    """What the text had to mark 【待补充】, and the Report field that would fill it ("" when none
    can: it needs rows of a table). Fields: a dotted path (``texts.income_change_reason``), or
    ``variance:<code>`` (a 项's 差异原因), ``glossary:<code>`` (its 名词解释)."""
    what: str
    field: str = ""

    def __str__(self) -> str:
        return self.what


@dataclass
class Writer:
    report: Report
    tables: dict[str, Table]
    templates: dict
    catalog: Catalog
    paragraphs: list[Paragraph] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    path: tuple[str, ...] = ()

    # -- plumbing ---------------------------------------------------------------------------
    def heading(self, key: str, level: int) -> None:
        text = self.templates["headings"][key].format(dept=self.report.department.name, year=self.report.year)
        self.path = (*self.path[:level - 1], *([""] * (level - 1 - len(self.path))), text)

    def say(self, text: str) -> None:
        if text:
            self.paragraphs.append(Paragraph(((0, text),), self.path))

    def figure(self, title: str, parts: list[tuple[str, Decimal | None]]) -> str:
        """A pie chart of ``parts`` shown after the paragraph being written; returns “（见图N）”."""
        shown = [(name, value) for name, value in parts if value]
        if len(shown) < 2:
            return ""
        return self._add(Figure(len(self.figures) + 1, title, "pie", tuple(n for n, _ in shown),
                                (("本年", tuple(v for _, v in shown)),), after=len(self.paragraphs)))

    def _add(self, figure: Figure) -> str:
        self.figures.append(figure)
        return self.templates["sentences"]["figure"].format(n=figure.number)

    def sentence(self, key: str, **fields: object) -> str:
        return self.templates["sentences"][key].format(year=self.report.year, dept=self.report.department.name,
                                                        **fields)

    def reason(self, text: str, what: str, field: str = "") -> str:
        if text.strip():
            return text.strip().rstrip("。")
        self.gaps.append(Gap(what, field))
        return gap_mark(what)

    def change(self, what: str, current: Decimal | None, prior: Decimal | None, reason: str = "",
               reason_what: str = "", field: str = "") -> str:
        c = words.change(current, prior)
        if c.kind == "unknown":
            return ""
        text = self.templates["changes"][c.kind].format(prior_year=self.report.year - 1, what=what, delta=c.delta,
                                                        percent=c.percent)
        if c.kind != "same" and reason_what:
            text += self.templates["changes"]["reason"].format(reason=self.reason(reason, reason_what, field))
        return text

    def cell(self, key: str, row: str, column: str, side: str | None = None) -> Decimal | None:
        table = self.tables.get(key)
        return table.value(row, column, side) if table is not None else None

    def wan(self, value: Decimal | None) -> Decimal | None:
        return words.wan(value, self.report.unit)

    # -- parts --------------------------------------------------------------------------------
    def overview(self) -> None:
        dept = self.report.department
        self.heading("overview", 1)
        self.heading("duties", 2)
        for n, duty in enumerate(dept.duties, start=1):
            self.say(f"{n}.{duty}")
        if not dept.duties:      # the heading stays, so that the parts keep their numbers
            self.gaps.append(Gap("部门主要职能（基本信息中的“部门职责”）", "department.duties"))
            self.say(gap_mark("部门主要职能"))
        if dept.phone:
            self.say(self.sentence("phone", phone=dept.phone))
        self.heading("structure", 2)
        if dept.internal_divisions:
            self.say(self.sentence("divisions", count=len(dept.internal_divisions),
                                   names="、".join(dept.internal_divisions)))
        units = dept.units or [dept.name]
        self.say(self.sentence("units", count=len(units), names="、".join(units)))
        if dept.structure_note:
            self.say(dept.structure_note)

    def part3(self) -> None:
        self.heading("part3", 1)

    def total(self) -> None:
        texts, prior = self.report.texts, self.report.prior
        grand = self.cell("summary", "grand_total", "amount", "收入")
        self.heading("total", 2)
        figure = ""
        if prior.income_total is not None and prior.expenditure_total is not None:
            current = (self.cell("summary", "income_total", "amount", "收入"),
                       self.cell("summary", "expenditure_total", "amount", "支出"))
            before = (self.wan(prior.income_total), self.wan(prior.expenditure_total))
            figure = self._add(Figure(len(self.figures) + 1, "收入支出决算与上年对比", "bar", ("本年收入合计", "本年支出合计"),
                                      ((f"{self.report.year - 1}年度", tuple(words.cents(v) for v in before)),
                                       (f"{self.report.year}年度", tuple(words.cents(v) for v in current))),
                                      after=len(self.paragraphs)))
        self.say(self.sentence("total", total=amount(grand)) +
                 self.change("收、支总计", grand, self.wan(prior.income_total), texts.total_change_reason,
                             "收支总计变化原因", "texts.total_change_reason") + figure)

    def _parts(self, key: str, side_total: Decimal | None, parts: list[tuple[str, Decimal | None]]) -> str:
        listed = [self.sentence(key, name=name, amount=amount(value), share=percent(value, side_total))
                  for name, value in parts if value]
        return "；".join(listed)

    def income(self) -> None:
        texts, prior = self.report.texts, self.report.prior
        total = self.cell("income", "total", "total")
        self.heading("income", 2)
        columns = (("fiscal", "财政拨款收入"), ("superior", "上级补助收入"), ("business", "事业收入"),
                   ("operating", "经营收入"), ("affiliated", "附属单位上缴收入"), ("other", "其他收入"))
        values = [(n, self.cell("income", "total", k)) for k, n in columns]
        parts = self._parts("income_part", total, values)
        figure = self.figure("收入决算构成", values)
        self.say(self.sentence("income", total=amount(total)) +
                 self.change("本年收入合计", total, self.wan(prior.income_total), texts.income_change_reason, "收入变化原因",
                             "texts.income_change_reason") +
                 (self.sentence("income_parts", parts=parts) if parts and total else "") + figure)

    def expenditure(self) -> None:
        texts, prior = self.report.texts, self.report.prior
        total = self.cell("expenditure", "total", "total")
        self.heading("expenditure", 2)
        columns = (("basic", "基本支出"), ("project", "项目支出"), ("remit", "上缴上级支出"), ("operating", "经营支出"),
                   ("subsidy", "对附属单位补助支出"))
        values = [(n, self.cell("expenditure", "total", k)) for k, n in columns]
        parts = self._parts("expenditure_part", total, values)
        figure = self.figure("支出决算构成", values)
        self.say(self.sentence("expenditure", total=amount(total)) +
                 self.change("本年支出合计", total, self.wan(prior.expenditure_total), texts.expenditure_change_reason,
                             "支出变化原因", "texts.expenditure_change_reason") +
                 (self.sentence("expenditure_parts", parts=parts) if parts and total else "") + figure)

    def fiscal(self) -> None:
        income = self.cell("fiscal_summary", "income_total", "amount", "收入")
        spent = self.cell("fiscal_summary", "expenditure_total", "total", "支出")
        self.heading("fiscal", 2)
        self.say(self.sentence("fiscal", income=amount(income), spent=amount(spent)) +
                 self.change("财政拨款支出", spent, self.wan(self.report.prior.fiscal_total), self.report.texts.fiscal_change_reason,
                             "财政拨款收支变化原因", "texts.fiscal_change_reason"))

    def general(self) -> None:
        table = self.tables.get("general_expenditure")
        total = self.cell("general_expenditure", "total", "total")
        spent = self.cell("summary", "expenditure_total", "amount", "支出")
        self.heading("general", 2)
        self.heading("general_total", 3)
        share = percent(total, spent)
        first = self.sentence("general_total", total=amount(total), share=share) if share else \
            self.sentence("general_structure", total=amount(total)).rstrip("：") + "。"
        self.say(first + self.change("一般公共预算财政拨款支出", total, self.wan(self.report.prior.general_expenditure),
                                     self.report.texts.general_change_reason, "一般公共预算财政拨款支出变化原因",
                                     "texts.general_change_reason"))
        if table is None or not total:
            return
        rows = table.block.rows
        self.heading("general_structure", 3)
        self.say(self.sentence("general_structure", total=amount(total)))
        for n, row in enumerate([r for r in rows if r.level == "类" and r.cells[0]], start=1):
            self.say(self.sentence("general_class", n=n, name=row.name, amount=amount(row.cells[0]),
                                   share=percent(row.cells[0], total)))
        self.heading("general_items", 3)
        self.items(rows, total)

    def items(self, rows, total: Decimal) -> None:
        budgets: dict[str, Decimal] = {}
        reasons: dict[str, str] = {}
        for line in self.report.lines:
            if len(line.code) == 7 and line.budget_initial is not None:
                budgets[line.code] = budgets.get(line.code, Decimal(0)) + line.budget_initial
            if line.variance_reason:
                reasons.setdefault(line.code, line.variance_reason)
        printed = {code: self.wan(value) for code, value in budgets.items()}
        names = {r.code: r.name for r in rows}
        budget_total = sum(printed.values(), Decimal(0))
        if printed:
            rate = percent(total, budget_total)
            self.say(self.sentence("general_budget", budget=amount(budget_total), total=amount(total),
                                   rate=self.sentence("rate", rate=rate) if rate else ""))
        for n, row in enumerate([r for r in rows if r.level == "项"], start=1):
            actual, budget = row.cells[0], printed.get(row.code)
            chain = f"{names[row.code[:3]]}（类）{names[row.code[:5]]}（款）{row.name}（项）"
            rate = percent(actual, budget)
            word = words.compare(actual, budget)
            comparisons = self.templates["comparisons"]
            if word in ("大于", "小于"):
                comparison = comparisons["differ"].format(
                    word=word, reason=self.reason(reasons.get(row.code, ""), f"{row.code} {row.name} 决算数与年初预算差异的原因",
                                       f"variance:{row.code}"))
            else:
                comparison = comparisons["equal" if word == "等于" else "none"]
            self.say(self.sentence("general_item", n=n, chain=chain, budget=amount(budget), actual=amount(actual),
                                   rate=self.sentence("rate", rate=rate) if rate else "", comparison=comparison))

    def basic(self) -> None:
        table = self.tables.get("general_basic")
        total = self.cell("general_expenditure", "total", "basic")
        self.heading("basic", 2)
        if table is None:
            return
        personnel, public = table.footer_value("人员"), table.footer_value("公用")
        rows = [r for b in table.blocks for r in b.rows if r.level == "款" and r.cells[0]]
        listed = [[r.name for r in rows if (r.code[:3] in ("301", "303")) == wanted] for wanted in (True, False)]
        self.say(self.sentence("basic", total=amount(total), personnel=amount(personnel), public=amount(public),
                               personnel_items="、".join(listed[0]) or "无", public_items="、".join(listed[1]) or "无"))

    def _fund(self, key: str, fund: Fund) -> None:
        self.heading(key, 2)
        total = self.cell(key, "total", "total")
        name = f"{fund.value}"
        self.say(self.sentence("fund", fund=name, total=amount(total)) if total else self.sentence("no_fund", fund=name))

    def gov_fund(self) -> None:
        self._fund("gov_fund", Fund.GOV_FUND)

    def state_capital(self) -> None:
        self._fund("state_capital", Fund.STATE_CAPITAL)

    def sangong(self) -> None:
        s = self.report.sangong
        self.heading("sangong", 2)

        def value(kind: str, item: str) -> Decimal | None:
            return self.cell("sangong", "sangong", f"{kind}_{item}")

        budget, actual = value("budget", "total"), value("actual", "total")
        prior = sum((self.wan(getattr(s.prior, k)) or Decimal(0) for k in ("abroad", "vehicle_purchase",
                                                                            "vehicle_operation", "reception")),
                    Decimal(0)) if any(getattr(s.prior, k) is not None for k in type(s.prior).model_fields) else None
        if not budget and not actual and not prior:
            self.say(self.sentence("no_sangong"))
            self._sangong_quantities(s, value)     # the template asks for them even when all is 0
            return
        self.heading("sangong_total", 3)
        rate = percent(actual, budget)
        text = self.sentence("sangong_total", budget=amount(budget), actual=amount(actual),
                             rate=self.sentence("sangong_rate", rate=rate) if rate else "")
        word = words.compare(actual, budget)
        if word in ("大于", "小于"):
            why = self.reason(s.budget_reason, "“三公”经费决算数与预算数差异的原因", "sangong.budget_reason")
            text += f"决算数{word}预算数的主要原因是{why}。"
        text += self.change("“三公”经费支出决算", actual, prior, s.change_reason, "“三公”经费较上年变化的原因",
                            "sangong.change_reason")
        self.say(text)
        self.heading("sangong_items", 3)
        parts = [self.sentence("sangong_part", name=name, amount=amount(value("actual", item)),
                               share=self.sentence("sangong_share", share=percent(value("actual", item), actual))
                               if actual else "") for item, name in SANGONG]
        self.say(self.sentence("sangong_items", parts="；".join(parts)))
        self._sangong_quantities(s, value)

    def _sangong_quantities(self, s, value) -> None:
        """出国团组和人次, 公务用车购置数和保有量, 接待批次和人次: stated with their amounts."""
        self.say(self.sentence("abroad", amount=amount(value("actual", "abroad")), groups=s.abroad_groups or 0,
                               persons=s.abroad_persons or 0))
        self.say(self.sentence("vehicle", amount=amount(value("actual", "vehicle_total")),
                               purchase=amount(value("actual", "vehicle_purchase")), bought=s.vehicles_purchased or 0,
                               operation=amount(value("actual", "vehicle_operation")), held=s.vehicles_held or 0))
        self.say(self.sentence("reception", amount=amount(value("actual", "reception")),
                               batches=s.reception_batches or 0, persons=s.reception_persons or 0))

    def running_cost(self) -> None:
        cost = self.report.running_cost
        self.heading("running_cost", 2 if "、" in self.templates["headings"]["running_cost"] else 3)
        if not cost.applicable:
            self.say(self.sentence("no_running_cost"))
            return
        value = self.wan(cost.amount)
        self.say(self.sentence("running_cost", amount=amount(value)) +
                 self.change("机关运行经费", value, self.wan(cost.prior), cost.change_reason, "机关运行经费变化原因",
                             "running_cost.change_reason"))

    def procurement(self) -> None:
        p = self.report.procurement
        self.heading("procurement", 2 if "、" in self.templates["headings"]["procurement"] else 3)
        goods, works, services = self.wan(p.goods), self.wan(p.works), self.wan(p.services)
        total = (goods or 0) + (works or 0) + (services or 0)
        if not total:
            self.say(self.sentence("no_procurement"))
            return
        stated = self.sentence("procurement", total=amount(total), goods=amount(goods), works=amount(works),
                               services=amount(services))
        if "procurement_reserved" in self.templates["sentences"]:      # Shanghai: the 预留 amounts
            self.say(stated + self.sentence("procurement_reserved", **{
                key: amount(self.wan(getattr(p, key))) if getattr(p, key) is not None
                else self.reason("", Procurement.model_fields[key].description, f"procurement.{key}")
                for key in RESERVED}))
            return
        awarded = (p.sme_goods, p.sme_works, p.sme_services)
        if all(v is None for v in awarded):                         # blank is not zero
            gap = self.reason("", "授予中小企业合同金额", "procurement.sme_services")
            share = self.reason("", "授予中小企业合同金额占比", "procurement.sme_services")
            self.say(stated + self.sentence("procurement_sme", sme=gap, share=share))
            return
        sme = sum((self.wan(v) or Decimal(0) for v in awarded), Decimal(0))
        self.say(stated + self.sentence("procurement_sme", sme=amount(sme), share=percent(sme, total)))

    def assets(self) -> None:
        a = self.report.assets
        self.heading("assets", 2 if "、" in self.templates["headings"]["assets"] else 3)
        counts = {k: v or 0 for k, v in a.vehicles.items()}
        parts = "、".join(f"{k}{v}辆" for k, v in counts.items()) or "无"
        text = self.sentence("assets", total=sum(counts.values()), parts=parts, equipment=a.equipment_over_1m or 0)
        if a.other_vehicles_note:
            text += f"其他用车主要是{a.other_vehicles_note.rstrip('。')}。"
        self.say(text)

    def performance(self) -> None:
        self.heading("performance", 2)
        for text in (self.report.texts.performance_overview, self.report.texts.performance_use):
            self.say(text)
        if not self.report.performance.evaluations:
            # the section stays (the parts keep their numbers) and says what the template asks for
            self.gaps.append(Gap("预算绩效管理工作开展情况（评价的项目数）"))
            self.say(f"{self.report.year}年度开展绩效自评的项目{gap_mark('项目数')}个。")

    def other(self) -> None:
        self.heading("other", 2)
        self.say(self.report.texts.other_matters)

    def key_work(self) -> None:
        self.heading("key_work", 1)
        for line in self.report.texts.key_work.splitlines():
            self.say(line.strip())

    def glossary(self) -> None:
        level = LEVEL_WORDS.get(self.report.department.level.value, "本级")
        self.heading("glossary", 1)
        terms = self.templates["glossary"]["terms"]
        for n, term in enumerate(terms, start=1):
            self.say(f"（{ordinal(n)}）{term.format(level=level)}")
        self.say(f"（{ordinal(len(terms) + 1)}）{self.sentence('glossary_subjects')}")
        rows = {r.code: r.name for t in ("income", "expenditure") if t in self.tables for r in self.tables[t].block.rows}
        for n, code in enumerate(sorted(c for c in rows if len(c) == 7), start=1):
            chain = f"{rows[code[:3]]}（类）{rows[code[:5]]}（款）{rows[code]}（项）"
            description = self.report.glossary.get(code) or self._description(code)
            self.say(self.sentence("glossary_item", n=n, chain=chain, description=description))

    def _description(self, code: str) -> str:
        subject = self.catalog.lookup(code, self.report.year, Classification.FUNCTION)
        if subject is not None and subject.description:
            return subject.description
        self.gaps.append(Gap(f"{code} 的名词解释（目录中没有说明，请在“名词解释”表中填写）", f"glossary:{code}"))
        return gap_mark(f"{code} 的科目说明")


def narrative(report: Report, tables: list[Table], profile: Profile, catalog: Catalog,
              performance: Paragraph | None = None) -> tuple[list[Paragraph], list[Gap], list[Figure]]:
    """The generated paragraphs in the profile's order, and the gaps (missing reasons, descriptions)."""
    templates = tomlfiles.read(profile.option("narrative", profile.id), "juesuan.profiles.narrative")
    if templates is None:
        return [], [], []
    writer = Writer(report, {t.key: t for t in tables}, templates, catalog)
    for part in templates["order"]:
        getattr(writer, part)()
        if part == "performance" and performance is not None:
            writer.paragraphs.append(Paragraph(performance.lines, writer.path))
    return writer.paragraphs, writer.gaps, writer.figures



def tables_title(report: Report, profile: Profile) -> str:
    """The title of the report's tables part as the profile words it ("第二部分 {dept}{year}年度部门决算表");
    "" when the profile does not say."""
    templates = tomlfiles.read(profile.option("narrative", profile.id), "juesuan.profiles.narrative") or {}
    title = templates.get("headings", {}).get("part2", "")
    return title.format(dept=report.department.name, year=report.year)
