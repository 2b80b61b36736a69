"""政府收支分类科目: the bundled (partial) catalogue, user editions, and code arithmetic."""

from .catalog import (
    Catalog,
    CatalogError,
    Classification,
    Subject,
    bundled,
    code_level,
    function_parents,
    load_edition,
)

__all__ = [
    "Catalog", "CatalogError", "Classification", "Subject", "bundled", "code_level",
    "function_parents", "load_edition",
]
