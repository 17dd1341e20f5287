"""``dumpsys appops``: per-package operation modes (what an app is allowed to do).

::

      Uid u0a234:
        state=cch
        Package com.example:
          REQUEST_INSTALL_PACKAGES (allow):
          CAMERA (allow / switch CAMERA=allow):
            Access: [fg-s] 2024-03-02 21:14:09.117 (-3d2h1m) duration=+1s2ms
"""

from __future__ import annotations

import re

from safecase.device.model import AppOp, Where
from safecase.device.parsers.text import indent, numbered

OP_RE = re.compile(r"^([A-Z][A-Z0-9_]+) \(([a-z_]+)")


def parse_appops(text: str, raw: str = "dumpsys_appops.txt",
                 first_line: int = 1) -> list[AppOp]:
    ops: list[AppOp] = []
    package = ""
    pkg_indent = 0
    for no, line in numbered(text, first_line):
        s = line.strip()
        if not s:
            continue
        ind = indent(line)
        if s.startswith("Package ") and s.endswith(":"):
            package, pkg_indent = s[len("Package "):-1].strip(), ind
            continue
        if s.startswith("Uid ") or (package and ind <= pkg_indent):
            package = ""
            continue
        if package and ind == pkg_indent + 2:
            m = OP_RE.match(s)
            if m:
                ops.append(AppOp(package, m.group(1), m.group(2), Where(raw, no)))
    return ops
