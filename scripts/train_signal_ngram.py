"""Train the shipped word n-gram model of the signal detectors (build time, not run time).

    PYTHONPATH=src python scripts/train_signal_ngram.py [--check]

Reads the labelled training sets (dev set, old held-out set, first fresh set, extra
training set; NOT signals_fresh2.jsonl or signals_fresh3.jsonl, kept for reporting), fits
scikit-learn TF-IDF word 1-2 grams + one balanced logistic regression per signal, checks
that the package's pure
Python scorer gives the same probabilities, and writes
src/safecase/analysis/signals/data/ngram_model.json.gz. Deterministic: same data, same
file. --check only verifies that the shipped file matches what training would produce.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from safecase.analysis.signals import ngram
from safecase.model import SIGNALS

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ["signals_devset.jsonl", "signals_holdout.jsonl", "signals_fresh.jsonl",
         "signals_train_extra.jsonl"]
NAME = "safecase-ngram"
VERSION = "1.1.0"
C = 10.0


def build() -> bytes:
    rows = []
    digest = hashlib.sha256()
    for name in TRAIN:
        raw = (ROOT / "tests" / "data" / name).read_bytes()
        digest.update(raw)
        rows += [json.loads(line) for line in raw.decode("utf-8").splitlines() if line.strip()]
    texts = [r["text"] for r in rows]
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=ngram.TOKEN_RE.pattern)
    X = vec.fit_transform(texts)
    vocab = [""] * len(vec.vocabulary_)
    for word, i in vec.vocabulary_.items():
        vocab[i] = word
    coef = np.zeros((len(vocab), len(SIGNALS)))
    intercept = np.zeros(len(SIGNALS))
    for j, sig in enumerate(SIGNALS):
        y = np.array([sig in r["labels"] for r in rows])
        lr = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(X, y)
        coef[:, j] = lr.coef_[0]
        intercept[j] = lr.intercept_[0]
    data = {
        "name": NAME, "version": VERSION, "signals": list(SIGNALS),
        "trained_on": TRAIN, "training_sha256": digest.hexdigest(), "C": C,
        "vocabulary": vocab,
        "idf": [round(float(v), 6) for v in vec.idf_],
        "coef": [round(float(v), 5) for v in coef.ravel()],
        "intercept": [round(float(v), 6) for v in intercept],
    }
    # The package scorer must agree with scikit-learn (up to the rounding above).
    model = ngram.NgramModel(NAME, VERSION, vocab, {w: i for i, w in enumerate(vocab)},
                             list(data["idf"]), np.asarray(data["coef"]).reshape(coef.shape),
                             np.asarray(data["intercept"]))
    ours = model.predict(texts)
    theirs = 1 / (1 + np.exp(-(X @ coef + intercept)))
    gap = float(np.abs(ours - theirs).max())
    if gap > 1e-3:
        raise SystemExit(f"pure-Python scorer disagrees with scikit-learn by {gap:.4f}")
    return gzip.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"), mtime=0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true")
    args = ap.parse_args()
    blob = build()
    if args.check:
        same = ngram.PATH.exists() and ngram.PATH.read_bytes() == blob
        print("up to date" if same else "stale: run scripts/train_signal_ngram.py")
        sys.exit(0 if same else 1)
    ngram.PATH.parent.mkdir(parents=True, exist_ok=True)
    ngram.PATH.write_bytes(blob)
    print(f"wrote {ngram.PATH} ({len(blob)} bytes)")


if __name__ == "__main__":
    main()
