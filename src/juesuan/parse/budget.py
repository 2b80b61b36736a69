"""A published 部门预算 read back into its data (BudgetReport): the tables give every amount by 项, fund
and 经济分类, the text gives last year's budget (from the stated changes), the reasons, 政府采购,
vehicles and 绩效目标. `juesuan build` of the result writes the budget again.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..claims.budget import cell_after, form_name, items, project_amounts, statements
from ..claims.prose import NUMBER, decimal, fold
from ..document import Document, Table
from ..model import (
    BUDGET_SOURCES,
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
    Department,
    PerformanceTargets,
    SanGongItems,
)
from ..money import Unit
from .report import ReportError, level_of, region_of

WAN = Decimal(10000)
FUNDS = {"b_general": "general", "b_gov_fund": "gov_fund", "b_state_capital": "state_capital"}
_REASON = re.compile(r"主要原因(?:是|为)?[:：]?(?P<reason>[^。；;]+)")
_AS_OF = re.compile(r"截[至止](?P<date>20\d\d年\d{1,2}月\d{1,2}日)")


def _yuan(table: Table, value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    return value if table.unit == "元" else value * WAN


def _rows(doc: Document, key: str, level: str) -> tuple[Table | None, list]:
    table = doc.table(key)
    if table is None or not table.blocks:
        return None, []
    return table, [r for r in table.block.rows if r.level == level]


def budget_from_document(doc: Document) -> BudgetReport:
    """The data a published budget states; ReportError when its tables state no 项."""
    lines = _lines(doc)
    if not lines:
        raise ReportError("没有读出部门预算支出功能分类表中的任何项级科目")
    if not doc.year:
        raise ReportError("读不出预算年度（标题和表名中都没有“20XX年…预算”）：请用 --year 指定")
    name = doc.department
    return BudgetReport(
        year=doc.year or 0, unit=Unit.YUAN,
        department=Department(name=name, level=level_of(name), region=region_of(name), duties=_duties(doc)),
        lines=lines, subject_names=_subject_names(doc), economic=_economic(doc), **_sangong(doc), prior=_prior(doc), reasons=_reasons(doc),
        procurement=_procurement(doc), assets=_assets(doc), targets=_targets(doc), projects=(projects := _projects(doc)),
        indicators=_named(_indicators(doc), [p.name for p in projects]))


def budget_layout(doc: Document) -> str:
    """全国 when the budget's forms carry the national template's titles (部门收支总表 …), else 上海
    (财务收支预算总表 …: every form titled 预算表 or 预算总表)."""
    titles = [t.title.replace(" ", "") for t in doc.tables if t.key in ("b_summary", "b_income", "b_expenditure")]
    return "全国" if any("预算" not in t for t in titles) else "上海"


def _lines(doc: Document) -> list[BudgetLine]:
    found: dict[str, dict] = {}
    for key, fund in FUNDS.items():
        table, rows = _rows(doc, key, "项")
        for row in rows:
            entry = found.setdefault(row.code, {"code": row.code, "name": row.name})
            for part in ("basic", "project"):
                if (value := _yuan(table, row.cell(table.block, part))):
                    entry[f"{fund}_{part}"] = value
    income, rows = _rows(doc, "b_income", "项")
    for row in rows:
        for source, _ in BUDGET_SOURCES:
            columns = [c.key for c in income.block.columns]
            if source in columns and (value := _yuan(income, row.cell(income.block, source))):
                found.setdefault(row.code, {"code": row.code, "name": row.name})[source] = value
    purposes = {(i.kuan, i.xiang): i.purpose for i in items(doc)}
    names = _kuan_names(doc)
    for entry in found.values():
        entry["purpose"] = purposes.get((names.get(entry["code"][:5], ""), entry["name"]), "")
    return [BudgetLine(**found[code]) for code in sorted(found)]


def _subject_names(doc: Document) -> dict[str, str]:
    """The 类 and 款 names the function tables print (the catalogue may lack some)."""
    return {r.code: r.name for key in ("b_income", "b_expenditure", *FUNDS) for level in ("类", "款")
            for r in _rows(doc, key, level)[1] if r.name}


def _kuan_names(doc: Document) -> dict[str, str]:
    return {r.code: r.name for key in ("b_income", *FUNDS) for r in _rows(doc, key, "款")[1]}


def _economic(doc: Document) -> list[BudgetEconomicLine]:
    table, rows = _rows(doc, "b_general_basic", "款")
    return [BudgetEconomicLine(code=r.code, name=r.name, personnel=_yuan(table, r.cell(table.block, "personnel")) or 0,
                               public=_yuan(table, r.cell(table.block, "public")) or 0) for r in rows]


SANGONG_PARTS = ("abroad", "vehicle_purchase", "vehicle_operation", "reception")


def _sangong(doc: Document) -> dict:
    table = doc.table("b_sangong")
    if table is None or not table.blocks or not table.block.rows:
        return {}
    block, row = table.block, table.block.rows[0]
    columns = [c.key for c in block.columns]

    def cell(key: str) -> Decimal:
        return _yuan(table, row.cell(block, key)) or Decimal(0) if key in columns else Decimal(0)

    running = _yuan(table, row.cell(block, "running")) if "running" in columns else None
    return {"sangong": SanGongItems(**{k: cell(k) for k in SANGONG_PARTS}), "running_cost": running}


def _sangong_prior(doc: Document) -> dict[str, Decimal]:
    """Last year's 三公 budget where the form prints it beside this year's (the national template)."""
    table = doc.table("b_sangong")
    if table is None or not table.blocks or not table.block.rows:
        return {}
    block, row = table.block, table.block.rows[0]
    return {k: _yuan(table, row.cell(block, f"prior_{k}")) or Decimal(0)
            for k in SANGONG_PARTS if any(c.key == f"prior_{k}" for c in block.columns)}


def _before(now: Decimal, change: Decimal | int | None) -> Decimal | None:
    """Last year's figure from this year's and the stated change (万元 → 元)."""
    return None if change is None else (now - Decimal(change)) * WAN


def _prior(doc: Document) -> BudgetPrior:
    stated = {}
    for s in statements(doc):
        if s.direction and s.subject not in stated:
            stated[s.subject] = _before(s.amount.value, s.signed_change)
    fiscal = stated.get("fiscal_expenditure") or stated.get("fiscal_income")
    return BudgetPrior(fiscal=fiscal, general=stated.get("general"), gov_fund=stated.get("gov_fund"),
                       state_capital=stated.get("state_capital"),
                       sangong=SanGongItems(**{k: stated.get(k) for k in SANGONG_PARTS} | _sangong_prior(doc)))


def _reasons(doc: Document) -> BudgetReasons:
    found: dict[str, str] = {}
    for s in statements(doc):
        if s.subject in ("abroad", "vehicle_purchase", "vehicle_operation", "reception") and s.subject not in found:
            text = fold(s.paragraph.text)
            rest = re.split(r"[；;]|[(（][一二三四五六七八九十][)）]|其中", text[s.amount.end:], maxsplit=1)[0]
            if m := _REASON.search(rest):
                found[s.subject] = m["reason"].strip()
    for p in doc.paragraphs:
        if m := re.search(r"财政拨款收入支出(?:增加|减少)的主要原因(?:是|为)?[:：]?(?P<reason>[^。]+)", fold(p.text)):
            found["fiscal"] = m["reason"].strip()
            break
    return BudgetReasons(**found)


def _amount_after(text: str, words: str) -> Decimal | None:
    m = re.search(rf"{words}[^0-9，。；]{{0,8}}?(?P<n>{NUMBER})\s*万元", text)
    return decimal(m["n"]) * WAN if m else None


def _procurement(doc: Document) -> BudgetProcurement:
    text = fold("".join(p.text for p in doc.paragraphs if p.in_section("政府采购") or "政府采购" in p.text))
    return BudgetProcurement(goods=_amount_after(text, "货物预算"), works=_amount_after(text, "工程预算"),
                             services=_amount_after(text, "服务预算"),
                             sme_reserved=_amount_after(text, "面向中小企业预留政府采购项目预算金额"),
                             small_micro_reserved=_amount_after(text, "小型和微型企业的政府采购项目预算"))


def _vehicles(text: str) -> dict[str, int]:
    return {c: int(m["n"]) for c in BUDGET_VEHICLES if (m := re.search(rf"{c}(?P<n>\d+)辆", text))}


def _assets(doc: Document) -> BudgetAssets:
    held = planned = ""
    for p in doc.paragraphs:
        text = fold(p.text)
        if "共有车辆" in text and not held:
            held = text
        elif "安排购置车辆" in text and not planned:
            planned = text
    equipment = re.search(r"设备[（(]不含车辆[）)](?P<n>\d+)[台套]", held)
    planned_equipment = re.search(r"设备[（(]不含车辆[）)](?P<n>\d+)[台套]", planned)
    as_of = _AS_OF.search(held)
    return BudgetAssets(as_of=as_of["date"] if as_of else "", vehicles=_vehicles(held.split("单价")[0]),
                        equipment_over_1m=int(equipment["n"]) if equipment else None,
                        planned_vehicles=_vehicles(planned.split("单价")[0]),
                        planned_equipment=int(planned_equipment["n"]) if planned_equipment else None)


def _targets(doc: Document) -> PerformanceTargets:
    for p in doc.paragraphs:
        text = fold(p.text)
        if "绩效目标" in text and (m := _TARGETS.search(text)):
            return PerformanceTargets(units=int(m["units"]) if m["units"] else None, projects=int(m["projects"]),
                                      amount=decimal(m["n"]) * WAN)
    return PerformanceTargets()


# Shanghai's "本部门1个预算单位开展了…编报绩效目标的项目14个，涉及项目预算资金1099.22万元", and the national
# "实行绩效目标管理的项目4个，涉及一般公共预算当年拨款982.43万元"
_TARGETS = re.compile(r"(?:(?P<units>\d+)个预算单位.*?)?项目(?P<projects>\d+)个[，,]?\s*涉及[^0-9，。；]{0,20}?"
                      r"(?P<n>" + NUMBER + r")\s*万元")


def _duties(doc: Document) -> list[str]:
    """The 主要职能 part: under its heading, or (a title the reader merged into the cover) from
    "主要职能包括" up to the next part."""
    found = [p.text for p in doc.paragraphs if p.in_section("主要职能")]
    if found:
        return found
    start = next((i for i, p in enumerate(doc.paragraphs) if "主要职能包括" in p.text), None)
    if start is None:
        return []
    rest = doc.paragraphs[start:]
    return [p.text for p in rest[:next((i for i, p in enumerate(rest) if p.section), len(rest))]]


PROJECT_PARTS = {"项目概述": "overview", "立项依据": "basis", "实施主体": "implementer", "实施方案": "plan",
                 "实施周期": "period"}


def _projects(doc: Document) -> list[BudgetProject]:
    """Each 项目经费情况说明: its parts by their headings (一、项目概述 …), its 年度预算安排; the name from
    its title, else from its 绩效目标申报表's 项目名称."""
    found: dict[str, dict] = {}
    for p in doc.paragraphs:
        title = next((h for h in p.section if h.endswith("项目经费情况说明")), None)
        if title is None:
            continue
        entry = found.setdefault(title, {"name": title.removesuffix("项目经费情况说明")})
        part = next((key for words, key in PROJECT_PARTS.items() if p.in_section(words)), None)
        if part and p.text not in entry.get(part, "").split("\n"):      # a line a page repeats, once
            entry[part] = (entry.get(part, "") + "\n" + p.text).strip()
    for stated in project_amounts(doc):
        found[stated.project + "项目经费情况说明"]["amount"] = stated.amount.value * WAN
    names = iter(_form_names(doc))
    projects = [{**e, "name": e["name"] or next(names, "") or "未命名项目"} for e in found.values()]
    forms = [(form_name(grid), grid) for grid in doc.grids]
    for entry in projects:
        grid = next((g for name, g in forms if name and (entry["name"].startswith(name) or name.startswith(entry["name"]))),
                    None)
        entry.update(_application(grid) if grid else {})
    return [BudgetProject(**e) for e in projects]


def _application(grid) -> dict:
    """The particulars, funds (元) and goals a 绩效目标申报表 prints: each field after its label (其他资金 twice:
    the project's, then the year's), a goal under its header."""
    found: dict = {}
    labels = {"项目性质": "nature", "项目类别": "category", "主管部门": "authority", "实施单位": "unit",
              "计划开始日期": "start", "计划完成日期": "end", "项目资金总额": "funds_total", "上年结转资金": "carried"}
    for row in grid.rows:
        cells = [c.strip() for c in row]
        for label, field in labels.items():
            if label in cells and (value := cell_after(row, label)):
                found.setdefault(field, value)
        others = [cell_after(row[i:], "其他资金") for i, c in enumerate(cells) if c == "其他资金"]
        for field, value in zip(("funds_other", "annual_other"), others):
            found.setdefault(field, value)
    for field in ("funds_total", "funds_other", "carried", "annual_other"):
        if field in found:
            found[field] = decimal(fold(found[field])) if re.fullmatch(NUMBER, fold(found[field])) else None
    found.update(_goals(grid))
    return {k: v for k, v in found.items() if v is not None}


def _goals(grid) -> dict[str, str]:
    """项目总体目标 and 年度总体目标: beside their label (a row each), or under it (one header row for both)."""
    found = {}
    for n, row in enumerate(grid.rows):
        for i, cell in enumerate(row):
            field = "goal" if re.search("项目总体?目标", cell) else "annual_goal" if re.search("年度总体?目标", cell) else ""
            if not field:
                continue
            beside = [c for c in row[i + 1:] if c.strip()]
            if len(beside) == 1 and not any(re.search("总体?目标", c) for c in beside):
                found[field] = beside[0]
            elif n + 1 < len(grid.rows) and i < len(grid.rows[n + 1]):
                found[field] = grid.rows[n + 1][i]
    return {k: v.strip().strip('"') for k, v in found.items() if v.strip()}


def _form_names(doc: Document) -> list[str]:
    """The 项目名称 of each 绩效目标申报表, in order."""
    return [name for grid in doc.grids if (name := form_name(grid))]


def _indicators(doc: Document) -> list[BudgetIndicator]:
    """The indicators of each 绩效目标申报表 (一级, 二级 carried down their merged cells), named by its 项目名称."""
    found = []
    for grid in doc.grids:
        project = form_name(grid)
        header = next((row for row in grid.rows if "一级指标" in row and "三级指标" in row), None)
        if not project or header is None:
            continue
        at = {name: header.index(name) for name in ("一级指标", "二级指标", "三级指标")}
        target = next((i for i, c in enumerate(header) if "指标值" in c), None)
        level1 = level2 = ""
        for row in grid.rows[grid.rows.index(header) + 1:]:
            cells = [c.strip() for c in row] + [""] * (len(header) - len(row))
            level1, level2 = cells[at["一级指标"]] or level1, cells[at["二级指标"]] or level2
            if name := cells[at["三级指标"]]:
                found.append(BudgetIndicator(project=project, level1=level1, level2=level2, name=name,
                                             target=cells[target] if target is not None else ""))
    return found


def _named(indicators: list[BudgetIndicator], projects: list[str]) -> list[BudgetIndicator]:
    """Each indicator under its project's name as the 项目经费情况说明 titles it (a 申报表 cell may cut
    the name where it wraps: "兰溪路-真南路下立交工" | "程")."""
    def full(name: str) -> str:
        return next((p for p in projects if p.startswith(name) or name.startswith(p)), name)

    return [i.model_copy(update={"project": full(i.project)}) for i in indicators]
