"""The 政府收支分类科目 catalogue: show, list, and import an official edition."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .apps import catalog_app
from .common import CatalogOption, api, fail, load_catalog, out, rich_table


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




@catalog_app.command("import")
def catalog_import(
    source: Annotated[Path, typer.Argument(help="官方科目目录（XLSX 或 CSV，列：科目编码/科目代码、科目名称，可有 说明）")],
    year: Annotated[int | None, typer.Option(help="这一版目录的年度（文件中没有写明时）")] = None,
) -> None:
    """导入一版完整的政府收支分类科目目录，以后每个命令都使用它（C002/C003 核对名称和代码，名词解释取用说明）。"""
    from ..catalog import CatalogError

    try:
        kept, count = api.import_catalog(source, year)
    except CatalogError as exc:
        raise fail(str(exc)) from None
    out.print(f"已导入 {count} 个科目：{kept}（此后各命令都使用；删除该文件即可取消）", highlight=False)
