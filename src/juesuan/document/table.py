"""A disclosure table as printed: title, label, unit, header and rows of cells.

Tables printed side by side (收入 | 支出, or the lanes of 基本支出明细表) are one Table with
several Blocks. Cells hold ``Decimal | None`` in the table's unit; ``None`` prints blank.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Column:
    key: str
    header: tuple[str, ...]  # header path, top first: ("本年支出", "基本支出")
    number: str = ""         # 栏次


@dataclass(frozen=True)
class Row:
    key: str                 # code, or a fixed id such as "total"
    name: str
    cells: tuple[Decimal | None, ...]
    code: str = ""
    level: str = ""          # 合计 / 类 / 款 / 项 / item / total
    line: int | None = None  # 行次
    origin: int | None = None  # source line of a table read from a document

    def cell(self, block: Block, key: str) -> Decimal | None:
        return self.cells[block.column_index(key)]


@dataclass(frozen=True)
class Block:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    code_column: bool = False  # rows print their code in a 科目代码 column
    line_column: bool = False  # rows print their 行次

    def column_index(self, key: str) -> int:
        for index, column in enumerate(self.columns):
            if column.key == key:
                return index
        raise KeyError(key)

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)


@dataclass(frozen=True)
class Table:
    key: str                 # stable id: summary, income, expenditure, ...
    title: str
    label: str               # 公开01表, or "" where the form has no numbers
    department: str
    year: int
    unit: str
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = ()
    empty_note: str = ""     # 说明 printed when the table has no data
    footer: tuple[tuple[str, Decimal | None], ...] = field(default=())  # e.g. 人员经费合计
    origin: int | None = None  # source line of the title, for a table read from a document
    page: int | None = None
    unit_stated: bool = True   # a read table that printed no 单位 line

    def find(self, row_key: str, column_key: str, side: str | None = None) -> tuple[Row, Decimal | None] | None:
        """The row and cell for a key in whichever block has it (only in the block titled ``side``
        when given, e.g. 收入 / 支出 of a 总表); None when absent."""
        for b in self.blocks:
            if side is not None and b.title != side:
                continue
            for r in b.rows:
                if r.key == row_key and any(c.key == column_key for c in b.columns):
                    return r, r.cell(b, column_key)
        return None

    def footer_value(self, word: str) -> Decimal | None:
        """A footer line's amount by a word of its name: footer_value("人员") → 人员经费合计."""
        return next((value for name, value in self.footer if word in name), None)

    def value(self, row_key: str, column_key: str, side: str | None = None) -> Decimal | None:
        found = self.find(row_key, column_key, side)
        return found[1] if found else None

    @property
    def block(self) -> Block:
        return self.blocks[0]

    def cell(self, row_key: str, column_key: str, block: int = 0) -> Decimal | None:
        b = self.blocks[block]
        return b.row(row_key).cell(b, column_key)
