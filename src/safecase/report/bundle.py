"""The evidence bundle: a BagIt package (RFC 8493) in a zip, checkable with standard tools.

Layout (BAG is the zip's one top-level folder):

    BAG/bagit.txt                 BagIt version and encoding
    BAG/bag-info.txt              who prepared it, when, SafeCase version, case fingerprint
    BAG/manifest-sha256.txt       SHA-256 of every file under data/ ("HASH  data/...")
    BAG/tagmanifest-sha256.txt    SHA-256 of the tag files above
    BAG/data/report.pdf           the evidence report
    BAG/data/events.jsonl         every event, with its stored fields and content hash
    BAG/data/ledger.jsonl         the custody ledger up to the case fingerprint
    BAG/data/sources.jsonl        index of the original source files
    BAG/data/exhibits.jsonl       index of the exhibits
    BAG/data/sources/S<id>-<name> original source files, decrypted, byte-exact
    BAG/data/exhibits/X<id>-<name> exhibits, byte-exact
    BAG/data/redactions.json      only when redaction rules were applied

Everything is streamed straight into the zip at the output path (no plaintext temp files);
the manifests are written last from the hashes taken on the way. With redaction, text
sources are copied with the rules applied, images are kept (their pixels are not
redacted), and other binary files are withheld and listed in redactions.json.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import os
import re
import threading
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from safecase import __version__
from safecase.errors import UserError
from safecase.report.bundle_verify import BundleVerifyReport, verify_bundle
from safecase.report.model import Report
from safecase.report.pdf import render_pdf
from safecase.store import ledger
from safecase.store.eventrows import HASHED_COLUMNS

STORED_TYPES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".mp4", ".mov", ".m4a",
                ".zip", ".gz", ".pdf", ".mp3", ".ogg", ".opus")
MAX_PASSPHRASE_BUNDLE = 2 * 1024**3
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

__all__ = ["BundleResult", "BundleVerifyReport", "verify_bundle", "write_bundle"]


def safe_name(prefix: str, name: str) -> str:
    """A file name that is the same on every system and needs no escaping in a manifest."""
    base = _UNSAFE.sub("_", os.path.basename(name)).strip("._") or "file"
    return f"{prefix}-{base[:80]}"


class _HashingZipWriter:
    """Writes zip members while hashing them; remembers each data file's SHA-256."""

    def __init__(self, zf: zipfile.ZipFile, bag: str) -> None:
        self.zf = zf
        self.bag = bag
        self.hashes: dict[str, str] = {}

    def write_stream(self, rel: str, chunks: Iterator[bytes]) -> tuple[str, int]:
        compress = zipfile.ZIP_STORED if rel.lower().endswith(STORED_TYPES) \
            else zipfile.ZIP_DEFLATED
        info = zipfile.ZipInfo(f"{self.bag}/{rel}", date_time=_zip_time())
        info.compress_type = compress
        info.external_attr = 0o644 << 16
        digest = hashlib.sha256()
        size = 0
        with self.zf.open(info, "w", force_zip64=True) as out:
            for chunk in chunks:
                digest.update(chunk)
                size += len(chunk)
                out.write(chunk)
        self.hashes[rel] = digest.hexdigest()
        return self.hashes[rel], size

    def write_bytes(self, rel: str, data: bytes) -> str:
        return self.write_stream(rel, iter([data]))[0]


def _zip_time() -> tuple[int, int, int, int, int, int]:
    now = datetime.now(UTC)
    return (now.year, now.month, now.day, now.hour, now.minute, now.second)


def _lines(items: Iterator[dict[str, Any]], size: int = 1 << 20) -> Iterator[bytes]:
    """JSON lines, batched into chunks of about ``size`` bytes."""
    buf: list[bytes] = []
    n = 0
    for item in items:
        line = (json.dumps(item, ensure_ascii=False) + "\n").encode("utf-8")
        buf.append(line)
        n += len(line)
        if n >= size:
            yield b"".join(buf)
            buf, n = [], 0
    if buf:
        yield b"".join(buf)


@dataclass
class BundleResult:
    path: Path
    sha256: str
    size: int
    files: int
    fingerprint: str
    withheld: list[str] = field(default_factory=list)


class BundleWriter:
    def __init__(self, report: Report, prepared_by: str | None = None,
                 report_pdf: Path | None = None) -> None:
        self.report = report
        self.report_pdf = report_pdf
        self.report_fingerprint = report.fingerprint
        self.case = report.case
        self.redactor = report.redactor
        self.prepared_by = prepared_by
        self.withheld: list[dict[str, Any]] = []
        self.redacted_files: list[dict[str, Any]] = []

    # ----- data files ------------------------------------------------------------------

    def _events(self) -> Iterator[dict[str, Any]]:
        """Every event (superseded versions too), with its stored fields and content hash,
        so a reader can recompute each hash and match it to the custody ledger."""
        from safecase.store.queries import iter_events

        cols = ", ".join(HASHED_COLUMNS)
        batch: list[dict[str, Any]] = []

        def flush() -> Iterator[dict[str, Any]]:
            ids = [e["id"] for e in batch]
            marks = ",".join("?" * len(ids))
            stored = {r[0]: r[1:] for r in self.case.db.execute(
                f"SELECT id, {cols}, content_hash, import_id FROM events WHERE id IN ({marks})",
                ids)}
            for ev in batch:
                row = stored[ev["id"]]
                ev["stored"] = list(row[:len(HASHED_COLUMNS)])
                ev["content_hash"] = row[len(HASHED_COLUMNS)]
                ev["import"] = row[len(HASHED_COLUMNS) + 1]
                yield self._redact_event(ev)
            batch.clear()

        for ev in iter_events(self.case, include_superseded=True):
            batch.append(ev)
            if len(batch) >= 1000:
                yield from flush()
        if batch:
            yield from flush()

    def _redact_event(self, ev: dict[str, Any]) -> dict[str, Any]:
        if not self.redactor:
            return ev
        before = json.dumps(ev, ensure_ascii=False)
        after = self.redactor.text(before)
        if after == before:
            return ev
        # Masking inside the JSON text keeps every field in place; the masks contain no
        # characters that need escaping, so the result is still valid JSON.
        out: dict[str, Any] = json.loads(after)
        out["redacted"] = True
        return out

    def _ledger(self) -> Iterator[dict[str, Any]]:
        for e in ledger.entries(self.case.db):
            if e.seq > self.report.seq:
                break
            payload = e.payload
            item: dict[str, Any] = {"seq": e.seq, "at": e.at, "action": e.action,
                                    "subject": e.subject, "payload": payload,
                                    "payload_sha256": e.payload_sha256,
                                    "prev_hash": e.prev_hash, "hash": e.hash}
            if self.redactor:
                masked = self.redactor.text(payload)
                subject = self.redactor.text(e.subject)
                if masked != payload or subject != e.subject:
                    item["payload"], item["subject"], item["redacted"] = masked, subject, True
            yield item

    def _is_text(self, chunks: Iterator[bytes]) -> bool:
        dec = codecs.getincrementaldecoder("utf-8")()
        try:
            for c in chunks:
                if b"\x00" in c:
                    return False
                dec.decode(c)
            dec.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
        return True

    def _redacted_lines(self, chunks: Iterator[bytes]) -> Iterator[bytes]:
        dec = codecs.getincrementaldecoder("utf-8")()
        pending = ""
        for c in chunks:
            pending += dec.decode(c)
            head, sep, pending = pending.rpartition("\n")
            if sep:
                yield self.redactor.text(head + sep).encode("utf-8")
        pending += dec.decode(b"", final=True)
        if pending:
            yield self.redactor.text(pending).encode("utf-8")

    def _copy_file(self, zw: Any, rel: str, what: str, sha: str,
                   mime: str | None, chunks: Any) -> str | None:
        """Copies one original into the bag (redacted when rules apply); returns its path in
        the bag, or None when it had to be withheld."""
        if not self.redactor:
            zw.write_stream(rel, chunks())
            return rel
        if self._is_text(chunks()):
            got, _ = zw.write_stream(rel, self._redacted_lines(chunks()))
            if got != sha:
                self.redacted_files.append({"file": f"data/{rel}", "original_sha256": sha,
                                            "sha256": got})
            return rel
        is_image = bool(mime and mime.startswith("image/"))
        if is_image and not any(self.redactor.bytes_hit(c) for c in chunks()):
            zw.write_stream(rel, chunks())
            return rel
        self.withheld.append({"what": what, "sha256": sha,
                              "why": "binary file that redaction rules cannot be applied to"})
        return None

    def _sources(self, zw: Any) -> Iterator[dict[str, Any]]:
        rows = self.case.db.execute(
            "SELECT id, sha256, size, name, member, importer, importer_version, imported_at,"
            " import_id FROM sources ORDER BY id").fetchall()
        for sid, sha, size, name, member, imp, ver, at, import_id in rows:
            rel = f"sources/{safe_name(f'S{sid}', name)}"
            path = self._copy_file(zw, rel, f"source S{sid}", sha, None,
                                   lambda sid=sid: self.case.read_source(sid))
            yield {"id": f"S{sid}", "name": self.redactor.text(name),
                   "member": self.redactor(member), "sha256": sha, "size": size,
                   "importer": imp, "importer_version": ver, "imported_at": at,
                   "import": import_id, "path": f"data/{path}" if path else None}

    def _exhibits(self, zw: Any) -> Iterator[dict[str, Any]]:
        cur = self.case.db.execute(
            "SELECT id, sha256, size, name, mime, kind, blob, source_id, derived_from, added_at"
            " FROM exhibits ORDER BY id")
        while rows := cur.fetchmany(200):
            for xid, sha, size, name, mime, kind, blob, src, derived, at in rows:
                rel = f"exhibits/{safe_name(f'X{xid}', name)}"
                path = self._copy_file(zw, rel, f"exhibit X{xid}", sha, mime,
                                       lambda blob=blob: self.case.blobs.chunks(blob))
                yield {"id": f"X{xid}", "name": self.redactor.text(name), "mime": mime,
                       "kind": kind, "sha256": sha, "size": size,
                       "source": f"S{src}" if src else None,
                       "derived_from": f"X{derived}" if derived else None, "added_at": at,
                       "path": f"data/{path}" if path else None}

    # ----- the bag -----------------------------------------------------------------------

    def write_zip(self, out: Any, bag: str) -> int:
        """Writes the whole bag into ``out``; returns the number of files in it."""
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6,
                             allowZip64=True) as zf:
            zw = _HashingZipWriter(zf, bag)
            if self.report_pdf is not None:
                zw.write_stream("data/report.pdf", _file_chunks(self.report_pdf))
            else:
                pdf = io.BytesIO()
                render_pdf(self.report, pdf)
                zw.write_bytes("data/report.pdf", pdf.getvalue())
                del pdf
            sources = list(self._sources(_Prefixed(zw, "data/")))
            zw.write_stream("data/sources.jsonl", _lines(iter(sources)))
            exhibits = list(self._exhibits(_Prefixed(zw, "data/")))
            zw.write_stream("data/exhibits.jsonl", _lines(iter(exhibits)))
            del sources, exhibits
            zw.write_stream("data/events.jsonl", _lines(self._events()))
            zw.write_stream("data/ledger.jsonl", _lines(self._ledger()))
            if self.redactor:
                zw.write_bytes("data/redactions.json", json.dumps({
                    "rules": self.redactor.summary(),
                    "note": "Masked places read [REDACTED n]; the values are not recorded. "
                            "Counts cover every file in this bundle.",
                    "redacted_files": self.redacted_files, "withheld": self.withheld},
                    ensure_ascii=False, indent=2).encode("utf-8"))
            manifest = "".join(f"{h}  {p}\n" for p, h in sorted(zw.hashes.items()))
            n_data = len(zw.hashes)
            payload_bytes = sum(i.file_size for i in zf.infolist())
            tags = {
                "bagit.txt": "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n",
                "bag-info.txt": "".join(f"{k}: {v}\n" for k, v in (
                    ("Source-Organization", "SafeCase (local, offline)"),
                    ("Contact-Name", self.prepared_by or "the person who keeps this case"),
                    ("Bagging-Date", datetime.now(UTC).strftime("%Y-%m-%d")),
                    ("Bagging-Time-UTC", datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")),
                    ("Bag-Software-Agent", f"SafeCase {__version__}"),
                    ("Payload-Oxum", f"{payload_bytes}.{n_data}"),
                    ("External-Identifier", f"case-fingerprint:{self.report.fingerprint}"),
                    ("SafeCase-Case-Fingerprint", self.report.fingerprint),
                    ("SafeCase-Report-Fingerprint", self.report_fingerprint),
                    ("SafeCase-Ledger-Entries", str(self.report.seq)),
                    ("SafeCase-Redaction-Rules", str(len(self.redactor.rules))),
                    ("SafeCase-Withheld-Files", str(len(self.withheld))),
                )),
                "manifest-sha256.txt": manifest,
            }
            tag_hashes = {name: zw.write_bytes(name, text.encode("utf-8"))
                          for name, text in tags.items()}
            zw.write_bytes("tagmanifest-sha256.txt", "".join(
                f"{h}  {p}\n" for p, h in sorted(tag_hashes.items())).encode("utf-8"))
            return n_data + len(tags) + 1


def _file_chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            yield chunk


# Ledger actions that add no evidence: a report made before them is still current.
_OUTPUT_ACTIONS = ("report", "export", "bundle")


def _check_report_current(report: Report, pdf: Path) -> str:
    """The fingerprint of an existing report PDF, if nothing but outputs came after it."""
    from safecase.report.pdf import pdf_fingerprint

    fp = pdf_fingerprint(pdf)
    if fp is None:
        raise UserError(f"{pdf}: not a SafeCase report (no case fingerprint in it)")
    after = None
    for e in ledger.entries(report.case.db):
        if after is not None and e.action not in _OUTPUT_ACTIONS:
            raise UserError(f"{pdf}: made before later changes to the case (ledger entry "
                            f"{e.seq}, {e.action}); leave out --report to make a fresh one")
        if e.hash == fp:
            after = e.seq
    if after is None:
        raise UserError(f"{pdf}: its case fingerprint is not in this case's custody ledger")
    return fp


class _Prefixed:
    """Lets the source/exhibit copiers write under data/ with short relative names."""

    def __init__(self, zw: _HashingZipWriter, prefix: str) -> None:
        self.zw, self.prefix = zw, prefix

    def write_stream(self, rel: str, chunks: Iterator[bytes]) -> tuple[str, int]:
        return self.zw.write_stream(self.prefix + rel, chunks)


def _bag_name(out: Path) -> str:
    name = out.name
    for suffix in (".age", ".zip"):
        name = name.removesuffix(suffix)
    return _UNSAFE.sub("_", name).strip("._") or "case-bundle"


def write_bundle(report: Report, out: Path | str, *, encrypt_to: str | None = None,
                 passphrase: str | None = None, prepared_by: str | None = None,
                 report_pdf: Path | None = None) -> BundleResult:
    """Writes the bundle (optionally age-encrypted) and records it in the custody ledger.

    ``report_pdf``: put this already-made report in the bundle instead of making a new
    one; it must carry a fingerprint from this case's ledger with no new evidence since."""
    out = Path(out)
    if report_pdf is not None and report.redactor:
        raise UserError("--report cannot be combined with --redact: the bundle makes its own "
                        "redacted report")
    if encrypt_to and passphrase:
        raise UserError("choose --encrypt-to or --passphrase, not both")
    if out.exists() and out.is_dir():
        raise UserError(f"{out}: is a folder; give a file name such as case-bundle.zip")
    writer = BundleWriter(report, prepared_by, report_pdf)
    if report_pdf is not None:
        writer.report_fingerprint = _check_report_current(report, report_pdf)
    bag = _bag_name(out)
    partial = out.with_name(out.name + ".partial")
    try:
        with open(partial, "wb") as fh:
            if encrypt_to:
                files = _write_age_recipient(writer, bag, fh, encrypt_to)
            elif passphrase:
                files = _write_age_passphrase(writer, bag, fh, passphrase)
            else:
                files = writer.write_zip(fh, bag)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, out)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    digest = hashlib.sha256()
    with open(out, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    size = out.stat().st_size
    case = report.case
    with case.transaction():
        case.record("bundle", f"bundle:{out.name}", {
            "file": out.name, "sha256": digest.hexdigest(), "size": size,
            "case_fingerprint": report.fingerprint, "ledger_seq": report.seq,
            "encrypted": "age-recipient" if encrypt_to else "age-passphrase" if passphrase
            else None, "redaction": report.redactor.summary(),
            "withheld": len(writer.withheld)})
    return BundleResult(out, digest.hexdigest(), size, files, report.fingerprint,
                        [w["what"] for w in writer.withheld])


def _write_age_recipient(writer: BundleWriter, bag: str, fh: IO[bytes], key: str) -> int:
    """Streams the zip through age to the output: zip → pipe → age → file."""
    import pyrage

    try:
        recipient = pyrage.x25519.Recipient.from_str(key.strip())
    except Exception:
        raise UserError(f"--encrypt-to: {key!r} is not an age public key (age1...)") from None
    r_fd, w_fd = os.pipe()
    result: dict[str, Any] = {}

    def produce() -> None:
        try:
            with os.fdopen(w_fd, "wb") as pipe_out:
                result["files"] = writer.write_zip(_Unseekable(pipe_out), bag)
        except BaseException as err:  # handed to the main thread
            result["error"] = err

    thread = threading.Thread(target=produce, daemon=True)
    thread.start()
    with os.fdopen(r_fd, "rb") as pipe_in:
        pyrage.encrypt_io(pipe_in, fh, [recipient])
    thread.join()
    if "error" in result:
        raise result["error"]
    return int(result["files"])


def _write_age_passphrase(writer: BundleWriter, bag: str, fh: IO[bytes], secret: str) -> int:
    """age passphrase mode has no streaming interface in pyrage: the zip is built in memory
    (up to a limit) and encrypted in one go."""
    import pyrage

    buf = io.BytesIO()
    files = writer.write_zip(buf, bag)
    if buf.tell() > MAX_PASSPHRASE_BUNDLE:
        raise UserError("the bundle is larger than 2 GiB; encrypt it to an age public key "
                        "(--encrypt-to) instead of a passphrase")
    fh.write(pyrage.passphrase.encrypt(buf.getvalue(), secret))
    return files


class _Unseekable(io.RawIOBase):
    """A write-only stream that says it cannot seek, so zipfile writes data descriptors."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.pos = 0

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def write(self, b: Any) -> int:
        n = self.raw.write(b)
        self.pos += len(b)
        return n if n is not None else len(b)

    def tell(self) -> int:
        return self.pos

    def flush(self) -> None:
        self.raw.flush()
