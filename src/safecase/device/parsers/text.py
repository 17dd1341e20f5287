"""Small helpers shared by the text parsers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from safecase.device.model import Where

SECTION_RE = re.compile(r"^DUMP OF SERVICE (?:(?:CRITICAL|HIGH|NORMAL) )?([\w.\-]+):\s*$")
FOOTER_RE = re.compile(r"^-+ [\d.]+s was the duration of dumpsys ([\w.\-]+)")


def numbered(text: str, first_line: int = 1) -> Iterator[tuple[int, str]]:
    """Lines with their absolute 1-based numbers; no line endings."""
    for i, line in enumerate(text.splitlines()):
        yield first_line + i, line


def indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


@dataclass(slots=True)
class Section:
    """One ``DUMP OF SERVICE name:`` block of a full dumpsys or of a bugreport."""

    service: str
    text: str
    first_line: int          # line number of the first line of ``text``
    complete: bool           # closed by the "was the duration of dumpsys" footer


def split_dumpsys(text: str) -> dict[str, Section]:
    """Cut a full ``dumpsys`` output (or a dumpstate text) into its service sections.

    A service can appear more than once in a bugreport (CRITICAL and NORMAL passes); the
    longest section wins, as that is the full dump.
    """
    sections: dict[str, Section] = {}
    current: str | None = None
    start = 0
    buf: list[str] = []
    complete = False

    def close() -> None:
        if current is None:
            return
        body = "\n".join(buf)
        old = sections.get(current)
        if old is None or len(body) > len(old.text):
            sections[current] = Section(current, body, start, complete)

    for no, line in numbered(text):
        m = SECTION_RE.match(line)
        if m:
            close()
            current, start, buf, complete = m.group(1), no + 1, [], False
            continue
        if current is None:
            continue
        if FOOTER_RE.match(line):
            complete = True
            close()
            current, buf = None, []
            continue
        buf.append(line)
    close()
    return sections


def where(raw: str, line: int) -> Where:
    return Where(raw, line)
