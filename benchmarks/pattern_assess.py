"""Times ``pattern`` and ``assess`` over a case of 1,000,000 events (target: <= 10 s each).

    PYTHONPATH=src python benchmarks/pattern_assess.py [--events N] [--rebuild] [--runs 3]

The case is built once under benchmarks/data/ (gitignored) and reused. Building does not go
through an importer (a million-message export would take minutes to write and parse):
rows go straight into the store's tables with the store's own SQL, in one transaction:

- identities and persons through ``Case.identity_id`` (as importers do) and ``Case.link``;
- one ``imports`` row, and events with ``INSERT INTO events`` in batches of 50,000, each
  with a unique fingerprint (``bench:N``), its real content hash
  (``safecase.store.eventrows.content_hash``) and that import id but no source file, so
  the rows have the shape importers write;
- signals (about 8 % of incoming messages, plus refusals on some outgoing ones) with
  ``INSERT INTO signals``; a few reviews;
- the analysis index that ``safecase analyze`` creates (``frame.ensure_index``);
- one ledger entry (``benchmark-data``) saying what was inserted.

The story: one person ("Alex", three identities, the third appearing after a refusal)
sends 600,000 events over two years, more and more often; 39 other people share the rest.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from safecase.analysis.assessment import assess
from safecase.analysis.frame import ensure_index
from safecase.analysis.patterns import pattern
from safecase.store.case import Case
from safecase.store.eventrows import content_hash

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
PASSPHRASE = "benchmark passphrase"
START_MS = 1_672_531_200_000  # 2023-01-01T00:00:00Z
SPAN_MS = 2 * 365 * 86_400_000
TEXTS = ["Answer me", "Why are you ignoring me", "I know where you are", "Pick up",
         "You'll regret this", "I miss you", "Call me back now", "I saw you today",
         "You're mine", "Please just talk to me", "ok", "Where are you?"]
SIGNAL_NAMES = ["contact_demand", "surveillance", "threat", "fixation", "insult", "coercion"]


def build(path: Path, n_events: int, seed: int = 4) -> None:
    rng = np.random.default_rng(seed)
    if path.exists():
        shutil.rmtree(path)
    t0 = time.perf_counter()
    case = Case.create(path, PASSPHRASE, tz="Europe/London", region="GB")
    with case.transaction():
        alex = [case.identity_id(f"+4477009{k:05d}", "phone", "sms", "Alex") for k in range(3)]
        others = [case.identity_id(f"+4477008{k:05d}", "phone", "sms", f"Contact {k}")
                  for k in range(39)]
    case.link(alex, name="Alex")
    n_alex = int(n_events * 0.6)
    # Alex: contact grows over time (density rising linearly), third identity after 60 %.
    u = np.sqrt(rng.random(n_alex))
    ts_alex = START_MS + (u * SPAN_MS).astype(np.int64)
    ident_alex = np.where(u < 0.6, np.where(rng.random(n_alex) < 0.7, alex[0], alex[1]),
                          alex[2])
    ts_other = START_MS + (rng.random(n_events - n_alex) * SPAN_MS).astype(np.int64)
    ident_other = rng.choice(np.array(others), n_events - n_alex)
    ts = np.concatenate([ts_alex, ts_other])
    ident = np.concatenate([ident_alex, ident_other])
    order = np.argsort(ts, kind="stable")
    ts, ident = ts[order], ident[order]
    is_call = rng.random(n_events) < 0.3
    outgoing = rng.random(n_events) < 0.05
    text_idx = rng.integers(0, len(TEXTS), n_events)
    with case.transaction():
        import_id = case.db.execute(
            "INSERT INTO imports(at, name, importer, importer_version, options, n_events) "
            "VALUES(?,?,?,?,?,?)", ("2026-01-01T00:00:00Z", "benchmark", "benchmark", "1",
                                    "{}", n_events)).lastrowid
        batch: list[tuple] = []
        for i in range(n_events):
            call = bool(is_call[i])
            direction = "outgoing" if outgoing[i] else "incoming"
            text = None if call else TEXTS[text_idx[i]]
            values = ("call" if call else "message", "phone" if call else "sms", direction,
                      int(ts[i]), str(int(ts[i])), "exact", None, None, "[]", text,
                      0 if call else None, "missed" if call else None, None, "{}", None,
                      f"bench {i}", 1, None)
            batch.append((f"bench:{i}", *values[:14], int(ident[i]), None, f"bench {i}",
                          import_id, 1, None, content_hash(values)))
            if len(batch) == 50_000:
                _insert_events(case, batch)
                batch.clear()
        _insert_events(case, batch)
        ids = np.array([r[0] for r in case.db.execute("SELECT id FROM events ORDER BY id")])
        # Signals: ~8 % of incoming messages; refusals on 1 in 200 outgoing messages.
        msg_in = ids[(~is_call) & (~outgoing)]
        flagged = msg_in[rng.random(len(msg_in)) < 0.08]
        names = rng.choice(SIGNAL_NAMES, len(flagged))
        now = "2026-01-01T00:00:00Z"
        case.db.executemany(
            "INSERT INTO signals(event_id, name, score, evidence, detector, detector_version,"
            " created_at) VALUES(?,?,?,?,?,?,?)",
            [(int(e), str(n), 0.8, "[]", "bench", "1", now)
             for e, n in zip(flagged, names, strict=True)])
        msg_out = ids[(~is_call) & outgoing]
        refusals = msg_out[rng.random(len(msg_out)) < 0.005]
        case.db.executemany(
            "INSERT INTO signals(event_id, name, score, evidence, detector, detector_version,"
            " created_at) VALUES(?,?,?,?,?,?,?)",
            [(int(e), "refusal", 0.9, "[]", "bench", "1", now) for e in refusals])
        case.db.executemany(
            "INSERT INTO reviews(event_id, signal, decision, at) VALUES(?,?,?,?)",
            [(int(e), "refusal", "confirmed", now) for e in refusals[:20]])
        ensure_index(case)  # what `safecase analyze` does on a real case
        case.record("benchmark-data", "benchmark", {
            "events": n_events, "signals": int(len(flagged) + len(refusals)),
            "note": "synthetic rows inserted directly by benchmarks/pattern_assess.py"})
    case.close()
    print(f"built {n_events} events, {len(flagged) + len(refusals)} signals in "
          f"{time.perf_counter() - t0:.1f} s at {path}")


def _insert_events(case: Case, batch: list[tuple]) -> None:
    case.db.executemany(
        "INSERT INTO events(fingerprint, kind, channel, direction, ts_ms, raw_time,"
        " time_certainty, sender, sender_name, recipients, text, duration_s, call_status,"
        " subject, extra, party_id, source_id, locator, import_id, version, supersedes,"
        " content_hash) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", batch)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    path = DATA / f"pattern-{args.events}"
    if args.rebuild or not (path / "case.json").exists():
        build(path, args.events)
    results: dict[str, list[float]] = {"pattern (all persons)": [], "assess (all persons)": [],
                                       "pattern (Alex only)": [], "assess (Alex only)": []}
    with Case.open(path, PASSPHRASE) as case:
        n = case.db.execute("SELECT count(*) FROM events").fetchone()[0]
        alex = case.db.execute("SELECT id FROM persons WHERE name='Alex'").fetchone()[0]
        for _ in range(args.runs):
            for label, fn, who in (("pattern (all persons)", pattern, None),
                                   ("assess (all persons)", assess, None),
                                   ("pattern (Alex only)", pattern, alex),
                                   ("assess (Alex only)", assess, alex)):
                t = time.perf_counter()
                out = fn(case, who)
                results[label].append(time.perf_counter() - t)
                json.dumps(out)  # the result must serialise (not timed)
    print(f"events in case: {n}")
    ok = True
    for label, times in results.items():
        best, med = min(times), statistics.median(times)
        ok &= med <= 10
        print(f"{label:24s} median {med:6.2f} s  best {best:6.2f} s  runs "
              + ", ".join(f"{t:.2f}" for t in times))
    print("target <= 10 s each:", "met" if ok else "NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
