"""The ``safecase`` command line: thin commands over the core API.

Each module in this package defines ``register(app)`` and adds its commands; they are
found automatically, so an area (import, analysis, report, device, web) owns one file.
Errors that SafeCase raises on purpose become one line on stderr and an exit code
(2: the person's mistake, 1: ours); nothing else prints a traceback unless
SAFECASE_DEBUG=1 is set.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys

import typer

from safecase.errors import SafecaseError

app = typer.Typer(
    name="safecase",
    help="SafeCase: keep, understand and hand over the evidence of stalking and harassment.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

_loaded = False


def _load_commands() -> None:
    global _loaded
    if _loaded:
        return
    import safecase.cli as pkg

    for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda i: i.name):
        if info.name.startswith("_"):
            continue
        mod = importlib.import_module(f"safecase.cli.{info.name}")
        register = getattr(mod, "register", None)
        if register is not None:
            register(app)
    _loaded = True


def fail(message: str, code: int) -> None:
    sys.stderr.write(f"safecase: {message}\n")
    sys.stderr.flush()
    raise SystemExit(code)


def main(argv: list[str] | None = None) -> None:
    _load_commands()
    try:
        app(args=argv, standalone_mode=True)
    except SafecaseError as err:
        if os.environ.get("SAFECASE_DEBUG"):
            raise
        fail(err.message, err.exit_code)
    except KeyboardInterrupt:
        fail("interrupted; nothing half-written was kept", 130)
