"""SMS Backup & Restore: exact texts, times, directions, MMS parts, calls, and quirks."""

import base64
import hashlib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers_sms import call, calls, sms, smses
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecase.errors import SafecaseError
from safecase.importers.base import ImportContext
from safecase.importers.registry import detect
from safecase.importers.sms_backup_restore import SmsBackupRestore
from safecase.model import ParsedEvent


def parse(path: Path) -> tuple[list[ParsedEvent], ImportContext]:
    ctx = ImportContext(tz=ZoneInfo("UTC"))
    return [e for e in SmsBackupRestore().parse(path, ctx) if isinstance(e, ParsedEvent)], ctx


def write(tmp_path: Path, text: str, name: str = "sms-1.xml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_exact_text_with_emoji_newlines_and_markup(tmp_path: Path) -> None:
    body = "I know where you are 😡\nline two  with  spaces &amp; <tags> \"quoted\""
    path = write(tmp_path, smses(sms("+447700900456", 1710100800123, body, 1, "Alex")))
    (ev,), _ = parse(path)
    assert ev.text == body
    assert ev.ts_ms == 1710100800123
    assert ev.direction == "incoming" and ev.sender == "+447700900456"
    assert ev.sender_name == "Alex" and ev.channel == "sms" and ev.kind == "message"


def test_sent_message_is_outgoing_to_the_address(tmp_path: Path) -> None:
    path = write(tmp_path, smses(sms("07700900456", 1, "Please stop contacting me", 2)))
    (ev,), _ = parse(path)
    assert ev.direction == "outgoing" and ev.recipients == ["07700900456"] and ev.sender is None


def test_drafts_queued_failed_are_not_messages(tmp_path: Path) -> None:
    path = write(tmp_path, smses(*(sms("+1555", i, f"t{i}", i) for i in range(1, 7))))
    events, ctx = parse(path)
    assert [e.text for e in events] == ["t1", "t2"]
    assert any("4 drafts" in n for n in ctx.notes)


def test_literal_null_means_absent(tmp_path: Path) -> None:
    path = write(tmp_path, smses(sms("+1555", 5, "x", 1, "null")))
    (ev,), _ = parse(path)
    assert ev.sender_name is None and ev.subject is None


def test_surrogate_pair_character_references_are_repaired(tmp_path: Path) -> None:
    raw = '"Hi &#55357;&#56838; and &#xD83D;&#xDE00; ok"'
    path = write(tmp_path, smses(sms("+1555", 5, "", 1, raw_body=raw)))
    (ev,), ctx = parse(path)
    assert ev.text == "Hi 😆 and 😀 ok"
    assert any("repaired 2" in n for n in ctx.notes)


@pytest.mark.parametrize("shift", range(150, 200))
def test_surrogate_pair_split_across_read_boundary(tmp_path: Path, shift: int) -> None:
    # Slide the pair across lxml's read boundaries so every split point is exercised.
    filler = "a" * (65536 - shift)
    raw = f'"{filler}&#55357;&#56838;"'
    path = write(tmp_path, smses(sms("+1555", 5, "", 1, raw_body=raw)))
    (ev,), _ = parse(path)
    assert ev.text == filler + "😆"


def test_mms_with_parts_and_addresses(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"fake image bytes"
    mms = (f'<mms date="1710100800000" msg_box="1" address="+447700900456~+447700900123" '
           f'm_type="132" contact_name="Alex" sub="null"><parts>'
           f'<part seq="-1" ct="application/smil" name="null" text="&lt;smil/&gt;" />'
           f'<part seq="0" ct="image/png" name="null" cl="outside.png" '
           f'data="{base64.b64encode(png).decode()}" />'
           f'<part seq="1" ct="text/plain" name="null" text="Look who\'s outside" />'
           f'</parts><addrs><addr address="+447700900456" type="137" charset="106" />'
           f'<addr address="+447700900123" type="151" charset="106" />'
           f'<addr address="+447700900999" type="151" charset="106" /></addrs></mms>')
    path = write(tmp_path, smses(mms))
    (ev,), _ = parse(path)
    assert ev.channel == "mms" and ev.direction == "incoming"
    assert ev.sender == "+447700900456"
    assert ev.recipients == ["+447700900123", "+447700900999"]
    assert ev.text == "Look who's outside"
    (att,) = ev.attachments
    assert att.name == "outside.png" and att.mime == "image/png" and att.data == png
    assert hashlib.sha256(att.data).hexdigest() == hashlib.sha256(png).hexdigest()


@pytest.mark.parametrize(("kind", "direction", "status"), [
    (1, "incoming", "answered"), (2, "outgoing", "answered"), (3, "incoming", "missed"),
    (4, "incoming", "voicemail"), (5, "incoming", "rejected"), (6, "incoming", "blocked"),
])
def test_call_types(tmp_path: Path, kind: int, direction: str, status: str) -> None:
    path = write(tmp_path, calls(call("+447700900456", 1710100800000, kind, 42)),
                 "calls-1.xml")
    (ev,), _ = parse(path)
    assert (ev.kind, ev.direction, ev.call_status, ev.duration_s) == ("call", direction,
                                                                      status, 42)
    assert ev.text is None


def test_detection(tmp_path: Path) -> None:
    assert detect(write(tmp_path, smses(sms("+1", 1, "x")))) is SmsBackupRestore
    assert detect(write(tmp_path, calls(call("+1", 1, 1)), "calls.xml")) is SmsBackupRestore


@pytest.mark.parametrize("text, problem", [
    ("<?xml version='1.0'?><smses><sms address='1' date='1' type='1' body='x'/>",
     "broken or truncated"),
    ("<?xml version='1.0'?><!DOCTYPE smses [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;'>]>"
     "<smses><sms address='1' date='1' type='1' body='&b;'/></smses>", "DTD"),
    ("<?xml version='1.0'?><smses><sms address='1' date='soon' type='1' body='x'/></smses>",
     "not a number"),
])
def test_bad_files_get_one_clear_line(tmp_path: Path, text: str, problem: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(SafecaseError, match=problem) as exc:
        parse(path)
    assert str(path) in str(exc.value) and "\n" not in str(exc.value)


def test_invalid_utf8_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "sms-bad.xml"
    path.write_bytes(smses(sms("+1", 1, "ok")).encode().replace(b"ok", b"o\xff\xfek"))
    with pytest.raises(SafecaseError, match="broken"):
        parse(path)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_fuzz_mutated_and_truncated_backups(tmp_path: Path, data: st.DataObject) -> None:
    base = smses(sms("+447700900456", 1710100800000, "Hello 😀\nthere", 1, "Alex"),
                 call("+447700900456", 1710100900000, 3)).encode()
    cut = data.draw(st.integers(0, len(base)))
    blob = bytearray(base[:cut])
    for _ in range(data.draw(st.integers(0, 4))):
        if blob:
            i = data.draw(st.integers(0, len(blob) - 1))
            blob[i] = data.draw(st.integers(0, 255))
    path = tmp_path / "sms-fuzz.xml"
    path.write_bytes(bytes(blob))
    try:
        parse(path)
    except SafecaseError as err:
        assert "\n" not in str(err)
