"""``scan(acquisition, indicators) -> ScanResult``: the one entry point the CLI and the web
app call. It runs every check and says, besides what it found, what it looked at and
what it could not look at. It never says "no stalkerware found": a list is never
complete, and some spyware hides from every check run from outside the phone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from safecase.device.acquisition.builder import SEEN_NAMES
from safecase.device.checks import (
    CHECKS_ANDROID,
    CHECKS_IOS,
    SEVERITIES,
    Context,
    Coverage,
    Finding,
)
from safecase.device.indicators import ATTRIBUTION, Indicators
from safecase.device.model import Acquisition

SCHEMA = "safecase.device-scan/1"

SAFETY = [
    "Removing stalkerware, or switching off what it uses, may alert the person who "
    "installed it, and it destroys evidence.",
    "Record first (keep this scan in your case, take screenshots), talk to an advocate or a "
    "domestic-abuse helpline, then decide together what to do and when.",
    "If the person could be watching this phone, use a different, safe device to look for "
    "help and to plan.",
]

NOT_CHECKED = [
    "The contents of the phone: messages, photos, files and browser history.",
    "Where the phone sends data (network traffic).",
    "Your online accounts (Google, Apple ID, Facebook, Instagram, WhatsApp linked devices, "
    "email forwarding, recovery email and phone): go through 'safecase device checklist'.",
    "Someone who knows your passcode, or has had the phone in their hands.",
    "Other users and work profiles on the phone: the checks look at the main user.",
    "Spyware made for governments (Pegasus and the like); that needs an expert with MVT.",
    "No list is complete: an app that is not on the list can still be stalkerware.",
]

NOT_CHECKED_IOS = [
    "iPhones cannot be checked from outside as deeply as Android phones: apps cannot be "
    "looked into, only listed.",
    "Whether someone has your Apple ID password (see the Apple ID checklist).",
]


@dataclass(slots=True)
class ScanResult:
    acquisition: Acquisition
    indicators: Indicators | None
    findings: list[Finding]
    coverage: list[Coverage]
    scanned_at: str = field(
        default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"))

    @property
    def indicator_list_missing(self) -> bool:
        return self.indicators is None

    def by_severity(self) -> dict[str, list[Finding]]:
        return {s: [f for f in self.findings if f.severity == s] for s in SEVERITIES}

    def counts(self) -> dict[str, int]:
        return {s: len(v) for s, v in self.by_severity().items()}

    def not_checked(self) -> list[str]:
        out = list(NOT_CHECKED)
        if self.acquisition.artefacts.platform == "ios":
            out = NOT_CHECKED_IOS + out
        return out

    def read(self) -> list[str]:
        """What was read, in words."""
        a = self.acquisition.artefacts
        if a.platform == "ios":
            return sorted(k.replace("ios_", "iPhone ") for k in a.seen)
        return [SEEN_NAMES.get(k, k) for k in sorted(a.seen)]

    def to_dict(self) -> dict[str, Any]:
        acq = self.acquisition
        return {
            "schema": SCHEMA,
            "scanned_at": self.scanned_at,
            "safety": SAFETY,
            "acquisition": {
                "kind": acq.kind, "source": acq.source, "platform": acq.artefacts.platform,
                "device": acq.device, "apps": len(acq.artefacts.packages)
                or len(acq.artefacts.ios_apps),
                "raw_outputs": [r.describe() for r in acq.raws], "read": self.read(),
                "notes": acq.notes,
            },
            "indicators": None if self.indicators is None else self.indicators.describe(),
            "indicator_list_missing": self.indicator_list_missing,
            "summary": self.counts(),
            "findings": [f.to_dict() for f in self.findings],
            "checked": [c.to_dict() for c in self.coverage],
            "not_checked": self.not_checked(),
            "attribution": ATTRIBUTION if self.indicators is not None else "",
        }


def scan(acquisition: Acquisition, indicators: Indicators | None) -> ScanResult:
    ctx = Context(acquisition, indicators)
    checks = CHECKS_IOS if acquisition.artefacts.platform == "ios" else CHECKS_ANDROID
    for check in checks:
        check(ctx)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings = sorted(ctx.findings, key=lambda f: (order[f.severity], f.id, f.package or ""))
    return ScanResult(acquisition, indicators, findings, ctx.coverage)
