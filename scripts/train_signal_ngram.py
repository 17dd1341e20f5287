"""Train the shipped text model of the signal detectors (build time, not run time).

    PYTHONPATH=src python scripts/train_signal_ngram.py [--check]

Reads every labelled set in tests/data (``signals_*.jsonl`` and ``signals_corpus/``),
fits TF-IDF word 1-2 grams + character 2-5 grams and one balanced logistic regression per
signal plus the gate (``safecase.analysis.signals.training``), checks that the package's
scorer reproduces scikit-learn's probabilities, and writes
src/safecase/analysis/signals/data/ngram_model.npz. --check refits and verifies that the
shipped file is what the committed data gives (same vocabulary, same numbers to within
float rounding), without writing.
"""

from __future__ import annotations

import argparse
import io
import sys

import numpy as np

from safecase.analysis.signals import ngram, training


def build() -> tuple[dict[str, np.ndarray], list[str]]:
    sets = training.read_sets(training.training_files())
    rows = [r for rows in sets.values() for r in rows]
    arrays = training.fit(rows)
    model = ngram.from_arrays(arrays)
    texts = [r["text"] for r in rows]
    ours = model.predict(texts[:500])
    x = model.features(texts[:500])
    theirs = 1 / (1 + np.exp(-(x.astype(np.float64) @ arrays["coef"] + arrays["intercept"])))
    gap = float(np.abs(ours - theirs).max())
    if gap > 1e-3:
        raise SystemExit(f"package scorer disagrees with scikit-learn by {gap:.4f}")
    return arrays, sorted(sets)


def same(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> str | None:
    """None when the two models agree, else what differs."""
    if set(a) != set(b):
        return f"arrays differ: {sorted(set(a) ^ set(b))}"
    for key in a:
        x, y = a[key], b[key]
        if x.dtype.kind in "US" or key == "meta":
            if not np.array_equal(x, y):
                return f"{key} differs"
        elif x.shape != y.shape or not np.allclose(x, y, atol=1e-4, rtol=1e-3):
            return f"{key} differs"
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    arrays, names = build()
    if args.check:
        if not ngram.PATH.exists():
            print("missing: run scripts/train_signal_ngram.py")
            sys.exit(1)
        with np.load(ngram.PATH, allow_pickle=False) as npz:
            diff = same(arrays, {k: npz[k] for k in npz.files})
        print("up to date" if diff is None else f"stale ({diff}): run scripts/train_signal_ngram.py")
        sys.exit(0 if diff is None else 1)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    ngram.PATH.parent.mkdir(parents=True, exist_ok=True)
    ngram.PATH.write_bytes(buf.getvalue())
    print(f"wrote {ngram.PATH} ({len(buf.getvalue()):,} bytes) from {len(names)} sets: "
          + ", ".join(names))


if __name__ == "__main__":
    main()
