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
from ..document import Figure, Grid, Paragraph, Table
from ..model import Fund, PerformanceSummary, Procurement, Report, SanGong
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


# the tables whose 项 the 名词解释 lists, each once (a fund's 项 with only a 结转 balance included)
SUBJECT_TABLES = ("income", "expenditure", "general_expenditure", "gov_fund", "state_capital")


@dataclass
class Writer:
    report: Report
    tables: dict[str, Table]
    templates: dict
    catalog: Catalog
    paragraphs: list[Paragraph] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    grids: list[Grid] = field(default_factory=list)
    path: tuple[str, ...] = ()

    # -- plumbing ---------------------------------------------------------------------------
    def heading(self, key: str, level: int) -> None:
        text = self.templates["headings"][key].format(dept=self.report.department.name, year=self.report.year)
        self.path = (*self.path[:level - 1], *([""] * (level - 1 - len(self.path))), text)

    def say(self, text: str) -> None:
        if text:
            self.paragraphs.append(Paragraph(((0, text),), self.path))

    def grid(self, title: str, rows: list[tuple[str, ...]]) -> None:
        """A table drawn after the last paragraph said (the 单位构成)."""
        self.grids.append(Grid(tuple(rows), (), title, self.path, after=len(self.paragraphs) - 1))

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

    @property
    def places(self) -> int:
        """The decimals of a share, rate or change (percent_places: Shanghai prints 99.86%)."""
        return self.templates.get("percent_places", 1)

    def pct(self, part: Decimal | None, whole: Decimal | None) -> str | None:
        return percent(part, whole, self.places)

    def reason(self, text: str, what: str, field: str = "") -> str:
        if text.strip():
            return words.amounts_styled(text.strip().rstrip("。"))
        self.gaps.append(Gap(what, field))
        return gap_mark(what)

    def change(self, what: str, current: Decimal | None, prior: Decimal | None, reason: str = "",
               reason_what: str = "", field: str = "", style: str = "changes") -> str:
        """The comparison with last year in the template table ``style`` (``changes``, or a profile's
        variant such as ``changes_than``: "，比2023年度减少…"), and its reason when it changed."""
        c = words.change(current, prior, self.places)
        if c.kind == "unknown":
            return ""
        table = self.templates.get(style, self.templates["changes"])
        text = table[c.kind].format(prior_year=self.report.year - 1, what=what, delta=c.delta, percent=c.percent)
        if c.kind != "same" and reason_what:
            text += table["reason"].format(reason=self.reason(reason, reason_what, field))
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
            self.say(f"{n}.{words.sentence_end(duty)}")
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
        if "units" in self.templates.get("forms", {}):       # a table of the units with their 备注 (Shanghai)
            self.say(self.sentence("units", count=len(units), names=""))
            self.grid("", [tuple(self.templates["forms"]["units"]),
                           *((str(n), unit, dept.unit_notes.get(unit) or ("本级" if n == 1 else ""))
                             for n, unit in enumerate(units, start=1))])
        else:
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
        # last year's 收支总计 where given; without it, last year's 收入合计 (a year without 结转结余)
        before = prior.grand_total if prior.grand_total is not None else prior.income_total
        self.say(self.sentence("total", total=amount(grand)) +
                 self.change(self.templates.get("subjects", {}).get("total", "收、支总计"), grand, self.wan(before),
                             texts.total_change_reason, "收支总计变化原因", "texts.total_change_reason") + figure)

    def _parts(self, key: str, side_total: Decimal | None, parts: list[tuple[str, Decimal | None]]) -> str:
        listed = [self.sentence(key, name=name, amount=amount(value), share=self.pct(value, side_total))
                  for name, value in parts if value]
        return "；".join(listed)

    def _with_parts(self, key: str, total: Decimal | None, parts: str, change: str) -> str:
        """The total's sentence, its comparison with last year and its parts — inside the sentence where
        the template has a {parts} place ("本年收入合计X万元，其中：…。"), else after the comparison."""
        listed = self.sentence(f"{key}_parts", parts=parts) if parts and total else ""
        if "{parts}" in self.templates["sentences"][key]:
            return self.sentence(key, total=amount(total), parts=listed) + change
        return self.sentence(key, total=amount(total)) + change + listed

    def income(self) -> None:
        texts, prior = self.report.texts, self.report.prior
        total = self.cell("income", "total", "total")
        self.heading("income", 2)
        columns = (("fiscal", "财政拨款收入"), ("superior", "上级补助收入"), ("business", "事业收入"),
                   ("operating", "经营收入"), ("affiliated", "附属单位上缴收入"), ("other", "其他收入"))
        values = [(n, self.cell("income", "total", k)) for k, n in columns]
        parts = self._parts("income_part", total, values)
        figure = self.figure("收入决算构成", values)
        self.say(self._with_parts("income", total, parts, self.change(
            "本年收入合计", total, self.wan(prior.income_total), texts.income_change_reason, "收入变化原因",
            "texts.income_change_reason")) + figure)

    def expenditure(self) -> None:
        texts, prior = self.report.texts, self.report.prior
        total = self.cell("expenditure", "total", "total")
        self.heading("expenditure", 2)
        columns = (("basic", "基本支出"), ("project", "项目支出"), ("remit", "上缴上级支出"), ("operating", "经营支出"),
                   ("subsidy", "对附属单位补助支出"))
        values = [(n, self.cell("expenditure", "total", k)) for k, n in columns]
        parts = self._parts("expenditure_part", total, values)
        figure = self.figure("支出决算构成", values)
        self.say(self._with_parts("expenditure", total, parts, self.change(
            "本年支出合计", total, self.wan(prior.expenditure_total), texts.expenditure_change_reason,
            "支出变化原因", "texts.expenditure_change_reason")) + figure)

    def fiscal(self) -> None:
        income = self.cell("fiscal_summary", "income_total", "amount", "收入")
        spent = self.cell("fiscal_summary", "expenditure_total", "total", "支出")
        grand = self.cell("fiscal_summary", "grand_total", "amount", "收入")
        self.heading("fiscal", 2)
        # a profile that states the 收入支出总计 (Shanghai) compares it; others compare the 支出
        compared = grand if "{grand}" in self.templates["sentences"]["fiscal"] else spent
        self.say(self.sentence("fiscal", income=amount(income), spent=amount(spent), grand=amount(grand)) +
                 self.change(self.templates.get("subjects", {}).get("fiscal", "财政拨款支出"), compared,
                             self.wan(self.report.prior.fiscal_total), self.report.texts.fiscal_change_reason,
                             "财政拨款收支变化原因", "texts.fiscal_change_reason"))

    def general(self) -> None:
        table = self.tables.get("general_expenditure")
        total = self.cell("general_expenditure", "total", "total")
        spent = self.cell("summary", "expenditure_total", "amount", "支出")
        self.heading("general", 2)
        self.heading("general_total", 3)
        share = self.pct(total, spent)
        first = self.sentence("general_total", total=amount(total), share=share) if share else \
            self.sentence("general_total_plain", total=amount(total))
        self.say(first + self.change("一般公共预算财政拨款支出", total, self.wan(self.report.prior.general_expenditure),
                                     self.report.texts.general_change_reason, "一般公共预算财政拨款支出变化原因",
                                     "texts.general_change_reason"))
        if table is None or not total:
            return
        rows = table.block.rows
        self.heading("general_structure", 3)
        classes = [self.sentence("general_class", n=n, name=row.name, amount=amount(row.cells[0]),
                                 share=self.pct(row.cells[0], total))
                   for n, row in enumerate([r for r in rows if r.level == "类" and r.cells[0]], start=1)]
        if "{classes}" in self.templates["sentences"]["general_structure"]:     # one sentence (Shanghai)
            self.say(self.sentence("general_structure", total=amount(total), classes="；".join(classes)))
        else:
            self.say(self.sentence("general_structure", total=amount(total)))
            for text in classes:
                self.say(text)
        self.heading("general_items", 3)
        self.items(rows, total)

    def items(self, rows, total: Decimal) -> None:
        printed = self._budgets("budget_initial")
        budget_total = sum(printed.values(), Decimal(0))
        if printed:
            rate = self.pct(total, budget_total)
            overall = ""
            if "{comparison}" in self.templates["sentences"]["general_budget"]:   # the overall reason (Shanghai)
                overall = self._compared(self.templates["comparisons"], "overall_", total, budget_total,
                                         self.report.texts.general_budget_reason,
                                         "一般公共预算财政拨款支出决算数与年初预算数差异的原因", "texts.general_budget_reason")
            self.say(self.sentence("general_budget", budget=amount(budget_total), total=amount(total),
                                   rate=self.sentence("rate", rate=rate) if rate else "", comparison=overall))
        self._item_sentences("general_item", rows, [r.cells[0] for r in rows], printed)

    def _budgets(self, field: str) -> dict[str, Decimal]:
        """Each 项's 年初预算 of one fund (``field`` of the lines), summed over the units, in 万元."""
        budgets: dict[str, Decimal] = {}
        for line in self.report.lines:
            if len(line.code) == 7 and getattr(line, field) is not None:
                budgets[line.code] = budgets.get(line.code, Decimal(0)) + getattr(line, field)
        return {code: self.wan(value) for code, value in budgets.items()}

    def _item_sentences(self, key: str, rows, actuals: list, budgets: dict[str, Decimal]) -> None:
        """A sentence per 项 spent or budgeted: its 类/款/项, 主要用于 (where the profile says it), 年初预算
        and 决算, and why they differ."""
        reasons = {}
        for line in self.report.lines:
            if line.variance_reason:
                reasons.setdefault(line.code, line.variance_reason)
        purposes = {ln.code: ln.purpose for ln in self.report.lines if ln.purpose}
        names = {r.code: r.name for r in rows}
        items = [(row, actual) for row, actual in zip(rows, actuals)
                 if row.level == "项" and (actual or budgets.get(row.code))]
        for n, (row, actual) in enumerate(items, start=1):
            budget = budgets.get(row.code)
            chain = f"{names[row.code[:3]]}（类）{names[row.code[:5]]}（款）{row.name}（项）"
            rate = self.pct(actual, budget)
            comparison = self._compared(self.templates["comparisons"], "", actual, budget, reasons.get(row.code, ""),
                                        f"{row.code} {row.name} 决算数与年初预算差异的原因", f"variance:{row.code}")
            purpose = ""
            if "purpose" in self.templates["sentences"]:           # 主要用于：… (Shanghai)
                purpose = self.sentence("purpose", purpose=self.reason(
                    purposes.get(row.code, ""), f"{row.code} {row.name} 的主要用途", f"purpose:{row.code}"))
            self.say(self.sentence(key, n=n, chain=chain, budget=amount(budget), actual=amount(actual),
                                   rate=self.sentence("rate", rate=rate) if rate else "", comparison=comparison,
                                   purpose=purpose))

    def _compared(self, comparisons: dict, prefix: str, actual: Decimal | None, budget: Decimal | None,
                  reason: str, what: str, field: str) -> str:
        """决算数大于/小于预算数 and why, 等于, or nothing to compare (the template's ``comparisons``)."""
        word = words.compare(actual, budget)
        if word in ("大于", "小于"):
            return comparisons[f"{prefix}differ"].format(word=word, reason=self.reason(reason, what, field),
                                                         year=self.report.year)
        return comparisons[f"{prefix}equal" if word == "等于" else f"{prefix}none"].format(year=self.report.year)

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

    def _fund(self, key: str, fund: Fund, budget_field: str) -> None:
        self.heading(key, 2)
        total, income = self.cell(key, "total", "total"), self.cell(key, "total", "income")
        name = f"{fund.value}"
        if not total and not income:
            self.say(self.sentence("no_fund", fund=name))
            return
        self.say(self.sentence("fund", fund=name, total=amount(total), income=amount(income)))
        table = self.tables.get(key)
        if "fund_item" in self.templates["sentences"] and table is not None:    # each 项 (Shanghai)
            rows = table.block.rows
            self._item_sentences("fund_item", rows, [r.cell(table.block, "total") for r in rows],
                                 self._budgets(budget_field))

    def gov_fund(self) -> None:
        self._fund("gov_fund", Fund.GOV_FUND, "budget_gov_fund")

    def state_capital(self) -> None:
        self._fund("state_capital", Fund.STATE_CAPITAL, "budget_state_capital")

    def sangong(self) -> None:
        s = self.report.sangong
        self.heading("sangong", 2)

        def value(kind: str, item: str) -> Decimal | None:
            return self.cell("sangong", "sangong", f"{kind}_{item}")

        budget, actual = value("budget", "total"), value("actual", "total")
        priors = self._sangong_prior(s)
        prior = sum(priors.values(), Decimal(0)) if priors else None
        if not budget and not actual and not prior:
            self.say(self.sentence("no_sangong"))
            self._sangong_details(s, value)     # the template asks for them even when all is 0
            return
        self.heading("sangong_total", 3)
        rate = self.pct(actual, budget)
        items = ""
        if "sangong_budget_items" in self.templates["sentences"]:     # each item's 完成预算的 (Shanghai)
            items = self.sentence("sangong_budget_items", parts="；".join(
                self.sentence("sangong_budget_item", name=name, amount=amount(value("actual", item)),
                              rate=self.sentence("sangong_rate", rate=r) if (r := self.pct(value("actual", item),
                                                                                          value("budget", item))) else "")
                for item, name in SANGONG))
        text = self.sentence("sangong_total", budget=amount(budget), actual=amount(actual), items=items,
                             rate=self.sentence("sangong_rate", rate=rate) if rate else "")
        compared = self._compared(self.templates["comparisons"], "sangong_", actual, budget, s.budget_reason,
                                  "“三公”经费决算数与预算数差异的原因", "sangong.budget_reason")
        if "sangong_change" in self.templates["sentences"]:      # the change item by item (Shanghai)
            # the comparison on its own line: after the items' figures, a reader would pair it with the last item's
            self.say(text)
            self.say(compared)
            self.say(self._sangong_changes(s, value, priors, actual, prior))
        else:
            self.say(text + compared + self.change("“三公”经费支出决算", actual, prior, s.change_reason, "“三公”经费较上年变化的原因",
                                        "sangong.change_reason"))
        self.heading("sangong_items", 3)
        parts = [self.sentence("sangong_part", name=name, amount=amount(value("actual", item)),
                               share=self.sentence("sangong_share", share=self.pct(value("actual", item), actual))
                               if actual else "") for item, name in SANGONG]
        self.say(self.sentence("sangong_items", parts="；".join(parts)))
        self._sangong_details(s, value)

    def _sangong_prior(self, s) -> dict[str, Decimal]:
        """Last year's 决算数 by item (in 万元); {} when none was given, a blank item is 0 otherwise."""
        if all(getattr(s.prior, k) is None for k in type(s.prior).model_fields):
            return {}
        of = {k: self.wan(getattr(s.prior, k)) or Decimal(0) for k in type(s.prior).model_fields}
        return {"abroad": of["abroad"], "vehicle_total": of["vehicle_purchase"] + of["vehicle_operation"],
                "reception": of["reception"]}

    def _sangong_changes(self, s, value, priors: dict, actual: Decimal | None, prior: Decimal | None) -> str:
        """本年“三公”经费比上年增加/减少…，其中：each item's change; then why each item changed."""
        if not priors:
            return ""
        phrases = self.templates["change_phrases"]

        def phrase(now, before) -> tuple[str, words.Change]:
            c = words.change(now, before, self.places)
            return phrases[c.kind].format(delta=c.delta, percent=c.percent, prior_year=self.report.year - 1), c

        reasons = {"abroad": "abroad_change_reason", "vehicle_total": "vehicle_change_reason",
                   "reception": "reception_change_reason"}       # each item's own reason, else the whole's
        items, why = [], []
        for item, name in SANGONG:
            said, c = phrase(value("actual", item), priors[item])
            items.append(self.sentence("sangong_change_item", name=name, change=said))
            if c.kind in ("up", "down", "new"):
                why.append(self.sentence("sangong_change_reason", name=name, word=c.word or "增加", reason=self.reason(
                    getattr(s, reasons[item]) or s.change_reason, f"{name}较上年变化的原因", f"sangong.{reasons[item]}")))
        return self.sentence("sangong_change", change=phrase(actual, prior)[0], prior_year=self.report.year - 1,
                             items="；".join(items)) + "".join(why)

    def _sangong_details(self, s, value) -> None:
        """出国团组和人次, 公务用车购置数和保有量, 接待批次和人次 (and, where the profile says them, what each
        was used for), stated with their amounts: one paragraph per sentence of ``sangong_details``."""
        uses = self.templates.get("uses", {})
        spent = {"abroad": value("actual", "abroad"), "vehicle_purchase": value("actual", "vehicle_purchase"),
                 "vehicle_operation": value("actual", "vehicle_operation"), "reception": value("actual", "reception")}
        said = {f"{item}_use": uses[item].format(use=self.reason(
            getattr(s, f"{item}_use"), SanGong.model_fields[f"{item}_use"].description, f"sangong.{item}_use"))
            if item in uses and (getattr(s, f"{item}_use") or spent[item]) else "" for item in spent}
        foreign = self.wan(s.foreign_reception)
        fields = dict(said, abroad=amount(spent["abroad"]), groups=s.abroad_groups or 0, persons=s.abroad_persons or 0,
                      vehicle_total=amount(value("actual", "vehicle_total")), purchase=amount(spent["vehicle_purchase"]),
                      bought=s.vehicles_purchased or 0, operation=amount(spent["vehicle_operation"]),
                      held=s.vehicles_held or 0, reception=amount(spent["reception"]), batches=s.reception_batches or 0,
                      reception_persons=s.reception_persons or 0, foreign=amount(foreign),
                      foreign_batches=s.foreign_reception_batches or 0, foreign_persons=s.foreign_reception_persons or 0)
        for key in self.templates.get("sangong_details", ("abroad", "vehicle", "reception")):
            self.say(self.sentence(key, **fields))

    def running_cost(self) -> None:
        cost = self.report.running_cost
        self.heading("running_cost", 2 if "、" in self.templates["headings"]["running_cost"] else 3)
        if not cost.applicable:
            self.say(self.sentence("no_running_cost"))
            return
        value = self.wan(cost.amount)
        inside = "{change}" in self.templates["sentences"]["running_cost"]     # "…万元，比2023年度减少…" (Shanghai)
        change = self.change("机关运行经费", value, self.wan(cost.prior), cost.change_reason, "机关运行经费变化原因",
                             "running_cost.change_reason", style="changes_than" if inside else "changes")
        if inside:
            self.say(self.sentence("running_cost", amount=amount(value), change=change or "。"))
        else:
            self.say(self.sentence("running_cost", amount=amount(value)) + change)

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
        labels = self.templates.get("vehicle_labels", {})       # 省级领导干部用车 is 部级 in Shanghai's layout
        counts = {labels.get(k, k): v or 0 for k, v in a.vehicles.items()}
        parts = "、".join(f"{k}{v}辆" for k, v in counts.items()) or "无"
        text = self.sentence("assets", total=sum(counts.values()), parts=parts, equipment=a.equipment_over_1m or 0)
        if a.other_vehicles_note:
            text += f"其他用车主要是{a.other_vehicles_note.rstrip('。')}。"
        self.say(text)

    def performance(self) -> None:
        self.heading("performance", 2)
        summary = self.report.performance.summary
        if "performance_summary" in self.templates["sentences"] and summary.filled:
            self.say(self._performance_summary(summary))
            self.say(self.report.texts.performance_use)
            return
        for text in (self.report.texts.performance_overview, self.report.texts.performance_use):
            self.say(text)
        if not self.report.performance.evaluations:
            # the section stays (the parts keep their numbers) and says what the template asks for
            self.gaps.append(Gap("预算绩效管理工作开展情况（评价的项目数）", "performance.summary.evaluated_projects"
                                 if "performance_summary" in self.templates["sentences"] else ""))
            self.say(f"{self.report.year}年度开展绩效自评的项目{gap_mark('项目数')}个。")

    def _performance_summary(self, summary) -> str:
        """The template's 全过程绩效管理 sentence: each count and amount from the 绩效概况 sheet."""
        def given(name: str) -> str:
            value = getattr(summary, name)
            if value is None and summary.problems == 0 and name in ("rectified", "rectifying"):
                value = 0          # no problem found, none to rectify
            if value is None:
                return self.reason("", PerformanceSummary.model_fields[name].description,
                                   f"performance.summary.{name}")
            if name.endswith("_amount"):
                return amount(self.wan(value))
            return f"{value:.2f}" if name == "average_score" else str(value)

        return self.sentence("performance_summary", overview=words.sentence_end(self.report.texts.performance_overview),
                             **{name: given(name) for name in PerformanceSummary.model_fields})

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
        numbering = self.templates["glossary"].get("numbering", "（{n}）")
        terms = self._terms([term.format(level=level) for term in self.templates["glossary"]["terms"]])
        for n, term in enumerate(terms, start=1):
            self.say(numbering.format(n=ordinal(n)) + term)
        if "glossary_subjects" not in self.templates["sentences"]:      # Shanghai's template lists no 科目
            return
        self.say(numbering.format(n=ordinal(len(terms) + 1)) + self.sentence("glossary_subjects"))
        rows = {r.code: r.name for t in SUBJECT_TABLES if t in self.tables for r in self.tables[t].block.rows}
        for n, code in enumerate(sorted(c for c in rows if len(c) == 7), start=1):
            chain = f"{rows[code[:3]]}（类）{rows[code[:5]]}（款）{rows[code]}（项）"
            description = self.report.glossary.get(code) or self._description(code)
            self.say(self.sentence("glossary_item", n=n, chain=chain, description=description))

    def _terms(self, standard: list[str]) -> list[str]:
        """The profile's terms ("名词：指…"), each replaced by the report's own explanation of the same
        名词, then the report's other terms."""
        own = {name.strip(): text.strip() for name, text in self.report.terms.items()}
        said = []
        for term in standard:
            name = term.split("：", 1)[0]
            said.append(f"{name}：{own.pop(name)}" if name in own else term)
        return said + [f"{name}：{text}" for name, text in own.items()]

    def _description(self, code: str) -> str:
        subject = self.catalog.lookup(code, self.report.year, Classification.FUNCTION)
        if subject is not None and subject.description:
            return subject.description
        self.gaps.append(Gap(f"{code} 的名词解释（目录中没有说明，请在“名词解释”表中填写）", f"glossary:{code}"))
        return gap_mark(f"{code} 的科目说明")


def narrative(report: Report, tables: list[Table], profile: Profile, catalog: Catalog,
              performance: Paragraph | None = None) -> Writer:
    """The generated paragraphs in the profile's order with their figures and tables (the writer's
    ``paragraphs``, ``figures``, ``grids``), and the gaps (missing reasons, descriptions)."""
    templates = tomlfiles.read(profile.option("narrative", profile.id), "juesuan.profiles.narrative")
    writer = Writer(report, {t.key: t for t in tables}, templates or {"order": []}, catalog)
    for part in writer.templates["order"]:
        getattr(writer, part)()
        if part == "performance" and performance is not None:
            writer.paragraphs.append(Paragraph(performance.lines, writer.path))
    return writer



def tables_title(report: Report, profile: Profile) -> str:
    """The title of the report's tables part as the profile words it ("第二部分 {dept}{year}年度部门决算表");
    "" when the profile does not say."""
    templates = tomlfiles.read(profile.option("narrative", profile.id), "juesuan.profiles.narrative") or {}
    title = templates.get("headings", {}).get("part2", "")
    return title.format(dept=report.department.name, year=report.year)
