"""`safecase device ...` and `safecase indicators ...` run as a person runs them."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from safecase.store.case import Case
from tests.conftest import PASSPHRASE, cli_env
from tests.device import builders
from tests.device.conftest import SMALL_IOC
from tests.device.expected import DISGUISED, STALKERWARE


def env(tmp_path: Path, **extra: str) -> dict[str, str]:
    e = cli_env(SAFECASE_DATA_DIR=str(tmp_path / "data"), **extra)
    for k in ("PATH", "FAKE_ADB_PHONE", "FAKE_ADB_SERIAL", "FAKE_ADB_STATE", "FAKE_ADB_LOG"):
        if k in os.environ:
            e[k] = os.environ[k]
    return e


def one_line_error(proc, needle: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("safecase: ") and needle in lines[0], lines
    assert "Traceback" not in proc.stderr


def test_scan_from_androidqf_json(run, tmp_path):
    folder = builders.androidqf_folder("stalkerware", tmp_path / "aqf")
    p = run("device", "scan", "--from", folder, "--indicators", SMALL_IOC, "--json",
            env=env(tmp_path))
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    assert [(f["severity"], f["id"], f["package"]) for f in d["findings"]] == STALKERWARE
    assert d["schema"] == "safecase.device-scan/1" and d["indicator_list_missing"] is False


def test_scan_over_adb_prints_safety_first(run, tmp_path, fake_adb):
    fake_adb("disguised")
    p = run("device", "scan", "--adb", "FAKE0001", "--indicators", SMALL_IOC,
            env=env(tmp_path))
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert out.splitlines()[0] == "Before you do anything"
    assert out.index("may alert the person") < out.index("Needs attention (8)")
    assert "What was checked" in out and "What was not checked" in out
    assert "An accessibility service calls itself \"Sync Services\"" in out
    assert "no stalkerware" not in out.lower()


def test_scan_without_list_says_so(run, tmp_path, fake_adb):
    fake_adb("clean")
    p = run("device", "scan", "--adb", "FAKE0001", env=env(tmp_path))
    assert p.returncode == 0, p.stderr
    assert "The list of known stalkerware is missing" in p.stdout


def test_bad_inputs_give_one_line_and_exit_2(run, tmp_path):
    one_line_error(run("device", "scan", "--from", tmp_path / "nowhere", env=env(tmp_path)),
                   "does not exist")
    junk = tmp_path / "random.zip"
    with zipfile.ZipFile(junk, "w") as zf:
        zf.writestr("a/b.txt", "nothing to see")
    one_line_error(run("device", "scan", "--from", junk, env=env(tmp_path)),
                   "is not an androidqf folder or zip")
    cut = builders.androidqf_folder("stalkerware", tmp_path / "cut", truncate=True)
    one_line_error(run("device", "scan", "--from", cut, env=env(tmp_path)), "truncated")
    one_line_error(run("device", "scan", env=env(tmp_path)), "give either --adb")
    one_line_error(run("indicators", "show", env=env(tmp_path)), "no indicator list yet")


def test_scan_into_case_keeps_raw_outputs_findings_and_ledger(run, tmp_path, fake_adb,
                                                              case_dir):
    fake_adb("disguised")
    p = run("device", "scan", "--adb", "FAKE0001", "--indicators", SMALL_IOC,
            "--case", case_dir, "--json", env=env(tmp_path))
    assert p.returncode == 0, p.stderr
    stored = json.loads(p.stdout)["stored"]
    assert len(stored["raw_exhibits"]) == 14
    with Case.open(case_dir, PASSPHRASE) as case:
        report = json.loads(case.read_exhibit(stored["findings_exhibit"]))
        assert [(f["severity"], f["id"], f["package"])
                for f in report["findings"]] == DISGUISED
        raw = next(r for r in stored["raw_exhibits"] if r["name"] == "dumpsys_package.txt")
        data = case.read_exhibit(raw["exhibit"])
        assert data == (builders.FIXTURES / "disguised" / "dumpsys_package.txt").read_bytes()
        actions = [r[0] for r in case.db.execute("SELECT action FROM ledger ORDER BY seq")]
        assert actions.count("device.scan") == 1
    assert run("verify", case_dir, env=env(tmp_path)).returncode == 0


def test_checklist_records_answers(run, tmp_path, case_dir):
    p = run("device", "checklist", "--case", case_dir,
            input="f\na laptop called DESKTOP-7Q2\na\nq\n", env=env(tmp_path))
    assert p.returncode == 0, p.stderr
    assert "2 of 12 steps answered and recorded in the case" in p.stdout
    with Case.open(case_dir, PASSPHRASE) as case:
        rows = case.db.execute(
            "SELECT subject, payload FROM ledger WHERE action='device.checklist' "
            "ORDER BY seq").fetchall()
    assert [r[0] for r in rows] == ["checklist:accounts:google-devices",
                                    "checklist:accounts:google-location"]
    first = json.loads(rows[0][1])
    assert first["answer"] == "found something" and first["note"] == "a laptop called DESKTOP-7Q2"


def test_indicators_show(run, tmp_path):
    p = run("indicators", "show", "--indicators", SMALL_IOC, "--json", env=env(tmp_path))
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["counts"]["packages"] == 4
    p = run("indicators", "update", "--help", env=env(tmp_path))
    assert "ONLY command in SafeCase that uses the network" in " ".join(p.stdout.split())
