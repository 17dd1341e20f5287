"""Uploaded files held in anonymous memory, handed to path-reading importers.

Importers read a path (they sniff, seek, open zip members). An upload must not become a
plaintext temp file, so each one is written into a ``memfd``: a file that lives only in
this process's memory and has no name in any file system. Importers get a path to it:
a symbolic link, named like the uploaded file, in a private folder under ``/dev/shm``
(memory too) pointing at ``/proc/self/fd/N``. The link holds only the file's name; where
``/dev/shm`` is missing the link gets a neutral name (``upload-3.xml``) in the system temp
folder, so not even the name reaches the disk.

Trade-offs (docs/web-app.md): the plaintext is in RAM from upload until the import ends
or the case is locked, so uploads have a size limit (``MAX_UPLOAD``); like any process
memory it could be swapped out by the operating system. The import framework itself then
encrypts the original into a blob while hashing it, exactly as for ``safecase import``.
Linux only: elsewhere uploads are refused and the person is pointed to ``safecase import``.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from safecase.errors import UserError

MAX_UPLOAD = 512 * 1024 * 1024          # one uploaded export
MAX_PHOTO = 64 * 1024 * 1024            # one photo on an incident
SHM = Path("/dev/shm")


def supported() -> bool:
    return hasattr(os, "memfd_create") and Path("/proc/self/fd").is_dir()


class MemoryFile:
    """One uploaded file in anonymous memory."""

    def __init__(self, name: str, mime: str | None, limit: int) -> None:
        from safecase.web.forms import FormTooLarge

        if not supported():
            raise UserError("uploading needs Linux; use `safecase import` on this computer")
        self._too_large = FormTooLarge
        self.name = name
        self.mime = mime
        self.limit = limit
        self.size = 0
        self.fd = os.memfd_create("n", os.MFD_CLOEXEC)
        self._dir: str | None = None
        self._link: Path | None = None

    def write(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise self._too_large()
        view = memoryview(data)
        while view:
            n = os.write(self.fd, view)
            view = view[n:]

    def finish(self) -> None:
        os.lseek(self.fd, 0, os.SEEK_SET)

    def read(self) -> bytes:
        """All the bytes (for small files: photos)."""
        return os.pread(self.fd, self.size, 0)

    def path(self) -> Path:
        """A path that reads this file (valid until ``close``)."""
        if self._link is None:
            if SHM.is_dir() and os.access(SHM, os.W_OK):
                self._dir = tempfile.mkdtemp(prefix="n-", dir=SHM)
                name = _safe_name(self.name)
            else:
                self._dir = tempfile.mkdtemp(prefix="n-")
                name = "upload" + _safe_suffix(self.name)
            self._link = Path(self._dir) / name
            os.symlink(f"/proc/{os.getpid()}/fd/{self.fd}", self._link)
        return self._link

    def close(self) -> None:
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir, self._link = None, None
        if self.fd >= 0:
            # Zero the pages before letting them go, so the bytes do not linger.
            try:
                os.ftruncate(self.fd, 0)
            finally:
                os.close(self.fd)
            self.fd = -1

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:
            pass


def _safe_name(name: str) -> str:
    name = name.replace("/", "_").replace("\x00", "_").strip() or "upload"
    if name in (".", ".."):
        name = "upload"
    return name[:200]


def _safe_suffix(name: str) -> str:
    suffix = Path(_safe_name(name)).suffix
    return suffix if suffix.isascii() and len(suffix) <= 10 else ""
