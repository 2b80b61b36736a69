"""What a 部门预算's text states, read into statements: each amount of the 编制说明, the “三公”经费 and
机关运行经费 sections with the subject its clause names, and the change from last year's budget that
follows it ("比2025年预算增加115,649万元", "与2025年预算持平"); and each 项 of the 财政拨款支出 list
("“…（类）…（款）…（项）”82.15万元"). Readers read; the budget rules (rules/budget.py) judge.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..document import Document, Paragraph
from .prose import AMOUNT, CHAIN, NOT_NARRATIVE, NUMBER, Number, amounts, decimal, fold

# a clause's words → its subject, the most specific first; a clause that compares (比/较/增加 …) names none
SUBJECTS = (
    (("机关运行经费",), "running"), (("三公",), "sangong_total"), (("因公出国",), "abroad"),
    (("购置及运行",), "vehicle_total"), (("用车购置",), "vehicle_purchase"), (("用车运行",), "vehicle_operation"),
    (("公务接待",), "reception"),
    (("一般公共预算", "基本支出"), "general_basic"), (("基本支出",), "basic"), (("项目支出",), "project"),
    (("人员经费",), "personnel"), (("公用经费",), "public"), (("财政拨款收支",), "fiscal_total"),
    (("一般公共预算", "收入"), "general_income"), (("政府性基金", "收入"), "gov_fund_income"),
    (("国有资本经营", "收入"), "state_capital_income"),
    (("一般公共预算", "支出"), "general"), (("政府性基金", "支出"), "gov_fund"),
    (("国有资本经营", "支出"), "state_capital"), (("一般公共预算", "拨款"), "general"),
    (("财政拨款支出",), "fiscal_expenditure"),
    (("财政拨款收入",), "fiscal_income"), (("事业单位经营收入",), "operating"), (("事业收入",), "business"),
    (("其他收入",), "other"), (("上年结转",), "carried"), (("收入预算",), "income_total"),
    (("收支总预算",), "income_total"), (("支出预算",), "expenditure_total"),
)
SUBJECT_NAMES = {
    "running": "机关运行经费", "sangong_total": "“三公”经费", "abroad": "因公出国（境）费",
    "vehicle_total": "公务用车购置及运行费", "vehicle_purchase": "公务用车购置费", "vehicle_operation": "公务用车运行费",
    "reception": "公务接待费", "general": "一般公共预算拨款支出", "gov_fund": "政府性基金拨款支出",
    "state_capital": "国有资本经营预算拨款支出", "fiscal_expenditure": "财政拨款支出", "fiscal_income": "财政拨款收入",
    "operating": "事业单位经营收入", "business": "事业收入", "other": "其他收入", "income_total": "收入预算",
    "expenditure_total": "支出预算", "general_basic": "一般公共预算基本支出", "basic": "基本支出",
    "project": "项目支出", "personnel": "人员经费", "public": "公用经费", "fiscal_total": "财政拨款收支总预算",
    "general_income": "一般公共预算拨款收入", "gov_fund_income": "政府性基金预算拨款收入",
    "state_capital_income": "国有资本经营预算拨款收入", "carried": "上年结转",
}
SECTIONS = ("编制说明", "三公", "机关运行", "其他相关情况")
# …or that says which part of a whole it is ("涉及一般公共预算当年拨款982.43万元" is some projects' money)
_COMPARING = re.compile(r"比|较|增加|减少|增长|下降|持平|涉及|其中[:：]?$|[(（]项[)）]")
_CLAUSE_START = re.compile(r".*[，,。；;：:]")
_CHANGE = re.compile(rf"[，,。]?\s*(?:比|较|与)\s*(?P<year>20\d\d)\s*年度?(?:预算数?)?(?:相比)?\s*[，,]?\s*"
                     rf"(?P<word>增加|减少|增长|下降|持平|相同|一致)(?:了)?\s*(?:(?P<num>{NUMBER})\s*万元)?")


_PURPOSE = re.compile(r"[，,]?\s*主要用于?(?P<purpose>[^。]+)")


@dataclass(frozen=True)
class Stated:
    """An amount the text states about ``subject``, and the change from last year's budget after it."""
    subject: str
    amount: Number                  # in 万元
    direction: str = ""             # up, down, flat, or "" when no change is stated
    change: Number | None = None    # the changed amount (万元), when printed
    paragraph: Paragraph | None = None

    @property
    def signed_change(self):
        """The change as a signed amount (0 for 持平); None when no amount is stated."""
        if self.direction == "flat":
            return 0
        if self.change is None:
            return None
        return -self.change.value if self.direction == "down" else self.change.value


@dataclass(frozen=True)
class StatedItem:
    """A 项 of the 财政拨款支出 list: its 类, 款 and 项 names and the amount stated."""
    lei: str
    kuan: str
    xiang: str
    amount: Number
    paragraph: Paragraph
    purpose: str = ""               # "主要用于…" after the amount


def _subject(clause: str) -> str:
    if _COMPARING.search(clause):
        return ""
    return next((subject for words, subject in SUBJECTS if all(w in clause for w in words)), "")


def _direction(word: str) -> str:
    return {"增加": "up", "增长": "up", "减少": "down", "下降": "down"}.get(word, "flat")


def statements(doc: Document) -> list[Stated]:
    """Every amount of the budget's 编制说明, 三公 and 机关运行经费 text with the subject its clause names."""
    found = []
    for paragraph in _paragraphs(doc):
        text = fold(paragraph.text)
        for number in amounts(text):
            before = text[max(0, number.start - 60):number.start]
            clause = _CLAUSE_START.sub("", before)
            if not (subject := _subject(clause)):
                continue
            change = _CHANGE.match(text, number.end)
            if change is None:
                found.append(Stated(subject, number, paragraph=paragraph))
                continue
            changed = next(iter(amounts(text, change.start("num"), change.end())), None) if change["num"] else None
            found.append(Stated(subject, number, _direction(change["word"]), changed, paragraph))
    return found


def items(doc: Document) -> list[StatedItem]:
    """The "“X（类）Y（款）Z（项）”N万元" statements of the 财政拨款支出 list."""
    found = []
    for paragraph in _paragraphs(doc):
        text = fold(paragraph.text)
        for chain in CHAIN.finditer(text):
            after = AMOUNT.search(text, chain.end(), chain.end() + 12)
            if after is None or after["unit"] != "万元":
                continue
            number = next(n for n in amounts(text, after.start(), after.end()))
            used = _PURPOSE.match(text, number.end)
            purpose = paragraph.text[used.start("purpose"):used.end("purpose")].strip() if used else ""   # as printed
            found.append(StatedItem(_bare(chain["lei"]), _bare(chain["kuan"]), _bare(chain["xiang"]), number, paragraph,
                                    purpose))
    return found


def _bare(name: str) -> str:
    return re.sub(r"^[\d.、\s“\"]+|[“”\"\s]", "", name)


def _paragraphs(doc: Document) -> list[Paragraph]:
    return [p for p in doc.paragraphs if not p.in_section(*NOT_NARRATIVE) and not p.in_section("项目经费")]


@dataclass(frozen=True)
class ProjectAmount:
    """The 年度预算安排 a 项目经费情况说明 states (万元)."""
    project: str                    # as its title names it ("拆违经费"; "" when the title is only 项目经费情况说明)
    amount: Number
    paragraph: Paragraph


@dataclass(frozen=True)
class Application:
    """The 年度资金申请总额 a 绩效目标申报表 prints, in 元, and the project it names."""
    project: str
    amount: Decimal
    line: int


# the amount the part's words introduce: "预算金额为349.80万元", "2025年安排建设资金5000万元", "年度预算安排…"
_ARRANGED = re.compile(rf"(?:年度预算安排|预算(?:金额|资金)?|安排[^0-9，。；]{{0,6}}?(?:资金|经费))\s*(?:为|是)?\s*"
                       rf"(?={NUMBER}\s*万元)")


def project_amounts(doc: Document) -> list[ProjectAmount]:
    """Each 项目经费情况说明's 年度预算安排: the amount its words introduce, else the part's only amount
    (a part that also states the project's 总投资 says which is this year's)."""
    found: dict[str, ProjectAmount] = {}
    for p in doc.paragraphs:
        title = next((h for h in p.section if h.endswith("项目经费情况说明")), None)
        if title is None or title in found or not p.in_section("年度预算"):
            continue
        text = fold(p.text)
        introduced = [n for m in _ARRANGED.finditer(text) for n in amounts(text, m.end(), m.end() + 30)[:1]]
        stated = [n for n in amounts(text) if n.scale == 1]
        chosen = introduced[-1:] or (stated if len(stated) == 1 else [])
        if chosen:
            found[title] = ProjectAmount(title.removesuffix("项目经费情况说明"), chosen[0], p)
    return list(found.values())


def applications(doc: Document) -> list[Application]:
    """The 年度资金申请总额 of each 绩效目标申报表 (its cells in 元), with its 项目名称."""
    found = []
    for grid in doc.grids:
        project = form_name(grid)
        for row, line in zip(grid.rows, grid.lines):
            if "年度资金申请总额" in row and (value := cell_after(row, "年度资金申请总额")):
                if re.fullmatch(NUMBER, fold(value)):
                    found.append(Application(project, decimal(fold(value)), line))
    return found


def form_name(grid) -> str:
    """The 项目名称 a 绩效目标申报表 prints ("" for a grid that is no such form)."""
    return next((cell_after(row, "项目名称") for row in grid.rows if "项目名称" in row), "")


def cell_after(row: tuple[str, ...], label: str) -> str:
    """The first printed cell after ``label`` in ``row``."""
    return next((c.strip() for c in row[row.index(label) + 1:] if c.strip()), "")
