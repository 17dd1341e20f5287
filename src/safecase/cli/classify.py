"""``safecase classify``: the signal detectors over messages on standard input. No case needed.

    safecase classify --jsonl < messages.jsonl

Input, one message per line: a JSON object ``{"id": ..., "text": ..., "direction":
"incoming"|"outgoing"|"unknown"}`` or a plain text line (its id is then the line number).
Output with ``--jsonl``, one line per message: ``{"id", "labels", "scores", "evidence"}``.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from safecase.analysis.signals import Classification, iter_classify
from safecase.analysis.signals.engine import DIRECTIONS
from safecase.errors import UserError

# Lines longer than this are refused rather than read into memory whole.
MAX_LINE_BYTES = 4 * 1024 * 1024


def _read(stream: Any) -> Iterator[tuple[Any, str, str]]:
    """(id, text, direction) per input line; blank lines are skipped."""
    for n, raw in enumerate(stream, 1):
        if len(raw) > MAX_LINE_BYTES:
            raise UserError(f"line {n}: longer than {MAX_LINE_BYTES} bytes")
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UserError(f"line {n}: not UTF-8 text") from None
        line = line.rstrip("\r\n")
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as err:
                raise UserError(f"line {n}: not valid JSON ({err.msg})") from None
            if not isinstance(obj, dict):
                raise UserError(f"line {n}: expected a JSON object")
            text = obj.get("text")
            if not isinstance(text, str):
                raise UserError(f"line {n}: \"text\" must be a string")
            direction = obj.get("direction") or "incoming"
            if direction not in DIRECTIONS:
                raise UserError(
                    f"line {n}: \"direction\" must be one of {', '.join(DIRECTIONS)}"
                )
            yield obj.get("id", n), text, direction
        else:
            yield n, line, "incoming"


def _dump(obj: dict[str, Any]) -> str:
    out = json.dumps(obj, ensure_ascii=False)
    try:
        out.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates from a "\ud83d" escape: keep them escaped
        out = json.dumps(obj)
    return out


def _human(ident: Any, c: Classification) -> str:
    if not c.labels:
        return f"{ident}: no signals"
    parts = []
    for name in c.labels:
        quotes = ", ".join(repr(e.text) for e in c.evidence.get(name, [])[:3])
        parts.append(f"{name} {c.scores[name]:.2f} ({quotes})")
    return f"{ident}: " + "; ".join(parts)


def classify_command(
    jsonl: bool = typer.Option(False, "--jsonl", help="Write one JSON object per line."),
    model: Path | None = typer.Option(  # noqa: B008
        None, "--model", help="A local Hugging Face model folder to combine with the rules."
    ),
) -> None:
    """Find the signals (threat, insult, surveillance ...) in messages read from stdin."""
    scorer = None
    if model is not None:
        from safecase.analysis.signals.model import load_model

        scorer = load_model(model)
    interactive = sys.stdin.isatty()
    ids: list[Any] = []

    def items() -> Iterator[tuple[str, str]]:
        for ident, text, direction in _read(sys.stdin.buffer):
            ids.append(ident)
            yield text, direction

    out = sys.stdout
    batch = 1 if interactive else 512
    for i, c in enumerate(iter_classify(items(), model=scorer, batch=batch)):
        ident = ids[i]
        if jsonl:
            out.write(_dump({"id": ident, **c.to_dict()}) + "\n")
        else:
            out.write(_human(ident, c) + "\n")
        if interactive:
            out.flush()
    out.flush()


def register(app: typer.Typer) -> None:
    app.command("classify")(classify_command)
    if app.registered_callback is None:
        # With a single registered command Typer would run it without its name; a root
        # callback keeps "safecase classify" a subcommand however many commands exist.
        @app.callback()
        def _root() -> None:
            """SafeCase: keep, understand and hand over the evidence of stalking and harassment."""
