"""Email: an ``.mbox`` file (Thunderbird, mutt, Apple Mail export, Gmail's Takeout mbox).

Streams the file message by message (``emailmsg.iter_mbox``); each message becomes an
``email`` event with its raw bytes kept as ``message.eml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from safecase.errors import BadInput
from safecase.importers.base import ImportContext, Importer
from safecase.importers.emailmsg import (
    _is_from_line,
    iter_mbox,
    looks_like_message,
    message_event,
    my_addresses,
)
from safecase.model import ParsedEvent, ParsedExhibit


def note_direction_rule(ctx: ImportContext) -> None:
    if not my_addresses(ctx):
        ctx.notes.append(
            "no --me email address given: emails count as incoming unless Gmail labelled them Sent"
        )


def parse_mbox_stream(fh, where: object, ctx: ImportContext,
                      source_member: str | None = None) -> Iterator[ParsedEvent]:
    mine = my_addresses(ctx)
    for n, (offset, from_line, raw) in enumerate(iter_mbox(fh, where), start=1):
        yield message_event(raw, ctx, f"message {n} (byte {offset})", from_line=from_line,
                            source_member=source_member, mine=mine)


class MboxImporter(Importer):
    name = "mbox"
    version = "1"
    title = "Email mailbox (.mbox)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if not head.startswith(b"From "):
            return 0.0
        first, _, rest = head.partition(b"\n")
        if not _is_from_line(first):
            return 0.0
        score = 0.5 + 0.4 * min(1.0, looks_like_message(rest) / 0.6)
        if path.suffix.lower() in (".mbox", ".mbx", ".mbx") or path.name.lower() == "inbox":
            score += 0.05
        return min(score, 0.95)

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        note_direction_rule(ctx)
        try:
            fh = path.open("rb")
        except OSError as exc:
            raise BadInput(path, f"cannot be read ({exc.strerror})") from None
        with fh:
            yield from parse_mbox_stream(fh, path, ctx)
