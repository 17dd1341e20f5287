"""WhatsApp "Export chat": the ``.txt`` alone, or the ``.zip`` with media.

Two header styles, in every common locale:

* Android: ``3/14/24, 9:05 PM - Name: text`` (also ``14.03.24, 21:05 - ``,
  ``14/03/2024 à 21:05 - ``, ``14-03-2024 21:05 - ``, ``2024-03-14, 21:05 - ``,
  ``14/3/24, 9:05 p. m. - ``);
* iOS: ``[14.03.24, 21:05:33] Name: text`` (also ``[3/14/24, 9:05:33\u202fPM] ``).

The file never says whether dates are day/month or month/day, so a first pass reads
headers until a field above 12 decides it (ISO dates decide themselves); when every
date is ambiguous the order under which the dates run forwards wins, and the summary
says so. Times are local with no offset: they take ``ctx.tz`` and are marked assumed.
Nothing says which sender is the person either: ``ctx.me`` does (``--me``, or the
answer to the question the CLI asks on a terminal, from ``self_candidates``), and without
it the direction is ``unknown`` (the summary asks for ``--me``).

Nor does the file list who was in the chat: a second pass collects every sender, and a
message's recipients are the other senders (one-to-one: the other person; a group, more
than two people: everyone else), marked ``extra["recipients_inferred"]``.

Lines without a header continue the message above, joined with the exact newline from
the file. System lines (the encryption notice, group changes) are not events. Media
shows up as ``<Media omitted>`` / ``image omitted`` (exported without media) or
``NAME (file attached)`` / ``<attached: NAME>`` (with media: the file is taken from the
zip, or from the folder next to the ``.txt``). Deleted messages stay messages with
``extra["deleted"]``; "Missed voice call" lines become missed calls.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date as date_cls
from datetime import datetime
from pathlib import Path
from typing import IO

from safecase.errors import BadInput
from safecase.importers.base import ImportContext, Importer
from safecase.importers.util import (
    FolderContainer,
    ZipContainer,
    iter_line_blocks,
    member_names,
    record_missing_attachments,
)
from safecase.model import (
    ID_NAME,
    ID_PHONE,
    TIME_ASSUMED,
    Attachment,
    ParsedEvent,
    ParsedExhibit,
)

_DATE = r"(\d{1,4}[./-]\d{1,2}[./-]\d{1,4})\.?"
_SEP = r"(?:,[ \u00a0]?(?:à[ \u00a0])?|[ \u00a0]à[ \u00a0]|[ \u00a0])"
_AMPM = r"(?:[ \u00a0\u202f]?[AaPp]\.?[ \u00a0\u202f]?[Mm]\.?)"
_TIME = r"(\d{1,2}[:.]\d{2}(?:[:.]\d{2})?" + _AMPM + "?)"
_LRM = r"[\u200e\u200f]?"
ANDROID_HEADER = re.compile(_LRM + _DATE + _SEP + _TIME + r"[ \u00a0][-–][ \u00a0]")
IOS_HEADER = re.compile(_LRM + r"\[" + _DATE + _SEP + _TIME + r"\][ \u00a0]")
_TIME_PARTS = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[ \u00a0\u202f]?([AaPp]))?")

# Exported-chat file names in the common locales (zip member or the .txt itself).
CHAT_TXT_NAME = re.compile(
    r"^(?:_chat\.txt|WhatsApp Chat with .+\.txt|WhatsApp-Chat mit .+\.txt|"
    r"Discussion WhatsApp avec .+\.txt|Chat de WhatsApp con .+\.txt|"
    r"WhatsApp-chat met .+\.txt|Chat WhatsApp con .+\.txt|"
    r"Conversa do WhatsApp com .+\.txt|WhatsApp Chat - .+\.txt)$")
_CHAT_WITH = re.compile(
    r"^(?:WhatsApp Chat with |WhatsApp-Chat mit |Discussion WhatsApp avec |"
    r"Chat de WhatsApp con |WhatsApp-chat met |Chat WhatsApp con |Conversa do WhatsApp com |"
    r"WhatsApp Chat - )(.+?)(?:\.txt|\.zip)$")

_ENCRYPTION_NOTICES = (
    "Messages and calls are end-to-end encrypted",
    "Messages to this group are now secured with end-to-end encryption",
    "Nachrichten und Anrufe sind Ende-zu-Ende-verschlüsselt",
    "Les messages et les appels sont chiffrés de bout en bout",
    "Los mensajes y las llamadas están cifrados de extremo a extremo",
    "Berichten en gesprekken worden end-to-end versleuteld",
    "I messaggi e le chiamate sono crittografati end-to-end",
    "As mensagens e as chamadas são protegidas com a criptografia de ponta a ponta",
    "Mensagens e ligações são protegidas com a criptografia de ponta a ponta",
)
_SYSTEM = re.compile(
    "|".join(re.escape(n) for n in _ENCRYPTION_NOTICES)
    + r"|(?:^|\s)(?:created group|created this group|added|removed|left|joined using this "
    r"group's invite link|changed the subject|changed this group's icon|changed the group "
    r"description|deleted this group's icon|changed their phone number|changed to|"
    r"security code (?:with .+ )?changed|is a contact|turned on disappearing messages|"
    r"turned off disappearing messages|pinned a message|"
    r"hat die Gruppe .+ erstellt|hat .+ hinzugefügt|hat die Gruppe verlassen|"
    r"a créé le groupe|a ajouté|est parti|creó el grupo|añadió a|salió del grupo|"
    r"heeft groep .+ aangemaakt|heeft .+ toegevoegd|heeft de groep verlaten|"
    r"ha creato il gruppo|ha aggiunto|è uscito|criou o grupo|adicionou|saiu)(?:\s|$|\.)"
    r"|^You're now an admin|^This chat is with a business account|^Tap to learn more"
)

_MEDIA_OMITTED = {
    "<Media omitted>", "<Medien ausgeschlossen>", "<Médias omis>", "<Multimedia omitido>",
    "<Media weggelaten>", "<Media omessi>", "<Mídia oculta>", "<Arquivo de mídia oculto>",
}
_IOS_OMITTED = re.compile(
    r"^\u200e?(?:(image|video|audio|sticker|GIF|document|Contact card) omitted|"
    r"(Bild|Video|Audio|Sticker|GIF|Dokument) weggelassen|"
    r"(image|vidéo|audio|autocollant|GIF|document) absente?|"
    r"(imagen|video|audio|sticker|GIF|documento) omitid[oa]|"
    r"(afbeelding|video|audio|sticker|GIF|document) weggelaten|"
    r"(immagine|video|audio|sticker|GIF|documento) omess[oa]|"
    r"(imagem|vídeo|áudio|figurinha|GIF|documento) ocultad[oa])$")
_ATTACHED_IOS = re.compile(
    r"\u200e?<(?:attached|Anhang|pièce jointe|adjunto|bijgevoegd|allegato|anexado)"
    r"[ \u00a0]?: ([^<>\n]+)>")
_ATTACHED_ANDROID = re.compile(
    r"^\u200e?([^\n()]+?\.[A-Za-z0-9]{1,5}) \((?:file attached|Datei angehängt|fichier joint|"
    r"archivo adjunto|bestand bijgevoegd|file allegato|arquivo anexado)\)")
_DELETED = {
    "This message was deleted", "You deleted this message", "This message was deleted.",
    "You deleted this message.", "Diese Nachricht wurde gelöscht.",
    "Du hast diese Nachricht gelöscht.", "Ce message a été supprimé",
    "Vous avez supprimé ce message", "Se eliminó este mensaje.", "Eliminaste este mensaje.",
    "Dit bericht is verwijderd", "Je hebt dit bericht verwijderd",
    "Questo messaggio è stato eliminato", "Hai eliminato questo messaggio",
    "Mensagem apagada", "Você apagou esta mensagem",
}
_MISSED_CALLS = {
    "Missed voice call": "voice", "Missed video call": "video",
    "Missed group voice call": "voice", "Missed group video call": "video",
    "Verpasster Sprachanruf": "voice", "Verpasster Videoanruf": "video",
    "Appel vocal manqué": "voice", "Appel vidéo manqué": "video",
    "Llamada perdida": "voice", "Videollamada perdida": "video",
    "Gemiste spraakoproep": "voice", "Gemiste video-oproep": "video",
    "Chiamata vocale persa": "voice", "Videochiamata persa": "video",
    "Chamada de voz perdida": "voice", "Chamada de vídeo perdida": "video",
}
# Texts that may be media, deletions or calls: everything else skips those checks.
_SPECIAL_TEXTS = frozenset(_MEDIA_OMITTED | _DELETED | set(_MISSED_CALLS))
_PHONE_LIKE = re.compile(r"^\u200e?\+?[\d ()\u00a0\u202f-]{7,}\u202c?$")
_MAX_NAME = 200
_MAX_PARTICIPANTS = 1024  # WhatsApp's own group size limit: more is not a real chat


def _id_kind(name: str) -> str:
    return ID_PHONE if _PHONE_LIKE.match(name) else ID_NAME


def _recipients(senders: list[str], me_names: list[str],
                chat_with: str | None) -> tuple[dict[str, list[str]], bool]:
    """For each sender, the people their messages went to, inferred from who else wrote
    in the chat (the export has no member list); and whether it is a group.

    With ``me_names``, the person counts once however many of their names wrote, and is a
    recipient of everyone else's messages even if they never wrote. A chat in which only
    the person wrote takes the other person from the file name ("WhatsApp Chat with X")."""
    me = set(me_names)
    theirs = [s for s in senders if s not in me]
    mine = [s for s in senders if s in me]
    person = mine[0] if mine else (me_names[0] if me_names else None)
    if not theirs and chat_with and chat_with not in me:
        theirs.append(chat_with)
    group = len(theirs) + (person is not None) > 2
    out: dict[str, list[str]] = {}
    for name in senders:
        if name in me:
            out[name] = list(theirs)
        else:
            out[name] = [p for p in theirs if p != name] + ([person] if person else [])
    return out, group


def _sender_line(line: str, end: int, lineno: int,
                 system: dict[str, bool]) -> tuple[str, str] | None:
    """``(name, body)`` of a header line whose text after the header ends at ``end``, or
    None for a system line (no "Name: " part, a system sender, a marked system text, the
    encryption notice). ``system`` caches the verdict per name. One definition for the
    senders pass and the main loop, so the two can never disagree on who sent what."""
    cut = line.find(": ", end)
    if cut <= end or cut - end > _MAX_NAME:
        return None
    name = line[end:cut]
    is_system = system.get(name)
    if is_system is None:
        is_system = system[name] = bool(_SYSTEM.search(name))
    if is_system:
        return None
    body = line[cut + 2:]
    if body[:1] == "\u200e":
        if _SYSTEM.search(body):
            return None
    elif lineno < 4 and body.startswith(_ENCRYPTION_NOTICES):
        return None  # older iOS exports: the notice without a U+200E mark
    return name, body


def _clean(s: str) -> str:
    """For matching markers only: drop the direction marks WhatsApp sprinkles in."""
    return s.replace("\u200e", "").replace("\u200f", "").strip()


class _Order:
    """Decides day/month order from the headers (first pass).

    A field above 12 decides at once. While every date is ambiguous, both readings are
    scored: steps backwards in time (chats run forwards), then the total span in days
    (a chat read the wrong way jumps months between neighbouring lines)."""

    def __init__(self) -> None:
        self.order: str | None = None
        self.headers = 0
        self.viol = {"dmy": 0, "mdy": 0}
        self.span = {"dmy": 0, "mdy": 0}
        self.prev: dict[str, int] = {}
        self.upper_ampm = False

    def feed(self, date: str, time: str) -> None:
        self.headers += 1
        if not self.upper_ampm and ("PM" in time or "AM" in time):
            self.upper_ampm = True
        parts = re.split(r"[./-]", date)
        if len(parts[0]) == 4:
            self.order = "ymd"
            return
        a, b, c = int(parts[0]), int(parts[1]), int(parts[2])
        if a > 12 and b <= 12:
            self.order = "dmy"
            return
        if b > 12 and a <= 12:
            self.order = "mdy"
            return
        year = c + 2000 if c < 100 else c
        for order, (m, d) in (("dmy", (b, a)), ("mdy", (a, b))):
            try:
                day = date_cls(year, m, d).toordinal()
            except ValueError:
                self.viol[order] += 1000  # not a date at all under this reading
                continue
            prev = self.prev.get(order)
            if prev is not None:
                if day < prev:
                    self.viol[order] += 1
                self.span[order] += abs(day - prev)
            self.prev[order] = day

    def best(self) -> str:
        """The reading for an all-ambiguous file."""
        score = {o: (self.viol[o], self.span[o]) for o in ("dmy", "mdy")}
        if score["dmy"] != score["mdy"]:
            return min(score, key=lambda o: score[o])
        # Nothing to tell them apart: US exports are the ones with an upper-case AM/PM.
        return "mdy" if self.upper_ampm else "dmy"


def _ymd(date: str, order: str) -> tuple[int, int, int]:
    parts = re.split(r"[./-]", date)
    a, b, c = int(parts[0]), int(parts[1]), int(parts[2])
    if order == "ymd":
        y, m, d = a, b, c
    elif order == "mdy":
        y, m, d = c, a, b
    else:
        y, m, d = c, b, a
    if y < 100:
        y += 2000
    return y, m, d


class WhatsAppImporter(Importer):
    name = "whatsapp"
    version = "1"
    title = 'WhatsApp "Export chat" (.txt or .zip)'

    # ------------------------------------------------------------------ sniffing

    @classmethod
    def _head_is_chat(cls, head: bytes) -> bool:
        text = head.decode("utf-8", "ignore").lstrip("\ufeff")
        lines = [ln for ln in text.split("\n")[:10] if ln.strip()]
        if not lines:
            return False
        first = lines[0]
        return bool(ANDROID_HEADER.match(first) or IOS_HEADER.match(first))

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if path.is_dir():
            return 0.0
        if head.startswith(b"PK\x03\x04"):
            txts = [n for n in member_names(path, head) if n.lower().endswith(".txt")
                    and "/" not in n.strip("/")]
            if any(CHAT_TXT_NAME.match(n) for n in txts):
                return 0.9
            return 0.0
        if cls._head_is_chat(head):
            return 0.9 if CHAT_TXT_NAME.match(path.name) else 0.8
        return 0.0

    # ------------------------------------------------------------------ opening

    def _open_source(self, path: Path) -> tuple[
            Callable[[], IO[bytes]], Callable[[str], Callable[[], IO[bytes]] | None],
            str, Callable[[], None]]:
        """(open the chat text, find a media file by name, chat file name, close)."""
        if path.is_file():
            with path.open("rb") as fh:
                is_zip = fh.read(4) == b"PK\x03\x04"
        else:
            raise BadInput(path, "expected a WhatsApp .txt or .zip file, not a folder")
        if is_zip:
            zc = ZipContainer(path)
            names = zc.names()
            txts = [n for n in names if n.lower().endswith(".txt") and "/" not in n]
            chosen = [n for n in txts if CHAT_TXT_NAME.match(n)] or txts
            if len(chosen) != 1:
                zc.close()
                raise BadInput(path, "the zip does not hold exactly one WhatsApp chat .txt "
                               f"(found {len(chosen)})")
            chat = chosen[0]
            by_base = {n.rsplit("/", 1)[-1]: n for n in names if n != chat}

            def find_zip(name: str) -> Callable[[], IO[bytes]] | None:
                member = by_base.get(name)
                return (lambda: zc.open(member)) if member else None

            # Android names the chat in the .txt ("WhatsApp Chat with Alex.txt"), iOS in
            # the zip ("WhatsApp Chat - Alex.zip").
            label = chat if _CHAT_WITH.match(chat) else path.name
            return (lambda: zc.open(chat)), find_zip, label, zc.close

        folder = FolderContainer(path.parent)

        def find_near(name: str) -> Callable[[], IO[bytes]] | None:
            if "/" in name or "\\" in name or not folder.exists(name):
                return None
            return lambda: folder.open(name)

        return (lambda: path.open("rb")), find_near, path.name, lambda: None

    @staticmethod
    def _blocks(opener: Callable[[], IO[bytes]], origin: Path) -> Iterator[list[str]]:
        raw = opener()
        # plain utf-8 (the -sig codec is pure Python and slow); the BOM is dropped here
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        try:
            first = True
            for block in iter_line_blocks(text, origin):
                if first and block and block[0].startswith("\ufeff"):
                    block[0] = block[0][1:]
                first = False
                yield block
        finally:
            text.close()

    @classmethod
    def _lines(cls, opener: Callable[[], IO[bytes]], origin: Path) -> Iterator[str]:
        for block in cls._blocks(opener, origin):
            yield from block

    # ------------------------------------------------------------------ first pass

    def _first_pass(self, opener: Callable[[], IO[bytes]], origin: Path,
                    ctx: ImportContext) -> tuple[re.Pattern[str], str, list[str]]:
        style: re.Pattern[str] | None = None
        order = _Order()
        chat_name_lines: list[str] = []
        for line in self._lines(opener, origin):
            if style is None:
                if ANDROID_HEADER.match(line):
                    style = ANDROID_HEADER
                elif IOS_HEADER.match(line):
                    style = IOS_HEADER
                else:
                    continue
            m = style.match(line)
            if m is None:
                continue
            if not chat_name_lines:
                chat_name_lines.append(line[m.end():])
            order.feed(m.group(1), m.group(2))
            if order.order:
                break
        if style is None:
            raise BadInput(origin, "no WhatsApp message lines found (expected lines like "
                           "'14/03/2024, 21:05 - Name: text' or '[14.03.24, 21:05:33] Name: "
                           "text')")
        forced = ctx.options.get("date_order")
        if forced in ("dmy", "mdy", "ymd"):
            return style, forced, chat_name_lines
        if order.order is None:
            chosen = order.best()
            ctx.notes.append(
                "every date in this chat could be day/month or month/day; read as "
                f"{'month/day' if chosen == 'mdy' else 'day/month'} (the reading under which the "
                "dates run forwards most closely); check a few dates against the phone, "
                "or force it with --option date_order=dmy|mdy")
            return style, chosen, chat_name_lines
        return style, order.order, chat_name_lines

    def _senders(self, opener: Callable[[], IO[bytes]], origin: Path,
                 style: re.Pattern[str]) -> dict[str, int]:
        """Every sender of a message or call, in order of first appearance, with how many
        they sent (the same system-line test as the main loop: ``_sender_line``)."""
        counts: dict[str, int] = {}
        system: dict[str, bool] = {}
        match = style.match
        lineno = 0
        for block in self._blocks(opener, origin):
            for line in block:
                lineno += 1
                m = match(line)
                if m is None:
                    continue
                sent = _sender_line(line, m.end(), lineno, system)
                if sent is not None:
                    counts[sent[0]] = counts.get(sent[0], 0) + 1
        return counts

    def self_candidates(self, path: Path, ctx: ImportContext) -> list[tuple[str, int]]:
        """Every sender with their number of messages, most first (see ``Importer``)."""
        opener, _, _, close = self._open_source(path)
        try:
            style, _, _ = self._first_pass(opener, path, replace(ctx, notes=[]))
            counts = self._senders(opener, path, style)
        finally:
            close()
        first_seen = {name: i for i, name in enumerate(counts)}
        return sorted(counts.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))

    # ------------------------------------------------------------------ parsing

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        opener, find_media, chat_file, close = self._open_source(path)
        try:
            yield from self._parse(path, ctx, opener, find_media, chat_file)
        finally:
            close()

    def _parse(self, path: Path, ctx: ImportContext, opener: Callable[[], IO[bytes]],
               find_media: Callable[[str], Callable[[], IO[bytes]] | None],
               chat_file: str) -> Iterator[ParsedEvent]:
        # This loop runs once per line of exports with millions of lines: everything is
        # a local, dates/times/names are parsed once and cached, and the per-message
        # work is one regex match, a find and the event itself (see benchmarks/).
        style, order, first_rest = self._first_pass(opener, path, ctx)
        senders = list(self._senders(opener, path, style))
        tz = ctx.tz
        me = set(ctx.me)
        if not me:
            ctx.notes.append("WhatsApp exports do not say which sender is you: directions are "
                             "'unknown'; import again with --me \"Your Name\" (as it appears "
                             "in the chat)")
        chat_with = None
        cm = _CHAT_WITH.match(chat_file)
        if cm:
            chat_with = cm.group(1)
        elif first_rest and ": " in first_rest[0]:
            cname, _, ctext = first_rest[0].partition(": ")
            if any(n in ctext for n in _ENCRYPTION_NOTICES):
                chat_with = cname  # iOS names the chat on the encryption notice line
        if len(senders) < _MAX_PARTICIPANTS:
            recipients_of, group = _recipients(senders, ctx.me, chat_with)
        else:
            recipients_of, group = {}, True
            ctx.notes.append(f"{len(senders):,} different senders: too many for one chat, so "
                             "no recipients are inferred")
        if group and recipients_of:
            ctx.notes.append(
                f"group chat ({len(senders)} senders): the export does not list the members, "
                "so each message's recipients are the other senders seen in it "
                "(extra.recipients_inferred)")

        day_cache: dict[str, list[int | None]] = {}   # date text -> UTC ms per local hour
        ymd_cache: dict[str, tuple[int, int, int]] = {}
        time_cache: dict[str, tuple[int, int]] = {}   # time text -> (hour, ms into hour)
        # name -> (system, id kind, direction, inferred recipients)
        name_cache: dict[str, tuple[str, str, list[str]]] = {}
        system_names: dict[str, bool] = {}
        n_system = n_before = 0
        match = style.match
        special = _SPECIAL_TEXTS
        assumed = TIME_ASSUMED
        inferred = {"recipients_inferred": True}

        def hour_ms(date: str, hour: int, lineno: int) -> int:
            ymd = ymd_cache.get(date)
            if ymd is None:
                ymd = _ymd(date, order)
                ymd_cache[date] = ymd
            try:
                ms = int(datetime(ymd[0], ymd[1], ymd[2], hour, tzinfo=tz).timestamp()) * 1000
            except ValueError:
                raise BadInput(path, f"line {lineno}: {date!r} is not a valid date "
                               f"(read as {order})") from None
            day_cache[date][hour] = ms
            return ms

        def parse_time(time: str, lineno: int) -> tuple[int, int]:
            tm = _TIME_PARTS.match(time)
            if tm is None:
                raise BadInput(path, f"line {lineno}: cannot read the time {time!r}")
            h, mi, sec = int(tm.group(1)), int(tm.group(2)), int(tm.group(3) or 0)
            ap = tm.group(4)
            if ap:
                if not 1 <= h <= 12:
                    raise BadInput(path, f"line {lineno}: {time!r} is not a valid time")
                h = h % 12 + (12 if ap in "Pp" else 0)
            if h > 23 or mi > 59 or sec > 59:
                raise BadInput(path, f"line {lineno}: {time!r} is not a valid time")
            hm = (h, (mi * 60 + sec) * 1000)
            time_cache[time] = hm
            return hm

        def finish(ev: ParsedEvent) -> ParsedEvent:
            if ev.direction == "outgoing":
                # the other party is the one recipient; a group has no single one
                party = ev.recipients[0] if len(ev.recipients) == 1 else None
                ev.party = party
                if party:
                    ev.id_kind = _id_kind(party)
            text = ev.text or ""
            if text and (text[0] in "<\u200e" or "(" in text or (
                    len(text) < 45 and (text in special or text.endswith("omitted")))):
                # a marker starts with "<" or U+200E, names a file with "(", or is one of
                # a few short fixed texts; everything else skips the media checks
                self._media(ev, text, find_media)
            return ev

        # The message being gathered (its continuation lines go to ``more``).
        p_info: tuple[str, str, list[str]] | None = None
        p_ts = p_lineno = 0
        p_raw = p_name = p_body = ""
        more: list[str] | None = None
        lineno = 0
        for block in self._blocks(opener, path):
            for line in block:
                lineno += 1
                m = match(line)
                if m is None:
                    if p_info is not None:
                        if more is None:
                            more = [line]
                        else:
                            more.append(line)
                    elif line.strip():
                        n_before += 1
                    continue
                if p_info is not None:
                    if more is not None:
                        p_body = "\n".join([p_body, *more])
                        more = None
                    if p_body.endswith("\r"):
                        p_body = p_body[:-1]
                    recips = p_info[2]
                    ev = ParsedEvent(
                        "message", "whatsapp", p_info[1], p_ts, p_raw, f"line {p_lineno}",
                        p_name, p_name, recips[:], p_body, None, None, assumed, None, [],
                        p_name, None, p_info[0], inferred.copy() if recips else {})
                    if p_info[1] == "outgoing" or (p_body and (
                            p_body[0] in "<\u200e" or "(" in p_body or len(p_body) < 45)):
                        ev = finish(ev)
                    yield ev
                    p_info = None
                sent = _sender_line(line, m.end(), lineno, system_names)
                if sent is None:
                    n_system += 1
                    continue
                name, body = sent
                info = name_cache.get(name)
                if info is None:
                    info = (_id_kind(name),
                            ("outgoing" if name in me else "incoming") if me else "unknown",
                            recipients_of.get(name, []))
                    name_cache[name] = info
                date, time = m.groups()
                hours = day_cache.get(date)
                if hours is None:
                    hours = day_cache[date] = [None] * 24
                hm = time_cache.get(time) or parse_time(time, lineno)
                base = hours[hm[0]]
                if base is None:
                    base = hour_ms(date, hm[0], lineno)
                p_info, p_ts, p_raw, p_lineno, p_name, p_body = (
                    info, base + hm[1], line[m.start(1):m.end(2)], lineno, name, body)
        if p_info is not None:
            if more is not None:
                p_body = "\n".join([p_body, *more])
            if p_body.endswith("\r"):
                p_body = p_body[:-1]
            recips = p_info[2]
            yield finish(ParsedEvent(
                "message", "whatsapp", p_info[1], p_ts, p_raw, f"line {p_lineno}", p_name,
                p_name, recips[:], p_body, None, None, assumed, None, [], p_name, None,
                p_info[0], inferred.copy() if recips else {}))
        if n_system:
            ctx.notes.append(f"{n_system} WhatsApp system line(s) (encryption notice, "
                             "group changes) are not events")
        if n_before:
            ctx.notes.append(f"{n_before} line(s) before the first message were not read")

    @staticmethod
    def _missed_call(ev: ParsedEvent, plain: str) -> None:
        ev.kind = "call"
        ev.call_status = "missed"
        ev.duration_s = 0
        ev.extra["call_type"] = _MISSED_CALLS[plain]
        ev.extra["raw_text"] = ev.text
        ev.text = None

    def _media(self, ev: ParsedEvent, text: str,
               find_media: Callable[[str], Callable[[], IO[bytes]] | None]) -> None:
        plain = _clean(text)
        if plain in _DELETED:
            ev.extra["deleted"] = True
            return
        if plain in _MISSED_CALLS:
            self._missed_call(ev, plain)
            return
        first = plain.split("\n", 1)[0]
        if first in _MEDIA_OMITTED or _IOS_OMITTED.match(first):
            ev.extra["media"] = "omitted"
            ev.attachments.append(Attachment(name="media", note=(
                "not included in the export (the chat was exported without media)")))
            record_missing_attachments(ev)
            return
        names = [m.group(1).strip() for m in _ATTACHED_IOS.finditer(text)]
        if not names:
            m = _ATTACHED_ANDROID.match(text)
            if m:
                names = [m.group(1).strip()]
        for name in names:
            opener = find_media(name)
            if opener is None:
                ev.attachments.append(Attachment(name=name, note=(
                    "not included: the file is not in the export")))
            else:
                ev.attachments.append(Attachment(name=name, open=opener))
        if names:
            ev.extra["media"] = "attached"
        record_missing_attachments(ev)
