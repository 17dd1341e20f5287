"""An iPhone, from the JSON files pymobiledevice3 writes.

We recognise each file by what it holds, not by its name, as people save them under any
name: ``pymobiledevice3 apps list > apps.json``, ``pymobiledevice3 lockdown info >
info.json``, ``pymobiledevice3 profile list > profiles.json``.
"""

from __future__ import annotations

import json
from pathlib import PurePosixPath

from safecase.device.acquisition.container import Container
from safecase.device.model import Acquisition, RawOutput
from safecase.device.parsers import ios

LOCKDOWN_KEYS = {"ProductType", "ProductVersion", "UniqueDeviceID", "DeviceClass"}


def sniff_json(data: bytes) -> str | None:
    """"apps", "lockdown", "profiles" or None."""
    try:
        obj = json.loads(data.decode("utf-8", errors="replace"))
    except (ValueError, RecursionError):
        return None
    if isinstance(obj, dict):
        if "ProfileMetadata" in obj or "ProfileManifest" in obj:
            return "profiles"
        if LOCKDOWN_KEYS & set(obj):
            return "lockdown"
        values = list(obj.values())[:20]
        if values and all(isinstance(v, dict) and "CFBundleIdentifier" in v for v in values):
            return "apps"
    if isinstance(obj, list) and obj and all(isinstance(v, dict) for v in obj[:20]):
        if all("CFBundleIdentifier" in v for v in obj[:20]):
            return "apps"
        if all("PayloadIdentifier" in v for v in obj[:20]):
            return "profiles"
    return None


def ios_members(c: Container) -> dict[str, str]:
    """{member: kind} for the pymobiledevice3 JSON files in a folder or zip."""
    out = {}
    for name in c.names():
        if name.lower().endswith(".json") and name.count("/") <= 2:
            kind = sniff_json(c.read(name))
            if kind:
                out[name] = kind
    return out


def load_raws(raws: list[tuple[str, bytes, str]], source: str) -> Acquisition:
    """``raws``: (name, bytes, kind) with kind from ``sniff_json``."""
    acq = Acquisition(kind="ios", source=source)
    art = acq.artefacts
    art.platform = "ios"
    for name, data, kind in raws:
        raw = RawOutput(PurePosixPath(name).name, data, command=name)
        acq.raws.append(raw)
        text = raw.text()
        if kind == "apps":
            art.ios_apps.extend(ios.parse_ios_apps(text, raw.name))
            art.seen.add("ios_apps")
        elif kind == "profiles":
            art.ios_profiles.extend(ios.parse_ios_profiles(text, raw.name))
            art.seen.add("ios_profiles")
        elif kind == "lockdown":
            art.ios_info.update(ios.parse_lockdown_info(text, raw.name))
            art.seen.add("ios_lockdown")
    for kind, what in (("ios_apps", "installed apps (pymobiledevice3 apps list)"),
                       ("ios_profiles", "profiles (pymobiledevice3 profile list)"),
                       ("ios_lockdown", "device info (pymobiledevice3 lockdown info)")):
        if kind not in art.seen:
            acq.notes.append(f"no {what} file was given")
    return acq


def load(c: Container, members: dict[str, str]) -> Acquisition:
    return load_raws([(n, c.read(n), k) for n, k in sorted(members.items())], str(c.path))
