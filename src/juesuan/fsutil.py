"""Atomic output: everything a command writes appears at once, or not at all."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .limits import limit

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


@contextmanager
def atomic_outputs(outdir: Path) -> Iterator[Path]:
    """Yield a scratch folder; on success move its files into ``outdir``, on failure drop them."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(outdir)
    scratch = Path(tempfile.mkdtemp(prefix=f".juesuan-{os.getpid()}-", dir=outdir))
    try:
        yield scratch
        for item in sorted(scratch.iterdir()):
            os.replace(item, outdir / item.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _remove_abandoned(outdir: Path) -> None:
    """Scratch folders of builds that were killed (SIGKILL runs no clean-up): their process is gone."""
    for folder in outdir.glob(".juesuan-*-*"):
        pid = folder.name.split("-")[1]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """``data`` at ``path`` whole, or nothing there; an error names ``path`` (not the scratch file),
    and the file gets the permissions a new file normally gets (not mkstemp's 0600)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


MAX_UNZIPPED = limit("unzipped_mb") * 1024 * 1024   # bytes a DOCX/XLSX may expand to
MAX_RATIO = 200                     # compression ratio beyond which a large member is a bomb


def zip_problem(source) -> str | None:
    """Why a DOCX/XLSX (path or bytes) must not be opened — too large once expanded, or a member
    compressed beyond any real document (a zip bomb) — or None when it may be."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None   # not a zip: the reader says so in its own words
    total = sum(m.file_size for m in members)
    if total > MAX_UNZIPPED:
        return f"解压后有 {total / 1024 / 1024:.0f} MB，超过 {MAX_UNZIPPED // 1024 // 1024} MB 的上限"
    for m in members:
        if m.file_size > 10 * 1024 * 1024 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            return f"其中 {m.filename} 压缩比超过 {MAX_RATIO} 倍（疑似压缩炸弹），拒绝读取"
    return None


def normalise_zip(path: Path) -> None:
    """Rewrite a zip (xlsx, docx) with fixed member times and document dates, so equal content
    gives equal bytes (writers stamp the save time into docProps/core.xml)."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    members = [(info, _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", data) if info.filename == "docProps/core.xml"
                else data) for info, data in members]
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)
    os.replace(tmp, path)
