"""``pm list packages -f -i -U -u`` (and the ``-d``/``-s``/``-3`` name lists).

One line per package::

    package:/data/app/~~Qm9v==/com.example-Zm9v==/base.apk=com.example  installer=com.android.vending uid:10234

The path may itself contain ``=``; the package name never does, so the name is what
follows the last ``=`` of the first field. Older phones print ``uid:10234,1010234`` for
several users, or no ``installer=`` at all.
"""

from __future__ import annotations

from safecase.device.model import Package, Where
from safecase.device.parsers.text import numbered


def parse_pm_list(text: str, raw: str = "pm_list.txt", first_line: int = 1) -> list[Package]:
    out: list[Package] = []
    for no, line in numbered(text, first_line):
        line = line.strip()
        if not line.startswith("package:"):
            continue
        fields = line[len("package:"):].split()
        if not fields:
            continue
        head = fields[0]
        path, name = "", head
        if "=" in head:
            path, _, name = head.rpartition("=")
        if not name:
            continue
        pkg = Package(name=name, where=Where(raw, no), path=path)
        for f in fields[1:]:
            if f.startswith("installer="):
                pkg.installer = f[len("installer="):]
            elif f.startswith("uid:"):
                pkg.uid = f[len("uid:"):]
            elif f.startswith("versionCode:"):
                pkg.version = f[len("versionCode:"):]
        pkg.sources.add(raw)
        out.append(pkg)
    return out


def parse_pm_names(text: str) -> set[str]:
    """The package names in a ``pm list packages -d|-s|-3`` output."""
    return {p.name for p in parse_pm_list(text)}


def pm_list_failed(text: str) -> bool:
    """True when ``pm`` answered with an error rather than a list (the ``--user 0`` case)."""
    has_pkg = any(line.startswith("package:") for line in text.splitlines())
    if has_pkg:
        return False
    low = text.lower()
    return any(s in low for s in ("exception", "error", "failure", "not allowed",
                                  "does not have permission"))
