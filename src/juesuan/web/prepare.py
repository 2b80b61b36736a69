"""编制: a filled workbook (or Report JSON) uploaded, built, and its files downloaded."""

from __future__ import annotations

import io

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from .. import api
from ..profiles import DEFAULT_PROFILE, available
from ..render.formats import REPORT_FORMATS, XLSX_MEDIA
from .jobs import UploadError
from .pages import check_csrf, job_folder, jobs_of, render, uploads

router = APIRouter()
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
        return render(request, "prepare.html", 400, error=str(exc))
    result = api.build(source, folder / "out")
    errors = [p for p in result.problems if p.severity.value == "error"]
    if errors or result.refused:
        return render(request, "prepare.html", 422, problems=result.problems, name=upload.name,
                      findings=[f.to_dict() for f in (result.check.findings if result.check else [])])
    jobs.write_state(folder, {"name": upload.name, "problems": [str(p) for p in result.problems],
                              "findings": [f.to_dict() for f in result.check.findings]})
    return RedirectResponse(f"/prepare/{job}", 303)


@router.get("/prepare/{job}", response_class=HTMLResponse)
def prepared(request: Request, job: str):
    folder = job_folder(request, job)
    return render(request, "prepared.html", job=job, state=jobs_of(request).state(folder),
                  outputs=[n for n in OUTPUTS if (folder / "out" / n).exists()])


@router.get("/jobs/{job}/{name}")
def output(request: Request, job: str, name: str) -> Response:
    path = job_folder(request, job) / "out" / name
    if name not in OUTPUTS or not path.exists():
        raise HTTPException(404, "没有这个文件")
    inline = name == "report.html"
    headers = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:"} \
        if inline else {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(path.read_bytes(), media_type=OUTPUTS[name], headers=headers)

