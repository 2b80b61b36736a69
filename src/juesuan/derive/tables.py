"""Accounts → the disclosure tables of a profile (收入支出决算总表 … 三公经费支出决算表).

Every cell is a sum of printed leaves (``Accounts.total``), so every identity of the forms —
合计 = Σ 类, 类 = Σ 款, 款 = Σ 项, row total = Σ columns, cross-table equalities — holds exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from ..document import Block, Column, Row, Table
from ..forms import Form
from ..model import FUND_EXPENDITURE, FUND_INCOME, Fund
from ..money import add
from ..profiles import Profile
from .accounts import PERSONNEL_CLASSES, SANGONG_ITEMS, Accounts

FISCAL_INCOME = FUND_INCOME[Fund.GENERAL] + FUND_INCOME[Fund.GOV_FUND] + FUND_INCOME[Fund.STATE_CAPITAL]
ALL_INCOME = FISCAL_INCOME + FUND_INCOME[Fund.NON_FISCAL]
BASIC = ("exp_general_basic", "exp_gov_fund_basic", "exp_state_capital_basic", "exp_other_basic")
PROJECT = ("exp_general_project", "exp_gov_fund_project", "exp_state_capital_project", "exp_other_project")
ALL_EXPENDITURE = BASIC + PROJECT + ("exp_remit", "exp_operating", "exp_subsidy")
FISCAL_FUNDS = (Fund.GENERAL, Fund.GOV_FUND, Fund.STATE_CAPITAL)
FUNDS = {"general": Fund.GENERAL, "gov_fund": Fund.GOV_FUND, "state_capital": Fund.STATE_CAPITAL}

# A column of a subject table: key, header path, and the leaf fields it sums.
ColumnSpec = tuple[str, tuple[str, ...], tuple[str, ...]]


def _specs(form: Form) -> list[ColumnSpec]:
    return [(c.key, c.header, c.sums) for c in form.columns]


def _fund_columns(fund: Fund, head: str, total_label: str) -> list[ColumnSpec]:
    basic, project = FUND_EXPENDITURE[fund]
    return [
        ("total", (head, total_label), (basic, project)),
        ("basic", (head, "基本支出"), (basic,)),
        ("project", (head, "项目支出"), (project,)),
    ]


def _numbered(specs: Sequence[ColumnSpec]) -> tuple[Column, ...]:
    return tuple(Column(key, header, str(i)) for i, (key, header, _) in enumerate(specs, start=1))


def _subject_rows(acc: Accounts, specs: Sequence[ColumnSpec], codes: list[str],
                  extra: Callable[[str], tuple[Decimal | None, ...]] | None = None) -> tuple[Row, ...]:
    """合计, then each 类 with its 款 and 项, for the 项 ``codes``."""
    def cells(prefix: str) -> tuple[Decimal | None, ...]:
        values = tuple(acc.total(fields, prefix) for _, _, fields in specs)
        return values + (extra(prefix) if extra else ())

    rows = [Row("total", "合计", cells(""), level="合计")]
    seen: set[str] = set()
    for code in codes:
        for part, level in ((code[:3], "类"), (code[:5], "款"), (code, "项")):
            if part not in seen:
                seen.add(part)
                rows.append(Row(part, acc.name(part), cells(part), code=part, level=level))
    return tuple(rows)


def _subject_table(acc: Accounts, profile: Profile, key: str, specs: list[ColumnSpec], codes: list[str]) -> Table:
    block = Block("", _numbered(specs), _subject_rows(acc, specs, codes), code_column=True)
    return _table(acc, profile, key, (block,))


def _table(acc: Accounts, profile: Profile, key: str, blocks: tuple[Block, ...],
           footer: tuple[tuple[str, Decimal | None], ...] = ()) -> Table:
    return Table(key=key, title=profile.title(key), label=profile.label(key), department=acc.department,
                 year=acc.year, unit="万元", blocks=blocks, notes=tuple(profile.notes(key)),
                 empty_note=_empty_note(acc, profile, key, blocks), footer=footer)


def _empty_note(acc: Accounts, profile: Profile, key: str, blocks: tuple[Block, ...]) -> str:
    what = profile.forms.form(key).empty
    if not what or any(v for b in blocks for r in b.rows for v in r.cells if v):
        return ""
    return profile.option("empty_note").format(dept=acc.department, dept_word="部门", year=acc.year, what=what)


def subjects_table(acc: Accounts, profile: Profile, key: str) -> Table:
    """A form of 合计 and 类/款/项 rows whose columns each sum model fields, as the forms data declares
    it: a row for each 项 with data in any of them."""
    form = profile.forms.form(key)
    return _subject_table(acc, profile, key, _specs(form), acc.codes(form.fields))


def fund_table(acc: Accounts, profile: Profile, key: str) -> Table:
    """政府性基金 / 国有资本经营 table: 年初结转 | 本年收入 | 本年支出 (小计, 基本, 项目) | 年末结转."""
    fund = FUNDS[profile.forms.form(key).fund]
    spending = _fund_columns(fund, "本年支出", "小计")
    opening = acc.opening_by_code[fund]
    codes = sorted(set(acc.codes(FUND_EXPENDITURE[fund] + FUND_INCOME[fund]))
                   | {c for c, v in opening.items() if c and v is not None})

    def opening_at(prefix: str) -> Decimal | None:
        return add(*(v for c, v in opening.items() if c.startswith(prefix)))

    def balances(prefix: str) -> tuple[Decimal | None, ...]:
        start, income = opening_at(prefix), acc.total(FUND_INCOME[fund], prefix)
        spent = acc.total(FUND_EXPENDITURE[fund], prefix)
        end = None if start is None and income is None and spent is None else (
            (start or Decimal(0)) + (income or Decimal(0)) - (spent or Decimal(0)))
        return start, income, end

    raw = _subject_rows(acc, spending, codes, balances)
    # Reorder cells to the form: 年初 | 本年收入 | 本年支出 (小计, 基本, 项目) | 年末.
    rows = tuple(Row(r.key, r.name, (r.cells[3], r.cells[4], *r.cells[:3], r.cells[5]), r.code, r.level)
                 for r in raw)
    columns = (Column("opening", ("年初结转和结余",), "1"), Column("income", ("本年收入",), "2"),
               *(Column(k, h, str(i)) for i, (k, h, _) in enumerate(spending, start=3)),
               Column("closing", ("年末结转和结余",), "6"))
    return _table(acc, profile, key, (Block("", columns, rows, code_column=True),))


def _with_lines(rows: list[Row], first_line: int | None) -> list[Row]:
    if first_line is None:
        return rows
    return [Row(r.key, r.name, r.cells, r.code, r.level, first_line + i) for i, r in enumerate(rows)]


def _two_sides(profile: Profile, left: tuple[list[Row], list[Row]], right: tuple[list[Row], list[Row]],
               right_columns: tuple[Column, ...]) -> tuple[Block, Block]:
    """收入 | 支出 of a 总表: item rows padded so both sides' totals stand on the same line, then
    the totals; in the numbered form 行次 run down the 收入 side and on down the 支出 side."""
    numbered = profile.option("line_numbers", "yes") == "yes"
    length = max(len(left[0]), len(right[0]))

    def side(items: list[Row], tail: list[Row], first: int) -> list[Row]:
        pad = [Row("", "", tuple(None for _ in items[0].cells)) for _ in range(length - len(items))]
        return _with_lines(items + pad + tail, first if numbered else None)

    income = side(*left, first=1)
    spending = side(*right, first=len(income) + 1)
    return (Block("收入", (Column("amount", ("金额",), "1"),), tuple(income), line_column=numbered),
            Block("支出", right_columns, tuple(spending), line_column=numbered))


CHINESE_NUMERALS = "一二三四五六七八九十"


def ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 26 → 二十六 (the numbering of 总表 rows)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CHINESE_NUMERALS[tens - 1] + "十")
    return head + (CHINESE_NUMERALS[ones - 1] if ones else "")


def _class_rows(acc: Accounts, profile: Profile, columns: Sequence[tuple[str, ...]]) -> list[Row]:
    return [Row(code, f"{ordinal(i)}、{name}", tuple(acc.total(f, code) for f in columns), code=code, level="类")
            for i, (code, name) in enumerate(profile.summary_classes, start=1)]


def _both_sides(received: Decimal | None, used: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """The two 总计 of a 总表, equal by construction, printed alike: a stated 0.00 on one side (nothing
    received, a zero spent) is 0.00 on the other, not a blank."""
    return (used if received is None else received), (received if used is None else used)


def summary_table(acc: Accounts, profile: Profile) -> Table:
    income_items = [
        ("inc_general", "一般公共预算财政拨款收入"), ("inc_gov_fund", "政府性基金预算财政拨款收入"),
        ("inc_state_capital", "国有资本经营预算财政拨款收入"), ("inc_superior", "上级补助收入"),
        ("inc_business", "事业收入"), ("inc_operating", "经营收入"),
        ("inc_affiliated", "附属单位上缴收入"), ("inc_other", "其他收入"),
    ]
    income = [Row(f, f"{ordinal(i)}、{name}", (acc.total([f]),), level="item")
              for i, (f, name) in enumerate(income_items, start=1)]
    income_total, spent = acc.total(ALL_INCOME), acc.total(ALL_EXPENDITURE)
    opening = add(*acc.opening.values())
    closing = add(*acc.closing.values())
    # the numbered form keeps a blank line before 总计
    spacer = [Row("", "", (None,))] if profile.option("line_numbers", "yes") == "yes" else []
    received, used = _both_sides(add(income_total, acc.use_of_surplus, opening), add(spent, acc.distribution, closing))
    income_tail = [
        Row("income_total", "本年收入合计", (income_total,), level="total"),
        Row("use_of_surplus", profile.option("use_of_surplus_label", "使用非财政拨款结余"), (acc.use_of_surplus,)),
        Row("opening", "年初结转和结余", (opening,)),
        *spacer,
        Row("grand_total", "总计", (received,), level="total"),
    ]
    spending_tail = [
        Row("expenditure_total", "本年支出合计", (spent,), level="total"),
        Row("distribution", "结余分配", (acc.distribution,)),
        Row("closing", "年末结转和结余", (closing,)),
        *spacer,
        Row("grand_total", "总计", (used,), level="total"),
    ]
    classes = _class_rows(acc, profile, [ALL_EXPENDITURE])
    blocks = _two_sides(profile, (income, income_tail), (classes, spending_tail),
                        (Column("amount", ("金额",), "2"),))
    return _table(acc, profile, "summary", blocks)


def fiscal_summary_table(acc: Accounts, profile: Profile) -> Table:
    fund_spending = [FUND_EXPENDITURE[f] for f in FISCAL_FUNDS]
    all_fiscal = tuple(f for fields in fund_spending for f in fields)
    income = [Row(FUND_INCOME[f][0], f"{ordinal(i)}、{f.value}", (acc.total(FUND_INCOME[f]),), level="item")
              for i, f in enumerate(FISCAL_FUNDS, start=1)]
    opening = [acc.opening[f] for f in FISCAL_FUNDS]
    closing = [add(*(acc.closing[f] for f in FISCAL_FUNDS)), *(acc.closing[f] for f in FISCAL_FUNDS)]
    income_total = acc.total(FISCAL_INCOME)
    spent = [acc.total(all_fiscal), *(acc.total(f) for f in fund_spending)]
    used = [add(s, c) for s, c in zip(spent, closing)]
    received, used[0] = _both_sides(add(income_total, *opening), used[0])
    income_tail = [
        Row("income_total", "本年收入合计", (income_total,), level="total"),
        Row("opening", "年初财政拨款结转和结余", (add(*opening),)),
        *(Row(f"opening_{f.name.lower()}", f.value, (v,)) for f, v in zip(FISCAL_FUNDS, opening)),
        Row("grand_total", "总计", (received,), level="total"),
    ]
    spending_tail = [
        Row("expenditure_total", "本年支出合计", tuple(spent), level="total"),
        Row("closing", "年末财政拨款结转和结余", tuple(closing)),
        *(Row("", "", (None,) * 4) for _ in FISCAL_FUNDS),  # level with the 收入 side's fund rows
        Row("grand_total", "总计", tuple(used), level="total"),
    ]
    classes = _class_rows(acc, profile, [all_fiscal, *fund_spending])
    spending_columns = (Column("total", ("合计",), "2"),
                        *(Column(f.name.lower(), (f.value,), str(i)) for i, f in enumerate(FISCAL_FUNDS, start=3)))
    blocks = _two_sides(profile, (income, income_tail), (classes, spending_tail), spending_columns)
    return _table(acc, profile, "fiscal_summary", blocks)


def general_basic_table(acc: Accounts, profile: Profile) -> Table:
    form = profile.general_basic
    form_rows: dict[str, list[str]] = form["rows"]
    data_classes = sorted({c[:3] for c in acc.economic})
    lanes = [list(lane) for lane in form["lanes"]]
    placed = {c for lane in lanes for c in lane}
    for extra in data_classes:  # a 类 the form lacks goes to the last lane rather than vanish
        if extra not in placed:
            lanes[-1].append(extra)
    blocks = []
    for lane in lanes:
        rows: list[Row] = []
        for cls in lane:
            if cls not in form_rows and cls not in data_classes:
                continue
            rows.append(Row(cls, acc.economic_name(cls),
                            (acc.economic_total(cls),), code=cls, level="类"))
            printed = form_rows.get(cls, [])  # the form's rows, then any other 款 that has data
            items = printed + sorted(c for c in acc.economic if c[:3] == cls and c not in printed)
            rows.extend(Row(c, acc.economic_name(c), (acc.economic.get(c),),
                            code=c, level="款") for c in items)
        title = "人员经费" if set(lane) <= set(PERSONNEL_CLASSES) else "公用经费"
        blocks.append(Block(title, (Column("amount", ("决算数",)),), tuple(rows), code_column=True))
    footer = (("人员经费合计", acc.personnel()), ("公用经费合计", acc.public()))
    return _table(acc, profile, "general_basic", tuple(blocks), footer=footer)


SANGONG_HEADERS = {
    "total": ("合计",),
    "abroad": ("因公出国（境）费",),
    "vehicle_total": ("公务用车购置及运行维护费", "小计"),
    "vehicle_purchase": ("公务用车购置及运行维护费", "公务用车购置费"),
    "vehicle_operation": ("公务用车购置及运行维护费", "公务用车运行维护费"),
    "reception": ("公务接待费",),
}


def sangong_table(acc: Accounts, profile: Profile) -> Table:
    def values(kind: str) -> dict[str, Decimal | None]:
        items = acc.sangong[kind]
        return {
            "total": add(*(items[k] for k in SANGONG_ITEMS)),
            "abroad": items["abroad"],
            "vehicle_total": add(items["vehicle_purchase"], items["vehicle_operation"]),
            "vehicle_purchase": items["vehicle_purchase"],
            "vehicle_operation": items["vehicle_operation"],
            "reception": items["reception"],
        }

    kinds = (("budget", "预算数"), ("actual", "决算数"))
    data = {kind: values(kind) for kind, _ in kinds}
    if profile.option("sangong_layout") == "interleaved":
        pairs = [(item, kind, label) for item in SANGONG_HEADERS for kind, label in kinds]
        columns = [Column(f"{kind}_{item}", ("财政拨款“三公”经费", *SANGONG_HEADERS[item], label))
                   for item, kind, label in pairs]
    else:
        pairs = [(item, kind, label) for kind, label in kinds for item in SANGONG_HEADERS]
        columns = [Column(f"{kind}_{item}", (label, *SANGONG_HEADERS[item])) for item, kind, label in pairs]
    columns = [Column(c.key, c.header, str(i)) for i, c in enumerate(columns, start=1)]
    row = Row("sangong", "财政拨款“三公”经费", tuple(data[kind][item] for item, kind, _ in pairs), level="item")
    return _table(acc, profile, "sangong", (Block("", tuple(columns), (row,)),))


BUILDERS: dict[str, Callable[[Accounts, Profile, str], Table]] = {
    "subjects": subjects_table,
    "fund": fund_table,
    "two_sided": lambda acc, profile, key: {"summary": summary_table,
                                            "fiscal_summary": fiscal_summary_table}[key](acc, profile),
    "economic": lambda acc, profile, key: general_basic_table(acc, profile),
    "sangong": lambda acc, profile, key: sangong_table(acc, profile),
}


def build_tables(acc: Accounts, profile: Profile) -> list[Table]:
    """The profile's tables, in its order, each built by its layout in the forms data."""
    return [BUILDERS[profile.forms.form(key).layout](acc, profile, key) for key in profile.tables]
