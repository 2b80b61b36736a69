"""Reading numbers, percentages and subject chains out of narrative text, with their offsets.

Full-width characters are folded one-for-one, so every offset still points into the printed text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..document import Paragraph, Row, Table
from ..document.normalize import key, similar_name
from ..money import rounded
from .figures import Interval

# one-to-one folding (NFKC can change lengths; this never does)
_FOLD = str.maketrans({**{chr(0xFF01 + i): chr(0x21 + i) for i in range(94)}, "\u3000": " "})

NUMBER = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d+(?:\.\d+)?"
AMOUNT = re.compile(rf"(?P<num>{NUMBER})\s*(?P<unit>亿元|万元|元)")
AMOUNT_TEXT = rf"(?:{NUMBER})\s*(?:亿元|万元|元)"   # the same, without groups, for use inside other patterns
PERCENT = re.compile(rf"(?P<num>{NUMBER})\s*%")
CHAIN = re.compile(r"(?P<lei>[^。；;，,：:、\d.]{2,30}?)\s*\(类\)\s*(?P<kuan>.{1,40}?)\s*\(款\)\s*(?P<xiang>.{1,50}?)\s*\(项\)")
NOT_NARRATIVE = ("名词解释", "附件")   # sections whose amounts are not statements about the year
SENTENCE_END = re.compile(r"[。；;!?！？]")


def fold(text: str) -> str:
    return text.translate(_FOLD)


def decimal(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def places(text: str) -> int:
    return len(text.split(".")[1]) if "." in text else 0


@dataclass(frozen=True)
class Number:
    value: Decimal
    text: str
    start: int
    end: int
    scale: Decimal = Decimal(1)    # value = printed × scale (an amount in 元 or 亿元 read in 万元)

    @property
    def digits(self) -> int:
        return places(self.text)

    @property
    def interval(self) -> Interval:
        """Every value that prints as this figure (in the unit ``value`` is in)."""
        printed = Interval.printed(decimal(self.text), self.digits)
        return Interval(printed.low * self.scale, printed.high * self.scale)

    def matches(self, exact: Decimal | None) -> bool:
        """Whether this printed figure is ``exact`` at the precision it is printed with."""
        return exact is not None and rounded(exact, self.digits) == self.value


def amounts(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Amounts in 万元 (亿元 and 元 converted) between offsets."""
    found = []
    for m in AMOUNT.finditer(fold(text), start, len(text) if end is None else end):
        value = decimal(m.group("num"))
        scale = {"亿元": Decimal(10000), "元": Decimal("0.0001")}.get(m.group("unit"), Decimal(1))
        found.append(Number(value * scale, m.group("num"), m.start(), m.end(), scale))
    return found


def percents(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    return [Number(decimal(m.group("num")), m.group("num"), m.start(), m.end())
            for m in PERCENT.finditer(fold(text), start, len(text) if end is None else end)]


_OTHER_YEAR = re.compile(r"上年|上一年|去年|同期|(\d{4})\s*年")


def about_other_year(text: str, start: int, year: int | None) -> bool:
    """Whether the clause before ``start`` is about another year (上年, 2022年 in a 2023 report)."""
    clause_start = max(text.rfind(c, 0, start) for c in "，,。；;")
    before = text[clause_start + 1:start]
    return any(m.group(0) in ("上年", "上一年", "去年", "同期") or (year and m.group(1) and int(m.group(1)) != year)
               for m in _OTHER_YEAR.finditer(before))


def sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence."""
    start = 0
    for m in SENTENCE_END.finditer(text):
        yield start, m.end()
        start = m.end()
    if start < len(text):
        yield start, len(text)


EXCERPT = 80   # characters of a sentence shown with a finding


def excerpt(paragraph: Paragraph, offset: int) -> str:
    """The sentence of ``paragraph`` around ``offset``, cut to about EXCERPT characters around it."""
    text = fold(paragraph.text)
    start, end = next(((s, e) for s, e in sentences(text) if s <= offset < e), (0, len(text)))
    sentence = paragraph.text[start:end].strip()
    if len(sentence) <= EXCERPT:
        return sentence
    at = max(offset - start, 0)
    left = max(0, min(at - EXCERPT // 2, len(sentence) - EXCERPT))
    return ("…" if left else "") + sentence[left:left + EXCERPT] + ("…" if left + EXCERPT < len(sentence) else "")


def share(part: Decimal, whole: Decimal, digits: int) -> Decimal:
    return rounded(part / whole * 100, digits)


# -- 功能分类 chains: X（类）Y（款）Z（项） -------------------------------------------------------
@dataclass(frozen=True)
class Chain:
    lei: str
    kuan: str
    xiang: str
    start: int
    end: int


def chains(text: str) -> list[Chain]:
    folded = fold(text)
    return [Chain(m.group("lei").strip(" 0123456789.、\"“”"), m.group("kuan").strip(), m.group("xiang").strip(),
                  m.start(), m.end()) for m in CHAIN.finditer(folded)]


@dataclass(frozen=True)
class Resolved:
    code: str | None          # the 项 the chain names, when it could be found
    problems: tuple[str, ...]  # name or hierarchy mismatches, in Chinese


def _find(rows: list[Row], name: str, prefix: str, length: int) -> tuple[Row | None, bool]:
    """A row of ``length`` under ``prefix`` named ``name``: exact match first, then a similar name."""
    candidates = [r for r in rows if len(r.code) == length and r.code.startswith(prefix)]
    exact = [r for r in candidates if key(r.name) == key(name)]
    if exact:
        return exact[0], True
    similar = [r for r in candidates if similar_name(r.name, name)]
    return (similar[0], False) if len(similar) == 1 else (None, False)


def _equal_names(printed: str, stated: str, code: str, catalog) -> bool:
    """A stated name is right when it is the table's, differs only by a trailing 支出 at 类 level,
    or is the official name of the code."""
    if key(printed) == key(stated):
        return True
    if len(code) == 3 and key(printed).removesuffix("支出") == key(stated).removesuffix("支出"):
        return True
    return catalog is not None and catalog.knows_name(code, stated)


def resolve(chain: Chain, rows: list[Row], catalog=None) -> Resolved:
    """Find the 项 a chain names among the tables' rows and say where its names differ."""
    problems: list[str] = []
    lei, exact = _find(rows, chain.lei, "", 3)
    if lei is None:
        return Resolved(None, (f"表中没有名为「{chain.lei}」的类",))
    kuan, exact_kuan = _find(rows, chain.kuan, lei.code, 5)
    if kuan is None:
        elsewhere, _ = _find(rows, chain.kuan, "", 5)
        if elsewhere is not None:
            problems.append(f"「{chain.kuan}」款是 {elsewhere.code}，不属于 {lei.code}「{lei.name}」类")
        xiang, exact_xiang = _find(rows, chain.xiang, lei.code, 7)
        if xiang is None:
            return Resolved(None, tuple(problems) or (f"{lei.code} 类下没有名为「{chain.kuan}」的款",))
        problems.append(f"「{chain.xiang}」项（{xiang.code}）所属的款是「{_row(rows, xiang.code[:5])}」，"
                        f"文中写作「{chain.kuan}」")
        return Resolved(xiang.code, tuple(problems))
    if not exact_kuan and not _equal_names(kuan.name, chain.kuan, kuan.code, catalog):
        problems.append(f"款名「{chain.kuan}」与表中 {kuan.code}「{kuan.name}」不一致")
    xiang, exact_xiang = _find(rows, chain.xiang, kuan.code, 7)
    if xiang is None:
        elsewhere, _ = _find(rows, chain.xiang, lei.code, 7)
        if elsewhere is not None:
            problems.append(f"「{chain.xiang}」项是 {elsewhere.code}，属于「{_row(rows, elsewhere.code[:5])}」款，"
                            f"不属于 {kuan.code}「{kuan.name}」款")
            return Resolved(elsewhere.code, tuple(problems))
        return Resolved(None, (*problems, f"{kuan.code}「{kuan.name}」款下没有名为「{chain.xiang}」的项"))
    if not exact_xiang and not _equal_names(xiang.name, chain.xiang, xiang.code, catalog):
        problems.append(f"项名「{chain.xiang}」与表中 {xiang.code}「{xiang.name}」不一致")
    if not exact and not _equal_names(lei.name, chain.lei, lei.code, catalog):
        problems.append(f"类名「{chain.lei}」与表中 {lei.code}「{lei.name}」不一致")
    return Resolved(xiang.code, tuple(problems))


def _row(rows: list[Row], code: str) -> str:
    return next((r.name for r in rows if r.code == code), code)


def subject_rows(tables: list[Table]) -> list[Row]:
    """Distinct 类/款/项 rows of the subject tables, first printing of each code."""
    seen: dict[str, Row] = {}
    for table in tables:
        if table.blocks and table.key in ("income", "expenditure", "general_expenditure", "gov_fund", "state_capital"):
            for row in table.block.rows:
                if row.code:
                    seen.setdefault(row.code, row)
    return list(seen.values())



def named_items(resolved: list[tuple[Chain, Resolved]], rows: list[Row]) -> tuple[set[str], set[str]]:
    """(项 codes the chains name, 款 codes under which a chain named a 项 wrongly). A 项 under such a 款
    is not also reported missing: the wrong name is the finding."""
    codes = {r.code for _, r in resolved if r.code}
    misnamed = {row.code for c, r in resolved if r.code is None for row in rows
                if row.level == "款" and (key(row.name) == key(c.kuan) or similar_name(row.name, c.kuan))}
    return codes, misnamed
