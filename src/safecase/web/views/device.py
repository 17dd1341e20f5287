"""Device check: look at a phone's saved scan for signs of stalkerware."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from safecase.web.common import render, session, state

router = APIRouter()


@router.get("/device")
def device_page(request: Request) -> Response:
    with state(request).using_case(session(request)):
        pass
    return render(request, "device.html", available=False, result=None)
