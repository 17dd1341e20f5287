"""Streaming XML that is safe against hostile files and tolerant of one common breakage.

* No DTDs at all: the formats we read never carry one, and a DTD is how entity-expansion
  bombs ("billion laughs") and external-entity reads get in. A file that declares one is
  refused before parsing.
* Some exporters write emoji as UTF-16 surrogate pairs in character references
  (``&#55357;&#56838;``), which strict parsers reject. ``SurrogateRepairingReader`` rewrites
  each such pair into the one character reference it stands for, as the bytes stream past.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import IO

from lxml import etree

from safecase.errors import BadInput

_PAIR = re.compile(
    rb"&#(?:(5[5-6]\d{3})|x([dD][89abAB][0-9a-fA-F]{2}));"
    rb"&#(?:(5[6-7]\d{3})|x([dD][c-fC-F][0-9a-fA-F]{2}));"
)
_LONE = re.compile(rb"&#(?:(5[5-7]\d{3})|x([dD][89a-fA-F][0-9a-fA-F]{2}));")
_TAIL = 24  # longer than one pair of references, so a pair split across reads is kept whole


def _pair_sub(m: re.Match[bytes]) -> bytes:
    hi = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
    lo = int(m.group(3)) if m.group(3) else int(m.group(4), 16)
    if not (0xD800 <= hi <= 0xDBFF and 0xDC00 <= lo <= 0xDFFF):
        return m.group(0)
    return b"&#%d;" % (0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))


def _lone_sub(m: re.Match[bytes]) -> bytes:
    value = int(m.group(1)) if m.group(1) else int(m.group(2), 16)
    if 0xD800 <= value <= 0xDFFF:
        return b"&#65533;"  # U+FFFD: the half character cannot be represented
    return m.group(0)


class SurrogateRepairingReader:
    """A file-like ``read`` that repairs surrogate-pair character references in passing."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._carry = b""
        self.repaired_pairs = 0
        self.lone_surrogates = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size if size and size > 0 else 1 << 20)
        data = self._carry + chunk
        if not chunk:
            self._carry = b""
            return self._fix(data)
        # Hold back the last reference near the end, and the one right before it if the two
        # touch: a pair split by this read is then repaired whole on the next one.
        cut = data.rfind(b"&", max(0, len(data) - _TAIL))
        if cut > 0 and data[cut - 1:cut] == b";":
            prev = data.rfind(b"&", max(0, cut - 10), cut)
            if prev != -1:
                cut = prev
        if cut == -1:
            self._carry = b""
        else:
            data, self._carry = data[:cut], data[cut:]
        return self._fix(data)

    def _fix(self, data: bytes) -> bytes:
        if b"&#" not in data:
            return data
        data, n = _PAIR.subn(_pair_sub, data)
        self.repaired_pairs += n
        data, k = _LONE.subn(_lone_sub, data)
        self.lone_surrogates += k
        return data


def refuse_dtd(path: Path, head: bytes) -> None:
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise BadInput(path, "the XML declares a DTD or entities, which this format never "
                             "has; refused (it could be an entity-expansion attack)")


def iterparse(source: IO[bytes] | SurrogateRepairingReader, tags: tuple[str, ...]) -> etree.iterparse:
    return etree.iterparse(
        source, events=("end",), tag=tags, resolve_entities=False, load_dtd=False,
        no_network=True, huge_tree=True, remove_comments=True, remove_pis=True,
    )


def xml_error(path: Path, exc: Exception) -> BadInput:
    msg = " ".join(str(exc).split()) or "malformed XML"  # lxml's messages span lines
    return BadInput(path, f"the XML is broken or truncated ({msg})")
