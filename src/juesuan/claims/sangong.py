"""The 三公 figures a narrative states: which item (因公出国（境）费, 公务用车购置费 …) a budget, an
actual amount or a change is about. Readers read here; the S rules judge what they return."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from .prose import AMOUNT, Number, about_other_year, amounts, sentences
from .sentences import CHANGE

# item words → table column suffix; longest first so 公务用车购置费 is not read as the 小计
ITEMS = (
    # parts of an item (其中：国内公务接待 …, 外宾接待 …) are not the item: matched so they are skipped
    (r"国内公务接待|外宾接待|接待外宾|外事接待", "part", ""),
    (r"公务用车购置及运行(?:维护)?费|公务用车购置及运行维护|公务用车费用", "vehicle_total", "公务用车购置及运行维护费"),
    (r"公务用车购置费?|购置公务用车", "vehicle_purchase", "公务用车购置费"),
    (r"公务用车运行(?:维护)?费?", "vehicle_operation", "公务用车运行维护费"),
    (r"因公出国[(（]境[)）]费?|出国[(（]境[)）]费", "abroad", "因公出国（境）费"),
    (r"公务接待费?", "reception", "公务接待费"),
    (r"[“\"]?三公[”\"]?经费", "total", "“三公”经费合计"),
)
ITEM = re.compile("|".join(f"(?P<{name}>{pattern})" for pattern, name, _ in ITEMS))
LABEL = {name: label for _, name, label in ITEMS}
BUDGET = re.compile(rf"(?:年初预算|全年预算|预算数|预算)(?:数)?(?:为|是)?\s*(?={AMOUNT.pattern})")
ACTUAL = re.compile(rf"(?:支出决算|决算数|决算|支出|实际支出)(?:为|是)?\s*(?={AMOUNT.pattern})")


def item_before(text: str, start: int, limit: int) -> str | None:
    """The 三公 item named last before ``limit`` within the sentence starting at ``start``."""
    last = None
    for m in ITEM.finditer(text, start, limit):
        last = m.lastgroup
    return last


def stated_figures(text: str, year: int | None) -> Iterator[tuple[str, str, Number]]:
    """(item, budget|actual, amount) for each 三公 figure stated in ``text``."""
    for start, end in sentences(text):
        for kind, pattern in (("budget", BUDGET), ("actual", ACTUAL)):
            for m in pattern.finditer(text, start, end):
                if about_other_year(text, m.start(), year) or re.search(r"比|较|增|减", text[m.start() - 2:m.start()]):
                    continue
                item = item_before(text, start, m.start())
                if item:
                    yield item, kind, amounts(text, m.end())[0]


def item_changes(text: str) -> dict[str, Decimal]:
    """Signed year-over-year change stated for each item; 持平 counts as zero."""
    found: dict[str, Decimal] = {}
    for start, end in sentences(text):
        for clause_start, clause_end in clauses(text, start, end):
            item = item_before(text, clause_start, clause_end)
            if not item or item in found:
                continue
            change = CHANGE.search(text, clause_start, clause_end)
            if change:
                value = amounts(text, change.end(), clause_end)
                if value:
                    sign = -1 if change.group("word") in ("减少", "下降", "降低") else 1
                    found[item] = sign * value[0].value
            elif "持平" in text[clause_start:clause_end]:
                found[item] = Decimal(0)
    return found


def clauses(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cut = start
    for m in re.finditer(r"[；;]|其中[：:]", text[start:end]):
        yield cut, start + m.start()
        cut = start + m.end()
    yield cut, end
