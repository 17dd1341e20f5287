"""A small but complete case for report and bundle tests: the sample SMS backup, a typed
incident with a photo, detector signals and the person's reviews."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from safecase.store import ledger
from safecase.store.case import Case
from safecase.store.incidents import add_incident

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
PASS = "correct horse battery"
ARTIFACTS = ROOT / "test-artifacts" / "report"

# Texts from the sample story that the tests confirm, as the person would in review.
CONFIRM = {
    "Answer me or I'll come round": "threat",
    "I know you got home at 11 last night": "surveillance",
    "Nice of your sister to tell me where you're staying 🙂": "surveillance",
    "Everyone at your work will know what you really are": "exposure",
}
SUGGEST_ONLY = {"Accidents happen, just saying": "threat"}
DISMISS = {"Can we talk? I miss you": "fixation"}


def _signal(case: Case, event_id: int, name: str, score: float) -> None:
    case.db.execute(
        "INSERT INTO signals(event_id, name, score, evidence, detector, detector_version,"
        " created_at) VALUES(?,?,?,?,?,?,?)",
        (event_id, name, score, json.dumps([{"text": "…", "why": "test rule"}]),
         "lexicon", "1.0", ledger.now_utc()))


def _review(case: Case, event_id: int, name: str, decision: str) -> None:
    case.db.execute("INSERT INTO reviews(event_id, signal, decision, at, note) "
                    "VALUES(?,?,?,?,NULL)", (event_id, name, decision, ledger.now_utc()))
    case.record("review", f"event:{event_id}", {"event": event_id, "signal": name,
                                                "decision": decision})


def _photo(path: Path) -> None:
    """A small photo of its own (the sample's car.png is already an MMS attachment)."""
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (320, 200), (70, 90, 120))
    draw = ImageDraw.Draw(im)
    draw.rectangle((120, 40, 200, 200), fill=(150, 100, 60))   # a door
    draw.ellipse((185, 110, 195, 120), fill=(230, 200, 80))
    im.save(path, "PNG")


def make_case(root: Path) -> Path:
    case_dir = root / "case"
    with Case.create(case_dir, PASS, tz="Europe/London", region="GB",
                     subject_name="Sam Carter") as case:
        case.import_path(SAMPLES / "sms-20240414120000.xml")
        case.import_path(SAMPLES / "calls-20240414120000.xml")
        photo = root / "doorstep.png"
        _photo(photo)
        add_incident(case, kind="visit", at="2024-03-16 21:40",
                     text="Alex stood outside my flat for 20 minutes and rang the bell",
                     where="Outside 12 Elm Road", witnesses=["Jo (neighbour)"],
                     report_ref="CAD 4411/16MAR24", felt="Terrified, I could not sleep",
                     who="+447700900456", attach=[photo])
        by_text = {ev["text"]: ev["id"] for ev in case.events() if ev["text"]}
        with case.transaction():
            for text, name in {**CONFIRM, **SUGGEST_ONLY, **DISMISS}.items():
                _signal(case, by_text[text], name, 0.91)
            for text, name in CONFIRM.items():
                _review(case, by_text[text], name, "confirmed")
            for text, name in DISMISS.items():
                _review(case, by_text[text], name, "dismissed")
    return case_dir


@pytest.fixture(scope="session")
def sample_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_case(tmp_path_factory.mktemp("sample"))


@pytest.fixture
def passphrase_env(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("SAFECASE_PASSPHRASE", PASS)
    return PASS


@pytest.fixture(scope="session")
def built_report(sample_case: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The sample case's report, PDF and HTML, built once through the CLI code path."""
    from safecase.report.html import render_html
    from safecase.report.model import ReportOptions, build_report
    from safecase.report.pdf import render_pdf

    out = tmp_path_factory.mktemp("report")
    with Case.open(sample_case, PASS) as case:
        rep = build_report(case, ReportOptions())
        pages = render_pdf(rep, out / "report.pdf")
        render_html(rep, out / "report.html")
        exhibits = [x.sha256 for x in rep.exhibit_rows()]
        fingerprint = rep.fingerprint
        cover = rep.cover
    return {"pdf": out / "report.pdf", "html": out / "report.html", "pages": pages,
            "exhibit_hashes": exhibits, "fingerprint": fingerprint, "cover": cover}


def pdf_text(path: Path, raw: bool = False) -> str:
    """The PDF's text by poppler's pdftotext. ``raw`` keeps content-stream order and does
    not join a line ending in "-" to the next (the default mode drops such hyphens)."""
    import subprocess

    cmd = ["pdftotext", "-enc", "UTF-8", *(["-raw"] if raw else []), str(path), "-"]
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
