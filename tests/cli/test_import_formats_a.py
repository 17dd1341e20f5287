"""End to end: `safecase import` then `safecase events --jsonl` for importers 1-5
(iPhone backup, WhatsApp, Telegram, Facebook/Instagram, X)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from conftest import head_of, snapshot

FIX = Path(__file__).resolve().parents[1] / "importers" / "fixtures"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def events(run, case_dir: Path, *args: str) -> list[dict]:
    res = run("events", case_dir, "--jsonl", *args)
    assert res.returncode == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines()]


def imported(run, case_dir: Path, path: Path, *args: str) -> list[dict]:
    res = run("import", case_dir, path, "--json", *args)
    assert res.returncode == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines()]


def test_iphone_backup_end_to_end(run, case_dir: Path) -> None:
    (summary,) = imported(run, case_dir, FIX / "iphone" / "backup")
    assert summary["importer"] == "iphone-backup" and summary["events_added"] == 11
    evs = events(run, case_dir)
    body = next(e for e in evs if e["source"]["locator"] == "message ROWID 3")
    assert body["text"] == 'Why are you ignoring me?? <b>answer</b> & "now" 😡'
    assert body["timestamp"] == "2024-03-10T09:16:30Z" and body["direction"] == "incoming"
    mms = next(e for e in evs if e["source"]["locator"] == "message ROWID 5")
    jpeg = (FIX / "iphone" / "backup").rglob("*")
    photo = next(p for p in jpeg if p.is_file() and p.read_bytes().startswith(b"\xff\xd8"))
    assert [a["sha256"] for a in mms["attachments"]] == [sha(photo.read_bytes())]
    sms_db = FIX / "iphone" / "backup" / "3d" / "3d0d7e5fb2ce288813306e4d4636395e047a3d28"
    assert mms["source"]["file_sha256"] == sha(sms_db.read_bytes())
    calls = [e for e in evs if e["kind"] == "call"]
    assert [(c["call_status"], c["duration_s"]) for c in calls] == [
        ("missed", 0), ("answered", 125), ("unanswered", 0), ("answered", 60),
        ("answered", 12)]
    # Re-importing the same backup adds nothing.
    (again,) = imported(run, case_dir, FIX / "iphone" / "backup")
    assert again["events_added"] == 0 and again["duplicates"] == 11


def test_whatsapp_zip_with_me_end_to_end(run, case_dir: Path) -> None:
    (summary,) = imported(run, case_dir, FIX / "whatsapp" / "WhatsApp Chat - Alex Morgan.zip",
                          "--me", "Sam Carter")
    assert summary["importer"] == "whatsapp" and summary["events_added"] == 3
    assert summary["exhibits_added"] == 1
    evs = events(run, case_dir)
    assert [(e["timestamp"], e["direction"], e["time_certainty"]) for e in evs] == [
        ("2024-03-11T23:40:05Z", "incoming", "assumed"),
        ("2024-03-11T23:40:30Z", "incoming", "assumed"),
        ("2024-03-12T01:02:03Z", "outgoing", "assumed"),
    ]
    assert evs[0]["attachments"][0]["name"] == "00000012-PHOTO-2024-03-11-23-40-05.jpg"
    assert evs[1]["text"] == "Nice curtains 😉 & <b>lights</b>"


def test_whatsapp_without_me_says_so(run, case_dir: Path) -> None:
    res = run("import", case_dir, FIX / "whatsapp" / "android_fr.txt")
    assert res.returncode == 0, res.stderr
    assert "--me" in res.stdout
    assert {e["direction"] for e in events(run, case_dir)} == {"unknown"}


@pytest.mark.parametrize("rel,importer,count", [
    ("telegram/full_export", "telegram", 2),
    ("telegram/chat_result.json", "telegram", 7),
    ("meta/facebook", "meta-messages", 7),
    ("meta/instagram.zip", "meta-messages", 2),
    ("x/archive", "x-archive", 6),
])
def test_json_exports_end_to_end(run, case_dir: Path, rel: str, importer: str,
                                 count: int) -> None:
    (summary,) = imported(run, case_dir, FIX / rel, "--me", "Sam Carter")
    assert summary["importer"] == importer and summary["events_added"] == count
    evs = events(run, case_dir)
    assert len(evs) == count
    assert all(e["timestamp"] and e["source"]["file_sha256"] for e in evs)


def test_facebook_text_is_demojibaked_in_the_store(run, case_dir: Path) -> None:
    imported(run, case_dir, FIX / "meta" / "facebook")
    evs = events(run, case_dir)
    assert evs[0]["text"] == "Héllo Sam 👋\n<3 \"always\" & forever"
    assert evs[0]["channel"] == "facebook" and evs[0]["timestamp"] == "2024-03-09T21:00:00Z"


def test_encrypted_backup_is_one_line_and_changes_nothing(run, case_dir: Path) -> None:
    head = head_of(case_dir)
    before = snapshot(case_dir)
    res = run("import", case_dir, FIX / "iphone" / "backup_encrypted")
    assert res.returncode == 2
    (line,) = res.stderr.strip().splitlines()
    assert "encrypted" in line and "Encrypt local backup" in line
    assert head_of(case_dir) == head and set(snapshot(case_dir)) == set(before)


def test_broken_export_imports_nothing(run, case_dir: Path, tmp_path: Path) -> None:
    # The first message is fine, the second has an impossible date: nothing is kept.
    p = tmp_path / "chat.txt"
    p.write_text("14/03/2024, 21:05 - A: fine\n31/02/2024, 21:05 - A: broken\n")
    before = snapshot(case_dir)
    res = run("import", case_dir, p)
    assert res.returncode == 2 and "not a valid date" in res.stderr
    assert "Traceback" not in res.stderr
    assert events(run, case_dir) == [] and set(snapshot(case_dir)) == set(before)


def test_whatsapp_group_recipients_are_inferred_and_shown_so(run, case_dir: Path,
                                                             tmp_path: Path) -> None:
    chat = tmp_path / "WhatsApp Chat with Friends.txt"
    chat.write_text("14/03/2024, 21:01 - Alex: hi all\n14/03/2024, 21:02 - Jo: hey\n"
                    "14/03/2024, 21:03 - Sam: please stop\n", encoding="utf-8")
    res = run("import", case_dir, chat, "--me", "Sam")
    assert res.returncode == 0, res.stderr
    assert "group chat (3 senders)" in res.stdout
    evs = events(run, case_dir)
    assert [e["recipients"] for e in evs] == [["Jo", "Sam"], ["Alex", "Sam"], ["Alex", "Jo"]]
    shown = run("show", case_dir, str(evs[0]["id"]), "--json")
    assert json.loads(shown.stdout)["extra"] == {"recipients_inferred": True}
    text = run("show", case_dir, str(evs[0]["id"]))
    assert "To: Jo, Sam (inferred from the other senders" in text.stdout
