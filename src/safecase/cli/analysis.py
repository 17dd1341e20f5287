"""``safecase analyze``, ``pattern``, ``assess`` and ``review``: thin shells over
safecase.analysis (run, patterns, assessment, review)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer
from rich.progress import Progress

from safecase.cli._common import console, err_console, open_case, print_json
from safecase.errors import UserError


def analyze(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    model: Path = typer.Option(None, "--model", help="A local Hugging Face sequence-"
                               "classification model folder to use as well."),
) -> None:
    """Run the message detectors over every message, email and post; store their signals."""
    from safecase.analysis.run import analyze as run_analyze
    from safecase.analysis.run import count_text_events

    with open_case(case_dir) as case:
        if not err_console.is_terminal:
            summary = run_analyze(case, model=model)
        else:  # a progress bar on the terminal only (scripts and tests get the summary)
            with Progress(transient=True, console=err_console) as bar:
                task = bar.add_task("Reading messages", total=count_text_events(case))
                summary = run_analyze(case, model=model,
                                      progress=lambda n: bar.update(task, completed=n))
    console.print(f"Read {summary['events_read']} messages with {summary['detector']} "
                  f"{summary['detector_version']}: {summary['events_flagged']} flagged, "
                  f"{summary['signals_total']} signals"
                  + (f" ({', '.join(f'{k} {v}' for k, v in summary['signals'].items())})"
                     if summary["signals"] else "") + ".")
    console.print("These are suggestions. Go through them with `safecase review`.")


def _who(p: dict[str, Any]) -> str:
    person = p["person"]
    values = ", ".join(i["value"] for i in person["identities"][:4])
    return f"{person['name']} (person {person['id']}: {values})"


def pattern(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    person: int = typer.Option(None, "--person", help="Only this person id."),
    as_json: bool = typer.Option(False, "--json", help="Everything, as JSON."),
) -> None:
    """The pattern of contact per person: how often, when, bursts, after being told to stop."""
    from safecase.analysis.patterns import pattern as run_pattern

    with open_case(case_dir) as case:
        result = run_pattern(case, person)
    if as_json:
        print_json(result)
        return
    if not result:
        console.print(f"No events for person {person}." if person is not None
                      else "No events from anyone yet.")
        return
    for p in result:
        ev = p["events"]
        console.print(f"[bold]{_who(p)}[/bold]")
        if p["first_contact"]:
            console.print(f"  Contact from {p['first_contact']['local']} to "
                          f"{p['last_contact']['local']} ({p['days_spanned']} days, "
                          f"{p['active_days']} with contact)")
        console.print(f"  Events: {ev['count']} ({ev['incoming']['count']} from them, "
                      f"{ev['outgoing']['count']} from you; reply ratio {ev['reply_ratio']})  "
                      + ", ".join(f"{k} {v['count']}" for k, v in ev["by_kind"].items()))
        if p["peak_day"]:
            console.print(f"  Most in a day: {p['peak_day']['count']} on {p['peak_day']['when']};"
                          f" in an hour: {p['peak_hour']['count']} at {p['peak_hour']['when']}")
        b = p["bursts"]
        if b["count"]:
            console.print(f"  Bursts ({b['rule']}): {b['count']}; largest "
                          f"{b['largest']['count']} from {b['largest']['start']['local']}")
        if p["night"]["share"] is not None:
            console.print(f"  At night (22:00-06:00): {p['night']['count']} "
                          f"({100 * p['night']['share']:.0f}%)")
        r = p["refusals"]
        for item in r["refusals"]:
            after = item["contacts_after"]
            console.print(f"  After you asked them to stop on {item['local']} (event "
                          f"{item['event_id']}, {item['status']}): {after['count']} contacts"
                          + (f" over {after['days']} days" if after["count"] else ""))
        for n in p["new_identities"]["identities"]:
            console.print(f"  New identity {n['value']} (identity {n['identity']}): first "
                          f"contact {n['first_contact']['local']}, {n['days_after']} days after"
                          f" a {n['follows']['what']}")
        esc = p["escalation"]
        console.print(f"  {esc['frequency']['plain']}")
        console.print(f"  {esc['severity']['plain']}")
        if p["signals"]:
            console.print("  Signals: " + ", ".join(
                f"{k} {v['count']} ({v['confirmed']} confirmed)" for k, v in p["signals"].items()))
        ch = p["channels"]
        console.print("  Channels: " + ", ".join(f"{k} {v['count']}"
                                                 for k, v in ch["channels"].items()))
        console.print("")


def assess(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    person: int = typer.Option(None, "--person", help="Only this person id."),
    as_json: bool = typer.Option(False, "--json", help="Everything, as JSON."),
) -> None:
    """What the evidence adds up to: course of conduct, FOUR, behaviours, questions to discuss."""
    from safecase.analysis.assessment import NOT_A_RISK_SCORE, help_now
    from safecase.analysis.assessment import assess as run_assess

    with open_case(case_dir) as case:
        result = run_assess(case, person)
        region = case.settings.get("region", "")
    if as_json:
        print_json(result)
        return
    helps = help_now(region)
    console.print("[bold]Help now[/bold]")
    for lines in helps.values():
        for line in lines:
            console.print(f"  {line}")
    console.print(f"\n{NOT_A_RISK_SCORE}\n")
    if not result:
        console.print(f"No events for person {person}." if person is not None
                      else "No events from anyone yet.")
    for a in result:
        console.print(f"[bold]{_who(a)}[/bold]")
        for line in a["summary"]:
            console.print(f"  {line}", markup=False)
        console.print("  FOUR: " + "; ".join(
            f"{k} {'met' if v['met'] else 'not met'}" for k, v in a["four"].items()))
        shown = [b for b in a["behaviours"] if b["shown"]]
        for b in shown:
            console.print(f"  Behaviour: {b['as_the_law_puts_it']} ({b['count']} events)")
        console.print("  To talk through with an advocate:")
        for r in a["risk_factors"]:
            mark = f"evidence: {r['count']} events" if r["answered_by_evidence"] else "for you"
            console.print(f"   - {r['question']} [{mark}]", markup=False)
        console.print("")


def _show_item(case: Any, item: dict[str, Any], n: int, total: int) -> None:
    from safecase.cli.events import local_time
    from safecase.store.queries import get_event

    ev = get_event(case, item["event_id"])
    console.print(f"\n[bold][{n}/{total}][/bold] event {ev['id']} · "
                  f"{local_time(ev['ts_ms'], case.zone)} · {ev['kind']} · {ev['channel']} · "
                  f"{ev['direction']} · {ev['sender_name'] or ev['sender'] or ''}")
    if ev["text"] is not None:
        console.print(ev["text"], markup=False)
    console.print(f"Suggested: [bold]{item['signal']}[/bold] ({item['score']:.2f}, "
                  f"{item['detector']} {item['detector_version']})")
    for e in item["evidence"]:
        console.print(f"   “{e.get('text')}”: {e.get('why')}", markup=False)


def _interactive(case_dir: Path, include_reviewed: bool) -> None:
    """Line-based, so it works with any keyboard, screen reader or piped input."""
    from safecase.analysis.review import flagged, review

    with open_case(case_dir) as case:
        items = list(flagged(case, include_reviewed=include_reviewed))
        if not items:
            console.print("Nothing to review: no suggestions waiting.")
            return
        console.print(f"{len(items)} suggestions to review. Keys: c confirm, d dismiss, "
                      "s skip, n add a note, q quit (then Enter).")
        counts = {"confirmed": 0, "dismissed": 0, "skipped": 0}
        done = 0
        for n, item in enumerate(items, 1):
            _show_item(case, item, n, len(items))
            note: str | None = None
            while True:
                console.print("c/d/s/n/q > ", end="")
                line = sys.stdin.readline()
                if not line:  # end of input: stop as if q
                    key = "q"
                else:
                    key = line.strip().lower()[:1]
                if key == "n":
                    console.print("Note (one line; saved with your decision): ", end="")
                    note = sys.stdin.readline().rstrip("\n") or None
                    continue
                if key in ("c", "d"):
                    r = review(case, item["event_id"], item["signal"],
                               "confirm" if key == "c" else "dismiss", note)
                    counts[r["decision"]] += 1
                    console.print(f"{r['decision'].capitalize()}.")
                    break
                if key == "s":
                    counts["skipped"] += 1
                    break
                if key == "q":
                    break
                console.print("Type c, d, s, n or q, then Enter.")
            if key == "q":
                break
            done = n
        console.print(f"\nReviewed {done} of {len(items)}: {counts['confirmed']} confirmed, "
                      f"{counts['dismissed']} dismissed, {counts['skipped']} skipped.")


def review_cmd(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    event_id: int = typer.Argument(None, help="Review one event (with --confirm/--dismiss)."),
    confirm: str = typer.Option(None, "--confirm", help="Confirm this signal on the event."),
    dismiss: str = typer.Option(None, "--dismiss", help="Dismiss this signal on the event."),
    note: str = typer.Option(None, "--note", help="A note kept with the decision."),
    all_: bool = typer.Option(False, "--all", help="Walk through reviewed suggestions too."),
) -> None:
    """Confirm or dismiss what the detectors suggested: all in turn, or one event."""
    if event_id is None:
        if confirm or dismiss or note:
            raise UserError("give the event id to confirm or dismiss a signal on")
        _interactive(case_dir, all_)
        return
    if bool(confirm) == bool(dismiss):
        raise UserError("give exactly one of --confirm NAME or --dismiss NAME")
    from safecase.analysis.review import review

    with open_case(case_dir) as case:
        r = review(case, event_id, confirm or dismiss, "confirm" if confirm else "dismiss",
                   note)
    console.print(f"Event {event_id}: {r['signal']} {r['decision']}.")


def register(app: typer.Typer) -> None:
    app.command()(analyze)
    app.command()(pattern)
    app.command()(assess)
    app.command("review")(review_cmd)
