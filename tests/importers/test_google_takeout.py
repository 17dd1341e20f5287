"""Google Takeout (format 7): Gmail mbox and Google Voice pages, folder or zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

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

from safecase.importers.google_takeout import GoogleTakeout

D = FIXTURES / "takeout"
CALLS = D / "Takeout" / "Voice" / "Calls"


def by_page(events):
    return {e.extra.get("page", "").rsplit("/", 1)[-1].split(" - ")[1] if "page" in e.extra else "mail": e
            for e in events if e.kind == "call"}


def check(events, c) -> None:
    mails = [e for e in events if e.kind == "email"]
    assert len(mails) == 3 and mails[0].source_member == "Takeout/Mail/All mail Including Spam and Trash.mbox"
    assert mails[1].direction == "outgoing"  # labelled Sent
    calls = by_page(events)
    missed, vm, received, placed = calls["Missed"], calls["Voicemail"], calls["Received"], calls["Placed"]
    assert (missed.channel, missed.direction, missed.call_status) == ("voice", "incoming", "missed")
    assert missed.sender == "+447700900456" and missed.sender_name == "Alex Morgan"
    assert iso(missed) == "2024-03-11T05:57:30Z" and missed.raw_time == "2024-03-11T05:57:30.000+00:00"
    assert missed.extra["display_time"] == "Mar 11, 2024, 5:57:30\u202fAM\nGreenwich Mean Time"
    assert vm.call_status == "voicemail" and vm.duration_s == 41 and vm.text is None
    assert vm.extra["transcript"] == "Pick up Sam. I'm not going anywhere."
    assert vm.extra["transcript_derived"] == "google-voice-transcription"
    (mp3,) = vm.attachments
    assert attachment_bytes(mp3) == b"ID3fake-mp3-bytes"
    assert received.call_status == "answered" and received.duration_s == 147
    assert placed.direction == "outgoing" and placed.call_status == "unanswered"
    assert placed.recipients == ["+447700900456"]
    texts = [e for e in events if e.kind == "message"]
    look, stop = texts
    assert look.text == "Look what I found <3\nYour front door & your car."
    assert look.direction == "incoming" and look.recipients == ["+447700900123"]
    assert look.ts_ms == 1710284700250
    (img,) = look.attachments
    assert img.name.endswith("-2-1.png")
    assert sha256(attachment_bytes(img)) == sha256((FIXTURES / "email" / "pixel.png").read_bytes())
    assert stop.text == "Stop contacting me. 🛑" and stop.direction == "outgoing"
    assert stop.recipients == ["+447700900456"] and stop.sender is None
    assert any("--me" in n for n in c.notes)


def test_takeout_folder() -> None:
    events, _, c = run(GoogleTakeout, D)
    check(events, c)
    files = GoogleTakeout().source_files(D)
    assert len(files) == 6 and all(f.suffix in (".mbox", ".html") for f in files)


def test_takeout_zip_and_calls_folder(tmp_path: Path) -> None:
    z = tmp_path / "takeout-20240401T000000Z-001.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(D.rglob("*")):
            if f.is_file():
                zf.write(f, f.relative_to(D).as_posix())
    events, _, c = run(GoogleTakeout, z)
    check(events, c)
    assert_detects(z, "google-takeout")
    # the Voice/Calls folder on its own
    events, _, _ = run(GoogleTakeout, CALLS)
    assert {e.kind for e in events} == {"call", "message"} and len(events) == 6


def test_detection() -> None:
    assert_detects(D, "google-takeout")
    assert_detects(CALLS, "google-takeout")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), page=st.sampled_from(sorted(p.name for p in CALLS.glob("*.html"))))
def test_fuzz_voice_pages(data, page: str) -> None:
    src = (CALLS / page).read_bytes()
    cut = data.draw(st.integers(0, len(src)))
    noise = data.draw(st.binary(max_size=30))
    at = data.draw(st.integers(0, cut))

    def make(tmp: Path, blob: bytes) -> Path:
        calls = tmp / "Takeout" / "Voice" / "Calls"
        calls.mkdir(parents=True)
        (calls / page).write_bytes(blob)
        return tmp

    parse_all_or_safecase_error(GoogleTakeout, src[:at] + noise + src[at:cut], "", make=make)
