"""Whatever people feed it: fuzzed text, PDF, DOCX and workbook inputs end in a document, a finding or
a clear error — never a crash; zip bombs, deep JSON and huge inputs are refused; an interrupted build
keeps the previous output; the Dask executor gives the same findings as the local one."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, CORPUS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juesuan import api
from juesuan.inputs import read_report
from juesuan.parse import ReadError, read_bytes

SMALL_PDF = (CORPUS / "pdf" / "shanghai-putuo-shgzb-2024.pdf").read_bytes()
FUZZ = settings(max_examples=60, deadline=20_000, suppress_health_check=[HealthCheck.too_slow])

# pieces real reports are made of, so that random text reaches deep into the reader
TOKENS = ["=== page 3 ===", "--- table ---", "收入决算表", "支出决算表", "单位：万元", "单位：元", "合计", "总计",
          "201", "20103", "2010301", "一般公共服务支出", "行政运行", "1,234.56", "0.00", "-5", "\t", "  ", "\n",
          "第三部分", "一、", "（一）", "三公", "经费", "万元", "增加", "减少", "%", "。", "项目", "本年支出合计",
          "基本支出", "项目支出", "☑", "□", "(20分)", "目录", "人员经费合计", "科目编码", "科目名称", "决算数"]


def _readable_or_refused(data: bytes, name: str):
    """The rule under fuzzing: a Document whose check runs, or a ReadError — nothing else."""
    try:
        doc = read_bytes(data, name, ocr=False)
    except ReadError as exc:
        assert str(exc).startswith(name)
        return None
    api.check_document(doc)
    return doc


@FUZZ
@given(st.lists(st.sampled_from(TOKENS) | st.text(max_size=8), max_size=300))
def test_fuzzed_report_text(tokens):
    _readable_or_refused("".join(tokens).encode("utf-8"), "fuzz.txt")


HTML_TOKENS = ["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th colspan=3>", "<td rowspan=99>",
               "<td colspan=0>", "<caption>", "</caption>", "<p>", "</p>", "<br>", "<div>", "</div>", "<!--", "-->",
               "<script>", "</script>", "<meta charset='gb2312'>", "&gt;", "&#0;", *TOKENS]


@FUZZ
@given(st.lists(st.sampled_from(HTML_TOKENS) | st.text(max_size=8), max_size=300))
def test_fuzzed_web_page(tokens):
    _readable_or_refused(("<!DOCTYPE html><html><body>" + "".join(tokens)).encode("utf-8"), "fuzz.html")


def test_a_web_page_nested_beyond_reason_is_read_or_refused():
    deep = "<!DOCTYPE html><html><body>" + "<div>" * 20000 + "收入决算表" + "</div>" * 20000 + "</body></html>"
    _readable_or_refused(deep.encode("utf-8"), "deep.html")


@FUZZ
@given(st.binary(max_size=4000), st.sampled_from(["x.txt", "x.pdf", "x.docx", "x.xlsx", "x.xls", "x.md", "x.html"]))
def test_random_bytes_under_any_name(data, name):
    _readable_or_refused(data, name)


@FUZZ
@given(st.data())
def test_damaged_pdf(data):
    """The corpus PDF truncated and with bytes overwritten at random places."""
    pdf = bytearray(SMALL_PDF[: data.draw(st.integers(100, len(SMALL_PDF)), label="length")])
    for _ in range(data.draw(st.integers(0, 20), label="flips")):
        pdf[data.draw(st.integers(0, len(pdf) - 1))] = data.draw(st.integers(0, 255))
    _readable_or_refused(bytes(pdf), "damaged.pdf")


@pytest.fixture(scope="module")
def example_docx(built):
    return (built / "report.docx").read_bytes()


@settings(max_examples=30, deadline=20_000, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(st.data())
def test_damaged_docx_and_workbook(example_docx, tmp_path_factory, data):
    for original, name in ((example_docx, "damaged.docx"), (EXAMPLE.read_bytes(), "damaged.xlsx")):
        damaged = bytearray(original[: data.draw(st.integers(50, len(original)))])
        for _ in range(data.draw(st.integers(0, 10))):
            damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
        _readable_or_refused(bytes(damaged), name)
        path = tmp_path_factory.mktemp("wb") / "data.xlsx"
        path.write_bytes(bytes(damaged))
        report, problems = read_report(path)      # the input loader: problems, never an exception
        assert report is not None or problems


@FUZZ
@given(st.lists(st.tuples(st.sampled_from(["收支明细", "基本情况", "三公经费"]), st.integers(2, 40),
                          st.integers(1, 12), st.one_of(st.text(st.characters(blacklist_categories=("Cc", "Cs")),
                                                                 max_size=12), st.floats(allow_nan=True),
                                                         st.integers(), st.none())), max_size=25))
def test_fuzzed_workbook_cells(tmp_path_factory, edits):
    from openpyxl import load_workbook

    book = load_workbook(EXAMPLE)
    for sheet, row, column, value in edits:
        if sheet in book.sheetnames:
            book[sheet].cell(row=row, column=column, value=value)
    path = tmp_path_factory.mktemp("cells") / "data.xlsx"
    book.save(path)
    report, problems = read_report(path)
    assert report is not None or problems
    assert all(str(p.location).startswith("data.xlsx") for p in problems)


def _bomb(kind: str) -> bytes:
    buffer = io.BytesIO()
    member = "word/document.xml" if kind == "docx" else "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open(member, "w", force_zip64=True) as handle:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(400):                 # 400 MB of zeros, about 400 KB compressed
                handle.write(chunk)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["docx", "xlsx"])
def test_zip_bombs_are_refused(tmp_path, kind):
    data = _bomb(kind)
    with pytest.raises(ReadError, match="上限|压缩炸弹"):
        read_bytes(data, f"bomb.{kind}")
    if kind == "xlsx":
        path = tmp_path / "bomb.xlsx"
        path.write_bytes(data)
        report, problems = read_report(path)
        assert report is None and "上限" in problems[0].message


def test_deeply_nested_json_is_an_input_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    report, problems = read_report(path)
    assert report is None and "嵌套过深" in problems[0].message


def test_wrong_encoding_is_read_or_refused():
    text = "第三部分 情况说明\n本年收入合计 100.00 万元。\n"
    for encoding in ("gb18030", "utf-16", "big5"):
        _readable_or_refused(text.encode(encoding, errors="replace"), f"report-{encoding}.txt")


def test_an_interrupted_build_keeps_the_previous_output(tmp_path, monkeypatch):
    out = tmp_path / "out"
    assert api.build(EXAMPLE, out, formats=("json", "txt")).ok
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("juesuan.render.text.document_text", interrupted)
    with pytest.raises(KeyboardInterrupt):
        api.build(EXAMPLE, out, formats=("json", "txt"))
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before   # no scratch folder, old files intact


def test_the_pipeline_is_deterministic():
    from juesuan.batch import pipeline

    data = (CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt").read_bytes()
    first, second = pipeline("a.txt", data), pipeline("a.txt", data)
    assert first[0] == second[0] and first[0]["year"] == 2025
    assert [f.to_dict() for f in first[1].findings] == [f.to_dict() for f in second[1].findings]
    with pytest.raises(ValueError, match="规则版本"):
        pipeline("a.txt", data, ruleset="juesuan-rules-0")


def test_a_local_dask_cluster_gives_the_same_findings_as_local_workers():
    from juesuan.batch import check_many

    files = [*sorted((CORPUS / "text").glob("*.txt")), CORPUS / "pdf" / "shanghai-putuo-shgzb-2024.pdf"]
    local = check_many(files, jobs=2)
    dask = check_many(files, jobs=2, executor="dask")

    def findings(results):
        return [(d.path, json.dumps([f.to_dict() for f in d.result.findings], ensure_ascii=False, default=str))
                for d in results]

    assert findings(dask) == findings(local) and all(not d.failure for d in dask)


def test_ingest_on_dask_stores_the_same_rows(tmp_path):
    from juesuan.batch import ingest
    from juesuan.store.schema import connect

    files = sorted((CORPUS / "text").glob("*.txt"))
    counts = []
    for executor in ("local", "dask"):
        db = tmp_path / f"{executor}.duckdb"
        assert len(ingest(files, db, jobs=2, executor=executor).added) == 3
        con = connect(db, read_only=True)
        counts.append(con.execute("SELECT d.source, count(*), sum(amount) FROM amounts a JOIN documents d "
                                  "ON d.id = a.document_id GROUP BY 1 ORDER BY 1").fetchall())
        con.close()
    assert counts[0] == counts[1]


def test_path_like_names_do_not_escape(tmp_path):
    """A report named like a path is read as a name; batch output keeps it as given."""
    weird = tmp_path / "..%2f..%2fetc%2fpasswd.txt"
    weird.write_bytes((CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt").read_bytes())
    result = api.check(Path(weird))
    assert result.source == weird.name


def test_a_100k_character_line_does_not_stall_the_title_reader():
    """`identity.from_title`'s patterns are quadratic in a line's length (40,000 characters took 113 s):
    a title line is read from its first characters only. An alarm turns a regression into a failure."""
    import signal

    from juesuan.parse import read_text

    def stalled(*_):
        raise TimeoutError("the title reader stalled on a long line")

    previous = signal.signal(signal.SIGALRM, stalled)
    signal.alarm(20)
    try:
        doc = read_text("某" * 100_000 + "\n武汉市武昌区某局2023年度部门决算\n", "long.txt")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert (doc.department, doc.year) == ("武汉市武昌区某局", 2023)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "utf-32-le", "utf-32-be"])
def test_a_text_report_in_any_documented_encoding_reads_the_same(encoding):
    """Detected, not guessed: BOM, the zero bytes of UTF-16/32 (with or without BOM), strict UTF-8,
    then a detector for the Chinese encodings."""
    from juesuan.parse import read_bytes

    text = (CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt").read_text(encoding="utf-8")
    doc = read_bytes(text.encode(encoding), "report.txt")
    assert (doc.department, doc.year, len(doc.tables)) == ("上海市普陀区生态环境局", 2025, 9)


def test_corrupt_utf8_and_random_bytes_are_refused_not_read_as_garbage():
    import os

    from juesuan.parse import ReadError, read_bytes

    data = bytearray((CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt").read_bytes())
    data[1001], data[5003] = 0xFF, 0xFE
    for bad in (bytes(data[:len(data) // 2 * 2]), os.urandom(20_000)):
        with pytest.raises(ReadError):
            read_bytes(bad, "report.txt")


def test_a_web_page_in_utf16_or_utf32_reads_as_a_web_page():
    from juesuan.parse import read_bytes

    page = "<html><body><p>武汉市武昌区某局2023年度部门决算</p></body></html>"
    for encoding in ("utf-16", "utf-32", "utf-16-le"):
        doc = read_bytes(page.encode(encoding), "page.html")
        assert (doc.department, doc.year) == ("武汉市武昌区某局", 2023), encoding


def test_merged_cells_spread_beyond_any_report_table_are_refused():
    """colspan and rowspan of 100 on every cell once took 2.7 GB."""
    from juesuan.parse import ReadError, read_bytes

    cells = '<td colspan="100" rowspan="100">x</td>' * 30
    page = "<html><body><table>" + f"<tr>{cells}</tr>" * 30 + "</table></body></html>"
    with pytest.raises(ReadError, match="page.html: 网页中的表格合并单元格展开后超过"):
        read_bytes(page.encode("utf-8"), "page.html")


def test_a_huge_page_is_rendered_for_ocr_within_the_pixel_bound(monkeypatch):
    """A 794-byte PDF with a 10,000 pt page once asked for a 10 GB render."""
    from types import SimpleNamespace

    from PIL import Image

    from juesuan.parse import ocr, pdfpage

    asked = []

    def render(page, dpi):
        asked.append(dpi)
        return Image.new("RGB", (8, 8), "white")
    monkeypatch.setattr(pdfpage, "render", render)
    ocr.ocr_page_lines(SimpleNamespace(width=10_000.0, height=10_000.0))
    (dpi,) = asked
    assert (10_000 * dpi / 72) ** 2 <= ocr.MAX_PIXELS and dpi < ocr.RESOLUTION


def test_the_first_ctrl_c_ends_a_batch_within_seconds_and_writes_nothing(tmp_path):
    """Issue 23.8: the first Ctrl-C waited for the whole queue (66 s); now the queue is dropped."""
    import shutil
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(120):        # two minutes of work, one worker
        shutil.copy(CORPUS / "seeds" / "000_105574f5e848fce4.txt", folder / f"r{i}.txt")
    out = tmp_path / "all.json"
    run = subprocess.Popen([sys.executable, "-m", "juesuan.cli", "check", str(folder), "-j", "1", "-o", str(out)],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(4)
    run.send_signal(signal.SIGINT)
    started = time.monotonic()
    run.wait(timeout=30)
    assert time.monotonic() - started < 10 and run.returncode != 0 and not out.exists()


def test_ocr_stops_at_its_page_limit_and_says_so(tmp_path, monkeypatch):
    """Issue 23.7: 200 scanned pages were all rendered and read (330 s, 3.25 GB) with no page limit."""
    from PIL import Image

    from juesuan.parse import ocr
    from juesuan.parse.pdf import read_pdf

    pages = [Image.new("RGB", (200, 280), "white") for _ in range(3)]
    scanned = tmp_path / "scanned.pdf"
    pages[0].save(scanned, "PDF", save_all=True, append_images=pages[1:])
    read = []
    monkeypatch.setattr(ocr, "MAX_PAGES", 1)
    monkeypatch.setattr(ocr, "ocr_page_lines", lambda page: read.append(page.number) or [])
    doc = read_pdf(scanned.read_bytes(), "scanned.pdf")
    assert read == [1]      # page 1 was tried (and held no text); the limit spares pages 2 and 3
    limited = [why for _, why in doc.unreadable if "OCR 的上限" in why]
    assert len(limited) == 2 and "JUESUAN_LIMIT_OCR_PAGES" in limited[0]


def test_the_page_character_limit_counts_printed_characters_and_names_itself(monkeypatch):
    """Issue 23.7: the limit counted PDFium's added line breaks, then blamed a scan or ToUnicode."""
    import pypdfium2 as pdfium

    from juesuan.parse import pdf as pdf_module
    from juesuan.parse import pdfpage

    document = pdfium.PdfDocument(SMALL_PDF)
    text = document[0].get_textpage().get_text_range()
    printed, counted = len("".join(text.split())), document[0].get_textpage().count_chars()
    document.close()
    assert counted > printed
    monkeypatch.setattr(pdfpage, "MAX_CHARS", printed)            # PDFium's count is over, the print is not
    assert next(pdfpage.pages(SMALL_PDF)).overfull is False
    monkeypatch.setattr(pdfpage, "MAX_CHARS", 10)
    monkeypatch.setattr(pdf_module, "MAX_CHARS", 10)
    doc = pdf_module.read_pdf(SMALL_PDF, "small.pdf")
    messages = [why for _, why in doc.unreadable]
    assert messages and all("超过每页 10 个的上限" in m and "ToUnicode" not in m for m in messages)


def test_limits_are_configured_by_environment(monkeypatch):
    from juesuan.limits import LIMITS, limit

    monkeypatch.setenv("JUESUAN_LIMIT_OCR_PAGES", "300")
    assert limit("ocr_pages") == 300
    monkeypatch.setenv("JUESUAN_LIMIT_OCR_PAGES", "lots")
    assert limit("ocr_pages") == LIMITS["ocr_pages"][0]
    from juesuan.limits import markdown

    docs = Path(__file__).resolve().parents[1] / "docs" / "limits.md"
    assert markdown() in docs.read_text(encoding="utf-8")      # the documented table is the real one


def _children(pid: int) -> set[int]:
    from pathlib import Path as P

    found = set()
    for task in P(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    import os

    try:
        os.kill(pid, 0)
        status = open(f"/proc/{pid}/stat").read().split(")")[-1].split()[0]
        return status != "Z"
    except (ProcessLookupError, FileNotFoundError):
        return False


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize("how", ["SIGTERM", "SIGKILL"])
def test_a_killed_build_leaves_no_scratch_folder_and_no_orphan_worker(tmp_path, how):
    """Issue 23.5: a kill left `.juesuan-*/` scratch folders and (5 of 7 kills) an orphaned PDF worker."""
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "out"
    command = [sys.executable, "-m", "juesuan.cli", "build", str(EXAMPLE), "-o", str(out)]
    run = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, children = time.monotonic() + 60, set()
    while time.monotonic() < deadline and not (list(out.glob(".juesuan-*")) and children):
        children = _children(run.pid)
        time.sleep(0.05)
    assert children, "the build never started its PDF worker"
    run.send_signal(getattr(signal, how))
    run.wait(timeout=30)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(c) for c in children):
        time.sleep(0.1)
    assert not any(_alive(c) for c in children)
    assert not list(out.glob("report.*"))        # nothing half-made reached the output folder
    if how == "SIGKILL":                         # no clean-up could run: the next build does it
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert not list(out.glob(".juesuan-*"))
