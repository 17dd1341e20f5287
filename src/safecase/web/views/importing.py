"""Import: upload exports (drag and drop), see the detected format, import, see the summary."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from safecase.web import importjob
from safecase.web.common import flash, form_doc, posted, redirect, render, session, state
from safecase.web.state import Locked

router = APIRouter()
MAX_FILES = 20


def _require_unlocked(request: Request) -> None:
    if not state(request).unlocked_for(session(request)):
        raise Locked()


@router.get("/import")
def import_page(request: Request) -> Response:
    _require_unlocked(request)
    data = session(request).data
    job = data.get("job")
    return render(request, "import.html", pending=data.get("uploads", []), job=job,
                  running=job is not None and job.state == "running",
                  max_mb=request.app.state.max_upload // 2**20)


@router.post("/import/upload", openapi_extra=form_doc(files="files"))
async def upload(request: Request) -> Response:
    _require_unlocked(request)
    limit = request.app.state.max_upload
    form = await posted(request, allow_files=True, max_file=limit,
                        max_total=limit * MAX_FILES + 1024 * 1024)
    files = form.files_for("files")[:MAX_FILES]
    if not files:
        form.close()
        flash(request, "Choose one or more files first.", "error")
        return redirect("/import")
    data = session(request).data
    for old in data.pop("uploads", []):
        old.close()
    data["uploads"] = await run_in_threadpool(
        lambda: [importjob.PendingUpload.detect(f) for f in files])
    data.pop("job", None)
    return redirect("/import")


@router.post("/import/run", openapi_extra=form_doc())
async def run(request: Request) -> Response:
    _require_unlocked(request)
    await posted(request)
    st = state(request)
    data = session(request).data
    uploads = [u for u in data.pop("uploads", []) if u.error is None]
    if not uploads:
        flash(request, "There is nothing to import.", "error")
        return redirect("/import")
    if st.job is not None:
        flash(request, "An import is already running.", "error")
        return redirect("/import")
    data["job"] = importjob.start(st, session(request), uploads)
    return redirect("/import")


@router.post("/import/clear", openapi_extra=form_doc())
async def clear(request: Request) -> Response:
    _require_unlocked(request)
    await posted(request)
    data = session(request).data
    for old in data.pop("uploads", []):
        old.close()
    data.pop("job", None)
    return redirect("/import")


@router.get("/import/status")
def status(request: Request) -> Response:
    _require_unlocked(request)
    job = session(request).data.get("job")
    if job is None:
        return JSONResponse({"state": "none", "line": "", "done": 0, "total": 0})
    return JSONResponse(job.status())
