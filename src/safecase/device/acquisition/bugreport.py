"""An Android bugreport zip (``adb bugreport``), or the folder it unzips to.

The zip holds one big dumpstate text; ``main_entry.txt`` names it (older zips: the
``bugreport-*.txt`` file, or ``dumpState_*.log`` on some Samsungs). Inside, each service
is a ``DUMP OF SERVICE name:`` section and the properties are a
``------ SYSTEM PROPERTIES (getprop) ------`` block.
"""

from __future__ import annotations

import fnmatch
from pathlib import PurePosixPath

from safecase.device.acquisition.builder import Builder
from safecase.device.acquisition.container import Container
from safecase.device.model import Acquisition, RawOutput
from safecase.errors import BadInput

GETPROP_HEAD = "------ SYSTEM PROPERTIES"


def main_entry(c: Container) -> str | None:
    entry = c.find("main_entry.txt")
    if entry is not None:
        name = c.read(entry).decode("utf-8", errors="replace").strip()
        if name in c.names():
            return name
        hit = c.find(PurePosixPath(name).name)
        if hit:
            return hit
    for pattern in ("bugreport-*.txt", "dumpstate-*.txt", "dumpState_*.log"):
        hits = [n for n in c.names() if fnmatch.fnmatch(PurePosixPath(n).name, pattern)]
        if hits:
            return min(hits, key=lambda n: (n.count("/"), n))
    return None


def looks_like(c: Container) -> bool:
    return c.find("main_entry.txt") is not None or main_entry(c) is not None


def getprop_block(text: str) -> tuple[str, int] | None:
    """The getprop block of a dumpstate text and the line its first property is on."""
    start = text.find(GETPROP_HEAD)
    if start < 0:
        return None
    body_start = text.find("\n", start) + 1
    end = text.find("\n------ ", body_start)
    body = text[body_start:end if end >= 0 else len(text)]
    return body, text.count("\n", 0, body_start) + 1


def load(c: Container) -> Acquisition:
    name = main_entry(c)
    if name is None:
        raise BadInput(c.path, "is a bugreport without its dumpstate text "
                               "(main_entry.txt names a file that is not there)")
    b = Builder("bugreport", str(c.path))
    entry = c.find("main_entry.txt")
    if entry:
        b.keep(RawOutput("main_entry.txt", c.read(entry), command=entry))
    raw = RawOutput(PurePosixPath(name).name, c.read(name), command=name)
    text = raw.text()
    b.add_dumpsys_full(raw, text)
    block = getprop_block(text)
    if block is not None:
        b.add("getprop", raw, block[0], block[1])
    else:
        b.note(f"{raw.name}: no SYSTEM PROPERTIES block")
    return b.finish()
