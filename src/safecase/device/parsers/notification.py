"""``dumpsys notification``: apps allowed to read every notification.

AOSP ``ManagedServices.dump`` prints, under ``Notification listeners:``::

        Allowed notification listeners:
          com.a/com.a.Listener:com.b/.Other (user: 0 isPrimary: true)
        All notification listeners (2) enabled for current profiles:
          ComponentInfo{com.a/com.a.Listener}
        Live notification listeners (1):
          ComponentInfo{com.a/com.a.Listener} (user 0): android.service...@1a2b SYSTEM

Notification *assistants* and condition providers use the same layout with another
caption; only the listener lines are read.
"""

from __future__ import annotations

import re

from safecase.device.model import Component, Where
from safecase.device.parsers.text import indent, numbered

HEAD_RE = re.compile(r"^(Allowed|All|Live) notification listeners\b")


def parse_notification_listeners(text: str, raw: str = "dumpsys_notification.txt",
                                 first_line: int = 1) -> list[Component]:
    """The enabled listeners: the "All ... enabled" list when dumpsys printed one (the
    "Allowed" list can name apps that are approved but not installed), else the union of
    the allowed and live lists (older Android versions)."""
    found: dict[str, dict[str, Component]] = {"Allowed": {}, "All": {}, "Live": {}}
    saw_all = False
    mode = ""
    mode_indent = 0
    for no, line in numbered(text, first_line):
        s = line.strip()
        if not s:
            continue
        m = HEAD_RE.match(s)
        if m:
            mode, mode_indent = m.group(1), indent(line)
            saw_all = saw_all or mode == "All"
            continue
        if not mode:
            continue
        if indent(line) <= mode_indent:
            mode = ""
            continue
        if mode == "Allowed":
            parts = s.split(" (user", 1)[0].split(":")
        else:
            parts = [s.split(" ", 1)[0]]
        for p in parts:
            c = Component.parse(p, Where(raw, no))
            if c:
                found[mode].setdefault(c.name, c)
    if saw_all:
        return list(found["All"].values())
    merged = dict(found["Allowed"])
    for name, c in found["Live"].items():
        merged.setdefault(name, c)
    return list(merged.values())
