"""Phrase and pattern rules, one module per signal; ``SPECS`` lists them in SIGNALS order."""

from __future__ import annotations

from safecase.model import SIGNALS

from . import (
    coercion,
    contact_demand,
    exposure,
    fixation,
    impersonation,
    insult,
    malicious_link,
    refusal,
    sexual,
    surveillance,
    third_party,
    threat,
)
from .base import Rule, SignalRules

SPECS: list[SignalRules] = [
    threat.SPEC, sexual.SPEC, insult.SPEC, surveillance.SPEC, fixation.SPEC, coercion.SPEC,
    contact_demand.SPEC, exposure.SPEC, third_party.SPEC, impersonation.SPEC,
    malicious_link.SPEC, refusal.SPEC,
]
assert [s.signal for s in SPECS] == list(SIGNALS)

__all__ = ["SPECS", "Rule", "SignalRules"]
