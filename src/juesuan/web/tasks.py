"""任务: every job kept on this server (newest first) — what was uploaded, when, and how it ended —
so an officer finds yesterday's report or review again."""

from __future__ import annotations

from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from .pages import jobs_of, render

router = APIRouter()


@router.get("/tasks", response_class=HTMLResponse)
def tasks(request: Request):
    jobs = jobs_of(request)
    rows = []
    for folder in jobs.listing():
        state = jobs.state(folder)
        if state:
            rows.append(_row(folder.name, state, datetime.fromtimestamp((folder / "state.json").stat().st_mtime)))
    return render(request, "tasks.html", rows=rows)


def _row(job: str, state: dict, when: datetime) -> dict:
    kind = state.get("kind", "review" if "done" in state else "prepare")
    if kind == "review":
        done, files = state.get("done", []), state.get("files", [])
        errors = sum(1 for d in done for f in d.get("findings", []) if f.get("severity") == "error")
        result = (f"已审核 {len(done)} 份，错误 {errors} 个" if len(done) == len(files)
                  else f"审核中（{len(done)} / {len(files)}）")
        return {"link": f"/review/{job}", "kind": "审核", "name": "、".join(files), "when": when, "result": result}
    if kind == "refused":
        return {"link": "", "kind": "编制", "name": state.get("name", ""), "when": when,
                "result": "未通过自查，未生成"}
    errors = sum(1 for f in state.get("findings", []) if f.get("severity") == "error")
    title = f"{state.get('department', '')}{state.get('year', '')}年度" if state.get("department") else ""
    result = "已生成" + ("（仍然生成，有错误）" if state.get("forced") else "") + \
        (f"，待补充 {len(state['gaps'])} 处" if state.get("gaps") else "") + (f"，错误 {errors} 个" if errors else "")
    return {"link": f"/prepare/{job}", "kind": "编制", "name": f"{title} {state.get('name', '')}".strip(),
            "when": when, "result": result}
