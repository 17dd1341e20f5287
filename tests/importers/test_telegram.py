"""Telegram Desktop result.json."""

from __future__ import annotations

import json
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
from safecase.importers.telegram import TelegramImporter
from safecase.model import TIME_ASSUMED, TIME_EXACT

D = FIXTURES / "telegram"
fx = load_module(D / "make_fixtures.py")
ALEX = "user5550001234"


def test_one_chat_export() -> None:
    events, c = parse(TelegramImporter, D / "chat_result.json")
    got = [(utc(e.ts_ms), e.kind, e.direction, e.sender, e.text, e.duration_s, e.call_status)
           for e in events]
    assert got == [
        ("2024-03-09T21:00:00", "message", "incoming", ALEX, "Hey 👋\nyou there?", None, None),
        ("2024-03-10T09:15:00", "message", "outgoing", "user5550009876",
         "Please stop contacting me.", None, None),
        ("2024-03-10T09:16:00", "message", "incoming", ALEX,
         "You can't ignore me. See this 😡", None, None),
        ("2024-03-10T22:01:00", "call", "incoming", ALEX, None, 125, "answered"),
        ("2024-03-10T23:30:00", "call", "incoming", ALEX, None, 0, "missed"),
        ("2024-03-11T23:40:05", "message", "incoming", ALEX, "", None, None),
        ("2024-07-01T07:00:00", "message", "incoming", ALEX, "no unixtime here", None, None),
    ]
    assert events[1].recipients == [ALEX] and events[1].party == ALEX
    assert events[2].extra["links"] == ["https://example.com/x?a=1&b=<2>"]
    assert events[3].extra["discard_reason"] == "hangup"
    photo = events[5].attachments[0]
    assert photo.open is None and photo.note and photo.note.startswith("(File not included")
    assert events[0].time_certainty == TIME_EXACT
    # Only the local date: the case zone (London, BST in July) is assumed.
    assert events[6].time_certainty == TIME_ASSUMED and events[6].raw_time == "2024-07-01T08:00:00"
    assert events[0].id_kind == "handle" and events[0].sender_name == "Alex Morgan"
    assert not c.notes


def test_full_export_folder_with_photo() -> None:
    path = D / "full_export"
    assert detect(path).name == "telegram"
    assert TelegramImporter().source_files(path) == [path / "result.json"]
    (photo, reply), _ = parse(TelegramImporter, path)
    assert [sha(b) for b in attachment_bytes(photo)] == [sha(fx.PHOTO)]
    assert photo.direction == "incoming" and reply.direction == "outgoing"
    assert reply.text == "Leave me alone" and photo.source_member == "result.json"


def test_direction_from_me_when_not_a_personal_chat(tmp_path: Path) -> None:
    data = {"name": "Group", "type": "private_group", "id": 1, "messages": [
        {"id": 1, "type": "message", "date_unixtime": "1710018000", "from": "Sam",
         "from_id": "user9", "text": "a"},
        {"id": 2, "type": "message", "date_unixtime": "1710018001", "from": "Alex",
         "from_id": "user8", "text": "b"}]}
    p = tmp_path / "result.json"
    p.write_text(json.dumps(data))
    events, c = parse(TelegramImporter, p)
    assert {e.direction for e in events} == {"unknown"} and c.notes
    events, _ = parse(TelegramImporter, p, ctx(["user9"]))
    assert [e.direction for e in events] == ["outgoing", "incoming"]


def test_zip_of_the_export(tmp_path: Path) -> None:
    import zipfile
    z = tmp_path / "Telegram Export.zip"
    with zipfile.ZipFile(z, "w") as zf:
        base = D / "full_export"
        for f in sorted(base.rglob("*")):
            if f.is_file():
                zf.write(f, "ChatExport_2024-03-20/" + f.relative_to(base).as_posix())
    assert detect(z).name == "telegram"
    (photo, _), _ = parse(TelegramImporter, z)
    assert attachment_bytes(photo) == [fx.PHOTO]


@pytest.mark.parametrize("doc,problem", [
    ("[]", "does not hold a JSON object"),
    ('{"name": "x"}', "neither 'messages' nor 'chats'"),
    ('{"messages": [{"type": "message", "text": 5, "date_unixtime": "1"}]}',
     "neither text nor a list"),
    ('{"messages": [{"type": "message", "text": "x", "date_unixtime": "soon"}]}',
     "not a number"),
    ('{"messages": [{"type": "message", "text": "x"}]}', "no date"),
])
def test_broken_documents(tmp_path: Path, doc: str, problem: str) -> None:
    p = tmp_path / "result.json"
    p.write_text(doc)
    with pytest.raises(BadInput, match=problem):
        parse(TelegramImporter, p)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32), n=st.integers(1, 30))
def test_fuzz(tmp_path: Path, seed: int, n: int) -> None:
    p = tmp_path / f"{seed}.json"
    p.write_bytes(mutate((D / "chat_result.json").read_bytes(), seed, n))
    only_safecase_errors(lambda: parse(TelegramImporter, p))


@settings(max_examples=100, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                    lambda c: st.lists(c, max_size=3) | st.dictionaries(
                        st.sampled_from(["text", "type", "date_unixtime", "date", "from_id",
                                         "action", "messages", "photo", "duration_seconds"]),
                        c, max_size=4), max_leaves=20))
def test_fuzz_shapes(value: object) -> None:
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "result.json"
        p.write_text(json.dumps({"type": "personal_chat", "id": 1, "messages": [value]}))
        only_safecase_errors(lambda: parse(TelegramImporter, p))
