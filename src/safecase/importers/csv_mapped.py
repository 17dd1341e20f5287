"""Any CSV, with a column mapping: the way in for exports SafeCase has no importer for.

    safecase import CASE log.csv --map "timestamp=Date,sender=From,text=Message"

The mapping (``--map``, arriving as ``ctx.options["map"]``) is a comma-separated list of
``FIELD=COLUMN``. A value starting with ``@`` is a constant for every row instead of a
column (``channel=@sms``); write ``@@`` for a column whose name starts with ``@``.

Fields (columns):
  ``timestamp`` (required), ``text``, ``sender``, ``sender_name``, ``recipients``,
  ``subject``, ``direction``, ``channel``, ``kind``, ``duration``, ``call_status``,
  ``party`` (the other person when neither sender nor a single recipient says it).

Settings (in the map or as ``--option NAME=VALUE``):
  ``format``   how ``timestamp`` is written: a ``strptime`` pattern (``%d/%m/%Y %H:%M``;
               commas inside are fine), ``iso``, ``epoch`` (seconds) or ``epoch_ms``.
               Default ``auto``: ISO 8601, or epoch seconds/milliseconds; anything else
               (03/04/2024 could be either day or month first) needs a ``format``.
  ``tz``       zone for times without an offset (default: ``--tz``, else the case's).
  ``id_kind``  what senders/recipients are: ``phone``, ``email``, ``handle``, ``name`` or
               ``auto`` (default: guessed per value).
  ``recipients_sep``  between several recipients in one cell: ``semicolon`` (default),
               ``comma``, ``pipe``, ``space``.
  ``incoming`` / ``outgoing``  extra words (``|``-separated) the ``direction`` column uses,
               besides in/incoming/received/inbound and out/outgoing/sent/outbound.
  ``delimiter`` ``comma``, ``semicolon``, ``tab`` or ``pipe`` (default: read from the header).
  ``encoding`` default ``utf-8`` (with or without BOM); e.g. ``cp1252``.

Without a ``direction`` column: a sender listed in ``--me`` makes the row outgoing, any
other sender incoming; with no ``--me`` the direction is ``unknown``. Without ``--map``,
a header with obvious names (Date, From, To, Message...) is mapped automatically and the
import summary shows the mapping used.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from safecase.errors import BadInput, UserError
from safecase.importers.base import MAX_LINE_BYTES, ImportContext, Importer
from safecase.model import (
    CALL_STATUSES,
    CHANNELS,
    EVENT_KINDS,
    ID_EMAIL,
    ID_HANDLE,
    ID_NAME,
    ID_PHONE,
    TIME_ASSUMED,
    TIME_EXACT,
    ParsedEvent,
    ParsedExhibit,
)

FIELDS = ("timestamp", "text", "sender", "sender_name", "recipients", "subject", "direction",
          "channel", "kind", "duration", "call_status", "party")
SETTINGS = ("format", "tz", "id_kind", "recipients_sep", "incoming", "outgoing", "delimiter",
            "encoding")
_SEPARATORS = {"semicolon": ";", "comma": ",", "pipe": "|", "space": " ", "tab": "\t"}
_IN = {"in", "incoming", "received", "inbound", "recv", "inbox", "from"}
_OUT = {"out", "outgoing", "sent", "outbound", "outbox", "to"}
_STATUS_ALIASES = {"declined": "rejected", "no answer": "unanswered", "not answered": "unanswered",
                   "cancelled": "unanswered", "canceled": "unanswered", "accepted": "answered",
                   "completed": "answered"}
_CHANNEL_ALIASES = {"text": "sms", "twitter": "x", "imsg": "imessage", "fb": "facebook",
                    "messenger": "facebook", "ig": "instagram", "call": "phone", "mail": "email"}
_GUESS = {
    "timestamp": ("timestamp", "date", "datetime", "date/time", "date time", "time", "sent at",
                  "created", "created at"),
    "sender": ("from", "sender", "author", "sender number", "from number"),
    "text": ("text", "message", "body", "content", "message text"),
    "recipients": ("to", "recipient", "recipients"),
    "direction": ("direction", "type"),
    "subject": ("subject",),
}
_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-/]{5,}$")


@dataclass
class Mapping:
    columns: dict[str, str] = field(default_factory=dict)     # field -> column name
    constants: dict[str, str] = field(default_factory=dict)   # field -> constant value
    settings: dict[str, str] = field(default_factory=dict)


def parse_map(spec: str, extra: dict[str, str] | None = None) -> Mapping:
    """Parse ``timestamp=Date,format=%b %d, %Y %H:%M,channel=@sms`` into a ``Mapping``."""
    pieces: list[str] = []
    for frag in spec.split(","):
        if "=" in frag or not pieces:
            pieces.append(frag)
        else:
            pieces[-1] += "," + frag  # a comma inside a value (strptime patterns have them)
    m = Mapping()
    for piece in pieces:
        if not piece.strip():
            continue
        if "=" not in piece:
            raise UserError(f"--map: {piece.strip()!r} is not FIELD=COLUMN")
        key, value = piece.split("=", 1)
        key = key.strip().lower()
        if key in SETTINGS:
            m.settings[key] = value.strip()
        elif key in FIELDS:
            if value.startswith("@@"):
                m.columns[key] = value[1:]
            elif value.startswith("@"):
                m.constants[key] = value[1:]
            else:
                m.columns[key] = value.strip()
        else:
            raise UserError(f"--map: unknown field {key!r}; fields are {', '.join(FIELDS)}; "
                            f"settings are {', '.join(SETTINGS)}")
    for key, value in (extra or {}).items():
        if key in SETTINGS and key not in m.settings:
            m.settings[key] = value
    return m


def guess_map(header: list[str]) -> Mapping | None:
    lower = {h.strip().lower(): h for h in header}
    m = Mapping()
    for fld, names in _GUESS.items():
        for n in names:
            if n in lower:
                m.columns[fld] = lower[n]
                break
    return m if "timestamp" in m.columns and "text" in m.columns else None


def _describe(m: Mapping) -> str:
    parts = [f"{k}={v}" for k, v in m.columns.items()] + [f"{k}=@{v}" for k, v in m.constants.items()]
    return ",".join(parts + [f"{k}={v}" for k, v in m.settings.items()])


class CsvMapped(Importer):
    name = "csv"
    version = "1"
    title = "Any CSV with a column mapping (--map)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.is_dir() or path.suffix.lower() not in (".csv", ".tsv", ".txt"):
            return 0.0
        try:
            first = head.split(b"\n", 1)[0].decode("utf-8-sig")
        except UnicodeDecodeError:
            return 0.0
        if any(sep in first for sep in (",", ";", "\t", "|")) and path.suffix.lower() != ".txt":
            return 0.35  # a last resort: every specific importer outranks it
        return 0.0

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        settings = {k: v for k, v in ctx.options.items() if k != "map"}
        spec = ctx.options.get("map")
        mapping = parse_map(spec, settings) if spec else Mapping(settings=dict(settings))
        encoding = mapping.settings.get("encoding", "utf-8-sig")
        try:
            raw = path.open("rb")
        except OSError as exc:
            raise BadInput(path, f"cannot be read ({exc.strerror})") from None
        with raw:
            try:
                text = io.TextIOWrapper(raw, encoding=encoding, newline="")
            except LookupError:
                raise UserError(f"--map encoding={encoding!r} is not an encoding Python knows") from None
            try:
                yield from self._rows(path, text, mapping, spec is not None, ctx)
            except UnicodeDecodeError as exc:
                raise BadInput(path, f"is not {encoding} text (byte {exc.start}); give encoding= in --map") from None
            except csv.Error as exc:
                raise BadInput(path, f"is not readable CSV ({exc})") from None

    def _rows(self, path: Path, text: io.TextIOWrapper, mapping: Mapping, given: bool,
              ctx: ImportContext) -> Iterator[ParsedEvent]:
        head = text.readline(MAX_LINE_BYTES)
        if not head.strip():
            raise BadInput(path, "has no header line")
        delim = self._delimiter(mapping, head, path)
        csv.field_size_limit(MAX_LINE_BYTES)
        header = next(csv.reader([head], delimiter=delim))
        if not given:
            guessed = guess_map(header)
            if guessed is None:
                raise UserError(
                    f"{path}: say which columns hold what with --map, e.g. "
                    f"--map \"timestamp={header[0]},sender=...,text=...\" "
                    f"(columns: {', '.join(header)})")
            guessed.settings = mapping.settings
            mapping = guessed
            ctx.notes.append(f"no --map given; columns read as {_describe(mapping)}")
        if "timestamp" not in mapping.columns and "timestamp" not in mapping.constants:
            raise UserError("--map needs timestamp=COLUMN (the column with the date and time)")
        index: dict[str, int] = {}
        for fld, col in mapping.columns.items():
            if col not in header:
                raise BadInput(path, f"column {col!r} named in --map {fld}={col} is not in the "
                                     f"header (columns: {', '.join(header)})")
            index[fld] = header.index(col)
        zone = self._zone(mapping, ctx)
        fmt = mapping.settings.get("format", "auto")
        id_kind = mapping.settings.get("id_kind", "auto").lstrip("@").lower()
        if id_kind not in ("auto", ID_PHONE, ID_EMAIL, ID_HANDLE, ID_NAME):
            raise UserError(f"--map id_kind={id_kind!r}: use phone, email, handle, name or auto")
        sep_name = mapping.settings.get("recipients_sep", "semicolon").lower()
        sep = _SEPARATORS.get(sep_name, sep_name)
        words_in = _IN | {w.strip().lower() for w in mapping.settings.get("incoming", "").split("|") if w.strip()}
        words_out = _OUT | {w.strip().lower() for w in mapping.settings.get("outgoing", "").split("|") if w.strip()}
        me = {v.strip().lower() for v in ctx.me}
        reader = csv.reader(text, delimiter=delim)
        for n, row in enumerate(reader, start=1):
            if not any(cell.strip() for cell in row):
                continue
            locator = f"row {n} (line {reader.line_num + 1})"

            def get(fld: str, row: list[str] = row) -> str | None:
                if fld in mapping.constants:
                    return mapping.constants[fld]
                i = index.get(fld)
                if i is None:
                    return None
                return row[i] if i < len(row) else None

            yield self._event(path, locator, get, fmt, zone, id_kind, sep, words_in,
                              words_out, me, ctx)

    @staticmethod
    def _delimiter(mapping: Mapping, head: str, path: Path) -> str:
        name = mapping.settings.get("delimiter")
        if name:
            return _SEPARATORS.get(name.lower(), name)[:1]
        counts = {d: head.count(d) for d in (",", ";", "\t", "|")}
        best = max(counts, key=lambda d: counts[d])
        if counts[best] == 0:
            return ","  # one column: no delimiter in the header
        return best

    @staticmethod
    def _zone(mapping: Mapping, ctx: ImportContext) -> ZoneInfo:
        name = mapping.settings.get("tz")
        if not name:
            return ctx.tz
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise UserError(f"--map tz={name!r} is not a time zone (e.g. Europe/London)") from None

    def _event(self, path: Path, locator: str, get, fmt: str, zone: ZoneInfo, id_kind: str,
               sep: str, words_in: set[str], words_out: set[str], me: set[str],
               ctx: ImportContext) -> ParsedEvent:
        raw_time = get("timestamp") or ""
        ts_ms, certainty = self._time(path, locator, raw_time.strip(), fmt, zone)
        sender = (get("sender") or "").strip() or None
        recipients = [r.strip() for r in (get("recipients") or "").split(sep) if r.strip()]
        direction = "unknown"
        dval = get("direction")
        if dval is not None and dval.strip():
            word = dval.strip().lower()
            direction = "incoming" if word in words_in else "outgoing" if word in words_out else "unknown"
        elif me:
            direction = "outgoing" if sender and sender.lower() in me else "incoming"
        kind = (get("kind") or "message").strip().lower() or "message"
        if kind not in EVENT_KINDS:
            raise BadInput(path, f"{locator}: kind {kind!r} is not one of {', '.join(EVENT_KINDS)}")
        channel_raw = (get("channel") or "other").strip().lower() or "other"
        channel = _CHANNEL_ALIASES.get(channel_raw, channel_raw)
        extra: dict[str, object] = {}
        if channel not in CHANNELS:
            extra["channel_raw"] = channel_raw
            channel = "other"
        duration = self._duration(path, locator, get("duration"))
        status_raw = get("call_status")
        status = None
        if status_raw is not None and status_raw.strip():
            s = status_raw.strip().lower()
            status = _STATUS_ALIASES.get(s, s)
            if status not in CALL_STATUSES:
                extra["call_status_raw"] = status_raw
                status = "unknown"
        if kind == "call" and status is None:
            status = "unknown"
        text = get("text")
        sample = sender or (recipients[0] if recipients else "")
        return ParsedEvent(
            kind=kind, channel=channel, direction=direction, ts_ms=ts_ms, raw_time=raw_time,
            locator=locator, sender=sender, sender_name=(get("sender_name") or None),
            recipients=recipients, text=text if kind != "call" or text else None,
            duration_s=duration, call_status=status, time_certainty=certainty,
            subject=get("subject") or None, party=(get("party") or None),
            id_kind=self._id_kind(id_kind, sample), extra=extra,
        )

    @staticmethod
    def _id_kind(setting: str, sample: str) -> str:
        if setting != "auto":
            return setting
        if "@" in sample.strip("@") and "." in sample.split("@")[-1]:
            return ID_EMAIL
        if _PHONE_LIKE.match(sample):
            return ID_PHONE
        if sample.startswith("@"):
            return ID_HANDLE
        return ID_NAME

    @staticmethod
    def _time(path: Path, locator: str, raw: str, fmt: str, zone: ZoneInfo) -> tuple[int, str]:
        if not raw:
            raise BadInput(path, f"{locator}: the timestamp cell is empty")
        f = fmt.lower()
        try:
            if f in ("epoch", "epoch_ms") or (f == "auto" and re.fullmatch(r"\d{9,13}(\.\d+)?", raw)):
                value = float(raw)
                if f == "epoch_ms" or (f == "auto" and value > 1e11):
                    value /= 1000
                return int(round(value * 1000)), TIME_EXACT
            if f in ("auto", "iso"):
                dt = datetime.fromisoformat(raw.replace(" UTC", "+00:00"))
            else:
                dt = datetime.strptime(raw, fmt)
        except (ValueError, OverflowError):
            hint = ("; give format= in --map (e.g. format=%d/%m/%Y %H:%M)" if f == "auto"
                    else f" with format={fmt}")
            raise BadInput(path, f"{locator}: cannot read the time {raw!r}{hint}") from None
        if dt.tzinfo is None:
            return int(dt.replace(tzinfo=zone).timestamp() * 1000), TIME_ASSUMED
        return int(dt.timestamp() * 1000), TIME_EXACT

    @staticmethod
    def _duration(path: Path, locator: str, raw: str | None) -> int | None:
        if raw is None or not raw.strip():
            return None
        value = raw.strip()
        try:
            if ":" in value:
                total = 0
                for part in value.split(":"):
                    total = total * 60 + int(part)
                return total
            return int(float(value))
        except ValueError:
            raise BadInput(path, f"{locator}: duration {raw!r} is not seconds or H:MM:SS") from None
