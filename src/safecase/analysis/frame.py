"""Events and signals of a case as numpy arrays, for pattern and assessment.

A case can hold a million events; reading them as dicts would be slow. Here one SQL query
returns small integer codes (kind, channel, direction, call status) so the rows become numpy
arrays directly, and every statistic after that is vectorised. No message text is read.

Signal status: the latest review of (event, signal) decides: ``confirmed`` or ``dismissed``;
a detector's signal nobody reviewed is ``suggested``. A review of a signal no detector
suggested (the person adding a label) counts as ``confirmed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from safecase.model import CALL_STATUSES, CHANNELS, DIRECTIONS, EVENT_KINDS, SIGNALS

SUGGESTED, CONFIRMED, DISMISSED = 0, 1, 2
STATUS_NAMES = ("suggested", "confirmed", "dismissed")
INCOMING, OUTGOING, UNKNOWN = (DIRECTIONS.index(d) for d in ("incoming", "outgoing", "unknown"))
BLOCKED = CALL_STATUSES.index("blocked")
MS_HOUR = 3_600_000
MS_DAY = 86_400_000


def _case_sql(column: str, values: tuple[str, ...]) -> str:
    """SQL mapping a text column to its index in ``values`` (-1 for anything else)."""
    whens = " ".join(f"WHEN '{v}' THEN {i}" for i, v in enumerate(values))
    return f"CASE {column} {whens} ELSE -1 END"


_EVENT_SQL = (
    "SELECT e.id, coalesce(e.ts_ms, -9223372036854775807), "
    f"{_case_sql('e.kind', EVENT_KINDS)}, {_case_sql('e.channel', CHANNELS)}, "
    f"{_case_sql('e.direction', DIRECTIONS)}, {_case_sql('e.call_status', CALL_STATUSES)}, "
    "coalesce(e.party_id, -1), coalesce(i.person_id, -1) "
    "FROM events e LEFT JOIN identities i ON i.id = e.party_id "
    "WHERE e.removed = 0 AND e.superseded_by IS NULL"
)
NO_TIME = -9223372036854775807


@dataclass
class Frame:
    """Columns of the live events (time order), and their signals."""

    id: np.ndarray          # event id
    ts: np.ndarray          # UTC ms (NO_TIME when unknown)
    local: np.ndarray       # local (case time zone) ms, same sentinel
    kind: np.ndarray        # index into EVENT_KINDS
    channel: np.ndarray     # index into CHANNELS
    direction: np.ndarray   # index into DIRECTIONS
    call_status: np.ndarray  # index into CALL_STATUSES, -1 when none
    identity: np.ndarray    # identities.id of the other party, -1 when none
    person: np.ndarray      # persons.id, -1 when none
    # Signals, one row per (event, name): event index into the arrays above.
    sig_row: np.ndarray
    sig_name: np.ndarray    # index into SIGNALS
    sig_status: np.ndarray  # SUGGESTED / CONFIRMED / DISMISSED
    sig_score: np.ndarray
    zone: Any

    def __len__(self) -> int:
        return len(self.id)

    def subset(self, mask: np.ndarray) -> Frame:
        """The events where ``mask`` holds, with their signals."""
        idx = np.flatnonzero(mask)
        remap = np.full(len(self.id), -1, dtype=np.int64)
        remap[idx] = np.arange(len(idx))
        keep = mask[self.sig_row] if len(self.sig_row) else np.zeros(0, dtype=bool)
        return Frame(self.id[idx], self.ts[idx], self.local[idx], self.kind[idx],
                     self.channel[idx], self.direction[idx], self.call_status[idx],
                     self.identity[idx], self.person[idx], remap[self.sig_row[keep]],
                     self.sig_name[keep], self.sig_status[keep], self.sig_score[keep],
                     self.zone)

    def signal_mask(self, name: str, statuses: tuple[int, ...] = (SUGGESTED, CONFIRMED)
                    ) -> np.ndarray:
        """Per event: does it carry signal ``name`` in one of ``statuses``?"""
        out = np.zeros(len(self.id), dtype=bool)
        sel = (self.sig_name == SIGNALS.index(name)) & np.isin(self.sig_status, statuses)
        out[self.sig_row[sel]] = True
        return out

    def signal_status(self, name: str) -> np.ndarray:
        """Per event: the status of signal ``name`` (-1 when absent)."""
        out = np.full(len(self.id), -1, dtype=np.int64)
        sel = self.sig_name == SIGNALS.index(name)
        out[self.sig_row[sel]] = self.sig_status[sel]
        return out


def local_ms(ts: np.ndarray, zone: Any) -> np.ndarray:
    """UTC ms to local wall-clock ms in ``zone``.

    Offsets are looked up once per distinct UTC hour (zone changes happen on the hour in
    nearly every zone), so a million events cost a few thousand zoneinfo calls."""
    out = ts.copy()
    dated = ts != NO_TIME
    if not dated.any():
        return out
    hours = ts[dated] // MS_HOUR
    uniq, inv = np.unique(hours, return_inverse=True)
    offsets = np.fromiter(
        (datetime.fromtimestamp(int(h) * 3600, UTC).astimezone(zone).utcoffset()
         .total_seconds() * 1000 for h in uniq), dtype=np.int64, count=len(uniq))
    out[dated] = ts[dated] + offsets[inv]
    return out


def identities_of(case: Any, person_id: int) -> list[int]:
    return [r[0] for r in case.db.execute("SELECT id FROM identities WHERE person_id=?",
                                          (person_id,))]


def load(case: Any, person_id: int | None = None) -> Frame:
    """Reads the live events (all, or one person's) and their signals into a Frame."""
    sql, args = _EVENT_SQL, []
    if person_id is not None:
        idents = identities_of(case, person_id)
        sql += f" AND e.party_id IN ({','.join('?' * len(idents)) or 'NULL'})"
        args = idents
    rows = case.db.execute(sql, args).fetchall()
    data = np.array(rows, dtype=np.int64).reshape(-1, 8)
    order = np.lexsort((data[:, 0], data[:, 1]))  # time, then id
    data = data[order]
    zone = case.zone
    ids = data[:, 0]
    sig_row, sig_name, sig_status, sig_score = _signals(case, ids, person_id, args)
    return Frame(ids, data[:, 1], local_ms(data[:, 1], zone), data[:, 2], data[:, 3],
                 data[:, 4], data[:, 5], data[:, 6], data[:, 7], sig_row, sig_name,
                 sig_status, sig_score, zone)


def _signals(case: Any, ids: np.ndarray, person_id: int | None, idents: list[int]
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    where = ""
    if person_id is not None:
        where = (" WHERE event_id IN (SELECT id FROM events WHERE party_id IN "
                 f"({','.join('?' * len(idents)) or 'NULL'}))")
    name_sql = _case_sql("name", SIGNALS)
    rows = case.db.execute(
        f"SELECT event_id, {name_sql}, max(score) FROM signals{where} GROUP BY event_id, name",
        idents if person_id is not None else []).fetchall()
    rev_rows = case.db.execute(
        f"SELECT event_id, {_case_sql('signal', SIGNALS)}, decision FROM reviews{where} "
        "ORDER BY id", idents if person_id is not None else []).fetchall()
    n_sig = len(SIGNALS)
    latest: dict[int, int] = {}
    for eid, code, decision in rev_rows:  # reviews are the person's own, so few
        if code >= 0:
            latest[eid * n_sig + code] = CONFIRMED if decision == "confirmed" else DISMISSED
    sig = np.array(rows, dtype=np.float64).reshape(-1, 3)
    ev = sig[:, 0].astype(np.int64)
    name = sig[:, 1].astype(np.int64)
    score = sig[:, 2]
    keep = name >= 0
    ev, name, score = ev[keep], name[keep], score[keep]
    status = np.full(len(ev), SUGGESTED, dtype=np.int64)
    if latest:
        keys = ev * n_sig + name
        rkeys = np.fromiter(latest.keys(), dtype=np.int64, count=len(latest))
        rvals = np.fromiter(latest.values(), dtype=np.int64, count=len(latest))
        sort = np.argsort(rkeys)
        rkeys, rvals = rkeys[sort], rvals[sort]
        pos = np.clip(np.searchsorted(rkeys, keys), 0, len(rkeys) - 1)
        hit = rkeys[pos] == keys
        status[hit] = rvals[pos[hit]]
        # Labels the person added that no detector suggested.
        extra = ~np.isin(rkeys, keys)
        if extra.any():
            ev = np.concatenate([ev, rkeys[extra] // n_sig])
            name = np.concatenate([name, rkeys[extra] % n_sig])
            status = np.concatenate([status, rvals[extra]])
            score = np.concatenate([score, np.ones(int(extra.sum()))])
    # Event ids to row indexes; signals of events not loaded (removed, other person) drop.
    by_id = np.argsort(ids)
    pos = np.searchsorted(ids[by_id], ev) if len(ids) else np.zeros(len(ev), dtype=np.int64)
    pos = np.clip(pos, 0, max(len(ids) - 1, 0))
    hit = (ids[by_id][pos] == ev) if len(ids) else np.zeros(len(ev), dtype=bool)
    rows_idx = by_id[pos[hit]] if len(ids) else np.zeros(0, dtype=np.int64)
    return rows_idx, name[hit], status[hit], score[hit]


def person_names(case: Any) -> dict[int, dict[str, Any]]:
    """Persons (not the case owner) with their identities."""
    out: dict[int, dict[str, Any]] = {}
    for pid, name, is_self in case.db.execute("SELECT id, name, is_self FROM persons"):
        out[pid] = {"id": pid, "name": name, "is_self": bool(is_self), "identities": []}
    for iid, kind, platform, value, dname, pid in case.db.execute(
            "SELECT id, kind, platform, value, display_name, person_id FROM identities "
            "ORDER BY id"):
        if pid in out:
            out[pid]["identities"].append({"id": iid, "kind": kind, "platform": platform,
                                           "value": value, "display_name": dname})
    return out
