"""Document → plain text: headings, paragraphs and tables as tab-separated rows.

The layout is the one ``parse.read_text`` reads (title, 单位 line, header row, data rows), so a
report written here reads back to the same tables — the round trip the tests rely on.
"""

from __future__ import annotations

from ..document import Block, Document, Grid, PerfTable, Table
from ..money import format_amount
from .titles import cover, tables_heading, with_tables

SANGONG_ITEMS = (("total", "合计"), ("abroad", "因公出国（境）费"), ("vehicle_total", "公务用车购置及运行维护费小计"),
                 ("vehicle_purchase", "公务用车购置费"), ("vehicle_operation", "公务用车运行维护费"),
                 ("reception", "公务接待费"))


def _cell(value) -> str:
    return format_amount(value)


def _header(block: Block) -> str:
    return "\t".join("".join(c.header) for c in block.columns)


def _subject(table: Table) -> list[str]:
    block = table.block
    lines = [f"科目代码\t科目名称\t{_header(block)}"]
    for row in block.rows:
        lines.append("\t".join([row.code, row.name, *(_cell(v) for v in row.cells)]))
    return lines


def _two_sided(table: Table) -> list[str]:
    left, right = table.blocks
    lines = ["项目\t金额\t项目\t" + "\t".join("".join(c.header) for c in right.columns)]
    for index in range(max(len(left.rows), len(right.rows))):
        a = left.rows[index] if index < len(left.rows) else None
        b = right.rows[index] if index < len(right.rows) else None
        cells = [a.name if a else "", _cell(a.cells[0]) if a else ""]
        cells += [b.name if b else "", *((_cell(v) for v in b.cells) if b else ("" for _ in right.columns))]
        lines.append("\t".join(cells))
    return lines


def _lanes(table: Table) -> list[str]:
    lines = ["\t".join("科目代码\t科目名称\t决算数" for _ in table.blocks)]
    for index in range(max(len(b.rows) for b in table.blocks)):
        cells = []
        for block in table.blocks:
            row = block.rows[index] if index < len(block.rows) else None
            cells += [row.code, row.name, _cell(row.cells[0])] if row else ["", "", ""]
        lines.append("\t".join(cells))
    lines.append("\t".join(f"{name}\t\t{_cell(value)}" for name, value in table.footer))
    return lines


def _sangong(table: Table) -> list[str]:
    block = table.block
    row = block.rows[0]
    labels = {f"{kind}_{item}": (kind_label, label) for item, label in SANGONG_ITEMS
              for kind, kind_label in (("budget", "预算数"), ("actual", "决算数"))}
    return ["\t".join(labels[c.key][1] for c in block.columns),
            "\t".join(labels[c.key][0] for c in block.columns),
            "\t".join(_cell(v) for v in row.cells)]


def table_text(table: Table) -> list[str]:
    lines = [table.title]
    if table.label:
        lines.append(table.label)
    lines += [f"部门：{table.department}", f"单位：{table.unit}"]
    if table.key in ("summary", "fiscal_summary", "b_summary", "b_fiscal_summary"):
        lines += _two_sided(table)
    elif table.key == "b_sangong":
        lines += [_header(table.block), "\t".join(_cell(v) for v in table.block.rows[0].cells)]
    elif table.key == "general_basic":
        lines += _lanes(table)
    elif table.key == "sangong":
        lines += _sangong(table)
    else:
        lines += _subject(table)
    lines += ["", *table.notes]
    if table.empty_note:
        lines.append(table.empty_note)
    return lines + [""]


def _choice(options: list[tuple[str, bool]]) -> str:
    return " ".join(f"{n}、{name} {'☑' if on else '□'}" for n, (name, on) in enumerate(options, start=1))


def perf_table_text(table: PerfTable) -> list[str]:
    """A 绩效自评表 as the reader expects it: 项目名称, ticks, funds with 执行率 and its score, indicators."""
    lines = [table.title]
    if table.name:
        lines.append(f"项目名称\t{table.name}")
    lines += [f"{choice}\t{_choice(options)}" for choice, options in table.choices.items()]
    weight = f"（{table.rate_weight}分）" if table.rate_weight is not None else ""
    lines.append(f"预算执行情况（万元）{weight}\t\t预算数\t执行数\t执行率\t得分")
    lines.append("\t".join(["", "年度财政资金总额", _cell(table.budget), _cell(table.executed), table.rate_text,
                             "" if table.rate_score is None else str(table.rate_score)]))
    if table.indicators:
        goal = f"（{table.goal_weight}分）" if table.goal_weight is not None else ""
        lines.append(f"年度绩效目标{goal}\t一级指标\t二级指标\t三级指标\t年初目标值\t实际完成值\t分值\t得分")
        lines += ["\t".join(["", i.level1, i.level2, i.name, i.target, i.actual,
                              "" if i.weight is None else str(i.weight), "" if i.score is None else str(i.score)])
                  for i in table.indicators]
    if table.total is not None:
        lines.append(f"总分\t{table.total}")
    return lines + [""]


def drawn_grids(doc: Document) -> dict[int, list[Grid]]:
    """A generated document's forms (e.g. 绩效目标申报表) by the paragraph they follow."""
    found: dict[int, list[Grid]] = {}
    for grid in doc.grids:
        if grid.after is not None:
            found.setdefault(grid.after, []).append(grid)
    return found


def grid_text(grid: Grid) -> list[str]:
    """A form as the reader expects it: its title, then its rows, cells tab-separated (a cell's lines
    run on, as a text layer prints a wrapped cell)."""
    return [grid.title, *("\t".join(cell.replace("\n", "") for cell in row) for row in grid.rows), ""]


def narrative_text(doc: Document) -> list[str]:
    """Paragraphs under their headings (a heading printed when the path changes); each 绩效自评表
    follows its report heading and score, i.e. stands before the next numbered 附件 heading."""
    lines: list[str] = []
    path: tuple[str, ...] = ()
    tables = list(doc.perf_tables)
    reports = 0
    captions = {f.after: f.caption for f in doc.figures}
    forms = drawn_grids(doc)
    for index, paragraph in enumerate(doc.paragraphs):
        for depth, heading in enumerate(paragraph.section):
            if heading and path[:depth + 1] != paragraph.section[:depth + 1]:
                lines.append(heading)
        path = paragraph.section
        if paragraph.in_section("附件") and paragraph.text[:1].isdigit():
            if reports and tables:
                lines += perf_table_text(tables.pop(0))
            reports += 1
        lines.append(paragraph.text)
        if index in captions:
            lines.append(captions[index])
        for grid in forms.get(index, ()):
            lines += grid_text(grid)
    for table in tables:
        lines += perf_table_text(table)
    return lines


def document_text(doc: Document, narrative: list[str] | None = None, contents: list[str] | None = None) -> str:
    """The report as text: cover, ``contents`` (目录 lines), the tables, then ``narrative`` lines
    (by default the document's own paragraphs and 绩效 tables)."""
    tables = [tables_heading(doc), ""]
    for table in doc.tables:
        tables += table_text(table)
    body = with_tables(doc, narrative if narrative is not None else narrative_text(doc), tables)
    return "\n".join([*cover(doc), "", *(contents or []), *body]) + "\n"
