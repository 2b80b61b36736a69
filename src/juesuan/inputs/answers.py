"""What an officer writes for the 【待补充】 gaps of a built report (the web's form), put into the
Report where the workbook would have held it: a reason, a 项's 差异原因, a 名词解释, the duties."""

from __future__ import annotations

from pydantic import ValidationError

from ..model import Report
from .workbook import get_path

LINE_FIELDS = {"variance": "variance_reason", "purpose": "purpose"}     # a 项's text, named by its code


class AnswerError(ValueError):
    """An answer for a field the report has no place for."""


def fill(report: Report, answers: dict[str, str]) -> Report:
    """``report`` with each non-blank answer in its field (fields as ``derive.narrative.Gap.field``)."""
    for field, text in answers.items():
        text = text.strip()
        if text:
            report = _filled(report, field, text)
    return report


def _filled(report: Report, field: str, text: str) -> Report:
    kind, _, code = field.partition(":")
    if kind == "glossary" and code:
        return report.model_copy(update={"glossary": {**report.glossary, code: text}})
    if kind in LINE_FIELDS and code:
        lines = list(report.lines)
        index = next((i for i, line in enumerate(lines) if line.code == code), None)
        if index is None:
            raise AnswerError(f"收支明细中没有科目 {code}")
        lines[index] = lines[index].model_copy(update={LINE_FIELDS[kind]: text})
        return report.model_copy(update={"lines": lines})
    if field == "department.duties":
        duties = [line.strip() for line in text.splitlines() if line.strip()]
        return report.model_copy(update={"department": report.department.model_copy(update={"duties": duties})})
    # any other field by its dotted path (texts.x_reason, sangong.reception_use, performance.summary.good):
    # the model converts and validates the text, as it would the workbook's cell
    parents, _, name = field.rpartition(".")
    data = report.model_dump()
    node = get_path(data, parents) if parents else None
    if not isinstance(node, dict) or name not in node or isinstance(node[name], (dict, list, bool)):
        raise AnswerError(f"没有可填写的栏目 {field}")
    node[name] = text
    try:
        return type(report).model_validate(data)
    except ValidationError as exc:
        raise AnswerError(f"{field}：「{text}」不是有效的值（{exc.errors()[0]['msg']}）") from None


def gap_cell(field: str, report: Report, origin: str) -> str:
    """Where in the workbook (``origin``: its file name) the officer would write what a gap lacks:
    ``data.xlsx:收支明细!S14`` for a 项's 差异原因, ``data.xlsx:文字说明!B3`` for a reason (its row in the
    workbook ``juesuan init`` makes), the sheet alone where a new row is needed."""
    from openpyxl.utils import get_column_letter

    from .sheets import DUTIES_SHEET, GLOSSARY_SHEET, SHEETS, SUBJECT_SHEET

    kind, _, code = field.partition(":")
    if origin.lower().endswith(".json"):     # a JSON file: the path of the member to fill
        if kind in LINE_FIELDS:
            line = next((line for line in report.lines if line.code == code and line.loc), None)
            return f"{line.loc}/{LINE_FIELDS[kind]}" if line is not None else f"{origin}:/lines"
        return f"{origin}:/" + (f"{kind}/{code}" if code else field.replace(".", "/"))
    if kind in LINE_FIELDS:
        line = next((line for line in report.lines if line.code == code and line.loc), None)
        if line is not None and "!" in line.loc:
            row = "".join(ch for ch in line.loc.rsplit("!", 1)[1] if ch.isdigit())
            column = next(i for i, f in enumerate(SUBJECT_SHEET.fields, 1) if f.key == LINE_FIELDS[kind])
            return f"{origin}:{SUBJECT_SHEET.name}!{get_column_letter(column)}{row}"
        return f"{origin}:{SUBJECT_SHEET.name}"
    if kind == "glossary":
        return f"{origin}:{GLOSSARY_SHEET.name}（新增一行：科目代码 {code}）"
    if field == "department.duties":
        return f"{origin}:{DUTIES_SHEET.name}!A2"
    for sheet in SHEETS:
        for row, f in enumerate(sheet.fields, start=2):
            if sheet.kind == "form" and f.key == field:
                return f"{origin}:{sheet.name}!B{row}"
    return origin
