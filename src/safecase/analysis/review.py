"""Review: the person confirms or dismisses what the detectors suggested.

A review is a row in ``reviews`` plus a custody-ledger entry, in one transaction. Reviews
are never edited or deleted: a later review of the same (event, signal) supersedes the
earlier one (the latest decides), and both stay on the record. Reports and the web app
use the latest review to separate what the person confirmed from what a tool suggested.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from safecase.errors import UserError
from safecase.model import SIGNALS
from safecase.store import ledger

DECISIONS = {"confirm": "confirmed", "confirmed": "confirmed",
             "dismiss": "dismissed", "dismissed": "dismissed"}
MAX_NOTE = 4000


def review(case: Any, event_id: int, signal: str, decision: str,
           note: str | None = None) -> dict[str, Any]:
    """Records one decision about one signal on one event; returns the review."""
    if signal not in SIGNALS:
        raise UserError(f"unknown signal {signal!r}; signals: {', '.join(SIGNALS)}")
    if decision not in DECISIONS:
        raise UserError(f"unknown decision {decision!r}; use confirm or dismiss")
    decided = DECISIONS[decision]
    if note is not None and len(note) > MAX_NOTE:
        raise UserError(f"the note is longer than {MAX_NOTE} characters; shorten it")
    case.event_row(event_id)  # NotFound with a clear line for an unknown id
    at = ledger.now_utc()
    with case.transaction():
        cur = case.db.execute(
            "INSERT INTO reviews(event_id, signal, decision, at, note) VALUES(?,?,?,?,?)",
            (event_id, signal, decided, at, note))
        review_id = int(cur.lastrowid)
        suggested_by = [
            {"detector": d, "detector_version": v, "score": s}
            for d, v, s in case.db.execute(
                "SELECT detector, detector_version, score FROM signals "
                "WHERE event_id=? AND name=?", (event_id, signal))]
        case.record("review", f"event:{event_id}", {
            "review": review_id, "event": event_id, "signal": signal, "decision": decided,
            "note": note, "suggested_by": suggested_by})
    return {"id": review_id, "event_id": event_id, "signal": signal, "decision": decided,
            "at": at, "note": note, "suggested_by": suggested_by}


def latest_reviews(case: Any, event_id: int) -> dict[str, dict[str, Any]]:
    """{signal: latest review} for one event."""
    out: dict[str, dict[str, Any]] = {}
    for rid, sig, decision, at, note in case.db.execute(
            "SELECT id, signal, decision, at, note FROM reviews WHERE event_id=? ORDER BY id",
            (event_id,)):
        out[sig] = {"id": rid, "decision": decision, "at": at, "note": note}
    return out


def flagged(case: Any, include_reviewed: bool = False,
            person_id: int | None = None) -> Iterator[dict[str, Any]]:
    """(event, signal) pairs the detectors suggested, in time order, not yet reviewed
    unless ``include_reviewed``. One item per pair, with the strongest detector's evidence."""
    where = ["e.removed = 0", "e.superseded_by IS NULL"]
    args: list[Any] = []
    if not include_reviewed:
        where.append("NOT EXISTS (SELECT 1 FROM reviews r WHERE r.event_id = g.event_id "
                     "AND r.signal = g.name)")
    if person_id is not None:
        where.append("e.party_id IN (SELECT id FROM identities WHERE person_id = ?)")
        args.append(person_id)
    sql = (
        "SELECT g.event_id, g.name, g.score, g.evidence, g.detector, g.detector_version "
        "FROM signals g JOIN events e ON e.id = g.event_id "
        f"WHERE {' AND '.join(where)} "
        "ORDER BY e.ts_ms IS NULL, e.ts_ms, e.id, g.name, g.score DESC")
    seen: tuple[int, str] | None = None
    for eid, name, score, evidence, detector, version in case.db.execute(sql, args):
        if seen == (eid, name):
            continue  # a weaker detector's copy of the same suggestion
        seen = (eid, name)
        yield {"event_id": eid, "signal": name, "score": score,
               "evidence": json.loads(evidence), "detector": detector,
               "detector_version": version}


def count_flagged(case: Any, include_reviewed: bool = False) -> int:
    cond = "" if include_reviewed else (
        " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.event_id = g.event_id"
        " AND r.signal = g.name)")
    return int(case.db.execute(
        "SELECT count(*) FROM (SELECT DISTINCT g.event_id, g.name FROM signals g "
        "JOIN events e ON e.id = g.event_id WHERE e.removed = 0 AND e.superseded_by IS NULL"
        f"{cond})").fetchone()[0])
