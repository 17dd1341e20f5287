"""A small word n-gram model shipped with the package, as a complement to the rules.

It is a logistic regression per signal over TF-IDF word unigrams and bigrams (sublinear
tf, l2 norm: exactly scikit-learn's ``TfidfVectorizer`` + ``LogisticRegression``),
trained at build time by ``scripts/train_signal_ngram.py`` on the labelled sets in
``tests/data`` and stored as plain numbers in ``data/ngram_model.json.gz`` (no pickle,
nothing downloaded). Scoring here is pure Python + numpy, so classify does not import
scikit-learn for it.

The engine only uses it where it is confident (p >= ``THRESHOLD``): the rules stay the
explainable floor and the model adds recall on wordings no rule knows. Its evidence names
the model, its version and the words that weighed most.
"""

from __future__ import annotations

import gzip
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix

from safecase.model import SIGNALS

PATH = Path(__file__).resolve().parent / "data" / "ngram_model.json.gz"
# Chosen by 5-fold cross-validation on the training sets (rules OR model): the highest
# recall gain that keeps unlabelled messages flagged near 5 % (docs/notes-signals.md).
THRESHOLD = 0.9
TOKEN_RE = re.compile(r"[a-z0-9']+")


@dataclass(frozen=True, slots=True)
class NgramModel:
    name: str
    version: str
    vocab: list[str]
    index: dict[str, int]
    idf_list: list[float]    # (V,)
    coef: np.ndarray         # (V, 12), columns in SIGNALS order
    intercept: np.ndarray    # (12,)

    def features(self, text: str) -> tuple[list[int], list[float]]:
        """Known feature ids and their l2-normalised sublinear TF-IDF values (pure Python:
        per message this is cheaper than any numpy call)."""
        tokens = TOKEN_RE.findall(text.lower())
        grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
        ids = [i for i in map(self.index.get, grams) if i is not None]
        if not ids:
            return [], []
        idf = self.idf_list
        if len(set(ids)) == len(ids):  # the usual case: every n-gram once
            vals = [idf[i] for i in ids]
        else:
            counts: dict[int, int] = {}
            for i in ids:
                counts[i] = counts.get(i, 0) + 1
            ids = list(counts)
            vals = [(1.0 + math.log(c)) * idf[i] for i, c in counts.items()]
        norm = math.sqrt(sum(v * v for v in vals))
        return ids, [v / norm for v in vals]

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """Probability per text (rows) and signal (columns, SIGNALS order): one sparse
        matrix product for the whole batch."""
        indptr = [0]
        indices: list[int] = []
        data: list[float] = []
        for text in texts:
            ids, vals = self.features(text)
            indices += ids
            data += vals
            indptr.append(len(indices))
        x = csr_matrix((data, indices, indptr), shape=(len(texts), len(self.idf_list)))
        z = x @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def top_words(self, text: str, signal: int, n: int = 3) -> list[str]:
        """The n-grams that pushed ``signal`` up most in ``text`` (for the evidence)."""
        ids, vals = self.features(text)
        if not ids:
            return []
        contrib = np.asarray(vals) * self.coef[ids, signal]
        order = np.argsort(-contrib)[:n]
        return [self.vocab[ids[k]] for k in order if contrib[k] > 0]


@lru_cache(maxsize=1)
def load() -> NgramModel | None:
    """The shipped model, or None when the file is missing (a source tree before training)."""
    if not PATH.exists():
        return None
    with gzip.open(PATH, "rt", encoding="utf-8") as fh:
        data = json.load(fh)
    if data["signals"] != list(SIGNALS):
        raise ValueError(f"{PATH}: trained for other signal names")
    vocab = data["vocabulary"]
    return NgramModel(
        name=data["name"], version=data["version"], vocab=vocab,
        index={w: i for i, w in enumerate(vocab)},
        idf_list=[float(v) for v in data["idf"]],
        coef=np.asarray(data["coef"], float).reshape(len(vocab), len(SIGNALS)),
        intercept=np.asarray(data["intercept"], float),
    )
