"""The bundle: standard tools and `safecase verify` accept an untouched one and name every
change to it; redaction reaches every file; encryption round-trips."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import bagit
import pyrage
import pytest
from report_support import CONFIRM, PASS, pdf_text

from safecase.report.bundle import verify_bundle, write_bundle
from safecase.report.model import ReportOptions, build_report
from safecase.store import ledger
from safecase.store.case import Case
from safecase.store.queries import people

FRIEND = "+447700900321"          # the friend's number in the sample (a third party)


@pytest.fixture(scope="module")
def bundle(sample_case: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    out = tmp_path_factory.mktemp("bundle") / "case-bundle.zip"
    with Case.open(sample_case, PASS) as case:
        rep = build_report(case, ReportOptions())
        result = write_bundle(rep, out, prepared_by="Test Advocate")
        last = list(ledger.entries(case.db))[-1]
    return {"path": out, "result": result, "last_entry": last}


def _extract(path: Path, dest: Path) -> Path:
    with zipfile.ZipFile(path) as zf:
        zf.extractall(dest)
    (bag,) = list(dest.iterdir())
    return bag


def _rewrite(src: Path, dst: Path, change: dict[str, bytes | None], add: dict[str, bytes]
             | None = None) -> None:
    """Copies a bundle zip, replacing (bytes) or dropping (None) members by bag path."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        bag = zin.namelist()[0].split("/", 1)[0]
        for info in zin.infolist():
            rel = info.filename.split("/", 1)[1]
            if rel in change:
                if change[rel] is not None:
                    zout.writestr(info.filename, change[rel])
                continue
            zout.writestr(info, zin.read(info))
        for rel, data in (add or {}).items():
            zout.writestr(f"{bag}/{rel}", data)


def test_untouched_bundle_verifies_everywhere(bundle: dict, tmp_path: Path) -> None:
    res = verify_bundle(bundle["path"])
    assert res.ok, res.problems
    assert res.sources == 2 and res.exhibits == 2 and res.events > 400
    assert res.head == bundle["result"].fingerprint
    bag = _extract(bundle["path"], tmp_path)
    for manifest in ("manifest-sha256.txt", "tagmanifest-sha256.txt"):
        proc = subprocess.run(["sha256sum", "-c", manifest], cwd=bag, capture_output=True,
                              text=True)
        assert proc.returncode == 0, proc.stdout + proc.stderr
    assert bagit.Bag(str(bag)).is_valid()
    info = (bag / "bag-info.txt").read_text()
    assert f"SafeCase-Case-Fingerprint: {res.head}" in info
    assert "Contact-Name: Test Advocate" in info
    # The report in the bag carries the same fingerprint the ledger ends with.
    assert res.head in pdf_text(bag / "data" / "report.pdf")
    # Originals are byte-exact.
    from report_support import SAMPLES
    assert (bag / "data/sources/S1-sms-20240414120000.xml").read_bytes() == \
        (SAMPLES / "sms-20240414120000.xml").read_bytes()
    assert (bag / "data/exhibits/X1-car.png").read_bytes() == \
        (SAMPLES / "assets" / "car.png").read_bytes()
    assert (bag / "data/exhibits/X2-doorstep.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bundle_is_recorded_in_the_ledger(bundle: dict) -> None:
    last = bundle["last_entry"]
    payload = json.loads(last.payload)
    assert last.action == "bundle"
    assert payload["sha256"] == bundle["result"].sha256
    assert payload["case_fingerprint"] == bundle["result"].fingerprint
    assert last.prev_hash == bundle["result"].fingerprint


def test_verify_cli_accepts_the_bundle(bundle: dict) -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    proc = subprocess.run([sys.executable, "-m", "safecase", "verify", str(bundle["path"]),
                           "--json"], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["ok"] is True


def test_changed_byte_in_a_file_is_named(bundle: dict, tmp_path: Path) -> None:
    with zipfile.ZipFile(bundle["path"]) as zf:
        name = next(n for n in zf.namelist() if "/data/exhibits/X2" in n)
        data = bytearray(zf.read(name))
    data[len(data) // 2] ^= 0x01
    bad = tmp_path / "bad.zip"
    _rewrite(bundle["path"], bad, {"data/exhibits/X2-doorstep.png": bytes(data)})
    res = verify_bundle(bad)
    assert not res.ok
    assert res.problems[0].startswith("data/exhibits/X2-doorstep.png: SHA-256 is")


def test_flipped_byte_in_the_zip_itself_fails(bundle: dict, tmp_path: Path) -> None:
    raw = bytearray(bundle["path"].read_bytes())
    with zipfile.ZipFile(bundle["path"]) as zf:
        info = zf.getinfo(next(n for n in zf.namelist() if n.endswith("S1-sms-"
                                                                        "20240414120000.xml")))
    # Inside the member's data: past its local header (30 bytes + name + extra).
    pos = info.header_offset + 30 + len(info.filename.encode()) + 40
    raw[pos] ^= 0xFF
    bad = tmp_path / "flipped.zip"
    bad.write_bytes(bytes(raw))
    res = verify_bundle(bad)
    assert not res.ok
    assert any("S1-sms-20240414120000.xml" in p for p in res.problems)


def test_missing_file_is_named(bundle: dict, tmp_path: Path) -> None:
    bad = tmp_path / "missing.zip"
    _rewrite(bundle["path"], bad, {"data/sources/S2-calls-20240414120000.xml": None})
    res = verify_bundle(bad)
    assert not res.ok
    assert "data/sources/S2-calls-20240414120000.xml" in res.problems[0]
    assert "missing" in res.problems[0]


def test_extra_file_is_named(bundle: dict, tmp_path: Path) -> None:
    bad = tmp_path / "extra.zip"
    _rewrite(bundle["path"], bad, {}, add={"data/sources/planted.txt": b"hello"})
    res = verify_bundle(bad)
    assert not res.ok
    assert res.problems[0].startswith("data/sources/planted.txt: not listed in manifest")


def _edit_event_line(bundle_path: Path, line_no: int) -> tuple[bytes, int]:
    with zipfile.ZipFile(bundle_path) as zf:
        name = next(n for n in zf.namelist() if n.endswith("data/events.jsonl"))
        lines = zf.read(name).decode("utf-8").splitlines(keepends=True)
    ev = json.loads(lines[line_no - 1])
    ev["text"] = "I never sent anything like that"
    lines[line_no - 1] = json.dumps(ev, ensure_ascii=False) + "\n"
    return "".join(lines).encode("utf-8"), ev["id"]


def test_edited_events_line_is_named(bundle: dict, tmp_path: Path) -> None:
    data, event_id = _edit_event_line(bundle["path"], 7)
    bad = tmp_path / "edited.zip"
    _rewrite(bundle["path"], bad, {"data/events.jsonl": data})
    res = verify_bundle(bad)
    assert not res.ok
    assert res.problems[0] == (f"data/events.jsonl line 7 (event {event_id}): text differs "
                               "from the stored field (edited)")
    assert any(p.startswith("data/events.jsonl: SHA-256 is") for p in res.problems)


def test_edited_events_line_with_rewritten_manifests_still_fails(bundle: dict,
                                                                  tmp_path: Path) -> None:
    """Someone who edits a line and recomputes both manifests is still caught: the line's
    stored fields no longer match its content hash, and that matches the ledger."""
    import hashlib

    with zipfile.ZipFile(bundle["path"]) as zf:
        name = next(n for n in zf.namelist() if n.endswith("data/events.jsonl"))
        lines = zf.read(name).decode("utf-8").splitlines(keepends=True)
        manifest = zf.read(name.replace("data/events.jsonl", "manifest-sha256.txt")).decode()
        tags = {n.split("/", 1)[1]: zf.read(n) for n in zf.namelist()
                if "/" not in n.split("/", 1)[1]}
    ev = json.loads(lines[2])
    ev["text"] = ev["stored"][9] = "I never sent anything like that"
    lines[2] = json.dumps(ev, ensure_ascii=False) + "\n"
    data = "".join(lines).encode()
    new_manifest = "".join(
        (f"{hashlib.sha256(data).hexdigest()}  data/events.jsonl\n"
         if ln.endswith("  data/events.jsonl") else ln + "\n")
        for ln in manifest.splitlines())
    tags["manifest-sha256.txt"] = new_manifest.encode()
    tagmanifest = "".join(f"{hashlib.sha256(tags[t]).hexdigest()}  {t}\n" for t in
                          sorted(t for t in tags if t != "tagmanifest-sha256.txt"))
    bad = tmp_path / "forged.zip"
    _rewrite(bundle["path"], bad, {"data/events.jsonl": data,
                                   "manifest-sha256.txt": new_manifest.encode(),
                                   "tagmanifest-sha256.txt": tagmanifest.encode()})
    res = verify_bundle(bad)
    assert not res.ok
    assert res.problems[0].startswith(f"data/events.jsonl line 3 (event {ev['id']}): its "
                                      "stored fields do not match its content hash")


def test_edited_ledger_line_breaks_the_chain(bundle: dict, tmp_path: Path) -> None:
    with zipfile.ZipFile(bundle["path"]) as zf:
        name = next(n for n in zf.namelist() if n.endswith("data/ledger.jsonl"))
        lines = zf.read(name).decode().splitlines(keepends=True)
    entry = json.loads(lines[1])
    entry["at"] = "2020-01-01T00:00:00.000000Z"
    lines[1] = json.dumps(entry) + "\n"
    bad = tmp_path / "ledger.zip"
    _rewrite(bundle["path"], bad, {"data/ledger.jsonl": "".join(lines).encode()})
    res = verify_bundle(bad)
    assert not res.ok
    assert res.problems[0].startswith("data/ledger.jsonl: ledger entry 2")


def test_redaction_reaches_every_file_and_the_pdf_text(sample_case: Path,
                                                       tmp_path: Path) -> None:
    copy = tmp_path / "case"
    shutil.copytree(sample_case, copy)
    rules = ["third-party-numbers", "Elm Road", "regex:CAD \\d+"]
    with Case.open(copy, PASS) as case:
        # The report is about Alex's two numbers; the friend is a third party.
        alex = [p["id"] for p in people(case)
                if any(i["value"] in ("+447700900456", "+447700900789")
                       for i in p["identities"])]
        assert len(alex) == 2
        rep = build_report(case, ReportOptions(persons=alex, redact=rules))
        write_bundle(rep, tmp_path / "red.zip")
    bag = _extract(tmp_path / "red.zip", tmp_path / "x")
    needles = [b"7700900321", b"7700 900321", b"Elm Road", b"CAD 4411"]
    files = [p for p in bag.rglob("*") if p.is_file()]
    assert len(files) >= 10
    for f in files:
        data = f.read_bytes()
        for needle in needles:
            assert needle not in data, (f, needle)
    text = pdf_text(bag / "data" / "report.pdf")
    for needle in needles:
        assert needle.decode() not in text
    assert "[REDACTED 2]" in text
    assert "[REDACTED 1]" in (bag / "data" / "events.jsonl").read_text()
    assert "Rule 1 (third-party-numbers):" in text
    info = json.loads((bag / "data" / "redactions.json").read_text())
    assert [r["rule"] for r in info["rules"]] == [1, 2, 3]
    assert all(r["replacements"] > 0 for r in info["rules"])
    assert "Elm Road" not in json.dumps(info)
    # Confirmed quotes without redacted parts stay exact.
    assert next(iter(CONFIRM)) in text
    res = verify_bundle(tmp_path / "red.zip")
    assert res.ok, res.problems
    assert any("redacted" in n for n in res.notes)
    for manifest in ("manifest-sha256.txt", "tagmanifest-sha256.txt"):
        assert subprocess.run(["sha256sum", "--quiet", "-c", manifest], cwd=bag).returncode == 0


def test_encrypted_to_an_age_key(sample_case: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ident = pyrage.x25519.Identity.generate()
    key_file = tmp_path / "advocate.key"
    key_file.write_text(str(ident) + "\n")
    copy = tmp_path / "case"
    shutil.copytree(sample_case, copy)
    with Case.open(copy, PASS) as case:
        rep = build_report(case, ReportOptions())
        write_bundle(rep, tmp_path / "enc.zip.age", encrypt_to=str(ident.to_public()))
    raw = (tmp_path / "enc.zip.age").read_bytes()
    assert raw.startswith(b"age-encryption.org/v1")
    assert b"bagit.txt" not in raw
    monkeypatch.delenv("SAFECASE_BUNDLE_IDENTITY", raising=False)
    monkeypatch.delenv("SAFECASE_BUNDLE_PASSPHRASE", raising=False)
    from safecase.errors import UserError
    with pytest.raises(UserError, match="encrypted"):
        verify_bundle(tmp_path / "enc.zip.age")
    monkeypatch.setenv("SAFECASE_BUNDLE_IDENTITY", str(key_file))
    res = verify_bundle(tmp_path / "enc.zip.age")
    assert res.ok, res.problems
    # The officer's way: the CLI with the identity file named on the command line.
    monkeypatch.delenv("SAFECASE_BUNDLE_IDENTITY")
    cli = subprocess.run([sys.executable, "-m", "safecase", "verify", str(tmp_path / "enc.zip.age"),
                          "--identity", str(key_file)], capture_output=True, text=True)
    assert cli.returncode == 0 and cli.stdout.startswith("OK:"), cli.stderr
    cli = subprocess.run([sys.executable, "-m", "safecase", "verify", str(tmp_path / "enc.zip.age")],
                         capture_output=True, text=True)
    assert cli.returncode == 2 and "encrypted" in cli.stderr


def test_encrypted_with_a_passphrase(sample_case: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "case"
    shutil.copytree(sample_case, copy)
    with Case.open(copy, PASS) as case:
        rep = build_report(case, ReportOptions())
        write_bundle(rep, tmp_path / "p.zip.age", passphrase="advocate passphrase")
    monkeypatch.setenv("SAFECASE_BUNDLE_PASSPHRASE", "advocate passphrase")
    assert verify_bundle(tmp_path / "p.zip.age").ok
    monkeypatch.setenv("SAFECASE_BUNDLE_PASSPHRASE", "wrong one!")
    from safecase.errors import UserError
    with pytest.raises(UserError, match="wrong passphrase"):
        verify_bundle(tmp_path / "p.zip.age")
