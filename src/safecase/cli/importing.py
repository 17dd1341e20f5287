"""``safecase import`` and ``safecase formats``."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from safecase.cli._common import console, err_console, open_case, print_jsonl
from safecase.errors import UserError
from safecase.importers.registry import importers
from safecase.model import utc_iso
from safecase.store.importing import AskMe

ENV_BACKUP_PASSWORD = "SAFECASE_BACKUP_PASSWORD"
_SHOWN = 40  # senders listed by the "which one is you?" question; more can be typed


def pick_self(answer: str, candidates: list[tuple[str, int]]) -> list[str] | None:
    """The senders an answer names: numbers or names (exact, else case-insensitive),
    several separated by commas; empty: none. None: the answer names no sender."""
    answer = answer.strip()
    if not answer:
        return []
    names = [name for name, _ in candidates]
    if answer in names:  # a name holding a comma ("Carter, Sam")
        return [answer]
    chosen: list[str] = []
    for part in (p.strip() for p in answer.split(",")):
        if not part:
            continue
        if part.isdigit():
            i = int(part)
            if not 1 <= i <= len(names):
                return None
            name = names[i - 1]
        elif part in names:
            name = part
        else:
            folded = [n for n in names if n.casefold() == part.casefold()]
            if len(folded) != 1:
                return None
            name = folded[0]
        if name not in chosen:
            chosen.append(name)
    return chosen


def ask_self_on_terminal(bar: Progress) -> AskMe:
    """The question for exports that do not say which sender is the person (stderr, so
    ``--json`` output stays clean; the progress display is paused while it is asked)."""

    def ask(path: Path, candidates: list[tuple[str, int]]) -> list[str]:
        bar.stop()
        try:
            out = sys.stderr
            out.write(f"{path.name} does not say which sender is you. Senders in it:\n")
            for i, (name, n) in enumerate(candidates[:_SHOWN], 1):
                out.write(f"  {i}. {name} ({n:,} message{'s' if n != 1 else ''})\n")
            if len(candidates) > _SHOWN:
                out.write(f"  ... and {len(candidates) - _SHOWN:,} more (type the name)\n")
            while True:
                out.write("Which is you? Number or name, several with commas; "
                          "Enter if none (directions stay unknown): ")
                out.flush()
                line = sys.stdin.readline()
                if not line:  # end of input: nobody chosen
                    out.write("\n")
                    return []
                chosen = pick_self(line, candidates)
                if chosen is not None:
                    return chosen
                out.write(f"  {line.strip()!r} is not one of the senders above\n")
        finally:
            bar.start()

    return ask


def _options(values: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values or []:
        if "=" not in v:
            raise UserError(f"--option needs NAME=VALUE, got {v!r}")
        k, val = v.split("=", 1)
        out[k.strip()] = val
    return out


def password_source(env_var: str | None, bar: Progress) -> Callable[[str], str | None]:
    """Where an import's password comes from: the variable named by
    ``--backup-password-env``, else ``SAFECASE_BACKUP_PASSWORD``, else a question on the
    terminal (not echoed), else none. Never from the command line itself (it would sit
    in the shell history and the process list)."""

    def get(what: str) -> str | None:
        if env_var:
            value = os.environ.get(env_var)
            if value is None:
                raise UserError(f"--backup-password-env {env_var}: that environment variable "
                                "is not set")
            return value
        value = os.environ.get(ENV_BACKUP_PASSWORD)
        if value is not None:
            return value
        if not sys.stdin.isatty():
            return None
        bar.stop()
        try:
            return getpass.getpass(f"Password of {what}: ")
        except EOFError:
            return None
        finally:
            bar.start()

    return get


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
    password_env: str = typer.Option(
        None, "--backup-password-env", metavar="VAR",
        help="Environment variable holding the password of an encrypted iPhone backup "
        f"(default: {ENV_BACKUP_PASSWORD}; on a terminal it is asked)."),
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

                def status(text: str, task: int = task, bar: Progress = bar,
                           name: str = path.name) -> None:
                    bar.update(task, description=f"Importing {name}: {text}")

                interactive = sys.stdin.isatty()
                summary = case.import_path(
                    path, fmt=fmt, me=list(me or []), tz=tz, options=opts, progress=tick,
                    interactive=interactive,
                    ask_me=ask_self_on_terminal(bar) if interactive else None,
                    password=password_source(password_env, bar), status=status)
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
