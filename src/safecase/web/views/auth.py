"""Unlock, create a case, lock, quick exit, activity pings, the safety page."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from safecase.errors import SafecaseError, WrongPassphrase
from safecase.store.case import Case
from safecase.web.common import HERE, flash, form_doc, posted, redirect, render, session, state
from safecase.web.forms import read_form

router = APIRouter()


@router.get("/", include_in_schema=False)
def home(request: Request) -> Response:
    st = state(request)
    if st.unlocked_for(session(request)):
        return redirect("/overview")
    return redirect("/unlock" if st.exists else "/create")


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    return FileResponse(HERE / "static" / "favicon.ico", media_type="image/x-icon")


@router.get("/unlock")
def unlock_page(request: Request) -> Response:
    st = state(request)
    if not st.exists:
        return redirect("/create")
    if st.unlocked_for(session(request)):
        return redirect("/overview")
    return render(request, "unlock.html")


@router.post("/unlock", openapi_extra=form_doc("passphrase"))
async def unlock(request: Request) -> Response:
    st = state(request)
    form = await posted(request)
    passphrase = form.get("passphrase")
    # Any program on this computer can reach the unlock form: after a few wrong guesses
    # each further try waits longer (on top of Argon2's own cost), up to 30 s.
    if st.failed_unlocks > 3:
        await asyncio.sleep(min(30, 2 ** (st.failed_unlocks - 3)))
    try:
        # If another browser session holds the case open, this one proves the passphrase
        # too and takes it over (``adopt`` closes the other handle).
        case = await run_in_threadpool(Case.open, st.case_dir, passphrase)
    except SafecaseError as err:
        if isinstance(err, WrongPassphrase):
            st.failed_unlocks += 1
        flash(request, err.message, "error")
        return redirect("/unlock")
    st.failed_unlocks = 0
    st.adopt(case, session(request))
    return redirect("/overview")


@router.get("/create")
def create_page(request: Request) -> Response:
    if state(request).exists:
        return redirect("/unlock")
    return render(request, "create.html")


@router.post("/create", openapi_extra=form_doc("passphrase", "passphrase2", "tz", "region"))
async def create(request: Request) -> Response:
    st = state(request)
    form = await posted(request)
    if st.exists:
        return redirect("/unlock")
    if form.get("passphrase") != form.get("passphrase2"):
        flash(request, "The two passphrases differ; type the same one twice.", "error")
        return redirect("/create")
    try:
        case = await run_in_threadpool(
            Case.create, st.case_dir, form.get("passphrase"), tz=form.get("tz") or None,
            region=form.get("region") or None)
    except SafecaseError as err:
        flash(request, err.message, "error")
        return redirect("/create")
    st.adopt(case, session(request))
    flash(request, "Your case is ready. Start by importing an export or adding an incident.",
          "ok")
    return redirect("/overview")


@router.post("/exit", include_in_schema=False)
async def quick_exit(request: Request) -> Response:
    """Quick exit: lock now. No CSRF check on purpose: locking can only ever protect, and
    it must work even from a stale page. The body is read and ignored."""
    form = await read_form(request)
    await run_in_threadpool(state(request).lock)
    via = form.get("via", "form")
    if via == "idle":
        flash(request, "Your case was locked because it was not used for a while.", "info")
    if via == "form":
        # The button without JavaScript: a plain navigation to the neutral site.
        return RedirectResponse(request.app.state.exit_url, status_code=303)
    return Response(status_code=204)


@router.post("/lock", include_in_schema=False)
async def lock(request: Request) -> Response:
    await read_form(request)
    await run_in_threadpool(state(request).lock)
    return redirect("/unlock")


@router.post("/alive", openapi_extra=form_doc())
async def alive(request: Request) -> Response:
    """The page saw the person active (typing, scrolling): keep the case open."""
    await posted(request)
    st = state(request)
    if not st.unlocked_for(session(request)):
        return Response(status_code=401)
    st.touch()
    return Response(status_code=204)


@router.get("/safety")
def safety(request: Request) -> Response:
    return render(request, "safety.html")
