"""Overview: per person, the pattern in plain words, findings, numbers, charts, help."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from safecase.web import summaries
from safecase.web.charts import bar_chart
from safecase.web.common import render, session, state

router = APIRouter()


@router.get("/overview")
def overview(request: Request) -> Response:
    st = state(request)
    with st.using_case(session(request)) as case:
        data = summaries.overview(case, st, session(request))
        zone = case.zone
        region = case.settings["region"]
    chart = bar_chart(data["monthly"][-36:], "Events per month, all people")
    weekly = {a["person"]["id"]: bar_chart(a["weeks"][-52:], f"Contacts per week from "
                                           f"{a['person']['name']}")
              for a in data["analysis"]["persons"]}
    return render(request, "overview.html", data=data, chart=chart, weekly=weekly, zone=zone,
                  region=region)
