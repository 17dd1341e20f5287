"""Shared fixtures for the device check tests: the fake adb, the indicator list, phones."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
# CI and developers have the shared data folder beside the repository (../shared).
ECHAP = Path(os.environ.get(
    "SAFECASE_ECHAP_DIR",
    Path(__file__).resolve().parents[3] / "shared" / "data" / "stalkerware-indicators"))
# A small list in the Echap format, written for these tests (the real list is not
# committed); the full-list test below uses the real one when it is present.
SMALL_IOC = FIXTURES / "indicators" / "ioc.yaml"


@pytest.fixture
def fake_adb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Install ``adb`` on PATH; returns a function that selects the phone to replay."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    exe = bin_dir / "adb"
    exe.write_text(f"#!{sys.executable}\nimport runpy, sys\n"
                   f"sys.argv[0] = 'adb'\nrunpy.run_path({str(HERE / 'fake_adb.py')!r}, "
                   "run_name='__main__')\n")
    exe.chmod(exe.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.delenv("SAFECASE_ADB", raising=False)
    log = tmp_path / "adb.log"
    monkeypatch.setenv("FAKE_ADB_LOG", str(log))

    def use(phone: str, serial: str = "FAKE0001", state: str = "device") -> Path:
        monkeypatch.setenv("FAKE_ADB_PHONE", str(FIXTURES / phone))
        monkeypatch.setenv("FAKE_ADB_SERIAL", serial)
        monkeypatch.setenv("FAKE_ADB_STATE", state)
        return log

    return use


@pytest.fixture
def small_indicators():
    from safecase.device.indicators import load_files

    return load_files(SMALL_IOC)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real per-user indicator cache."""
    monkeypatch.setenv("SAFECASE_DATA_DIR", str(tmp_path / "safecase-data"))
