"""One document's analysis: what ``api.analyse`` returns and what batch, the store and the web take.

The document is read once (or generated from a data file), its layout detected once, the headline
figures its text states read once, and the rules run once; everything downstream uses these values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .claims.reader import Claim
from .claims.stated import Stated
from .document import Document
from .findings import CheckResult
from .model import Report


@dataclass
class Analysis:
    document: Document
    result: CheckResult
    report: Report | None = None      # what its tables state (None when they state no usable tables)
    layout: str = ""                  # the profile it follows best ("" when none matches)
    origin: str = "published"         # "published" (a report read) or "built" (generated from data)
    level: str = ""                   # 省/市/区/县/乡镇 level of the department, "" when unknown
    region: str = ""
    stated: dict[str, Stated] = field(default_factory=dict)   # the headline figures its text states
    claims: list[Claim] = field(default_factory=list)         # every figure its narrative states
    ruleset: str = ""                 # the rule-set version the findings come from

    @property
    def findings(self):
        return self.result.findings
