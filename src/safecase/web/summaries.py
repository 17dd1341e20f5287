"""Read-only summaries for the pages, cached per case state.

The numbers come from the core (``safecase.store.queries`` and, when installed, the
analysis package: ``patterns.pattern`` and ``assessment.assess``). Whole-case summaries
are expensive with a million events, so they are cached in memory under the case's ledger
head: any change to the case (an import, a review, a link) appends to the ledger, moves
the head and so invalidates the cache.
"""

from __future__ import annotations

import threading
from typing import Any

from safecase.store import queries
from safecase.store.case import Case

_cache: dict[tuple[str, str, str], Any] = {}
_working: dict[str, threading.Thread] = {}
# Up to this many events the overview works out the patterns while the page loads (well
# under a second); beyond, in the background while the page says so.
SYNC_ANALYSIS_MAX = 50_000


def cached(case: Case, name: str, fn: Any) -> Any:
    key = (case.case_id, case.fingerprint(), name)
    if key not in _cache:
        for k in [k for k in _cache if k[0] == case.case_id and k[2] == name]:
            del _cache[k]
        _cache[key] = fn(case)
    return _cache[key]


def in_background(st: Any, session: Any, case: Case, name: str, fn: Any) -> Any | None:
    """The cached value, or None while a worker thread computes it (holding the case, so
    other pages show "please wait" meanwhile). For the whole-case analysis, which takes
    minutes with a million events."""
    key = (case.case_id, case.fingerprint(), name)
    if key in _cache:
        return _cache[key]
    worker = _working.get(name)
    if worker is None or not worker.is_alive():
        def run() -> None:
            try:
                with st.using_case(session) as c:
                    cached(c, name, fn)
            except Exception:   # locked meanwhile, or the analysis failed: shown as pending
                pass
        worker = threading.Thread(target=run, name=f"safecase-{name}", daemon=True)
        _working[name] = worker
        worker.start()
    return None


def forget() -> None:
    """Drops every cached summary (on lock: they hold case content)."""
    _cache.clear()


def person_names(case: Case) -> dict[int, str]:
    return cached(case, "names", lambda c: dict(c.db.execute("SELECT id, name FROM persons")))


def people(case: Case) -> list[dict[str, Any]]:
    return cached(case, "people", queries.people)


def monthly(case: Case) -> list[tuple[str, int]]:
    """Events per calendar month (UTC), oldest first: for the overview chart."""
    def build(c: Case) -> list[tuple[str, int]]:
        rows = c.db.execute(
            "SELECT strftime('%Y-%m', ts_ms / 1000, 'unixepoch') AS m, count(*) FROM events"
            " WHERE removed = 0 AND superseded_by IS NULL AND ts_ms IS NOT NULL"
            " GROUP BY m ORDER BY m").fetchall()
        return [(str(m), int(n)) for m, n in rows]
    return cached(case, "monthly", build)


def flag_counts(case: Case) -> dict[str, int]:
    def build(c: Case) -> dict[str, int]:
        flagged = c.db.execute("SELECT count(DISTINCT event_id) FROM signals").fetchone()[0]
        reviewed = c.db.execute(
            "SELECT count(DISTINCT s.event_id) FROM signals s WHERE EXISTS"
            " (SELECT 1 FROM reviews r WHERE r.event_id = s.event_id)").fetchone()[0]
        return {"flagged": int(flagged), "reviewed": int(reviewed)}
    return cached(case, "flags", build)


def _analysis(c: Case) -> dict[str, Any]:
    """Per person: the assessment (plain sentences, course of conduct, FOUR) with the
    weekly contacts from the pattern, from the analysis package when it is installed."""
    try:
        from safecase.analysis.assessment import assess
        from safecase.analysis.patterns import pattern
    except ImportError:
        return {"available": False, "persons": []}
    if live_total(c) == 0:
        return {"available": True, "persons": []}
    try:
        patterns, assessments = pattern(c), assess(c)
    except Exception:
        # The overview must still show the numbers; the page says the findings failed.
        return {"available": True, "persons": [], "failed": True}
    weeks = {p["person"]["id"]: p.get("escalation", {}).get("weeks", []) for p in patterns}
    persons = []
    for a in assessments:
        a = dict(a)
        a["weeks"] = [(w["week"], int(w["contacts"])) for w in weeks.get(a["person"]["id"], [])]
        persons.append(a)
    persons.sort(key=lambda a: -a["course_of_conduct"].get("count", 0))
    return {"available": True, "persons": persons[:10]}


def live_total(case: Case) -> int:
    """The number of live events (what ``count_events`` gives with no filter), counted
    from the ``events_live_*`` index alone."""
    return int(case.db.execute("SELECT count(*) FROM events WHERE removed = 0 AND"
                               " superseded_by IS NULL").fetchone()[0])


def overview(case: Case, st: Any = None, session: Any = None) -> dict[str, Any]:
    total = cached(case, "total", live_total)
    persons = [p for p in people(case) if not p["is_self"] and p["events"]]
    persons.sort(key=lambda p: -p["events"])
    if st is None or total <= SYNC_ANALYSIS_MAX:
        found = cached(case, "analysis", _analysis)
    else:
        found = in_background(st, session, case, "analysis", _analysis)
    return {"total": total, "persons": persons[:12], "monthly": monthly(case),
            "flags": flag_counts(case),
            "analysis": found or {"available": True, "persons": [], "pending": True}}


def source_info(case: Case, sha256: str | None) -> dict[str, Any] | None:
    """The imported file an event came from: name, importer, when (for the event page)."""
    if not sha256:
        return None
    row = case.db.execute(
        "SELECT name, member, importer, importer_version, imported_at, size FROM sources"
        " WHERE sha256=?", (sha256,)).fetchone()
    if row is None:
        return None
    return dict(zip(("name", "member", "importer", "importer_version", "imported_at", "size"),
                    row, strict=True))


def review_queue(case: Case, skipped: list[int]) -> tuple[dict[str, Any] | None, int, int]:
    """(next flagged event not yet reviewed, flags reviewed, flags in all): for Review.

    A flag is one (event, signal) pair; ``skipped`` are events the person put aside."""
    total = case.db.execute(
        "SELECT count(*) FROM (SELECT DISTINCT event_id, name FROM signals)").fetchone()[0]
    done = case.db.execute(
        "SELECT count(*) FROM (SELECT DISTINCT s.event_id, s.name FROM signals s JOIN reviews r"
        " ON r.event_id = s.event_id AND r.signal = s.name)").fetchone()[0]
    skip = f" AND s.event_id NOT IN ({','.join('?' * len(skipped))})" if skipped else ""
    row = case.db.execute(
        "SELECT s.event_id FROM signals s JOIN events e ON e.id = s.event_id"
        f" WHERE e.removed = 0 AND e.superseded_by IS NULL{skip}"
        " AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.event_id = s.event_id"
        " AND r.signal = s.name) ORDER BY e.ts_ms, e.id LIMIT 1", skipped).fetchone()
    if row is None:
        return None, int(done), int(total)
    return queries.get_event(case, int(row[0])), int(done), int(total)


def screenshots_to_check(case: Case) -> list[dict[str, Any]]:
    """Imported screenshots and photos (image exhibits waiting for the person's confirmation,
    with their OCR text) that no confirmed message points at yet."""
    rows = case.db.execute(
        "SELECT x.id FROM exhibits x WHERE x.mime LIKE 'image/%'"
        " AND json_extract(x.extra, '$.confirmation') IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM events e WHERE e.removed = 0"
        " AND json_extract(e.extra, '$.exhibit_sha256') = x.sha256) ORDER BY x.id LIMIT 50"
    ).fetchall()
    return [case.exhibit(int(r[0])) for r in rows]
