"""The 政府收支分类科目 catalogue: show and list."""

from __future__ import annotations

from typing import Annotated

import typer

from .apps import catalog_app
from .common import CatalogOption, fail, load_catalog, out, rich_table


@catalog_app.command("show")
def catalog_show(
    code: Annotated[str, typer.Argument(help="科目代码，如 2010350 或 30101")],
    year: Annotated[int | None, typer.Option(help="年度（按该年版本的名称）")] = None,
    catalog: CatalogOption = None,
) -> None:
    """显示一个科目：名称、级次、上级科目和说明。"""
    cat = load_catalog(catalog)
    from ..catalog import Classification

    kind = Classification.ECONOMIC if code.startswith(("3", "5")) else Classification.FUNCTION
    subject = cat.lookup(code, year, kind)
    if subject is None:
        raise fail(f"科目目录中没有 {code}（内置目录不完整，可用 --catalog 载入完整目录）", 1)
    chain = [cat.name(p, year, kind) or "（目录未收录）" for p in (code[:3], code[:5]) if len(p) < len(code)]
    out.print(f"{subject.code} {subject.name}（{subject.level}）", highlight=False)
    if chain:
        out.print("上级：" + " → ".join(chain), highlight=False)
    if subject.description:
        out.print("说明：" + subject.description, highlight=False)
    out.print(f"版本：{subject.edition or '未知'}；来源：{subject.source}", highlight=False)


@catalog_app.command("list")
def catalog_list(
    level: Annotated[str | None, typer.Option(help="只列出 类、款 或 项")] = None,
    economic: Annotated[bool, typer.Option("--economic", help="经济分类（默认功能分类）")] = False,
    year: Annotated[int | None, typer.Option(help="年度")] = None,
    catalog: CatalogOption = None,
) -> None:
    """列出目录中的科目（代码、名称、级次、版本），可按级次筛选。"""
    from ..catalog import Classification

    kind = Classification.ECONOMIC if economic else Classification.FUNCTION
    table = rich_table("代码", "名称", "级次", "版本")
    for s in load_catalog(catalog).subjects(kind, year):
        if level is None or s.level == level:
            table.add_row(s.code, s.name, s.level, str(s.edition or ""))
    out.print(table)


