"""What a rule sees: the document, the catalogue, and helpers for locations and tolerant sums."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from ..catalog import Catalog, bundled
from ..claims.prose import Number, rounded, subject_rows
from ..claims.reader import Claim, claims_by_paragraph
from ..claims.subjects import title
from ..document import Document, Paragraph, Row, Table
from ..forms import Forms, final_accounts
from ..money import add
from .registry import Hit, Location, NoData, NotApplicable, Severity

HALF_CENT = Decimal("0.005")

def present(hit: Hit | None) -> Iterator[Hit]:
    """Yield the hit a comparison returned, if any."""
    if hit is not None:
        yield hit


def tolerance(parts: int) -> Decimal:
    """DOMAIN §3: a printed parent of n printed parts agrees within (n+1)×0.005 万元."""
    return (parts + 1) * HALF_CENT


def money(value: Decimal | None) -> str:
    return "空白" if value is None else f"{value:,.2f}"


def _half_unit(*values: Decimal | None) -> Decimal:
    """Half a unit of the last printed place of the least precise nonzero figure: a budget printed
    in whole 元 rounds each figure to ±0.5 元, one printed to the fen to ±0.005."""
    places = [v.as_tuple().exponent for v in values if v]
    return Decimal(5).scaleb(max(places, default=-2) - 1)


@dataclass
class Context:
    doc: Document
    catalog: Catalog = field(default_factory=bundled)
    forms: Forms = field(default_factory=final_accounts)
    # where in the text each narrative location points: the engine shows that sentence with the finding
    # (the location itself is kept, so that its id is never reused by another object)
    said: dict[int, tuple[Location, Paragraph, int]] = field(default_factory=dict, repr=False)
    _claims: dict[int, list[Claim]] | None = field(default=None, repr=False)

    def title(self, target: str) -> str:
        """How a finding names what a claim is bound to ("2210201 住房公积金", "公务接待费"); "" for nothing."""
        return title(target, {row.code: row.name for row in subject_rows(self.doc.tables)})

    def named(self, target: str) -> str:
        """The same, followed by "的" ("2210201 住房公积金的决算数…"), to begin a message with."""
        name = self.title(target)
        return f"{name}的" if name else ""

    def claims_of(self, paragraph: Paragraph) -> list[Claim]:
        """What a paragraph of the narrative states, as claims (read once for all the rules)."""
        if self._claims is None:
            self._claims = {id(p): said for p, said in claims_by_paragraph(self.doc, self.catalog)}
        return self._claims.get(id(paragraph), [])

    # -- tables -----------------------------------------------------------------------------
    def table(self, key: str) -> Table:
        """The form ``key``; NotApplicable when the report lacks it, NoData when it was unreadable."""
        table = self.doc.table(key)
        if table is None:
            raise NotApplicable(key)
        if not table.blocks:
            raise NoData(key)
        return table

    def tables(self, *keys: str) -> list[Table]:
        found = [t for t in self.doc.tables if t.key in keys and t.blocks]
        if not found:
            if any(t.key in keys for t in self.doc.tables):
                raise NoData(",".join(keys))
            raise NotApplicable(",".join(keys))
        return found

    def where(self, table: Table, row: Row | str = "", column: str = "") -> Location:
        if isinstance(row, Row):
            line, row_text = row.origin, row.code or self.forms.row_labels.get(row.key, row.name)
        else:
            line, row_text = None, self.forms.row_label(row)
        return Location(self.doc.source, page=table.page, line=line or table.origin,
                        table=table.label or table.title or table.key, row=row_text,
                        column=self.forms.column_label(column))

    def at(self, paragraph: Paragraph, offset: int = 0) -> Location:
        section = next((h for h in reversed(paragraph.section) if h), "")
        location = Location(self.doc.source, page=paragraph.page, line=paragraph.line_at(offset), section=section)
        self.said[id(location)] = (location, paragraph, offset)
        return location

    # -- comparisons ------------------------------------------------------------------------
    def sum_hit(self, location: Location, actual: Decimal | None, parts: list[Decimal | None],
                fields: dict[str, object]) -> Hit | None:
        """A Hit when printed ``actual`` ≠ Σ printed ``parts``: INFO within the rounding tolerance."""
        if actual is None and all(p is None for p in parts):
            return None
        expected = add(*parts) or Decimal(0)
        printed = actual or Decimal(0)
        difference = printed - expected
        if difference == 0:
            return None
        limit = tolerance(len(parts)) if self.doc.kind == "final" else \
            (len(parts) + 1) * _half_unit(actual, *parts)
        tail = abs(difference) <= limit
        return Hit(location, {**fields, "actual": money(actual), "expected": money(expected),
                              "difference": f"{difference:+,.2f}"},
                   expected=expected, actual=actual, difference=difference,
                   severity=Severity.INFO if tail else None,
                   note=f"尾数差异，在容差 ±{limit} {self._unit(location)}内" if tail else "")

    def _unit(self, location: Location) -> str:
        """The unit of the cells compared: 万元 for a 决算 (its tables are read in 万元), else as printed."""
        if self.doc.kind == "final":
            return "万元"
        return next((t.unit for t in self.doc.tables if location.table in (t.label, t.title, t.key)), "")

    def stated_hit(self, location: Location, stated: Number, candidates: list[tuple[str, Decimal]],
                   fields: dict[str, object]) -> Hit | None:
        """A figure printed in the text against the table cells it may mean: None when it is one of
        them at its printed precision; a warning when it is off by one unit of its last place."""
        if not candidates or any(stated.matches(v) for _, v in candidates):
            return None
        where, value = candidates[0]
        close = abs(stated.value - value) <= Decimal(1).scaleb(-stated.digits)
        return Hit(location, {**fields, "actual": stated.text, "where": where, "expected": money(value)},
                   expected=value, actual=stated.value, difference=stated.value - value,
                   severity=Severity.WARNING if close else None,
                   note=f"按四舍五入应为 {rounded(value, stated.digits):,}" if close else "")

    def same_hit(self, location: Location, actual: Decimal | None, expected: Decimal | None,
                 fields: dict[str, object]) -> Hit | None:
        """Two printings of one figure: equal, or a rounding tail of one cent (INFO)."""
        return self.sum_hit(location, actual, [expected], fields)
