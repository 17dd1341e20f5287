"""Email importers: .eml and .mbox (formats 8, and Gmail's mbox from format 7)."""

from __future__ import annotations

import io

import pytest
from helpers_b import FIXTURES, assert_detects, iso, parse_all_or_safecase_error, run, sha256
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecase.errors import BadInput
from safecase.importers.emailmsg import iter_mbox
from safecase.importers.eml import EmlImporter
from safecase.importers.mbox import MboxImporter

D = FIXTURES / "email"
SAM = "sam.carter@example.org"


def test_multipart_message_text_headers_and_attachments() -> None:
    (ev,), exhibits, _ = run(EmlImporter, D / "threat.eml", me=[SAM])
    assert not exhibits
    assert ev.kind == "email" and ev.channel == "email" and ev.id_kind == "email"
    assert ev.direction == "incoming"
    assert ev.sender == "alex.morgan@example.com" and ev.sender_name == "Alex Morgan"
    assert ev.recipients == [SAM, "hr@carterco.example"]
    assert ev.subject == "I know where you are 👀"
    assert iso(ev) == "2024-03-12T23:47:09Z" and ev.time_certainty == "exact"
    assert ev.raw_time == "Tue, 12 Mar 2024 23:47:09 +0000"
    # exact text: quoted-printable decoded, CRLF kept, markup characters untouched
    assert ev.text == ('You said "stop contacting me" <3 days ago>.\r\n'
                       "I don't accept that. 👀\r\nLook at the photo & think again.\r\n")
    assert ev.extra["body_source"] == "text/plain"
    # the raw message is the first attachment, byte for byte
    raw = (D / "threat.eml").read_bytes()
    eml, png = ev.attachments
    assert (eml.name, eml.mime) == ("message.eml", "message/rfc822")
    assert sha256(eml.data) == sha256(raw)
    assert (png.name, png.mime) == ("outside.png", "image/png")
    assert sha256(png.data) == sha256((D / "pixel.png").read_bytes())
    # evidence headers: raw, in order, the whole Received chain, folding kept
    names = [n for n, _v in ev.extra["headers"]]
    assert names == ["Return-Path", "Received", "Received", "DKIM-Signature",
                     "Authentication-Results", "From", "To", "Cc", "Subject", "Date",
                     "Message-ID"]
    headers = dict((n, v) for n, v in ev.extra["headers"] if n != "Received")
    assert headers["Subject"] == "=?UTF-8?Q?I_know_where_you_are_=F0=9F=91=80?="
    assert headers["DKIM-Signature"].startswith("v=1; a=rsa-sha256; d=example.com; s=sel1;\r\n\th=from")
    received = [v for n, v in ev.extra["headers"] if n == "Received"]
    assert received[1].endswith("by mail.example.com with ESMTPSA; Tue, 12 Mar 2024 23:47:09 +0000")
    assert ev.extra["message_id"] == "<CAF-alex-0312@mail.example.com>"


def test_latin1_body_and_naive_date_is_assumed_in_case_zone() -> None:
    (ev,), _, _ = run(EmlImporter, D / "stop-latin1.eml", me=["Sam Carter <sam.carter@example.org>"])
    assert ev.direction == "outgoing"          # From matches --me, case-insensitively
    assert ev.text == "Stop contacting me. Ich möchte keinen Kontakt.\n"
    assert ev.subject == "Bitte hör auf"
    # "10 Mar 2024 18:30:00" has no zone: read in Europe/London (GMT in March)
    assert iso(ev) == "2024-03-10T18:30:00Z" and ev.time_certainty == "assumed"


def test_html_only_body_becomes_text_and_is_marked() -> None:
    (ev,), _, _ = run(EmlImporter, D / "to-employer-html.eml", me=[SAM])
    assert ev.text == "Dear HR,\nSam Carter is unstable.\nYou should know."
    assert ev.extra["body_source"] == "text/html" and ev.extra["derived"] == "html-to-text"
    assert ev.recipients == ["hr@carterco.example"]
    assert iso(ev) == "2024-03-15T08:12:00Z"


def test_gmail_mbox_split_labels_escapes_and_envelope_time() -> None:
    events, _, c = run(MboxImporter, D / "gmail.mbox")
    assert len(events) == 3
    first, sent, nodate = events
    assert first.text == ("Why won't you answer me?\nFrom now on I'll wait outside.\n\n"
                          "From here on, every day.\n")
    assert first.extra["labels"] == ["Inbox", "Important", "Opened", "Belästigung"]
    assert first.direction == "incoming"
    # no --me: Gmail's Sent label decides, and the summary says so
    assert sent.direction == "outgoing" and sent.extra["labels"] == ["Sent"]
    assert any("--me" in n for n in c.notes)
    assert nodate.ts_ms is not None and iso(nodate) == "2024-03-12T22:00:00Z"
    assert nodate.time_certainty == "assumed" and nodate.raw_time == "Tue Mar 12 22:00:00 +0000 2024"
    assert [e.locator for e in events] == ["message 1 (byte 0)", "message 2 (byte 611)",
                                           "message 3 (byte 1026)"]
    # each message's bytes are the message alone (no envelope line, no separator)
    assert events[1].attachments[0].data.startswith(b"X-GM-THRID: 1793310000000000001\nX-Gmail-Labels: Sent\n")
    assert events[1].attachments[0].data.endswith(b"I told you: stop contacting me.\n")


def test_detection() -> None:
    assert_detects(D / "threat.eml", "eml")
    assert_detects(D / "stop-latin1.eml", "eml")
    assert_detects(D / "to-employer-html.eml", "eml")
    assert_detects(D / "gmail.mbox", "mbox")


def test_mbox_refuses_a_file_that_is_not_one(tmp_path) -> None:
    p = tmp_path / "x.mbox"
    p.write_bytes(b"hello\nFrom: x\n")
    with pytest.raises(BadInput, match="does not start with a 'From ' line"):
        list(MboxImporter().parse(p, __import__("helpers_b").ctx()))


def test_mbox_refuses_huge_lines(monkeypatch) -> None:
    import safecase.importers.emailmsg as em

    monkeypatch.setattr(em, "MAX_LINE_BYTES", 1000)
    monkeypatch.setattr(em, "_CHUNK", 256)
    data = b"From a Mon Mar 11 08:10:00 2024\nFrom: a@b\n\n" + b"x" * 5000 + b"\n"
    with pytest.raises(BadInput, match="line longer than"):
        list(iter_mbox(io.BytesIO(data), "big.mbox"))


@pytest.mark.parametrize("chunk", [1, 3, 7, 64, 4096])
def test_mbox_split_does_not_depend_on_read_size(monkeypatch, chunk: int) -> None:
    import safecase.importers.emailmsg as em

    data = (D / "gmail.mbox").read_bytes()
    want = list(iter_mbox(io.BytesIO(data), "x"))
    monkeypatch.setattr(em, "_CHUNK", chunk)
    assert list(iter_mbox(io.BytesIO(data), "x")) == want


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fuzz_eml(data) -> None:
    src = (D / "threat.eml").read_bytes()
    cut = data.draw(st.integers(0, len(src)))
    noise = data.draw(st.binary(max_size=40))
    at = data.draw(st.integers(0, cut))
    parse_all_or_safecase_error(EmlImporter, src[:at] + noise + src[at:cut], ".eml")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fuzz_mbox(data) -> None:
    src = (D / "gmail.mbox").read_bytes()
    cut = data.draw(st.integers(0, len(src)))
    noise = data.draw(st.binary(max_size=40))
    at = data.draw(st.integers(0, cut))
    parse_all_or_safecase_error(MboxImporter, src[:at] + noise + src[at:cut], ".mbox")
