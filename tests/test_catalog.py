import pytest

from juesuan.catalog import (
    CatalogError,
    Classification,
    bundled,
    function_parents,
    load_edition,
)


def test_bundled_catalogue_knows_the_seed_codes_and_their_chain():
    cat = bundled()
    assert cat.name("2010350") == "事业运行"
    assert [cat.name(c) for c in function_parents("2010350")] == ["一般公共服务支出", "政府办公厅（室）及相关机构事务"]
    assert cat.name("30101", classification=Classification.ECONOMIC) == "基本工资"
    assert cat.lookup("9999999") is None


def test_name_variants_are_known_but_not_preferred():
    cat = bundled()
    assert cat.name("2210202") == "提租补贴"
    assert cat.knows_name("2210202", "房租补贴")  # R1 table 05's misprint, kept as a variant
    assert cat.knows_name("30213", "维修(护)费", Classification.ECONOMIC)  # half-width parentheses


def test_user_edition_overrides_for_its_year(tmp_path):
    path = tmp_path / "full-2024.csv"
    path.write_text("科目代码,科目名称,说明\n2019999,其他一般公共服务支出,反映其他一般公共服务支出。\n"
                    "20199,其他一般公共服务支出,\n2010350,事业运行（新名称）,\n", encoding="utf-8")
    cat = bundled().merged(load_edition(path, year=2024))
    assert cat.name("20199", 2024) == "其他一般公共服务支出"
    assert cat.name("2010350", 2024) == "事业运行（新名称）"
    assert cat.name("2010350", 2025) == "事业运行"  # the bundled edition attested in 2025


def test_user_edition_as_xlsx(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["code", "name"])
    wb.active.append(["2070199", "其他文化和旅游支出"])
    wb.save(tmp_path / "c.xlsx")
    assert load_edition(tmp_path / "c.xlsx", 2025).name("2070199") == "其他文化和旅游支出"


def test_bad_catalogue_row_names_file_and_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("code,name\n20103,政府办公厅\n12ab,坏行\n", encoding="utf-8")
    with pytest.raises(CatalogError, match=r"bad.csv:3: 「12ab 坏行」不是有效的科目行"):
        load_edition(path)


def test_an_imported_official_edition_is_used_by_every_later_command(tmp_path, monkeypatch):
    """`juesuan catalog import` keeps an edition a user holds (Excel with 科目编码, 科目名称, 说明); the
    next commands know its codes (no C003) and its names and descriptions."""
    from openpyxl import Workbook
    from typer.testing import CliRunner

    from juesuan import api
    from juesuan.cli import app
    from juesuan.rules import REGISTRY, run

    monkeypatch.setenv("JUESUAN_HOME", str(tmp_path / "home"))
    book = Workbook()
    book.active.append(["科目编码", "科目名称", "说明"])
    book.active.append(["2010398", "测试专项", "反映测试专项的支出。"])
    book.save(tmp_path / "edition.xlsx")
    runner = CliRunner()
    before = runner.invoke(app, ["catalog", "show", "2010398"])
    assert before.exit_code == 1
    imported = runner.invoke(app, ["catalog", "import", str(tmp_path / "edition.xlsx"), "--year", "2024"])
    assert imported.exit_code == 0 and "已导入 1 个科目" in imported.output
    shown = runner.invoke(app, ["catalog", "show", "2010398"])
    assert shown.exit_code == 0 and "测试专项" in shown.output and "反映测试专项的支出" in shown.output
    assert api.catalog_with().knows_code("2010398")
    assert not [f for f in run(_with_code("2010398"), [REGISTRY["C003"]], api.catalog_with()).findings]
    broken = runner.invoke(app, ["catalog", "import", str(tmp_path / "missing.xlsx")])
    assert broken.exit_code == 2


def _with_code(code: str):
    from dataclasses import replace

    from rule_cases import text_document

    doc = text_document()
    tables = [replace(t, blocks=tuple(replace(b, rows=tuple(replace(r, key=code, code=code) if r.code == "2010350"
                                                            else r for r in b.rows)) for b in t.blocks))
              if t.key == "income" else t for t in doc.tables]
    return replace(doc, tables=tables)
