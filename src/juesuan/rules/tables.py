"""T015, value columns pasted out of line with their 科目 — the one in-table check that is not an
identity of the forms (T001–T014 are rows of the forms data, checked by ``identities``) — and the
helpers that read a form's blocks, rows and cells."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..document import Block, Row, Table
from .context import Context, money, tolerance
from .registry import Hit, NotApplicable, rule


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
