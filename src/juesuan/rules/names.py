"""C: subject codes and names — across tables, against the catalogue, and the 类/款/项 hierarchy."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..catalog import Classification
from ..document import Row, Table
from ..document.normalize import key, similar_name
from .context import Context
from .registry import BOTH, Hit, NotApplicable, Severity, rule

SUBJECT_TABLES = ("income", "expenditure", "general_expenditure", "gov_fund", "state_capital",
                  "summary", "fiscal_summary")
_ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.．]")


def _name(row: Row) -> str:
    return _ORDINAL.sub("", row.name.strip())


def _subject_rows(ctx: Context, printed_codes: bool = False) -> list[tuple[Table, Row]]:
    """Subject rows of the tables; ``printed_codes`` leaves out the 总表, whose codes are inferred."""
    keys = SUBJECT_TABLES[:5] if printed_codes else SUBJECT_TABLES
    tables = [t for t in ctx.doc.tables if t.key in keys and t.blocks]
    if not tables:
        raise NotApplicable("no subject tables")
    return [(t, r) for t in tables for b in t.blocks for r in b.rows if r.code and r.level in ("类", "款", "项")]


@rule("C001", "同一科目在各表中名称一致", severity=Severity.WARNING,
      message="科目 {code} 在{table}中名为「{actual}」，在{other}中名为「{expected}」",
      basis="同一功能分类科目代码在各公开表中应使用同一名称（当年政府收支分类科目）",
      example="2210202 在支出决算表中为「提租补贴」，在一般公共预算支出表中为「房租补贴」")
def check_names_across_tables(ctx: Context) -> Iterator[Hit]:
    first: dict[str, tuple[Table, str]] = {}
    for table, row in _subject_rows(ctx):
        name = _name(row)
        if row.code not in first:
            first[row.code] = (table, name)
            continue
        other, other_name = first[row.code]
        if key(name) != key(other_name) and not similar_name(name, other_name):
            yield Hit(ctx.where(table, row, ""), {"code": row.code, "table": table.title or table.key,
                                                  "other": other.title or other.key, "actual": name,
                                                  "expected": other_name}, expected=other_name, actual=name)


@rule("C002", "科目名称与政府收支分类科目一致", documents=BOTH, severity=Severity.WARNING,
      message="科目 {code}「{actual}」与政府收支分类科目名称「{expected}」不一致",
      basis="《政府收支分类科目》当年版本的科目名称；目录未收录的代码不作判断",
      example="2101199 印为「其他事业单位医疗支出」，科目名称为「其他行政事业单位医疗支出」")
def check_names_against_catalog(ctx: Context) -> Iterator[Hit]:
    seen: set[tuple[str, str]] = set()
    for table, row in _subject_rows(ctx, printed_codes=True):
        name = _name(row)
        if (row.code, name) in seen:
            continue
        seen.add((row.code, name))
        official = ctx.catalog.name(row.code, ctx.doc.year)
        if official and not ctx.catalog.knows_name(row.code, name) and not similar_name(name, official):
            yield Hit(ctx.where(table, row, ""), {"code": row.code, "actual": name, "expected": official},
                      expected=official, actual=name)


@rule("C003", "科目代码未见于内置目录", documents=BOTH, severity=Severity.INFO,
      message="科目代码 {code}「{actual}」不在内置的政府收支分类科目目录中（可用 --catalog 载入完整目录）",
      basis="内置目录是部分目录（DOMAIN §6）：只有在现行目录、旧版科目代码表（名称已过时，只证明代码存在）和"
            "载入的目录中都找不到的代码才提示，不判为错误",
      example="2169999 不在内置目录中")
def check_unknown_codes(ctx: Context) -> Iterator[Hit]:
    seen: set[str] = set()
    for table, row in _subject_rows(ctx, printed_codes=True):
        if row.code in seen:
            continue
        seen.add(row.code)
        if not ctx.catalog.knows_code(row.code, ctx.doc.year):
            yield Hit(ctx.where(table, row, ""), {"code": row.code, "actual": _name(row)}, actual=row.code)


@rule("C004", "项、款列出其上级款、类", documents=BOTH, message="{code}「{name}」没有上级{level}行 {parent}",
      basis="功能分类按类、款、项逐级列示：每个项有其款，每个款有其类",
      example="支出决算表列出 2010350 而未列 20103 款")
def check_hierarchy(ctx: Context) -> Iterator[Hit]:
    tables = [t for t in ctx.doc.tables if t.key in SUBJECT_TABLES[:5] and t.blocks]
    if not tables:
        raise NotApplicable("no subject tables")
    for table in tables:
        codes = {r.code for r in table.block.rows}
        for row in table.block.rows:
            for parent, level in ((row.code[:5], "款"), (row.code[:3], "类")):
                if len(row.code) > len(parent) and parent not in codes:
                    yield Hit(ctx.where(table, row, ""), {"code": row.code, "name": row.name, "level": level,
                                                          "parent": parent}, expected=parent)
                    break


@rule("C005", "经济分类科目名称与目录一致", severity=Severity.WARNING,
      message="经济分类 {code}「{actual}」与科目名称「{expected}」不一致",
      basis="《政府收支分类科目》支出经济分类（部门预算）科目名称",
      example="30101 印为「基本工资及津贴」，科目名称为「基本工资」")
def check_economic_names(ctx: Context) -> Iterator[Hit]:
    table = ctx.table("general_basic")
    for block in table.blocks:
        for row in block.rows:
            official = ctx.catalog.name(row.code, ctx.doc.year, Classification.ECONOMIC)
            if official and not ctx.catalog.knows_name(row.code, row.name, Classification.ECONOMIC) \
                    and not similar_name(row.name, official):
                yield Hit(ctx.where(table, row, ""), {"code": row.code, "actual": row.name, "expected": official},
                          expected=official, actual=row.name)
