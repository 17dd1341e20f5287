"""Review: the flagged events one at a time; confirm, dismiss, add a note, or skip."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from safecase.web import summaries
from safecase.web.common import act, flash, form_doc, posted, redirect, render, session, state

router = APIRouter()


def _review_fn():  # type: ignore[no-untyped-def]
    try:
        from safecase.analysis.review import review
    except ImportError:
        return None
    return review


@router.get("/review")
def review_page(request: Request) -> Response:
    data = session(request).data
    with state(request).using_case(session(request)) as case:
        ev, done, total = summaries.review_queue(case, data.get("skipped", []))
        names = summaries.person_names(case)
        zone = case.zone
    pending = [s for s in (ev["signals"] if ev else []) if s["review"] is None]
    return render(request, "review.html", ev=ev, done=done, total=total, pending=pending,
                  names=names, zone=zone, available=_review_fn() is not None)


@router.post("/review", openapi_extra=form_doc("event", "signal", "decision", "note"))
async def review_action(request: Request) -> Response:
    form = await posted(request)
    data = session(request).data
    decision = form.get("decision")
    event_id = form.get("event")
    if not event_id.isdigit():
        return redirect("/review")
    if decision == "skip":
        data.setdefault("skipped", []).append(int(event_id))
        return redirect("/review")
    if decision not in ("confirmed", "dismissed"):
        flash(request, "Choose confirm or dismiss.", "error")
        return redirect("/review")
    review = _review_fn()
    if review is None:
        flash(request, "Reviewing needs the analysis part of SafeCase.", "error")
        return redirect("/review")
    signals = form.getlist("signal")
    note = form.get("note").strip() or None
    st = state(request)

    def record() -> None:
        with st.using_case(session(request)) as case:
            for name in signals:
                review(case, int(event_id), name, decision, note=note)

    word = "Confirmed" if decision == "confirmed" else "Dismissed"
    return await act(request, record, ok=f"{word}.", back="/review")
