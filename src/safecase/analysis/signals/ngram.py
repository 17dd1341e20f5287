"""The shipped text model: a linear model over word and character n-grams.

One logistic regression per signal, plus one more, the *gate*, that reads whether a
message carries any signal at all. Features: TF-IDF word unigrams and bigrams and TF-IDF
character 2- to 5-grams (the character n-grams carry typos,
stretched and masked spellings, and other languages' word forms). Trained at build time
by ``scripts/train_signal_ngram.py`` on every labelled set in ``tests/data`` (about 10,500
messages from thirty independently written sets) and shipped as plain arrays in
``data/ngram_model.npz`` (no pickle, nothing downloaded).

Why a learned model decides: measured leave-one-author-out (each author's set scored by
a model trained on all the others, ``benchmarks/accuracy_cv.py``), phrase rules alone
reach a macro-F1 of about 0.46 on voices they were not written from, this model about
0.7. The rules still give precise evidence spans; the engine combines both
(``engine.py``), and the gate keeps ordinary messages quiet.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from scipy.sparse import hstack

from safecase.model import SIGNALS

from .features import CharFeatures, WordFeatures

PATH = Path(__file__).resolve().parent / "data" / "ngram_model.npz"
# Output columns: the twelve signals in SIGNALS order, then the gate.
OUTPUTS = (*SIGNALS, "any")
GATE = len(SIGNALS)
WORD_TOKEN = r"[^\W_]+|[^\w\s]"
WORD_NGRAMS = (1, 2)
CHAR_NGRAMS = (2, 5)


def vectorizers(word_vocab: Sequence[str] | None = None, char_vocab: Sequence[str] | None = None):
    """scikit-learn's two TF-IDF vectorizers (training, and the reference that
    ``features.py`` is tested against). Scoring uses ``features.py``: same numbers, faster."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    word = TfidfVectorizer(ngram_range=WORD_NGRAMS, sublinear_tf=True, lowercase=True,
                           token_pattern=WORD_TOKEN, vocabulary=word_vocab, dtype=np.float32)
    char = TfidfVectorizer(analyzer="char", ngram_range=CHAR_NGRAMS, sublinear_tf=True,
                           lowercase=True, min_df=2, vocabulary=char_vocab, dtype=np.float32)
    return word, char


@dataclass(frozen=True, slots=True)
class NgramModel:
    name: str
    version: str
    word: WordFeatures
    char: CharFeatures
    word_vocab: list[str]
    coef: np.ndarray         # (V_word + V_char, 13): twelve signals, then the gate
    intercept: np.ndarray    # (13,)

    def features(self, texts: Sequence[str]):
        return hstack([self.word.transform(texts), self.char.transform(texts)], format="csr")

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """Probability per text (rows) and output (columns: SIGNALS order, then the gate),
        for the whole batch at once."""
        if not texts:
            return np.zeros((0, len(OUTPUTS)))
        z = self.features(texts) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    def top_words(self, text: str, signal: int, n: int = 3,
                  weights: dict[int, float] | None = None) -> list[str]:
        """The word n-grams that pushed ``signal`` up most in ``text`` (for the evidence;
        character n-grams also weigh but are not readable on their own)."""
        if weights is None:
            weights = self.word.weights(text)
        ids = list(weights)
        coef = self.coef[ids, signal].tolist() if ids else []
        contrib = {i: weights[i] * c for i, c in zip(ids, coef, strict=True)}
        best = sorted(contrib, key=lambda i: -contrib[i])[:n]
        return [self.word_vocab[i] for i in best if contrib[i] > 0]


def from_arrays(arrays: dict[str, np.ndarray]) -> NgramModel:
    """Build the scorer from the stored arrays (also used by the training script's check)."""
    meta = json.loads(str(arrays["meta"]))
    if meta["outputs"] != list(OUTPUTS):
        raise ValueError(f"{PATH}: trained for other signal names")
    word_vocab = [str(w) for w in arrays["word_vocab"]]
    char_vocab = [str(w) for w in arrays["char_vocab"]]
    word = WordFeatures(word_vocab, arrays["word_idf"], WORD_TOKEN)
    char = CharFeatures(char_vocab, arrays["char_idf"], CHAR_NGRAMS)
    return NgramModel(
        name=meta["name"], version=meta["version"], word=word, char=char,
        word_vocab=word_vocab,
        coef=arrays["coef"].astype(np.float32), intercept=arrays["intercept"].astype(np.float32),
    )


@lru_cache(maxsize=1)
def load() -> NgramModel | None:
    """The shipped model, or None when the file is missing (a source tree before training)."""
    if not PATH.exists():
        return None
    with np.load(PATH, allow_pickle=False) as npz:
        return from_arrays({k: npz[k] for k in npz.files})
