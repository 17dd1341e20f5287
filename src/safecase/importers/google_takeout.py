"""Google Takeout: Gmail (``Takeout/Mail/*.mbox``) and Google Voice
(``Takeout/Voice/Calls/*.html``), from the Takeout zip or the folder it unpacks to (or the
``Voice/Calls`` folder alone).

Gmail's mbox is read by the mbox reader (labels from ``X-Gmail-Labels``; a message
labelled ``Sent`` is outgoing when no ``--me`` address is given).

Google Voice writes one HTML page per call and per text conversation, with hCard/hAtom
markup that this importer reads with lxml (no pattern matching on the HTML text):

* a call page has ``div.haudio``: ``abbr.published[title]`` is the time with its offset
  (the visible text, with a narrow no-break space U+202F before AM/PM, is kept as
  ``extra["display_time"]``), ``div.contributor a.tel[href]`` the other number,
  ``abbr.duration[title]`` an ISO 8601 duration (``PT2M27S``), and the labels
  (``a[rel=tag]``: placed, received, missed, voicemail, recorded) say what happened. A
  voicemail's transcript (``span.full-text``) is Google's machine transcription: kept as
  ``extra["transcript"]`` marked derived; its audio file is attached when present.
* a text page has ``div.hChatLog`` with ``div.message`` entries: ``abbr.dt[title]``,
  ``cite.sender a.tel[href]`` and ``q`` (line breaks are ``<br>``). The person's own
  entries name them with ``abbr.fn`` ("Me"); others with ``span.fn``. Pictures, vCards and
  other files sit beside the page and are attached.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

import lxml.html

from safecase.errors import BadInput
from safecase.importers.base import ImportContext, Importer
from safecase.importers.mbox import note_direction_rule, parse_mbox_stream
from safecase.importers.util import Container, member_names, open_container
from safecase.model import (
    ID_PHONE,
    TIME_EXACT,
    TIME_UNKNOWN,
    Attachment,
    ParsedEvent,
    ParsedExhibit,
)

MAX_HTML_BYTES = 32 * 1024 * 1024
_ISO_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$")
_CALL_LABELS = {  # label -> (direction, status)
    "missed": ("incoming", "missed"),
    "voicemail": ("incoming", "voicemail"),
    "received": ("incoming", "answered"),
    "placed": ("outgoing", "answered"),
    "recorded": ("unknown", "answered"),
}


def _is_mail(name: str) -> bool:
    return name.endswith(".mbox") and ("Mail/" in name or name.count("/") == 0)


def _is_voice(name: str, in_calls: bool = False) -> bool:
    """A Voice page: under ``Calls/``, or any page when the folder given is ``Calls``."""
    return name.endswith(".html") and ("Calls/" in name or (in_calls and "/" not in name))


def _in_calls(path: Path) -> bool:
    return path.is_dir() and path.name == "Calls"


def _duration(value: str | None) -> int | None:
    if not value:
        return None
    m = _ISO_DURATION.match(value.strip())
    if not m:
        return None
    d, h, mi, s = (float(g) if g else 0.0 for g in m.groups())
    return int(d * 86400 + h * 3600 + mi * 60 + s)


def _time(abbr: Any) -> tuple[int | None, str, str, str | None]:
    if abbr is None:
        return None, "", TIME_UNKNOWN, None
    raw = abbr.get("title") or ""
    display = abbr.text_content().strip() or None
    try:
        dt = datetime.fromisoformat(raw)
        if dt.tzinfo is None:
            raise ValueError
    except ValueError:
        return None, raw, TIME_UNKNOWN, display
    return int(dt.timestamp() * 1000), raw, TIME_EXACT, display


def _tel(el: Any) -> str | None:
    if el is None:
        return None
    href = el.get("href") or ""
    return href[4:] if href.startswith("tel:") else (href or None)


def _text_with_breaks(el: Any) -> str:
    """The text of a ``<q>``: ``<br>`` as a line break, everything else as written."""
    parts: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "br":
            parts.append("\n")
        else:
            parts.append(_text_with_breaks(child))
        parts.append(child.tail or "")
    return "".join(parts)


class GoogleTakeout(Importer):
    name = "google-takeout"
    version = "1"
    title = "Google Takeout: Gmail mbox and Google Voice (zip or folder)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        names = member_names(path, head, depth=4)
        if not names:
            return 0.0
        voice = [n for n in names if _is_voice(n, _in_calls(path))]
        if (voice and (not _in_calls(path) or any(" - " in n for n in voice))) or \
                any(_is_mail(n) and "Takeout/" in n for n in names):
            return 0.9
        if any(n.startswith("Takeout/") or "/Takeout/" in n for n in names) and \
                any("archive_browser.html" in n for n in names):
            return 0.5
        return 0.0

    def _members(self, box: Container) -> tuple[list[str], list[str]]:
        names = box.names()
        in_calls = _in_calls(box.path)
        return (sorted(n for n in names if _is_mail(n) and not in_calls),
                sorted(n for n in names if _is_voice(n, in_calls)))

    def source_files(self, path: Path) -> list[Path]:
        if not path.is_dir():
            return [path]
        with open_container(path) as box:
            mail, voice = self._members(box)
            return [box.real_path(n) for n in mail + voice]  # type: ignore[misc]

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        with open_container(path) as box:
            mail, voice = self._members(box)
            if not mail and not voice:
                raise BadInput(path, "holds neither Takeout/Mail/*.mbox nor Voice/Calls/*.html")
            if mail:
                note_direction_rule(ctx)
            for member in mail:
                with box.open(member) as fh:
                    yield from parse_mbox_stream(fh, box.where(member), ctx, source_member=member)
            names = set(box.names())
            for member in voice:
                yield from self._voice_page(box, member, names)

    # --- Google Voice ----------------------------------------------------------------

    def _voice_page(self, box: Container, member: str, names: set[str]) -> Iterator[ParsedEvent]:
        data = box.read_bytes(member, MAX_HTML_BYTES)
        where = box.where(member)
        try:
            root = lxml.html.document_fromstring(data)
        except Exception as exc:  # lxml's ParserError / ValueError on junk or empty pages
            raise BadInput(where, f"is not a readable HTML page ({exc})") from None
        folder = PurePosixPath(member).parent
        haudio = root.find_class("haudio")
        if haudio:
            ev = self._call(haudio[0], member, folder, box, names)
            if ev is not None:
                yield ev
            return
        log = root.find_class("hChatLog")
        if log:
            yield from self._texts(log[0], member, folder, box, names)
            return
        # Takeout also puts other pages (bills, greetings) here: not events.

    def _labels(self, el: Any) -> list[str]:
        out = []
        for a in el.getroottree().getroot().iter("a"):
            if a.get("rel") == "tag":
                href = a.get("href") or ""
                out.append(href.rsplit("#", 1)[-1].lower() if "#" in href else a.text_content().strip().lower())
        return out

    def _attachment(self, ref: str, folder: PurePosixPath, box: Container,
                    names: set[str]) -> Attachment | None:
        if not ref or ref.startswith(("http:", "https:", "tel:", "mailto:")):
            return None
        target = str(folder / ref)
        if target in names:
            return Attachment(name=ref, open=box.opener(target))
        # Voice writes <img src> without the extension the file has beside the page
        for cand in sorted(n for n in names if n.startswith(target + ".")):
            return Attachment(name=cand.rsplit("/", 1)[-1], open=box.opener(cand))
        return Attachment(name=ref, note="not in the Takeout export")

    def _call(self, el: Any, member: str, folder: PurePosixPath, box: Container,
              names: set[str]) -> ParsedEvent | None:
        labels = self._labels(el)
        which = next((lab for lab in ("voicemail", "missed", "received", "placed", "recorded")
                      if lab in labels), None)
        if which is None:
            return None
        direction, status = _CALL_LABELS[which]
        published = el.find_class("published")
        ts, raw_time, cert, display = _time(published[0] if published else None)
        contributor = el.find_class("contributor")
        tel = contributor[0].find(".//a[@class='tel']") if contributor else None
        number = _tel(tel)
        fn = tel.find_class("fn") if tel is not None else []
        name = (fn[0].text_content().strip() or None) if fn else None
        dur = el.find_class("duration")
        duration = _duration(dur[0].get("title")) if dur else None
        if which == "placed" and not duration:
            status = "unanswered"
        extra: dict[str, Any] = {"labels": labels, "page": member}
        if display:
            extra["display_time"] = display
        full = el.find_class("full-text")
        if full:
            extra["transcript"] = full[0].text_content()
            extra["transcript_derived"] = "google-voice-transcription"
        attachments = []
        for audio in el.iter("audio"):
            att = self._attachment(audio.get("src") or "", folder, box, names)
            if att is not None:
                attachments.append(att)
        incoming = direction != "outgoing"
        return ParsedEvent(
            kind="call", channel="voice", direction=direction, ts_ms=ts, raw_time=raw_time,
            locator=member, sender=number if incoming else None,
            sender_name=name if incoming else None,
            recipients=[] if incoming or not number else [number],
            party=number, party_name=name, duration_s=duration,
            call_status=status, time_certainty=cert, attachments=attachments,
            id_kind=ID_PHONE, extra=extra, source_member=member,
        )

    def _texts(self, log: Any, member: str, folder: PurePosixPath, box: Container,
               names: set[str]) -> Iterator[ParsedEvent]:
        me_numbers: set[str] = set()
        people: dict[str, str | None] = {}
        for cite in log.iter("cite"):
            tel = cite.find(".//a[@class='tel']")
            number = _tel(tel)
            if number is None:
                continue
            fn_abbr = tel.find(".//abbr[@class='fn']") if tel is not None else None
            if fn_abbr is not None:
                me_numbers.add(number)  # the page's owner is written <abbr class="fn">Me</abbr>
            else:
                fn = tel.find_class("fn") if tel is not None else []
                people.setdefault(number, (fn[0].text_content().strip() or None) if fn else None)
        others = [n for n in people if n not in me_numbers]
        group = len(others) > 1
        for i, msg in enumerate(log.find_class("message"), start=1):
            dt = msg.find_class("dt")
            ts, raw_time, cert, display = _time(dt[0] if dt else None)
            cite = msg.find(".//cite")
            tel = cite.find(".//a[@class='tel']") if cite is not None else None
            number = _tel(tel)
            mine = number in me_numbers
            q = msg.find(".//q")
            text = _text_with_breaks(q) if q is not None else None
            attachments = []
            for node in msg.iter("img", "a", "audio", "video"):
                if node.getparent() is not None and node.tag == "a" and node.get("class") == "tel":
                    continue
                ref = node.get("src") or (node.get("href") if node.tag == "a" else None) or ""
                att = self._attachment(ref, folder, box, names)
                if att is not None:
                    attachments.append(att)
            extra: dict[str, Any] = {"page": member}
            if display:
                extra["display_time"] = display
            if group:
                extra["group"] = True
            yield ParsedEvent(
                kind="message", channel="voice", direction="outgoing" if mine else "incoming",
                ts_ms=ts, raw_time=raw_time, locator=f"{member} message {i}",
                sender=None if mine else number,
                sender_name=None if mine else people.get(number or ""),
                recipients=list(others) if mine else sorted(me_numbers),
                text=text, time_certainty=cert, attachments=attachments, id_kind=ID_PHONE,
                extra=extra, source_member=member,
            )
