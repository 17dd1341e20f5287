"""Turning one RFC 5322 message (bytes) into an ``email`` event, and splitting an mbox.

Shared by the ``mbox``, ``eml`` and ``google-takeout`` importers. What is kept:

* the message's bytes, whole, as the first attachment ``message.eml``
  (``message/rfc822``): the evidence a reader can open in any mail program;
* the evidence headers, raw, in order, as ``extra["headers"]``: ``[[name, value], ...]``
  where ``value`` is exactly what followed ``Name:`` (folding kept), decoded as UTF-8
  (RFC 6532) or, failing that, Latin-1 so no byte is lost;
* the text body exactly as sent: the first ``text/plain`` part decoded with its
  declared charset; if there is none, the text of the first ``text/html`` part
  (``extra["body_source"] = "text/html"`` says so);
* every other MIME part with a file name, or that is not text, as an attachment;
* Gmail's labels (``X-Gmail-Labels``) as ``extra["labels"]``.
"""

from __future__ import annotations

import binascii
import email
import email.policy
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from typing import IO

from safecase.errors import BadInput
from safecase.importers.base import MAX_LINE_BYTES, ImportContext
from safecase.model import (
    ID_EMAIL,
    TIME_ASSUMED,
    TIME_EXACT,
    TIME_UNKNOWN,
    Attachment,
    ParsedEvent,
)

# The headers a reader of the evidence needs: who, when, and the path the mail took.
EVIDENCE_HEADERS = frozenset(h.lower() for h in (
    "Message-ID", "Date", "From", "Sender", "Reply-To", "Return-Path", "To", "Cc", "Bcc",
    "Subject", "In-Reply-To", "References", "Received", "DKIM-Signature",
    "Authentication-Results", "ARC-Authentication-Results", "Received-SPF",
    "X-Originating-IP", "X-Gmail-Labels",
))
MAX_MESSAGE_BYTES = 64 * 1024 * 1024   # one message in an mbox; bigger is refused
_CHUNK = 1024 * 1024

# "From sender@example.com Sat Mar  9 21:05:33 2024" (asctime, sometimes with a zone)
_FROM_LINE = re.compile(rb"^From \S*[ \t]+.*\d{1,2}:\d\d(:\d\d)?.*$")
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)


# --- mbox splitting ------------------------------------------------------------------

def _is_from_line(line: bytes) -> bool:
    return bool(_FROM_LINE.match(line.rstrip(b"\r\n")))


def iter_mbox(fh: IO[bytes], where: object) -> Iterator[tuple[int, bytes, bytes]]:
    """Yield ``(offset, from_line, message_bytes)`` for each message of an mbox stream.

    A message starts at a ``From `` line at the start of the file or after an empty line,
    when the line looks like an envelope line (``From <addr> <asctime>``): a body line
    that merely begins with "From " (not escaped by a careless writer) does not split a
    message. ``>From `` escapes are undone mboxrd-style (one ``>`` removed). Memory is
    bounded by the largest message (``MAX_MESSAGE_BYTES``); lines over
    ``MAX_LINE_BYTES`` are refused.
    """
    buf = b""
    base = 0          # absolute stream offset of buf[0]
    start = 0         # offset in buf where the current message's From line begins
    scan = 5          # offset in buf from which to look for the next separator
    since_nl = 0
    eof = False
    first = True
    while True:
        if not eof:
            chunk = fh.read(_CHUNK)
            if not chunk:
                eof = True
            else:
                nl = chunk.rfind(b"\n")
                since_nl = since_nl + len(chunk) if nl < 0 else len(chunk) - nl - 1
                if since_nl > MAX_LINE_BYTES:
                    raise BadInput(where, f"has a line longer than {MAX_LINE_BYTES // (1024 * 1024)} MiB near byte {base + len(buf)}")
                # one copy per chunk: drop what earlier messages used
                buf = buf[start:] + chunk
                base += start
                scan -= start
                start = 0
        if first:
            if not buf:
                return
            if len(buf) < 5 and not eof:
                continue
            if not buf.startswith(b"From "):
                raise BadInput(where, "is not an mbox (it does not start with a 'From ' line)")
            first = False
        while True:
            idx = buf.find(b"\nFrom ", max(scan, start + 5))
            if idx < 0:
                # keep the last few bytes: a separator may straddle the chunk border
                scan = max(start + 5, len(buf) - 8)
                break
            line_end = buf.find(b"\n", idx + 1)
            if line_end < 0 and not eof:
                scan = idx  # wait for the rest of the line
                break
            blank_before = buf[idx - 1:idx] == b"\n" or buf[idx - 2:idx] == b"\n\r"
            line = buf[idx + 1: line_end if line_end >= 0 else len(buf)]
            if blank_before and _is_from_line(line):
                yield _finish(buf[start:idx + 1], base + start, where)
                start = idx + 1
            scan = idx + 1
        if len(buf) - start > MAX_MESSAGE_BYTES + _CHUNK:
            raise BadInput(where, f"message at byte {base + start} is larger than the {MAX_MESSAGE_BYTES // (1024 * 1024)} MiB limit")
        if eof:
            if buf[start:]:
                yield _finish(buf[start:], base + start, where)
            return


def _finish(block: bytes, offset: int, where: object) -> tuple[int, bytes, bytes]:
    nl = block.find(b"\n")
    from_line = block[: nl if nl >= 0 else len(block)].rstrip(b"\r")
    body = block[nl + 1:] if nl >= 0 else b""
    if len(body) > MAX_MESSAGE_BYTES:
        raise BadInput(where, f"message at byte {offset} is larger than the {MAX_MESSAGE_BYTES // (1024 * 1024)} MiB limit")
    # the blank line that separates messages belongs to the mbox, not to the message
    if body.endswith(b"\r\n\r\n"):
        body = body[:-2]
    elif body.endswith(b"\n\n"):
        body = body[:-1]
    if b">From " in body:
        body = _ESCAPED_FROM.sub(rb"\1", body)
    return offset, from_line, body


# --- header block --------------------------------------------------------------------

def _decode_raw(value: bytes) -> str:
    try:
        return value.decode("utf-8")
    except UnicodeDecodeError:
        return value.decode("latin-1")


def raw_headers(raw: bytes) -> list[tuple[str, str]]:
    """The header fields of a message as ``(name, raw value)``, folding kept, in order."""
    end = _header_end(raw)
    block = raw[:end]
    out: list[tuple[str, str]] = []
    for line in block.splitlines(keepends=True):
        if line[:1] in (b" ", b"\t") and out:
            name, value = out[-1]
            out[-1] = (name, value + _decode_raw(line))
            continue
        colon = line.find(b":")
        if colon <= 0:
            continue  # not a header line (mbox junk); ignore rather than guess
        field = _decode_raw(line[:colon]).strip()
        rest = line[colon + 1:]
        if rest[:1] == b" ":
            rest = rest[1:]
        out.append((field, _decode_raw(rest)))
    # strip the final line break of each value; inner folding stays
    return [(n, v.rstrip("\r\n")) for n, v in out]


def _header_end(raw: bytes) -> int:
    candidates = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n")) if i >= 0]
    return min(candidates) if candidates else len(raw)


def decode_words(value: str | None) -> str | None:
    """RFC 2047 encoded words decoded (``=?utf-8?q?...?=``); anything odd left as is."""
    if value is None:
        return None
    try:
        return str(make_header(decode_header(value)))
    except Exception:  # broken encoded words: the raw header is still kept in extra
        return value


# --- body ----------------------------------------------------------------------------

def _part_bytes(part: Message) -> bytes:
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return payload
    return b""


def _part_text(part: Message) -> tuple[str, str | None]:
    """Decoded text of a part and a note when its charset had to be guessed."""
    data = _part_bytes(part)
    charset = part.get_content_charset()
    if charset:
        try:
            return data.decode(charset), None
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return data.decode("utf-8"), None if charset is None else f"declared charset {charset!r} failed; read as UTF-8"
    except UnicodeDecodeError:
        return data.decode("latin-1"), f"charset {charset or 'undeclared'} unreadable; read as Latin-1"


_BLOCK_TAGS = frozenset({"p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
                         "blockquote", "table", "ul", "ol", "pre", "section", "article"})


def html_to_text(html: str) -> str:
    """Readable text of an HTML body: line breaks for ``<br>`` and blocks, no scripts."""
    import lxml.html

    if not html.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(html)
    except Exception:  # lxml raises ParserError / ValueError on junk
        return html
    for bad in root.xpath("//script|//style|//head"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: object) -> None:
        tag = getattr(el, "tag", None)
        if not isinstance(tag, str):  # comments, processing instructions
            tail = getattr(el, "tail", None)
            if tail:
                parts.append(tail)
            return
        if tag == "br":
            parts.append("\n")
        elif el.text:  # type: ignore[attr-defined]
            parts.append(el.text)  # type: ignore[attr-defined]
        for child in el:  # type: ignore[attr-defined]
            walk(child)
        if tag in _BLOCK_TAGS and parts and not parts[-1].endswith("\n"):
            parts.append("\n")
        if el.tail:  # type: ignore[attr-defined]
            parts.append(el.tail)  # type: ignore[attr-defined]

    walk(root)
    text = "".join(parts)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def _is_attachment(part: Message) -> bool:
    if part.is_multipart():
        return False
    disp = (part.get("Content-Disposition") or "").split(";")[0].strip().lower()
    if disp == "attachment" or part.get_filename():
        return True
    return part.get_content_maintype() not in ("text", "multipart")


def _body_and_attachments(msg: Message) -> tuple[str | None, str | None, list[Attachment], list[str]]:
    plain: Message | None = None
    html: Message | None = None
    files: list[Attachment] = []
    notes: list[str] = []
    for i, part in enumerate(msg.walk()):
        if part.is_multipart():
            continue
        if _is_attachment(part):
            name = decode_words(part.get_filename()) or f"part-{i}"
            files.append(Attachment(name=name, mime=part.get_content_type(), data=_part_bytes(part)))
            continue
        ctype = part.get_content_type()
        if ctype == "text/plain" and plain is None:
            plain = part
        elif ctype == "text/html" and html is None:
            html = part
    if plain is not None:
        text, note = _part_text(plain)
        source = "text/plain"
    elif html is not None:
        markup, note = _part_text(html)
        text, source = html_to_text(markup), "text/html"
    else:
        return None, None, files, notes
    if note:
        notes.append(note)
    return text, source, files, notes


# --- fast paths ----------------------------------------------------------------------
# Most mail is a single text part with plain addresses; the email package's general
# machinery costs most of the import time, so these cases are read directly. Anything
# unusual (multipart, quoted names, groups, comments, encoded words) takes the general path.

_SIMPLE_NAMED = re.compile(r"^\s*([^<>\",;:()]*?)\s*<([^<>\s\",;:()]+@[^<>\s\",;:()]+)>\s*$")
_SIMPLE_BARE = re.compile(r"^\s*<?([^<>\s\",;:()]+@[^<>\s\",;:()]+)>?\s*$")
_CTYPE = re.compile(r"^\s*([\w.+-]+/[\w.+-]+)\s*(;.*)?$", re.DOTALL)
_CHARSET = re.compile(r';\s*charset\s*=\s*"?([\w.:+-]+)"?', re.IGNORECASE)


def addresses(values: list[str]) -> list[tuple[str, str]]:
    """``(display name, address)`` pairs of address headers (``getaddresses`` semantics)."""
    out: list[tuple[str, str]] = []
    for value in values:
        if any(c in value for c in '"();:\\') or "=?" in value:
            out.extend(getaddresses([value]))
            continue
        for piece in value.split(","):
            if not piece.strip():
                continue
            m = _SIMPLE_NAMED.match(piece) or _SIMPLE_BARE.match(piece)
            if m is None:
                out.extend(getaddresses([piece]))
            elif m.re is _SIMPLE_NAMED:
                out.append((m.group(1), m.group(2)))
            else:
                out.append(("", m.group(1)))
    return out


def _simple_body(raw: bytes, first: dict[str, str]) -> tuple[str, str, list[Attachment], list[str]] | None:
    """Text and source of a single-part text/plain message, or ``None`` for the general path."""
    ctype_value = first.get("content-type", "text/plain")
    m = _CTYPE.match(ctype_value)
    if m is None or m.group(1).lower() != "text/plain":
        return None
    disp = first.get("content-disposition", "").split(";")[0].strip().lower()
    if disp == "attachment":
        return None
    cte = first.get("content-transfer-encoding", "7bit").strip().lower()
    end = _header_end(raw)
    sep = 4 if raw[end:end + 4] == b"\r\n\r\n" else 2
    payload = raw[end + sep:] if end < len(raw) else b""
    if cte == "quoted-printable":
        data = binascii.a2b_qp(payload)
    elif cte == "base64":
        try:
            data = binascii.a2b_base64(payload)
        except binascii.Error:
            return None  # let the email package make what it can of it
    elif cte in ("7bit", "8bit", "binary", ""):
        data = payload
    else:
        return None
    cs = _CHARSET.search(m.group(2) or "")
    charset = cs.group(1) if cs else None
    notes: list[str] = []
    if charset:
        try:
            return data.decode(charset), "text/plain", [], notes
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        text = data.decode("utf-8")
        if charset:
            notes.append(f"declared charset {charset!r} failed; read as UTF-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        notes.append(f"charset {charset or 'undeclared'} unreadable; read as Latin-1")
    return text, "text/plain", [], notes


# --- the event -----------------------------------------------------------------------

def _time_of(date_value: str | None, from_line: bytes | None,
             ctx: ImportContext) -> tuple[int | None, str, str]:
    if date_value:
        try:
            dt = parsedate_to_datetime(date_value.strip())
        except (TypeError, ValueError, IndexError, OverflowError):
            dt = None
        if dt is not None:
            try:
                if dt.tzinfo is None:
                    return int(dt.replace(tzinfo=ctx.tz).timestamp() * 1000), date_value, TIME_ASSUMED
                return int(dt.timestamp() * 1000), date_value, TIME_EXACT
            except (OverflowError, OSError, ValueError):
                pass
    if from_line:
        # The envelope line's asctime is the delivery time, in UTC for Gmail and mutt.
        text = from_line.decode("latin-1")
        m = re.search(r"(\w{3} \w{3} +\d{1,2} \d\d:\d\d:\d\d(?: [+-]\d{4})? \d{4})", text)
        if m:
            raw = m.group(1)
            for fmt in ("%a %b %d %H:%M:%S %z %Y", "%a %b %d %H:%M:%S %Y"):
                try:
                    dt = datetime.strptime(re.sub(" +", " ", raw), fmt)
                except ValueError:
                    continue
                if dt.tzinfo is None:
                    dt = dt.replace(tzinfo=UTC)
                return int(dt.timestamp() * 1000), raw, TIME_ASSUMED
    return None, date_value or "", TIME_UNKNOWN


def my_addresses(ctx: ImportContext) -> set[str]:
    """The person's own addresses from ``--me`` (those that are email addresses)."""
    out = set()
    for value in ctx.me:
        addr = parseaddr(value)[1]
        if "@" in addr:
            out.add(addr.lower())
    return out


def message_event(raw: bytes, ctx: ImportContext, locator: str, *,
                  from_line: bytes | None = None, source_member: str | None = None,
                  mine: set[str] | None = None) -> ParsedEvent:
    """The ``email`` event for one message's bytes."""
    headers = raw_headers(raw)
    first: dict[str, str] = {}
    for name, value in headers:
        first.setdefault(name.lower(), value)

    from_value = first.get("from", "")
    from_parsed = addresses([from_value])
    sender_name_raw, sender_addr = from_parsed[0] if from_parsed else ("", "")
    sender_name = decode_words(sender_name_raw) or None
    rcpt_values = [v for n, v in headers if n.lower() in ("to", "cc", "bcc")]
    recipients = [addr for _n, addr in addresses(rcpt_values) if addr]

    labels: list[str] = []
    if "x-gmail-labels" in first:
        labels = [lab.strip() for lab in (decode_words(first["x-gmail-labels"]) or "").split(",") if lab.strip()]

    mine = mine if mine is not None else my_addresses(ctx)
    if mine:
        direction = "outgoing" if sender_addr.lower() in mine else "incoming"
    elif "Sent" in labels:
        direction = "outgoing"
    else:
        direction = "incoming"

    ts_ms, raw_time, certainty = _time_of(first.get("date"), from_line, ctx)
    simple = _simple_body(raw, first)
    text: str | None
    body_source: str | None
    if simple is not None:
        text, body_source, files, notes = simple
    else:
        try:
            msg = email.message_from_bytes(raw, policy=email.policy.compat32)
            text, body_source, files, notes = _body_and_attachments(msg)
        except Exception as exc:  # a MIME structure the email package chokes on
            raise BadInput(locator, f"the message's MIME structure is broken ({exc})") from None

    extra: dict[str, object] = {
        "headers": [[n, v] for n, v in headers if n.lower() in EVIDENCE_HEADERS],
        "message_id": (first.get("message-id") or "").strip() or None,
    }
    if body_source:
        extra["body_source"] = body_source
    if body_source == "text/html":
        extra["derived"] = "html-to-text"
    if labels:
        extra["labels"] = labels
    if notes:
        extra["decoding_notes"] = notes
    if from_line is not None:
        extra["mbox_from_line"] = _decode_raw(from_line)
    party = None
    if direction == "outgoing" and len(recipients) != 1:
        party = ", ".join(recipients) or None

    return ParsedEvent(
        kind="email", channel="email", direction=direction, ts_ms=ts_ms, raw_time=raw_time,
        locator=locator, sender=sender_addr or (from_value or None), sender_name=sender_name,
        recipients=recipients, text=text, time_certainty=certainty,
        subject=decode_words(first.get("subject")),
        attachments=[Attachment(name="message.eml", mime="message/rfc822", data=raw), *files],
        party=party, id_kind=ID_EMAIL, extra=extra, source_member=source_member,
    )


def looks_like_message(head: bytes) -> float:
    """How much ``head`` looks like the start of an RFC 5322 message (0..1)."""
    block = head[:_header_end(head)] if head else b""
    names = set()
    for line in block.splitlines()[:200]:
        m = re.match(rb"^([A-Za-z][A-Za-z0-9-]{0,60}):", line)
        if m:
            names.add(m.group(1).lower())
        elif line[:1] not in (b" ", b"\t"):
            return 0.0  # a line that is neither a header nor a continuation
    if b"from" not in names:
        return 0.0
    score = 0.3
    for n in (b"date", b"subject", b"to", b"message-id", b"received", b"mime-version"):
        if n in names:
            score += 0.12
    return min(score, 0.9)
