"""Read files out of a folder or a zip the same way, within fixed limits.

Saved acquisitions come from other people's machines and can be hostile: the zip checks
(member count, declared size, compression ratio) follow ``safecase.importers.base``.
Nothing is extracted to disk; members are read into memory.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from safecase.errors import BadInput
from safecase.importers.base import MAX_ZIP_MEMBERS, MAX_ZIP_RATIO

MAX_MEMBER_BYTES = 512 * 1024 * 1024   # a dumpstate text is tens of MB; this is generous


class Container:
    """A folder or a zip; names are POSIX paths relative to its root."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._zip: zipfile.ZipFile | None = None
        if path.is_dir():
            self._names = sorted(
                p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file())
        else:
            try:
                self._zip = zipfile.ZipFile(path)
                infos = self._zip.infolist()
            except (zipfile.BadZipFile, OSError, ValueError) as err:
                raise BadInput(path, f"is not a readable zip ({err})") from None
            if len(infos) > MAX_ZIP_MEMBERS:
                raise BadInput(path, f"has more than {MAX_ZIP_MEMBERS} files")
            self._names = sorted(i.filename for i in infos if not i.is_dir())

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> Container:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def names(self) -> list[str]:
        return self._names

    def find(self, basename: str) -> str | None:
        """The shallowest member called ``basename`` (androidqf nests a UUID folder)."""
        hits = [n for n in self._names if PurePosixPath(n).name == basename]
        return min(hits, key=lambda n: (n.count("/"), n)) if hits else None

    def read(self, name: str) -> bytes:
        label = f"{self.path}:{name}" if self._zip is not None else self.path / name
        if self._zip is None:
            target = self.path / name
            if target.stat().st_size > MAX_MEMBER_BYTES:
                raise BadInput(label, "is larger than SafeCase reads for a device check")
            return target.read_bytes()
        try:
            info = self._zip.getinfo(name)
            if info.file_size > MAX_MEMBER_BYTES:
                raise BadInput(label, "is larger than SafeCase reads for a device check")
            if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO \
                    and info.file_size > 1024 * 1024:
                raise BadInput(label, "is compressed suspiciously well (a zip bomb?)")
            with self._zip.open(info) as fh:
                data = fh.read(MAX_MEMBER_BYTES + 1)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, KeyError) as err:
            raise BadInput(label, f"cannot be read from the zip ({err})") from None
        if len(data) > MAX_MEMBER_BYTES:
            raise BadInput(label, "is larger than SafeCase reads for a device check")
        return data
