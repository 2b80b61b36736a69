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

FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


@contextmanager
def atomic_outputs(outdir: Path) -> Iterator[Path]:
    """Yield a scratch folder; on success move its files into ``outdir``, on failure drop them."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=".juesuan-", dir=outdir))
    try:
        yield scratch
        for item in sorted(scratch.iterdir()):
            os.replace(item, outdir / item.name)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


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
