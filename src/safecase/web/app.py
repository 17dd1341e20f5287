"""The FastAPI app: security middleware, error pages, and the page routers.

Every response carries ``Cache-Control: no-store`` and a strict Content-Security-Policy;
every request must name this app's own host (against DNS rebinding) and come with the
session cookie that the app set; every POST carries the session's CSRF token. See
docs/web-app.md for the whole security model.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from safecase.web.common import HERE, CsrfFailed, render
from safecase.web.forms import BadForm, FormTooLarge
from safecase.web.state import SESSION_COOKIE, AppState, Busy, Locked

NEUTRAL_EXIT = "https://www.bbc.co.uk/weather"
ENV_AUTOLOCK = "SAFECASE_WEB_AUTOLOCK_SECONDS"   # tests only: auto-lock after N seconds

SECURITY_HEADERS = {
    "cache-control": "no-store, max-age=0",
    "pragma": "no-cache",
    "expires": "0",
    "content-security-policy": ("default-src 'self'; img-src 'self'; style-src 'self'; "
                                "script-src 'self'; object-src 'none'; base-uri 'none'; "
                                "form-action 'self'; frame-ancestors 'none'"),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}

# GET routes that return data, not a page: when locked they answer 401, not a redirect.
NOT_PAGES = ("/exhibit", "/import/status", "/report/download", "/device/download")


def create_app(case_dir: Path | str, *, port: int = 8765, autolock_seconds: int | None = None,
               max_upload: int | None = None, exit_url: str = NEUTRAL_EXIT,
               expose_openapi: bool = False) -> FastAPI:
    """The app for one case folder, to be served on 127.0.0.1:``port``."""
    if autolock_seconds is None and os.environ.get(ENV_AUTOLOCK):
        autolock_seconds = int(os.environ[ENV_AUTOLOCK])
    st = AppState(Path(case_dir), autolock_seconds)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        task = asyncio.create_task(_autolock_loop(st))
        try:
            yield
        finally:
            task.cancel()
            st.lock()

    app = FastAPI(title="Notes", docs_url=None, redoc_url=None, lifespan=lifespan,
                  openapi_url="/openapi.json" if expose_openapi else None)
    app.state.safecase = st
    app.state.allowed_hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
    app.state.exit_url = exit_url
    from safecase.web.uploads import MAX_UPLOAD
    app.state.max_upload = max_upload or MAX_UPLOAD

    @app.middleware("http")
    async def guard(request: Request, call_next):  # type: ignore[no-untyped-def]
        host = request.headers.get("host", "")
        if host not in app.state.allowed_hosts:
            # DNS rebinding: a page on another site that resolved its name to 127.0.0.1.
            return _secure(PlainTextResponse("Unknown host.", status_code=400))
        st.check_autolock()
        token = request.cookies.get(SESSION_COOKIE)
        session = st.session(token)
        fresh = session is None
        if session is None:
            session = st.new_session()
        request.state.session = session
        response = await call_next(request)
        if fresh:
            response.set_cookie(SESSION_COOKIE, session.token, httponly=True,
                                samesite="strict", path="/")
        return _secure(response)

    @app.exception_handler(Locked)
    async def locked(request: Request, exc: Locked) -> Response:
        if request.method == "GET" and not request.url.path.startswith(NOT_PAGES):
            return RedirectResponse("/unlock", status_code=303)
        return PlainTextResponse("Locked. Unlock first.", status_code=401)

    @app.exception_handler(Busy)
    async def busy(request: Request, exc: Busy) -> Response:
        return render(request, "busy.html", status=503)

    @app.exception_handler(CsrfFailed)
    async def csrf_failed(request: Request, exc: CsrfFailed) -> Response:
        return PlainTextResponse("This form has expired. Go back, reload the page and try "
                                 "again.", status_code=403)

    @app.exception_handler(FormTooLarge)
    async def too_large(request: Request, exc: FormTooLarge) -> Response:
        return PlainTextResponse("That is too large to upload here.", status_code=413)

    @app.exception_handler(BadForm)
    async def bad_form(request: Request, exc: BadForm) -> Response:
        return PlainTextResponse("The form could not be read.", status_code=400)

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    from safecase.web.views import register_all
    register_all(app)
    return app


def _secure(response: Response) -> Response:
    for k, v in SECURITY_HEADERS.items():
        response.headers[k] = v
    return response


async def _autolock_loop(st: AppState) -> None:
    """Drops the key when the app has been idle too long, even with no request coming."""
    while True:
        await asyncio.sleep(min(5, max(1, st.autolock_seconds() // 4)))
        if st.case is not None:
            await asyncio.to_thread(st.check_autolock)
