"""Small cases for the analysis tests: SMS Backup & Restore XML written here, signals
inserted directly so the tests do not depend on the detectors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

from safecase.store.case import Case

PASS = "correct horse battery"
SRC = Path(__file__).resolve().parents[2] / "src"
ALEX = "+447700900456"
ALEX_NEW = "+447700900789"
FRIEND = "+447700900321"


def ms(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> int:
    return int(datetime(y, mo, d, h, mi, tzinfo=UTC).timestamp() * 1000)


def sms_xml(messages: list[tuple[str, int, str, int]]) -> str:
    """(address, UTC ms, body, type: 1 received, 2 sent) to an SMS Backup & Restore file."""
    rows = [f'  <sms protocol="0" address={quoteattr(a)} date="{t}" type="{k}" subject="null" '
            f'body={quoteattr(b)} read="1" status="-1" locked="0" date_sent="{t}" '
            f'readable_date="x" contact_name="null" />' for a, t, b, k in messages]
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
            f'<smses count="{len(rows)}">\n' + "\n".join(rows) + "\n</smses>\n")


def calls_xml(calls: list[tuple[str, int, int]]) -> str:
    """(number, UTC ms, type: 1 incoming, 3 missed, 6 blocked) to a calls backup."""
    rows = [f'  <call number="{n}" duration="0" date="{t}" type="{k}" presentation="1" '
            f'readable_date="x" contact_name="null" />' for n, t, k in calls]
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
            f'<calls count="{len(rows)}">\n' + "\n".join(rows) + "\n</calls>\n")


def new_case(tmp: Path, tz: str = "Europe/London") -> Case:
    return Case.create(tmp / "case", PASS, tz=tz)


def import_sms(case: Case, tmp: Path, messages: list[tuple[str, int, str, int]],
               name: str = "sms-1.xml") -> None:
    path = tmp / name
    path.write_text(sms_xml(messages), encoding="utf-8")
    case.import_path(path)


def import_calls(case: Case, tmp: Path, calls: list[tuple[str, int, int]],
                 name: str = "calls-1.xml") -> None:
    path = tmp / name
    path.write_text(calls_xml(calls), encoding="utf-8")
    case.import_path(path)


def event_id(case: Case, text: str) -> int:
    row = case.db.execute("SELECT id FROM events WHERE text = ?", (text,)).fetchone()
    assert row is not None, text
    return int(row[0])


def event_at(case: Case, ts: int) -> int:
    return int(case.db.execute("SELECT id FROM events WHERE ts_ms = ?", (ts,)).fetchone()[0])


def add_signal(case: Case, eid: int, name: str, score: float = 0.9,
               detector: str = "test-rules", evidence: list[dict[str, Any]] | None = None
               ) -> None:
    with case.transaction():
        case.db.execute(
            "INSERT INTO signals(event_id, name, score, evidence, detector, detector_version,"
            " created_at) VALUES(?,?,?,?,?,?,?)",
            (eid, name, score, json.dumps(evidence or []), detector, "1", "2024-01-01"))


def identity(case: Case, value: str) -> int:
    return int(case.db.execute("SELECT id FROM identities WHERE value = ?",
                               (value,)).fetchone()[0])


def person_of(case: Case, value: str) -> int:
    return int(case.db.execute("SELECT person_id FROM identities WHERE value = ?",
                               (value,)).fetchone()[0])


def cli(*args: str, stdin: str | None = None, check: bool = True
        ) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SAFECASE_PASSPHRASE": PASS, "PYTHONPATH": str(SRC),
           "COLUMNS": "200"}
    proc = subprocess.run([sys.executable, "-m", "safecase", *args], input=stdin,
                          capture_output=True, text=True, env=env, timeout=120)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc
