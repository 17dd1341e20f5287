"""The three fixture phones, read over the fake adb and from saved acquisitions."""

from __future__ import annotations

from pathlib import Path

import pytest

from safecase.device import scan
from safecase.device.acquisition import load_path
from safecase.device.acquisition.adb import COMMANDS, acquire
from safecase.errors import UserError
from tests.device import builders
from tests.device.expected import CLEAN, DISGUISED, STALKERWARE, triples


@pytest.mark.parametrize(("phone", "expected"), [
    ("clean", CLEAN), ("stalkerware", STALKERWARE), ("disguised", DISGUISED)])
def test_adb_scan_exact_findings(fake_adb, small_indicators, phone, expected):
    fake_adb(phone)
    result = scan(acquire("FAKE0001"), small_indicators)
    assert triples(result) == expected
    assert result.acquisition.notes == []


def test_adb_only_runs_read_only_commands(fake_adb, small_indicators):
    log = fake_adb("clean")
    acq = acquire("FAKE0001")
    ran = [line.split(" shell ", 1)[1] for line in log.read_text().splitlines()
           if " shell " in line]
    assert sorted(ran) == sorted(c for _k, _n, c in COMMANDS)
    assert all(c.startswith(("pm list", "dumpsys", "settings list", "getprop",
                             "cmd package query-activities")) for c in ran)
    # every raw output is kept, named, and hashed
    assert {r.name for r in acq.raws} == {n for _k, n, _c in COMMANDS}
    assert all(len(r.sha256) == 64 for r in acq.raws)


def test_adb_user_0_fallback(fake_adb, small_indicators):
    log = fake_adb("disguised")
    acq = acquire("FAKE0001")
    ran = log.read_text()
    assert "shell pm list packages -f -i -U -u\n" in ran
    assert "shell pm list packages -f -i -U -u --user 0\n" in ran
    raw = next(r for r in acq.raws if r.name == "pm_list_packages.txt")
    assert raw.command.endswith("pm list packages -f -i -U -u --user 0")
    assert len(acq.artefacts.packages) == 10


def test_adb_wrong_serial_and_unauthorised(fake_adb):
    fake_adb("clean", serial="OTHER")
    with pytest.raises(UserError, match="no phone with serial FAKE0001"):
        acquire("FAKE0001")
    fake_adb("clean", state="unauthorized")
    with pytest.raises(UserError, match="tap 'Allow'"):
        acquire("FAKE0001")


def test_adb_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UserError, match="adb was not found"):
        acquire("X")


def test_evidence_points_at_the_line(fake_adb, small_indicators):
    fake_adb("disguised")
    result = scan(acquire("FAKE0001"), small_indicators)
    acc = next(f for f in result.findings if f.id == "accessibility-service")
    ev = acc.evidence[0]
    assert (ev.artefact, ev.line, ev.package) == ("dumpsys_accessibility.txt", 9,
                                                  "com.android.services.sync")
    assert ev.text.startswith("Enabled services:{{com.android.services.sync/")
    label = next(f for f in result.findings if f.id == "disguised-accessibility")
    assert label.details["label"] == "Sync Services"


def test_androidqf_folder_and_zip(tmp_path, small_indicators):
    folder = builders.androidqf_folder("stalkerware", tmp_path / "aqf")
    for path in (folder, builders.zip_folder(folder, tmp_path / "aqf.zip")):
        acq = load_path(path)
        assert acq.kind == "androidqf"
        result = scan(acq, small_indicators)
        assert triples(result) == STALKERWARE
        known = next(f for f in result.findings if f.id == "known-stalkerware")
        # androidqf kept the APK's certificate: the match is by name AND certificate
        assert known.details["matched_by"] == ["package name", "signing certificate"]
        assert known.details["certificates"] == ["0123456789ABCDEF0123456789ABCDEF01234567"]
        assert known.evidence[0].artefact == "packages.json"
        assert {"packages.json", "dumpsys.txt", "acquisition.json"} <= {r.name for r in acq.raws}


def test_bugreport_zip(tmp_path, small_indicators):
    path = builders.bugreport_zip("stalkerware", tmp_path / "bugreport.zip")
    acq = load_path(path)
    assert acq.kind == "bugreport"
    assert {"settings_global", "settings_secure", "getprop"} <= acq.artefacts.seen
    result = scan(acq, small_indicators)
    assert triples(result) == STALKERWARE
    assert acq.device["model"] == "SM-A525F"


def test_list_missing_still_runs_heuristics(fake_adb):
    fake_adb("stalkerware")
    result = scan(acquire("FAKE0001"), None)
    d = result.to_dict()
    assert d["indicator_list_missing"] is True
    ids = {f["id"] for f in d["findings"]}
    assert "known-stalkerware" not in ids and "disguised-app" in ids
    known = next(c for c in d["checked"] if c["check"].startswith("Known stalkerware"))
    assert known["status"] == "not done" and "missing" in known["detail"]


def test_result_never_says_no_stalkerware(fake_adb, small_indicators):
    fake_adb("clean")
    d = scan(acquire("FAKE0001"), small_indicators).to_dict()
    text = repr(d).lower()
    assert "no stalkerware" not in text
    assert d["not_checked"] and d["checked"]
    assert any("alert the person" in s for s in d["safety"])


def test_missing_and_foreign_inputs(tmp_path):
    from safecase.errors import BadInput

    with pytest.raises(BadInput, match="does not exist"):
        load_path(tmp_path / "nope")
    junk = tmp_path / "holiday.zip"
    import zipfile

    with zipfile.ZipFile(junk, "w") as zf:
        zf.writestr("photos/beach.jpg", b"\xff\xd8\xff\xe0not really")
    with pytest.raises(BadInput, match="is not an androidqf folder or zip"):
        load_path(junk)
    notzip = tmp_path / "notes.txt"
    notzip.write_text("hello")
    with pytest.raises(BadInput, match="neither a folder nor a zip"):
        load_path(notzip)


def test_truncated_dumpsys_is_refused(tmp_path):
    from safecase.errors import BadInput

    folder = builders.androidqf_folder("stalkerware", tmp_path / "aqf", truncate=True)
    with pytest.raises(BadInput, match="truncated"):
        load_path(folder)


def test_encrypted_androidqf_is_explained(tmp_path):
    from safecase.errors import BadInput

    p = tmp_path / "acq.zip.age"
    p.write_bytes(b"age-encryption.org/v1\n")
    with pytest.raises(BadInput, match="encrypted"):
        load_path(Path(p))
