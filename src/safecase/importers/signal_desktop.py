"""Signal Desktop, exported with signal-export (``sigexport``, github.com/carderne/signal-export).

Signal Desktop has no export of its own; signal-export is the tool people use (on PyPI
as ``signal-export``; it decrypts Signal Desktop's database). Its output is a folder (or
the zip of it) with one folder per chat::

    <Chat name>/data.json      one JSON object per line: date, sender, body, quote,
                               sticker, reactions, attachments, deleted, ...
    <Chat name>/chat.md, index.html, media/<files>

What signal-export does to the data, and what SafeCase does about it:

* ``date`` is the local time of the exporting computer, without offset: read in the
  ``--tz`` zone (or the case's) and marked *assumed*.
* ``sender`` is ``"Me"`` for the person; everyone else by their display name (the chat
  folder's name is that name with everything but letters and digits removed).
* ``body`` has two spaces appended (for Markdown line breaks): removed again. Backticks
  (`````) were deleted by the exporter and cannot be restored; every event says so in
  ``extra["exporter_note"]``.
* Calls appear as text the exporter wrote ("Missed voice call", "Incoming video call
  (accepted, 2m 3s)"); a body that is exactly such a line becomes a ``call`` event, the
  line kept in ``extra["exporter_text"]``.
* Attachments are files under ``media/``; ones that were not copied are noted.

Only ``data.json`` is read (``--json`` is signal-export's default); an export made with
``--no-json`` has only Markdown, which is ambiguous for multi-line messages, and is refused
with a line saying how to re-export.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from safecase.errors import BadInput
from safecase.importers.base import MAX_LINE_BYTES, ImportContext, Importer
from safecase.importers.util import Container, member_names, open_container
from safecase.model import (
    ID_NAME,
    TIME_ASSUMED,
    TIME_EXACT,
    TIME_UNKNOWN,
    Attachment,
    ParsedEvent,
    ParsedExhibit,
)

EXPORTER_NOTE = "signal-export removes backticks (`) from message text"
_KEYS = {"date", "sender", "body"}
_CALL = re.compile(r"^(Incoming|Outgoing|Missed) (?:(voice|video) )?call(?: \((.+)\))?$")
_DURATION = re.compile(r"^(?:(\d+)m )?(\d+)s$")


def _first_json_line(head: bytes) -> dict[str, Any] | None:
    line = head.split(b"\n", 1)[0]
    try:
        doc = json.loads(line.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return None
    return doc if isinstance(doc, dict) else None


def _call_of(body: str) -> tuple[str, str, int | None, str | None] | None:
    """(direction, status, duration, media) for a body that is one of sigexport's call lines."""
    m = _CALL.match(body)
    if not m:
        return None
    which, media, detail = m.group(1), m.group(2), m.group(3) or ""
    duration = None
    parts = [p.strip() for p in detail.split(",")] if detail else []
    status = "unknown"
    if which == "Missed":
        return "incoming", "missed", None, media
    for p in parts:
        d = _DURATION.match(p)
        if d:
            duration = int(d.group(1) or 0) * 60 + int(d.group(2))
        elif p == "accepted":
            status = "answered"
        elif p == "unanswered":
            status = "unanswered"
        elif p.startswith("declined"):
            status = "rejected"
        elif p:
            status = "unknown"
    return ("incoming" if which == "Incoming" else "outgoing"), status, duration, media


class SignalDesktopExport(Importer):
    name = "signal-desktop"
    version = "1"
    title = "Signal Desktop via signal-export (sigexport)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.is_file() and path.name == "data.json":
            doc = _first_json_line(head)
            return 0.85 if doc is not None and _KEYS <= doc.keys() else 0.0
        names = member_names(path, head)
        chats = {n.rsplit("/", 1)[0] for n in names if n.endswith("/data.json")}
        marked = {n.rsplit("/", 1)[0] for n in names if n.endswith(("/chat.md", "/index.html"))}
        if chats & marked:
            return 0.8
        if marked and "style.css" in {n.rsplit("/", 1)[-1] for n in names}:
            return 0.6  # an export without data.json: parse() says how to redo it
        return 0.0

    def source_files(self, path: Path) -> list[Path]:
        if not path.is_dir():
            return [path]
        with open_container(path) as box:
            return [box.real_path(n) for n in sorted(self._data_files(box))]  # type: ignore[misc]

    @staticmethod
    def _data_files(box: Container) -> list[str]:
        return [n for n in box.names() if n.endswith("/data.json") or n == "data.json"]

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        if path.is_file() and path.name == "data.json":
            yield from self._chat_file(path.parent.name, lambda: path.open("rb"), str(path),
                                       None, None, ctx)
            return
        with open_container(path) as box:
            files = sorted(self._data_files(box))
            if not files:
                if any(n.endswith("/chat.md") for n in box.names()):
                    raise BadInput(path, "has only chat.md files; re-run signal-export with "
                                         "--json (its default) so SafeCase can read data.json")
                raise BadInput(path, "holds no <chat>/data.json: not a signal-export folder")
            ctx.notes.append(f"Signal Desktop export: {EXPORTER_NOTE}; times are the "
                             "exporting computer's local time")
            for member in files:
                chat = PurePosixPath(member).parent.name
                yield from self._chat_file(chat, box.opener(member), box.where(member),
                                           member, box, ctx)

    def _lines(self, opener, where: str) -> Iterator[tuple[int, dict[str, Any]]]:
        with opener() as raw:
            for n, line in enumerate(iter(lambda: raw.readline(MAX_LINE_BYTES + 1), b""), start=1):
                if len(line) > MAX_LINE_BYTES:
                    raise BadInput(where, f"line {n} is longer than {MAX_LINE_BYTES // (1024 * 1024)} MiB")
                if not line.strip():
                    continue
                try:
                    doc = json.loads(line.decode("utf-8-sig" if n == 1 else "utf-8"))
                except UnicodeDecodeError as exc:
                    raise BadInput(where, f"line {n} is not UTF-8 (byte {exc.start})") from None
                except RecursionError:
                    raise BadInput(where, f"line {n} nests JSON too deeply") from None
                except ValueError as exc:
                    raise BadInput(where, f"line {n} is not a JSON object ({exc})") from None
                if not isinstance(doc, dict) or not _KEYS <= doc.keys():
                    raise BadInput(where, f"line {n} is not a signal-export message "
                                          "(needs date, sender and body)")
                yield n, doc

    def _chat_file(self, chat: str, opener, where: str, member: str | None,
                   box: Container | None, ctx: ImportContext) -> Iterator[ParsedEvent]:
        # First pass: who is in the chat (a group has several senders besides "Me").
        others: list[str] = []
        for _n, doc in self._lines(opener, where):
            s = doc.get("sender")
            if isinstance(s, str) and s != "Me" and s not in others:
                others.append(s)
        if not others:
            others = [chat]
        group = len(others) > 1
        names = set(box.names()) if box is not None else set()
        for n, doc in self._lines(opener, where):
            yield self._event(doc, n, chat, others, group, member, box, names, ctx)

    def _event(self, doc: dict[str, Any], n: int, chat: str, others: list[str], group: bool,
               member: str | None, box: Container | None, names: set[str],
               ctx: ImportContext) -> ParsedEvent:
        sender = doc.get("sender")
        sender = sender if isinstance(sender, str) else str(sender)
        outgoing = sender == "Me"
        ts_ms, raw_time, certainty = self._time(doc.get("date"), ctx)
        body = doc.get("body")
        body = body if isinstance(body, str) else ("" if body is None else str(body))
        if body.endswith("  "):
            body = body[:-2]  # sigexport appends two spaces for Markdown
        extra: dict[str, Any] = {"exporter_note": EXPORTER_NOTE, "chat": chat}
        if group:
            extra["group"] = True
        for key in ("quote", "sticker", "reactions"):
            if doc.get(key):
                extra[key] = doc[key]
        attachments = self._attachments(doc.get("attachments"), member, box, names)
        kind = "message"
        text: str | None = body
        duration: int | None = None
        status: str | None = None
        direction = "outgoing" if outgoing else "incoming"
        if doc.get("deleted"):
            extra["deleted"] = True
            text = None
        else:
            call = _call_of(body) if not attachments and not doc.get("quote") else None
            if call is not None:
                direction, status, duration, media = call
                kind, text = "call", None
                extra["exporter_text"] = body
                if media:
                    extra["call_media"] = media
        recipients = list(others) if outgoing else []
        return ParsedEvent(
            kind=kind, channel="signal", direction=direction, ts_ms=ts_ms, raw_time=raw_time,
            locator=f"{member or 'data.json'} line {n}",
            sender=None if outgoing else sender, sender_name=None if outgoing else sender,
            recipients=recipients, text=text, duration_s=duration, call_status=status,
            time_certainty=certainty, attachments=attachments,
            id_kind=ID_NAME, extra=extra, source_member=member,
        )

    @staticmethod
    def _time(value: Any, ctx: ImportContext) -> tuple[int | None, str, str]:
        raw = "" if value is None else str(value)
        try:
            dt = datetime.fromisoformat(raw)
        except ValueError:
            return None, raw, TIME_UNKNOWN
        if dt.tzinfo is None:
            return int(dt.replace(tzinfo=ctx.tz).timestamp() * 1000), raw, TIME_ASSUMED
        return int(dt.timestamp() * 1000), raw, TIME_EXACT

    @staticmethod
    def _attachments(items: Any, member: str | None, box: Container | None,
                     names: set[str]) -> list[Attachment]:
        out: list[Attachment] = []
        if not isinstance(items, list):
            return out
        chat_dir = PurePosixPath(member).parent if member else None
        for item in items:
            if not isinstance(item, dict):
                continue
            name = str(item.get("name") or "attachment")
            rel = str(item.get("path") or "").replace("%20", " ")
            target = str(chat_dir / rel) if chat_dir is not None and rel else None
            if box is not None and target in names:
                out.append(Attachment(name=name, open=box.opener(target)))
            else:
                out.append(Attachment(name=name, note=f"not in the export ({rel or 'no path'})"))
        return out

