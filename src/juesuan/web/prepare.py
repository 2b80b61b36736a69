"""编制: a filled workbook (or Report JSON) uploaded, built, and its files downloaded."""

from __future__ import annotations

import asyncio
import io
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from .. import api
from ..profiles import DEFAULT_PROFILE, available
from ..render.findings import SEVERITY_NAMES
from ..render.formats import REPORT_FORMATS, XLSX_MEDIA
from .jobs import UploadError
from .pages import SAFE_DOWNLOAD, check_csrf, job_state, jobs_of, render, uploads

router = APIRouter()
BUILDS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="juesuan-build")   # at most two builds at once


def _as_uploaded(finding, stored: str, uploaded: str):
    """A problem located by the file the officer uploaded, not the random name it is stored under."""
    return replace(finding, location=replace(finding.location, file=uploaded),
                   message=finding.message.replace(stored, uploaded))
OUTPUTS = {REPORT_FORMATS[n].file: REPORT_FORMATS[n].media_type for n in ("pdf", "docx", "xlsx", "json", "html", "txt")}
PREPARE_KINDS = {"xlsx": ".xlsx", "text": ".json"}


@router.get("/prepare", response_class=HTMLResponse)
def prepare_page(request: Request):
    return render(request, "prepare.html")


@router.get("/template.xlsx")
def template(profile: str = DEFAULT_PROFILE) -> Response:
    if profile not in available():
        raise HTTPException(404, "没有这个格式模板")
    buffer = io.BytesIO()
    api.blank_workbook(profile).save(buffer)
    return Response(buffer.getvalue(), media_type=XLSX_MEDIA,
                    headers={"Content-Disposition": 'attachment; filename="data.xlsx"'})


@router.post("/prepare", response_class=HTMLResponse)
async def prepare(request: Request, file: UploadFile, csrf: str = Form("")):
    check_csrf(request, csrf)
    jobs = jobs_of(request)
    job, folder = jobs.new()
    try:
        (upload,) = await uploads([file])
        source, _ = jobs.save(folder, upload, PREPARE_KINDS)
    except (UploadError, ValueError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return render(request, "prepare.html", 400, error=str(exc))
    # the build runs in the bounded pool, off the server's loop: other pages answer meanwhile
    result = await asyncio.get_running_loop().run_in_executor(BUILDS, api.build, source, folder / "out")
    problems = [_as_uploaded(p, source.name, upload.name) for p in result.problems]
    errors = [p for p in problems if p.severity.value == "error"]
    if errors:
        shutil.rmtree(folder, ignore_errors=True)       # nothing of a refused upload is kept
        return render(request, "prepare.html", 422, problems=problems, name=upload.name)
    if result.refused:     # the input is sound but the report fails its own check: it may be built anyway
        jobs.write_state(folder, {"kind": "refused", "name": upload.name, "source": source.name})
        return render(request, "prepare.html", 422, problems=problems, name=upload.name, refused=job,
                      findings=[f.to_dict() for f in (result.check.findings if result.check else [])
                                if f.severity.value == "error"])
    shown = [f"{p.location}：{SEVERITY_NAMES[p.severity.value]}：{p.message}" for p in problems]
    jobs.write_state(folder, {"kind": "prepare", "name": upload.name, "problems": shown,
                              "findings": [f.to_dict() for f in result.check.findings]})
    return RedirectResponse(f"/prepare/{job}", 303)


@router.post("/prepare/{job}/force")
async def prepare_anyway(request: Request, job: str, csrf: str = Form("")):
    """Build a report its own check refused, as `juesuan build --force` does."""
    check_csrf(request, csrf)
    folder, state = job_state(request, job, "refused")
    source = folder / state["source"]
    build = partial(api.build, source, folder / "out", force=True)
    result = await asyncio.get_running_loop().run_in_executor(BUILDS, build)
    problems = [_as_uploaded(p, source.name, state["name"]) for p in result.problems]
    shown = [f"{p.location}：{SEVERITY_NAMES[p.severity.value]}：{p.message}" for p in problems]
    jobs_of(request).write_state(folder, {"kind": "prepare", "name": state["name"], "problems": shown, "forced": True,
                                          "findings": [f.to_dict() for f in result.check.findings]})
    return RedirectResponse(f"/prepare/{job}", 303)


@router.get("/prepare/{job}", response_class=HTMLResponse)
def prepared(request: Request, job: str):
    folder, state = job_state(request, job, "prepare")
    return render(request, "prepared.html", job=job, state=state,
                  outputs=[n for n in OUTPUTS if (folder / "out" / n).exists()])


@router.get("/jobs/{job}/{name}")
def output(request: Request, job: str, name: str) -> Response:
    path = job_state(request, job, "prepare")[0] / "out" / name
    if name not in OUTPUTS or not path.exists():
        raise HTTPException(404, "没有这个文件")
    inline = name == "report.html"
    headers = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                          "frame-ancestors 'self'"} \
        if inline else {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(path.read_bytes(), media_type=OUTPUTS[name], headers={**SAFE_DOWNLOAD, **headers})

