"""Shared helpers for importers: hostile-safe zips, folders, JSON, SQLite and lines.

Every helper enforces the fixed limits in ``importers.base`` and turns what goes wrong
into ``BadInput`` naming the file and the problem, so an importer never lets a
traceback or an unbounded read through. Exports arrive as a zip or as the folder it
unpacks to; ``open_container`` gives both one interface (MVT's split between an artefact
parser and where the artefact came from): relative POSIX member names, and a way to
open each one as a binary stream, now or later (``opener``, for ``Attachment.open``).

Hostile containers are refused before anything is read:

* zip bombs: more than ``MAX_ZIP_MEMBERS`` members, a declared total over
  ``MAX_ZIP_TOTAL``, or one member whose uncompressed/compressed ratio is over
  ``MAX_ZIP_RATIO`` (members under 1 MiB are exempt: small text compresses very well);
  a member that inflates past the size it declared is cut off with an error;
* names that escape the container (``../x``, ``/etc/x``, ``C:\\x``) and symbolic links
  in a zip; in a folder, links are never followed: refused (``links="refuse"``, for data
  packages) or passed over as if absent (``links="skip"``, for the folder next to a
  chat file, which may be any folder such as Downloads). Folders are listed lazily.
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
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import IO, Any, Literal
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
from safecase.model import ParsedEvent

SQLITE_MAGIC = b"SQLite format 3\x00"
ZIP_MAGIC = b"PK\x03\x04"

# What reading a damaged zip can raise, besides BadZipFile.
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError,
               zlib.error, NotImplementedError, RuntimeError, struct.error)

# Members this small cannot be a meaningful bomb whatever their ratio (a 2 KiB run of
# spaces compresses 300:1 and is harmless); the ratio rule starts above it.
_RATIO_FLOOR = 1024 * 1024

Links = Literal["refuse", "skip"]


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


def is_zip(head: bytes) -> bool:
    return head.startswith(ZIP_MAGIC) or head.startswith(b"PK\x05\x06")  # empty zip


def is_zip_file(path: Path) -> bool:
    """True for a regular file that starts like a zip."""
    try:
        if not path.is_file():
            return False
        with path.open("rb") as fh:
            return is_zip(fh.read(4))
    except OSError:
        return False


# --------------------------------------------------------------------------- zips


def _is_symlink_member(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _is_root_dir(info: zipfile.ZipInfo) -> bool:
    """A directory entry that names the zip's root (``./``): harmless, nothing in it."""
    return info.is_dir() and not info.filename.replace("\\", "/").strip("./")


def open_zip_safely(path: Path) -> tuple[zipfile.ZipFile, dict[str, zipfile.ZipInfo]]:
    """Open a zip after checking every member against the hostile-container limits;
    returns it with its files by clean relative name.

    Refused: more than MAX_ZIP_MEMBERS members, declared total size over MAX_ZIP_TOTAL,
    one member whose size/compressed ratio is over MAX_ZIP_RATIO (a zip bomb), names that
    are absolute or climb out with ``..``, symlinks, and a name that appears twice.
    """
    try:
        zf = zipfile.ZipFile(path)
    except _ZIP_ERRORS as exc:
        raise BadInput(path, f"not a readable zip file ({exc})") from None
    files: dict[str, zipfile.ZipInfo] = {}
    try:
        infos = zf.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            raise BadInput(path, f"the zip holds {len(infos)} members, more than the limit "
                           f"of {MAX_ZIP_MEMBERS}")
        total = 0
        for info in infos:
            rel = safe_relpath(info.filename)
            if rel is None and not _is_root_dir(info):
                raise BadInput(path, f"the zip member {info.filename!r} points outside "
                               "the zip (absolute path or '..'); refused")
            if _is_symlink_member(info):
                raise BadInput(path, f"the zip member {info.filename!r} is a symbolic "
                               "link; refused")
            total += info.file_size
            if total > MAX_ZIP_TOTAL:
                raise BadInput(path, "the zip unpacks to more than the size limit "
                               f"({MAX_ZIP_TOTAL // 2**30} GiB); refused as a zip bomb")
            if info.file_size > _RATIO_FLOOR and (
                info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1)
            ):
                raise BadInput(path, f"the zip member {info.filename!r} is compressed "
                               "suspiciously well (it expands "
                               f"{info.file_size // max(info.compress_size, 1)} times); "
                               "refused as a zip bomb")
            if info.is_dir() or rel is None:
                continue
            if rel in files:
                raise BadInput(path, f"the zip member {rel!r} appears twice")
            files[rel] = info
    except BaseException:
        zf.close()
        raise
    return zf, files


class _LimitedRaw(io.RawIOBase):
    """A raw stream over a zip member that fails instead of yielding more than ``limit``
    bytes, and turns damage (bad CRC, broken deflate data) into ``BadInput`` naming the
    member, wherever the stream is read (also in the store)."""

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
        except _ZIP_ERRORS as exc:
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


# --------------------------------------------------------------------------- containers


class Container:
    """A folder or a zip, seen as a set of relative POSIX member names."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.origin = path  # how errors name the container itself

    def names(self) -> list[str]:
        raise NotImplementedError

    def exists(self, name: str) -> bool:
        return name in self.names()

    def size(self, name: str) -> int:
        raise NotImplementedError

    def open(self, name: str) -> IO[bytes]:
        """A buffered binary stream of one member; close it (use ``with``)."""
        return self.opener(name)()

    def opener(self, name: str) -> Callable[[], IO[bytes]]:
        """A callable that opens ``name`` later, even after this container is closed
        (what ``Attachment.open`` needs)."""
        raise NotImplementedError

    def read_bytes(self, name: str, limit: int) -> bytes:
        """The whole member, refusing one larger than ``limit`` bytes."""
        if self.size(name) > limit:
            raise BadInput(self.where(name), f"is larger than the limit of {limit // 2**20} MiB")
        with self.open(name) as fh:
            return read_limited(fh, self.where(name), "it", limit)

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


class ZipContainer(Container):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.zf, self._infos = open_zip_safely(path)

    def names(self) -> list[str]:
        return list(self._infos)

    def exists(self, name: str) -> bool:
        return name in self._infos

    def size(self, name: str) -> int:
        return self._infos[name].file_size

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = self._infos.get(name)
        if info is None:
            raise BadInput(self.where(name), "is not in the zip")
        return info

    def open(self, name: str) -> IO[bytes]:
        info, where = self._info(name), self.where(name)
        try:
            raw = self.zf.open(info)
        except _ZIP_ERRORS as exc:
            raise BadInput(where, f"cannot be read from the zip ({exc})") from None
        return io.BufferedReader(_LimitedRaw(raw, info.file_size, where), 256 * 1024)

    def opener(self, name: str) -> Callable[[], IO[bytes]]:
        info, path, where = self._info(name), self.path, self.where(name)

        def _open() -> IO[bytes]:
            try:
                zf = zipfile.ZipFile(path)
                try:
                    raw = zf.open(info)
                finally:
                    zf.close()  # the member stream keeps the file open by reference count
            except _ZIP_ERRORS as exc:
                raise BadInput(where, f"cannot be read from the zip ({exc})") from None
            return io.BufferedReader(_LimitedRaw(raw, info.file_size, where), 256 * 1024)

        return _open

    def where(self, name: str) -> str:
        return f"{self.path}!{name}"

    def close(self) -> None:
        self.zf.close()


class FolderContainer(Container):
    """A folder; links are never followed and nothing outside it is read. Member names
    are listed only when asked (``names``), so the folder may be a big one."""

    def __init__(self, path: Path, max_files: int = MAX_ZIP_MEMBERS,
                 links: Links = "skip") -> None:
        super().__init__(path)
        self._root = path.resolve()
        self._sizes: dict[str, int] | None = None
        self._max = max_files
        self._links = links

    def _link(self, full: str) -> None:
        if self._links == "refuse":
            raise BadInput(full, "is a symbolic link; SafeCase does not follow links in "
                           "an export")

    def names(self) -> list[str]:
        if self._sizes is None:
            sizes: dict[str, int] = {}
            for dirpath, dirnames, filenames in os.walk(self._root, followlinks=False):
                for d in list(dirnames):
                    if os.path.islink(os.path.join(dirpath, d)):
                        self._link(os.path.join(dirpath, d))
                        dirnames.remove(d)
                dirnames.sort()
                for fn in sorted(filenames):
                    full = os.path.join(dirpath, fn)
                    st = os.lstat(full)
                    if stat.S_ISLNK(st.st_mode):
                        self._link(full)  # could point anywhere on the computer
                        continue
                    if not stat.S_ISREG(st.st_mode):
                        continue  # sockets, fifos: not part of any export
                    rel = Path(full).relative_to(self._root).as_posix()
                    sizes[rel] = st.st_size
                    if len(sizes) > self._max:
                        raise BadInput(self.origin, f"the folder holds more than {self._max} "
                                       "files; point SafeCase at the export folder itself")
            self._sizes = sizes
        return list(self._sizes)

    def _path(self, name: str) -> Path:
        rel = safe_relpath(name)
        if rel is None:
            raise BadInput(self.origin, f"{name!r} points outside the export folder; refused")
        # Every component must be a real directory/file inside the root, not a link.
        cur = self._root
        for part in PurePosixPath(rel).parts:
            cur = cur / part
            if cur.is_symlink():
                raise BadInput(self.origin, f"{rel} is a symbolic link; refused")
        return cur

    def exists(self, name: str) -> bool:
        try:
            return self._path(name).is_file()
        except (BadInput, OSError):
            return False

    def size(self, name: str) -> int:
        if self._sizes is not None and name in self._sizes:
            return self._sizes[name]
        return self._path(name).stat().st_size

    def opener(self, name: str) -> Callable[[], IO[bytes]]:
        full, where = self._path(name), self.where(name)

        def _open() -> IO[bytes]:
            # O_NOFOLLOW: the file was checked not to be a link; refuse if it became one.
            try:
                fd = os.open(full, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            except OSError as exc:
                raise BadInput(where, f"cannot be read ({exc.strerror})") from None
            return os.fdopen(fd, "rb")

        return _open

    def where(self, name: str) -> str:
        return str(self.path / name)

    def real_path(self, name: str) -> Path | None:
        return self.path / name


def open_container(path: Path, links: Links = "refuse") -> ZipContainer | FolderContainer:
    """A ``Container`` for a folder or a zip file; ``BadInput`` for anything else."""
    if path.is_symlink():
        raise BadInput(path, "is a symbolic link; give the file or folder itself")
    if path.is_dir():
        return FolderContainer(path, links=links)
    return ZipContainer(path)


@lru_cache(maxsize=32)
def _zip_names_cached(path: str, mtime_ns: int, size: int) -> frozenset[str]:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_MEMBERS:
                return frozenset()
            return frozenset(n for n in (safe_relpath(i.filename) for i in infos) if n)
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


def load_json(data: bytes | str, origin: object, what: str = "the JSON",
              max_bytes: int = MAX_JSON_BYTES, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` (UTF-8, with or without BOM) within the size and nesting limits;
    every way it can fail becomes one ``BadInput`` line."""
    if len(data) > max_bytes:
        raise BadInput(origin, f"{what} is larger than the limit of {max_bytes // 2**20} MiB")
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BadInput(origin, f"{what} is not valid UTF-8 text (byte {exc.start})"
                           ) from None
    try:
        value = json.loads(data)
    except RecursionError:
        raise BadInput(origin, f"{what} nests JSON deeper than SafeCase accepts; refused"
                       ) from None
    except json.JSONDecodeError as exc:
        raise BadInput(origin, f"{what} is not valid JSON (line {exc.lineno}, column "
                       f"{exc.colno}: {exc.msg})") from None
    except ValueError as exc:  # e.g. integers with too many digits
        raise BadInput(origin, f"{what} is not valid JSON ({exc})") from None
    if not json_depth_ok(value, max_depth):
        raise BadInput(origin, f"{what} nests JSON deeper than {max_depth} levels; refused")
    return value


def load_json_member(container: Container, name: str, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """A JSON member of a container, read within the limits."""
    return load_json(container.read_bytes(name, MAX_JSON_BYTES), container.where(name),
                     "it", max_depth=max_depth)


def read_file_limited(path: Path, limit: int, kind: str = "") -> bytes:
    """A whole file, refusing one larger than ``limit`` bytes (``kind``: "an image")."""
    try:
        if path.stat().st_size > limit:
            raise BadInput(path, f"is larger than the limit of {limit // 2**20} MiB"
                           + (f" for {kind}" if kind else ""))
        return path.read_bytes()
    except OSError as exc:
        raise BadInput(path, f"cannot be read ({exc.strerror})") from None


def load_json_file(path: Path) -> Any:
    """A JSON file, read within the limits."""
    return load_json(read_file_limited(path, MAX_JSON_BYTES, "JSON"), path, "it")


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
