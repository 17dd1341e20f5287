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

# word key -> the (signal index, unit index) pairs it can wake up. A message runs only the
# rules whose anchor words it contains, so an ordinary text runs a handful of small
# regexes instead of all of them.
INDEX: dict[str, list[tuple[int, int]]] = {}
ALWAYS: list[tuple[int, int]] = []
for _si, _spec in enumerate(SPECS):
    for _ri, (_rule, _rx, _anchors) in enumerate(_spec.units):
        if not _anchors:
            if _spec.trigger_re is None:
                ALWAYS.append((_si, _ri))
            continue
        for _word in _anchors:
            INDEX.setdefault(_word, []).append((_si, _ri))

# The same index with each unit's second word set alongside, as the engine reads it.
INDEX_SECOND: dict[str, list[tuple[tuple[int, int], frozenset[str] | None]]] = {
    word: [(unit, SPECS[unit[0]].second[unit[1]]) for unit in units]
    for word, units in INDEX.items()
}

__all__ = ["ALWAYS", "INDEX", "INDEX_SECOND", "SPECS", "Rule", "SignalRules"]
