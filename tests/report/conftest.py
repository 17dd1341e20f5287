"""Fixtures for the report and bundle tests (helpers live in tests/helpers_report.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_support import PASS, make_case

from safecase.store.case import Case


@pytest.fixture(scope="session")
def sample_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_case(tmp_path_factory.mktemp("sample"))


@pytest.fixture(scope="session")
def built_report(sample_case: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The sample case's report, PDF and HTML, built once."""
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
