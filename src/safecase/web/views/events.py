"""Timeline (filtered, paged), one event in full, and its attachments.

Filters and the page number live in the session, set by POSTed forms, so nothing about
the case ever appears in an address. Paging is LIMIT/OFFSET through
``safecase.store.queries.iter_events``, fetching one row more than a page to know whether
there is a next page (no count over a million rows).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from safecase.errors import NotFound, SafecaseError
from safecase.model import CHANNELS, EVENT_KINDS, SIGNALS
from safecase.store import queries
from safecase.web import summaries
from safecase.web.common import flash, form_doc, posted, redirect, render, session, state
from safecase.web.paging import events_page

router = APIRouter()
PAGE_SIZE = 50
FILTER_KEYS = ("person", "channel", "kind", "signal", "reviewed", "since", "until", "search")


def filters_of(data: dict[str, Any]) -> dict[str, Any]:
    """Session filter values as keyword arguments for ``queries.iter_events``."""
    f = data.get("filters", {})
    out: dict[str, Any] = {}
    if f.get("person"):
        out["person"] = [int(f["person"])]
    if f.get("channel"):
        out["channel"] = [f["channel"]]
    if f.get("kind"):
        out["kind"] = [f["kind"]]
    for key in ("signal", "since", "until", "search"):
        if f.get(key):
            out[key] = f[key]
    if f.get("reviewed") in ("yes", "no"):
        out["reviewed"] = f["reviewed"] == "yes"
    return out


def timeline_page(case: Any, data: dict[str, Any]) -> tuple[list[dict[str, Any]], bool]:
    page = int(data.get("page", 0))
    rows = events_page(case, newest_first=data.get("order", "newest") == "newest",
                       limit=PAGE_SIZE + 1, offset=page * PAGE_SIZE, **filters_of(data))
    return rows[:PAGE_SIZE], len(rows) > PAGE_SIZE


@router.get("/timeline")
def timeline(request: Request) -> Response:
    data = session(request).data
    with state(request).using_case(session(request)) as case:
        try:
            events, more = timeline_page(case, data)
        except SafecaseError as err:
            flash(request, err.message, "error")
            data["filters"] = {}
            events, more = timeline_page(case, data)
        names = summaries.person_names(case)
        zone = case.zone
    persons = sorted(names.items(), key=lambda kv: kv[1].lower())
    page = int(data.get("page", 0))
    return render(request, "timeline.html", events=events, more=more, page=page,
                  first=page * PAGE_SIZE + 1, names=names, persons=persons, zone=zone,
                  f=data.get("filters", {}), order=data.get("order", "newest"),
                  channels=CHANNELS, kinds=EVENT_KINDS, signals=SIGNALS)


def _checked(value: str, allowed: tuple[str, ...]) -> str:
    return value if value in allowed else ""


@router.post("/timeline", openapi_extra=form_doc("action", "person", "channel", "kind", "signal", "reviewed", "since", "until", "search", "order"))
async def timeline_action(request: Request) -> Response:
    form = await posted(request)
    data = session(request).data
    action = form.get("action", "filter")
    if action == "filter":
        person = form.get("person")
        data["filters"] = {
            "person": person if person.isdigit() else "",
            "channel": _checked(form.get("channel"), CHANNELS),
            "kind": _checked(form.get("kind"), EVENT_KINDS),
            "signal": _checked(form.get("signal"), SIGNALS),
            "reviewed": _checked(form.get("reviewed"), ("yes", "no")),
            "since": form.get("since")[:40], "until": form.get("until")[:40],
            "search": form.get("search")[:200],
        }
        data["order"] = "oldest" if form.get("order") == "oldest" else "newest"
        data["page"] = 0
    elif action == "clear":
        data["filters"], data["page"] = {}, 0
    elif action == "next":
        data["page"] = int(data.get("page", 0)) + 1
    elif action == "prev":
        data["page"] = max(0, int(data.get("page", 0)) - 1)
    else:
        data["page"] = 0
    return redirect("/timeline")


@router.get("/event/{event_id}")
def event(request: Request, event_id: int) -> Response:
    with state(request).using_case(session(request)) as case:
        try:
            ev = queries.get_event(case, event_id)
        except NotFound:
            return render(request, "notfound.html", status=404)
        source = summaries.source_info(case, ev["source"]["file_sha256"])
        names = summaries.person_names(case)
        zone = case.zone
    return render(request, "event.html", ev=ev, source=source, names=names, zone=zone)


@router.get("/exhibit/{exhibit_id}")
def exhibit(request: Request, exhibit_id: int, download: bool = False) -> Response:
    """An attachment's bytes. Images are shown in the page; everything else downloads.
    Only known image types are ever served inline (never HTML or SVG: no script runs)."""
    with state(request).using_case(session(request)) as case:
        try:
            meta = case.exhibit(exhibit_id)
            data = case.read_exhibit(exhibit_id)
        except NotFound:
            return Response("Not found.", status_code=404, media_type="text/plain")
    mime = (meta["mime"] or "application/octet-stream").lower()
    inline = mime in ("image/jpeg", "image/png", "image/gif", "image/webp") and not download
    if not inline:
        mime = "application/octet-stream"
    name = "".join(ch for ch in meta["name"] if ch.isascii() and ch.isprintable() and
                   ch not in '"\\;') or "file"
    disp = "inline" if inline else "attachment"
    return Response(data, media_type=mime,
                    headers={"content-disposition": f'{disp}; filename="{name}"'})
