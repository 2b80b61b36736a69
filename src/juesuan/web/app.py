"""`juesuan serve`: the same jobs as the CLI for people who never open a terminal — 编制 (build a
report from a filled workbook), 审核 (check uploaded reports), 数据 (browse the corpus). Server-rendered
Jinja2 pages with htmx (vendored); every form carries a CSRF token; uploads live outside the web root."""

from __future__ import annotations

import io
import secrets
import threading
from pathlib import Path
from urllib.parse import urlencode

from fastapi import FastAPI, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException

from .. import api
from ..batch import check_many
from ..profiles import DEFAULT_PROFILE, available
from ..render.findings import SEVERITY_NAMES
from .jobs import MAX_FILES, REVIEW_KINDS, Jobs, Upload, UploadError

HERE = Path(__file__).parent
CSRF_COOKIE = "juesuan_csrf"
OUTPUTS = {"report.pdf": "application/pdf", "report.docx": "application/vnd.openxmlformats-officedocument."
           "wordprocessingml.document", "tables.xlsx": "application/vnd.openxmlformats-officedocument."
           "spreadsheetml.sheet", "report.json": "application/json", "report.html": "text/html; charset=utf-8",
           "report.txt": "text/plain; charset=utf-8"}
PREPARE_KINDS = {"xlsx": ".xlsx", "text": ".json"}


def create_app(workdir: Path, db: Path | None = None) -> FastAPI:
    app = FastAPI(title="juesuan", docs_url=None, redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    pages = Jinja2Templates(directory=HERE / "templates")
    pages.env.filters["cell"] = _cell
    jobs = Jobs(Path(workdir) / "jobs")

    def render(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
        token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)
        response = pages.TemplateResponse(request, template, {"csrf": token, "db": db, **context},
                                          status_code=status)
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict")
        response.headers["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; frame-src 'self'"
        response.headers["X-Content-Type-Options"] = "nosniff"
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
            found.append(Upload(Path(f.filename).name, data))
        return found

    @app.exception_handler(HTTPException)
    async def error_page(request: Request, exc: HTTPException):
        return render(request, "error.html", exc.status_code, message=exc.detail)

    @app.get("/")
    def home() -> RedirectResponse:
        return RedirectResponse("/prepare", 303)

    # -- 编制 ------------------------------------------------------------------------------------
    @app.get("/prepare", response_class=HTMLResponse)
    def prepare_page(request: Request):
        return render(request, "prepare.html")

    @app.get("/template.xlsx")
    def template(profile: str = DEFAULT_PROFILE) -> Response:
        from ..inputs import blank_workbook

        if profile not in available():
            raise HTTPException(404, "没有这个格式模板")
        buffer = io.BytesIO()
        blank_workbook(profile).save(buffer)
        return Response(buffer.getvalue(), media_type=OUTPUTS["tables.xlsx"],
                        headers={"Content-Disposition": 'attachment; filename="data.xlsx"'})

    @app.post("/prepare", response_class=HTMLResponse)
    async def prepare(request: Request, file: UploadFile, csrf: str = Form("")):
        check_csrf(request, csrf)
        job, folder = jobs.new()
        try:
            (upload,) = await uploads([file])
            source, _ = jobs.save(folder, upload, PREPARE_KINDS)
        except (UploadError, ValueError) as exc:
            return render(request, "prepare.html", 400, error=str(exc))
        result = api.build(source, folder / "out")
        errors = [p for p in result.problems if p.severity.value == "error"]
        if errors or result.refused:
            return render(request, "prepare.html", 422, problems=result.problems, name=upload.name,
                          findings=[f.to_dict() for f in (result.check.findings if result.check else [])])
        jobs.write_state(folder, {"name": upload.name, "problems": [str(p) for p in result.problems],
                                  "findings": [f.to_dict() for f in result.check.findings]})
        return RedirectResponse(f"/prepare/{job}", 303)

    @app.get("/prepare/{job}", response_class=HTMLResponse)
    def prepared(request: Request, job: str):
        folder = _folder(jobs, job)
        return render(request, "prepared.html", job=job, state=jobs.state(folder),
                      outputs=[n for n in OUTPUTS if (folder / "out" / n).exists()])

    @app.get("/jobs/{job}/{name}")
    def output(job: str, name: str) -> Response:
        path = _folder(jobs, job) / "out" / name
        if name not in OUTPUTS or not path.exists():
            raise HTTPException(404, "没有这个文件")
        inline = name == "report.html"
        headers = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"} \
            if inline else {"Content-Disposition": f'attachment; filename="{name}"'}
        return Response(path.read_bytes(), media_type=OUTPUTS[name], headers=headers)

    # -- 审核 ------------------------------------------------------------------------------------
    @app.get("/review", response_class=HTMLResponse)
    def review_page(request: Request):
        return render(request, "review.html")

    @app.post("/review", response_class=HTMLResponse)
    async def review(request: Request, files: list[UploadFile], csrf: str = Form("")):
        check_csrf(request, csrf)
        job, folder = jobs.new()
        try:
            saved = [(jobs.save(folder, u, REVIEW_KINDS)[0], u.name) for u in await uploads(files)]
        except UploadError as exc:
            return render(request, "review.html", 400, error=str(exc))
        jobs.write_state(folder, {"files": [n for _, n in saved], "done": [], "waivers": []})
        threading.Thread(target=_run_review, args=(jobs, folder, saved), daemon=True).start()
        return RedirectResponse(f"/review/{job}", 303)

    @app.get("/review/{job}", response_class=HTMLResponse)
    def reviewed(request: Request, job: str, severity: str = "", rule: str = ""):
        state = jobs.state(_folder(jobs, job))
        documents = _results(state)
        findings = [dict(f.to_dict(), document=i) for i, d in enumerate(documents) for f in d.result.findings]
        shown = [f for f in findings if (not severity or f["severity"] == severity) and (not rule or f["rule"] == rule)]
        return render(request, "reviewed.html", job=job, state=state, documents=documents, findings=shown,
                      all=findings, rules=sorted({f["rule"] for f in findings}), severity=severity, rule=rule,
                      severity_names=SEVERITY_NAMES, finished=len(state["done"]) == len(state["files"]))

    @app.post("/review/{job}/waive")
    def waive(request: Request, job: str, rule: str = Form(...), where: str = Form(...), reason: str = Form(""),
              shown_severity: str = Form(""), shown_rule: str = Form(""), csrf: str = Form("")):
        """A reviewer's waiver of one finding (its rule at its printed location), kept with the job and
        applied by the same mechanism as ``juesuan check --waivers``."""
        check_csrf(request, csrf)
        folder = _folder(jobs, job)
        state = jobs.state(folder)
        if not reason.strip():
            raise HTTPException(400, "请填写豁免理由")
        waiver = {"rule": rule[:8], "where": where[:500], "reason": reason.strip()[:500]}
        if not any(f.rule == waiver["rule"] and str(f.location) == waiver["where"]
                   for d in _results(state) for f in d.result.findings):
            raise HTTPException(400, "没有这条审核发现，无法豁免")
        state.setdefault("waivers", []).append(waiver)
        jobs.write_state(folder, state)
        filters = {k: v for k, v in (("severity", shown_severity), ("rule", shown_rule)) if v}
        return RedirectResponse(f"/review/{job}" + (f"?{urlencode(filters)}" if filters else ""), 303)

    @app.get("/review/{job}/page/{document}/{page}.png")
    def page_image(job: str, document: int, page: int, box: str = "") -> Response:
        folder = _folder(jobs, job)
        state = jobs.state(folder)
        if not 0 <= document < len(state["done"]):
            raise HTTPException(404, "没有这份文件")
        return Response(_page_png(folder / state["done"][document]["stored"], page, box), media_type="image/png")

    @app.get("/review/{job}/export.{fmt}")
    def export(job: str, fmt: str) -> Response:
        from ..render.findings import batch_json, findings_html, write_batch_xlsx
        from ..rules import CheckResult

        documents = _results(jobs.state(_folder(jobs, job)))
        if fmt == "json":
            body, media = batch_json(documents).encode("utf-8"), "application/json"
        elif fmt == "html":
            merged = CheckResult(f"{len(documents)} 份报告", [f for d in documents for f in d.result.findings])
            body, media = findings_html(merged).encode("utf-8"), "text/html; charset=utf-8"
        elif fmt == "xlsx":
            buffer = io.BytesIO()
            write_batch_xlsx(documents, buffer)
            body, media = buffer.getvalue(), OUTPUTS["tables.xlsx"]
        else:
            raise HTTPException(404, "可导出：json、html、xlsx")
        return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="findings.{fmt}"'})

    # -- 数据 ------------------------------------------------------------------------------------
    @app.get("/data", response_class=HTMLResponse)
    def data(request: Request, year: int | None = None, region: str = ""):
        if db is None or not Path(db).exists():
            return render(request, "data.html", documents=[], peers=None)
        from ..store import compare
        from ..store.schema import connect

        con = connect(Path(db), read_only=True)
        try:
            documents = con.execute("SELECT department, year, region, errors FROM documents "
                                    "ORDER BY region, department, year").fetchall()
            years = sorted({d[1] for d in documents if d[1]})
            regions = sorted({d[2] for d in documents if d[2]})
            chosen = year or (years[-1] if years else None)
            peers = compare.peers(con, chosen, region or None) if chosen else None
        finally:
            con.close()
        return render(request, "data.html", documents=documents, peers=peers, years=years, year=chosen,
                      regions=regions, region=region, bars=_bars(peers) if peers else [])

    @app.get("/data/department", response_class=HTMLResponse)
    def department(request: Request, name: str):
        from ..store import compare
        from ..store.schema import connect

        if db is None or not Path(db).exists():
            raise HTTPException(404, "还没有语料库")
        con = connect(Path(db), read_only=True)
        try:
            table = compare.department_years(con, name, "类")
        finally:
            con.close()
        years = [h for h in table.header if h.isdigit()]
        totals = [sum((row[2 + i] or 0) for row in table.rows if not str(row[-1]).startswith("未匹配"))
                  for i in range(len(years))]
        top = float(max(totals, default=0)) or 1.0
        trend = [{"year": y, "height": round(float(t) / top * 160, 1), "total": _cell(t)} for y, t in zip(years, totals)]
        return render(request, "department.html", name=name, table=table, trend=trend)

    @app.get("/data/peers.csv")
    def peers_csv(year: int, region: str = "") -> Response:
        from decimal import Decimal

        from ..render.findings import csv_text
        from ..store import compare
        from ..store.schema import connect

        if db is None or not Path(db).exists():
            raise HTTPException(404, "还没有语料库")
        con = connect(Path(db), read_only=True)
        try:
            table = compare.peers(con, year, region or None)
        finally:
            con.close()
        rows = ([f"{v:.2f}" if isinstance(v, Decimal) else "" if v is None else v for v in row] for row in table.rows)
        return Response(csv_text(table.header, rows).encode("utf-8"), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="peers-{year}.csv"'})

    return app


def _cell(value) -> str:
    """A table value as printed: amounts at the cent with thousands separators."""
    from decimal import Decimal

    from ..money import format_amount

    if value is None:
        return ""
    return format_amount(value) if isinstance(value, Decimal) else str(value)


def _bars(peers) -> list[dict]:
    """基本/项目支出 of each department as bar lengths (SVG attributes; the page allows no inline CSS)."""
    from decimal import Decimal

    header = peers.header
    basic, project = header.index("基本支出"), header.index("项目支出")
    largest = max((float((r[basic] or 0) + (r[project] or 0)) for r in peers.rows), default=0) or 1.0
    return [{"name": r[1], "basic": round(float(r[basic] or Decimal(0)) / largest * 600, 1),
             "project": round(float(r[project] or Decimal(0)) / largest * 600, 1),
             "total": _cell((r[basic] or Decimal(0)) + (r[project] or Decimal(0)))} for r in peers.rows]


def _folder(jobs: Jobs, job: str) -> Path:
    try:
        return jobs.folder(job)
    except KeyError:
        raise HTTPException(404, "没有这个任务（链接有误或已过期）") from None


def _run_review(jobs: Jobs, folder: Path, saved: list[tuple[Path, str]]) -> None:
    """Check the files in one worker, recording each result as it comes, so the page shows progress."""
    state = jobs.state(folder)
    names = {p.name: name for p, name in saved}

    def record(document) -> None:
        stored = document.path
        name = names[stored]
        findings = []
        for finding in document.result.findings:   # shown under the name the user gave the file
            entry = finding.to_dict()
            entry["where"] = entry["where"].replace(stored, name, 1)
            entry["location"]["file"] = name
            entry["message"] = entry["message"].replace(stored, name)
            findings.append(entry)
        state["done"].append({"name": name, "stored": stored, "failure": document.failure.replace(stored, name),
                              "seconds": round(document.seconds, 2), "findings": findings})
        jobs.write_state(folder, state)

    check_many([p for p, _ in saved], jobs=1, timeout=300, on_done=record)


def _results(state: dict):
    """The documents checked so far, with the job's waivers applied."""
    from ..batch import DocumentResult
    from ..findings import CheckResult, Finding, parse_waivers, waive

    waivers = parse_waivers(state.get("waivers") or [], "state.json")
    return [DocumentResult(d["name"], d["seconds"],
                           waive(CheckResult(d["name"], [Finding.from_dict(f) for f in d["findings"]]), waivers),
                           d["failure"]) for d in state["done"]]


def _page_png(path: Path, page: int, box: str) -> bytes:
    """A page of an uploaded PDF as PNG, the finding's box outlined in red."""
    import pypdfium2
    from PIL import ImageDraw

    if path.suffix != ".pdf":
        raise HTTPException(404, "只有 PDF 文件有页面图像")
    document = pypdfium2.PdfDocument(path.read_bytes())
    if not 1 <= page <= len(document):
        raise HTTPException(404, "没有这一页")
    scale = 1.5
    image = document[page - 1].render(scale=scale).to_pil().convert("RGB")
    try:
        x0, top, x1, bottom = (float(v) * scale for v in box.split(",")) if box else (0, 0, 0, 0)
    except ValueError:
        raise HTTPException(400, "位置参数有误") from None
    if box:
        ImageDraw.Draw(image).rectangle((x0 - 3, top - 3, x1 + 3, bottom + 3), outline=(220, 0, 0), width=3)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()
