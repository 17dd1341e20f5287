"""Discord data package ("Request all of my Data"): a zip, or the folder it unpacks to.

Layout (both the lower-case names of older packages and the capitalised ones of newer):

    account/user.json                 the person's own id, username, friends (relationships)
    messages/index.json               {"<channel id>": "Direct Message with alex" | "general in Server" | null}
    messages/c<channel id>/channel.json    {"id", "type", "recipients": [user ids], "guild": {...}, "name"}
    messages/c<channel id>/messages.json   [{"ID", "Timestamp", "Contents", "Attachments"}]
    messages/<channel id>/messages.csv     older packages: the same four columns as CSV

A package holds **only the messages the person sent**; what others wrote to them is not
in it. Every event is therefore ``outgoing``, and the import summary says so. Timestamps
are UTC (the CSV writes ``+00:00``; the JSON drops the offset). Attachments are links to
Discord's CDN, not files: they are recorded with the link and the note that the file is
not in the package (SafeCase never fetches them).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from safecase.errors import BadInput
from safecase.importers.base import ImportContext, Importer
from safecase.importers.util import (
    Container,
    load_json_member,
    member_names,
    open_container,
)
from safecase.model import (
    ID_HANDLE,
    TIME_EXACT,
    TIME_UNKNOWN,
    Attachment,
    ParsedEvent,
    ParsedExhibit,
)

NOTE_OWN_MESSAGES_ONLY = (
    "Discord data packages hold only the messages the person sent; what others wrote "
    "is not in the package, so every Discord event is outgoing"
)
_CHANNEL_FILE = re.compile(r"(?:^|/)[Mm]essages/(c?\d+)/(messages\.json|messages\.csv|channel\.json)$")
_DM_PREFIX = "Direct Message with "
_DM_TYPES = {1, "1", "DM"}
_GROUP_TYPES = {3, "3", "GROUP_DM"}


def _find(names: list[str], pattern: str) -> str | None:
    rx = re.compile(pattern)
    hits = sorted((n for n in names if rx.search(n)), key=len)
    return hits[0] if hits else None


def _parse_time(value: Any) -> tuple[int | None, str, str]:
    raw = "" if value is None else str(value)
    try:
        dt = datetime.fromisoformat(raw.strip())
    except ValueError:
        return None, raw, TIME_UNKNOWN
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)  # Discord writes UTC; the JSON just omits "+00:00"
    return int(dt.timestamp() * 1000), raw, TIME_EXACT


def _handle_of(user: dict[str, Any]) -> str | None:
    name = user.get("username")
    if not isinstance(name, str) or not name:
        return None
    disc = str(user.get("discriminator") or "0")
    # legacy names carry a #1234 discriminator; the new unique names have "0"
    return name if disc in ("0", "0000") else f"{name}#{disc}"


class DiscordImporter(Importer):
    name = "discord"
    version = "1"
    title = "Discord data package (folder or zip)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        names = member_names(path, head)
        if not names:
            return 0.0
        channel_files = sum(1 for n in names if _CHANNEL_FILE.search(n) or
                            re.search(r"(?:^|/)c?\d{5,}/(messages\.(json|csv)|channel\.json)$", n))
        has_index = any(re.search(r"(?:^|/)([Mm]essages/)?index\.json$", n) for n in names)
        if channel_files and has_index:
            return 0.9
        if channel_files:
            return 0.6
        if any(re.search(r"(?:^|/)[Mm]essages/index\.json$", n) for n in names):
            return 0.5
        return 0.0

    def source_files(self, path: Path) -> list[Path]:
        if not path.is_dir():
            return [path]
        with open_container(path) as box:
            return [box.real_path(n) for n in self._used_members(box)]  # type: ignore[misc]

    def _used_members(self, box: Container) -> list[str]:
        names = box.names()
        used = [n for n in names if _CHANNEL_FILE.search(n)]
        for extra in (r"(?:^|/)[Mm]essages/index\.json$", r"(?:^|/)[Aa]ccount/user\.json$"):
            hit = _find(names, extra)
            if hit:
                used.append(hit)
        return sorted(used)

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        with open_container(path) as box:
            names = box.names()
            channels: dict[str, dict[str, str]] = {}
            for n in names:
                m = _CHANNEL_FILE.search(n)
                if m:
                    channels.setdefault(m.group(1), {})[m.group(2)] = n
            if not channels:
                raise BadInput(path, "holds no messages/c<id>/messages.json: not a Discord data package")
            ctx.notes.append(NOTE_OWN_MESSAGES_ONLY)

            me_handle, me_name, friends = self._account(box, names)
            index = self._index(box, names)
            for folder in sorted(channels):
                files = channels[folder]
                channel_id = folder.lstrip("c")
                info = load_json_member(box, files["channel.json"]) if "channel.json" in files else {}
                if not isinstance(info, dict):
                    raise BadInput(box.where(files["channel.json"]), "is not a JSON object")
                label = index.get(channel_id)
                recipients, party = self._recipients(info, label, friends, me_handle)
                extra_base: dict[str, Any] = {"channel_id": channel_id}
                if label:
                    extra_base["channel_label"] = label
                guild = info.get("guild")
                if isinstance(guild, dict) and guild.get("name"):
                    extra_base["guild"] = str(guild.get("name"))
                if info.get("name"):
                    extra_base["channel_name"] = str(info["name"])
                if "messages.json" in files:
                    rows = self._json_rows(box, files["messages.json"])
                    member = files["messages.json"]
                else:
                    member = files["messages.csv"]
                    rows = self._csv_rows(box, member)
                for locator, row in rows:
                    yield self._event(row, locator, member, me_handle, me_name, recipients,
                                      party, extra_base)

    # --- pieces ----------------------------------------------------------------------

    def _account(self, box: Container, names: list[str]) -> tuple[str, str | None, dict[str, str]]:
        user_member = _find(names, r"(?:^|/)[Aa]ccount/user\.json$")
        if user_member is None:
            return "me", None, {}
        user = load_json_member(box, user_member)
        if not isinstance(user, dict):
            raise BadInput(box.where(user_member), "is not a JSON object")
        friends: dict[str, str] = {}
        for rel in user.get("relationships") or []:
            if isinstance(rel, dict) and isinstance(rel.get("user"), dict):
                handle = _handle_of(rel["user"])
                uid = rel["user"].get("id") or rel.get("id")
                if handle and uid is not None:
                    friends[str(uid)] = handle
        me = _handle_of(user) or (f"user {user['id']}" if user.get("id") else "me")
        if user.get("id") is not None:
            friends[str(user["id"])] = me
        name = user.get("global_name")
        return me, name if isinstance(name, str) and name else None, friends

    def _index(self, box: Container, names: list[str]) -> dict[str, str]:
        member = _find(names, r"(?:^|/)[Mm]essages/index\.json$")
        if member is None:
            return {}
        doc = load_json_member(box, member)
        if not isinstance(doc, dict):
            raise BadInput(box.where(member), "is not a JSON object")
        return {str(k): v for k, v in doc.items() if isinstance(v, str)}

    def _recipients(self, info: dict[str, Any], label: str | None, friends: dict[str, str],
                    me: str) -> tuple[list[str], str | None]:
        ctype = info.get("type")
        ids = [str(r) for r in info.get("recipients") or [] if isinstance(r, (str, int))]
        others = [friends.get(i, i) for i in ids if friends.get(i) != me]
        if ctype in _DM_TYPES or ctype in _GROUP_TYPES:
            if not others and label and label.startswith(_DM_PREFIX):
                others = [label[len(_DM_PREFIX):]]
            return others, None
        # a server channel: nobody in particular receives it
        return [], label or (f"#{info['name']}" if info.get("name") else None)

    def _json_rows(self, box: Container, member: str) -> Iterator[tuple[str, dict[str, Any]]]:
        doc = load_json_member(box, member)
        if not isinstance(doc, list):
            raise BadInput(box.where(member), "is not a JSON list of messages")
        for i, row in enumerate(doc):
            if not isinstance(row, dict):
                raise BadInput(box.where(member), f"item {i} is not a message object")
            yield f"{member}[{i}]", row

    def _csv_rows(self, box: Container, member: str) -> Iterator[tuple[str, dict[str, Any]]]:
        with box.open(member) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            try:
                reader = csv.DictReader(text)
                if reader.fieldnames is None or "Timestamp" not in reader.fieldnames:
                    raise BadInput(box.where(member), "has no Timestamp column: not a Discord messages.csv")
                for i, row in enumerate(reader, start=1):
                    yield f"{member} row {i} (line {reader.line_num})", dict(row)
            except csv.Error as exc:
                raise BadInput(box.where(member), f"is not readable CSV ({exc})") from None
            except UnicodeDecodeError as exc:
                raise BadInput(box.where(member), f"is not UTF-8 text (byte {exc.start})") from None

    def _event(self, row: dict[str, Any], locator: str, member: str, me: str,
               me_name: str | None, recipients: list[str], party: str | None,
               extra_base: dict[str, Any]) -> ParsedEvent:
        ts_ms, raw_time, certainty = _parse_time(row.get("Timestamp"))
        contents = row.get("Contents")
        text = contents if isinstance(contents, str) else ("" if contents is None else str(contents))
        links = str(row.get("Attachments") or "").split()
        attachments = [
            Attachment(name=link.rsplit("/", 1)[-1].split("?", 1)[0] or "attachment",
                       note=f"not in the data package; Discord link: {link}")
            for link in links
        ]
        extra = dict(extra_base)
        if row.get("ID") is not None:
            extra["message_id"] = str(row["ID"])
        if links:
            extra["attachment_links"] = links
        return ParsedEvent(
            kind="message", channel="discord", direction="outgoing", ts_ms=ts_ms,
            raw_time=raw_time, locator=locator, sender=me, sender_name=me_name,
            recipients=recipients, text=text, time_certainty=certainty,
            attachments=attachments, party=party, id_kind=ID_HANDLE, extra=extra,
            source_member=member,
        )
