"""``safecase report``, ``safecase export`` and ``safecase bundle``."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from safecase.cli._common import console, open_case, passphrase
from safecase.errors import UserError
from safecase.report.export import export_csv, export_jsonl, file_sha256
from safecase.report.model import ReportOptions, build_report

PERSON = typer.Option(None, "--person", help="Only this person id (repeatable).")
SINCE = typer.Option(None, "--since", help="From this date (case time zone).")
UNTIL = typer.Option(None, "--until", help="Up to this date, inclusive.")
REDACT = typer.Option(None, "--redact", help="Mask TEXT, phone:NUMBER, email:ADDRESS, "
                      "regex:PATTERN or third-party-numbers (repeatable; see docs/report.md).")


def _options(person: list[int] | None, since: str | None, until: str | None,
             redact: list[str] | None, confirmed_only: bool = False, paper: str = "a4",
             system_fonts: bool = False) -> ReportOptions:
    if paper not in ("a4", "letter"):
        raise UserError("--paper must be a4 or letter")
    return ReportOptions(persons=list(person or []) or None, since=since, until=until,
                         redact=list(redact or []), confirmed_only=confirmed_only, paper=paper,
                         system_fonts=system_fonts)


def report(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    out: Path = typer.Option(..., "--out", help="Where to write the PDF."),
    html: Path = typer.Option(None, "--html", help="Also write the HTML version here."),
    person: list[int] = PERSON,
    since: str = SINCE,
    until: str = UNTIL,
    redact: list[str] = REDACT,
    confirmed_only: bool = typer.Option(False, "--confirmed-only",
                                        help="Show only the flags you confirmed."),
    paper: str = typer.Option("a4", "--paper", help="a4 or letter."),
    system_fonts: bool = typer.Option(False, "--system-fonts", help="Also use this "
                                      "computer's fonts (for scripts the built-in fonts "
                                      "lack); the output then depends on the machine."),
) -> None:
    """Write the evidence report (tagged PDF, optional HTML)."""
    from safecase.report.html import render_html
    from safecase.report.pdf import render_pdf

    opts = _options(person, since, until, redact, confirmed_only, paper, system_fonts)
    with open_case(case_dir) as case:
        rep = build_report(case, opts)
        pages = render_pdf(rep, out)
        outputs = [{"file": out.name, "sha256": file_sha256(out), "pages": pages}]
        if html:
            render_html(rep, html)
            outputs.append({"file": html.name, "sha256": file_sha256(html)})
        rep.record(f"report:{out.name}", outputs)
    console.print(f"Wrote {out} ({pages} pages)" + (f" and {html}" if html else "") + ".")
    console.print(f"Case fingerprint on the report: {rep.fingerprint}")


def export(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    csv_out: Path = typer.Option(None, "--csv", help="Write the log as CSV here."),
    jsonl_out: Path = typer.Option(None, "--jsonl", help="Write the events as JSON lines."),
    person: list[int] = PERSON,
    since: str = SINCE,
    until: str = UNTIL,
    redact: list[str] = REDACT,
) -> None:
    """Export the chronological log as CSV or JSON lines, for spreadsheets."""
    if not csv_out and not jsonl_out:
        raise UserError("say where to write: --csv FILE and/or --jsonl FILE")
    opts = _options(person, since, until, redact)
    with open_case(case_dir) as case:
        rep = build_report(case, opts)
        outputs = []
        if csv_out:
            n = export_csv(rep, csv_out)
            outputs.append({"file": csv_out.name, "sha256": file_sha256(csv_out), "rows": n})
        if jsonl_out:
            n = export_jsonl(rep, jsonl_out)
            outputs.append({"file": jsonl_out.name, "sha256": file_sha256(jsonl_out),
                            "rows": n})
        with case.transaction():
            case.record("export", f"export:{outputs[0]['file']}", {
                "outputs": outputs, "case_fingerprint": rep.fingerprint,
                "redaction": rep.redaction_summary()})
    for o in outputs:
        console.print(f"Wrote {o['file']} ({o['rows']} rows).")


def bundle(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    out: Path = typer.Option(..., "--out", help="Where to write the bundle (.zip)."),
    encrypt_to: str = typer.Option(None, "--encrypt-to", help="Encrypt to this age public "
                                   "key (age1...), e.g. your advocate's."),
    use_passphrase: bool = typer.Option(False, "--passphrase", help="Encrypt with a "
                                        "passphrase (asked, or SAFECASE_BUNDLE_PASSPHRASE)."),
    redact: list[str] = REDACT,
    prepared_by: str = typer.Option(None, "--prepared-by", help="Name in bag-info.txt."),
    paper: str = typer.Option("a4", "--paper", help="Paper size of the report inside."),
    report_pdf: Path = typer.Option(None, "--report", help="Put this report (made with "
                                    "`safecase report`) in the bundle instead of a new one."),
) -> None:
    """Write a verifiable BagIt bundle: originals, report, events and custody ledger."""
    from safecase.report.bundle import write_bundle

    secret = None
    if use_passphrase:
        secret = os.environ.get("SAFECASE_BUNDLE_PASSPHRASE") or passphrase(
            confirm=True, prompt="Passphrase for the bundle: ", env="SAFECASE_BUNDLE_PASSPHRASE")
        if len(secret) < 8:
            raise UserError("choose a bundle passphrase of at least 8 characters")
    opts = _options(None, None, None, redact, paper=paper)
    with open_case(case_dir) as case:
        rep = build_report(case, opts)
        result = write_bundle(rep, out, encrypt_to=encrypt_to, passphrase=secret,
                              prepared_by=prepared_by, report_pdf=report_pdf)
    console.print(f"Wrote {result.path} ({result.size} bytes, {result.files} files).")
    console.print(f"SHA-256 of the bundle: {result.sha256}")
    console.print(f"Case fingerprint: {result.fingerprint}")
    if result.withheld:
        console.print(f"Withheld by redaction: {', '.join(result.withheld)}")


def register(app: typer.Typer) -> None:
    app.command()(report)
    app.command()(export)
    app.command()(bundle)
