"""Builders for SMS Backup & Restore XML used across tests."""

from __future__ import annotations

from xml.sax.saxutils import quoteattr


def sms(address: str, date_ms: int, body: str, kind: int = 1, name: str = "null",
        raw_body: str | None = None) -> str:
    body_attr = raw_body if raw_body is not None else quoteattr(body).replace("\n", "&#10;")
    return (f'<sms protocol="0" address="{address}" date="{date_ms}" type="{kind}" '
            f'subject="null" body={body_attr} toa="null" sc_toa="null" service_center="null" '
            f'read="1" status="-1" locked="0" date_sent="0" readable_date="x" '
            f'contact_name={quoteattr(name)} />')


def call(number: str, date_ms: int, kind: int, duration: int = 0, name: str = "null") -> str:
    return (f'<call number="{number}" duration="{duration}" date="{date_ms}" type="{kind}" '
            f'presentation="1" readable_date="x" contact_name={quoteattr(name)} />')


def smses(*items: str) -> str:
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
            f'<smses count="{len(items)}">\n' + "\n".join(items) + "\n</smses>\n")


def calls(*items: str) -> str:
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
            f'<calls count="{len(items)}">\n' + "\n".join(items) + "\n</calls>\n")


def many_sms(n: int, marker: str = "", start_ms: int = 1_700_000_000_000) -> str:
    """A backup of ``n`` realistic messages (for crash and leak tests)."""
    texts = ["Why are you ignoring me?", "I saw you at the shop today in that blue jacket",
             "Answer the phone", "We need to talk, this isn't fair", "ok", "Pick up!!! 😡"]
    items = [sms("+447700900456", start_ms + i * 61_000,
                 f"{texts[i % len(texts)]} {marker}".strip() + f" #{i}", 1 + (i % 7 == 0))
             for i in range(n)]
    return smses(*items)
