"""The sample case's exports in formats 6-12: each is detected and reads cleanly."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_b import run

from safecase.importers.registry import detect

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
CASES = [
    ("email/sam-inbox.mbox", "mbox", 5),
    ("email/alex-to-hr.eml", "eml", 1),
    ("discord/package", "discord", 3),
    ("takeout", "google-takeout", 6),
    ("signal/signal-backup-2024-03-30.xml", "signal-backup-tools", 5),
    ("signal/desktop-export", "signal-desktop", 3),
    ("snapchat/chat_history.json", "snapchat", 5),
    ("csv/work-phone-log.csv", "csv", 3),
    ("screenshots/note-on-car-2024-03-18.jpg", "image", 0),
]


@pytest.mark.parametrize(("rel", "importer", "n_events"), CASES)
def test_sample_is_detected_and_parses(rel: str, importer: str, n_events: int) -> None:
    path = SAMPLES / rel
    cls = detect(path)
    assert cls.name == importer
    events, exhibits, _ = run(cls, path, me=["sam.carter@example.org"], options={"ocr": "off"})
    assert len(events) == n_events
    for ev in events:
        assert ev.ts_ms is not None, f"{rel} {ev.locator} has no time"
    if importer == "image":
        assert exhibits and exhibits[0].extra["gps"]["latitude"] > 51


def test_story_beats_are_in_the_samples() -> None:
    texts = []
    for rel, _importer, _n in CASES:
        events, _, _ = run(detect(SAMPLES / rel), SAMPLES / rel, me=["sam.carter@example.org"],
                           options={"ocr": "off"})
        texts += [e.text or "" for e in events]
    assert any("Please stop contacting me" in t for t in texts)
    assert any("New address" in t or "new address" in t.lower() for t in texts)
    hr = run(detect(SAMPLES / "email/alex-to-hr.eml"), SAMPLES / "email/alex-to-hr.eml")[0][0]
    assert hr.recipients == ["hr@carterco.example"] and hr.sender == "alex.morgan@example.com"
