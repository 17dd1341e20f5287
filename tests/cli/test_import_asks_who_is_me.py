"""`safecase import` on a WhatsApp export without --me: on a terminal it asks which sender
is the person (a real pseudo-terminal drives the CLI); anywhere else it does not ask."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PASSPHRASE, ROOT, cli_env

from safecase.cli.importing import pick_self
from safecase.store import ledger
from safecase.store.case import Case

FIX = Path(__file__).resolve().parents[1] / "importers" / "fixtures" / "whatsapp"
CHAT = FIX / "WhatsApp Chat with Alex Morgan.txt"   # Alex Morgan 5 lines, Sam Carter 1
QUESTION = b"Enter if none"


def run_on_terminal(case_dir: Path, path: Path, answers: list[bytes], *args: str,
                    timeout: float = 120) -> tuple[int, str, str]:
    """Runs `safecase import` with its stdin on a pseudo-terminal (stdout and stderr are
    pipes), typing each answer once the question has been shown."""
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "safecase", "import", str(case_dir), str(path), *args],
        stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(), cwd=ROOT)
    os.close(slave)
    err = b""
    deadline = time.monotonic() + timeout
    try:
        for answer in answers:
            asked = err.count(QUESTION) + 1
            while err.count(QUESTION) < asked:
                assert time.monotonic() < deadline, f"no question; stderr so far: {err!r}"
                ready, _, _ = select.select([proc.stderr], [], [], 1)
                if ready:
                    chunk = os.read(proc.stderr.fileno(), 4096)
                    assert chunk, f"stderr closed before the question: {err!r}"
                    err += chunk
            os.write(master, answer)
        out, rest = proc.communicate(timeout=max(1, deadline - time.monotonic()))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    return proc.returncode, out.decode(), (err + rest).decode()


def events(run, case_dir: Path) -> list[dict]:
    res = run("events", case_dir, "--jsonl")
    assert res.returncode == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines()]


def import_options(case_dir: Path) -> list[dict]:
    with Case.open(case_dir, PASSPHRASE) as case:
        return [json.loads(e.payload)["options"] for e in ledger.entries(case.db, "import")]


def test_terminal_asks_and_the_answer_sets_direction(run, case_dir: Path) -> None:
    rc, out, err = run_on_terminal(case_dir, CHAT, [b"2\n"])
    assert rc == 0, err
    assert "1. Alex Morgan (5 messages)" in err and "2. Sam Carter (1 message)" in err
    assert "you said you are Sam Carter" in out
    evs = events(run, case_dir)
    assert [(e["sender"], e["direction"]) for e in evs] == [
        ("Alex Morgan", "incoming"), ("Sam Carter", "outgoing"), ("Alex Morgan", "incoming"),
        ("Alex Morgan", "incoming"), ("Alex Morgan", "incoming"), ("Alex Morgan", "incoming")]
    (options,) = import_options(case_dir)
    assert options["me"] == ["Sam Carter"] and options["me_from"] == "asked"


def test_terminal_answer_by_name_after_a_wrong_one(run, case_dir: Path) -> None:
    rc, out, err = run_on_terminal(case_dir, CHAT, [b"7\n", b"sam carter\n"])
    assert rc == 0, err
    assert "'7' is not one of the senders above" in err
    assert import_options(case_dir)[0]["me"] == ["Sam Carter"]
    assert {e["direction"] for e in events(run, case_dir)} == {"incoming", "outgoing"}


def test_terminal_enter_means_unknown(run, case_dir: Path) -> None:
    rc, out, err = run_on_terminal(case_dir, CHAT, [b"\n"])
    assert rc == 0, err
    assert "--me" in out  # the usual note on how to set it later
    assert {e["direction"] for e in events(run, case_dir)} == {"unknown"}
    (options,) = import_options(case_dir)
    assert options["me"] == [] and options["me_from"] == "asked"


def test_terminal_with_me_does_not_ask(run, case_dir: Path) -> None:
    rc, out, err = run_on_terminal(case_dir, CHAT, [], "--me", "Sam Carter")
    assert rc == 0, err
    assert b"Which is you" not in err.encode()
    (options,) = import_options(case_dir)
    assert options["me"] == ["Sam Carter"] and "me_from" not in options


def test_terminal_does_not_ask_for_formats_that_know(run, case_dir: Path) -> None:
    sms = ROOT / "tests" / "importers" / "fixtures" / "iphone" / "backup"
    rc, _, err = run_on_terminal(case_dir, sms, [])
    assert rc == 0, err
    assert "Which is you" not in err


def test_pipe_does_not_ask(run, case_dir: Path) -> None:
    res = run("import", case_dir, CHAT, input="2\n")   # stdin is a pipe, not a terminal
    assert res.returncode == 0, res.stderr
    assert "Which is you" not in res.stderr and "--me" in res.stdout
    assert {e["direction"] for e in events(run, case_dir)} == {"unknown"}
    (options,) = import_options(case_dir)
    assert options["me"] == [] and "me_from" not in options


CANDIDATES = [("Alex Morgan", 5), ("Sam Carter", 2), ("Carter, Sam", 1), ("+44 7700 900123", 1)]


@pytest.mark.parametrize("answer,expected", [
    ("", []), ("  \n", []), ("2", ["Sam Carter"]), ("2, 4", ["Sam Carter", "+44 7700 900123"]),
    ("Sam Carter", ["Sam Carter"]), ("SAM CARTER", ["Sam Carter"]),
    ("Carter, Sam", ["Carter, Sam"]), ("2,Alex Morgan,2", ["Sam Carter", "Alex Morgan"]),
    ("0", None), ("5", None), ("Jo", None), ("1, Jo", None),
])
def test_pick_self(answer: str, expected: list[str] | None) -> None:
    assert pick_self(answer, CANDIDATES) == expected
