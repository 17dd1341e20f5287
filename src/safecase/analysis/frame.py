"""Events and signals of a case as numpy arrays, for pattern and assessment.

A case can hold a million events; reading them as dicts would be slow. Here one SQL query
returns small integer codes (kind, channel, direction, call status) so the rows become numpy
arrays directly, and every statistic after that is vectorised. No message text is read.

Signal status: the latest review of (event, signal) decides: ``confirmed`` or ``dismissed``;
a detector's signal nobody reviewed is ``suggested``. A review of a signal no detector
suggested (the person adding a label) counts as ``confirmed``.
"""

from __future__ import annotations

import itertools
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


# The most common values first: CASE stops at the first match, and this runs per event.
_COMMON = ("message", "call", "sms", "phone", "incoming", "outgoing", "email", "whatsapp")


def _case_sql(column: str, values: tuple[str, ...]) -> str:
    """SQL mapping a text column to its index in ``values`` (-1 for anything else)."""
    order = sorted(range(len(values)),
                   key=lambda i: (_COMMON.index(values[i]) if values[i] in _COMMON
                                  else len(_COMMON), i))
    whens = " ".join(f"WHEN '{values[i]}' THEN {i}" for i in order)
    return f"CASE {column} {whens} ELSE -1 END"


# Two integers per event keep the Python side of a million-row fetch small:
#   A = id << 23 | party_id           (ids below 2**40, identities below 2**23)
#   B = ts_ms << 20 | call_status+1 << 11 | direction << 9 | channel << 4 | kind
# ``load`` checks the bounds first and falls back to plain columns when they do not hold.
_CODES = (f"(({_case_sql('kind', EVENT_KINDS)}) & 15)"
          f" | ((({_case_sql('channel', CHANNELS)}) & 31) << 4)"
          f" | ((({_case_sql('direction', DIRECTIONS)}) & 3) << 9)"
          " | ((CASE WHEN call_status IS NULL THEN 0 ELSE "
          f"1 + {_case_sql('call_status', CALL_STATUSES)} END & 7) << 11)")
_LIVE = "removed = 0 AND superseded_by IS NULL"
_PACKED_SQL = (f"SELECT (id << 23) | coalesce(party_id, 0), (coalesce(ts_ms, 0) << 20) | {_CODES}"
               f" FROM events WHERE {_LIVE}")
_PLAIN_SQL = (
    "SELECT id, coalesce(ts_ms, -9223372036854775807), "
    f"{_case_sql('kind', EVENT_KINDS)}, {_case_sql('channel', CHANNELS)}, "
    f"{_case_sql('direction', DIRECTIONS)}, {_case_sql('call_status', CALL_STATUSES)}, "
    f"coalesce(party_id, -1) FROM events WHERE {_LIVE}"
)
# A covering index for these reads: a million events are read from the index (a few
# columns) instead of the table (text and all), about three times faster. Created by
# ``safecase analyze`` (see ensure_index); pattern and assess work without it.
INDEX_SQL = ("CREATE INDEX IF NOT EXISTS events_analysis ON events(party_id, ts_ms, kind, "
             f"channel, direction, call_status) WHERE {_LIVE}")
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
    steps = np.diff(hours)
    if (steps >= 0).all():  # time order (as load gives): no sort needed
        starts = np.concatenate([[0], np.flatnonzero(steps) + 1])
        uniq = hours[starts]
        inv = np.cumsum(np.concatenate([[0], steps != 0]))
    else:
        uniq, inv = np.unique(hours, return_inverse=True)
    offsets = np.fromiter(
        (datetime.fromtimestamp(int(h) * 3600, UTC).astimezone(zone).utcoffset()
         .total_seconds() * 1000 for h in uniq), dtype=np.int64, count=len(uniq))
    out[dated] = ts[dated] + offsets[inv]
    return out


def distinct(values: np.ndarray) -> int:
    """How many distinct values (small-range integers such as day or week numbers)."""
    if not len(values):
        return 0
    return int(np.count_nonzero(np.bincount(values - values.min())))


def tally(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct values, counts) of small-range integers, without sorting."""
    if not len(values):
        return values[:0], values[:0]
    lo = values.min()
    counts = np.bincount(values - lo)
    present = np.flatnonzero(counts)
    return present + lo, counts[present]


def identities_of(case: Any, person_id: int) -> list[int]:
    return [r[0] for r in case.db.execute("SELECT id FROM identities WHERE person_id=?",
                                          (person_id,))]


def has_index(case: Any) -> bool:
    return case.db.execute("SELECT 1 FROM sqlite_master WHERE type='index' AND "
                           "name='events_analysis'").fetchone() is not None


def ensure_index(case: Any) -> bool:
    """Creates the analysis index if missing (inside the caller's transaction)."""
    have = has_index(case)
    if not have:
        case.db.execute(INDEX_SQL)
    return not have


def _party_filter(idents: list[int] | None) -> tuple[str, list[int]]:
    if idents is None:
        return "", []
    return f" AND party_id IN ({','.join('?' * len(idents)) or 'NULL'})", idents


def _fetch(case: Any, idents: list[int] | None) -> np.ndarray:
    """(n, 7) int64: id, ts (NO_TIME if unknown), kind, channel, direction, status, party."""
    where, args = _party_filter(idents)
    # One aggregate per query: SQLite answers a lone min() or max() from an index at once.
    lo, hi, max_id, max_party = (case.db.execute(f"SELECT {agg} FROM events").fetchone()[0]
                                 for agg in ("min(ts_ms)", "max(ts_ms)", "max(id)",
                                             "max(party_id)"))
    packable = ((lo is None or lo >= 0) and (hi is None or hi < 1 << 43)
                and (max_id or 0) < 1 << 40 and (max_party or 0) < 1 << 23)
    if not packable:
        rows = case.db.execute(_PLAIN_SQL + where, args).fetchall()
        return np.array(rows, dtype=np.int64).reshape(-1, 7)
    sql = _PACKED_SQL
    if idents is not None and has_index(case):
        # The planner would pick events_party and read the table row by row.
        sql = sql.replace("FROM events", "FROM events INDEXED BY events_analysis")
    cur = case.db.execute(sql + where, args)
    flat = np.fromiter(itertools.chain.from_iterable(cur), dtype=np.int64)
    a, b = flat[0::2], flat[1::2]
    out = np.empty((len(a), 7), dtype=np.int64)
    out[:, 0] = a >> 23
    party = a & ((1 << 23) - 1)
    out[:, 6] = np.where(party == 0, -1, party)
    out[:, 1] = b >> 20
    kind, chan = b & 15, (b >> 4) & 31
    out[:, 2] = np.where(kind == 15, -1, kind)
    out[:, 3] = np.where(chan == 31, -1, chan)
    out[:, 4] = (b >> 9) & 3
    out[:, 5] = ((b >> 11) & 7) - 1
    undated = case.db.execute(f"SELECT id FROM events WHERE {_LIVE} AND ts_ms IS NULL"
                              + where, args).fetchall()
    if undated:
        out[np.isin(out[:, 0], [r[0] for r in undated]), 1] = NO_TIME
    return out


def load(case: Any, person_id: int | None = None) -> Frame:
    """Reads the live events (all, or one person's) and their signals into a Frame."""
    idents = identities_of(case, person_id) if person_id is not None else None
    data = _fetch(case, idents)
    order = np.lexsort((data[:, 0], data[:, 1]))  # time, then id
    data = data[order]
    # Identity to person through a lookup array (identities are few beside events).
    pairs = np.array(case.db.execute("SELECT id, person_id FROM identities").fetchall(),
                     dtype=np.int64).reshape(-1, 2)
    lookup = np.full(int(pairs[:, 0].max()) + 2 if len(pairs) else 1, -1, dtype=np.int64)
    lookup[pairs[:, 0]] = pairs[:, 1]
    party = data[:, 6]
    person = np.where(party >= 0, lookup[np.clip(party, 0, len(lookup) - 1)], -1)
    zone = case.zone
    ids = data[:, 0]
    sig_row, sig_name, sig_status, sig_score = _signals(case, ids, idents)
    return Frame(ids, data[:, 1], local_ms(data[:, 1], zone), data[:, 2], data[:, 3],
                 data[:, 4], data[:, 5], party, person, sig_row, sig_name,
                 sig_status, sig_score, zone)


def _signals(case: Any, ids: np.ndarray, idents: list[int] | None
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    # All signals and reviews: far fewer than events, and the id mapping below drops those
    # of events not loaded (another person's, removed, superseded).
    name_sql = _case_sql("name", SIGNALS)
    # A plain scan (no GROUP BY, which would walk the unique index and look up every row);
    # several detectors' copies of one (event, name) are folded below, keeping the highest.
    rows = case.db.execute(f"SELECT event_id, {name_sql}, score FROM signals").fetchall()
    rev_rows = case.db.execute(
        f"SELECT event_id, {_case_sql('signal', SIGNALS)}, decision FROM reviews ORDER BY id"
    ).fetchall()
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
    if len(ev):
        key = ev * len(SIGNALS) + name
        order = np.lexsort((-score, key))  # by key, highest score first
        first = np.concatenate([[True], np.diff(key[order]) != 0])
        pick = order[first]
        ev, name, score = ev[pick], name[pick], score[pick]
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
