"""Add incident: the stalking-log form, saved as a typed incident with its photos."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from safecase.store.incidents import INCIDENT_KINDS, add_incident
from safecase.web.common import act, form_doc, posted, render, session, state
from safecase.web.uploads import MAX_PHOTO

router = APIRouter()
MAX_PHOTOS = 10


@router.get("/incident")
def incident_page(request: Request) -> Response:
    with state(request).using_case(session(request)) as case:
        tz = case.settings["tz"]
    return render(request, "incident.html", kinds=INCIDENT_KINDS, tz=tz,
                  max_mb=MAX_PHOTO // 2**20)


@router.post("/incident", openapi_extra=form_doc("kind", "at", "text", "where", "witnesses", "report_ref", "felt", "who"))
async def incident(request: Request) -> Response:
    st = state(request)
    if not st.unlocked_for(session(request)):
        from safecase.web.state import Locked
        raise Locked()
    form = await posted(request, allow_files=True, max_file=MAX_PHOTO,
                        max_total=MAX_PHOTO * MAX_PHOTOS + 1024 * 1024)
    photos = form.files_for("photos")[:MAX_PHOTOS]
    witnesses = [w.strip() for w in form.get("witnesses").replace(";", "\n").splitlines()
                 if w.strip()]
    at = form.get("at").replace("T", " ")

    def save() -> None:
        try:
            with st.using_case(session(request)) as case:
                add_incident(case, kind=form.get("kind"), at=at, text=form.get("text"),
                             where=form.get("where").strip() or None, witnesses=witnesses,
                             report_ref=form.get("report_ref").strip() or None,
                             felt=form.get("felt").strip() or None,
                             who=form.get("who").strip() or None,
                             attach=[p.path() for p in photos])
        finally:
            form.close()

    return await act(request, save, ok="Saved. It is now part of your case.", back="/incident")
