"""Snapshot what `check` says on the seed and every corpus document, and the bytes of the example's
outputs, to compare a change's before and after:

    python scripts/findings_snapshot.py /tmp/before      # on the old code
    python scripts/findings_snapshot.py /tmp/after       # on the new code
    diff -r /tmp/before /tmp/after                       # every new or vanished finding, by file
"""

import hashlib
import json
import sys
import tempfile
from pathlib import Path

from juesuan import api

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
SUFFIXES = {".txt", ".pdf"}


def documents() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*") if p.suffix in SUFFIXES and p.parent.name != "templates")


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for path in documents():
        result = api.check(path)
        lines = [json.dumps(f.to_dict(), ensure_ascii=False, sort_keys=True) for f in result.findings]
        name = str(path.relative_to(CORPUS)).replace("/", "__")
        (out / f"{name}.findings.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with tempfile.TemporaryDirectory() as scratch:
        built = api.build(ROOT / "examples" / "wuchang-2023" / "data.xlsx", Path(scratch))
        digests = {f.name: hashlib.sha256(f.read_bytes()).hexdigest() for f in built.files}
    (out / "example-outputs.json").write_text(json.dumps(digests, indent=1, sort_keys=True), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
