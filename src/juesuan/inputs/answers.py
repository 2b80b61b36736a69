"""What an officer writes for the 【待补充】 gaps of a built report (the web's form), put into the
Report where the workbook would have held it: a reason, a 项's 差异原因, a 名词解释, the duties."""

from __future__ import annotations

from ..model import Report


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
    if kind == "variance" and code:
        lines = list(report.lines)
        index = next((i for i, line in enumerate(lines) if line.code == code), None)
        if index is None:
            raise AnswerError(f"收支明细中没有科目 {code}")
        lines[index] = lines[index].model_copy(update={"variance_reason": text})
        return report.model_copy(update={"lines": lines})
    if field == "department.duties":
        duties = [line.strip() for line in text.splitlines() if line.strip()]
        return report.model_copy(update={"department": report.department.model_copy(update={"duties": duties})})
    part, _, name = field.partition(".")
    section = getattr(report, part, None) if part in type(report).model_fields else None
    if section is None or name not in type(section).model_fields or not name.endswith("reason"):
        raise AnswerError(f"没有可填写的栏目 {field}")
    return report.model_copy(update={part: section.model_copy(update={name: text})})
