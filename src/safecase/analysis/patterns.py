"""The pattern of contact per person: how often, when, for how long, after being told to stop.

``pattern(case, person_id=None)`` returns one dict per person (a group of linked
identities; the case owner is left out). Rules (also in docs/analysis.md):

- A *contact* is an incoming event (message, call, email, post, visit, ...) with a known
  time, tied to the person through ``identities.person_id`` of ``events.party_id``.
- Days are calendar days in the case's time zone; weeks start on Monday.
- *Night* is 22:00 to 05:59 local time.
- A *burst* is a run of at least ``BURST_MIN`` contacts in which each follows the one
  before within ``BURST_GAP_MIN`` minutes (15 calls in one night, 30 texts in an hour).
- A *refusal* is an outgoing event with a ``refusal`` signal that the person confirmed, or
  that a detector suggested and the person did not dismiss; each one says which.
- A *block* is a call the phone recorded as blocked.
- A *new identity* is one of the person's identities whose first contact comes after a
  refusal or block that concerned a different identity.
- *Escalation*: Mann-Kendall trend test (safecase.analysis.trend) on weekly contacts and on
  weekly *severe* contacts (those carrying threat, sexual, coercion, surveillance or
  exposure signals that are not dismissed).

Every figure names the event ids it rests on as ``{"count", "event_ids", "truncated"}``,
with at most ``CAP`` ids listed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np

from safecase.analysis import trend
from safecase.analysis.frame import (
    BLOCKED,
    CONFIRMED,
    DISMISSED,
    INCOMING,
    MS_DAY,
    MS_HOUR,
    NO_TIME,
    OUTGOING,
    STATUS_NAMES,
    Frame,
    distinct,
    load,
    person_names,
    tally,
)
from safecase.errors import NotFound
from safecase.model import CHANNELS, EVENT_KINDS, SIGNALS

CAP = 50
BURST_MIN = 5
BURST_GAP_MIN = 30
NIGHT_START, NIGHT_END = 22, 6
SEVERE = ("threat", "sexual", "coercion", "surveillance", "exposure")
RULES = {
    "contact": "an incoming event with a known time, from any identity linked to the person",
    "night": f"{NIGHT_START:02d}:00 to {NIGHT_END - 1:02d}:59 in the case time zone",
    "burst": f"at least {BURST_MIN} contacts, each within {BURST_GAP_MIN} minutes of the "
             "one before",
    "refusal": "an outgoing event with a refusal signal, confirmed by the person or suggested "
               "by a detector and not dismissed",
    "block": "a call the phone recorded as blocked",
    "new_identity": "an identity of this person whose first contact comes after a refusal or "
                    "block concerning another of their identities",
    "escalation": "Mann-Kendall trend test on weekly contacts and on weekly severe contacts "
                  f"(signals {', '.join(SEVERE)}, not dismissed); p < {trend.ALPHA}",
    "week": "Monday to Sunday in the case time zone",
}


# ----- small helpers ------------------------------------------------------------------


def ref(ids: np.ndarray | list[int], cap: int = CAP) -> dict[str, Any]:
    """The event ids a figure rests on: the count, and at most ``cap`` ids."""
    arr = np.asarray(ids, dtype=np.int64)
    return {"count": int(len(arr)), "event_ids": [int(x) for x in arr[:cap]],
            "truncated": bool(len(arr) > cap)}


def _local_text(local: int) -> str:
    return datetime.fromtimestamp(local / 1000, UTC).strftime("%Y-%m-%d %H:%M")


def _utc_text(ts: int) -> str:
    return datetime.fromtimestamp(ts / 1000, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def moment(f: Frame, i: int) -> dict[str, Any]:
    """An event's id and time (UTC and the case's local time)."""
    return {"event_id": int(f.id[i]), "utc": _utc_text(int(f.ts[i])),
            "local": _local_text(int(f.local[i]))}


def day_text(day: int) -> str:
    return (date(1970, 1, 1) + timedelta(days=int(day))).isoformat()


def week_of(local: np.ndarray) -> np.ndarray:
    """Monday-based week number (1970-01-01 was a Thursday: +3 days aligns Mondays)."""
    return (local // MS_DAY + 3) // 7


def week_text(week: int) -> str:
    return day_text(int(week) * 7 - 3)


def _counts(codes: np.ndarray, names: tuple[str, ...], ids: np.ndarray) -> dict[str, Any]:
    """{name: ref} for each code present, most frequent first."""
    out: dict[str, Any] = {}
    if not len(codes):
        return out
    uniq, counts = tally(codes)
    for code in uniq[np.argsort(-counts, kind="stable")]:
        label = names[code] if 0 <= code < len(names) else "other"
        out[label] = ref(ids[codes == code])
    return out


def split_by_person(f: Frame) -> Iterator[tuple[int, Frame]]:
    """(person id, that person's Frame) for each person, without re-scanning per person."""
    order = np.argsort(f.person, kind="stable")  # time order kept within each person
    inverse = np.empty_like(order)
    inverse[order] = np.arange(len(order))
    pers = f.person[order]
    sig_rows = inverse[f.sig_row] if len(f.sig_row) else f.sig_row
    sig_order = np.argsort(sig_rows, kind="stable")
    sig_rows = sig_rows[sig_order]
    if not len(pers):
        return  # an empty case: no one to describe
    starts = np.concatenate([[0], np.flatnonzero(np.diff(pers)) + 1]).astype(np.int64)
    uniq = pers[starts] if len(pers) else pers
    ends = np.append(starts[1:], len(pers))
    for pid, a, b in zip(uniq, starts, ends, strict=True):
        if pid < 0:
            continue
        sl = order[a:b]
        s0, s1 = np.searchsorted(sig_rows, [a, b])
        ss = sig_order[s0:s1]
        yield int(pid), Frame(
            f.id[sl], f.ts[sl], f.local[sl], f.kind[sl], f.channel[sl], f.direction[sl],
            f.call_status[sl], f.identity[sl], f.person[sl], sig_rows[s0:s1] - a,
            f.sig_name[ss], f.sig_status[ss], f.sig_score[ss], f.zone)


# ----- the parts of a pattern ----------------------------------------------------------


def _peak(local: np.ndarray, ids: np.ndarray, unit: int, label: Any) -> dict[str, Any] | None:
    if not len(local):
        return None
    buckets = local // unit
    uniq, counts = tally(buckets)
    k = int(np.argmax(counts))  # the earliest of equal peaks
    return {"when": label(int(uniq[k])), "count": int(counts[k]),
            **ref(ids[buckets == uniq[k]])}


def burst_runs(ts: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) slices of the sorted times ``ts`` that form bursts."""
    if len(ts) < BURST_MIN:
        return []
    breaks = np.diff(ts) > BURST_GAP_MIN * 60_000
    run = np.concatenate([[0], np.cumsum(breaks)])
    sizes = np.bincount(run)
    big = np.flatnonzero(sizes >= BURST_MIN)
    starts = np.searchsorted(run, big, side="left")
    return [(int(s), int(s + sizes[r])) for r, s in zip(big, starts, strict=True)]


def _burst(f: Frame, idx: np.ndarray) -> dict[str, Any]:
    hour = int((f.local[idx[0]] % MS_DAY) // MS_HOUR)
    return {
        "start": moment(f, int(idx[0])), "end": moment(f, int(idx[-1])),
        "minutes": round(float(f.ts[idx[-1]] - f.ts[idx[0]]) / 60_000, 1),
        "kinds": {EVENT_KINDS[k]: int(c) for k, c in
                  zip(*tally(f.kind[idx]), strict=True)},
        "starts_at_night": bool(hour >= NIGHT_START or hour < NIGHT_END),
        **ref(f.id[idx]),
    }


def _bursts(f: Frame, ci: np.ndarray) -> dict[str, Any]:
    runs = burst_runs(f.ts[ci])
    out: dict[str, Any] = {"rule": RULES["burst"], "count": len(runs), "largest": None,
                           "bursts": [_burst(f, ci[a:b]) for a, b in runs[:CAP]],
                           "truncated": len(runs) > CAP}
    if runs:
        a, b = max(runs, key=lambda r: r[1] - r[0])  # the first of equal largest
        out["largest"] = _burst(f, ci[a:b])
        members = np.concatenate([ci[a:b] for a, b in runs])
        out["events_in_bursts"] = ref(f.id[members])
    else:
        out["events_in_bursts"] = ref([])
    return out


def _night(f: Frame, ci: np.ndarray) -> dict[str, Any]:
    hours = (f.local[ci] % MS_DAY) // MS_HOUR
    night = (hours >= NIGHT_START) | (hours < NIGHT_END)
    n = int(night.sum())
    return {"rule": RULES["night"], "share": round(n / len(ci), 4) if len(ci) else None,
            **ref(f.id[ci[night]])}


def refusal_rows(f: Frame) -> np.ndarray:
    """Row indexes of refusals (time order)."""
    status = f.signal_status("refusal")
    return np.flatnonzero((f.direction == OUTGOING) & (f.ts != NO_TIME) & (status >= 0)
                          & (status != DISMISSED))


def _after(f: Frame, ci: np.ndarray, t0: int, t1: int | None = None) -> dict[str, Any]:
    """Contacts strictly after t0 (and at or before t1)."""
    ts = f.ts[ci]
    a = int(np.searchsorted(ts, t0, side="right"))
    b = len(ts) if t1 is None else int(np.searchsorted(ts, t1, side="right"))
    idx = ci[a:b]
    out: dict[str, Any] = {**ref(f.id[idx])}
    if len(idx):
        out["first"] = moment(f, int(idx[0]))
        out["last"] = moment(f, int(idx[-1]))
        out["days"] = int(f.local[idx[-1]] // MS_DAY - f.local[idx[0]] // MS_DAY) + 1
        out["span_days_since_refusal"] = round(float(f.ts[idx[-1]] - t0) / MS_DAY, 1)
        out["by_kind"] = {EVENT_KINDS[k]: int(c) for k, c in
                          zip(*tally(f.kind[idx]), strict=True)}
    return out


def _refusals(f: Frame, ci: np.ndarray) -> tuple[dict[str, Any], np.ndarray]:
    rows = refusal_rows(f)
    status = f.signal_status("refusal")
    items = []
    for n, r in enumerate(rows[:CAP]):
        nxt = int(f.ts[rows[n + 1]]) if n + 1 < len(rows) else None
        items.append({
            **moment(f, int(r)), "status": STATUS_NAMES[int(status[r])],
            "contacts_after": _after(f, ci, int(f.ts[r])),
            "contacts_before_next_refusal": _after(f, ci, int(f.ts[r]), nxt),
        })
    summary: dict[str, Any] = {
        "rule": RULES["refusal"], "count": int(len(rows)),
        "confirmed": int((status[rows] == CONFIRMED).sum()),
        "suggested_not_reviewed": int((status[rows] != CONFIRMED).sum()),
        "refusals": items, "truncated": len(rows) > CAP,
        "contacts_after_first_refusal": (_after(f, ci, int(f.ts[rows[0]])) if len(rows)
                                         else {**ref([])}),
    }
    return summary, rows


def _new_identities(f: Frame, ci: np.ndarray, refusals: np.ndarray,
                    idents: dict[int, dict[str, Any]]) -> dict[str, Any]:
    blocks = np.flatnonzero((f.call_status == BLOCKED) & (f.ts != NO_TIME))
    triggers = np.concatenate([refusals, blocks])
    triggers = triggers[np.argsort(f.ts[triggers], kind="stable")]
    found = []
    if len(triggers) and len(ci):
        ident_ci = f.identity[ci]
        for ident, k in _first_index(ident_ci, idents):
            row = int(ci[k])
            before = triggers[f.ts[triggers] < f.ts[row]]
            before = before[f.identity[before] != ident]
            if ident < 0 or not len(before):
                continue
            t = int(before[-1])
            info = idents.get(int(ident), {})
            found.append({
                "identity": int(ident), "value": info.get("value"),
                "kind": info.get("kind"), "platform": info.get("platform"),
                "first_contact": moment(f, row),
                "follows": {**moment(f, t), "what": "refusal" if t in set(refusals.tolist())
                            else "block", "identity": int(f.identity[t])},
                "days_after": round(float(f.ts[row] - f.ts[t]) / MS_DAY, 1),
                **ref(f.id[ci[ident_ci == ident]]),
            })
    return {"rule": RULES["new_identity"], "blocks": ref(f.id[blocks]),
            "count": len(found), "identities": found}


def _first_index(values: np.ndarray, known: dict[int, Any]) -> list[tuple[int, int]]:
    """(identity, index of its first occurrence) for each identity present."""
    if len(known) <= 64:  # the usual case: a few numbers and accounts
        out = []
        for ident in known:
            hits = np.flatnonzero(values == ident)
            if len(hits):
                out.append((int(ident), int(hits[0])))
        return out
    uniq, first = np.unique(values, return_index=True)
    return [(int(u), int(k)) for u, k in zip(uniq, first, strict=True)]


def _escalation(f: Frame, ci: np.ndarray) -> dict[str, Any]:
    out: dict[str, Any] = {"rule": RULES["escalation"]}
    if not len(ci):
        out.update(weeks=[], frequency=trend.mann_kendall([]), severity=trend.mann_kendall([]))
        out["frequency"]["plain"] = trend.describe(out["frequency"], "contacts")
        out["severity"]["plain"] = trend.describe(out["severity"], "severe contacts")
        return out
    weeks = week_of(f.local[ci])
    w0 = int(weeks.min())
    span = int(weeks.max()) - w0 + 1
    severe = np.zeros(len(f.id), dtype=bool)
    for name in SEVERE:
        severe |= f.signal_mask(name)
    sev_ci = severe[ci]
    freq = np.bincount(weeks - w0, minlength=span)
    sev = np.bincount(weeks[sev_ci] - w0, minlength=span)
    out["weeks"] = [{"week": week_text(w0 + k), "contacts": int(freq[k]), "severe": int(sev[k])}
                    for k in range(span)]
    out["frequency"] = trend.mann_kendall(freq)
    out["frequency"]["plain"] = trend.describe(out["frequency"], "contacts")
    out["frequency"].update(ref(f.id[ci]))
    out["severity"] = trend.mann_kendall(sev)
    out["severity"]["plain"] = trend.describe(out["severity"], "severe contacts "
                                              f"({', '.join(SEVERE)})")
    out["severity"].update(ref(f.id[ci[sev_ci]]))
    return out


def _signals(f: Frame) -> dict[str, Any]:
    out: dict[str, Any] = {}
    weeks = week_of(f.local)
    for code, name in enumerate(SIGNALS):
        sel = f.sig_name == code
        if not sel.any():
            continue
        rows, status = f.sig_row[sel], f.sig_status[sel]
        live = rows[status != DISMISSED]
        live = live[np.argsort(f.ts[live], kind="stable")]
        dated = live[f.ts[live] != NO_TIME]
        wk, wc = tally(weeks[dated])
        out[name] = {
            "confirmed": int((status == CONFIRMED).sum()),
            "suggested": int((status == 0).sum()),
            "dismissed": int((status == DISMISSED).sum()),
            "weekly": {week_text(int(w)): int(c) for w, c in zip(wk, wc, strict=True)},
            **ref(f.id[live]),
        }
    return out


def _channels(f: Frame, ci: np.ndarray, idents: dict[int, Any]) -> dict[str, Any]:
    chans: dict[str, Any] = {}
    chan_ci = f.channel[ci]
    for code in tally(chan_ci)[0]:
        idx = ci[chan_ci == code]
        chans[CHANNELS[code] if code >= 0 else "other"] = {
            "first": moment(f, int(idx[0])), "last": moment(f, int(idx[-1])),
            "identities": sorted(i for i, _ in _first_index(f.identity[idx], idents) if i >= 0),
            **ref(f.id[idx]),
        }
    chans = dict(sorted(chans.items(), key=lambda kv: -kv[1]["count"]))
    return {"multi_channel": len(chans) >= 2, "count": len(chans), "channels": chans}


def person_pattern(f: Frame, person: dict[str, Any]) -> dict[str, Any]:
    """The pattern of one person's events (``f`` holds only theirs, in time order)."""
    dated = f.ts != NO_TIME
    inc = f.direction == INCOMING
    ci = np.flatnonzero(inc & dated)
    n_in, n_out = int(inc.sum()), int((f.direction == OUTGOING).sum())
    idents = {i["id"]: i for i in person["identities"]}
    out: dict[str, Any] = {
        "person": {"id": person["id"], "name": person["name"],
                   "identities": person["identities"]},
        "rules": RULES,
        "events": {
            **ref(f.id), "incoming": ref(f.id[inc]),
            "outgoing": ref(f.id[f.direction == OUTGOING]),
            "other_direction": ref(f.id[~inc & (f.direction != OUTGOING)]),
            "without_time": ref(f.id[~dated]),
            "reply_ratio": round(n_out / n_in, 4) if n_in else None,
            "by_kind": _counts(f.kind, EVENT_KINDS, f.id),
            "by_channel": _counts(f.channel, CHANNELS, f.id),
        },
        "first_contact": moment(f, int(ci[0])) if len(ci) else None,
        "last_contact": moment(f, int(ci[-1])) if len(ci) else None,
        "days_spanned": (int(f.local[ci[-1]] // MS_DAY - f.local[ci[0]] // MS_DAY) + 1
                         if len(ci) else 0),
        "active_days": distinct(f.local[ci] // MS_DAY),
        "peak_day": _peak(f.local[ci], f.id[ci], MS_DAY, day_text),
        "peak_hour": _peak(f.local[ci], f.id[ci], MS_HOUR,
                           lambda h: _local_text(h * MS_HOUR)),
        "bursts": _bursts(f, ci),
        "night": _night(f, ci),
    }
    out["refusals"], refusals = _refusals(f, ci)
    out["new_identities"] = _new_identities(f, ci, refusals, idents)
    out["escalation"] = _escalation(f, ci)
    out["signals"] = _signals(f)
    out["channels"] = _channels(f, ci, idents)
    return out


def iter_person_frames(case: Any, person_id: int | None = None
                       ) -> Iterator[tuple[dict[str, Any], Frame]]:
    """(person, their Frame) for one person or every person other than the case owner."""
    persons = person_names(case)
    if person_id is not None and person_id not in persons:
        raise NotFound(f"no person {person_id} in this case (see `safecase people`)")
    frame = load(case, person_id)
    for pid, sub in split_by_person(frame):
        info = persons.get(pid)
        if info is None or info["is_self"]:
            continue
        yield info, sub


def pattern(case: Any, person_id: int | None = None) -> list[dict[str, Any]]:
    """The pattern for one person, or for every person (most contacts first)."""
    out = [person_pattern(f, info) for info, f in iter_person_frames(case, person_id)]
    out.sort(key=lambda p: -p["events"]["incoming"]["count"])
    return out
