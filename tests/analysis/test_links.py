"""suggest_links(): reasons for identities that may be one person; never links by itself."""

from __future__ import annotations

import json
from pathlib import Path

from safecase.analysis.links import suggest_links

from .helpers import (
    ALEX,
    ALEX_NEW,
    FRIEND,
    add_signal,
    cli,
    event_id,
    identity,
    import_calls,
    import_sms,
    ms,
    new_case,
)

OLD_TEXTS = ["Why are you ignoring me?? 😢 answer me Sam", "I know you got home at 11 last night",
             "You don't get to tell me to stop 🙂", "I'm outside your building right now",
             "Answer me or I'll come round tonight"]
NEW_TEXTS = ["New number, same me 🙂", "Answer me or I'll come round tonight",
             "I know you got home at 11 last night", "why are you ignoring me?? 😢"]


def _day(d: int, h: int = 12) -> int:
    return ms(2024, 3, d, h)


def build(case, tmp: Path) -> None:
    msgs = [(ALEX, _day(1 + k), t, 1) for k, t in enumerate(OLD_TEXTS)]
    msgs.append((ALEX, _day(6, 20), "Please stop contacting me", 2))
    msgs += [(ALEX, _day(8), OLD_TEXTS[4], 1)]
    msgs += [(ALEX_NEW, _day(10 + k), t, 1) for k, t in enumerate(NEW_TEXTS)]
    # A friend who first writes after the refusal: timing alone is not enough.
    msgs += [(FRIEND, _day(9), "Hey, are you ok? Saw the car again", 1),
             (FRIEND, _day(12), "Call me when you can x", 1)]
    import_sms(case, tmp, msgs)
    add_signal(case, event_id(case, "Please stop contacting me"), "refusal")


def test_new_number_after_refusal_is_suggested_with_reasons(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    build(case, tmp_path)
    persons_before = case.db.execute("SELECT id, person_id FROM identities").fetchall()
    found = suggest_links(case)
    assert len(found) == 1
    [s] = found
    assert s["identities"] == [identity(case, ALEX), identity(case, ALEX_NEW)]
    # The new number wrote under 150 characters: too little to compare writing style.
    assert set(s["reason_kinds"]) == {"after_refusal_or_block", "handover", "says_so",
                                      "shared_phrases", "emoji"}
    assert any("4 days after you asked" in r for r in s["reasons"])
    assert any("New number" in r for r in s["reasons"])
    assert all(isinstance(r, str) and r for r in s["reasons"])
    # Suggest only: nothing was linked.
    assert case.db.execute("SELECT id, person_id FROM identities").fetchall() == persons_before
    case.close()


def test_timing_alone_is_not_enough(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    import_sms(case, tmp_path, [(ALEX, _day(1), "see you at 8", 1),
                                (ALEX, _day(2), "Please stop contacting me", 2),
                                (FRIEND, _day(3), "Lunch on friday?", 1)])
    add_signal(case, event_id(case, "Please stop contacting me"), "refusal")
    # The friend writes a day after the refusal, as Alex goes quiet: timing, no content.
    assert suggest_links(case) == []
    case.close()


def test_signature_after_block(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    a, b = "+447700900111", "+447700900222"
    import_calls(case, tmp_path, [(a, _day(1, 9), 6), (a, _day(1, 10), 6)])
    import_sms(case, tmp_path, [
        (a, _day(1, 8), "Meet me later\n- J", 1), (a, _day(1, 8) + 60_000, "Please\n- J", 1),
        (b, _day(20), "It has been a while\n- J", 1), (b, _day(21), "Hello?\n- J", 1)])
    [s] = suggest_links(case)
    assert s["identities"] == [identity(case, a), identity(case, b)]
    assert "signature" in s["reason_kinds"] and "after_refusal_or_block" in s["reason_kinds"]
    assert any("blocked a call from" in r for r in s["reasons"])
    assert any("“- J”" in r for r in s["reasons"])
    case.close()


def test_people_suggest_cli(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    build(case, tmp_path)
    root = str(case.root)
    pair = [identity(case, ALEX), identity(case, ALEX_NEW)]
    case.close()
    out = json.loads(cli("people", root, "--suggest", "--json").stdout)
    assert [s["identities"] for s in out["suggestions"]] == [pair]
    text = cli("people", root, "--suggest").stdout
    assert f"Maybe the same person: identities {pair}" in text


def test_writing_style_and_shared_phrases_without_timing(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    long_a = ["u think ur so clever dont u... well ur not. ur nothing without me lol",
              "i seen u at the shops today... u looked tired. u shud sleep more lol",
              "dont u dare ignore me again... i no where u work lol"]
    long_b = ["u think ur so clever... well ur not lol. i no where u go",
              "i seen u with ur mates today... u looked happy. dont u dare ignore me lol",
              "ur nothing without me... u shud sleep more lol"]
    import_sms(case, tmp_path, [(ALEX, _day(1 + k), t, 1) for k, t in enumerate(long_a)]
               + [(ALEX_NEW, _day(1 + k, 18), t, 1) for k, t in enumerate(long_b)])
    [s] = suggest_links(case)
    assert {"writing_style", "shared_phrases"} <= set(s["reason_kinds"])
    assert "after_refusal_or_block" not in s["reason_kinds"]
    case.close()
