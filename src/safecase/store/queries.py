"""Reading events out of a case, in the shape of the `safecase events --jsonl` contract."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from safecase.errors import UserError
from safecase.model import utc_iso

COLUMNS = (
    "e.id, e.kind, e.channel, e.direction, e.ts_ms, e.raw_time, e.time_certainty, e.sender,"
    " e.sender_name, e.recipients, e.text, e.duration_s, e.call_status, e.subject, e.extra,"
    " e.party_id, e.locator, e.version, e.supersedes, s.sha256, s.member, i.person_id,"
    " e.import_id"
)
PAGE = 2000


def parse_when(value: str, zone: ZoneInfo, end: bool = False) -> int:
    """A --since/--until value (date or date-time, local to the case) as UTC ms."""
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UserError(f"cannot read the date {value!r}; use YYYY-MM-DD or "
                        "'YYYY-MM-DD HH:MM'") from None
    if len(value.strip()) == 10 and end:
        dt = datetime.combine(dt.date(), time.max)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zone)
    return int(dt.timestamp() * 1000)


def build_where(case: Any, kind: Sequence[str] | None = None,
                person: Sequence[int] | None = None, channel: Sequence[str] | None = None,
                direction: str | None = None, since: str | None = None,
                until: str | None = None, search: str | None = None,
                signal: str | None = None, reviewed: bool | None = None,
                include_superseded: bool = False, ids: Sequence[int] | None = None
                ) -> tuple[str, list[Any]]:
    """SQL WHERE clause and arguments for the event filters shared by CLI and web."""
    zone = case.zone
    clauses = ["e.removed = 0"]
    args: list[Any] = []
    if not include_superseded:
        clauses.append("e.superseded_by IS NULL")
    if kind:
        clauses.append(f"e.kind IN ({','.join('?' * len(kind))})")
        args += list(kind)
    if channel:
        clauses.append(f"e.channel IN ({','.join('?' * len(channel))})")
        args += list(channel)
    if person:
        clauses.append(f"i.person_id IN ({','.join('?' * len(person))})")
        args += list(person)
    if direction:
        clauses.append("e.direction = ?")
        args.append(direction)
    if since:
        clauses.append("e.ts_ms >= ?")
        args.append(parse_when(since, zone))
    if until:
        clauses.append("e.ts_ms <= ?")
        args.append(parse_when(until, zone, end=True))
    if search:
        clauses.append("(instr(lower(e.text), lower(?)) > 0 OR instr(lower(e.subject), lower(?))"
                       " > 0 OR instr(lower(e.sender_name), lower(?)) > 0)")
        args += [search, search, search]
    if signal:
        clauses.append("EXISTS (SELECT 1 FROM signals g WHERE g.event_id = e.id AND g.name = ?)")
        args.append(signal)
    if reviewed is not None:
        clauses.append(("" if reviewed else "NOT ")
                       + "EXISTS (SELECT 1 FROM reviews r WHERE r.event_id = e.id)")
    if ids:
        clauses.append(f"e.id IN ({','.join('?' * len(ids))})")
        args += list(ids)
    return " AND ".join(clauses), args


FROM = ("FROM events e LEFT JOIN sources s ON s.id = e.source_id"
        " LEFT JOIN identities i ON i.id = e.party_id")


def count_events(case: Any, **filters: Any) -> int:
    where, args = build_where(case, **filters)
    return int(case.db.execute(f"SELECT count(*) {FROM} WHERE {where}", args).fetchone()[0])


def iter_events(case: Any, newest_first: bool = False, limit: int | None = None,
                offset: int = 0, **filters: Any) -> Iterator[dict[str, Any]]:
    """Events in time order (typed incidents without a time last), as contract dicts."""
    where, args = build_where(case, **filters)
    order = "DESC" if newest_first else "ASC"
    sql = (f"SELECT {COLUMNS} {FROM} WHERE {where} "
           f"ORDER BY e.ts_ms IS NULL, e.ts_ms {order}, e.id {order}")
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        args = [*args, limit, offset]
    cur = case.db.execute(sql, args)
    while True:
        rows = cur.fetchmany(PAGE)
        if not rows:
            return
        yield from _decorate(case, rows)


def _decorate(case: Any, rows: list[tuple[Any, ...]]) -> Iterator[dict[str, Any]]:
    ids = [r[0] for r in rows]
    marks = ",".join("?" * len(ids))
    atts: dict[int, list[dict[str, Any]]] = {}
    for eid, name, mime, sha, xid in case.db.execute(
            f"SELECT x.event_id, x.name, h.mime, h.sha256, h.id FROM event_exhibits x "
            f"JOIN exhibits h ON h.id = x.exhibit_id WHERE x.event_id IN ({marks})", ids):
        atts.setdefault(eid, []).append({"name": name, "mime": mime, "sha256": sha,
                                         "exhibit": xid})
    sigs: dict[int, list[dict[str, Any]]] = {}
    for eid, name, score, evidence, detector, version in case.db.execute(
            f"SELECT event_id, name, score, evidence, detector, detector_version FROM signals"
            f" WHERE event_id IN ({marks}) ORDER BY score DESC", ids):
        sigs.setdefault(eid, []).append({
            "name": name, "score": score, "evidence": json.loads(evidence),
            "detector": detector, "detector_version": version, "review": None})
    reviews: dict[tuple[int, str], dict[str, Any]] = {}
    for eid, sig, decision, at, note in case.db.execute(
            f"SELECT event_id, signal, decision, at, note FROM reviews"
            f" WHERE event_id IN ({marks}) ORDER BY id", ids):
        reviews[(eid, sig)] = {"decision": decision, "at": at, "note": note}
    for r in rows:
        eid = r[0]
        signals = sigs.get(eid, [])
        for s in signals:
            s["review"] = reviews.get((eid, s["name"]))
        # Reviews of signals no detector suggested (the person adding their own label).
        for (reid, name), rev in reviews.items():
            if reid == eid and not any(s["name"] == name for s in signals):
                signals.append({"name": name, "score": 1.0, "evidence": [], "detector": "person",
                                "detector_version": "", "review": rev})
        yield {
            "id": eid, "kind": r[1], "channel": r[2], "direction": r[3],
            "timestamp": utc_iso(r[4]), "ts_ms": r[4], "raw_time": r[5],
            "time_certainty": r[6], "sender": r[7], "sender_name": r[8],
            "recipients": json.loads(r[9]), "text": r[10], "duration_s": r[11],
            "call_status": r[12], "subject": r[13],
            "attachments": atts.get(eid, []),
            "source": ({"file_sha256": r[19], "locator": r[16], "member": r[20]}
                       if r[19] else {"file_sha256": None, "locator": r[16], "member": None}),
            "person": r[21], "identity": r[15], "signals": signals,
            "version": r[17], "supersedes": r[18], "import": r[22],
            "extra": json.loads(r[14]),
        }


def get_event(case: Any, event_id: int) -> dict[str, Any]:
    from safecase.errors import NotFound

    for ev in iter_events(case, ids=[event_id], include_superseded=True):
        return ev
    raise NotFound(f"no event {event_id} in this case (see `safecase events`)")


def people(case: Any) -> list[dict[str, Any]]:
    """Persons with their identities and event counts."""
    counts = dict(case.db.execute(
        "SELECT party_id, count(*) FROM events WHERE removed=0 AND superseded_by IS NULL "
        "GROUP BY party_id").fetchall())
    persons: dict[int, dict[str, Any]] = {}
    for pid, name, is_self in case.db.execute("SELECT id, name, is_self FROM persons"):
        persons[pid] = {"id": pid, "name": name, "is_self": bool(is_self), "identities": [],
                        "events": 0}
    for iid, kind, platform, value, raw, dname, pid in case.db.execute(
            "SELECT id, kind, platform, value, raw, display_name, person_id FROM identities "
            "ORDER BY id"):
        n = counts.get(iid, 0)
        persons[pid]["identities"].append({
            "id": iid, "kind": kind, "platform": platform, "value": value, "raw": raw,
            "display_name": dname, "events": n})
        persons[pid]["events"] += n
    return [p for p in persons.values() if p["identities"]]
