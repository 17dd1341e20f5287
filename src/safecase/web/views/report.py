"""Report: choose period, people, redactions, confirmed-only; build; download."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from safecase.web import summaries
from safecase.web.common import act, form_doc, posted, render, session, state

router = APIRouter()
DOWNLOADS = {
    "pdf": ("report.pdf", "application/pdf", "pdf"),
    "html": ("report.html", "application/octet-stream", "html"),
    "bundle": ("safecase-bundle.zip", "application/zip", "bundle"),
}


def available() -> bool:
    try:
        import safecase.report.model  # noqa: F401
    except ImportError:
        return False
    return True


@router.get("/report")
def report_page(request: Request) -> Response:
    with state(request).using_case(session(request)) as case:
        persons = [p for p in summaries.people(case) if not p["is_self"] and p["events"]]
    persons.sort(key=lambda p: -p["events"])
    return render(request, "report.html", persons=persons, available=available(),
                  built=session(request).data.get("report"))


@router.post("/report", openapi_extra=form_doc("since", "until", "paper", "person", "confirmed_only", "third_party", "redact"))
async def build(request: Request) -> Response:
    form = await posted(request)
    st = state(request)
    s = session(request)
    persons = [int(p) for p in form.getlist("person") if p.isdigit()]
    redact = [line.strip() for line in form.get("redact").splitlines() if line.strip()]
    if form.get("third_party") == "on":
        redact.append("third-party-numbers")

    def do() -> None:
        from safecase.web.reports import build as build_report

        with st.using_case(s) as case:
            s.data.pop("report", None)
            s.data["report"] = build_report(
                case, persons=persons, since=form.get("since").strip() or None,
                until=form.get("until").strip() or None, redact=redact,
                confirmed_only=form.get("confirmed_only") == "on",
                paper=form.get("paper", "a4"))
    return await act(request, do, back="/report")


@router.get("/report/download/{kind}")
def download(request: Request, kind: str) -> Response:
    if kind not in DOWNLOADS:
        return Response("Not found.", status_code=404, media_type="text/plain")
    with state(request).using_case(session(request)):
        built = session(request).data.get("report")
    if built is None:
        return Response("Build the report first.", status_code=404, media_type="text/plain")
    name, mime, attr = DOWNLOADS[kind]
    return Response(getattr(built, attr), media_type=mime,
                    headers={"content-disposition": f'attachment; filename="{name}"'})
