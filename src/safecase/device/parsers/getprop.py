"""``getprop``: one ``[key]: [value]`` per line."""

from __future__ import annotations

import re

from safecase.device.model import Where
from safecase.device.parsers.text import numbered

PROP_RE = re.compile(r"^\[([^\]]+)\]:\s*\[(.*)\]\s*$")


def parse_getprop(text: str, raw: str = "getprop.txt",
                  first_line: int = 1) -> dict[str, tuple[str, Where]]:
    props: dict[str, tuple[str, Where]] = {}
    for no, line in numbered(text, first_line):
        m = PROP_RE.match(line.strip())
        if m and m.group(1) not in props:
            props[m.group(1)] = (m.group(2), Where(raw, no))
    return props
