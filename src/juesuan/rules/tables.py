"""T: the in-table checks that are more than an identity of the forms (those are rows of the forms
data, checked by ``identities``): 人员/公用经费 footers, each fund's balance across the two sides of
the 财政拨款总表, and value columns pasted out of line with their 科目."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..document import Block, Row, Table
from .context import Context, money, present, tolerance
from .registry import Hit, NotApplicable, rule

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


def _economic(ctx: Context) -> tuple[Table, list[tuple[Row, object]]]:
    table = ctx.table("general_basic")
    return table, [(r, r.cells[0]) for b in table.blocks for r in b.rows]


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
    tables = [(t, rows, _broken_sums(t)) for t in ctx.tables(*ctx.forms.subject_forms) if (rows := _totals(t))]
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
