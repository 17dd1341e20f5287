"""Keys and authenticated encryption.

The passphrase never encrypts data directly. Argon2id turns it into a key-encryption key
(KEK) that wraps one random 256-bit data key; changing the passphrase re-wraps that key and
touches no data. Sub-keys for the database, the blobs and the header are derived from the
data key with HKDF so that no key is used for two purposes.

Blobs (original sources, exhibits) are encrypted in 1 MiB chunks with AES-256-GCM so that
gigabyte backups stream through bounded memory. Each chunk's associated data binds the blob
id, the chunk index and a final-chunk flag: chunks cannot be reordered, dropped, truncated
or swapped between blobs without decryption failing.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from safecase.errors import IntegrityError

KEY_BYTES = 32
NONCE_BYTES = 12
CHUNK = 1024 * 1024
BLOB_MAGIC = b"SCB1"

# Argon2id parameters: 64 MiB, 3 passes (issue 2's floor), 2 lanes (this machine's cores).
ARGON2_MEMORY_KIB = 65536
ARGON2_TIME = 3
ARGON2_LANES = 2


@dataclass(frozen=True)
class KdfParams:
    salt: bytes
    memory_kib: int = ARGON2_MEMORY_KIB
    time_cost: int = ARGON2_TIME
    lanes: int = ARGON2_LANES

    def to_dict(self) -> dict[str, object]:
        return {
            "name": "argon2id", "version": 19, "salt": self.salt.hex(),
            "memory_kib": self.memory_kib, "time_cost": self.time_cost, "lanes": self.lanes,
        }

    @classmethod
    def from_dict(cls, d: dict[str, object]) -> KdfParams:
        if d.get("name") != "argon2id":
            raise IntegrityError(f"unsupported key derivation {d.get('name')!r}")
        return cls(
            salt=bytes.fromhex(str(d["salt"])), memory_kib=int(str(d["memory_kib"])),
            time_cost=int(str(d["time_cost"])), lanes=int(str(d["lanes"])),
        )

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(salt=os.urandom(16))


def derive_kek(passphrase: str, params: KdfParams) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"), params.salt, time_cost=params.time_cost,
        memory_cost=params.memory_kib, parallelism=params.lanes, hash_len=KEY_BYTES,
        type=Type.ID,
    )


def subkey(data_key: bytes, purpose: str) -> bytes:
    return HKDF(hashes.SHA256(), KEY_BYTES, salt=None, info=b"safecase/" + purpose.encode()).derive(
        data_key
    )


def seal(key: bytes, plaintext: bytes, ad: bytes) -> dict[str, str]:
    nonce = os.urandom(NONCE_BYTES)
    return {"nonce": nonce.hex(), "ct": AESGCM(key).encrypt(nonce, plaintext, ad).hex()}


def open_sealed(key: bytes, box: dict[str, str], ad: bytes) -> bytes:
    """Raises ``InvalidTag`` when the key is wrong or the box was altered."""
    return AESGCM(key).decrypt(bytes.fromhex(box["nonce"]), bytes.fromhex(box["ct"]), ad)


def _chunk_ad(blob_id: str, index: int, final: bool) -> bytes:
    return blob_id.encode() + struct.pack(">QB", index, 1 if final else 0)


def _chunk_nonce(base: bytes, index: int) -> bytes:
    # 4 random bytes + 8-byte counter XOR 8 random bytes: unique per chunk of one blob, and
    # the random base makes it unique across blobs under one key.
    (low,) = struct.unpack(">Q", base[4:])
    return base[:4] + struct.pack(">Q", low ^ index)


class BlobWriter:
    """Streams plaintext in, writes encrypted chunks to ``out``; one chunk buffered."""

    def __init__(self, key: bytes, blob_id: str, out: IO[bytes]) -> None:
        self._aead = AESGCM(key)
        self._blob_id = blob_id
        self._out = out
        self._base = os.urandom(NONCE_BYTES)
        self._buf = bytearray()
        self._index = 0
        out.write(BLOB_MAGIC + self._base)

    def write(self, data: bytes | memoryview) -> None:
        self._buf += data
        while len(self._buf) > CHUNK:  # strictly more: the last chunk must carry the flag
            self._emit(bytes(self._buf[:CHUNK]), final=False)
            del self._buf[:CHUNK]

    def _emit(self, chunk: bytes, final: bool) -> None:
        nonce = _chunk_nonce(self._base, self._index)
        ct = self._aead.encrypt(nonce, chunk, _chunk_ad(self._blob_id, self._index, final))
        self._out.write(struct.pack(">I", len(ct)) + ct)
        self._index += 1

    def close(self) -> None:
        self._emit(bytes(self._buf), final=True)
        self._buf.clear()


def decrypt_chunks(key: bytes, blob_id: str, src: IO[bytes]) -> Iterator[bytes]:
    """Yields the plaintext chunks of an encrypted blob; raises IntegrityError on any change."""
    aead = AESGCM(key)
    head = src.read(4 + NONCE_BYTES)
    if len(head) != 4 + NONCE_BYTES or head[:4] != BLOB_MAGIC:
        raise IntegrityError(f"blob {blob_id}: header damaged")
    base = head[4:]
    index = 0
    pending: bytes | None = None
    while True:
        size_bytes = src.read(4)
        if not size_bytes:
            break
        if len(size_bytes) != 4:
            raise IntegrityError(f"blob {blob_id}: truncated")
        (size,) = struct.unpack(">I", size_bytes)
        if size > CHUNK + 16:
            raise IntegrityError(f"blob {blob_id}: chunk {index} has an impossible size")
        ct = src.read(size)
        if len(ct) != size:
            raise IntegrityError(f"blob {blob_id}: truncated in chunk {index}")
        if pending is not None:
            yield pending
        nonce = _chunk_nonce(base, index)
        # Try as a middle chunk first; only the last one can carry the final flag.
        try:
            pending = aead.decrypt(nonce, ct, _chunk_ad(blob_id, index, False))
            final = False
        except InvalidTag:
            try:
                pending = aead.decrypt(nonce, ct, _chunk_ad(blob_id, index, True))
            except InvalidTag:
                raise IntegrityError(
                    f"blob {blob_id}: chunk {index} fails authentication (altered)"
                ) from None
            final = True
        index += 1
        if final:
            if src.read(1):
                raise IntegrityError(f"blob {blob_id}: data after the final chunk")
            yield pending
            return
    raise IntegrityError(f"blob {blob_id}: truncated (final chunk missing)")
