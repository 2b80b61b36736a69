"""Run the rules over a Document: findings plus each rule's outcome, never stopping on one rule."""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from dataclasses import replace

from ..catalog import Catalog, bundled
from ..claims.prose import excerpt
from ..document import Document
from ..findings import CheckResult, Finding, Location, Outcome, Severity, Status, Waiver, waive
from ..forms import Forms, of_kind
from .context import Context
from .registry import NoData, NotApplicable, Rule, selected

DOCUMENT_NAMES = {"final": "部门决算", "budget": "部门预算"}
GATES = ("D008",)     # when one of these fails, the document is not one the other rules are about
SHIFT_RULE = "T015"   # values slipped against their 科目: other findings about that table follow from it


def _sort_key(finding: Finding) -> tuple:
    loc = finding.location
    return (loc.page or 0, loc.line or 0, finding.rule, loc.table, loc.row, loc.column, finding.message)


def run(doc: Document, rules: Iterable[Rule] | None = None, catalog: Catalog | None = None,
        waivers: Iterable[Waiver] = (), forms: Forms | None = None) -> CheckResult:
    """Every selected rule over ``doc``, the ``waivers`` applied. A rule that crashes becomes an
    internal-error finding. ``forms``: the forms the report follows (a profile's overlay), the
    shipped ones by default."""
    if forms is None or forms.kind != doc.kind:     # a budget is checked by the budget's forms
        forms = of_kind(doc.kind)
    ctx = Context(doc, catalog or bundled(), forms)
    result = CheckResult(doc.source)
    ordered = sorted((r for r in (selected() if rules is None else rules) if r.check is not None),
                     key=lambda r: r.id not in GATES)
    for r in ordered:
        if any(f.rule in GATES and f.severity is Severity.ERROR for f in result.findings):
            result.outcomes.append(Outcome(r.id, Status.NOT_APPLICABLE, reason="不是决算报告"))
            continue
        if doc.kind not in r.documents:
            result.outcomes.append(Outcome(r.id, Status.NOT_APPLICABLE, reason=DOCUMENT_NAMES[doc.kind] + "不适用"))
            continue
        try:
            hits = list(r.check(ctx))
        except NotApplicable as exc:
            result.outcomes.append(Outcome(r.id, Status.NOT_APPLICABLE, reason=str(exc)))
            continue
        except NoData as exc:
            result.outcomes.append(Outcome(r.id, Status.NO_DATA, reason=str(exc)))
            continue
        except Exception as exc:  # noqa: BLE001 - a rule's bug must not hide the other rules' findings
            result.outcomes.append(Outcome(r.id, Status.NO_DATA, reason=f"internal error: {exc!r}"))
            result.findings.append(Finding(r.id, Severity.WARNING, r.title,
                                           f"规则 {r.id} 运行出错，未能完成检查：{exc!r}",
                                           Location(doc.source), actual=traceback.format_exc(limit=1)))
            continue
        findings = sorted({f: None for f in (_with_excerpt(r.finding(h), ctx.said.get(id(h.location)), h.location)
                                             for h in hits)}, key=_sort_key)
        result.findings.extend(findings)
        result.outcomes.append(Outcome(r.id, Status.FAILED if findings else Status.PASSED, len(findings)))
    if doc.origins:
        result.findings = [_on_page(f, doc) for f in result.findings]
    result.findings = _explained_by_shifts(result.findings, doc, {r.id: r for r in ordered})
    result.findings.sort(key=_sort_key)
    return waive(result, list(waivers))


def _explained_by_shifts(findings: list[Finding], doc: Document, rules: dict[str, Rule]) -> list[Finding]:
    """Findings about a table whose values slipped against its 科目 (T015) — in it, or comparing it —
    say so: they follow from the slip rather than being errors of their own."""
    shifted = {f.location.table for f in findings if f.rule == SHIFT_RULE}
    if not shifted:
        return findings
    keys = {t.key for t in doc.tables if (t.label or t.title or t.key) in shifted}

    def caused(f: Finding) -> bool:
        rule = rules.get(f.rule)
        return f.rule != SHIFT_RULE and (f.location.table in shifted or bool(rule and keys & set(rule.tables)))

    return [replace(f, message=f"{f.message}（{'、'.join(sorted(shifted))}数值与科目错行，可能由此引起，见 {SHIFT_RULE}）")
            if caused(f) else f for f in findings]


def _with_excerpt(finding: Finding, said: tuple | None, location: Location) -> Finding:
    """A finding about the narrative carries the sentence it points into."""
    if said is None or said[0] is not location:
        return finding
    return replace(finding, excerpt=excerpt(said[1], said[2]))


def _on_page(finding: Finding, doc: Document) -> Finding:
    """A finding on a line read from a PDF or DOCX points at the page, the page's line and its box."""
    origin = doc.origins.get(finding.location.line) if finding.location.line else None
    if origin is None:
        return finding
    return replace(finding, location=replace(finding.location, page=origin.page, line=origin.line,
                                             box=origin.box))
