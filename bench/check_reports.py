"""Benchmark: `check` on the seed and the corpus texts (read → rules), time per document and per 1,000 lines."""

import statistics
import time
from pathlib import Path

from juesuan import api

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"
FILES = [CORPUS / "seeds" / "000_105574f5e848fce4.txt", *sorted((CORPUS / "text").glob("*.txt"))]


def main(repeat: int = 5) -> None:
    for path in FILES:
        timings = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = api.check(path)
            timings.append(time.perf_counter() - start)
        lines = len(path.read_text(encoding="utf-8").splitlines())
        median = statistics.median(timings)
        print(f"check {path.name}: {lines} lines, {len(result.findings)} findings, median {median * 1000:.0f} ms "
              f"({median / lines * 1e6:.0f} ms per 1,000 lines) over {repeat} runs")


if __name__ == "__main__":
    main()
