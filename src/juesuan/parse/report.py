"""A Report from a read Document: the nine tables' cells back into the records ``build`` takes.

Amounts stay as printed, in 万元. What the tables split only in total (财政拨款收入 of the 收入决算表
into its three funds, 基本支出 into funds) is split with the fund tables; the non-fiscal part is
what remains. Anything the tables do not print (上年数, reasons, 绩效) stays empty.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from pydantic import ValidationError

from ..document import Document, Table
from ..document.normalize import key
from ..model import (
    Balance,
    BalanceKind,
    Department,
    EconomicLine,
    Fund,
    Level,
    Report,
    SanGong,
    SanGongItems,
    SubjectLine,
)
from ..money import add
from ..profiles import available
from ..profiles import load as load_profile
from .statements import with_statements

FISCAL_FUNDS = {Fund.GENERAL: "general", Fund.GOV_FUND: "gov_fund", Fund.STATE_CAPITAL: "state_capital"}
LEVEL_WORDS = ((Level.DISTRICT, ("区",)), (Level.COUNTY, ("县", "旗")),
               (Level.CITY, ("市", "州", "盟")), (Level.PROVINCE, ("省", "自治区")))
# the divisions a name starts with; ethnic autonomous ones are longer (黔南布依族苗族自治州, 寻甸回族彝族自治县)
_REGION = re.compile(r"^(?:中共|中国共产党)?(?P<region>"
                     r"(?P<province>\w{2,3}?省|(?:广西壮族|内蒙古|西藏|宁夏回族|新疆维吾尔)自治区)?"
                     r"(?P<city>\w{2,8}?族自治州|\w{2,4}?(?:市|盟)|\w{2,3}?州)?"
                     r"(?P<county>\w{2,8}?族自治[县旗]|(?!社区|园区|景区|小区|校区|片区|辖区)\w{1,3}?(?:区|县|旗))?)")


class ReportError(ValueError):
    """A Document from which no Report can be made (no year, no tables); the message says why."""


def level_of(name: str) -> Level:
    """The department's level from the smallest administrative division its name contains."""
    if "街道" in name or re.search(r"[乡镇](?:人民政府|政府|党委|人大)", name):
        return Level.TOWNSHIP
    head = _REGION.match(name)
    if head and head["county"]:
        return Level.DISTRICT if head["county"].endswith("区") else Level.COUNTY
    if head and (head["city"] or head["province"]):
        return Level.CITY if head["city"] else Level.PROVINCE
    for level, words in LEVEL_WORDS:
        if any(w in name for w in words):
            return level
    return Level.DISTRICT


def region_of(name: str) -> str:
    """The administrative divisions a department's name starts with: 上海市普陀区, 湖北省武汉市 …"""
    head = _REGION.match(name)
    return head["region"] or "" if head else ""


def detect_layout(doc: Document) -> tuple[str, int]:
    """The bundled profile whose table titles, 公开NN表 labels and section headings the document
    follows best, with its score; ("", 0) when nothing matches."""
    titles = {key(t.title) for t in doc.tables}
    headings = {re.sub(r"\d{4}年度?", "", key(h.text)) for h in doc.headings}
    labelled = any(re.search(r"公开\d+表", key(t.title) + key(t.label)) for t in doc.tables) or \
        any("公开" in key(p.text[:12]) and "表" in p.text[:12] for p in doc.paragraphs)
    best = ("", 0)
    for profile_id in available():
        profile = load_profile(profile_id)
        score = sum(key(profile.title(k)) in titles for k in profile.tables)
        score += 3 * (bool(profile.option("table_label")) == labelled)
        narrative = _narrative_headings(profile.option("narrative"))
        score += sum(h in headings for h in narrative)
        if score > best[1]:
            best = (profile_id, score)
    return best


@cache
def _narrative_headings(name: str) -> frozenset[str]:
    from .. import tomlfiles

    data = tomlfiles.read(name, "juesuan.profiles.narrative") if name else None
    texts = (data or {}).get("headings", {}).values()
    return frozenset(re.sub(r"\{[^}]*\}", "", key(t)) for t in texts if "{dept}" not in t)


def _rows(table: Table | None, level: str | None = None):
    if table is None:
        return
    for block in table.blocks:
        for row in block.rows:
            if level is None or row.level == level:
                yield block, row


def _value(table: Table | None, code: str, column: str) -> Decimal | None:
    return table.value(code, column) if table is not None else None


def _minus(total: Decimal | None, *parts: Decimal | None) -> Decimal | None:
    if total is None:
        return None
    rest = total - (add(*parts) or Decimal(0))
    return rest if rest or total == 0 else None


def subject_lines(doc: Document) -> list[SubjectLine]:
    """One SubjectLine per 项 printed in any subject table, with the names of its 类 and 款."""
    income, spending = doc.table("income"), doc.table("expenditure")
    general, gov_fund, state_capital = doc.table("general_expenditure"), doc.table("gov_fund"), doc.table("state_capital")
    names: dict[str, str] = {}
    for table in (income, spending, general, gov_fund, state_capital):
        for _, row in _rows(table):
            if row.code and row.name:
                names.setdefault(row.code, row.name)
    lines = [SubjectLine(code=c, name=n) for c, n in sorted(names.items()) if len(c) < 7]
    for code in sorted(c for c in names if len(c) == 7):
        fund_income = {f: _value(t, code, "income") for f, t in ((Fund.GOV_FUND, gov_fund),
                                                                  (Fund.STATE_CAPITAL, state_capital))}
        basic = {Fund.GENERAL: _value(general, code, "basic"), Fund.GOV_FUND: _value(gov_fund, code, "basic"),
                 Fund.STATE_CAPITAL: _value(state_capital, code, "basic")}
        project = {Fund.GENERAL: _value(general, code, "project"), Fund.GOV_FUND: _value(gov_fund, code, "project"),
                   Fund.STATE_CAPITAL: _value(state_capital, code, "project")}
        lines.append(SubjectLine(
            code=code, name=names[code],
            inc_general=_minus(_value(income, code, "fiscal"), *fund_income.values()),
            inc_gov_fund=fund_income[Fund.GOV_FUND], inc_state_capital=fund_income[Fund.STATE_CAPITAL],
            inc_superior=_value(income, code, "superior"), inc_business=_value(income, code, "business"),
            inc_operating=_value(income, code, "operating"), inc_affiliated=_value(income, code, "affiliated"),
            inc_other=_value(income, code, "other"),
            exp_general_basic=basic[Fund.GENERAL], exp_general_project=project[Fund.GENERAL],
            exp_gov_fund_basic=basic[Fund.GOV_FUND], exp_gov_fund_project=project[Fund.GOV_FUND],
            exp_state_capital_basic=basic[Fund.STATE_CAPITAL],
            exp_state_capital_project=project[Fund.STATE_CAPITAL],
            exp_other_basic=_minus(_value(spending, code, "basic"), *basic.values()),
            exp_other_project=_minus(_value(spending, code, "project"), *project.values()),
            exp_remit=_value(spending, code, "remit"), exp_operating=_value(spending, code, "operating"),
            exp_subsidy=_value(spending, code, "subsidy"),
            budget_initial=_value(general, code, "budget"),
        ))
    return lines


def economic_lines(doc: Document) -> list[EconomicLine]:
    """基本支出 by 经济分类 款 from table 06 (its 类 rows are sums of them)."""
    return [EconomicLine(code=row.code, name=row.name, amount=row.cell(block, "amount"))
            for block, row in _rows(doc.table("general_basic"))
            if len(row.code) == 5 and row.cell(block, "amount") is not None]


def balances(doc: Document) -> list[Balance]:
    """年初结转和结余 by fund (fund tables by 项), 使用非财政拨款结余 and 结余分配."""
    found: list[Balance] = []
    fiscal, summary = doc.table("fiscal_summary"), doc.table("summary")
    for fund, name, table in ((Fund.GOV_FUND, "gov_fund", doc.table("gov_fund")),
                              (Fund.STATE_CAPITAL, "state_capital", doc.table("state_capital"))):
        by_code = [(row.code, row.cell(block, "opening")) for block, row in _rows(table, "项")
                   if any(c.key == "opening" for c in block.columns) and row.cell(block, "opening")]
        if by_code:
            found += [Balance(fund=fund, code=code, amount=amount) for code, amount in by_code]
        elif fiscal is not None and (amount := fiscal.value(f"opening_{name}", "amount")):
            found.append(Balance(fund=fund, amount=amount))
    general_opening = fiscal.value("opening_general", "amount") if fiscal is not None else None
    if general_opening:
        found.append(Balance(fund=Fund.GENERAL, amount=general_opening))
    if summary is not None:
        fiscal_opening = add(*(b.amount for b in found)) or Decimal(0)
        non_fiscal = _minus(summary.value("opening", "amount", "收入"), fiscal_opening)
        if non_fiscal:
            found.append(Balance(fund=Fund.NON_FISCAL, amount=non_fiscal))
        for kind, row in ((BalanceKind.USE_OF_SURPLUS, "use_of_surplus"), (BalanceKind.DISTRIBUTION, "distribution")):
            side = "收入" if row == "use_of_surplus" else "支出"
            if amount := summary.value(row, "amount", side):
                found.append(Balance(kind=kind, fund=Fund.NON_FISCAL, amount=amount))
    return found


def sangong(doc: Document) -> SanGong:
    table = doc.table("sangong")
    if table is None or not table.blocks or not table.block.rows:
        return SanGong()

    def items(kind: str) -> SanGongItems:
        return SanGongItems(**{item: table.value("sangong", f"{kind}_{item}")
                               for item in ("abroad", "vehicle_purchase", "vehicle_operation", "reception")})
    return SanGong(budget=items("budget"), actual=items("actual"))


def report_from_document(doc: Document, profile: str | None = None) -> Report:
    """The Report a read Document states; ReportError when it has no year or no subject tables."""
    if not doc.year:
        raise ReportError("无法确定决算年度（封面或标题中没有“20XX年度”）")
    lines = subject_lines(doc)
    if not any(len(ln.code) == 7 for ln in lines):
        raise ReportError("没有读出任何功能分类“项”级科目的金额，无法生成结构化数据")
    name = doc.department or "（未识别的部门）"
    try:
        return _report(doc, profile, name, lines)
    except ValidationError as exc:
        where = "、".join(".".join(str(p) for p in e["loc"]) for e in exc.errors()[:3])
        raise ReportError(f"读出的数据不符合报告模型（{where}），例如年度应在 1990 与 2100 之间") from None


def _report(doc: Document, profile: str | None, name: str, lines: list[SubjectLine]) -> Report:
    return with_statements(doc, Report(
        year=doc.year, unit="万元", profile=profile or detect_layout(doc)[0] or "wuhan-2023",
        department=Department(name=name, level=level_of(name), region=region_of(name)),
        lines=lines, economic=economic_lines(doc), balances=balances(doc), sangong=sangong(doc),
    ))
