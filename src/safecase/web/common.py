"""What every page uses: the session, CSRF checks, rendering, flash messages, times."""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from safecase.errors import SafecaseError
from safecase.web.forms import Form, read_form
from safecase.web.state import AppState, Session

HERE = Path(__file__).parent
templates = Jinja2Templates(directory=str(HERE / "templates"))

NAV = [
    ("/overview", "Overview"), ("/timeline", "Timeline"), ("/review", "Review"),
    ("/incident", "Add incident"), ("/import", "Import"), ("/people", "People"),
    ("/report", "Report"), ("/device", "Device check"), ("/settings", "Settings"),
    ("/safety", "Safety"),
]


class CsrfFailed(Exception):
    """A POST without this session's CSRF token (HTTP 403)."""


def state(request: Request) -> AppState:
    return request.app.state.safecase


def session(request: Request) -> Session:
    return request.state.session


def check_csrf(request: Request, form: Form | None) -> None:
    sent = request.headers.get("x-csrf-token") or (form.get("csrf") if form else "")
    if not sent or not hmac.compare_digest(sent.encode(), session(request).csrf.encode()):
        raise CsrfFailed()


async def posted(request: Request, **limits: Any) -> Form:
    """The POSTed form, after the CSRF check."""
    form = await read_form(request, **limits)
    try:
        check_csrf(request, form)
    except CsrfFailed:
        form.close()
        raise
    return form


def form_doc(*names: str, files: str | None = None) -> dict[str, Any]:
    """OpenAPI description of a POSTed form, for ``openapi_extra`` (routes read their
    forms themselves, see ``forms.read_form``, so FastAPI cannot infer it)."""
    props: dict[str, Any] = {n: {"type": "string"} for n in ("csrf", *names)}
    kind = "application/x-www-form-urlencoded"
    if files:
        props[files] = {"type": "array", "items": {"type": "string", "format": "binary"}}
        kind = "multipart/form-data"
    return {"requestBody": {"required": True, "content": {kind: {"schema": {
        "type": "object", "properties": props}}}}}


def flash(request: Request, message: str, kind: str = "info") -> None:
    session(request).flash.append((kind, message))


def redirect(path: str) -> RedirectResponse:
    """Post/redirect/get: always 303 to a fixed path (no content in the URL)."""
    return RedirectResponse(path, status_code=303)


async def act(request: Request, fn: Any, *args: Any, ok: str | None = None,
              back: str, **kwargs: Any) -> Response:
    """Runs one core call in a worker thread; a SafecaseError becomes a plain message."""
    try:
        await run_in_threadpool(fn, *args, **kwargs)
    except SafecaseError as err:
        flash(request, err.message, "error")
        return redirect(back)
    if ok:
        flash(request, ok, "ok")
    return redirect(back)


def render(request: Request, name: str, status: int = 200, **ctx: Any) -> Response:
    st = state(request)
    s = session(request)
    messages, s.flash = s.flash, []
    ctx.update(
        request=request, csrf=s.csrf, nav=NAV, path=request.url.path,
        unlocked=st.unlocked_for(s), messages=messages,
        autolock_s=st.autolock_seconds(), exit_url=request.app.state.exit_url,
    )
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def local_time(ts_ms: int | None, zone: ZoneInfo) -> str:
    if ts_ms is None:
        return "time unknown"
    return datetime.fromtimestamp(ts_ms / 1000, UTC).astimezone(zone).strftime(
        "%a %d %b %Y, %H:%M")


def local_date(ts_ms: int | None, zone: ZoneInfo) -> str:
    if ts_ms is None:
        return ""
    return datetime.fromtimestamp(ts_ms / 1000, UTC).astimezone(zone).strftime("%d %b %Y")


templates.env.globals["local_time"] = local_time
templates.env.globals["local_date"] = local_date
