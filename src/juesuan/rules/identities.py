"""The identities of the forms, checked from their declaration (``forms/final_accounts.toml``): one
function per kind of identity, and one rule registered per rule id the declaration names, with the
title, message and basis declared beside it. A profile's overlay adds identities (its own forms')
under the same rule ids; the rule checks every identity of the forms the report is checked with.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Block, Row, Table
from ..findings import Severity
from ..forms import Forms, Identity, budget, final_accounts
from .context import Context, present
from .registry import Hit, NotApplicable, rule
from .tables import _keys, _side, _value


def _block(table: Table, side: str | None) -> Block:
    """The block titled ``side`` (收入 or 支出 of a 总表), or the table's only block."""
    return table.block if side is None else _side(table, side)


def _fields(identity: Identity, row: Row | None = None) -> dict[str, object]:
    names = {"code": (row.code if row else "") or "合计", "name": row.name if row else "",
             "row": (row.code or row.name) if row else ""}
    return {"what": identity.what.format(**names), "parts": identity.parts}


def _layout(identity: Identity, printed: set[str]) -> bool:
    """Whether the table is of the layout the identity is declared for (its ``when`` and ``unless``)."""
    return (not identity.when or identity.when in printed) and not (identity.unless and identity.unless in printed)


def _rows(ctx: Context, table: Table, identity: Identity) -> Iterator[Hit]:
    """Row ``left`` = Σ the ``right`` rows (or those of level ``right_level``) of a block."""
    side = _block(table, identity.side)
    other = _block(table, identity.right_side) if identity.right_side else side
    total = next((r for r in side.rows if r.key == identity.left), None)
    if not _layout(identity, {r.key for b in table.blocks for r in b.rows}):
        return
    parts = [r for r in other.rows if (r.level == identity.right_level if identity.right_level
                                       else r.key in identity.right)]
    if total is None or not parts:
        return
    if identity.columns == "first":
        yield from present(ctx.sum_hit(ctx.where(table, total, side.columns[0].key), total.cells[0],
                                       [r.cells[0] for r in parts], _fields(identity)))
        return
    for key in _keys(side):
        yield from present(ctx.sum_hit(ctx.where(table, total, key), _value(side, total, key),
                                       [_value(other, r, key) for r in parts], _fields(identity)))


def _columns(ctx: Context, table: Table, identity: Identity) -> Iterator[Hit]:
    """In each row, column ``left`` = Σ the ``right`` columns (``-key`` subtracts)."""
    block = _block(table, identity.side)
    keys = _keys(block)
    if not _layout(identity, set(keys)):
        return
    parts = [p for p in identity.right if identity.missing == "blank" or p.lstrip("-") in keys]
    if identity.left not in keys or identity.missing == "skip" and len(parts) < 2:
        return
    for row in block.rows:
        values = [_value(block, row, p.lstrip("-")) for p in parts]
        values = [None if v is None else -v if p.startswith("-") else v for p, v in zip(parts, values)]
        where = ctx.where(table, identity.at_row or row, identity.at_column or identity.left)
        yield from present(ctx.sum_hit(where, _value(block, row, identity.left), values, _fields(identity, row)))


def _levels(ctx: Context, table: Table, identity: Identity) -> Iterator[Hit]:
    """Each row of level ``parent`` = Σ its rows of level ``child`` (every one of them under 合计)."""
    rows = [(block, row) for block in table.blocks for row in block.rows]
    keys = _keys(table.block)[:1] if identity.columns == "first" else _keys(table.block)
    for parent_block, parent in ((b, r) for b, r in rows if r.level == identity.parent):
        children = [(b, r) for b, r in rows if r.level == identity.child
                    and (identity.parent == "合计" or r.code.startswith(parent.code))]
        if not children:
            continue
        for key in keys:
            yield from present(ctx.sum_hit(ctx.where(table, parent, key), _value(parent_block, parent, key),
                                           [_value(b, c, key) for b, c in children], _fields(identity, parent)))


def _cell(table: Table, ref: str) -> tuple[Block, Row | None, str] | None:
    """``side/row/column`` (column "" for the first; a trailing ``?`` marks a row that may be absent):
    the block, the row (None when absent) and the column key; None when the column is not printed."""
    side, row_key, column = ref.rstrip("?").lstrip("-").split("/")
    block = _block(table, side or None)
    if column and column not in _keys(block):
        return None
    return block, next((r for r in block.rows if r.key == row_key), None), column


def _cell_value(found: tuple[Block, Row | None, str]):
    block, row, column = found
    if row is None:
        return None
    return row.cells[0] if not column else _value(block, row, column)


def _cells(ctx: Context, table: Table, identity: Identity) -> Iterator[Hit]:
    """The cell ``left`` = Σ the cells ``right`` (``-`` subtracts) — cells anywhere in the form; left
    out when a cell's column is not printed or a row not marked optional (``?``) is absent."""
    refs = [identity.left, *identity.right]
    found = [_cell(table, ref) for ref in refs]
    if any(f is None or f[1] is None and not ref.endswith("?") for f, ref in zip(found, refs)):
        return
    values = [_cell_value(f) for f in found]
    parts = [None if v is None else -v if ref.startswith("-") else v for v, ref in zip(values[1:], refs[1:])]
    _, row, column = found[0]
    yield from present(ctx.sum_hit(ctx.where(table, row, column), values[0], parts, _fields(identity)))


def _footer(ctx: Context, table: Table, identity: Identity) -> Iterator[Hit]:
    """The footer line naming ``left`` (人员经费合计) = Σ the rows of level ``right_level`` with the
    codes ``right`` (or every code but ``excluding``), first column."""
    footer = next(((name, value) for name, value in table.footer if identity.left in name), None)
    if footer is None:
        return
    parts = [r.cells[0] for b in table.blocks for r in b.rows if r.level == identity.right_level
             and (r.code in identity.right if identity.right else r.code not in identity.excluding)]
    yield from present(ctx.sum_hit(ctx.where(table, footer[0], "amount"), footer[1], parts,
                                   {"what": footer[0], "parts": identity.parts}))


def _label(table: Table) -> str:
    return table.label or table.title or table.key


def _same(ctx: Context, left: Table, right: Table, identity: Identity) -> Iterator[Hit]:
    """A cell of one form equals a cell of another (``by`` a level: each such row of the left side
    equals the row of its code on the right); silent where the left one is not printed."""
    names = {"table_a": _label(left), "table_b": _label(right)}
    if identity.by:
        yield from _same_by_level(ctx, left, right, identity, names)
        return
    found = left.find(identity.left, identity.left_column, identity.side)
    if found is None:
        return
    other = right.find(identity.right[0], identity.right_column, identity.right_side)
    if other is None:    # a form with the column but no such row (an empty 基金 table) shows blank
        if not any(identity.right_column in [c.key for c in block.columns] for block in right.blocks):
            return
        other = (None, None)
    what = identity.what.format(title=right.title or right.key)
    row, value = found
    yield from present(ctx.same_hit(ctx.where(left, row, identity.left_column), value, other[1],
                                    {"what": what, **names}))


def _same_by_level(ctx: Context, left: Table, right: Table, identity: Identity, names: dict) -> Iterator[Hit]:
    side, block = _block(left, identity.side), _block(right, identity.right_side)
    if identity.left_column not in _keys(side) or identity.right_column not in _keys(block):
        return
    others = {r.code: r for r in block.rows if r.level == identity.by}
    for row in (r for r in side.rows if r.level == identity.by):
        value, other = row.cell(side, identity.left_column), others.get(row.code)
        if value is None and other is None:
            continue
        yield from present(ctx.same_hit(ctx.where(left, row, identity.left_column), value,
                                        other.cell(block, identity.right_column) if other else None,
                                        {"what": f"{row.code} {row.name}", **names}))


def _check_same(ctx: Context, identities: tuple[Identity, ...]) -> Iterator[Hit]:
    """Each pair of forms: NotApplicable (NoData) when one is missing (unreadable) — except a right
    form that may be absent (``missing = "form"``), and then NotApplicable when none was there."""
    checked = 0
    for identity in identities:
        left_key, right_key = identity.forms
        left = ctx.table(left_key)
        if identity.missing == "form":
            right = ctx.doc.table(right_key)
            if right is None or not right.blocks:
                continue
        else:
            right = ctx.table(right_key)
        checked += 1
        yield from _same(ctx, left, right, identity)
    if not checked:
        raise NotApplicable("no form to compare with")


KINDS = {"rows": _rows, "columns": _columns, "levels": _levels, "cells": _cells, "footer": _footer}


def check_identities(ctx: Context, rule_id: str) -> Iterator[Hit]:
    """Every identity of ``rule_id`` in the forms of the report: NotApplicable when it has none of
    their forms (or, for ``missing = "form"``, none with all their columns)."""
    identities = ctx.forms.of_rule(rule_id)
    if identities and all(i.kind == "same" for i in identities):
        yield from _check_same(ctx, identities)
        return
    scope = tuple(dict.fromkeys(k for i in identities for k in ctx.forms.scope(i)))
    tables = ctx.tables(*scope)
    checked = 0
    for table in tables:
        for identity in identities:
            if table.key not in ctx.forms.scope(identity):
                continue
            if identity.missing == "form" and not {identity.left, *(p.lstrip("-") for p in identity.right)} \
                    <= set(_keys(table.block)):
                continue
            checked += 1
            yield from KINDS[identity.kind](ctx, table, identity)
    if not checked and any(i.missing == "form" for i in identities):
        raise NotApplicable("no form with the identity's columns")


def _register(rule_id: str, forms: Forms) -> None:
    text = forms.rules[rule_id]

    def check(ctx: Context) -> Iterator[Hit]:
        yield from check_identities(ctx, rule_id)

    check.__doc__ = f"{rule_id}: {text.title} (identities of the forms data)"
    rule(rule_id, text.title, severity=Severity(text.severity), message=text.message, basis=text.basis,
         example=text.example, tables=text.tables, documents=(forms.kind,))(check)


for _forms in (final_accounts(), budget()):
    for _rule_id in _forms.rules:
        _register(_rule_id, _forms)
