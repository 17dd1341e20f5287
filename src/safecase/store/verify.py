"""``safecase verify``: re-hash everything and walk the custody chain.

Checks, in order, stopping the report at nothing (every problem is listed, the first one
first): the ledger chain and the head sealed in the header; every source blob against its
recorded SHA-256 and size, and against the import entry that brought it in; every exhibit
blob; every event's content hash; each import's digest of its events; each typed entry's
hash in its ledger entry; and that every event points at a source that exists.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from safecase.errors import IntegrityError
from safecase.store import ledger
from safecase.store.case import Case
from safecase.store.eventrows import content_hash

Progress = Callable[[str], None]


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)
    ledger_entries: int = 0
    sources: int = 0
    exhibits: int = 0
    events: int = 0
    head: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "problems": self.problems, "ledger_entries": self.ledger_entries,
                "sources": self.sources, "exhibits": self.exhibits, "events": self.events,
                "head": self.head, "notes": self.notes}


def _check_ledger(case: Case, rep: VerifyReport) -> dict[str, list[dict[str, Any]]]:
    rows = list(ledger.entries(case.db))
    rep.ledger_entries = len(rows)
    problems, last_seq, last_hash = ledger.check_chain(iter(rows))
    rep.problems += problems
    rep.head = last_hash
    try:
        sealed = case.sealed_head()
    except IntegrityError as err:
        rep.problems.append(err.message)
        sealed = None
    if sealed and not problems:
        seq, h = sealed
        if seq > last_seq:
            rep.problems.append(f"ledger entries {last_seq + 1}..{seq} are missing "
                                "(the header records a longer chain)")
        elif rows[seq - 1].hash != h if seq else False:
            rep.problems.append(f"ledger entry {seq} differs from the head sealed in the header")
    by_action: dict[str, list[dict[str, Any]]] = {}
    for e in rows:
        by_action.setdefault(e.action, []).append(json.loads(e.payload) | {"_seq": e.seq})
    return by_action


def _check_blobs(case: Case, rep: VerifyReport, table: str, label: str,
                 progress: Progress | None) -> None:
    for rid, sha, size, blob, name in case.db.execute(
            f"SELECT id, sha256, size, blob, name FROM {table} ORDER BY id").fetchall():
        if progress:
            progress(f"{label} {rid}")
        try:
            got, got_size = case.blobs.sha256(blob)
        except FileNotFoundError:
            rep.problems.append(f"{label} {rid} ({name}): its encrypted file is missing")
            continue
        except IntegrityError as err:
            rep.problems.append(f"{label} {rid} ({name}): {err.message}")
            continue
        if got != sha or got_size != size:
            rep.problems.append(f"{label} {rid} ({name}): SHA-256 is {got}, recorded {sha}")
        if table == "sources":
            rep.sources += 1
        else:
            rep.exhibits += 1


def _check_imports(case: Case, rep: VerifyReport, entries: list[dict[str, Any]]) -> None:
    recorded = {p["import"]: p for p in entries}
    sources = {sid: sha for sid, sha in case.db.execute("SELECT id, sha256 FROM sources")}
    for imp_id, digest, _n in case.db.execute(
            "SELECT id, events_digest, n_events FROM imports ORDER BY id").fetchall():
        p = recorded.get(imp_id)
        if p is None:
            rep.problems.append(f"import {imp_id} has no ledger entry (added behind SafeCase's "
                                "back)")
            continue
        d = hashlib.sha256()
        count = 0
        for (h,) in case.db.execute(
                "SELECT content_hash FROM events WHERE import_id=? ORDER BY id", (imp_id,)):
            d.update(bytes.fromhex(h))
            count += 1
        if count != p["events_added"]:
            rep.problems.append(f"import {imp_id} (ledger entry {p['_seq']}): "
                                f"{count} events now, {p['events_added']} recorded")
        elif d.hexdigest() != p["events_digest"] or digest != p["events_digest"]:
            rep.problems.append(f"import {imp_id} (ledger entry {p['_seq']}): the digest of its "
                                "events does not match the ledger")
        for s in p["sources"]:
            if sources.get(s["source"]) != s["sha256"]:
                rep.problems.append(f"source {s['source']} ({s['name']}): SHA-256 in the case "
                                    f"differs from ledger entry {p['_seq']}")


def _check_events(case: Case, rep: VerifyReport, typed: dict[int, str]) -> None:
    sql = ("SELECT id, kind, channel, direction, ts_ms, raw_time, time_certainty, sender,"
           " sender_name, recipients, text, duration_s, call_status, subject, extra, source_id,"
           " locator, version, supersedes, content_hash, import_id FROM events ORDER BY id")
    sources = {r[0] for r in case.db.execute("SELECT id FROM sources")}
    cur = case.db.execute(sql)
    first_bad: list[str] = []
    bad = 0
    while True:
        rows = cur.fetchmany(5000)
        if not rows:
            break
        for r in rows:
            rep.events += 1
            if content_hash(r[1:19]) != r[19]:
                bad += 1
                if not first_bad:
                    first_bad.append(f"event {r[0]}: its fields differ from its recorded hash "
                                     "(changed after import)")
            if r[20] is None and typed.get(r[0]) != r[19]:
                rep.problems.append(f"event {r[0]}: typed entry does not match its ledger entry")
            if r[15] is not None and r[15] not in sources:
                rep.problems.append(f"event {r[0]}: points at source {r[15]}, which is missing")
    if first_bad:
        more = f" (and {bad - 1} more)" if bad > 1 else ""
        rep.problems.append(first_bad[0] + more)


def verify_case(case: Case, progress: Progress | None = None) -> VerifyReport:
    rep = VerifyReport()
    by_action = _check_ledger(case, rep)
    _check_blobs(case, rep, "sources", "source", progress)
    _check_blobs(case, rep, "exhibits", "exhibit", progress)
    _check_imports(case, rep, by_action.get("import", []))
    typed = {p["event"]: p["content_hash"] for a in ("add", "edit", "confirm-ocr")
             for p in by_action.get(a, [])}
    _check_events(case, rep, typed)
    return rep
