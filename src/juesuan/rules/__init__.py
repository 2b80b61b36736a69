"""The checks: a registry of rules by family, run over a Document (see ``registry``)."""

from . import cross, glossary, names, narrative, performance, sangong, structure, tables  # noqa: F401  (registers the rules)
from .engine import CheckResult, Outcome, run
from .registry import (
           FAMILIES,
           REGISTRY,
           RULESET,
           Finding,
           Location,
           Rule,
           Severity,
           Status,
           selected,
)

__all__ = ["FAMILIES", "REGISTRY", "RULESET", "CheckResult", "Finding", "Location", "Outcome", "Rule", "Severity",
           "Status", "run", "selected"]
