"""The batch featurizer gives exactly scikit-learn's TF-IDF matrices (the model is trained
with scikit-learn and scored with features.py, so any drift would silently change every
probability)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safecase.analysis.signals import features, ngram
from safecase.analysis.signals.features import CharFeatures, WordFeatures

TRAIN = [
    "I know where you live", "answer me you stupid b!tch 😡", "see you at 7!",
    "déjame en paz, por favor", "Ich weiß, wo du wohnst.", "you're   mine\n\nforever",
    "k", "bit.ly/3xYz is this you??", "İstanbul ﬁne straße",
]


def _pair():
    word, char = ngram.vectorizers()
    word.fit(TRAIN)
    char.set_params(min_df=1)
    char.fit(TRAIN)
    ours_w = WordFeatures(word.get_feature_names_out(), word.idf_, ngram.WORD_TOKEN)
    ours_c = CharFeatures(char.get_feature_names_out(), char.idf_, ngram.CHAR_NGRAMS)
    return (word, ours_w), (char, ours_c)


PAIRS = _pair()
TEXT = st.text(alphabet=st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)),
               max_size=60)


def _same(texts: list[str]) -> None:
    for ref, ours in PAIRS:
        a = ref.transform(texts).toarray()
        b = ours.transform(texts).toarray()
        assert a.shape == b.shape
        assert np.allclose(a, b, atol=1e-6), texts


def test_matches_sklearn_on_known_texts() -> None:
    _same(TRAIN + ["", " ", "\n", "you", "YOU  KNOW   where", "😡😡😡", "a b", "ab"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(TEXT, st.sampled_from(TRAIN)), min_size=1, max_size=6))
def test_matches_sklearn_on_any_text(texts: list[str]) -> None:
    _same(texts)


def test_nul_is_a_space_and_never_joins_messages() -> None:
    (_, word), (_, char) = PAIRS
    a = word.transform(["I know\x00where you live"]).toarray()
    b = word.transform(["I know where you live"]).toarray()
    assert np.allclose(a, b)
    # the batch separator never lets one message's n-grams reach into the next
    together = char.transform(["I know", "where you live"]).toarray()
    alone = np.vstack([char.transform(["I know"]).toarray(), char.transform(["where you live"]).toarray()])
    assert np.allclose(together, alone)


def test_shipped_model_scores_like_sklearn() -> None:
    model = ngram.load()
    assert model is not None, "run scripts/train_signal_ngram.py"
    with np.load(ngram.PATH, allow_pickle=False) as npz:
        word, char = ngram.vectorizers(list(npz["word_vocab"]), list(npz["char_vocab"]))
        word.idf_ = npz["word_idf"].astype(float)
        char.idf_ = npz["char_idf"].astype(float)
    texts = ["you'll regret this", "ok", "", "Ça va? send send pics 😏", "I'm outside your building"]
    from scipy.sparse import hstack
    x = hstack([word.transform(texts), char.transform(texts)])
    want = 1 / (1 + np.exp(-(x @ model.coef + model.intercept)))
    assert np.allclose(model.predict(texts), want, atol=1e-5)


def test_one_message_weights_match_the_batch() -> None:
    (_, word), _ = PAIRS
    for text in TRAIN + ["you you you know", ""]:
        row = word.transform([text])
        assert word.weights(text) == pytest.approx(dict(zip(row.indices.tolist(), row.data.tolist(), strict=True)))


def char_hash(gram: str) -> int:
    """The hash definition, written out one character at a time."""
    h = 0
    for ch in gram:
        h = (h * int(features._P) + ord(ch)) & 0xFFFFFFFFFFFFFFFF
    return (h + len(gram) * int(features._Q)) & 0xFFFFFFFFFFFFFFFF


def test_vocabulary_hashes_match_the_python_definition() -> None:
    from safecase.analysis.signals.features import _char_hashes

    grams = ["ab", "abc", "😡x", "  ", "ßé!", "abcde", "z"]
    assert _char_hashes(grams, 5).tolist() == [char_hash(g) for g in grams]
