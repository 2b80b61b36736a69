import json
import subprocess
import sys

import jsonschema
from pathlib import Path
import pytest
from conftest import EXAMPLE, SEED
from typer.main import get_command
from typer.testing import CliRunner

from juesuan import api
from juesuan.cli import app, main
from juesuan.model import Report

runner = CliRunner()


def commands(group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,), command
        if hasattr(command, "commands"):
            yield from commands(command, prefix + (name,))


@pytest.mark.parametrize("path", [p for p, _ in commands(get_command(app))], ids=" ".join)
def test_every_command_explains_itself(path):
    command = dict(commands(get_command(app)))[path]
    assert command.help and len(command.help) > 10
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0


def test_schema_describes_the_json_input_and_the_example_validates(tmp_path, example_report):
    result = runner.invoke(app, ["schema", "-o", str(tmp_path / "schema.json")])
    assert result.exit_code == 0
    schema = json.loads((tmp_path / "schema.json").read_text(encoding="utf-8"))
    data = json.loads(example_report.model_dump_json())
    jsonschema.validate(data, schema)
    assert "loc" not in json.dumps(schema["$defs"]["SubjectLine"]["properties"])


def test_json_input_builds_the_same_tables_as_the_workbook(tmp_path, example_report):
    source = tmp_path / "data.json"
    source.write_text(example_report.model_dump_json(indent=2), encoding="utf-8")
    assert api.build(source, tmp_path / "from-json", formats=("json",)).ok
    assert api.build(EXAMPLE, tmp_path / "from-xlsx", formats=("json",)).ok
    ours = json.loads((tmp_path / "from-json" / "report.json").read_text(encoding="utf-8"))
    theirs = json.loads((tmp_path / "from-xlsx" / "report.json").read_text(encoding="utf-8"))
    assert ours["tables"] == theirs["tables"]


def test_json_errors_name_their_path(tmp_path, example_report):
    data = json.loads(example_report.model_dump_json())
    data["lines"][2]["inc_general"] = "abc"
    source = tmp_path / "data.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(source)])
    assert result.exit_code == 2
    assert "data.json:/lines/2/inc_general" in result.output


def test_consolidated_report_is_the_exact_sum_of_its_units(tmp_path, example_report):
    # Split the example's 项目 lines between 本级 and one 所属单位 (half each, to the cent);
    # 基本支出 stays with 本级, where its 经济分类 detail is.
    from decimal import Decimal

    units = [example_report.department.name, "某所属单位"]
    lines = []
    for line in example_report.lines:
        if line.exp_general_basic is not None:
            lines.append(line)
            continue
        values = {f: v for f, v in line.model_dump().items() if isinstance(v, Decimal)}
        half = {f: (v / 2).quantize(Decimal("0.01")) for f, v in values.items()}
        lines.append(line.model_copy(update=half))
        lines.append(line.model_copy(update={"unit": units[1], **{f: values[f] - half[f] for f in values}}))
    economic = [e.model_copy(update={"unit": None}) for e in example_report.economic]
    combined = example_report.model_copy(update={
        "department": example_report.department.model_copy(update={"units": units}),
        "lines": lines, "economic": economic})
    source = tmp_path / "combined.json"
    source.write_text(combined.model_dump_json(), encoding="utf-8")
    whole = {t.key: t for t in api.tables(Report.model_validate_json(source.read_text(encoding="utf-8")))}
    assert whole["expenditure"].cell("total", "total") == Decimal("27266.89")
    # a unit's own report has no 绩效 evaluations of its own: its text marks that 【待补充】, a draft
    result = api.build(source, tmp_path / "unit", unit_name="某所属单位", formats=("json",), draft=True)
    assert result.ok and json.loads(result.files[0].read_text(encoding="utf-8"))["department"] == "某所属单位"
    one = api.tables(combined.for_unit("某所属单位"))
    mine = {t.key: t for t in one}["income"]
    base = {t.key: t for t in api.tables(combined.for_unit(units[0]))}["income"]
    assert mine.cell("total", "total") + base.cell("total", "total") == whole["income"].cell("total", "total")


@pytest.mark.parametrize("args", [
    ["build", str(EXAMPLE), "-o", "{file}", "--format", "json"],
    ["build", str(EXAMPLE), "-o", "{file}/out", "--format", "pdf,txt"],
    ["check", str(SEED), "-o", "{file}/findings.json", "--format", "json"],
    ["init", "{file}/blank.xlsx"],
], ids=["build-into-a-file", "build-under-a-file", "check", "init"])
def test_a_path_the_system_refuses_ends_with_a_message_and_exit_code_2(args, tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "report.txt"    # a file where the command needs a folder
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["juesuan", *[a.format(file=blocker) for a in args]])
    with pytest.raises(SystemExit) as stop:
        main()
    assert stop.value.code == 2
    message = capsys.readouterr().err
    assert str(blocker) in message and "文件" in message and "Traceback" not in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]   # nothing half-written beside it


def test_check_writes_every_findings_format_of_the_registry_for_one_report_and_a_batch(tmp_path):
    from conftest import CORPUS

    from juesuan.render.formats import FINDINGS_FORMATS

    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("shanghai-putuo-sthjj-2025.txt", "shanghai-putuo-whlyj-2025.txt"):
        (folder / name).write_bytes((CORPUS / "text" / name).read_bytes())
    one = api.check(SEED)
    for name, kind in FINDINGS_FORMATS.items():
        single = tmp_path / f"one{kind.suffix}"
        assert runner.invoke(app, ["check", str(SEED), "--format", name, "-o", str(single)]).exit_code == 1
        assert single.read_bytes() == kind.one(one) or kind.binary   # xlsx: same content, not byte-compared
        many = tmp_path / f"many{kind.suffix}"
        runner.invoke(app, ["check", str(folder), "--format", name, "-o", str(many)])
        assert many.stat().st_size > 0
    page = (tmp_path / "many.html").read_text(encoding="utf-8")
    assert "2 份报告" in page                                   # one page over the batch
    refused = runner.invoke(app, ["check", str(SEED), "--format", "xlsx"])
    assert refused.exit_code == 2 and "须用 -o" in refused.output


def test_version_is_printed_without_loading_the_engine():
    import subprocess
    import sys

    from juesuan import __version__

    code = ("import sys; sys.argv = ['juesuan', '--version']\nfrom juesuan.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('juesuan.api', 'juesuan.rules', 'juesuan.model', 'openpyxl') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.splitlines() == [f"juesuan {__version__}", "[]"]


def test_parse_refuses_an_impossible_year_and_writes_both_files_or_neither(tmp_path):
    from conftest import CORPUS

    source = str(CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt")
    refused = runner.invoke(app, ["parse", source, "-o", str(tmp_path / "a.json"), "--year", "1800"])
    assert refused.exit_code == 2 and "1990 与 2100" in refused.output and not list(tmp_path.iterdir())
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder", encoding="utf-8")
    out = tmp_path / "d" / "x.json"
    out.parent.mkdir()
    failed = subprocess.run([sys.executable, "-m", "juesuan.cli", "parse", source, "-o", str(out),
                             "--document", str(blocker / "x.document.json")], capture_output=True, text=True)
    assert failed.returncode == 2 and not out.exists()


@pytest.mark.parametrize("command", ["check", "parse"])
def test_a_single_file_command_has_a_time_limit_too(monkeypatch, tmp_path, command):
    import time

    monkeypatch.setattr(api, command, lambda *args, **kwargs: time.sleep(10))
    started = time.perf_counter()
    result = runner.invoke(app, [command, str(SEED), "--timeout", "1", *(["-o", str(tmp_path / "r.json")]
                                                                         if command == "parse" else [])])
    assert result.exit_code == 2 and "超过 1 秒的时限" in result.output and not list(tmp_path.iterdir())
    assert time.perf_counter() - started < 8


def test_a_batch_written_to_a_file_lists_a_capped_summary_and_plain_progress(tmp_path, monkeypatch):
    """Issue 23.8: the summary table was drawn for every document even with -o (90 s for 40,000 rows),
    and nothing showed progress when stderr was not a terminal."""
    from conftest import CORPUS

    import juesuan.cli.stream as stream
    from juesuan.cli.common import PlainProgress

    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("shanghai-putuo-sthjj-2025.txt", "shanghai-putuo-whlyj-2025.txt", "shanghai-putuo-shiquanlu-2025.txt"):
        (folder / name).write_bytes((CORPUS / "text" / name).read_bytes())
    monkeypatch.setattr(stream, "SUMMARY_ROWS", 1)
    monkeypatch.setattr(PlainProgress, "EVERY", 0.0)
    result = runner.invoke(app, ["check", str(folder), "--format", "json", "-o", str(tmp_path / "all.json")])
    assert "另有 2 份，见输出文件" in result.output and "审核中：3/3" in result.output
    assert len(json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))["documents"]) == 3


def test_xlsx_past_excels_row_limit_is_refused_with_a_message(monkeypatch):
    from juesuan.render import findings

    monkeypatch.setattr(findings, "EXCEL_ROWS", 2)
    result = runner.invoke(app, ["check", str(SEED.parent), "--format", "xlsx", "-o", "/tmp/never.xlsx"])
    assert result.exit_code == 2 and "超过 Excel 一张表 2 行的上限" in result.output


def test_a_report_with_gaps_is_built_only_as_a_draft(tmp_path):
    """Issue 22.4: 【待补充】 was only a build warning, and N008 did not see it in the built file."""
    from docx import Document as Docx
    from helpers import without_reasons

    source = tmp_path / "gaps.json"
    source.write_bytes(without_reasons())
    refused = runner.invoke(app, ["build", str(source), "-o", str(tmp_path / "final"), "--format", "txt,pdf,docx"])
    assert refused.exit_code == 1 and "文中有 2 处【待补充】" in refused.output and "--draft" in refused.output
    assert not (tmp_path / "final").exists() or not list((tmp_path / "final").glob("report.*"))
    draft = runner.invoke(app, ["build", str(source), "-o", str(tmp_path / "draft"), "--format", "txt,pdf,docx",
                                "--draft"])
    assert draft.exit_code == 0 and "已生成草稿" in draft.output
    import pypdfium2

    pdf = pypdfium2.PdfDocument((tmp_path / "draft" / "report.pdf").read_bytes())
    assert all("草稿" in pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
    assert Docx(tmp_path / "draft" / "report.docx").sections[0].header.paragraphs[0].text == "草稿"
    checked = runner.invoke(app, ["check", str(tmp_path / "draft" / "report.txt"), "--select", "N008"])
    assert checked.exit_code == 1 and checked.output.count("【待补充") >= 2


def test_build_reads_back_what_it_wrote_and_refuses_a_file_that_fails(tmp_path, monkeypatch):
    """Issue 22.1: build checked only its text; a table drawn or read wrongly in the PDF went out."""
    from juesuan.findings import Finding, Location, Severity

    checked = []
    real = api.check

    def check(path, *args, **kwargs):
        checked.append(Path(path).name)
        result = real(path, *args, **kwargs)
        if Path(path).name == "report.docx":      # as if its 三公 table were drawn with a column shifted
            result.findings.append(Finding("T013", Severity.ERROR, "三公", "决算数合计：表中为 0.01", Location("report.docx")))
        return result

    monkeypatch.setattr(api, "check", check)
    out = tmp_path / "out"
    refused = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(out), "--format", "txt,docx,html"])
    assert sorted(checked) == ["report.docx", "report.html"]
    assert refused.exit_code == 1 and "读回 report.docx 审核发现 1 个问题" in refused.output
    assert not list(out.glob("report.*"))
    forced = runner.invoke(app, ["build", str(EXAMPLE), "-o", str(out), "--format", "txt,docx,html", "--force"])
    assert forced.exit_code == 0 and (out / "report.docx").exists()


def test_validate_names_the_cell_of_each_gap_the_text_would_mark(tmp_path):
    """Issue 22.3: validate said 输入无误 and build then marked 【待补充】; now validate says where to write it."""
    from openpyxl import load_workbook

    book = load_workbook(EXAMPLE)
    lines = book["收支明细"]
    column = [c.value for c in lines[1]].index("决算数与年初预算数差异的原因") + 1
    row = next(r for r in range(2, lines.max_row + 1) if lines.cell(r, 2).value == "2010350")
    lines.cell(row, column).value = None
    texts = book["文字说明"]
    texts_row = next(r for r in range(2, texts.max_row + 1) if "收入较上年" in str(texts.cell(r, 1).value))
    texts.cell(texts_row, 2).value = None
    source = tmp_path / "data.xlsx"
    book.save(source)
    result = runner.invoke(app, ["validate", str(source)])
    letter = lines.cell(row, column).column_letter
    assert f"data.xlsx:收支明细!{letter}{row}: warning: 生成的文字将缺少：2010350 事业运行" in result.output
    assert f"data.xlsx:文字说明!B{texts_row}: warning: 生成的文字将缺少：收入变化原因" in result.output
    assert result.exit_code == 0 and "有 2 处说明缺少内容" in result.output
