"""assess(): course of conduct, FOUR, behaviours, risk themes, help and plain sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safecase.analysis.assessment import assess
from safecase.store.incidents import add_incident

from .helpers import (
    ALEX,
    FRIEND,
    add_signal,
    cli,
    event_id,
    import_calls,
    import_sms,
    new_case,
    person_of,
)
from .test_patterns import AFTER, BEFORE, NIGHT_CALLS, REFUSAL, REFUSE


@pytest.fixture()
def case(tmp_path: Path):
    c = new_case(tmp_path)
    import_sms(c, tmp_path, BEFORE + REFUSE + AFTER)
    import_calls(c, tmp_path, NIGHT_CALLS)
    add_signal(c, event_id(c, REFUSAL), "refusal")
    c.rename_person(person_of(c, ALEX), "Alex")
    yield c
    c.close()


def _alex(case):
    [a] = assess(case, person_of(case, ALEX))
    return a


def test_four_course_of_conduct_and_sentence(case) -> None:
    a = _alex(case)
    # Alex's own number: 2 before, 1 text and 5 calls after the refusal (the new number is
    # not linked in this case).
    assert a["course_of_conduct"]["met"] is True
    assert a["course_of_conduct"]["count"] == 8
    assert a["course_of_conduct"]["acts_by_kind"] == {"message": 3, "call": 5}
    four = a["four"]
    assert four["unwanted"]["met"] is True and four["unwanted"]["count"] == 6
    assert four["obsessive"]["met"] is True and four["obsessive"]["count"] == 5
    assert four["repeated"]["met"] is True
    assert four["fixated"]["met"] is False  # one week, no fixation signal
    assert a["summary"][0] == ("Alex has contacted you 8 times over 3 days, 6 of them after "
                               "you asked them to stop.")
    assert a["summary"][1] == "From them: 5 calls, 3 messages."
    assert "The most in one day was 5, on 2024-01-02." in a["summary"]
    assert "not a validated risk assessment" in a["not_a_risk_score"]
    assert list(a["help_now"]) == ["GB", "US", "other"]
    assert any("0808 802 0300" in line for line in a["help_now"]["GB"])
    assert any("1-855-484-2846" in line for line in a["help_now"]["US"])


def test_fixation_signal_meets_fixated(case) -> None:
    eid = event_id(case, "You can't ignore me")
    add_signal(case, eid, "fixation")
    four = _alex(case)["four"]
    assert four["fixated"]["met"] is True and four["fixated"]["event_ids"] == [eid]


def test_one_message_is_not_a_course_of_conduct(case) -> None:
    [f] = assess(case, person_of(case, FRIEND))
    assert f["course_of_conduct"]["met"] is False
    assert f["four"]["repeated"]["met"] is False
    assert f["four"]["unwanted"]["met"] is False
    assert "No message asking them to stop" in f["summary"][0]


def test_incidents_and_signals_fill_behaviours_and_risk_questions(case) -> None:
    visit = add_incident(case, kind="visit", at="2024-01-04 10:00", who=ALEX,
                         text="Waiting outside my flat", felt="Scared to go out")
    damage = add_incident(case, kind="property", at="2024-01-04 11:00", who=ALEX,
                          text="Car tyre slashed")
    threat = event_id(case, "You can't ignore me")
    add_signal(case, threat, "threat")
    a = _alex(case)
    beh = {b["behaviour"]: b for b in a["behaviours"]}
    assert beh["loitering"]["shown"] and beh["loitering"]["event_ids"] == [visit]
    assert beh["property"]["event_ids"] == [damage]
    assert beh["threats"]["event_ids"] == [threat]
    assert beh["threats"]["signal_review"] == {"confirmed": 0, "suggested": 1}
    assert not beh["following"]["shown"] and not beh["publishing"]["shown"]
    risk = {r["theme"]: r for r in a["risk_factors"]}
    assert risk["fear"]["answered_by_evidence"] and risk["fear"]["event_ids"] == [visit]
    assert risk["visits"]["event_ids"] == [visit]
    assert risk["property_damage"]["event_ids"] == [damage]
    assert risk["threats"]["event_ids"] == [threat]
    for theme in ("violence", "substance_mental_health", "weapons", "others_recruited"):
        assert risk[theme]["for_you_to_answer"] and risk[theme]["count"] == 0
    assert a["summary"][0].startswith("Alex has contacted you 10 times")


def test_assess_cli_json_and_text(case, tmp_path: Path) -> None:
    root = str(case.root)
    case.close()
    out = json.loads(cli("assess", root, "--json").stdout)
    assert [a["person"]["name"] for a in out][0] == "Alex" and len(out) == 3
    assert out[0]["four"]["unwanted"]["met"] is True
    text = cli("assess", root).stdout
    assert "999" in text and "0808 802 0300" in text and "not a validated risk" in text
    assert "Alex has contacted you 8 times" in text
    bad = cli("assess", root, "--person", "999", check=False)
    assert bad.returncode == 2 and "no person 999" in bad.stderr


def test_empty_case(tmp_path: Path) -> None:
    case = new_case(tmp_path / "empty")
    root = str(case.root)
    assert assess(case) == []
    case.close()
    text = cli("assess", root).stdout
    assert "No events from anyone yet." in text and "0808 802 0300" in text
    assert "Nothing to review" in cli("review", root).stdout
    assert json.loads(cli("people", root, "--suggest", "--json").stdout)["suggestions"] == []
