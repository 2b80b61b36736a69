"""Checks of a loaded Report that need more than one cell: codes, names, duplicates, sums, balances.

Each problem names the record's place (its ``loc``) and what was expected. Shared by the
workbook and the JSON input.
"""

from __future__ import annotations

from decimal import Decimal

from ..catalog import Catalog, Classification, function_parents
from ..derive.scoring import DEFAULT_RULES, load_rules, score_evaluation
from ..model import (
    AMOUNT_FIELDS,
    FUND_EXPENDITURE,
    FUND_INCOME,
    BalanceKind,
    Fund,
    Report,
    SubjectLine,
)
from ..money import Unit, format_amount, to_wan
from ..profiles import Profile
from .answers import gap_cell
from .problems import Finding, Severity, problem

WAN_TAIL = Decimal("0.005")  # one printed 万元 value may be off its exact value by this much


def _where(record, origin: str) -> str:
    return record.loc or origin


def _amount(value: Decimal | None, unit: Unit) -> str:
    return f"{format_amount(value) if unit is Unit.WAN else f'{value:,.2f}'}{unit.value}" if value is not None else ""


def _duplicate(record, seen: dict, origin: str, what: str) -> Finding | None:
    """The second row of the same unit and code; ``seen`` remembers the first."""
    key = (record.unit or "", record.code)
    if key in seen:
        return problem(_where(record, origin), f"{what} {record.code} 重复（与 {_where(seen[key], origin)} 相同）",
                       code="duplicate")
    seen[key] = record
    return None


def check_lines(report: Report, catalog: Catalog, profile: Profile, origin: str,
                complete: bool = True) -> list[Finding]:
    problems: list[Finding] = []
    if complete and not any(len(ln.code) == 7 and ln.code.isdigit() for ln in report.lines):
        problems.append(problem(origin, "收支明细没有数据：请按功能分类项（7 位代码）填写收入和支出", code="empty"))
    seen: dict = {}
    declared = {ln.code: ln for ln in report.lines if ln.name}
    form_classes = {code for code, _ in profile.summary_classes}
    for line in report.lines:
        where = _where(line, origin)
        if not line.code.isdigit() or len(line.code) not in (3, 5, 7):
            problems.append(problem(where, f"「{line.code}」不是功能分类科目代码（应为 3 位类、5 位款或 7 位项的数字代码）",
                                    code="malformed-code"))
            continue
        if duplicate := _duplicate(line, seen, origin, "科目"):
            problems.append(duplicate)
            continue
        for field in AMOUNT_FIELDS:
            value = getattr(line, field)
            if value is not None and value < 0:
                label = SubjectLine.model_fields[field].description
                problems.append(problem(where, f"{line.code}「{label}」为负数 {value}：收入、支出和预算数不能为负",
                                        code="negative"))
        problems += _check_name(line, catalog, report.year, where)
        if len(line.code) == 7:
            problems += _check_parents(line, catalog, report.year, declared, form_classes, where)
    return problems


def _check_name(line: SubjectLine, catalog: Catalog, year: int, where: str) -> list[Finding]:
    known = catalog.name(line.code, year)
    if known is None:
        if line.name:
            return [problem(where, f"科目目录未收录 {line.code}「{line.name}」，按填报的名称使用；"
                                   f"如有完整目录可用 --catalog 载入", Severity.INFO, code="unknown-code")]
        return [problem(where, f"科目目录中没有 {line.code}，也没有填写名称：请在「科目名称」填写或检查代码",
                        code="unknown-code")]
    if line.name and not catalog.knows_name(line.code, line.name):
        return [problem(where, f"{line.code} 填报名称「{line.name}」与科目目录名称「{known}」不同；按填报名称使用",
                        Severity.WARNING, code="name-mismatch")]
    return []


def _check_parents(line: SubjectLine, catalog: Catalog, year: int, declared: dict, form_classes: set,
                   where: str) -> list[Finding]:
    problems = []
    for parent in function_parents(line.code):
        if parent not in declared and catalog.name(parent, year) is None:
            level = "类" if len(parent) == 3 else "款"
            problems.append(problem(where, f"项 {line.code} 的{level} {parent} 没有名称：科目目录中没有，"
                                           f"请在收支明细增加一行 {parent} 并填写其名称", code="missing-parent"))
    if line.code[:3] not in form_classes:
        problems.append(problem(where, f"项 {line.code} 所属的类 {line.code[:3]} 不在格式模板的收入支出决算总表中",
                                code="class-not-in-form"))
    return problems


def _check_subtotals(report: Report, origin: str) -> list[Finding]:
    """A 类/款 row that carries amounts (copied from a ledger) must equal the sum of its 项."""
    items = [ln for ln in report.lines if len(ln.code) == 7]
    problems = []
    for line in report.lines:
        if len(line.code) not in (3, 5) or not line.code.isdigit():
            continue
        for field in AMOUNT_FIELDS:
            stated = getattr(line, field)
            if stated is None:
                continue
            parts = [getattr(i, field) for i in items if i.code.startswith(line.code) and i.unit == line.unit]
            total = sum((p for p in parts if p is not None), Decimal(0))
            if total != stated:
                label = SubjectLine.model_fields[field].description
                problems.append(problem(
                    _where(line, origin),
                    f"{line.code}「{label}」填报 {_amount(stated, report.unit)}，其下各项之和为 "
                    f"{_amount(total, report.unit)}，相差 {_amount(stated - total, report.unit)}"
                    f"（类、款行的金额可以不填，由各项汇总）", code="subtotal"))
    return problems


def check_units(report: Report, origin: str) -> list[Finding]:
    named = set(report.department.units)
    if not named:
        named = {report.department.name}
    problems = []
    for record in (*report.lines, *report.economic, *report.balances):
        if record.unit and record.unit not in named:
            problems.append(problem(_where(record, origin), f"单位「{record.unit}」不在单位构成中"
                                                            f"（{'、'.join(sorted(named))}）", code="unknown-unit"))
    return problems


def check_economic(report: Report, catalog: Catalog, origin: str) -> list[Finding]:
    problems: list[Finding] = []
    seen: dict = {}
    for line in report.economic:
        where = _where(line, origin)
        if not line.code.isdigit() or len(line.code) != 5:
            problems.append(problem(where, f"「{line.code}」不是经济分类款级代码（应为 5 位数字，如 30101）",
                                    code="malformed-code"))
            continue
        if duplicate := _duplicate(line, seen, origin, "经济分类科目"):
            problems.append(duplicate)
        if line.amount is not None and line.amount < 0:
            problems.append(problem(where, f"经济分类 {line.code} 决算数为负数 {line.amount}", code="negative"))
        if catalog.name(line.code, report.year, Classification.ECONOMIC) is None and not line.name:
            problems.append(problem(where, f"科目目录中没有经济分类 {line.code}，也没有填写名称", code="unknown-code"))
    return problems


def _check_economic_total(report: Report, origin: str) -> list[Finding]:
    """Σ 经济分类 = 一般公共预算财政拨款基本支出, per unit; in 万元 a 尾数 is balanced on the row marked for
    it (a note), or else on the largest (a warning)."""
    problems = [problem(_where(e, origin), f"经济分类 {e.code} 也标注了“尾数差额放在此科目”：只能标注一行",
                        code="economic-tail-twice") for e in [e for e in report.economic if e.tail][1:]]
    units = {ln.unit or "" for ln in report.lines} | {e.unit or "" for e in report.economic}
    for unit in sorted(units):
        basic = sum((ln.exp_general_basic for ln in report.lines
                     if (ln.unit or "") == unit and len(ln.code) == 7 and ln.exp_general_basic is not None), Decimal(0))
        lines = [e for e in report.economic if (e.unit or "") == unit and e.amount is not None]
        stated = sum((e.amount for e in lines), Decimal(0))
        if basic == stated:
            continue
        who = f"单位「{unit}」" if unit else ""
        marked = [e for e in report.economic if e.tail]
        largest = marked[0] if marked else max(lines, key=lambda e: e.amount) if lines else None   # takes a tail
        where = _where(largest, origin) if largest else (
            f"{origin}:基本支出明细" if origin.endswith((".xlsx", ".xlsm")) else origin)
        diff = stated - basic
        tolerance = (len(lines) + 1) * WAN_TAIL
        message = (f"{who}基本支出明细合计 {_amount(stated, report.unit)}，比收支明细中一般公共预算财政拨款基本支出 "
                   f"{_amount(basic, report.unit)} {'多' if diff > 0 else '少'} {_amount(abs(diff), report.unit)}")
        if report.unit is Unit.WAN and abs(diff) <= tolerance and lines:
            chosen = "标注的" if marked else "最大的"
            problems.append(problem(where, message + f"，在尾数容差 {tolerance} 万元以内：差额已放在{chosen}科目 "
                                    f"{largest.code}{('「' + largest.name + '」') if largest.name else ''} 上"
                                    + ("" if marked else "（可在「尾数差额放在此科目」列标注另一行）"),
                                    Severity.INFO if marked else Severity.WARNING, code="economic-tail"))
        else:
            problems.append(problem(where, message + "：两者应相等", code="economic-total"))
    return problems


SANGONG_PARTS = (("30212", "abroad", "因公出国（境）费"), ("30217", "reception", "公务接待费"),
                 ("30231", "vehicle_operation", "公务用车运行维护费"), ("31013", "vehicle_purchase", "公务用车购置费"))


def _check_sangong_parts(report: Report, origin: str) -> list[Finding]:
    """A 三公 item paid from 基本支出 cannot exceed the 三公 决算数 for that item (basic ⊂ all)."""
    problems = []
    for code, item, label in SANGONG_PARTS:
        lines = [e for e in report.economic if e.code == code and e.amount is not None]
        spent = sum((e.amount for e in lines), Decimal(0))
        whole = getattr(report.sangong.actual, item) or Decimal(0)
        if lines and spent > whole:
            problems.append(problem(_where(lines[0], origin),
                                    f"基本支出中 {code} 为 {_amount(spent, report.unit)}，大于“三公”经费{label}决算数 "
                                    f"{_amount(whole, report.unit)}：部分不能大于整体", code="sangong-part"))
    return problems


def check_balance_records(report: Report, origin: str) -> list[Finding]:
    """Each 结转结余 row: the right fund for its kind, a 项 code, no negative flows."""
    problems = []
    for record in report.balances:
        where = _where(record, origin)
        if record.kind is not BalanceKind.OPENING and record.fund is not Fund.NON_FISCAL:
            problems.append(problem(where, f"「{record.kind.value}」只适用于非财政拨款", code="balance-fund"))
        if record.code and (not record.code.isdigit() or len(record.code) != 7):
            problems.append(problem(where, f"「{record.code}」不是功能分类项级代码（7 位）", code="malformed-code"))
        if record.kind is not BalanceKind.OPENING and record.amount < 0:
            problems.append(problem(where, f"「{record.kind.value}」不能为负数", code="negative"))
    return problems


def check_closing_balances(report: Report, origin: str) -> list[Finding]:
    """年末结转和结余 of each fund must not come out negative."""
    problems = []
    for fund in Fund:
        def total(fields):
            return sum((to_wan(getattr(ln, f), report.unit) or 0 for ln in report.lines
                        if len(ln.code) == 7 for f in fields), Decimal(0))
        flows = {k: sum((to_wan(b.amount, report.unit) for b in report.balances if b.fund is fund and b.kind is k),
                        Decimal(0)) for k in BalanceKind}
        closing = (flows[BalanceKind.OPENING] + total(FUND_INCOME[fund]) + flows[BalanceKind.USE_OF_SURPLUS]
                   - total(FUND_EXPENDITURE[fund]) - flows[BalanceKind.DISTRIBUTION])
        if closing < 0:
            problems.append(problem(origin, f"{fund.value}：年初结转和结余 + 本年收入 − 本年支出 = {closing:,.2f} 万元，"
                                            f"年末结转和结余不能为负：请检查收入、支出或结转结余", code="negative-closing"))
    return problems


def check_performance(report: Report, origin: str, profile: Profile | None = None) -> list[Finding]:
    """Indicators belong to an evaluation; claimed scores agree with the scoring rules; weights total 100."""
    names = {e.name for e in report.performance.evaluations}
    problems = [problem(_where(i, origin), f"指标「{i.name}」所属评价「{i.evaluation}」不在绩效评价表中",
                        code="unknown-evaluation")
                for i in report.performance.indicators if i.evaluation not in names]
    rules = load_rules(profile.option("scoring", DEFAULT_RULES) if profile else DEFAULT_RULES)
    for evaluation in report.performance.evaluations:
        result = score_evaluation(evaluation, report.performance.indicators, rules)
        if not result.indicators:
            continue
        for indicator, verdict in result.indicators:
            if indicator.score is not None and not verdict.allows(indicator.score):
                allowed = verdict.low if verdict.exact else f"{verdict.low}–{verdict.high}"
                problems.append(problem(_where(indicator, origin),
                                        f"指标「{indicator.name}」得分 {indicator.score}，按计分规则（{rules.name}）应为 {allowed}",
                                        code="indicator-score"))
        if result.weights_total is not None and result.weights_total != 100:
            problems.append(problem(_where(evaluation, origin),
                                    f"「{evaluation.name}」执行率分值 {result.rate_weight} 与指标分值合计 {result.weights_total} 分，"
                                    "应为 100 分", code="weights-total"))
        claimed = evaluation.score
        if claimed is not None and result.low is not None and not result.low <= claimed <= result.high:
            expected = result.total if result.total is not None else f"{result.low}–{result.high}"
            problems.append(problem(_where(evaluation, origin),
                                    f"「{evaluation.name}」自评得分 {claimed}，按执行率与指标得分计算应为 {expected}",
                                    code="evaluation-score"))
    return problems


def validate(report: Report, catalog: Catalog, profile: Profile, origin: str,
             complete: bool = True) -> list[Finding]:
    """All cross-record problems of a Report. When some cells could not be read (``complete`` is
    False) the checks of sums are left out: they would only repeat those errors."""
    problems = (check_lines(report, catalog, profile, origin, complete) + check_units(report, origin)
                + check_economic(report, catalog, origin) + check_balance_records(report, origin)
                + check_performance(report, origin, profile))
    if complete:
        problems += check_closing_balances(report, origin)
        problems += _check_economic_total(report, origin)
        problems += _check_subtotals(report, origin)
        problems += _check_sangong_parts(report, origin)
        problems += _check_reserved(report, origin)
    return problems


def _check_reserved(report: Report, origin: str) -> list[Finding]:
    """Shanghai's 中小企业 statements hold together (N019): each part within its whole."""
    p = report.procurement
    total = sum((v or Decimal(0) for v in (p.goods, p.works, p.services)), Decimal(0))
    won = None if p.sme_reserved_won is None and p.sme_other_won is None else \
        (p.sme_reserved_won or Decimal(0)) + (p.sme_other_won or Decimal(0))
    pairs = (("small_micro_reserved", p.small_micro_reserved, "面向小微企业预留", p.sme_reserved, "面向中小企业预留"),
             ("small_micro_reserved_won", p.small_micro_reserved_won, "小微企业预留项目中由小微企业中标的",
              p.sme_reserved_won, "中小企业预留项目中由中小企业中标的"),
             ("sme_other_won", won, "由中小企业中标或成交的采购金额（预留与其他项目之和）", total, "政府采购金额"))
    return [problem(gap_cell(f"procurement.{key}", report, origin), f"{what} {_amount(part, report.unit)} 大于{whole_name} "
                                                   f"{_amount(whole, report.unit)}：部分不能大于整体", code="procurement-part")
            for key, part, what, whole, whole_name in pairs if part is not None and whole is not None and part > whole]
