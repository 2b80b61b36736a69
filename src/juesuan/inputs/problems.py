"""Input problems as data: where (file, sheet and cell, or JSON path), what, and what was expected."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    location: str          # data.xlsx:收支明细!D14, data.json:/lines/3/code, or data.xlsx
    message: str           # plain Chinese, says what is wrong and what was expected
    severity: Severity = Severity.ERROR
    code: str = ""         # short id of the kind of problem, e.g. "amount", "duplicate"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity.value}: {self.message}"


class InputFailed(Exception):
    """Loading found errors; ``problems`` lists all of them (warnings included)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.severity is Severity.ERROR]
        super().__init__(f"{len(errors)} 个输入错误")


def errors_in(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]
