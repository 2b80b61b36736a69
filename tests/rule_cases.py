"""One passing and one failing document per rule, built from the example report.

The passing document is the example's tables written as text (``render.text``) and read back, with a
hand-written 情况说明 whose every figure is computed here from the tables — plain arithmetic, not
juesuan's sentence code. Each failing document changes one thing a real report gets wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from conftest import EXAMPLE

from juesuan import api
from juesuan.derive import build_document
from juesuan.document import Document, Row, Table
from juesuan.inputs import load_report
from juesuan.parse import read_text
from juesuan.render.text import document_text

PRIOR_TOTAL = Decimal("19425.07")
PERCENT = Decimal("0.1")


def pct(part: Decimal, whole: Decimal, places: Decimal = PERCENT) -> Decimal:
    return (part / whole * 100).quantize(places, rounding=ROUND_HALF_UP)


@cache
def generated() -> Document:
    report = load_report(EXAMPLE)
    return build_document(report, api.tables(report), "example")


def cell(key: str, row: str, column: str, doc: Document | None = None) -> Decimal:
    table = (doc or generated()).table(key)
    return table.value(row, column) or Decimal(0)


def items() -> list[Row]:
    """The 项 rows of the 一般公共预算财政拨款支出决算表."""
    return [r for r in generated().table("general_expenditure").block.rows if r.level == "项"]


def name(code: str) -> str:
    return next(r.name for r in generated().table("general_expenditure").block.rows if r.code == code)


def chain(code: str) -> str:
    return f"{name(code[:3])}（类）{name(code[:5])}（款）{name(code)}（项）"


def item_lines(skip: str = "", budget_delta: Decimal = Decimal(10)) -> list[str]:
    lines = []
    for n, row in enumerate(items(), start=1):
        if row.code == skip:
            continue
        actual = row.cells[0] or Decimal(0)
        budget = actual + budget_delta
        lines.append(f"{n}.{chain(row.code)}。年初预算数为{budget:,.2f}万元，决算数为{actual:,.2f}万元，"
                     f"完成年初预算的{pct(actual, budget)}%，决算数小于年初预算数。")
    return lines


def glossary_lines(skip: str = "", extra: str = "") -> list[str]:
    lines = ["第五部分 名词解释", "（一）一般公共预算财政拨款收入：指区级财政一般公共预算当年拨付的资金。",
             "（二）本部门使用的支出功能分类科目（到项级）"]
    lines += [f"{n}.{chain(r.code)}。反映相关支出。" for n, r in enumerate(items(), start=1) if r.code != skip]
    return lines + ([extra] if extra else [])


def other_lines(running: str = "本部门不是行政单位，没有机关运行经费支出。",
                procurement: str = "其中：政府采购服务支出17.32万元",
                vehicles: str = "共有车辆2辆，其中：执法执勤用车1辆、其他用车1辆") -> list[str]:
    """十 机关运行经费, 十一 政府采购, 十二 国有资产."""
    return ["十、机关运行经费支出情况说明", running,
            "十一、政府采购支出情况说明",
            f"2023年度政府采购支出总额17.32万元，{procurement}。授予中小企业合同金额17.32万元，占政府采购支出总额的100%。",
            "十二、国有资产占用情况说明", f"截至2023年12月31日，本部门{vehicles}。"]


PERF_TABLE = [
    "第六部分 附件",
    "1.示范项目绩效评价报告",
    "(一) 自评得分 {claimed} 分",
    "示范项目绩效自评表",
    "项目名称\t{project}",
    "项目类别\t1、部门预算项目 ☑ 2、区级专项 {second} 3、上级转移支付项目 □",
    "预算执行情况（万元）（{rate_weight}分）\t\t预算数\t执行数\t执行率\t得分（{rate_weight}分*执行率）",
    "\t年度财政资金总额\t100.00\t{executed}\t{rate}\t{rate_score}",
    "年度绩效目标（{goal_weight}分）\t一级指标\t二级指标\t三级指标\t年初目标值\t实际完成值\t分值\t得分",
    "\t产出指标\t数量指标\t服务企业数\t100家\t{actual}\t40\t{score}",
    "\t效益指标\t社会效益\t营商环境\t优化\t优化\t40\t40",
    "总分\t{total}",
]
PERF = {"claimed": "100", "project": "示范项目", "second": "□", "executed": "100.00", "rate": "100%",
        "rate_score": "20", "total": "100", "rate_weight": "20", "goal_weight": "80", "actual": "100家", "score": "40"}
DEPARTMENT_TABLE = [
    "2023年度部门整体绩效自评表",
    "预算执行情况（万元）\t\t预算数\t执行数\t执行率",
    "\t部门整体支出总额\t100.00\t100.00\t100%",
    "年度绩效指标\t一级指标\t二级指标\t三级指标\t年初目标值\t实际完成值",
    "\t产出指标\t数量指标\t服务企业数\t100家\t{department_actual}",
    "",
]


def narrative(**changes: object) -> list[str]:
    """The correct 情况说明, 名词解释 and 附件; keyword arguments replace one part."""
    grand = cell("summary", "grand_total", "amount")
    spent = cell("summary", "expenditure_total", "amount")
    basic, project = cell("expenditure", "total", "basic"), cell("expenditure", "total", "project")
    fiscal = cell("income", "total", "fiscal")
    growth = grand - PRIOR_TOTAL
    perf_values = {**PERF, **changes.pop("perf", {})}  # type: ignore[dict-item]
    department = changes.pop("department", None)
    parts = {
        "total": [(f"2023年度收、支总计均为{grand:,.2f}万元。与2022年度相比，收、支总计增加{growth:,.2f}万元，"
                  f"增长{pct(growth, PRIOR_TOTAL)}%。")],
        "income": [(f"2023年度本年收入合计{cell('summary', 'income_total', 'amount'):,.2f}万元，其中：财政拨款收入"
                   f"{fiscal:,.2f}万元，占本年收入合计的100%。")],
        "spending": [(f"2023年度本年支出合计{spent:,.2f}万元，其中：基本支出{basic:,.2f}万元，占本年支出合计的"
                     f"{pct(basic, spent)}%；项目支出{project:,.2f}万元，占本年支出合计的{pct(project, spent)}%。")],
        "items": item_lines(),
        "figures": ["收入构成见图1。", "图1 收入构成"],
        "sangong": [("“三公”经费财政拨款支出全年预算为0.00万元，支出决算为0.00万元，与上年持平。"
                    "全年因公出国（境）团组0个、0人次；本年度购置公务用车0辆；国内公务接待0批次、0人次。"
                    "截至2023年12月31日，开支财政拨款的公务用车保有量为1辆。")],
        "other": other_lines(),
        "performance": ["十三、预算绩效情况说明",
                        (f"对2023年度一般公共预算项目支出全面开展绩效自评，涉及项目1个，资金{project:,.2f}万元，"
                        f"占一般公共预算项目支出总额的100%。")],
        "glossary": glossary_lines(),
        "perf": [line.format(**perf_values) for line in PERF_TABLE] + (
            [line.format(department_actual=department) for line in DEPARTMENT_TABLE] if department else []),
    }
    parts.update(changes)  # type: ignore[arg-type]
    return [
        "第三部分 2023年度部门决算情况说明",
        "一、收入支出决算总体情况说明", *parts["total"],
        "二、收入决算情况说明", *parts["income"],
        "三、支出决算情况说明", *parts["spending"],
        "五、一般公共预算财政拨款支出决算情况说明", "（三）具体情况", *parts["items"], *parts["figures"],
        "九、财政拨款“三公”经费支出决算情况说明", *parts["sangong"],
        *parts["other"], *parts["performance"], *parts["glossary"], *parts["perf"],
    ]


TOC = ["目录", "第二部分 2023年度部门决算表", "第三部分 2023年度部门决算情况说明", "第五部分 名词解释",
       "第六部分 附件", ""]


def report_text(doc: Document | None = None, toc: list[str] | None = None, **changes: object) -> str:
    return document_text(doc or generated(), narrative(**changes), TOC if toc is None else toc)


def text_document(doc: Document | None = None, toc: list[str] | None = None, **changes: object) -> Document:
    return read_text(report_text(doc, toc, **changes), "example.txt")


# -- changing the tables ---------------------------------------------------------------------
def with_tables(doc: Document, tables: list[Table]) -> Document:
    return replace(doc, tables=tables)


def set_cell(doc: Document, key: str, row_key: str, column: str, value: Decimal | None,
             block: str | None = None) -> Document:
    tables = []
    for table in doc.tables:
        if table.key == key:
            blocks = []
            for b in table.blocks:
                if (block is None or b.title == block) and column in [c.key for c in b.columns]:
                    index = b.column_index(column)
                    rows = tuple(replace(r, cells=tuple(value if i == index else c for i, c in enumerate(r.cells)))
                                 if r.key == row_key else r for r in b.rows)
                    b = replace(b, rows=rows)
                blocks.append(b)
            table = replace(table, blocks=tuple(blocks))
        tables.append(table)
    return with_tables(doc, tables)


def bump(doc: Document, key: str, row_key: str, column: str, by: Decimal, block: str | None = None) -> Document:
    table = doc.table(key)
    blocks = [b for b in table.blocks if block is None or b.title == block]
    value = next(r.cell(b, column) for b in blocks for r in b.rows
                 if r.key == row_key and column in [c.key for c in b.columns])
    return set_cell(doc, key, row_key, column, (value or Decimal(0)) + by, block)


def rename(doc: Document, key: str, code: str, new_name: str) -> Document:
    tables = []
    for table in doc.tables:
        if table.key == key:
            table = replace(table, blocks=tuple(replace(b, rows=tuple(replace(r, name=new_name) if r.code == code else r
                                                                     for r in b.rows)) for b in table.blocks))
        tables.append(table)
    return with_tables(doc, tables)


def drop_row(doc: Document, key: str, code: str) -> Document:
    tables = [replace(t, blocks=tuple(replace(b, rows=tuple(r for r in b.rows if r.code != code)) for b in t.blocks))
              if t.key == key else t for t in doc.tables]
    return with_tables(doc, tables)


def shift_values(doc: Document, key: str, start: int, rows: int) -> Document:
    """The value column of table ``key`` slipped up by ``rows`` from row ``start`` on, as when a
    column is pasted out of line: each row shows the values of the row ``rows`` below it, the last
    rows wrap around to the first."""
    tables = []
    for table in doc.tables:
        if table.key == key:
            block = table.block
            cells = [r.cells for r in block.rows[start:]]
            cells = cells[rows:] + cells[:rows]
            moved = tuple(block.rows[:start]) + tuple(replace(r, cells=c) for r, c in zip(block.rows[start:], cells))
            table = replace(table, blocks=(replace(block, rows=moved), *table.blocks[1:]))
        tables.append(table)
    return with_tables(doc, tables)


@dataclass(frozen=True)
class Case:
    passing: object      # () -> Document
    failing: object      # () -> Document
    message: str         # a piece of the failing finding's message
