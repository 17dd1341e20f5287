"""A screenshot becomes a message only when the person confirms it (issue 3, item 12)."""

import json
from pathlib import Path

from conftest import SAMPLES


def _events(run, case_dir: Path) -> list[dict]:
    return [json.loads(x) for x in run("events", case_dir, "--jsonl").stdout.splitlines()]


def test_screenshot_is_an_exhibit_until_confirmed(run, case_dir: Path) -> None:
    shot = SAMPLES / "screenshots" / "instagram-dm-2024-03-14.png"
    res = run("import", case_dir, shot)
    assert res.returncode == 0, res.stderr
    assert _events(run, case_dir) == []  # an image alone is not a message
    exhibits = [json.loads(x) for x in run("exhibits", case_dir, "--jsonl").stdout.splitlines()]
    (image,) = [x for x in exhibits if x["mime"] == "image/png"]
    assert image["name"] == shot.name and image["extra"]["derived"] == "ocr"
    res = run("confirm-ocr", case_dir, image["id"], "--channel", "instagram", "--at",
              "2024-03-14 22:41", "--sender", "alex.m.watching",
              "--text", "I can see your window from here")
    assert res.returncode == 0, res.stderr
    (ev,) = _events(run, case_dir)
    assert ev["kind"] == "message" and ev["channel"] == "instagram"
    assert ev["text"] == "I can see your window from here"
    assert ev["timestamp"] == "2024-03-14T22:41:00Z"  # London is on GMT in March
    assert ev["attachments"][0]["mime"] == "image/png"
    shown = json.loads(run("show", case_dir, ev["id"], "--json").stdout)
    assert shown["extra"]["derived"] == "ocr" and shown["extra"]["confirmed_by_person"]
    assert shown["extra"]["text_edited"] is True
    assert "ocr_text" in shown["extra"]
    log = [json.loads(x) for x in run("log", case_dir, "--jsonl").stdout.splitlines()]
    assert log[-1]["action"] == "confirm-ocr"
    assert run("verify", case_dir).returncode == 0


def test_confirm_ocr_refuses_what_is_not_an_image(run, case_dir: Path) -> None:
    run("add", case_dir, "--kind", "other", "--at", "2024-03-14 21:05", "--text", "note",
        "--attach", SAMPLES / "imports.txt")
    res = run("confirm-ocr", case_dir, "1", "--channel", "sms", "--at", "2024-03-14 21:05")
    assert res.returncode == 2 and "not an image" in res.stderr
    res = run("confirm-ocr", case_dir, "99", "--channel", "sms", "--at", "2024-03-14 21:05")
    assert res.returncode == 2 and "no exhibit 99" in res.stderr
