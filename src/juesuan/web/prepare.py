"""编制: a filled workbook (or Report JSON) uploaded, built, and its files downloaded."""

from __future__ import annotations

import asyncio
import io
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from urllib.parse import quote

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
    if finding.location.file != stored and stored not in finding.message:
        return finding
    return replace(finding, location=replace(finding.location, file=uploaded if finding.location.file == stored
                                             else finding.location.file),
                   message=finding.message.replace(stored, uploaded))
OUTPUTS = {REPORT_FORMATS[n].file: REPORT_FORMATS[n].media_type for n in ("pdf", "docx", "xlsx", "json", "html", "txt")}
PREPARE_KINDS = {"xlsx": ".xlsx", "text": ".json"}


@router.get("/prepare", response_class=HTMLResponse)
def prepare_page(request: Request):
    return render(request, "prepare.html", profiles=available())


@router.get("/template.xlsx")
def template(profile: str = DEFAULT_PROFILE) -> Response:
    if profile not in available():
        raise HTTPException(404, "没有这个格式模板")
    buffer = io.BytesIO()
    api.blank_workbook(profile).save(buffer)
    return Response(buffer.getvalue(), media_type=XLSX_MEDIA,
                    headers={"Content-Disposition": _attachment("data.xlsx", f"决算填报工作簿（{profile}）.xlsx")})


@router.post("/prepare", response_class=HTMLResponse)
async def prepare(request: Request, file: UploadFile, csrf: str = Form(""), profile: str = Form("")):
    check_csrf(request, csrf)
    if profile and profile not in available():
        return render(request, "prepare.html", 400, profiles=available(), error=f"没有格式模板「{profile}」")
    jobs = jobs_of(request)
    job, folder = jobs.new()
    try:
        (upload,) = await uploads([file])
        source, _ = jobs.save(folder, upload, PREPARE_KINDS)
    except (UploadError, ValueError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return render(request, "prepare.html", 400, profiles=available(), error=str(exc))
    state = {"kind": "prepare", "name": upload.name, "source": source.name, "profile": profile, "answers": {}}
    result = await _build(folder, source, state)
    problems = [_as_uploaded(p, source.name, upload.name) for p in result.problems]
    if [p for p in problems if p.severity.value == "error"]:
        shutil.rmtree(folder, ignore_errors=True)       # nothing of a refused upload is kept
        return render(request, "prepare.html", 422, profiles=available(), problems=problems, name=upload.name)
    if result.refused:     # the input is sound but the report fails its own check: it may be built anyway
        jobs.write_state(folder, {**state, "kind": "refused"})
        return render(request, "prepare.html", 422, profiles=available(), problems=problems, name=upload.name,
                      refused=job, findings=[f.to_dict() for f in _all_findings(result) if f.severity.value == "error"])
    jobs.write_state(folder, _built_state(state, result, source.name))
    return RedirectResponse(f"/prepare/{job}", 303)


async def _build(folder: Path, source: Path, state: dict, force: bool = False):
    """Build the job's report in the bounded pool, off the server's loop (other pages answer meanwhile):
    from the upload, or from it with the officer's answers to the 【待补充】 form."""
    if state.get("answers"):
        report, _ = api.read_report(source, profile=state.get("profile") or None)
        filled = folder / "filled.json"
        filled.write_text(api.fill(report, state["answers"]).model_dump_json(indent=1, exclude_defaults=True),
                          encoding="utf-8")
        source = filled
    # a draft when the text still marks 【待补充】: the page offers the form that fills it
    build = partial(api.build, source, folder / "out", profile=state.get("profile") or None, force=force, draft=True)
    return await asyncio.get_running_loop().run_in_executor(BUILDS, build)


def _built_state(state: dict, result, stored: str) -> dict:
    """What the built page shows: problems named by the uploaded file, findings, the gaps the officer
    may fill on the page, and the department and year the downloads are named by."""
    def named(finding):       # located by the uploaded file's name, not the stored one
        return _as_uploaded(_as_uploaded(finding, stored, state["name"]), "filled.json", f"{state['name']}（补充后）")

    shown = [named(p) for p in result.problems]
    return {**state, "kind": "prepare", "department": result.report.department.name, "year": result.report.year,
            "problems": [f"{p.location}：{SEVERITY_NAMES[p.severity.value]}：{p.message}" for p in shown],
            "gaps": [{"field": g.field, "what": g.what} for g in result.gaps], "draft": result.draft,
            "findings": [named(f).to_dict() for f in _all_findings(result)]}


def _all_findings(result) -> list:
    """The self-check's findings on the text, and on each written file read back."""
    return [*(result.check.findings if result.check else []),
            *(f for found in result.published.values() for f in found)]


@router.post("/prepare/{job}/force")
async def prepare_anyway(request: Request, job: str, csrf: str = Form("")):
    """Build a report its own check refused, as `juesuan build --force` does."""
    check_csrf(request, csrf)
    folder, state = job_state(request, job, "refused")
    result = await _build(folder, folder / state["source"], state, force=True)
    jobs_of(request).write_state(folder, {**_built_state(state, result, state["source"]), "forced": True})
    return RedirectResponse(f"/prepare/{job}", 303)


@router.post("/prepare/{job}/fill")
async def fill_gaps(request: Request, job: str):
    """The officer's answers to what the text marks 【待补充】, built into the report without editing
    the workbook (the answers are kept with the job and offered as data to download)."""
    form = await request.form()
    check_csrf(request, str(form.get("csrf", "")))
    folder, state = job_state(request, job, "prepare")
    fields = {g["field"] for g in state.get("gaps", []) if g["field"]}
    answers = {**state.get("answers", {}),
               **{k.removeprefix("gap:"): str(v)[:2000] for k, v in form.items()
                  if k.startswith("gap:") and k.removeprefix("gap:") in fields and str(v).strip()}}
    try:
        result = await _build(folder, folder / state["source"], {**state, "answers": answers},
                              force=bool(state.get("forced")))
    except api.AnswerError as exc:
        raise HTTPException(400, str(exc)) from None
    if result.refused or not result.ok:
        raise HTTPException(422, "补充后的报告未通过审核规则，未替换原报告：" +
                            "；".join(f.message for f in (result.check.findings if result.check else [])
                                     if f.severity.value == "error")[:500])
    jobs_of(request).write_state(folder, {**_built_state({**state, "answers": answers}, result, state["source"]),
                                          "forced": state.get("forced", False)})
    return RedirectResponse(f"/prepare/{job}", 303)


@router.get("/prepare/{job}", response_class=HTMLResponse)
def prepared(request: Request, job: str):
    folder, state = job_state(request, job, "prepare")
    outputs = [n for n in OUTPUTS if (folder / "out" / n).exists()]
    names = {n: api.download_name(state.get("department", ""), state.get("year", ""), n) for n in outputs}
    return render(request, "prepared.html", job=job, state=state, outputs=outputs, names=names,
                  filled=(folder / "filled.json").exists())


@router.get("/jobs/{job}/{name}")
def output(request: Request, job: str, name: str) -> Response:
    folder, state = job_state(request, job, "prepare")
    path = folder / ("filled.json" if name == "filled.json" else f"out/{name}")
    if name not in (*OUTPUTS, "filled.json") or not path.exists():
        raise HTTPException(404, "没有这个文件")
    inline = name == "report.html"
    saved_as = (f"{state.get('department', '')}{state.get('year', '')}年度决算数据（补充后）.json" if name == "filled.json"
                else api.download_name(state.get("department", ""), state.get("year", ""), name))
    headers = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
                                          "frame-ancestors 'self'"} \
        if inline else {"Content-Disposition": _attachment(name, saved_as)}
    media = "application/json" if name == "filled.json" else OUTPUTS[name]
    return Response(path.read_bytes(), media_type=media, headers={**SAFE_DOWNLOAD, **headers})


def _attachment(plain: str, name: str) -> str:
    """A download named ``name`` (Chinese: RFC 6266 filename*), ``plain`` for the oldest clients."""
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name)}"
