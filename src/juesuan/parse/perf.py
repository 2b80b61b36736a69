"""Read 绩效自评表 (performance self-evaluation tables) from grids: project name, ticked options,
budget / executed / rate and scores, with the source line of each."""

from __future__ import annotations

import re
from decimal import Decimal

from ..document import Document, Grid, PerfIndicator, PerfTable
from ..document.normalize import amount, clean, key

_OPTION = re.compile(r"(\d+)[、.．]\s*([^<☑□■√✓✔☐\d]+?)\s*(<input[^>]*>|☑|☒|■|√|✓|✔|□|☐)")
_TICKED = ("checked", "☑", "☒", "■", "√", "✓", "✔")
_WEIGHT = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
FUNDS_WORDS = ("资金总额", "支出总额", "年度资金")
CHOICES = ("项目类别", "项目属性", "项目类型")


def is_perf_grid(grid: Grid) -> bool:
    text = "".join(key(c) for row in grid.rows for c in row)
    return "绩效" in key(grid.title) or ("预算数" in text and "执行数" in text) or "项目名称" in text


def read_perf_table(grid: Grid) -> PerfTable:
    table = PerfTable(clean(grid.title), grid.lines)
    columns: dict[str, int] = {}
    header_weight: Decimal | None = None
    for cells, line in zip(grid.rows, grid.lines):
        keys = [key(c) for c in cells]
        first = next((i for i, k in enumerate(keys) if k), None)
        if first is None:
            continue
        label = keys[first]
        if label == "项目名称":
            table.name = next((clean(c) for c in cells[first + 1:] if key(c)), "")
            table.name_line = line
        elif any(label.startswith(c) for c in CHOICES):
            choice = next(c for c in CHOICES if label.startswith(c))
            text = " ".join(cells[first:])
            table.choices[choice] = [(clean(m.group(2)), any(t in m.group(3) for t in _TICKED))
                                     for m in _OPTION.finditer(text)]
            table.choice_lines[choice] = line
        elif any(w in k for k in keys for w in FUNDS_WORDS):
            index = next(i for i, k in enumerate(keys) if any(w in k for w in FUNDS_WORDS))
            values = [c for c in cells[index + 1:] if key(c)]
            numbers = [amount(c) for c in values]
            if len(numbers) >= 2:
                table.budget, table.executed = numbers[0], numbers[1]
                table.rate_text = key(values[2]) if len(values) > 2 else ""
                table.rate_score = numbers[3] if len(numbers) > 3 else None
                table.rate_weight = header_weight
                table.funds_line = line
        elif label.startswith("总分"):
            text = next((key(c) for c in cells[first + 1:] if key(c)), key(cells[first]).removeprefix("总分"))
            table.total = amount(text.removesuffix("分"))
            table.total_line = line
        else:
            if any("执行率" in k for k in keys):
                weights = [m for c in cells if (m := _WEIGHT.search(c))]
                header_weight = Decimal(weights[0].group(1)) if weights else None
            header = _indicator_header(keys)
            if header is not None:
                columns = header
                goal = _WEIGHT.search(" ".join(cells[:first + 1]))
                table.goal_weight = Decimal(goal.group(1)) if goal else table.goal_weight
                continue
            if columns and not label.startswith(STOP):
                indicator = _indicator(cells, line, columns, table.indicators[-1] if table.indicators else None)
                if indicator is not None:
                    table.indicators.append(indicator)
                    if indicator.score is not None:
                        table.scores.append(indicator.score)
    return table


HEADER_WORDS = (("level1", ("一级指标",)), ("level2", ("二级指标",)), ("name", ("三级指标", "指标名称")),
                ("target", ("目标值", "指标值")), ("actual", ("完成值", "实际值")), ("weight", ("分值", "权重")),
                ("score", ("得分",)))
STOP = ("总分", "偏差", "改进", "备注", "说明", "项目名称", "主管部门")
_GOAL_LABEL = re.compile(r"^年度(绩效)?(目标|指标)")
_LEVEL1 = re.compile(r"(产出|效益|满意度?|成本)(指标)?$")


def _indicator_header(keys: list[str]) -> dict[str, int] | None:
    """Column of each field in an indicator header row (三级指标 | 目标值 | 完成值 | 分值 | 得分)."""
    if not any("级指标" in k or "指标名称" in k for k in keys) or not any("目标值" in k or "指标值" in k for k in keys):
        return None
    columns: dict[str, int] = {}
    for index, text in enumerate(keys):
        for name, words in HEADER_WORDS:
            if name not in columns and any(w in text for w in words) and "执行率" not in text:
                columns[name] = index
                break
    return columns


def _two_values(text: str) -> list[str] | None:
    """'100场 123场' or '40% 46.6%' printed in one cell: the target and the actual value."""
    parts = text.split()
    if len(parts) == 2 and all(len(p) <= 10 for p in parts) and \
            (all(re.search(r"\d", p) for p in parts) or not any(re.search(r"\d", p) for p in parts)):
        return parts
    return None


_LEVEL_WORD = re.compile(r"(指标|效益|满意度|影响)$")


def _from_right(values: list[str], columns: dict[str, int]) -> tuple | None:
    """Read a row whose merged cells shifted it: score, actual, target and name from the right."""
    filled = [v for v in values if v and not _GOAL_LABEL.match(key(v))]
    score = amount(filled.pop()) if "score" in columns and len(filled) > 3 and amount(filled[-1]) is not None \
        else None
    if "weight" in columns and len(filled) > 3 and amount(filled[-1]) is not None:
        filled.pop()  # the 分值: known from its column when the row is aligned
    combined = "actual" not in columns or columns.get("actual") == columns.get("target")
    split = _two_values(filled[-1]) if filled and combined else None
    if split:
        filled[-1:] = split
    if len(filled) >= 3 and _LEVEL_WORD.search(key(filled[-3])) and not re.search(r"\d", filled[-2]) \
            and len(key(filled[-2])) > 4:
        filled.append("")  # a level, a name, one value: the actual value is missing
    if len(filled) < 3:
        return None
    return filled[-3], filled[-2], filled[-1], filled[:-3], score


def _indicator(cells: tuple[str, ...], line: int, columns: dict[str, int],
               previous: PerfIndicator | None) -> PerfIndicator | None:
    values = [clean(c) for c in cells]

    def at(name: str) -> str:
        return values[columns[name]] if name in columns and columns[name] < len(values) else ""

    read = None
    if at("name") and at("target") and not re.match(r"^\d", key(at("name"))):
        target, actual = at("target"), at("actual")
        if "actual" not in columns and (split := _two_values(target)):
            target, actual = split
        read = (at("name"), target, actual, [at("level1"), at("level2")], amount(at("score")))
    if read is None or not read[2]:  # not aligned with the header, or lost its actual value: try from the right
        shifted = _from_right(values, columns)
        read = shifted if shifted is not None and (read is None or shifted[2]) else read
    if read is None:
        return None
    name, target, actual, levels, score = read
    level1 = next((x for x in levels if _LEVEL1.search(key(x))), "")
    level2 = next((x for x in levels if x and x != level1), "")
    if previous is not None:
        level2 = level2 or (previous.level2 if not level1 else "")
        level1 = level1 or previous.level1
    weight = amount(at("weight")) if read and "weight" in columns else None
    return PerfIndicator(level1, level2, name, target, actual, weight, score, line)


def perf_tables(doc: Document) -> list[PerfTable]:
    return [read_perf_table(g) for g in doc.grids if is_perf_grid(g)]
