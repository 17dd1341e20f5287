"""Encrypted iTunes/Finder backups: decrypted in memory with the password.

The encrypted backup is built here from the unencrypted fixture by a small
implementation of iOS's scheme (``backup_crypto_helper``), so the events must come out
exactly as from the unencrypted backup."""

from __future__ import annotations

import dataclasses
import plistlib
import struct
from pathlib import Path

import pytest
from backup_crypto_helper import PASSWORD, PLAIN, encrypt_backup, encrypted_fixture, tlv
from helpers_a import FIXTURES, ctx, mutate, only_safecase_errors, parse, sha
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecase.errors import BadInput, UserError
from safecase.importers import _backup_crypto as bc
from safecase.importers.base import ImportContext
from safecase.importers.iphone import IphoneBackupImporter
from safecase.model import ParsedEvent


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return encrypted_fixture(tmp_path_factory)


def with_password(password: str | None, status: list[str] | None = None) -> ImportContext:
    c = ctx()
    c.password = lambda what: password
    if status is not None:
        c.status = status.append
    return c


def comparable(ev: ParsedEvent) -> dict:
    d = dataclasses.asdict(ev)
    d["attachments"] = [(a.name, a.mime, a.note, sha(a.data) if a.data else None)
                        for a in ev.attachments]
    return d


def test_events_are_exactly_those_of_the_unencrypted_backup(encrypted: Path) -> None:
    status: list[str] = []
    got, c = parse(IphoneBackupImporter, encrypted, with_password(PASSWORD, status))
    want, _ = parse(IphoneBackupImporter, PLAIN)
    assert len(got) == 11
    assert [comparable(e) for e in got] == [comparable(e) for e in want]
    texts = [e.text for e in got if e.kind == "message"]
    assert 'Why are you ignoring me?? <b>answer</b> & "now" 😡' in texts  # attributedBody
    calls = [(e.call_status, e.duration_s) for e in got if e.kind == "call"]
    assert calls == [("missed", 0), ("answered", 125), ("unanswered", 0), ("answered", 60),
                     ("answered", 12)]
    photo = next(a for e in got for a in e.attachments if a.data)
    assert photo.data.startswith(b"\xff\xd8") and photo.data.endswith(b"\xff\xd9")
    assert any("decrypted in memory" in n for n in c.notes)
    assert status == ["unlocking the backup (10 key rounds, slow by design)"]


def test_sources_are_the_encrypted_files(encrypted: Path) -> None:
    imp = IphoneBackupImporter()
    names = {p.relative_to(encrypted).as_posix() for p in imp.source_files(encrypted)}
    assert names == {"Manifest.plist", "Manifest.db",
                     "3d/3d0d7e5fb2ce288813306e4d4636395e047a3d28",
                     "5a/5a4935c78a5255723f707230a451d79c540d2741"}


def test_nothing_is_written_next_to_the_backup(encrypted: Path) -> None:
    before = {p: p.read_bytes() for p in encrypted.rglob("*") if p.is_file()}
    parse(IphoneBackupImporter, encrypted, with_password(PASSWORD))
    assert {p: p.read_bytes() for p in encrypted.rglob("*") if p.is_file()} == before


def test_wrong_password_is_one_clear_line(encrypted: Path) -> None:
    with pytest.raises(bc.WrongPassword, match="wrong password for this encrypted iPhone "
                                               "backup") as err:
        IphoneBackupImporter().prepare(encrypted, with_password("hunter2"))
    assert err.value.exit_code == 2 and "\n" not in str(err.value)


def test_no_password_says_how_to_give_one(encrypted: Path) -> None:
    for c in (ctx(), with_password(None)):
        with pytest.raises(UserError, match="encrypted: give its password.*"
                                            "SAFECASE_BACKUP_PASSWORD.*Encrypt local backup"):
            list(IphoneBackupImporter().parse(encrypted, c))


def test_the_old_fixture_without_a_keybag() -> None:
    with pytest.raises(BadInput, match="no BackupKeyBag"):
        list(IphoneBackupImporter().parse(FIXTURES / "iphone" / "backup_encrypted",
                                          with_password(PASSWORD)))


def keybag_of(path: Path) -> bytes:
    return plistlib.loads((path / "Manifest.plist").read_bytes())["BackupKeyBag"]


def test_keybag_is_parsed_like_ios_writes_it(encrypted: Path) -> None:
    attrs, classes = bc.parse_keybag(keybag_of(encrypted), encrypted)
    assert attrs[b"DPIC"] == 10 and attrs[b"ITER"] == 10 and attrs[b"TYPE"] == 1
    assert len(attrs[b"DPSL"]) == 20 and len(attrs[b"SALT"]) == 20
    assert sorted(classes) == list(range(1, 12))
    assert all(len(c[b"WPKY"]) == 40 and c[b"WRAP"] == 2 for c in classes.values())


@pytest.mark.parametrize("rounds", [0, bc.MAX_ROUNDS + 1])
def test_implausible_round_counts_are_refused(rounds: int) -> None:
    bag = b"".join([tlv(b"UUID", bytes(16)), tlv(b"SALT", bytes(20)), tlv(b"ITER", 10),
                    tlv(b"DPSL", bytes(20)), tlv(b"DPIC", rounds), tlv(b"UUID", bytes(16)),
                    tlv(b"CLAS", 3), tlv(b"WRAP", 2), tlv(b"WPKY", bytes(40))])
    with pytest.raises(BadInput, match="key rounds"):
        bc.parse_keybag(bag, Path("Manifest.plist"))


def test_truncated_keybag() -> None:
    with pytest.raises(BadInput, match="truncated"):
        bc.parse_keybag(tlv(b"SALT", bytes(20))[:-3], Path("Manifest.plist"))


def test_real_round_counts_are_reported_to_the_status_line(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch
                                                          ) -> None:
    # Apple's 10,000,000 rounds take seconds by design: the status line says why. The
    # derivation itself is stubbed here to keep the test fast (it is hashlib's PBKDF2).
    out = tmp_path / "b"
    encrypt_backup(PLAIN, out, PASSWORD)
    info = plistlib.loads((out / "Manifest.plist").read_bytes())
    bag = info["BackupKeyBag"].replace(tlv(b"DPIC", 10), tlv(b"DPIC", 10_000_000))
    info["BackupKeyBag"] = bag
    (out / "Manifest.plist").write_bytes(plistlib.dumps(info, fmt=plistlib.FMT_BINARY))
    real = bc.password_key
    monkeypatch.setattr(bc, "password_key", lambda pw, attrs: real(
        pw, {**attrs, b"DPIC": 10}))
    status: list[str] = []
    IphoneBackupImporter().prepare(out, with_password(PASSWORD, status))
    assert status == ["unlocking the backup (10,000,000 key rounds, slow by design)"]


def test_padding_and_sizes() -> None:
    from backup_crypto_helper import aes_cbc
    key = bytes(range(32))
    for n in (0, 1, 15, 16, 17, 4096):
        data = bytes(range(256)) * 20
        data = data[:n]
        enc = aes_cbc(key, data)
        assert bytes(bc.decrypt_stream(key, __import__("io").BytesIO(enc).read,
                                       Path("f"))) == data
    with pytest.raises(BadInput, match="whole AES blocks"):
        bc.decrypt_stream(key, __import__("io").BytesIO(b"x" * 17).read, Path("f"))
    with pytest.raises(BadInput, match="wrong key or damaged"):
        bc.decrypt_stream(bytes(32), __import__("io").BytesIO(aes_cbc(key, b"abc")).read,
                          Path("f"))


def test_manifest_key_of_an_unknown_class(encrypted: Path, tmp_path: Path) -> None:
    import shutil
    out = tmp_path / "b"
    shutil.copytree(encrypted, out)
    info = plistlib.loads((out / "Manifest.plist").read_bytes())
    info["ManifestKey"] = struct.pack("<I", 99) + info["ManifestKey"][4:]
    (out / "Manifest.plist").write_bytes(plistlib.dumps(info, fmt=plistlib.FMT_BINARY))
    with pytest.raises(BadInput, match="protection class 99 has no key"):
        IphoneBackupImporter().prepare(out, with_password(PASSWORD))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), n=st.integers(1, 6),
       target=st.sampled_from(["Manifest.plist", "Manifest.db",
                               "3d/3d0d7e5fb2ce288813306e4d4636395e047a3d28",
                               "5a/5a4935c78a5255723f707230a451d79c540d2741"]))
def test_fuzz_damaged_encrypted_backup(encrypted: Path, tmp_path_factory:
                                       pytest.TempPathFactory, seed: int, n: int,
                                       target: str) -> None:
    import shutil
    out = tmp_path_factory.mktemp("fuzz") / "b"
    shutil.copytree(encrypted, out)
    (out / target).write_bytes(mutate((encrypted / target).read_bytes(), seed, n))
    only_safecase_errors(lambda: parse(IphoneBackupImporter, out, with_password(PASSWORD)))
