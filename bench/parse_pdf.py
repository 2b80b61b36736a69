"""Benchmark: reading and checking PDFs, side by side with `pdftotext -layout` on the same files.

Per file: pages, seconds for `pdftotext -layout` (a C tool that only extracts text), for juesuan's
read (text, ruled tables, provenance) and for the whole check (read + every rule), per page and as a
ratio to pdftotext. Then OCR seconds per page on an image-only copy of two generated pages, and batch
throughput (`check_many`) with 1 and 2 worker processes. Run: `python bench/parse_pdf.py`.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from memory import peak_mb  # bench/memory.py

from juesuan import api
from juesuan.batch import check_many
from juesuan.parse import read_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
PDFS = sorted((CORPUS / "pdf").glob("*.pdf")) + sorted((CORPUS / "budget" / "pdf").glob("*.pdf"))
EXAMPLE = ROOT / "examples" / "wuchang-2023" / "data.xlsx"


def median_seconds(action, repeat: int = 3) -> float:
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def pages_of(path: Path) -> int:
    import pypdfium2

    return len(pypdfium2.PdfDocument(path.read_bytes()))


def text_layer(files: list[Path]) -> None:
    print(f"{'file':42} {'pages':>5} {'pdftotext':>10} {'read':>8} {'check':>8} {'check/page':>11} {'ratio':>6}")
    for path in files:
        pages = pages_of(path)
        pdftotext = median_seconds(lambda p=path: subprocess.run(["pdftotext", "-layout", str(p), os.devnull],
                                                                 check=True))
        read = median_seconds(lambda p=path: read_document(p))
        check = median_seconds(lambda p=path: api.check(p))
        print(f"{path.name:42} {pages:5d} {pdftotext:9.3f}s {read:7.3f}s {check:7.3f}s "
              f"{check / pages * 1000:8.1f} ms {check / pdftotext:5.0f}×")


def ocr(built: Path, work: Path) -> None:
    import pypdfium2

    document = pypdfium2.PdfDocument(built.read_bytes())
    images = [document[i].render(scale=200 / 72).to_pil().convert("RGB") for i in (7, 8)]
    scanned = work / "scanned.pdf"
    images[0].save(scanned, "PDF", resolution=200, save_all=True, append_images=images[1:])
    seconds = median_seconds(lambda: read_document(scanned), repeat=1)
    pdftotext = median_seconds(lambda: subprocess.run(["pdftotext", "-layout", str(scanned), os.devnull], check=True))
    print(f"OCR: {seconds / 2:.2f} s per page (2 image-only pages; pdftotext reads no text from them "
          f"in {pdftotext:.3f} s)")


def batch(files: list[Path], work: Path) -> None:
    folder = work / "batch"
    folder.mkdir()
    for copy in range(4):
        for path in files:
            shutil.copy(path, folder / f"{copy}-{path.name}")
    documents = sorted(folder.iterdir())
    for jobs in (1, 2):
        start = time.perf_counter()
        check_many(documents, jobs=jobs)
        seconds = time.perf_counter() - start
        print(f"batch --jobs {jobs}: {len(documents)} documents in {seconds:.2f} s "
              f"({len(documents) / seconds:.2f} documents/s)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        result = api.build(EXAMPLE, work / "example", formats=("pdf",))
        built = work / "example" / "report.pdf"
        assert result.files, result.problems
        print(f"machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}")
        text_layer([*PDFS, built])
        ocr(built, work)
        batch([*PDFS, built], work)


if __name__ == "__main__":
    main()
    print(peak_mb())
