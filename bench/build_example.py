"""Benchmark: build the example's tables (load workbook → derive → tables.xlsx + report.json)."""

import statistics
import tempfile
import time
from pathlib import Path

from juesuan import api

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "wuchang-2023" / "data.xlsx"


def main(repeat: int = 10) -> None:
    timings = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            start = time.perf_counter()
            result = api.build(EXAMPLE, Path(tmp) / str(i))
            timings.append(time.perf_counter() - start)
            assert result.ok
    print(f"build example (xlsx+json): median {statistics.median(timings) * 1000:.0f} ms, "
          f"min {min(timings) * 1000:.0f} ms over {repeat} runs")


if __name__ == "__main__":
    main()
