"""The shipped word n-gram model: present, up to date with its training script, agreeing
with scikit-learn, used only above its threshold, and named in the evidence."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from safecase.analysis.signals import classify, classify_many, engine, ngram
from safecase.model import SIGNALS

ROOT = Path(__file__).resolve().parents[2]


def test_model_ships_and_loads() -> None:
    model = ngram.load()
    assert model is not None, "run scripts/train_signal_ngram.py"
    assert model.name == "safecase-ngram"
    assert model.coef.shape == (len(model.vocab), len(SIGNALS))


def test_model_file_matches_training_script() -> None:
    # Deterministic build: the committed file is exactly what the script produces from the
    # committed data (the script also checks the pure-Python scorer against scikit-learn).
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_signal_ngram.py"), "--check"],
        capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")}, check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_scorer_matches_sklearn_on_unseen_text() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    model = ngram.load()
    assert model is not None
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
                          token_pattern=ngram.TOKEN_RE.pattern, vocabulary=model.vocab)
    vec.idf_ = np.asarray(model.idf_list)
    texts = ["you you you won't see me coming", "ok", "", "Ça va? send send pics"]
    want = 1 / (1 + np.exp(-(vec.transform(texts) @ model.coef + model.intercept)))
    assert np.allclose(model.predict(texts), want, atol=1e-9)


def test_model_evidence_names_model_and_keeps_rule_spans() -> None:
    res = classify("one day you won't see me coming")
    whys = [e.why for e in res.evidence["threat"]]
    assert any(w.startswith("model safecase-ngram 1.1.0 p=") for w in whys)
    assert any(w.startswith("rule threat.") for w in whys)  # not hidden by the model span


def test_outgoing_model_hits_raise_no_flag() -> None:
    text = "one day you won't see me coming"
    assert "threat" in classify(text).labels
    assert "threat" not in classify(text, "outgoing").labels


def test_without_model_file_rules_still_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine.ngram, "load", lambda: None)
    assert classify("I will kill you").labels == ["threat"]
    assert classify_many(["ok", ""])[0].labels == []


def test_warm_message_weakens_borrowed_words() -> None:
    # A friend's warm message with a surveillance-like phrase is weakened below the
    # threshold; the same words said coldly are not.
    warm = classify("saw you at the gym earlier! didn't want to interrupt your set haha, you looked great")
    assert "surveillance" not in warm.labels
    cold = classify("saw you at the gym earlier. didn't want to interrupt.")
    assert cold.scores["surveillance"] > warm.scores["surveillance"]
    # A strong threat stays a threat even in a "warm" wrapper.
    assert "threat" in classify("I love you so much and I will kill you if you leave, babe").labels
