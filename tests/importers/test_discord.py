"""Discord data package (format 6): folder and zip, new JSON and old CSV layouts."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from helpers_b import FIXTURES, assert_detects, iso, parse_all_or_safecase_error, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecase.errors import BadInput
from safecase.importers.discord import NOTE_OWN_MESSAGES_ONLY, DiscordImporter

D = FIXTURES / "discord"


def zip_folder(folder: Path, dest: Path) -> Path:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                zf.write(f, f.relative_to(folder).as_posix())
    return dest


def check_new_package(events, c) -> None:
    assert NOTE_OWN_MESSAGES_ONLY in c.notes
    assert len(events) == 4
    assert {e.direction for e in events} == {"outgoing"}
    assert {e.channel for e in events} == {"discord"}
    stop, blocked, media, server = events
    assert stop.text == "Stop contacting me. I mean it."
    assert iso(stop) == "2024-03-10T20:58:12Z" and stop.time_certainty == "exact"
    assert stop.raw_time == "2024-03-10 20:58:12"
    assert stop.sender == "sam.carter" and stop.sender_name == "Sam"
    assert stop.recipients == ["AlexM_84"] and stop.id_kind == "handle"
    assert blocked.text == "I've blocked you on WhatsApp.\nDon't make new accounts 🙏 <@900000000000000456>"
    (shot,) = blocked.attachments
    assert shot.name == "screenshot.png" and shot.data is None and shot.open is None
    assert "not in the data package" in shot.note and "cdn.discordapp.com" in shot.note
    assert media.text == "" and [a.name for a in media.attachments] == ["a.jpg", "b.mp4"]
    assert server.text == "Has anyone seen **Alex** at the meetup? *Asking for safety*"
    assert server.recipients == [] and server.party == "general in Book Club"
    assert server.extra["guild"] == "Book Club" and server.extra["message_id"] == "1216500000000000001"


def test_new_package_folder() -> None:
    events, _, c = run(DiscordImporter, D / "package")
    check_new_package(events, c)
    assert events[0].source_member == "Messages/c1215634859920001/messages.json"
    assert events[0].locator == "Messages/c1215634859920001/messages.json[0]"
    files = DiscordImporter().source_files(D / "package")
    assert D / "package" / "Account" / "user.json" in files
    assert D / "package" / "Messages" / "index.json" in files


def test_new_package_zip(tmp_path: Path) -> None:
    z = zip_folder(D / "package", tmp_path / "package.zip")
    events, _, c = run(DiscordImporter, z)
    check_new_package(events, c)
    assert DiscordImporter().source_files(z) == [z]
    assert_detects(z, "discord")


def test_old_csv_package() -> None:
    events, _, _ = run(DiscordImporter, D / "package-old")
    first, second = events
    assert first.text == 'Please, leave me alone.\nI mean it, "really".'
    assert iso(first) == "2021-01-09T18:03:45Z" and first.ts_ms == 1610215425123
    # no account/user.json: the sender is "me" and recipients stay raw user ids
    assert first.sender == "me" and first.recipients == ["801111111111111111", "802222222222222222"]
    assert second.text == "ok 👍" and second.attachments[0].name == "voice.ogg"
    assert second.locator.endswith("messages.csv row 2 (line 4)")


def test_detection() -> None:
    assert_detects(D / "package", "discord")
    assert_detects(D / "package-old", "discord")


def test_not_a_package(tmp_path: Path) -> None:
    (tmp_path / "messages").mkdir()
    (tmp_path / "messages" / "index.json").write_text("{}")
    with pytest.raises(BadInput, match="not a Discord data package"):
        run(DiscordImporter, tmp_path)


def test_messages_json_of_wrong_shape(tmp_path: Path) -> None:
    ch = tmp_path / "messages" / "c123456"
    ch.mkdir(parents=True)
    (ch / "messages.json").write_text(json.dumps({"not": "a list"}))
    with pytest.raises(BadInput, match="not a JSON list of messages"):
        run(DiscordImporter, tmp_path)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fuzz_messages_json(data) -> None:
    src = (D / "package" / "Messages" / "c1215634859920001" / "messages.json").read_bytes()
    cut = data.draw(st.integers(0, len(src)))
    noise = data.draw(st.binary(max_size=20))
    at = data.draw(st.integers(0, cut))
    mutated = src[:at] + noise + src[at:cut]

    def make(tmp: Path, blob: bytes) -> Path:
        ch = tmp / "pkg" / "messages" / "c42424242"
        ch.mkdir(parents=True)
        (ch / "messages.json").write_bytes(blob)
        (ch / "channel.json").write_bytes(blob[: len(blob) // 2])
        return tmp / "pkg"

    parse_all_or_safecase_error(DiscordImporter, mutated, "", make=make)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_fuzz_messages_csv(data) -> None:
    src = (D / "package-old" / "messages" / "801234567890123456" / "messages.csv").read_bytes()
    cut = data.draw(st.integers(0, len(src)))
    noise = data.draw(st.binary(max_size=20))
    at = data.draw(st.integers(0, cut))

    def make(tmp: Path, blob: bytes) -> Path:
        ch = tmp / "pkg" / "messages" / "424242424"
        ch.mkdir(parents=True)
        (ch / "messages.csv").write_bytes(blob)
        return tmp / "pkg"

    parse_all_or_safecase_error(DiscordImporter, src[:at] + noise + src[at:cut], "", make=make)
