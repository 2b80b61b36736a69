"""T: identities inside one table (DOMAIN §4 in-table rules)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..document import Block, Row, Table
from .context import Context, money, present, tolerance
from .registry import Hit, NotApplicable, rule

SUBJECT_TABLES = ("income", "expenditure", "general_expenditure", "gov_fund", "state_capital", "general_fund")
ROW_PARTS = {
    "income": ("total", ("fiscal", "superior", "business", "operating", "affiliated", "other")),
    "expenditure": ("total", ("basic", "project", "remit", "operating", "subsidy")),
    "general_expenditure": ("total", ("basic", "project")),
    "gov_fund": ("total", ("basic", "project")),
    "state_capital": ("total", ("basic", "project")),
    "general_fund": ("total", ("basic", "project")),    # 北京's 一般公共预算财政拨款收入支出决算表
}
INCOME_ITEMS = ("inc_general", "inc_gov_fund", "inc_state_capital", "inc_superior", "inc_business",
                "inc_operating", "inc_affiliated", "inc_other")
SUM_MESSAGE = "{what}：表中为 {actual}，按{parts}计算应为 {expected}，相差 {difference}"


def _keys(block: Block) -> list[str]:
    return [c.key for c in block.columns]


def _value(block: Block, row: Row, key: str):
    return row.cell(block, key) if key in _keys(block) else None


def _rows(block: Block, level: str) -> list[Row]:
    return [r for r in block.rows if r.level == level]


def _children(block: Block, parent: Row, level: str) -> list[Row]:
    return [r for r in _rows(block, level) if r.code.startswith(parent.code)]


def _side(table: Table, title: str) -> Block:
    block = next((b for b in table.blocks if b.title == title), None)
    if block is None:
        raise NotApplicable(title)
    return block


def _row(block: Block, key: str) -> Row | None:
    return next((r for r in block.rows if r.key == key), None)


@rule("T001", "本年收入合计等于各项收入之和", message=SUM_MESSAGE,
      basis="收入支出决算总表、财政拨款收入支出决算总表：本年收入合计 = Σ 各项收入",
      example="一般公共预算财政拨款收入 100.00、事业收入 20.00，本年收入合计却为 110.00")
def check_income_total(ctx: Context) -> Iterator[Hit]:
    for table in ctx.tables("summary", "fiscal_summary"):
        side = _side(table, "收入")
        total = _row(side, "income_total")
        items = [r for r in side.rows if r.key in INCOME_ITEMS]
        if total and items:
            yield from present(ctx.sum_hit(ctx.where(table, total, "amount"), total.cells[0],
                                        [r.cells[0] for r in items], {"what": "本年收入合计", "parts": "各项收入之和"}))


@rule("T002", "收入总计等于收入合计加结余与结转", message=SUM_MESSAGE,
      basis="总计(收) = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
      example="本年收入合计 100.00、年初结转和结余 5.00，总计却为 100.00")
def check_income_grand_total(ctx: Context) -> Iterator[Hit]:
    for table in ctx.tables("summary", "fiscal_summary"):
        side = _side(table, "收入")
        grand = _row(side, "grand_total")
        parts = [r.cells[0] for r in side.rows if r.key in ("income_total", "use_of_surplus", "opening")]
        if grand and parts:
            yield from present(ctx.sum_hit(ctx.where(table, grand, "amount"), grand.cells[0], parts,
                                        {"what": "收入总计", "parts": "本年收入合计、结余和年初结转和结余之和"}))


@rule("T003", "本年支出合计等于各类支出之和", message=SUM_MESSAGE,
      basis="总表：本年支出合计 = Σ 功能分类各类支出（每一栏）",
      example="各类支出合计 27,266.90，本年支出合计 27,266.89")
def check_expenditure_total(ctx: Context) -> Iterator[Hit]:
    for table in ctx.tables("summary", "fiscal_summary"):
        side = _side(table, "支出")
        total = _row(side, "expenditure_total")
        classes = _rows(side, "类")
        if not total or not classes:
            continue
        for key in _keys(side):
            yield from present(ctx.sum_hit(ctx.where(table, total, key), _value(side, total, key),
                                        [_value(side, r, key) for r in classes],
                                        {"what": "本年支出合计", "parts": "各类支出之和"}))


@rule("T004", "支出总计等于支出合计加结余分配与年末结转", message=SUM_MESSAGE,
      basis="总计(支) = 本年支出合计 + 结余分配 + 年末结转和结余",
      example="本年支出合计 100.00、年末结转和结余 5.00，总计却为 100.00")
def check_expenditure_grand_total(ctx: Context) -> Iterator[Hit]:
    for table in ctx.tables("summary", "fiscal_summary"):
        side = _side(table, "支出")
        grand = _row(side, "grand_total")
        parts = [r for r in side.rows if r.key in ("expenditure_total", "distribution", "closing")]
        if not grand or not parts:
            continue
        for key in _keys(side):
            yield from present(ctx.sum_hit(ctx.where(table, grand, key), _value(side, grand, key),
                                        [_value(side, r, key) for r in parts],
                                        {"what": "支出总计", "parts": "本年支出合计、结余分配和年末结转和结余之和"}))


@rule("T005", "收入总计等于支出总计", message="收入总计 {actual} 与支出总计 {expected} 不等，相差 {difference}",
      basis="总计(收) = 总计(支)", example="收入总计 27,266.89，支出总计 27,266.90")
def check_grand_totals_balance(ctx: Context) -> Iterator[Hit]:
    for table in ctx.tables("summary", "fiscal_summary"):
        income, spending = _row(_side(table, "收入"), "grand_total"), _row(_side(table, "支出"), "grand_total")
        if income and spending:
            yield from present(ctx.same_hit(ctx.where(table, income, "amount"), income.cells[0],
                                         spending.cells[0], {}))


@rule("T006", "行合计等于各栏之和", message=SUM_MESSAGE,
      basis="收入决算表：本年收入合计 = 财政拨款 + 上级补助 + 事业 + 经营 + 附属单位上缴 + 其他；"
            "支出决算表：本年支出合计 = 基本 + 项目 + 上缴上级 + 经营 + 对附属单位补助；"
            "一般公共预算、基金、国资支出表：合计 = 基本支出 + 项目支出；财政拨款总表：合计 = 三类财政拨款之和",
      example="支出决算表 201 行：基本支出 262.94、项目支出 5,277.83，合计却为 5,540.78")
def check_row_totals(ctx: Context) -> Iterator[Hit]:
    for table in ctx.tables(*SUBJECT_TABLES, "fiscal_summary"):
        if table.key == "fiscal_summary":
            block, (total, parts) = _side(table, "支出"), ("total", ("general", "gov_fund", "state_capital"))
        else:
            block, (total, parts) = table.block, ROW_PARTS[table.key]
        columns = [p for p in parts if p in _keys(block)]
        if total not in _keys(block) or len(columns) < 2:
            continue
        for row in block.rows:
            yield from present(ctx.sum_hit(ctx.where(table, row, total), _value(block, row, total),
                                        [_value(block, row, p) for p in columns],
                                        {"what": f"{row.code or row.name} 行合计", "parts": "各栏之和"}))


def _column_sums(ctx: Context, parent_level: str, child_level: str, what: str) -> Iterator[Hit]:
    for table in ctx.tables(*SUBJECT_TABLES):
        block = table.block
        parents = _rows(block, parent_level)
        for parent in parents:
            children = _rows(block, child_level) if parent_level == "合计" else _children(block, parent, child_level)
            if not children:
                continue
            for key in _keys(block):
                yield from present(ctx.sum_hit(ctx.where(table, parent, key), _value(block, parent, key),
                                            [_value(block, c, key) for c in children],
                                            {"what": f"{parent.code or '合计'} {what}", "parts": f"所属{child_level}之和"}))


@rule("T007", "合计行等于各类之和", message=SUM_MESSAGE, basis="合计 = Σ 类（每一栏）",
      example="支出决算表 项目支出栏：各类之和 26,863.39，合计 26,863.40")
def check_total_row(ctx: Context) -> Iterator[Hit]:
    yield from _column_sums(ctx, "合计", "类", "合计")


@rule("T008", "类等于所属款之和", message=SUM_MESSAGE, basis="类 = Σ 其下各款（每一栏）",
      example="201 类 5,540.78，其下各款之和 5,540.77")
def check_class_rows(ctx: Context) -> Iterator[Hit]:
    yield from _column_sums(ctx, "类", "款", "类")


@rule("T009", "款等于所属项之和", message=SUM_MESSAGE, basis="款 = Σ 其下各项（每一栏）",
      example="20103 款 1,156.08，其下各项之和 1,156.09")
def check_section_rows(ctx: Context) -> Iterator[Hit]:
    yield from _column_sums(ctx, "款", "项", "款")


@rule("T010", "基金、国资表年初结转加收入减支出等于年末结转", message=SUM_MESSAGE,
      basis="政府性基金、国有资本经营（及北京、云南的一般公共预算）财政拨款收入支出决算表："
            "年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余",
      example="年初 10.00、收入 100.00、支出 90.00，年末却为 10.00")
def check_fund_balances(ctx: Context) -> Iterator[Hit]:
    tables = [t for t in ctx.tables("gov_fund", "state_capital", "general_expenditure", "general_fund")
              if {"opening", "income", "total", "closing"} <= set(_keys(t.block))]
    if not tables:
        raise NotApplicable("no balance columns")
    for table in tables:
        block = table.block
        for row in block.rows:
            spent = _value(block, row, "total")
            parts = [_value(block, row, "opening"), _value(block, row, "income"),
                     None if spent is None else -spent]
            yield from present(ctx.sum_hit(ctx.where(table, row, "closing"), _value(block, row, "closing"), parts,
                                        {"what": f"{row.code or '合计'} 年末结转和结余", "parts": "年初＋收入−支出"}))


def _economic(ctx: Context) -> tuple[Table, list[tuple[Row, object]]]:
    table = ctx.table("general_basic")
    return table, [(r, r.cells[0]) for b in table.blocks for r in b.rows]


@rule("T011", "经济分类类等于所属款之和", message=SUM_MESSAGE,
      basis="一般公共预算财政拨款基本支出决算表：类 = Σ 其下各款",
      example="301 工资福利支出 375.34，其下各款之和 375.33")
def check_economic_classes(ctx: Context) -> Iterator[Hit]:
    table, rows = _economic(ctx)
    for row, value in rows:
        if row.level != "类":
            continue
        items = [v for r, v in rows if r.level == "款" and r.code.startswith(row.code)]
        if items:
            yield from present(ctx.sum_hit(ctx.where(table, row, "amount"), value, items,
                                        {"what": f"{row.code} {row.name}", "parts": "所属各款之和"}))


PERSONNEL = ("301", "303")


def _footer(table: Table, word: str):
    return next(((name, value) for name, value in table.footer if word in name), None)


@rule("T012", "人员经费合计与公用经费合计等于所列经济分类之和", message=SUM_MESSAGE,
      basis="人员经费合计 = 301 + 303；公用经费合计 = 302 + 307 + 309 + 310 + 399（表中所列）",
      example="301 375.34、303 3.99，人员经费合计却为 379.32")
def check_personnel_public(ctx: Context) -> Iterator[Hit]:
    table, rows = _economic(ctx)
    classes = [(r, v) for r, v in rows if r.level == "类"]
    for word, wanted in (("人员", lambda c: c in PERSONNEL), ("公用", lambda c: c not in PERSONNEL)):
        footer = _footer(table, word)
        if footer is None:
            continue
        parts = [v for r, v in classes if wanted(r.code)]
        yield from present(ctx.sum_hit(ctx.where(table, footer[0], "amount"), footer[1], parts,
                                    {"what": footer[0], "parts": "所列经济分类各类之和"}))


@rule("T013", "“三公”经费合计与公务用车小计等于其构成之和", message=SUM_MESSAGE,
      basis="合计 = 因公出国（境）费 + 公务用车购置及运行维护费小计 + 公务接待费；小计 = 购置费 + 运行维护费（预算数、决算数）",
      example="决算数：出国 0、用车小计 16.95、接待 0，合计却为 17.00")
def check_sangong_table(ctx: Context) -> Iterator[Hit]:
    table = ctx.table("sangong")
    block = table.block
    row = block.rows[0]
    for kind, label in (("budget", "预算数"), ("actual", "决算数")):
        if f"{kind}_total" not in _keys(block):
            continue
        def value(item: str, kind: str = kind) -> object:
            return _value(block, row, f"{kind}_{item}")

        yield from present(ctx.sum_hit(ctx.where(table, label, "合计"), value("total"),
                                    [value("abroad"), value("vehicle_total"), value("reception")],
                                    {"what": f"{label}合计", "parts": "出国、用车小计与接待之和"}))
        yield from present(ctx.sum_hit(ctx.where(table, label, "公务用车小计"), value("vehicle_total"),
                                    [value("vehicle_purchase"), value("vehicle_operation")],
                                    {"what": f"{label}公务用车购置及运行维护费小计", "parts": "购置费与运行维护费之和"}))


FUNDS = (("general", "一般公共预算财政拨款"), ("gov_fund", "政府性基金预算财政拨款"),
         ("state_capital", "国有资本经营预算财政拨款"))


@rule("T014", "财政拨款各类资金收支平衡", message=SUM_MESSAGE,
      basis="财政拨款收入支出决算总表，每类财政拨款：本年收入 + 年初结转和结余 = 本年支出 + 年末结转和结余",
      example="一般公共预算财政拨款：收入 100.00、年初结转 0，支出 90.00，年末结转却为 0")
def check_fund_balance(ctx: Context) -> Iterator[Hit]:
    table = ctx.table("fiscal_summary")
    income, spending = _side(table, "收入"), _side(table, "支出")
    for fund, label in FUNDS:
        received = _row(income, f"inc_{fund}")
        spent, closing = _row(spending, "expenditure_total"), _row(spending, "closing")
        if received is None or spent is None or fund not in _keys(spending):
            continue
        opening = _row(income, f"opening_{fund}")
        outflow = _value(spending, spent, fund)
        parts = [received.cells[0], opening.cells[0] if opening else None,
                 None if outflow is None else -outflow]
        yield from present(ctx.sum_hit(ctx.where(table, closing or spent, fund),
                                       _value(spending, closing, fund) if closing else None, parts,
                                       {"what": f"{label}年末结转和结余", "parts": "本年收入＋年初结转−本年支出"}))


MAX_SHIFT = 3   # rows a pasted value column may have slipped


def _totals(table: Table) -> list[tuple[Row, Decimal]]:
    """The coded rows of a subject table with their printed 合计."""
    block = table.block
    if "total" not in _keys(block):
        return []
    return [(r, v) for r in block.rows if r.code and (v := r.cell(block, "total")) is not None]


def _broken_sums(table: Table) -> int:
    """How many 类 and 款 rows differ in 合计 from the sum of their parts by more than rounding."""
    block, broken = table.block, 0
    for parent_level, child_level in (("类", "款"), ("款", "项")):
        for parent in _rows(block, parent_level):
            parts = [_value(block, c, "total") or 0 for c in _children(block, parent, child_level)]
            if parts and abs((_value(block, parent, "total") or 0) - sum(parts)) > tolerance(len(parts)):
                broken += 1
    return broken


def _shift(rows: list[tuple[Row, Decimal]], reference: dict[str, Decimal]) -> tuple[int, list[int]]:
    """The shift k that explains most rows: their 合计 differs from the reference's for their own code
    but equals the reference's for the code k rows further on. Returns (k, those rows)."""
    best: tuple[int, list[int]] = (0, [])
    for k in (k for k in range(-MAX_SHIFT, MAX_SHIFT + 1) if k):
        moved = [i for i, (row, value) in enumerate(rows)
                 if value and 0 <= i + k < len(rows) and value != reference.get(row.code)
                 and value == reference.get(rows[i + k][0].code)]
        if len(moved) > len(best[1]):
            best = (k, moved)
    return best


@rule("T015", "表中数值与科目对齐（无错行）",
      message="{what}自 {code} 行起数值与科目错行：{count} 行的合计等于{reference}中{direction} {rows} 行科目的数"
              "（如 {code} 列 {value}，是{reference} {other} 的数），本表各行的核对结果不可信",
      basis="同一科目在各支出、收入决算表中的数相互印证；一列数值整体上移或下移几行（复制粘贴时错位）时，"
            "多行的数恰好等于另一张表中相邻科目的数，而本表的类、款之和对不上",
      example="一般公共预算财政拨款支出决算表 20709 行列 2,369.56，是支出决算表中 20799 的数，其后各行依次错两行")
def check_shifted_values(ctx: Context) -> Iterator[Hit]:
    # each subject table once: its coded 合计 rows, and how many of its 类/款 sums break
    tables = [(t, rows, _broken_sums(t)) for t in ctx.tables(*SUBJECT_TABLES) if (rows := _totals(t))]
    for table, rows, broken in tables:
        found = []
        for other, other_rows, other_broken in tables:
            if other is table or other_broken >= broken:
                continue
            reference = {r.code: v for r, v in other_rows}
            differing = sum(1 for r, v in rows if r.code in reference and v != reference[r.code])
            k, moved = _shift(rows, reference)
            if len(moved) >= 3 and 2 * len(moved) >= differing:
                found.append((len(moved), k, moved, other, reference))
        if not found:
            continue
        count, k, moved, other, reference = max(found, key=lambda f: (f[0], f[3].key == "expenditure"))
        row, value = rows[moved[0]]
        yield Hit(ctx.where(table, row, "total"),
                  {"what": table.title or table.key, "code": row.code, "count": count,
                   "reference": other.title or other.key, "direction": "下方" if k > 0 else "上方",
                   "rows": abs(k), "value": money(value), "other": rows[moved[0] + k][0].code},
                  expected=reference.get(row.code), actual=value)
