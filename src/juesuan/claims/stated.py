"""The headline figures a report's text states about its own year.

Many reports put their tables in an attachment or a picture (北京's "报表详见附件"), or a reader gets
only the web page; the 情况说明 still states 本年收入合计, 本年支出合计, 基本支出, 项目支出, 人员经费,
公用经费 and the 三公 决算. Each is the first amount the narrative gives right after its label, in a
clause that is not about another year; amounts in 元 or 亿元 come back in 万元.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..document import Document, Paragraph
from .prose import AMOUNT_TEXT, NOT_NARRATIVE, about_other_year, amounts, fold

_LEAD = r"(?:决算数?|合计|总计|共计|共|为|是|达到?|：|:)*"
_OWN = r"(?:本年度?|本单位|本部门)"
LABELS = (
    ("income_total", "本年收入合计", rf"{_OWN}收入(?:合计)?|(?<!拨款)(?<!总)收入合计"),
    ("expenditure_total", "本年支出合计", rf"{_OWN}支出(?:合计)?|(?<!拨款)(?<!总)支出合计"),
    ("basic", "基本支出", r"(?<!拨款)基本支出"),
    ("project", "项目支出", r"(?<!拨款)项目支出"),
    ("personnel", "人员经费", r"人员经费"),
    ("public", "公用经费", r"公用经费"),
    # 三公: "…经费支出预算为246万元，支出决算为167.37万元" — the amount after 决算, else after the label
    ("sangong", "“三公”经费决算", (r"三公.?经费[^。；;]*?(?<!预)决算数?(?:为|是|：|:)?"
                                  r"|三公.?经费(?:支出)?(?:总额|合计|共计)?(?:为|是|：|:)?")),
)
_PATTERNS = {figure: re.compile(rf"(?:{words}){_LEAD}(?={AMOUNT_TEXT})") for figure, _, words in LABELS}


@dataclass(frozen=True)
class Stated:
    figure: str          # income_total, …, sangong
    value: Decimal       # 万元
    text: str            # the amount as printed
    paragraph: Paragraph


def stated_figures(doc: Document) -> dict[str, Stated]:
    """figure → the first statement of it about the report's year."""
    found: dict[str, Stated] = {}
    for paragraph in doc.paragraphs:
        if paragraph.in_section(*NOT_NARRATIVE):
            continue
        text = re.sub(r"\s", "", fold(paragraph.text))   # "本年收 入390.55万元": a line wrapped in a word
        for figure, pattern in _PATTERNS.items():
            if figure in found:
                continue
            for m in pattern.finditer(text):
                if about_other_year(text, m.start(), doc.year):
                    continue
                number = amounts(text, m.end())[0]
                found[figure] = Stated(figure, number.value, number.text, paragraph)
                break
    return found
