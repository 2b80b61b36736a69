"""What a figure of the narrative is about: the subject words of its clause, bound to a target — a
named total of the forms (``summary/grand_total``), an item the template's sentences name
(``sangong/reception``, ``running_cost``, ``procurement/goods``) or a row of the tables (``row/2010301``).

A clause names its subject before its figure ("公务接待费支出决算为2.58万元"); the words left when the
connectives, a leading year or number and the words of change are taken off are its label.
"""

from __future__ import annotations

import re

from .prose import fold

CLAUSE = re.compile(r"[，；;：:。！？!?]|(?<!\d),|,(?!\d)")     # not the comma inside 19,425.07
_CONNECT = re.compile(r"(?:其中|分别|决算数?|为|是|达|了|的|约|均|\s|“|”)+$")
_LEAD = re.compile(r"^(?:\d{4}\s*年度?|[(（]?[一二三四五六七八九十\d]{1,3}[)）.、]|\s)+")
# words that end a clause's subject: its change, its share, what it is compared with ("与" only before
# another year or the budget: "文化旅游体育与传媒支出" is one name)
_TAIL_WORDS = re.compile(r"(?:同比|环比|相比|相较|增加|减少|增长|下降|上升|降低|增幅|降幅|减幅|涨幅|完成|占|比|较"
                         r"|与(?=上年|上一年|去年|同期|年初|预算|\d{4}))")


def label(before: str) -> str:
    """The subject words of a clause before its figure: what is left without connectives ("(含外宾接待支出"
    names 外宾接待, not the 公务接待 before it)."""
    head = _TAIL_WORDS.split(re.split(r"[(（]含", before)[-1])[0]
    return _LEAD.sub("", _CONNECT.sub("", head)).strip(" （）()、")


def clause_label(text: str, at: int, since: int = 0) -> str:
    """The label of the clause that ``text[at]`` is in, read from the clause's start (not before ``since``)."""
    starts = [m.end() for m in CLAUSE.finditer(text, since, at)]
    return label(text[max([since, *starts]):at])


# (words as a folded label without quotes or spaces prints them, target)
NAMED = {
    "财政拨款收入支出总计": "fiscal_summary/grand_total", "财政拨款收支总计": "fiscal_summary/grand_total",
    "财政拨款收、支合计": "fiscal_summary/grand_total", "财政拨款收支合计": "fiscal_summary/grand_total",
    "收入支出总计": "summary/grand_total", "收支总计": "summary/grand_total", "收、支总计": "summary/grand_total",
    "收入总计": "summary/grand_total", "支出总计": "summary/grand_total",
    "本年收入合计": "summary/income_total", "收入合计": "summary/income_total", "其中本年收入": "summary/income_total",
    "本年支出合计": "summary/expenditure_total", "支出合计": "summary/expenditure_total",
    "其中本年支出": "summary/expenditure_total",
    "财政拨款收入": "fiscal_summary/income_total", "财政拨款收入、支出": "fiscal_summary/income_total",
    "财政拨款收入和支出": "fiscal_summary/income_total", "财政拨款支出": "fiscal_summary/expenditure_total",
    "一般公共预算财政拨款基本支出": "general_expenditure/basic",
    "一般公共预算财政拨款项目支出": "general_expenditure/project",
    "一般公共预算财政拨款支出": "general_expenditure/total", "一般公共预算财政拨款": "general_expenditure/total",
    "政府性基金预算财政拨款": "gov_fund/total", "国有资本经营预算财政拨款": "state_capital/total",
    "一般公共预算财政拨款收入": "fiscal_summary/inc_general", "政府性基金预算财政拨款收入": "fiscal_summary/inc_gov_fund",
    "国有资本经营预算财政拨款收入": "fiscal_summary/inc_state_capital",
    "上级补助收入": "summary/inc_superior", "事业收入": "summary/inc_business", "经营收入": "summary/inc_operating",
    "附属单位上缴收入": "summary/inc_affiliated", "其他收入": "summary/inc_other",
    "上缴上级支出": "expenditure/remit", "经营支出": "expenditure/operating",
    "对附属单位补助支出": "expenditure/subsidy",
    "使用非财政拨款结余": "summary/use_of_surplus", "结余分配": "summary/distribution",
    "年初结转和结余": "summary/opening", "上年结转和结余": "summary/opening", "年末结转和结余": "summary/closing",
    "基本支出": "expenditure/basic", "项目支出": "expenditure/project",
    "人员经费": "general_basic/personnel", "公用经费": "general_basic/public",
    "三公经费": "sangong/total", "因公出国(境)费": "sangong/abroad", "因公出国": "sangong/abroad",
    "公务用车购置及运行维护费": "sangong/vehicle", "公务用车购置及运行费": "sangong/vehicle",
    "公务用车购置": "sangong/vehicle_purchase", "购置费": "sangong/vehicle_purchase",
    "购置支出": "sangong/vehicle_purchase", "公务用车运行维护": "sangong/vehicle_operation",
    "运行维护费": "sangong/vehicle_operation", "运行维护支出": "sangong/vehicle_operation",
    "公务用车运行费": "sangong/vehicle_operation",
    "公务接待": "sangong/reception", "外宾接待": "sangong/foreign_reception",
    "机关运行经费": "running_cost",
    "政府采购": "procurement/total", "货物采购": "procurement/goods", "工程采购": "procurement/works",
    "服务采购": "procurement/services", "小微企业": "procurement/small_micro", "中小企业": "procurement/sme",
    "车辆": "assets/vehicles", "设备": "assets/equipment", "单价": "assets/unit_price",
    "国内接待": "sangong/domestic_reception", "国内公务接待": "sangong/domestic_reception",
    "外事接待": "sangong/foreign_reception", "国(境)外接待": "sangong/foreign_reception",
    "本单位收入": "summary/income_total", "本部门收入": "summary/income_total", "总收入": "summary/grand_total",
    "本单位支出": "summary/expenditure_total", "本部门支出": "summary/expenditure_total",
    "总支出": "summary/grand_total",   # "总收入581.45万元，其中本年收入390.55万元": the 总计
    # 全过程绩效管理: the projects (and their funds) with 绩效目标, 运行监控 (跟踪) and 自评
    "编报绩效目标": "performance/targets", "绩效跟踪": "performance/monitoring",
    "绩效运行监控": "performance/monitoring", "绩效自评": "performance/self_evaluation",
    "绩效自评中共发现问题": "performance/problems", "绩效自评中发现问题": "performance/problems",
}


# what a finding calls a target: the template's name of the item (else the first words of NAMED that bind it)
TITLES = {"sangong/total": "“三公”经费", "sangong/vehicle": "公务用车购置及运行维护费",
          "sangong/vehicle_purchase": "公务用车购置费", "sangong/vehicle_operation": "公务用车运行维护费",
          "sangong/reception": "公务接待费", "sangong/domestic_reception": "国内公务接待费",
          "sangong/foreign_reception": "外宾接待费", "sangong/abroad": "因公出国（境）费",
          "procurement/total": "政府采购支出", "performance/targets": "编报绩效目标的项目",
          "performance/monitoring": "绩效运行监控的项目", "performance/self_evaluation": "绩效自评的项目",
          **{target: words for words, target in reversed(NAMED.items())
             if not target.startswith(("sangong/", "procurement/total", "performance/"))}}


def title(target: str, rows: dict[str, str]) -> str:
    """A target as a finding names it: "2210201 住房公积金" (``rows``: code → name), "公务接待费", a project's
    name; "" for a subject no target binds."""
    if target.startswith("row/"):
        code = target.removeprefix("row/")
        return f"{code} {rows[code]}" if code in rows else code
    if target.startswith("project/"):
        return target.removeprefix("project/")
    return TITLES.get(target, "")


# words that name no subject of their own: the figure is about the subject before it ("年初预算为…")
GENERIC = {"决算", "支出决算", "决算数", "预算", "预算数", "年初预算", "年初预算数", "全年预算", "全年预算数",
           "调整后预算", "调整预算", "调整预算数", "执行数", "金额", "合计", "其中", "实际支出", "涉及预算金额", "预算金额", "涉及资金",
           "资金", "涉及项目", "项目", "执行率"}


def generic(words: str, before: str) -> bool:
    """Whether a clause's label names nothing of its own: a word of GENERIC, or 支出 of "支出决算为…" (but
    not the 支出 of "收入0.03万元，支出2,147.49万元", which is another measure than the 收入 before it)."""
    # "当年支出决算为…", "上年决算数为…": this year's or last year's, of the item before
    bare = re.sub(r"^(?:当年|本年|上年|上一年度?|去年)", "", _bare(words))
    return not bare or bare in GENERIC or bare == "支出" and "决算" in before


def _bare(text: str) -> str:
    """Without spaces, quotes and the （类）（款）（项） marks ("一般公共服务(类)支出" names 一般公共服务支出)."""
    return re.sub(r"[\s“”\"'‘’]|\((?:类|款|项)\)|\d{4}年度?", "", fold(text))


def bind(text: str, rows: dict[str, str] | None = None) -> str:
    """The target ``text`` (a clause's label) names: a named total or item, else the longest row name of
    the tables it contains (``rows``: folded name → code), else ""."""
    bare = re.sub(r"^对.*?开展", "", _bare(text))    # "对…项目支出全面开展绩效自评": about the 绩效自评
    if not bare:
        return ""
    found = [(bare.find(words), -len(words), target) for words, target in NAMED.items() if words in bare]
    if found:       # the first words named, the longest there ("三公经费财政拨款支出" is about 三公)
        at, length, target = min(found)
        # but "人员经费及公用…", "基本支出和项目支出" name two things, neither of which is the figure
        return "" if bare[at - length:at - length + 1] in ("及", "和", "与", "、") else target
    named = [(name, code) for name, code in (rows or {}).items() if len(name) >= 3 and name in bare]
    return f"row/{max(named, key=lambda item: len(item[0]))[1]}" if named else ""
