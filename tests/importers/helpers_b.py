"""Shared helpers for the importer tests of formats 6-12 (email, Takeout, Discord, ...)."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

from safecase.errors import SafecaseError
from safecase.importers.base import ImportContext, Importer
from safecase.importers.registry import detect
from safecase.model import ParsedEvent, ParsedExhibit, utc_iso

FIXTURES = Path(__file__).parent / "fixtures"


def ctx(**kw: object) -> ImportContext:
    tz = kw.get("tz", "Europe/London")
    kw["tz"] = ZoneInfo(tz) if isinstance(tz, str) else tz
    return ImportContext(**kw)  # type: ignore[arg-type]


def run(importer: type[Importer], path: Path, **kw: object) -> tuple[list[ParsedEvent], list[ParsedExhibit], ImportContext]:
    c = ctx(**kw)
    events: list[ParsedEvent] = []
    exhibits: list[ParsedExhibit] = []
    for item in importer().parse(path, c):
        (events if isinstance(item, ParsedEvent) else exhibits).append(item)
    return events, exhibits, c


def iso(ev: ParsedEvent) -> str | None:
    return utc_iso(ev.ts_ms)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def attachment_bytes(att: object) -> bytes:
    data = getattr(att, "data", None)
    if data is not None:
        return data
    opener = getattr(att, "open", None)
    assert opener is not None, f"attachment {att!r} has neither data nor open"
    with opener() as fh:
        return fh.read()


def assert_detects(path: Path, name: str) -> None:
    assert detect(path).name == name, f"{path} detected as {detect(path).name}, not {name}"


def parse_all_or_safecase_error(importer: type[Importer], data: bytes, suffix: str,
                                make: Callable[[Path, bytes], Path] | None = None,
                                **kw: object) -> None:
    """Fuzz body: write ``data`` (as a file, or via ``make``) and parse it fully. Only
    SafeCase's own errors, each with a message, may escape."""
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / f"fuzz{suffix}"
        if make is not None:
            target = make(Path(tmp), data)
        else:
            target.write_bytes(data)
        try:
            for item in importer().parse(target, ctx(**kw)):
                for att in getattr(item, "attachments", []) or []:
                    if att.open is not None:
                        attachment_bytes(att)
        except SafecaseError as err:
            assert str(err).strip(), "a SafeCase error must say what is wrong"
