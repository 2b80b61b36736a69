"""Input problems are findings of family I (``rules/inputs.py``): where (file and cell, or JSON path),
what, and what was expected, in the one shape every diagnostic has."""

from __future__ import annotations

from ..findings import Finding, Severity, errors_in
from ..rules.inputs import problem

__all__ = ["Finding", "InputFailed", "Severity", "errors_in", "problem"]


class InputFailed(Exception):
    """Loading found errors; ``problems`` lists all of them (warnings included)."""

    def __init__(self, problems: list[Finding]):
        self.problems = problems
        super().__init__(f"{len(errors_in(problems))} 个输入错误")
