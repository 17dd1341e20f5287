"""The custody ledger: an append-only, hash-chained record of everything done to a case.

Each entry's hash covers its sequence number, time, action, subject, the SHA-256 of its
payload and the previous entry's hash, so changing, inserting or removing any entry breaks
every hash after it. The formula is deliberately plain so anyone can recompute it with
standard tools (see docs/security-model.md):

    payload_sha256 = sha256(payload)            # payload: canonical JSON, UTF-8
    hash = sha256("{seq}|{at}|{action}|{subject}|{payload_sha256}|{prev_hash}")
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

GENESIS = "0" * 64


def canonical_json(obj: Any) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def now_utc() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def entry_hash(seq: int, at: str, action: str, subject: str, payload_sha256: str,
               prev_hash: str) -> str:
    line = f"{seq}|{at}|{action}|{subject}|{payload_sha256}|{prev_hash}"
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    seq: int
    at: str
    action: str
    subject: str
    payload: str
    payload_sha256: str
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq, "at": self.at, "action": self.action, "subject": self.subject,
            "payload": json.loads(self.payload), "payload_sha256": self.payload_sha256,
            "prev_hash": self.prev_hash, "hash": self.hash,
        }


def head(db: Any) -> tuple[int, str]:
    row = db.execute("SELECT seq, hash FROM ledger ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row else (0, GENESIS)


def append(db: Any, action: str, subject: str, payload: dict[str, Any]) -> Entry:
    """Adds an entry inside the caller's transaction."""
    seq, prev = head(db)
    seq += 1
    at = now_utc()
    body = canonical_json(payload)
    psha = hashlib.sha256(body.encode("utf-8")).hexdigest()
    h = entry_hash(seq, at, action, subject, psha, prev)
    db.execute(
        "INSERT INTO ledger(seq, at, action, subject, payload, payload_sha256, prev_hash, hash)"
        " VALUES(?,?,?,?,?,?,?,?)",
        (seq, at, action, subject, body, psha, prev, h),
    )
    return Entry(seq, at, action, subject, body, psha, prev, h)


def entries(db: Any, action: str | None = None) -> Iterator[Entry]:
    sql = "SELECT seq, at, action, subject, payload, payload_sha256, prev_hash, hash FROM ledger"
    args: tuple[Any, ...] = ()
    if action:
        sql += " WHERE action = ?"
        args = (action,)
    for row in db.execute(sql + " ORDER BY seq", args):
        yield Entry(*row)


def check_chain(rows: Iterator[Entry]) -> tuple[list[str], int, str]:
    """Walks the chain; returns (problems, last seq, last hash). Stops at the first break."""
    prev, expected_seq = GENESIS, 1
    last_seq = 0
    for e in rows:
        if e.seq != expected_seq:
            return [f"ledger entry {expected_seq} is missing (found {e.seq} next)"], last_seq, prev
        psha = hashlib.sha256(e.payload.encode("utf-8")).hexdigest()
        if psha != e.payload_sha256:
            return [f"ledger entry {e.seq} ({e.action}): payload does not match its hash"], \
                last_seq, prev
        if e.prev_hash != prev:
            return [f"ledger entry {e.seq} ({e.action}): previous-hash link broken"], \
                last_seq, prev
        h = entry_hash(e.seq, e.at, e.action, e.subject, e.payload_sha256, e.prev_hash)
        if h != e.hash:
            return [f"ledger entry {e.seq} ({e.action}): entry hash does not match its "
                    "fields (time, action or subject changed)"], last_seq, prev
        prev, last_seq, expected_seq = e.hash, e.seq, e.seq + 1
    return [], last_seq, prev
