"""数据: the corpus browsed — the departments of a year side by side, one department's years."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.exceptions import HTTPException

from .pages import cell, corpus_of, has_corpus, render

router = APIRouter()


@router.get("/data", response_class=HTMLResponse)
def data(request: Request, year: int | None = None, region: str = ""):
    if not has_corpus(request):
        return render(request, "data.html", documents=[], peers=None)
    from ..store import compare
    from ..store.schema import connect

    con = connect(corpus_of(request), read_only=True)
    try:
        documents = con.execute("SELECT department, year, region, errors FROM documents "
                                "ORDER BY region, department, year").fetchall()
        years = sorted({d[1] for d in documents if d[1]})
        regions = sorted({d[2] for d in documents if d[2]})
        if year is not None and year not in years:
            raise HTTPException(404, f"语料库中没有 {year} 年度的报告（有：{'、'.join(map(str, years)) or '无'}）")
        chosen = year or (years[-1] if years else None)
        peers = compare.peers(con, chosen, region or None) if chosen else None
    finally:
        con.close()
    return render(request, "data.html", documents=documents, peers=peers, years=years, year=chosen,
                  regions=regions, region=region, bars=_bars(peers) if peers else [])


@router.get("/data/department", response_class=HTMLResponse)
def department(request: Request, name: str):
    from ..store import compare
    from ..store.schema import connect

    if not has_corpus(request):
        raise HTTPException(404, "还没有语料库")
    con = connect(corpus_of(request), read_only=True)
    try:
        table = compare.department_years(con, name, "类")
        budgets = [row[0] for row in con.execute("SELECT DISTINCT year FROM documents WHERE kind = 'budget' AND "
                                                 "department = ? ORDER BY year", [name]).fetchall()]
    finally:
        con.close()
    if not table.rows and not budgets:
        raise HTTPException(404, f"语料库中没有部门「{name}」的报告")
    years = [h for h in table.header if h.isdigit()]
    totals = [sum((row[2 + i] or 0) for row in table.rows if not str(row[-1]).startswith("未匹配"))
              for i in range(len(years))]
    top = float(max(totals, default=0)) or 1.0
    trend = [{"year": y, "height": round(float(t) / top * 160, 1), "total": cell(t)} for y, t in zip(years, totals)]
    return render(request, "department.html", name=name, table=table, trend=trend, budgets=budgets)


@router.get("/data/budget", response_class=HTMLResponse)
def budget_vs_final(request: Request, name: str, year: int):
    """One department's year: its published 部门预算 beside its 决算, with the execution rate."""
    from ..store import compare
    from ..store.schema import connect

    if not has_corpus(request):
        raise HTTPException(404, "还没有语料库")
    con = connect(corpus_of(request), read_only=True)
    try:
        table = compare.budget_vs_final(con, name, year)
    finally:
        con.close()
    if not table.rows:
        raise HTTPException(404, table.notes[0] if table.notes else f"语料库中没有「{name}」{year} 年的部门预算和决算")
    return render(request, "budget.html", name=name, year=year, table=table)


@router.get("/data/peers.csv")
def peers_csv(request: Request, year: int, region: str = "") -> Response:
    from decimal import Decimal

    from ..render.findings import csv_text
    from ..store import compare
    from ..store.schema import connect

    if not has_corpus(request):
        raise HTTPException(404, "还没有语料库")
    con = connect(corpus_of(request), read_only=True)
    try:
        table = compare.peers(con, year, region or None)
    finally:
        con.close()
    rows = ([f"{v:.2f}" if isinstance(v, Decimal) else "" if v is None else v for v in row] for row in table.rows)
    return Response(csv_text(table.header, rows).encode("utf-8"), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="peers-{year}.csv"'})


def _bars(peers) -> list[dict]:
    """基本/项目支出 of each department as bar lengths (SVG attributes; the page allows no inline CSS)."""
    from decimal import Decimal

    header = peers.header
    basic, project = header.index("基本支出"), header.index("项目支出")
    largest = max((float((r[basic] or 0) + (r[project] or 0)) for r in peers.rows), default=0) or 1.0
    return [{"name": r[1], "basic": round(float(r[basic] or Decimal(0)) / largest * 600, 1),
             "project": round(float(r[project] or Decimal(0)) / largest * 600, 1),
             "total": cell((r[basic] or Decimal(0)) + (r[project] or Decimal(0)))} for r in peers.rows]


