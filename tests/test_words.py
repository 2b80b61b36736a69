"""Numbers into words: the zero cases DOMAIN §4 forbids never produce a percentage or a direction."""

from decimal import Decimal as D

from juesuan.derive.words import change, compare, percent


def test_change_direction_and_rate():
    up, down = change(D("27266.89"), D("19425.07")), change(D(50), D(100))
    assert (up.kind, up.word, up.rate_word, up.delta, up.percent) == ("up", "增加", "增长", "7,841.82", "40.4%")
    assert (down.kind, down.word, down.percent) == ("down", "减少", "50.0%")


def test_no_rate_from_a_zero_base_and_no_direction_when_equal():
    assert change(D(5), D(0)).kind == "new" and change(D(5), D(0)).percent is None
    same = change(D(0), D(0))
    assert same.kind == "same" and same.word == "持平" and same.percent is None
    assert change(D(1), None).kind == "unknown"
    assert change(D("1.004"), D("1.001")).kind == "same"   # equal as printed


def test_compare_and_percent_zero_cases():
    assert compare(D(0), D(0)) is None and compare(D(0), None) is None
    assert [compare(D(2), D(1)), compare(D(1), D(2)), compare(D(1), D(1))] == ["大于", "小于", "等于"]
    assert percent(D(5), D(0)) is None and percent(D(1), D(3)) == "33.3%" and percent(D(1), D(8), 2) == "12.50%"


def test_prior_year_figures_in_yuan_are_compared_in_wan(example_report):
    from decimal import Decimal

    from juesuan import api
    from juesuan.derive import build_document
    from juesuan.money import Unit

    def in_yuan(value):
        return None if value is None else value * 10000

    lines = [ln.model_copy(update={f: in_yuan(getattr(ln, f)) for f in type(ln).model_fields
                                   if isinstance(getattr(ln, f), Decimal)}) for ln in example_report.lines]
    economic = [e.model_copy(update={"amount": in_yuan(e.amount)}) for e in example_report.economic]
    prior = example_report.prior.model_copy(update={k: in_yuan(v) for k, v in example_report.prior.model_dump().items()})
    report = example_report.model_copy(update={"unit": Unit.YUAN, "lines": lines, "economic": economic, "prior": prior})
    text = "".join(p.text for p in build_document(report, api.tables(report)).paragraphs)
    assert "收、支总计增加7,841.82万元，增长40.4%" in text
