"""Shared fixtures: a passphrase, fresh cases, and the CLI run as a person runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from safecase.store.case import Case

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def passphrase() -> str:
    return PASSPHRASE


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    """An empty, created case folder (closed)."""
    path = tmp_path / "case"
    Case.create(path, PASSPHRASE, tz="Europe/London").close()
    return path


@pytest.fixture
def open_case(case_dir: Path):
    case = Case.open(case_dir, PASSPHRASE)
    yield case
    case.close()


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SAFECASE_")}
    env["SAFECASE_PASSPHRASE"] = PASSPHRASE
    env["COLUMNS"] = "200"
    env.update(extra)
    return env


Runner = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run() -> Runner:
    """Runs `safecase ARGS...` as a subprocess; returns the completed process."""

    def _run(*args: object, input: str | None = None, env: dict[str, str] | None = None,
             timeout: float = 300) -> subprocess.CompletedProcess[str]:
        # Never the terminal pytest runs in: `safecase import` asks questions on a TTY.
        stdin = {"input": input} if input is not None else {"stdin": subprocess.DEVNULL}
        return subprocess.run(
            [sys.executable, "-m", "safecase", *map(str, args)], capture_output=True,
            text=True, env=env or cli_env(), timeout=timeout, cwd=ROOT, **stdin)

    return _run


def head_of(case_dir: Path) -> str:
    with Case.open(case_dir, PASSPHRASE) as case:
        return case.fingerprint()


def snapshot(case_dir: Path) -> dict[str, bytes]:
    """Every file of a case folder (for 'nothing changed' checks)."""
    return {str(p.relative_to(case_dir)): p.read_bytes()
            for p in sorted(case_dir.rglob("*")) if p.is_file()}
