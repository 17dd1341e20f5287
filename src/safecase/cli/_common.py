"""Helpers shared by the command modules: passphrases, opening cases, printing."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console

from safecase.errors import UserError
from safecase.store.case import Case

ENV_PASSPHRASE = "SAFECASE_PASSPHRASE"

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False)


def passphrase(confirm: bool = False, prompt: str = "Passphrase: ",
               env: str = ENV_PASSPHRASE) -> str:
    """From the environment (scripts, tests) or asked on the terminal without echo."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UserError(f"no passphrase: set {env} or run in a terminal")
    first = getpass.getpass(prompt)
    if confirm:
        again = getpass.getpass("Same passphrase again: ")
        if again != first:
            raise UserError("the two passphrases differ; nothing was changed")
    return first


@contextmanager
def open_case(path: Path) -> Iterator[Case]:
    case = Case.open(path, passphrase())
    try:
        yield case
    finally:
        case.close()


def print_jsonl(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")
