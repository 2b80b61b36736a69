"""`juesuan serve`: the same jobs as the CLI for people who never open a terminal — 编制 (build a
report from a filled workbook), 审核 (check uploaded reports), 数据 (browse the corpus). Server-rendered
Jinja2 pages with htmx (vendored); every form carries a CSRF token; uploads live outside the web root.
One router per area (``prepare``, ``review``, ``data``) over the API; ``pages`` holds what they share."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from ..render.findings import SEVERITY_NAMES
from . import data, prepare, review, tasks
from .jobs import Jobs
from .pages import cell, render

HERE = Path(__file__).parent
CHINESE = {"Not Found": "没有这个页面", "Method Not Allowed": "不支持这种请求方式", "Bad Request": "请求有误"}


def create_app(workdir: Path, db: Path | None = None, keep_days: float = 30) -> HeadAsGet:
    """The web app over ``workdir`` (jobs older than ``keep_days`` are removed when it starts)."""
    app = FastAPI(title="juesuan", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.pages = Jinja2Templates(directory=HERE / "templates")
    app.state.pages.env.filters["cell"] = cell
    app.state.pages.env.globals["severity_names"] = SEVERITY_NAMES
    app.state.jobs = Jobs(Path(workdir) / "jobs")
    app.state.jobs.tidy(keep_days)
    app.state.pages.env.globals["keep_days"] = keep_days
    app.state.db = db

    @app.exception_handler(HTTPException)
    async def error_page(request: Request, exc: HTTPException):
        return render(request, "error.html", exc.status_code, message=CHINESE.get(exc.detail, exc.detail))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError):
        fields = "、".join(str(e["loc"][-1]) for e in exc.errors())
        return render(request, "error.html", 400, message=f"请求的参数有误（{fields}）：请从页面上的链接和表单进入")

    @app.get("/")
    def home() -> RedirectResponse:
        return RedirectResponse("/prepare", 303)

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)

    for area in (prepare, review, data, tasks):
        app.include_router(area.router)
    return HeadAsGet(app)


class HeadAsGet:
    """HEAD answered as GET without the body, for every page (FastAPI routes take only the methods
    they name): a link checker or a proxy probing a page gets its status and headers, not 405."""

    def __init__(self, app: FastAPI):
        self.app, self.state = app, app.state

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "HEAD":
            return await self.app(scope, receive, send)

        async def headers_only(message):
            if message["type"] == "http.response.body":
                message = {**message, "body": b"", "more_body": False}
            await send(message)
        await self.app({**scope, "method": "GET"}, receive, headers_only)
