"""I: problems in the input data (the workbook ``init`` makes, or Report JSON) — findings like every
other, located by file and cell (``data.xlsx:收支明细!D14``) or JSON path (``data.json:/lines/3/code``).

No check runs these over a document: the input loader and validation report them (``problem``), and
``build`` reports the gaps its generated text had to mark. Each kind of problem has its id here so
that it is listed, selected and explained like every other rule.
"""

from __future__ import annotations

from .registry import Hit, Location, Rule, Severity, reported

_KINDS = (
    # id, kind (the loader's short name), title, severity, basis, a failing example
    ("I001", "not-found", "文件不存在", Severity.ERROR, "输入文件应存在且可读",
     "data.xlsx: 文件不存在"),
    ("I002", "not-a-workbook", "不是可读的工作簿", Severity.ERROR,
     "输入应为 juesuan init 生成的 .xlsx 工作簿（或 Report JSON），未损坏、未加密",
     "report.xlsx: 不是可读取的 Excel 工作簿（BadZipFile）"),
    ("I003", "not-json", "不是有效的 Report JSON", Severity.ERROR, "JSON 输入的顶层应为一个 Report 对象",
     "data.json:3: 不是有效的 JSON（Expecting ',' delimiter）"),
    ("I004", "profile", "格式模板无法使用", Severity.ERROR, "所选格式模板（--profile 或「基本信息」）应存在且有效",
     "data.xlsx: 未知的格式模板「beijing-2024」；可用：shanghai-2024、wuhan-2023"),
    ("I005", "missing-sheet", "缺少工作表", Severity.ERROR, "工作簿应含模板的每张工作表（可以为空）",
     "data.xlsx: 缺少工作表「收支明细」（请用 juesuan init 生成的模板填写）"),
    ("I006", "missing-column", "缺少表头或必填列", Severity.ERROR, "每张表的表头应与模板一致，必填列不可删除",
     "data.xlsx:收支明细!3: 缺少列「项目支出」"),
    ("I007", "cell", "单元格的值无法识别", Severity.ERROR, "金额填数字，代码填文本，日期、年度和选项按说明填写",
     "data.xlsx:收支明细!D14: 「约五万」不是金额（应为数字，如 1,234.56）"),
    ("I008", "required", "必填项为空", Severity.ERROR, "模板标为必填的单元格不能为空",
     "data.xlsx:基本信息!B3: 「决算年度」未填写"),
    ("I009", "invalid", "数据不符合报告模型", Severity.ERROR, "各字段的类型和取值范围见 docs/workbook.md",
     "data.json:/department/level: department/level: 「直辖市」不是可选的值（Input should be …）"),
    ("I010", "duplicate", "科目或记录重复", Severity.ERROR, "同一单位、同一科目（或记录）只填一行",
     "data.xlsx:收支明细!A12: 科目 2010101 重复（与 data.xlsx:收支明细!A9 相同）"),
    ("I011", "empty", "没有收支科目", Severity.ERROR, "收支明细至少应有一个功能分类科目",
     "data.xlsx: 收支明细没有数据：请按功能分类项（7 位代码）填写收入和支出"),
    ("I012", "malformed-code", "科目代码格式错误", Severity.ERROR,
     "功能分类为 3/5/7 位数字（类/款/项），经济分类款级为 5 位数字",
     "data.xlsx:收支明细!A7: 「20101O1」不是功能分类科目代码（应为 3 位类、5 位款或 7 位项的数字代码）"),
    ("I013", "negative", "金额为负数", Severity.ERROR,
     "收入、支出、预算数和结转结余的流量不能为负（年初结转和结余可以）",
     "data.xlsx:收支明细!F8: 2010101「基本支出」为负数 -3.00：收入、支出和预算数不能为负"),
    ("I014", "unknown-code", "科目目录中没有该代码", Severity.ERROR,
     "代码应在政府收支分类科目中；目录未收录的科目须填写名称",
     "data.xlsx:收支明细!A15: 科目目录中没有 2019999，也没有填写名称：请在「科目名称」填写或检查代码"),
    ("I015", "name-mismatch", "科目名称与目录不同", Severity.WARNING, "科目名称以政府收支分类科目为准",
     "data.xlsx:收支明细!B9: 2010101 填报名称「行政运行费」与科目目录名称「行政运行」不同；按填报名称使用"),
    ("I016", "missing-parent", "上级科目没有名称", Severity.ERROR, "项所属的类、款须能从目录或填报中得到名称",
     "data.xlsx:收支明细!A9: 项 2299901 的款 22999 没有名称：科目目录中没有，请在收支明细增加一行 22999 并填写其名称"),
    ("I017", "class-not-in-form", "类不在格式模板的总表中", Severity.ERROR,
     "收入支出决算总表按格式模板列出的类填列",
     "data.xlsx:收支明细!A9: 项 2299901 所属的类 229 不在格式模板的收入支出决算总表中"),
    ("I018", "subtotal", "小计与明细不符", Severity.ERROR, "填报的类、款小计应等于其下各项之和",
     "data.xlsx:收支明细!D5: 201「本年支出」填报 100.00万元，其下各项之和为 99.50万元，相差 0.50万元"),
    ("I019", "unknown-unit", "单位不在单位构成中", Severity.ERROR, "每行的单位应是「单位构成」中的一个",
     "data.xlsx:收支明细!M9: 单位「机关本级」不在单位构成中（武昌区某某局）"),
    ("I020", "economic-tail", "基本支出明细的尾差已平衡", Severity.WARNING,
     "基本支出明细合计应等于收支明细的基本支出；尾数容差内的差额放在标注“尾数差额放在此科目”的一行"
     "（提示），没有标注的放在最大的科目上（警告）",
     "data.xlsx:基本支出明细!C3: 基本支出明细合计与收支明细相差 0.01 万元，在尾数容差 0.02 万元以内：已在最大的科目上平衡"),
    ("I021", "economic-total", "基本支出明细合计不符", Severity.ERROR,
     "基本支出明细合计 = 收支明细的基本支出合计",
     "data.xlsx:基本支出明细!C3: 基本支出明细合计 503.49万元，收支明细的基本支出 403.50万元，相差 -99.99万元"),
    ("I022", "sangong-part", "基本支出中的“三公”经费大于其决算数", Severity.ERROR,
     "基本支出明细中某项“三公”经费（如 30217 公务接待费）是该项决算数的一部分，不能大于它",
     "data.xlsx:基本支出明细!A20: 基本支出中 30217 为 3.00万元，大于“三公”经费公务接待费决算数 2.00万元：部分不能大于整体"),
    ("I023", "balance-fund", "结转结余的种类与资金性质不符", Severity.ERROR,
     "年初结转和结余以外的种类（使用非财政拨款结余、结余分配）只适用于非财政拨款",
     "data.xlsx:结转结余!A3: 「结余分配」只适用于非财政拨款"),
    ("I024", "negative-closing", "年末结转和结余为负", Severity.ERROR,
     "年末结转和结余 = 年初结转和结余 + 本年收入 − 本年支出，不应为负",
     "data.xlsx: 一般公共预算财政拨款：年初结转和结余 + 本年收入 − 本年支出 = -5.00 万元，年末结转和结余不能为负"),
    ("I025", "unknown-evaluation", "指标所属的评价不存在", Severity.ERROR, "绩效指标应属于绩效评价表中的一项评价",
     "data.xlsx:绩效指标!A4: 指标「完成率」所属评价「某项目」不在绩效评价表中"),
    ("I026", "indicator-score", "指标得分超出分值", Severity.ERROR, "指标得分在 0 与其分值之间",
     "data.xlsx:绩效指标!F4: 指标「完成率」得分 12，按计分规则（财预〔2020〕10号）应为 0–10"),
    ("I027", "weights-total", "指标分值合计不是 100", Severity.ERROR, "一项评价的指标分值合计为 100 分",
     "data.xlsx:绩效评价!A3: 「某项目」执行率分值 10 与指标分值合计 80 分，应为 100 分"),
    ("I028", "evaluation-score", "自评得分与计分规则不符", Severity.ERROR,
     "自评总分 = 执行率得分 + 各指标得分（按格式模板的计分规则）",
     "data.xlsx:绩效评价!A3: 「某项目」自评得分 98，按执行率与指标得分计算应为 95"),
    ("I030", "unknown-column", "表头有不认识的列", Severity.ERROR,
     "每张表的列与模板一致；改名或多出的列不能猜测其含义（否则其金额会被悄悄丢掉）",
     "data.xlsx:收支明细!M1: 「项目支出（备用）」不是本表的列（本表的列：…）"),
    ("I031", "budget-inconsistent", "预算数据前后不符", Severity.ERROR,
     "部门预算：经济分类的人员经费与公用经费合计 = 功能分类的一般公共预算基本支出；面向中小企业预留 ≤ 政府采购预算，"
     "其中小微企业 ≤ 中小企业；车辆统计截止日期在预算年度之前；上年财政拨款预算 = 上年各资金预算之和；绩效目标和各项目的预算不超过项目支出",
     "budget.json:/economic: 经济分类合计 8,230,000.00 元，功能分类的一般公共预算基本支出 8,231,000.00 元，相差 -1,000.00 元"),
    ("I032", "procurement-part", "政府采购中小企业金额大于其整体", Severity.ERROR,
     "（上海模板）面向小微企业预留 ≤ 面向中小企业预留；小微企业预留项目中小微企业中标的 ≤ 中小企业预留项目中中小企业中标的；"
     "中小企业中标或成交的采购金额 ≤ 政府采购金额",
     "data.xlsx:其他事项!B17: 面向小微企业预留 300.00万元 大于面向中小企业预留 200.00万元：部分不能大于整体"),
    ("I033", "economic-tail-twice", "尾数差额标注了不止一行", Severity.ERROR,
     "基本支出明细的“尾数差额放在此科目”只能标注一行",
     "data.xlsx:基本支出明细!E9: 经济分类 30201 也标注了“尾数差额放在此科目”：只能标注一行"),
    ("I029", "narrative-gap", "生成的文字缺少内容", Severity.WARNING,
     "生成的说明需要而数据中没有的内容（原因、名词解释等）在文中标注【待补充】",
     "data.xlsx: 生成的文字缺少：2010101 行政运行 的决算数与年初预算差异原因（已在文中标注【待补充】）"),
)

INPUT: dict[str, Rule] = {kind: reported(rule_id, title, severity=severity, message="{message}", basis=basis,
                                         example=example)
                          for rule_id, kind, title, severity, basis, example in _KINDS}


def input_location(where: str) -> Location:
    """``data.xlsx:收支明细!D14`` → file and cell; ``data.json:12`` → file and line; ``data.xlsx`` → file."""
    file, _, rest = where.partition(":")
    if rest.isdigit():
        return Location(file, line=int(rest))
    return Location(file, cell=rest)


def problem(where: str, message: str, severity: Severity | None = None, *, code: str):
    """The finding of one input problem of kind ``code`` at ``where``; ``severity`` when it differs
    from the kind's (a catalogue gap with a name given is only INFO)."""
    return INPUT[code].finding(Hit(input_location(where), {"message": message}, severity=severity))
