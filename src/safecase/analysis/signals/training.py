"""Training the shipped text model (build time only; needs scikit-learn).

Used by ``scripts/train_signal_ngram.py`` (the shipped model) and by
``benchmarks/accuracy_cv.py`` (leave-one-author-out estimates), so both fit exactly the
same model.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import hstack

from safecase.model import SIGNALS

from . import ngram

NAME = "safecase-ngram"
VERSION = "2.0.0"
# Inverse regularisation strength, chosen leave-one-author-out (docs/signals.md).
C = 10.0
DATA = Path(__file__).resolve().parents[4] / "tests" / "data"


def training_files(data: Path = DATA) -> list[Path]:
    """Every labelled set: the dev set, the held-out and fresh sets, and the corpus of
    independently written sets in ``signals_corpus/``."""
    return sorted(data.glob("signals_*.jsonl")) + sorted((data / "signals_corpus").glob("*.jsonl"))


def read_sets(files: Sequence[Path]) -> dict[str, list[dict[str, Any]]]:
    """Each file's rows, keyed by the set's name (its file stem)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for path in files:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        out[path.stem] = rows
    return out


def fit(rows: Sequence[dict[str, Any]], c: float = C) -> dict[str, np.ndarray]:
    """Fit the vectorizers and one balanced logistic regression per output (the twelve
    signals, then the gate: "carries any signal"); return the arrays the package loads."""
    from sklearn.linear_model import LogisticRegression

    texts = [r["text"] for r in rows]
    word, char = ngram.vectorizers()
    x = hstack([word.fit_transform(texts), char.fit_transform(texts)], format="csr")
    y = np.array([[s in r["labels"] for s in SIGNALS] for r in rows])
    y = np.column_stack([y, y.any(axis=1)])
    coef = np.zeros((x.shape[1], len(ngram.OUTPUTS)), np.float32)
    intercept = np.zeros(len(ngram.OUTPUTS), np.float32)
    for j in range(len(ngram.OUTPUTS)):
        lr = LogisticRegression(C=c, class_weight="balanced", max_iter=5000).fit(x, y[:, j])
        coef[:, j] = lr.coef_[0]
        intercept[j] = lr.intercept_[0]
    meta = {"name": NAME, "version": VERSION, "outputs": list(ngram.OUTPUTS), "C": c,
            "messages": len(rows)}
    return {
        "meta": np.array(json.dumps(meta)),
        "word_vocab": np.array(word.get_feature_names_out(), dtype=str),
        "char_vocab": np.array(char.get_feature_names_out(), dtype=str),
        "word_idf": word.idf_.astype(np.float32),
        "char_idf": char.idf_.astype(np.float32),
        "coef": coef.astype(np.float16),   # halves the file; probabilities move < 1e-3
        "intercept": intercept,
    }
