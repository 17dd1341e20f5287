"""Test helper: encrypts an unencrypted iPhone backup folder the way iOS 10.2+ does, so
the decryption is tested against the real scheme without a real (private) backup.

Keybag (TLV) with password-wrapped class keys, PBKDF2-SHA256 (DPSL, DPIC) then
PBKDF2-SHA1 (SALT, ITER), RFC 3394 key wrap, ``ManifestKey``, an AES-256-CBC encrypted
``Manifest.db`` whose ``file`` blobs are NSKeyedArchiver ``MBFile`` plists holding each
file's wrapped key, and every file AES-256-CBC (zero IV, PKCS#7). Round counts are low
by default so tests stay fast; keys come from a seeded generator (deterministic)."""

from __future__ import annotations

import hashlib
import plistlib
import random
import shutil
import sqlite3
import struct
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.keywrap import aes_key_wrap

PLAIN = Path(__file__).resolve().parent / "fixtures" / "iphone" / "backup"
PASSWORD = "correct horse ⛵ battery"
FILE_CLASS = 3       # NSFileProtectionCompleteUntilFirstUserAuthentication
MANIFEST_CLASS = 4   # the class iOS uses for ManifestKey


def tlv(tag: bytes, value: bytes | int) -> bytes:
    if isinstance(value, int):
        value = struct.pack(">I", value)
    return tag + struct.pack(">I", len(value)) + value


def aes_cbc(key: bytes, data: bytes) -> bytes:
    padder = padding.PKCS7(128).padder()
    padded = padder.update(data) + padder.finalize()
    enc = Cipher(algorithms.AES(key), modes.CBC(bytes(16))).encryptor()
    return enc.update(padded) + enc.finalize()


def mbfile(rel: str, cls: int, wrapped: bytes, size: int) -> bytes:
    """An MBFile as NSKeyedArchiver writes it into Manifest.db's ``file`` column."""
    uid = plistlib.UID
    return plistlib.dumps({
        "$version": 100000, "$archiver": "NSKeyedArchiver", "$top": {"root": uid(1)},
        "$objects": [
            "$null",
            {"$class": uid(5), "RelativePath": uid(2), "EncryptionKey": uid(3),
             "ProtectionClass": cls, "Size": size, "Flags": 0, "Mode": 33188,
             "UserID": 501, "GroupID": 501, "InodeNumber": 1234, "Birth": 1710000000,
             "LastModified": 1710000000, "LastStatusChange": 1710000000},
            rel,
            {"$class": uid(4), "NS.data": struct.pack("<I", cls) + wrapped},
            {"$classname": "NSMutableData", "$classes": ["NSMutableData", "NSData",
                                                          "NSObject"]},
            {"$classname": "MBFile", "$classes": ["MBFile", "NSObject"]},
        ]}, fmt=plistlib.FMT_BINARY)


def encrypt_backup(plain: Path, out: Path, password: str, dpic: int = 10, iters: int = 10,
                   seed: int = 7) -> None:
    """Writes ``out``: the backup ``plain`` encrypted with ``password``."""
    rng = random.Random(seed)

    def key(n: int = 32) -> bytes:
        return rng.randbytes(n)

    dpsl, salt = key(20), key(20)
    kek = hashlib.pbkdf2_hmac("sha1", hashlib.pbkdf2_hmac(
        "sha256", password.encode(), dpsl, dpic, 32), salt, iters, 32)
    class_keys = {cls: key() for cls in range(1, 12)}
    bag = b"".join([tlv(b"VERS", 4), tlv(b"TYPE", 1), tlv(b"UUID", key(16)),
                    tlv(b"HMCK", key(40)), tlv(b"WRAP", 0), tlv(b"SALT", salt),
                    tlv(b"ITER", iters), tlv(b"DPWT", 1), tlv(b"DPIC", dpic),
                    tlv(b"DPSL", dpsl)])
    for cls, ck in class_keys.items():
        bag += b"".join([tlv(b"UUID", key(16)), tlv(b"CLAS", cls), tlv(b"WRAP", 2),
                         tlv(b"KTYP", 0), tlv(b"WPKY", aes_key_wrap(kek, ck))])

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for name in ("Info.plist", "Status.plist"):
        shutil.copyfile(plain / name, out / name)
    # Manifest.db: the same rows, each with its MBFile; each file encrypted with its key.
    src = sqlite3.connect(f"file:{plain / 'Manifest.db'}?mode=ro", uri=True)
    rows = src.execute("SELECT fileID, domain, relativePath, flags FROM Files").fetchall()
    src.close()
    work = sqlite3.connect(":memory:")
    work.executescript(
        "CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, "
        "flags INTEGER, file BLOB);"
        "CREATE TABLE Properties (key TEXT PRIMARY KEY, value BLOB);")
    for fid, domain, rel, flags in sorted(rows):
        data = (plain / fid[:2] / fid).read_bytes()
        fkey = key()
        (out / fid[:2]).mkdir(exist_ok=True)
        (out / fid[:2] / fid).write_bytes(aes_cbc(fkey, data))
        blob = mbfile(rel, FILE_CLASS, aes_key_wrap(class_keys[FILE_CLASS], fkey), len(data))
        work.execute("INSERT INTO Files VALUES (?,?,?,?,?)", (fid, domain, rel, flags, blob))
    work.commit()
    manifest_key = key()
    (out / "Manifest.db").write_bytes(aes_cbc(manifest_key, work.serialize()))
    work.close()
    info = plistlib.loads((plain / "Manifest.plist").read_bytes())
    info.update(IsEncrypted=True, BackupKeyBag=bag, ManifestKey=struct.pack(
        "<I", MANIFEST_CLASS) + aes_key_wrap(class_keys[MANIFEST_CLASS], manifest_key))
    (out / "Manifest.plist").write_bytes(plistlib.dumps(info, fmt=plistlib.FMT_BINARY,
                                                        sort_keys=True))


def encrypted_fixture(tmp_path_factory: Any) -> Path:
    """The unencrypted backup fixture, encrypted with ``PASSWORD`` (for module fixtures)."""
    out = tmp_path_factory.mktemp("enc") / "backup"
    encrypt_backup(PLAIN, out, PASSWORD)
    return out
