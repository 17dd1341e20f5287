"""``safecase events`` (the stable JSONL contract) and ``safecase show``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from safecase.cli._common import console, open_case, print_json, print_jsonl
from safecase.store.queries import get_event, iter_events

CONTRACT_KEYS = ("id", "kind", "channel", "direction", "timestamp", "sender", "sender_name",
                 "recipients", "text", "duration_s", "call_status", "attachments", "source",
                 "person", "signals")


def contract(ev: dict[str, Any]) -> dict[str, Any]:
    """The JSONL shape outside tests rely on, plus a few extra keys after it."""
    out = {k: ev[k] for k in CONTRACT_KEYS}
    out["signals"] = [s["name"] for s in ev["signals"]]
    out["attachments"] = [{"name": a["name"], "mime": a["mime"], "sha256": a["sha256"]}
                          for a in ev["attachments"]]
    out["source"] = {"file_sha256": ev["source"]["file_sha256"],
                     "locator": ev["source"]["locator"]}
    out["time_certainty"] = ev["time_certainty"]
    out["raw_time"] = ev["raw_time"]
    out["subject"] = ev["subject"]
    return out


def local_time(ts_ms: int | None, zone: Any) -> str:
    if ts_ms is None:
        return "?"
    return datetime.fromtimestamp(ts_ms / 1000, UTC).astimezone(zone).strftime("%Y-%m-%d %H:%M")


def events(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    as_jsonl: bool = typer.Option(False, "--jsonl", help="One JSON object per event."),
    kind: list[str] = typer.Option(None, "--kind", help="Only this kind (repeatable)."),
    person: list[int] = typer.Option(None, "--person", help="Only this person id (repeatable)."),
    channel: list[str] = typer.Option(None, "--channel", help="Only this channel (repeatable)."),
    since: str = typer.Option(None, "--since", help="From this date (case time zone)."),
    until: str = typer.Option(None, "--until", help="Up to this date, inclusive."),
    search: str = typer.Option(None, "--search", help="Only events whose text contains this."),
    signal: str = typer.Option(None, "--signal", help="Only events with this signal."),
) -> None:
    """List events in time order."""
    with open_case(case_dir) as case:
        rows = iter_events(case, kind=kind, person=person, channel=channel, since=since,
                           until=until, search=search, signal=signal)
        if as_jsonl:
            for ev in rows:
                print_jsonl(contract(ev))
            return
        zone = case.zone
        table = Table("id", f"time ({case.settings['tz']})", "kind", "channel", "dir", "from/to",
                      "what happened", show_lines=False)
        for ev in rows:
            who = ev["sender_name"] or ev["sender"] or ", ".join(ev["recipients"]) or ""
            what = ev["text"] if ev["text"] is not None else (
                f"{ev['call_status'] or ''} call, {ev['duration_s'] or 0}s")
            what = what.replace("\n", " ⏎ ")
            table.add_row(str(ev["id"]), local_time(ev["ts_ms"], zone), ev["kind"],
                          ev["channel"], ev["direction"][:3], who,
                          what[:80] + ("…" if len(what) > 80 else ""))
        console.print(table)


def show(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    event_id: int = typer.Argument(..., help="The event id."),
    as_json: bool = typer.Option(False, "--json", help="Print the whole event as JSON."),
) -> None:
    """Show one event whole: exact text, source, attachments, evidence headers, signals."""
    with open_case(case_dir) as case:
        ev = get_event(case, event_id)
        if as_json:
            print_json(ev)
            return
        zone = case.zone
        console.print(f"[bold]Event {ev['id']}[/bold]  {ev['kind']} · {ev['channel']} · "
                      f"{ev['direction']}")
        console.print(f"When: {local_time(ev['ts_ms'], zone)} {case.settings['tz']} "
                      f"({ev['timestamp']} UTC; written in the source as {ev['raw_time']!r}; "
                      f"time zone {ev['time_certainty']})")
        if ev["sender"] or ev["sender_name"]:
            console.print(f"From: {ev['sender_name'] or ''} {ev['sender'] or ''}".rstrip())
        if ev["recipients"]:
            inferred = (" (inferred from the other senders: the export does not list "
                        "recipients)" if ev["extra"].get("recipients_inferred") else "")
            console.print(f"To: {', '.join(ev['recipients'])}{inferred}", markup=False)
        if ev["subject"]:
            console.print(f"Subject: {ev['subject']}")
        if ev["duration_s"] is not None:
            console.print(f"Call: {ev['call_status']}, {ev['duration_s']} s")
        extra = ev["extra"]
        for key, label in (("where", "Where"), ("witnesses", "Witnesses"),
                           ("report_ref", "Report reference"), ("felt", "How it felt")):
            if extra.get(key):
                value = extra[key]
                console.print(f"{label}: {', '.join(value) if isinstance(value, list) else value}")
        if ev["text"] is not None:
            console.print("Text (exact):")
            console.print(ev["text"], markup=False)
        for name, value in extra.get("headers", []) or []:
            console.print(f"  {name}: {value}", markup=False)
        for a in ev["attachments"]:
            console.print(f"Attachment: {a['name']} ({a['mime']}) sha256 {a['sha256']}")
        src = ev["source"]
        console.print(f"Source: sha256 {src['file_sha256']} at {src['locator']}")
        for s in ev["signals"]:
            review = s["review"]["decision"] if s["review"] else "not reviewed"
            console.print(f"Signal {s['name']} ({s['score']:.2f}, {review}) by "
                          f"{s['detector']} {s['detector_version']}")
            for e in s["evidence"]:
                console.print(f"   “{e.get('text')}”: {e.get('why')}", markup=False)


def exhibits(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    as_jsonl: bool = typer.Option(False, "--jsonl", help="One JSON object per exhibit."),
) -> None:
    """List exhibits: photos, attachments, screenshots, scan outputs (with their SHA-256)."""
    with open_case(case_dir) as case:
        rows = [case.exhibit(r[0]) for r in case.db.execute("SELECT id FROM exhibits ORDER BY id")]
    if as_jsonl:
        for r in rows:
            r.pop("blob")
            print_jsonl(r)
        return
    table = Table("id", "name", "type", "size", "kind", "sha256", "derived from")
    for r in rows:
        table.add_row(str(r["id"]), r["name"], r["mime"] or "", f"{r['size']:,}", r["kind"],
                      r["sha256"], str(r["derived_from"] or ""))
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command()(exhibits)
    app.command()(events)
    app.command()(show)
