"""Choose the detector's combination parameters leave-one-author-out, quickly.

    PYTHONPATH=src python benchmarks/signal_sweep.py [--c 10] [--refresh]

How engine.GATE, MODEL_SURE and STRONG_RULE were picked (docs/notes-signals.md). Step one,
slow and cached in benchmarks/data/signal_sweep_C<c>.npz: for every labelled set, the rule
scores (the detector with the text model switched off) and the text model's probabilities
from a model fitted on all the OTHER sets. Step two, instant: every combination on the
grid below is scored exactly as the engine decides (model p >= 0.5 behind an open gate or
p >= MODEL_SURE alone; rules >= 0.5 behind an open gate, or alone when >= the signal's
strong level; outgoing messages only keep refusal), giving mean macro-F1 and the mean
share of unlabelled messages flagged over the held-out sets. Confirm a choice with
benchmarks/accuracy_cv.py, which runs the real engine (warm-message damping and the
rest make its numbers slightly better than this sweep's).
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

from safecase.analysis.signals import classify_many, engine, ngram, training
from safecase.model import SIGNALS

CACHE = Path(__file__).resolve().parent / "data"
REFUSAL = SIGNALS.index("refusal")


def build(c: float) -> dict[str, dict[str, np.ndarray]]:
    sets = training.read_sets(training.training_files())
    original = engine.ngram.load
    engine.ngram.load = lambda: None  # type: ignore[assignment]
    try:
        rules = {name: np.array([[r.scores[s] for s in SIGNALS] for r in
                                 classify_many((x["text"], x["direction"]) for x in rows)])
                 for name, rows in sets.items()}
    finally:
        engine.ngram.load = original  # type: ignore[assignment]
    out = {}
    for name, rows in sets.items():
        if name == "signals_devset":
            continue  # the rules were written on it: never a held-out set
        others = [r for other, rs in sets.items() if other != name for r in rs]
        model = ngram.from_arrays(training.fit(others, c))
        out[name] = {
            "P": model.predict([r["text"] for r in rows]),
            "R": rules[name],
            "Y": np.array([[s in r["labels"] for s in SIGNALS] for r in rows]),
            "out": np.array([r["direction"] == "outgoing" for r in rows]),
        }
        print(f"  fitted without {name}", file=sys.stderr, flush=True)
    return out


def load(c: float, refresh: bool) -> dict[str, dict[str, np.ndarray]]:
    path = CACHE / f"signal_sweep_C{c:g}.npz"
    if path.exists() and not refresh:
        with np.load(path, allow_pickle=False) as npz:
            names = sorted({k.split("/")[0] for k in npz.files})
            return {n: {k: npz[f"{n}/{k}"] for k in ("P", "R", "Y", "out")} for n in names}
    data = build(c)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, **{f"{n}/{k}": v for n, d in data.items() for k, v in d.items()})
    return data


def decide(d: dict[str, np.ndarray], gate: float, sure: float, strong: np.ndarray) -> np.ndarray:
    p, r = d["P"][:, :len(SIGNALS)], d["R"]
    is_open = (d["P"][:, ngram.GATE] >= gate)[:, None]
    pred = ((p >= 0.5) & (is_open | (p >= sure))) | ((r >= 0.5) & (is_open | (r >= strong)))
    refusal = pred[:, REFUSAL].copy()
    pred[d["out"]] = False
    pred[d["out"], REFUSAL] = refusal[d["out"]]
    return pred


def score(y: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    f1 = []
    for j in range(y.shape[1]):
        tp, fp = (pred[:, j] & y[:, j]).sum(), (pred[:, j] & ~y[:, j]).sum()
        fn = (~pred[:, j] & y[:, j]).sum()
        prec = tp / (tp + fp) if tp + fp else 1.0
        rec = tp / (tp + fn) if tp + fn else 1.0
        f1.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
    unlabelled = ~y.any(axis=1)
    return float(np.mean(f1)), float(pred[unlabelled].any(axis=1).mean())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, default=training.C, help="regularisation to fit with")
    ap.add_argument("--refresh", action="store_true", help="refit even when cached")
    args = ap.parse_args()
    data = load(args.c, args.refresh)
    shipped = np.array([engine.STRONG_RULE[s] for s in SIGNALS])
    rows = []
    for gate, sure, shift in itertools.product((0.7, 0.75, 0.8, 0.85), (0.9, 0.95, 1.01),
                                               (-0.05, 0.0, 0.05)):
        strong = np.where(shipped > 0, shipped + shift, 0.0)
        res = [score(d["Y"], decide(d, gate, sure, strong)) for d in data.values()]
        rows.append((np.mean([r[0] for r in res]), np.mean([r[1] for r in res]),
                     max(r[1] for r in res), gate, sure, shift))
    print(f"C={args.c:g}, {len(data)} held-out sets; shipped: gate {engine.GATE}, "
          f"sure {engine.MODEL_SURE}, strong levels as engine.STRONG_RULE (shift 0)")
    print("macro-F1  flagged (mean / max)  gate  sure  strong shift")
    for f1, flag, worst, gate, sure, shift in sorted(rows, key=lambda r: -r[0]):
        print(f"{f1:8.3f}  {100 * flag:5.1f} % / {100 * worst:4.1f} %   {gate:4}  {sure:4}  {shift:+.2f}")


if __name__ == "__main__":
    main()
