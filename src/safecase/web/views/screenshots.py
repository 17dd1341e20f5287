"""Screenshots: turn an imported screenshot the person has checked into a message."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from safecase.model import CHANNELS
from safecase.store.incidents import confirm_screenshot
from safecase.web import summaries
from safecase.web.common import act, flash, form_doc, posted, redirect, render, session, state

router = APIRouter()


@router.get("/screenshots")
def screenshots_page(request: Request) -> Response:
    with state(request).using_case(session(request)) as case:
        shots = summaries.screenshots_to_check(case)
        tz = case.settings["tz"]
    return render(request, "screenshots.html", shots=shots, channels=CHANNELS, tz=tz)


@router.post("/screenshots", openapi_extra=form_doc("exhibit", "channel", "direction", "at",
                                                     "sender", "text"))
async def confirm(request: Request) -> Response:
    form = await posted(request)
    exhibit = form.get("exhibit")
    if not exhibit.isdigit():
        flash(request, "Choose a screenshot.", "error")
        return redirect("/screenshots")
    st = state(request)

    def do() -> None:
        with st.using_case(session(request)) as case:
            confirm_screenshot(case, int(exhibit), channel=form.get("channel"),
                               direction=form.get("direction", "incoming"),
                               at=form.get("at").replace("T", " "),
                               sender=form.get("sender").strip() or None,
                               text=form.get("text"))
    return await act(request, do, ok="Saved as a message, marked as read from a screenshot "
                     "and checked by you.", back="/screenshots")
