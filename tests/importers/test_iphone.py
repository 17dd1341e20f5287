"""iPhone Messages (sms.db), call history and backup folders."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from helpers_a import (
    FIXTURES,
    ROOT,
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

from safecase.errors import BadInput, UserError
from safecase.importers._typedstream import TypedStreamError, attributed_string_text
from safecase.importers.iphone import (
    IphoneBackupImporter,
    IphoneCallsImporter,
    IphoneMessagesImporter,
    apple_time_ms,
)
from safecase.importers.registry import detect

D = FIXTURES / "iphone"
ALEX = "+447700900456"
iphone_db = load_module(ROOT / "samples" / "lib" / "iphone_db.py")
fixtures = load_module(D / "make_fixtures.py")


def test_sms_db_messages_exact() -> None:
    events, c = parse(IphoneMessagesImporter, D / "sms.db")
    by_guid = {e.extra["guid"]: e for e in events}
    assert list(by_guid) == ["MSG-0001", "MSG-0002", "MSG-0003", "MSG-0005", "MSG-0006",
                             "MSG-0007"]
    first = by_guid["MSG-0001"]
    assert first.text == "Hey 👋\nare you up?"
    assert utc(first.ts_ms) == "2024-03-09T21:00:00"
    assert (first.direction, first.sender, first.channel, first.id_kind) == (
        "incoming", ALEX, "imessage", "phone")
    stop = by_guid["MSG-0002"]
    assert stop.direction == "outgoing" and stop.sender is None and stop.recipients == [ALEX]
    assert stop.ts_ms == 1710062100250  # nanosecond dates keep their milliseconds
    assert stop.raw_time == str(iphone_db.apple_ns(1710062100.25))


def test_text_only_in_attributed_body_is_decoded() -> None:
    events, _ = parse(IphoneMessagesImporter, D / "sms.db")
    ev = next(e for e in events if e.extra["guid"] == "MSG-0003")
    assert ev.text == 'Why are you ignoring me?? <b>answer</b> & "now" 😡'
    assert ev.extra["text_from"] == "attributedBody"


def test_tapback_is_a_reaction_not_a_message() -> None:
    events, c = parse(IphoneMessagesImporter, D / "sms.db")
    assert not any(e.text and e.text.startswith("Liked") for e in events)
    target = next(e for e in events if e.extra["guid"] == "MSG-0002")
    assert target.extra["reactions"] == [{"reaction": "liked", "removed": False, "by": ALEX,
                                          "ts_ms": 1710062220000}]
    assert any("tapback" in n for n in c.notes)
    assert any("1 group event" in n for n in c.notes)


def test_email_handles_groups_and_sms_with_attachment() -> None:
    events, _ = parse(IphoneMessagesImporter, D / "sms.db")
    mail = next(e for e in events if e.extra["guid"] == "MSG-0006")
    assert mail.sender == "alex.morgan@example.com" and mail.id_kind == "email"
    group = next(e for e in events if e.extra["guid"] == "MSG-0007")
    assert group.recipients == ["+447700900111"] and group.extra["chat_name"] == "Saturday plans"
    mms = next(e for e in events if e.extra["guid"] == "MSG-0005")
    assert mms.channel == "mms" and mms.text == "\ufffcI can see your window"
    # The database alone has no attachment files: named, with a note, no bytes.
    (att,) = mms.attachments
    assert att.name == "IMG_0001.jpeg" and att.open is None and "not included" in (att.note or "")
    assert mms.extra["missing_attachments"][0]["name"] == "IMG_0001.jpeg"


def test_old_database_seconds_and_no_attributed_body() -> None:
    events, _ = parse(IphoneMessagesImporter, D / "sms_old.db")
    assert [(utc(e.ts_ms), e.direction, e.text, e.channel) for e in events] == [
        ("2014-06-01T10:00:00", "incoming", "Old times: remember me?", "sms"),
        ("2014-06-01T10:05:00", "outgoing", "Who is this", "sms"),
    ]


def test_call_history() -> None:
    events, _ = parse(IphoneCallsImporter, D / "CallHistory.storedata")
    got = [(utc(e.ts_ms), e.direction, e.party, e.duration_s, e.call_status, e.channel)
           for e in events]
    assert got == [
        ("2024-03-10T22:01:00", "incoming", ALEX, 0, "missed", "phone"),
        ("2024-03-10T22:05:30", "incoming", ALEX, 125, "answered", "phone"),
        ("2024-03-11T08:00:00", "outgoing", "+447700900789", 0, "unanswered", "phone"),
        ("2024-03-11T23:59:59", "incoming", "alex.morgan@example.com", 60, "answered", "other"),
        ("2024-03-12T01:00:00", "incoming", ALEX, 12, "answered", "whatsapp"),
    ]
    assert events[3].extra["service"] == "FaceTime audio" and events[3].id_kind == "email"
    assert all(e.kind == "call" and e.text is None for e in events)


def test_backup_folder_reads_both_and_keeps_the_attachment() -> None:
    imp = IphoneBackupImporter()
    sources = imp.source_files(D / "backup")
    assert {p.name for p in sources} >= {"Manifest.db", "Manifest.plist",
                                         "3d0d7e5fb2ce288813306e4d4636395e047a3d28",
                                         "5a4935c78a5255723f707230a451d79c540d2741"}
    events, _ = parse(IphoneBackupImporter, D / "backup")
    assert sum(e.kind == "message" for e in events) == 6
    assert sum(e.kind == "call" for e in events) == 5
    mms = next(e for e in events if e.extra.get("guid") == "MSG-0005")
    assert [sha(b) for b in attachment_bytes(mms)] == [sha(fixtures.JPEG)]
    assert mms.source_member == "3d/3d0d7e5fb2ce288813306e4d4636395e047a3d28"


def test_encrypted_backup_says_how_to_make_an_unencrypted_one() -> None:
    with pytest.raises(UserError, match="encrypted.*untick 'Encrypt local backup'"):
        list(IphoneBackupImporter().parse(D / "backup_encrypted", ctx()))


def test_detection() -> None:
    assert detect(D / "sms.db").name == "iphone-messages"
    assert detect(D / "sms_old.db").name == "iphone-messages"
    assert detect(D / "CallHistory.storedata").name == "iphone-calls"
    assert detect(D / "backup").name == "iphone-backup"
    assert detect(D / "backup_encrypted").name == "iphone-backup"


def test_database_is_opened_read_only(tmp_path: Path) -> None:
    db = tmp_path / "sms.db"
    shutil.copy(D / "sms.db", db)
    before = db.read_bytes()
    parse(IphoneMessagesImporter, db)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sms.db"]  # no -wal/-shm/-journal


def test_wal_next_to_database_is_reported(tmp_path: Path) -> None:
    db = tmp_path / "chat.db"
    shutil.copy(D / "sms.db", db)
    (tmp_path / "chat.db-wal").write_bytes(b"\x00" * 32)
    _, c = parse(IphoneMessagesImporter, db)
    assert any("chat.db-wal" in n for n in c.notes)


def test_apple_time_units() -> None:
    assert apple_time_ms(0) is None
    assert apple_time_ms(731_710_800) == 1_710_018_000_000                 # seconds
    assert apple_time_ms(731_710_800_000_000_000) == 1_710_018_000_000     # nanoseconds


def test_undecodable_attributed_body_is_kept_not_fatal(tmp_path: Path) -> None:
    db = tmp_path / "sms.db"
    shutil.copy(D / "sms.db", db)
    con = sqlite3.connect(db)
    con.execute("UPDATE message SET attributedBody = ? WHERE guid = 'MSG-0003'",
                (b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01@\x84",))
    con.commit()
    con.close()
    events, _ = parse(IphoneMessagesImporter, db)
    ev = next(e for e in events if e.extra["guid"] == "MSG-0003")
    assert ev.text is None
    (att,) = ev.attachments
    assert att.data and att.data.startswith(b"\x04\x0bstreamtyped") and "could not" in att.note


# ---------------------------------------------------------------- typedstream


@pytest.mark.parametrize("text", ["hi", "", "Hey 👋\nare you up?", "x" * 300, "€" * 40_000,
                                  "<b>&amp;</b> \"quotes\" \u200e\ufffc"])
def test_typedstream_round_trip(text: str) -> None:
    assert attributed_string_text(iphone_db.attributed_body(text)) == text


def test_typedstream_hand_assembled_blob() -> None:
    # Written out byte by byte from the format (see _typedstream's docstring), separately
    # from the fixture writer: NSMutableAttributedString whose superclass chain is
    # NSAttributedString > NSObject, holding an NSMutableString > NSString > NSObject.
    blob = bytes.fromhex(
        "04 0b 73747265616d7479706564 81e803"       # header
        "84 01 40"                                   # S0 "@"
        "84"                                         # O0 new object
        "84 84 19" + b"NSMutableAttributedString".hex() + "00"   # O1 class, S1
        "84 84 12" + b"NSAttributedString".hex() + "00"          # O2 superclass, S2
        "84 84 08" + b"NSObject".hex() + "00 85"                 # O3, S3, nil
        "92"                                         # type S0 "@"
        "84 84 84 0f" + b"NSMutableString".hex() + "01"          # O4 object, O5 class, S4
        "84 84 08" + b"NSString".hex() + "01"                    # O6, S5
        "95"                                         # superclass O3 NSObject
        "84 01 2b 81 0401" + ("41" * 260) +          # S6 "+", length 260 (int16)
        "86"                                         # end O4
        "84 02 69 49 01 81 0401"                     # "iI" run: 1, 260
        "86"                                         # end O0
    )
    assert attributed_string_text(blob) == "A" * 260


@pytest.mark.parametrize("blob", [b"", b"\x04", b"\x04\x0bstreamtypex\x81\xe8\x03",
                                  b"\x04\x0bstreamtyped\x81\xe8\x03\x84\x01i\x05",
                                  b"\x04\x0bstreamtyped\x81\xe8\x03\x92"])
def test_typedstream_rejects_broken(blob: bytes) -> None:
    with pytest.raises(TypedStreamError):
        attributed_string_text(blob)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.text(max_size=30))
def test_typedstream_fuzz(noise: bytes, text: str) -> None:
    blob = iphone_db.attributed_body(text)
    for data in (noise, blob[:len(noise) % (len(blob) + 1)], mutate(blob, len(noise), 3)):
        try:
            attributed_string_text(data)
        except TypedStreamError as err:
            assert "byte" in str(err) or str(err)


# ---------------------------------------------------------------- fuzzing the databases


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                    HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), n=st.integers(1, 40),
       which=st.sampled_from(["sms.db", "CallHistory.storedata", "sms_old.db"]))
def test_fuzz_mutated_databases(tmp_path: Path, seed: int, n: int, which: str) -> None:
    data = (D / which).read_bytes()
    path = tmp_path / f"{seed}-{which}"
    path.write_bytes(mutate(data, seed, n))
    imp = IphoneCallsImporter if which.startswith("Call") else IphoneMessagesImporter
    only_safecase_errors(lambda: parse(imp, path))


def test_not_a_database() -> None:
    with pytest.raises(BadInput, match="not an SQLite database"):
        parse(IphoneMessagesImporter, D / "make_fixtures.py")
