"""The evidence report built from the sample case: content, exact quotes, tagging, pages."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from report_support import ARTIFACTS, CONFIRM, DISMISS, PASS, SUGGEST_ONLY, pdf_text

from safecase.report import pdf as pdfmod
from safecase.report.html import render_html
from safecase.report.model import ReportOptions, build_report
from safecase.report.pdf import Escaper, render_pdf
from safecase.store.case import Case
from safecase.store.incidents import add_incident


def _flat(text: str) -> str:
    """pdftotext breaks long lines; compare with runs of white space made single."""
    return re.sub(r"\s+", " ", text)


def test_cover_fields_are_in_the_pdf_text(built_report: dict) -> None:
    text = pdf_text(built_report["pdf"])
    cover = built_report["cover"]
    assert "Sam Carter" in text
    assert cover.period in text
    for person in cover.people:
        assert person in text
    for label, n in cover.counts.items():
        assert label in text and str(n) in text
    assert cover.prepared_on in text
    assert f"SafeCase version\n\n{cover.version}" in text or cover.version in text
    assert built_report["fingerprint"] in text
    # The running header carries the fingerprint on every page.
    assert text.count(built_report["fingerprint"]) >= built_report["pages"]


def test_every_confirmed_quote_is_exact_and_suggestions_are_apart(built_report: dict) -> None:
    text = _flat(pdf_text(built_report["pdf"]))
    esc = Escaper()
    for quote in CONFIRM:
        # Emoji have no glyph in the embedded fonts: the PDF names them, never drops them.
        shown = esc.name_unrenderable(quote)
        assert shown in text, quote
    assert "[emoji: slightly smiling face]" in text
    assert "Confirmed by the person: threat" in text
    assert "Suggested by the tool, not confirmed: threat (0.91)" in text
    # A dismissed flag is not shown as a flag.
    dismissed_quote = next(iter(DISMISS))
    idx = text.index(dismissed_quote)
    assert "fixation" not in text[idx: idx + 200]
    assert next(iter(SUGGEST_ONLY)) in text


def test_every_exhibit_hash_is_in_the_pdf(built_report: dict) -> None:
    text = pdf_text(built_report["pdf"])
    assert len(built_report["exhibit_hashes"]) == 4   # two sources, an MMS photo, the photo
    for sha in built_report["exhibit_hashes"]:
        assert sha in text


def test_typed_incident_details_are_in_key_incidents(built_report: dict) -> None:
    text = _flat(pdf_text(built_report["pdf"]))
    start = text.index("Key incidents")
    section = text[start: text.index("Chronological log", start)]
    for needle in ("Alex stood outside my flat for 20 minutes and rang the bell",
                   "Where: Outside 12 Elm Road", "Witnesses: Jo (neighbour)",
                   "Report reference: CAD 4411/16MAR24",
                   "How it felt: Terrified, I could not sleep", "X2 doorstep.png"):
        assert needle in section


def test_pdf_is_tagged_pdf_ua(built_report: dict) -> None:
    info = subprocess.run(["pdfinfo", str(built_report["pdf"])], capture_output=True,
                          text=True, check=True).stdout
    assert re.search(r"^Tagged:\s+yes", info, re.M)
    with pikepdf.open(built_report["pdf"]) as pdf:
        root = pdf.Root
        assert "/StructTreeRoot" in root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang).startswith("en")
        meta = pdf.open_metadata()
        assert meta.get("pdfuaid:part") == "1"
        # Every page's content is reachable from the structure tree.
        keys = {int(root.StructTreeRoot.ParentTree.Nums[i])
                for i in range(0, len(root.StructTreeRoot.ParentTree.Nums), 2)}
        for page in pdf.pages:
            assert int(page.obj.StructParents) in keys


def test_page_images_are_rendered_for_review(built_report: dict) -> None:
    """Writes the pages to test-artifacts/report/ (the team looks at them)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for old in ARTIFACTS.glob("sample-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(built_report["pdf"]),
                    str(ARTIFACTS / "sample")], check=True, capture_output=True)
    pages = sorted(ARTIFACTS.glob("sample-*.png"))
    assert len(pages) == built_report["pages"]
    assert all(p.stat().st_size > 3000 for p in pages)   # not blank


def test_html_is_self_contained_with_exact_text(built_report: dict) -> None:
    raw = built_report["html"].read_text(encoding="utf-8")
    assert "<script" not in raw.lower() and "<link" not in raw.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", raw, re.I)
    assert "Content-Security-Policy" in raw
    text = html.unescape(raw)
    for quote in CONFIRM:
        assert quote in text          # emoji kept exactly in HTML
    for sha in built_report["exhibit_hashes"]:
        assert sha in raw
    assert built_report["fingerprint"] in raw
    assert 'src="data:image/jpeg;base64,' in raw


def _small_case(root: Path, text: str) -> Path:
    case_dir = root / "case"
    with Case.create(case_dir, PASS, tz="Europe/London", subject_name="Ré <Tester> & *x*") \
            as case:
        add_incident(case, kind="message", at="2024-05-01 10:00", text=text,
                     who="+447700900999", where="#1 $Street$ \\ <b>")
    return case_dir


HOSTILE = ('Markup must stay text: *bold* _it_ #set page(width: 1cm) $x^2$ \\ "q" <a> @ref '
           "`code` // not a comment /* nor this */ = heading? - list? + enum?")
RTL = "תפסיק להתקשר אליי"


def test_markup_characters_and_rtl_are_exact(tmp_path: Path) -> None:
    case_dir = _small_case(tmp_path, HOSTILE + "\n" + RTL)
    with Case.open(case_dir, PASS) as case:
        rep = build_report(case, ReportOptions(paper="letter"))
        render_pdf(rep, tmp_path / "r.pdf")
        render_html(rep, tmp_path / "r.html")
    text = pdf_text(tmp_path / "r.pdf")
    assert HOSTILE in _flat(pdf_text(tmp_path / "r.pdf", raw=True))
    assert "#1 $Street$ \\ <b>" in text
    assert "Ré <Tester> & *x*" in text
    # RTL words are all there (pdftotext orders bidi runs its own way).
    for word in RTL.split():
        assert word in text
    with pikepdf.open(tmp_path / "r.pdf") as pdf:
        box = [float(x) for x in pdf.pages[0].MediaBox]
        assert round(box[2]) == 612 and round(box[3]) == 792   # US Letter
    raw = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<b>" not in raw.replace("<body>", "")   # escaped, never live markup
    assert html.escape(HOSTILE, quote=True) in raw


def test_long_log_is_compiled_in_chunks_and_stays_tagged(
        sample_case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdfmod, "LOG_ROWS_PER_CHUNK", 60)
    copy = tmp_path / "case"
    shutil.copytree(sample_case, copy)
    with Case.open(copy, PASS) as case:
        rep = build_report(case, ReportOptions())
        n_rows = sum(1 for _ in rep.log_rows())
        pages = render_pdf(rep, tmp_path / "r.pdf")
    assert n_rows > 300          # so at least six log chunks were joined
    text = pdf_text(tmp_path / "r.pdf")
    assert f"Page {pages}" in text and "Page 1\n" in text
    for i in range(1, pages + 1):
        assert f"Page {i}" in text   # numbering runs on across chunks
    with pikepdf.open(tmp_path / "r.pdf") as pdf:
        st = pdf.Root.StructTreeRoot
        nums = st.ParentTree.Nums
        keys = [int(nums[i]) for i in range(0, len(nums), 2)]
        assert len(keys) == len(set(keys))
        for page in pdf.pages:
            assert int(page.obj.StructParents) in keys
        titles = [item.title for item in pdf.open_outline().root]
        assert titles[:1] == ["Cover"] and "Chronological log" in titles
        assert "Method and limits" in titles


def test_report_is_built_with_the_network_refused(
        sample_case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def refuse(*_a: object, **_k: object) -> None:
        raise AssertionError("the report tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    copy = tmp_path / "case"
    shutil.copytree(sample_case, copy)
    with Case.open(copy, PASS) as case:
        rep = build_report(case, ReportOptions())
        assert render_pdf(rep, tmp_path / "r.pdf") > 3
        render_html(rep, tmp_path / "r.html")


def test_report_cli_runs_in_a_network_namespace(sample_case: Path, tmp_path: Path) -> None:
    """The whole command, typst child processes included, with no network at all."""
    import os
    import sys

    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip("unshare -n is not permitted here; the socket-guard test covers this")
    copy = tmp_path / "case"
    shutil.copytree(sample_case, copy)
    env = dict(os.environ, SAFECASE_PASSPHRASE=PASS,
               PYTHONPATH=str(Path(__file__).resolve().parents[2] / "src"))
    proc = subprocess.run(["unshare", "-n", sys.executable, "-m", "safecase", "report",
                           str(copy), "--out", str(tmp_path / "r.pdf"), "--html",
                           str(tmp_path / "r.html")], capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "r.pdf").stat().st_size > 10_000
