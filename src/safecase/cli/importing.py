"""``safecase import`` and ``safecase formats``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from safecase.cli._common import console, err_console, open_case, print_jsonl
from safecase.errors import UserError
from safecase.importers.registry import importers
from safecase.model import utc_iso


def _options(values: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values or []:
        if "=" not in v:
            raise UserError(f"--option needs NAME=VALUE, got {v!r}")
        k, val = v.split("=", 1)
        out[k.strip()] = val
    return out


def import_(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    paths: list[Path] = typer.Argument(..., help="Export files or folders to import."),
    fmt: str = typer.Option(None, "--format", help="Force a format (see `safecase formats`)."),
    me: list[str] = typer.Option(None, "--me", help="Your name or id in the export "
                                 "(repeatable); sets message direction."),
    tz: str = typer.Option(None, "--tz", help="Time zone of local times in the export."),
    mapping: str = typer.Option(None, "--map", help="CSV column mapping, e.g. "
                                "timestamp=Date,sender=From,text=Message."),
    option: list[str] = typer.Option(None, "--option", help="Importer option NAME=VALUE."),
    as_json: bool = typer.Option(False, "--json", help="Print each summary as JSON."),
) -> None:
    """Import exports into the case: each file wholly, or not at all."""
    opts = _options(option)
    if mapping:
        opts["map"] = mapping
    with open_case(case_dir) as case:
        for path in paths:
            show = sys.stderr.isatty() and not as_json
            with Progress(SpinnerColumn(), TextColumn("{task.description}"),
                          TimeElapsedColumn(), console=err_console, transient=True,
                          disable=not show) as bar:
                task = bar.add_task(f"Importing {path.name}", total=None)

                def tick(n: int, task: int = task, bar: Progress = bar,
                         name: str = path.name) -> None:
                    bar.update(task, description=f"Importing {name}: {n:,} items read")

                summary = case.import_path(path, fmt=fmt, me=list(me or []), tz=tz,
                                           options=opts, progress=tick,
                                           interactive=sys.stdin.isatty())
            if as_json:
                print_jsonl(summary.to_dict())
                continue
            console.print(f"[bold]{path.name}[/bold] ({summary.importer_title}): "
                          f"{summary.events_added:,} new events, "
                          f"{summary.duplicates:,} already in the case, "
                          f"{summary.exhibits_added:,} new exhibits")
            if summary.by_kind:
                kinds = ", ".join(f"{k} {v:,}" for k, v in sorted(summary.by_kind.items()))
                dirs = ", ".join(f"{k} {v:,}" for k, v in sorted(summary.by_direction.items()))
                console.print(f"  by kind: {kinds}; by direction: {dirs}")
            if summary.first_ms is not None:
                console.print(f"  from {utc_iso(summary.first_ms)} to "
                              f"{utc_iso(summary.last_ms)} (UTC)")
            for note in summary.notes:
                console.print(f"  note: {note}")


def formats() -> None:
    """List the export formats SafeCase can import."""
    table = Table("format", "what it is", "version")
    for name, cls in sorted(importers().items()):
        table.add_row(name, cls.title, cls.version)
    console.print(table)


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
    app.command()(formats)
