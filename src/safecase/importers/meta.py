"""Facebook Messenger and Instagram "Download your information" (JSON format).

Each conversation is a folder ``.../messages/<box>/<thread>/`` with ``message_1.json``,
``message_2.json`` ... (parts of one thread, newest first), media next to them in
``photos/``, ``videos/``, ``audio/``, ``files/``. Layouts seen:

* Facebook, older: ``messages/inbox/<thread>/message_1.json``;
* Facebook, newer: ``your_activity_across_facebook/messages/inbox/...`` (also
  ``your_facebook_activity/messages/...``);
* Instagram, newer: ``your_instagram_activity/messages/inbox/...``; older Instagram used
  ``messages/inbox/...`` like Facebook (the platform is then read from the export's
  name or folders, else assumed Facebook and said so).

Every string in these files is mojibake: each UTF-8 byte written as its own ``\\u00XX``
escape; ``undo_mojibake`` turns it back. Messages carry ``timestamp_ms`` (UTC),
``content``, ``photos``/``videos``/``audio_files``/``files``/``gifs``/``sticker`` with
``uri`` paths relative to the export root, ``share`` links, ``call_duration`` (calls),
``is_unsent`` and ``reactions``. Input: the export folder, its zip, or one thread file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
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
    undo_mojibake,
)
from safecase.model import ID_NAME, Attachment, ParsedEvent, ParsedExhibit

THREAD_FILE = re.compile(
    r"(?:^|/)messages/(?:inbox|archived_threads|message_requests|filtered_threads|"
    r"e2ee_cutover)/[^/]+/message_\d+\.json$")
MEDIA_KEYS = {"photos": "image/jpeg", "videos": "video/mp4", "audio_files": "audio/mp4",
              "files": None, "gifs": "image/gif"}
_PROFILE_FILES = (
    "personal_information/personal_information/personal_information.json",   # Instagram
    "personal_information/personal_information.json",
    "personal_information/profile_information/profile_information.json",     # Facebook
    "profile_information/profile_information.json",
)


def _fix(value: Any) -> Any:
    return undo_mojibake(value) if isinstance(value, str) else value


def _platform(path: Path, names: list[str]) -> str | None:
    low = path.name.lower()
    if "instagram" in low or any(
            "your_instagram_activity/" in n
            or n.endswith("personal_information/personal_information/personal_information.json")
            for n in names):
        return "instagram"
    if "facebook" in low or any(
            n.startswith(("your_activity_across_facebook/", "your_facebook_activity/"))
            or "/your_activity_across_facebook/" in n
            or n.endswith("profile_information/profile_information.json") for n in names):
        return "facebook"
    return None


def _thread_sort_key(name: str) -> tuple[str, int]:
    folder, _, fname = name.rpartition("/")
    return folder, int(re.sub(r"\D", "", fname) or 0)


class MetaMessagesImporter(Importer):
    name = "meta-messages"
    version = "1"
    title = "Facebook Messenger / Instagram messages (Download your information, JSON)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.is_dir():
            for sub in ("messages/inbox", "your_instagram_activity/messages/inbox",
                        "your_activity_across_facebook/messages/inbox",
                        "your_facebook_activity/messages/inbox"):
                if (path / sub).is_dir() and not (path / sub).is_symlink():
                    return 0.9
            return 0.0
        if head.startswith(b"PK\x03\x04"):
            return 0.9 if any(THREAD_FILE.search(n) for n in member_names(path, head)) else 0.0
        if (re.match(r"message_\d+\.json$", path.name) and b'"participants"' in head
                and b'"timestamp_ms"' in head):
            return 0.9
        return 0.0

    def source_files(self, path: Path) -> list[Path]:
        if path.is_dir():
            folder = FolderContainer(path)
            return [path / n for n in folder.names() if THREAD_FILE.search(n)]
        return [path]

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        if path.is_file() and not is_zip_file(path):
            folder = FolderContainer(path.parent)
            platform = _platform(path.resolve(), [path.resolve().as_posix()]) or "facebook"
            yield from self._thread(folder, [path.name], path, ctx, platform, None,
                                    lambda _u: None, member_prefix=None)
            return
        container = open_container(path, links="skip")
        try:
            names = container.names()
            threads: dict[str, list[str]] = {}
            for n in sorted((n for n in names if THREAD_FILE.search(n)), key=_thread_sort_key):
                threads.setdefault(n.rpartition("/")[0], []).append(n)
            if not threads:
                raise BadInput(path, "no message_N.json conversations found; choose the JSON "
                               "format when requesting the download")
            platform = _platform(path, names)
            if platform is None:
                platform = "facebook"
                ctx.notes.append("could not tell Facebook from Instagram; read as Facebook "
                                 "(rename the export to include 'instagram' if it is one)")
            me = self._owner(container, names, ctx, threads)
            name_set = set(names)

            def resolve(uri: str) -> Callable[[], IO[bytes]] | None:
                rel = safe_relpath(uri)
                if rel is None:
                    return None
                candidates = [rel] + [n for n in (rel.split("/", 1)[-1],) if n != rel]
                for cand in candidates:
                    if cand in name_set:
                        return lambda c=cand: container.open(c)  # type: ignore[misc]
                suffix = "/" + rel
                for n in name_set:  # export zipped inside an extra top folder
                    if n.endswith(suffix):
                        return lambda c=n: container.open(c)  # type: ignore[misc]
                return None

            for folder, parts in threads.items():
                yield from self._thread(container, parts, path, ctx, platform, me, resolve,
                                        member_prefix=folder)
        finally:
            container.close()

    def _owner(self, container: Any, names: list[str], ctx: ImportContext,
               threads: dict[str, list[str]]) -> str | None:
        """The export owner's display name: the profile file, or the one participant
        present in every thread (used together with --me)."""
        for n in names:
            if n.endswith(_PROFILE_FILES):
                try:
                    data = load_json_member(container, n)
                    name = _find_owner_name(data)
                except BadInput:
                    name = None
                if name:
                    return name
        if len(threads) >= 2:
            common: set[str] | None = None
            for parts in threads.values():
                data = load_json_member(container, parts[0])
                people = {_fix(p.get("name")) for p in (data.get("participants") or [])
                          if isinstance(p, dict) and isinstance(p.get("name"), str)}
                common = people if common is None else common & people
            if common and len(common) == 1:
                return next(iter(common))
        return None

    def _thread(self, container: Any, parts: list[str], origin: Path, ctx: ImportContext,
                platform: str, owner: str | None,
                resolve: Callable[[str], Callable[[], IO[bytes]] | None],
                member_prefix: str | None) -> Iterator[ParsedEvent]:
        me = set(ctx.me) | ({owner} if owner else set())
        participants: list[str] = []
        warned = False
        for part in parts:
            data = load_json_member(container, part)
            require(isinstance(data, dict), origin, f"{part}: not a JSON object")
            msgs = data.get("messages")
            require(isinstance(msgs, list), origin, f"{part}: no 'messages' list")
            for p in data.get("participants") or []:
                if isinstance(p, dict) and isinstance(p.get("name"), str):
                    name = _fix(p["name"])
                    if name not in participants:
                        participants.append(name)
            title = _fix(data.get("title")) if isinstance(data.get("title"), str) else None
            for i, msg in enumerate(msgs):
                where = f"{part} message #{i}"
                require(isinstance(msg, dict), origin, f"{where}: not an object")
                ev = self._event(msg, where, origin, platform, me, participants, title,
                                 resolve)
                if ev.direction == "unknown" and not warned:
                    warned = True
                    ctx.notes.append("the export does not say which participant is you: pass "
                                     "--me with your name as shown in the messages")
                ev.source_member = part if member_prefix is not None else None
                yield ev

    def _event(self, msg: dict[str, Any], where: str, origin: Path, platform: str,
               me: set[str], participants: list[str], title: str | None,
               resolve: Callable[[str], Callable[[], IO[bytes]] | None]) -> ParsedEvent:
        ts = msg.get("timestamp_ms")
        require(isinstance(ts, int) and not isinstance(ts, bool), origin,
                f"{where}: 'timestamp_ms' is missing or not a number")
        sender = _fix(msg.get("sender_name")) if isinstance(msg.get("sender_name"), str) else None
        if me and sender is not None:
            direction = "outgoing" if sender in me else "incoming"
        else:
            direction = "unknown"
        others = [p for p in participants if p != sender]
        if direction == "outgoing":
            party = others[0] if len(others) == 1 else None
            recipients = others
        else:
            party = sender
            recipients = [p for p in others if p not in me] if direction == "unknown" else []
        content = msg.get("content")
        text = _fix(content) if isinstance(content, str) else None
        extra: dict[str, Any] = {}
        if title:
            extra["thread"] = title
        if msg.get("is_unsent"):
            extra["unsent"] = True
        reactions = msg.get("reactions")
        if isinstance(reactions, list) and reactions:
            extra["reactions"] = [
                {"reaction": _fix(r.get("reaction")), "actor": _fix(r.get("actor"))}
                for r in reactions if isinstance(r, dict)]
        share = msg.get("share")
        if isinstance(share, dict):
            extra["share"] = {k: _fix(v) for k, v in share.items() if isinstance(v, str)}
        if msg.get("type") and isinstance(msg.get("type"), str):
            extra["type"] = msg["type"]
        attachments: list[Attachment] = []
        for key, mime in MEDIA_KEYS.items():
            items = msg.get(key)
            if not isinstance(items, list):
                continue
            for item in items:
                if isinstance(item, dict) and isinstance(item.get("uri"), str):
                    attachments.append(self._attachment(_fix(item["uri"]), mime, resolve))
        sticker = msg.get("sticker")
        if isinstance(sticker, dict) and isinstance(sticker.get("uri"), str):
            attachments.append(self._attachment(_fix(sticker["uri"]), "image/png", resolve))
        kind = "message"
        duration = status = None
        if "call_duration" in msg:
            kind = "call"
            d = msg.get("call_duration")
            duration = d if isinstance(d, int) else 0
            if duration > 0:
                status = "answered"
            else:
                status = "unanswered" if direction == "outgoing" else "missed"
            if text is not None:
                extra["raw_text"] = text
            text = None
        return record_missing_attachments(ParsedEvent(
            kind=kind, channel=platform, direction=direction, ts_ms=ts, raw_time=str(ts),
            locator=where, sender=sender, sender_name=sender, recipients=recipients,
            text=text, duration_s=duration, call_status=status, attachments=attachments,
            party=party, party_name=party, id_kind=ID_NAME, extra=extra))

    @staticmethod
    def _attachment(uri: str, mime: str | None,
                    resolve: Callable[[str], Callable[[], IO[bytes]] | None]) -> Attachment:
        name = uri.rsplit("/", 1)[-1]
        if uri.startswith(("http://", "https://")):
            return Attachment(name=name, mime=mime, note=f"not included: only a link ({uri})")
        opener = resolve(uri)
        if opener is None:
            return Attachment(name=name, mime=mime,
                              note=f"not included: {uri} is not in the export")
        return Attachment(name=name, mime=mime, open=opener)


def _find_owner_name(data: Any) -> str | None:
    """The owner's name from a profile file (Facebook profile_v2 or Instagram
    profile_user string_map_data)."""
    if not isinstance(data, dict):
        return None
    prof = data.get("profile_v2")
    if isinstance(prof, dict):
        name = prof.get("name")
        if isinstance(name, dict) and isinstance(name.get("full_name"), str):
            return undo_mojibake(name["full_name"])
    users = data.get("profile_user")
    if isinstance(users, list) and users and isinstance(users[0], dict):
        smd = users[0].get("string_map_data")
        if isinstance(smd, dict):
            for key in ("Name", "Username"):
                v = smd.get(key)
                if isinstance(v, dict) and isinstance(v.get("value"), str):
                    return undo_mojibake(v["value"])
    return None
