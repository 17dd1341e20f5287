"""Writes the Google Takeout part of the sample case (deterministic):
``takeout/Takeout/Voice/Calls/``, Sam's Google Voice history for the nights Alex rang from
the new number +44 7700 900789 (missed calls, a voicemail, a text thread)."""

from __future__ import annotations

from html import escape
from pathlib import Path

HERE = Path(__file__).parent
NEW = "+447700900789"
SAM_VOICE = "+447700900123"
NB = "&#8239;"  # Google writes a narrow no-break space before AM/PM
HEAD = ('<?xml version="1.0" ?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"><html xmlns="http://www.w3.org/1999/xhtml">'
        '<head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />\n'
        "<title>{title}</title>\n</head>\n")


def display(iso: str) -> str:
    h, m, s = (int(x) for x in iso[11:19].split(":"))
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    ampm = "AM" if h < 12 else "PM"
    return (f"{months[int(iso[5:7]) - 1]} {int(iso[8:10])}, {iso[:4]}, {(h % 12) or 12}:{m:02d}:{s:02d}"
            f"{NB}{ampm}\nGreenwich Mean Time")


def call_page(label: str, heading: str, iso: str, duration: str | None = None, body: str = "") -> str:
    dur = f'<abbr class="duration" title="{duration}">({duration})</abbr>\n' if duration else ""
    return HEAD.format(title=f"{heading}\n{NEW}") + (
        f'<body><div class="haudio"><span class="album">Call Log for\n</span>\n'
        f'<span class="fn">{heading}\n{NEW}</span>\n'
        f'<div class="contributor vcard">{heading}\n<a class="tel" href="tel:{NEW}"><span class="fn"></span></a></div>\n'
        f'<abbr class="published" title="{iso}">{display(iso)}</abbr>\n{body}{dur}'
        f'<div class="tags">Labels:\n<a rel="tag" href="http://www.google.com/voice#{label}">{label.title()}</a></div>\n'
        '<div class="deletedStatusContainer">User Deleted:\nFalse</div></div></body></html>\n')


def text_page(messages: list[tuple[str, bool, str]]) -> str:
    parts = []
    for iso, mine, text in messages:
        who = (f'<a class="tel" href="tel:{SAM_VOICE}"><abbr class="fn" title="">Me</abbr></a>' if mine
               else f'<a class="tel" href="tel:{NEW}"><span class="fn">{NEW}</span></a>')
        q = "<br />".join(escape(line, quote=False) for line in text.split("\n"))
        parts.append(f'<div class="message"><abbr class="dt" title="{iso}">{display(iso)}</abbr>:\n'
                     f'<cite class="sender vcard">{who}</cite>:\n<q>{q}</q>\n</div>')
    return HEAD.format(title=NEW) + ('<body><div class="hChatLog hfeed">\n' + " ".join(parts) + "</div>\n"
                                     '<div class="tags">Labels:\n<a rel="tag" href="http://www.google.com/voice#sms">Text</a></div>\n'
                                     "</body></html>\n")


def main() -> None:
    calls = HERE / "takeout" / "Takeout" / "Voice" / "Calls"
    calls.mkdir(parents=True, exist_ok=True)
    pages = {
        f"{NEW} - Missed - 2024-03-16T02_14_03Z.html": call_page("missed", "Missed call from", "2024-03-16T02:14:03.000+00:00"),
        f"{NEW} - Missed - 2024-03-16T02_16_40Z.html": call_page("missed", "Missed call from", "2024-03-16T02:16:40.000+00:00"),
        f"{NEW} - Voicemail - 2024-03-16T02_20_11Z.html": call_page(
            "voicemail", "Voicemail from", "2024-03-16T02:20:11.000+00:00", "PT38S",
            'Transcript:\n<span class="description"><span class="full-text">It&#39;s me. New number. '
            'You can block as many as you like, I&#39;ll always find you.</span></span>\n<br />\n'),
        f"{NEW} - Text - 2024-03-16T02_25_00Z.html": text_page([
            ("2024-03-16T02:25:00.412+00:00", False, "Pick up.\nI'm outside."),
            ("2024-03-16T02:31:09.007+00:00", True, "I am calling the police."),
            ("2024-03-16T02:31:50.950+00:00", False, "Go on then <3"),
        ]),
    }
    for name, html in pages.items():
        (calls / name).write_text(html, encoding="utf-8")


if __name__ == "__main__":
    main()
