"""`safecase import` of an encrypted iPhone backup: the password from the environment,
from a named variable, or asked on a terminal; a wrong one changes nothing."""

from __future__ import annotations

import fcntl
import json
import os
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest
from backup_crypto_helper import PASSWORD, PLAIN, encrypted_fixture
from conftest import ROOT, cli_env, head_of, snapshot


@pytest.fixture(scope="module")
def encrypted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return encrypted_fixture(tmp_path_factory)


def events(run, case_dir: Path) -> list[dict]:
    res = run("events", case_dir, "--jsonl")
    assert res.returncode == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines()]


def comparable(evs: list[dict]) -> list[tuple]:
    return [(e["kind"], e["direction"], e["timestamp"], e["sender"], e["recipients"],
             e["text"], e["duration_s"], e["call_status"], e["source"]["locator"],
             [a["sha256"] for a in e["attachments"]]) for e in evs]


def test_password_from_the_environment(run, case_dir: Path, tmp_path: Path,
                                       encrypted: Path) -> None:
    plain_case = tmp_path / "plain"
    subprocess.run([sys.executable, "-m", "safecase", "init", str(plain_case)],
                   env=cli_env(), cwd=ROOT, capture_output=True, check=True,
                   stdin=subprocess.DEVNULL)
    assert run("import", plain_case, PLAIN).returncode == 0
    tmp = tmp_path / "tmpdir"
    tmp.mkdir()
    res = run("import", case_dir, encrypted, "--json",
              env=cli_env(SAFECASE_BACKUP_PASSWORD=PASSWORD, TMPDIR=str(tmp)))
    assert res.returncode == 0, res.stderr
    (summary,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert summary["events_added"] == 11 and summary["exhibits_added"] == 1
    assert any("decrypted in memory" in n for n in summary["notes"])
    assert comparable(events(run, case_dir)) == comparable(events(run, plain_case))
    assert list(tmp.iterdir()) == []   # no temporary files of decrypted content
    assert PASSWORD not in json.dumps(summary)


def test_password_from_a_named_variable(run, case_dir: Path, encrypted: Path) -> None:
    res = run("import", case_dir, encrypted, "--backup-password-env", "MY_BACKUP_PW",
              env=cli_env(MY_BACKUP_PW=PASSWORD, SAFECASE_BACKUP_PASSWORD="not this one"))
    assert res.returncode == 0, res.stderr
    assert len(events(run, case_dir)) == 11
    res = run("import", case_dir, encrypted, "--backup-password-env", "UNSET_VAR_X")
    assert res.returncode == 2 and "UNSET_VAR_X" in res.stderr and "not set" in res.stderr


def test_wrong_password_is_one_line_exit_2_and_nothing_written(run, case_dir: Path,
                                                               encrypted: Path) -> None:
    head, before = head_of(case_dir), snapshot(case_dir)
    res = run("import", case_dir, encrypted,
              env=cli_env(SAFECASE_BACKUP_PASSWORD="hunter2"))
    assert res.returncode == 2
    (line,) = res.stderr.strip().splitlines()
    assert "wrong password" in line and "Traceback" not in res.stderr
    assert head_of(case_dir) == head and snapshot(case_dir) == before


def test_no_password_and_no_terminal_says_how(run, case_dir: Path, encrypted: Path) -> None:
    before = snapshot(case_dir)
    res = run("import", case_dir, encrypted)
    assert res.returncode == 2
    (line,) = res.stderr.strip().splitlines()
    assert "encrypted" in line and "SAFECASE_BACKUP_PASSWORD" in line
    assert "--backup-password-env" in line and "Encrypt local backup" in line
    assert snapshot(case_dir) == before


def _controlling_tty() -> None:
    # Make the pseudo-terminal on stdin the child's controlling terminal, as a login
    # terminal is: getpass reads the password from /dev/tty.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


@pytest.mark.parametrize("password,ok", [(PASSWORD, True), ("hunter2", False)])
def test_password_asked_on_the_terminal(run, case_dir: Path, encrypted: Path,
                                        password: str, ok: bool) -> None:
    master, slave = os.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "safecase", "import", str(case_dir), str(encrypted)],
        stdin=slave, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=cli_env(),
        cwd=ROOT, start_new_session=True, preexec_fn=_controlling_tty)
    os.close(slave)
    seen = b""
    deadline = time.monotonic() + 120
    try:
        while b"Password of the iPhone backup" not in seen:
            assert time.monotonic() < deadline and proc.poll() is None, seen
            ready, _, _ = select.select([master], [], [], 1)
            if ready:
                seen += os.read(master, 4096)
        os.write(master, password.encode() + b"\n")
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    assert PASSWORD.encode() not in seen   # not echoed
    if ok:
        assert proc.returncode == 0, err
        assert len(events(run, case_dir)) == 11
    else:
        assert proc.returncode == 2 and b"wrong password" in err
        assert events(run, case_dir) == []
