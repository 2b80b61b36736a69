"""Measure how many of the narrative's figures are bound, per corpus document, and print the table of
docs/check.md; with --record, write tests/data/claims_coverage.json (a test lets no number go down):

    python scripts/claims_coverage.py            # the table
    python scripts/claims_coverage.py --record   # and the fixture, after reading the new unresolved ones
"""

import json
import sys
from pathlib import Path

from juesuan.claims.reader import claims, coverage
from juesuan.parse import read_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
FIXTURE = ROOT / "tests" / "data" / "claims_coverage.json"
MONEY = ("万元", "元", "亿元", "%")


def measure(name: str) -> dict[str, object]:
    found = claims(read_document(CORPUS / name))
    resolved, targeted, figures = coverage(found)
    unbound = sorted({f"{c.line}: {c.subject or '（无主语）'} {c.value}{c.unit}" for c in found
                      if c.unit in MONEY and not c.resolved})
    return {"bound": resolved, "figures": figures, "targeted": targeted, "unbound": unbound}


def percent(part: int, whole: int) -> str:
    return f"{part} ({part / whole * 100:.1f} %)"


def main(record: bool) -> None:
    names = list(json.loads(FIXTURE.read_text(encoding="utf-8")))
    measured = {name: measure(name) for name in names}
    print("| document | figures | subject resolved | bound to a target |\n|---|---:|---:|---:|")
    stating = {name: m for name, m in measured.items() if m["figures"]}
    for name, m in stating.items():
        print(f"| {name} | {m['figures']} | {percent(m['bound'], m['figures'])} | {percent(m['targeted'], m['figures'])} |")
    total = {k: sum(m[k] for m in measured.values()) for k in ("figures", "bound", "targeted")}
    print(f"| all {len(stating)} documents with figures | {total['figures']} | "
          f"{percent(total['bound'], total['figures'])} | {percent(total['targeted'], total['figures'])} |")
    if record:
        FIXTURE.write_text(json.dumps(measured, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main("--record" in sys.argv[1:])
