"""The PDF report: typst source generated in memory, compiled offline, tagged (PDF/UA-1).

Long cases are compiled in chunks (the log, exhibits and custody entries a few thousand at
a time), each in its own short-lived process, and the chunks are joined with pikepdf,
carrying their structure trees along so the whole document stays tagged. Page numbers run
on across chunks. Nothing is written to disk but the finished PDF.

Exact quotes: every string from the case goes into the source as a typst *string
literal* (never markup), so ``*``, ``#``, ``$``, ``<``, ``@`` and backslashes print as
they are. A character none of the embedded fonts can draw (most emoji, some scripts) is
shown by its Unicode name, e.g. ``[emoji: crying face]``; the HTML report and the bundle's
events.jsonl keep the exact characters.
"""

from __future__ import annotations

import base64
import io
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from safecase.errors import SafecaseError
from safecase.report import method
from safecase.report.charts import draw_charts
from safecase.report.model import Report

LOG_ROWS_PER_CHUNK = 6000
EXHIBITS_PER_CHUNK = 150
CUSTODY_PER_CHUNK = 8000
STANDARDS = ["a-2a", "ua-1"]
PAPERS = {"a4": "a4", "letter": "us-letter"}
_MISSING = re.compile(r'the text `"(.*?)"` could not be displayed', re.S)


class ReportBuildError(SafecaseError):
    """typst refused the generated source: a bug of ours, reported in one line."""


def _is_emoji(ch: str) -> bool:
    o = ord(ch)
    return (0x1F000 <= o <= 0x1FAFF or 0x2600 <= o <= 0x27BF or 0x2B00 <= o <= 0x2BFF
            or o in (0xFE0F, 0x200D, 0x20E3) or 0x1F3FB <= o <= 0x1F3FF)


def _char_name(ch: str) -> str:
    name = unicodedata.name(ch, f"U+{ord(ch):04X}").lower()
    return name


class Escaper:
    """Turns case strings into typst string literals, naming what no font can draw."""

    def __init__(self) -> None:
        self.missing: set[str] = set()

    def name_unrenderable(self, s: str) -> str:
        if s.isascii():
            return s
        out: list[str] = []
        run: list[str] = []

        def flush() -> None:
            names = [_char_name(c) for c in run if ord(c) not in (0xFE0F, 0x200D)]
            if names:
                out.append("[emoji: " + ", ".join(names) + "]")
            run.clear()

        for ch in s:
            if _is_emoji(ch):
                run.append(ch)
                continue
            if run:
                flush()
            if ch in self.missing:
                out.append(f"[{_char_name(ch)}]")
            else:
                out.append(ch)
        if run:
            flush()
        return "".join(out)

    def __call__(self, s: str | None) -> str:
        s = self.name_unrenderable(s or "")
        out = ['"']
        for ch in s:
            o = ord(ch)
            if ch == "\\":
                out.append("\\\\")
            elif ch == '"':
                out.append('\\"')
            elif ch == "\n":
                out.append("\\n")
            elif ch == "\r":
                out.append("\\r")
            elif ch == "\t":
                out.append("\\t")
            elif o < 0x20 or o == 0x7F or 0xD800 <= o <= 0xDFFF:
                out.append(f"[U+{o:04X}]")
            else:
                out.append(ch)
        out.append('"')
        return "".join(out)

    def arr(self, items: Iterable[str]) -> str:
        items = list(items)
        if not items:
            return "()"
        return "(" + ", ".join(self(i) for i in items) + ",)"


PREAMBLE = r"""
#set document(title: "SafeCase evidence report", author: "SafeCase")
#set text(font: ("Libertinus Serif", "New Computer Modern", "DejaVu Sans Mono"), size: 9.5pt, lang: "en")
#let fp = FINGERPRINT
#let mono(s, size: 7.5pt) = text(font: "DejaVu Sans Mono", size: size, s)
#set page(paper: PAPER, margin: (x: 1.7cm, top: 2.2cm, bottom: 1.9cm),
  header: [#set text(7pt, fill: luma(70)); SafeCase evidence report #h(1fr) Case fingerprint: #mono(fp, size: 6.2pt)],
  footer: context [#set text(8pt, fill: luma(70)); #h(1fr) Page #counter(page).display() #h(1fr)])
#set par(justify: false, leading: 0.55em)
#show heading.where(level: 1): it => { pagebreak(weak: true); block(below: 0.9em, text(16pt, weight: "bold", it.body)) }
#show heading.where(level: 2): it => block(above: 1.1em, below: 0.6em, text(12pt, weight: "bold", it.body))
#let muted(s) = text(size: 7.5pt, fill: luma(80), s)
#let conf(xs) = if xs.len() > 0 { text(fill: rgb("#9b1c1c"), weight: "bold")[Confirmed by the person: #xs.join(", ")] }
#let sugg(xs) = if xs.len() > 0 { text(size: 7.5pt, fill: luma(70), style: "italic")[Suggested by the tool, not confirmed: #xs.join(", ")] }
#let kv(pairs) = for (k, v) in pairs [#text(weight: "bold", k): #v \ ]
#let quote-box(body) = block(inset: (left: 8pt, y: 3pt), stroke: (left: 2pt + rgb("#9b1c1c")), body)
#let e(id, t, u, meta, who, body, c, s, ex, det) = block(breakable: true, width: 100%, above: 0pt, below: 0pt, inset: (y: 3.5pt), stroke: (bottom: 0.3pt + luma(215)))[
  #text(weight: "bold", t) #muted[(#u) · event #id · #meta] · #who \
  #body
  #if det.len() > 0 [ \ #kv(det)]
  #if c.len() > 0 [ \ #conf(c)]
  #if s.len() > 0 [ \ #sugg(s)]
  #if ex.len() > 0 [ \ #muted[Exhibits: #ex.join("; ")]]
]
"""


class _Source:
    """Builds the typst source of one chunk from lazily formatted pieces."""

    def __init__(self) -> None:
        self.pieces: list[tuple[Callable[[Any], str], Any]] = []

    def add(self, fn: Callable[[Any], str], obj: Any = None) -> None:
        self.pieces.append((fn, obj))

    def text(self, preamble: str) -> bytes:
        return (preamble + "\n".join(fn(obj) for fn, obj in self.pieces)).encode("utf-8")


class PdfWriter:
    def __init__(self, report: Report, system_fonts: bool = False) -> None:
        self.report = report
        self.q = Escaper()
        self.system_fonts = system_fonts
        self.pages = 0
        self.sections: list[tuple[str, int]] = []   # bookmarks: (title, first page index)

    # ----- sections as typst ----------------------------------------------------------

    def _preamble(self) -> str:
        paper = PAPERS.get(self.report.options.paper, "a4")
        return (PREAMBLE.replace("FINGERPRINT", self.q(self.report.fingerprint))
                .replace("PAPER", f'"{paper}"')
                + f"\n#counter(page).update({self.pages + 1})\n")

    def _cover(self, _: Any) -> str:
        c = self.report.cover
        q = self.q
        counts = ", ".join(f"[{k}], [{v}]" for k, v in c.counts.items())
        people = " \\ ".join(f"#{q(p)}" for p in c.people) or "none"
        filters = "".join(f"- #{q(f)}\n" for f in c.filters)
        return f"""
#block(above: 2.5cm)[#text(24pt, weight: "bold")[Evidence report]]
#text(12pt)[Stalking and harassment: a chronology of the records, with their sources]
#v(1.2cm)
#table(columns: (4.2cm, 1fr), stroke: none, inset: (x: 0pt, y: 4pt),
  table.header([*Item*], [*Detail*]),
  [About], [#{q(c.subject_name)}],
  [Period], [#{q(c.period)} (times in {q(c.tz)[1:-1]})],
  [People reported], [{people}],
  [Prepared on], [#{q(c.prepared_on)}],
  [SafeCase version], [#{q(c.version)}],
  [Case fingerprint], [#mono({q(c.fingerprint)}) \\ #muted[ledger head after entry {c.ledger_seq}; the bundle's ledger.jsonl ends with this hash]],
)
#v(0.4cm)
#table(columns: (auto, auto), inset: 5pt, stroke: 0.4pt + luma(160),
  table.header([*Records in this report*], [*Count*]), {counts})
{filters}
"""

    def _summary(self, s: Any) -> str:
        q = self.q
        nums = ", ".join(f"[#{q(k)}], [#{q(v)}]" for k, v in s.numbers)
        coc = "".join(f"- #{q(x)}\n" for x in s.course_of_conduct) or \
            "#muted[No assessment module output in this build; the key numbers above are " \
            "counted directly from the records.]\n"
        four = ""
        if s.four:
            four = "#table(columns: (3cm, 1fr), inset: 4pt, stroke: 0.4pt + luma(170), " \
                   "table.header([*FOUR*], [*What the records show*]), " + ", ".join(
                       f"[#{q(k)}], [#{q(v)}]" for k, v in s.four) + ")\n"
        quotes = "".join(
            f"#quote-box[#muted[{q(x.when)[1:-1]} · {q(x.when_utc)[1:-1]} · {q(x.channel)[1:-1]} · "
            f"event {x.event_id} · from #{q(x.sender)} · confirmed: #{q(', '.join(x.signals))}] \\ "
            f"#{q(x.text)}]\n" for x in s.quotes) or "#muted[No message from this person has " \
            "a flag the person confirmed.]\n"
        return f"""
= Summary: #{q(s.name)} (person {s.id})
#muted[Numbers and accounts: #{q(', '.join(s.identities))}]
== Key numbers
#table(columns: (6cm, 1fr), inset: 4pt, stroke: 0.4pt + luma(170),
  table.header([*Measure*], [*Value*]), {nums})
== Course of conduct
{coc}{four}
== The most serious confirmed messages, quoted exactly
{quotes}"""

    def _chart(self, ch: Any) -> str:
        q = self.q
        cols = len(ch.columns)
        head = ", ".join(f"[*#{q(c)}*]" for c in ch.columns)
        cells = ", ".join(f"[#{q(v)}]" for row in ch.rows for v in row)
        size = "5.5pt" if cols > 8 else "7.5pt"
        table = (f"#text(size: {size})[#table(columns: {cols}, inset: 2.5pt, "
                 f"stroke: 0.3pt + luma(170), table.header({head}){', ' + cells if cells else ''})]")
        img = f"#image(bytes({q(ch.svg)}), alt: {q(ch.alt)}, width: 100%)"
        head = f"== #{q(ch.title)}\n#muted[#{q(ch.alt)}]\n"
        if cols <= 4 and len(ch.rows) <= 16:
            return (f"#block(breakable: false)[{head}#grid(columns: (1.7fr, 1fr), gutter: 10pt,"
                    f" [{img}], [{table}])]\n")
        # The heading stays with its chart; a long data table may run on to the next page.
        return f"#block(breakable: false)[{head}{img}]\n#muted[Data behind the chart:]\n{table}\n"

    def _incident(self, i: Any) -> str:
        q = self.q
        det = "(" + ", ".join(f"({q(k)}, {q(v)})" for k, v in i.details) + ",)" \
            if i.details else "()"
        return (f"#e({i.event_id}, {q(i.when)}, {q(i.when_utc)}, "
                f"{q(i.kind + ' · ' + i.channel)}, {q(i.sender)}, quote-box({q(i.text)}), "
                f"{q.arr(i.confirmed)}, (), {q.arr(i.exhibits)}, {det})")

    def _log_row(self, r: Any) -> str:
        q = self.q
        det = "(" + ", ".join(f"({q(k)}, {q(v)})" for k, v in r.details) + ",)" \
            if r.details else "()"
        return (f"#e({r.event_id}, {q(r.when)}, {q(r.when_utc)}, "
                f"{q(r.channel + ' · ' + r.kind + ' · ' + r.direction)}, {q(r.party)}, "
                f"{q(r.text)}, {q.arr(r.confirmed)}, {q.arr(r.suggested)}, "
                f"{q.arr(r.exhibits)}, {det})")

    def _exhibit(self, pair: Any) -> str:
        x, thumb = pair
        q = self.q
        fields = (f"#text(weight: \"bold\")[{x.ref}] #{q(x.name)} \\ "
                  f"#muted[#{q(x.type)} · {x.size} bytes ({q(x.size_text)[1:-1]}) · "
                  f"added {x.added}] \\ SHA-256: #mono({q(x.sha256)}) \\ #muted[#{q(x.origin)}]")
        if thumb:
            svg = (f'<svg xmlns="http://www.w3.org/2000/svg" '
                   f'xmlns:xlink="http://www.w3.org/1999/xlink" width="{thumb[1]}" '
                   f'height="{thumb[2]}"><image width="{thumb[1]}" height="{thumb[2]}" '
                   f'xlink:href="data:image/jpeg;base64,{base64.b64encode(thumb[0]).decode()}"/>'
                   f"</svg>")
            img = (f"#image(bytes({q(svg)}), alt: {q('Thumbnail of exhibit ' + x.ref)}, "
                   f"width: 2.6cm)")
            return (f"#block(breakable: false, above: 0.6em)[#grid(columns: (2.8cm, 1fr), "
                    f"gutter: 8pt, [{img}], [{fields}])]")
        return f"#block(breakable: false, above: 0.6em)[{fields}]"

    def _custody(self, c: Any) -> str:
        q = self.q
        return (f"#block(above: 0.3em, below: 0.3em)[#text(weight: \"bold\")[{c.seq}] "
                f"#mono({q(c.at)}) #{q(c.action)} #muted[#{q(c.subject)}] \\ "
                f"#mono({q(c.hash)}, size: 6.5pt)]")

    def _method(self, _: Any) -> str:
        q = self.q
        parts = ["= Method and limits"]
        for title, paras in method.sections(self.report):
            parts.append(f"== {title}")
            parts += [f"#{q(p)}\n" for p in paras]
        return "\n".join(parts)

    # ----- chunks ---------------------------------------------------------------------

    def _chunks(self) -> Iterator[tuple[_Source, list[str]]]:
        r = self.report
        src = _Source()
        src.add(self._cover)
        titles = ["Cover"]
        for s in r.summaries:
            src.add(self._summary, s)
        if r.summaries:
            titles.append("Summary")
        src.add(lambda _: "= Charts\n#muted[Each chart is followed by the numbers it "
                          "is drawn from.]")
        for ch in draw_charts(r):
            src.add(self._chart, ch)
        titles.append("Charts")
        src.add(lambda _: "= Key incidents\n#muted[Events with a flag the person confirmed, "
                          "quoted exactly, and the incidents the person recorded.]")
        for i in r.incidents:
            src.add(self._incident, i)
        if not r.incidents:
            src.add(lambda _: "#muted[None in scope.]")
        titles.append("Key incidents")
        yield src, titles

        yield from self._streamed(
            "Chronological log",
            "#muted[Every event in scope, oldest first. Local time first, UTC in brackets. "
            "Text is exact. Confirmed flags are marked apart from the tool's suggestions.]",
            r.log_rows(), self._log_row, LOG_ROWS_PER_CHUNK)
        yield from self._streamed(
            "Exhibits index",
            "#muted[Every source file (S) and exhibit (X), with its SHA-256. The bundle holds "
            "each one byte-exact under data/.]",
            ((x, self._thumb(x)) for x in r.exhibit_rows()), self._exhibit, EXHIBITS_PER_CHUNK)
        yield from self._streamed(
            "Custody log",
            "#muted[The custody ledger: every import, entry, review and export, hash-chained. "
            "Sequence, UTC time, action, subject, entry hash.]",
            r.custody_rows(), self._custody, CUSTODY_PER_CHUNK, last=self._method)

    def _thumb(self, x: Any) -> tuple[bytes, int, int] | None:
        if not x.is_image or x.exhibit_id is None:
            return None
        data = self.report.thumbnail(x.exhibit_id)
        if not data:
            return None
        from PIL import Image

        with Image.open(io.BytesIO(data)) as im:
            return data, im.width, im.height

    def _streamed(self, title: str, intro: str, items: Iterable[Any],
                  fn: Callable[[Any], str], per_chunk: int,
                  last: Callable[[Any], str] | None = None
                  ) -> Iterator[tuple[_Source, list[str]]]:
        src = _Source()
        src.add(lambda _: f"= {title}\n{intro}\n")
        titles = [title]
        n = 0
        for item in items:
            if n and n % per_chunk == 0:
                yield src, titles
                src, titles = _Source(), []
                src.add(lambda _: "#pagebreak(weak: true)")
            src.add(fn, item)
            n += 1
        if n == 0:
            src.add(lambda _: "#muted[None.]")
        if last is not None:
            src.add(last)
            titles.append("Method and limits")
        yield src, titles

    def _compile(self, src: _Source) -> bytes:
        for _attempt in range(50):
            pdf, err = _compile_in_child(src.text(self._preamble()), STANDARDS,
                                         self.system_fonts)
            if pdf:
                return pdf
            m = _MISSING.search(err)
            if not m:
                raise ReportBuildError(f"the PDF could not be laid out: {err}")
            # Learn which characters no font draws; name them and try again.
            text = m.group(1).encode("utf-8").decode("unicode_escape", "ignore") \
                if "\\u" in m.group(1) else m.group(1)
            new = {c for c in text if not c.isspace()} - self.q.missing
            if not new:
                raise ReportBuildError(f"the PDF could not be laid out: {err}")
            self.q.missing |= new
        raise ReportBuildError("the PDF could not be laid out: too many missing glyphs")

    def write(self, out: Path | IO[bytes]) -> int:
        """Writes the PDF to a path or a binary stream; returns its page count."""
        import pikepdf

        self.report.begin_render()
        merged: pikepdf.Pdf | None = None
        for src, titles in self._chunks():
            pdf = self._compile(src)
            part = pikepdf.open(io.BytesIO(pdf))
            for t in titles:
                self.sections.append((t, self.pages))
            if merged is None:
                merged = part
            else:
                _append_tagged(merged, part)
            self.pages = len(merged.pages)
        assert merged is not None
        with merged.open_outline() as outline:
            outline.root.clear()
            for title, page in self.sections:
                outline.root.append(pikepdf.OutlineItem(title, page))
        merged.save(out, linearize=False)
        return self.pages


def _compile_in_child(source: bytes, standards: list[str], system_fonts: bool
                      ) -> tuple[bytes, str]:
    """Runs the typst worker in a fresh interpreter, source in and PDF out over pipes."""
    import safecase

    env = dict(os.environ)
    pkg_root = str(Path(safecase.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [pkg_root, env.get("PYTHONPATH")]))
    header = f"{','.join(standards)}\n{'1' if system_fonts else '0'}\n".encode()
    proc = subprocess.run([sys.executable, "-m", "safecase.report._typst_worker"],
                          input=header + source, capture_output=True, env=env, check=False)
    if proc.stdout.startswith(b"OK\n"):
        return proc.stdout[3:], ""
    if proc.stdout.startswith(b"ERR\n"):
        return b"", proc.stdout[4:].decode("utf-8", "replace")
    tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
    raise ReportBuildError(f"the PDF compiler stopped (exit {proc.returncode}): {tail[0]}")


def _number_tree_pairs(node: Any) -> Iterator[tuple[int, Any]]:
    if "/Nums" in node:
        nums = node.Nums
        for i in range(0, len(nums), 2):
            yield int(nums[i]), nums[i + 1]
    for kid in node.get("/Kids", []):
        yield from _number_tree_pairs(kid)


def _copy(main: Any, obj: Any) -> Any:
    """Copies an object from another PDF; direct containers are copied element by element
    (QPDF copies only indirect objects, each once, so shared references stay shared)."""
    import pikepdf

    if isinstance(obj, pikepdf.Object) and obj.is_indirect:
        return main.copy_foreign(obj)
    if isinstance(obj, pikepdf.Array):
        return pikepdf.Array([_copy(main, x) for x in obj])
    if isinstance(obj, pikepdf.Dictionary):
        return pikepdf.Dictionary({k: _copy(main, v) for k, v in obj.items()})
    return obj


def _append_tagged(main: Any, part: Any) -> None:
    """Appends ``part``'s pages to ``main`` and grafts its structure tree under main's
    document element, renumbering the parent-tree keys so every tag still finds its page."""
    import pikepdf

    mroot = main.Root.StructTreeRoot
    proot = part.Root.StructTreeRoot
    offset = int(mroot.get("/ParentTreeNextKey", 0))
    pairs = list(_number_tree_pairs(proot.ParentTree))
    for page in part.pages:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annot in page.obj.get("/Annots", []):
            if "/StructParent" in annot:
                annot.StructParent = int(annot.StructParent) + offset
    main.pages.extend(part.pages)
    # Copy the tree after the pages so /Pg references resolve to the copied pages.
    kids = proot.K if isinstance(proot.K, pikepdf.Array) else pikepdf.Array([proot.K])
    copied = _copy(main, kids)
    mkids = mroot.K if isinstance(mroot.K, pikepdf.Array) else pikepdf.Array([mroot.K])
    doc = mkids[0]
    # Typst's tree has one Document element; its children join main's Document element.
    target = doc if doc.get("/S") == "/Document" else mroot
    tkids = target.K if isinstance(target.get("/K"), pikepdf.Array) else \
        pikepdf.Array([target.K]) if "/K" in target else pikepdf.Array()
    for kid in copied:
        inner = kid.K if kid.get("/S") == "/Document" else [kid]
        inner = inner if isinstance(inner, pikepdf.Array | list) else [inner]
        for el in inner:
            if isinstance(el, pikepdf.Dictionary):
                el.P = target
            tkids.append(el)
    target.K = tkids
    nums = pikepdf.Array()
    for k, v in _number_tree_pairs(mroot.ParentTree):
        nums.append(k)
        nums.append(v)
    for k, v in pairs:
        nums.append(k + offset)
        nums.append(_copy(main, v))
    mroot.ParentTree = main.make_indirect(pikepdf.Dictionary(Nums=nums))
    mroot.ParentTreeNextKey = offset + int(proot.get("/ParentTreeNextKey", 0))
    for key in ("/RoleMap", "/ClassMap"):
        if key in proot:
            if key not in mroot:
                mroot[key] = pikepdf.Dictionary()
            for k, v in proot[key].items():
                if k not in mroot[key]:
                    mroot[key][k] = _copy(main, v)


def render_pdf(report: Report, out: Path | str | IO[bytes]) -> int:
    """Writes the report as a tagged PDF (to a path or a binary stream); returns the page
    count."""
    target = out if hasattr(out, "write") else Path(out)  # type: ignore[arg-type]
    return PdfWriter(report, report.options.system_fonts).write(target)  # type: ignore[arg-type]
