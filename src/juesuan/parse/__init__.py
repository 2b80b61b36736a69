"""Readers of published reports (PDF, DOCX, XLSX/XLS, text) into one ``Document``."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..document import Document
from ..forms import Forms
from ..fsutil import zip_problem
from ..limits import limit
from .encoding import detect
from .html import looks_like_html
from .text import read_text

TEXT_SUFFIXES = (".txt", ".text", ".md")
MAX_BYTES = limit("file_mb") * 1024 * 1024


class ReadError(ValueError):
    """A file that cannot be read as a report; the message says why, in one line."""


def decode(data: bytes, name: str) -> str:
    """A text file's characters; ReadError naming the file when its encoding cannot be told."""
    encoding, why = detect(data)
    if encoding is None:
        raise ReadError(f"{name}: {why}")
    return data.decode(encoding).removeprefix("\ufeff")


def kind_of(data: bytes, name: str) -> str:
    """pdf / docx / xlsx / xls / html / text, by the file's content (its name only breaks ties)."""
    if data.startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:200_000] or name.lower().endswith(".docx"):
            return "docx"
        if b"xl/" in data[:200_000] or name.lower().endswith(".xlsx"):
            return "xlsx"
        raise ReadError(f"{name}: 是 ZIP 文件，但不是 DOCX 或 XLSX")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if name.lower().endswith(".xls"):
            return "xls"
        raise ReadError(f"{name}: 是旧版 Office 文件（.doc/.xls），请另存为 DOCX 或 XLSX")
    if looks_like_html(data):
        return "html"
    suffix = Path(name).suffix.lower().lstrip(".")
    if suffix in ("pdf", "docx", "xlsx", "xls", "doc"):
        raise ReadError(f"{name}: 扩展名是 .{suffix}，但内容不是 {suffix.upper()} 文件")
    return "text"


def read_document(path: Path, ocr: bool = True, forms: Forms | None = None) -> Document:
    """The Document of a published report file (PDF, DOCX, XLSX/XLS, web page or text); ReadError when it
    cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise ReadError(f"{path}: 文件不存在")
    if path.stat().st_size > MAX_BYTES:
        raise ReadError(f"{path}: 文件超过 {MAX_BYTES // 1024 // 1024} MB")
    data = path.read_bytes()
    if not data.strip():
        raise ReadError(f"{path}: 文件是空的")
    doc = read_bytes(data, path.name, ocr, forms)
    doc.sha256 = hashlib.sha256(data).hexdigest()
    return doc


def read_bytes(data: bytes, name: str, ocr: bool = True, forms: Forms | None = None) -> Document:
    """The Document of a file's bytes, its tables recognised with ``forms`` (the shipped ones by
    default); ReadError when they cannot be read as a report."""
    if len(data) > MAX_BYTES:
        raise ReadError(f"{name}: 文件超过 {MAX_BYTES // 1024 // 1024} MB")
    kind = kind_of(data, name)
    if kind in ("docx", "xlsx") and (why := zip_problem(data)):
        raise ReadError(f"{name}: {why}")
    try:
        if kind == "pdf":
            from .pdf import read_pdf
            return read_pdf(data, name, ocr, forms)
        if kind == "docx":
            from .docx import read_docx
            return read_docx(data, name, forms)
        if kind in ("xlsx", "xls"):
            from .sheet import read_workbook
            return read_workbook(data, name, kind, forms)
        if kind == "html":
            from .html import read_html
            return read_html(data, name, forms)
    except ReadError:
        raise
    except Exception as exc:
        raise ReadError(f"{name}: 无法读取 {kind.upper()} 文件（{type(exc).__name__}: {exc}）") from exc
    text = decode(data, name)
    if not text.strip():
        raise ReadError(f"{name}: 文件是空的")
    return read_text(text, name, forms)


__all__ = ["ReadError", "read_document", "read_text"]
