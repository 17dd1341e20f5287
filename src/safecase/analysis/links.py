"""Suggested links: identities that may be the same person, each with its reasons.

Nothing here links anything: ``suggest_links`` only proposes, the person decides with
``safecase link``. A pair of identities (of different persons, neither the case owner) is
proposed when their reasons' weights add up to ``THRESHOLD`` and timing is backed by
content (or two content reasons agree; see ``_enough``):

- *after a refusal or block*: B's first contact comes within ``AFTER_DAYS`` days after a
  refusal sent to A or a call from A the phone blocked;
- *handover*: A's last contact falls between one day after and ``HANDOVER_DAYS`` days
  before B's first contact (A went quiet as B began);
- *says so*: B writes something like "new number", "you blocked me", "it's me";
- *shared phrases*: the same uncommon four-word phrases in both (not found in others);
- *writing style*: cosine similarity of character (UTF-8 byte) 3-gram profiles at least
  ``STYLE_MIN``;
- *emoji habits*: mostly the same emoji;
- *signature*: the same closing line or sign-off in several messages of each.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from safecase.analysis.frame import has_index

MAX_IDENTITIES = 400     # most active; keeps the pair count bounded
MAX_TEXTS = 1000         # newest messages per identity
AFTER_DAYS = 90
HANDOVER_DAYS = 7
STYLE_MIN = 0.75
STYLE_DIM = 1 << 14
STYLE_MIN_CHARS = 150
SHARED_MIN = 2
THRESHOLD = 0.6
WEIGHTS = {"after_refusal_or_block": 0.3, "handover": 0.3, "says_so": 0.4,
           "shared_phrases": 0.3, "writing_style": 0.3, "emoji": 0.15, "signature": 0.4}
MS_DAY = 86_400_000

_SAYS_SO = re.compile(
    r"\b(new (?:number|phone|account|profile|sim)|(?:you|u) blocked me|blocked me|"
    r"blocking me|unblock me|it'?s (?:still )?me|same me|another number|other number)\b",
    re.IGNORECASE)
_WORD = re.compile(r"\w+(?:'\w+)?", re.UNICODE)
_EMOJI = re.compile("[\U0001F300-\U0001FAFF\u2600-\u27BF\U0001F000-\U0001F2FF]")
_GENERIC_SIGNATURES = {"sent from my iphone", "sent from my android", "get outlook for ios",
                       "sent from my samsung galaxy smartphone."}


@dataclass
class _Ident:
    id: int
    person: int
    label: str
    first: int = 0      # UTC ms of the first and last incoming contact (always known:
    last: int = 0       # only identities with dated contact are loaded)
    contacts: int = 0
    first_event: int | None = None
    texts: list[tuple[int, str]] = field(default_factory=list)  # newest first
    triggers: list[tuple[int, int, str]] = field(default_factory=list)  # (ts, event, what)


def _day(ts: int) -> str:
    return datetime.fromtimestamp(ts / 1000, UTC).strftime("%Y-%m-%d")


_INCOMING = ("direction = 'incoming' AND removed = 0 AND superseded_by IS NULL "
             "AND ts_ms IS NOT NULL")


def _load(case: Any) -> dict[int, _Ident]:
    # Per identity: contacts, first and last (from the analysis index when there is one).
    stats = case.db.execute(
        f"SELECT party_id, count(*), min(ts_ms), max(ts_ms) FROM events WHERE {_INCOMING} "
        "AND party_id IS NOT NULL GROUP BY party_id").fetchall()
    # A lone min() makes SQLite return the id of that row.
    first_ids = dict((pid, eid) for pid, _, eid in case.db.execute(
        f"SELECT party_id, min(ts_ms), id FROM events WHERE {_INCOMING} "
        "AND party_id IS NOT NULL GROUP BY party_id"))
    who = {iid: (pid, label) for iid, pid, label in case.db.execute(
        "SELECT i.id, i.person_id, CASE WHEN i.display_name IS NOT NULL AND i.display_name != "
        "i.value THEN i.display_name || ' (' || i.value || ')' ELSE i.value END "
        "FROM identities i JOIN persons p ON p.id = i.person_id AND p.is_self = 0")}
    stats = [r for r in stats if r[0] in who]
    stats.sort(key=lambda r: (-r[1], r[0]))
    idents: dict[int, _Ident] = {}
    for iid, n, first, last in stats[:MAX_IDENTITIES]:
        pid, label = who[iid]
        idents[iid] = _Ident(iid, pid, label, first, last, n, first_event=first_ids.get(iid))
    if not idents:
        return idents
    ids = list(idents)
    for iid in ids:  # the newest messages of each, through the (party, time) index
        idents[iid].texts = case.db.execute(
            "SELECT id, text FROM events WHERE party_id = ? AND direction = 'incoming' AND "
            "text IS NOT NULL AND kind IN ('message', 'email', 'post') AND removed = 0 AND "
            "superseded_by IS NULL ORDER BY ts_ms DESC LIMIT ?", (iid, MAX_TEXTS)).fetchall()
    # Refusals the person sent to an identity: suggested and not dismissed, or confirmed
    # (the latest review decides). Few rows, so the logic is plain Python.
    suggested = {r[0] for r in case.db.execute(
        "SELECT event_id FROM signals WHERE name = 'refusal'")}
    latest = dict(case.db.execute(
        "SELECT event_id, decision FROM reviews WHERE signal = 'refusal' ORDER BY id"
    ).fetchall())
    refusals = sorted((suggested | set(latest)) - {e for e, d in latest.items()
                                                   if d == "dismissed"})
    for k in range(0, len(refusals), 500):
        chunk = refusals[k:k + 500]
        for iid, eid, ts in case.db.execute(
                "SELECT party_id, id, ts_ms FROM events WHERE id IN "
                f"({','.join('?' * len(chunk))}) AND direction = 'outgoing' AND removed = 0 "
                "AND ts_ms IS NOT NULL", chunk):
            if iid in idents:
                idents[iid].triggers.append((ts, eid, "refusal"))
    # Blocked calls are few: read them from the analysis index (party, time, call status)
    # when there is one, rather than walking each identity's events in the table.
    hint = " INDEXED BY events_analysis" if has_index(case) else ""
    for iid, eid, ts in case.db.execute(
            f"SELECT party_id, id, ts_ms FROM events{hint} WHERE call_status = 'blocked' AND "
            "removed = 0 AND superseded_by IS NULL AND ts_ms IS NOT NULL"):
        if iid in idents:
            idents[iid].triggers.append((ts, eid, "block"))
    for ident in idents.values():
        ident.triggers.sort()
    return idents


def _shingles(texts: Iterable[str]) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for t in texts:
        words = _WORD.findall(t.lower())
        out.update(tuple(words[k:k + 4]) for k in range(len(words) - 3))
    return out


def _style_vector(texts: list[str]) -> tuple[np.ndarray, int]:
    """Hashed character (UTF-8 byte) 3-gram counts, L2-normalised; and the characters read.
    Vectorised: one bincount over all of an identity's text."""
    joined = "\n".join(texts).lower()
    data = np.frombuffer(joined.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    vec = np.zeros(STYLE_DIM, dtype=np.float64)
    if len(data) >= 3:
        d = data.astype(np.int64)
        tri = (d[:-2] << 16) | (d[1:-1] << 8) | d[2:]
        vec = np.bincount((tri * 2654435761) % STYLE_DIM, minlength=STYLE_DIM).astype(
            np.float64)
    norm = np.linalg.norm(vec)
    return (vec / norm if norm else vec), sum(len(t) for t in texts)


def _signature(texts: list[str]) -> str | None:
    """A closing line used in at least 2 messages and 30% of multi-line ones."""
    endings: Counter[str] = Counter()
    multi = 0
    for t in texts:
        lines = [ln.strip() for ln in t.strip().splitlines() if ln.strip()]
        if len(lines) >= 2:
            multi += 1
            last = lines[-1]
            if len(last) <= 40 and last.lower() not in _GENERIC_SIGNATURES:
                endings[last] += 1
    if not endings:
        return None
    sig, n = endings.most_common(1)[0]
    return sig if n >= 2 and n >= 0.3 * multi else None


TIMING = {"after_refusal_or_block", "handover"}
CONTENT = {"says_so", "shared_phrases", "writing_style", "emoji", "signature"}


def _enough(kinds: set[str], score: float) -> bool:
    """Timing alone (a friend who first writes after a refusal) or B's own words alone
    ("new number" could be anyone's) never suffice: a timing reason needs a content reason
    beside it, or two content reasons must tie the two identities' writing together."""
    if score < THRESHOLD - 1e-9:
        return False
    paired_content = kinds & (CONTENT - {"says_so"})
    return bool(kinds & TIMING and kinds & CONTENT) or len(paired_content) >= 2


def suggest_links(case: Any) -> list[dict[str, Any]]:
    """Pairs of identities that may belong to one person, strongest first."""
    idents = _load(case)
    order = sorted(idents.values(), key=lambda i: (i.first, i.id))
    # Shared phrases: only phrases found in exactly two identities count, so the pairs that
    # share them come straight from an inverted index (no pairwise set intersections).
    owners: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
    for i in order:
        for sh in _shingles(t for _, t in i.texts):
            owners[sh].append(i.id)
    shared_by_pair: defaultdict[tuple[int, int], list[tuple[str, ...]]] = defaultdict(list)
    for sh, who in owners.items():
        if len(who) == 2:
            shared_by_pair[(min(who), max(who))].append(sh)
    del owners
    vectors = [_style_vector([t for _, t in i.texts]) for i in order]
    chars = {i.id: n for i, (_, n) in zip(order, vectors, strict=True)}
    sims = (np.array([v for v, _ in vectors]) @ np.array([v for v, _ in vectors]).T
            if order else np.zeros((0, 0)))
    pos = {i.id: k for k, i in enumerate(order)}
    emoji = {i.id: Counter(_EMOJI.findall("".join(t for _, t in i.texts))) for i in order}
    sigs = {i.id: _signature([t for _, t in i.texts]) for i in order}
    says = {}
    for i in order:
        for eid, t in reversed(i.texts):  # oldest first
            m = _SAYS_SO.search(t)
            if m:
                says[i.id] = (eid, m.group(0))
                break
    suggestions: list[dict[str, Any]] = []
    for x, a in enumerate(order):
        for b in order[x + 1:]:
            if a.person == b.person:
                continue
            reasons: list[tuple[str, str]] = []
            # b is the newer identity (its first contact is later)
            before = [t for t in a.triggers
                      if t[0] < b.first and b.first - t[0] <= AFTER_DAYS * MS_DAY]
            if before:
                ts, eid, what = before[-1]
                verb = (f"asked {a.label} to stop" if what == "refusal"
                        else f"blocked a call from {a.label}")
                reasons.append(("after_refusal_or_block",
                                f"{b.label} first contacted you on {_day(b.first)} (event "
                                f"{b.first_event}), {(b.first - ts) / MS_DAY:.0f} days after "
                                f"you {verb} (event {eid})"))
            if a.first < b.first and -MS_DAY <= b.first - a.last <= HANDOVER_DAYS * MS_DAY:
                reasons.append(("handover", f"{a.label}'s contact stopped on {_day(a.last)} "
                                f"and {b.label}'s began on {_day(b.first)}"))
            if b.id in says:
                eid, words = says[b.id]
                reasons.append(("says_so", f"{b.label} wrote “{words}” (event {eid})"))
            shared = shared_by_pair.get((min(a.id, b.id), max(a.id, b.id)), [])
            if len(shared) >= SHARED_MIN:
                examples = "; ".join(f"“{' '.join(s)}”" for s in sorted(shared)[:3])
                reasons.append(("shared_phrases", f"{len(shared)} phrases in both, e.g. "
                                f"{examples}"))
            if chars[a.id] >= STYLE_MIN_CHARS and chars[b.id] >= STYLE_MIN_CHARS:
                sim = float(sims[pos[a.id], pos[b.id]])
                if sim >= STYLE_MIN:
                    reasons.append(("writing_style", f"similar writing style (character "
                                    f"3-gram cosine {sim:.2f})"))
            ea, eb = set(emoji[a.id]), set(emoji[b.id])
            if ea and eb and len(ea & eb) / len(ea | eb) >= 0.5:
                reasons.append(("emoji", "the same emoji habits: "
                                + " ".join(sorted(ea & eb))))
            if sigs[a.id] and sigs[a.id] == sigs[b.id]:
                reasons.append(("signature", f"the same sign-off “{sigs[a.id]}”"))
            score = sum(WEIGHTS[k] for k, _ in reasons)
            if _enough({k for k, _ in reasons}, score):
                suggestions.append({
                    "identities": [a.id, b.id], "persons": [a.person, b.person],
                    "labels": [a.label, b.label], "score": round(min(score, 1.0), 2),
                    "reasons": [text for _, text in reasons],
                    "reason_kinds": [k for k, _ in reasons],
                })
    suggestions.sort(key=lambda s: (-s["score"], s["identities"]))
    return suggestions
