"""The HTML report: the same content as the PDF in one self-contained file.

Inline CSS, charts as inline SVG, thumbnails as data: URIs, no scripts, nothing fetched.
Every string from the case is HTML-escaped; text keeps its exact characters (emoji and
right-to-left scripts included, with ``dir="auto"`` so each quote takes its own direction).
The file is written as it is produced, so the log never has to fit in memory.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import IO

from safecase.report import method
from safecase.report.charts import draw_charts
from safecase.report.model import Chart, Incident, LogRow, PersonSummary, Report

CSS = """
body{font:15px/1.45 Georgia,'Libertinus Serif',serif;max-width:60rem;margin:0 auto;padding:1rem 1.5rem;color:#111}
header.run{font:12px system-ui,sans-serif;color:#555;border-bottom:1px solid #ccc;padding-bottom:.3rem}
h1{font-size:1.6rem;margin-top:2.5rem;border-bottom:2px solid #333}h2{font-size:1.2rem;margin-top:1.6rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #bbb;padding:.2rem .45rem;vertical-align:top;text-align:left}
.mono,code{font-family:'DejaVu Sans Mono',monospace;font-size:.82em;word-break:break-all}
.muted{color:#555;font-size:.85em}.quote{border-left:3px solid #9b1c1c;padding:.2rem .6rem;margin:.4rem 0;white-space:pre-wrap}
.conf{color:#9b1c1c;font-weight:bold}.sugg{color:#555;font-style:italic;font-size:.88em}
.ev{margin:.45rem 0;padding-bottom:.35rem;border-bottom:1px solid #eee}.ev .text{white-space:pre-wrap}
.chart{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}.chart svg{max-width:100%;height:auto}
.small td,.small th{font-size:.75em;padding:.1rem .25rem}.ex{display:flex;gap:1rem;margin:.6rem 0}
.ex img{width:140px;height:auto;border:1px solid #ccc}
@media print{h1{break-before:page}.ev,.ex{break-inside:avoid}}
"""


def _e(s: object) -> str:
    return escape(str(s), quote=True)


class HtmlWriter:
    def __init__(self, report: Report, out: IO[str]) -> None:
        self.r = report
        self.out = out

    def w(self, s: str) -> None:
        self.out.write(s)

    def write(self) -> None:
        r = self.r
        r.begin_render()
        self.w(f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
               f"<meta name=\"viewport\" content=\"width=device-width\">"
               f"<meta name=\"referrer\" content=\"no-referrer\">"
               f"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
               f"img-src data:; style-src 'unsafe-inline'\">"
               f"<title>SafeCase evidence report</title><style>{CSS}</style></head><body>"
               f"<header class=\"run\">SafeCase evidence report · Case fingerprint "
               f"<span class=\"mono\">{_e(r.fingerprint)}</span></header><main>")
        self.cover()
        for s in r.summaries:
            self.summary(s)
        self.w("<h1 id=\"charts\">Charts</h1><p class=\"muted\">Each chart is followed by "
               "the numbers it is drawn from.</p>")
        for ch in draw_charts(r):
            self.chart(ch)
        self.w("<h1 id=\"incidents\">Key incidents</h1><p class=\"muted\">Events with a flag "
               "the person confirmed, quoted exactly, and the incidents the person "
               "recorded.</p>")
        for i in r.incidents:
            self.event(i, quote=True)
        if not r.incidents:
            self.w("<p class=\"muted\">None in scope.</p>")
        self.w("<h1 id=\"log\">Chronological log</h1><p class=\"muted\">Every event in "
               "scope, oldest first. Local time first, UTC in brackets. Text is exact. "
               "Confirmed flags are marked apart from the tool's suggestions.</p>")
        for row in r.log_rows():
            self.event(row)
        self.exhibits()
        self.custody()
        self.w("<h1 id=\"method\">Method and limits</h1>")
        for title, paras in method.sections(r):
            self.w(f"<h2>{_e(title)}</h2>" + "".join(f"<p>{_e(p)}</p>" for p in paras))
        self.w("</main></body></html>\n")

    def cover(self) -> None:
        c = self.r.cover
        rows = [("About", _e(c.subject_name)),
                ("Period", f"{_e(c.period)} (times in {_e(c.tz)})"),
                ("People reported", "<br>".join(_e(p) for p in c.people) or "none"),
                ("Prepared on", _e(c.prepared_on)), ("SafeCase version", _e(c.version)),
                ("Case fingerprint", f"<span class=\"mono\">{_e(c.fingerprint)}</span><br>"
                 f"<span class=\"muted\">ledger head after entry {c.ledger_seq}; the bundle's "
                 "ledger.jsonl ends with this hash</span>")]
        self.w("<h1 id=\"cover\">Evidence report</h1><p>Stalking and harassment: a "
               "chronology of the records, with their sources</p><table>")
        self.w("".join(f"<tr><th scope=\"row\">{k}</th><td>{v}</td></tr>" for k, v in rows))
        self.w("</table><table><tr><th>Records in this report</th><th>Count</th></tr>")
        self.w("".join(f"<tr><td>{_e(k)}</td><td>{v}</td></tr>" for k, v in c.counts.items()))
        self.w("</table>" + "".join(f"<p class=\"muted\">{_e(f)}</p>" for f in c.filters))

    def summary(self, s: PersonSummary) -> None:
        self.w(f"<h1 id=\"person-{s.id}\">Summary: {_e(s.name)} (person {s.id})</h1>"
               f"<p class=\"muted\">Numbers and accounts: {_e(', '.join(s.identities))}</p>"
               "<h2>Key numbers</h2><table><tr><th>Measure</th><th>Value</th></tr>")
        self.w("".join(f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in s.numbers))
        self.w("</table><h2>Course of conduct</h2>")
        if s.course_of_conduct:
            self.w("<ul>" + "".join(f"<li>{_e(x)}</li>" for x in s.course_of_conduct) + "</ul>")
        else:
            self.w("<p class=\"muted\">No assessment module output in this build; the key "
                   "numbers above are counted directly from the records.</p>")
        if s.four:
            self.w("<table><tr><th>FOUR</th><th>What the records show</th></tr>" + "".join(
                f"<tr><td>{_e(k)}</td><td>{_e(v)}</td></tr>" for k, v in s.four) + "</table>")
        self.w("<h2>The most serious confirmed messages, quoted exactly</h2>")
        for q in s.quotes:
            self.w(f"<p class=\"muted\">{_e(q.when)} · {_e(q.when_utc)} · {_e(q.channel)} · "
                   f"event {q.event_id} · from {_e(q.sender)} · confirmed: "
                   f"{_e(', '.join(q.signals))}</p><blockquote class=\"quote\" dir=\"auto\">"
                   f"{_e(q.text)}</blockquote>")
        if not s.quotes:
            self.w("<p class=\"muted\">No message from this person has a flag the person "
                   "confirmed.</p>")

    def chart(self, ch: Chart) -> None:
        svg = ch.svg.split("?>", 1)[-1]  # drop the XML declaration for inline use
        svg = svg.replace("<svg ", f"<svg role=\"img\" aria-label=\"{_e(ch.alt)}\" ", 1)
        cls = " class=\"small\"" if len(ch.columns) > 8 else ""
        self.w(f"<h2>{_e(ch.title)}</h2><p class=\"muted\">{_e(ch.alt)}</p>"
               f"<div class=\"chart\"><figure>{svg}</figure><table{cls}><caption>Data behind "
               f"the chart</caption><tr>" + "".join(f"<th>{_e(c)}</th>" for c in ch.columns)
               + "</tr>" + "".join("<tr>" + "".join(f"<td>{_e(v)}</td>" for v in row)
                                   + "</tr>" for row in ch.rows) + "</table></div>")

    def event(self, ev: Incident | LogRow, quote: bool = False) -> None:
        if isinstance(ev, LogRow):
            meta, who = f"{ev.channel} · {ev.kind} · {ev.direction}", ev.party
            suggested: Iterable[str] = ev.suggested
        else:
            meta, who, suggested = f"{ev.kind} · {ev.channel}", ev.sender, ()
        cls = "quote" if quote else "text"
        parts = [f"<div class=\"ev\" id=\"e{ev.event_id}\"><strong>{_e(ev.when)}</strong> "
                 f"<span class=\"muted\">({_e(ev.when_utc)}) · event {ev.event_id} · "
                 f"{_e(meta)}</span> · {_e(who)}<div class=\"{cls}\" dir=\"auto\">"
                 f"{_e(ev.text)}</div>"]
        for k, v in ev.details:
            parts.append(f"<div><strong>{_e(k)}:</strong> {_e(v)}</div>")
        if ev.confirmed:
            parts.append(f"<div class=\"conf\">Confirmed by the person: "
                         f"{_e(', '.join(ev.confirmed))}</div>")
        suggested = list(suggested)
        if suggested:
            parts.append(f"<div class=\"sugg\">Suggested by the tool, not confirmed: "
                         f"{_e(', '.join(suggested))}</div>")
        if ev.exhibits:
            parts.append(f"<div class=\"muted\">Exhibits: {_e('; '.join(ev.exhibits))}</div>")
        self.w("".join(parts) + "</div>\n")

    def exhibits(self) -> None:
        self.w("<h1 id=\"exhibits\">Exhibits index</h1><p class=\"muted\">Every source file "
               "(S) and exhibit (X), with its SHA-256. The bundle holds each one byte-exact "
               "under data/.</p>")
        for x in self.r.exhibit_rows():
            img = ""
            if x.is_image and x.exhibit_id is not None:
                thumb = self.r.thumbnail(x.exhibit_id)
                if thumb:
                    img = (f"<img alt=\"Thumbnail of exhibit {_e(x.ref)}\" src=\"data:image/"
                           f"jpeg;base64,{base64.b64encode(thumb).decode()}\">")
            self.w(f"<div class=\"ex\" id=\"{_e(x.ref)}\">{img}<div><strong>{_e(x.ref)}</strong> "
                   f"{_e(x.name)}<br><span class=\"muted\">{_e(x.type)} · {x.size} bytes "
                   f"({_e(x.size_text)}) · added {_e(x.added)}</span><br>SHA-256: <span "
                   f"class=\"mono\">{_e(x.sha256)}</span><br><span class=\"muted\">"
                   f"{_e(x.origin)}</span></div></div>\n")

    def custody(self) -> None:
        self.w("<h1 id=\"custody\">Custody log</h1><p class=\"muted\">The custody ledger: "
               "every import, entry, review and export, hash-chained.</p><table class=\"small\">"
               "<tr><th>#</th><th>UTC time</th><th>Action</th><th>Subject</th>"
               "<th>Entry hash</th></tr>")
        for c in self.r.custody_rows():
            self.w(f"<tr><td>{c.seq}</td><td>{_e(c.at)}</td><td>{_e(c.action)}</td>"
                   f"<td>{_e(c.subject)}</td><td class=\"mono\">{_e(c.hash)}</td></tr>\n")
        self.w("</table>")


def render_html(report: Report, out: Path | str) -> None:
    """Writes the HTML report to ``out``."""
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        HtmlWriter(report, fh).write()
