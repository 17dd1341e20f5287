"""pattern(): exact figures on a small case built from an SMS Backup & Restore file."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safecase.analysis.patterns import pattern
from safecase.analysis.review import review
from safecase.analysis.trend import mann_kendall
from safecase.errors import NotFound

from .helpers import (
    ALEX,
    ALEX_NEW,
    FRIEND,
    add_signal,
    event_at,
    event_id,
    identity,
    import_calls,
    import_sms,
    ms,
    new_case,
    person_of,
)

REFUSAL = "Please stop contacting me"
# 2024-01-01 is a Monday; Europe/London is UTC in January.
BEFORE = [(ALEX, ms(2024, 1, 1, 10), "hi", 1), (ALEX, ms(2024, 1, 1, 11), "hello??", 1)]
REFUSE = [(ALEX, ms(2024, 1, 2, 9), REFUSAL, 2)]
AFTER = [(ALEX, ms(2024, 1, 3, 12), "You can't ignore me", 1),
         (ALEX_NEW, ms(2024, 1, 5, 8), "New number, same me", 1),
         (ALEX_NEW, ms(2024, 1, 5, 8, 5), "Answer me", 1),
         (FRIEND, ms(2024, 1, 4, 12), "Are you ok?", 1)]
NIGHT_CALLS = [(ALEX, ms(2024, 1, 2, 23, 10 * k), 3) for k in range(5)]


@pytest.fixture()
def case(tmp_path: Path):
    c = new_case(tmp_path)
    import_sms(c, tmp_path, BEFORE + REFUSE + AFTER)
    import_calls(c, tmp_path, NIGHT_CALLS)
    add_signal(c, event_id(c, REFUSAL), "refusal")
    c.link([identity(c, ALEX), identity(c, ALEX_NEW)], name="Alex")
    yield c
    c.close()


def test_counts_peaks_bursts_night_and_refusal(case) -> None:
    alex = person_of(case, ALEX)
    [p] = pattern(case, alex)
    assert p["person"]["name"] == "Alex"
    ev = p["events"]
    assert (ev["count"], ev["incoming"]["count"], ev["outgoing"]["count"]) == (11, 10, 1)
    assert ev["reply_ratio"] == 0.1
    assert ev["by_kind"]["message"]["count"] == 6 and ev["by_kind"]["call"]["count"] == 5
    assert p["first_contact"]["local"] == "2024-01-01 10:00"
    assert p["last_contact"]["local"] == "2024-01-05 08:05"
    assert p["days_spanned"] == 5 and p["active_days"] == 4
    assert (p["peak_day"]["when"], p["peak_day"]["count"]) == ("2024-01-02", 5)
    assert (p["peak_hour"]["when"], p["peak_hour"]["count"]) == ("2024-01-02 23:00", 5)
    calls = sorted(event_at(case, t) for _, t, _ in NIGHT_CALLS)
    assert sorted(p["peak_day"]["event_ids"]) == calls
    bursts = p["bursts"]
    assert bursts["count"] == 1 and bursts["largest"]["count"] == 5
    assert bursts["largest"]["starts_at_night"] is True
    assert bursts["largest"]["minutes"] == 40
    assert sorted(bursts["largest"]["event_ids"]) == calls
    assert p["night"]["count"] == 5 and p["night"]["share"] == 0.5
    r = p["refusals"]
    assert r["count"] == 1 and r["confirmed"] == 0 and r["suggested_not_reviewed"] == 1
    [item] = r["refusals"]
    assert item["event_id"] == event_id(case, REFUSAL) and item["status"] == "suggested"
    after = item["contacts_after"]
    assert after["count"] == 8
    assert after["by_kind"] == {"call": 5, "message": 3}
    assert after["first"]["local"] == "2024-01-02 23:00"
    assert after["days"] == 4
    assert r["contacts_after_first_refusal"]["count"] == 8
    assert p["channels"]["multi_channel"] is True
    assert set(p["channels"]["channels"]) == {"sms", "phone"}


def test_new_identity_after_refusal(case) -> None:
    [p] = pattern(case, person_of(case, ALEX))
    ni = p["new_identities"]
    assert ni["count"] == 1
    [new] = ni["identities"]
    assert new["identity"] == identity(case, ALEX_NEW)
    assert new["follows"]["what"] == "refusal"
    assert new["follows"]["event_id"] == event_id(case, REFUSAL)
    assert new["first_contact"]["event_id"] == event_id(case, "New number, same me")
    assert new["count"] == 2


def test_dismissed_refusal_is_not_a_refusal_and_confirmed_says_so(case) -> None:
    rid = event_id(case, REFUSAL)
    review(case, rid, "refusal", "confirm")
    [p] = pattern(case, person_of(case, ALEX))
    assert p["refusals"]["refusals"][0]["status"] == "confirmed"
    assert p["signals"]["refusal"]["confirmed"] == 1
    review(case, rid, "refusal", "dismiss", note="that was about something else")
    [p] = pattern(case, person_of(case, ALEX))
    assert p["refusals"]["count"] == 0
    assert p["refusals"]["contacts_after_first_refusal"]["count"] == 0
    assert p["new_identities"]["count"] == 0


def test_every_person_most_contacts_first(case) -> None:
    people = pattern(case)
    assert [p["person"]["name"] for p in people][0] == "Alex"
    friend = [p for p in people if p["person"]["id"] == person_of(case, FRIEND)]
    assert friend and friend[0]["events"]["incoming"]["count"] == 1
    with pytest.raises(NotFound):
        pattern(case, 9999)


def test_escalation_weekly_series_and_trend(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    msgs = []
    for week in range(6):  # 1, 2, 3, 4, 5, 6 messages in six consecutive weeks
        for k in range(week + 1):
            msgs.append((ALEX, ms(2024, 1, 1, 12, k) + week * 7 * 86_400_000, f"w{week} m{k}", 1))
    import_sms(case, tmp_path, msgs)
    add_signal(case, event_id(case, "w5 m0"), "threat")
    [p] = pattern(case)
    esc = p["escalation"]
    assert [w["contacts"] for w in esc["weeks"]] == [1, 2, 3, 4, 5, 6]
    assert [w["week"] for w in esc["weeks"]][:2] == ["2024-01-01", "2024-01-08"]
    assert [w["severe"] for w in esc["weeks"]] == [0, 0, 0, 0, 0, 1]
    assert esc["frequency"]["trend"] == "increasing"
    assert esc["frequency"]["s"] == 15 and esc["frequency"]["sen_slope"] == 1.0
    assert "increasing" in esc["frequency"]["plain"]
    assert p["signals"]["threat"]["weekly"] == {"2024-02-05": 1}
    case.close()


def test_mann_kendall_known_values() -> None:
    flat = mann_kendall([3, 3, 3, 3, 3])
    assert flat["s"] == 0 and flat["trend"] == "no clear trend"
    down = mann_kendall(np.arange(10, 0, -1))
    assert down["s"] == -45 and down["trend"] == "decreasing" and down["p"] < 0.001
    assert mann_kendall([1, 2, 3])["trend"] == "too few weeks"


def test_local_time_zone_moves_night_and_days(tmp_path: Path) -> None:
    # 03:30 UTC is 22:30 the day before in New York (EST, UTC-5): night, previous day.
    case = new_case(tmp_path, tz="America/New_York")
    import_sms(case, tmp_path, [(ALEX, ms(2024, 1, 10, 3, 30), "late", 1),
                                (ALEX, ms(2024, 1, 10, 15, 0), "day", 1)])
    [p] = pattern(case)
    assert p["first_contact"]["local"] == "2024-01-09 22:30"
    assert p["night"]["count"] == 1 and p["days_spanned"] == 2
    case.close()


def test_empty_case_outgoing_only_and_undated_events(tmp_path: Path) -> None:
    case = new_case(tmp_path)
    assert pattern(case) == []
    import_sms(case, tmp_path, [(ALEX, ms(2024, 1, 1, 9), "are you free?", 2)])
    [p] = pattern(case)
    assert p["events"]["outgoing"]["count"] == 1 and p["events"]["reply_ratio"] is None
    assert p["first_contact"] is None and p["peak_day"] is None and p["days_spanned"] == 0
    assert p["bursts"]["count"] == 0 and p["night"]["share"] is None
    assert p["escalation"]["frequency"]["trend"] == "too few weeks"
    # An event whose time the source did not give: counted, left out of timing figures.
    with case.transaction():
        case.db.execute("UPDATE events SET ts_ms = NULL WHERE text = 'are you free?'")
    import_sms(case, tmp_path, [(ALEX, ms(2024, 1, 2, 9), "yes", 1)], name="sms-2.xml")
    [p] = pattern(case)
    assert p["events"]["without_time"]["count"] == 1
    assert p["events"]["count"] == 2 and p["first_contact"]["local"] == "2024-01-02 09:00"
    case.close()


def test_case_owner_is_left_out_and_cannot_be_chosen(case) -> None:
    from safecase.errors import UserError

    friend = person_of(case, FRIEND)
    with case.transaction():  # no command marks the owner yet; the column is in the schema
        case.db.execute("UPDATE persons SET is_self = 1 WHERE id = ?", (friend,))
    assert friend not in [p["person"]["id"] for p in pattern(case)]
    with pytest.raises(UserError, match="case owner"):
        pattern(case, friend)


def test_packed_read_matches_plain_columns(case) -> None:
    """The two-integer packing in frame._fetch gives the same columns as plain SQL."""
    from safecase.analysis import frame
    from safecase.model import CALL_STATUSES
    from safecase.store.incidents import add_incident

    add_incident(case, kind="visit", at="2024-01-04 10:00", who=ALEX, text="outside")
    add_incident(case, kind="third_party", at="2024-01-04 11:00", text="rang my mum")
    with case.transaction():
        case.db.execute("UPDATE events SET ts_ms = NULL WHERE text = 'hi'")
        frame.ensure_index(case)
    packed = frame._fetch(case, None)
    plain = np.array(case.db.execute(frame._PLAIN_SQL).fetchall(), dtype=np.int64)
    key = np.argsort(packed[:, 0])
    assert np.array_equal(packed[key], plain[np.argsort(plain[:, 0])])
    assert (packed[:, 1] == frame.NO_TIME).sum() == 1
    assert set(packed[:, 5].tolist()) == {-1, CALL_STATUSES.index("missed")}
    one = frame._fetch(case, [identity(case, ALEX)])
    assert len(one) == int(case.db.execute("SELECT count(*) FROM events WHERE party_id = ?",
                                           (identity(case, ALEX),)).fetchone()[0])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=40), min_size=4, max_size=60))
def test_mann_kendall_reversal_flips_the_trend(counts: list[int]) -> None:
    fwd, back = mann_kendall(counts), mann_kendall(counts[::-1])
    assert fwd["s"] == -back["s"] and fwd["p"] == back["p"]
    assert 0 <= fwd["p"] <= 1
    flips = {"increasing": "decreasing", "decreasing": "increasing",
             "no clear trend": "no clear trend"}
    assert back["trend"] == flips[fwd["trend"]]
