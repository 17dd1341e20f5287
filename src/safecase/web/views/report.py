"""Report: choose period, people, redactions, confirmed-only; build; download."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from safecase.web import summaries
from safecase.web.common import render, session, state

router = APIRouter()


def available() -> bool:
    try:
        import safecase.report  # noqa: F401
    except ImportError:
        return False
    return True


@router.get("/report")
def report_page(request: Request) -> Response:
    with state(request).using_case(session(request)) as case:
        persons = [p for p in summaries.people(case) if not p["is_self"]]
    return render(request, "report.html", persons=persons, available=available(),
                  built=session(request).data.get("report"))
