"""TF-IDF features for a whole batch of messages at once, without a Python loop per n-gram.

The text model (``ngram.py``) reads word unigrams and bigrams and character 2- to 5-grams.
scikit-learn's ``TfidfVectorizer`` builds them one string at a time in Python, which costs
more than everything else in ``classify`` together (about 130 µs per message for the
character n-grams alone). These functions give exactly the same matrix (tested against
scikit-learn, ``tests/analysis/test_signals_features.py``) from batch operations:

- words: one ``findall`` over the whole batch joined by a separator the tokenizer returns
  as its own token, then dictionary lookups;
- characters: the batch's code points in one numpy array; every window of 2 to 5 code
  points gets a 64-bit polynomial hash, built up one length at a time, and is looked up
  in the sorted hashes of the vocabulary.

Semantics follow scikit-learn: lower-cased text; words by the token pattern; character
n-grams over the whole text after runs of two or more whitespace characters become one
space (``analyzer="char"``); sublinear tf (1 + log count) times idf, rows l2-normalised.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np
from scipy.sparse import csr_matrix

# A character no message keeps in the model's view (NUL is replaced by a space first);
# the word tokenizer returns it as a token of its own, so it marks where a message ends.
SEP = "\x00"
_WHITE_RUNS = re.compile(r"\s\s+")
_P = np.uint64(0x100000001B3)          # FNV-64 prime: an odd multiplier that mixes well
_Q = np.uint64(0x9E3779B97F4A7C15)     # added per n-gram length, so lengths never collide


def _tfidf(rows: np.ndarray, cols: np.ndarray, n_rows: int, idf: np.ndarray) -> csr_matrix:
    """Sublinear TF-IDF, l2-normalised per row, from (row, feature) occurrences."""
    m = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n_rows, len(idf)))
    m.sum_duplicates()
    m.data = (1.0 + np.log(m.data)) * idf[m.indices]
    counts = np.diff(m.indptr)
    filled = counts > 0
    norms = np.ones(n_rows)
    if m.nnz:
        norms[filled] = np.sqrt(np.add.reduceat(m.data ** 2, m.indptr[:-1][filled]))
    m.data /= np.repeat(norms, counts)
    return m


class WordFeatures:
    """Word unigrams and bigrams (space-joined) of a fixed vocabulary."""

    def __init__(self, vocab: Sequence[str], idf: np.ndarray, token_pattern: str) -> None:
        self.index = {w: i for i, w in enumerate(vocab)}
        self.idf = np.asarray(idf, np.float64)
        self._idf = self.idf.tolist()    # for ``weights``: list indexing beats numpy's per item
        self.token_re = re.compile(token_pattern)
        if self.token_re.findall(SEP) != [SEP]:
            raise ValueError("the token pattern must return the separator as a token")

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        joined = SEP.join(t.replace(SEP, " ").lower() for t in texts) + SEP
        tokens = self.token_re.findall(joined)
        is_sep = np.fromiter((t == SEP for t in tokens), bool, len(tokens))
        doc = np.cumsum(is_sep) - is_sep          # message number of every token
        index = self.index
        uni = np.fromiter((index.get(t, -1) for t in tokens), np.int64, len(tokens))
        bi = np.fromiter((index.get(f"{a} {b}", -1) for a, b in zip(tokens, tokens[1:], strict=False)),
                         np.int64, max(len(tokens) - 1, 0))
        keep_u = (uni >= 0) & ~is_sep
        keep_b = bi >= 0            # a bigram with the separator is never in the vocabulary
        rows = np.concatenate([doc[keep_u], doc[:-1][keep_b]])
        cols = np.concatenate([uni[keep_u], bi[keep_b]])
        return _tfidf(rows, cols, len(texts), self.idf)


    def weights(self, text: str) -> dict[int, float]:
        """One message's TF-IDF weights by feature number, in plain Python (for naming the
        words behind a label: cheaper than building a matrix for one row)."""
        tokens = self.token_re.findall(text.replace(SEP, " ").lower())
        grams = tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
        counts: dict[int, int] = {}
        for g in grams:
            i = self.index.get(g)
            if i is not None:
                counts[i] = counts.get(i, 0) + 1
        idf = self._idf
        vals = {i: (1.0 + math.log(c)) * idf[i] for i, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in vals.values())) or 1.0
        return {i: v / norm for i, v in vals.items()}


def _char_hashes(vocab: Sequence[str], longest: int) -> np.ndarray:
    """The hash ``CharFeatures`` gives each vocabulary entry, all at once: the polynomial
    h = h * _P + code point over the n-gram (mod 2**64), plus its length times _Q."""
    grams = np.asarray(vocab, dtype=f"<U{longest}")
    codes = grams.view(np.uint32).reshape(len(grams), longest).astype(np.uint64)
    lengths = np.char.str_len(grams).astype(np.uint64)
    h = np.zeros(len(grams), np.uint64)
    with np.errstate(over="ignore"):
        for k in range(longest):
            h = np.where(np.uint64(k) < lengths, h * _P + codes[:, k], h)
        return h + lengths * _Q


class CharFeatures:
    """Character n-grams (``analyzer="char"``) of a fixed vocabulary."""

    def __init__(self, vocab: Sequence[str], idf: np.ndarray, ngram_range: tuple[int, int]) -> None:
        self.lo, self.hi = ngram_range
        hashes = _char_hashes(vocab, self.hi)
        if len(np.unique(hashes)) != len(hashes):
            raise ValueError("two character n-grams share a hash")  # never seen; be loud
        self.order = np.argsort(hashes, kind="stable")
        self.sorted = hashes[self.order]
        self.idf = np.asarray(idf, np.float64)

    def transform(self, texts: Sequence[str]) -> csr_matrix:
        docs = [_WHITE_RUNS.sub(" ", t.replace(SEP, " ").lower()) for t in texts]
        lengths = np.fromiter(map(len, docs), np.int64, len(docs))
        joined = SEP.join(docs)
        codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), np.uint32).astype(np.uint64)
        # message number per position; the separators get -1 so no window can span them
        doc = np.full(len(codes), -1, np.int64)
        starts = np.cumsum(lengths + 1) - (lengths + 1)
        doc[_positions(starts, lengths)] = np.repeat(np.arange(len(docs)), lengths)
        rows_parts, cols_parts = [], []
        h = codes.copy()
        with np.errstate(over="ignore"):
            for n in range(1, self.hi + 1):
                if n > 1:
                    h = h[:-1] * _P + codes[n - 1:]
                if n < self.lo:
                    continue
                d0 = doc[: len(h)]
                valid = (d0 >= 0) & (d0 == doc[n - 1:])
                hv = h[valid] + np.uint64(n) * _Q
                at = np.searchsorted(self.sorted, hv)
                at[at == len(self.sorted)] = 0
                hit = self.sorted[at] == hv
                rows_parts.append(d0[valid][hit])
                cols_parts.append(self.order[at[hit]])
        rows = np.concatenate(rows_parts) if rows_parts else np.zeros(0, np.int64)
        cols = np.concatenate(cols_parts) if cols_parts else np.zeros(0, np.int64)
        return _tfidf(rows, cols, len(texts), self.idf)


def _positions(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """All positions start..start+length-1 for every message, without a Python loop."""
    total = int(lengths.sum())
    offsets = np.arange(total) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return np.repeat(starts, lengths) + offsets

