"""The JSON files pymobiledevice3 writes for an iPhone.

- ``pymobiledevice3 apps list`` -> ``{bundle_id: {CFBundleDisplayName, CFBundleName,
  ApplicationType ("User"/"System"), CFBundleShortVersionString, ...}}``
- ``pymobiledevice3 lockdown info`` -> ``{DeviceName, ProductType, ProductVersion, ...}``
- ``pymobiledevice3 profile list`` -> the MCInstall ``GetProfileList`` answer:
  ``{OrderedIdentifiers: [...], ProfileManifest: {id: {Description, IsActive}},
  ProfileMetadata: {id: {PayloadDisplayName, PayloadOrganization, PayloadDescription,
  PayloadRemovalDisallowed, PayloadUUID, PayloadVersion}}, Status: "Acknowledged"}``
"""

from __future__ import annotations

from typing import Any

from safecase.device.model import IosApp, IosProfile, Where
from safecase.device.parsers.jsonfiles import load_json
from safecase.errors import BadInput


def _s(v: Any) -> str:
    return v if isinstance(v, str) else ("" if v is None else str(v))


def parse_ios_apps(text: str, raw: str = "apps.json") -> list[IosApp]:
    data = load_json(text, raw)
    items: list[tuple[str, dict[str, Any]]] = []
    if isinstance(data, dict):
        items = [(k, v) for k, v in data.items() if isinstance(v, dict)]
    elif isinstance(data, list):
        items = [(_s(v.get("CFBundleIdentifier")), v) for v in data if isinstance(v, dict)]
    else:
        raise BadInput(raw, "is not a pymobiledevice3 apps list")
    lines: dict[str, int] = {}
    for i, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        if s.startswith('"') and s.endswith("{"):
            lines.setdefault(s.split('"')[1], i)
    out = []
    for bundle, info in items:
        bundle = bundle or _s(info.get("CFBundleIdentifier"))
        if not bundle:
            continue
        name = _s(info.get("CFBundleDisplayName") or info.get("CFBundleName") or bundle)
        out.append(IosApp(bundle, name, _s(info.get("ApplicationType")),
                          _s(info.get("CFBundleShortVersionString")),
                          Where(raw, lines.get(bundle, 0))))
    return out


def parse_ios_profiles(text: str, raw: str = "profiles.json") -> list[IosProfile]:
    data = load_json(text, raw)
    out: list[IosProfile] = []
    if isinstance(data, dict) and isinstance(data.get("ProfileMetadata"), dict):
        order = data.get("OrderedIdentifiers")
        meta = data["ProfileMetadata"]
        ids = [i for i in order if isinstance(i, str) and i in meta] \
            if isinstance(order, list) else list(meta)
        ids += [i for i in meta if i not in ids]
        for ident in ids:
            m = meta[ident] if isinstance(meta[ident], dict) else {}
            out.append(_profile(ident, m, raw))
    elif isinstance(data, list):
        for m in data:
            if isinstance(m, dict):
                out.append(_profile(_s(m.get("PayloadIdentifier")), m, raw))
    elif not (isinstance(data, dict) and not data):
        raise BadInput(raw, "is not a pymobiledevice3 profile list")
    meta_at = max(text.find('"ProfileMetadata"'), 0)
    for p in out:
        idx = text.find(f'"{p.identifier}"', meta_at)
        if idx < 0:
            idx = text.find(f'"{p.identifier}"')
        if idx >= 0:
            p.where = Where(raw, text.count("\n", 0, idx) + 1)
    return out


def _profile(ident: str, m: dict[str, Any], raw: str) -> IosProfile:
    content = m.get("PayloadContent")
    types = [_s(c.get("PayloadType")) for c in content if isinstance(c, dict)] \
        if isinstance(content, list) else []
    return IosProfile(
        identifier=ident, name=_s(m.get("PayloadDisplayName")),
        organization=_s(m.get("PayloadOrganization")),
        description=_s(m.get("PayloadDescription")),
        removal_disallowed=m.get("PayloadRemovalDisallowed") is True,
        payload_types=[t for t in types if t], where=Where(raw, 0))


def parse_lockdown_info(text: str, raw: str = "lockdown_info.json") -> dict[str, Any]:
    data = load_json(text, raw)
    if not isinstance(data, dict):
        raise BadInput(raw, "is not a pymobiledevice3 lockdown info object")
    return data
