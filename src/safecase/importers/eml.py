"""Email: one message saved as ``.eml`` (Outlook, Apple Mail, Thunderbird "Save as")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from safecase.errors import BadInput
from safecase.importers.base import ImportContext, Importer
from safecase.importers.emailmsg import MAX_MESSAGE_BYTES, looks_like_message, message_event
from safecase.importers.mbox import note_direction_rule
from safecase.model import ParsedEvent, ParsedExhibit


class EmlImporter(Importer):
    name = "eml"
    version = "1"
    title = "Email message (.eml)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.is_dir() or head.startswith(b"From "):
            return 0.0
        score = looks_like_message(head)
        if score and path.suffix.lower() in (".eml", ".msg.eml", ".mht"):
            score = min(0.95, score + 0.2)
        return score

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        note_direction_rule(ctx)
        try:
            size = path.stat().st_size
            if size > MAX_MESSAGE_BYTES:
                raise BadInput(path, f"is larger than the {MAX_MESSAGE_BYTES // (1024 * 1024)} MiB limit for one message")
            raw = path.read_bytes()
        except OSError as exc:
            raise BadInput(path, f"cannot be read ({exc.strerror})") from None
        if not looks_like_message(raw[:65536]):
            raise BadInput(path, "does not start with email headers (From:, Date:, ...)")
        yield message_event(raw, ctx, "message 1")
