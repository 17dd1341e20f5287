"""Building the report, its HTML version and the bundle into memory for download.

The report package writes to paths (HTML, bundle) or file objects (PDF). Here the PDF
goes to a BytesIO, the HTML to an anonymous memory file (``memfd``) through its
``/proc/self/fd`` path, and the bundle into a private folder in ``/dev/shm`` (memory):
``write_bundle`` writes ``NAME.partial`` and renames it, which needs a real folder. The
bytes are then held in the session until downloaded or the case is locked; nothing is
written to disk. The ledger entries are the same as ``safecase report`` and
``safecase bundle`` write.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from safecase.errors import UserError
from safecase.web.uploads import SHM


@dataclass
class BuiltReport:
    pdf: bytes
    html: bytes
    bundle: bytes
    pages: int
    fingerprint: str
    withheld: list[str]


def _read_memfd(fd: int) -> bytes:
    size = os.fstat(fd).st_size
    return os.pread(fd, size, 0)


def build(case: Any, *, persons: list[int] | None, since: str | None, until: str | None,
          redact: list[str], confirmed_only: bool, paper: str) -> BuiltReport:
    from safecase.report.bundle import write_bundle
    from safecase.report.html import render_html
    from safecase.report.model import ReportOptions, build_report
    from safecase.report.pdf import render_pdf

    if paper not in ("a4", "letter"):
        raise UserError("paper must be A4 or Letter")
    if not (SHM.is_dir() and os.access(SHM, os.W_OK)):
        raise UserError("building a report here needs Linux; use `safecase report`")
    opts = ReportOptions(persons=persons or None, since=since or None, until=until or None,
                         redact=redact, confirmed_only=confirmed_only, paper=paper)
    rep = build_report(case, opts)
    pdf_buf = io.BytesIO()
    pages = render_pdf(rep, pdf_buf)
    pdf = pdf_buf.getvalue()
    fd = os.memfd_create("n", os.MFD_CLOEXEC)
    try:
        render_html(rep, f"/proc/{os.getpid()}/fd/{fd}")
        html = _read_memfd(fd)
    finally:
        os.close(fd)
    rep.record("report:web", [
        {"file": "report.pdf", "sha256": hashlib.sha256(pdf).hexdigest(), "pages": pages},
        {"file": "report.html", "sha256": hashlib.sha256(html).hexdigest()}], via="web")
    folder = tempfile.mkdtemp(prefix="n-", dir=SHM)
    try:
        bundle_rep = build_report(case, ReportOptions(redact=redact, paper=paper))
        result = write_bundle(bundle_rep, Path(folder) / "safecase-bundle.zip")
        bundle = result.path.read_bytes()
        withheld = list(result.withheld)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return BuiltReport(pdf=pdf, html=html, bundle=bundle, pages=pages,
                       fingerprint=rep.fingerprint, withheld=[str(w) for w in withheld])
