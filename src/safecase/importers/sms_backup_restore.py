"""SMS Backup & Restore (SyncTech, Android): ``sms-*.xml`` and ``calls-*.xml``.

Format notes (docs/formats.md has more):
* ``<smses>`` holds ``<sms>`` (``type`` 1 inbox, 2 sent, 3 draft, 4 outbox, 5 failed,
  6 queued) and ``<mms>`` (``msg_box`` the same numbers; ``<parts>`` with text and base64
  media; ``<addrs>`` whose ``type`` is 137 for the sender and 151 for recipients; group
  addresses in ``address`` are joined by ``~``).
* ``<calls>`` holds ``<call>`` (``type`` 1 incoming, 2 outgoing, 3 missed, 4 voicemail,
  5 rejected, 6 blocked, 7 answered elsewhere; ``duration`` in seconds).
* ``date`` is epoch milliseconds (UTC). The literal string ``null`` means absent.
* Drafts, queued, outbox and failed messages were never exchanged with anyone: they are
  counted in the summary, not imported as incoming or outgoing messages.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lxml import etree

from safecase.errors import BadInput
from safecase.importers.base import ImportContext, Importer
from safecase.importers.xmlsafe import (
    SurrogateRepairingReader,
    iterparse,
    refuse_dtd,
    xml_error,
)
from safecase.model import ID_PHONE, Attachment, ParsedEvent, ParsedExhibit

_SMS_DIRECTION = {"1": "incoming", "2": "outgoing"}
_UNSENT = {"3": "draft", "4": "outbox", "5": "failed", "6": "queued"}
_CALL = {
    "1": ("incoming", "answered"), "2": ("outgoing", "answered"), "3": ("incoming", "missed"),
    "4": ("incoming", "voicemail"), "5": ("incoming", "rejected"),
    "6": ("incoming", "blocked"), "7": ("incoming", "answered"),
}
ADDR_FROM, ADDR_TO, ADDR_CC, ADDR_BCC = "137", "151", "130", "129"


def _val(elem: etree._Element, name: str) -> str | None:
    """An attribute, with the app's literal 'null' (and empty) read as absent."""
    v = elem.get(name)
    if v is None or v == "null" or v == "":
        return None
    return v


def _name(elem: etree._Element) -> str | None:
    v = _val(elem, "contact_name")
    return None if v in (None, "(Unknown)") else v


def _ms(path: Path, elem: etree._Element, locator: str) -> int:
    raw = _val(elem, "date")
    try:
        return int(raw) if raw is not None else _missing(path, locator)
    except ValueError:
        raise BadInput(path, f"{locator}: date {raw!r} is not a number") from None


def _missing(path: Path, locator: str) -> int:
    raise BadInput(path, f"{locator}: has no date")


class SmsBackupRestore(Importer):
    name = "sms-backup-restore"
    version = "1"
    title = "SMS Backup & Restore (Android)"
    channel_sms = "sms"
    channel_mms = "mms"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if not head:
            return 0.0
        text = head.lstrip(b"\xef\xbb\xbf")
        if b"<smses" in text[:4096] or b"<calls" in text[:4096]:
            return 0.9
        return 0.0

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        with path.open("rb") as raw:
            head = raw.read(65536)
            refuse_dtd(path, head)
            raw.seek(0)
            reader = SurrogateRepairingReader(self._stream(path, raw))
            unsent = 0
            counts = {"sms": 0, "mms": 0, "call": 0}
            root_seen = False
            try:
                for _, elem in iterparse(reader, ("sms", "mms", "call", "smses", "calls")):
                    tag = elem.tag
                    if tag in ("smses", "calls"):
                        root_seen = True
                        continue
                    counts[tag] += 1
                    locator = f"{tag}[{counts[tag]}] (line {elem.sourceline})"
                    if tag == "sms":
                        ev = self._sms(path, elem, locator)
                    elif tag == "mms":
                        ev = self._mms(path, elem, locator)
                    else:
                        ev = self._call(path, elem, locator)
                    # Free what we have read: memory must not grow with the file.
                    elem.clear(keep_tail=False)
                    while elem.getprevious() is not None:
                        del elem.getparent()[0]
                    if ev is None:
                        unsent += 1
                    else:
                        yield ev
            except etree.XMLSyntaxError as exc:
                raise xml_error(path, exc) from None
            if not root_seen:
                raise BadInput(path, "no <smses> or <calls> element: not an SMS Backup & "
                                     "Restore file")
        if unsent:
            ctx.notes.append(f"{unsent} drafts, queued or failed messages were not imported "
                             "(they were never sent or received)")
        if reader.repaired_pairs:
            ctx.notes.append(f"repaired {reader.repaired_pairs} emoji written as UTF-16 "
                             "surrogate pairs")
        if reader.lone_surrogates:
            ctx.notes.append(f"{reader.lone_surrogates} broken half-characters were shown "
                             "as U+FFFD")

    def _stream(self, path: Path, raw: IO[bytes]) -> IO[bytes]:
        """The byte stream the XML parser reads; a subclass may repair it on the way
        (signalbackup-tools writes a few well-known XML errors)."""
        return raw

    def _sms(self, path: Path, elem: etree._Element, locator: str) -> ParsedEvent | None:
        kind = _val(elem, "type") or ""
        if kind in _UNSENT:
            return None
        direction = _SMS_DIRECTION.get(kind, "unknown")
        ts = _ms(path, elem, locator)
        address = _val(elem, "address") or ""
        addresses = [a for a in address.split("~") if a]
        name = _name(elem)
        incoming = direction != "outgoing"
        return ParsedEvent(
            kind="message", channel=self.channel_sms, direction=direction, ts_ms=ts,
            raw_time=elem.get("date", ""), locator=locator,
            sender=addresses[0] if incoming and addresses else None,
            sender_name=name if incoming else None,
            recipients=[] if incoming else addresses,
            party=addresses[0] if addresses else None, party_name=name,
            text=elem.get("body", "") if _val(elem, "body") is not None else "",
            subject=_val(elem, "subject"), id_kind=ID_PHONE,
        )

    def _mms(self, path: Path, elem: etree._Element, locator: str) -> ParsedEvent | None:
        box = _val(elem, "msg_box") or ""
        if box in _UNSENT:
            return None
        direction = _SMS_DIRECTION.get(box, "unknown")
        ts = _ms(path, elem, locator)
        senders, recipients = [], []
        for addr in elem.iterfind("addrs/addr"):
            a = _val(addr, "address")
            if not a or a == "insert-address-token":
                continue
            t = addr.get("type")
            if t == ADDR_FROM:
                senders.append(a)
            elif t in (ADDR_TO, ADDR_CC, ADDR_BCC):
                recipients.append(a)
        if not senders and not recipients:
            joined = [a for a in (_val(elem, "address") or "").split("~") if a]
            if direction == "incoming":
                senders = joined[:1]
            else:
                recipients = joined
        texts: list[str] = []
        attachments: list[Attachment] = []
        for i, part in enumerate(elem.iterfind("parts/part")):
            ct = (_val(part, "ct") or "").lower()
            if ct == "application/smil":
                continue
            if ct == "text/plain" and _val(part, "data") is None:
                texts.append(part.get("text", ""))
                continue
            data = _val(part, "data")
            pname = _val(part, "name") or _val(part, "cl") or _val(part, "fn") or f"part-{i}"
            if data is None:
                if ct.startswith("text/") and part.get("text"):
                    texts.append(part.get("text", ""))
                continue
            try:
                blob = base64.b64decode(data, validate=False)
            except (binascii.Error, ValueError):
                raise BadInput(path, f"{locator}: attachment {pname!r} is not valid base64") \
                    from None
            attachments.append(Attachment(name=pname, mime=ct or None, data=blob))
        name = _name(elem)
        incoming = direction != "outgoing"
        sender = senders[0] if senders else None
        party = sender if incoming else (recipients[0] if len(recipients) == 1 else None)
        return ParsedEvent(
            kind="message", channel=self.channel_mms, direction=direction, ts_ms=ts,
            raw_time=elem.get("date", ""), locator=locator,
            sender=sender if incoming else None, sender_name=name if incoming else None,
            recipients=recipients, party=party, party_name=name,
            text="\n".join(texts) if texts else None, attachments=attachments,
            subject=_val(elem, "sub"), id_kind=ID_PHONE,
            extra={"group": True} if len(recipients) > 1 else {},
        )

    def _call(self, path: Path, elem: etree._Element, locator: str) -> ParsedEvent:
        kind = _val(elem, "type") or ""
        direction, status = _CALL.get(kind, ("unknown", "unknown"))
        ts = _ms(path, elem, locator)
        number = _val(elem, "number")
        try:
            duration = int(_val(elem, "duration") or 0)
        except ValueError:
            raise BadInput(path, f"{locator}: duration {elem.get('duration')!r} is not a "
                                 "number") from None
        if status == "answered" and duration == 0 and direction == "outgoing":
            status = "unanswered"
        name = _name(elem)
        incoming = direction != "outgoing"
        extra = {}
        if elem.get("presentation") in ("2", "3", "4"):
            extra["presentation"] = {"2": "restricted", "3": "unknown",
                                     "4": "payphone"}[elem.get("presentation", "")]
        return ParsedEvent(
            kind="call", channel="phone", direction=direction, ts_ms=ts,
            raw_time=elem.get("date", ""), locator=locator,
            sender=number if incoming else None, sender_name=name if incoming else None,
            recipients=[] if incoming or not number else [number],
            party=number, party_name=name, text=None, duration_s=duration,
            call_status=status, id_kind=ID_PHONE, extra=extra,
        )
