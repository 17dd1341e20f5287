"""Privacy and integrity: no plaintext on disk, crash safety, tamper evidence."""

import json
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sqlcipher3
from conftest import PASSPHRASE, ROOT, cli_env, head_of
from helpers_sms import many_sms

from safecase.store import crypto
from safecase.store.case import Case
from safecase.store.verify import verify_case

MARKER = "ZQXMARKER-7f3a9c-unique"


def contains_marker(folder: Path, marker: str = MARKER) -> list[str]:
    needles = [marker.encode("utf-8"), marker.encode("utf-16-le"), marker.encode("utf-16-be")]
    return [str(p) for p in folder.rglob("*") if p.is_file()
            and any(n in p.read_bytes() for n in needles)]


def test_no_plaintext_anywhere_after_import(run, case_dir: Path, tmp_path: Path) -> None:
    src = tmp_path / "sms-marker.xml"
    src.write_text(many_sms(300, MARKER))
    assert run("import", case_dir, src).returncode == 0
    assert run("add", case_dir, "--kind", "visit", "--at", "2024-03-14 21:05",
               "--text", f"At my door {MARKER}", "--felt", MARKER).returncode == 0
    res = run("events", case_dir, "--jsonl")
    assert MARKER in res.stdout  # it is in the case...
    assert contains_marker(case_dir) == []  # ...but never in the clear on disk


def _start_import(case_dir: Path, src: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "safecase", "import", str(case_dir),
                             str(src)], env=cli_env(), cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def test_kill_nine_during_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    n = 6000
    src = tmp_path / "sms-big.xml"
    src.write_text(many_sms(n, MARKER))
    template = tmp_path / "template"
    Case.create(template, PASSPHRASE).close()
    # How long one import takes here, so kills land before, during and after it.
    probe = tmp_path / "probe"
    shutil.copytree(template, probe)
    t0 = time.monotonic()
    assert _start_import(probe, src).wait() == 0
    full = time.monotonic() - t0
    rng = random.Random(7)
    outcomes = set()
    for trial in range(20):
        case_dir = tmp_path / f"trial{trial}"
        shutil.copytree(template, case_dir)
        proc = _start_import(case_dir, src)
        time.sleep(rng.uniform(0.05, full * 1.1))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert contains_marker(case_dir) == [], f"trial {trial}: plaintext left on disk"
        with Case.open(case_dir, PASSPHRASE) as case:
            count = case.db.execute("SELECT count(*) FROM events").fetchone()[0]
            sources = case.db.execute("SELECT count(*) FROM sources").fetchone()[0]
            assert (count, sources) in ((0, 0), (n, 1)), f"trial {trial}: {count} events"
            outcomes.add(count)
            rep = verify_case(case)
            assert rep.ok, rep.problems
            case.sweep_leftovers()
            assert sum(1 for _ in case.blobs.all_ids()) == sources
        # Re-running the import completes it.
        assert _start_import(case_dir, src).wait() == 0
        with Case.open(case_dir, PASSPHRASE) as case:
            assert case.db.execute("SELECT count(*) FROM events").fetchone()[0] == n
            assert verify_case(case).ok
    assert 0 in outcomes, "no kill landed before the commit; the test proves nothing"


@pytest.fixture
def filled_case(case_dir: Path, tmp_path: Path) -> Path:
    src = tmp_path / "sms-x.xml"
    src.write_text(many_sms(50))
    with Case.open(case_dir, PASSPHRASE) as case:
        case.import_path(src)
        case.add_exhibit(b"photo bytes", "door.jpg", "image/jpeg", kind="photo")
    return case_dir


def _blob_files(case_dir: Path) -> list[Path]:
    return sorted(p for p in (case_dir / "blobs").rglob("*") if p.is_file())


def test_verify_passes_untouched(run, filled_case: Path) -> None:
    res = run("verify", filled_case)
    assert res.returncode == 0 and res.stdout.startswith("OK:")


@pytest.mark.parametrize("which", [0, 1])
def test_flipped_byte_in_any_blob_is_named(run, filled_case: Path, which: int) -> None:
    with Case.open(filled_case, PASSPHRASE) as case:
        blob, label, rid = [(b, "source", i) for i, b in case.db.execute(
            "SELECT id, blob FROM sources")] [0] if which == 0 else \
            [(b, "exhibit", i) for i, b in case.db.execute("SELECT id, blob FROM exhibits")][0]
        path = case.blobs.path(blob)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    res = run("verify", filled_case)
    assert res.returncode != 0
    assert f"{label} {rid}" in res.stdout and "altered" in res.stdout


def _raw_db(case_dir: Path):
    with Case.open(case_dir, PASSPHRASE) as case:
        key = crypto.subkey(case._data_key, "database")
    db = sqlcipher3.connect(str(case_dir / "case.db"), isolation_level=None)
    db.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return db


@pytest.mark.parametrize(("statements", "named"), [
    (["DROP TRIGGER ledger_no_update",
      "UPDATE ledger SET at='2020-01-01T00:00:00.000000Z' WHERE seq=2"], "ledger entry 2"),
    (["DROP TRIGGER ledger_no_update",
      "UPDATE ledger SET payload=replace(payload, '50', '49') WHERE seq=2"], "ledger entry 2"),
    (["DROP TRIGGER ledger_no_delete",
      "DELETE FROM ledger WHERE seq=(SELECT max(seq) FROM ledger)"], "missing"),
    (["UPDATE events SET text='I never said that' WHERE id=7"], "event 7"),
    (["DELETE FROM events WHERE id=3"], "import 1"),
    (["UPDATE sources SET sha256=replace(sha256, substr(sha256, 1, 1), 'f')"], "source 1"),
], ids=["ledger-time", "ledger-payload", "ledger-truncated", "event-text", "event-deleted",
        "source-hash"])
def test_raw_database_tampering_is_named(run, filled_case: Path, statements: list[str],
                                         named: str) -> None:
    db = _raw_db(filled_case)
    for sql in statements:
        db.execute(sql)
    db.close()
    res = run("verify", filled_case)
    assert res.returncode != 0 and named in res.stdout, res.stdout


def test_missing_blob_file_is_named(run, filled_case: Path) -> None:
    _blob_files(filled_case)[0].unlink()
    res = run("verify", filled_case)
    assert res.returncode != 0 and "missing" in res.stdout


def test_log_prints_the_chain(run, filled_case: Path) -> None:
    res = run("log", filled_case, "--jsonl")
    entries = [json.loads(x) for x in res.stdout.splitlines()]
    assert [e["action"] for e in entries] == ["create", "import", "exhibit"]
    assert entries[1]["prev_hash"] == entries[0]["hash"]
    assert entries[-1]["hash"] == head_of(filled_case)
    assert entries[1]["payload"]["events_added"] == 50
