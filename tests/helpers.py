"""Reading the seed report's tables by hand-written rules, to compare with what juesuan builds."""

from decimal import Decimal

from conftest import SEED


def seed_table_rows(title: str, next_title: str) -> dict[str, list[Decimal | None]]:
    """项 rows (7-digit code) of one seed table: code → amounts as printed (blank → None)."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = lines.index(title)
    end = lines.index(next_title, start + 1)
    rows = {}
    for line in lines[start:end]:
        cells = line.split("\t")
        if cells[0].isdigit() and len(cells[0]) == 7:
            rows[cells[0]] = [Decimal(c.replace(",", "")) if c.strip() else None for c in cells[2:]]
    return rows


def without_reasons() -> bytes:
    """The example as Report JSON with two reasons left out (what an officer often forgets)."""
    from juesuan import api

    from conftest import EXAMPLE

    report, _ = api.read_report(EXAMPLE)
    lines = [line.model_copy(update={"variance_reason": ""}) if line.code == "2010350" else line for line in report.lines]
    report = report.model_copy(update={"lines": lines,
                                       "texts": report.texts.model_copy(update={"income_change_reason": ""})})
    return report.model_dump_json().encode("utf-8")
