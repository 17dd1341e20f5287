"""``settings list secure|global|system``: one ``key=value`` per line."""

from __future__ import annotations

from safecase.device.model import Where
from safecase.device.parsers.text import numbered


def parse_settings(text: str, raw: str = "settings.txt",
                   first_line: int = 1) -> dict[str, tuple[str, Where]]:
    out: dict[str, tuple[str, Where]] = {}
    for no, line in numbered(text, first_line):
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep or not key or " " in key:
            continue
        out.setdefault(key, (value.strip(), Where(raw, no)))
    return out


def split_components(value: str) -> list[str]:
    """``enabled_accessibility_services`` and friends: ``pkg/cls:pkg/cls``."""
    return [v.strip() for v in value.split(":") if v.strip() and v.strip() != "null"]


def parse_settings_provider_dump(text: str, raw: str = "dumpstate.txt", first_line: int = 1
                                 ) -> dict[str, dict[str, tuple[str, Where]]]:
    """``dumpsys settings`` (as in a bugreport): ``GLOBAL SETTINGS (user 0)`` headers, then
    ``_id:12 name:adb_enabled pkg:android value:1 default:1 ...`` lines. User 0 only."""
    out: dict[str, dict[str, tuple[str, Where]]] = {}
    ns = ""
    for no, line in numbered(text, first_line):
        s = line.strip()
        for head in ("GLOBAL", "SECURE", "SYSTEM"):
            if s.startswith(f"{head} SETTINGS (user "):
                ns = head.lower() if s.startswith(f"{head} SETTINGS (user 0)") else ""
                break
        else:
            if ns and s.startswith("_id:") and " name:" in s and " value:" in s:
                name = s.split(" name:", 1)[1].split(" ", 1)[0]
                value = s.split(" value:", 1)[1]
                # the value runs up to the next known field
                for stop in (" default:", " defaultSystemSet:", " tag:", " pkg:"):
                    value = value.split(stop, 1)[0]
                out.setdefault(ns, {}).setdefault(name, (value, Where(raw, no)))
    return out
