"""End to end through the CLI: import formats 6-12 into a real (encrypted) case, read them
back with ``safecase events --jsonl`` and ``safecase show``."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_b import FIXTURES, sha256

SRC = Path(__file__).resolve().parents[2] / "src"


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "SAFECASE_PASSPHRASE": "correct horse battery staple"}
    proc = subprocess.run([sys.executable, "-m", "safecase", *args], capture_output=True,
                          text=True, env=env, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"safecase {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


@pytest.fixture(scope="module")
def case(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("e2e") / "case"
    cli("init", str(path), "--tz", "Europe/London", "--region", "GB")
    out = cli("import", str(path), str(FIXTURES / "email" / "threat.eml"),
              str(FIXTURES / "discord" / "package"), str(FIXTURES / "takeout"),
              str(FIXTURES / "snapchat" / "package"), str(FIXTURES / "signal" / "sigexport"),
              str(FIXTURES / "image" / "note-on-car-2024-03-18.jpg"),
              "--me", "sam.carter@example.org", "--json").stdout
    summaries = {Path(s["path"]).name: s for s in map(json.loads, out.splitlines())}
    assert summaries["threat.eml"]["importer"] == "eml"
    assert summaries["takeout"]["importer"] == "google-takeout"
    assert summaries["sigexport"]["importer"] == "signal-desktop"
    photo = summaries["note-on-car-2024-03-18.jpg"]
    assert photo["importer"] == "image" and photo["events_added"] == 0
    assert photo["exhibits_added"] == (2 if shutil.which("tesseract") else 1)
    cli("import", str(path), str(FIXTURES / "csv" / "call-log.csv"), "--map",
        "timestamp=When,format=%b %d, %Y %H:%M,sender=Who,direction=Direction,duration=Length,"
        "call_status=Outcome,kind=@call,channel=@phone,id_kind=@phone")
    return path


def events(case: Path) -> list[dict]:
    out = cli("events", str(case), "--jsonl").stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_events_jsonl_carries_every_format(case: Path) -> None:
    evs = events(case)
    channels = {e["channel"] for e in evs}
    assert {"email", "discord", "voice", "snapchat", "phone", "signal"} <= channels
    threat = next(e for e in evs if e["subject"] == "I know where you are 👀")
    assert threat["text"] == ('You said "stop contacting me" <3 days ago>.\r\n'
                              "I don't accept that. 👀\r\nLook at the photo & think again.\r\n")
    assert threat["timestamp"] == "2024-03-12T23:47:09Z" and threat["direction"] == "incoming"
    eml_sha = sha256((FIXTURES / "email" / "threat.eml").read_bytes())
    assert {"name": "message.eml", "mime": "message/rfc822", "sha256": eml_sha} in threat["attachments"]
    stop = next(e for e in evs if e["channel"] == "discord" and e["text"] == "Stop contacting me. I mean it.")
    assert stop["direction"] == "outgoing" and stop["timestamp"] == "2024-03-10T20:58:12Z"
    vm = next(e for e in evs if e["channel"] == "voice" and e["call_status"] == "voicemail")
    assert vm["duration_s"] == 41 and vm["sender"] == "+447700900456"
    calls = [e for e in evs if e["channel"] == "phone"]
    assert [c["duration_s"] for c in calls] == [123, 0, None, 45]
    # one person for Alex's number across Google Voice and the typed call log
    alex = {e["person"] for e in evs if e["channel"] in ("voice", "phone") and e["direction"] == "incoming"}
    assert len(alex) == 1


def test_show_prints_the_email_evidence_headers(case: Path) -> None:
    evs = events(case)
    threat = next(e for e in evs if e["subject"] == "I know where you are 👀")
    out = cli("show", str(case), str(threat["id"])).stdout
    assert "Message-ID: <CAF-alex-0312@mail.example.com>" in out
    assert "Received: from mail.example.com (mail.example.com [192.0.2.7])" in out
    assert "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=sel1;" in out
    assert "Authentication-Results: mx.example.org;" in out
    assert "Attachment: message.eml (message/rfc822) sha256 " + sha256((FIXTURES / "email" / "threat.eml").read_bytes()) in out


def test_import_summary_says_discord_holds_only_sent_messages(tmp_path: Path) -> None:
    path = tmp_path / "c2"
    cli("init", str(path), "--tz", "Europe/London")
    out = cli("import", str(path), str(FIXTURES / "discord" / "package")).stdout
    assert "only the messages the person sent" in out
    bad = tmp_path / "random.zip"
    import zipfile
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("hello.txt", "nothing here")
    proc = cli("import", str(path), str(bad), check=False)
    assert proc.returncode == 2 and "not a format SafeCase knows" in proc.stderr
