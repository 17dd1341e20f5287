"""Redaction rules, the plain exports, and reusing a report in a bundle."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from report_support import CONFIRM, PASS

from safecase.errors import UserError
from safecase.report.bundle import verify_bundle, write_bundle
from safecase.report.export import export_csv, export_jsonl
from safecase.report.model import ReportOptions, build_report
from safecase.report.pdf import render_pdf
from safecase.report.redact import Redactor
from safecase.store.case import Case
from safecase.store.incidents import add_incident


@pytest.mark.parametrize("spelling", ["+447700900123", "07700 900123", "0044 7700 900 123",
                                      "+44 (0)7700-900-123", "07700900123"])
def test_phone_rule_matches_common_spellings(spelling: str) -> None:
    r = Redactor.parse(["phone:+447700900123"])
    assert r(f"call {spelling} now") == "call [REDACTED 1] now"
    assert r.summary() == [{"rule": 1, "kind": "phone", "replacements": 1}]


def test_phone_rule_leaves_longer_numbers_alone() -> None:
    r = Redactor.parse(["phone:07700900123"])
    assert r("ref 9077009001234") == "ref 9077009001234"


def test_literal_regex_email_and_order() -> None:
    r = Redactor.parse(["12 Elm Road", "regex:[A-Z]{2}\\d \\d[A-Z]{2}",
                        "email:Sam@Example.org", "literal:phone:x"])
    out = r("Sam, 12 Elm Road, SW1 2AB, sam@example.org, phone:x")
    assert out == "Sam, [REDACTED 1], [REDACTED 2], [REDACTED 3], [REDACTED 4]"
    assert [s["replacements"] for s in r.summary()] == [1, 1, 1, 1]


@pytest.mark.parametrize("bad", ["regex:(", "phone:not a number", "email:nobody", ""])
def test_bad_rules_are_user_errors(bad: str) -> None:
    with pytest.raises(UserError):
        Redactor.parse([bad])


def test_third_party_preset_uses_the_given_numbers() -> None:
    r = Redactor.parse(["third-party-numbers"], third_party_numbers=["+447700900321"])
    assert r("from 07700 900321 and 07700 900456") == "from [REDACTED 1] and 07700 900456"
    assert Redactor.parse(["third-party-numbers"])("07700 900321") == "07700 900321"


def test_csv_and_jsonl_exports(sample_case: Path, tmp_path: Path) -> None:
    copy = tmp_path / "case"
    shutil.copytree(sample_case, copy)
    with Case.open(copy, PASS) as case:
        add_incident(case, kind="other", at="2024-04-01 09:00",
                     text="=HYPERLINK(\"http://x\")\nsecond line 🙂", who="+447700900456")
        rep = build_report(case, ReportOptions())
        n_csv = export_csv(rep, tmp_path / "log.csv")
        n_jsonl = export_jsonl(rep, tmp_path / "log.jsonl")
    assert n_csv == n_jsonl > 400
    with open(tmp_path / "log.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    texts = {r["text"] for r in rows}
    for quote in CONFIRM:
        assert quote in texts
    # A formula never reaches a spreadsheet live; JSONL keeps the exact text.
    assert "'=HYPERLINK(\"http://x\")\nsecond line 🙂" in texts
    lines = [json.loads(x) for x in (tmp_path / "log.jsonl").read_text().splitlines()]
    assert "=HYPERLINK(\"http://x\")\nsecond line 🙂" in {ev["text"] for ev in lines}
    incident = next(r for r in rows if r["where"])
    assert incident["where"] == "Outside 12 Elm Road"
    assert incident["how_it_felt"] == "Terrified, I could not sleep"


def test_bundle_reuses_a_current_report(sample_case: Path, tmp_path: Path) -> None:
    copy = tmp_path / "case"
    shutil.copytree(sample_case, copy)
    with Case.open(copy, PASS) as case:
        rep = build_report(case, ReportOptions())
        render_pdf(rep, tmp_path / "report.pdf")
        with case.transaction():
            case.record("report", "report:report.pdf", {"outputs": []})
        rep2 = build_report(case, ReportOptions())
        write_bundle(rep2, tmp_path / "b.zip", report_pdf=tmp_path / "report.pdf")
        res = verify_bundle(tmp_path / "b.zip")
        assert res.ok, res.problems
        # New evidence after the report: the old report is refused.
        add_incident(case, kind="visit", at="2024-04-20 10:00", text="At the door again")
        rep3 = build_report(case, ReportOptions())
        with pytest.raises(UserError, match="made before later changes"):
            write_bundle(rep3, tmp_path / "c.zip", report_pdf=tmp_path / "report.pdf")
    assert not (tmp_path / "c.zip").exists()
    assert not (tmp_path / "c.zip.partial").exists()
