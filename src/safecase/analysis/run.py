"""``analyze``: the message detectors over every message, email and post of a case.

Events stream out of the database in id order, a batch at a time, through
``safecase.analysis.signals.classify_many``; the signals go back in the same transaction,
with one ledger entry naming the detector, its version and the counts. Earlier suggestions
of the same detector and version are replaced; reviews are never touched (a review refers
to (event, signal), so it still applies to the new suggestion).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from safecase.analysis.frame import ensure_index
from safecase.errors import SafecaseError
from safecase.model import SIGNALS
from safecase.store import ledger

BATCH = 1000
TEXT_KINDS = ("message", "email", "post")

Progress = Callable[[int], None]


def _evidence(items: Iterable[Any]) -> list[dict[str, Any]]:
    out = []
    for e in items:
        if isinstance(e, dict):
            out.append({k: e.get(k) for k in ("start", "end", "text", "why")})
        else:
            out.append({"start": e.start, "end": e.end, "text": e.text, "why": e.why})
    return out


def detector(model: Path | None = None) -> tuple[Callable[[list[tuple[str, str]]], Iterable[Any]],
                                                 str, str]:
    """(classify a batch, detector name, detector version), with a local model if given.

    With a model the detector is named ``safecase-signals+<folder>``, so its suggestions sit
    beside (and never overwrite) those of the rules alone."""
    try:
        from safecase.analysis import signals
    except ImportError:
        raise SafecaseError("the message detectors (safecase.analysis.signals) are missing "
                            "from this installation") from None

    name, version = signals.DETECTOR_NAME, signals.DETECTOR_VERSION
    if model is None:
        return signals.classify_many, name, version
    from safecase.analysis.signals.model import load_model

    scorer = load_model(model)  # ModelUnavailable (a UserError) names what is missing

    def run(batch: list[tuple[str, str]]) -> Iterable[Any]:
        return signals.classify_many(batch, model=scorer)

    return run, f"{name}+{Path(model).name}", f"{version} ({scorer.name})"


def _text_events(case: Any) -> Iterator[list[tuple[int, str, str]]]:
    """Batches of (event id, text, direction), keyset-paged so memory stays flat."""
    marks = ",".join("?" * len(TEXT_KINDS))
    last = 0
    while True:
        rows = case.db.execute(
            f"SELECT id, text, direction FROM events WHERE id > ? AND kind IN ({marks}) "
            "AND removed = 0 AND superseded_by IS NULL AND text IS NOT NULL AND text != '' "
            "ORDER BY id LIMIT ?", (last, *TEXT_KINDS, BATCH)).fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][0]


Classifier = tuple[Callable[[list[tuple[str, str]]], Iterable[Any]], str, str]


def analyze(case: Any, model: Path | None = None, progress: Progress | None = None,
            classifier: Classifier | None = None) -> dict[str, Any]:
    """Runs the detectors over the case and stores their signals; returns the counts.

    ``classifier`` (classify a batch, name, version) replaces the built-in detectors, for
    a second detector family or a caller that already loaded one."""
    classify, name, version = classifier or detector(model)
    by_name: Counter[str] = Counter()
    events_read = flagged = 0
    now = ledger.now_utc()
    with case.transaction():
        ensure_index(case)
        replaced = case.db.execute(
            "DELETE FROM signals WHERE detector=? AND detector_version=?",
            (name, version)).rowcount
        for batch in _text_events(case):
            results = list(classify([(text, direction) for _, text, direction in batch]))
            rows = []
            for (eid, _, _), result in zip(batch, results, strict=True):
                labels = [lab for lab in result.labels if lab in SIGNALS]
                flagged += bool(labels)
                for lab in labels:
                    by_name[lab] += 1
                    rows.append((eid, lab, float(result.scores.get(lab, 1.0)),
                                 json.dumps(_evidence(result.evidence.get(lab, [])),
                                            ensure_ascii=False), name, version, now))
            case.db.executemany(
                "INSERT INTO signals(event_id, name, score, evidence, detector,"
                " detector_version, created_at) VALUES(?,?,?,?,?,?,?)"
                " ON CONFLICT(event_id, name, detector) DO UPDATE SET score=excluded.score,"
                " evidence=excluded.evidence, detector_version=excluded.detector_version,"
                " created_at=excluded.created_at", rows)
            events_read += len(batch)
            if progress:
                progress(events_read)
        summary = {"detector": name, "detector_version": version, "events_read": events_read,
                   "events_flagged": flagged, "signals": dict(sorted(by_name.items())),
                   "signals_total": sum(by_name.values()), "replaced": replaced,
                   "model": str(Path(model).name) if model else None}
        case.record("analyze", f"detector:{name}", summary)
    return summary
