"""What a device check works on: raw outputs, and the artefacts parsed out of them.

An ``Acquisition`` is the one object every container (live adb, an androidqf folder or
zip, a bugreport zip, pymobiledevice3 JSON) produces. It holds every raw output byte for
byte (so it can be kept as evidence) and the artefacts the pure parsers found in them,
each artefact remembering the raw output and line it came from.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Where:
    """Where an artefact was read: the raw output's name and a 1-based line (0: whole file)."""

    raw: str
    line: int = 0

    def __str__(self) -> str:
        return f"{self.raw}:{self.line}" if self.line else self.raw


@dataclass(slots=True)
class RawOutput:
    """One command output or one file, kept exactly as received."""

    name: str                    # e.g. "dumpsys_package.txt", "packages.json"
    data: bytes
    command: str = ""            # the adb command, or the member path in a zip
    sha256: str = ""

    def __post_init__(self) -> None:
        if not self.sha256:
            self.sha256 = hashlib.sha256(self.data).hexdigest()

    def text(self) -> str:
        # Outputs are UTF-8 in practice; a stray byte must not stop the check.
        return self.data.decode("utf-8", errors="replace")

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "command": self.command, "sha256": self.sha256,
                "size": len(self.data)}


@dataclass(frozen=True, slots=True)
class Component:
    """An Android component: ``package/class`` as dumpsys prints it."""

    package: str
    cls: str
    where: Where
    label: str = ""

    @property
    def name(self) -> str:
        return f"{self.package}/{self.cls}"

    @classmethod
    def parse(cls, text: str, where: Where, label: str = "") -> Component | None:
        text = text.strip().strip("{}")
        if text.startswith("ComponentInfo{"):
            text = text[len("ComponentInfo{"):].rstrip("}")
        pkg, sep, klass = text.partition("/")
        pkg = pkg.strip()
        if not sep or not pkg or not klass.strip():
            return None
        klass = klass.strip()
        if klass.startswith("."):
            klass = pkg + klass
        return cls(pkg, klass, where, label)


@dataclass(slots=True)
class Package:
    """An installed app as far as the artefacts tell."""

    name: str
    where: Where                                   # first place it was seen
    path: str = ""
    uid: str = ""
    installer: str | None = None                   # None: not known; "null": none recorded
    system: bool | None = None
    third_party: bool | None = None
    disabled: bool = False
    version: str = ""
    first_install: str = ""
    last_update: str = ""
    flags: list[str] = field(default_factory=list)
    requested_permissions: list[str] = field(default_factory=list)
    granted_permissions: dict[str, Where] = field(default_factory=dict)
    cert_sha1: dict[str, Where] = field(default_factory=dict)   # upper-case hex
    signatures_line: str = ""                       # dumpsys hash codes, not digests
    launcher_activities: list[str] = field(default_factory=list)
    disabled_components: list[str] = field(default_factory=list)
    launcher_known: bool = False                    # did any artefact tell us?
    sources: set[str] = field(default_factory=set)  # raw outputs that mention it

    @property
    def has_launcher_icon(self) -> bool | None:
        if not self.launcher_known:
            return None
        live = [a for a in self.launcher_activities if a not in self.disabled_components]
        return bool(live)


@dataclass(slots=True)
class DeviceAdmin:
    component: Component
    user: str
    policies: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Owner:
    """A device owner or profile owner (full control of the phone or of a profile)."""

    kind: str                 # "device" or "profile"
    package: str
    component: str
    user: str
    where: Where


@dataclass(slots=True)
class AppOp:
    package: str
    op: str
    mode: str
    where: Where


@dataclass(slots=True)
class IosApp:
    bundle_id: str
    name: str
    kind: str                 # "User", "System", ...
    version: str
    where: Where


@dataclass(slots=True)
class IosProfile:
    identifier: str
    name: str
    organization: str
    description: str
    removal_disallowed: bool
    payload_types: list[str]
    where: Where


@dataclass(slots=True)
class Artefacts:
    """Everything the parsers found, merged across raw outputs."""

    platform: str = "android"          # "android" or "ios"
    packages: dict[str, Package] = field(default_factory=dict)
    accessibility_enabled: list[Component] = field(default_factory=list)
    accessibility_installed: list[Component] = field(default_factory=list)
    accessibility_labels: list[tuple[str, Where]] = field(default_factory=list)
    device_admins: list[DeviceAdmin] = field(default_factory=list)
    owners: list[Owner] = field(default_factory=list)
    notification_listeners: list[Component] = field(default_factory=list)
    appops: list[AppOp] = field(default_factory=list)
    settings: dict[str, dict[str, tuple[str, Where]]] = field(default_factory=dict)
    props: dict[str, tuple[str, Where]] = field(default_factory=dict)
    root_binaries: list[tuple[str, Where]] = field(default_factory=list)
    ios_apps: list[IosApp] = field(default_factory=list)
    ios_profiles: list[IosProfile] = field(default_factory=list)
    ios_info: dict[str, Any] = field(default_factory=dict)
    # Which artefacts were present: "packages", "dumpsys package", "accessibility", ...
    seen: set[str] = field(default_factory=set)

    def package(self, name: str, where: Where) -> Package:
        pkg = self.packages.get(name)
        if pkg is None:
            pkg = self.packages[name] = Package(name=name, where=where)
        pkg.sources.add(where.raw)
        return pkg

    def setting(self, namespace: str, key: str) -> tuple[str, Where] | None:
        return self.settings.get(namespace, {}).get(key)

    def prop(self, key: str) -> tuple[str, Where] | None:
        return self.props.get(key)


@dataclass(slots=True)
class Acquisition:
    """One acquisition: where it came from, every raw output, what was parsed."""

    kind: str                     # "adb", "androidqf", "bugreport", "ios"
    source: str                   # serial number or path, for the person to recognise
    raws: list[RawOutput] = field(default_factory=list)
    artefacts: Artefacts = field(default_factory=Artefacts)
    notes: list[str] = field(default_factory=list)   # what could not be read, and why

    @property
    def device(self) -> dict[str, str]:
        """Make, model and Android version, when getprop or lockdown info told us."""
        a = self.artefacts
        if a.platform == "ios":
            keys = {"model": "ProductType", "version": "ProductVersion", "name": "DeviceName"}
            return {k: str(a.ios_info[v]) for k, v in keys.items() if v in a.ios_info}
        out = {}
        for k, prop in (("manufacturer", "ro.product.manufacturer"),
                        ("model", "ro.product.model"),
                        ("android", "ro.build.version.release"),
                        ("security_patch", "ro.build.version.security_patch")):
            if prop in a.props:
                out[k] = a.props[prop][0]
        return out
