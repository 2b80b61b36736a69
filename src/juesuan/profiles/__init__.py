"""Profiles: the region/year layout of a report (tables, order, titles, notes), kept as data."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, cached_property

from .. import tomlfiles
from ..forms import Forms, FormsError, final_accounts

DEFAULT_PROFILE = "wuhan-2023"
# 国有资本经营预算财政拨款支出决算表 printed with 本年支出 only (the older switch state_capital_columns)
EXPENDITURE_ONLY = {"layout": "subjects", "columns": [
    {"key": "total", "header": ["本年支出", "合计"], "sums": ["exp_state_capital_basic", "exp_state_capital_project"]},
    {"key": "basic", "header": ["本年支出", "基本支出"], "sums": ["exp_state_capital_basic"]},
    {"key": "project", "header": ["本年支出", "项目支出"], "sums": ["exp_state_capital_project"]}]}


class ProfileError(ValueError):
    """An unknown profile name or a profile file that cannot be read."""


@dataclass(frozen=True)
class Profile:
    id: str
    name: str
    data: dict

    @property
    def tables(self) -> list[str]:
        return list(self.data["tables"])

    def title(self, key: str) -> str:
        return self.data["titles"].get(key) or self.forms.form(key).name

    @cached_property
    def forms(self) -> Forms:
        """The forms of this layout: the shipped declaration with this profile's overlay."""
        overlay = dict(self.data)
        if self.data.get("state_capital_columns") == "expenditure":   # the older switch for this variant
            overlay.setdefault("forms", {}).setdefault("state_capital", EXPENDITURE_ONLY)
        return final_accounts().overlaid(overlay, self.id)

    def label(self, key: str) -> str:
        pattern = self.data.get("table_label", "")
        return pattern.format(n=self.tables.index(key) + 1) if pattern else ""

    def notes(self, key: str) -> list[str]:
        return list(self.data.get("notes", {}).get(key, []))

    @property
    def blank_zero(self) -> bool:
        return self.data.get("zeros", "blank") == "blank"

    @property
    def summary_classes(self) -> list[tuple[str, str]]:
        return [(code, name) for code, name in self.data["summary_classes"]]

    @property
    def general_basic(self) -> dict:
        return self.data["general_basic"]

    def option(self, key: str, default: str = "") -> str:
        return self.data.get(key, default)


def available() -> list[str]:
    return tomlfiles.bundled(__package__)


@cache
def load(name_or_path: str = DEFAULT_PROFILE) -> Profile:
    """A bundled profile by id (``wuhan-2023``) or a profile file a user wrote."""
    try:
        data = tomlfiles.read(name_or_path, __package__)
        if data is None:
            raise ProfileError(f"未知的格式模板「{name_or_path}」；可用：{'、'.join(available())}")
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{name_or_path}: 格式模板文件有误（{exc}）") from exc
    missing = [k for k in ("id", "tables", "titles", "summary_classes", "general_basic") if k not in data]
    if missing:
        raise ProfileError(f"{name_or_path}: 格式模板缺少 {', '.join(missing)}")
    profile = Profile(id=data["id"], name=data.get("name", data["id"]), data=data)
    try:
        unknown = [key for key in profile.tables if key not in profile.forms.forms]
    except FormsError as exc:
        raise ProfileError(str(exc)) from None
    if unknown:
        raise ProfileError(f"{name_or_path}: 格式模板列出的表 {'、'.join(unknown)} 没有表式声明（[forms.{unknown[0]}]）")
    return profile
