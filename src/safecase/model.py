"""The core model shared by importers, the store, analysis, reports, the CLI and the web app.

Importers produce ``ParsedEvent`` and ``ParsedExhibit`` objects; the store turns them into
rows. Field names follow DESIGN.md. Message text is kept exactly as in the source: nothing
here normalises it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import IO, Any, Final

EVENT_KINDS: Final = (
    "message", "call", "email", "post", "visit", "following", "gift", "property",
    "third_party", "other",
)
CHANNELS: Final = (
    "sms", "mms", "imessage", "whatsapp", "telegram", "signal", "facebook", "instagram",
    "x", "discord", "snapchat", "email", "voice", "phone", "in_person", "other",
)
DIRECTIONS: Final = ("incoming", "outgoing", "unknown")

# How sure we are of an event's time zone.
TIME_EXACT: Final = "exact"          # the source carries UTC or an offset
TIME_ASSUMED: Final = "assumed"      # local time; the zone came from --tz or the case setting
TIME_UNKNOWN: Final = "unknown"      # no usable time at all

# Call outcomes, one vocabulary for every importer.
CALL_STATUSES: Final = (
    "answered", "missed", "rejected", "blocked", "voicemail", "unanswered", "unknown",
)

# The twelve signal names (issue 4), used everywhere.
SIGNALS: Final = (
    "threat", "sexual", "insult", "surveillance", "fixation", "coercion", "contact_demand",
    "exposure", "third_party", "impersonation", "malicious_link", "refusal",
)

# Identity kinds.
ID_PHONE: Final = "phone"
ID_EMAIL: Final = "email"
ID_HANDLE: Final = "handle"
ID_NAME: Final = "name"


@dataclass(slots=True)
class Attachment:
    """A file that came with an event (MMS part, chat media, email). Becomes an exhibit.

    Give either ``data`` (small, already in memory) or ``open`` (a callable returning a
    binary stream, e.g. a member of a zip) so large media is streamed into the store
    without a plaintext copy on disk.
    """

    name: str
    mime: str | None = None
    data: bytes | None = None
    open: Callable[[], IO[bytes]] | None = None
    note: str | None = None  # e.g. "not included in the export"


@dataclass(slots=True)
class ParsedEvent:
    """One thing that happened, as an importer read it from a source."""

    kind: str
    channel: str
    direction: str
    ts_ms: int | None                 # UTC milliseconds since the Unix epoch; None if unknown
    raw_time: str                     # the timestamp exactly as the source wrote it
    locator: str                      # where in the source: "line 12", "sms[4031]", "row 7"
    sender: str | None = None         # raw identifier as in the source
    sender_name: str | None = None
    recipients: list[str] = field(default_factory=list)
    text: str | None = None           # exact; None for calls
    duration_s: int | None = None
    call_status: str | None = None
    time_certainty: str = TIME_EXACT
    subject: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    # The other party's identifier, when it is not simply the sender (incoming) or the
    # single recipient (outgoing).
    party: str | None = None
    party_name: str | None = None
    id_kind: str = ID_PHONE           # what kind of identifier sender/recipients are
    extra: dict[str, Any] = field(default_factory=dict)  # where, witnesses, felt, headers...
    source_member: str | None = None  # for folder sources: the file (relative path) it came from


@dataclass(slots=True)
class ParsedExhibit:
    """A file from a source that is not tied to one event (a photo in an export, a scan)."""

    name: str
    mime: str | None = None
    data: bytes | None = None
    open: Callable[[], IO[bytes]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def utc_iso(ts_ms: int | None) -> str | None:
    """``YYYY-MM-DDTHH:MM:SSZ`` for a UTC millisecond timestamp."""
    if ts_ms is None:
        return None
    return datetime.fromtimestamp(ts_ms / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def ms_from_datetime(dt: datetime) -> int:
    """UTC milliseconds for an aware datetime."""
    if dt.tzinfo is None:
        raise ValueError("naive datetime")
    return int(dt.timestamp() * 1000)
