"""Turn raw outputs into one ``Acquisition``: run the parser for each artefact and merge.

Every container ends up here, so an artefact is parsed the same way whether it came from
adb, androidqf or a bugreport.
"""

from __future__ import annotations

from safecase.device.model import Acquisition, Artefacts, Component, Package, RawOutput
from safecase.device.parsers import (
    accessibility,
    apk,
    appops,
    device_policy,
    dumpsys_package,
    getprop,
    jsonfiles,
    notification,
    pm_list,
    settings,
)
from safecase.device.parsers.text import split_dumpsys
from safecase.errors import BadInput

# Which full-dumpsys service feeds which artefact.
SERVICES = {
    "package": "dumpsys_package",
    "accessibility": "dumpsys_accessibility",
    "device_policy": "dumpsys_device_policy",
    "notification": "dumpsys_notification",
    "appops": "dumpsys_appops",
}

# Human names for what was read, used in "what was checked".
SEEN_NAMES = {
    "pm_list": "list of installed apps (pm list packages)",
    "dumpsys_package": "app details (dumpsys package)",
    "dumpsys_accessibility": "accessibility services (dumpsys accessibility)",
    "dumpsys_device_policy": "device administrators and owners (dumpsys device_policy)",
    "dumpsys_notification": "notification access (dumpsys notification)",
    "dumpsys_appops": "app operations (dumpsys appops)",
    "settings_secure": "secure settings",
    "settings_global": "global settings",
    "settings_system": "system settings",
    "getprop": "system properties (getprop)",
    "launcher": "launcher icons (query-activities)",
    "androidqf_packages": "list of installed apps (androidqf packages.json)",
    "root_binaries": "root binaries (androidqf root_binaries.json)",
    "pm_list_system": "system app list",
    "pm_list_third_party": "third-party app list",
    "pm_list_disabled": "disabled app list",
}


def merge_package(dst: Package, src: Package) -> None:
    """Fill what ``dst`` does not know from ``src``; union the lists."""
    for attr in ("path", "uid", "version", "first_install", "last_update", "signatures_line"):
        if not getattr(dst, attr) and getattr(src, attr):
            setattr(dst, attr, getattr(src, attr))
    if src.installer is not None and dst.installer in (None, "", "null"):
        dst.installer = src.installer
    for attr in ("system", "third_party"):
        if getattr(dst, attr) is None:
            setattr(dst, attr, getattr(src, attr))
    dst.disabled = dst.disabled or src.disabled
    dst.flags = sorted(set(dst.flags) | set(src.flags))
    for p in src.requested_permissions:
        if p not in dst.requested_permissions:
            dst.requested_permissions.append(p)
    for k, w in src.granted_permissions.items():
        dst.granted_permissions.setdefault(k, w)
    for k, w in src.cert_sha1.items():
        dst.cert_sha1.setdefault(k, w)
    for c in src.disabled_components:
        if c not in dst.disabled_components:
            dst.disabled_components.append(c)
    dst.sources |= src.sources


class Builder:
    def __init__(self, kind: str, source: str) -> None:
        self.acq = Acquisition(kind=kind, source=source)
        self._names: dict[str, set[str]] = {}
        self._launchers: dict[str, list[str]] | None = None

    @property
    def art(self) -> Artefacts:
        return self.acq.artefacts

    def keep(self, raw: RawOutput) -> RawOutput:
        if all(r is not raw for r in self.acq.raws):
            self.acq.raws.append(raw)
        return raw

    def note(self, line: str) -> None:
        if line not in self.acq.notes:
            self.acq.notes.append(line)

    def add(self, kind: str, raw: RawOutput, text: str | None = None,
            first_line: int = 1) -> None:
        """Parse one artefact of ``kind`` (text defaults to the whole raw output)."""
        self.keep(raw)
        if text is None:
            text = raw.text()
        name = raw.name
        art = self.art
        if kind == "pm_list":
            pkgs = pm_list.parse_pm_list(text, name, first_line)
            if pkgs:
                self._merge(pkgs)
                art.seen.add(kind)
        elif kind in ("pm_list_system", "pm_list_third_party", "pm_list_disabled"):
            self._names[kind] = pm_list.parse_pm_names(text)
            art.seen.add(kind)
        elif kind == "dumpsys_package":
            pkgs = dumpsys_package.parse_packages(text, name, first_line)
            if not pkgs:
                raise BadInput(name, "holds no 'Packages:' list; it is not dumpsys package "
                                     "output, or it was cut short")
            self._merge(pkgs)
            found, launchers = dumpsys_package.parse_launchers(text)
            if found and self._launchers is None:
                self._launchers = launchers
            art.seen.add(kind)
        elif kind == "launcher":
            self._launchers = dumpsys_package.parse_query_activities(text)
            art.seen.add(kind)
        elif kind == "dumpsys_accessibility":
            enabled, installed, labels = accessibility.parse_accessibility(text, name, first_line)
            _extend(art.accessibility_enabled, enabled)
            _extend(art.accessibility_installed, installed)
            art.accessibility_labels.extend(labels)
            art.seen.add(kind)
        elif kind == "dumpsys_device_policy":
            admins, owners = device_policy.parse_device_policy(text, name, first_line)
            art.device_admins.extend(admins)
            art.owners.extend(owners)
            art.seen.add(kind)
        elif kind == "dumpsys_notification":
            _extend(art.notification_listeners,
                    notification.parse_notification_listeners(text, name, first_line))
            art.seen.add(kind)
        elif kind == "dumpsys_appops":
            art.appops.extend(appops.parse_appops(text, name, first_line))
            art.seen.add(kind)
        elif kind in ("settings_secure", "settings_global", "settings_system"):
            ns = kind[len("settings_"):]
            parsed = settings.parse_settings(text, name, first_line)
            if parsed:
                art.settings.setdefault(ns, {}).update(parsed)
                art.seen.add(kind)
        elif kind == "settings_dump":
            for ns, values in settings.parse_settings_provider_dump(
                    text, name, first_line).items():
                art.settings.setdefault(ns, {}).update(values)
                art.seen.add(f"settings_{ns}")
        elif kind == "getprop":
            props = getprop.parse_getprop(text, name, first_line)
            if props:
                art.props.update(props)
                art.seen.add(kind)
        elif kind == "androidqf_packages":
            self._merge(jsonfiles.parse_androidqf_packages(text, name))
            art.seen.add(kind)
        elif kind == "apk_certificates":
            self._merge(apk.parse_apk_record(text, name))
            art.seen.add(kind)
        elif kind == "root_binaries":
            art.root_binaries.extend(jsonfiles.parse_root_binaries(text, name))
            art.seen.add(kind)
        else:  # pragma: no cover - a programming error, not the person's
            raise ValueError(f"unknown artefact kind {kind}")

    def add_dumpsys_full(self, raw: RawOutput, text: str | None = None) -> None:
        """A whole ``dumpsys`` (androidqf dumpsys.txt) or a dumpstate text."""
        self.keep(raw)
        if text is None:
            text = raw.text()
        sections = split_dumpsys(text)
        if not sections:
            raise BadInput(raw.name, "has no 'DUMP OF SERVICE' sections; it is not a dumpsys "
                                     "or bugreport text")
        # Phones print a closing "was the duration of dumpsys X" line after each service;
        # when the file has them but the last section lacks its own, the file was cut.
        last = max(sections.values(), key=lambda s: s.first_line)
        if not last.complete and any(s.complete for s in sections.values()):
            raise BadInput(raw.name, f"ends in the middle of the '{last.service}' section; "
                                     "the file is truncated, take the acquisition again")
        for service, kind in SERVICES.items():
            sec = sections.get(service)
            if sec is None:
                self.note(f"{raw.name}: no 'dumpsys {service}' section")
                continue
            self.add(kind, raw, sec.text, sec.first_line)
        if "settings" in sections:
            sec = sections["settings"]
            self.add("settings_dump", raw, sec.text, sec.first_line)

    def _merge(self, pkgs: list[Package]) -> None:
        for p in pkgs:
            have = self.art.packages.get(p.name)
            if have is None:
                self.art.packages[p.name] = p
            else:
                merge_package(have, p)

    def finish(self) -> Acquisition:
        art = self.art
        sys_names = self._names.get("pm_list_system")
        tp_names = self._names.get("pm_list_third_party")
        for name, p in art.packages.items():
            if sys_names is not None and p.system is None:
                p.system = name in sys_names
            if tp_names is not None and p.third_party is None:
                p.third_party = name in tp_names
            if name in self._names.get("pm_list_disabled", set()):
                p.disabled = True
            if p.third_party is None and p.system is not None:
                p.third_party = not p.system
            if p.system is None and p.third_party is not None:
                p.system = not p.third_party
        if self._launchers is not None:
            for name, p in art.packages.items():
                p.launcher_known = True
                p.launcher_activities = list(self._launchers.get(name, []))
        # Secure settings name the enabled accessibility services and notification
        # listeners too; they catch what a partial dumpsys missed.
        for key, target in (("enabled_accessibility_services", art.accessibility_enabled),
                            ("enabled_notification_listeners", art.notification_listeners)):
            found = art.setting("secure", key)
            if not found:
                continue
            value, where = found
            for text in settings.split_components(value):
                c = Component.parse(text, where)
                if c:
                    _extend(target, [c])
        return self.acq


def _extend(target: list[Component], new: list[Component]) -> None:
    names = {c.name for c in target}
    for c in new:
        if c.name not in names:
            target.append(c)
            names.add(c.name)

