"""Look subjects up by code and year; walk 项 → 款 → 类.

The bundled data (``data/``, copied from the project's sourced catalogue, see ``data/SOURCES.md``)
covers only part of the official edition. A user who holds the full edition of a year loads it
with ``load_edition`` (``--catalog FILE``); it takes precedence for that year.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path

LEVEL_BY_LENGTH = {3: "类", 5: "款", 7: "项"}


class Classification(StrEnum):
    FUNCTION = "function"  # 支出功能分类
    ECONOMIC = "economic"  # 部门预算支出经济分类


class CatalogError(ValueError):
    """A catalogue file that cannot be read; the message names the file and row."""


@dataclass(frozen=True)
class Subject:
    code: str
    name: str
    classification: Classification
    edition: int | None = None  # fiscal year of the edition that attests the name
    description: str = ""
    variants: tuple[str, ...] = ()
    source: str = ""

    @property
    def level(self) -> str:
        return LEVEL_BY_LENGTH.get(len(self.code), "")


def code_level(code: str) -> str:
    """'类', '款' or '项' from the length of a 功能分类 code; '' when malformed."""
    return LEVEL_BY_LENGTH.get(len(code), "") if code.isdigit() else ""


def function_parents(code: str) -> list[str]:
    """The 类 and 款 codes above a 项 (or the 类 above a 款), top first."""
    return [code[:n] for n in (3, 5) if n < len(code)]


@dataclass
class Catalog:
    """Subjects by classification and code, possibly several editions of one code."""

    entries: dict[tuple[Classification, str], list[Subject]] = field(default_factory=dict)
    attested: frozenset[str] = frozenset()   # function codes known to exist, with no current name (legacy)

    def add(self, subject: Subject) -> None:
        editions = self.entries.setdefault((subject.classification, subject.code), [])
        editions.append(subject)
        editions.sort(key=lambda s: (s.edition or 0))

    def lookup(self, code: str, year: int | None = None,
               classification: Classification = Classification.FUNCTION) -> Subject | None:
        """The subject in force for ``year``: that year's edition, else the newest before it,
        else the oldest one known."""
        editions = self.entries.get((classification, code))
        if not editions:
            return None
        if year is None:
            return editions[-1]
        earlier = [s for s in editions if (s.edition or 0) <= year]
        return earlier[-1] if earlier else editions[0]

    def name(self, code: str, year: int | None = None,
             classification: Classification = Classification.FUNCTION) -> str | None:
        subject = self.lookup(code, year, classification)
        return subject.name if subject else None

    def knows_name(self, code: str, name: str,
                   classification: Classification = Classification.FUNCTION) -> bool:
        """Whether ``name`` is a name any edition gives ``code`` (full/half-width parentheses alike)."""
        norm = _normalise_name(name)
        return any(
            norm == _normalise_name(n)
            for s in self.entries.get((classification, code), [])
            for n in (s.name, *s.variants)
        )

    def subjects(self, classification: Classification = Classification.FUNCTION,
                 year: int | None = None) -> list[Subject]:
        codes = sorted(c for k, c in self.entries if k is classification)
        return [self.lookup(c, year, classification) for c in codes]  # type: ignore[misc]

    def knows_code(self, code: str, year: int | None = None) -> bool:
        """Whether a function code exists in any source: a named edition, or attested by an older list
        (whose names are stale, so it gives no name)."""
        return self.lookup(code, year) is not None or code in self.attested

    def merged(self, other: Catalog) -> Catalog:
        combined = Catalog(attested=self.attested | other.attested)
        for catalog in (self, other):
            for editions in catalog.entries.values():
                for subject in editions:
                    combined.add(subject)
        return combined


def _normalise_name(name: str) -> str:
    return name.replace("(", "（").replace(")", "）").replace(" ", "").strip()


def _edition_year(text: str) -> int | None:
    digits = "".join(ch for ch in text if ch.isdigit())
    return int(digits) if len(digits) == 4 else None


def _read_rows(classification: Classification, rows: list[dict[str, str]], origin: str,
               default_edition: int | None = None) -> list[Subject]:
    subjects = []
    for number, row in enumerate(rows, start=2):
        code = (row.get("code") or row.get("科目代码") or row.get("科目编码") or "").strip()
        name = (row.get("name") or row.get("科目名称") or "").strip()
        if not code and not name:
            continue
        if not code.isdigit() or len(code) not in (3, 5, 7) or not name:
            raise CatalogError(f"{origin}:{number}: 「{code} {name}」不是有效的科目行（需要 3/5/7 位代码和名称）")
        variants = tuple(v for v in (row.get("name_variants") or "").split(";") if v.strip())
        subjects.append(Subject(
            code=code, name=name, classification=classification,
            edition=_edition_year(row.get("edition") or "") or default_edition,
            description=(row.get("description") or row.get("说明") or "").strip(),
            variants=variants, source=(row.get("source") or origin).strip(),
        ))
    return subjects


@cache
def bundled() -> Catalog:
    """The catalogue shipped in the package (partial; see data/SOURCES.md)."""
    catalog = Catalog()
    data = resources.files(__package__) / "data"
    for filename, classification in (("function_subjects.csv", Classification.FUNCTION),
                                     ("economic_subjects.csv", Classification.ECONOMIC)):
        text = (data / filename).read_text(encoding="utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        if classification is Classification.ECONOMIC:
            rows = [r for r in rows if r.get("kind", "部门") == "部门"]
        for subject in _read_rows(classification, rows, f"juesuan:{filename}"):
            catalog.add(subject)
    legacy = (data / "function_codes_legacy.csv").read_text(encoding="utf-8")
    return replace(catalog, attested=frozenset(r["code"] for r in csv.DictReader(io.StringIO(legacy))))


def load_edition(path: Path, year: int | None = None,
                 classification: Classification = Classification.FUNCTION) -> Catalog:
    """Read a user's catalogue edition: CSV or XLSX with columns code/科目代码 and name/科目名称
    (optional: description/说明, edition). ``year`` labels rows that do not say their edition."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        rows = _xlsx_rows(path)
    else:
        try:
            rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        except (OSError, UnicodeDecodeError) as exc:
            raise CatalogError(f"{path}: 无法读取科目目录（{exc}）") from exc
    if not rows:
        raise CatalogError(f"{path}: 科目目录为空")
    catalog = Catalog()
    for subject in _read_rows(classification, rows, str(path), default_edition=year):
        catalog.add(subject)
    return catalog


def _xlsx_rows(path: Path) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
    except Exception as exc:  # openpyxl raises many types for a bad file
        raise CatalogError(f"{path}: 不是可读取的 Excel 工作簿（{exc}）") from exc
    values = [[("" if v is None else str(v)).strip() for v in row]
              for row in sheet.iter_rows(values_only=True)]
    if not values:
        return []
    header = values[0]
    return [dict(zip(header, row)) for row in values[1:]]
