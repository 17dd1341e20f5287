"""Reading export containers (a folder or a zip) and JSON inside them, within fixed limits.

Data packages (Discord, Google Takeout, Snapchat, Signal exporters) arrive either as the
zip the service sent or as the folder the person unpacked it into. ``open_container``
gives both one interface: a list of member names (POSIX, relative) and a way to open
each one as a binary stream. Hostile containers are refused before anything is read:

* zip bombs: more than ``MAX_ZIP_MEMBERS`` members, a declared total over
  ``MAX_ZIP_TOTAL``, or one member whose uncompressed/compressed ratio is over
  ``MAX_ZIP_RATIO`` (members under 1 MiB are exempt: small text compresses very well);
  a member that inflates past the size it declared is cut off with an error.
* names that escape the container (``../x``, ``/etc/x``, ``C:\\x``) and symbolic links,
  in a zip or in a folder (a link in an unpacked export could point anywhere on disk).

``load_json`` parses a JSON document with a size limit and a nesting-depth limit and
turns every way it can fail into one ``BadInput`` line.
"""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import IO, Any

from safecase.errors import BadInput
from safecase.importers.base import (
    MAX_JSON_BYTES,
    MAX_JSON_DEPTH,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_RATIO,
    MAX_ZIP_TOTAL,
)

_RATIO_EXEMPT_BYTES = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06")  # empty zip


def is_zip_file(path: Path) -> bool:
    """True for a regular file that starts like a zip."""
    if not path.is_file():
        return False
    try:
        with path.open("rb") as fh:
            return is_zip(fh.read(4))
    except OSError:
        return False


def safe_member_name(name: str) -> str | None:
    """The member name as a relative POSIX path, or ``None`` if it escapes the root."""
    posix = name.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return None
    parts = [p for p in PurePosixPath(posix).parts if p not in ("", ".")]
    if any(p == ".." for p in parts):
        return None
    return "/".join(parts)


class _LimitedRaw(io.RawIOBase):
    """A raw stream over a zip member that fails instead of yielding more than ``limit``
    bytes, and turns a corrupt deflate stream into ``BadInput``."""

    def __init__(self, raw: IO[bytes], limit: int, where: str) -> None:
        super().__init__()
        self._raw = raw
        self._left = limit
        self._where = where

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        try:
            data = self._raw.read(min(len(buf), self._left + 1))
        except Exception as exc:  # BadZipFile (CRC), zlib.error, EOFError on a damaged member
            raise BadInput(self._where, f"the zip member is damaged ({exc})") from None
        self._left -= len(data)
        if self._left < 0:
            raise BadInput(self._where, "inflates past its declared size (a zip bomb?)")
        buf[: len(data)] = data
        return len(data)

    def close(self) -> None:
        if not self.closed:
            self._raw.close()
        super().close()


class Container:
    """A folder or a zip, seen as a set of relative member names."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def names(self) -> list[str]:
        raise NotImplementedError

    def size(self, name: str) -> int:
        raise NotImplementedError

    def open(self, name: str) -> IO[bytes]:
        """A buffered binary stream of one member; close it (use ``with``)."""
        raise NotImplementedError

    def opener(self, name: str) -> Callable[[], IO[bytes]]:
        """A callable that opens ``name`` later, even after this container is closed
        (what ``Attachment.open`` needs)."""
        raise NotImplementedError

    def read_bytes(self, name: str, limit: int) -> bytes:
        """The whole member, refusing one larger than ``limit`` bytes."""
        if self.size(name) > limit:
            raise BadInput(self.where(name), f"is larger than the {limit // (1024 * 1024)} MiB limit")
        with self.open(name) as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise BadInput(self.where(name), f"is larger than the {limit // (1024 * 1024)} MiB limit")
        return data

    def where(self, name: str) -> str:
        """How errors name a member: ``export.zip!messages/c1/messages.json``."""
        raise NotImplementedError

    def real_path(self, name: str) -> Path | None:
        """The file on disk for a folder member (for ``source_files``); ``None`` in a zip."""
        return None

    def close(self) -> None:
        pass

    def __enter__(self) -> Container:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class FolderContainer(Container):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._sizes: dict[str, int] = {}
        for rel, size in _walk_folder(path):
            self._sizes[rel] = size

    def names(self) -> list[str]:
        return list(self._sizes)

    def size(self, name: str) -> int:
        return self._sizes[name]

    def open(self, name: str) -> IO[bytes]:
        return self.opener(name)()

    def opener(self, name: str) -> Callable[[], IO[bytes]]:
        if name not in self._sizes:
            raise BadInput(self.where(name), "is not in the folder")
        real = self.path / name
        where = self.where(name)

        def _open() -> IO[bytes]:
            # O_NOFOLLOW: the file was checked not to be a link; refuse if it became one.
            try:
                fd = os.open(real, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            except OSError as exc:
                raise BadInput(where, f"cannot be read ({exc.strerror})") from None
            return os.fdopen(fd, "rb")

        return _open

    def where(self, name: str) -> str:
        return str(self.path / name)

    def real_path(self, name: str) -> Path | None:
        return self.path / name


def _walk_folder(root: Path) -> Iterator[tuple[str, int]]:
    count = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for d in list(dirnames):
            full = os.path.join(dirpath, d)
            if os.path.islink(full):
                raise BadInput(full, "is a symbolic link; SafeCase does not follow links in an export")
        dirnames.sort()
        for f in sorted(filenames):
            full = os.path.join(dirpath, f)
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode):
                raise BadInput(full, "is a symbolic link; SafeCase does not follow links in an export")
            if not stat.S_ISREG(st.st_mode):
                continue  # sockets, fifos: not part of any export
            count += 1
            if count > MAX_ZIP_MEMBERS:
                raise BadInput(root, f"holds more than {MAX_ZIP_MEMBERS} files")
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            yield rel, st.st_size


class ZipContainer(Container):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        try:
            self._zf = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
            raise BadInput(path, f"is not a readable zip ({exc})") from None
        self._infos: dict[str, zipfile.ZipInfo] = {}
        try:
            self._check()
        except BaseException:
            self._zf.close()
            raise

    def _check(self) -> None:
        infos = self._zf.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise BadInput(self.path, f"holds more than {MAX_ZIP_MEMBERS} members")
        total = 0
        for info in infos:
            name = safe_member_name(info.filename)
            if name is None:
                raise BadInput(self.path, f"member {info.filename!r} points outside the zip")
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise BadInput(self.path, f"member {info.filename!r} is a symbolic link")
            if info.is_dir() or not name:
                continue
            total += info.file_size
            if total > MAX_ZIP_TOTAL:
                raise BadInput(self.path, "unpacks to more than the size limit (a zip bomb?)")
            if (info.file_size > _RATIO_EXEMPT_BYTES
                    and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)):
                raise BadInput(self.path, f"member {name!r} is compressed suspiciously well (a zip bomb?)")
            if name in self._infos:
                raise BadInput(self.path, f"member {name!r} appears twice")
            self._infos[name] = info

    def names(self) -> list[str]:
        return list(self._infos)

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def open(self, name: str) -> IO[bytes]:
        return self.opener(name)()

    def opener(self, name: str) -> Callable[[], IO[bytes]]:
        info = self._infos.get(name)
        if info is None:
            raise BadInput(self.where(name), "is not in the zip")
        path, where = self.path, self.where(name)

        def _open() -> IO[bytes]:
            try:
                zf = zipfile.ZipFile(path)
                try:
                    raw = zf.open(info)
                finally:
                    zf.close()  # the member stream keeps the file open by reference count
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError,
                    RuntimeError) as exc:
                raise BadInput(where, f"cannot be read from the zip ({exc})") from None
            return io.BufferedReader(_LimitedRaw(raw, info.file_size, where), 256 * 1024)

        return _open

    def where(self, name: str) -> str:
        return f"{self.path}!{name}"

    def close(self) -> None:
        self._zf.close()


def open_container(path: Path) -> Container:
    """A ``Container`` for a folder or a zip file; ``BadInput`` for anything else."""
    if path.is_symlink():
        raise BadInput(path, "is a symbolic link; give the file or folder itself")
    if path.is_dir():
        return FolderContainer(path)
    return ZipContainer(path)


@lru_cache(maxsize=32)
def _zip_names_cached(path: str, mtime_ns: int, size: int) -> frozenset[str]:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                return frozenset()
            return frozenset(n for n in (safe_member_name(i.filename) for i in infos) if n)
    except Exception:  # sniffing must never raise
        return frozenset()


def member_names(path: Path, head: bytes = b"", depth: int = 2) -> frozenset[str]:
    """Member names of a zip or a folder for sniffers: cheap, cached, never raises.

    For a folder only the first ``depth`` levels are listed (enough to recognise a
    package), at most a few thousand names.
    """
    try:
        if path.is_dir():
            out: set[str] = set()
            stack: list[tuple[Path, str, int]] = [(path, "", 1)]
            while stack and len(out) < 5000:
                folder, prefix, level = stack.pop()
                for child in sorted(folder.iterdir())[:2000]:
                    rel = prefix + child.name
                    out.add(rel)
                    if level < depth and child.is_dir() and not child.is_symlink():
                        stack.append((child, rel + "/", level + 1))
            return frozenset(out)
        if head and not is_zip(head):
            return frozenset()
        st = path.stat()
        return _zip_names_cached(str(path), st.st_mtime_ns, st.st_size)
    except Exception:
        return frozenset()


# --- JSON ---------------------------------------------------------------------------

def json_depth_ok(doc: Any, limit: int) -> bool:
    """Iterative depth check (no recursion, so hostile nesting cannot blow the stack)."""
    stack: list[tuple[Any, int]] = [(doc, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            if depth > limit:
                return False
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            if depth > limit:
                return False
            stack.extend((v, depth + 1) for v in node)
    return True


def load_json(data: bytes, where: object, max_bytes: int = MAX_JSON_BYTES,
              max_depth: int = MAX_JSON_DEPTH) -> Any:
    """Parse JSON bytes (UTF-8, with or without BOM) within the size and depth limits."""
    if len(data) > max_bytes:
        raise BadInput(where, f"is larger than the {max_bytes // (1024 * 1024)} MiB limit for JSON")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadInput(where, f"is not UTF-8 text (byte {exc.start})") from None
    try:
        doc = json.loads(text)
    except RecursionError:
        raise BadInput(where, "nests JSON deeper than SafeCase accepts") from None
    except json.JSONDecodeError as exc:
        raise BadInput(where, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    except ValueError as exc:  # e.g. integers with too many digits
        raise BadInput(where, f"is not valid JSON ({exc})") from None
    if not json_depth_ok(doc, max_depth):
        raise BadInput(where, f"nests JSON deeper than {max_depth} levels")
    return doc


def read_json_member(container: Container, name: str) -> Any:
    """Load one JSON member of a container within the limits."""
    return load_json(container.read_bytes(name, MAX_JSON_BYTES), container.where(name))


def read_json_file(path: Path) -> Any:
    """Load a JSON file within the limits."""
    try:
        size = path.stat().st_size
        if size > MAX_JSON_BYTES:
            raise BadInput(path, f"is larger than the {MAX_JSON_BYTES // (1024 * 1024)} MiB limit for JSON")
        data = path.read_bytes()
    except OSError as exc:
        raise BadInput(path, f"cannot be read ({exc.strerror})") from None
    return load_json(data, path)
