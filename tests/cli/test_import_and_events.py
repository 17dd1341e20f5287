"""Importing and listing through the CLI, as a person (or an outside test) does it."""

import json
import re
from pathlib import Path

import pytest
from conftest import SAMPLES, head_of, snapshot
from helpers_sms import call, calls, sms, smses

ALEX = "+447700900456"


def events(run, case_dir: Path, *args: str) -> list[dict]:
    res = run("events", case_dir, "--jsonl", *args)
    assert res.returncode == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines()]


def test_events_jsonl_contract(run, case_dir: Path, tmp_path: Path) -> None:
    xml = tmp_path / "sms-1.xml"
    xml.write_text(smses(sms(ALEX, 1710100800000, "Answer me 😡\nnow", 1, "Alex"),
                         sms(ALEX, 1710104400000, "Please stop contacting me", 2, "Alex")))
    cl = tmp_path / "calls-1.xml"
    cl.write_text(calls(call(ALEX, 1710102000000, 3), call(ALEX, 1710102600000, 1, 95)))
    res = run("import", case_dir, xml, cl)
    assert res.returncode == 0, res.stderr
    assert "2 new events" in res.stdout
    evs = events(run, case_dir)
    assert [e["timestamp"] for e in evs] == [
        "2024-03-10T20:00:00Z", "2024-03-10T20:20:00Z", "2024-03-10T20:30:00Z",
        "2024-03-10T21:00:00Z"]
    first = evs[0]
    for key in ("id", "kind", "channel", "direction", "timestamp", "sender", "sender_name",
                "recipients", "text", "duration_s", "call_status", "attachments", "source",
                "person", "signals"):
        assert key in first
    assert first["text"] == "Answer me 😡\nnow"
    assert first["direction"] == "incoming" and first["sender"] == ALEX
    assert first["source"]["file_sha256"] == __import__("hashlib").sha256(
        xml.read_bytes()).hexdigest()
    assert re.fullmatch(r"sms\[1\] \(line \d+\)", first["source"]["locator"])
    missed, answered = evs[1], evs[2]
    assert missed["kind"] == "call" and missed["text"] is None
    assert missed["call_status"] == "missed" and missed["duration_s"] == 0
    assert answered["duration_s"] == 95
    assert evs[3]["direction"] == "outgoing" and evs[3]["recipients"] == [ALEX]
    # All four are with the same person, so the person filter keeps them together.
    assert len({e["person"] for e in evs}) == 1
    assert len(events(run, case_dir, "--person", str(first["person"]))) == 4
    assert [e["kind"] for e in events(run, case_dir, "--kind", "call")] == ["call", "call"]
    assert len(events(run, case_dir, "--since", "2024-03-10 20:25", "--until",
                      "2024-03-10")) == 2


def test_duplicates_same_file_and_overlapping_backups(run, case_dir: Path,
                                                      tmp_path: Path) -> None:
    msgs = [sms(ALEX, 1710100800000 + i * 60_000, f"message {i}") for i in range(10)]
    # Two identical messages in the same millisecond are two events, not a duplicate.
    same = [sms(ALEX, 1710200000000, "?"), sms(ALEX, 1710200000000, "?")]
    a = tmp_path / "sms-a.xml"
    a.write_text(smses(*msgs[:6], *same))
    b = tmp_path / "sms-b.xml"
    b.write_text(smses(*msgs[4:], *same))  # overlaps a on messages 4, 5 and the two "?"
    assert run("import", case_dir, a).returncode == 0
    res = run("import", case_dir, a, "--json")
    assert json.loads(res.stdout)["events_added"] == 0
    assert json.loads(res.stdout)["duplicates"] == 8
    res = run("import", case_dir, b, "--json")
    summary = json.loads(res.stdout)
    assert (summary["events_added"], summary["duplicates"]) == (4, 4)
    assert len(events(run, case_dir)) == 12
    assert run("verify", case_dir).returncode == 0


BAD_INPUTS = {
    "truncated.xml": smses(sms(ALEX, 1, "hello")).encode()[:-20],
    "bomb.xml": (b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
                 b"<!ENTITY lol2 '&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;'>"
                 b"<!ENTITY lol3 '&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'>]>"
                 b"<smses><sms address='1' date='1' type='1' body='&lol3;'/></smses>"),
    "empty.xml": b"",
    "badutf8.xml": smses(sms(ALEX, 1, "hello")).encode().replace(b"hello", b"he\xc3\x28llo"),
    "notes.pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "external.xml": (b"<?xml version='1.0'?><!DOCTYPE smses [<!ENTITY x SYSTEM "
                     b"'file:///etc/passwd'>]><smses><sms address='1' date='1' type='1' "
                     b"body='&x;'/></smses>"),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_gets_one_line_and_changes_nothing(run, case_dir: Path, tmp_path: Path,
                                                     name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    head = head_of(case_dir)
    before = snapshot(case_dir)
    res = run("import", case_dir, path)
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0], res.stderr
    assert "Traceback" not in res.stderr
    assert head_of(case_dir) == head
    after = snapshot(case_dir)
    assert set(after) == set(before)  # no blobs left behind


def test_missing_file_and_unknown_format_and_wrong_passphrase(run, case_dir: Path,
                                                              tmp_path: Path) -> None:
    from conftest import cli_env

    head = head_of(case_dir)
    res = run("import", case_dir, tmp_path / "nope.xml")
    assert res.returncode == 2 and "no such file" in res.stderr
    res = run("import", case_dir, SAMPLES / "sms-20240414120000.xml", "--format", "fax")
    assert res.returncode == 2 and "unknown format 'fax'" in res.stderr
    res = run("import", case_dir, SAMPLES / "sms-20240414120000.xml",
              env=cli_env(SAFECASE_PASSPHRASE="wrong one"))
    assert res.returncode == 2
    assert res.stderr.strip() == "safecase: wrong passphrase for this case"
    assert head_of(case_dir) == head


def test_sample_import_summary_and_table(run, case_dir: Path) -> None:
    res = run("import", case_dir, SAMPLES / "sms-20240414120000.xml")
    assert res.returncode == 0, res.stderr
    assert "by kind: message" in res.stdout and "drafts" in res.stdout
    res = run("events", case_dir, "--search", "stop contacting")
    assert res.returncode == 0 and "Please stop contacting me" in res.stdout
    mms = [e for e in events(run, case_dir) if e["attachments"]]
    assert mms and mms[0]["attachments"][0]["name"] == "car.png"
    assert mms[0]["attachments"][0]["sha256"] == __import__("hashlib").sha256(
        (SAMPLES / "assets" / "car.png").read_bytes()).hexdigest()
    res = run("show", case_dir, mms[0]["id"])
    assert "car.png" in res.stdout and "Outside yours, 9am" in res.stdout
