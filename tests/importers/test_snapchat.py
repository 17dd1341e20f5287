"""Snapchat chat_history.json (format 10): the sectioned and the per-conversation shapes."""

from __future__ import annotations

import zipfile
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
from safecase.importers.snapchat import SnapchatImporter

D = FIXTURES / "snapchat"


def test_sectioned_shape() -> None:
    events, _, c = run(SnapchatImporter, D / "chat_history_2022.json")
    outside, media, leave = events
    assert outside.text == "I'm outside. Don't ignore me <3"
    assert outside.extra["raw_text"] == "I&#39;m outside. Don&#39;t ignore me &lt;3"
    assert outside.direction == "incoming" and outside.sender == "alexm84"
    assert iso(outside) == "2022-07-22T19:28:21Z" and outside.raw_time == "2022-07-22 19:28:21 UTC"
    assert media.text is None and media.extra["media_type"] == "MEDIA"
    assert leave.direction == "outgoing" and leave.recipients == ["alexm84"]
    assert leave.text == "Leave.\nNow." and "raw_text" not in leave.extra
    assert any("1 Snapchat status notices" in n for n in c.notes)


def check_conversations(events) -> None:
    hide, stop, media, missed, group = events
    assert hide.text == "You can't hide from me 😈\nI see your streaks."
    assert hide.ts_ms == 1710104733123 and iso(hide) == "2024-03-10T21:05:33Z"
    assert hide.direction == "incoming" and hide.sender == "alexm84" and hide.id_kind == "handle"
    assert stop.direction == "outgoing" and stop.recipients == ["alexm84"] and stop.extra["saved"]
    assert missed.kind == "call" and missed.call_status == "missed" and missed.direction == "incoming"
    assert group.text == "<b>not bold</b> & safe?" and group.extra["group"] == "Sam's friends"
    assert group.party == "Sam's friends"
    return media


def test_conversation_shape_in_package_folder() -> None:
    events, _, c = run(SnapchatImporter, D / "package")
    media = check_conversations(events)
    found, missing = media.attachments
    assert sha256(attachment_bytes(found)) == sha256((FIXTURES / "email" / "pixel.png").read_bytes())
    assert found.name == "2024-03-13_b~EiQSFTM0SEdmSTFN.png"
    assert missing.name == "b~missingMEDIA01" and missing.note == "media not in the package"
    assert any("1 Snapchat status notices" in n for n in c.notes)
    assert events[0].source_member == "json/chat_history.json"


def test_conversation_shape_file_and_zip(tmp_path: Path) -> None:
    events, _, _ = run(SnapchatImporter, D / "package" / "json" / "chat_history.json")
    media = check_conversations(events)
    assert [a.note for a in media.attachments] == ["media not in the package"] * 2
    z = tmp_path / "mydata.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in sorted((D / "package").rglob("*")):
            if f.is_file():
                zf.write(f, "mydata~1710000000/" + f.relative_to(D / "package").as_posix())
    events, _, _ = run(SnapchatImporter, z)
    check_conversations(events)
    assert_detects(z, "snapchat")


def test_detection() -> None:
    assert_detects(D / "chat_history_2022.json", "snapchat")
    assert_detects(D / "package" / "json" / "chat_history.json", "snapchat")
    assert_detects(D / "package", "snapchat")


def test_wrong_shapes(tmp_path: Path) -> None:
    p = tmp_path / "chat_history.json"
    p.write_text('{"alexm84": {"not": "a list"}}')
    with pytest.raises(BadInput, match="is not a list of chats"):
        run(SnapchatImporter, p)
    p.write_text("[]")
    with pytest.raises(BadInput, match="not a Snapchat chat_history.json"):
        run(SnapchatImporter, p)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), which=st.sampled_from(["chat_history_2022.json", "package/json/chat_history.json"]))
def test_fuzz(data, which: str) -> None:
    src = (D / which).read_bytes()
    cut = data.draw(st.integers(0, len(src)))
    noise = data.draw(st.binary(max_size=30))
    at = data.draw(st.integers(0, cut))
    parse_all_or_safecase_error(SnapchatImporter, src[:at] + noise + src[at:cut], ".json")
