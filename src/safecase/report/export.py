"""Plain exports of the log for people who work in spreadsheets: CSV and JSON lines.

JSONL keeps every string exact. CSV guards against spreadsheet formulas: a cell that would
start with = + - @ (or a tab or carriage return) gets a leading apostrophe, the usual
defence against formula injection from hostile message text; the JSONL export and the
bundle keep the exact text.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path
from typing import Any

from safecase.report.model import Report

CSV_COLUMNS = ("event_id", "local_time", "utc_time", "kind", "channel", "direction", "party",
               "text", "confirmed_signals", "suggested_signals", "exhibits", "where",
               "witnesses", "report_reference", "how_it_felt")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> str:
    s = "" if value is None else str(value)
    return "'" + s if s.startswith(_FORMULA) else s


def export_csv(report: Report, out: Path) -> int:
    """Writes the chronological log as CSV (UTF-8 with a BOM, for spreadsheet programs);
    returns the number of rows."""
    report.begin_render()
    n = 0
    with open(out, "w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_COLUMNS)
        for r in report.log_rows():
            det = dict(r.details)
            w.writerow([_cell(v) for v in (
                r.event_id, r.when, r.when_utc, r.kind, r.channel, r.direction, r.party, r.text,
                "; ".join(r.confirmed), "; ".join(r.suggested), "; ".join(r.exhibits),
                det.get("Where"), det.get("Witnesses"), det.get("Report reference"),
                det.get("How it felt"))])
            n += 1
    return n


def export_jsonl(report: Report, out: Path) -> int:
    """Writes the events in scope as JSON lines (the `safecase events` shape, redacted when
    rules apply); returns the number of lines."""
    report.begin_render()
    n = 0
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        for ev in report.events():
            line = json.dumps(ev, ensure_ascii=False)
            if report.redactor:
                line = report.redactor.text(line)
            fh.write(line + "\n")
            n += 1
    return n


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
