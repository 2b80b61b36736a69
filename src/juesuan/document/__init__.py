"""The format-independent document: headings, paragraphs, tables and grids."""

from .document import (
    Document,
    Figure,
    Grid,
    Heading,
    Origin,
    Paragraph,
    PerfIndicator,
    PerfTable,
    budget_titles,
)
from .table import Block, Column, Row, Table

__all__ = ["Block", "Column", "Document", "Figure", "Grid", "Heading", "Origin", "Paragraph", "PerfIndicator", "PerfTable", "Row", "Table",
           "budget_titles"]
