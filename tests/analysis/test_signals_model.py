"""The optional --model path, with a tiny BERT the test builds and saves itself.

torch and transformers are the ``model`` extra: CI installs them, and this test fails
(it does not skip) when they are missing, so a broken install is noticed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch
from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

from safecase.analysis.signals import SIGNALS, classify, classify_many
from safecase.analysis.signals.model import ModelUnavailable, load_model

SRC = str(Path(__file__).resolve().parents[2] / "src")
VOCAB = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "i", "will", "kill", "you", "answer",
         "me", "stop", "texting", "hello", "see", "at", "7", "!", ".", "'", "ll"]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny-signals-model")
    vocab = folder / "vocab.txt"
    vocab.write_text("\n".join(VOCAB) + "\n", encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(vocab), do_lower_case=True)
    config = BertConfig(
        vocab_size=len(VOCAB), hidden_size=16, num_hidden_layers=1, num_attention_heads=2,
        intermediate_size=32, max_position_embeddings=64, num_labels=len(SIGNALS),
        id2label=dict(enumerate(SIGNALS)), label2id={n: i for i, n in enumerate(SIGNALS)},
        problem_type="multi_label_classification",
    )
    torch.manual_seed(0)
    model = BertForSequenceClassification(config)
    # Make the output predictable: "threat" always high, everything else low.
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.fill_(-6.0)
        model.classifier.bias[SIGNALS.index("threat")] = 6.0
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_loads_and_scores_every_signal(tiny_model: Path) -> None:
    m = load_model(tiny_model)
    assert m.device in ("cpu", "cuda")
    (probs,) = m.predict(["i will kill you"])
    assert set(probs) == set(SIGNALS)
    assert probs["threat"] > 0.99 and probs["refusal"] < 0.01


def test_model_combines_with_rules(tiny_model: Path) -> None:
    m = load_model(tiny_model)
    c = classify("hello, see you at 7", model=m)
    assert c.labels == ["threat"]  # the (rigged) model alone raises it
    (ev,) = c.evidence["threat"]
    assert ev.start == 0 and ev.text == "hello, see you at 7" and "model " in ev.why
    both = classify_many(["please stop texting me", "hello"], model=m)
    assert set(both[0].labels) == {"threat", "refusal"}


def test_not_a_model_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable):
        load_model(tmp_path)


def test_cli_model_option(tiny_model: Path) -> None:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run(
        [sys.executable, "-m", "safecase", "classify", "--jsonl", "--model", str(tiny_model)],
        input=b'{"id": 1, "text": "hello"}\n', capture_output=True, env=env, timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["labels"] == ["threat"]
