"""The format-independent document: tables now; sections, paragraphs and figures build on it."""

from .table import Block, Column, Row, Table

__all__ = ["Block", "Column", "Row", "Table"]
