"""Device check: scan a saved phone acquisition for stalkerware and watching settings.

The same core calls as ``safecase device scan --from``: ``load_path`` then ``scan`` with
the cached indicator list, and ``store_scan`` to keep it in the case. The upload is held
in anonymous memory like every other upload (see ``safecase.web.uploads``).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from safecase.errors import SafecaseError
from safecase.web.common import act, flash, form_doc, posted, redirect, render, session, state
from safecase.web.state import Locked

router = APIRouter()
SEVERITY_WORDS = {"high": "Needs attention", "medium": "Worth a closer look",
                  "low": "For your information", "info": "Notes"}


@router.get("/device")
def device_page(request: Request) -> Response:
    if not state(request).unlocked_for(session(request)):
        raise Locked()
    from safecase.device.checklists import ANSWERS, CHECKLISTS
    from safecase.device.evidence import checklist_answers
    from safecase.device.scan import SAFETY

    result = session(request).data.get("device")
    with state(request).using_case(session(request)) as case:
        answers = checklist_answers(case)
    return render(request, "device.html", safety=SAFETY, result=result,
                  report=result.to_dict() if result else None, words=SEVERITY_WORDS,
                  groups=result.by_severity() if result else {},
                  checklist=CHECKLISTS["accounts"], answer_words=ANSWERS, answers=answers)


@router.post("/device", openapi_extra=form_doc(files="acquisition"))
async def device_scan(request: Request) -> Response:
    if not state(request).unlocked_for(session(request)):
        raise Locked()
    limit = request.app.state.max_upload
    form = await posted(request, allow_files=True, max_file=limit, max_total=limit + 65536)
    files = form.files_for("acquisition")
    if not files:
        form.close()
        flash(request, "Choose the saved phone check (a zip or JSON file) first.", "error")
        return redirect("/device")
    upload = files[0]

    def run() -> object:
        from safecase.device import indicators as ioc
        from safecase.device.acquisition import load_path
        from safecase.device.scan import scan

        try:
            return scan(load_path(upload.path()), ioc.resolve(None))
        finally:
            form.close()

    try:
        session(request).data["device"] = await run_in_threadpool(run)
    except SafecaseError as err:
        flash(request, err.message.replace(str(upload._link or ""), upload.name), "error")
    return redirect("/device")


@router.post("/device/keep", openapi_extra=form_doc())
async def device_keep(request: Request) -> Response:
    await posted(request)
    st = state(request)
    result = session(request).data.get("device")
    if result is None:
        return redirect("/device")

    def keep() -> None:
        from safecase.device.evidence import store_scan

        with st.using_case(session(request)) as case:
            store_scan(case, result)
    return await act(request, keep, ok="The check and its raw outputs are kept in your case.",
                     back="/device")


@router.post("/device/checklist", openapi_extra=form_doc("step", "answer", "note"))
async def device_checklist(request: Request) -> Response:
    """One answer of the accounts checklist, recorded in the case's custody ledger."""
    form = await posted(request)
    st = state(request)
    step, answer, note = form.get("step") or "", form.get("answer") or "", form.get("note") or ""

    def record() -> None:
        from safecase.device.checklists import ANSWERS, CHECKLISTS
        from safecase.device.evidence import record_answer
        from safecase.errors import UserError

        if step not in {s.id for s in CHECKLISTS["accounts"].steps}:
            raise UserError("That step is not on the checklist.")
        if answer not in ANSWERS:
            raise UserError("Choose one of the answers first.")
        with st.using_case(session(request)) as case:
            record_answer(case, "accounts", step, answer, note[:2000])
    return await act(request, record, ok="Your answer is kept in your case.", back="/device")
