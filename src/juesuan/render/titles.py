"""The words a published document is titled by: a 部门决算 ("2023年度 / X部门决算", 第二部分 the tables)
or a 部门预算 ("X / 2026年部门预算", 部门预算表 before 其他相关情况说明)."""

from __future__ import annotations

from ..document import Document, Paragraph

BUDGET_AFTER_TABLES = "其他相关情况说明"     # a budget's tables stand before this part


def cover(doc: Document) -> tuple[str, str]:
    """The cover's two lines."""
    if doc.kind == "budget":
        return f"{doc.year}年部门预算", f"预算主管部门：{doc.department}"
    return f"{doc.year}年度", f"{doc.department}部门决算"


def title(doc: Document) -> str:
    if doc.kind == "budget":
        return f"{doc.department}{doc.year}年部门预算"
    return f"{doc.department}{doc.year}年度部门决算"


def tables_heading(doc: Document) -> str:
    if doc.template == "全国":
        return f"第二部分 {doc.department}{doc.year}年部门预算表"
    return "部门预算表" if doc.kind == "budget" else doc.tables_title or f"第二部分 {doc.year}年度部门决算表"


def after_tables(doc: Document, paragraph: Paragraph) -> bool:
    """Whether ``paragraph`` comes after the tables: past 第一部分 (决算 and the national budget), from
    其他相关情况说明 on (Shanghai's budget)."""
    if not paragraph.section:
        return False
    head = paragraph.section[0]
    return head == BUDGET_AFTER_TABLES if doc.kind == "budget" and doc.template != "全国" else \
        not head.startswith("第一部分")



def with_tables(doc: Document, narrative: list[str], tables: list[str]) -> list[str]:
    """The text's lines in published order: a 决算's tables before its narrative, a budget's before 其他相关情况说明."""
    if doc.kind == "budget" and BUDGET_AFTER_TABLES in narrative:
        at = narrative.index(BUDGET_AFTER_TABLES)
        return narrative[:at] + tables + narrative[at:]
    if doc.template == "全国":          # after 第一部分 概况
        at = next((i for i, line in enumerate(narrative) if line.startswith("第三部分")), len(narrative))
        return narrative[:at] + tables + narrative[at:]
    return tables + narrative
