"""Benchmark: the web app under an officer's load, as `juesuan serve` runs it.

1. `GET /review` latency (median, 95th percentile) alone, and while three builds of the example run
   at once (builds run in a pool of two threads off the request loop, so the page must stay fast).
2. Ten jobs at once (five builds, five reviews of two reports each): the peak memory of the server
   and all its processes, against one build alone — the pools (two builds, two reviews) bound it.
Run: `python bench/web.py`.
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "wuchang-2023" / "data.xlsx"
REPORTS = [ROOT / "tests" / "corpus" / "pdf" / "shanghai-putuo-shgzb-2024.pdf",
           ROOT / "tests" / "corpus" / "text" / "shanghai-putuo-sthjj-2025.txt"]


def start(workdir: Path) -> tuple[psutil.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = psutil.Popen([sys.executable, "-m", "juesuan.cli", "serve", "--workdir", str(workdir), "--port", str(port)],
                          stdout=subprocess.DEVNULL, stderr=open(workdir / "server.log", "wb"))
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            httpx.get(f"{base}/review", timeout=1)
            return server, base
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def session(base: str) -> tuple[httpx.Client, str]:
    client = httpx.Client(base_url=base, timeout=600, follow_redirects=True)
    client.get("/prepare")
    return client, client.cookies["juesuan_csrf"]


def build(base: str) -> None:
    client, token = session(base)
    done = client.post("/prepare", files={"file": ("data.xlsx", EXAMPLE.read_bytes())}, data={"csrf": token})
    assert "报告已生成" in done.text, done.text[:300]


def review(base: str) -> None:
    client, token = session(base)
    started = client.post("/review", data={"csrf": token}, files=[("files", (p.name, p.read_bytes())) for p in REPORTS],
                          follow_redirects=False)
    url = started.headers["location"]
    while "已完成" not in client.get(url).text:
        time.sleep(0.5)


def latencies(base: str, seconds: float, stop: threading.Event | None = None) -> list[float]:
    found, ends = [], time.monotonic() + seconds
    with httpx.Client(base_url=base) as client:
        while time.monotonic() < ends and not (stop and stop.is_set()):
            started = time.perf_counter()
            try:
                client.get("/review")
            except httpx.HTTPError as exc:     # counted, not fatal: the table says how many failed
                print(f"GET /review failed: {exc!r}", file=sys.stderr)
                continue
            found.append(time.perf_counter() - started)
            time.sleep(0.05)
    return found


def peak_mb(server: psutil.Popen, jobs: list[threading.Thread]) -> float:
    """The largest sum of resident memory of the server and its child processes while ``jobs`` run."""
    peak = 0.0
    while any(j.is_alive() for j in jobs):
        total = 0
        for process in [server, *server.children(recursive=True)]:
            try:
                total += process.memory_info().rss
            except psutil.Error:
                pass
        peak = max(peak, total / 2**20)
        time.sleep(0.1)
    return peak


def run_all(targets: list) -> list[threading.Thread]:
    threads = [threading.Thread(target=t) for t in targets]
    for t in threads:
        t.start()
    return threads


def describe(name: str, values: list[float]) -> str:
    values = sorted(values)
    p95 = values[int(len(values) * 0.95) - 1] if len(values) >= 20 else values[-1]
    return f"| {name} | {len(values)} | {statistics.median(values) * 1000:.0f} | {p95 * 1000:.0f} | {values[-1] * 1000:.0f} |"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        server, base = start(Path(tmp))
        try:
            build(base)                       # warm: the first build loads the PDF engine
            print("| GET /review | requests | median ms | p95 ms | max ms |\n|---|---:|---:|---:|---:|")
            print(describe("alone", latencies(base, 5)))
            builds = run_all([lambda: build(base)] * 3)
            stop = threading.Event()
            watcher = threading.Thread(target=lambda: (all(b.join() is None for b in builds), stop.set()))
            watcher.start()
            print(describe("while three builds run", latencies(base, 600, stop)))
            watcher.join()
            one = run_all([lambda: build(base)])
            alone = peak_mb(server, one)
            ten = run_all([lambda: build(base)] * 5 + [lambda: review(base)] * 5)
            started = time.monotonic()
            busy = peak_mb(server, ten)
            print(f"\nPeak memory of the server and its processes: one build {alone:.0f} MB; "
                  f"ten jobs at once (5 builds, 5 reviews of {len(REPORTS)} reports) {busy:.0f} MB, "
                  f"all done in {time.monotonic() - started:.0f} s")
            jobs = len([p for p in (Path(tmp) / "jobs").iterdir() if (p / "state.json").exists()])
            print(f"jobs recorded: {jobs} (1 warm-up + 3 + 1 + 10)")
        finally:
            print((Path(tmp) / "server.log").read_text(errors="replace")[-3000:], file=sys.stderr)
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
