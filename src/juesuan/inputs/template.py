"""The blank workbook a finance officer fills in (``juesuan init``)."""

from __future__ import annotations

from decimal import Decimal

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..money import Unit
from .sheets import AMOUNT, BOOL, BUDGET_SHEETS, CHOICE, INSTRUCTIONS, LIST, SCORE, SHEETS, Field, Sheet
from .workbook import get_path

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)
DATA_ROWS = 2000  # rows that carry dropdowns and number formats
AMOUNT_FORMAT = "#,##0.00"

BUDGET_GUIDE = [
    "本工作簿用于填报一个部门一个年度的部门预算公开数据，由 juesuan 生成九张预算表和编制说明等全部内容。",
    "1. 先填「基本信息」：金额单位（元 或 万元）只在这里声明一次，所有工作表的金额都用这个单位。",
    "2. 「预算明细」：每个功能分类项（7 位代码）一行，填各资金（一般公共预算、政府性基金、国有资本经营预算）的",
    "   基本支出和项目支出、事业收入等非财政拨款安排的支出，以及编制说明中逐项说明的主要用途。",
    "3. 「基本支出经济分类」：一般公共预算基本支出按经济分类款（5 位）分人员经费、公用经费填列，",
    "   合计须等于预算明细中的一般公共预算基本支出。",
    "4. 「上年预算」「三公经费」：上年的预算数和变化原因，编制说明按此写“比上年预算增加/减少/持平”。",
    "5. 「其他事项」：政府采购预算、车辆（截至预算年度前的某日）、绩效目标。",
    "空白表示“没有填报”，0 表示“有这一项，金额为零”。",
]
GUIDE = [
    "本工作簿用于填报一个部门（单位）一个年度的决算公开数据，由 juesuan 生成公开表格和报告。",
    "1. 先填「基本信息」：金额单位（元 或 万元）只在这里声明一次，所有工作表的金额都用这个单位。",
    "   从会计核算系统导出的数据一般是“元”：请直接填元，程序换算成万元并做舍位平衡，保证表内合计等于各项之和。",
    "2. 「收支明细」：每个功能分类项（7 位代码）一行，填收入（按来源）、支出（按性质和资金来源）、年初预算数。",
    "   类（3 位）和款（5 位）的合计由程序汇总，不必填写；目录中没有的类、款，可加一行只填代码和名称。",
    "   汇总决算：在「单位构成」列出本级和所属单位，并在各明细行的「单位名称」中注明所属单位。",
    "3. 「基本支出明细」：一般公共预算财政拨款基本支出按经济分类款（5 位）填列，合计须等于收支明细中的",
    "   一般公共预算财政拨款基本支出。",
    "4. 「结转结余」：有年初结转和结余、使用非财政拨款结余、结余分配时填写；年末结转和结余由程序计算。",
    "5. 「三公经费」「其他事项」：没有的支出填 0；车辆、设备按年末数填写。",
    "6. 「绩效评价」「绩效指标」「文字说明」「名词解释」：情况说明中需要人工撰写的内容。",
    "空白表示“不适用/没有填报”，0 表示“有这一项，金额为零”，两者在公开表中的显示不同。",
    "填好后运行：juesuan build 本文件.xlsx -o 输出目录 。程序会一次列出全部问题及其所在单元格。",
]


def _validation(field: Field) -> DataValidation | None:
    if field.kind == CHOICE:
        choices = field.choices
    elif field.kind == BOOL:
        choices = ("是", "否")
    elif field.kind in (AMOUNT, SCORE):
        dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="-1000000000000", allow_blank=True)
        dv.error, dv.errorTitle = "请填写数字金额", "不是金额"
        return dv
    else:
        return None
    dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    dv.error, dv.errorTitle = f"可选：{'、'.join(choices)}", "不是可选的值"
    return dv


def _table_sheet(wb: Workbook, spec: Sheet) -> None:
    ws = wb.create_sheet(spec.name)
    for col, field in enumerate(spec.fields, start=1):
        cell = ws.cell(row=1, column=col, value=field.header)
        cell.font, cell.fill = BOLD, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        if field.help or field.required:
            cell.comment = Comment(("必填。" if field.required else "") + field.help, "juesuan")
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = field.width
        dv = _validation(field)
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{DATA_ROWS}")
        if field.kind in (AMOUNT, SCORE):
            for row in range(2, 200):
                ws.cell(row=row, column=col).number_format = AMOUNT_FORMAT
        if field.key == "code":
            for row in range(2, 200):
                ws.cell(row=row, column=col).number_format = "@"
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "A2" if len(spec.fields) < 4 else "D2"


def _form_sheet(wb: Workbook, spec: Sheet, defaults: dict[str, str]) -> None:
    ws = wb.create_sheet(spec.name)
    for col, (title, width) in enumerate((("项目", 36), ("内容", 40), ("说明", 60)), start=1):
        cell = ws.cell(row=1, column=col, value=title)
        cell.font, cell.fill = BOLD, HEADER_FILL
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, field in enumerate(spec.fields, start=2):
        ws.cell(row=row, column=1, value=field.header).font = BOLD if field.required else Font()
        value = ws.cell(row=row, column=2, value=defaults.get(field.key))
        if field.kind in (AMOUNT, SCORE):
            value.number_format = AMOUNT_FORMAT
        value.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=row, column=3, value=("必填。" if field.required else "") + field.help)
        dv = _validation(field)
        if dv is not None:
            ws.add_data_validation(dv)
            dv.add(f"B{row}")
    ws.freeze_panes = "B2"


def blank_workbook(profile: str, unit: Unit = Unit.YUAN, kind: str = "final") -> Workbook:
    """The blank workbook of a 决算 (``kind="final"``, in ``profile``) or of a 部门预算 (``"budget"``)."""
    sheets, lines = (BUDGET_SHEETS, BUDGET_GUIDE) if kind == "budget" else (SHEETS, GUIDE)
    wb = Workbook()
    guide = wb.active
    guide.title = INSTRUCTIONS
    guide.column_dimensions["A"].width = 120
    for row, line in enumerate(lines, start=1):
        guide.cell(row=row, column=1, value=line)
    guide.cell(row=len(lines) + 2, column=1, value="各工作表：").font = BOLD
    for row, spec in enumerate(sheets, start=len(lines) + 3):
        guide.cell(row=row, column=1, value=f"「{spec.name}」{'（必填）' if spec.required else ''}{spec.help}")
    defaults = {"unit": unit.value, "profile": profile}
    for spec in sheets:
        if spec.kind == "form":
            _form_sheet(wb, spec, defaults)
        else:
            _table_sheet(wb, spec)
    return wb


def _cell_value(field: Field, value):
    """A Report value as the cell that holds it: amounts as numbers, 是/否, lists with 、."""
    if value is None or value == "" or value == [] or isinstance(value, dict):
        return None
    if field.kind in (AMOUNT, SCORE):
        return Decimal(str(value))
    if field.kind == BOOL:
        return "是" if value else "否"
    if field.kind == LIST:
        return "、".join(value)
    return value


def _rows(spec: Sheet, data: dict) -> list[dict]:
    """The records a table sheet holds, keyed as its fields."""
    if spec.target == "glossary":
        return [{"code": code, "text": text} for code, text in (data.get("glossary") or {}).items()] + \
               [{"term": term, "text": text} for term, text in (data.get("terms") or {}).items()]
    records = get_path(data, spec.target) or []
    if spec.target.startswith("department."):
        notes = get_path(data, "department.unit_notes") or {}
        return [{"text": text, "note": notes.get(text)} for text in records]
    return records


def filled_workbook(data: dict, kind: str = "final") -> Workbook:
    """The workbook ``juesuan init`` makes, holding ``data`` (a Report or BudgetReport as JSON): what
    the officer would have typed, so that reading it back gives the same report."""
    wb = blank_workbook(data.get("profile") or "wuhan-2023", Unit(data.get("unit", Unit.YUAN.value)), kind)
    for spec in BUDGET_SHEETS if kind == "budget" else SHEETS:
        ws = wb[spec.name]
        if spec.kind == "form":
            for row, field in enumerate(spec.fields, start=2):
                ws.cell(row=row, column=2, value=_cell_value(field, get_path(data, field.key)))
            continue
        for row, record in enumerate(_rows(spec, data), start=2):
            for col, field in enumerate(spec.fields, start=1):
                value = _cell_value(field, record.get(field.key))
                if value is not None:
                    ws.cell(row=row, column=col, value=value)
    return wb
