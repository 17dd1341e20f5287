"""The importer interface.

An importer knows one export format. ``sniff`` looks at a path (and the first bytes of
a file) and says how sure it is that the path is in its format; ``parse`` streams the
events and exhibits out of it. Importers never touch the store: the import framework
(``safecase.store.importing``) writes what they yield inside one transaction per file.

Importers must stream (generators, bounded memory), keep text exactly as in the source,
and raise ``BadInput`` with a clear problem for anything broken or hostile.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo

from safecase.model import ParsedEvent, ParsedExhibit

# Fixed limits against hostile files (DESIGN principle 7).
MAX_LINE_BYTES = 16 * 1024 * 1024          # one line / one text node
MAX_JSON_BYTES = 512 * 1024 * 1024         # a JSON file parsed whole
MAX_JSON_DEPTH = 64
MAX_ZIP_MEMBERS = 200_000
MAX_ZIP_TOTAL = 32 * 1024 * 1024 * 1024    # declared uncompressed size of all members
MAX_ZIP_RATIO = 200                        # uncompressed / compressed for one member


@dataclass
class ImportContext:
    """What the person told us about this import."""

    tz: ZoneInfo                        # zone for local times with no offset
    tz_explicit: bool = False           # True when --tz was given for this import
    me: list[str] = field(default_factory=list)  # names/ids that are the person (--me)
    region: str = "GB"                  # default phone region for numbers without +
    interactive: bool = False           # may we ask questions on the terminal?
    options: dict[str, str] = field(default_factory=dict)  # importer options (--map ...)
    notes: list[str] = field(default_factory=list)  # lines the summary should show
    # Gives the password for the named thing ("the iPhone backup X"), from an option, the
    # environment or a question on the terminal; None when none can be had. Never
    # recorded anywhere.
    password: Callable[[str], str | None] | None = None
    # Shows what a slow step is doing (the progress line); never content.
    status: Callable[[str], None] | None = None


class Importer(ABC):
    """One export format."""

    name: ClassVar[str]                 # e.g. "sms-backup-restore"; used by --format
    version: ClassVar[str] = "1"
    title: ClassVar[str] = ""           # human name, e.g. "SMS Backup & Restore (Android)"

    @classmethod
    @abstractmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        """Confidence 0..1 that ``path`` is in this format. ``head`` is the first 64 KiB
        of a file (empty for a folder). Must be cheap and never raise."""

    @abstractmethod
    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        """Stream what the path holds. Raise ``BadInput`` for broken input."""

    def prepare(self, path: Path, ctx: ImportContext) -> None:
        """Called once before anything is written (before ``source_files`` and ``parse``):
        get and check what the import needs, such as a password, so that a wrong one
        leaves the case untouched. Default: nothing to do."""
        return None

    def self_candidates(self, path: Path, ctx: ImportContext) -> list[tuple[str, int]]:
        """The senders the person may be, with how many messages each sent, for formats
        that do not say which sender is the person (WhatsApp). The framework calls this
        before ``parse`` only when ``ctx.me`` is empty and it can ask (a terminal); the
        answer becomes ``ctx.me`` and is recorded with the import like ``--me``. An empty
        list (the default): the format knows the person itself, or there is nobody to offer.
        Raise ``BadInput`` for broken input, as ``parse`` would."""
        return []

    def source_files(self, path: Path) -> list[Path]:
        """The files whose bytes are kept as sources. A file is its own source; a folder
        importer lists the files it reads (events then set ``source_member``)."""
        return [path]
