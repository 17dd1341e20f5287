"""The import framework: one file (or folder) in, one transaction.

Order of work for each path:
1. pick the importer (``--format`` or sniffing);
2. copy every source file into an encrypted blob while hashing it (the original bytes are
   kept exactly, and re-hashed by ``verify``);
3. stream the importer's events into the database in batches, skipping events whose
   fingerprint the case already has (re-imports and overlapping backups);
4. write one ledger entry naming the sources, the counts and a digest of the new events;
5. commit. Any error or interruption before the commit rolls the database back and removes
   the blobs written so far: nothing of the file stays in the case.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safecase.errors import BadInput, SafecaseError
from safecase.importers.base import ImportContext, Importer
from safecase.importers.registry import detect
from safecase.model import (
    CALL_STATUSES,
    CHANNELS,
    DIRECTIONS,
    EVENT_KINDS,
    Attachment,
    ParsedEvent,
    ParsedExhibit,
    utc_iso,
)
from safecase.store import ledger
from safecase.store.case import Case, check_zone
from safecase.store.eventrows import Fingerprinter, compact, compact_sorted, content_hash

BATCH = 5000

Progress = Callable[[int], None]
# Asks the person which of the senders (name, message count) in the export is them;
# returns the chosen names (empty: none of them / do not know).
AskMe = Callable[[Path, list[tuple[str, int]]], list[str]]

_INSERT = (
    "INSERT OR IGNORE INTO events(fingerprint, kind, channel, direction, ts_ms, raw_time,"
    " time_certainty, sender, sender_name, recipients, text, duration_s, call_status, subject,"
    " extra, party_id, source_id, locator, import_id, version, supersedes, content_hash)"
    " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
)


@dataclass
class ImportSummary:
    path: str
    importer: str
    importer_title: str
    import_id: int | None = None
    events_added: int = 0
    duplicates: int = 0
    exhibits_added: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    by_direction: Counter[str] = field(default_factory=Counter)
    first_ms: int | None = None
    last_ms: int | None = None
    sources: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "importer": self.importer, "import_id": self.import_id,
            "events_added": self.events_added, "duplicates": self.duplicates,
            "exhibits_added": self.exhibits_added, "by_kind": dict(self.by_kind),
            "by_direction": dict(self.by_direction), "first": utc_iso(self.first_ms),
            "last": utc_iso(self.last_ms), "sources": self.sources, "notes": self.notes,
        }


def _validate(ev: ParsedEvent, path: Path) -> None:
    where = f"{ev.locator}"
    if ev.kind not in EVENT_KINDS:
        raise BadInput(path, f"{where}: unknown event kind {ev.kind!r} (importer bug)")
    if ev.channel not in CHANNELS:
        raise BadInput(path, f"{where}: unknown channel {ev.channel!r} (importer bug)")
    if ev.direction not in DIRECTIONS:
        raise BadInput(path, f"{where}: unknown direction {ev.direction!r} (importer bug)")
    if ev.call_status is not None and ev.call_status not in CALL_STATUSES:
        raise BadInput(path, f"{where}: unknown call status {ev.call_status!r} (importer bug)")


def _check_text(value: str | None, path: Path, locator: str) -> None:
    if value is None:
        return
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadInput(path, f"{locator}: text holds broken characters (lone UTF-16 "
                             "surrogates) that cannot be stored exactly") from None


class _Writer:
    """Holds the state of one import while events stream through."""

    def __init__(self, case: Case, path: Path, importer: Importer, ctx: ImportContext,
                 import_id: int, source_ids: dict[str | None, int], progress: Progress | None,
                 summary: ImportSummary, new_blobs: list[str]) -> None:
        self.case, self.path, self.importer, self.ctx = case, path, importer, ctx
        self.import_id, self.source_ids = import_id, source_ids
        self.progress, self.summary, self.new_blobs = progress, summary, new_blobs
        self.fingerprint = Fingerprinter()
        self.batch: list[tuple[Any, ...]] = []
        self.attempted = 0
        self.region = case.settings["region"]
        self.default_source = source_ids[None]

    def party(self, ev: ParsedEvent) -> int | None:
        """The identity of the other party: who wrote to the person, or whom they wrote to."""
        raw, name = ev.party, ev.party_name
        if raw is None:
            if ev.direction == "incoming":
                raw, name = ev.sender, ev.sender_name
            elif ev.direction == "outgoing" and len(ev.recipients) == 1:
                raw = ev.recipients[0]
            elif ev.direction == "unknown":
                raw, name = ev.sender, ev.sender_name
        if not raw:
            return None
        return self.case.identity_id(raw, ev.id_kind, ev.channel, name, ev.ts_ms, self.region)

    def add_event(self, ev: ParsedEvent) -> None:
        _validate(ev, self.path)
        party_id = self.party(ev)
        source_id = self.source_ids.get(ev.source_member, self.default_source)
        recipients = compact(ev.recipients) if ev.recipients else "[]"
        extra = compact_sorted(ev.extra) if ev.extra else "{}"
        fp = self.fingerprint(ev.kind, ev.channel, ev.direction, ev.ts_ms,
                              str(party_id) if party_id else ev.sender, ev.text, ev.duration_s,
                              ev.call_status, ev.subject)
        values = (ev.kind, ev.channel, ev.direction, ev.ts_ms, ev.raw_time, ev.time_certainty,
                  ev.sender, ev.sender_name, recipients, ev.text, ev.duration_s, ev.call_status,
                  ev.subject, extra, source_id, ev.locator, 1, None)
        row = (fp, *values[:14], party_id, source_id, ev.locator, self.import_id, 1, None,
               content_hash(values))
        self.attempted += 1
        s = self.summary
        s.by_kind[ev.kind] += 1
        s.by_direction[ev.direction] += 1
        if ev.ts_ms is not None:
            s.first_ms = ev.ts_ms if s.first_ms is None else min(s.first_ms, ev.ts_ms)
            s.last_ms = ev.ts_ms if s.last_ms is None else max(s.last_ms, ev.ts_ms)
        if ev.attachments:
            self.flush()
            self.batch.append(row)
            try:
                cur = self.case.db.execute(_INSERT, row)
            except UnicodeEncodeError:
                self._name_unstorable()
            self.batch.clear()
            if cur.rowcount == 1:
                self.attach(int(cur.lastrowid), ev.attachments, source_id)
        else:
            self.batch.append(row)
            if len(self.batch) >= BATCH:
                self.flush()
        if self.progress and self.attempted % 1000 == 0:
            self.progress(self.attempted)

    def attach(self, event_id: int, attachments: Iterable[Attachment], source_id: int) -> None:
        for att in attachments:
            if att.data is None and att.open is None:
                continue  # referenced but not in the export; the note stays in extra
            extra = {"note": att.note} if att.note else {}
            if att.open is not None:
                with att.open() as stream:
                    ex_id, added = self.case.store_exhibit(
                        name=att.name, mime=att.mime, kind="attachment", stream=stream,
                        source_id=source_id, extra=extra, new_blobs=self.new_blobs)
            else:
                ex_id, added = self.case.store_exhibit(
                    name=att.name, mime=att.mime, kind="attachment", data=att.data,
                    source_id=source_id, extra=extra, new_blobs=self.new_blobs)
            self.summary.exhibits_added += int(added)
            self.case.db.execute(
                "INSERT OR IGNORE INTO event_exhibits(event_id, exhibit_id, name) VALUES(?,?,?)",
                (event_id, ex_id, att.name))

    def add_exhibit(self, ex: ParsedExhibit) -> None:
        source_id = self.source_ids[None]
        if ex.open is not None:
            with ex.open() as stream:
                _, added = self.case.store_exhibit(
                    name=ex.name, mime=ex.mime, kind="file", stream=stream, source_id=source_id,
                    extra=ex.extra, new_blobs=self.new_blobs)
        else:
            _, added = self.case.store_exhibit(
                name=ex.name, mime=ex.mime, kind="file", data=ex.data, source_id=source_id,
                extra=ex.extra, new_blobs=self.new_blobs)
        self.summary.exhibits_added += int(added)

    def flush(self) -> None:
        if self.batch:
            try:
                self.case.db.executemany(_INSERT, self.batch)
            except UnicodeEncodeError:
                self._name_unstorable()
            self.batch.clear()

    def _name_unstorable(self) -> None:
        """Text with lone UTF-16 surrogates cannot be stored exactly: name the first one."""
        for row in self.batch:
            for value in row:
                if isinstance(value, str):
                    _check_text(value, self.path, row[17])
        raise BadInput(self.path, "holds text that cannot be stored exactly")


def _store_sources(case: Case, importer: Importer, path: Path, import_id: int,
                   new_blobs: list[str]) -> tuple[dict[str | None, int], list[dict[str, Any]]]:
    files = importer.source_files(path)
    if not files:
        raise BadInput(path, "nothing to import in it")
    ids: dict[str | None, int] = {}
    described = []
    for f in files:
        member = None if f == path else f.relative_to(path).as_posix()
        try:
            with f.open("rb") as fh:
                blob_id, sha, size = case.blobs.put_stream(fh)
        except OSError as exc:
            raise BadInput(f, f"cannot read it ({exc.strerror})") from None
        row = case.db.execute("SELECT id FROM sources WHERE sha256=?", (sha,)).fetchone()
        if row:
            case.blobs.remove(blob_id)
            sid = int(row[0])
        else:
            new_blobs.append(blob_id)
            cur = case.db.execute(
                "INSERT INTO sources(sha256, size, name, member, importer, importer_version,"
                " imported_at, blob, import_id) VALUES(?,?,?,?,?,?,?,?,?)",
                (sha, size, path.name, member, importer.name, importer.version,
                 ledger.now_utc(), blob_id, import_id))
            sid = int(cur.lastrowid)
        ids[member] = sid
        described.append({"source": sid, "sha256": sha, "size": size, "name": path.name,
                          "member": member})
    ids.setdefault(None, next(iter(ids.values())))
    return ids, described


@contextmanager
def _reading(path: Path, cls: type[Importer]) -> Iterator[None]:
    """Turns what an importer did not expect into one line naming the file."""
    try:
        yield
    except SafecaseError:
        raise
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError,
            IndexError, RecursionError, MemoryError) as exc:
        raise BadInput(path, f"cannot be read as {cls.title or cls.name}: "
                             f"{type(exc).__name__}: {exc}"[:300]) from None


def _who_is_me(importer: Importer, cls: type[Importer], path: Path, ctx: ImportContext,
               ask_me: AskMe) -> list[str] | None:
    """Asks which sender is the person, for formats that cannot tell (None: not asked)."""
    with _reading(path, cls):
        candidates = importer.self_candidates(path, ctx)
    if not candidates:
        return None
    return list(ask_me(path, candidates))


def import_path(case: Case, path: Path, fmt: str | None = None, me: list[str] | None = None,
                tz: str | None = None, options: dict[str, str] | None = None,
                progress: Progress | None = None, interactive: bool = False,
                ask_me: AskMe | None = None,
                password: Callable[[str], str | None] | None = None,
                status: Callable[[str], None] | None = None) -> ImportSummary:
    """Imports one file or folder into the case, atomically. See the module docstring.

    ``ask_me``: without ``me``, formats that cannot tell which sender is the person offer
    their senders to it (before anything is written); the answer is used and recorded in
    the import's options as if it had been given as ``me`` (plus ``"me_from": "asked"``).
    ``password`` / ``status``: see ``ImportContext`` (passwords are never recorded).
    """
    cls = detect(path, fmt)
    importer = cls()
    settings = case.settings
    ctx = ImportContext(
        tz=check_zone(tz or settings["tz"]), tz_explicit=tz is not None, me=list(me or []),
        region=settings["region"], interactive=interactive, options=dict(options or {}),
        password=password, status=status)
    with _reading(path, cls):  # passwords asked and checked before anything is written
        importer.prepare(path, ctx)
    recorded: dict[str, object] = {"format": fmt, "tz": tz, "me": list(me or [])}
    if not ctx.me and ask_me is not None:
        chosen = _who_is_me(importer, cls, path, ctx, ask_me)
        if chosen is not None:
            ctx.me = chosen
            recorded.update(me=list(chosen), me_from="asked")
            if chosen:
                ctx.notes.append(f"you said you are {', '.join(chosen)}: recorded with this "
                                 "import (as --me would be)")
    recorded.update(options or {})
    summary = ImportSummary(path=str(path), importer=cls.name, importer_title=cls.title)
    new_blobs: list[str] = []
    try:
        with case.transaction():
            cur = case.db.execute(
                "INSERT INTO imports(at, name, importer, importer_version, options)"
                " VALUES(?,?,?,?,?)",
                (ledger.now_utc(), path.name, cls.name, cls.version,
                 json.dumps(recorded)))
            import_id = int(cur.lastrowid)
            summary.import_id = import_id
            source_ids, summary.sources = _store_sources(case, importer, path, import_id,
                                                         new_blobs)
            writer = _Writer(case, path, importer, ctx, import_id, source_ids, progress,
                             summary, new_blobs)
            with _reading(path, cls):  # unexpected input: name the file, no traceback
                for item in importer.parse(path, ctx):
                    if isinstance(item, ParsedEvent):
                        writer.add_event(item)
                    else:
                        writer.add_exhibit(item)
                writer.flush()
            digest = hashlib.sha256()
            added = 0
            for (h,) in case.db.execute(
                    "SELECT content_hash FROM events WHERE import_id=? ORDER BY id",
                    (import_id,)):
                digest.update(bytes.fromhex(h))
                added += 1
            summary.events_added = added
            summary.duplicates = writer.attempted - added
            summary.notes = ctx.notes
            events_digest = digest.hexdigest()
            case.db.execute(
                "UPDATE imports SET summary=?, events_digest=?, n_events=? WHERE id=?",
                (json.dumps(summary.to_dict(), ensure_ascii=False), events_digest, added,
                 import_id))
            case.record("import", f"import:{import_id}", {
                "import": import_id, "importer": cls.name, "importer_version": cls.version,
                "sources": summary.sources, "events_added": added,
                "duplicates": summary.duplicates, "exhibits_added": summary.exhibits_added,
                "events_digest": events_digest,
                "options": recorded,
            })
    except BaseException:
        for b in new_blobs:
            case.blobs.remove(b)
        raise
    return summary
