"""Which department and year a report is about, from what it prints.

In order of trust: the front matter of a corpus text file; the 部门/编制单位 the tables print; the
heading "第一部分 {单位}概况" (or "一、{单位}概况"); the title — "{单位}{年}年度部门决算…",
"{年}年度{单位}部门决算…", a name wrapped over the lines above "{年}年度部门决算", the 三公 and
决算公开说明 variants. A candidate counts only when it reads like a unit's name (it ends as 局,
委员会, 中心, 医院, 街道办事处… do), so web-page crumbs, 索引号 lines and generic words ("部门",
"单位") never become the department.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..document.normalize import key

_KIND = r"(?:部门|单位)?(?:决算|三公经费|一般公共预算财政拨款三公)"   # after key(): no quotes, no spaces
TITLE_CHARS = 160   # a title line is never longer; the patterns below are quadratic in a line's length
_NAME_YEAR = re.compile(rf"(?P<name>.+?)(?P<year>20\d\d)年度?{_KIND}")
_YEAR_NAME = re.compile(r"^(?P<year>20\d\d)年度?(?P<name>.+?)(?:部门|单位)决算")
_YEAR_ONLY = re.compile(rf"^(?P<year>20\d\d)年度?{_KIND}")
_OVERVIEW = re.compile(r"^(?:第一部分|[一1][、.])[:：]?(?P<name>.+?)(?:20\d\d年度?)?(?:部门|单位)?(?:概况|基本情况)$")
_UNIT_END = re.compile(r"(?:局|委员会|委|办公室|办|院|所|处|会|部|站|校|园|馆|队|府|室|厅|社|中心|团|台|司|组|署|庭"
                       r"|街道|办事处|镇|乡|场|宫|联|盟|机关|学校|医院)$")
_NOT_A_NAME = re.compile(r"[\d,，。、;；?？!！/·•_=]")
_CRUMB = re.compile(r".*[>|:：\]】]")     # breadcrumbs and "[发布机构]|…" before the title
_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_NAME_PIECE = re.compile(r"^[\u4e00-\u9fff()]{2,30}$")
_NOT_A_PIECE = re.compile(r"目录|说明|概况|公开|决算|部分|附件")
# 2026年区级部门预算; a budget's form alone (a workbook of its tables): 2026年部门财务收支预算总表
_BUDGET_YEAR = re.compile(r"(20\d\d)年度?[\u4e00-\u9fff]{0,4}?(?:(?:部门|单位)预算|部门\S{0,30}预算(?:总)?表)")
_YEAR_MENTION = re.compile(r"(?<![较比与])(20\d\d)年度")  # "较2022年度" is the year before


def unit_name(text: str) -> str:
    """``text`` as a unit's name (full-width brackets), or "" when it does not read like one."""
    name = _PART.sub("", _CRUMB.sub("", key(text))).strip(".-")
    bare = re.sub(r"\([^()]*\)$", "", name)          # 交通运输局(本级), 医院(医共体总院)
    if not 3 <= len(bare) <= 40 or _NOT_A_NAME.search(name) or not _UNIT_END.search(bare):
        return ""
    return name.replace("(", "（").replace(")", "）")


def _wrapped_name(above: Sequence[str]) -> str:
    """The name printed over the (up to three) lines above a "{年}年度部门决算" line."""
    found = ""
    for size in range(1, min(3, len(above)) + 1):
        if size > 1 and not _NAME_PIECE.match(above[-size]):   # a breadcrumb or a date is no part of it
            break
        if name := unit_name("".join(above[-size:])):
            found = name
    return found


def from_title(lines: Sequence[str]) -> tuple[str, int | None]:
    """The department and year of the report's title among ``lines`` (the first of a document)."""
    texts = [key(t)[:TITLE_CHARS] for t in lines if key(t)]
    for index, text in enumerate(texts):
        joined = text + (texts[index + 1] if index + 1 < len(texts) else "")
        if (m := _YEAR_ONLY.match(text)) and (name := _wrapped_name(texts[max(0, index - 3):index])):
            return name, int(m["year"])
        m = _NAME_YEAR.search(text) or _NAME_YEAR.search(joined)   # "…2024年度" / "部门决算" wrap
        if m and m.start("year") < len(text) and (name := unit_name(m["name"])):
            above = texts[index - 1] if index and m.start() == 0 else ""
            if _NAME_PIECE.match(above) and not _NOT_A_PIECE.search(above):   # a name wrapped on the cover
                name = unit_name(above + m["name"]) or name
            return name, int(m["year"])
        for candidate in (text, joined):
            if (m := _YEAR_NAME.search(candidate)) and (name := unit_name(m["name"])):
                return name, int(m["year"])
    return "", None


def from_overview(headings: Sequence[str]) -> str:
    """The unit named by "第一部分 {单位}概况" (or "一、{单位}概况")."""
    return next((name for h in headings if (m := _OVERVIEW.match(key(h))) and (name := unit_name(m["name"]))), "")


def year_mentioned(lines: Sequence[str]) -> int | None:
    """The first "{年}年度" near the top that is not a comparison ("较2022年度")."""
    return next((int(m.group(1)) for t in lines if (m := _YEAR_MENTION.search(key(t)))), None)


def budget_year(lines: Sequence[str]) -> int | None:
    """The year of a 部门预算's title ("上海市普陀区2026年区级部门预算", "2026年部门预算")."""
    return next((int(m.group(1)) for t in lines if (m := _BUDGET_YEAR.search(key(t)[:TITLE_CHARS]))), None)
