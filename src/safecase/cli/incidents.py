"""``safecase add`` and ``safecase edit``: the stalking log, typed by the person."""

from __future__ import annotations

from pathlib import Path

import typer

from safecase.cli._common import console, open_case
from safecase.store.incidents import (
    INCIDENT_KINDS,
    add_incident,
    confirm_screenshot,
    edit_incident,
)


def add(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    kind: str = typer.Option(..., "--kind", help="|".join(INCIDENT_KINDS)),
    at: str = typer.Option(..., "--at", help="When, local time: 'YYYY-MM-DD HH:MM'."),
    text: str = typer.Option(..., "--text", help="What happened."),
    tz: str = typer.Option(None, "--tz", help="Time zone of --at (default: the case's)."),
    where: str = typer.Option(None, "--where", help="Where it happened."),
    witness: list[str] = typer.Option(None, "--witness", help="Who saw it (repeatable)."),
    report_ref: str = typer.Option(None, "--report-ref", help="Police or platform reference."),
    felt: str = typer.Option(None, "--felt", help="How it made you feel."),
    who: str = typer.Option(None, "--who", help="Who did it (a name, number or email)."),
    channel: str = typer.Option(None, "--channel", help="Channel, for calls and messages."),
    attach: list[Path] = typer.Option(None, "--attach", help="A photo or file (repeatable)."),
) -> None:
    """Record an incident: a visit, being followed, a gift, damage, a call..."""
    with open_case(case_dir) as case:
        event_id = add_incident(case, kind=kind, at=at, text=text, tz=tz, where=where,
                                witnesses=list(witness or []), report_ref=report_ref,
                                felt=felt, who=who, channel=channel, attach=list(attach or []))
    console.print(f"Recorded incident {event_id}.")


def edit(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    event_id: int = typer.Argument(..., help="The incident to correct."),
    text: str = typer.Option(None, "--text"),
    at: str = typer.Option(None, "--at"),
    tz: str = typer.Option(None, "--tz"),
    where: str = typer.Option(None, "--where"),
    witness: list[str] = typer.Option(None, "--witness"),
    report_ref: str = typer.Option(None, "--report-ref"),
    felt: str = typer.Option(None, "--felt"),
    who: str = typer.Option(None, "--who"),
    attach: list[Path] = typer.Option(None, "--attach"),
) -> None:
    """Correct a typed incident: saves a new version; the old one stays on record."""
    changes = {k: v for k, v in {"text": text, "at": at, "tz": tz, "where": where,
                                 "witnesses": list(witness) if witness else None,
                                 "report_ref": report_ref, "felt": felt, "who": who}.items()
               if v is not None}
    with open_case(case_dir) as case:
        new_id = edit_incident(case, event_id, changes, attach=list(attach or []))
    console.print(f"Saved as incident {new_id} (version of {event_id}; the old one is kept).")


def confirm_ocr(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    exhibit_id: int = typer.Argument(..., help="The screenshot's exhibit id."),
    channel: str = typer.Option(..., "--channel", help="The app, e.g. instagram, whatsapp."),
    at: str = typer.Option(..., "--at", help="When it was sent, local time."),
    sender: str = typer.Option(None, "--sender", help="Who sent it (name, number, handle)."),
    direction: str = typer.Option("incoming", "--direction", help="incoming or outgoing."),
    tz: str = typer.Option(None, "--tz", help="Time zone of --at (default: the case's)."),
    text: str = typer.Option(None, "--text", help="What it says, if the OCR misread it."),
) -> None:
    """Make a message from a screenshot you have checked (its OCR text, or yours)."""
    with open_case(case_dir) as case:
        event_id = confirm_screenshot(case, exhibit_id, channel=channel, direction=direction,
                                      at=at, tz=tz, sender=sender, text=text)
    console.print(f"Recorded message {event_id} from the screenshot (marked as read from an "
                  "image and confirmed by you).")


def register(app: typer.Typer) -> None:
    app.command("confirm-ocr")(confirm_ocr)
    app.command()(add)
    app.command()(edit)
