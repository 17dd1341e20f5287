"""The ``safecase classify --jsonl`` contract, run as a separate process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from safecase.model import SIGNALS

SRC = str(Path(__file__).resolve().parents[2] / "src")


def run(stdin: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run(
        [sys.executable, "-m", "safecase", "classify", *args],
        input=stdin, capture_output=True, env=env, timeout=120, check=False,
    )


def test_jsonl_contract() -> None:
    lines = [
        {"id": "m1", "text": "answer me you stupid b!tch 🔪", "direction": "incoming"},
        {"id": 2, "text": "please stop texting me", "direction": "outgoing"},
        {"id": None, "text": "see you at 7!", "direction": "incoming"},
    ]
    stdin = ("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n"
             "I know where you live, I watch you every night\n").encode()
    proc = run(stdin, "--jsonl")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert len(out) == 4
    assert [o["id"] for o in out] == ["m1", 2, None, 4]
    for o, text in zip(out, [x["text"] for x in lines] + ["I know where you live, I watch you every night"],
                       strict=True):
        assert set(o) == {"id", "labels", "scores", "evidence"}
        assert list(o["scores"]) == list(SIGNALS)
        assert all(0 <= v <= 1 for v in o["scores"].values())
        assert set(o["evidence"]) == set(o["labels"])
        for evs in o["evidence"].values():
            for ev in evs:
                assert set(ev) == {"start", "end", "text", "why"}
                assert text[ev["start"]:ev["end"]] == ev["text"]
    assert {"insult", "contact_demand"} <= set(out[0]["labels"])
    assert out[1]["labels"] == ["refusal"]
    assert out[2]["labels"] == []
    assert "surveillance" in out[3]["labels"]


def test_bad_json_line_names_the_line() -> None:
    proc = run(b'{"id": 1, "text": "hi"}\n{"text": oops}\n', "--jsonl")
    assert proc.returncode == 2
    err = proc.stderr.decode().strip()
    assert err.count("\n") == 0 and "line 2" in err and "JSON" in err
    assert "Traceback" not in err


def test_missing_text_and_bad_direction() -> None:
    proc = run(b'{"id": 1}\n', "--jsonl")
    assert proc.returncode == 2 and "line 1" in proc.stderr.decode()
    proc = run(b'{"text": "hi", "direction": "up"}\n', "--jsonl")
    assert proc.returncode == 2 and "direction" in proc.stderr.decode()


def test_lone_surrogate_round_trips() -> None:
    proc = run(b'{"id": 1, "text": "leave me alone \\ud83d"}\n', "--jsonl")
    assert proc.returncode == 0, proc.stderr
    (o,) = [json.loads(x) for x in proc.stdout.decode().splitlines()]
    assert o["labels"] == ["refusal"]


def test_missing_model_folder_is_a_user_error(tmp_path: Path) -> None:
    proc = run(b"hi\n", "--jsonl", "--model", str(tmp_path / "nope"))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr.decode()
