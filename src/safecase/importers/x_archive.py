"""X (Twitter) archive: the folder or zip from "Download an archive of your data".

Files read (all ``.js``: ``window.YTD.<name>.part<N> = [...]``; the prefix is stripped
and the rest parsed as JSON, JavaScript is never evaluated):

* ``data/account.js``: the owner's ``accountId`` (tells outgoing from incoming);
* ``data/direct-messages.js`` and ``data/direct-messages-group.js`` (and their
  ``-part1``... continuations): ``dmConversation.messages[].messageCreate`` with
  ``senderId``, ``recipientId``, ``text``, ``createdAt`` (UTC), ``reactions``, ``urls``,
  ``mediaUrls`` (the media file is ``data/direct_messages_media/<id>-<name>``);
* ``data/tweets.js`` (older archives: ``data/tweet.js``): the owner's public posts;
  those that reply to or mention someone become ``post`` events (others are not about
  another person and are skipped).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from safecase.errors import BadInput
from safecase.importers.base import MAX_JSON_BYTES, ImportContext, Importer
from safecase.importers.util import (
    FolderContainer,
    is_zip_file,
    load_json,
    member_names,
    open_container,
    read_limited,
    record_missing_attachments,
    require,
    strip_js_assignment,
)
from safecase.model import ID_HANDLE, Attachment, ParsedEvent, ParsedExhibit

DM_FILE = re.compile(r"(?:^|/)data/direct-messages(-group)?(?:-part\d+)?\.js$")
TWEET_FILE = re.compile(r"(?:^|/)data/tweets?(?:-part\d+)?\.js$")
ACCOUNT_FILE = re.compile(r"(?:^|/)data/account\.js$")
_ISO_Z = "%Y-%m-%dT%H:%M:%S.%fZ"
_TWEET_TIME = "%a %b %d %H:%M:%S %z %Y"


def _parse_time(value: Any, fmt: str, origin: object, where: str) -> int:
    if not isinstance(value, str):
        raise BadInput(origin, f"{where}: no time")
    try:
        dt = datetime.strptime(value, fmt)
    except ValueError:
        try:
            dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            raise BadInput(origin, f"{where}: {value!r} is not a time") from None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return int(dt.timestamp() * 1000)


class XArchiveImporter(Importer):
    name = "x-archive"
    version = "1"
    title = "X (Twitter) archive"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.is_dir():
            data = path / "data"
            if data.is_dir() and ((data / "account.js").is_file()
                                  or (data / "direct-messages.js").is_file()
                                  or (data / "manifest.js").is_file()):
                return 0.9
            return 0.0
        if head.startswith(b"PK\x03\x04"):
            names = member_names(path, head)
            if any(ACCOUNT_FILE.search(n) or DM_FILE.search(n) for n in names):
                return 0.9
            return 0.0
        if re.match(rb"\s*window\.YTD\.(direct_messages|tweets?|account)", head):
            return 0.85
        return 0.0

    def source_files(self, path: Path) -> list[Path]:
        if path.is_dir():
            names = FolderContainer(path).names()
            return [path / n for n in names
                    if DM_FILE.search(n) or TWEET_FILE.search(n) or ACCOUNT_FILE.search(n)]
        return [path]

    @staticmethod
    def _load(container: Any, name: str) -> Any:
        with container.open(name) as fh:
            data = read_limited(fh, container.origin, name, MAX_JSON_BYTES)
        return load_json(strip_js_assignment(data, container.origin, name),
                                 container.origin, name)

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        if path.is_file() and not is_zip_file(path):
            container: Any = FolderContainer(path.parent)
            names = [path.name]
            named_members = False
        else:
            container = open_container(path, links="skip")
            names = container.names()
            named_members = True
        try:
            own_id, own_name = self._account(container, names, ctx)
            if own_id is None:
                ctx.notes.append("no data/account.js: directions come from --me (your X "
                                 "account id or @name) or stay unknown")
            name_set = set(names)

            def media(kind_dir: str, msg_id: str, url: str) -> Callable[[], IO[bytes]] | None:
                fname = url.rsplit("/", 1)[-1]
                for n in (f"data/{kind_dir}/{msg_id}-{fname}",):
                    for cand in [n] + [x for x in name_set if x.endswith("/" + n)][:1]:
                        if cand in name_set:
                            return lambda c=cand: container.open(c)  # type: ignore[misc]
                return None

            found = False
            for name in sorted(names):
                m = DM_FILE.search(name) or (DM_FILE.search("data/" + name)
                                             if not named_members else None)
                if m:
                    found = True
                    group = bool(m.group(1))
                    yield from self._dms(self._load(container, name), name, path, ctx, own_id,
                                         group, media, named_members)
            for name in sorted(names):
                if TWEET_FILE.search(name) or (not named_members
                                               and TWEET_FILE.search("data/" + name)):
                    found = True
                    yield from self._tweets(self._load(container, name), name, path, own_id,
                                            own_name, named_members)
            if not found:
                raise BadInput(path, "no data/direct-messages.js or data/tweets.js in this X "
                               "archive")
        finally:
            container.close()

    def _account(self, container: Any, names: list[str],
                 ctx: ImportContext) -> tuple[str | None, str | None]:
        for name in names:
            if ACCOUNT_FILE.search(name):
                data = self._load(container, name)
                try:
                    acc = data[0]["account"]
                    return str(acc["accountId"]), acc.get("username")
                except (KeyError, IndexError, TypeError):
                    raise BadInput(container.origin, f"{name}: no accountId") from None
        for me in ctx.me:
            if me.isdigit():
                return me, None
        return None, None

    def _dms(self, data: Any, name: str, origin: Path, ctx: ImportContext, own_id: str | None,
             group: bool, media: Callable[[str, str, str], Callable[[], IO[bytes]] | None],
             named_members: bool) -> Iterator[ParsedEvent]:
        require(isinstance(data, list), origin, f"{name}: not a list of conversations")
        media_dir = "direct_messages_group_media" if group else "direct_messages_media"
        skipped = 0
        for ci, conv in enumerate(data):
            dm = conv.get("dmConversation") if isinstance(conv, dict) else None
            require(isinstance(dm, dict), origin, f"{name}: item #{ci} is not a dmConversation")
            conv_id = str(dm.get("conversationId", ""))
            msgs = dm.get("messages")
            require(isinstance(msgs, list), origin, f"{name}: conversation {conv_id} has no "
                    "messages list")
            for mi, item in enumerate(msgs):
                where = f"{name} conversation {conv_id} message #{mi}"
                mc = item.get("messageCreate") if isinstance(item, dict) else None
                if mc is None:
                    skipped += 1  # joins, leaves, renames: not messages
                    continue
                require(isinstance(mc, dict), origin, f"{where}: not an object")
                sender = str(mc.get("senderId")) if mc.get("senderId") is not None else None
                recipient = mc.get("recipientId")
                text = mc.get("text")
                require(text is None or isinstance(text, str), origin,
                        f"{where}: text is not text")
                if own_id is not None:
                    direction = "outgoing" if sender == own_id else "incoming"
                elif ctx.me:
                    direction = "outgoing" if sender in ctx.me else "incoming"
                else:
                    direction = "unknown"
                if not group:
                    others = [p for p in conv_id.split("-") if p and p != own_id]
                    peer = (str(recipient) if direction == "outgoing" and recipient is not None
                            else (sender if direction != "outgoing"
                                  else (others[0] if others else None)))
                    recipients = [str(recipient)] if recipient is not None else []
                else:
                    peer = sender if direction != "outgoing" else None
                    recipients = []
                extra: dict[str, Any] = {"conversation": conv_id, "message_id": mc.get("id")}
                urls = mc.get("urls")
                if isinstance(urls, list) and urls:
                    extra["links"] = [u.get("expanded") or u.get("url") for u in urls
                                      if isinstance(u, dict)]
                reactions = mc.get("reactions")
                if isinstance(reactions, list) and reactions:
                    extra["reactions"] = [
                        {"reaction": r.get("reactionKey"), "by": r.get("senderId"),
                         "at": r.get("createdAt")} for r in reactions if isinstance(r, dict)]
                attachments = []
                for url in mc.get("mediaUrls") or []:
                    if not isinstance(url, str):
                        continue
                    opener = media(media_dir, str(mc.get("id")), url)
                    fname = f"{mc.get('id')}-{url.rsplit('/', 1)[-1]}"
                    if opener is None:
                        attachments.append(Attachment(name=fname, note=(
                            f"not included: {url} is not in the archive")))
                    else:
                        attachments.append(Attachment(name=fname, open=opener))
                yield record_missing_attachments(ParsedEvent(
                    kind="message", channel="x", direction=direction,
                    ts_ms=_parse_time(mc.get("createdAt"), _ISO_Z, origin, where),
                    raw_time=str(mc.get("createdAt")), locator=where, sender=sender,
                    recipients=recipients, text=text, attachments=attachments, party=peer,
                    id_kind=ID_HANDLE, extra=extra,
                    source_member=name if named_members else None))
        if skipped:
            ctx.notes.append(f"{skipped} X conversation event(s) (joins, leaves, renames) are "
                             "not messages")

    def _tweets(self, data: Any, name: str, origin: Path, own_id: str | None,
                own_name: str | None, named_members: bool) -> Iterator[ParsedEvent]:
        require(isinstance(data, list), origin, f"{name}: not a list of tweets")
        for i, item in enumerate(data):
            tw = item.get("tweet", item) if isinstance(item, dict) else None
            require(isinstance(tw, dict), origin, f"{name}: item #{i} is not a tweet")
            where = f"{name} tweet #{i}"
            entities = tw.get("entities") if isinstance(tw.get("entities"), dict) else {}
            mentions = [m for m in (entities.get("user_mentions") or []) if isinstance(m, dict)]
            reply_to = tw.get("in_reply_to_screen_name")
            if not mentions and not reply_to:
                continue  # a post about no one in particular
            text = tw.get("full_text", tw.get("text"))
            require(isinstance(text, str), origin, f"{where}: no text")
            recipients = [str(m.get("screen_name")) for m in mentions if m.get("screen_name")]
            party = str(reply_to) if reply_to else (recipients[0] if recipients else None)
            extra: dict[str, Any] = {"tweet_id": tw.get("id_str") or tw.get("id")}
            if reply_to:
                extra["in_reply_to"] = reply_to
                if tw.get("in_reply_to_status_id_str"):
                    extra["in_reply_to_status"] = tw["in_reply_to_status_id_str"]
            yield ParsedEvent(
                kind="post", channel="x", direction="outgoing",
                ts_ms=_parse_time(tw.get("created_at"), _TWEET_TIME, origin, where),
                raw_time=str(tw.get("created_at")), locator=where,
                sender=own_id or own_name, sender_name=own_name, recipients=recipients,
                text=text, party=party, id_kind=ID_HANDLE, extra=extra,
                source_member=name if named_members else None)
