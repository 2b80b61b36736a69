"""绩效: recompute self-evaluation scores with the scoring rules."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

from ..findings import errors_in
from .apps import perf_app
from .common import OutputFormat, api, fail, out, print_problems, rich_table


@perf_app.command("score")
def perf_score(
    source: Annotated[Path, typer.Argument(help="填好的工作簿（.xlsx）或 JSON 文件（绩效评价、绩效指标两张表）")],
    rules: Annotated[str | None, typer.Option("--rules", help="计分规则：内置名称或 .toml 文件；默认用格式模板指定的规则")] = None,
    format: Annotated[OutputFormat, typer.Option("--format", help="text 或 json")] = OutputFormat.TEXT,
) -> None:
    """按计分规则重算每项绩效自评的执行率得分、指标得分、总分和等级，并与填报的自评得分比对。

    填报得分与计算结果不符时退出码 1；输入无法使用时退出码 2。"""
    try:
        result = api.score_performance(source, rules)
    except api.ScoringError as exc:
        raise fail(str(exc)) from None
    if errors_in(result.problems) or result.rules is None:
        print_problems(result.problems)
        raise typer.Exit(2)
    if format is OutputFormat.JSON:
        out.print(json.dumps(_scores_json(result), ensure_ascii=False, indent=2), markup=False, highlight=False)
    else:
        _print_scores(result)
    raise typer.Exit(1 if result.disagreements else 0)


def _range(low, high) -> str:
    if low is None:
        return "—"
    return str(low) if low == high else f"{low}–{high}"


def _print_scores(result: api.PerformanceResult) -> None:
    rules = result.rules
    table = rich_table(title=f"计分规则：{rules.name}")
    for header in ("评价", "执行率得分", "指标得分", "计算总分", "自评得分", "等级", "结论"):
        table.add_column(header, overflow="fold")
    for s in result.scores:
        indicators = _range(*(sum((x for x in parts), Decimal(0)) if None not in parts else None
                              for parts in ([v.low for _, v in s.indicators], [v.high for _, v in s.indicators])))
        claimed = s.evaluation.score
        verdict = "无指标得分" if not s.indicators else ("一致" if s not in result.disagreements else "不一致")
        table.add_row(s.evaluation.name, _range(s.rate_score, s.rate_score), indicators if s.indicators else "—",
                      _range(s.low, s.high) if s.indicators else "—", "" if claimed is None else str(claimed),
                      s.grade(rules) or "", verdict)
    out.print(table)
    for s in result.scores:
        for indicator, verdict in s.indicators:
            if indicator.score is not None and not verdict.allows(indicator.score):
                out.print(f"{s.evaluation.name}：{indicator.name} 得分 {indicator.score}，应为 "
                          f"{_range(verdict.low, verdict.high)}（{verdict.direction.value}，目标 {indicator.target}，"
                          f"实际 {indicator.actual}，分值 {indicator.weight}）", highlight=False)


def _scores_json(result: api.PerformanceResult) -> dict:
    def text(value):
        return None if value is None else str(value)

    return {"rules": result.rules.id, "evaluations": [{
        "name": s.evaluation.name, "rate_score": text(s.rate_score), "low": text(s.low), "high": text(s.high),
        "total": text(s.total), "claimed": text(s.evaluation.score), "grade": s.grade(result.rules),
        "agrees": s not in result.disagreements,
        "indicators": [{"name": i.name, "direction": v.direction.value, "weight": text(i.weight),
                        "claimed": text(i.score), "low": text(v.low), "high": text(v.high), "reason": v.reason}
                       for i, v in s.indicators]} for s in result.scores]}


@perf_app.command("rules")
def perf_rules() -> None:
    """列出内置的计分规则（分值、公式、等级），可复制其 TOML 文件修改后用 --rules 指定。"""
    for name in api.scoring_rules():
        r = api.load_scoring_rules(name)
        weights = "、".join(f"{k} {v}" for k, v in r.weights.items())
        out.print(f"{r.id}\t{r.name}\t分值：{weights}", highlight=False)


