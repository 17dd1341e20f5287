"""Facebook Messenger and Instagram "Download your information" JSON."""

from __future__ import annotations

import json
import shutil
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
from safecase.importers.meta import MetaMessagesImporter
from safecase.importers.registry import detect
from safecase.importers.util import undo_mojibake

D = FIXTURES / "meta"
fx = load_module(D / "make_fixtures.py")
THREAD = D / "facebook" / "messages" / "inbox" / "alexmorgan_10158"


def test_files_really_are_mojibake() -> None:
    raw = (THREAD / "message_2.json").read_bytes()
    assert b"\\u00f0\\u009f\\u0091\\u008b" in raw   # 👋 as four escaped bytes
    assert raw.isascii()


def test_facebook_folder_two_parts_merged() -> None:
    path = D / "facebook"
    assert detect(path).name == "meta-messages"
    assert sorted(p.name for p in MetaMessagesImporter().source_files(path)) == [
        "message_1.json", "message_2.json"]
    events, c = parse(MetaMessagesImporter, path)
    events.sort(key=lambda e: e.ts_ms or 0)
    got = [(utc(e.ts_ms), e.kind, e.direction, e.sender, e.text, e.duration_s, e.call_status)
           for e in events]
    assert got == [
        ("2024-03-09T21:00:00", "message", "incoming", "Alex Morgan",
         "Héllo Sam 👋\n<3 \"always\" & forever", None, None),
        ("2024-03-10T09:15:00", "message", "outgoing", "Sam Carter",
         "Please stop contacting me.", None, None),
        ("2024-03-10T09:16:00", "message", "incoming", "Alex Morgan", None, None, None),
        ("2024-03-10T09:17:00", "message", "incoming", "Alex Morgan", "Alex Morgan sent a link.",
         None, None),
        ("2024-03-10T22:01:00", "call", "incoming", "Alex Morgan", None, 125, "answered"),
        ("2024-03-10T23:30:00", "call", "incoming", "Alex Morgan", None, 0, "missed"),
        ("2024-03-11T23:40:05", "message", "incoming", "Alex Morgan", None, None, None),
    ]
    assert events[1].recipients == ["Alex Morgan"]
    assert events[1].extra["reactions"] == [{"reaction": "😡", "actor": "Alex Morgan"}]
    assert events[2].extra["unsent"] is True
    assert events[3].extra["share"] == {"link": "https://example.com/where-you-live?x=1&y=2"}
    assert events[5].extra["raw_text"] == "Alex missed your call."
    assert [sha(b) for b in attachment_bytes(events[6])] == [sha(fx.PHOTO)]
    assert events[6].ts_ms == 1710200405123
    assert {e.channel for e in events} == {"facebook"}
    assert not c.notes  # owner found in profile_information


def test_instagram_zip_new_layout() -> None:
    path = D / "instagram.zip"
    assert detect(path).name == "meta-messages"
    events, c = parse(MetaMessagesImporter, path, ctx(["Sam Carter"]))
    assert [(e.channel, e.direction, e.sender, e.text) for e in events] == [
        ("instagram", "incoming", "alex.m.watching", "new account 🙂 you can't block me forever"),
        ("instagram", "incoming", "alex.m.watching", None),
    ]
    assert attachment_bytes(events[1]) == [fx.PHOTO]


def test_instagram_without_me_is_unknown_and_says_so() -> None:
    events, c = parse(MetaMessagesImporter, D / "instagram.zip")
    assert {e.direction for e in events} == {"unknown"}
    assert any("--me" in n for n in c.notes)


def test_one_thread_file_alone(tmp_path: Path) -> None:
    p = tmp_path / "message_1.json"
    shutil.copy(THREAD / "message_2.json", p)
    assert detect(p).name == "meta-messages"
    events, _ = parse(MetaMessagesImporter, p, ctx(["Sam Carter"]))
    assert len(events) == 3 and events[1].direction == "outgoing"


def test_owner_is_the_participant_in_every_thread(tmp_path: Path) -> None:
    root = tmp_path / "export"
    for thread, other in (("a_1", "Alex"), ("b_2", "Jo")):
        d = root / "messages" / "inbox" / thread
        d.mkdir(parents=True)
        d.joinpath("message_1.json").write_text(json.dumps({
            "participants": [{"name": other}, {"name": "Sam"}],
            "messages": [{"sender_name": other, "timestamp_ms": 1, "content": "hi"},
                         {"sender_name": "Sam", "timestamp_ms": 2, "content": "yo"}]}))
    events, c = parse(MetaMessagesImporter, root)
    assert [e.direction for e in events] == ["incoming", "outgoing"] * 2
    assert any("Facebook from Instagram" in n for n in c.notes)


def test_mojibake_helper() -> None:
    assert undo_mojibake("Ã©") == "é"
    assert undo_mojibake("plain") == "plain"
    assert undo_mojibake("already ☺") == "already ☺"      # above U+00FF: left alone
    assert undo_mojibake("\u00e9") == "\u00e9"             # not valid UTF-8 bytes: left alone


def test_missing_media_is_noted(tmp_path: Path) -> None:
    root = tmp_path / "fb"
    shutil.copytree(D / "facebook", root)
    (root / "messages/inbox/alexmorgan_10158/photos/4012_n.jpg").unlink()
    events, _ = parse(MetaMessagesImporter, root)
    photo = next(e for e in events if e.attachments)
    assert photo.attachments[0].data is None and "not in the export" in photo.attachments[0].note


@pytest.mark.parametrize("doc,problem", [
    ("[]", "not a JSON object"),
    ('{"participants": []}', "no 'messages' list"),
    ('{"messages": [{"sender_name": "a"}]}', "timestamp_ms"),
    ('{"messages": [' * 200 + "]" * 200 + "}", "nested too deeply|not valid JSON"),
])
def test_broken_thread(tmp_path: Path, doc: str, problem: str) -> None:
    d = tmp_path / "messages" / "inbox" / "t_1"
    d.mkdir(parents=True)
    (d / "message_1.json").write_text(doc)
    with pytest.raises(BadInput, match=problem):
        parse(MetaMessagesImporter, tmp_path)


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), n=st.integers(1, 30))
def test_fuzz_thread(tmp_path: Path, seed: int, n: int) -> None:
    p = tmp_path / f"{seed}" / "message_1.json"
    p.parent.mkdir(exist_ok=True)
    p.write_bytes(mutate((THREAD / "message_1.json").read_bytes(), seed, n))
    only_safecase_errors(lambda: parse(MetaMessagesImporter, p))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), n=st.integers(1, 20))
def test_fuzz_zip(tmp_path: Path, seed: int, n: int) -> None:
    p = tmp_path / f"{seed}-instagram.zip"
    p.write_bytes(mutate((D / "instagram.zip").read_bytes(), seed, n))
    only_safecase_errors(lambda: parse(MetaMessagesImporter, p))


def test_zip_in_extra_top_folder(tmp_path: Path) -> None:
    z = tmp_path / "facebook-sam.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in sorted((D / "facebook").rglob("*")):
            if f.is_file():
                zf.write(f, "facebook-sam-2024/" + f.relative_to(D / "facebook").as_posix())
    events, _ = parse(MetaMessagesImporter, z)
    assert sum(1 for e in events if attachment_bytes(e)) == 1
