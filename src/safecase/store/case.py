"""A case: one folder holding an encrypted database, encrypted blobs and a key header.

    CASE/case.json   key header: Argon2id parameters, the wrapped data key, sealed ledger head
    CASE/case.db     SQLCipher database (events, sources, exhibits, people, signals, ledger)
    CASE/blobs/      AES-256-GCM blobs: original source files and exhibits, byte-exact

The header carries no case content. Opening needs the passphrase; the data key lives only in
this process's memory and is dropped by ``close``. SQLCipher encrypts the database, its
rollback journal and its WAL; temporary tables and sorts are kept in memory so nothing
reaches disk in the clear.
"""

from __future__ import annotations

import fcntl
import json
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import sqlcipher3
from cryptography.exceptions import InvalidTag

from safecase import __version__
from safecase.errors import (
    CaseExists,
    CaseLocked,
    CaseNotFound,
    IntegrityError,
    NotFound,
    UserError,
    WrongPassphrase,
)
from safecase.identities import display, normalise
from safecase.store import crypto, ledger, schema
from safecase.store.blobs import BlobStore

HEADER = "case.json"
DATABASE = "case.db"
BLOBS = "blobs"
LOCK = ".lock"
HEADER_FORMAT = "safecase-case"
HEADER_VERSION = 1

DEFAULT_SETTINGS = {
    "tz": "UTC",
    "region": "GB",
    "autolock_minutes": "10",
    "subject_name": "",
}


def _wrap_ad(case_id: str) -> bytes:
    return f"safecase/data-key/{case_id}".encode()


def _head_ad(case_id: str) -> bytes:
    return f"safecase/ledger-head/{case_id}".encode()


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def check_zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"unknown time zone {name!r} (use a name like Europe/London)") from None


class Case:
    """An open, unlocked case. Use ``Case.create`` or ``Case.open``; close when done."""

    def __init__(self, root: Path, header: dict[str, Any], data_key: bytes,
                 lock_fd: int) -> None:
        self.root = root
        self.header = header
        self.case_id: str = header["case_id"]
        self._data_key = data_key
        self._header_key = crypto.subkey(data_key, "header")
        self._lock_fd = lock_fd
        self.blobs = BlobStore(root / BLOBS, crypto.subkey(data_key, "blobs"))
        self.db = self._connect(crypto.subkey(data_key, "database"))
        self._identity_cache: dict[tuple[str, str, str], int] = {}

    # ----- opening and closing -------------------------------------------------------

    @classmethod
    def create(cls, root: Path | str, passphrase: str, *, tz: str | None = None,
               region: str | None = None, subject_name: str | None = None) -> Case:
        root = Path(root)
        if (root / HEADER).exists():
            raise CaseExists(f"{root}: a case already exists here")
        if root.exists() and any(root.iterdir()):
            raise CaseExists(f"{root}: folder is not empty; choose a new folder for the case")
        if len(passphrase) < 8:
            raise UserError("choose a passphrase of at least 8 characters")
        if tz:
            check_zone(tz)
        root.mkdir(parents=True, exist_ok=True)
        os.chmod(root, 0o700)
        case_id = str(uuid.uuid4())
        params = crypto.KdfParams.fresh()
        kek = crypto.derive_kek(passphrase, params)
        data_key = os.urandom(crypto.KEY_BYTES)
        header = {
            "format": HEADER_FORMAT, "version": HEADER_VERSION, "case_id": case_id,
            "kdf": params.to_dict(),
            "wrapped_key": crypto.seal(kek, data_key, _wrap_ad(case_id)),
            "cipher": {"database": "sqlcipher4-raw-key", "blobs": "aes-256-gcm-chunked-v1"},
        }
        _write_atomic(root / HEADER, json.dumps(header, indent=2))
        (root / LOCK).touch()
        lock_fd = cls._lock(root)
        case = cls(root, header, data_key, lock_fd)
        with case.transaction():
            for number, sql in schema.pending(case.db):
                schema.apply(case.db, number, sql)
            settings = dict(DEFAULT_SETTINGS)
            if tz:
                settings["tz"] = tz
            if region:
                settings["region"] = region.upper()
            if subject_name:
                settings["subject_name"] = subject_name
            for k, v in settings.items():
                case.db.execute("INSERT INTO meta(key, value) VALUES(?, ?)", (f"setting.{k}", v))
            case.record("create", f"case:{case_id}", {
                "case_id": case_id, "safecase_version": __version__,
                "schema_version": schema.SCHEMA_VERSION, "kdf": params.to_dict(),
            })
        return case

    @classmethod
    def open(cls, root: Path | str, passphrase: str) -> Case:
        root = Path(root)
        header = cls.read_header(root)
        try:
            params = crypto.KdfParams.from_dict(header["kdf"])
            kek = crypto.derive_kek(passphrase, params)
            data_key = crypto.open_sealed(kek, header["wrapped_key"], _wrap_ad(header["case_id"]))
        except InvalidTag:
            raise WrongPassphrase() from None
        except (KeyError, ValueError, TypeError):
            raise IntegrityError(f"{root / HEADER}: the key header is damaged") from None
        lock_fd = cls._lock(root)
        case = cls(root, header, data_key, lock_fd)
        try:
            case._migrate()
        except BaseException:
            case.close()
            raise
        return case

    @staticmethod
    def read_header(root: Path) -> dict[str, Any]:
        path = root / HEADER
        if not path.exists():
            raise CaseNotFound(f"{root}: no SafeCase case here (create one with `safecase init`)")
        try:
            header = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raise IntegrityError(f"{path}: the key header is unreadable or damaged") from None
        if not isinstance(header, dict) or header.get("format") != HEADER_FORMAT:
            raise IntegrityError(f"{path}: not a SafeCase key header")
        if header.get("version", 0) > HEADER_VERSION:
            raise UserError(f"{root}: made by a newer SafeCase; update SafeCase to open it")
        return header

    @staticmethod
    def _lock(root: Path) -> int:
        """Shared lock for the life of the handle; a brief exclusive one (when we are alone)
        lets us sweep blobs an interrupted write left behind."""
        fd = os.open(root / LOCK, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise CaseLocked(f"{root}: the case is busy in another SafeCase window") from None
        return fd

    def _connect(self, key: bytes) -> Any:
        db = sqlcipher3.connect(str(self.root / DATABASE), isolation_level=None,
                                check_same_thread=False, timeout=30)
        db.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        db.execute("PRAGMA temp_store = MEMORY")     # no plaintext temp files
        db.execute("PRAGMA journal_mode = DELETE")   # the journal is encrypted by SQLCipher
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA cache_size = -65536")
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher3.DatabaseError:
            db.close()
            raise IntegrityError(
                f"{self.root / DATABASE}: the database does not open with this case's key "
                "(damaged or replaced)"
            ) from None
        return db

    def _migrate(self) -> None:
        todo = schema.pending(self.db)
        if not todo:
            return
        with self.transaction():
            for number, sql in todo:
                schema.apply(self.db, number, sql)
                self.record("migrate", f"schema:{number}", {"schema_version": number})

    def sweep_leftovers(self) -> int:
        """Removes blobs left by an interrupted import. Only when no other process has the
        case open: their in-progress blobs are not referenced yet either."""
        try:
            fcntl.flock(self._lock_fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return 0
        try:
            referenced = {r[0] for r in self.db.execute("SELECT blob FROM sources")}
            referenced |= {r[0] for r in self.db.execute("SELECT blob FROM exhibits")}
            return self.blobs.sweep(referenced)
        finally:
            fcntl.flock(self._lock_fd, fcntl.LOCK_SH)

    def close(self) -> None:
        if getattr(self, "db", None) is not None:
            self.db.close()
            self.db = None
        # Drop every key this handle holds, not just the data key: the blob store keeps
        # its own sub-key, and a locked case must not be readable from this process.
        self._data_key = b""
        self._header_key = b""
        self.blobs.forget_key()
        if self._lock_fd >= 0:
            os.close(self._lock_fd)
            self._lock_fd = -1

    def __enter__(self) -> Case:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- transactions and the ledger -------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic unit of work: all of it lands, or none of it does."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")
        self._seal_head()

    def record(self, action: str, subject: str, payload: dict[str, Any]) -> ledger.Entry:
        """Appends a custody-ledger entry (inside the current transaction)."""
        return ledger.append(self.db, action, subject, payload)

    def _seal_head(self) -> None:
        """Keeps the ledger head in the header too, so that removing the newest ledger rows
        (by someone with raw access to the database) is detected by verify."""
        seq, h = ledger.head(self.db)
        sealed = self.header.get("head")
        if sealed:
            try:
                old = json.loads(crypto.open_sealed(self._header_key, sealed,
                                                    _head_ad(self.case_id)))
                if old.get("seq") == seq and old.get("hash") == h:
                    return
            except (InvalidTag, ValueError):
                pass
        self.header["head"] = crypto.seal(
            self._header_key, json.dumps({"seq": seq, "hash": h}).encode(),
            _head_ad(self.case_id))
        _write_atomic(self.root / HEADER, json.dumps(self.header, indent=2))

    def sealed_head(self) -> tuple[int, str] | None:
        sealed = self.header.get("head")
        if not sealed:
            return None
        try:
            d = json.loads(crypto.open_sealed(self._header_key, sealed, _head_ad(self.case_id)))
        except (InvalidTag, ValueError):
            raise IntegrityError("the ledger head sealed in case.json fails authentication") \
                from None
        return int(d["seq"]), str(d["hash"])

    def fingerprint(self) -> str:
        """The case fingerprint: the ledger head hash."""
        return ledger.head(self.db)[1]

    # ----- passphrase ------------------------------------------------------------------

    def change_passphrase(self, new: str) -> None:
        """Re-wraps the data key under a new passphrase; no data is re-encrypted."""
        if len(new) < 8:
            raise UserError("choose a passphrase of at least 8 characters")
        params = crypto.KdfParams.fresh()
        kek = crypto.derive_kek(new, params)
        header = dict(self.header)
        header["kdf"] = params.to_dict()
        header["wrapped_key"] = crypto.seal(kek, self._data_key, _wrap_ad(self.case_id))
        with self.transaction():
            self.record("passphrase-change", f"case:{self.case_id}", {"kdf": params.to_dict()})
            _write_atomic(self.root / HEADER, json.dumps(header, indent=2))
            self.header = header

    # ----- settings ----------------------------------------------------------------------

    @property
    def settings(self) -> dict[str, str]:
        out = dict(DEFAULT_SETTINGS)
        for k, v in self.db.execute("SELECT key, value FROM meta WHERE key LIKE 'setting.%'"):
            out[k.removeprefix("setting.")] = v
        return out

    def set_setting(self, key: str, value: str) -> None:
        if key not in DEFAULT_SETTINGS:
            raise UserError(f"unknown setting {key!r}; settings: {', '.join(DEFAULT_SETTINGS)}")
        if key == "tz":
            check_zone(value)
        if key == "autolock_minutes" and not (value.isdigit() and 1 <= int(value) <= 240):
            raise UserError("autolock_minutes must be a whole number from 1 to 240")
        if key == "region":
            value = value.upper()
        with self.transaction():
            self.db.execute(
                "INSERT INTO meta(key, value) VALUES(?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value=excluded.value", (f"setting.{key}", value))
            self.record("setting", f"setting:{key}", {"key": key, "value": value})

    @property
    def zone(self) -> ZoneInfo:
        return check_zone(self.settings["tz"])

    # ----- identities and persons ------------------------------------------------------

    def identity_id(self, raw: str, kind: str, platform: str, name: str | None = None,
                    ts_ms: int | None = None, region: str | None = None) -> int:
        """The id of an identity, created (with its own one-identity person) if new.
        Call inside a transaction."""
        nkind, nplat, value = normalise(raw, kind, platform, region or self.settings["region"])
        key = (nkind, nplat, value)
        cached = self._identity_cache.get(key)
        if cached is not None:
            return cached
        row = self.db.execute(
            "SELECT id FROM identities WHERE kind=? AND platform=? AND value=?", key
        ).fetchone()
        if row:
            ident = int(row[0])
        else:
            label = name or display(nkind, value)
            cur = self.db.execute(
                "INSERT INTO persons(name, created_at) VALUES(?, ?)", (label, ledger.now_utc()))
            cur = self.db.execute(
                "INSERT INTO identities(kind, platform, value, raw, display_name, person_id, "
                "first_seen_ms) VALUES(?,?,?,?,?,?,?)",
                (nkind, nplat, value, raw, name, cur.lastrowid, ts_ms))
            ident = int(cur.lastrowid)
        self._identity_cache[key] = ident
        return ident

    def link(self, identity_ids: list[int], name: str | None = None) -> int:
        """Groups identities into one person (the first one's); returns the person id."""
        if len(identity_ids) < 2 and not name:
            raise UserError("give at least two identity ids to link")
        rows = []
        for i in identity_ids:
            row = self.db.execute("SELECT id, person_id FROM identities WHERE id=?",
                                  (i,)).fetchone()
            if row is None:
                raise NotFound(f"no identity {i} in this case (see `safecase people`)")
            rows.append(row)
        person = int(rows[0][1])
        with self.transaction():
            for ident, _old in rows:
                self.db.execute("UPDATE identities SET person_id=? WHERE id=?", (person, ident))
            if name:
                self.db.execute("UPDATE persons SET name=? WHERE id=?", (name, person))
            self.record("link", f"person:{person}", {
                "person": person, "identities": identity_ids, "name": name,
                "previous_persons": {str(r[0]): r[1] for r in rows}})
        self._identity_cache.clear()
        return person

    def unlink(self, identity_id: int) -> int:
        """Takes an identity out of its person into a new one of its own."""
        row = self.db.execute(
            "SELECT i.person_id, i.kind, i.value, i.display_name FROM identities i WHERE i.id=?",
            (identity_id,)).fetchone()
        if row is None:
            raise NotFound(f"no identity {identity_id} in this case (see `safecase people`)")
        with self.transaction():
            label = row[3] or display(row[1], row[2])
            cur = self.db.execute("INSERT INTO persons(name, created_at) VALUES(?, ?)",
                                  (label, ledger.now_utc()))
            self.db.execute("UPDATE identities SET person_id=? WHERE id=?",
                            (cur.lastrowid, identity_id))
            self.record("unlink", f"identity:{identity_id}", {
                "identity": identity_id, "from_person": row[0], "to_person": cur.lastrowid})
        return int(cur.lastrowid)

    def rename_person(self, person_id: int, name: str) -> None:
        if not self.db.execute("SELECT 1 FROM persons WHERE id=?", (person_id,)).fetchone():
            raise NotFound(f"no person {person_id} in this case")
        with self.transaction():
            self.db.execute("UPDATE persons SET name=? WHERE id=?", (name, person_id))
            self.record("rename-person", f"person:{person_id}", {"name": name})

    # ----- exhibits ----------------------------------------------------------------------

    def store_exhibit(self, *, name: str, mime: str | None, kind: str,
                      data: bytes | None = None, stream: Any = None,
                      source_id: int | None = None, derived_from: int | None = None,
                      extra: dict[str, Any] | None = None,
                      new_blobs: list[str] | None = None) -> tuple[int, bool]:
        """Encrypts an exhibit (dedup by SHA-256); returns (exhibit id, newly added).
        Call inside a transaction; ``new_blobs`` collects blob ids to remove on rollback."""
        if stream is not None:
            blob_id, sha, size = self.blobs.put_stream(stream)
        else:
            blob_id, sha, size = self.blobs.put_bytes(data or b"")
        row = self.db.execute("SELECT id FROM exhibits WHERE sha256=?", (sha,)).fetchone()
        if row:
            self.blobs.remove(blob_id)
            return int(row[0]), False
        if new_blobs is not None:
            new_blobs.append(blob_id)
        cur = self.db.execute(
            "INSERT INTO exhibits(sha256, size, name, mime, kind, blob, derived_from, source_id,"
            " added_at, extra) VALUES(?,?,?,?,?,?,?,?,?,?)",
            (sha, size, name, mime, kind, blob_id, derived_from, source_id, ledger.now_utc(),
             json.dumps(extra or {}, ensure_ascii=False)))
        return int(cur.lastrowid), True

    def add_exhibit(self, data: bytes, name: str, mime: str | None, kind: str = "file",
                    extra: dict[str, Any] | None = None, event_id: int | None = None,
                    derived_from: int | None = None) -> int:
        """Adds one exhibit in its own transaction, with a ledger entry; returns its id."""
        new_blobs: list[str] = []
        try:
            with self.transaction():
                ex_id, added = self.store_exhibit(
                    name=name, mime=mime, kind=kind, data=data, extra=extra,
                    derived_from=derived_from, new_blobs=new_blobs)
                if event_id is not None:
                    self.event_row(event_id)
                    self.db.execute(
                        "INSERT OR IGNORE INTO event_exhibits(event_id, exhibit_id, name) "
                        "VALUES(?,?,?)", (event_id, ex_id, name))
                sha = self.db.execute("SELECT sha256 FROM exhibits WHERE id=?",
                                      (ex_id,)).fetchone()[0]
                self.record("exhibit", f"exhibit:{ex_id}", {
                    "exhibit": ex_id, "sha256": sha, "size": len(data), "name": name,
                    "mime": mime, "kind": kind, "event": event_id, "derived_from": derived_from,
                    "new": added})
        except BaseException:
            for b in new_blobs:
                self.blobs.remove(b)
            raise
        return ex_id

    def exhibit(self, exhibit_id: int) -> dict[str, Any]:
        row = self.db.execute(
            "SELECT id, sha256, size, name, mime, kind, blob, derived_from, source_id, added_at,"
            " extra FROM exhibits WHERE id=?", (exhibit_id,)).fetchone()
        if row is None:
            raise NotFound(f"no exhibit {exhibit_id} in this case")
        keys = ("id", "sha256", "size", "name", "mime", "kind", "blob", "derived_from",
                "source_id", "added_at", "extra")
        d = dict(zip(keys, row, strict=True))
        d["extra"] = json.loads(d["extra"])
        return d

    def read_exhibit(self, exhibit_id: int) -> bytes:
        return self.blobs.read(self.exhibit(exhibit_id)["blob"])

    def read_source(self, source_id: int) -> Iterator[bytes]:
        row = self.db.execute("SELECT blob FROM sources WHERE id=?", (source_id,)).fetchone()
        if row is None:
            raise NotFound(f"no source {source_id} in this case")
        return self.blobs.chunks(row[0])

    # ----- events (queries live in safecase.store.queries) --------------------------------

    def event_row(self, event_id: int) -> tuple[Any, ...]:
        row = self.db.execute("SELECT * FROM events WHERE id=?", (event_id,)).fetchone()
        if row is None:
            raise NotFound(f"no event {event_id} in this case (see `safecase events`)")
        return tuple(row)

    def events(self, **filters: Any) -> Iterator[dict[str, Any]]:
        from safecase.store.queries import iter_events

        return iter_events(self, **filters)

    def import_path(self, path: Path | str, **kwargs: Any) -> Any:
        from safecase.store.importing import import_path

        return import_path(self, Path(path), **kwargs)
