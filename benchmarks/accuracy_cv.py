"""Leave-one-author-out accuracy: the honest estimate for text nobody has seen.

    PYTHONPATH=src python benchmarks/accuracy_cv.py [--sets NAME ...] [--json]

Every labelled set in tests/data was written by a different author (or at a different
time, after the detector was frozen). For each set: fit the text model on all the OTHER
sets (``safecase.analysis.signals.training.fit``, exactly what ships), then score the
set with the full detector (rules, links, personal data, profanity, the fitted model and
its gate) and report macro-F1 and the share of unlabelled messages flagged, like
benchmarks/accuracy.py. The rules were written before most of these sets existed (see
docs/signals.md), so this is as close to "an independent set" as we can measure.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import evaluate  # noqa: E402

from safecase.analysis.signals import ngram, training  # noqa: E402


def evaluate_held_out(sets: dict[str, list[dict]], name: str) -> dict:
    """``accuracy.evaluate`` of set ``name`` by the whole detector, with the text model
    fitted on every other set (the shipped model is put back afterwards)."""
    model = ngram.from_arrays(training.fit([r for other, rs in sets.items() if other != name
                                            for r in rs]))
    original = ngram.load
    ngram.load = lambda: model  # type: ignore[assignment]
    try:
        res = evaluate(sets[name])
    finally:
        ngram.load = original  # type: ignore[assignment]
    res.pop("_preds")
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", nargs="*", help="only hold out these sets (file stems)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    sets = training.read_sets(training.training_files())
    held = args.sets or [n for n in sets if n != "signals_devset"]
    results = {}
    for name in held:
        res = results[name] = evaluate_held_out(sets, name)
        if not args.json:
            print(f"{name:24s} {res['messages']:4d} msgs  macro-F1 {res['macro_f1']:.3f}  "
                  f"unlabelled flagged {res['unlabelled_flagged']}/{res['unlabelled']} "
                  f"({100 * res['unlabelled_flagged_share']:.1f} %)", flush=True)
    f1 = [r["macro_f1"] for r in results.values()]
    flagged = [r["unlabelled_flagged_share"] for r in results.values()]
    summary = {"sets": len(results), "mean_macro_f1": statistics.mean(f1),
               "min_macro_f1": min(f1), "mean_flagged": statistics.mean(flagged),
               "max_flagged": max(flagged)}
    if args.json:
        print(json.dumps({"per_set": results, "summary": summary}, indent=2))
    else:
        print(f"mean macro-F1 {summary['mean_macro_f1']:.3f} (min {summary['min_macro_f1']:.3f}); "
              f"unlabelled flagged mean {100 * summary['mean_flagged']:.1f} % "
              f"(max {100 * summary['max_flagged']:.1f} %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
