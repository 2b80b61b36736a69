"""The checks: a registry of rules by family, run over a Document (see ``registry``)."""

from ..findings import CheckResult, Finding, Location, Outcome, Severity, Status
from . import (  # noqa: F401  (registers the rules)
    budget,
    cross,
    glossary,
    hygiene,
    identities,
    inputs,
    link,
    names,
    narrative,
    performance,
    sangong,
    statements,
    structure,
    tables,
)
from .engine import run
from .registry import FAMILIES, REGISTRY, RULESET, Rule, selected

__all__ = ["FAMILIES", "REGISTRY", "RULESET", "CheckResult", "Finding", "Location", "Outcome", "Rule", "Severity",
           "Status", "run", "selected"]
