"""绩效自评计分 (DOMAIN §5): scoring rules as data, and the pure functions that apply them.

A rule set (``caiyu-2020-10.toml``, ``wuhan-2023.toml`` or a user's file) gives the default weights,
the formula of each quantitative direction, the qualitative bands and the grade bands. Quantitative
indicators get an exact score; a qualitative one gets the band its assessment allows.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from ... import tomlfiles
from ...model import Direction, Evaluation, Indicator
from ...money import rounded

DEFAULT_RULES = "caiyu-2020-10"
HUNDRED = Decimal(100)


class ScoringError(ValueError):
    """A rule set that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class ScoringRules:
    id: str
    name: str
    places: int
    weights: dict[str, Decimal]
    levels: dict[str, tuple[str, ...]]
    formulas: dict[Direction, str]
    bands: dict[str, tuple[Decimal, Decimal]]
    grades: tuple[tuple[str, Decimal], ...]   # highest first

    def group(self, level1: str) -> str | None:
        """The weight group (output/benefit/satisfaction) of a 一级指标."""
        return next((g for g, words in self.levels.items() if any(w in level1 for w in words)), None)


def available() -> list[str]:
    return tomlfiles.bundled(__package__)


@cache
def load_rules(name: str = DEFAULT_RULES) -> ScoringRules:
    """A bundled rule set by id, or a TOML file by path."""
    try:
        data = tomlfiles.read(name, __package__)
        if data is None:
            raise ScoringError(f"没有计分规则「{name}」；可用：{'、'.join(available())}，或给出 .toml 文件路径")
        quantitative = data["quantitative"]
        return ScoringRules(
            id=data["id"], name=data["name"], places=int(data.get("places", 2)),
            weights={k: Decimal(str(v)) for k, v in data["weights"].items()},
            levels={k: tuple(v) for k, v in data["levels"].items()},
            formulas={Direction.POSITIVE: quantitative["positive"], Direction.NEGATIVE: quantitative["negative"],
                      Direction.EQUAL: quantitative["equal"]},
            bands={k: (Decimal(str(v[0])), Decimal(str(v[1]))) for k, v in data["qualitative"].items()},
            grades=tuple(sorted(((k, Decimal(str(v))) for k, v in data["grades"].items()), key=lambda g: -g[1])),
        )
    except (KeyError, IndexError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise ScoringError(f"{name}: 计分规则不完整或格式有误（{exc}）") from None


# -- reading target and actual values -------------------------------------------------------------
_COMPARATORS = (
    ("≥", ("≥", ">=", "＞=", "大于等于", "不低于", "不少于", "不小于", "以上")),
    (">", (">", "＞", "大于", "高于", "超过", "多于")),
    ("≤", ("≤", "<=", "小于等于", "不高于", "不超过", "不多于", "以内", "以下")),
    ("<", ("<", "＜", "小于", "少于", "低于")),
    ("=", ("=", "等于")),
)
_WORD = "|".join(sorted((re.escape(w) for _, ws in _COMPARATORS for w in ws), key=len, reverse=True))
_QUANTITY = re.compile(rf"(?P<cmp>{_WORD})?\s*(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?)\s*(?P<scale>亿|万|千)?\s*"
                       rf"(?:余|多)?\s*(?P<unit>[%％‰]|[^\d\s,，。；;、<>=≥≤]{{0,4}})")
_SCALES = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4, "千": Decimal(1000), None: Decimal(1)}


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    comparator: str | None   # ≥ > ≤ < = or None
    unit: str                # % 次 家 … ('' when none)
    scale: str | None        # 万 / 亿 / 千


def quantity(text: str) -> Quantity | None:
    """'≥90%' → 90 ≥ %; '少于 3 次' → 3 < 次; '500万' → 500 万; '高' → None."""
    m = _QUANTITY.search(text.replace("％", "%"))
    if not m:
        return None
    comparator = next((c for c, words in _COMPARATORS if m.group("cmp") in words), None) if m.group("cmp") else None
    if comparator is None and re.search(r"以上|及以上", text):
        comparator = "≥"
    unit = re.sub(r"^(以上|以内|以下|左右)|(以上|以内|以下|左右)$", "", m.group("unit") or "")
    return Quantity(Decimal(m.group("num").replace(",", "")), comparator, unit, m.group("scale"))


def direction_of(target: str) -> Direction:
    """正向 for ≥/> or a bare number, 反向 for ≤/<, 等于 for =, 定性 when the target has no number."""
    q = quantity(target)
    if q is None:
        return Direction.QUALITATIVE
    return {"≤": Direction.NEGATIVE, "<": Direction.NEGATIVE, "=": Direction.EQUAL}.get(q.comparator or "",
                                                                                       Direction.POSITIVE)


def comparable(target: Quantity, actual: Quantity) -> bool:
    """Same scale, and the same unit unless the actual value omits it."""
    return target.scale == actual.scale and (target.unit == actual.unit or not actual.unit or not target.unit)


# -- scores ---------------------------------------------------------------------------------------
def quantitative_score(direction: Direction, t: Decimal, a: Decimal, w: Decimal, rules: ScoringRules) -> Decimal:
    """The DOMAIN §5 formulas, never above w nor below 0."""
    formula = rules.formulas[direction]
    if direction is Direction.NEGATIVE:
        if a <= t:
            score = w
        elif formula == "linear":
            score = (1 - (a - t) / t) * w if t > 0 and a < 2 * t else Decimal(0)
        else:  # ratio: w × t / a
            score = w * t / a
    elif direction is Direction.EQUAL and t == 0:
        score = w if a == 0 else Decimal(0)
    else:  # 正向, and 等于 with t > 0
        score = w if a >= t or t <= 0 else a / t * w
    return min(max(rounded(score, rules.places), Decimal(0)), w)


ACHIEVED = ("达成", "完成", "实现", "达到", "符合", "合格")
PARTLY = ("部分", "基本")
MISSED = ("未", "没有", "否", "不合格", "无")


def assessment(target: str, actual: str) -> str | None:
    """达成 / 部分达成 / 未达成 of a qualitative indicator, or None when the text does not say."""
    t, a = re.sub(r"\s", "", target), re.sub(r"\s", "", actual)
    if not a:
        return None
    if any(w in a for w in PARTLY):
        return "部分达成"
    if any(a.startswith(w) for w in MISSED):
        return "未达成"
    if a == t or (t and t in a) or any(w in a for w in ACHIEVED):
        return "达成"
    return None


@dataclass(frozen=True)
class IndicatorScore:
    direction: Direction
    low: Decimal | None       # the score, or the lower end of the allowed band
    high: Decimal | None
    reason: str = ""          # why no score could be computed

    @property
    def exact(self) -> bool:
        return self.low is not None and self.low == self.high

    def allows(self, claimed: Decimal) -> bool:
        if self.low is None or self.high is None:
            return True
        return self.low <= claimed <= self.high


def score_indicator(indicator: Indicator, rules: ScoringRules, weight: Decimal | None = None) -> IndicatorScore:
    w = weight if weight is not None else indicator.weight
    direction = indicator.direction or direction_of(indicator.target)
    if w is None:
        return IndicatorScore(direction, None, None, "未给出分值")
    if direction is Direction.QUALITATIVE:
        verdict = assessment(indicator.target, indicator.actual)
        if verdict is None:
            return IndicatorScore(direction, Decimal(0), w, "完成情况无法判断")
        low, high = rules.bands[verdict]
        return IndicatorScore(direction, rounded(low * w, rules.places), rounded(high * w, rules.places), verdict)
    target, actual = quantity(indicator.target), quantity(indicator.actual)
    if target is None or actual is None or not comparable(target, actual):
        return IndicatorScore(direction, Decimal(0), w, "目标值与实际值无法比较")
    if actual.comparator in ("<", ">") and actual.comparator != target.comparator:
        return IndicatorScore(direction, Decimal(0), w, "实际值不是确数")
    value = quantitative_score(direction, target.value, actual.value, w, rules)
    return IndicatorScore(direction, value, value)


def execution_score(budget: Decimal | None, executed: Decimal | None, weight: Decimal,
                    rules: ScoringRules) -> Decimal | None:
    """预算执行率得分 = min(执行数/预算数, 1) × 分值; None when there is no budget."""
    if not budget or executed is None:
        return None
    return rounded(min(executed / budget, Decimal(1)) * weight, rules.places)


def grade(score: Decimal, rules: ScoringRules) -> str:
    return next(name for name, low in rules.grades if score >= low)


@dataclass
class EvaluationScore:
    evaluation: Evaluation
    rate_weight: Decimal
    rate_score: Decimal | None
    indicators: list[tuple[Indicator, IndicatorScore]] = field(default_factory=list)

    @property
    def weights_total(self) -> Decimal | None:
        weights = [i.weight for i, _ in self.indicators]
        return None if any(w is None for w in weights) else sum(weights, self.rate_weight)

    def _bound(self, parts: list[Decimal | None]) -> Decimal | None:
        """Execution score plus the indicators'; None when there are no indicators or a part is unknown."""
        if self.rate_score is None or not parts or None in parts:
            return None
        return sum(parts, self.rate_score)  # type: ignore[arg-type]

    @property
    def low(self) -> Decimal | None:
        return self._bound([s.low for _, s in self.indicators])

    @property
    def high(self) -> Decimal | None:
        return self._bound([s.high for _, s in self.indicators])

    @property
    def total(self) -> Decimal | None:
        """The recomputed score when every part is exact."""
        return self.low if self.low is not None and self.low == self.high else None

    def grade(self, rules: ScoringRules) -> str | None:
        score = self.total if self.total is not None else self.evaluation.score
        return grade(score, rules) if score is not None else None


def score_evaluation(evaluation: Evaluation, indicators: list[Indicator], rules: ScoringRules,
                     rate_weight: Decimal | None = None) -> EvaluationScore:
    weight = rate_weight if rate_weight is not None else rules.weights["budget_execution"]
    result = EvaluationScore(evaluation, weight, execution_score(evaluation.budget, evaluation.executed, weight, rules))
    result.indicators = [(i, score_indicator(i, rules)) for i in indicators if i.evaluation == evaluation.name]
    return result
