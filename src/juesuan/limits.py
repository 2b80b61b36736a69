"""The bounds on the work one document may cause, each with its default and the environment variable
that changes it (``JUESUAN_LIMIT_<NAME>``, e.g. ``JUESUAN_LIMIT_OCR_PAGES=300``). Real reports stay far
inside them; a file past one gets a message naming the limit, never a hang or a flood of memory.
Listed in docs/limits.md (its table is ``markdown()``). This module imports nothing of
the package."""

from __future__ import annotations

import os

LIMITS: dict[str, tuple[int, str]] = {
    "file_mb": (50, "一份文件的大小（MB）"),
    "pdf_pages": (3000, "一份 PDF 的页数"),
    "page_chars": (200_000, "一页 PDF 上的字符数（不计空白；超过则该页不读取）"),
    "ocr_pages": (100, "一份文件中用 OCR 识别的页数（其余无文字层的页记为无法读取）"),
    "ocr_pixels": (40_000_000, "OCR 时一页图像的像素数（大页面按较低分辨率渲染）"),
    "unzipped_mb": (300, "DOCX/XLSX 解压后的大小（MB）"),
    "docx_parts": (400_000, "DOCX 正文中的段落和表格数"),
    "sheet_rows": (20_000, "一张工作表读取的行数"),
    "sheet_columns": (200, "一张工作表读取的列数"),
    "html_cells": (200_000, "网页中一张表展开合并单元格后的单元格数"),
}


def limit(name: str) -> int:
    """The limit ``name``: its environment variable when set to a positive whole number, else the default."""
    default, _ = LIMITS[name]
    given = os.environ.get(f"JUESUAN_LIMIT_{name.upper()}", "").strip()
    return int(given) if given.isdigit() and int(given) > 0 else default


def markdown() -> str:
    """The table of limits for docs/limits.md."""
    rows = [f"| `JUESUAN_LIMIT_{name.upper()}` | {what} | {default:,} |" for name, (default, what) in LIMITS.items()]
    return "| 环境变量 | 限制 | 默认 |\n|---|---|---:|\n" + "\n".join(rows) + "\n"
