"""What the narrative states, read and verified: each kind a careful reviewer checks, from the
wording real reports use (quoted in issue 18 from 安徽, 广东, 云南 and Shanghai reports, and the
corpus), with the printed figures standing for the intervals their precision allows."""

from decimal import Decimal

from juesuan import api
from juesuan.claims.figures import Interval, attainable
from juesuan.parse import read_text

HEAD = "武汉市武昌区某局2023年度部门决算\n第二部分 2023年度部门决算情况说明\n"


def findings(body: str, select=("N", "S")) -> list[tuple[str, str]]:
    doc = read_text(HEAD + body, "report.txt")
    return [(f.rule, f.message) for f in api.check_document(doc, select=select).findings]


def test_a_printed_rate_is_right_when_the_printed_operands_allow_it():
    # 30.51 ÷ 2.76 = 1105.4 %, but 30.505–30.515 over 2.755–2.765 reaches 1103.3 %–1107.6 %
    change, base = Interval.printed(Decimal("30.51"), 2), Interval.printed(Decimal("2.76"), 2)
    assert attainable(Decimal("1106.9"), 1, change, base)
    assert not attainable(Decimal("1110.0"), 1, change, base)
    assert findings("四、财政拨款支出决算总体情况\n2023年度财政拨款支出33.27万元，比上年增加30.51万元，增长1,106.9%。") == []


def test_a_change_rate_is_taken_on_last_years_value_of_the_same_measure_not_the_budget_beside_it():
    # last year = 3.20 + 1.80 = 5.00, so 36 % is right; the budget (5) is not the base
    assert findings("七、“三公”经费支出情况说明\n公务接待费预算为5万元，支出决算为3.20万元，完成预算的64%，"
                    "较上年减少1.80万元，下降36%。") == []


def test_a_wrong_change_rate_is_still_found_with_the_right_base():
    [(rule, message)] = findings("四、财政拨款支出决算总体情况\n2023年度财政拨款支出100.00万元，与上年相比减少20.00万元，下降25%。")
    assert rule == "N003" and "上年数 120.00" in message and "应为 17%" in message


def test_a_change_is_read_in_any_order_against_the_same_measures_amount():
    """Year-over-year statements read from the claims: the change and its rate in either order, this
    year's amount of the same subject (not the first amount of the sentence), stated in an earlier
    sentence of the paragraph too, and a change against the budget named as such."""
    [(rule, message)] = findings("四、财政拨款支出决算总体情况\n财政拨款支出100.00万元，同比下降25%，减少20.00万元。")
    assert rule == "N003" and "上年数 120.00" in message
    # 广西 008: the change is the 本年收入's (390.55), not the 总收入's (581.45) the sentence begins with
    assert findings("一、收入决算情况说明\n本单位2021年度总收入581.45万元，其中本年收入390.55万元，较2020年度决算数"
                    "减少175.26万元，下降31%。") == []
    [(rule, message)] = findings("一、收入决算情况说明\n本年收入合计100.00万元。与上年相比，增加10.00万元，增长20%。")
    assert rule == "N003" and "上年数 90.00" in message
    # but after a sentence that lists several amounts, which one changed is not said: nothing is judged
    assert findings("三、支出决算情况说明\n本年支出合计100.00万元，其中：基本支出60.00万元，占60%；项目支出40.00万元，"
                    "占40%。与上年相比，增加10.00万元，增长11.1%。") == []
    # 安徽 021: "与2021年度预算相比，增加1.14万元，增长1.14%" — against the budget (1.00), and said so
    [(rule, message)] = findings("七、“三公”经费支出情况说明\n公务接待费支出2.14万元，与2021年度预算相比，增加1.14万元，"
                                 "增长1.14%。")
    assert rule == "N003" and "÷ 预算数 1.00" in message
    # the rate words of other regions (减幅, 降幅为), and last year's amount stated as 上年决算数
    assert "上年数 1,050.00" in findings("一、收入决算情况说明\n本年收入合计1,000.00万元，较上年决算数减少50.00万元，减幅8%。")[0][1]
    assert findings("三、支出决算情况说明\n本年支出合计1,000.00万元，与上年相比减少100.00万元，降幅为9.1%。") == []
    assert [m for _, m in findings("一、收入决算情况说明\n本年收入合计1,000.00万元，上年决算数为800.00万元，增加100.00万元。")] == [
        "本年收入合计的增减额：文中为 100.00，按 1,000.00 与 800.00 之差 计算应为 200.00"]
    # sthjj 2025 line 796: "减少为0.00万元" is the amount it fell to, not a change
    assert findings("七、“三公”经费支出情况说明\n公务接待费支出决算减少为0.00万元，与2024年持平。") == []


def test_a_completion_rate_is_judged_on_the_budget_it_names_wherever_the_figures_are_stated():
    """Completion rates read from the claims, in the wordings of other regions: each is wrong here
    (90.00 of 100.00 is 90 %, of the 调整预算 95.00 it is 95 %)."""
    item = "五、一般公共预算财政拨款支出决算具体情况\n一般公共服务（类）政府办公厅（室）及相关机构事务（款）行政运行（项）。"
    for wording in ("年初预算为100.00万元，支出决算为90.00万元，为年初预算的80%。",
                    "年初预算为100.00万元，支出决算为90.00万元，预算完成率为80%。",
                    "支出决算为90.00万元，年初预算为100.00万元，完成年初预算的80%。",
                    "支出决算为90.00万元，完成年初预算的80%，年初预算为100.00万元。",
                    "年初预算为100.00万元，支出决算为90.00万元，占年初预算的80%。"):
        assert findings(item + wording) == [("N006", "决算数 90.00 万元 ÷ 预算数 100.00 万元 = 90%，文中为 80%")], wording
    assert findings(item + "年初预算为100.00万元，调整预算为95.00万元，支出决算为90.00万元，完成调整预算的80%。") == [
        ("N006", "决算数 90.00 万元 ÷ 预算数 95.00 万元 = 95%，文中为 80%")]
    # ghzyj 2024: a 完成 of a plan in a reason is not a completion of the budget
    assert findings(item + "年初预算为100.00万元，支出决算为90.00万元，完成年初预算的90%。决算数小于预算数的主要原因："
                    "其中项目支出规划服务较年初完成92%。") == []
    # shgzb 2024: "年初预算为0万元，全年预算为321.02万元，…完成年初预算的95.89%" — of the 年初预算 it names, which is 0
    from conftest import CORPUS

    found = api.check(CORPUS / "pdf" / "shanghai-putuo-shgzb-2024.pdf", select=("N006", "N007")).findings
    assert "一般公共预算财政拨款支出的年初预算数为 0，不应写“完成年初预算的95.89%”" in [f.message for f in found]


def test_a_zero_budget_stated_inside_the_completion_clause_has_no_completion_rate():
    found = findings("五、一般公共预算财政拨款支出决算具体情况\n1.一般公共服务（类）行政运行（项）：支出决算为4.19万元，"
                     "完成全年预算0万元的0%。")
    assert [rule for rule, _ in found] == ["N007"]


def test_a_share_or_an_amount_without_its_sign_or_unit_beside_siblings_that_have_one():
    found = findings("一、收入支出决算总体情况\n本年收入合计100.00万元，其中：财政拨款收入76.23万元，占76.23；"
                     "其他收入23.77万元，占23.77%。")
    assert found == [("N015", "“占76.23”缺少“%”，同段其他占比都写明了")]   # and no garbled N002 "应为"
    found = findings("七、“三公”经费支出情况说明\n因公出国（境）费支出决算为0.00万元，公务接待费支出决算为4.19。")
    assert [rule for rule, _ in found] == ["N015"]


def test_a_breakdown_that_cannot_add_up_to_the_amount_before_it():
    found = findings("三、支出决算情况说明\n本年支出合计100.00万元，其中：基本支出60.00万元，占60%；项目支出30.00万元，占30%。",
                     select=("N016",))
    assert found == [("N016", "本年支出合计 100.00 万元，其中所列基本支出、项目支出之和为 90.00 万元，应等于本年支出合计")]
    # a 其中 list in parentheses, read from the claims: more than the whole
    assert findings("四、财政拨款收入支出决算总体情况说明\n2023年度财政拨款收入480.00万元（其中：一般公共预算财政拨款收入"
                    "500.00万元），比上年减少20.00万元。", select=("N016",))[0][1].endswith("大于总额")
    # a partial 其中 list is normal; only more than the whole is wrong
    assert findings("二、收入决算情况说明\n本年收入合计100.00万元，其中：财政拨款收入80.00万元。", select=("N016",)) == []
    assert findings("二、收入决算情况说明\n本年收入合计100.00万元，其中：财政拨款收入80.00万元，事业收入30.00万元。",
                    select=("N016",))[0][1].endswith("大于总额")


def test_one_item_stated_twice_in_a_section_with_different_amounts():
    found = findings("七、“三公”经费支出情况说明\n（三）公务接待费2.85万元\n公务接待费支出决算为2.58万元，比上年增加0.39万元。",
                     select=("N017",))
    assert found == [("N017", "公务接待费在本部分先写为 2.85 万元，此处又写为 2.58 万元")]
    # the budget and last year's amount of the same item are other figures
    assert findings("七、“三公”经费支出情况说明\n公务接待费年初预算为5.00万元，公务接待费支出决算为2.58万元，上年公务接待费"
                    "支出为2.19万元。", select=("N017",)) == []


def test_narrative_findings_carry_the_sentence_they_are_about():
    doc = read_text(HEAD + "四、财政拨款支出决算总体情况\n2023年度财政拨款支出100.00万元，与上年相比减少20.00万元，"
                    "下降25%。主要原因是人员减少。", "report.txt")
    [finding] = api.check_document(doc, select=("N003",)).findings
    assert finding.excerpt == "2023年度财政拨款支出100.00万元，与上年相比减少20.00万元，下降25%。"
    assert finding.to_dict()["excerpt"] == finding.excerpt


def test_narrative_findings_name_the_subject_they_are_about():
    """The seed's 住房公积金 (its 类/款/项 chain bound to the tables' row) and 三公 items, named in the message."""
    from conftest import CORPUS

    found = {(f.rule, f.location.line): f.message
             for f in api.check(CORPUS / "seeds" / "000_105574f5e848fce4.txt", select=("N005", "N007")).findings}
    assert found[("N005", 564)] == "2210201 住房公积金的决算数 28.95 万元、预算数 35.59 万元，文中却说决算数“大于”预算数"
    assert found[("N007", 604)] == "公务接待费的全年预算数为 0，不应写“完成全年预算的0%”"


def test_a_share_is_computed_against_the_total_it_names_not_the_parts_listed():
    found = findings("三、支出决算情况说明\n本年支出合计100.00万元，其中：基本支出60.00万元，占本年支出合计的65%；"
                     "项目支出20.00万元，占本年支出合计的20%。", select=("N002",))
    assert [m for _, m in found] == ["60.00 万元占本年支出合计 65%，按100.00 万元计算应为 60%"]   # not 75 % of 80.00


def test_a_share_of_a_whole_the_paragraph_states_is_computed_against_that_whole():
    """The national template's 政府采购 sentence: the 小微企业 share is of the 中小企业 amount stated before it."""
    body = ("九、政府采购支出情况说明\n政府采购支出总额100.00万元。授予中小企业合同金额80.00万元，占政府采购支出总额的80%，"
            "其中授予小微企业合同金额60.00万元，占授予中小企业合同金额的{}%。")
    assert findings(body.format(75), select=("N002",)) == []
    assert findings(body.format(85), select=("N002",)) == [
        ("N002", "60.00 万元占授予中小企业合同金额 85%，按80.00 万元计算应为 75%")]


def test_a_stated_grand_total_is_compared_with_the_grand_total_row():
    from rule_cases import cell, generated, set_cell, text_document

    from juesuan.rules import run

    grand = cell("fiscal_summary", "grand_total", "amount") + 10   # 年初结转 10 万元: 总计 ≠ 本年收入合计
    doc = set_cell(generated(), "fiscal_summary", "grand_total", "amount", grand, block="收入")
    checked = text_document(doc, total=[f"2023年度财政拨款收入支出总计{grand + 5:,.2f}万元。"])
    [finding] = [f for f in run(checked).findings if f.rule == "N001"]
    assert "财政拨款总表总计为" in finding.message and f"{grand:,.2f}" in finding.message


def test_the_figures_of_every_corpus_narrative_are_bound_to_a_subject_and_coverage_only_goes_up():
    """tests/data/claims_coverage.json records, per corpus document, how many amounts and percentages
    its narrative states, how many have a resolved subject, and the ones that do not (each read by
    hand: traditional characters, a paragraph cut at a page break, a distributive 各, an item the
    template does not name). A change may bind more, never fewer."""
    import json

    from conftest import CORPUS

    from juesuan.claims.reader import claims, coverage
    from juesuan.parse import read_document

    recorded = json.loads((CORPUS.parent / "data" / "claims_coverage.json").read_text(encoding="utf-8"))
    bound = figures = targeted_total = 0
    for name, entry in recorded.items():
        found = claims(read_document(CORPUS / name))
        unbound = [f"{c.line}: {c.subject or '（无主语）'} {c.value}{c.unit}" for c in found
                   if c.unit in ("万元", "元", "亿元", "%") and not c.resolved]
        assert set(unbound) <= set(entry["unbound"]), (name, set(unbound) - set(entry["unbound"]))
        resolved, targeted, stated = coverage(found)
        assert stated >= entry["figures"], name            # no figure of the narrative lost
        assert targeted >= entry["targeted"], name         # nor bound to a total, item or row
        bound, figures, targeted_total = bound + resolved, figures + stated, targeted_total + targeted
    assert bound / figures >= Decimal("0.95") and targeted_total / figures >= Decimal("0.95")


def test_claims_are_data_in_the_analysis_and_the_parsed_document():
    from conftest import CORPUS

    from juesuan.render.document_json import document_dict

    analysis = api.analyse(CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt")
    reception = [c for c in analysis.claims if "公务接待" in c.subject and c.kind == "amount"]
    assert reception and all(c.resolved and c.period == "this" for c in reception)
    assert {c.kind for c in analysis.claims} >= {"amount", "change", "rate", "share"}
    listed = document_dict(analysis.document)["claims"]
    assert len(listed) == len(analysis.claims) and {"kind", "value", "unit", "subject", "line"} <= set(listed[0])


def test_last_years_value_implied_by_two_sentences_must_agree():
    found = findings("二、收入决算情况说明\n本年收入合计100.00万元，比上年增加10.00万元，增长11.11%。"
                     "本年收入合计100.00万元，较上年增加20.00万元。", select=("N018",))
    assert found == [("N018", "本年收入合计：此处推算的上年数为 80.00 万元，本部分前文推算为 90.00 万元")]


# the 三公 comparison of Shanghai's template, as shanghai-putuo-sthjj-2025 words it (tests/corpus/text)
SANGONG = ("七、财政拨款“三公”经费支出决算情况说明\n“三公”经费财政拨款支出年初预算为21.00万元，支出决算为16.95万元，完成预算的"
           "80.71%，其中：因公出国（境）费决算为0.00万元，完成预算的0.00%；公务用车购置及运行维护费支出决算为16.95万元，"
           "完成预算的82.68%；公务接待费支出决算为0.00万元，完成预算的0.00%。2025年度“三公”经费支出决算数{word}预算数的"
           "主要原因：公务用车运行维护费、公务接待费等支出小于预算数。")


def test_a_comparison_that_names_its_subject_is_judged_on_that_subjects_figures():
    """“三公”经费…决算数小于预算数 is about 21.00 / 16.95 stated at the paragraph's start, not the 公务接待费
    0.00 just before it (which has no budget stated): the published 小于 is right, a 大于 is found."""
    assert findings(SANGONG.format(word="小于"), select=("N005",)) == []
    assert findings(SANGONG.format(word="大于"), select=("N005",)) == [
        ("N005", "“三公”经费的决算数 16.95 万元、预算数 21.00 万元，文中却说决算数“大于”预算数")]


def test_each_claim_is_bound_to_the_total_item_or_row_it_is_about():
    from juesuan.claims.reader import claims

    from conftest import CORPUS

    from juesuan.parse import read_document

    bound = [(c.value, c.target) for c in claims(read_text(HEAD + SANGONG.format(word="小于"), "report.txt"))]
    assert bound[:3] == [("21.00", "sangong/total"), ("16.95", "sangong/total"), ("80.71", "sangong/total")]
    assert ("0.00", "sangong/abroad") in bound and ("16.95", "sangong/vehicle") in bound
    # "1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）。主要用于：…年初预算为51.50万元，支出决算为
    # 51.98万元": both bound to the 项 the chain before them names, a row of the report's tables
    found = claims(read_document(CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt"))
    assert [(c.value, c.target) for c in found if c.target == "row/2080501"][:2] == [
        ("51.50", "row/2080501"), ("51.98", "row/2080501")]
    assert next(c.target for c in found if c.subject.startswith("社会保障和就业支出")) == "row/208"
    # the published PDF prints "12、住房保障支出（类）住房保障支出（款）住房公积金（项）。" as a paragraph of its own,
    # its figures in the next: they are about that 项
    published = claims(read_document(CORPUS / "pdf" / "shanghai-putuo-ghzyj-2024.pdf"))
    assert {c.target for c in published if c.value == "289.59"} == {"row/2210201"}


def test_a_subject_named_across_clauses_parentheses_and_paragraphs_is_bound():
    """The wording of the corpus where the subject is not in the figure's own clause."""
    from conftest import CORPUS

    from juesuan.claims.reader import claims
    from juesuan.parse import read_document

    def bound(body: str) -> list[tuple[str, str]]:
        return [(c.value, c.target) for c in claims(read_text(HEAD + body, "report.txt"))]

    # seed line 598: the item in a clause without a figure, then "全年预算为…，支出决算为…"
    assert bound("七、“三公”经费支出情况说明\n公务用车购置及运行费，全年预算为0万元，支出决算为0万元。") == [
        ("0", "sangong/vehicle"), ("0", "sangong/vehicle")]
    # ghzyj 2024 line 368: the reason's subject is 项目支出, not the 收入支出总计 the sentence before states
    assert bound("一、收入支出决算总体情况说明\n收入支出总计9859.38万元。主要原因：项目支出增加，较上一度增加1133.95万元。"
                 )[-1] == ("1133.95", "expenditure/project")
    # 安徽 021 line 44: after "（其中外事接待0批次）" the 人次 are the 国内公务接待's again
    assert bound("七、“三公”经费支出情况说明\n国内公务接待共15批次（其中外事接待0批次），105人次（其中外事接待0人次）。") == [
        ("15", "sangong/domestic_reception"), ("0", "sangong/foreign_reception"),
        ("105", "sangong/domestic_reception"), ("0", "sangong/foreign_reception")]
    # 广西 008: "总收入…，其中本年收入…" — the 总收入 is the 总计; a 类 named without tables, by the catalogue
    assert bound("一、收入支出决算总体情况说明\n本单位2021年度总收入581.45万元，其中本年收入390.55万元。\n"
                 "二、支出决算情况说明\n1.社会保障和就业支出467.99万元。") == [
        ("581.45", "summary/grand_total"), ("390.55", "summary/income_total"), ("467.99", "row/208")]
    # seed line 502: a label that joins two names is about neither
    assert bound("五、一般公共预算财政拨款支出决算具体情况\n主要用于人员经费及公用262.94万元。") == [("262.94", "")]
    # 四川 005: "各减少1267.86，2570.97万元" — the second of a list of changes is a change too
    assert [c.kind for c in claims(read_text(HEAD + "一、收入支出决算总体情况说明\n与2021年相比，收、支总计各减少"
                                             "1267.86，2570.97万元。", "report.txt"))] == ["change"]
    # Shanghai's 全过程绩效管理 and 中小企业 amounts, whose words run over several clauses
    found = claims(read_document(CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt"))
    targets = {(c.line, c.value): c.target for c in found}
    assert targets[(832, "1354.13")] == "performance/targets" and targets[(834, "1354.13")] == "performance/self_evaluation"
    assert targets[(852, "372.34")] == "procurement/sme_reserved_won" and targets[(855, "0")] == "procurement/sme_other_won"
    # the seed's 绩效自评综述: a project's budget and what was spent, even when a page break cuts the sentence
    seed = claims(read_document(CORPUS / "seeds" / "000_105574f5e848fce4.txt"))
    assert {c.target for c in seed if c.line in (650, 652)} == {"project/重大节日慰问经费"}
    assert {c.target for c in seed if c.line == 636} == {"project/企服工作经费"}


def test_one_subject_stated_twice_in_a_subsection_with_different_amounts():
    """shanghai-putuo-shiquanlu-2025 line 1123: "“…机关事业单位职业年金缴费支出（项）”257.14 万元 … 支出决算为 245.53
    万元" — two amounts for one 项 (its tables print 257.14, so 245.53 is the slip; N006 found only the rate
    computed from it). Both are bound to the 项, a row of the report's tables, and the second is found; the same
    total printed at another precision is not."""
    from conftest import CORPUS

    found = api.check(CORPUS / "text" / "shanghai-putuo-shiquanlu-2025.txt", select=("N020",)).findings
    assert [(f.location.line, f.message) for f in found] == [
        (1126, "2080506「机关事业单位职业年金缴费支出」在本小节先写为 257.14万元，此处又写为 245.53万元")]
    # N011 judges each amount bound to a 项 against the tables: the 545.84 right after its chain and after 支出决算为
    found = api.check(CORPUS / "text" / "shanghai-putuo-shiquanlu-2025.txt", select=("N011",)).findings
    assert [(f.location.line, f.actual) for f in found if "2080505" in f.message] == [
        (1117, "545.84"), (1119, "545.84")]
    assert findings("三、支出决算情况说明\n本年支出合计100.00万元，其中：基本支出60.00万元。本年支出合计100万元。",
                    select=("N020",)) == []
    assert findings("三、支出决算情况说明\n本年支出合计100.00万元，其中：基本支出60.00万元。本年支出合计110.00万元。",
                    select=("N020",))[0][0] == "N020"
