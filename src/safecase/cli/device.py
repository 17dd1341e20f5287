"""``safecase device ...`` and ``safecase indicators ...``: the phone check.

Thin commands over ``safecase.device``: acquire (adb or a saved folder/zip), scan, print
in plain words (the safety note first), and keep it in the case when ``--case`` is given.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from safecase.cli._common import console, open_case, print_json
from safecase.device import checklists
from safecase.device import indicators as ioc
from safecase.device.checks import SEVERITIES
from safecase.device.model import Acquisition
from safecase.device.scan import SAFETY, ScanResult, scan
from safecase.errors import UserError

device_app = typer.Typer(name="device", no_args_is_help=True, add_completion=False,
                         help="Check a phone for stalkerware and for settings that let "
                              "someone watch it.")
indicators_app = typer.Typer(
    name="indicators", no_args_is_help=True, add_completion=False,
    help="The list of known stalkerware apps. 'update' is the only command in SafeCase "
         "that uses the network.")

SEVERITY_WORDS = {
    "high": ("Needs attention", "bold red"),
    "medium": ("Worth a closer look", "bold yellow"),
    "low": ("For your information", "cyan"),
    "info": ("Notes", "dim"),
}


def acquire(adb: str | None, source: Path | None, pull_apks: bool = False) -> Acquisition:
    if (adb is None) == (source is None):
        raise UserError("give either --adb SERIAL (a phone connected now) or --from PATH "
                        "(a saved acquisition)")
    if pull_apks and adb is None:
        raise UserError("--pull-apks reads APKs from a phone connected now; use it with "
                        "--adb SERIAL")
    if adb is not None:
        from safecase.device.acquisition.adb import acquire as adb_acquire

        return adb_acquire(adb, pull_apks=pull_apks)
    from safecase.device.acquisition import load_path

    assert source is not None
    return load_path(source)


def print_result(result: ScanResult) -> None:
    console.print("[bold red]Before you do anything[/]")
    for line in SAFETY:
        console.print(f"[red]•[/] {escape(line)}")
    acq = result.acquisition
    dev = acq.device
    what = " ".join(v for k, v in dev.items() if k in ("manufacturer", "model", "name"))
    version = dev.get("android") and f"Android {dev['android']}" or dev.get("version", "")
    console.print(f"Checked: {what or 'a phone'} {version} ({acq.kind}: {acq.source}), "
                  f"{len(acq.artefacts.packages) or len(acq.artefacts.ios_apps)} apps.")
    if result.indicator_list_missing:
        console.print("[bold yellow]The list of known stalkerware is missing[/], so apps "
                      "were not compared with it. Run 'safecase indicators update' (uses the "
                      "network) or give --indicators FILE. The other checks ran.")
    groups = result.by_severity()
    if not result.findings:
        console.print("\nNone of the checks below raised anything. That does not prove the "
                      "phone is clean: read what was and was not checked.")
    for sev in SEVERITIES:
        items = groups[sev]
        if not items:
            continue
        label, style = SEVERITY_WORDS[sev]
        console.print(f"\n[{style}]{label} ({len(items)})[/]")
        for f in items:
            console.print(f"[{style}]■[/] [bold]{f.title}[/]")
            console.print(f"  {f.explanation}", markup=False)
            console.print(f"  What to consider: {f.consider}", markup=False)
            for e in f.evidence[:3]:
                at = f"{e.artefact}:{e.line}" if e.line else e.artefact
                console.print(f"  [dim]evidence: {escape(at)}  {escape(e.text)}[/]")
    table = Table(title="What was checked", show_lines=False, expand=False)
    table.add_column("Check")
    table.add_column("Done")
    table.add_column("Detail")
    for c in result.coverage:
        table.add_row(c.check, c.status, c.detail)
    console.print()
    console.print(table)
    console.print("\n[bold]What was not checked[/]")
    for line in result.not_checked():
        console.print(f"• {line}", markup=False)
    if acq.notes:
        console.print("\n[bold]Could not be read[/]")
        for n in acq.notes:
            console.print(f"• {n}", markup=False)
    if result.indicators is not None:
        console.print(f"\n[dim]{ioc.ATTRIBUTION}[/]")


@device_app.command("scan")
def scan_cmd(
    adb: str = typer.Option(None, "--adb", metavar="SERIAL",
                            help="Read a phone connected now over USB (see 'adb devices'). "
                                 "Only reads; changes nothing on the phone."),
    source: Path = typer.Option(None, "--from", metavar="PATH",
                                help="A saved androidqf folder or zip, an Android bugreport "
                                     "zip, or pymobiledevice3 JSON files (iPhone)."),
    case: Path = typer.Option(None, "--case", help="Keep every raw output and the findings "
                                                   "in this case, with a ledger entry."),
    indicators: Path = typer.Option(None, "--indicators", metavar="FILE",
                                    help="A local copy of the Echap ioc.yaml (default: the "
                                         "list cached by 'safecase indicators update')."),
    pull_apks: bool = typer.Option(False, "--pull-apks",
                                   help="With --adb: read each third-party app's APK into "
                                        "memory to compare its signing certificate with the "
                                        "list. Only reads; the APKs are not kept, only their "
                                        "digests. Slower."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Check a phone for known stalkerware and for what lets someone watch it."""
    ind = ioc.resolve(indicators)
    acquisition = acquire(adb, source, pull_apks)
    result = scan(acquisition, ind)
    stored = None
    if case is not None:
        from safecase.device.evidence import store_scan

        with open_case(case) as c:
            stored = store_scan(c, result)
    if as_json:
        out = result.to_dict()
        if stored is not None:
            out["stored"] = stored
        print_json(out)
        return
    print_result(result)
    if stored is not None:
        console.print(f"\nKept in the case: {len(stored['raw_exhibits'])} raw outputs and the "
                      f"findings (exhibit {stored['findings_exhibit']}).")


@device_app.command("checklist")
def checklist_cmd(
    case: Path = typer.Option(None, "--case", help="Record each answer in this case."),
    which: str = typer.Option("accounts", "--list",
                              help="'accounts' (Google, Apple, Facebook, Instagram, "
                                   "WhatsApp, email) or 'apple-id'."),
) -> None:
    """Go through your online accounts step by step (what a phone scan cannot see)."""
    cl = checklists.get(which)
    console.print(f"[bold]{escape(cl.title)}[/]")
    console.print(cl.intro, markup=False)
    choices = {"f": checklists.ANSWERS[0], "a": checklists.ANSWERS[1],
               "n": checklists.ANSWERS[2], "s": checklists.ANSWERS[3]}
    answered = 0
    ctx = open_case(case) if case is not None else None
    c = ctx.__enter__() if ctx is not None else None
    try:
        for i, step in enumerate(cl.steps, 1):
            console.print(f"\n[bold]{i}/{len(cl.steps)} {step.service}: {step.title}[/]")
            console.print(f"  Where: {step.where}", markup=False)
            console.print(f"  Look for: {step.look_for}", markup=False)
            console.print(f"  Why: {step.why}", markup=False)
            key = typer.prompt("  [f]ound something / [a]ll fine / [n]ot sure / [s]kip / "
                               "[q]uit", default="s").strip().lower()[:1]
            if key == "q":
                break
            answer = choices.get(key, checklists.ANSWERS[3])
            note = ""
            if answer in (checklists.ANSWERS[0], checklists.ANSWERS[2]):
                note = typer.prompt("  What did you see? (a few words; Enter to skip)",
                                    default="", show_default=False)
            if c is not None:
                from safecase.device.evidence import record_answer

                record_answer(c, cl.id, step.id, answer, note)
            answered += 1
    except typer.Abort:
        console.print("\nStopped.")
    finally:
        if ctx is not None:
            ctx.__exit__(None, None, None)
    kept = " and recorded in the case" if case is not None else ""
    console.print(f"\n{answered} of {len(cl.steps)} steps answered{kept}.")


@indicators_app.command("update")
def indicators_update(
    url: str = typer.Option(ioc.UPSTREAM, "--url",
                            help="Where to download ioc.yaml and watchware.yaml from."),
) -> None:
    """Download the current stalkerware list. This is the ONLY command in SafeCase that
    uses the network: it fetches two public files and sends nothing about you."""
    console.print(f"Downloading the stalkerware indicator list from {url} ...")
    meta = ioc.update(url)
    counts = meta.get("counts", {})
    console.print(f"Saved in {ioc.cache_dir()} ({meta['fetched_at']}): "
                  f"{counts.get('stalkerware_apps', 0)} stalkerware apps, "
                  f"{counts.get('packages', 0)} package names, "
                  f"{counts.get('certificates', 0)} certificates.")
    console.print(f"[dim]{ioc.ATTRIBUTION}[/]")


@indicators_app.command("show")
def indicators_show(
    indicators: Path = typer.Option(None, "--indicators", metavar="FILE",
                                    help="Show this file instead of the cached list."),
    as_json: bool = typer.Option(False, "--json", help="Print as JSON."),
) -> None:
    """Which stalkerware list the device check uses: where from, when, how big."""
    ind = ioc.resolve(indicators)
    if ind is None:
        raise UserError("no indicator list yet: run 'safecase indicators update' (uses the "
                        "network) or give --indicators FILE")
    if as_json:
        print_json(ind.describe())
        return
    for s in ind.sources:
        console.print(f"{s['file']}\n  sha256 {s['sha256']}\n  date {s['date']}")
    for k, v in ind.counts().items():
        console.print(f"{k.replace('_', ' ')}: {v}")
    console.print(f"[dim]{ioc.ATTRIBUTION}[/]")


def register(app: typer.Typer) -> None:
    app.add_typer(device_app, name="device")
    app.add_typer(indicators_app, name="indicators")
