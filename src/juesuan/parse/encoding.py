"""Which encoding a text file is in — detected, not guessed: a byte-order mark; else the pattern of
zero bytes that UTF-16 and UTF-32 leave in the ASCII characters every report has (digits, spaces);
else strict UTF-8; else a detector's verdict among the Chinese encodings. Anything else is refused:
garbage read as text would be checked as if it were a report."""

from __future__ import annotations

BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
CHINESE = ("gb18030", "gbk", "gb2312", "hz", "big5", "big5hkscs", "cp950", "cp936")


def wide(data: bytes) -> str | None:
    """The encoding a byte-order mark or the zero bytes of UTF-16/UTF-32 text show; None otherwise."""
    for mark, encoding in BOMS:
        if data.startswith(mark):
            return encoding
    head = data[:4096]
    if not head or b"\x00" not in head:
        return None
    zeros = [sum(1 for i in range(r, len(head), 4) if head[i] == 0) for r in range(4)]
    quarter = max(1, len(head) // 4)
    if min(zeros[2:]) > 0.9 * quarter:     # a BMP character in UTF-32: two zero bytes of four
        return "utf-32-le"
    if min(zeros[:2]) > 0.9 * quarter:
        return "utf-32-be"
    odd, even = zeros[1] + zeros[3], zeros[0] + zeros[2]
    # the digits and spaces of UTF-16 text put their zero bytes on one side; few Chinese characters do
    if odd >= 8 and odd >= 5 * even:
        return "utf-16-le"
    if even >= 8 and even >= 5 * odd:
        return "utf-16-be"
    return None


def detect(data: bytes) -> tuple[str | None, str]:
    """(the encoding, "") of a text, or (None, why it is refused)."""
    if (encoding := wide(data)) is not None:
        try:
            data.decode(encoding)
            return encoding, ""
        except UnicodeDecodeError as exc:
            return None, f"按 {encoding.upper()} 读到第 {exc.start} 字节时出错"
    if b"\x00" in data[:4096]:
        return None, "不是文本文件"
    try:
        data.decode("utf-8")
        return "utf-8", ""
    except UnicodeDecodeError as exc:
        broken = exc.start
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding in CHINESE:
        encoding = "gb18030" if best.encoding in ("gbk", "gb2312", "cp936", "hz") else best.encoding
        try:
            data.decode(encoding)
            return encoding, ""
        except UnicodeDecodeError:
            pass
    return None, f"无法识别文本编码（不是有效的 UTF-8：第 {broken} 字节起损坏；也不是 GB18030、UTF-16）"
