"""Data files in TOML (profiles, scoring rules): the bundled ones by name, or a user's file by path."""

from __future__ import annotations

import tomllib
from importlib import resources
from pathlib import Path


def bundled(package: str) -> list[str]:
    """Names of the ``*.toml`` files shipped in ``package``."""
    return sorted(p.name.removesuffix(".toml") for p in resources.files(package).iterdir() if p.name.endswith(".toml"))


def read(name_or_path: str, package: str) -> dict | None:
    """The parsed file: a path to a ``.toml`` file, or a bundled name; None when neither exists.
    ``tomllib.TOMLDecodeError`` for a file that is not TOML."""
    path = Path(name_or_path)
    if path.suffix == ".toml" and path.exists():
        return tomllib.loads(path.read_text(encoding="utf-8"))
    if name_or_path in bundled(package):
        return tomllib.loads(resources.files(package).joinpath(f"{name_or_path}.toml").read_text(encoding="utf-8"))
    return None
