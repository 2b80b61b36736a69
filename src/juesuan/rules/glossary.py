"""G: the 名词解释 — each 功能分类 项 used in the tables explained once, with the right names and
the level words (市级/区级…) of the department."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..claims.prose import Chain, Resolved, chains, named_items, resolve, subject_rows
from ..document import Paragraph
from .context import Context
from .registry import Hit, NotApplicable, Severity, rule

LEVELS = {"省": "省级", "自治区": "省级", "市": "市级", "州": "市级", "盟": "市级", "区": "区级", "县": "县级",
          "旗": "县级", "乡": "乡镇", "镇": "乡镇", "街道": "乡镇"}
_ORGAN = re.compile(r"(局|委员会|委|办公室|办|中心|院|所|站|队|厅|部|会|处|馆|校|园|室|组|社|团|公司|政府)")
_PLACE = re.compile(r"(自治区|街道|[省市州盟区县旗乡镇])")
_LEVEL_WORDS = re.compile(r"(省|市|区|县)(级财政|直部门|直单位|级部门)")


def department_level(name: str) -> str | None:
    """区级 for 武汉市武昌区…中心: the last place word before the organisation's own words."""
    organ = _ORGAN.search(name)
    prefix = name[:organ.start()] if organ else name
    places = _PLACE.findall(prefix)
    return LEVELS.get(places[-1]) if places else None


def _glossary(ctx: Context) -> list[Paragraph]:
    found = ctx.doc.section_paragraphs("名词解释")
    if not found:
        raise NotApplicable("no 名词解释")
    return found


def _explained(ctx: Context) -> list[tuple[Paragraph, Chain, Resolved]]:
    rows = subject_rows(ctx.doc.tables)
    if not rows:
        raise NotApplicable("no subject tables")
    return [(p, c, resolve(c, rows, ctx.catalog)) for p in _glossary(ctx) for c in chains(p.text)]


def _used_items(ctx: Context) -> dict[str, str]:
    return {r.code: r.name for r in subject_rows(ctx.doc.tables) if r.level == "项"}


@rule("G001", "名词解释列出所用的每个项级科目", severity=Severity.WARNING,
      message="表中使用了 {code}「{name}」，名词解释中没有解释该科目",
      basis="名词解释应逐一解释本部门使用的功能分类项级科目",
      example="表中有 2150805 中小企业发展专项，名词解释未列")
def check_items_explained(ctx: Context) -> Iterator[Hit]:
    explained = _explained(ctx)
    if not explained:
        raise NotApplicable("glossary lists no subjects")
    codes, misnamed = named_items([(c, r) for _, c, r in explained], subject_rows(ctx.doc.tables))
    first = explained[0][0]
    for code, name in _used_items(ctx).items():
        if code not in codes and code[:5] not in misnamed:
            yield Hit(ctx.at(first), {"code": code, "name": name}, expected=code)


@rule("G002", "名词解释中每个科目只解释一次", severity=Severity.WARNING,
      message="{code}「{name}」在名词解释中重复出现（第 {count} 次）",
      basis="名词解释中每个项级科目应恰好出现一次",
      example="2150899 其他支持中小企业发展和管理支出 出现两次")
def check_items_once(ctx: Context) -> Iterator[Hit]:
    seen: dict[str, int] = {}
    for paragraph, chain, resolved in _explained(ctx):
        if resolved.code is None:
            continue
        seen[resolved.code] = seen.get(resolved.code, 0) + 1
        if seen[resolved.code] > 1:
            yield Hit(ctx.at(paragraph, chain.start), {"code": resolved.code, "name": chain.xiang,
                                                        "count": seen[resolved.code]}, actual=resolved.code)


@rule("G003", "名词解释中的科目与表中科目一致", severity=Severity.WARNING,
      message="名词解释中的“{chain}”：{problem}",
      basis="名词解释只解释表中使用的科目，名称和隶属关系与表一致",
      example="名词解释写“能源节约利用支出（项）”，表中 2111001 为“能源节约利用”")
def check_explained_names(ctx: Context) -> Iterator[Hit]:
    used = _used_items(ctx)
    for paragraph, chain, resolved in _explained(ctx):
        text = f"{chain.lei}（类）{chain.kuan}（款）{chain.xiang}（项）"
        problems = list(resolved.problems)
        if resolved.code is not None and resolved.code not in used:
            problems.append(f"{resolved.code} 在表中没有使用")
        for problem in problems:
            yield Hit(ctx.at(paragraph, chain.start), {"chain": text, "problem": problem}, actual=chain.xiang)


@rule("G004", "名词解释的层级用语与部门级次一致",
      message="部门为{level}单位（{department}），名词解释却写“{actual}”",
      basis="名词解释中的“市级财政”“区级财政”“市直部门”等用语须与本部门的行政级次一致",
      example="武汉市武昌区的区级部门写“指市级财政一般公共预算当年拨付的资金”")
def check_level_words(ctx: Context) -> Iterator[Hit]:
    level = department_level(ctx.doc.department)
    if level is None:
        raise NotApplicable("department level unknown")
    for paragraph in _glossary(ctx):
        for m in _LEVEL_WORDS.finditer(paragraph.text):
            if LEVELS[m.group(1)] != level:
                yield Hit(ctx.at(paragraph, m.start()),
                          {"level": level, "department": ctx.doc.department, "actual": m.group(0)},
                          expected=level, actual=m.group(0))
