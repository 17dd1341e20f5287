"""The typed stalking log: add, edit (a new version), attachments, and the ledger."""

import json
from pathlib import Path

from conftest import SAMPLES


def _events(run, case_dir: Path) -> list[dict]:
    return [json.loads(x) for x in run("events", case_dir, "--jsonl").stdout.splitlines()]


def test_add_incident_with_photo_witnesses_and_feelings(run, case_dir: Path) -> None:
    photo = SAMPLES / "assets" / "car.png"
    res = run("add", case_dir, "--kind", "visit", "--at", "2024-03-14 21:05",
              "--tz", "Europe/London", "--text", "Alex stood outside my door for 20 minutes",
              "--where", "Home, 12 Elm Road", "--witness", "Priya (neighbour)",
              "--witness", "Tom", "--report-ref", "MPS-2024-0314-77",
              "--felt", "Terrified, I couldn't sleep", "--who", "+447700900456",
              "--attach", photo)
    assert res.returncode == 0, res.stderr
    (ev,) = _events(run, case_dir)
    assert ev["kind"] == "visit" and ev["timestamp"] == "2024-03-14T21:05:00Z"
    assert ev["text"] == "Alex stood outside my door for 20 minutes"
    assert ev["attachments"][0]["name"] == "car.png"
    assert ev["person"] is not None
    show = run("show", case_dir, ev["id"]).stdout
    for part in ("Home, 12 Elm Road", "Priya (neighbour), Tom", "MPS-2024-0314-77",
                 "Terrified, I couldn't sleep"):
        assert part in show


def test_edit_makes_a_new_version_and_keeps_the_old(run, case_dir: Path) -> None:
    run("add", case_dir, "--kind", "following", "--at", "2024-03-15 08:10",
        "--text", "Followed me to the station", "--attach", SAMPLES / "assets" / "car.png")
    (old,) = _events(run, case_dir)
    res = run("edit", case_dir, old["id"], "--text", "Followed me to the station and onto "
              "the train", "--at", "2024-03-15 08:05")
    assert res.returncode == 0, res.stderr
    (new,) = _events(run, case_dir)
    assert new["id"] != old["id"]
    assert new["text"].endswith("onto the train")
    assert new["attachments"] == old["attachments"]  # the photo stays with the new version
    log = [json.loads(x) for x in run("log", case_dir, "--jsonl").stdout.splitlines()]
    assert [e["action"] for e in log][-2:] == ["add", "edit"]
    assert log[-1]["payload"]["supersedes"] == old["id"]
    shown = json.loads(run("show", case_dir, old["id"], "--json").stdout)
    assert shown["text"] == "Followed me to the station"  # the old version is still there
    assert run("verify", case_dir).returncode == 0
    res = run("edit", case_dir, old["id"], "--text", "again")
    assert res.returncode == 2 and "already edited" in res.stderr


def test_imported_events_cannot_be_edited(run, case_dir: Path) -> None:
    run("import", case_dir, SAMPLES / "sms-20240414120000.xml")
    res = run("edit", case_dir, "1", "--text", "changed")
    assert res.returncode == 2 and "imported evidence is never edited" in res.stderr


def test_bad_incident_input(run, case_dir: Path) -> None:
    res = run("add", case_dir, "--kind", "teleport", "--at", "2024-03-14 21:05", "--text", "x")
    assert res.returncode == 2 and "unknown kind" in res.stderr
    res = run("add", case_dir, "--kind", "visit", "--at", "yesterday-ish", "--text", "x")
    assert res.returncode == 2 and "cannot read the time" in res.stderr
    res = run("add", case_dir, "--kind", "visit", "--at", "2024-03-14 21:05", "--text", "x",
              "--attach", "/nonexistent/photo.jpg")
    assert res.returncode == 2 and "no such file" in res.stderr
    assert _events(run, case_dir) == []


def test_init_via_cli_and_passwd(run, tmp_path: Path) -> None:
    from conftest import cli_env

    case = tmp_path / "new"
    res = run("init", case, "--tz", "Europe/London", "--name", "Sam Carter")
    assert res.returncode == 0 and "Created" in res.stdout
    res = run("passwd", case, env=cli_env(SAFECASE_NEW_PASSPHRASE="another long one"))
    assert res.returncode == 0, res.stderr
    assert run("events", case).returncode == 2
    assert run("events", case, env=cli_env(SAFECASE_PASSPHRASE="another long one")
               ).returncode == 0
