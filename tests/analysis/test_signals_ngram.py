"""The shipped text model and how the engine combines it with the rules: present, up to
date with its training script, gated, named in the evidence, and never the only thing
standing between an explicit threat and its label."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from safecase.analysis.signals import classify, classify_many, engine, ngram
from safecase.model import SIGNALS

ROOT = Path(__file__).resolve().parents[2]


def test_model_ships_and_loads() -> None:
    model = ngram.load()
    assert model is not None, "run scripts/train_signal_ngram.py"
    assert (model.name, model.version) == ("safecase-ngram", "2.0.0")
    assert model.coef.shape[1] == len(SIGNALS) + 1          # twelve signals and the gate
    assert model.coef.shape[0] == len(model.word.index) + len(model.char.idf)
    probs = model.predict(["I will find you and hurt you", "see you at 7!"])
    assert probs.shape == (2, len(SIGNALS) + 1)
    assert probs[0, ngram.GATE] > probs[1, ngram.GATE]


def test_model_file_matches_training_script() -> None:
    # The committed model is what the script fits from the committed data.
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "train_signal_ngram.py"), "--check"],
        capture_output=True, text=True, env={"PYTHONPATH": str(ROOT / "src")}, check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr


def test_model_evidence_names_model_and_keeps_rule_spans() -> None:
    res = classify("one day you won't see me coming")
    whys = [e.why for e in res.evidence["threat"]]
    assert any(w.startswith("model safecase-ngram 2.0.0 p=") and "gate=" in w for w in whys)
    assert any(w.startswith("rule threat.") for w in whys)  # not hidden by the model span


def test_outgoing_model_hits_raise_no_flag() -> None:
    text = "one day you won't see me coming"
    assert "threat" in classify(text).labels
    assert "threat" not in classify(text, "outgoing").labels


def test_gate_quiets_a_friend_borrowing_a_stalkers_words(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "I know you were at the concert last night!! saw it on Mia's story, so jealous 😍"
    assert classify(text).labels == []
    monkeypatch.setattr(engine.ngram, "load", lambda: None)
    assert classify(text).labels == ["surveillance"]    # the phrase rule alone would flag it


def test_strong_rules_pass_a_closed_gate() -> None:
    # The gate reads short texts and loving wrappers as mild; explicit threats still count.
    model = ngram.load()
    assert model is not None
    for text in ("Ich bring dich um", "I love you so much and I will kill you if you leave, babe"):
        assert model.predict([text])[0, ngram.GATE] < engine.GATE
        assert "threat" in classify(text).labels, text


def test_scores_are_consistent_with_labels() -> None:
    texts = ["answer me now", "ok see you", "I'm outside your building", "send nudes or else",
             "please stop texting me"]
    for res in classify_many(texts):
        assert set(res.labels) == {k for k, v in res.scores.items() if v >= engine.THRESHOLD}


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


def test_quick_path_gives_the_general_paths_scores(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = ["ok see you at 7", "lol", "what time is the match", "thanks!! x", "",
             "you up?", "I'm outside, come down when ready"]
    items = [(t, d) for t in texts for d in ("incoming", "outgoing", "unknown")]
    fast = classify_many(items)
    monkeypatch.setattr(engine, "_model_only", lambda state: None)
    slow = classify_many(items)
    assert [r.to_dict() for r in fast] == [r.to_dict() for r in slow]
