"""D: the document's structure and completeness — the nine tables, units, headers, sections, 目录."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document, budget_titles
from ..document.normalize import key
from .context import Context
from .registry import BOTH, Hit, Location, NotApplicable, Severity, reported, rule

FORMS = {
    "summary": "收入支出决算总表", "income": "收入决算表", "expenditure": "支出决算表",
    "fiscal_summary": "财政拨款收入支出决算总表", "general_expenditure": "一般公共预算财政拨款支出决算表",
    "general_basic": "一般公共预算财政拨款基本支出决算表", "gov_fund": "政府性基金预算财政拨款收入支出决算表",
    "state_capital": "国有资本经营预算财政拨款收入支出决算表", "sangong": "财政拨款“三公”经费支出决算表",
}
TOPICS = (
    (("三公",), "财政拨款“三公”经费支出决算情况说明"),
    (("机关运行经费",), "机关运行经费支出情况说明"),
    (("政府采购",), "政府采购支出情况说明"),
    (("国有资产", "资产占用"), "国有资产占用情况说明"),
    (("绩效",), "预算绩效情况说明"),
)
_ORDINAL = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")


UNREADABLE = reported(
    "D000", "文件无法审核", message="{why}",
    basis="文件损坏、加密、不是报告，或读取超过时限时，整份文件无法审核；批量审核中它记为一条发现，其余文件照常审核",
    example="报告.pdf：不是 PDF 文件（文件头为 PK，可能是改了扩展名的 DOCX）")


# words only the general parts of a 决算 narrative use (a 三公 page says "三公经费支出决算" too)
_GENERAL = ("收入决算", "收入支出决算", "本年收入", "本年支出", "收支总", "财政拨款收入支出决算",
            "一般公共预算财政拨款支出决算")
KINDS = {"sangong": "单独公开的“三公”经费说明", "tables": "只有决算表（没有情况说明）",
         "narrative": "只有文字部分（没有决算表；表格可能在附件或图片中）"}


def document_kind(doc: Document) -> str:
    """What a file holds: a whole report ("report"), or one part published on its own — the 三公
    section ("sangong"), the tables ("tables") or the narrative ("narrative")."""
    if doc.generated or not doc.tables and not doc.paragraphs:
        return "report"
    if doc.tables and not doc.paragraphs:
        return "tables"
    text = key(" ".join(h.text for h in doc.headings) + " ".join(p.text for p in doc.paragraphs))
    if "三公" in text and not any(w in text for w in _GENERAL) and {t.key for t in doc.tables} <= {"sangong"} \
            and not doc.toc:     # a 目录 lists the parts of a whole report (one cut short)
        return "sangong"
    return "narrative" if not doc.tables and "决算" in text else "report"


def _document(ctx: Context) -> None:
    if ctx.doc.generated:
        raise NotApplicable("built by juesuan")


@rule("D008", "按文件种类（部门决算或部门预算）检查", documents=BOTH, message="{what}",
      basis="部门决算公开和部门预算公开的表式（决算表 / 收支预算总表、支出功能分类预算表）和口径（决算数 / 预算数）"
            "不同：部门预算按预算的九张表、编制说明和 B 规则检查，决算的规则不运行；读成决算的文件若标题写的是"
            "部门预算，其余规则都不运行",
      example="《上海市普陀区2026年区级部门预算》：目录列出 9 张预算表，按部门预算检查")
def check_final_accounts(ctx: Context) -> Iterator[Hit]:
    if ctx.doc.kind == "budget":
        yield Hit(Location(ctx.doc.source), {"what": "这份文件是部门（单位）预算公开：按部门预算的表式和规则（B 规则及通用的"
                                                     "文稿、结构规则）检查，决算的规则不适用"},
                  severity=Severity.INFO, actual="部门预算")
    elif (count := budget_titles(ctx.doc)) >= 2:
        yield Hit(Location(ctx.doc.source),
                  {"what": f"这份文件是部门（单位）预算公开，不是决算：标题和目录中 {count} 处写预算表或部门预算，"
                           "没有一处写决算；按决算的表式读取，其余规则未运行"},
                  expected="部门决算", actual="部门预算")


@rule("D001", "公开九张决算表齐全", message="报告中没有“{title}”",
      basis="部门决算公开须包括九张报表；无数据的表也应公开并说明（DOMAIN §1）",
      example="报告缺少国有资本经营预算财政拨款支出决算表")
def check_tables_present(ctx: Context) -> Iterator[Hit]:
    _document(ctx)
    if not ctx.doc.tables and not ctx.doc.paragraphs:
        raise NotApplicable("empty document")
    if (kind := document_kind(ctx.doc)) != "report":
        raise NotApplicable(KINDS[kind])      # D009 says once what the file is and lacks
    for table_key, title in FORMS.items():
        if ctx.doc.table(table_key) is None:
            yield Hit(Location(ctx.doc.source), {"title": title}, expected=title)


@rule("D002", "每张表注明金额单位", documents=BOTH, severity=Severity.WARNING, message="“{title}”没有注明金额单位（单位：万元/元）",
      basis="每张表须注明金额单位；不能假定单位（DOMAIN §3）", example="表头没有“单位：万元”")
def check_units(ctx: Context) -> Iterator[Hit]:
    _document(ctx)
    for table in ctx.doc.tables:
        if not table.unit_stated:
            yield Hit(Location(ctx.doc.source, page=table.page, line=table.origin, table=table.title),
                      {"title": table.title}, expected="单位：万元")


@rule("D003", "表头部门名称与报告一致", documents=BOTH, severity=Severity.WARNING,
      message="“{title}”表头的部门为「{actual}」，报告为「{expected}」",
      basis="各表表头的编制部门应为本部门全称", example="基本支出决算表表头写“部门：武汉市武昌区企业和”")
def check_table_departments(ctx: Context) -> Iterator[Hit]:
    _document(ctx)
    if not ctx.doc.department:
        raise NotApplicable("department unknown")
    for table in ctx.doc.tables:
        if table.department and key(table.department) != key(ctx.doc.department):
            yield Hit(Location(ctx.doc.source, page=table.page, line=table.origin, table=table.title),
                      {"title": table.title, "actual": table.department, "expected": ctx.doc.department},
                      expected=ctx.doc.department, actual=table.department)


@rule("D004", "报告内容均可读取", documents=BOTH, severity=Severity.WARNING, message="{what}（相关规则无法检查这部分）",
      basis="无法识别的表格或页面不能被检查，须人工核对", example="某表表头无法识别，未读取本表数据")
def check_readable(ctx: Context) -> Iterator[Hit]:
    for line, what in ctx.doc.unreadable:
        yield Hit(Location(ctx.doc.source, line=line), {"what": what}, actual=what)


@rule("D007", "页面由文字层读取", documents=BOTH, severity=Severity.INFO,
      message="第 {page} 页没有可用的文字层（扫描件或字体缺少 ToUnicode），由 OCR 识别；所读数字请人工核对",
      basis="OCR 识别可能有误，由 OCR 读取的页面上的问题和数字须对照原件核对", example="扫描的 PDF 第 8 页")
def check_ocr_pages(ctx: Context) -> Iterator[Hit]:
    for page in ctx.doc.ocr_pages:
        yield Hit(Location(ctx.doc.source, page=page), {"page": page}, actual=f"第 {page} 页")


@rule("D005", "情况说明包括规定的各部分", severity=Severity.WARNING, message="情况说明中没有“{title}”",
      basis="部门决算情况说明须说明“三公”经费、机关运行经费、政府采购、国有资产占用和预算绩效情况",
      example="报告没有机关运行经费的说明（也没有说明本部门无此项支出）")
def check_topics(ctx: Context) -> Iterator[Hit]:
    _document(ctx)
    if not ctx.doc.paragraphs or (ctx.doc.tables and not ctx.doc.headings):
        raise NotApplicable("no narrative (a tables-only file)")
    if document_kind(ctx.doc) == "sangong":
        raise NotApplicable(KINDS["sangong"])
    text = key("".join(h.text for h in ctx.doc.headings) + "".join(p.text for p in ctx.doc.paragraphs))
    for words, title in TOPICS:
        if not any(w in text for w in words):
            yield Hit(Location(ctx.doc.source), {"title": title}, expected=title)


@rule("D009", "整份报告，或单独公开的一部分", severity=Severity.INFO, message="这份文件{what}",
      basis="部门决算公开包括九张表和情况说明；许多部门把“三公”经费说明、决算表或文字部分单独公开。单独公开的"
            "部分只检查它所含的内容，缺少的部分只在此说一次，不逐表逐节报错",
      example="只有“三公”经费说明的网页：不含九张决算表和情况说明的其他部分")
def check_document_kind(ctx: Context) -> Iterator[Hit]:
    _document(ctx)
    kind = document_kind(ctx.doc)
    if kind == "report":
        return
    what = {"sangong": "是单独公开的“三公”经费说明，不含九张决算表和情况说明的其他部分；只检查“三公”经费的说明和表",
            "tables": "只有决算表，没有情况说明；只检查表",
            "narrative": "只有文字部分，没有读到九张决算表（表格可能在附件或图片中）；表内和表间的规则未运行"}[kind]
    yield Hit(Location(ctx.doc.source), {"what": what},
              severity=Severity.WARNING if kind == "narrative" else None, actual=KINDS[kind])


def _strip(text: str) -> str:
    return _ORDINAL.sub("", key(text))


@rule("D006", "目录与正文标题一致", severity=Severity.WARNING, message="目录中的“{actual}”在正文中找不到相同的标题",
      basis="目录各条须与正文标题一致", example="目录“第四部分 2023 年度重点工作完成情”，正文“第四部分 2023 年重点工作完成情况”")
def check_contents(ctx: Context) -> Iterator[Hit]:
    _document(ctx)
    if not ctx.doc.toc:
        raise NotApplicable("no 目录")
    body = [_strip(h.text) for h in ctx.doc.headings] + [_strip(t.title) for t in ctx.doc.tables]
    body += [_strip(p.text[:60]) for p in ctx.doc.paragraphs]
    for entry in ctx.doc.toc:
        wanted = _strip(entry.text)
        if len(wanted) < 4:
            continue
        if not any(b and (wanted in b or (len(b) >= 0.7 * len(wanted) and b in wanted)) for b in body):
            yield Hit(Location(ctx.doc.source, page=entry.page, line=entry.line), {"actual": entry.text},
                      actual=entry.text)
