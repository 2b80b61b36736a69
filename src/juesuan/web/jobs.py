"""Uploads and the work done on them, kept outside the web root: one folder per job under random
names; the user's file names are only ever shown (escaped), never used as paths."""

from __future__ import annotations

import json
import re
import secrets
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..api import ReadError, decode, kind_of
from ..fsutil import atomic_write_bytes, zip_problem

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_FILES = 20
REVIEW_KINDS = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx", "xls": ".xls", "html": ".html", "text": ".txt"}
_JOB = re.compile(r"^[0-9a-f]{32}$")


class UploadError(ValueError):
    """An upload refused: too large, too many, or not the kind of file expected."""


@dataclass
class Upload:
    name: str        # as the user named it (display only)
    data: bytes


def _damaged(data: bytes) -> str | None:
    """Why an Office file (a zip) is not whole — cut off in transfer, or a member that fails its CRC."""
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return "文件不完整或已损坏（可能未下载完），请重新导出后上传"
    return f"文件已损坏（{bad} 校验不符），请重新导出后上传" if bad else None


class Jobs:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()

    def new(self) -> tuple[str, Path]:
        job = secrets.token_hex(16)
        folder = self.root / job
        folder.mkdir()
        return job, folder

    def folder(self, job: str) -> Path:
        """The job's folder; KeyError for anything that is not an existing job id (no traversal)."""
        if not _JOB.match(job) or not (self.root / job).is_dir():
            raise KeyError(job)
        return self.root / job

    def save(self, folder: Path, upload: Upload, kinds: dict[str, str]) -> tuple[Path, str]:
        """Store an upload under a random name with the suffix of its detected kind."""
        if len(upload.data) > MAX_FILE_BYTES:
            raise UploadError(f"{upload.name}：文件超过 {MAX_FILE_BYTES // 1024 // 1024} MB")
        if not upload.data:
            raise UploadError(f"{upload.name}：文件是空的")
        try:
            kind = kind_of(upload.data, upload.name)
            if kind == "text":
                decode(upload.data, upload.name)   # text must be text: binary is refused here
            if kind in ("docx", "xlsx") and (why := zip_problem(upload.data) or _damaged(upload.data)):
                raise ReadError(f"{upload.name}：{why}")   # a zip bomb or a cut-off file: 审核 refuses as 编制 does
        except ReadError as exc:
            raise UploadError(str(exc)) from None
        if kind not in kinds:
            raise UploadError(f"{upload.name}：不接受这种文件（可上传：{'、'.join(sorted(set(kinds.values())))}）")
        path = folder / f"{secrets.token_hex(8)}{kinds[kind]}"
        path.write_bytes(upload.data)
        return path, kind

    def listing(self) -> list[Path]:
        """Every job folder, newest first."""
        folders = [p for p in self.root.iterdir() if p.is_dir() and _JOB.match(p.name)]
        return sorted(folders, key=lambda p: p.stat().st_mtime, reverse=True)

    def tidy(self, keep_days: float) -> None:
        """On start: remove jobs older than ``keep_days``; a review a restart cut short says so instead
        of showing "审核中" for ever (its files are listed as not checked)."""
        cutoff = time.time() - keep_days * 86400
        for folder in (p for p in self.root.iterdir() if p.is_dir()):
            if folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
                continue
            state = self.state(folder)
            if state.get("kind") == "review" and len(state["done"]) < len(state["files"]):
                checked = {d["name"] for d in state["done"]}
                state["done"] += [{"name": name, "stored": "", "seconds": 0, "findings": [],
                                   "failure": "服务重启时尚未审核完，请重新上传这份文件"}
                                  for name in state["files"] if name not in checked]
                self.write_state(folder, state)

    def write_state(self, folder: Path, state: dict) -> None:
        with self.lock:
            atomic_write_bytes(folder / "state.json", json.dumps(state, ensure_ascii=False, default=str).encode())

    def state(self, folder: Path) -> dict:
        with self.lock:
            path = folder / "state.json"
            return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
