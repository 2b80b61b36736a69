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
