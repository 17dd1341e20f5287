"""WhatsApp "Export chat": header variants, direction, multi-line, media, zip, fuzzing."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from helpers_a import (
    FIXTURES,
    attachment_bytes,
    ctx,
    load_module,
    mutate,
    only_safecase_errors,
    parse,
    sha,
    utc,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecase.errors import BadInput
from safecase.importers.registry import detect
from safecase.importers.whatsapp import WhatsAppImporter
from safecase.model import TIME_ASSUMED

D = FIXTURES / "whatsapp"
fx = load_module(D / "make_fixtures.py")
ME = ["Sam Carter"]

# (header line, expected UTC with tz=UTC). Dates are unambiguous (14 March) so each line
# alone decides the order; 12 h and 24 h, seconds or not, every separator style.
HEADERS = [
    ("3/14/24, 9:05 PM - Alex: hi", "2024-03-14T21:05:00"),                  # US Android
    ("3/14/24, 9:05\u202fPM - Alex: hi", "2024-03-14T21:05:00"),             # US, U+202F
    ("3/14/24, 9:05 AM - Alex: hi", "2024-03-14T09:05:00"),
    ("3/14/24, 12:05 AM - Alex: hi", "2024-03-14T00:05:00"),                 # midnight hour
    ("3/14/2024, 12:05 PM - Alex: hi", "2024-03-14T12:05:00"),               # noon hour
    ("14/03/2024, 21:05 - Alex: hi", "2024-03-14T21:05:00"),                 # UK
    ("14/03/24, 21:05 - Alex: hi", "2024-03-14T21:05:00"),                   # UK, 2-digit year
    ("14/03/2024, 9:05 pm - Alex: hi", "2024-03-14T21:05:00"),               # UK/IN 12 h
    ("14/03/2024, 9:05 p.m. - Alex: hi", "2024-03-14T21:05:00"),             # AU/CA
    ("14.03.24, 21:05 - Alex: hi", "2024-03-14T21:05:00"),                   # German
    ("14.03.2024, 21:05 - Alex: hi", "2024-03-14T21:05:00"),
    ("14/03/2024 à 21:05 - Alex: hi", "2024-03-14T21:05:00"),                # French
    ("14/3/24, 9:05 p.\u00a0m. - Alex: hi", "2024-03-14T21:05:00"),          # Spanish 12 h
    ("14/3/24, 9:05 a. m. - Alex: hi", "2024-03-14T09:05:00"),
    ("14/3/24 21:05 - Alex: hi", "2024-03-14T21:05:00"),                     # Spanish 24 h
    ("14-03-2024 21:05 - Alex: hi", "2024-03-14T21:05:00"),                  # Dutch
    ("14/03/24, 21:05 - Alex: hi", "2024-03-14T21:05:00"),                   # Italian
    ("14/03/2024 21:05 - Alex: hi", "2024-03-14T21:05:00"),                  # Portuguese
    ("2024-03-14, 21:05 - Alex: hi", "2024-03-14T21:05:00"),                 # ISO
    ("14.03.24, 21.05 - Alex: hi", "2024-03-14T21:05:00"),                   # dotted time
    ("[14.03.24, 21:05:33] Alex: hi", "2024-03-14T21:05:33"),                # iOS German
    ("[3/14/24, 9:05:33 PM] Alex: hi", "2024-03-14T21:05:33"),               # iOS US
    ("[3/14/24, 9:05:33\u202fPM] Alex: hi", "2024-03-14T21:05:33"),          # iOS US new
    ("[14/03/2024, 21:05:33] Alex: hi", "2024-03-14T21:05:33"),              # iOS UK
    ("[14/3/24, 9:05:33 p. m.] Alex: hi", "2024-03-14T21:05:33"),            # iOS Spanish
    ("[2024-03-14, 21:05:33] Alex: hi", "2024-03-14T21:05:33"),              # iOS ISO
    ("[14-03-2024 21:05:33] Alex: hi", "2024-03-14T21:05:33"),               # iOS Dutch
    ("[14.03.24 21:05:33] Alex: hi", "2024-03-14T21:05:33"),
    ("\u200e[14/03/2024, 21:05:33] Alex: hi", "2024-03-14T21:05:33"),        # leading LRM
]


def write(tmp_path: Path, text: str, name: str = "chat.txt", newline: str = "\n") -> Path:
    p = tmp_path / name
    p.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return p


@pytest.mark.parametrize("line,expected", HEADERS)
def test_header_variants(tmp_path: Path, line: str, expected: str) -> None:
    path = write(tmp_path, line + "\n")
    assert detect(path).name == "whatsapp"
    (ev,), _ = parse(WhatsAppImporter, path, ctx(tz="UTC"))
    assert utc(ev.ts_ms) == expected
    assert ev.text == "hi" and ev.sender == "Alex"
    assert ev.time_certainty == TIME_ASSUMED
    assert line.lstrip("\u200e[").startswith(ev.raw_time)   # raw time kept exactly


def test_android_us_fixture() -> None:
    events, c = parse(WhatsAppImporter, D / "WhatsApp Chat with Alex Morgan.txt", ctx(ME))
    got = [(utc(e.ts_ms), e.kind, e.direction, e.sender, e.text) for e in events]
    assert got == [
        ("2024-03-09T21:00:00", "message", "incoming", "Alex Morgan", "Hey 👋 are you up?"),
        ("2024-03-10T09:15:00", "message", "outgoing", "Sam Carter",
         "Please stop contacting me."),
        ("2024-03-10T09:16:00", "message", "incoming", "Alex Morgan",
         "You don't get to decide that.\nI'll be outside *your* work at 5.\n\n"
         "Don't be late ~ or else"),
        ("2024-03-10T12:30:00", "message", "incoming", "Alex Morgan", "<Media omitted>"),
        ("2024-03-13T23:59:00", "message", "incoming", "Alex Morgan",
         "This message was deleted"),
        ("2024-03-14T00:05:00", "call", "incoming", "Alex Morgan", None),
    ]
    assert events[1].recipients == ["Alex Morgan"]         # from the file name
    assert events[3].extra["media"] == "omitted"
    assert events[3].extra["missing_attachments"][0]["note"].startswith("not included")
    assert events[4].extra["deleted"] is True
    assert events[5].call_status == "missed" and events[5].duration_s == 0
    assert events[0].locator == "line 2" and events[2].locator == "line 4"
    assert any("1 WhatsApp system line" in n for n in c.notes)


def test_ios_german_crlf_keeps_exact_newlines_and_dst() -> None:
    events, _ = parse(WhatsAppImporter, D / "ios_de_chat.txt", ctx(ME))
    assert [e.text for e in events[:3]] == ["Hallo Sam 😊", "Bitte kontaktiere mich nicht mehr.",
                                            "Warum?\r\nIch warte."]
    assert events[1].direction == "outgoing" and events[1].recipients == ["Alex Morgan"]
    assert events[3].text == "\u200eBild weggelassen" and events[3].extra["media"] == "omitted"
    # 31 March 2024 03:30 London is after the clocks went forward: BST, UTC+1.
    assert utc(events[4].ts_ms) == "2024-03-31T02:30:00"
    assert events[4].kind == "call" and events[4].extra["raw_text"] == "\u200eVerpasster Sprachanruf"


def test_ios_zip_with_media_kept_as_attachment() -> None:
    path = D / "WhatsApp Chat - Alex Morgan.zip"
    assert detect(path).name == "whatsapp"
    events, c = parse(WhatsAppImporter, path, ctx(ME))
    photo, text, deleted = events
    assert utc(photo.ts_ms) == "2024-03-11T23:40:05"            # read as month/day
    assert [sha(b) for b in attachment_bytes(photo)] == [sha(fx.PHOTO)]
    assert photo.attachments[0].name == "00000012-PHOTO-2024-03-11-23-40-05.jpg"
    assert text.text == "Nice curtains 😉 & <b>lights</b>"
    assert deleted.direction == "outgoing" and deleted.extra["deleted"] is True
    assert any("month/day" in n for n in c.notes)


def test_android_attached_file_next_to_the_txt(tmp_path: Path) -> None:
    (tmp_path / "IMG-20240314-WA0001.jpg").write_bytes(b"jpeg bytes")
    path = write(tmp_path, "14/03/2024, 21:05 - Alex: IMG-20240314-WA0001.jpg (file attached)\n"
                           "look\n14/03/2024, 21:06 - Alex: DOC-1.pdf (file attached)\n")
    first, second = parse(WhatsAppImporter, path)[0]
    assert first.text == "IMG-20240314-WA0001.jpg (file attached)\nlook"
    assert attachment_bytes(first) == [b"jpeg bytes"]
    assert second.attachments[0].open is None and "not in the export" in (
        second.attachments[0].note or "")


def test_without_me_direction_is_unknown_and_summary_asks() -> None:
    events, c = parse(WhatsAppImporter, D / "android_fr.txt")
    assert {e.direction for e in events} == {"unknown"}
    assert any("--me" in n for n in c.notes)


def test_date_order_inferred_from_the_whole_file() -> None:
    events, c = parse(WhatsAppImporter, D / "ambiguous.txt", ctx(tz="UTC"))
    assert [utc(e.ts_ms)[:10] for e in events] == [
        "2024-02-01", "2024-02-03", "2024-02-05", "2024-02-06", "2024-02-07", "2024-03-02"]
    assert any("day/month" in n for n in c.notes)


def test_later_line_decides_the_order(tmp_path: Path) -> None:
    path = write(tmp_path, "3/4/24, 10:00 - A: x\n3/20/24, 10:00 - A: y\n")
    events, _ = parse(WhatsAppImporter, path, ctx(tz="UTC"))
    assert [utc(e.ts_ms)[:10] for e in events] == ["2024-03-04", "2024-03-20"]


def test_forced_date_order(tmp_path: Path) -> None:
    path = write(tmp_path, "3/4/24, 10:00 - A: x\n")
    (ev,), _ = parse(WhatsAppImporter, path, ctx(tz="UTC", date_order="dmy"))
    assert utc(ev.ts_ms)[:10] == "2024-04-03"


def test_system_lines_are_not_events(tmp_path: Path) -> None:
    path = write(tmp_path,
                 "14/03/2024, 21:00 - Alex created group \"Friends\"\n"
                 "14/03/2024, 21:01 - Alex added Sam\n"
                 "14/03/2024, 21:02 - Alex changed the subject from \"a\" to \"b: c\"\n"
                 "14/03/2024, 21:04 - Alex: real message: with colon\n")
    events, c = parse(WhatsAppImporter, path)
    assert [e.text for e in events] == ["real message: with colon"]
    assert any("3 WhatsApp system line" in n for n in c.notes)


def test_ios_system_lines_are_not_events(tmp_path: Path) -> None:
    path = write(tmp_path,
                 "[14/03/2024, 21:03:00] Friends: \u200eAlex added Jo\n"
                 "[14/03/2024, 21:03:10] Friends: \u200eAlex changed the group description\n"
                 "[14/03/2024, 21:04:00] Alex: \u200eimage omitted\n")
    events, c = parse(WhatsAppImporter, path)
    assert [e.text for e in events] == ["\u200eimage omitted"]
    assert any("2 WhatsApp system line" in n for n in c.notes)


def test_phone_number_senders_are_phones(tmp_path: Path) -> None:
    events, _ = parse(WhatsAppImporter, D / "android_iso.txt")
    assert events[0].sender == "+44 7700 900789" and events[0].id_kind == "phone"


def test_bom_and_lines_before_the_first_message(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    path.write_bytes("\ufeff14/03/2024, 21:05 - Alex: hi\n".encode())
    (ev,), _ = parse(WhatsAppImporter, path)
    assert ev.text == "hi"


def test_lines_before_the_first_message_are_counted(tmp_path: Path) -> None:
    path = write(tmp_path, "exported by a tool\n\nsecond note\n14/03/2024, 21:05 - Alex: hi\n")
    (ev,), c = parse(WhatsAppImporter, path)
    assert ev.text == "hi" and ev.locator == "line 4"
    assert any("2 line(s) before the first message" in n for n in c.notes)


@pytest.mark.parametrize("name", ["WhatsApp Chat with Alex Morgan.txt", "ios_de_chat.txt",
                                  "ambiguous.txt"])
@pytest.mark.parametrize("size", [1, 7, 64])
def test_block_boundaries_change_nothing(monkeypatch: pytest.MonkeyPatch, name: str,
                                         size: int) -> None:
    import safecase.importers.util as util
    whole, _ = parse(WhatsAppImporter, D / name, ctx(ME))
    monkeypatch.setattr(util.iter_line_blocks, "__defaults__", (util.MAX_LINE_BYTES, size))
    pieces, _ = parse(WhatsAppImporter, D / name, ctx(ME))
    key = [(e.ts_ms, e.text, e.locator, e.raw_time, e.kind, e.direction) for e in whole]
    assert [(e.ts_ms, e.text, e.locator, e.raw_time, e.kind, e.direction)
            for e in pieces] == key


def test_invalid_date_is_a_clear_error(tmp_path: Path) -> None:
    path = write(tmp_path, "31/02/2024, 21:05 - Alex: hi\n")
    with pytest.raises(BadInput, match=r"line 1: '31/02/2024' is not a valid date"):
        parse(WhatsAppImporter, path)


def test_not_whatsapp(tmp_path: Path) -> None:
    path = write(tmp_path, "just some notes\nnothing here\n")
    with pytest.raises(BadInput, match="no WhatsApp message lines"):
        parse(WhatsAppImporter, path)


def test_zip_without_chat(tmp_path: Path) -> None:
    z = tmp_path / "WhatsApp Chat - X.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("a.jpg", b"x")
    with pytest.raises(BadInput, match="exactly one WhatsApp chat"):
        parse(WhatsAppImporter, z)


def test_huge_line_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import safecase.importers.util as util
    monkeypatch.setattr(util, "MAX_LINE_BYTES", 1000)
    monkeypatch.setattr(util.iter_line_blocks, "__defaults__", (1000, 256))
    path = write(tmp_path, "14/03/2024, 21:05 - Alex: " + "x" * 5000 + "\n")
    with pytest.raises(BadInput, match="a line is longer than"):
        parse(WhatsAppImporter, path)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), n=st.integers(1, 30),
       name=st.sampled_from(["WhatsApp Chat with Alex Morgan.txt", "ios_de_chat.txt",
                             "android_es.txt", "ambiguous.txt"]))
def test_fuzz_mutated_chats(tmp_path: Path, seed: int, n: int, name: str) -> None:
    path = tmp_path / f"f{seed}.txt"
    path.write_bytes(mutate((D / name).read_bytes(), seed, n))
    only_safecase_errors(lambda: parse(WhatsAppImporter, path, ctx(ME)))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), n=st.integers(1, 20))
def test_fuzz_mutated_zip(tmp_path: Path, seed: int, n: int) -> None:
    path = tmp_path / f"f{seed}.zip"
    path.write_bytes(mutate((D / "WhatsApp Chat - Alex Morgan.zip").read_bytes(), seed, n))
    only_safecase_errors(lambda: [attachment_bytes(e) for e in
                                  parse(WhatsAppImporter, path, ctx(ME))[0]])


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789/.,-: []APMapm\u202f\u200e\nàx")),
               max_size=120))
def test_fuzz_header_like_text(text: str) -> None:
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "chat.txt"
        path.write_text("14/03/2024, 21:05 - A: x\n" + text, encoding="utf-8")
        only_safecase_errors(lambda: parse(WhatsAppImporter, path))


# ---------------------------------------------------------------- inferred recipients

GROUP = ("14/03/2024, 21:00 - Alex created group \"Friends\"\n"
         "14/03/2024, 21:01 - Alex: hi all\n"
         "14/03/2024, 21:02 - Jo: hey\n"
         "14/03/2024, 21:03 - Sam: please stop\n"
         "14/03/2024, 21:04 - +44 7700 900123: who is this\n"
         "14/03/2024, 21:05 - Alex: Missed voice call\n")


def test_group_recipients_are_the_other_senders(tmp_path: Path) -> None:
    path = write(tmp_path, GROUP, name="WhatsApp Chat with Friends.txt")
    events, c = parse(WhatsAppImporter, path, ctx(["Sam"]))
    got = [(e.sender, e.direction, e.recipients) for e in events]
    assert got == [
        ("Alex", "incoming", ["Jo", "+44 7700 900123", "Sam"]),
        ("Jo", "incoming", ["Alex", "+44 7700 900123", "Sam"]),
        ("Sam", "outgoing", ["Alex", "Jo", "+44 7700 900123"]),
        ("+44 7700 900123", "incoming", ["Alex", "Jo", "Sam"]),
        ("Alex", "incoming", ["Jo", "+44 7700 900123", "Sam"]),
    ]
    assert all(e.extra["recipients_inferred"] is True for e in events)
    assert events[4].kind == "call"
    # a group message has no single other party (not the group's name from the file name)
    assert events[2].party is None
    assert any("group chat (4 senders)" in n and "inferred" in n for n in c.notes)


def test_group_without_me_and_a_person_who_never_wrote(tmp_path: Path) -> None:
    path = write(tmp_path, GROUP)
    events, _ = parse(WhatsAppImporter, path)
    assert events[0].recipients == ["Jo", "Sam", "+44 7700 900123"]
    events, _ = parse(WhatsAppImporter, path, ctx(["Kim"]))   # --me names a silent member
    assert events[0].recipients == ["Jo", "Sam", "+44 7700 900123", "Kim"]
    assert {e.direction for e in events} == {"incoming"}


def test_one_to_one_recipient_is_the_other_sender(tmp_path: Path) -> None:
    path = write(tmp_path, "14/03/2024, 21:00 - Sam: stop\n14/03/2024, 21:01 - Alex: no\n"
                           "14/03/2024, 21:02 - Sam: please\n")
    for me in ([], ["Sam"]):
        events, c = parse(WhatsAppImporter, path, ctx(me))
        assert [e.recipients for e in events] == [["Alex"], ["Sam"], ["Alex"]]
        assert all(e.extra == {"recipients_inferred": True} for e in events)
        assert not any("group chat" in n for n in c.notes)
    assert events[0].party == "Alex" and events[1].party == "Alex"


def test_one_to_one_with_two_names_for_the_person(tmp_path: Path) -> None:
    # The person's number and, after saving a name, their name: still one-to-one.
    path = write(tmp_path, "14/03/2024, 21:00 - +44 7700 900555: stop\n"
                           "14/03/2024, 21:01 - Alex: no\n14/03/2024, 21:02 - Sam: please\n")
    events, c = parse(WhatsAppImporter, path, ctx(["Sam", "+44 7700 900555"]))
    assert [e.recipients for e in events] == [["Alex"], ["+44 7700 900555"], ["Alex"]]
    assert not any("group chat" in n for n in c.notes)


def test_only_one_sender(tmp_path: Path) -> None:
    # Only the other person wrote: with --me the person is the recipient; without, unknown.
    path = write(tmp_path, "14/03/2024, 21:00 - Alex: answer me\n",
                 name="WhatsApp Chat with Alex.txt")
    (ev,), _ = parse(WhatsAppImporter, path, ctx(["Sam"]))
    assert ev.recipients == ["Sam"] and ev.extra["recipients_inferred"] is True
    (ev,), _ = parse(WhatsAppImporter, path)
    assert ev.recipients == [] and ev.extra == {}
    # Only the person wrote: the other person comes from the file name.
    path = write(tmp_path, "14/03/2024, 21:00 - Sam: leave me alone\n",
                 name="WhatsApp Chat with +44 7700 900123.txt")
    (ev,), _ = parse(WhatsAppImporter, path, ctx(["Sam"]))
    assert ev.recipients == ["+44 7700 900123"] and ev.party == "+44 7700 900123"
    assert ev.id_kind == "phone"    # the party's kind, not the person's name's


def test_too_many_senders_infers_nothing(tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    import safecase.importers.whatsapp as wa
    monkeypatch.setattr(wa, "_MAX_PARTICIPANTS", 3)
    events, c = parse(WhatsAppImporter, write(tmp_path, GROUP))
    assert all(e.recipients == [] and "recipients_inferred" not in e.extra for e in events)
    assert any("too many" in n for n in c.notes)


def test_self_candidates_counts_messages_most_first() -> None:
    imp = WhatsAppImporter()
    assert imp.self_candidates(D / "WhatsApp Chat with Alex Morgan.txt", ctx()) == [
        ("Alex Morgan", 5), ("Sam Carter", 1)]
    # iOS: the group-name sender of the encryption notice and system lines is not offered
    assert [n for n, _ in imp.self_candidates(D / "ios_de_chat.txt", ctx())] == [
        "Alex Morgan", "Sam Carter"]
