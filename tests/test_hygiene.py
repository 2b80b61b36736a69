"""H: the defects a reviewer spots at a glance, planted in a 2024 report the way issue 19 found them in
real ones (Shanghai district reports checked by hand and by an existing open checker)."""

from juesuan import api
from juesuan.parse import read_text

REPORT = """上海市普陀区某某局2024年度部门决算
第三部分 2024年度部门决算情况说明
一、收入支出决算总体情况说明
2024年度收、支总计均为100.00万元。与2023年度相比，收、支总计增加10.00万元，增长11.1%。
二、收入决算情况说明
2024年度本年收入合计100.00万元。
三、国有资产占用情况说明
截至2024年12月31日，本部门共有车辆1辆，其中：其他用车1辆。
"""


def rules(text: str) -> list[tuple[str, str]]:
    result = api.check_document(read_text(text, "report.txt"), select=("H",))
    return [(f.rule, f.message) for f in result.findings]


def test_a_clean_report_has_none():
    assert rules(REPORT.replace("某某局", "规划和自然资源局")) == []


def test_years_that_are_not_the_reports():
    found = rules(REPORT.replace("某某局", "规划和自然资源局").replace("第三部分 2024年度", "第三部分 2023年度")
                  .replace("截至2024年12月31日", "截至2023年12月31日").replace("与2023年度相比", "与2022年度相比"))
    assert found == [("H001", "标题写的是 2023 年，应为 2024 年"), ("H001", "与上年比较写的是 2022 年，应为 2023 年"),
                     ("H001", "资产统计截止日期写的是 2023 年，应为 2024 年")]


def test_placeholders_doubled_stops_skipped_numbers_and_template_instructions():
    planted = (REPORT.replace("增长11.1%。", "增长11.1%。。").replace("二、收入决算情况说明", "二、收入决算情况说明\n（一）收入\n（三）结余")
               + "四、预算绩效情况说明\n（绩效目标管理工作情况，以及编报绩效目标的项目数量、单位数量、预算金额等）\n")
    found = rules(planted)
    assert ("H004", "部门名称中有占位符：“上海市普陀区某某局”") in found
    assert any(rule == "H002" and "标点重复或叠用" in message for rule, message in found)
    assert ("H003", "序号跳号：（一） 之后是 （三）") in found
    assert any(rule == "H004" and "照抄的模板说明" in message for rule, message in found)


def test_an_unclosed_bracket_is_found_where_it_breaks_even_across_paragraphs():
    found = rules(REPORT.replace("某某局", "规划和自然资源局").replace(
        "2024年度本年收入合计100.00万元。", "2024年度本年收入合计100.00万元（其中财政拨款100.00万元。\n主要用于日常运转。"))
    assert [rule for rule, _ in found] == ["H002"] and "不成对" in found[0][1]


def test_another_departments_name_in_a_heading_or_the_signature():
    clean = REPORT.replace("某某局", "规划和自然资源局")
    signed = clean + "上海市普陀区生态环境局\n"
    assert [message for _, message in rules(signed)] == [
        "“落款”写的部门是「上海市普陀区生态环境局」，报告标题是「上海市普陀区规划和自然资源局」"]
    assert rules(clean + "上海市普陀区规划和自然资源局\n") == []


def test_a_template_instruction_left_in_a_real_report_is_found():
    """The instruction copied from the Shanghai template into a published 2026 budget (line 624 of
    tests/corpus/budget/shanghai-putuo-jsgl-2026.txt), planted in a 决算's 预算绩效 section."""
    from conftest import CORPUS

    line = (CORPUS / "budget" / "shanghai-putuo-jsgl-2026.txt").read_text(encoding="utf-8").splitlines()[623]
    assert "（绩效目标管理工作情况，以及编报绩效目标的项目数量" in line
    found = rules(REPORT.replace("某某局", "规划和自然资源局") + "四、预算绩效情况说明\n" + line + "\n")
    assert [message[:10] for rule, message in found if rule == "H004"] == ["照抄的模板说明：“（"]


def test_a_standalone_sangong_page_gets_one_structure_finding():
    """Six 三公 pages published on their own (安徽, 云南, 四川, 湖南 fragments of the corpus): each is said
    to be one once (D009), not one D001 per absent table and one D005 per absent section."""
    from conftest import CORPUS

    for name in ("011_hunan_taojiang_unknown_dept_sangong_2019.txt", "012_yunnan_xundian_zhengfawei_sangong_2022.txt",
                 "013_sichuan_liangshan_zhoubenji_sangong_2022.txt",
                 "021_anhui_huaibei_duji_jiguanshiwu_sangong_2021.txt",
                 "022_anhui_huaibei_duji_zhengfuban_sangong_2021.txt", "023_anhui_luan_gongshanglian_sangong_2021.txt"):
        found = api.check(CORPUS / "fragments" / name).findings
        assert [f.rule for f in found if f.rule.startswith("D")] == ["D009"], name
        assert "单独公开的“三公”经费说明" in next(f.message for f in found if f.rule == "D009")
