"""Readers of published reports into a ``Document`` (plain text now; PDF and DOCX build on it)."""

from __future__ import annotations

from pathlib import Path

from ..document import Document
from .text import read_text

TEXT_SUFFIXES = (".txt", ".text", ".md")
ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")
MAX_BYTES = 50 * 1024 * 1024


class ReadError(ValueError):
    """A file that cannot be read as a report; the message says why, in one line."""


def decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReadError(f"{name}: 不是文本文件")
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError(f"{name}: 无法识别文本编码（支持 UTF-8、GB18030、UTF-16）")


def read_document(path: Path) -> Document:
    """The Document of a published report file; ReadError when it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise ReadError(f"{path}: 文件不存在")
    if path.suffix.lower() not in TEXT_SUFFIXES:
        raise ReadError(f"{path}: 目前只能读取纯文本报告（{'、'.join(TEXT_SUFFIXES)}，表格各栏以制表符分隔）")
    if path.stat().st_size > MAX_BYTES:
        raise ReadError(f"{path}: 文件超过 {MAX_BYTES // 1024 // 1024} MB")
    text = decode(path.read_bytes(), path.name)
    if not text.strip():
        raise ReadError(f"{path}: 文件是空的")
    return read_text(text, path.name)


__all__ = ["ReadError", "read_document", "read_text"]
