"""Settings: time zone, phone region, auto-lock time, passphrase."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from safecase.errors import UserError
from safecase.store.case import Case
from safecase.web.common import act, flash, form_doc, posted, redirect, render, session, state

router = APIRouter()


@router.get("/settings")
def settings_page(request: Request) -> Response:
    with state(request).using_case(session(request)) as case:
        settings = case.settings
    return render(request, "settings.html", s=settings)


@router.post("/settings", openapi_extra=form_doc("tz", "region", "autolock_minutes"))
async def save(request: Request) -> Response:
    form = await posted(request)
    st = state(request)
    wanted = {k: form.get(k).strip() for k in ("tz", "region", "autolock_minutes")
              if form.get(k).strip()}

    def do() -> None:
        with st.using_case(session(request)) as case:
            current = case.settings
            for key, value in wanted.items():
                if current.get(key) != value:
                    case.set_setting(key, value)
            st.read_autolock(case)
    return await act(request, do, ok="Settings saved.", back="/settings")


@router.post("/settings/passphrase", openapi_extra=form_doc("current", "new", "new2"))
async def passphrase(request: Request) -> Response:
    form = await posted(request)
    st = state(request)
    if form.get("new") != form.get("new2"):
        flash(request, "The two new passphrases differ; nothing was changed.", "error")
        return redirect("/settings")

    def do() -> None:
        with st.using_case(session(request)) as case:
            # Proves the current passphrase without a second long-lived handle.
            Case.open(st.case_dir, form.get("current")).close()
            if not form.get("new"):
                raise UserError("type a new passphrase")
            case.change_passphrase(form.get("new"))
    return await act(request, do, ok="Passphrase changed. Use the new one from now on.",
                     back="/settings")
