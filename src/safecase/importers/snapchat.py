"""Snapchat "My Data" ``chat_history.json``: the file, or the package folder/zip holding it.

Two shapes are in circulation:

* **sections** (packages up to about 2022)::

      {"Received Saved Chat History": [{"From": "alexm84", "Media Type": "TEXT",
                                        "Created": "2022-07-22 19:28:21 UTC", "Text": "..."}],
       "Sent Saved Chat History": [{"To": "alexm84", ...}],
       "Received Unsaved Chat History": [...], "Sent Unsaved Chat History": [...]}

  Direction comes from the section. ``Text`` is HTML-escaped (``&#39;``): it is unescaped,
  and the text as written in the file is kept in ``extra["raw_text"]`` when it differs.

* **conversations** (2023 on)::

      {"alexm84": [{"From": "alexm84", "Media Type": "TEXT", "Created": "2024-03-10 21:05:33 UTC",
                    "Content": "...", "Conversation Title": null, "IsSender": false,
                    "Created(microseconds)": 1710104733123, "IsSaved": false,
                    "Media IDs": "b~EiQS... | b~Ej9x..."}]}

  Direction is ``IsSender``; group chats carry a ``Conversation Title``. Media files
  (``chat_media/<date>_<media id>.<ext>``) are attached when the package holds them.

Times are UTC. Entries whose ``Media Type`` starts with ``STATUS`` are Snapchat's own
notices (saved, erased, screenshot taken...): not messages; they are counted in the
summary, except missed-call notices, which become missed calls.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from safecase.errors import BadInput
from safecase.importers.base import ImportContext, Importer
from safecase.importers.util import (
    Container,
    is_zip,
    is_zip_file,
    load_json_file,
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

_SECTION = re.compile(r"^(Received|Sent) (Saved |Unsaved )?Chat History$")
_MEDIA_ID = re.compile(r"[A-Za-z]~[A-Za-z0-9_\-~]+")


def _ts(item: dict[str, Any]) -> tuple[int | None, str, str]:
    raw = str(item.get("Created") or "")
    micro = item.get("Created(microseconds)")
    if isinstance(micro, (int, float)) and not isinstance(micro, bool) and micro > 0:
        # named microseconds, but the packages seen so far hold milliseconds
        ms = int(micro // 1000) if micro > 1e14 else int(micro) if micro > 1e11 else int(micro * 1000)
        return ms, raw, TIME_EXACT
    text = raw.strip()
    if text.endswith(" UTC"):
        text = text[:-4]
    try:
        dt = datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None, raw, TIME_UNKNOWN
    return int(dt.timestamp() * 1000), raw, TIME_EXACT


class SnapchatImporter(Importer):
    name = "snapchat"
    version = "1"
    title = "Snapchat chat_history.json (My Data)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.is_file() and not is_zip(head):
            start = head.lstrip()[:1]
            if start != b"{":
                return 0.0
            if re.search(rb'"(Received|Sent) (Saved |Unsaved )?Chat History"', head[:4096]):
                return 0.9
            if b'"IsSender"' in head and b'"Media Type"' in head:
                return 0.9
            return 0.0
        names = member_names(path, head)
        if any(n.endswith("chat_history.json") for n in names):
            return 0.85
        return 0.0

    def _locate(self, box: Container) -> str:
        hits = sorted((n for n in box.names() if n.rsplit("/", 1)[-1] == "chat_history.json"),
                      key=len)
        if not hits:
            raise BadInput(box.path, "holds no chat_history.json: not a Snapchat data package")
        return hits[0]

    def source_files(self, path: Path) -> list[Path]:
        if not path.is_dir():
            return [path]
        with open_container(path) as box:
            return [box.real_path(self._locate(box))]  # type: ignore[list-item]

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        if path.is_file() and not is_zip_file(path):
            doc = load_json_file(path)
            yield from self._events(doc, path, None, None, ctx)
            return
        with open_container(path) as box:
            member = self._locate(box)
            doc = load_json_member(box, member)
            yield from self._events(doc, box.where(member), member, box, ctx)

    def _events(self, doc: Any, where: object, member: str | None, box: Container | None,
                ctx: ImportContext) -> Iterator[ParsedEvent]:
        if not isinstance(doc, dict):
            raise BadInput(where, "is not a JSON object: not a Snapchat chat_history.json")
        media = self._media_index(box)
        status = 0
        sectioned = any(_SECTION.match(k) for k in doc)
        for key in doc:
            items = doc[key]
            if not isinstance(items, list):
                raise BadInput(where, f"{key!r} is not a list of chats")
            for i, item in enumerate(items):
                if not isinstance(item, dict):
                    raise BadInput(where, f"{key!r} item {i} is not a chat object")
                locator = f"{key}[{i}]"
                if sectioned:
                    m = _SECTION.match(key)
                    if not m:
                        continue  # a section this importer does not know: nothing to guess
                    ev = self._sectioned(item, m.group(1) == "Sent", locator)
                else:
                    ev = self._conversation(item, key, locator, media, box)
                if ev is None:
                    status += 1
                    continue
                ev.source_member = member
                yield ev
        if status:
            ctx.notes.append(f"{status} Snapchat status notices (saved, erased, screenshot...) "
                             "were not imported as messages")

    def _sectioned(self, item: dict[str, Any], sent: bool, locator: str) -> ParsedEvent | None:
        mtype = str(item.get("Media Type") or "")
        if mtype.upper().startswith("STATUS"):
            return self._status(item, mtype, "outgoing" if sent else "incoming", locator,
                                None if sent else item.get("From"), [])
        raw_text = item.get("Text")
        text = html.unescape(raw_text) if isinstance(raw_text, str) else None
        extra: dict[str, Any] = {"media_type": mtype}
        if isinstance(raw_text, str) and text != raw_text:
            extra["raw_text"] = raw_text
        ts, raw_time, cert = _ts(item)
        other = item.get("To") if sent else item.get("From")
        other = str(other) if other is not None else None
        return ParsedEvent(
            kind="message", channel="snapchat", direction="outgoing" if sent else "incoming",
            ts_ms=ts, raw_time=raw_time, locator=locator,
            sender=None if sent else other, recipients=[other] if sent and other else [],
            text=text, time_certainty=cert, id_kind=ID_HANDLE, extra=extra,
        )

    def _conversation(self, item: dict[str, Any], key: str, locator: str,
                      media: dict[str, str], box: Container | None) -> ParsedEvent | None:
        mtype = str(item.get("Media Type") or "")
        sent = item.get("IsSender") is True
        title = item.get("Conversation Title")
        group = isinstance(title, str) and bool(title)
        sender = str(item.get("From")) if item.get("From") is not None else None
        recipients = [] if not sent or group else [key]
        if mtype.upper().startswith("STATUS"):
            return self._status(item, mtype, "outgoing" if sent else "incoming", locator,
                                sender, recipients)
        content = item.get("Content")
        ts, raw_time, cert = _ts(item)
        extra: dict[str, Any] = {"media_type": mtype, "conversation": key}
        if group:
            extra["group"] = title
        if item.get("IsSaved") is not None:
            extra["saved"] = bool(item.get("IsSaved"))
        attachments = []
        ids = _MEDIA_ID.findall(str(item.get("Media IDs") or ""))
        if ids:
            extra["media_ids"] = ids
        for mid in ids:
            name = media.get(mid)
            if name is not None and box is not None:
                attachments.append(Attachment(name=name.rsplit("/", 1)[-1], open=box.opener(name)))
            else:
                attachments.append(Attachment(name=mid, note="media not in the package"))
        return ParsedEvent(
            kind="message", channel="snapchat", direction="outgoing" if sent else "incoming",
            ts_ms=ts, raw_time=raw_time, locator=locator, sender=sender,
            recipients=recipients, text=content if isinstance(content, str) else None,
            time_certainty=cert, attachments=attachments,
            party=title if group and not sent else None, id_kind=ID_HANDLE, extra=extra,
        )

    def _status(self, item: dict[str, Any], mtype: str, direction: str, locator: str,
                sender: Any, recipients: list[str]) -> ParsedEvent | None:
        if "CALLMISSED" not in mtype.upper():
            return None
        ts, raw_time, cert = _ts(item)
        return ParsedEvent(
            kind="call", channel="snapchat", direction=direction, ts_ms=ts, raw_time=raw_time,
            locator=locator, sender=str(sender) if sender else None, recipients=recipients,
            call_status="missed" if direction == "incoming" else "unanswered",
            time_certainty=cert, id_kind=ID_HANDLE, extra={"media_type": mtype},
        )

    @staticmethod
    def _media_index(box: Container | None) -> dict[str, str]:
        """Media id → member name for files like ``chat_media/2024-03-10_b~EiQS.jpg``."""
        out: dict[str, str] = {}
        if box is None:
            return out
        for n in box.names():
            if "chat_media/" not in n:
                continue
            base = n.rsplit("/", 1)[-1]
            stem = base.rsplit(".", 1)[0]
            mid = stem.split("_", 1)[1] if "_" in stem else stem
            out.setdefault(mid, n)
        return out
