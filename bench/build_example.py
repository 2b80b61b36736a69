"""Benchmark: build the example — derive + self-check alone, then each output format, in this process
(imports done) and as the `juesuan build` command a user runs (Python start-up and imports included)."""

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from memory import peak_mb  # bench/memory.py

from juesuan import api

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "wuchang-2023" / "data.xlsx"


def timed(formats: tuple[str, ...], repeat: int) -> list[float]:
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            start = time.perf_counter()
            result = api.build(EXAMPLE, Path(tmp) / str(i), formats=formats)
            timings.append(time.perf_counter() - start)
            assert result.ok
    return timings


def command(formats: tuple[str, ...], repeat: int) -> list[float]:
    juesuan = Path(sys.executable).parent / "juesuan"
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            start = time.perf_counter()
            subprocess.run([juesuan, "build", EXAMPLE, "-o", Path(tmp) / str(i), "--format", ",".join(formats)],
                           check=True, capture_output=True)
            timings.append(time.perf_counter() - start)
    return timings


def main() -> None:
    base = None
    for formats, repeat in ((("json",), 10), (("xlsx",), 5), (("txt",), 5), (("html",), 5), (("docx",), 5),
                            (("pdf",), 3), (api.FORMATS, 3)):
        t = timed(formats, repeat)
        median = statistics.median(t)
        base = base or median
        print(f"build example [{','.join(formats)}]: median {median * 1000:.0f} ms, "
              f"min {min(t) * 1000:.0f} ms over {repeat} runs ({median / base:.1f}× json)")
    for formats in (("json",), ("pdf",), api.FORMATS):
        t = command(formats, 3)
        print(f"juesuan build --format {','.join(formats)}: median {statistics.median(t) * 1000:.0f} ms, "
              f"min {min(t) * 1000:.0f} ms over 3 runs")


if __name__ == "__main__":
    main()
    print(peak_mb())
