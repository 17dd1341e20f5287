"""Signals in a message: twelve explainable detectors (issue 4, section 1).

    >>> from safecase.analysis.signals import classify
    >>> c = classify("answer me you stupid b!tch")
    >>> c.labels
    ['insult', 'contact_demand']

Every label comes with evidence: exact character offsets into the original text, the
matched slice, and the rule or model (with versions) that raised it. See docs/signals.md.
"""

from __future__ import annotations

from safecase.model import SIGNALS

from .engine import (
    DETECTOR_NAME,
    DETECTOR_VERSION,
    THRESHOLD,
    Classification,
    Evidence,
    Scorer,
    classify,
    classify_many,
    iter_classify,
)

__all__ = [
    "DETECTOR_NAME", "DETECTOR_VERSION", "SIGNALS", "THRESHOLD", "Classification", "Evidence",
    "Scorer", "classify", "classify_many", "iter_classify",
]
