"""Page routers, one module per page; ``register_all`` adds them to the app."""

from __future__ import annotations

from fastapi import FastAPI


def register_all(app: FastAPI) -> None:
    from safecase.web.views import (
        auth,
        device,
        events,
        importing,
        incident,
        overview,
        people,
        report,
        review,
        screenshots,
        settings,
    )

    for mod in (auth, overview, events, review, screenshots, incident, importing, people,
                report, settings, device):
        app.include_router(mod.router)
