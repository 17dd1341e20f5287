"""Encrypted, content-hashed blob files under ``CASE/blobs``.

Blob ids are random, not the content hash: a file name must not let someone who finds the
case folder confirm that it holds a known picture. The SHA-256 of the plaintext is kept in
the (encrypted) database and re-checked by ``verify``.

A blob is written to ``*.part`` and renamed into place only when complete, so a crash never
leaves a half blob under a real id; leftover parts and blobs no row refers to are swept the
next time the case is opened alone.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from safecase.store.crypto import BlobWriter, decrypt_chunks

READ_SIZE = 1024 * 1024


class BlobStore:
    def __init__(self, root: Path, key: bytes) -> None:
        self.root = root
        self._key = key

    def forget_key(self) -> None:
        """Drops the blob key (the case is being locked)."""
        self._key = b""

    def path(self, blob_id: str) -> Path:
        return self.root / blob_id[:2] / blob_id

    def put_stream(self, src: IO[bytes]) -> tuple[str, str, int]:
        """Encrypts a stream; returns (blob id, sha256 of plaintext, size)."""
        blob_id = secrets.token_hex(16)
        final = self.path(blob_id)
        final.parent.mkdir(parents=True, exist_ok=True)
        part = final.with_suffix(".part")
        digest = hashlib.sha256()
        size = 0
        try:
            with part.open("wb") as out:
                writer = BlobWriter(self._key, blob_id, out)
                while True:
                    chunk = src.read(READ_SIZE)
                    if not chunk:
                        break
                    digest.update(chunk)
                    size += len(chunk)
                    writer.write(chunk)
                writer.close()
                out.flush()
                os.fsync(out.fileno())
            os.replace(part, final)
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        return blob_id, digest.hexdigest(), size

    def put_bytes(self, data: bytes) -> tuple[str, str, int]:
        import io

        return self.put_stream(io.BytesIO(data))

    def chunks(self, blob_id: str) -> Iterator[bytes]:
        with self.path(blob_id).open("rb") as fh:
            yield from decrypt_chunks(self._key, blob_id, fh)

    def read(self, blob_id: str) -> bytes:
        return b"".join(self.chunks(blob_id))

    def sha256(self, blob_id: str) -> tuple[str, int]:
        digest = hashlib.sha256()
        size = 0
        for chunk in self.chunks(blob_id):
            digest.update(chunk)
            size += len(chunk)
        return digest.hexdigest(), size

    def remove(self, blob_id: str) -> None:
        self.path(blob_id).unlink(missing_ok=True)

    def all_ids(self) -> Iterator[str]:
        if not self.root.exists():
            return
        for sub in self.root.iterdir():
            if sub.is_dir():
                for f in sub.iterdir():
                    if f.suffix != ".part":
                        yield f.name

    def sweep(self, referenced: set[str]) -> int:
        """Removes parts and unreferenced blobs (left by an interrupted write)."""
        removed = 0
        if not self.root.exists():
            return 0
        for sub in self.root.iterdir():
            if not sub.is_dir():
                continue
            for f in sub.iterdir():
                if f.suffix == ".part" or f.name not in referenced:
                    f.unlink(missing_ok=True)
                    removed += 1
        return removed
