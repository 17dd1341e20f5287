"""``dumpsys package``: installed packages, installer, flags, permissions, launchers.

The parts we read (indentation matters, it is how dumpsys nests)::

    Activity Resolver Table:
      Non-Data Actions:
          android.intent.action.MAIN:
            5a8f3d1 com.example/.MainActivity filter 9c2b7e0
              Action: "android.intent.action.MAIN"          (only with filters shown)
              Category: "android.intent.category.LAUNCHER"
    ...
    Packages:
      Package [com.example] (4e1a2b3):
        userId=10234
        codePath=/data/app/~~Qm9v==/com.example-Zm9v==
        versionName=2.4.1
        flags=[ HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]
        firstInstallTime=2024-03-02 21:14:08
        installerPackageName=com.android.vending
        signatures=PackageSignatures{9f8e7d6 version:2, signatures:[a1b2c3d4], past signatures:[]}
        requested permissions:
          android.permission.READ_SMS
        install permissions:
          android.permission.INTERNET: granted=true
        User 0: ceDataInode=4001 installed=true hidden=false suspended=false stopped=false notLaunched=false enabled=0 instant=false virtual=false
          disabledComponents:
            com.example.MainActivity
          runtime permissions:
            android.permission.READ_SMS: granted=true, flags=[ USER_SET ]

``signatures=`` holds Java hash codes, not certificate digests, so it is kept for the
record only; certificate SHA-1s come from androidqf's packages.json or pulled APKs.
"""

from __future__ import annotations

import re

from safecase.device.model import Package, Where
from safecase.device.parsers.text import indent, numbered

PKG_RE = re.compile(r"^  Package \[([^\]]+)\]")
ENTRY_RE = re.compile(r"^\s+[0-9a-f]+ (\S+/\S+)(?: filter [0-9a-f]+)?")
LAUNCHER = '"android.intent.category.LAUNCHER"'


def _attr(pkg: Package, key: str, value: str) -> None:
    if key in ("userId", "appId"):
        pkg.uid = pkg.uid or value
    elif key == "codePath":
        pkg.path = value
    elif key == "versionName":
        pkg.version = value
    elif key == "firstInstallTime":
        pkg.first_install = pkg.first_install or value
    elif key == "lastUpdateTime":
        pkg.last_update = value
    elif key == "installerPackageName":
        pkg.installer = value
    elif key in ("flags", "pkgFlags"):
        flags = value.strip("[] ").split()
        pkg.flags = sorted(set(pkg.flags) | set(flags))
        if "SYSTEM" in flags:
            pkg.system = True
        elif pkg.system is None:
            pkg.system = False
    elif key == "signatures":
        pkg.signatures_line = value


def parse_packages(text: str, raw: str = "dumpsys_package.txt",
                   first_line: int = 1) -> list[Package]:
    """The ``Packages:`` list (not the hidden system packages that follow it)."""
    out: list[Package] = []
    pkg: Package | None = None
    in_list = False
    block = ""          # which permission/component list we are inside
    block_indent = 0
    for no, line in numbered(text, first_line):
        if not in_list:
            if line.rstrip() == "Packages:":
                in_list = True
            continue
        if not line.strip():
            if pkg is not None:
                break           # the list ends at the first blank line
            continue
        if indent(line) == 0:
            break
        m = PKG_RE.match(line)
        if m:
            pkg = Package(name=m.group(1), where=Where(raw, no))
            pkg.sources.add(raw)
            out.append(pkg)
            block = ""
            continue
        if pkg is None:
            continue
        ind = indent(line)
        stripped = line.strip()
        if block and ind > block_indent:
            if block == "requested":
                pkg.requested_permissions.append(stripped.split(":")[0].strip())
            elif block == "granted":
                name, _, rest = stripped.partition(":")
                if "granted=true" in rest:
                    pkg.granted_permissions.setdefault(name.strip(), Where(raw, no))
            elif block == "disabled":
                pkg.disabled_components.append(stripped)
            continue
        block = ""
        if stripped == "requested permissions:":
            block, block_indent = "requested", ind
        elif stripped in ("install permissions:", "runtime permissions:"):
            block, block_indent = "granted", ind
        elif stripped == "disabledComponents:":
            block, block_indent = "disabled", ind
        elif stripped.startswith("User ") and ":" in stripped and ind == 4:
            user, _, state = stripped.partition(":")
            if user.strip() == "User 0":
                if "installed=false" in state:
                    pkg.flags = sorted(set(pkg.flags) | {"NOT_INSTALLED_FOR_USER_0"})
                m2 = re.search(r"\benabled=(\d)", state)
                if m2 and m2.group(1) in ("2", "3", "4"):
                    pkg.disabled = True
        elif stripped.startswith(("firstInstallTime=", "lastUpdateTime=", "timeStamp=")):
            # dates hold a space; newer Android prints firstInstallTime under "User 0:"
            key, _, value = stripped.partition("=")
            _attr(pkg, key, value)
        elif ind == 4 and "=" in stripped:
            # Several key=value pairs can share a line ("versionCode=42 minSdk=21 ...").
            if stripped.startswith(("flags=", "pkgFlags=", "signatures=", "privateFlags=")):
                key, _, value = stripped.partition("=")
                _attr(pkg, key, value)
            else:
                for part in stripped.split(" "):
                    key, sep, value = part.partition("=")
                    if sep:
                        _attr(pkg, key, value)
    return out


def parse_launchers(text: str) -> tuple[bool, dict[str, list[str]]]:
    """Activities reachable from the launcher, per package, from the resolver table.

    Returns (found_table, {package: [activity class]}). When dumpsys shows the intent
    filters (``Category:`` lines) only LAUNCHER entries count; when it does not, every
    ``MAIN`` activity is counted, which can only make fewer apps look hidden.
    """
    found = False
    in_table = False
    in_main = False
    main_indent = 0
    showed_filters = False
    entries: list[tuple[str, bool]] = []   # (component, has LAUNCHER category)
    for _no, line in numbered(text):
        if not in_table:
            if line.rstrip() == "Activity Resolver Table:":
                in_table = found = True
            continue
        if line.strip() and indent(line) == 0:
            break
        stripped = line.strip()
        if stripped.endswith(":") and "." in stripped and " " not in stripped:
            in_main = stripped == "android.intent.action.MAIN:"
            main_indent = indent(line)
            continue
        if not in_main or indent(line) <= main_indent:
            continue
        m = ENTRY_RE.match(line)
        if m and "Action:" not in line and "Category:" not in line:
            entries.append((m.group(1), False))
            continue
        if stripped.startswith("Category:"):
            showed_filters = True
            if LAUNCHER in stripped and entries:
                entries[-1] = (entries[-1][0], True)
    out: dict[str, list[str]] = {}
    for comp, launcher in entries:
        if showed_filters and not launcher:
            continue
        pkg, _, cls = comp.partition("/")
        if cls.startswith("."):
            cls = pkg + cls
        if cls not in out.setdefault(pkg, []):
            out[pkg].append(cls)
    return found, out


def parse_query_activities(text: str) -> dict[str, list[str]]:
    """``cmd package query-activities --brief -a MAIN -c LAUNCHER``: one component a line."""
    out: dict[str, list[str]] = {}
    for _no, line in numbered(text):
        s = line.strip()
        if "/" not in s or " " in s or "=" in s:
            continue
        pkg, _, cls = s.partition("/")
        if cls.startswith("."):
            cls = pkg + cls
        out.setdefault(pkg, []).append(cls)
    return out
