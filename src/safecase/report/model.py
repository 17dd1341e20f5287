"""The report model: a plain data structure built from a case, read by every renderer.

``build_report`` makes one pass over the events in scope to gather the cover counts, the
per-person numbers, the chart data and the key incidents; the chronological log, the
exhibits and the custody entries are produced again on demand (``log_rows`` etc.) so a
case of any length is rendered in bounded memory. Every string that comes from the case
passes through the redactor here, so renderers never see a redacted value.
"""

from __future__ import annotations

import importlib.util
import io
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from safecase import __version__
from safecase.errors import NotFound, UserError
from safecase.report.redact import Redactor
from safecase.report.text import human_size, local_time, party, utc_time, what_happened
from safecase.store import ledger
from safecase.store.queries import iter_events, parse_when, people

# How serious a confirmed signal is, most serious first: orders the quotes on the summary.
SEVERITY = ("threat", "sexual", "coercion", "surveillance", "exposure", "impersonation",
            "malicious_link", "third_party", "fixation", "contact_demand", "insult")
CONTACT_KINDS = ("message", "call", "email", "post", "visit", "following", "gift", "property",
                 "third_party", "other")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# Used only when no detector has flagged refusals: the person's own clear "stop" words.
_STOP_WORDS = re.compile(r"\b(stop (contacting|messaging|texting|calling)|leave me alone|"
                         r"do ?n[o']t (contact|message|call|text) me|no (more )?contact)\b", re.I)
MAX_QUOTES = 5
_HAS_ANALYSIS = importlib.util.find_spec("safecase.analysis") is not None
THUMB_PX = 240
THUMB_CACHE = 64 * 1024 * 1024


@dataclass
class ReportOptions:
    persons: list[int] | None = None
    since: str | None = None
    until: str | None = None
    redact: list[str] = field(default_factory=list)
    confirmed_only: bool = False
    paper: str = "a4"
    system_fonts: bool = False


@dataclass
class Cover:
    subject_name: str
    period: str
    people: list[str]
    counts: dict[str, int]
    prepared_on: str
    version: str
    fingerprint: str
    ledger_seq: int
    tz: str
    filters: list[str]


@dataclass
class Quote:
    event_id: int
    when: str
    when_utc: str
    channel: str
    sender: str
    text: str
    signals: list[str]


@dataclass
class PersonSummary:
    id: int
    name: str
    identities: list[str]
    numbers: list[tuple[str, str]]
    course_of_conduct: list[str]
    four: list[tuple[str, str]]
    quotes: list[Quote]


@dataclass
class Chart:
    key: str
    title: str
    alt: str
    columns: list[str]
    rows: list[list[str]]
    svg: str = ""


@dataclass
class Incident:
    event_id: int
    when: str
    when_utc: str
    kind: str
    channel: str
    sender: str
    text: str
    confirmed: list[str]
    details: list[tuple[str, str]]
    exhibits: list[str]


@dataclass
class LogRow:
    event_id: int
    when: str
    when_utc: str
    channel: str
    kind: str
    direction: str
    party: str
    text: str
    confirmed: list[str]
    suggested: list[str]
    exhibits: list[str]
    details: list[tuple[str, str]]


@dataclass
class ExhibitRow:
    ref: str
    name: str
    type: str
    size: int
    size_text: str
    sha256: str
    origin: str
    added: str
    exhibit_id: int | None
    is_image: bool


@dataclass
class CustodyRow:
    seq: int
    at: str
    action: str
    subject: str
    hash: str


@dataclass
class _Scan:
    """What the first pass over the events gathers."""

    counts: Counter[str] = field(default_factory=Counter)
    first: int | None = None
    last: int | None = None
    per_day: Counter[date] = field(default_factory=Counter)
    refusal_days: set[date] = field(default_factory=set)
    heat: list[list[int]] = field(default_factory=lambda: [[0] * 24 for _ in range(7)])
    channels: dict[date, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    signals: dict[date, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    person: dict[int, dict[str, Any]] = field(default_factory=dict)
    incidents: list[Incident] = field(default_factory=list)
    first_refusal: int | None = None


def _week(d: date) -> date:
    return d - timedelta(days=d.weekday())


class Report:
    """Everything a renderer needs. Keep the case open while rendering."""

    def __init__(self, case: Any, options: ReportOptions) -> None:
        self.case = case
        self.options = options
        self._thumbs: dict[int, bytes | None] = {}
        self._thumb_bytes = 0
        self.zone = case.zone
        self._everyone = people(case)
        by_id = {p["id"]: p for p in self._everyone}
        if options.persons:
            for pid in options.persons:
                if pid not in by_id:
                    raise NotFound(f"no person {pid} in this case (see `safecase people`)")
            self.person_ids = list(options.persons)
        else:
            self.person_ids = self._default_persons()
        self._persons = {pid: by_id[pid] for pid in self.person_ids}
        third = [i["raw"] for p in self._everyone if p["id"] not in self._persons
                 for i in p["identities"] if i["kind"] == "phone"]
        self.redactor = Redactor.parse(options.redact, case.settings.get("region", "GB"),
                                       third_party_numbers=third)
        self._since = parse_when(options.since, self.zone) if options.since else None
        self._until = parse_when(options.until, self.zone, end=True) if options.until else None
        if self._since and self._until and self._since > self._until:
            raise UserError("--since is after --until; nothing would be reported")
        self.seq, self.fingerprint = ledger.head(case.db)
        self.detectors = [f"{d} {v}" for d, v in case.db.execute(
            "SELECT DISTINCT detector, detector_version FROM signals ORDER BY 1, 2")]
        self.imports = [(self.r(n), imp, ver) for n, imp, ver in case.db.execute(
            "SELECT name, importer, importer_version FROM imports ORDER BY id")]
        self._base_counts = [rule.count for rule in self.redactor.rules]
        self._scan_counts = [0] * len(self.redactor.rules)
        self._sections: dict[str, Any] | None = None

    def _front(self) -> dict[str, Any]:
        """Cover, summaries, charts and key incidents: one pass over the events, made the
        first time a renderer asks (a bundle that reuses a report never needs it)."""
        if self._sections is None:
            before = [rule.count for rule in self.redactor.rules]
            scan = self._scan()
            self._sections = {
                "cover": self._cover(scan),
                "summaries": [self._summary(pid, scan) for pid in self.person_ids],
                "charts": self._charts(scan), "incidents": scan.incidents}
            self._scan_counts = [r.count - b for r, b in
                                 zip(self.redactor.rules, before, strict=True)]
        return self._sections

    @property
    def cover(self) -> Cover:
        return self._front()["cover"]  # type: ignore[no-any-return]

    @property
    def summaries(self) -> list[PersonSummary]:
        return self._front()["summaries"]  # type: ignore[no-any-return]

    @property
    def charts(self) -> list[Chart]:
        return self._front()["charts"]  # type: ignore[no-any-return]

    @property
    def incidents(self) -> list[Incident]:
        return self._front()["incidents"]  # type: ignore[no-any-return]

    def begin_render(self) -> None:
        """Each rendering (PDF, HTML) reports the replacements it made itself (the front
        sections are made once and counted in every rendering that shows them)."""
        for rule, base, front in zip(self.redactor.rules, self._base_counts,
                                     self._scan_counts, strict=True):
            rule.count = base + front

    # ----- scope -------------------------------------------------------------------------

    def r(self, text: str | None) -> str:
        """Redacts a string from the case (None becomes empty)."""
        return self.redactor.text(text) if text else (text or "")

    def _default_persons(self) -> list[int]:
        """Who the report is about when not told: everyone who contacted the person, most
        contacts first (nothing is left out silently; ``--person`` narrows it)."""
        rows = self.case.db.execute(
            "SELECT i.person_id, count(*) FROM events e JOIN identities i ON i.id = e.party_id"
            " JOIN persons p ON p.id = i.person_id WHERE e.removed = 0 AND"
            " e.superseded_by IS NULL AND e.direction = 'incoming' AND p.is_self = 0"
            " GROUP BY i.person_id ORDER BY count(*) DESC").fetchall()
        return [int(r[0]) for r in rows]

    def events(self) -> Iterator[dict[str, Any]]:
        """The events in scope, in time order: the reported people's and typed incidents."""
        only = set(self.person_ids)
        for ev in iter_events(self.case):
            ts = ev["ts_ms"]
            if self._since is not None and (ts is None or ts < self._since):
                continue
            if self._until is not None and (ts is None or ts > self._until):
                continue
            if ev["person"] is not None and ev["person"] not in only:
                continue
            yield ev

    def _split_signals(self, ev: dict[str, Any]) -> tuple[list[str], list[str]]:
        confirmed = [s["name"] for s in ev["signals"]
                     if s["review"] and s["review"]["decision"] == "confirmed"]
        suggested = [] if self.options.confirmed_only else [
            f"{s['name']} ({s['score']:.2f})" for s in ev["signals"] if s["review"] is None]
        return confirmed, suggested

    def _is_refusal(self, ev: dict[str, Any]) -> bool:
        """A "stop" the person sent: a refusal signal not dismissed. Only without the
        analysis module (which owns refusal detection) do clear stop words count too."""
        if ev["direction"] != "outgoing":
            return False
        for s in ev["signals"]:
            if s["name"] == "refusal" and not (s["review"] and
                                               s["review"]["decision"] == "dismissed"):
                return True
        return not _HAS_ANALYSIS and bool(ev["text"]) and \
            not any(s["name"] == "refusal" for s in ev["signals"]) and \
            bool(_STOP_WORDS.search(ev["text"]))

    # ----- the first pass ------------------------------------------------------------------

    def _scan(self) -> _Scan:
        scan = _Scan()
        for ev in self.events():
            ts = ev["ts_ms"]
            kind = ev["kind"]
            scan.counts["messages" if kind in ("message", "email", "post") else
                        "calls" if kind == "call" else
                        "visits" if kind == "visit" else "other incidents"] += 1
            confirmed, _ = self._split_signals(ev)
            day = None
            if ts is not None:
                scan.first = ts if scan.first is None else min(scan.first, ts)
                scan.last = ts if scan.last is None else max(scan.last, ts)
                local = datetime.fromtimestamp(ts / 1000, UTC).astimezone(self.zone)
                day = local.date()
            if self._is_refusal(ev) and day is not None:
                scan.refusal_days.add(day)
                if scan.first_refusal is None:
                    scan.first_refusal = ts
            if ev["direction"] == "incoming" and day is not None:
                scan.per_day[day] += 1
                scan.heat[local.weekday()][local.hour] += 1
                scan.channels[_week(day)][ev["channel"]] += 1
            if day is not None:
                for s in ev["signals"]:
                    if s["name"] == "refusal":
                        continue
                    rev = s["review"]
                    if rev and rev["decision"] == "dismissed":
                        continue
                    if rev or not self.options.confirmed_only:
                        scan.signals[_week(day)][s["name"]] += 1
            pid = ev["person"]
            if pid in self._persons:
                self._person_scan(scan, pid, ev, confirmed, day)
            typed = bool(ev["extra"].get("typed"))
            if confirmed or typed:
                scan.incidents.append(self._incident(ev, confirmed))
        return scan

    def _person_scan(self, scan: _Scan, pid: int, ev: dict[str, Any], confirmed: list[str],
                     day: date | None) -> None:
        p = scan.person.setdefault(pid, {"contacts": 0, "per_day": Counter(), "after_stop": 0,
                                         "first": None, "last": None, "quotes": [],
                                         "identities": set(), "confirmed": Counter(),
                                         "stop": None})
        if self._is_refusal(ev) and p["stop"] is None:
            p["stop"] = ev["ts_ms"]
        if ev["direction"] != "incoming":
            return
        p["contacts"] += 1
        p["identities"].add(ev["identity"])
        if day is not None:
            p["per_day"][day] += 1
            p["first"] = p["first"] or ev["ts_ms"]
            p["last"] = ev["ts_ms"]
        if p["stop"] is not None and ev["ts_ms"] is not None and ev["ts_ms"] > p["stop"]:
            p["after_stop"] += 1
        for name in confirmed:
            p["confirmed"][name] += 1
        if confirmed and ev["text"]:
            rank = min((SEVERITY.index(n) for n in confirmed if n in SEVERITY),
                       default=len(SEVERITY))
            p["quotes"].append((rank, ev["ts_ms"] or 0, self._quote(ev, confirmed)))
            p["quotes"].sort(key=lambda q: (q[0], q[1]))
            del p["quotes"][MAX_QUOTES:]

    def _quote(self, ev: dict[str, Any], confirmed: list[str]) -> Quote:
        return Quote(ev["id"], local_time(ev["ts_ms"], self.zone), utc_time(ev["ts_ms"]),
                     ev["channel"], self.r(party(ev)), self.r(what_happened(ev)), confirmed)

    def _details(self, ev: dict[str, Any]) -> list[tuple[str, str]]:
        extra = ev["extra"]
        out = []
        for key, label in (("where", "Where"), ("witnesses", "Witnesses"),
                           ("report_ref", "Report reference"), ("felt", "How it felt")):
            value = extra.get(key)
            if value:
                out.append((label, self.r(", ".join(value) if isinstance(value, list)
                                          else str(value))))
        return out

    def _exhibit_refs(self, ev: dict[str, Any]) -> list[str]:
        return [f"X{a['exhibit']} {self.r(a['name'])}" for a in ev["attachments"]]

    def _incident(self, ev: dict[str, Any], confirmed: list[str]) -> Incident:
        return Incident(ev["id"], local_time(ev["ts_ms"], self.zone), utc_time(ev["ts_ms"]),
                        ev["kind"], ev["channel"], self.r(party(ev)), self.r(what_happened(ev)),
                        confirmed, self._details(ev), self._exhibit_refs(ev))

    # ----- sections ------------------------------------------------------------------------

    def _cover(self, scan: _Scan) -> Cover:
        if scan.first is None:
            period = "no dated events in scope"
        else:
            period = (f"{local_time(scan.first, self.zone)[:10]} to "
                      f"{local_time(scan.last, self.zone)[:10]}")
        filters = []
        if self.options.since or self.options.until:
            filters.append(f"period limited to {self.options.since or 'the start'} .. "
                           f"{self.options.until or 'the end'}")
        if self.options.persons:
            filters.append("people limited to ids " + ", ".join(map(str, self.options.persons)))
        if self.options.confirmed_only:
            filters.append("only flags the person confirmed are shown")
        if self.redactor:
            filters.append(f"{len(self.redactor.rules)} redaction rule(s) applied")
        counts = {k: scan.counts.get(k, 0)
                  for k in ("messages", "calls", "visits", "other incidents")}
        return Cover(
            subject_name=self.r(self.case.settings.get("subject_name") or "") or "(not named)",
            period=period,
            people=[f"{self.r(self._persons[p]['name'])} (person {p})" for p in self.person_ids],
            counts=counts,
            prepared_on=datetime.now(UTC).astimezone(self.zone).strftime("%Y-%m-%d %H:%M %Z"),
            version=__version__, fingerprint=self.fingerprint, ledger_seq=self.seq,
            tz=self.case.settings["tz"], filters=filters)

    def _analysis(self, pid: int) -> tuple[dict[str, Any], dict[str, Any]] | None:
        """(pattern, assessment) for one person from safecase.analysis, when present."""
        try:
            from safecase.analysis.assessment import person_assessment
            from safecase.analysis.patterns import iter_person_frames, person_pattern
        except ImportError:
            return None
        for info, frame in iter_person_frames(self.case, pid):
            if info["id"] == pid:
                p = person_pattern(frame, info)
                return p, person_assessment(self.case, frame, info, p)
        return None

    def _numbers_from_pattern(self, p: dict[str, Any]) -> list[tuple[str, str]]:
        out = [("Contacts received", str(p["events"]["incoming"]["count"]))]
        if p["first_contact"]:
            out.append(("First and last contact", f"{p['first_contact']['local']} to "
                                                  f"{p['last_contact']['local']}"))
            out.append(("Days with contact", f"{p['active_days']} of {p['days_spanned']}"))
        if p["peak_day"]:
            out.append(("Busiest day", f"{p['peak_day']['count']} contacts on "
                                       f"{p['peak_day']['when']}"))
        ref = p["refusals"]
        if ref["count"]:
            first = ref["refusals"][0]
            out.append(("First asked to stop", f"{first['local']} ({first['status']})"))
            out.append(("Contacts after the first “stop”",
                        str(ref["contacts_after_first_refusal"]["count"])))
        else:
            out.append(("First asked to stop", "no refusal recorded for this person"))
        out.append(("New numbers or accounts after a refusal or block",
                    str(p["new_identities"]["count"])))
        if p["bursts"]["count"]:
            out.append(("Bursts of contact", str(p["bursts"]["count"])))
        if p["night"]["count"]:
            out.append(("Contacts at night (22:00 to 06:00)",
                        f"{p['night']['count']} ({round(100 * p['night']['share'])}%)"))
        return out

    def _summary(self, pid: int, scan: _Scan) -> PersonSummary:
        person = self._persons[pid]
        p = scan.person.get(pid, {"contacts": 0, "per_day": Counter(), "after_stop": 0,
                                  "first": None, "last": None, "quotes": [],
                                  "identities": set(), "confirmed": Counter(), "stop": None})
        numbers = [("Contacts received", str(p["contacts"]))]
        if p["first"] is not None:
            numbers.append(("First and last contact",
                            f"{local_time(p['first'], self.zone)[:16]} to "
                            f"{local_time(p['last'], self.zone)[:16]}"))
            numbers.append(("Days with contact", str(len(p["per_day"]))))
        if p["per_day"]:
            day, n = max(p["per_day"].items(), key=lambda kv: (kv[1], kv[0]))
            numbers.append(("Busiest day", f"{n} contacts on {day.isoformat()}"))
        if p["stop"] is not None:
            numbers.append(("First asked to stop", local_time(p["stop"], self.zone)[:16]))
            numbers.append(("Contacts after the first “stop”", str(p["after_stop"])))
        else:
            numbers.append(("First asked to stop", "no refusal found in the records"))
        idents = list(person["identities"])
        numbers.append(("Numbers and accounts used", str(len(idents))))
        coc: list[str] = []
        four: list[tuple[str, str]] = []
        analysis = self._analysis(pid)
        if analysis is not None:
            pat, assessment = analysis
            # The analysis module is the one source of these figures (the web app shows
            # the same); it covers all of this person's records.
            numbers = self._numbers_from_pattern(pat)
            numbers.insert(len(numbers), ("Numbers and accounts used", str(len(idents))))
            cc = assessment["course_of_conduct"]
            coc = [self.r(x) for x in assessment["summary"]]
            acts = ", ".join(f"{k} {v}" for k, v in sorted(cc.get("acts_by_kind", {}).items()))
            coc.append(f"Course of conduct: {'met' if cc['met'] else 'not met'} "
                       f"({cc['rule']}; {cc['count']} acts: {acts}).")
            for key, marker in assessment["four"].items():
                four.append((key.capitalize(),
                             f"{'Met' if marker['met'] else 'Not met'}: "
                             f"{self.r(marker['detail'])}. Rule: {marker['rule']}."))
            coc.append(assessment["not_a_risk_score"])
            if self.options.since or self.options.until:
                coc.append("These figures cover all of this person's records, not only the "
                           "period of this report.")
        if p["confirmed"]:
            numbers.append(("Confirmed flags", ", ".join(
                f"{k} {v}" for k, v in p["confirmed"].most_common())))
        return PersonSummary(
            id=pid, name=self.r(person["name"]),
            identities=[self.r(i["raw"]) for i in idents], numbers=numbers,
            course_of_conduct=coc, four=four, quotes=[q for _, _, q in p["quotes"]])

    def _charts(self, scan: _Scan) -> list[Chart]:
        days = sorted(scan.per_day)
        weeks = sorted(set(scan.channels) | set(scan.signals))
        per_week = Counter({_week(d): 0 for d in days})
        for d, n in scan.per_day.items():
            per_week[_week(d)] += n
        refusal_weeks = {_week(d) for d in scan.refusal_days}
        alt = "No dated contacts in scope."
        if days:
            peak_day, peak_n = max(scan.per_day.items(), key=lambda kv: kv[1])
            alt = (f"Bar chart of contacts received per day from {days[0]} to {days[-1]}; "
                   f"the busiest day was {peak_day} with {peak_n} contacts; "
                   f"{len(scan.refusal_days)} day(s) on which the person asked for contact to "
                   "stop are marked with red lines.")
        charts = [Chart(
            "per_day", "Contacts per day", alt,
            ["Week starting", "Contacts", "Asked to stop"],
            [[w.isoformat(), str(per_week[w]), "yes" if w in refusal_weeks else ""]
             for w in sorted(per_week)])]
        busiest = max(((scan.heat[d][h], WEEKDAYS[d], h) for d in range(7) for h in range(24)),
                      default=(0, "", 0))
        charts.append(Chart(
            "heat", "Hour of day by weekday",
            (f"Heat map of contacts by weekday (rows) and hour of day (columns, "
             f"{self.case.settings['tz']}); the busiest slot is {busiest[1]} "
             f"{busiest[2]:02d}:00 with {busiest[0]} contacts."),
            ["Day", *[f"{h:02d}" for h in range(24)]],
            [[WEEKDAYS[d], *[str(x) for x in scan.heat[d]]] for d in range(7)]))
        chans = sorted({c for w in scan.channels.values() for c in w})
        charts.append(Chart(
            "channels", "Channels over time",
            "Stacked bars of contacts received per week by channel: "
            + ", ".join(f"{c} {sum(w[c] for w in scan.channels.values())}" for c in chans)
            + ".", ["Week starting", *chans],
            [[w.isoformat(), *[str(scan.channels[w][c]) for c in chans]]
             for w in weeks if w in scan.channels]))
        names = sorted({n for w in scan.signals.values() for n in w})
        charts.append(Chart(
            "signals", "Signals over time (escalation)",
            ("Stacked bars of flagged messages per week by signal"
             + (" (confirmed by the person only)" if self.options.confirmed_only else
                " (confirmed and suggested; dismissed flags left out)") + ": "
             + (", ".join(f"{n} {sum(w[n] for w in scan.signals.values())}" for n in names)
                or "none") + "."),
            ["Week starting", *names],
            [[w.isoformat(), *[str(scan.signals[w][n]) for n in names]]
             for w in weeks if w in scan.signals]))
        self._chart_data = scan  # the chart renderer draws from the same numbers
        return charts

    # ----- streamed sections ---------------------------------------------------------------

    def log_rows(self) -> Iterator[LogRow]:
        for ev in self.events():
            confirmed, suggested = self._split_signals(ev)
            yield LogRow(ev["id"], local_time(ev["ts_ms"], self.zone), utc_time(ev["ts_ms"]),
                         ev["channel"], ev["kind"], ev["direction"], self.r(party(ev)),
                         self.r(what_happened(ev)), confirmed, suggested,
                         self._exhibit_refs(ev), self._details(ev))

    def exhibit_rows(self) -> Iterator[ExhibitRow]:
        db = self.case.db
        for sid, sha, size, name, member, importer, ver, at in db.execute(
                "SELECT id, sha256, size, name, member, importer, importer_version, imported_at"
                " FROM sources ORDER BY id").fetchall():
            shown = self.r(name + (f" ({member})" if member else ""))
            yield ExhibitRow(f"S{sid}", shown, "source file", size, human_size(size), sha,
                             f"imported with {importer} {ver}", at[:19] + "Z", None, False)
        origin_of: dict[int, str] = {}
        for xid, eid in db.execute("SELECT exhibit_id, min(event_id) FROM event_exhibits"
                                   " GROUP BY exhibit_id"):
            origin_of[xid] = f"event {eid}"
        cur = db.execute("SELECT id, sha256, size, name, mime, kind, source_id, derived_from,"
                         " added_at FROM exhibits ORDER BY id")
        while rows := cur.fetchmany(500):
            for xid, sha, size, name, mime, kind, src, derived, at in rows:
                bits = [f"source S{src}" if src else "added by the person"]
                if xid in origin_of:
                    bits.append(origin_of[xid])
                if derived:
                    bits.append(f"derived from X{derived}")
                yield ExhibitRow(f"X{xid}", self.r(name), f"{kind}, {mime or 'unknown type'}",
                                 size, human_size(size), sha, "; ".join(bits), at[:19] + "Z",
                                 xid, bool(mime and mime.startswith("image/")))

    def thumbnail(self, exhibit_id: int) -> bytes | None:
        """A small JPEG of an image exhibit (in memory), or None if it cannot be read.
        Kept for the next renderer (PDF then HTML) up to a fixed total size."""
        if exhibit_id in self._thumbs:
            return self._thumbs[exhibit_id]
        data = self._make_thumbnail(exhibit_id)
        if self._thumb_bytes + len(data or b"") <= THUMB_CACHE:
            self._thumbs[exhibit_id] = data
            self._thumb_bytes += len(data or b"")
        return data

    def _make_thumbnail(self, exhibit_id: int) -> bytes | None:
        from PIL import Image, UnidentifiedImageError

        try:
            data = self.case.read_exhibit(exhibit_id)
            with Image.open(io.BytesIO(data)) as im:
                im.draft("RGB", (THUMB_PX, THUMB_PX))  # JPEG: decode at reduced size
                im.thumbnail((THUMB_PX, THUMB_PX))
                out = io.BytesIO()
                im.convert("RGB").save(out, "JPEG", quality=70)
                return out.getvalue()
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
            return None

    def custody_rows(self) -> Iterator[CustodyRow]:
        for e in ledger.entries(self.case.db):
            if e.seq > self.seq:
                break
            yield CustodyRow(e.seq, e.at[:19] + "Z", e.action, self.r(e.subject), e.hash)

    def record(self, subject: str, outputs: list[dict[str, object]],
               via: str | None = None) -> None:
        """The custody-ledger entry for this report (one shape for the CLI and the app)."""
        o = self.options
        payload: dict[str, object] = {
            "outputs": outputs, "case_fingerprint": self.fingerprint, "ledger_seq": self.seq,
            "persons": self.person_ids, "since": o.since, "until": o.until,
            "confirmed_only": o.confirmed_only, "paper": o.paper,
            "redaction": self.redaction_summary()}
        if via:
            payload["via"] = via
        with self.case.transaction():
            self.case.record("report", subject, payload)

    def redaction_summary(self) -> list[dict[str, object]]:
        return self.redactor.summary()


def build_report(case: Any, options: ReportOptions | None = None) -> Report:
    return Report(case, options or ReportOptions())
