"""Benchmark: how long the `juesuan` command takes to start — `--version` and `--help`, medians of
seven runs each, beside a bare `python -c pass` and `import typer` (the floor the command stands on).
Run: `python bench/startup.py`."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

BIN = Path(sys.executable).parent


def median_seconds(command: list[str], repeat: int = 7) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    rows = [("python -c pass", [sys.executable, "-c", "pass"]),
            ("python -c 'import typer'", [sys.executable, "-c", "import typer"]),
            ("juesuan --version", [str(BIN / "juesuan"), "--version"]),
            ("juesuan --help", [str(BIN / "juesuan"), "--help"])]
    for name, command in rows:
        print(f"{name:28} {median_seconds(command):.3f} s")


if __name__ == "__main__":
    main()
