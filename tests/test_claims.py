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
