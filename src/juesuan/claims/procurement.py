"""Shanghai's 政府采购 statements about small and medium enterprises (上海市 2024 决算公开模板, (二)
政府采购支出情况): the 预留 amounts and the amounts won by SMEs, each the amount right after its words
("面向中小企业预留政府采购项目预算金额225.10万元", "…由中小企业供应商中标或成交的，采购金额225.10万元").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Paragraph
from .prose import AMOUNT_TEXT, Number, amounts, fold

_WON = r"[，,]?由{who}供应商中标或成交的[，,]?采购金额"
RESERVED_WORDS = (
    ("sme_reserved", "面向中小企业预留政府采购项目预算金额", r"面向中小企业预留政府采购项目预算金额"),
    ("small_micro_reserved", "面向小微企业预留政府采购项目预算金额", r"面向小微企业预留政府采购项目预算金额"),
    ("sme_reserved_won", "预留项目中由中小企业中标或成交的采购金额",
     r"面向中小企业预留的政府采购项目中" + _WON.format(who="中小企业")),
    ("small_micro_reserved_won", "小微企业预留项目中由小微企业中标或成交的采购金额",
     r"面向小微企业预留(?:的)?政府采购项目中" + _WON.format(who="小微企业")),
    ("sme_other_won", "其他项目中由中小企业中标或成交的采购金额", r"其他政府采购项目中" + _WON.format(who="中小企业")),
)
NAMES = {key: name for key, name, _ in RESERVED_WORDS}
# a 部门预算's: its 政府采购预算, the part reserved for SMEs and, of that, for 小型和微型企业 (in 万元)
BUDGET_WORDS = (
    ("total", "政府采购预算", r"政府采购预算(?:总额|金额)?"),
    ("sme", "面向中小企业预留的政府采购项目预算", r"面向中小企业预留[^0-9，。；]{0,16}?"),
    ("small", "预留给小型和微型企业的政府采购项目预算", r"预留给小型和微型企业[^0-9，。；]{0,16}?"),
)
_CONNECT = r"(?:为|是|：|:|\s)*"


@dataclass(frozen=True)
class Reserved:
    key: str
    amount: Number
    paragraph: Paragraph


def reserved(paragraphs: list[Paragraph], words_of=RESERVED_WORDS, unit: str = AMOUNT_TEXT) -> dict[str, Reserved]:
    """Each 预留/中标 amount the paragraphs state (the first time), by the words that introduce it
    (``words_of``: the 决算's, or a budget's ``BUDGET_WORDS``) and in ``unit`` (a pattern)."""
    found: dict[str, Reserved] = {}
    for paragraph in paragraphs:
        text = fold(paragraph.text)
        for key, _, words in words_of:
            match = re.search(rf"(?:{words}){_CONNECT}(?={unit})", text)
            if key not in found and match:
                found[key] = Reserved(key, amounts(text, match.end())[0], paragraph)
    return found
