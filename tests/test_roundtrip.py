"""The parsed Report is complete: what a published narrative states and the model holds (each 项's 年初
预算, last year's totals implied by the stated changes, 三公 items' prior amounts, 机关运行经费, 政府采购
by kind, vehicles by kind) is read into the Report, and `juesuan build parsed.json` regenerates it —
read back from the rebuilt report, every such figure is the same."""

from decimal import Decimal
from pathlib import Path

import pytest
from conftest import CORPUS, SEED

from juesuan import api
from juesuan.inputs import load_report
from juesuan.model import Report


def facts(report: Report) -> dict[tuple[str, str], object]:
    """The figures of a Report that only the narrative states."""
    found: dict[tuple[str, str], object] = {("budget", line.code): line.budget_initial for line in report.lines
                                            if line.budget_initial is not None and len(line.code) == 7}
    found |= {("prior", k): v for k, v in report.prior.model_dump().items() if v is not None}
    found |= {("三公 prior", k): v for k, v in report.sangong.prior.model_dump().items() if v is not None}
    found |= {("机关运行经费", k): getattr(report.running_cost, k) for k in ("amount", "prior")
              if getattr(report.running_cost, k) is not None}
    found |= {("政府采购", k): v for k, v in report.procurement.model_dump().items()
              if isinstance(v, Decimal)}
    found |= {("车辆", k): v for k, v in report.assets.vehicles.items()}
    return found


def rebuilt(report: Report, work: Path) -> Report:
    """The report built from ``report`` (as `juesuan build parsed.json` would), read back."""
    source = work / "parsed.json"
    source.write_text(report.model_dump_json(exclude_defaults=True), encoding="utf-8")
    result = api.build(source, work / "out", formats=("txt",), force=True)
    assert result.files, [str(p) for p in result.problems if p.severity.value == "error"][:3]
    return api.parse(work / "out" / "report.txt").report


def test_the_example_read_back_from_its_pdf_states_what_its_workbook_holds(built, example_report, tmp_path):
    parsed = api.parse(built / "report.pdf").report
    read = facts(parsed)
    held = facts(example_report)
    # every figure the built narrative prints comes back equal; the ones it does not print stay blank:
    # last year's 基本/项目支出 and the 三公 items' prior amounts (the layout prints no such comparison
    # when there is no 三公 spending)
    unprinted = {("prior", "basic"), ("prior", "project"),
                 *(("三公 prior", item) for item in ("abroad", "vehicle_purchase", "vehicle_operation", "reception"))}
    assert {k: v for k, v in held.items() if k not in unprinted} == read
    assert parsed.texts.income_change_reason == example_report.texts.income_change_reason
    assert parsed.texts.key_work == example_report.texts.key_work
    assert facts(rebuilt(parsed, tmp_path)) == read


# the Shanghai layout prints no per-item 三公 comparison with last year (issue 22), and a prior of 0 is
# said without a figure: those come back blank
NOT_PRINTED_BY_SHANGHAI = ("三公 prior",)


@pytest.mark.parametrize("name", ["seeds/000_105574f5e848fce4.txt", "text/shanghai-putuo-shiquanlu-2025.txt",
                                  "text/shanghai-putuo-sthjj-2025.txt", "pdf/shanghai-putuo-ghzyj-2024.pdf",
                                  "pdf/shanghai-putuo-shgzb-2024.pdf"])
def test_a_published_report_parsed_and_rebuilt_states_the_same_figures(name, tmp_path):
    parsed = api.parse(CORPUS / name).report
    read = facts(parsed)
    assert len(read) >= 15                                     # its narrative's figures were read
    if name.endswith("shgzb-2024.pdf"):
        # its SMEs won 21.07 万元 twice over in 21.07 万元 of 政府采购 (N019): that part cannot be built as stated
        assert parsed.procurement.sme_other_won == Decimal("21.07")
        parsed = parsed.model_copy(update={"procurement": parsed.procurement.model_copy(update={"sme_other_won": Decimal(0)})})
        read[("政府采购", "sme_other_won")] = Decimal(0)
    again = facts(rebuilt(parsed, tmp_path))
    lost = {k: v for k, v in read.items() if again.get(k) != v and not (
        k[0] in NOT_PRINTED_BY_SHANGHAI and parsed.profile == "shanghai-2024" or v == 0 and k not in again)}
    assert not lost, lost


def test_the_seed_narratives_budgets_are_the_items_of_its_tables():
    parsed = api.parse(SEED).report
    budgets = {line.code: line.budget_initial for line in parsed.lines if line.budget_initial is not None}
    example = {line.code: line.budget_initial for line in load_report(CORPUS.parent.parent / "examples" /
                                                                      "wuchang-2023" / "data.xlsx").lines}
    assert len(budgets) >= 20
    assert {c: v for c, v in budgets.items() if example.get(c) != v} == {}     # the officer's workbook agrees


def test_the_sangong_figures_a_narrative_states_fill_what_no_table_gives():
    from juesuan.model import SanGong
    from juesuan.parse import read_text
    from juesuan.parse.statements import sangong_stated

    doc = read_text("武汉市武昌区某局2023年度部门决算\n九、财政拨款“三公”经费支出决算情况说明\n"
                    "2023年度“三公”经费财政拨款支出年初预算为5.00万元，支出决算为3.20万元。其中：公务接待费年初预算为"
                    "5.00万元，支出决算为3.20万元，比上年减少1.80万元；因公出国（境）费支出决算为0万元，与上年持平。", "t.txt")
    said = sangong_stated(doc, SanGong())
    assert (said.budget.reception, said.actual.reception, said.prior.reception) == (Decimal("5.00"), Decimal("3.20"),
                                                                                     Decimal("5.00"))
    # "与上年持平" after a clause that mentions last year is still this year's amount
    assert (said.actual.abroad, said.prior.abroad) == (Decimal("0"), Decimal("0"))
    assert said.budget.abroad is None                       # not stated: blank, not zero


def test_shanghai_states_its_sme_reservations_as_its_template_does(tmp_path):
    """Shanghai's template states the 预留 amounts and who won them (not the 授予 amounts): read from
    规划和自然资源局 2024 and written again in its words."""
    parsed = api.parse(CORPUS / "pdf" / "shanghai-putuo-ghzyj-2024.pdf")
    bought = parsed.report.procurement
    assert (bought.sme_reserved, bought.small_micro_reserved, bought.sme_other_won) == \
        (Decimal("225.10"), Decimal("164.87"), Decimal("0.00"))
    (tmp_path / "data.json").write_text(api.report_json(parsed.report), encoding="utf-8")
    api.build(tmp_path / "data.json", tmp_path / "out", formats=("txt",), draft=True)
    text = (tmp_path / "out" / "report.txt").read_text(encoding="utf-8")
    assert "2024年度本部门面向中小企业预留政府采购项目预算金额225.10万元，面向小微企业预留政府采购项目预算金额164.87万元。" in text
    assert "在其他政府采购项目中，由中小企业供应商中标或成交的，采购金额0.00万元。" in text
    assert "授予中小企业" not in text
