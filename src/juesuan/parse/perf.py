"""Read 绩效自评表 (performance self-evaluation tables) from grids: project name, ticked options,
budget / executed / rate and scores, with the source line of each."""

from __future__ import annotations

import re
from decimal import Decimal

from ..document import Document, Grid, PerfTable
from ..document.normalize import amount, clean, key

_OPTION = re.compile(r"(\d+)[、.．]\s*([^<☑□■√✓✔☐\d]+?)\s*(<input[^>]*>|☑|☒|■|√|✓|✔|□|☐)")
_TICKED = ("checked", "☑", "☒", "■", "√", "✓", "✔")
_WEIGHT = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
FUNDS_WORDS = ("资金总额", "支出总额", "年度资金")
CHOICES = ("项目类别", "项目属性", "项目类型")


def is_perf_grid(grid: Grid) -> bool:
    text = "".join(key(c) for row in grid.rows for c in row)
    return "绩效" in key(grid.title) or ("预算数" in text and "执行数" in text) or "项目名称" in text


def _numbers_after(cells: tuple[str, ...], index: int) -> list[Decimal | None]:
    return [amount(c) for c in cells[index + 1:] if key(c)]


def read_perf_table(grid: Grid) -> PerfTable:
    table = PerfTable(clean(grid.title), grid.lines)
    score_column: int | None = None
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
            if "得分" in keys:
                score_column = keys.index("得分")
                continue
            if score_column is not None and len(cells) > score_column:
                value = amount(cells[score_column])
                if value is not None:
                    table.scores.append(value)
    return table


def perf_tables(doc: Document) -> list[PerfTable]:
    return [read_perf_table(g) for g in doc.grids if is_perf_grid(g)]
