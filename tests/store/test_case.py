import json
from pathlib import Path

import pytest
from conftest import PASSPHRASE, head_of, snapshot

from safecase.errors import CaseExists, CaseNotFound, UserError, WrongPassphrase
from safecase.store import ledger, schema
from safecase.store.case import Case


def test_create_and_reopen(case_dir: Path) -> None:
    header = json.loads((case_dir / "case.json").read_text())
    assert header["kdf"]["name"] == "argon2id"
    assert header["kdf"]["memory_kib"] >= 65536 and header["kdf"]["time_cost"] >= 3
    assert "wrapped_key" in header and len(bytes.fromhex(header["wrapped_key"]["ct"])) == 48
    with Case.open(case_dir, PASSPHRASE) as case:
        assert case.settings["tz"] == "Europe/London"
        assert [e.action for e in ledger.entries(case.db)] == ["create"]


def test_database_is_not_plain_sqlite(case_dir: Path) -> None:
    assert not (case_dir / "case.db").read_bytes().startswith(b"SQLite format 3")


def test_wrong_passphrase_changes_nothing(case_dir: Path) -> None:
    before = snapshot(case_dir)
    with pytest.raises(WrongPassphrase):
        Case.open(case_dir, "not the passphrase")
    assert snapshot(case_dir) == before


def test_change_passphrase_rewraps_without_touching_data(case_dir: Path) -> None:
    db_before = (case_dir / "case.db").stat().st_size
    with Case.open(case_dir, PASSPHRASE) as case:
        case.change_passphrase("a brand new passphrase")
    with pytest.raises(WrongPassphrase):
        Case.open(case_dir, PASSPHRASE)
    with Case.open(case_dir, "a brand new passphrase") as case:
        actions = [e.action for e in ledger.entries(case.db)]
    assert actions[-1] == "passphrase-change"
    assert (case_dir / "case.db").stat().st_size == db_before


def test_create_refuses_existing_case_and_non_empty_folder(case_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(CaseExists):
        Case.create(case_dir, PASSPHRASE)
    other = tmp_path / "other"
    other.mkdir()
    (other / "file.txt").write_text("x")
    with pytest.raises(CaseExists):
        Case.create(other, PASSPHRASE)


def test_open_missing_case(tmp_path: Path) -> None:
    with pytest.raises(CaseNotFound):
        Case.open(tmp_path / "nope", PASSPHRASE)


def test_settings_are_validated_and_logged(open_case: Case) -> None:
    open_case.set_setting("tz", "America/New_York")
    assert open_case.settings["tz"] == "America/New_York"
    with pytest.raises(UserError, match="time zone"):
        open_case.set_setting("tz", "Mars/Olympus")
    with pytest.raises(UserError):
        open_case.set_setting("autolock_minutes", "0")
    assert list(ledger.entries(open_case.db))[-1].action == "setting"


def test_ledger_refuses_update_and_delete(open_case: Case) -> None:
    import sqlcipher3

    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        open_case.db.execute("UPDATE ledger SET action='x'")
    with pytest.raises(sqlcipher3.IntegrityError, match="append-only"):
        open_case.db.execute("DELETE FROM ledger")


def test_migrations_apply_in_order_and_are_recorded(case_dir: Path, monkeypatch) -> None:
    extra = "CREATE TABLE notes_test(id INTEGER PRIMARY KEY)"
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, extra])
    with Case.open(case_dir, PASSPHRASE) as case:
        assert schema.current_version(case.db) == len(schema.MIGRATIONS)
        case.db.execute("SELECT * FROM notes_test").fetchall()
        last = list(ledger.entries(case.db))[-1]
        assert last.action == "migrate"
    # Opening again applies nothing more.
    head = head_of(case_dir)
    assert head_of(case_dir) == head


def test_link_and_unlink_are_ledger_entries(open_case: Case) -> None:
    with open_case.transaction():
        a = open_case.identity_id("+447700900456", "phone", "sms")
        b = open_case.identity_id("07700 900789", "phone", "sms")
    person = open_case.link([a, b], name="Alex")
    rows = open_case.db.execute("SELECT person_id FROM identities WHERE id IN (?,?)",
                                (a, b)).fetchall()
    assert {r[0] for r in rows} == {person}
    open_case.unlink(b)
    actions = [e.action for e in ledger.entries(open_case.db)]
    assert actions[-2:] == ["link", "unlink"]


def test_close_drops_every_key(case_dir: Path) -> None:
    case = Case.open(case_dir, PASSPHRASE)
    blob_id, _, _ = case.blobs.put_bytes(b"evidence")
    store = case.blobs
    case.close()
    assert case._data_key == b"" and case._header_key == b""
    with pytest.raises(ValueError):  # AES-GCM refuses an empty key
        store.read(blob_id)
