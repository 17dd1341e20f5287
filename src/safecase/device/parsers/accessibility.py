"""``dumpsys accessibility``: enabled (and installed) accessibility services.

Every Android version prints the enabled services on one line of the user state::

    Enabled services:{{com.example/com.example.Svc}, {com.other/.Other}}

Older versions also list installed services (``installed services: {`` ... ``}``) and
all print bound services with their label (``Bound services:{Service[label=Wi-Fi, ...``),
which is the name the person sees in Settings.
"""

from __future__ import annotations

import re

from safecase.device.model import Component, Where
from safecase.device.parsers.text import numbered

BRACED_RE = re.compile(r"\{([^{}]+?)\}")
LABEL_RE = re.compile(r"Service\[label=([^,\]]*)")


def parse_accessibility(text: str, raw: str = "dumpsys_accessibility.txt",
                        first_line: int = 1
                        ) -> tuple[list[Component], list[Component], list[tuple[str, Where]]]:
    """(enabled, installed, bound service labels)."""
    enabled: list[Component] = []
    installed: list[Component] = []
    labels: list[tuple[str, Where]] = []
    in_installed = False
    for no, line in numbered(text, first_line):
        s = line.strip()
        if in_installed:
            if s.startswith("}"):
                in_installed = False
                continue
            _, _, comp = s.partition(":")
            c = Component.parse(comp or s, Where(raw, no))
            if c:
                installed.append(c)
            continue
        if s.lower().startswith("installed services:"):
            in_installed = not s.rstrip().endswith("}")
            continue
        if s.startswith("Enabled services:"):
            for m in BRACED_RE.finditer(s[len("Enabled services:"):]):
                c = Component.parse(m.group(1), Where(raw, no))
                if c and c.name not in {e.name for e in enabled}:
                    enabled.append(c)
        elif s.startswith("Bound services:"):
            for m in LABEL_RE.finditer(s):
                labels.append((m.group(1).strip(), Where(raw, no)))
    return enabled, installed, labels
