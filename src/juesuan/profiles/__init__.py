"""Profiles: the region/year layout of a report (tables, order, titles, notes), kept as data."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from .. import tomlfiles

DEFAULT_PROFILE = "wuhan-2023"


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
        return self.data["titles"][key]

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
    return Profile(id=data["id"], name=data.get("name", data["id"]), data=data)
