"""Benchmark: `juesuan check` (streamed to JSON Lines) and `juesuan ingest` of many generated reports,
as a user runs them: wall time, CPU per document, and the peak memory of the command's own process
(which must stay flat as the batch grows) and of its largest worker.

The documents are the example's generated report text (35 pages when printed), one per synthetic
department: its name and amounts changed, so that every one is a different report to the corpus.
Run: `python bench/scale.py [count ...]` (default 1000; the README's numbers are for 1000 and 10000).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "wuchang-2023" / "data.xlsx"
JOBS = max(1, len(os.sched_getaffinity(0)))

def example_text(workdir: Path) -> str:
    subprocess.run([sys.executable, "-m", "juesuan.cli", "build", str(EXAMPLE), "-o", str(workdir / "built"),
                    "--format", "txt"], check=True, capture_output=True)
    return (workdir / "built" / "report.txt").read_text(encoding="utf-8")


def variant(text: str, department: str, n: int) -> str:
    """The report as another department's: its name, and every amount moved by n cents."""
    name = re.search(r"(\S+?(局|委员会|办公室|中心))", text).group(1)
    bump = Decimal(n % 97) / 100
    return re.sub(r"\d[\d,]*\.\d\d(?=万元)", lambda m: f"{Decimal(m.group(0).replace(',', '')) + bump:,.2f}",
                  text.replace(name, department))


def generate(text: str, folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"r{n:05d}.txt").write_text(variant(text, f"第{n}测试局", n), encoding="utf-8")


def measure(args: list[str]) -> dict:
    """Run ``juesuan *args``, sampling its process tree (psutil, a dependency of Dask) every 0.2 s:
    the command's own peak memory (VmHWM), the largest worker's, and the CPU time of all of them."""
    import psutil

    started = time.monotonic()
    command = psutil.Popen([sys.executable, "-m", "juesuan.cli", *args], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    cpu: dict[int, float] = {}
    peaks: dict[int, float] = {}
    while command.poll() is None:
        for process in [command, *command.children(recursive=True)]:
            try:
                with process.oneshot():
                    times = process.cpu_times()
                    cpu[process.pid] = times.user + times.system
                    peaks[process.pid] = max(peaks.get(process.pid, 0), process.memory_info().rss / 2**20)
            except psutil.Error:
                pass
        time.sleep(0.2)
    workers = [mb for pid, mb in peaks.items() if pid != command.pid]
    return {"seconds": time.monotonic() - started, "cpu": sum(cpu.values()),
            "parent_mb": peaks.get(command.pid, 0), "worker_mb": max(workers, default=0)}


def main(counts: list[int]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        text = example_text(workdir)
        print(f"{JOBS} workers; each document is the example's report text ({len(text):,} characters)")
        print("| command | documents | wall s | docs/s | CPU s/doc | parent peak MB | largest worker MB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for count in counts:
            folder = workdir / f"docs{count}"
            generate(text, folder, count)
            runs = {
                "check → jsonl": ["check", str(folder), "-j", str(JOBS), "--format", "jsonl",
                                  "-o", str(workdir / f"findings{count}.jsonl")],
                "ingest": ["ingest", str(folder), "-j", str(JOBS), "--db", str(workdir / f"corpus{count}.duckdb")],
            }
            for name, args in runs.items():
                m = measure(args)
                print(f"| {name} | {count:,} | {m['seconds']:.0f} | {count / m['seconds']:.1f} | "
                      f"{m['cpu'] / count:.3f} | {m['parent_mb']:.0f} | {m['worker_mb']:.0f} |", flush=True)
            for path in folder.iterdir():
                path.unlink()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000])
