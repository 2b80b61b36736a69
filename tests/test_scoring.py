"""绩效 scoring (DOMAIN §5) at its boundaries, the rule sets as data, `juesuan perf`, and the 绩效
tables: read from the seed, generated for the example, and read back."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from conftest import EXAMPLE, SEED
from typer.testing import CliRunner

from juesuan import api
from juesuan.cli import app
from juesuan.derive import build_document
from juesuan.derive.scoring import (
    IndicatorScore,
    ScoringError,
    assessment,
    direction_of,
    execution_score,
    grade,
    load_rules,
    quantitative_score,
    quantity,
    score_indicator,
)
from juesuan.inputs import load_report, read_report
from juesuan.model import Direction, Indicator
from juesuan.parse import read_document, read_text
from juesuan.render.text import document_text
from juesuan.rules import REGISTRY, Status, run

D = Decimal
W = D(20)
DEFAULT = load_rules("caiyu-2020-10")
WUHAN = load_rules("wuhan-2023")
runner = CliRunner()


@pytest.mark.parametrize("t,a,expected", [
    (100, 100, 20), (100, 200, 20), (100, 250, 20),   # a = t, a = 2t, beyond: never above the weight
    (100, 50, 10), (100, 99, D("19.80")), (100, 0, 0),
    (0, 0, 20), (0, 5, 20),                           # t = 0: any non-negative result meets the target
])
def test_positive(t, a, expected):
    assert quantitative_score(Direction.POSITIVE, D(t), D(a), W, DEFAULT) == D(expected)


@pytest.mark.parametrize("t,a,expected", [
    (10, 10, 20), (10, 5, 20),                        # a ≤ t: full marks
    (10, 15, 10), (10, 19, 2), (10, 20, 0), (10, 30, 0),   # linear down to 0 at a = 2t
    (0, 0, 20), (0, 1, 0),
])
def test_negative_linear(t, a, expected):
    assert quantitative_score(Direction.NEGATIVE, D(t), D(a), W, DEFAULT) == D(expected)


@pytest.mark.parametrize("t,a,expected", [(10, 10, 20), (10, 20, 10), (10, 40, 5), (0, 0, 20), (0, 3, 0)])
def test_negative_ratio_of_the_wuhan_rules(t, a, expected):
    assert quantitative_score(Direction.NEGATIVE, D(t), D(a), W, WUHAN) == D(expected)


@pytest.mark.parametrize("t,a,expected", [(100, 100, 20), (100, 80, 16), (100, 120, 20), (0, 0, 20), (0, 2, 0)])
def test_equal(t, a, expected):
    assert quantitative_score(Direction.EQUAL, D(t), D(a), W, DEFAULT) == D(expected)


@pytest.mark.parametrize("verdict,low,high", [("达成", 16, 20), ("部分达成", 12, 16), ("未达成", 0, 12)])
def test_qualitative_bands_and_their_edges(verdict, low, high):
    band = DEFAULT.bands[verdict]
    score = IndicatorScore(Direction.QUALITATIVE, band[0] * W, band[1] * W)
    assert score.allows(D(low)) and score.allows(D(high))
    assert not score.allows(D(low) - D("0.01")) and not score.allows(D(high) + D("0.01"))


@pytest.mark.parametrize("target,actual,verdict", [
    ("高", "高", "达成"), ("有效", "有效使用", "达成"), ("按时完成", "部分完成", "部分达成"), ("优", "未完成", "未达成"),
    ("形成", "才聚武昌品牌得到宣传", None), ("高", "", None),
])
def test_assessment_of_qualitative_indicators(target, actual, verdict):
    assert assessment(target, actual) == verdict


def test_qualitative_indicator_gets_its_band_and_a_quantitative_one_its_score():
    band = score_indicator(Indicator(evaluation="x", level1="产出指标", name="兑现效力", target="高", actual="高",
                                     weight=W, score=W), DEFAULT)
    assert (band.direction, band.low, band.high) == (Direction.QUALITATIVE, D("16.00"), D("20.00"))
    exact = score_indicator(Indicator(evaluation="x", level1="产出指标", name="n", target="≥100家", actual="50家",
                                      weight=W), DEFAULT)
    assert exact.exact and exact.low == D("10.00")
    fewer = score_indicator(Indicator(evaluation="x", level1="满意度指标", name="投诉", target="少于 3 次",
                                      actual="6 次", weight=W), DEFAULT)
    assert fewer.direction is Direction.NEGATIVE and fewer.low == D("0.00")
    unknown = score_indicator(Indicator(evaluation="x", level1="产出指标", name="n", target="大于 2 亿", actual="2.53",
                                        weight=W), DEFAULT)
    assert not unknown.exact and unknown.reason == "目标值与实际值无法比较"


@pytest.mark.parametrize("text,value,comparator,unit", [
    ("≥90%", 90, "≥", "%"), ("少于 3 次", 3, "<", "次"), ("500万", 500, None, ""), ("1000 余份", 1000, None, "份"),
    ("大于 2 亿", 2, ">", ""), ("不低于95%", 95, "≥", "%"), ("100家以上", 100, "≥", "家"),
])
def test_quantities_read_from_printed_targets(text, value, comparator, unit):
    q = quantity(text)
    assert (q.value, q.comparator, q.unit) == (D(value), comparator, unit)


def test_direction_from_the_target_text():
    assert direction_of("≥90%") is Direction.POSITIVE and direction_of("500万") is Direction.POSITIVE
    assert direction_of("少于 3 次") is Direction.NEGATIVE and direction_of("=100%") is Direction.EQUAL
    assert direction_of("优") is Direction.QUALITATIVE and quantity("高") is None


def test_execution_rate_score_and_grades():
    assert execution_score(D(100), D(100), W, DEFAULT) == W
    assert execution_score(D(100), D(120), W, DEFAULT) == W       # never above the weight
    assert execution_score(D(100), D(50), W, DEFAULT) == D(10)
    assert execution_score(D(0), D(5), W, DEFAULT) is None
    assert [grade(D(s), DEFAULT) for s in ("90", "89.99", "80", "79.99", "60", "59.99")] == \
        ["优", "良", "良", "中", "中", "差"]


def test_rules_are_data_replaceable_by_a_file(tmp_path):
    text = (tmp_path / "x.toml")
    bundled = load_rules("caiyu-2020-10")
    assert bundled.weights == {"budget_execution": 10, "output": 50, "benefit": 30, "satisfaction": 10}
    source = (EXAMPLE.parents[2] / "src/juesuan/derive/scoring/caiyu-2020-10.toml").read_text(encoding="utf-8")
    text.write_text(source.replace('id = "caiyu-2020-10"', 'id = "local"').replace("budget_execution = 10",
                                                                                    "budget_execution = 15"),
                    encoding="utf-8")
    assert load_rules(str(text)).weights["budget_execution"] == 15
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "b"\nname = "b"\n', encoding="utf-8")
    with pytest.raises(ScoringError, match="不完整"):
        load_rules(str(broken))
    with pytest.raises(ScoringError, match="没有计分规则"):
        load_rules("nowhere")


def test_perf_score_command_recomputes_the_example():
    result = runner.invoke(app, ["perf", "score", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["rules"] == "wuhan-2023"
    central = next(e for e in data["evaluations"] if e["name"] == "中央中小企业发展专项资金")
    assert (central["rate_score"], central["low"], central["high"], central["claimed"], central["grade"]) == \
        ("20.00", "92.00", "100.00", "100", "优")
    assert runner.invoke(app, ["perf", "rules"]).output.startswith("caiyu-2020-10")


def test_a_wrong_claimed_score_is_an_input_error_with_its_cell(tmp_path, example_report):
    indicators = list(example_report.performance.indicators)
    indicators[0] = indicators[0].model_copy(update={"actual": "225"})   # half of 450: 10 of 20 points
    report = example_report.model_copy(update={"performance": example_report.performance.model_copy(
        update={"indicators": indicators})})
    source = tmp_path / "data.json"
    source.write_text(report.model_dump_json(), encoding="utf-8")
    _, problems = read_report(source)
    messages = [str(p) for p in problems if p.severity.value == "error"]
    assert any("惠及企业金额」得分 20，按计分规则" in m and "应为 10.00" in m for m in messages), messages
    assert runner.invoke(app, ["perf", "score", str(source)]).exit_code == 2


def test_the_seed_performance_tables_are_read():
    doc = read_document(SEED)
    tables = {t.name or "部门整体": t for t in doc.perf_tables}
    assert len(doc.perf_tables) == 7
    central = next(t for t in doc.perf_tables if t.name == "中央中小企业发展专项资金")
    assert (central.budget, central.executed, central.rate_weight, central.goal_weight, central.total) == \
        (D(450), D(450), D(20), D(80), D(100))
    assert [i.score for i in central.indicators] == [D(20)] * 4
    assert [name for name, on in tables["疫情防控经费"].choices["项目类别"] if on] == ["区级专项", "上级转移支付项目"]
    base = tables["企业和人才服务基地专项经费"]
    first = base.indicators[0]
    assert (first.name, first.target, first.actual) == ("企业资源对接活动场数", "100场", "123场")
    whole = tables["部门整体"]
    assert len(whole.indicators) >= 25 and whole.indicators[0].name == "政策宣传量"


def test_the_example_attachment_is_generated_and_passes_every_p_rule():
    report = load_report(EXAMPLE)
    doc = build_document(report, api.tables(report), "example")
    assert len(doc.perf_tables) == len(report.performance.evaluations) == 8
    paragraph = next(p.text for p in doc.paragraphs if "涉及项目" in p.text)
    assert "涉及项目7个，资金26,863.40万元" in paragraph and "优7个" in paragraph
    for source in (doc, read_text(document_text(doc), "example.txt")):
        result = run(source, [r for r in REGISTRY.values() if r.family == "P" or r.id.startswith("N00")])
        assert result.findings == [], [f.message for f in result.findings]
        statuses = {o.rule: o.status for o in result.outcomes}
        assert all(statuses[f"P00{n}"] is Status.PASSED for n in range(1, 10))


def test_generated_performance_tables_read_back_unchanged():
    report = load_report(EXAMPLE)
    doc = build_document(report, api.tables(report), "example")
    back = read_text(document_text(doc), "example.txt")
    fields = ("name", "budget", "executed", "rate_text", "rate_score", "rate_weight", "goal_weight", "total", "choices")
    for written, read in zip(doc.perf_tables, back.perf_tables, strict=True):
        assert [getattr(read, f) for f in fields] == [getattr(written, f) for f in fields]
        assert [(i.name, i.target, i.actual, i.weight, i.score) for i in read.indicators] == \
            [(i.name, i.target, i.actual, i.weight, i.score) for i in written.indicators]
