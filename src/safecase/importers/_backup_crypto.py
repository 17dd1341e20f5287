"""Encrypted iTunes/Finder backups (iOS 10.2 and later), decrypted in memory only.

The scheme, as Apple's backup code writes it:

* ``Manifest.plist`` holds ``BackupKeyBag``, a keybag in TLV form (4-byte tag, 4-byte
  big-endian length, value): attributes (``VERS``, ``TYPE``, ``UUID``, ``WRAP``,
  ``SALT``, ``ITER``, ``DPWT``, ``DPIC``, ``DPSL``), then one block per protection class,
  each opened by a ``UUID`` tag (``CLAS``, ``WRAP``, ``KTYP``, ``WPKY`` the wrapped key).
* The password becomes the key-encryption key in two steps: PBKDF2-HMAC-SHA256 with
  ``DPSL`` / ``DPIC`` rounds (10,000,000 in real backups: slow by design), then
  PBKDF2-HMAC-SHA1 of that with ``SALT`` / ``ITER``; 32 bytes each.
* Each class key whose ``WRAP`` has the passcode bit is AES-key-unwrapped (RFC 3394) with
  it. The integrity check of the unwrap is what says the password is wrong.
* ``ManifestKey`` (4 bytes little-endian protection class, then a wrapped key) unwraps
  with its class key to the key of ``Manifest.db``: AES-256-CBC, zero IV, PKCS#7 padding.
* Each file's row in ``Manifest.db`` has a ``file`` blob, an NSKeyedArchiver plist of an
  ``MBFile`` with ``ProtectionClass`` and ``EncryptionKey`` (NSData: 4 bytes class, then
  the wrapped key); the file's bytes are AES-256-CBC, zero IV, PKCS#7 padding.

Nothing decrypted is ever written to disk: files are decrypted into memory and SQLite
databases are opened from those bytes (``sqlite3.Connection.deserialize``).
"""

from __future__ import annotations

import hashlib
import plistlib
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.keywrap import InvalidUnwrap, aes_key_unwrap

from safecase.errors import BadInput, UserError

WRAP_PASSCODE = 2                 # class key wrapped with the password-derived key
MAX_ROUNDS = 100_000_000          # 10x Apple's DPIC: more is a hostile file, not a backup
MAX_DECRYPTED = 4 * 1024**3       # one file decrypted into memory
_CHUNK = 1 << 20
_ZERO_IV = bytes(16)
_CLASS_TAGS = {b"CLAS", b"WRAP", b"WPKY", b"KTYP", b"PBKY"}

Status = Callable[[str], None]
Opener = Callable[[str], IO[bytes]]   # opens a file of the backup folder by relative name


class WrongPassword(UserError):
    """The backup password does not unlock the keybag."""


def parse_keybag(blob: bytes, origin: Path) -> tuple[dict[bytes, Any], dict[int, dict[bytes, Any]]]:
    """(attributes, class keys by class number) from a keybag's TLV bytes."""
    attrs: dict[bytes, Any] = {}
    classes: list[dict[bytes, Any]] = []
    current: dict[bytes, Any] | None = None
    pos = 0
    while pos < len(blob):
        if pos + 8 > len(blob):
            raise BadInput(origin, "the backup keybag is truncated")
        tag = blob[pos:pos + 4]
        (length,) = struct.unpack(">I", blob[pos + 4:pos + 8])
        value: Any = blob[pos + 8:pos + 8 + length]
        if len(value) != length:
            raise BadInput(origin, "the backup keybag is truncated")
        pos += 8 + length
        if length == 4:
            value = struct.unpack(">I", value)[0]
        if tag == b"UUID" and b"UUID" not in attrs:
            attrs[tag] = value               # the keybag's own UUID
        elif tag == b"UUID":
            current = {tag: value}           # a class key starts
            classes.append(current)
        elif current is not None and tag in _CLASS_TAGS:
            current[tag] = value
        else:
            attrs[tag] = value
    by_class: dict[int, dict[bytes, Any]] = {}
    for key in classes:
        cls = key.get(b"CLAS")
        if isinstance(cls, int):
            by_class[cls] = key
    for tag in (b"SALT", b"ITER", b"DPSL", b"DPIC"):
        if tag not in attrs:
            raise BadInput(origin, f"the backup keybag has no {tag.decode()} (not an iOS 10.2+ "
                           "backup keybag)")
    if not isinstance(attrs[b"ITER"], int) or not isinstance(attrs[b"DPIC"], int):
        raise BadInput(origin, "the backup keybag's round counts are not numbers")
    for tag in (b"ITER", b"DPIC"):
        if not 1 <= attrs[tag] <= MAX_ROUNDS:
            raise BadInput(origin, f"the backup keybag asks for {attrs[tag]:,} key rounds "
                           f"({tag.decode()}); refused (at most {MAX_ROUNDS:,})")
    if not by_class:
        raise BadInput(origin, "the backup keybag holds no class keys")
    return attrs, by_class


def password_key(password: str, attrs: dict[bytes, Any]) -> bytes:
    """The key-encryption key: PBKDF2-SHA256 (DPSL, DPIC) then PBKDF2-SHA1 (SALT, ITER)."""
    first = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), attrs[b"DPSL"],
                                attrs[b"DPIC"], 32)
    return hashlib.pbkdf2_hmac("sha1", first, attrs[b"SALT"], attrs[b"ITER"], 32)


def unwrap(kek: bytes, wrapped: bytes, origin: Path, what: str) -> bytes:
    """RFC 3394 AES key unwrap; a failed integrity check raises ``InvalidUnwrap``."""
    try:
        return aes_key_unwrap(kek, wrapped)
    except ValueError:
        raise BadInput(origin, f"{what}: the wrapped key has a wrong length") from None


def unlock_class_keys(attrs: dict[bytes, Any], classes: dict[int, dict[bytes, Any]],
                      password: str, origin: Path) -> dict[int, bytes]:
    kek = password_key(password, attrs)
    keys: dict[int, bytes] = {}
    for cls, entry in classes.items():
        wrapped = entry.get(b"WPKY")
        wrap = entry.get(b"WRAP")
        if not isinstance(wrapped, bytes) or not isinstance(wrap, int):
            continue
        if not wrap & WRAP_PASSCODE:
            continue  # wrapped with a device key: not used by backups
        try:
            keys[cls] = unwrap(kek, wrapped, origin, f"class key {cls}")
        except InvalidUnwrap:
            raise WrongPassword(f"{origin}: wrong password for this encrypted iPhone backup "
                                "(the one set with 'Encrypt local backup'); nothing was "
                                "imported") from None
    if not keys:
        raise BadInput(origin, "the backup keybag holds no password-protected class keys")
    return keys


def class_key_unwrap(keys: dict[int, bytes], cls: int, wrapped: bytes, origin: Path,
                     what: str) -> bytes:
    if cls not in keys:
        raise BadInput(origin, f"{what}: protection class {cls} has no key in the keybag")
    try:
        return unwrap(keys[cls], wrapped, origin, what)
    except InvalidUnwrap:
        raise BadInput(origin, f"{what}: its key does not unwrap (the backup is damaged)"
                       ) from None


def decrypt_stream(key: bytes, read: Callable[[int], bytes], origin: Path,
                   size: int | None = None) -> bytearray:
    """AES-256-CBC with a zero IV and PKCS#7 padding, read in chunks, into memory."""
    if len(key) != 32:
        raise BadInput(origin, "the file key is not an AES-256 key (the backup is damaged)")
    dec = Cipher(algorithms.AES(key), modes.CBC(_ZERO_IV)).decryptor()
    out = bytearray()
    while True:
        chunk = read(_CHUNK)
        if not chunk:
            break
        out += dec.update(chunk)
        if len(out) > MAX_DECRYPTED:
            raise BadInput(origin, f"larger than {MAX_DECRYPTED >> 30} GiB once decrypted; "
                           "refused (it would be decrypted in memory)")
    try:
        out += dec.finalize()
    except ValueError:
        raise BadInput(origin, "cannot be decrypted: its length is not whole AES blocks "
                       "(the file is damaged or truncated)") from None
    pad = out[-1] if out else 0
    if not 1 <= pad <= 16 or out[-pad:] != bytes([pad]) * pad:
        # Some iOS versions leave no padding when the size is a block multiple: the
        # MBFile size says how long the file is.
        if size is None or size > len(out):
            raise BadInput(origin, "cannot be decrypted (wrong key or damaged file)")
        del out[size:]
        return out
    del out[-pad:]
    if size is not None and len(out) > size:
        del out[size:]
    return out


def mbfile(blob: bytes, origin: Path, what: str) -> tuple[int, bytes, int | None]:
    """(protection class, wrapped key, size) from a Manifest.db ``file`` blob (an
    NSKeyedArchiver plist of an MBFile)."""
    try:
        archive = plistlib.loads(blob)
        objects = archive["$objects"]
        root = objects[archive["$top"]["root"].data]
        cls = root.get("ProtectionClass")
        key_ref = root.get("EncryptionKey")
        if key_ref is None:
            raise BadInput(origin, f"{what}: no encryption key in the backup manifest")
        key_obj = objects[key_ref.data]
        data = key_obj["NS.data"] if isinstance(key_obj, dict) else key_obj
        size = root.get("Size")
    except BadInput:
        raise
    except (plistlib.InvalidFileException, KeyError, IndexError, TypeError, AttributeError,
            ValueError) as exc:
        raise BadInput(origin, f"{what}: its manifest entry cannot be read ({exc})") from None
    if not isinstance(data, bytes) or len(data) < 4 + 24:
        raise BadInput(origin, f"{what}: its encryption key in the manifest is malformed")
    if not isinstance(cls, int):
        cls = struct.unpack("<I", data[:4])[0]  # the key blob starts with its class
    return cls, data[4:], size if isinstance(size, int) and size >= 0 else None


def sqlite_from_bytes(data: bytearray | bytes, origin: Path) -> sqlite3.Connection:
    """An in-memory, read-only SQLite connection on decrypted database bytes."""
    if bytes(data[:16]) != b"SQLite format 3\x00":
        raise BadInput(origin, "decrypted, but it is not an SQLite database (damaged backup)")
    con = sqlite3.connect(":memory:")
    try:
        con.deserialize(bytes(data))
        con.execute("PRAGMA query_only = 1")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.Error, UnicodeDecodeError) as exc:  # damaged schemas: undecodable text
        con.close()
        raise BadInput(origin, f"the decrypted SQLite database cannot be read ({exc})"
                       ) from None
    return con


class UnlockedBackup:
    """The class keys and the decrypted ``Manifest.db`` of an encrypted backup."""

    def __init__(self, root: Path, open_member: Opener, info: dict[str, Any], password: str,
                 status: Status | None = None) -> None:
        self.root, self.open_member = root, open_member
        plist = root / "Manifest.plist"
        bag, manifest_key = info.get("BackupKeyBag"), info.get("ManifestKey")
        if not isinstance(bag, bytes):
            raise BadInput(plist, "marked encrypted but holds no BackupKeyBag")
        if not isinstance(manifest_key, bytes) or len(manifest_key) < 4 + 24:
            raise BadInput(plist, "holds no ManifestKey: backups from before iOS 10.2 are "
                           "not supported encrypted; make an unencrypted backup")
        attrs, classes = parse_keybag(bag, plist)
        if status:
            status(f"unlocking the backup ({attrs[b'DPIC']:,} key rounds, slow by design)")
        self.keys = unlock_class_keys(attrs, classes, password, plist)
        (mclass,) = struct.unpack("<I", manifest_key[:4])
        db_key = class_key_unwrap(self.keys, mclass, manifest_key[4:], plist, "ManifestKey")
        db_path = root / "Manifest.db"
        data = self._decrypt_member("Manifest.db", db_key, None)
        self.manifest = sqlite_from_bytes(data, db_path)

    def _decrypt_member(self, member: str, key: bytes, size: int | None) -> bytearray:
        path = self.root / member
        try:
            with self.open_member(member) as fh:
                return decrypt_stream(key, fh.read, path, size)
        except OSError as exc:
            raise BadInput(path, f"cannot read it ({exc.strerror})") from None

    def decrypt(self, member: str) -> bytearray:
        """The decrypted bytes of the backup file stored as ``member`` (``ab/abcd...``)."""
        path = self.root / member
        file_id = member.rsplit("/", 1)[-1]
        try:
            row = self.manifest.execute("SELECT file FROM Files WHERE fileID = ?",
                                        (file_id,)).fetchone()
        except sqlite3.Error as exc:
            raise BadInput(self.root / "Manifest.db",
                           f"the backup manifest cannot be read ({exc})") from None
        if row is None or not isinstance(row[0], bytes):
            raise BadInput(path, "the backup manifest has no key for this file")
        cls, wrapped, size = mbfile(row[0], path, "backup file")
        key = class_key_unwrap(self.keys, cls, wrapped, path, "backup file")
        return self._decrypt_member(member, key, size)

    def close(self) -> None:
        self.manifest.close()
