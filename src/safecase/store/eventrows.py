"""How an event becomes a row: its stable fingerprint and its content hash.

The fingerprint decides duplicates: the same message in two overlapping backups, or the
same file imported twice, has the same fingerprint. It rests on what the message *is*
(channel, kind, direction, time, the other party's normalised identity, text, call details)
plus its occurrence number among identical messages in the same file, so two genuinely
repeated "?" in the same minute stay two events.

The content hash covers every stored column that describes the event; ``verify`` recomputes
it from the row to detect edits made behind SafeCase's back.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from typing import Any

# Stored columns covered by the content hash, in this order.
HASHED_COLUMNS = (
    "kind", "channel", "direction", "ts_ms", "raw_time", "time_certainty", "sender",
    "sender_name", "recipients", "text", "duration_s", "call_status", "subject", "extra",
    "source_id", "locator", "version", "supersedes",
)


# One encoder, made once: json.dumps with options builds a new encoder on every call, which
# is measurable at a million events.
compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
compact_sorted = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True,
                                  default=str).encode


def content_hash(values: tuple[Any, ...] | list[Any]) -> str:
    """SHA-256 over the HASHED_COLUMNS values as stored (strings, numbers, nulls)."""
    return hashlib.sha256(compact(list(values)).encode("utf-8", "surrogatepass")).hexdigest()


class Fingerprinter:
    """Gives each event of one file its fingerprint, counting repeats of identical events.

    Repeats are counted in a bounded window: memory stays flat however large the file.
    Identical events farther apart than the window (in an unsorted file) would be counted
    as one occurrence; exports are time-ordered, so this does not happen in practice."""

    WINDOW = 200_000

    def __init__(self) -> None:
        self._seen: OrderedDict[bytes, int] = OrderedDict()

    def __call__(self, kind: str, channel: str, direction: str, ts_ms: int | None,
                 party: str | None, text: str | None, duration_s: int | None,
                 call_status: str | None, subject: str | None) -> str:
        base = compact([kind, channel, direction, ts_ms, party, text, duration_s, call_status,
                        subject]).encode("utf-8", "surrogatepass")
        digest = hashlib.blake2b(base, digest_size=16).digest()
        n = self._seen.get(digest, 0)
        self._seen[digest] = n + 1
        if n == 0 and len(self._seen) > self.WINDOW:
            self._seen.popitem(last=False)
        # The time leads, so the unique index grows at its end as time-ordered exports stream
        # in (random keys made a million-event import page the index in and out of SQLCipher
        # over and over). 96 bits of digest per millisecond are far beyond any collision; the
        # occurrence number keeps genuinely repeated identical messages apart.
        fp = f"{(ts_ms if ts_ms is not None else 0) & 0xFFFFFFFFFFFF:012x}{digest[:12].hex()}"
        return fp if n == 0 else f"{fp}#{n}"
