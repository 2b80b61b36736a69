"""Recognise the disclosure forms in grids of printed cells and read them into ``Table``s with the
same row and column keys that ``derive.tables`` produces, so rules run on both alike. What recognises
a form (its title words, its columns' header words) is the forms data (``juesuan.forms``).

Columns are found by their header words, not their position, and codes split over cells
(``301 | 01``, ``208 | 05 | 01``) are joined, so layouts of different regions read the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from ..catalog import bundled
from ..document import Block, Column, Row, Table
from ..document.normalize import amount, clean, is_number, key
from ..forms import Forms, final_accounts
from ..profiles import available
from ..profiles import load as load_profile

INCOME_ITEMS = (
    ("一般公共预算财政拨款", "inc_general"), ("政府性基金预算财政拨款", "inc_gov_fund"),
    ("国有资本经营预算财政拨款", "inc_state_capital"), ("上级补助收入", "inc_superior"),
    ("事业收入", "inc_business"), ("经营收入", "inc_operating"), ("附属单位上缴收入", "inc_affiliated"),
    ("其他收入", "inc_other"), ("本年收入合计", "income_total"), ("使用非财政拨款结余", "use_of_surplus"),
    ("年初", "opening"), ("总计", "grand_total"),
)
SPENDING_ITEMS = (("本年支出合计", "expenditure_total"), ("结余分配", "distribution"), ("年末", "closing"),
                  ("总计", "grand_total"))
FUND_COLUMNS = (("一般公共预算", "general"), ("政府性基金", "gov_fund"), ("国有资本", "state_capital"),
                ("合计", "total"))
SANGONG_ITEMS = ("total", "abroad", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
# a budget's 收支总表: the 收入 items by the words of their label (the most specific first)
BUDGET_INCOME_ITEMS = (
    ("一般公共预算", "general"), ("政府性基金", "gov_fund"), ("国有资本", "state_capital"), ("财政专户", "special"),
    ("财政拨款", "fiscal"), ("上级补助", "superior"), ("附属单位", "affiliated"), ("经营收入", "operating"),
    ("事业收入", "business"), ("其他收入", "other"), ("上年结转", "carried"), ("本年收入合计", "income_subtotal"),
    ("收入总计", "income_total"), ("总计", "income_total"),
)
BUDGET_SPENDING_ITEMS = (("本年支出合计", "expenditure_subtotal"), ("结转下年", "carry_forward"),
                         ("支出总计", "expenditure_total"), ("总计", "expenditure_total"))
# the one row of Shanghai's “三公”经费和机关运行经费预算表, its columns by the words of their header
# (the deepest first: 小计 under 公务用车购置及运行费)
BUDGET_SANGONG_WORDS = (("机关运行", "running"), ("小计", "vehicle_total"), ("出国", "abroad"), ("接待", "reception"),
                        ("购置费", "vehicle_purchase"), ("运行", "vehicle_operation"), ("合计", "total"))

_ORDINAL = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*")
_CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
_FUNCTION_CODE = re.compile(r"^2[0-3]\d(\d{2}){1,2}$")   # a 款 or 项 of the 支出功能分类 (201…234)


@dataclass(frozen=True)
class Grid:
    """Printed rows of one table with their source lines."""
    rows: list[tuple[str, ...]]
    lines: list[int]


def table_kind(title: str, forms: Forms | None = None) -> str | None:
    """The form a title line names (``other`` for a form juesuan does not read); None when it is no title."""
    k = key(title)
    if len(k) > 40 or "说明" in k or "情况" in k or not re.search(r"表[）)]?$", k) or re.search(r"\d\.\d", k):
        return None
    for words, kind in (forms or final_accounts()).recognise:
        if all(w in k for w in words):
            return kind
    return None


def _strip_ordinal(name: str) -> str:
    return _ORDINAL.sub("", key(name))


@cache
def _class_codes() -> dict[str, str]:
    """类 name → code, from every profile's 总表 rows and the catalogue."""
    names: dict[str, str] = {}
    for subject in bundled().subjects():
        if len(subject.code) == 3:
            names.setdefault(key(subject.name), subject.code)
    for profile_id in available():
        for code, name in load_profile(profile_id).summary_classes:
            names[key(name)] = code
    return names


def _code_and_name(cells: tuple[str, ...]) -> tuple[str, str, int]:
    """Leading code (joined over cells), the name, and the index after the name."""
    code, name, index = "", "", 0
    while index < len(cells):
        cell = key(cells[index])
        if not cell or cell in ("类", "款", "项"):
            index += 1
            continue
        if not name and (_CODE.match(cell) and not code or code and re.fullmatch(r"\d{2}", cell) and len(code) < 7):
            code += cell
            index += 1
            continue
        if not name and code and len(code) < 7 and re.fullmatch(r"\d", cell) and index + 1 < len(cells) \
                and key(cells[index + 1]) and not is_number(cells[index + 1]):
            code += cell.zfill(2)      # "301 | 2 | 津贴补贴": a spreadsheet dropped the 款's leading 0
            index += 1
            continue
        if not is_number(cell) or cell in ("合计", "总计"):
            name = clean(cells[index])
            index += 1
        break
    return code, name, index


def _header_texts(rows: list[tuple[str, ...]], width: int) -> list[str]:
    texts = ["" for _ in range(width)]
    for row in rows:
        for i, cell in enumerate(row[:width]):
            texts[i] += key(cell)
    return texts


def _column_keys(words: tuple[tuple[str, str], ...], texts: list[str]) -> dict[int, str]:
    keys: dict[int, str] = {}
    for index, text in enumerate(texts):
        if not text or "科目" in text or text in ("项目", "类款项"):
            continue
        for word, column in words:
            if word in text and column not in keys.values():
                keys[index] = column
                break
    return keys


def _is_data_row(cells: tuple[str, ...]) -> bool:
    code, name, after = _code_and_name(cells)
    rest = [c for c in cells[after:] if key(c)]
    totals = key(name) in ("合计", "总计") and bool(rest) and all(is_number(c) for c in rest)
    return bool(code and name) or totals


def _aligned(cells: tuple[str, ...], after: int, width: int, order: list[int],
             whole_yuan: bool = False) -> tuple[Decimal | None, ...] | None:
    """A data row's values in column order. Rows as wide as the header align cell by cell; a row
    whose blank cells were lost (text extracted with spaces) aligns only if exactly one value per
    column remains. ``whole_yuan``: amounts may be whole 元 (a budget's), which can look like codes."""
    if len(cells) >= width or (len(cells) >= order[-1] + 1 and after <= order[0]):
        picked = [cells[i] if i < len(cells) else "" for i in order]
    else:
        picked = [c for c in cells[after:] if key(c)]
        if len(picked) != len(order) or not all(is_number(c) for c in picked):
            return None
    if not whole_yuan and any(_FUNCTION_CODE.match(key(c)) for c in picked):
        return None  # a subject code landed in an amount column: the row is misaligned
    return tuple(amount(c) for c in picked)


def subject_table(kind: str, grid: Grid, words: tuple[tuple[str, str], ...], whole_yuan: bool = False) -> Table | None:
    """收入/支出决算表, 一般公共预算支出表, 基金 and 国资 tables: 合计 and 类/款/项 rows, columns found
    by their header ``words``."""
    first = next((i for i, r in enumerate(grid.rows) if _is_data_row(r)), len(grid.rows))
    width = max((len(r) for r in grid.rows), default=0)
    keys = _column_keys(words, _header_texts(grid.rows[:first], width))
    if not keys:
        return None
    order = sorted(keys)
    columns = tuple(Column(keys[i], (keys[i],)) for i in order)
    rows: list[Row] = []
    for cells, line in zip(grid.rows[first:], grid.lines[first:]):
        code, name, after = _code_and_name(cells)
        if not _is_data_row(cells):
            continue
        values = _aligned(cells, after, width, order, whole_yuan)
        if values is None:
            return None  # cells cannot be matched to columns: better unread than misread
        level = {3: "类", 5: "款", 7: "项"}.get(len(code), "合计")
        rows.append(Row(code or "total", name, values, code=code, level=level, origin=line))
    return _table(kind, (Block("", columns, tuple(rows), code_column=True),))


def _table(kind: str, blocks: tuple[Block, ...], footer: tuple = ()) -> Table:
    return Table(key=kind, title="", label="", department="", year=0, unit="万元", blocks=blocks, footer=footer)


def _item_key(name: str, items: tuple[tuple[str, str], ...]) -> str:
    k = _strip_ordinal(name)
    return next((item for word, item in items if word in k), "")


def two_sided_table(kind: str, grid: Grid, income_items: tuple = INCOME_ITEMS,
                    spending_items: tuple = SPENDING_ITEMS) -> Table | None:
    """收入支出决算总表 / 财政拨款收入支出决算总表 (and a budget's 收支总表, with its own ``income_items``
    and ``spending_items``): 收入 items on the left, 支出 on the right."""
    role_row = next((r for r in grid.rows if [key(c) for c in r].count("项目") >= 2), None)
    if role_row is None:
        return None
    roles = [key(c) for c in role_row]
    split = [i for i, r in enumerate(roles) if r == "项目"][1]
    class_codes = _class_codes()
    left: list[Row] = []
    right: list[Row] = []
    right_columns: dict[int, str] = {}
    for i in range(split + 1, len(roles)):
        if roles[i] and roles[i] not in ("行次", "栏次"):
            right_columns[i] = ("amount" if kind in ("summary", "b_summary") else
                                next((c for w, c in FUND_COLUMNS if w in roles[i]), "amount"))
    left_value = next((i for i in range(1, split) if roles[i] not in ("行次", "栏次", "")), None)
    after_opening = False
    start = grid.rows.index(role_row) + 1
    for cells, line in zip(grid.rows[start:], grid.lines[start:]):
        cells = tuple(cells) + ("",) * (len(roles) - len(cells))
        name = clean(cells[0])
        if name and "栏次" not in name and left_value is not None:
            item = _item_key(name, income_items)
            if kind == "fiscal_summary" and after_opening and item.startswith("inc_"):
                item = "opening_" + item.removeprefix("inc_")
            elif kind == "b_fiscal_summary" and after_opening and item in ("general", "gov_fund", "state_capital"):
                item = "carried_" + item     # the national 财政拨款收支总表 lists 上年结转 by source too
            after_opening = after_opening or item in ("opening", "carried")
            if item:
                left.append(Row(item, name, (amount(cells[left_value]),), origin=line))
        right_name = clean(cells[split])
        if right_name and "栏次" not in right_name:
            item = _item_key(right_name, spending_items)
            code = "" if item else class_codes.get(_strip_ordinal(right_name), "")
            values = tuple(amount(cells[i]) if i < len(cells) else None for i in right_columns)
            if item or code:
                right.append(Row(item or code, right_name, values, code=code,
                                 level="类" if code else "total", origin=line))
    columns = tuple(Column(k, (k,)) for k in right_columns.values())
    return _table(kind, (Block("收入", (Column("amount", ("金额",)),), tuple(left)),
                         Block("支出", columns, tuple(right))))


def general_basic_table(grid: Grid) -> Table:
    """基本支出决算(明细)表: lanes of (code, name, amount) side by side; 人员/公用经费合计 footer."""
    lanes: dict[int, list[Row]] = {}
    footer: list[tuple[str, Decimal | None]] = []
    header = next((r for r in grid.rows if sum("科目" in key(c) and ("代码" in key(c) or "编码" in key(c))
                                            for c in r) >= 2), None)
    starts = [i for i, c in enumerate(header or ()) if "代码" in key(c) or "编码" in key(c)]
    for cells, line in zip(grid.rows, grid.lines):
        lane, i = 0, 0
        while i < len(cells):
            rest = cells[i:]
            text = key(cells[i])
            if text.endswith("经费合计") or text in ("人员经费合计", "公用经费合计"):
                at = next((j for j, c in enumerate(rest[1:], start=1) if key(c)), None)
                footer.append((text, amount(rest[at]) if at else None))
                i += at + 1 if at and is_number(rest[at]) else 1   # a value like 50000 is no 款 code
                continue
            code, name, after = _code_and_name(rest)
            if code and name and len(code) in (3, 5):
                value = amount(rest[after]) if after < len(rest) else None
                if starts:  # the lane is the header column the code stands under
                    at = i + next(j for j, c in enumerate(rest) if key(c))
                    lane = max(n for n, start in enumerate(starts) if start <= at or n == 0)
                lanes.setdefault(lane, []).append(
                    Row(code, name, (value,), code=code, level="类" if len(code) == 3 else "款", origin=line))
                lane += 1
                i += after + 1
            else:
                i += 1
    blocks = tuple(Block(f"lane{n}", (Column("amount", ("决算数",)),), tuple(rows), code_column=True)
                   for n, rows in sorted(lanes.items()))
    return _table("general_basic", blocks, tuple(footer))


def _is_column_numbers(values: list[str]) -> bool:
    return [key(v) for v in values] == [str(i) for i in range(1, len(values) + 1)]


def _sangong_item(label: str) -> str:
    """The 三公 item a row label names (公务用车购置及运行维护费 before its 购置费 and 运行维护费)."""
    k = key(label)
    for words, item in ((("购置及运行", "小计"), "vehicle_total"), (("机关运行",), "running"),
                        (("运行维护", "运行费"), "vehicle_operation"), (("购置",), "vehicle_purchase"),
                        (("出国",), "abroad"), (("接待",), "reception"),
                        (("合计", "总计"), "total")):
        if any(w in k for w in words):
            return item
    return ""


def _vertical_sangong(grid: Grid) -> Table | None:
    """The 三公 table printed one item per row, with a 预算数 and a 决算数 column (many provinces)."""
    header = next((words for r in grid.rows if (words := [key(c) for c in r]).count("预算数") == 1
                   and words.count("决算数") == 1), None)
    if header is None:
        return None
    budget, actual = header.index("预算数"), header.index("决算数")
    found: dict[str, tuple[Decimal | None, Decimal | None]] = {}
    origin = None
    for cells, line in zip(grid.rows, grid.lines):
        item = _sangong_item(cells[0]) if cells and not is_number(cells[0]) else ""
        if item and item not in found:
            found[item] = tuple(amount(cells[i]) if i < len(cells) else None for i in (budget, actual))
            origin = origin if origin is not None else line
    if len(found) < 3 or sum(any(v is not None for v in pair) for pair in found.values()) < 2:
        return None   # item names as column headers of the one-row form, not rows of amounts
    kinds = [f"{k}_{item}" for k in ("budget", "actual") for item in SANGONG_ITEMS]
    values = tuple(found.get(item, (None, None))[k == "actual"] for k in ("budget", "actual") for item in SANGONG_ITEMS)
    return _table("sangong", (Block("", tuple(Column(k, (k,)) for k in kinds),
                                    (Row("sangong", "财政拨款“三公”经费", values, level="item", origin=origin),)),))


def _kind_word(cell: str) -> str | None:
    """budget or actual for a 三公 header cell that names exactly one of 预算数/决算数."""
    k = key(cell)
    budget, actual = "预算数" in k, "决算数" in k
    return "budget" if budget and not actual else "actual" if actual and not budget else None


def _column_kinds(grid: Grid) -> list[str]:
    """budget/actual of each column whose header (any of the rows above the amounts) names one."""
    found: dict[int, str] = {}
    for row in grid.rows:
        if any(is_number(c) for c in row[1:] if key(c)) and not _is_column_numbers([c for c in row[1:] if key(c)]):
            break
        for j, cell in enumerate(row):
            if j not in found and (kind := _kind_word(cell)) is not None:
                found[j] = kind
    return [found[j] for j in sorted(found)]


def sangong_table(grid: Grid) -> Table | None:
    """三公 table: 预算数 and 决算数 of 合计, 出国, 用车小计/购置/运行, 接待 — in one row (grouped or
    interleaved) or one item per row."""
    if (vertical := _vertical_sangong(grid)) is not None:
        return vertical
    words = [key(c) for r in grid.rows for c in r]
    budget_words, actual_words = sum("预算数" in w for w in words), sum("决算数" in w for w in words)
    # one 预算数/决算数 label per column (alone, joined to its item where a reader merged the header rows,
    # "合计预算数", or on a deeper header row: 用车's 购置费 and 运行维护费): items in form order within
    # each kind, grouped or interleaved as printed
    labels = _column_kinds(grid)
    kinds: list[str]
    if len(labels) >= 12:
        kinds = [f"{k}_{SANGONG_ITEMS[labels[:i].count(k)]}" for i, k in enumerate(labels)]
    elif budget_words >= 1 and actual_words >= 1:
        kinds = [f"{k}_{item}" for k in ("budget", "actual") for item in SANGONG_ITEMS]
    elif actual_words >= 1 or budget_words == 0:
        kinds = [f"actual_{item}" for item in SANGONG_ITEMS]
    else:
        return None
    values: list[Decimal | None] = [None] * len(kinds)
    origin = None
    for cells, line in zip(grid.rows, grid.lines):
        if cells and key(cells[0]) and not is_number(cells[0]):   # the row's label before its amounts
            cells = cells[1:]
        filled = [c for c in cells if key(c)]
        if not filled or not all(is_number(c) for c in filled) or _is_column_numbers(filled):
            continue
        if len(filled) == len(kinds):      # every cell printed (0.00 for zero): read in order
            values = [amount(c) for c in filled]
        elif len(cells) >= len(kinds):    # blanks kept as empty cells: read by position from the right
            values = [amount(c) for c in cells[len(cells) - len(kinds):]]
        else:
            continue
        origin = line
        break
    columns = tuple(Column(k, (k,)) for k in kinds)
    return _table("sangong", (Block("", columns, (Row("sangong", "财政拨款“三公”经费", tuple(values),
                                                      level="item", origin=origin),)),))


def budget_sangong_table(grid: Grid) -> Table | None:
    """The budget's 三公 form: Shanghai's “三公”经费和机关运行经费预算表 (one row of amounts under a header
    of two or three rows, each column named by the words printed above it) or the national template's
    一般公共预算“三公”经费支出表 (the same columns for last year's budget and this year's side by side, or
    one item per row with a column for each year). Last year's columns are keyed ``prior_…``. None when
    the columns cannot be named."""
    first = next((i for i, r in enumerate(grid.rows) if (filled := [c for c in r[1:] if key(c)])
                  and all(is_number(c) for c in filled) and not _is_column_numbers(filled)
                  and (is_number(r[0]) or not key(r[0]) or len(filled) >= 6)), None)
    if first is None:
        return _vertical_budget_sangong(grid)
    cells = grid.rows[first]
    texts = _header_texts(grid.rows[:first], len(cells))
    if cells and key(cells[0]) and not is_number(cells[0]):     # the row's label before its amounts
        cells, texts = cells[1:], texts[1:]
    names = [next((item for word, item in BUDGET_SANGONG_WORDS if word in text), "") for text in texts]
    groups = _year_groups(grid.rows[:first], len(names), skip=len(grid.rows[first]) - len(cells))
    names = [f"{group}{name}" for group, name in zip(groups, names)]
    if not all(names) or len(set(names)) != len(names) or len(names) < 6:
        return None        # a column the header does not name: better unread than misread
    filled = [(name, amount(c) if key(c) else None) for name, c in zip(names, cells)]   # blank: not printed
    return _budget_sangong(tuple(name for name, _ in filled), tuple(v for _, v in filled), grid.lines[first])


_PRIOR_YEAR = re.compile(r"上年|上一年")
_A_YEAR = re.compile(r"(20\d\d)年|上年|本年")


def _year_groups(header: list[tuple[str, ...]], width: int, skip: int) -> list[str]:
    """``prior_`` for each column under a header cell naming last year's budget (the earlier of two years
    printed, or 上年), "" for the others: each header cell spans the columns up to the next one."""
    for row in header:
        starts = [(i - skip, m) for i, c in enumerate(row) if (m := _A_YEAR.search(key(c)))]
        if len(starts) < 2:
            continue
        years = [int(m.group(1)) if m.group(1) else 0 for _, m in starts]
        groups = ["" for _ in range(width)]
        for n, (start, m) in enumerate(starts):
            prior = bool(_PRIOR_YEAR.search(m.group(0))) or (m.group(1) and int(m.group(1)) < max(years))
            end = starts[n + 1][0] if n + 1 < len(starts) else width
            for i in range(max(start, 0), end):
                groups[i] = "prior_" if prior else ""
        return groups
    return ["" for _ in range(width)]


def _vertical_budget_sangong(grid: Grid) -> Table | None:
    """The 三公 form printed one item per row, with this year's budget (and last year's) in columns."""
    header = next((r for r in grid.rows if sum(bool(_A_YEAR.search(key(c))) and "预算" in key(c) for c in r) >= 1
                   and not any(is_number(c) for c in r)), None)
    if header is None:
        return None
    columns = [(i, m) for i, c in enumerate(header) if "预算" in key(c) and (m := _A_YEAR.search(key(c)))]
    years = [int(m.group(1)) for _, m in columns if m.group(1)]
    current = {i: "" if not (_PRIOR_YEAR.search(m.group(0)) or (m.group(1) and int(m.group(1)) < max(years, default=0)))
               else "prior_" for i, m in columns}
    names: list[str] = []
    values: list[Decimal | None] = []
    origin = None
    for cells, line in zip(grid.rows, grid.lines):
        item = _sangong_item(cells[0]) if cells and key(cells[0]) and not is_number(cells[0]) else ""
        if not item or any(f"{prefix}{item}" in names for prefix in current.values()):
            continue
        origin = line if origin is None else origin
        for i, prefix in current.items():
            names.append(prefix + item)
            values.append(amount(cells[i]) if i < len(cells) and key(cells[i]) else None)
    if len({n.removeprefix("prior_") for n in names}) < 4:
        return None
    return _budget_sangong(tuple(names), tuple(values), origin)


def _budget_sangong(names: tuple[str, ...], values: tuple[Decimal | None, ...], origin: int | None) -> Table:
    columns = tuple(Column(name, (name,)) for name in names)
    return _table("b_sangong", (Block("", columns, (Row("sangong", "“三公”经费和机关运行经费预算", values,
                                                      level="item", origin=origin),)),))


def read_form(kind: str, grid: Grid, forms: Forms | None = None) -> Table | None:
    """The form ``kind`` read from ``grid`` by its layout; None when its header cannot be understood."""
    form = (forms or final_accounts()).form(kind)
    if form.layout == "two_sided":
        return two_sided_table(kind, grid)
    if form.layout == "budget_two_sided":
        return two_sided_table(kind, grid, BUDGET_INCOME_ITEMS, BUDGET_SPENDING_ITEMS)
    if form.layout == "budget_sangong":
        return budget_sangong_table(grid)
    if form.layout == "economic":
        return general_basic_table(grid)
    if form.layout == "sangong":
        return sangong_table(grid)
    return subject_table(kind, grid, form.header_words, whole_yuan=(forms or final_accounts()).kind == "budget")
