"""Commands that make, open and check a case: init, passwd, verify, log, settings."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from safecase.cli._common import console, open_case, passphrase, print_json, print_jsonl
from safecase.errors import IntegrityError, UserError
from safecase.store import ledger
from safecase.store.case import Case


def init(
    case_dir: Path = typer.Argument(..., help="Folder for the new case (created; must be empty)."),
    tz: str = typer.Option(None, "--tz", help="Your time zone, e.g. Europe/London."),
    region: str = typer.Option(None, "--region", help="Default phone region, e.g. GB or US."),
    name: str = typer.Option(None, "--name", help="How you want to be named in reports."),
) -> None:
    """Create a new encrypted case."""
    secret = passphrase(confirm=True, prompt="Choose a passphrase: ")
    with Case.create(case_dir, secret, tz=tz, region=region, subject_name=name) as case:
        console.print(f"Created an encrypted case in {case_dir}")
        console.print(f"Case fingerprint: {case.fingerprint()}")
    console.print("Keep the passphrase safe: without it nobody, including you, can open "
                  "the case.")


def passwd(case_dir: Path = typer.Argument(..., help="The case folder.")) -> None:
    """Change the case passphrase (no data is re-encrypted)."""
    with open_case(case_dir) as case:
        new = passphrase(confirm=True, prompt="New passphrase: ",
                         env="SAFECASE_NEW_PASSPHRASE")
        case.change_passphrase(new)
    console.print("Passphrase changed.")


def verify(
    target: Path = typer.Argument(..., help="A case folder, or a bundle .zip."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    identity: Path = typer.Option(None, "--identity", help="An age identity file, to open a "
                                  "bundle encrypted to its public key."),
) -> None:
    """Re-hash every source and exhibit and walk the custody chain."""
    if target.is_file():
        try:
            from safecase.report.bundle import verify_bundle
        except ImportError:
            raise UserError(f"{target}: verifying bundles needs the report module") from None
        result = verify_bundle(target, identity=identity)
    else:
        from safecase.store.verify import verify_case

        with open_case(target) as case:
            result = verify_case(case)
    if as_json:
        print_json(result.to_dict())
    elif result.ok:
        console.print(f"OK: {result.ledger_entries} ledger entries, {result.sources} sources, "
                      f"{result.exhibits} exhibits and {result.events} events check out.")
        console.print(f"Case fingerprint (ledger head): {result.head}")
    else:
        console.print(f"FAILED: {result.problems[0]}")
        for p in result.problems[1:]:
            console.print(f"  also: {p}")
    if not result.ok:
        raise IntegrityError(f"verification failed: {result.problems[0]}")


def log(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    as_jsonl: bool = typer.Option(False, "--jsonl", help="One JSON object per entry."),
) -> None:
    """Print the custody ledger."""
    with open_case(case_dir) as case:
        rows = list(ledger.entries(case.db))
    if as_jsonl:
        for e in rows:
            print_jsonl(e.to_dict())
        return
    table = Table("#", "UTC time", "action", "subject", "hash")
    for e in rows:
        table.add_row(str(e.seq), e.at[:19] + "Z", e.action, e.subject, e.hash[:16] + "…")
    console.print(table)


def settings(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    set_: list[str] = typer.Option(None, "--set", help="KEY=VALUE, e.g. tz=Europe/London."),
) -> None:
    """Show or change case settings (tz, region, autolock_minutes, subject_name)."""
    with open_case(case_dir) as case:
        for item in set_ or []:
            if "=" not in item:
                raise UserError(f"--set needs KEY=VALUE, got {item!r}")
            key, value = item.split("=", 1)
            case.set_setting(key.strip(), value.strip())
        console.print_json(json.dumps(case.settings))


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(passwd)
    app.command()(verify)
    app.command()(log)
    app.command()(settings)
