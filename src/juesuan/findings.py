"""The one shape of every diagnostic: a Finding — rule id, severity, message, where, expected and
actual — with its Location, the outcome of each rule, the result of a check, and waivers.

Everything else imports these: the rules make them, input validation makes them (family I),
render, the store and the web show them. This module imports nothing of the package.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Status(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not-applicable"
    NO_DATA = "insufficient-data"


@dataclass(frozen=True)
class Location:
    file: str = ""
    page: int | None = None
    line: int | None = None
    table: str = ""      # table title
    row: str = ""        # row code or name
    column: str = ""     # column header
    section: str = ""    # narrative heading
    box: tuple[float, float, float, float] | None = None   # on the PDF page, when read from one
    cell: str = ""       # in an input file: 收支明细!D14 (a workbook) or /lines/3/code (JSON)

    def __str__(self) -> str:
        head = self.file or ("" if self.cell else "<report>")
        text = ":".join([x for x in (head, self.cell) if x] + [*([f"p{self.page}"] if self.page else []),
                                                                 *([str(self.line)] if self.line else [])])
        if self.table:
            inside = ",".join(x for x in (self.row, self.column) if x)
            text += f":{self.table}" + (f"[{inside}]" if inside else "")
        elif self.section:
            text += f":{self.section}"
        return text

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v not in ("", None)}


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    title: str
    message: str
    location: Location
    expected: str | None = None
    actual: str | None = None
    difference: str | None = None
    waived: str | None = None     # the reason a reviewer accepted it; None while it stands
    excerpt: str | None = None    # the sentence of the text it is about, when it is about the text

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        data = {"rule": self.rule, "severity": self.severity.value, "title": self.title,
                "message": self.message, "location": self.location.to_dict(), "where": str(self.location),
                "expected": self.expected, "actual": self.actual, "difference": self.difference}
        if self.waived is not None:
            data["waived"] = self.waived
        if self.excerpt:
            data["excerpt"] = self.excerpt
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Finding:
        """The finding ``to_dict`` wrote (as JSON or a job's saved state)."""
        where = dict(data.get("location") or {})
        if where.get("box"):
            where["box"] = tuple(where["box"])
        return cls(data["rule"], Severity(data["severity"]), data["title"], data["message"], Location(**where),
                   data.get("expected"), data.get("actual"), data.get("difference"), data.get("waived"),
                   data.get("excerpt"))


def errors_in(findings: list[Finding]) -> list[Finding]:
    """The findings that are errors (input problems stop a build on these)."""
    return [f for f in findings if f.severity is Severity.ERROR]


@dataclass
class Outcome:
    rule: str
    status: Status
    findings: int = 0
    reason: str = ""


@dataclass
class CheckResult:
    source: str
    findings: list[Finding] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        """Findings of ``severity`` that stand (waived ones are counted apart)."""
        return sum(1 for f in self.findings if f.severity is severity and f.waived is None)

    @property
    def waived(self) -> int:
        return sum(1 for f in self.findings if f.waived is not None)

    @property
    def has_errors(self) -> bool:
        return self.count(Severity.ERROR) > 0

    def summary(self) -> dict[str, object]:
        statuses = Counter(o.status.value for o in self.outcomes)
        summary: dict[str, object] = {
            "source": self.source,
            "errors": self.count(Severity.ERROR), "warnings": self.count(Severity.WARNING),
            "infos": self.count(Severity.INFO),
            "rules": len(self.outcomes), "ran": statuses["passed"] + statuses["failed"],
            "passed": statuses["passed"], "failed": statuses["failed"],
            "not_applicable": statuses["not-applicable"], "insufficient_data": statuses["insufficient-data"],
        }
        if self.waived:
            summary["waived"] = self.waived
        return summary


@dataclass
class DocumentResult:
    """One document of a batch: its findings, how long it took, and why it could not be checked
    ("" when it was)."""
    path: str
    seconds: float
    result: CheckResult
    failure: str = ""

    @property
    def counts(self) -> tuple[int, int, int]:
        return tuple(self.result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))


_PARTS = ":[,]"     # what separates the parts of a printed location


@dataclass(frozen=True)
class Waiver:
    """A reviewer's decision that a finding is accepted: every finding of ``rule`` (an id, or a family
    prefix such as ``G``) whose printed location starts with ``where`` ("" for all of them) — whole
    parts of it: ``report.pdf:p2`` covers page 2, not page 24."""
    rule: str
    reason: str
    where: str = ""

    def covers(self, finding: Finding) -> bool:
        where = str(finding.location)
        if not finding.rule.startswith(self.rule) or not where.startswith(self.where):
            return False
        rest = where[len(self.where):]
        return not self.where or not rest or self.where[-1] in _PARTS or rest[0] in _PARTS


class WaiverError(ValueError):
    """A waiver list that cannot be used; the message says where and why."""


def parse_waivers(entries: object, source: str = "waivers") -> list[Waiver]:
    """Waivers from plain data (a waiver file's YAML or JSON): a list of mappings with ``rule`` and
    ``reason`` (both required) and ``where`` (optional), or such a list under the key ``waivers``."""
    if isinstance(entries, dict) and "waivers" in entries:
        entries = entries["waivers"]
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise WaiverError(f"{source}：应为豁免条目的列表（每条有 rule、reason，可有 where）")
    waivers = []
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise WaiverError(f"{source}：第 {number} 条不是 rule/reason/where 的映射")
        rule, reason, where = (str(entry.get(k) or "").strip() for k in ("rule", "reason", "where"))
        if not rule or not reason:
            raise WaiverError(f"{source}：第 {number} 条缺少{'规则编号 rule' if not rule else '豁免理由 reason'}")
        waivers.append(Waiver(rule.upper(), reason, where))
    return waivers


def waive(result: CheckResult, waivers: list[Waiver]) -> CheckResult:
    """The result with each finding a waiver covers marked with that waiver's reason (the first one
    that covers it). The findings stay in the result; counts and exit codes leave them out."""
    if waivers:
        result.findings = [
            replace(f, waived=next((w.reason for w in waivers if w.covers(f)), f.waived)) for f in result.findings]
    return result
