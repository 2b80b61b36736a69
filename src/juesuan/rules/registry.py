"""The rule registry: every check registered once with its id, severity, title, message and basis.

A rule is one small function ``check(ctx) -> Iterable[Hit]``. It raises ``NotApplicable`` when the
report has nothing it checks (no 三公 section, no such table) and ``NoData`` when the data it needs
could not be read; neither ever counts as passed. Families: T in-table, X cross-table, N narrative,
C catalogue and names, S 三公, P 绩效, G 名词解释, D document structure,
H the text's form (years, punctuation, numbering, leftovers), I input data.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from ..findings import Finding, Location, Severity, Status  # noqa: F401  (the shapes rules make)

FAMILIES = {
    "T": "表内平衡", "X": "表间一致", "N": "文字说明", "C": "科目与名称",
    "S": "“三公”经费", "P": "预算绩效", "G": "名词解释", "D": "结构与完整性", "H": "文稿规范", "I": "填报数据",
    "B": "部门预算",
}
FINAL, BUDGET, BOTH = ("final",), ("budget",), ("final", "budget")   # the documents a rule checks


RULESET = "juesuan-rules-2"   # names the rule set: changes when a rule changes what it finds


class NotApplicable(Exception):
    """The report has nothing this rule checks."""


class NoData(Exception):
    """The rule applies but the data it needs could not be read."""


@dataclass(frozen=True)
class Hit:
    """One failure found by a rule; the registry turns it into a Finding."""
    location: Location
    fields: dict[str, object] = field(default_factory=dict)   # fills the rule's message template
    expected: object = None
    actual: object = None
    difference: Decimal | None = None
    severity: Severity | None = None   # None: the rule's severity; rounding tails come as INFO
    note: str = ""                      # appended to the message (e.g. the tolerance)


Check = Callable[..., Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    message: str          # template over the Hit's fields
    basis: str            # the formula or regulation it rests on
    check: Check | None   # None: reported by the pipeline, not by a check over the document (D000)
    example: str = ""     # a failing example, for `juesuan rules explain`
    tables: tuple[str, ...] = ()   # the forms it compares (a cross-table rule), beyond where it reports
    documents: tuple[str, ...] = FINAL   # the kinds of document it checks (Document.kind)

    @property
    def family(self) -> str:
        return self.id[0]

    def finding(self, hit: Hit) -> Finding:
        message = self.message.format(**hit.fields)
        if hit.note:
            message += f"（{hit.note}）"
        return Finding(self.id, hit.severity or self.severity, self.title, message, hit.location,
                       _text(hit.expected), _text(hit.actual), _text(hit.difference))


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return f"{value:,.2f}" if value == value.quantize(Decimal("0.01")) else f"{value:,}"
    return str(value)


REGISTRY: dict[str, Rule] = {}


def rule(rule_id: str, title: str, *, severity: Severity = Severity.ERROR, message: str, basis: str,
         example: str = "", tables: tuple[str, ...] = (),
         documents: tuple[str, ...] = FINAL) -> Callable[[Check], Check]:
    """Register ``check`` under ``rule_id`` (unique; the first letter is its family)."""
    def register(check: Check) -> Check:
        if rule_id in REGISTRY:
            raise ValueError(f"duplicate rule id {rule_id}")
        if rule_id[0] not in FAMILIES:
            raise ValueError(f"unknown rule family in {rule_id}")
        REGISTRY[rule_id] = Rule(rule_id, severity, title, message, basis, check, example, tables, documents)
        return check
    return register


def reported(rule_id: str, title: str, *, severity: Severity = Severity.ERROR, message: str, basis: str,
             example: str = "") -> Rule:
    """Register a rule that no check runs over a document: the pipeline reports it (a file that could
    not be read at all), so it is listed, selected and explained like every other rule."""
    rule(rule_id, title, severity=severity, message=message, basis=basis, example=example, documents=BOTH)(None)
    return REGISTRY[rule_id]


def selected(select: Iterable[str] = (), ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules chosen by id or family prefix (``T``, ``N004``); all when ``select`` is empty."""
    chosen, skipped = list(select), list(ignore)

    def matches(rule_id: str, patterns: list[str]) -> bool:
        return any(rule_id.startswith(p.strip().upper()) for p in patterns if p.strip())

    return [r for rid, r in sorted(REGISTRY.items())
            if (not chosen or matches(rid, chosen)) and not matches(rid, skipped)]
