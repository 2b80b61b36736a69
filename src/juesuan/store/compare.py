"""Comparisons over the corpus: one department across years (subjects matched across catalogue
changes), departments side by side, and outliers. Results are plain tables (header + rows) that the
CLI prints or writes as CSV/XLSX."""

from __future__ import annotations

import csv
import statistics
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources

from ..document.normalize import similar_name

# the key figures of a report: (column, label, table, side, row, column, the figure the text states)
FIGURES = (
    ("income", "本年收入合计", "summary", "收入", "income_total", "amount", "income_total"),
    ("expenditure", "本年支出合计", "summary", "支出", "expenditure_total", "amount", "expenditure_total"),
    ("basic", "基本支出", "expenditure", "", "total", "basic", "basic"),
    ("project", "项目支出", "expenditure", "", "total", "project", "project"),
    ("sangong", "“三公”经费决算", "sangong", "", "sangong", "actual_total", "sangong"),
)
FIGURE_LABELS = {key: label for key, label, *_ in FIGURES}
FINAL = "coalesce(kind, 'final') = 'final'"     # the 决算 of the corpus (budgets are compared apart)


@dataclass
class Comparison:
    title: str
    header: list[str]
    rows: list[list[object]]
    notes: list[str] = field(default_factory=list)
    totals: list[object] | None = None      # a 合计 row under the rows, where summing them means something


@cache
def crosswalk() -> dict[str, tuple[str, str, str]]:
    """old code → (new code, new name, change) from the curated file shipped with the package."""
    text = resources.files(__package__).joinpath("data/crosswalk.csv").read_text(encoding="utf-8")
    return {r["old_code"]: (r["new_code"], r["new_name"], r["change"]) for r in csv.DictReader(text.splitlines())}


def _latest_documents(con, where: str, params: list) -> dict[int, int]:
    """year → document id: the latest ingested document of each year matching ``where``."""
    rows = con.execute(f"SELECT year, max(id) FROM documents WHERE {where} AND year IS NOT NULL "
                       "GROUP BY year ORDER BY year", params).fetchall()
    return dict(rows)


def match(code: str, name: str, reference: dict[str, str]) -> tuple[str | None, str]:
    """The reference code a (code, name) of another year stands for, and how it was matched:
    the curated crosswalk first, then the same code with a similar name; else (None, why)."""
    if code in crosswalk():
        new_code, _, change = crosswalk()[code]
        if new_code in reference:
            return new_code, f"目录调整（{'改名' if change == 'renamed' else '调整科目'}）"
    if code in reference:
        if similar_name(name, reference[code]) or not name:
            return code, "同代码"
        return None, f"代码相同但名称不同（{reference[code]}）"
    return None, "无对应科目"


def department_years(con, department: str, level: str = "项") -> Comparison:
    """支出决算表 合计 of each subject of ``level`` across the department's years."""
    years = _latest_documents(con, f"department = ? AND {FINAL}", [department])
    if not years:
        return Comparison(f"{department}：语料库中没有该部门", ["科目代码", "科目名称"], [])
    by_year: dict[int, dict[str, tuple[str, Decimal]]] = {}
    for year, document_id in years.items():
        rows = con.execute("SELECT code, name, amount FROM amounts WHERE document_id = ? AND table_key = "
                           "'expenditure' AND column_key = 'total' AND row_level = ?", [document_id, level]).fetchall()
        by_year[year] = {code: (name, amount) for code, name, amount in rows}
    newest = max(by_year)
    reference = {code: name for code, (name, _) in by_year[newest].items()}
    table: dict[str, dict[int, Decimal]] = {code: {} for code in reference}
    how: dict[str, set[str]] = {code: set() for code in reference}
    unmatched: list[list[object]] = []
    for year, subjects in by_year.items():
        for code, (name, amount) in subjects.items():
            target, why = (code, "") if year == newest else match(code, name, reference)
            if target is None:
                unmatched.append([code, name, *[amount if y == year else None for y in sorted(by_year)],
                                  f"未匹配：{why}"])
                continue
            table[target][year] = table[target].get(year, Decimal(0)) + amount
            if why and why != "同代码":
                how[target].add(f"{year}年 {code} {name}：{why}")
    order = sorted(by_year)
    rows = [[code, reference[code], *[table[code].get(y) for y in order], "；".join(sorted(how[code]))]
            for code in sorted(reference)]
    return Comparison(f"{department} 各年支出（{level}，万元）", ["科目代码", "科目名称", *map(str, order), "说明"],
                      rows + unmatched)


def _figures(con, where: str, params: list) -> dict[str, dict[str, Decimal | None]]:
    """Key figures of the latest document of each department matching ``where``, in one query."""
    picks = ",\n".join(   # the table's figure; the one the text states when the table has none
        f"coalesce(max(CASE WHEN a.table_key = '{table}' AND a.side = '{side}' AND a.row_key = '{row}' "
        f"AND a.column_key = '{column}' THEN a.amount END), "
        f"max(CASE WHEN a.table_key = 'stated' AND a.row_key = '{stated}' THEN a.amount END)) AS {key}"
        for key, _, table, side, row, column, stated in FIGURES)
    query = f"""
        WITH latest AS (SELECT department, max(id) AS id FROM documents
                        WHERE {where} AND department IS NOT NULL GROUP BY department),
             running AS (SELECT document_id, arg_min(amount, coalesce(page, 0) * 100000 + coalesce(line, 0)) AS amount
                         FROM facts WHERE section LIKE '%机关运行经费%' AND label LIKE '%机关运行经费%'
                         GROUP BY document_id)
        SELECT l.department, {picks}, any_value(r.amount) AS running,
               bool_and(a.table_key = 'stated') AS text_only
        FROM latest l JOIN amounts a ON a.document_id = l.id LEFT JOIN running r ON r.document_id = l.id
        GROUP BY l.department"""
    cursor = con.execute(query, params)
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names[1:], row[1:])) for row in cursor.fetchall()}


def _share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return (part / whole * 100).quantize(Decimal("0.01"))


def _outliers(values: dict[str, Decimal]) -> set[str]:
    """Keys whose value lies outside Tukey's fences (1.5 × IQR beyond the quartiles); needs 4 values."""
    if len(values) < 4:
        return set()
    q1, _, q3 = statistics.quantiles([float(v) for v in values.values()], n=4, method="inclusive")
    low, high = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
    return {k for k, v in values.items() if not low <= float(v) <= high}


def peers(con, year: int, region: str | None = None, rank_by: str = "expenditure") -> Comparison:
    """Departments of one year (and region) side by side: key figures, 项目支出 share and 三公 share,
    ranked, with outliers of the shares marked."""
    where, params = f"year = ? AND {FINAL}", [year]
    if region:
        where, params = where + " AND region LIKE ?", [year, f"{region}%"]
    figures = _figures(con, where, params)
    shares = {name: _share(f["project"], f["expenditure"]) for name, f in figures.items()}
    sangong = {name: _share(f["sangong"], f["basic"]) for name, f in figures.items()}
    odd_project = _outliers({k: v for k, v in shares.items() if v is not None})
    odd_sangong = _outliers({k: v for k, v in sangong.items() if v is not None})
    key = rank_by if rank_by in FIGURE_LABELS else "expenditure"
    before = _figures(con, where, [year - 1, *params[1:]])       # the same departments a year earlier
    ordered = sorted(figures, key=lambda n: (-(figures[n][key] or Decimal(-1)), n))
    rows = []
    for rank, name in enumerate(ordered, 1):
        f = figures[name]
        marks = [w for w, odd in (("项目支出占比异常", name in odd_project), ("三公占比异常", name in odd_sangong)) if odd]
        prior = before.get(name, {}).get(key)
        change = f[key] - prior if f[key] is not None and prior is not None else None
        rows.append([rank, name, *[f[k] for k, *_ in FIGURES], prior, change, _share(change, prior),
                     f["running"], shares[name], sangong[name], "、".join(marks), "文中" if f["text_only"] else "表"])
    header = ["排名", "部门", *[label for _, label, *_ in FIGURES], f"上年{FIGURE_LABELS[key]}", "增减", "增长率%",
              "机关运行经费", "项目支出占比%", "三公占基本支出%", "离群", "来源"]
    summed = range(2, 2 + len(FIGURES) + 3)        # the amounts and the 增减 (not the rates)
    totals = ["", "合计", *[sum((r[i] for r in rows if r[i] is not None), Decimal(0)) if header[i] != "增长率%" else None
                           for i in summed], *[None] * (len(header) - 2 - len(summed))]
    notes = [f"离群：按 Tukey 规则（四分位距 1.5 倍之外），需至少 4 个部门；共 {len(rows)} 个部门",
             "来源“文中”：报告的表格在附件中或无法读取，数字取自情况说明所述；表中没有的数也取文中所述"]
    listed = {row[0] for row in con.execute(f"SELECT DISTINCT department FROM documents WHERE {where} "
                                            "AND department IS NOT NULL", params).fetchall()}
    if missing := sorted(listed - set(figures)):       # never dropped silently
        notes.append(f"另有 {len(missing)} 个部门的报告没有读出可比较的金额，未列入：{'、'.join(missing[:20])}"
                     + ("……" if len(missing) > 20 else ""))
    if any(r[header.index("增减")] is not None for r in rows):
        notes.append(f"增减、增长率：与同一部门 {year - 1} 年度的{FIGURE_LABELS[key]}相比（语料库中有上年报告的部门）")
    return Comparison(f"{year} 年{region or ''}部门比较（万元，按{FIGURE_LABELS[key]}排序）", header, rows, notes,
                      totals if rows else None)



def observed_codes(con) -> list[str]:
    """Every function code the corpus's tables print."""
    return [row[0] for row in con.execute("SELECT DISTINCT code FROM observed_subjects "
                                          "WHERE classification = 'function' ORDER BY code").fetchall()]


def observed_catalogue(con, code: str | None = None) -> Comparison:
    """Every (code, name, year) printed in the corpus, how many documents print it, and what the
    bundled catalogue says: the same name, another name (a variant or a rename), or nothing (a gap)."""
    from ..catalog import Classification, bundled

    catalog = bundled()
    where, params = ("WHERE code LIKE ?", [f"{code}%"]) if code else ("", [])
    rows = []
    for classification, subject, name, year, count in con.execute(
            f"SELECT classification, code, name, year, documents FROM observed_subjects {where} "
            "ORDER BY classification DESC, code, year, name", params).fetchall():
        kind = Classification.ECONOMIC if classification == "economic" else Classification.FUNCTION
        known = catalog.name(subject, year, kind)
        status = "目录中没有" if known is None else "一致" if catalog.knows_name(subject, name, kind) else f"目录：{known}"
        rows.append([subject, name, year, count, status])
    return Comparison("语料库中出现的科目", ["科目代码", "科目名称", "年度", "文件数", "与内置目录"], rows)


def budget_vs_final(con, department: str, year: int) -> Comparison:
    """One department's year: each 一般公共预算 项 as its published 部门预算 planned it, as its 决算 states
    the 年初预算 and the spending, and the execution rate (决算数 ÷ 部门预算数)."""
    def latest(kind: str) -> int | None:
        row = con.execute("SELECT max(id) FROM documents WHERE department LIKE ? AND year = ? AND "
                          "coalesce(kind, 'final') = ?", [f"%{department}%", year, kind]).fetchone()
        return row[0] if row else None

    budget, final = latest("budget"), latest("final")
    header = ["科目代码", "科目名称", "部门预算数", "决算年初预算", "决算数", "执行率%", "年初预算与部门预算"]
    title = f"{department} {year} 年：部门预算与决算（一般公共预算，万元）"
    missing = [w for w, d in (("部门预算", budget), ("决算", final)) if d is None]
    if missing:
        return Comparison(title, header, [], [f"语料库中没有该部门 {year} 年的{'和'.join(missing)}"])
    planned = _items(con, budget, "b_general", "total")
    initial = _items(con, final, "general_expenditure", "budget") or _items(con, final, "report", "budget_initial")
    spent = _items(con, final, "general_expenditure", "total")
    rows = []
    for code in sorted(set(planned) | set(spent) | set(initial)):
        name = (planned.get(code) or spent.get(code) or initial.get(code))[0]
        plan, start, actual = (d.get(code, (None, None))[1] for d in (planned, initial, spent))
        agrees = "" if start is None else "一致" if abs(start - (plan or 0)) < Decimal("0.005") else "不一致"
        rows.append([code, name, plan, start, actual, _share(actual, plan), agrees])
    totals = ["", "合计", *(sum(given, Decimal(0)) if (given := [r[i] for r in rows if r[i] is not None]) else None
                           for i in (2, 3, 4)), None, ""]
    totals[5] = _share(totals[4], totals[2])
    notes = ["部门预算数：部门预算的一般公共预算支出功能分类预算表合计；决算数：一般公共预算财政拨款支出决算表合计；"
             "决算年初预算：决算表的年初预算栏，或情况说明逐项所述（juesuan check 决算 --budget 预算 逐项核对）"]
    return Comparison(title, header, rows, notes, totals if rows else None)


def _items(con, document_id: int, table: str, column: str) -> dict[str, tuple[str, Decimal]]:
    rows = con.execute("SELECT code, name, amount FROM amounts WHERE document_id = ? AND table_key = ? AND "
                       "column_key = ? AND row_level = '项'", [document_id, table, column]).fetchall()
    return {code: (name, amount) for code, name, amount in rows}
