"""The disclosure forms, declared once as data (``final_accounts.toml``, and ``budget.toml`` for the
部门预算): how each form is recognised,
its columns and rows, the identities that hold inside and between forms, and the one glossary of
printed labels. derive builds tables from it, parse recognises them with it, the rules check its
identities. A profile overlays regional and yearly variants (``Forms.overlaid``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

OTHER_FORM = "other"   # a form juesuan does not read: recognised only so it is never taken for another
SUBJECTS = "subjects"  # in an identity's scope: every form of 合计 and 类/款/项 rows
SUBJECT_LAYOUTS = ("subjects", "fund")
KINDS = ("rows", "columns", "levels", "same", "cells", "footer")


class FormsError(ValueError):
    """A forms declaration (or a profile's overlay of it) that cannot be used."""


@dataclass(frozen=True)
class FormColumn:
    key: str
    header: tuple[str, ...]      # printed header path, top first
    sums: tuple[str, ...] = ()   # the model fields the column adds up


@dataclass(frozen=True)
class Form:
    key: str
    name: str                    # the official title
    layout: str                  # subjects | fund | two_sided | economic | sangong
    columns: tuple[FormColumn, ...] = ()
    header_words: tuple[tuple[str, str], ...] = ()   # (word, column key), tried in order
    fund: str = ""               # the fund of a fund form: general, gov_fund, state_capital
    empty: str = ""              # what the 说明 of an empty table says is absent

    @property
    def fields(self) -> tuple[str, ...]:
        """Every model field any column sums: a subjects form has a row for each 项 with data in one."""
        return tuple(dict.fromkeys(f for c in self.columns for f in c.sums))


@dataclass(frozen=True)
class Identity:
    """One identity of the forms: which rule reports it, its kind, scope and two sides."""
    rule: str
    kind: str
    forms: tuple[str, ...]
    left: str = ""
    right: tuple[str, ...] = ()
    side: str | None = None
    right_side: str | None = None
    right_level: str = ""
    columns: str = "all"         # all | first
    missing: str = "skip"        # skip | blank | form (columns kind)
    parent: str = ""
    child: str = ""
    at_row: str = ""
    at_column: str = ""
    what: str = ""
    parts: str = ""
    left_column: str = ""        # same: the column of each side's cell
    right_column: str = ""
    by: str = ""                 # same: every row of this level (类) of the left side against its code on the right
    excluding: tuple[str, ...] = ()   # footer: the rows of every code but these
    when: str = ""               # rows, columns: checked only where this row (column) key is printed
    unless: str = ""             # … and only where this one is not (one template's layout, not another's)


@dataclass(frozen=True)
class Required:
    """A statement the template requires in a section, even when its amount is 0: each of ``words``
    (alternatives separated by |) must appear in the section named by ``section``."""
    section: tuple[str, ...]     # words of its heading, any one
    words: tuple[str, ...]
    what: str                    # what is missing, as the finding says it


@dataclass(frozen=True)
class RuleText:
    id: str
    title: str
    message: str
    basis: str
    example: str = ""
    severity: str = "error"
    tables: tuple[str, ...] = ()   # forms it compares beyond where it reports (findings there follow a slip, T015)


@dataclass(frozen=True)
class Forms:
    forms: dict[str, Form]
    recognise: tuple[tuple[tuple[str, ...], str], ...]
    identities: tuple[Identity, ...]
    rules: dict[str, RuleText]
    column_labels: dict[str, str] = field(default_factory=dict)
    row_labels: dict[str, str] = field(default_factory=dict)
    required: tuple[Required, ...] = ()
    kind: str = "final"          # the document these are the forms of: final (部门决算) or budget (部门预算)

    def form(self, key: str) -> Form:
        return self.forms[key]

    @property
    def subject_forms(self) -> tuple[str, ...]:
        return tuple(k for k, f in self.forms.items() if f.layout in SUBJECT_LAYOUTS)

    def scope(self, identity: Identity) -> tuple[str, ...]:
        """The forms an identity holds in (``subjects`` stands for every subjects or fund form)."""
        return tuple(dict.fromkeys(k for name in identity.forms
                                   for k in (self.subject_forms if name == SUBJECTS else (name,))))

    def of_rule(self, rule_id: str) -> tuple[Identity, ...]:
        return tuple(i for i in self.identities if i.rule == rule_id)

    def column_label(self, key: str) -> str:
        return self.column_labels.get(key, key)

    def row_label(self, key: str) -> str:
        return self.row_labels.get(key, key)

    def overlaid(self, overlay: dict, source: str = "profile") -> Forms:
        """These forms with a profile's ``forms``, ``recognise`` and ``identities`` laid over them: a
        form's keys replace the same keys (a new key adds a form), recognition entries go first,
        identities are added. An identity must name a rule this declaration already has."""
        if not any(k in overlay for k in ("forms", "recognise", "identities", "required")):
            return self
        forms = dict(self.forms)
        for key, data in overlay.get("forms", {}).items():
            forms[key] = _form(key, {**_raw(forms[key]), **data} if key in forms else data, source)
        identities = tuple(_identity(row, source) for row in overlay.get("identities", []))
        unknown = sorted({i.rule for i in identities} - set(self.rules))
        if unknown:
            raise FormsError(f"{source}：恒等式引用了未声明的规则 {'、'.join(unknown)}")
        required = self.required if "required" not in overlay else tuple(_required(overlay, source))
        return replace(self, forms=forms, identities=self.identities + identities,
                       recognise=tuple(_recognise(overlay)) + self.recognise, required=required)


def _raw(form: Form) -> dict:
    return {"name": form.name, "layout": form.layout, "fund": form.fund, "empty": form.empty,
            "columns": [{"key": c.key, "header": list(c.header), "sums": list(c.sums)} for c in form.columns],
            "header_words": [list(p) for p in form.header_words]}


def _form(key: str, data: dict, source: str) -> Form:
    try:
        return Form(key=key, name=data["name"], layout=data["layout"],
                    columns=tuple(FormColumn(c["key"], tuple(c["header"]), tuple(c.get("sums", ())))
                                  for c in data.get("columns", ())),
                    header_words=tuple((w, k) for w, k in data.get("header_words", ())),
                    fund=data.get("fund", ""), empty=data.get("empty", ""))
    except (KeyError, TypeError, ValueError) as exc:
        raise FormsError(f"{source}：表式 {key} 的声明有误（{exc!r}）") from None


def _identity(row: dict, source: str) -> Identity:
    names = {f for f in Identity.__dataclass_fields__}
    if row.get("kind") not in KINDS or not row.get("rule") or not row.get("forms") or set(row) - names:
        raise FormsError(f"{source}：恒等式 {row} 有误（需 rule、kind（{'、'.join(KINDS)}）、forms，"
                         f"不认识 {'、'.join(sorted(set(row) - names)) or '无'}）")
    return Identity(**{**row, "forms": tuple(row["forms"]), "right": tuple(row.get("right", ())),
                       "excluding": tuple(row.get("excluding", ()))})


def _required(data: dict, source: str) -> list[Required]:
    try:
        return [Required(tuple(r["section"]), tuple(r["words"]), r["what"]) for r in data.get("required", [])]
    except (KeyError, TypeError) as exc:
        raise FormsError(f"{source}：规定内容 required 有误（需 section、words、what：{exc}）") from None


def _recognise(data: dict) -> list[tuple[tuple[str, ...], str]]:
    return [(tuple(entry["words"]), entry["form"]) for entry in data.get("recognise", [])]


def parse_forms(data: dict, source: str) -> Forms:
    return Forms(
        forms={key: _form(key, form, source) for key, form in data.get("forms", {}).items()},
        recognise=tuple(_recognise(data)),
        identities=tuple(_identity(row, source) for row in data.get("identities", [])),
        rules={rule_id: RuleText(rule_id, **{**text, "tables": tuple(text.get("tables", ()))})
               for rule_id, text in data.get("rules", {}).items()},
        column_labels=dict(data.get("labels", {}).get("columns", {})),
        row_labels=dict(data.get("labels", {}).get("rows", {})), required=tuple(_required(data, source)),
        kind=data.get("kind", "final"))


def _shipped(name: str) -> Forms:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return parse_forms(tomllib.loads(text), name)


@cache
def final_accounts() -> Forms:
    """The 部门决算 forms as shipped (no profile overlay)."""
    return _shipped("final_accounts.toml")


@cache
def budget() -> Forms:
    """The 部门预算 forms as shipped: Shanghai's titles and the national template's."""
    return _shipped("budget.toml")


def of_kind(kind: str) -> Forms:
    """The shipped forms of a document kind: ``final`` (部门决算) or ``budget`` (部门预算)."""
    return budget() if kind == "budget" else final_accounts()
