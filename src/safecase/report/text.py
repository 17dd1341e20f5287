"""Small formatting helpers shared by the report renderers: times, sizes, event wording."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo


def local_time(ts_ms: int | None, zone: ZoneInfo) -> str:
    if ts_ms is None:
        return "time unknown"
    return datetime.fromtimestamp(ts_ms / 1000, UTC).astimezone(zone).strftime(
        "%Y-%m-%d %H:%M:%S")


def utc_time(ts_ms: int | None) -> str:
    if ts_ms is None:
        return ""
    return datetime.fromtimestamp(ts_ms / 1000, UTC).strftime("%Y-%m-%d %H:%M:%SZ")


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{int(size)} bytes" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"


def what_happened(ev: dict[str, Any]) -> str:
    """The exact text, or a plain description for calls and events without text."""
    if ev.get("text") is not None:
        return str(ev["text"])
    if ev["kind"] == "call":
        status = ev.get("call_status") or "unknown"
        dur = ev.get("duration_s")
        return f"[{status} call" + (f", {dur} s]" if dur else "]")
    return f"[{ev['kind']}]"


def party(ev: dict[str, Any]) -> str:
    """Who it was from (incoming) or to (outgoing), as written in the source."""
    if ev["direction"] == "outgoing":
        recipients = ev.get("recipients") or []
        if not recipients:
            return "me"
        # WhatsApp exports list no recipients: those are the chat's other senders
        inferred = " (inferred)" if (ev.get("extra") or {}).get("recipients_inferred") else ""
        return "to " + ", ".join(recipients) + inferred
    name = ev.get("sender_name") or ""
    sender = ev.get("sender") or ""
    if name and sender and name != sender:
        return f"{name} ({sender})"
    return name or sender or "unknown"
