"""Shared helpers for the tests of importers 1-5 (iPhone, WhatsApp, Telegram, Meta, X)."""

from __future__ import annotations

import hashlib
import importlib.util
import random
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import ModuleType
from zoneinfo import ZoneInfo

from safecase.errors import SafecaseError
from safecase.importers.base import ImportContext, Importer
from safecase.model import ParsedEvent

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parents[2]


def ctx(me: list[str] | None = None, tz: str = "Europe/London", **options: str) -> ImportContext:
    return ImportContext(tz=ZoneInfo(tz), me=list(me or []), options=dict(options))


def parse(importer: type[Importer], path: Path, c: ImportContext | None = None
          ) -> tuple[list[ParsedEvent], ImportContext]:
    """All events; attachment streams are read while the parse runs (as the store does,
    since a zip closes when the parse ends) and kept in ``data``."""
    c = c or ctx()
    out = []
    for e in importer().parse(path, c):
        if isinstance(e, ParsedEvent):
            for a in e.attachments:
                if a.open is not None:
                    with a.open() as fh:
                        a.data = fh.read()
            out.append(e)
    return out, c


def utc(ts_ms: int | None) -> str:
    assert ts_ms is not None
    return datetime.fromtimestamp(ts_ms / 1000, ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%S")


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def attachment_bytes(ev: ParsedEvent) -> list[bytes]:
    out = []
    for a in ev.attachments:
        if a.data is not None:
            out.append(a.data)
        elif a.open is not None:
            with a.open() as fh:
                out.append(fh.read())
    return out


def load_module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem + "_" + path.parent.name, path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def mutate(data: bytes, seed: int, n: int) -> bytes:
    """Flip, delete, duplicate or insert a few bytes, or cut the tail."""
    rnd = random.Random(seed)
    buf = bytearray(data)
    for _ in range(n):
        if not buf:
            break
        op = rnd.randrange(5)
        i = rnd.randrange(len(buf))
        if op == 0:
            buf[i] = rnd.randrange(256)
        elif op == 1:
            del buf[i:i + rnd.randrange(1, 16)]
        elif op == 2:
            buf[i:i] = buf[i:i + rnd.randrange(1, 32)]
        elif op == 3:
            buf[i:i] = bytes([rnd.choice(b'{}[]":,\n\\<>0123456789\x00\xff\xe2\x80\x8e')])
        else:
            del buf[i:]
    return bytes(buf)


def only_safecase_errors(fn: Callable[[], object]) -> None:
    """Run a parse; it may succeed or raise a SafecaseError with a message, nothing else."""
    try:
        fn()
    except SafecaseError as err:
        assert str(err).strip(), "a SafeCase error must carry a message"
