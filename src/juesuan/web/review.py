"""审核: published reports uploaded and checked off the request (progress shown as they finish), the
findings filtered, waived and exported, a PDF page shown with the finding outlined."""

from __future__ import annotations

import io
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from ..batch import check_many
from ..render.findings import SEVERITY_NAMES
from ..render.formats import FINDINGS_FORMATS
from .jobs import REVIEW_KINDS, Jobs, UploadError
from .pages import SAFE_DOWNLOAD, check_csrf, job_state, jobs_of, render, uploads

router = APIRouter()
REVIEWS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="juesuan-review")
EXPORTS = ("xlsx", "json", "html")       # the findings exports the 审核 page offers


@router.get("/review", response_class=HTMLResponse)
def review_page(request: Request):
    return render(request, "review.html")


@router.post("/review", response_class=HTMLResponse)
async def review(request: Request, files: list[UploadFile], csrf: str = Form("")):
    check_csrf(request, csrf)
    jobs = jobs_of(request)
    job, folder = jobs.new()
    try:
        received = await uploads(files)
    except UploadError as exc:
        shutil.rmtree(folder, ignore_errors=True)       # nothing of a refused upload is kept
        return render(request, "review.html", 400, error=str(exc))
    saved, refused = [], []
    for upload in received:       # one bad file is that file's finding, not the whole upload's refusal
        try:
            saved.append((jobs.save(folder, upload, REVIEW_KINDS)[0], upload.name))
        except UploadError as exc:
            refused.append({"name": upload.name, "stored": "", "failure": str(exc), "seconds": 0, "findings": []})
    if not saved:
        shutil.rmtree(folder, ignore_errors=True)
        return render(request, "review.html", 400, error="；".join(r["failure"] for r in refused))
    jobs.write_state(folder, {"kind": "review", "files": [u.name for u in received], "done": refused, "waivers": []})
    REVIEWS.submit(_run_review, jobs, folder, saved)      # at most two reviews at once, off the loop
    return RedirectResponse(f"/review/{job}", 303)


PAGE_SIZE = 100    # findings on one page of the results


@router.get("/review/{job}", response_class=HTMLResponse)
def reviewed(request: Request, job: str, severity: str = "", rule: str = "", file: str = "", page: int = 1):
    _, state = job_state(request, job, "review")
    documents = _results(state)
    pdf = [str(d.get("stored", "")).endswith(".pdf") for d in state["done"]]   # only a PDF has page images
    findings = [dict(f.to_dict(), document=i, pdf=pdf[i]) for i, d in enumerate(documents) for f in d.result.findings]
    shown = [f for f in findings if (not severity or f["severity"] == severity) and (not rule or f["rule"] == rule)
             and (not file or documents[f["document"]].path == file)]
    order = {s: i for i, s in enumerate(SEVERITY_NAMES)}
    shown.sort(key=lambda f: (order[f["severity"]], f["rule"], f["document"]))
    pages = max(1, -(-len(shown) // PAGE_SIZE))
    page = min(max(1, page), pages)
    filters = {k: v for k, v in (("severity", severity), ("rule", rule), ("file", file)) if v}
    return render(request, "reviewed.html", job=job, state=state, documents=documents,
                  findings=shown[(page - 1) * PAGE_SIZE:page * PAGE_SIZE], total=len(shown), all=findings,
                  rules=sorted({(f["rule"], f["title"]) for f in findings}), severity=severity, rule=rule, file=file,
                  page=page, pages=pages, query=urlencode(filters), severity_names=SEVERITY_NAMES,
                  finished=len(state["done"]) == len(state["files"]))


@router.post("/review/{job}/waive")
def waive(request: Request, job: str, rule: str = Form(...), where: str = Form(...), reason: str = Form(""),
          shown: str = Form(""), undo: str = Form(""), csrf: str = Form("")):
    """A reviewer's waiver of one finding (its rule at its printed location), kept with the job and
    applied by the same mechanism as ``juesuan check --waivers``; ``undo`` takes it back."""
    check_csrf(request, csrf)
    jobs = jobs_of(request)
    folder, state = job_state(request, job, "review")
    waivers = state.setdefault("waivers", [])
    if undo:
        kept = [w for w in waivers if not (w["rule"] == rule[:8] and w["where"] == where[:500])]
        if len(kept) == len(waivers):
            raise HTTPException(400, "这条审核发现没有被豁免")
        state["waivers"] = kept
    else:
        if not reason.strip():
            raise HTTPException(400, "请填写豁免理由")
        waiver = {"rule": rule[:8], "where": where[:500], "reason": reason.strip()[:500]}
        if not any(f.rule == waiver["rule"] and str(f.location) == waiver["where"]
                   for d in _results(state) for f in d.result.findings):
            raise HTTPException(400, "没有这条审核发现，无法豁免")
        waivers.append(waiver)
    jobs.write_state(folder, state)
    back = "&".join(part for part in shown[:1000].split("&") if part.split("=", 1)[0] in ("severity", "rule", "file", "page"))
    return RedirectResponse(f"/review/{job}" + (f"?{back}" if back else ""), 303)


@router.get("/review/{job}/page/{document}/{page}.png")
def page_image(request: Request, job: str, document: int, page: int, box: str = "") -> Response:
    folder, state = job_state(request, job, "review")
    if not 0 <= document < len(state["done"]):
        raise HTTPException(404, "没有这份文件")
    return Response(_page_png(folder / state["done"][document]["stored"], page, box), media_type="image/png")


@router.get("/review/{job}/export.{fmt}")
def export(request: Request, job: str, fmt: str) -> Response:
    kind = FINDINGS_FORMATS.get(fmt)
    if kind is None or kind.name not in EXPORTS:
        raise HTTPException(404, f"可导出：{'、'.join(EXPORTS)}")
    body = kind.many(_results(job_state(request, job, "review")[1]))
    return Response(body, media_type=kind.media_type,
                    headers={**SAFE_DOWNLOAD, "Content-Disposition": f'attachment; filename="findings{kind.suffix}"'})


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
