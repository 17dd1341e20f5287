"""Generic CSV with a column mapping (format 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_b import FIXTURES, assert_detects, iso, parse_all_or_safecase_error, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecase.errors import BadInput, UserError
from safecase.importers.csv_mapped import CsvMapped, parse_map

D = FIXTURES / "csv"
CALL_MAP = ("timestamp=When,format=%b %d, %Y %H:%M,sender=Who,direction=Direction,"
            "outgoing=Dialled|Rang out,incoming=Missed,duration=Length,call_status=Outcome,"
            "kind=@call,channel=@phone,id_kind=@phone")


def test_parse_map_syntax() -> None:
    m = parse_map(CALL_MAP)
    assert m.columns == {"timestamp": "When", "sender": "Who", "direction": "Direction",
                         "duration": "Length", "call_status": "Outcome"}
    assert m.constants == {"kind": "call", "channel": "phone"}
    assert m.settings["format"] == "%b %d, %Y %H:%M"        # the comma survived
    assert m.settings["id_kind"] == "@phone"
    assert parse_map("text=@@handle").columns == {"text": "@handle"}
    with pytest.raises(UserError, match="unknown field 'colour'"):
        parse_map("timestamp=Date,colour=Red")
    with pytest.raises(UserError, match="is not FIELD=COLUMN"):
        parse_map("Date")


def test_messages_guessed_map_and_me() -> None:
    events, _, c = run(CsvMapped, D / "messages.csv", me=["+447700900123"], tz="Europe/London")
    assert any("no --map given; columns read as timestamp=Date" in n for n in c.notes)
    pick, stop, new = events
    assert pick.text == "Pick up.\nI know you're home 🏠"
    assert pick.direction == "incoming" and pick.sender == "+447700900456"
    assert pick.recipients == ["+447700900123"] and pick.id_kind == "phone"
    assert iso(pick) == "2024-03-10T21:05:33Z" and pick.time_certainty == "exact"
    assert stop.direction == "outgoing"
    assert new.text == 'It\'s me, Alex. New number; "same" me.'
    assert iso(new) == "2024-03-16T08:00:00Z" and new.time_certainty == "assumed"
    assert new.locator == "row 3 (line 5)"  # row 1 spans two lines
    assert {e.channel for e in events} == {"other"} and {e.kind for e in events} == {"message"}


def test_call_log_with_full_map() -> None:
    events, _, _ = run(CsvMapped, D / "call-log.csv", options={"map": CALL_MAP},
                       tz="Europe/London")
    talk, declined, missed, dialled = events
    assert (talk.kind, talk.channel, talk.direction) == ("call", "phone", "incoming")
    assert talk.duration_s == 123 and talk.call_status == "answered" and talk.text is None
    assert iso(talk) == "2024-03-10T21:10:00Z" and talk.raw_time == "Mar 10, 2024 21:10"
    assert declined.call_status == "rejected" and declined.duration_s == 0
    assert missed.call_status == "missed" and missed.duration_s is None
    assert missed.direction == "incoming"
    assert dialled.direction == "outgoing" and dialled.duration_s == 45


def test_settings_may_come_as_options_and_tz() -> None:
    opts = {"map": "timestamp=When,sender=Who,kind=@call", "format": "%b %d, %Y %H:%M",
            "tz": "America/New_York", "delimiter": "semicolon"}
    events, _, _ = run(CsvMapped, D / "call-log.csv", options=opts)
    assert iso(events[0]) == "2024-03-11T01:10:00Z"  # 21:10 EDT
    assert events[0].direction == "unknown"           # no direction column, no --me


def test_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"column 'Time' named in --map timestamp=Time is not in "
                                       r"the header \(columns: Date, From, To, Message\)"):
        run(CsvMapped, D / "messages.csv", options={"map": "timestamp=Time,text=Message"})
    with pytest.raises(BadInput, match=r"row 1 \(line 2\): cannot read the time 'Mar 10, 2024 21:10'; give format="):
        run(CsvMapped, D / "call-log.csv", options={"map": "timestamp=When"})
    odd = tmp_path / "odd.csv"
    odd.write_text("A,B\n1,2\n")
    with pytest.raises(UserError, match="say which columns hold what with --map"):
        run(CsvMapped, odd)
    with pytest.raises(BadInput, match="kind 'chat' is not one of"):
        run(CsvMapped, D / "messages.csv", options={"map": "timestamp=Date,text=Message,kind=@chat"})
    with pytest.raises(UserError, match="not a time zone"):
        run(CsvMapped, D / "messages.csv", options={"map": "timestamp=Date,tz=Mars/Base"})


def test_detection() -> None:
    assert_detects(D / "messages.csv", "csv")
    assert_detects(D / "call-log.csv", "csv")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fuzz(data) -> None:
    src = (D / "call-log.csv").read_bytes()
    cut = data.draw(st.integers(0, len(src)))
    noise = data.draw(st.binary(max_size=30))
    at = data.draw(st.integers(0, cut))
    parse_all_or_safecase_error(CsvMapped, src[:at] + noise + src[at:cut], ".csv",
                                options={"map": CALL_MAP})
