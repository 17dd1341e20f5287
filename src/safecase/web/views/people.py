"""People: identities grouped into persons; link, unlink, rename; suggested links."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from safecase.web import summaries
from safecase.web.common import act, flash, form_doc, posted, redirect, render, session, state

router = APIRouter()


def _suggestions(case: Any) -> tuple[bool, list[dict[str, Any]]]:
    try:
        from safecase.analysis.links import suggest_links
    except ImportError:
        return False, []
    return True, summaries.cached(case, "suggestions", suggest_links)


@router.get("/people")
def people_page(request: Request) -> Response:
    with state(request).using_case(session(request)) as case:
        persons = sorted(summaries.people(case), key=lambda p: -p["events"])
        available, suggestions = _suggestions(case)
    idents = {i["id"]: (p["name"], i) for p in persons for i in p["identities"]}
    return render(request, "people.html", persons=persons, suggestions=suggestions,
                  available=available, idents=idents)


def _ids(values: list[str]) -> list[int]:
    return [int(v) for v in values if v.isdigit()]


@router.post("/people/link", openapi_extra=form_doc("identity", "name"))
async def link(request: Request) -> Response:
    form = await posted(request)
    ids = _ids(form.getlist("identity"))
    name = form.get("name").strip() or None
    if len(ids) < 2:
        flash(request, "Tick at least two identities to put together.", "error")
        return redirect("/people")
    st = state(request)

    def do() -> None:
        with st.using_case(session(request)) as case:
            case.link(ids, name=name)
    return await act(request, do, ok="Linked.", back="/people")


@router.post("/people/unlink", openapi_extra=form_doc("identity"))
async def unlink(request: Request) -> Response:
    form = await posted(request)
    ids = _ids([form.get("identity")])
    if not ids:
        return redirect("/people")
    st = state(request)

    def do() -> None:
        with st.using_case(session(request)) as case:
            case.unlink(ids[0])
    return await act(request, do, ok="Separated.", back="/people")


@router.post("/people/rename", openapi_extra=form_doc("person", "name"))
async def rename(request: Request) -> Response:
    form = await posted(request)
    ids = _ids([form.get("person")])
    name = form.get("name").strip()
    if not ids or not name:
        flash(request, "Give a name.", "error")
        return redirect("/people")
    st = state(request)

    def do() -> None:
        with st.using_case(session(request)) as case:
            case.rename_person(ids[0], name[:200])
    return await act(request, do, ok="Renamed.", back="/people")
