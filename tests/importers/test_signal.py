"""Signal (format 9): signalbackup-tools XML and signal-export (Signal Desktop) folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_b import (
    FIXTURES,
    assert_detects,
    attachment_bytes,
    iso,
    parse_all_or_safecase_error,
    run,
    sha256,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecase.errors import BadInput
from safecase.importers.signal_backup_tools import SignalBackupTools
from safecase.importers.signal_desktop import EXPORTER_NOTE, SignalDesktopExport

D = FIXTURES / "signal"
PIXEL = sha256((FIXTURES / "email" / "pixel.png").read_bytes())


def test_signalbackup_tools_xml_is_repaired_and_read() -> None:
    events, _, c = run(SignalBackupTools, D / "signalbackup-tools.xml")
    assert [e.channel for e in events] == ["signal", "signal", "signal"]
    why, stop, new_number = events
    assert why.direction == "incoming" and why.sender == "+447700900456"
    assert why.text == "Why are you ignoring me?\nAnswer & I'll stop. 😠"
    assert iso(why) == "2024-03-10T21:00:00Z" and why.raw_time == "1710104400000"
    assert stop.direction == "outgoing" and stop.recipients == ["+447700900456"]
    assert stop.text == "Stop contacting me."
    # MMS: the duplicate cl attribute was repaired; the emoji surrogate pair too
    assert new_number.sender == "+447700900789"
    assert new_number.text == "New number. You can't block me forever 👀"
    (png,) = new_number.attachments
    assert png.name == "outside.png" and png.mime == "image/png" and sha256(png.data) == PIXEL
    assert any("draft" in n for n in c.notes)          # the draft was not imported
    assert any("surrogate" in n for n in c.notes)


def test_signalbackup_tools_detection_beats_plain_sms_backup() -> None:
    assert_detects(D / "signalbackup-tools.xml", "signal-backup-tools")


def test_signal_desktop_export() -> None:
    events, _, c = run(SignalDesktopExport, D / "sigexport", tz="Europe/London")
    assert any(EXPORTER_NOTE in n for n in c.notes)
    alex = [e for e in events if e.extra["chat"] == "AlexMorgan"]
    friends = [e for e in events if e.extra["chat"] == "Friends"]
    assert len(alex) == 8 and len(friends) == 3
    can, stop, missed, answered, door, voice, deleted, reported = alex
    assert can.text == "Can we talk? Just once.\nPlease 🙏"    # the two added spaces removed
    assert can.direction == "incoming" and can.sender == "Alex Morgan" and can.id_kind == "name"
    assert iso(can) == "2024-03-10T20:55:00Z" and can.time_certainty == "assumed"
    assert stop.direction == "outgoing" and stop.recipients == ["Alex Morgan"]
    assert missed.kind == "call" and missed.call_status == "missed" and missed.text is None
    assert missed.extra["exporter_text"] == "Missed voice call"
    assert answered.kind == "call" and answered.call_status == "answered"
    assert answered.duration_s == 123 and answered.direction == "incoming"
    assert door.text == "Nice door. *New* paint?" and door.extra["reactions"] == [["Me", "😨"]]
    (png,) = door.attachments
    assert sha256(attachment_bytes(png)) == PIXEL
    (m4a,) = voice.attachments
    assert m4a.open is None and "not in the export (media/2024-03-12T23-11-00.000_00_voice note.m4a)" == m4a.note
    assert voice.text == ""
    assert deleted.text is None and deleted.extra["deleted"] is True
    assert reported.extra["quote"] == "\n\n> Nice door. *New* paint?\n\n"
    assert reported.locator == "AlexMorgan/data.json line 8"
    jo, priya, me = friends
    assert jo.extra["group"] is True and me.recipients == ["Jo", "Priya"]


def test_signal_desktop_single_data_json_and_zip(tmp_path: Path) -> None:
    events, _, _ = run(SignalDesktopExport, D / "sigexport" / "Friends" / "data.json")
    assert [e.text for e in events][0] == "Are you ok Sam?"
    assert_detects(D / "sigexport" / "Friends" / "data.json", "signal-desktop")
    import zipfile
    z = tmp_path / "signal.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in sorted((D / "sigexport").rglob("*")):
            if f.is_file():
                zf.write(f, f.relative_to(D / "sigexport").as_posix())
    events, _, _ = run(SignalDesktopExport, z)
    assert len(events) == 11
    assert_detects(z, "signal-desktop")


def test_signal_desktop_detection_and_markdown_only(tmp_path: Path) -> None:
    assert_detects(D / "sigexport", "signal-desktop")
    (tmp_path / "Alex").mkdir()
    (tmp_path / "Alex" / "chat.md").write_text("[2024-03-10 20:55:00] Alex: hi\n")
    (tmp_path / "style.css").write_text("")
    with pytest.raises(BadInput, match="re-run signal-export with --json"):
        run(SignalDesktopExport, tmp_path)


def test_signal_desktop_bad_line(tmp_path: Path) -> None:
    (tmp_path / "A").mkdir()
    (tmp_path / "A" / "data.json").write_text('{"date": "2024-01-01T00:00:00", "sender": "Me", "body": "x"}\n[1, 2]\n')
    (tmp_path / "A" / "chat.md").write_text("")
    with pytest.raises(BadInput, match="line 2 is not a signal-export message"):
        run(SignalDesktopExport, tmp_path)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fuzz_signalbackup_tools(data) -> None:
    src = (D / "signalbackup-tools.xml").read_bytes()
    cut = data.draw(st.integers(0, len(src)))
    noise = data.draw(st.binary(max_size=30))
    at = data.draw(st.integers(0, cut))
    parse_all_or_safecase_error(SignalBackupTools, src[:at] + noise + src[at:cut], ".xml")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fuzz_signal_desktop(data) -> None:
    src = (D / "sigexport" / "AlexMorgan" / "data.json").read_bytes()
    cut = data.draw(st.integers(0, len(src)))
    noise = data.draw(st.binary(max_size=30))
    at = data.draw(st.integers(0, cut))

    def make(tmp: Path, blob: bytes) -> Path:
        (tmp / "exp" / "Alex").mkdir(parents=True)
        (tmp / "exp" / "Alex" / "data.json").write_bytes(blob)
        return tmp / "exp"

    parse_all_or_safecase_error(SignalDesktopExport, src[:at] + noise + src[at:cut], "", make=make)
