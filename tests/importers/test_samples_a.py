"""The sample exports of importers 1-5 are up to date, small, and import cleanly."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_a import ROOT, ctx, parse

from safecase.importers.registry import detect

SAMPLES = ROOT / "samples"
MADE = {
    "make_iphone.py": ["iphone/backup"],
    "make_whatsapp.py": ["whatsapp/whatsapp-alex-morgan.zip"],
    "make_telegram.py": ["telegram/export"],
    "make_meta.py": ["facebook/export", "instagram/instagram-samcarter.zip"],
    "make_x.py": ["x/archive"],
}


def digest(path: Path) -> dict[str, str]:
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    return {str(p.relative_to(SAMPLES)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in files}


@pytest.mark.parametrize("script,outputs", sorted(MADE.items()))
def test_sample_is_regenerated_identically(script: str, outputs: list[str]) -> None:
    before = {o: digest(SAMPLES / o) for o in outputs}
    subprocess.run([sys.executable, str(SAMPLES / script)], check=True, cwd=ROOT)
    assert {o: digest(SAMPLES / o) for o in outputs} == before
    for o in outputs:
        size = sum((SAMPLES / p).stat().st_size for p in digest(SAMPLES / o))
        assert size < 1_000_000


@pytest.mark.parametrize("rel", [o for outs in MADE.values() for o in outs])
def test_sample_imports(rel: str) -> None:
    path = SAMPLES / rel
    cls = detect(path)
    events, c = parse(cls, path, ctx(["Sam"]))
    assert len(events) > 10
    # The story: Sam's refusal is in the samples, and Alex keeps going after it.
    stop_ms = 1710101700000  # 2024-03-10T20:15:00Z
    assert any(e.sender in ("Alex Morgan", "alex.m.watching", "+447700900456",
                            "user5550001234", "1500000000000000456")
               and (e.ts_ms or 0) > stop_ms for e in events)


def test_samples_are_listed_for_the_demo() -> None:
    listed = (SAMPLES / "imports.txt").read_text()
    for outs in MADE.values():
        for o in outs:
            assert o in listed
