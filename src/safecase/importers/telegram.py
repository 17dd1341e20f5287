"""Telegram Desktop export (``result.json``, machine-readable JSON): one chat or the whole
account (``chats.list``).

* ``text`` is a string or a list of strings and entity objects (``{"type": "bold",
  "text": "..."}``); the exact text is their concatenation, and links are kept in extra;
* ``date_unixtime`` is the truth (UTC); ``date`` is local time without an offset and is
  used, with the assumed zone, only when ``date_unixtime`` is missing;
* service messages: ``phone_call`` becomes a call (``duration_seconds``,
  ``discard_reason``), everything else (joins, pins, title changes) is skipped;
* media (``photo``, ``file``) are paths relative to the export folder, or the note
  "(File not included. Change data exporting settings to download.)".

Direction: the whole-account export names its owner in ``personal_information``; in a
one-chat export of a ``personal_chat`` the chat ``id`` is the other person's user id, so
every other sender is the owner; otherwise ``ctx.me`` decides, or it stays unknown.
Input: ``result.json``, the export folder holding it, or a zip of that folder.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from safecase.errors import BadInput
from safecase.importers.base import ImportContext, Importer
from safecase.importers.util import (
    FolderContainer,
    is_zip_file,
    load_json_member,
    member_names,
    open_container,
    record_missing_attachments,
    require,
    safe_relpath,
)
from safecase.model import (
    ID_HANDLE,
    TIME_ASSUMED,
    TIME_EXACT,
    Attachment,
    ParsedEvent,
    ParsedExhibit,
)

MEDIA_KEYS = ("photo", "file", "video_file", "voice_message")
DISCARD_STATUS = {"missed": "missed", "busy": "rejected", "declined": "rejected"}


def _looks_like_result_json(head: bytes) -> bool:
    h = head[:65536]
    return (b'"messages"' in h and (b'"date_unixtime"' in h or b'"text_entities"' in h)) or (
        b'"personal_information"' in h and b'"chats"' in h)


def flatten_text(value: Any, origin: object, where: str) -> tuple[str, list[str]]:
    """Telegram ``text``: a string, or a list of strings and entities -> (text, links)."""
    if isinstance(value, str):
        return value, []
    require(isinstance(value, list), origin, f"{where}: 'text' is neither text nor a list")
    parts: list[str] = []
    links: list[str] = []
    for item in value:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, dict) and isinstance(item.get("text", ""), str):
            parts.append(item.get("text", ""))
            href = item.get("href")
            if isinstance(href, str):
                links.append(href)
            elif item.get("type") in ("link", "text_link") and item.get("text"):
                links.append(item["text"])
        else:
            raise BadInput(origin, f"{where}: a part of 'text' is neither text nor an entity")
    return "".join(parts), links


class TelegramImporter(Importer):
    name = "telegram"
    version = "1"
    title = "Telegram Desktop export (result.json)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.is_dir():
            res = path / "result.json"
            if res.is_file() and not res.is_symlink():
                with res.open("rb") as fh:
                    return 0.9 if _looks_like_result_json(fh.read(65536)) else 0.0
            return 0.0
        if head.startswith(b"PK\x03\x04"):
            names = member_names(path, head)
            return 0.85 if any(n.rsplit("/", 1)[-1] == "result.json" for n in names) else 0.0
        if head.lstrip()[:1] == b"{" and _looks_like_result_json(head):
            return 0.9
        return 0.0

    def source_files(self, path: Path) -> list[Path]:
        if path.is_dir():
            return [path / "result.json"]
        return [path]

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        if path.is_dir() or is_zip_file(path):
            container = open_container(path, links="skip")
            try:
                results = [n for n in container.names() if n.rsplit("/", 1)[-1] == "result.json"]
                if len(results) != 1:
                    raise BadInput(path, "expected exactly one result.json in the Telegram "
                                   f"export (found {len(results)})")
                base = results[0].rsplit("/", 1)[0] + "/" if "/" in results[0] else ""
                data = load_json_member(container, results[0])
                yield from self._events(data, path, ctx, self._resolver(container, base),
                                        results[0])
            finally:
                container.close()
        else:
            folder = FolderContainer(path.parent)
            data = load_json_member(folder, path.name)
            yield from self._events(data, path, ctx, self._resolver(folder, ""), None)

    @staticmethod
    def _resolver(container: Any, base: str) -> Callable[[str], Callable[[], IO[bytes]] | None]:
        names = None

        def resolve(rel: str) -> Callable[[], IO[bytes]] | None:
            nonlocal names
            clean = safe_relpath(rel)
            if clean is None:
                return None
            full = base + clean
            if isinstance(container, FolderContainer):
                return (lambda: container.open(full)) if container.exists(full) else None
            if names is None:
                names = set(container.names())
            return (lambda: container.open(full)) if full in names else None

        return resolve

    def _events(self, data: Any, origin: Path, ctx: ImportContext,
                resolve: Callable[[str], Callable[[], IO[bytes]] | None],
                member: str | None) -> Iterator[ParsedEvent]:
        require(isinstance(data, dict), origin, "result.json does not hold a JSON object")
        own_id: str | None = None
        pi = data.get("personal_information")
        if isinstance(pi, dict) and pi.get("user_id") is not None:
            own_id = f"user{pi['user_id']}"
        chats: list[Any]
        if isinstance(data.get("chats"), dict):
            chats = list(data["chats"].get("list") or [])
            left = data.get("left_chats")
            if isinstance(left, dict):
                chats += list(left.get("list") or [])
        elif "messages" in data:
            chats = [data]
        else:
            raise BadInput(origin, "result.json holds neither 'messages' nor 'chats' "
                           "(export it as 'Machine-readable JSON')")
        unknown_direction = False
        for ci, chat in enumerate(chats):
            require(isinstance(chat, dict), origin, f"chat #{ci} is not an object")
            msgs = chat.get("messages")
            require(isinstance(msgs, list), origin, f"chat #{ci} has no message list")
            ctype = chat.get("type")
            chat_name = chat.get("name") if isinstance(chat.get("name"), str) else None
            peer = None
            if ctype in ("personal_chat", "bot_chat") and chat.get("id") is not None:
                peer = f"user{chat['id']}"
            for mi, msg in enumerate(msgs):
                where = f"chat {chat_name or ci}, message #{mi}"
                require(isinstance(msg, dict), origin, f"{where} is not an object")
                ev = self._event(msg, where, origin, ctx, own_id, peer, chat_name, resolve)
                if ev is None:
                    continue
                if ev.direction == "unknown":
                    unknown_direction = True
                ev.source_member = member
                yield ev
        if unknown_direction:
            ctx.notes.append("some Telegram senders could not be told apart from you: import "
                             "the whole-account export, or give --me with your name or user id")

    def _event(self, msg: dict[str, Any], where: str, origin: Path, ctx: ImportContext,
               own_id: str | None, peer: str | None, chat_name: str | None,
               resolve: Callable[[str], Callable[[], IO[bytes]] | None]) -> ParsedEvent | None:
        mtype = msg.get("type")
        is_call = mtype == "service" and msg.get("action") == "phone_call"
        if mtype != "message" and not is_call:
            return None
        sender_id = msg.get("from_id") if mtype == "message" else msg.get("actor_id")
        sender_name = msg.get("from") if mtype == "message" else msg.get("actor")
        sender_id = str(sender_id) if sender_id is not None else None
        sender_name = sender_name if isinstance(sender_name, str) else None
        # time
        raw_time = msg.get("date_unixtime")
        certainty = TIME_EXACT
        if raw_time is not None:
            try:
                ts_ms = int(raw_time) * 1000
            except (TypeError, ValueError):
                raise BadInput(origin, f"{where}: date_unixtime {raw_time!r} is not a "
                               "number") from None
            raw = str(raw_time)
        elif isinstance(msg.get("date"), str):
            raw = msg["date"]
            try:
                local = datetime.fromisoformat(raw)
            except ValueError:
                raise BadInput(origin, f"{where}: date {raw!r} is not a date") from None
            ts_ms = int(local.replace(tzinfo=ctx.tz).timestamp() * 1000)
            certainty = TIME_ASSUMED
        else:
            raise BadInput(origin, f"{where}: no date")
        # direction
        if own_id is not None and sender_id is not None:
            direction = "outgoing" if sender_id == own_id else "incoming"
        elif ctx.me and (sender_id in ctx.me or sender_name in ctx.me):
            direction = "outgoing"
        elif ctx.me:
            direction = "incoming"
        elif peer is not None and sender_id is not None:
            direction = "incoming" if sender_id == peer else "outgoing"
        else:
            direction = "unknown"
        party = peer if direction == "outgoing" else sender_id
        party_name = chat_name if direction == "outgoing" else sender_name
        extra: dict[str, Any] = {"message_id": msg.get("id")}
        if chat_name:
            extra["chat"] = chat_name
        if is_call:
            duration = msg.get("duration_seconds")
            reason = msg.get("discard_reason")
            if isinstance(reason, str):
                extra["discard_reason"] = reason
            if isinstance(duration, int) and duration > 0:
                status = "answered"
            elif reason in DISCARD_STATUS:
                status = DISCARD_STATUS[str(reason)]
                if status == "missed" and direction == "outgoing":
                    status = "unanswered"
            elif reason == "hangup":
                status = "unanswered"
            else:
                status = "unknown"
            return ParsedEvent(
                kind="call", channel="telegram", direction=direction, ts_ms=ts_ms,
                raw_time=raw, locator=where, sender=sender_id, sender_name=sender_name,
                recipients=[peer] if (direction == "outgoing" and peer) else [],
                duration_s=duration if isinstance(duration, int) else 0, call_status=status,
                time_certainty=certainty, party=party, party_name=party_name,
                id_kind=ID_HANDLE, extra=extra)
        text, links = flatten_text(msg.get("text", ""), origin, where)
        if links:
            extra["links"] = links
        for key in ("edited_unixtime", "reply_to_message_id", "forwarded_from"):
            if msg.get(key) is not None:
                extra[key] = msg[key]
        attachments = []
        for key in MEDIA_KEYS:
            val = msg.get(key)
            if not isinstance(val, str):
                continue
            if val.startswith("(File not included"):
                attachments.append(Attachment(name=key, mime=msg.get("mime_type"), note=val))
                continue
            opener = resolve(val)
            name = val.rsplit("/", 1)[-1]
            if opener is None:
                attachments.append(Attachment(name=name, mime=msg.get("mime_type"),
                                              note="not included: the file is not in the "
                                              "export folder"))
            else:
                attachments.append(Attachment(name=name, mime=msg.get("mime_type"),
                                              open=opener))
        return record_missing_attachments(ParsedEvent(
            kind="message", channel="telegram", direction=direction, ts_ms=ts_ms,
            raw_time=raw, locator=where, sender=sender_id, sender_name=sender_name,
            recipients=[peer] if (direction == "outgoing" and peer) else [],
            text=text, time_certainty=certainty, attachments=attachments, party=party,
            party_name=party_name, id_kind=ID_HANDLE, extra=extra))
