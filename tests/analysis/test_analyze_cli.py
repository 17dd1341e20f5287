"""analyze: signals stored in one transaction with a ledger entry; reviews untouched;
and the sample case end to end through the command line."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from safecase.analysis.review import review
from safecase.analysis.run import analyze
from safecase.store.case import Case
from safecase.store.ledger import entries

from .helpers import ALEX, ALEX_NEW, PASS, cli, event_id, import_calls, import_sms, ms, new_case

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


@dataclass
class Ev:
    start: int
    end: int
    text: str
    why: str


@dataclass
class Result:
    labels: list[str]
    scores: dict[str, float]
    evidence: dict[str, list[Ev]] = field(default_factory=dict)


def stop_rule(batch: list[tuple[str, str]]) -> list[Result]:
    """A one-rule detector: 'stop' in an outgoing message is a refusal."""
    out = []
    for text, direction in batch:
        m = re.search(r"stop", text, re.IGNORECASE)
        if m and direction == "outgoing":
            out.append(Result(["refusal"], {"refusal": 0.8},
                              {"refusal": [Ev(m.start(), m.end(), m.group(0), "says stop")]}))
        else:
            out.append(Result([], {"refusal": 0.0}))
    return out


@pytest.fixture()
def case(tmp_path: Path):
    c = new_case(tmp_path)
    import_sms(c, tmp_path, [(ALEX, ms(2024, 1, 1, 9), "hi", 1),
                             (ALEX, ms(2024, 1, 1, 10), "Please stop", 2),
                             (ALEX, ms(2024, 1, 1, 11), "Never", 1)])
    import_calls(c, tmp_path, [(ALEX, ms(2024, 1, 1, 12), 3)])
    yield c
    c.close()


def test_analyze_stores_signals_and_ledger(case) -> None:
    summary = analyze(case, classifier=(stop_rule, "stop-rule", "1.0"))
    assert summary["events_read"] == 3  # the call has no text
    assert summary["signals"] == {"refusal": 1} and summary["events_flagged"] == 1
    rows = case.db.execute("SELECT event_id, name, score, evidence, detector, detector_version"
                           " FROM signals").fetchall()
    eid = event_id(case, "Please stop")
    assert rows == [(eid, "refusal", 0.8, json.dumps([{"start": 7, "end": 11, "text": "stop",
                                                       "why": "says stop"}]),
                     "stop-rule", "1.0")]
    [entry] = [e for e in entries(case.db) if e.action == "analyze"]
    payload = json.loads(entry.payload)
    assert payload["detector"] == "stop-rule" and payload["detector_version"] == "1.0"
    assert payload["events_read"] == 3 and payload["signals_total"] == 1


def test_rerun_replaces_same_version_and_keeps_reviews(case) -> None:
    analyze(case, classifier=(stop_rule, "stop-rule", "1.0"))
    eid = event_id(case, "Please stop")
    review(case, eid, "refusal", "confirm", note="yes")
    again = analyze(case, classifier=(stop_rule, "stop-rule", "1.0"))
    assert again["replaced"] == 1
    assert case.db.execute("SELECT count(*) FROM signals").fetchone()[0] == 1
    assert case.db.execute("SELECT decision, note FROM reviews").fetchall() == [("confirmed",
                                                                                "yes")]
    # A new version of the detector takes over the same (event, name).
    analyze(case, classifier=(stop_rule, "stop-rule", "2.0"))
    assert case.db.execute("SELECT detector_version FROM signals").fetchall() == [("2.0",)]


def test_failure_leaves_nothing(case) -> None:
    def broken(batch):
        raise RuntimeError("detector crashed")

    with pytest.raises(RuntimeError):
        analyze(case, classifier=(broken, "broken", "1"))
    assert case.db.execute("SELECT count(*) FROM signals").fetchone()[0] == 0
    assert not [e for e in entries(case.db) if e.action == "analyze"]


def test_sample_case_end_to_end(tmp_path: Path) -> None:
    root = tmp_path / "sample"
    cli("init", str(root), "--tz", "Europe/London")
    cli("import", str(root), str(SAMPLES / "sms-20240414120000.xml"))
    cli("import", str(root), str(SAMPLES / "calls-20240414120000.xml"))
    out = cli("analyze", str(root)).stdout
    assert "signals" in out
    with Case.open(root, PASS) as c:
        stop = event_id(c, "Please stop contacting me. I don't want any contact with you. If "
                           "you carry on I will go to the police.")
        assert c.db.execute("SELECT 1 FROM signals WHERE event_id=? AND name='refusal'",
                            (stop,)).fetchone()
        alex = c.db.execute("SELECT person_id FROM identities WHERE value=?",
                            (ALEX,)).fetchone()[0]
        new = c.db.execute("SELECT id FROM identities WHERE value=?", (ALEX_NEW,)).fetchone()[0]
    [p] = json.loads(cli("pattern", str(root), "--person", str(alex), "--json").stdout)
    after = [r for r in p["refusals"]["refusals"] if r["event_id"] == stop]
    assert after and after[0]["contacts_after"]["count"] > 100
    people = json.loads(cli("people", str(root), "--suggest", "--json").stdout)
    assert any(new in s["identities"] for s in people["suggestions"])
    text = cli("assess", str(root), "--person", str(alex)).stdout
    assert "after you asked them to stop" in text


def _tiny_model(folder: Path) -> Path:
    """A one-layer BERT whose head always says `threat` (built here, never downloaded)."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, BertTokenizerFast

    from safecase.model import SIGNALS

    folder.mkdir()
    (folder / "vocab.txt").write_text("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhi\nstop\n",
                                      encoding="utf-8")
    tokenizer = BertTokenizerFast(vocab_file=str(folder / "vocab.txt"))
    config = BertConfig(vocab_size=7, hidden_size=8, num_hidden_layers=1, num_attention_heads=2,
                        intermediate_size=16, max_position_embeddings=32,
                        num_labels=len(SIGNALS), id2label=dict(enumerate(SIGNALS)),
                        label2id={n: i for i, n in enumerate(SIGNALS)},
                        problem_type="multi_label_classification")
    model = BertForSequenceClassification(config)
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.fill_(-6.0)
        model.classifier.bias[SIGNALS.index("threat")] = 6.0
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def test_analyze_with_local_model(case, tmp_path: Path) -> None:
    model = _tiny_model(tmp_path / "tiny")
    root = str(case.root)
    case.close()
    out = cli("analyze", root, "--model", str(model)).stdout
    assert "safecase-signals+tiny" in out
    with Case.open(root, PASS) as c:
        rows = c.db.execute("SELECT DISTINCT name, detector FROM signals WHERE name='threat'"
                            ).fetchall()
        assert rows == [("threat", "safecase-signals+tiny")]
        [entry] = [e for e in entries(c.db) if e.action == "analyze"]
        assert "tiny (config" in json.loads(entry.payload)["detector_version"]
    bad = cli("analyze", root, "--model", str(tmp_path / "nothing"), check=False)
    assert bad.returncode == 2 and "not a model folder" in bad.stderr
