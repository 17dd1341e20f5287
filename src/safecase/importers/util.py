"""Shared helpers for importers: hostile-safe zips, folders, JSON, SQLite and lines.

Every helper enforces the fixed limits in ``importers.base`` and turns what goes wrong
into ``BadInput`` naming the file and the problem, so an importer never lets a
traceback or an unbounded read through. Exports arrive as a zip or as the folder it
unpacks to; ``open_container`` gives both the same small interface (MVT's split between
an artefact parser and where the artefact came from).
"""

from __future__ import annotations

import io
import json
import os
import re
import sqlite3
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import IO, Any, Protocol
from urllib.parse import quote

from safecase.errors import BadInput
from safecase.importers.base import (
    MAX_JSON_BYTES,
    MAX_JSON_DEPTH,
    MAX_LINE_BYTES,
    MAX_ZIP_MEMBERS,
    MAX_ZIP_RATIO,
    MAX_ZIP_TOTAL,
)
from safecase.importers.ziputil import is_zip_file, json_depth_ok  # noqa: F401 (re-exported)
from safecase.model import ParsedEvent

SQLITE_MAGIC = b"SQLite format 3\x00"
ZIP_MAGIC = b"PK\x03\x04"

# What reading a damaged zip can raise, besides BadZipFile.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
               zlib.error, NotImplementedError, RuntimeError, struct.error)

# Members this small cannot be a meaningful bomb whatever their ratio (a 2 KiB run of
# spaces compresses 300:1 and is harmless); the ratio rule starts above it.
_RATIO_FLOOR = 1024 * 1024


# --------------------------------------------------------------------------- paths


def safe_relpath(name: str) -> str | None:
    """``name`` as a clean relative POSIX path, or None when it is absolute, escapes
    upwards (``..``), names a drive, or is empty."""
    if not name or "\x00" in name:
        return None
    norm = name.replace("\\", "/")
    if norm.startswith("/") or re.match(r"^[A-Za-z]:", norm):
        return None
    parts = [p for p in PurePosixPath(norm).parts if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return "/".join(parts)


# --------------------------------------------------------------------------- zips


def _is_symlink_member(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return info.create_system == 3 and stat.S_ISLNK(mode)


def open_zip_safely(path: Path) -> zipfile.ZipFile:
    """Open a zip after checking every member against the hostile-container limits.

    Refused: more than MAX_ZIP_MEMBERS members, declared total size over MAX_ZIP_TOTAL,
    one member whose size/compressed ratio is over MAX_ZIP_RATIO (a zip bomb), names that
    are absolute or climb out with ``..``, and symlinks. ``zipfile`` never returns more
    than a member's declared size, so checking declared sizes bounds what we read.
    """
    try:
        zf = zipfile.ZipFile(path)
    except _ZIP_ERRORS as exc:
        raise BadInput(path, f"not a readable zip file ({exc})") from None
    try:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise BadInput(path, f"the zip holds {len(infos)} files, more than the limit "
                           f"of {MAX_ZIP_MEMBERS}")
        total = 0
        for info in infos:
            if safe_relpath(info.filename) is None:
                raise BadInput(path, f"the zip member {info.filename!r} points outside "
                               "the export (absolute path or '..'); refused")
            if _is_symlink_member(info):
                raise BadInput(path, f"the zip member {info.filename!r} is a symbolic "
                               "link; refused")
            total += info.file_size
            if total > MAX_ZIP_TOTAL:
                raise BadInput(path, "the zip would unpack to more than "
                               f"{MAX_ZIP_TOTAL // 2**30} GiB; refused as a zip bomb")
            if info.file_size > _RATIO_FLOOR and (
                info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)
            ):
                raise BadInput(path, f"the zip member {info.filename!r} expands "
                               f"{info.file_size // max(info.compress_size, 1)} times; "
                               "refused as a zip bomb")
    except BaseException:
        zf.close()
        raise
    return zf


# --------------------------------------------------------------------------- containers


class Container(Protocol):
    """A zip or a folder seen as a set of relative POSIX paths."""

    origin: Path

    def names(self) -> list[str]: ...
    def open(self, name: str) -> IO[bytes]: ...
    def size(self, name: str) -> int: ...
    def close(self) -> None: ...


class ZipContainer:
    def __init__(self, path: Path) -> None:
        self.origin = path
        self.zf = open_zip_safely(path)
        self._by_name: dict[str, zipfile.ZipInfo] = {}
        for info in self.zf.infolist():
            if not info.is_dir():
                rel = safe_relpath(info.filename)
                assert rel is not None  # open_zip_safely refused the rest
                self._by_name[rel] = info

    def names(self) -> list[str]:
        return list(self._by_name)

    def open(self, name: str) -> IO[bytes]:
        try:
            info = self._by_name[name]
        except KeyError:
            raise BadInput(self.origin, f"{name} is missing from the zip") from None
        try:
            return _ZipMemberStream(self.zf.open(info), self.origin, name)  # type: ignore[return-value]
        except _ZIP_ERRORS as exc:
            raise BadInput(self.origin, f"cannot read {name} from the zip ({exc})") from None

    def size(self, name: str) -> int:
        return self._by_name[name].file_size

    def close(self) -> None:
        self.zf.close()


class _ZipMemberStream(io.RawIOBase):
    """A zip member whose damage (bad CRC, broken deflate data) surfaces as ``BadInput``
    naming the zip and the member, wherever the stream is read (also in the store)."""

    def __init__(self, inner: IO[bytes], origin: Path, name: str) -> None:
        self._inner, self._origin, self._name = inner, origin, name

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        try:
            return self._inner.read(size)
        except _ZIP_ERRORS as exc:
            raise BadInput(self._origin, f"{self._name} in the zip is damaged ({exc})") from None

    def readinto(self, b: Any) -> int:
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


class FolderContainer:
    """A folder; symlinks are never followed and nothing outside ``origin`` is read."""

    def __init__(self, path: Path, max_files: int = MAX_ZIP_MEMBERS) -> None:
        self.origin = path
        self._root = path.resolve()
        self._names: list[str] | None = None
        self._max = max_files

    def names(self) -> list[str]:
        if self._names is None:
            out: list[str] = []
            for dirpath, dirnames, filenames in os.walk(self._root, followlinks=False):
                dirnames.sort()
                base = Path(dirpath)
                for fn in sorted(filenames):
                    full = base / fn
                    if full.is_symlink() or not full.is_file():
                        continue  # symlinks could point anywhere on the computer
                    out.append(full.relative_to(self._root).as_posix())
                    if len(out) > self._max:
                        raise BadInput(self.origin, f"the folder holds more than {self._max} "
                                       "files; point SafeCase at the export folder itself")
            self._names = out
        return self._names

    def _path(self, name: str) -> Path:
        rel = safe_relpath(name)
        if rel is None:
            raise BadInput(self.origin, f"{name!r} points outside the export folder; refused")
        full = self._root / rel
        # Every component must be a real directory/file inside the root, not a link.
        cur = self._root
        for part in PurePosixPath(rel).parts:
            cur = cur / part
            if cur.is_symlink():
                raise BadInput(self.origin, f"{rel} is a symbolic link; refused")
        return full

    def open(self, name: str) -> IO[bytes]:
        full = self._path(name)
        try:
            return full.open("rb")
        except OSError as exc:
            raise BadInput(self.origin, f"cannot read {name} ({exc.strerror})") from None

    def exists(self, name: str) -> bool:
        try:
            full = self._path(name)
        except BadInput:
            return False
        return full.is_file()

    def size(self, name: str) -> int:
        return self._path(name).stat().st_size

    def close(self) -> None:
        pass


def open_container(path: Path) -> ZipContainer | FolderContainer:
    """A zip file or a folder as a ``Container``."""
    if path.is_dir():
        return FolderContainer(path)
    return ZipContainer(path)


def zip_names_quick(path: Path, limit: int = 5000) -> list[str]:
    """Member names of a zip for sniffing; empty when it is not a readable zip.

    Cheap (reads only the central directory) and never raises."""
    try:
        with zipfile.ZipFile(path) as zf:
            return [i.filename for i in zf.infolist()[:limit]]
    except Exception:
        return []


def folder_has(path: Path, *rels: str) -> bool:
    """True when the folder holds every one of ``rels`` as a real file (for sniffing)."""
    try:
        return path.is_dir() and all(
            (path / r).is_file() and not (path / r).is_symlink() for r in rels
        )
    except OSError:
        return False


# --------------------------------------------------------------------------- bytes & json


def read_limited(stream: IO[bytes], origin: object, what: str, limit: int) -> bytes:
    """Read a whole stream, refusing more than ``limit`` bytes."""
    try:
        data = stream.read(limit + 1)
    except _ZIP_ERRORS as exc:
        raise BadInput(origin, f"cannot read {what} ({exc})") from None
    if len(data) > limit:
        raise BadInput(origin, f"{what} is larger than the limit of {limit // 2**20} MiB")
    return data


def load_json_limited(
    data: bytes | str,
    origin: object,
    what: str = "the JSON",
    max_bytes: int = MAX_JSON_BYTES,
    max_depth: int = MAX_JSON_DEPTH,
) -> Any:
    """``json.loads`` with the size and nesting limits; errors become ``BadInput``."""
    if len(data) > max_bytes:
        raise BadInput(origin, f"{what} is larger than the limit of {max_bytes // 2**20} MiB")
    try:
        value = json.loads(data)
    except RecursionError:
        raise BadInput(origin, f"{what} is nested too deeply (limit {max_depth}); "
                       "refused") from None
    except UnicodeDecodeError:
        raise BadInput(origin, f"{what} is not valid UTF-8 text") from None
    except ValueError as exc:
        raise BadInput(origin, f"{what} is not valid JSON ({exc})") from None
    if not json_depth_ok(value, max_depth):
        raise BadInput(origin, f"{what} is nested too deeply (limit {max_depth}); refused")
    return value


def load_json_member(container: Container, name: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """A JSON file from a container, read within the limits."""
    with container.open(name) as fh:
        data = read_limited(fh, container.origin, name, MAX_JSON_BYTES)
    return load_json_limited(data, container.origin, name, max_depth=max_depth)


def require(cond: bool, origin: object, problem: str) -> None:
    """Raise ``BadInput(origin, problem)`` unless ``cond``: for shape checks on JSON."""
    if not cond:
        raise BadInput(origin, problem)


# --------------------------------------------------------------------------- lines


def iter_line_blocks(
    stream: IO[str], origin: object, max_line: int = MAX_LINE_BYTES, chunk: int = 1 << 20
) -> Iterator[list[str]]:
    """Lists of lines (without their ``\n``; a ``\r`` before it is kept), one list per
    chunk read. For hot loops: iterating a list is much cheaper than resuming a
    generator for every line.

    Reads fixed-size chunks and splits them, so a file with one enormous line is refused
    after ``max_line`` characters instead of being loaded whole."""
    tail = ""
    while True:
        try:
            block = stream.read(chunk)
        except UnicodeDecodeError as exc:
            raise BadInput(origin, f"not valid UTF-8 text ({exc.reason} at byte "
                           f"{exc.start})") from None
        except _ZIP_ERRORS as exc:
            raise BadInput(origin, f"cannot read it ({exc})") from None
        if not block:
            break
        parts = (tail + block).split("\n") if tail else block.split("\n")
        tail = parts.pop()
        if len(tail) > max_line:
            raise BadInput(origin, f"a line is longer than {max_line // 2**20} MiB; refused")
        if parts:
            yield parts
    if tail:
        yield [tail]


def iter_lines_limited(
    stream: IO[str], origin: object, max_line: int = MAX_LINE_BYTES, chunk: int = 1 << 20
) -> Iterator[str]:
    """Lines of a text stream, one at a time (see ``iter_line_blocks``)."""
    for block in iter_line_blocks(stream, origin, max_line, chunk):
        yield from block


# --------------------------------------------------------------------------- sqlite


def open_sqlite_readonly(path: Path) -> sqlite3.Connection:
    """Open a SQLite file read-only and immutable (no journal, no lock, no writes).

    ``immutable=1`` also stops SQLite from creating -wal/-shm files next to evidence."""
    try:
        with path.open("rb") as fh:
            magic = fh.read(16)
    except OSError as exc:
        raise BadInput(path, f"cannot read it ({exc.strerror})") from None
    if magic != SQLITE_MAGIC:
        raise BadInput(path, "not an SQLite database")
    uri = "file:" + quote(str(path.resolve())) + "?mode=ro&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True)
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        # a damaged schema can make SQLite's own error text undecodable
        raise BadInput(path, f"the SQLite database cannot be read ({exc})") from None
    return con


def sqlite_tables(con: sqlite3.Connection) -> dict[str, set[str]]:
    """Table name -> column names."""
    out: dict[str, set[str]] = {}
    for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'"):
        cols = {row[1] for row in con.execute(f'PRAGMA table_info("{name}")')}
        out[name] = cols
    return out


def sqlite_table_names_quick(path: Path, head: bytes) -> set[str]:
    """Table names for sniffing; empty set when not SQLite. Never raises."""
    if not head.startswith(SQLITE_MAGIC):
        return set()
    try:
        uri = "file:" + quote(str(path.resolve())) + "?mode=ro&immutable=1"
        con = sqlite3.connect(uri, uri=True)
        try:
            return {r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except Exception:
        return set()


# --------------------------------------------------------------------------- text


def undo_mojibake(s: str) -> str:
    """Facebook/Instagram exports write each UTF-8 byte as its own ``\\u00XX`` escape.

    Re-encode as Latin-1 and decode as UTF-8; a string that is not such mojibake (it has
    characters above U+00FF, or the bytes are not UTF-8) is returned unchanged."""
    if s.isascii():
        return s
    try:
        return s.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return s


def record_missing_attachments(ev: ParsedEvent) -> ParsedEvent:
    """Copy each attachment the export only names (no bytes) into
    ``extra["missing_attachments"]``: the store keeps files, so without this the note
    that a photo existed but was not exported would be lost."""
    missing = [{"name": a.name, "note": a.note} for a in ev.attachments
               if a.data is None and a.open is None]
    if missing:
        ev.extra.setdefault("missing_attachments", []).extend(missing)
    return ev


def strip_js_assignment(data: bytes, origin: object, what: str) -> bytes:
    """The JSON part of an X archive ``.js`` file: everything after
    ``window.YTD.<name>.part<N> =``. Never evaluates JavaScript."""
    m = re.match(rb"\s*(?:\xef\xbb\xbf)?\s*window\.YTD\.[A-Za-z0-9_]+\.part\d+\s*=\s*",
                 data)
    if not m:
        raise BadInput(origin, f"{what} does not start with 'window.YTD.<name>.part0 =' "
                       "like an X archive file")
    return data[m.end():]
