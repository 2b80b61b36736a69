"""The web app: the three workflows through HTTP and in headless Chromium (Playwright with Debian's
chromium), and hostile uploads refused or escaped."""

import html
import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from conftest import CORPUS, EXAMPLE
from helpers import without_reasons
from fastapi.testclient import TestClient

from juesuan.web.app import create_app

PDF = CORPUS / "pdf" / "shanghai-putuo-shgzb-2024.pdf"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory):
    from juesuan.batch import ingest

    db = tmp_path_factory.mktemp("db") / "corpus.duckdb"
    result = ingest([PDF, *sorted((CORPUS / "text").glob("*.txt"))], db)
    assert not result.failed, result.failed
    return db


@pytest.fixture
def client(tmp_path, corpus_db):
    web = TestClient(create_app(tmp_path / "work", corpus_db))
    web.get("/prepare")
    return web


def _token(client) -> str:
    return client.cookies.get("juesuan_csrf")


def _wait_done(client, url: str) -> str:
    for _ in range(120):
        page = client.get(url).text
        if "已完成" in page:
            return page
        time.sleep(0.25)
    raise AssertionError("review did not finish")


def test_prepare_builds_the_report_and_offers_every_format(client):
    blank = client.get("/template.xlsx")
    assert blank.status_code == 200 and blank.content[:2] == b"PK"
    done = client.post("/prepare", files={"file": ("data.xlsx", EXAMPLE.read_bytes())}, data={"csrf": _token(client)})
    assert done.status_code == 200 and "报告已生成" in done.text
    links = re.findall(r'href="(/jobs/[0-9a-f]{32}/[a-z.]+)"', done.text)
    assert {link.rsplit("/", 1)[1] for link in links} == {"report.pdf", "report.docx", "tables.xlsx", "report.json",
                                                          "report.html", "report.txt"}
    assert client.get(links[0]).content[:5] == b"%PDF-"
    preview = client.get(next(link for link in links if link.endswith("report.html")))
    assert "default-src 'none'" in preview.headers["content-security-policy"]


def test_prepare_lists_input_errors_with_sheet_and_cell(client, tmp_path):
    from openpyxl import load_workbook

    book = load_workbook(EXAMPLE)
    book["收支明细"]["D3"] = "12,3a"
    broken = tmp_path / "broken.xlsx"
    book.save(broken)
    page = client.post("/prepare", files={"file": ("broken.xlsx", broken.read_bytes())}, data={"csrf": _token(client)})
    assert page.status_code == 422 and "收支明细!D3" in page.text and "未生成报告" in page.text


def test_review_checks_files_shows_pages_waives_and_exports(client):
    files = [("files", ("a report.pdf", PDF.read_bytes())),
             ("files", ("b.txt", (CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt").read_bytes()))]
    started = client.post("/review", files=files, data={"csrf": _token(client)}, follow_redirects=False)
    assert started.status_code == 303
    url = started.headers["location"]
    page = _wait_done(client, url)
    assert "a report.pdf" in page and "N007" in page
    image = re.search(r'href="(/review/[0-9a-f]{32}/page/0/\d+\.png[^"]*)"', page).group(1).replace("&amp;", "&")
    png = client.get(image)
    assert png.status_code == 200 and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    only = client.get(url, params={"severity": "error"}).text
    assert "N007" in only and "N019" in only and "<td>D006<br>" not in only and "共 6 条" in only   # N019, N007: true defects
    where = html.unescape(re.search(r'name="where" value="([^"]+)"', only).group(1))
    errors_before = client.get(f"{url}/export.json").json()["summary"]["errors"]
    waived = client.post(f"{url}/waive", data={"rule": "N007", "where": where, "reason": "上年无此项支出，已核实",
                                                "shown": "severity=error", "csrf": _token(client)},
                         follow_redirects=False)
    assert waived.status_code == 303 and waived.headers["location"].endswith("?severity=error")   # the filter stays
    assert "已豁免：上年无此项支出，已核实" in client.get(url).text
    exported = client.get(f"{url}/export.json").json()
    assert exported["summary"]["documents"] == 2 and exported["summary"]["errors"] == errors_before - 1
    assert [f["waived"] for d in exported["documents"] for f in d["findings"] if "waived" in f] == ["上年无此项支出，已核实"]
    made_up = client.post(f"{url}/waive", data={"rule": "N007", "where": "a report.pdf:p99", "reason": "x",
                                                 "csrf": _token(client)})
    assert made_up.status_code == 400 and "没有这条审核发现" in made_up.text
    assert client.get(f"{url}/export.xlsx").content[:2] == b"PK"
    assert "N007" in client.get(f"{url}/export.html").text


def test_data_page_shows_the_corpus(client):
    page = client.get("/data", params={"year": 2025}).text
    assert "上海市普陀区生态环境局" in page and "项目支出占比" in page and "<rect" in page
    years = client.get("/data/department", params={"name": "上海市普陀区生态环境局"}).text
    assert "各年支出合计" in years and "211" in years and "4,733.14" in years
    csv = client.get("/data/peers.csv", params={"year": 2025}).text
    assert "4733.14" in csv
    other = client.get("/data", params={"year": 2025, "region": "湖北省武汉市武昌区"}).text
    assert "上海市普陀区生态环境局</td>" not in other.split("已入库的报告")[0]


@pytest.mark.parametrize("name,data,words", [
    ("big.pdf", b"%PDF-1.7" + b"0" * (50 * 1024 * 1024), "超过 50 MB"),
    ("report.pdf", b"MZ\x90\x00 an executable", "内容不是 PDF"),
    ("../../etc/passwd", b"\x00\x01\x02", "不是文本文件"),
    ("archive.zip", b"PK\x03\x04 not an office file", "不是 DOCX 或 XLSX"),
])
def test_hostile_uploads_are_refused(client, tmp_path, name, data, words):
    page = client.post("/review", files=[("files", (name, data))], data={"csrf": _token(client)})
    assert page.status_code == 400 and words in page.text
    stored = list((tmp_path / "work" / "jobs").rglob("*"))
    assert not any(p.is_file() and p.name not in ("state.json",) and p.stat().st_size == len(data) for p in stored)


def test_too_many_files_and_missing_csrf_are_refused(client):
    many = [("files", (f"{i}.txt", b"x")) for i in range(21)]
    assert "最多上传 20" in client.post("/review", files=many, data={"csrf": _token(client)}).text
    forged = client.post("/review", files=[("files", ("a.txt", b"x"))], data={"csrf": "forged"})
    assert forged.status_code == 403 and "CSRF" in forged.text


def test_user_text_is_escaped(client):
    script = "<script>alert(1)</script>"
    files = [("files", (f"{script}.txt", (CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt").read_bytes()))]
    url = client.post("/review", files=files, data={"csrf": _token(client)}, follow_redirects=False).headers["location"]
    page = _wait_done(client, url)
    rule = re.search(r'name="rule" value="([^"]+)"', page).group(1)
    where = html.unescape(re.search(r'name="where" value="([^"]+)"', page).group(1))
    client.post(f"{url}/waive", data={"rule": rule, "where": where, "reason": script, "csrf": _token(client)})
    page = client.get(url).text
    assert script not in page and "&lt;script&gt;" in page


def test_unknown_jobs_and_paths_are_not_found(client):
    for url in ("/review/../../etc/passwd", "/review/0123", "/jobs/" + "0" * 32 + "/report.pdf",
                "/jobs/" + "0" * 32 + "/../../state.json"):
        assert client.get(url).status_code == 404


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, corpus_db):
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(create_app(tmp_path_factory.mktemp("web"), corpus_db), host="127.0.0.1", port=port,
                            log_level="warning")
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    while not instance.started:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(5)


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is installed by `make system`")
def test_the_three_workflows_in_chromium(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.goto(f"{server}/prepare")
        page.set_input_files("input[name=file]", str(EXAMPLE))
        page.click("text=生成报告")
        page.wait_for_selector("text=报告已生成", timeout=60_000)
        assert page.frame_locator("iframe").locator("text=目 录").count() >= 1
        page.goto(f"{server}/review")
        page.set_input_files("input[name=files]", [str(PDF), str(CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt")])
        page.click("text=开始审核")
        page.wait_for_selector("text=已完成", timeout=60_000)   # htmx polls the progress until done
        reviewed = page.url
        page.select_option("select[name=severity]", "error")
        page.click("text=筛选")
        page.click("a[href*='.png']")
        assert page.evaluate("document.images[0].naturalWidth") > 500   # the page image with the finding
        page.goto(f"{server}/data?year=2025")
        assert page.locator("text=上海市普陀区生态环境局").count() >= 1
        page.goto(reviewed)
        page.locator("input[name=reason]").first.fill("已核实")
        page.locator("button:text-is('豁免')").first.click()
        page.locator("text=撤销豁免").first.click()              # and taken back
        assert page.locator("text=撤销豁免").count() == 0
        narrow = browser.new_page(viewport={"width": 390, "height": 844})
        narrow.goto(f"{server}/data?year=2025")
        assert narrow.evaluate("document.documentElement.scrollWidth") <= 400   # no sideways scrolling
        chart = narrow.locator("svg.chart.narrow").bounding_box()
        assert chart and chart["width"] > 300 and not narrow.locator("svg.chart.wide").is_visible()
        upload = tmp_path / "缺原因.json"                       # an officer on a phone fills 【待补充】
        upload.write_bytes(without_reasons())
        narrow.goto(f"{server}/prepare")
        narrow.set_input_files("input[name=file]", str(upload))
        narrow.click("text=生成报告")
        narrow.wait_for_selector("text=报告已生成", timeout=60_000)
        for box in narrow.locator("textarea").all():
            box.fill("经核实的原因")
        narrow.click("text=补充后重新生成")
        narrow.wait_for_selector("text=含页面上补充的 2 项内容", timeout=60_000)
        narrow.goto(f"{server}/tasks")
        assert narrow.locator("text=编制").count() >= 2
        assert narrow.evaluate("document.documentElement.scrollWidth") <= 400
        browser.close()


def test_a_saved_web_page_is_reviewed_like_the_other_kinds(client, built):
    page = (built / "report.html").read_bytes()
    started = client.post("/review", files=[("files", ("网页版报告.html", page))], data={"csrf": _token(client)},
                          follow_redirects=False)
    url = started.headers["location"]
    assert "网页版报告.html" in _wait_done(client, url)
    exported = client.get(f"{url}/export.json").json()
    assert exported["documents"][0]["file"] == "网页版报告.html" and "failure" not in exported["documents"][0]
    assert (exported["summary"]["errors"], exported["summary"]["warnings"]) == (0, 0)


def test_a_build_runs_off_the_servers_loop(client, monkeypatch):
    """Issue 21.1: while a build runs, other pages answer at once."""
    import juesuan.web.prepare as prepare

    def slow_build(*args, **kwargs):
        time.sleep(3)
        return prepare.api.BuildResult([], refused=True)     # the point is only that it ran off the loop
    monkeypatch.setattr(prepare.api, "build", slow_build)
    token = _token(client)
    worker = threading.Thread(target=lambda: client.post("/prepare", files={"file": ("data.xlsx", EXAMPLE.read_bytes())},
                                                         data={"csrf": token}), daemon=True)
    worker.start()
    time.sleep(0.5)
    started = time.perf_counter()
    assert client.get("/review").status_code == 200
    assert time.perf_counter() - started < 2          # not behind the 3 s build
    worker.join(10)


def test_a_job_id_of_the_other_kind_or_without_state_is_not_found_in_chinese(client, tmp_path):
    """Issue 21.2–3: a 编制 job under 审核 was a 500 (KeyError 'done'); a 审核 job under 编制 showed an
    empty success page."""
    done = client.post("/prepare", files={"file": ("data.xlsx", EXAMPLE.read_bytes())}, data={"csrf": _token(client)},
                       follow_redirects=False)
    prepared = done.headers["location"].rsplit("/", 1)[1]
    reviewed = client.post("/review", files=[("files", ("b.txt", (CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt")
                                                        .read_bytes()))], data={"csrf": _token(client)},
                           follow_redirects=False).headers["location"].rsplit("/", 1)[1]
    stateless = "f" * 32
    (tmp_path / "work" / "jobs" / stateless).mkdir()
    for url in (f"/review/{prepared}", f"/review/{prepared}/export.json", f"/prepare/{reviewed}",
                f"/jobs/{reviewed}/report.pdf", f"/review/{stateless}", f"/prepare/{stateless}"):
        page = client.get(url)
        assert page.status_code == 404 and "没有这个任务" in page.text, url
    waive = client.post(f"/review/{prepared}/waive", data={"rule": "N007", "where": "x", "reason": "y",
                                                            "csrf": _token(client)})
    assert waive.status_code == 404


def test_errors_are_chinese_pages_and_the_headers_guard_every_page(client):
    """Issue 21.5, 13, 14."""
    for url, status in (("/data?year=abc", 400), ("/nowhere", 404)):
        page = client.get(url)
        assert page.status_code == status and "<html" in page.text and "Not Found" not in page.text, url
        assert "请求的参数有误" in page.text or "没有这个页面" in page.text
    assert client.head("/", follow_redirects=False).status_code == 303
    head = client.head("/review")
    assert head.status_code == 200 and head.content == b""
    assert client.get("/favicon.ico").status_code == 204
    page = client.get("/review")
    assert page.headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in page.headers["content-security-policy"]
    assert "unsafe-inline" not in page.headers["content-security-policy"]
    assert 'includeIndicatorStyles": false' in page.text        # htmx adds no inline style the policy would block


def test_a_refused_build_names_the_uploaded_file_and_keeps_nothing(client, tmp_path):
    """Issue 21.4, 9: errors named the stored random file; refused uploads stayed on disk."""
    from openpyxl import load_workbook

    book = load_workbook(EXAMPLE)
    book["收支明细"]["D3"] = "abc"
    broken = tmp_path / "我的数据.xlsx"
    book.save(broken)
    page = client.post("/prepare", files={"file": ("我的数据.xlsx", broken.read_bytes())}, data={"csrf": _token(client)})
    assert page.status_code == 422 and "我的数据.xlsx:收支明细!D3" in page.text
    assert not re.search(r"[0-9a-f]{16}\.xlsx", page.text)
    client.post("/review", files=[("files", ("x.pdf", b"MZ not a pdf"))], data={"csrf": _token(client)})
    assert not [p for p in (tmp_path / "work" / "jobs").iterdir() if any(p.iterdir())]


def test_one_bad_file_does_not_refuse_the_batch_and_text_reports_have_no_page_links(client):
    """Issue 21.12 and 21.6: the bad file is that file's failure; findings on a text report (its
    "=== page N ===" markers give pages) link to no page image, for there is none."""
    files = [("files", ("b.txt", (CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt").read_bytes())),
             ("files", ("bad.pdf", b"MZ not a pdf at all"))]
    started = client.post("/review", files=files, data={"csrf": _token(client)}, follow_redirects=False)
    assert started.status_code == 303
    page = _wait_done(client, started.headers["location"])
    assert "bad.pdf" in page and "内容不是 PDF" in page and "b.txt" in page
    assert "/page/" not in page


def test_names_with_slashes_are_shown_whole_and_the_data_pages_say_what_is_missing(client):
    """Issue 21.13."""
    name = "<script>alert(1)</script>.txt"
    text = (CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt").read_bytes()
    url = client.post("/review", files=[("files", (name, text))], data={"csrf": _token(client)},
                      follow_redirects=False).headers["location"]
    page = _wait_done(client, url)
    assert "&lt;script&gt;alert(1)&lt;／script&gt;.txt" in page
    missing = client.get("/data", params={"year": 1999})
    assert missing.status_code == 404 and "没有 1999 年度的报告" in missing.text
    nobody = client.get("/data/department", params={"name": "不存在的部门"})
    assert nobody.status_code == 404 and "不存在的部门" in nobody.text


def test_a_restart_ends_cut_short_reviews_and_removes_old_jobs(tmp_path, corpus_db):
    """Issue 21.8 and 21.9: "审核中（5 / 20）" for ever after a restart; nothing was ever cleaned up."""
    import json
    import os

    jobs = tmp_path / "work" / "jobs"
    cut, old = jobs / ("a" * 32), jobs / ("b" * 32)
    for folder in (cut, old):
        folder.mkdir(parents=True)
    (cut / "state.json").write_text(json.dumps({"kind": "review", "files": ["one.pdf", "two.pdf"], "waivers": [],
                                                "done": [{"name": "one.pdf", "stored": "x.pdf", "seconds": 1,
                                                          "failure": "", "findings": []}]}), encoding="utf-8")
    os.utime(old, (0, 0))
    web = TestClient(create_app(tmp_path / "work", corpus_db, keep_days=7))
    page = web.get(f"/review/{'a' * 32}").text
    assert "已完成（2 / 2）" in page and "服务重启时尚未审核完" in page
    assert not old.exists()


def test_review_refuses_a_zip_bomb_as_prepare_does(client, tmp_path):
    """Issue 21.12: 审核 accepted what 编制 refused."""
    import zipfile

    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"0" * (400 * 1024 * 1024))
    page = client.post("/review", files=[("files", ("bomb.xlsx", bomb.read_bytes()))], data={"csrf": _token(client)})
    assert page.status_code == 400 and "bomb.xlsx" in page.text and ("压缩" in page.text or "上限" in page.text)


def test_a_report_its_own_check_refused_can_be_built_anyway(client, monkeypatch):
    """Issue 21.10: "输入有问题，未生成报告" over one warning naming no cell, and no way on; the CLI has --force."""
    import juesuan.web.prepare as prepare
    from juesuan.findings import CheckResult, Finding, Location, Severity

    real = prepare.api.build

    def strict(source, out, **options):
        if options.get("force"):
            return real(source, out, force=True)
        failed = CheckResult("report", [Finding("T003", Severity.ERROR, "本年支出合计等于各类支出之和",
                                                "本年支出合计：表中为 1.00，按各类支出之和计算应为 2.00", Location("report.txt"))])
        return prepare.api.BuildResult([], check=failed, refused=True)
    monkeypatch.setattr(prepare.api, "build", strict)
    page = client.post("/prepare", files={"file": ("data.xlsx", EXAMPLE.read_bytes())}, data={"csrf": _token(client)})
    assert page.status_code == 422 and "生成的报告未通过审核规则" in page.text and "输入有问题" not in page.text
    action = re.search(r'action="(/prepare/[0-9a-f]{32}/force)"', page.text).group(1)
    built = client.post(action, data={"csrf": _token(client)}, follow_redirects=False)
    assert built.status_code == 303
    done = client.get(built.headers["location"]).text
    assert "报告已生成" in done and "仍然生成" in done and "report.pdf" in done


def _prepared(client, name: str, data: bytes, **form) -> tuple[str, str]:
    """Upload to 编制; the job id and the built page."""
    done = client.post("/prepare", files={"file": (name, data)}, data={"csrf": _token(client), **form},
                       follow_redirects=False)
    assert done.status_code == 303, done.text
    job = done.headers["location"].rsplit("/", 1)[1]
    return job, client.get(done.headers["location"]).text


def test_what_the_build_marks_to_be_filled_is_filled_on_the_page(client):
    """Issue 21, an officer's day: fill 【待补充】 on the build page and rebuild without editing Excel."""
    job, page = _prepared(client, "缺原因.json", without_reasons())
    assert "待补充（2 处" in page and 'name="gap:variance:2010350"' in page
    assert 'name="gap:texts.income_change_reason"' in page
    assert "【待补充" in client.get(f"/jobs/{job}/report.txt").text
    filled = client.post(f"/prepare/{job}/fill", data={"csrf": _token(client),
                                                       "gap:variance:2010350": "两名人员退休，人员经费减少",
                                                       "gap:texts.income_change_reason": "项目资金增加"},
                         follow_redirects=False)
    assert filled.status_code == 303
    text = client.get(f"/jobs/{job}/report.txt").text
    assert "两名人员退休，人员经费减少" in text and "项目资金增加" in text and "【待补充" not in text
    after = client.get(f"/prepare/{job}").text
    assert "待补充（" not in after and "含页面上补充的 2 项内容" in after
    data = client.get(f"/jobs/{job}/filled.json").json()
    assert data["texts"]["income_change_reason"] == "项目资金增加"
    made_up = client.post(f"/prepare/{job}/fill", data={"csrf": _token(client), "gap:department.name": "别的局"},
                          follow_redirects=False)
    assert made_up.status_code == 303 and "别的局" not in client.get(f"/jobs/{job}/report.txt").text


def test_downloads_are_named_by_department_and_year_and_the_profile_is_chosen_on_the_page(client):
    from urllib.parse import unquote

    from juesuan import api

    report, _ = api.read_report(EXAMPLE)       # without its 绩效 tables, scored by Wuhan's rules
    data = report.model_copy(update={"performance": type(report.performance)()}).model_dump_json().encode("utf-8")
    job, page = _prepared(client, "data.json", data, profile="shanghai-2024")
    assert "格式模板 shanghai-2024" in page and "武汉市武昌区企业和人才服务中心2023年度部门决算.pdf" in page
    pdf = client.get(f"/jobs/{job}/report.pdf")
    named = unquote(pdf.headers["content-disposition"].split("filename*=UTF-8''")[1])
    assert named == "武汉市武昌区企业和人才服务中心2023年度部门决算.pdf"
    tables = client.get(f"/jobs/{job}/tables.xlsx").headers["content-disposition"]
    assert unquote(tables.split("''")[1]) == "武汉市武昌区企业和人才服务中心2023年度部门决算表.xlsx"
    assert "公开01表" not in client.get(f"/jobs/{job}/report.txt").text    # Shanghai's tables carry no number
    refused = client.post("/prepare", files={"file": ("data.xlsx", EXAMPLE.read_bytes())},
                          data={"csrf": _token(client), "profile": "nowhere-1999"})
    assert refused.status_code == 400 and "没有格式模板" in refused.text
    blank = client.get("/template.xlsx", params={"profile": "shanghai-2024"})
    assert blank.content[:2] == b"PK" and "shanghai-2024" in unquote(blank.headers["content-disposition"])


def test_the_task_list_shows_past_jobs_with_their_results(client):
    job, _ = _prepared(client, "data.xlsx", EXAMPLE.read_bytes())
    started = client.post("/review", files=[("files", ("b.txt", (CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt")
                                                        .read_bytes()))],
                          data={"csrf": _token(client)}, follow_redirects=False)
    _wait_done(client, started.headers["location"])
    page = client.get("/tasks").text
    assert f'href="/prepare/{job}"' in page and "武汉市武昌区企业和人才服务中心2023年度 data.xlsx" in page
    assert f'href="{started.headers["location"]}"' in page and "已审核 1 份" in page
    assert page.index("审核") < page.index("编制</td>")         # newest first


def test_review_filters_by_file_shows_titles_pages_and_undoes_a_waiver(client, monkeypatch):
    from juesuan.web import review

    monkeypatch.setattr(review, "PAGE_SIZE", 3)
    files = [("files", ("甲.txt", (CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt").read_bytes())),
             ("files", ("乙.txt", (CORPUS / "text" / "shanghai-putuo-shiquanlu-2025.txt").read_bytes()))]
    url = client.post("/review", files=files, data={"csrf": _token(client)}, follow_redirects=False).headers["location"]
    page = _wait_done(client, url)
    assert '<nav class="pages"' in page and f'href="{url}?page=2"' in page
    only = client.get(url, params={"file": "甲.txt"}).text
    exported = client.get(f"{url}/export.json").json()
    count = next(len(d["findings"]) for d in exported["documents"] if d["file"] == "甲.txt")
    assert f"共 {count} 条" in only and "乙.txt:" not in only.split("共 ")[1]
    assert re.search(r"<td>N\d{3}<br><small>[^<]+</small></td>", page)        # the rule's title beside its id
    where = html.unescape(re.search(r'name="where" value="([^"]+)"', only).group(1))
    rule = re.search(r'name="rule" value="([^"]+)"', only).group(1)
    client.post(f"{url}/waive", data={"rule": rule, "where": where, "reason": "已核实", "csrf": _token(client),
                                      "shown": "file=甲.txt"})
    waived = client.get(url, params={"file": "甲.txt"}).text
    assert "已豁免：已核实" in waived and "撤销豁免" in waived
    undone = client.post(f"{url}/waive", data={"rule": rule, "where": where, "undo": "1", "csrf": _token(client),
                                               "shown": "file=甲.txt"}, follow_redirects=False)
    assert undone.status_code == 303 and "file=" in undone.headers["location"]
    assert "已豁免" not in client.get(url, params={"file": "甲.txt"}).text
    again = client.post(f"{url}/waive", data={"rule": rule, "where": where, "undo": "1", "csrf": _token(client)})
    assert again.status_code == 400


def test_a_report_without_findings_says_so(client, built):
    """Our own built report checks clean (tests/test_selfcheck.py): the page says so instead of an empty list."""
    url = client.post("/review", files=[("files", ("干净.txt", (built / "report.txt").read_bytes()))],
                      data={"csrf": _token(client)}, follow_redirects=False).headers["location"]
    page = _wait_done(client, url)
    assert client.get(f"{url}/export.json").json()["documents"][0]["findings"] == []
    assert "未发现问题" in page and "<table><thead><tr><th>规则" not in page


def test_review_refuses_a_truncated_office_file_as_prepare_does(client):
    """Issue 21.12: 审核 accepted a cut-off XLSX (it failed later, at check time, as D000)."""
    data = EXAMPLE.read_bytes()
    page = client.post("/review", files=[("files", ("半个.xlsx", data[:len(data) // 2]))], data={"csrf": _token(client)})
    assert page.status_code == 400 and "不完整或已损坏" in page.text


def test_the_data_page_links_departments_totals_and_changes(tmp_path):
    from decimal import Decimal

    from juesuan.store.ingest import store
    from juesuan.store.records import Records
    from juesuan.store.schema import DOCUMENT_COLUMNS, connect

    db = tmp_path / "c.duckdb"
    con = connect(db)
    for n, (year, name, spent) in enumerate([(2023, "甲局", 100), (2024, "甲局", 125), (2024, "乙局", 50)]):
        document = dict(zip(DOCUMENT_COLUMNS, (f"d{n}", f"{n}.pdf", "published", year, name, "区", "某区", "", 1, 0, 0,
                                               0, "test")))
        store(con, Records(document, [("summary", "支出", "expenditure_total", None, "本年支出合计", "total", "amount",
                                       Decimal(spent), None, None, None, None)]))
    con.close()
    client = TestClient(create_app(tmp_path / "work", db))
    page = client.get("/data", params={"year": 2024}).text
    assert 'href="/data/department?name=%E7%94%B2%E5%B1%80"' in page
    assert "上年本年支出合计" in page and '<td class="num up">25.00</td>' in page   # 增减 of 甲局
    assert '<td class="num up">25.00</td><td class="num up">25.00</td>' in page          # and its 增长率 25 %
    footer = page.split("<tfoot>")[1].split("</tfoot>")[0]
    assert "合计" in footer and ">175.00</th>" in footer and ">25.00</th>" in footer
