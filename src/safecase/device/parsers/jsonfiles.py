"""JSON artefacts: androidqf's ``packages.json`` and ``root_binaries.json``.

``packages.json`` is a list of packages as androidqf's Go structs serialise them::

    [{"name": "com.example", "installer": "com.android.vending", "uid": 10234,
      "disabled": false, "system": false, "third_party": true,
      "files": [{"path": "/data/app/.../base.apk", "sha256": "...",
                 "certificate": {"Md5": "...", "Sha1": "...", "Sha256": "...",
                                 "Subject": {...}, "Issuer": {...}}, ...}]}]

The certificate keys start with a capital letter (they come from the apkverifier Go
struct) and are present only when androidqf pulled the APK.
"""

from __future__ import annotations

import json
import re
from typing import Any

from safecase.device.model import Package, Where
from safecase.errors import BadInput

NAME_LINE_RE = re.compile(r'"name"\s*:\s*"([^"]*)"')
HEX40_RE = re.compile(r"^[0-9A-Fa-f]{40}$")


def load_json(text: str, raw: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as err:
        raise BadInput(raw, f"is not valid JSON ({type(err).__name__})") from None


def _name_lines(text: str) -> dict[str, int]:
    lines: dict[str, int] = {}
    for i, line in enumerate(text.splitlines(), 1):
        m = NAME_LINE_RE.search(line)
        if m:
            lines.setdefault(m.group(1), i)
    return lines


def parse_androidqf_packages(text: str, raw: str = "packages.json") -> list[Package]:
    data = load_json(text, raw)
    if not isinstance(data, list):
        raise BadInput(raw, "is not a list of packages (androidqf writes a JSON list)")
    lines = _name_lines(text)
    out: list[Package] = []
    for item in data:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            continue
        name = item["name"]
        where = Where(raw, lines.get(name, 0))
        pkg = Package(name=name, where=where)
        pkg.sources.add(raw)
        inst = item.get("installer")
        pkg.installer = inst if isinstance(inst, str) else None
        if item.get("uid") is not None:
            pkg.uid = str(item["uid"])
        for key in ("system", "third_party"):
            if isinstance(item.get(key), bool):
                setattr(pkg, key, item[key])
        pkg.disabled = item.get("disabled") is True
        files = item.get("files")
        for f in files if isinstance(files, list) else []:
            if not isinstance(f, dict):
                continue
            if not pkg.path and isinstance(f.get("path"), str):
                pkg.path = f["path"]
            cert = f.get("certificate")
            if isinstance(cert, dict):
                sha1 = cert.get("Sha1") or cert.get("sha1")
                if isinstance(sha1, str) and HEX40_RE.match(sha1.strip()):
                    pkg.cert_sha1.setdefault(sha1.strip().upper(), where)
        out.append(pkg)
    return out


def parse_root_binaries(text: str, raw: str = "root_binaries.json") -> list[tuple[str, Where]]:
    """androidqf lists the su/magisk binaries it found; entries are paths (or objects)."""
    data = load_json(text, raw)
    found: list[tuple[str, Where]] = []
    if not isinstance(data, list):
        return found
    for item in data:
        path = item if isinstance(item, str) else (
            item.get("path") or item.get("name") if isinstance(item, dict) else None)
        if isinstance(path, str) and path.strip():
            found.append((path.strip(), Where(raw, 0)))
    return found
