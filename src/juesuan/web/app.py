"""`juesuan serve`: the same jobs as the CLI for people who never open a terminal — 编制 (build a
report from a filled workbook), 审核 (check uploaded reports), 数据 (browse the corpus). Server-rendered
Jinja2 pages with htmx (vendored); every form carries a CSRF token; uploads live outside the web root.
One router per area (``prepare``, ``review``, ``data``) over the API; ``pages`` holds what they share."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from . import data, prepare, review
from .jobs import Jobs
from .pages import cell, render

HERE = Path(__file__).parent


def create_app(workdir: Path, db: Path | None = None) -> FastAPI:
    app = FastAPI(title="juesuan", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.state.pages = Jinja2Templates(directory=HERE / "templates")
    app.state.pages.env.filters["cell"] = cell
    app.state.jobs = Jobs(Path(workdir) / "jobs")
    app.state.db = db

    @app.exception_handler(HTTPException)
    async def error_page(request: Request, exc: HTTPException):
        return render(request, "error.html", exc.status_code, message=exc.detail)

    @app.get("/")
    def home() -> RedirectResponse:
        return RedirectResponse("/prepare", 303)

    for area in (prepare, review, data):
        app.include_router(area.router)
    return app
