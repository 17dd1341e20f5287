"""The checks: each looks at the parsed artefacts and says what it found, in plain words.

A finding has an id, a severity, a title, an explanation a frightened person can follow,
what to consider doing (never "delete it now": removing stalkerware can alert the person
who installed it and destroys evidence), and evidence pointing at a package, the raw
output it came from and the line. Each check also says whether it could run at all, so
the result can list what was and was not checked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from safecase.device import knowledge as K
from safecase.device.indicators import Family, Indicators
from safecase.device.model import Acquisition, Package, Where

SEVERITIES = ("high", "medium", "low", "info")

KEEP_EVIDENCE = ("Before changing anything, take screenshots or keep this scan in your "
                 "case, and talk it through with an advocate. Removing or disabling the app "
                 "may alert the person who installed it.")


@dataclass(slots=True)
class Evidence:
    artefact: str                 # raw output name, e.g. "dumpsys_package.txt"
    line: int                     # 1-based; 0 when the artefact has no line to point at
    text: str = ""                # that line, as read (shortened when very long)
    package: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"package": self.package, "artefact": self.artefact, "line": self.line,
                "text": self.text}


@dataclass(slots=True)
class Finding:
    id: str
    severity: str
    title: str
    explanation: str
    consider: str
    package: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "severity": self.severity, "title": self.title,
                "package": self.package, "explanation": self.explanation,
                "consider": self.consider,
                "evidence": [e.to_dict() for e in self.evidence], "details": self.details}


@dataclass(slots=True)
class Coverage:
    """Whether a check could run: "done", "partial" or "not done", and why."""

    check: str
    status: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        return {"check": self.check, "status": self.status, "detail": self.detail}


class Context:
    """What the checks share: the acquisition, the indicator list, and line lookups."""

    def __init__(self, acq: Acquisition, indicators: Indicators | None) -> None:
        self.acq = acq
        self.art = acq.artefacts
        self.ind = indicators
        self.findings: list[Finding] = []
        self.coverage: list[Coverage] = []
        self._lines: dict[str, list[str]] = {}
        self._raws = {r.name: r for r in acq.raws}
        self._powers: dict[str, list[str]] | None = None

    # -- evidence ------------------------------------------------------------------
    def ev(self, where: Where, package: str | None = None) -> Evidence:
        text = ""
        if where.line:
            lines = self._lines.get(where.raw)
            if lines is None and where.raw in self._raws:
                lines = self._lines[where.raw] = self._raws[where.raw].text().splitlines()
            if lines and 0 < where.line <= len(lines):
                text = lines[where.line - 1].strip()
                if len(text) > 300:
                    text = text[:300] + "…"
        return Evidence(where.raw, where.line, text, package)

    def add(self, finding: Finding) -> Finding:
        self.findings.append(finding)
        return finding

    def cover(self, check: str, status: str, detail: str) -> None:
        self.coverage.append(Coverage(check, status, detail))

    def has(self, *kinds: str) -> bool:
        return any(k in self.art.seen for k in kinds)

    # -- package facts -------------------------------------------------------------
    def user_app(self, name: str) -> bool:
        """True unless we know the app came with the phone."""
        p = self.art.packages.get(name)
        return p is None or p.system is not True

    def sideload(self, p: Package) -> str | None:
        """How a non-store app was installed, or None (store, system, or not known)."""
        if p.system is True or p.installer is None:
            return None
        if p.installer in K.STORES:
            return None
        return K.SIDELOADERS.get(p.installer, f"by the app {p.installer}")

    def disguise(self, name: str) -> str | None:
        """Why this app's name looks like part of the phone, or None."""
        if not self.user_app(name):
            return None
        p = self.art.packages.get(name)
        if p is not None and p.system is False and name.startswith(K.SYSTEM_NAMESPACES):
            google_play = name.startswith("com.google.") and p.installer == "com.android.vending"
            if not google_play:
                return "its name imitates the phone's own apps"
        word = K.disguise_word(name)
        if word:
            return f"its name contains \"{word}\""
        return None

    def hidden(self, name: str) -> bool:
        p = self.art.packages.get(name)
        return bool(p and p.system is not True and p.has_launcher_icon is False)

    def concealment(self, name: str) -> list[str]:
        """Signs an app tries not to be noticed."""
        out = []
        p = self.art.packages.get(name)
        d = self.disguise(name)
        if d:
            out.append(d)
        if self.hidden(name):
            out.append("it has no icon in the app list")
        if p is not None and self.sideload(p) and (d or self.hidden(name)):
            out.append("it was not installed from an app store")
        return out

    def level(self, name: str, base: str) -> str:
        if self.concealment(name):
            return "high"
        if not self.user_app(name):
            return "low"
        return base

    def powers(self) -> dict[str, list[str]]:
        """Per package: the strong powers it holds (filled by the power checks)."""
        if self._powers is None:
            self._powers = {}
        return self._powers

    def grant(self, name: str, power: str) -> None:
        lst = self.powers().setdefault(name, [])
        if power not in lst:
            lst.append(power)


# -- indicator checks ------------------------------------------------------------------

def _families_text(fams: list[Family]) -> str:
    parts = []
    for f in fams:
        aka = [a for a in f.aliases if a != f.name]
        parts.append(f.name + (f" (also sold as {', '.join(aka[:6])})" if aka else ""))
    return "; ".join(parts)


def check_known_apps(ctx: Context) -> None:
    art, ind = ctx.art, ctx.ind
    what = "Known stalkerware and monitoring apps (package name and signing certificate)"
    if ind is None:
        ctx.cover(what, "not done", "the indicator list is missing: run 'safecase indicators "
                  "update' or give --indicators FILE")
        return
    if art.platform == "ios":
        _check_known_ios(ctx)
        return
    if not art.packages:
        ctx.cover(what, "not done", "no list of installed apps in this acquisition")
        return
    with_certs = 0
    for name, p in art.packages.items():
        fams, exact = ind.match_package(name)
        by_pkg = list(fams)
        by_cert: list[Family] = []
        certs = []
        for sha1, _w in p.cert_sha1.items():
            for f in ind.match_cert(sha1):
                certs.append(sha1)
                if f not in by_cert:
                    by_cert.append(f)
        if p.cert_sha1:
            with_certs += 1
        allf = by_pkg + [f for f in by_cert if f not in by_pkg]
        if not allf:
            continue
        stalker = [f for f in allf if f.kind == "stalkerware"]
        matched_by = (["package name"] if by_pkg else []) + (["signing certificate"]
                                                             if by_cert else [])
        ev = [ctx.ev(p.where, name)]
        ev += [ctx.ev(w, name) for s, w in p.cert_sha1.items() if s in certs
               and w != p.where]
        details = {"families": [f.to_dict() for f in allf], "matched_by": matched_by,
                   "certificates": sorted(set(certs)), "exact_name": exact or not by_pkg}
        note = "" if exact or not by_pkg else (
            " The name differs from the listed one only in upper and lower case.")
        if stalker:
            ctx.add(Finding(
                "known-stalkerware", "high", f"Known stalkerware: {stalker[0].name}",
                f"The app {name} matches, by {' and '.join(matched_by)}, the list of known "
                f"stalkerware: {_families_text(stalker)}. Stalkerware secretly passes your "
                "messages, location, photos or calls to someone else." + note,
                KEEP_EVIDENCE + " An advocate can help you plan what to do and when; the "
                "person who installed it had your phone in hand at some point.",
                name, ev, details))
        else:
            ctx.add(Finding(
                "watchware", "medium", f"Monitoring app: {allf[0].name}",
                f"The app {name} is a monitoring app ({_families_text(allf)}). These apps "
                "are sold to parents or employers and do not hide, but a partner or "
                "ex-partner can install one to follow you." + note,
                "If you did not install it and nobody should be monitoring this phone, "
                + KEEP_EVIDENCE[0].lower() + KEEP_EVIDENCE[1:],
                name, ev, details))
    c = ind.counts()
    ctx.cover("Known stalkerware by package name", "done",
              f"compared {len(art.packages)} apps with {c['packages']} package names of "
              f"{c['stalkerware_apps']} stalkerware and {c['watchware_apps']} monitoring apps")
    if with_certs:
        ctx.cover("Known stalkerware by signing certificate",
                  "done" if with_certs == len(art.packages) else "partial",
                  f"certificates were known for {with_certs} of {len(art.packages)} apps "
                  f"and compared with {c['certificates']} listed certificates")
    else:
        ctx.cover("Known stalkerware by signing certificate", "not done",
                  "this acquisition holds no app certificates ('--adb SERIAL --pull-apks' "
                  "or androidqf with APK copies has them)")


def _check_known_ios(ctx: Context) -> None:
    ind = ctx.ind
    assert ind is not None
    art = ctx.art
    if "ios_apps" not in art.seen:
        ctx.cover("Known monitoring apps (iPhone)", "not done", "no apps list was given")
        return
    for app in art.ios_apps:
        fams = ind.by_ios_bundle.get(app.bundle_id, []) + [
            f for f in ind.match_package(app.bundle_id)[0]]
        if not fams:
            continue
        stalker = [f for f in fams if f.kind == "stalkerware"]
        sev, fid = ("high", "known-stalkerware") if stalker else ("medium", "watchware")
        ctx.add(Finding(
            fid, sev, f"{'Known stalkerware' if stalker else 'Monitoring app'}: {fams[0].name}",
            f"The app {app.name} ({app.bundle_id}) is on the list: {_families_text(fams)}. "
            "It can share what happens on this iPhone with someone else.",
            "If you did not install it, " + KEEP_EVIDENCE[0].lower() + KEEP_EVIDENCE[1:],
            app.bundle_id, [ctx.ev(app.where, app.bundle_id)],
            {"families": [f.to_dict() for f in fams]}))
    ctx.cover("Known monitoring apps (iPhone)", "done",
              f"compared {len(art.ios_apps)} apps with the list's iPhone bundle ids")


# -- powers ---------------------------------------------------------------------------

def check_accessibility(ctx: Context) -> None:
    art = ctx.art
    what = "Accessibility services (apps that can read and control the screen)"
    if not ctx.has("dumpsys_accessibility", "settings_secure"):
        ctx.cover(what, "not done", "neither dumpsys accessibility nor secure settings were read")
        return
    for c in art.accessibility_enabled:
        ctx.grant(c.package, "accessibility service")
        why = ctx.concealment(c.package)
        ctx.add(Finding(
            "accessibility-service", ctx.level(c.package, "medium"),
            f"{c.package} can read and control your screen",
            "This app runs an accessibility service. These are made to help people with "
            "disabilities, and can read everything on the screen and everything you type, "
            "and press buttons for you. Stalkerware uses them to copy messages."
            + (f" This one tries not to be noticed: {'; '.join(why)}." if why else ""),
            "Look in Settings > Accessibility: did you (or someone you trust) turn this on? "
            + KEEP_EVIDENCE, c.package, [ctx.ev(c.where, c.package)],
            {"service": c.name, "concealment": why}))
    for label, where in art.accessibility_labels:
        word = K.disguise_word(label)
        if word:
            ctx.add(Finding(
                "disguised-accessibility", "high",
                f"An accessibility service calls itself \"{label}\"",
                f"An accessibility service is shown to you as \"{label}\", a name that "
                "looks like part of the phone. Stalkerware picks such names so it is not "
                "questioned in Settings > Accessibility.",
                KEEP_EVIDENCE, None, [ctx.ev(where)], {"label": label, "word": word}))
    ctx.cover(what, "done", f"{len(art.accessibility_enabled)} enabled")


def check_admins(ctx: Context) -> None:
    art = ctx.art
    what = "Device administrators and device/profile owners"
    if "dumpsys_device_policy" not in art.seen:
        ctx.cover(what, "not done", "dumpsys device_policy was not read")
        return
    for a in art.device_admins:
        pkg = a.component.package
        ctx.grant(pkg, "device administrator")
        known = K.KNOWN_ADMINS.get(pkg)
        sev = "low" if known and not ctx.user_app(pkg) else ctx.level(pkg, "medium")
        why = ctx.concealment(pkg)
        ctx.add(Finding(
            "device-admin", sev, f"{pkg} is a device administrator",
            (f"{known}. " if known else "")
            + "A device administrator can lock the phone, change the screen lock rules or "
            "erase it, and cannot be uninstalled until it is switched off. Stalkerware "
            "uses this so it cannot be removed."
            + (f" This one tries not to be noticed: {'; '.join(why)}." if why else ""),
            ("Check that you know who can sign in to that account. " if known else
             "Look in Settings > Security > Device admin apps. ") + KEEP_EVIDENCE,
            pkg, [ctx.ev(a.component.where, pkg)],
            {"component": a.component.name, "user": a.user, "policies": a.policies,
             "concealment": why}))
    for o in art.owners:
        ctx.grant(o.package, f"{o.kind} owner")
        if o.kind == "device":
            sev, title = "high", f"{o.package} controls this whole phone (device owner)"
            text = ("A device owner is a management app with full control: it can install "
                    "apps, read the location, block settings and stop itself from being "
                    "removed. That is normal on a work phone, and not on a personal one.")
        else:
            sev, title = "medium", f"{o.package} manages a profile (user {o.user})"
            text = ("A profile owner controls a separate profile on the phone (often a work "
                    "profile) and the apps in it.")
        ctx.add(Finding(f"{o.kind}-owner", sev, title, text,
                        "If this is not a phone your work or school gave you, "
                        + KEEP_EVIDENCE[0].lower() + KEEP_EVIDENCE[1:],
                        o.package, [ctx.ev(o.where, o.package)],
                        {"component": o.component, "user": o.user}))
    ctx.cover(what, "done", f"{len(art.device_admins)} administrators, "
              f"{len(art.owners)} owners")


def check_listeners(ctx: Context) -> None:
    art = ctx.art
    what = "Notification access (apps that read every notification)"
    if not ctx.has("dumpsys_notification", "settings_secure"):
        ctx.cover(what, "not done", "neither dumpsys notification nor secure settings were read")
        return
    for c in art.notification_listeners:
        ctx.grant(c.package, "notification access")
        why = ctx.concealment(c.package)
        ctx.add(Finding(
            "notification-listener", ctx.level(c.package, "medium"),
            f"{c.package} reads all your notifications",
            "This app has notification access: it sees every notification as it arrives, "
            "including message previews from WhatsApp, SMS and email. Smartwatches and "
            "some launchers need this; stalkerware uses it to copy messages."
            + (f" This one tries not to be noticed: {'; '.join(why)}." if why else ""),
            "Look in Settings > Notifications > Device & app notifications (or Special app "
            "access > Notification access). " + KEEP_EVIDENCE,
            c.package, [ctx.ev(c.where, c.package)], {"listener": c.name, "concealment": why}))
    ctx.cover(what, "done", f"{len(art.notification_listeners)} apps have it")


def check_permissions(ctx: Context) -> None:
    art = ctx.art
    what = "Apps with text messages, call history, location, microphone or camera"
    if "dumpsys_package" not in art.seen:
        ctx.cover(what, "not done", "dumpsys package (which lists granted permissions) "
                  "was not read")
        return
    bg_ops: dict[str, dict[str, Where]] = {}
    for op in art.appops:
        if op.op in K.BACKGROUND_OPS and op.mode == "allow":
            bg_ops.setdefault(op.package, {})[K.BACKGROUND_OPS[op.op]] = op.where
    count = 0
    for name, p in sorted(art.packages.items()):
        if p.system is not False:
            continue
        groups: dict[str, Where] = {}
        for perm, where in p.granted_permissions.items():
            g = K.SENSITIVE.get(perm)
            if g:
                groups.setdefault(g, where)
        if not groups:
            continue
        count += 1
        background = sorted({g for g in groups if g in K.ALWAYS_BACKGROUND}
                            | {g for g in bg_ops.get(name, {}) if g in groups})
        if "location at all times" in background and "location" in background:
            background.remove("location")
        if background:
            ctx.grant(name, "background access to " + ", ".join(background))
        ev = [ctx.ev(w, name) for w in groups.values()]
        ev += [ctx.ev(w, name) for g, w in bg_ops.get(name, {}).items() if g in groups]
        ctx.add(Finding(
            "sensitive-permissions", ctx.level(name, "medium" if background else "low"),
            f"{name} can use: {', '.join(sorted(groups))}",
            "This app was given access to " + ", ".join(sorted(groups)) + "."
            + (f" It can use {', '.join(background)} even when you are not using it."
               if background else " Many ordinary apps ask for these; it matters when you "
               "do not know the app or why it needs them."),
            "In Settings > Apps > (the app) > Permissions you can see and change this. "
            + KEEP_EVIDENCE, name, ev,
            {"groups": sorted(groups), "background": background}))
    ctx.cover(what, "done", f"{count} apps (not from the phone maker) hold such access")


def check_install_unknown(ctx: Context) -> None:
    art = ctx.art
    what = "Apps allowed to install other apps"
    if not ctx.has("dumpsys_appops", "settings_secure", "settings_global"):
        ctx.cover(what, "not done", "neither dumpsys appops nor settings were read")
        return
    for op in art.appops:
        # Browsers and file managers come with the phone but the person (or someone
        # else) has to grant this; app stores and the package installer need it by design.
        if op.op == "REQUEST_INSTALL_PACKAGES" and op.mode == "allow" \
                and op.package not in K.STORES and op.package not in K.INSTALLERS:
            ctx.grant(op.package, "installing apps")
            ctx.add(Finding(
                "install-unknown-apps", "high" if ctx.concealment(op.package) else "medium",
                f"{op.package} may install other apps",
                "This app is allowed to install apps from outside the app store (\"install "
                "unknown apps\"). That is how stalkerware is usually put on a phone, through "
                "a browser or file manager.",
                "In Settings > Apps > Special app access > Install unknown apps you can "
                "see this. " + KEEP_EVIDENCE, op.package, [ctx.ev(op.where, op.package)],
                {"op": op.op, "mode": op.mode}))
    for ns in ("secure", "global"):
        found = art.setting(ns, "install_non_market_apps")
        if found and found[0] == "1":
            ctx.add(Finding(
                "install-unknown-apps", "medium", "Apps from unknown sources are allowed",
                "The phone allows installing apps from outside the app store (\"unknown "
                "sources\").", "Switch it off once you have recorded the result. "
                + KEEP_EVIDENCE, None, [ctx.ev(found[1])], {"setting": "install_non_market_apps"}))
            break
    ctx.cover(what, "done", "app operations and settings read")


def check_sideloaded(ctx: Context) -> None:
    art = ctx.art
    what = "Apps installed from outside an app store"
    known = [p for p in art.packages.values() if p.installer is not None]
    if not known:
        ctx.cover(what, "not done", "no installer information in this acquisition")
        return
    n = 0
    for name, p in sorted(art.packages.items()):
        how = ctx.sideload(p)
        if how is None:
            continue
        n += 1
        ctx.add(Finding(
            "not-from-store", ctx.level(name, "medium"), f"{name} was not installed from an app store",
            f"This app was installed {how}. People install apps this way for good reasons, "
            "but stalkerware is almost always installed like this, because app stores "
            "remove it.",
            "Ask yourself whether you installed it. " + KEEP_EVIDENCE, name,
            [ctx.ev(p.where, name)], {"installer": p.installer}))
    ctx.cover(what, "done" if len(known) == len(art.packages) else "partial",
              f"installer known for {len(known)} of {len(art.packages)} apps; {n} not from a store")


def check_launcher(ctx: Context) -> None:
    art = ctx.art
    what = "Apps with no icon in the app list"
    if not any(p.launcher_known for p in art.packages.values()):
        ctx.cover(what, "not done", "no launcher information in this acquisition")
        return
    n = 0
    for name, p in sorted(art.packages.items()):
        if p.system is not False or p.has_launcher_icon is not False:
            continue
        n += 1
        ev = [ctx.ev(p.where, name)]
        ctx.add(Finding(
            "no-launcher-icon", "high" if ctx.disguise(name) else "medium",
            f"{name} has no icon in the app list",
            "This app does not show an icon among your apps, so you would not see it unless "
            "you looked in Settings > Apps. Some helper apps work this way; stalkerware hides "
            "like this on purpose."
            + (" Its icon was switched off after it was installed." if p.launcher_activities
               else ""),
            "Look for it in Settings > Apps (show system apps). " + KEEP_EVIDENCE, name, ev,
            {"disabled_launcher_activities": p.launcher_activities}))
    ctx.cover(what, "done", f"{n} apps (not from the phone maker) without an icon")


def check_disguise(ctx: Context) -> None:
    art = ctx.art
    what = "Apps with system-like names that hold strong powers"
    if not art.packages:
        ctx.cover(what, "not done", "no list of installed apps in this acquisition")
        return
    powers = ctx.powers()
    for name in sorted(art.packages):
        d = ctx.disguise(name)
        if not d:
            continue
        held = list(powers.get(name, []))
        if ctx.hidden(name):
            held.append("no icon in the app list")
        if not held:
            continue
        p = art.packages[name]
        ctx.add(Finding(
            "disguised-app", "high", f"{name} looks like part of the phone and has strong powers",
            f"This app is not part of the phone, but {d}, the way stalkerware names itself "
            f"to avoid questions (\"System Service\", \"Sync Services\", \"Wi-Fi\"). It holds: "
            f"{', '.join(held)}.",
            KEEP_EVIDENCE, name, [ctx.ev(p.where, name)], {"why": d, "powers": held}))
    ctx.cover(what, "done", "names compared with the disguises stalkerware uses")


def check_settings(ctx: Context) -> None:
    art = ctx.art
    what = "Developer options and USB debugging"
    if "settings_global" not in art.seen:
        ctx.cover(what, "not done", "global settings were not read")
        return
    dev = art.setting("global", "development_settings_enabled")
    adb = art.setting("global", "adb_enabled")
    wifi = art.setting("global", "adb_wifi_enabled")
    live = ctx.acq.kind == "adb"
    if dev and dev[0] == "1":
        ctx.add(Finding(
            "developer-options", "low", "Developer options are on",
            "Developer options let a computer read and change much more on the phone. "
            "They are off on most phones unless someone turned them on.",
            "If you did not turn them on, note it. You can switch them off after the check "
            "in Settings > System > Developer options.", None, [ctx.ev(dev[1])], {}))
    if adb and adb[0] == "1":
        ctx.add(Finding(
            "usb-debugging", "low", "USB debugging is on",
            ("This check needed it, so that is expected now. " if live else "")
            + "With USB debugging on, a computer the phone has trusted can install apps and "
            "read data over the cable.",
            "Switch it off when the check is done (Settings > System > Developer options), "
            "and in the same place tap 'Revoke USB debugging authorisations'.",
            None, [ctx.ev(adb[1])], {}))
    if wifi and wifi[0] == "1":
        ctx.add(Finding(
            "wireless-debugging", "medium", "Wireless debugging is on",
            "Wireless debugging lets a paired computer on the same Wi-Fi control the phone "
            "without a cable.", "Switch it off in Settings > System > Developer options. "
            + KEEP_EVIDENCE, None, [ctx.ev(wifi[1])], {}))
    ctx.cover(what, "done", "global settings read")


def check_root(ctx: Context) -> None:
    art = ctx.art
    what = "Signs of root or an unlocked bootloader"
    if not ctx.has("getprop", "pm_list", "androidqf_packages", "dumpsys_package",
                   "root_binaries"):
        ctx.cover(what, "not done", "neither properties nor the app list were read")
        return
    ev: list[Evidence] = []
    reasons: list[str] = []
    for name, label in K.ROOT_PACKAGES.items():
        p = art.packages.get(name)
        if p is not None:
            reasons.append(f"the rooting app {label} ({name}) is installed")
            ev.append(ctx.ev(p.where, name))
    for path, where in art.root_binaries:
        reasons.append(f"a root tool was found at {path}")
        ev.append(ctx.ev(where))
    for key, bad, text in K.ROOT_PROPS:
        found = art.prop(key)
        if found and found[0] == bad:
            reasons.append(text)
            ev.append(ctx.ev(found[1]))
    tags = art.prop("ro.build.tags")
    if tags and "test-keys" in tags[0]:
        reasons.append("the system is signed with test keys (a custom or modified system)")
        ev.append(ctx.ev(tags[1]))
    if reasons:
        ctx.add(Finding(
            "root", "high", "The phone shows signs of root or an unlocked bootloader",
            "Rooting removes the protections that keep apps apart; the most capable "
            "stalkerware needs it, and it lets an app hide from these checks. Found: "
            + "; ".join(reasons) + ".",
            "If you did not do this yourself, it is a strong sign that someone set the phone "
            "up to be watched. " + KEEP_EVIDENCE, None, ev, {"reasons": reasons}))
    parts = [s for s, k in (("properties", "getprop"), ("app list", "packages"),
                            ("root binaries", "root_binaries")) if ctx.has(k) or
             (k == "packages" and art.packages)]
    ctx.cover(what, "done", "looked at: " + ", ".join(parts))


# -- iPhone -----------------------------------------------------------------------------

def check_ios_profiles(ctx: Context) -> None:
    art = ctx.art
    what = "Configuration profiles and device management (iPhone)"
    if "ios_profiles" not in art.seen:
        ctx.cover(what, "not done", "no profile list was given (pymobiledevice3 profile list)")
        return
    for p in art.ios_profiles:
        mdm = any("mdm" in t.lower() for t in p.payload_types)
        title = p.name or p.identifier
        ctx.add(Finding(
            "ios-mdm-profile" if mdm else "ios-profile", "high" if mdm else "medium",
            f"{'Device management' if mdm else 'Configuration profile'}: {title}",
            ("This iPhone is enrolled in device management (MDM): the organisation behind it "
             "can install apps, see the device and change its settings. "
             if mdm else
             "A configuration profile changes settings on the iPhone (network, VPN, "
             "certificates, restrictions); some send traffic through someone else's server. ")
            + (f"It says it is from \"{p.organization}\". " if p.organization else "")
            + ("It cannot be removed without a passcode. " if p.removal_disallowed else ""),
            "Look in Settings > General > VPN & Device Management. If your work or school did "
            "not install it, " + KEEP_EVIDENCE[0].lower() + KEEP_EVIDENCE[1:],
            None, [ctx.ev(p.where)],
            {"identifier": p.identifier, "organization": p.organization,
             "payload_types": p.payload_types, "removal_disallowed": p.removal_disallowed}))
    ctx.cover(what, "done", f"{len(art.ios_profiles)} profiles")


CHECKS_ANDROID: list[Callable[[Context], None]] = [
    check_known_apps, check_accessibility, check_admins, check_listeners, check_permissions,
    check_install_unknown, check_sideloaded, check_launcher, check_disguise, check_settings,
    check_root,
]
CHECKS_IOS: list[Callable[[Context], None]] = [check_known_apps, check_ios_profiles]
