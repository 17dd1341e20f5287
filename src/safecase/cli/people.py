"""``safecase people``, ``link``, ``unlink``: identities grouped into persons."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from safecase.cli._common import console, open_case, print_json
from safecase.store.queries import people as list_people


def people(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    as_json: bool = typer.Option(False, "--json"),
    suggest: bool = typer.Option(False, "--suggest", help="Suggest identities that may be the "
                                 "same person, with reasons."),
) -> None:
    """List persons and their identities, with event counts."""
    with open_case(case_dir) as case:
        rows = list_people(case)
        suggestions = []
        if suggest:
            from safecase.analysis.links import suggest_links

            suggestions = suggest_links(case)
    if as_json:
        print_json({"persons": rows, "suggestions": suggestions} if suggest else rows)
        return
    table = Table("person", "name", "identity", "kind", "value", "events")
    for p in sorted(rows, key=lambda p: -p["events"]):
        for n, i in enumerate(p["identities"]):
            table.add_row(str(p["id"]) if n == 0 else "", p["name"] if n == 0 else "",
                          str(i["id"]), f"{i['kind']}/{i['platform']}", i["value"],
                          str(i["events"]))
    console.print(table)
    for s in suggestions:
        console.print(f"Maybe the same person: identities {s['identities']}: "
                      f"{'; '.join(s['reasons'])}")


def link(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    identity_ids: list[int] = typer.Argument(..., help="Identity ids to group."),
    name: str = typer.Option(None, "--name", help="Name for the person."),
) -> None:
    """Group identities into one person (e.g. the same person's numbers and accounts)."""
    with open_case(case_dir) as case:
        person = case.link(identity_ids, name=name)
    console.print(f"Linked identities {', '.join(map(str, identity_ids))} as person {person}.")


def unlink(
    case_dir: Path = typer.Argument(..., help="The case folder."),
    identity_id: int = typer.Argument(..., help="Identity to take out of its person."),
) -> None:
    """Take an identity out of its person."""
    with open_case(case_dir) as case:
        person = case.unlink(identity_id)
    console.print(f"Identity {identity_id} is now person {person} on its own.")


def register(app: typer.Typer) -> None:
    app.command()(people)
    app.command()(link)
    app.command()(unlink)
