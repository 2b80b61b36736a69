"""What every page shares: the templates, the CSRF token, the job folders, uploads and the corpus
— each kept on the app (``app.state``) by ``create_app``."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

from fastapi import Request, UploadFile
from fastapi.responses import HTMLResponse
from starlette.exceptions import HTTPException

from .jobs import MAX_FILES, Jobs, Upload, UploadError

CSRF_COOKIE = "juesuan_csrf"
SAFE_DOWNLOAD = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "SAMEORIGIN"}
# no inline style or script at all (htmx is told not to add its indicator <style>: base.html)
PAGE_POLICY = "default-src 'self'; img-src 'self' data:; frame-src 'self'; frame-ancestors 'none'"


def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
    response = request.app.state.pages.TemplateResponse(
        request, template, {"csrf": token, "db": request.app.state.db, **context}, status_code=status)
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
    response.headers["Content-Security-Policy"] = PAGE_POLICY
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def check_csrf(request: Request, token: str) -> None:
    if not token or not secrets.compare_digest(token, request.cookies.get(CSRF_COOKIE, "")):
        raise HTTPException(403, "表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试")


async def uploads(files: list[UploadFile]) -> list[Upload]:
    files = [f for f in files if f.filename]
    if not files:
        raise UploadError("请选择要上传的文件")
    if len(files) > MAX_FILES:
        raise UploadError(f"一次最多上传 {MAX_FILES} 个文件")
    found = []
    for f in files:
        data = await f.read(50 * 1024 * 1024 + 1)
        found.append(Upload(_shown_name(f.filename), data))
    return found


def _shown_name(filename: str) -> str:
    """The name an upload is shown under: its last path part, with a slash inside a name kept visible
    ("<script>alert(1)</script>.pdf" was shown as "script>.pdf"); it is never used as a path."""
    name = filename.replace("\\", "/")
    name = name.rsplit("/", 1)[-1] if name.count("/") and not re.search(r"<[^>]*/", name) else name
    return "".join(c for c in name.replace("/", "／") if c.isprintable())[:200] or "（无名文件）"


def jobs_of(request: Request) -> Jobs:
    return request.app.state.jobs


def job_folder(request: Request, job: str) -> Path:
    try:
        return jobs_of(request).folder(job)
    except KeyError:
        raise HTTPException(404, "没有这个任务（链接有误或已过期）") from None


def job_state(request: Request, job: str, kind: str) -> tuple[Path, dict]:
    """The folder and state of a job of ``kind`` (prepare or review); 404 for any other id — a 编制
    job opened under 审核, or a folder an upload was refused into."""
    folder = job_folder(request, job)
    state = jobs_of(request).state(folder)
    if state.get("kind", "review" if "done" in state else "prepare" if "name" in state else None) != kind:
        raise HTTPException(404, "没有这个任务（链接有误或已过期）")
    return folder, state


def corpus_of(request: Request) -> Path | None:
    return request.app.state.db


def has_corpus(request: Request) -> bool:
    db = corpus_of(request)
    return db is not None and Path(db).exists()


def cell(value) -> str:
    """A table value as printed: amounts at the cent with thousands separators."""
    from decimal import Decimal

    from ..money import format_amount

    if value is None:
        return ""
    return format_amount(value) if isinstance(value, Decimal) else str(value)


