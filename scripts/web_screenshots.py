"""Screenshots of every area of the web app at 1280 and 390 px, as an officer and a reviewer meet it:
docs/images/web/<area>-<width>.png. Starts the app on a scratch folder with a corpus of the test
documents, builds the example (with two reasons left for the 待补充 form), reviews two reports.
Run: `python scripts/web_screenshots.py` (needs Debian's chromium and Playwright)."""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from helpers import without_reasons  # noqa: E402  the example with two reasons left out

from juesuan.batch import ingest  # noqa: E402
from juesuan.web.app import create_app  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
OUT = ROOT / "docs" / "images" / "web"


def serve(workdir: Path, db: Path) -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(workdir, db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.duckdb"
        ingest([*sorted((CORPUS / "pdf").glob("*.pdf")), *sorted((CORPUS / "text").glob("*.txt"))], db)
        base = serve(Path(tmp) / "work", db)
        upload = Path(tmp) / "缺原因.json"
        upload.write_bytes(without_reasons())
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"{base}/prepare")
            page.set_input_files("input[name=file]", str(upload))
            page.click("text=生成报告")
            page.wait_for_selector("text=报告已生成", timeout=120_000)
            prepared = page.url
            page.goto(f"{base}/review")
            page.set_input_files("input[name=files]", [str(CORPUS / "pdf" / "shanghai-putuo-shgzb-2024.pdf"),
                                                       str(CORPUS / "text" / "shanghai-putuo-sthjj-2025.txt")])
            page.click("text=开始审核")
            page.wait_for_selector("text=已完成", timeout=120_000)
            reviewed = page.url
            shots = {"prepare": f"{base}/prepare", "prepared": prepared, "review": reviewed,
                     "data": f"{base}/data?year=2025", "tasks": f"{base}/tasks"}
            for width in (1280, 390):
                view = browser.new_page(viewport={"width": width, "height": 900})
                for name, url in shots.items():
                    view.goto(url)
                    view.wait_for_load_state("networkidle")
                    time.sleep(1.5)        # the preview frame paints after the page has loaded
                    view.screenshot(path=str(OUT / f"{name}-{width}.png"), full_page=name != "review")
                    print(f"{name}-{width}: page {view.evaluate('document.documentElement.scrollWidth')} px wide")
            browser.close()


if __name__ == "__main__":
    main()
