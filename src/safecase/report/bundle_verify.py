"""Verifying a bundle: every hash, the BagIt structure, the ledger chain, the events.

Problems are listed most specific first: a changed events.jsonl line is named by its line
number before the manifest line that names the whole file. An encrypted bundle is
decrypted in memory with the identity file in ``SAFECASE_BUNDLE_IDENTITY`` (or the
``identity`` argument) or the passphrase in ``SAFECASE_BUNDLE_PASSPHRASE``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
import zlib
from collections import defaultdict
from pathlib import Path
from typing import IO, Any

from safecase.errors import UserError
from safecase.store import ledger
from safecase.store.eventrows import content_hash
from safecase.store.verify import VerifyReport

AGE_MAGIC = b"age-encryption.org/v1"
# Fields of an events.jsonl line that must equal the stored (hashed) columns.
_SHOWN = {"kind": 0, "channel": 1, "direction": 2, "ts_ms": 3, "raw_time": 4, "sender": 6,
          "sender_name": 7, "text": 9, "duration_s": 10, "call_status": 11, "subject": 12}


# A bundle's verification reads like a case's: same counts, same first-problem-first list.
BundleVerifyReport = VerifyReport


def _open_bundle(path: Path, identity: Path | None, passphrase: str | None) -> IO[bytes]:
    with open(path, "rb") as fh:
        magic = fh.read(len(AGE_MAGIC))
    if magic != AGE_MAGIC:
        return open(path, "rb")
    import pyrage

    identity = identity or (Path(os.environ["SAFECASE_BUNDLE_IDENTITY"])
                            if os.environ.get("SAFECASE_BUNDLE_IDENTITY") else None)
    passphrase = passphrase or os.environ.get("SAFECASE_BUNDLE_PASSPHRASE")
    if identity is not None:
        try:
            keys = [ln.strip() for ln in identity.read_text().splitlines()
                    if ln.strip().startswith("AGE-SECRET-KEY-")]
            ids = [pyrage.x25519.Identity.from_str(k) for k in keys]
        except (OSError, ValueError, pyrage.IdentityError):
            raise UserError(f"{identity}: not an age identity file") from None
        out = io.BytesIO()
        try:
            with open(path, "rb") as fh:
                pyrage.decrypt_io(fh, out, ids)
        except pyrage.DecryptError:
            raise UserError(f"{path}: this identity cannot decrypt the bundle") from None
        out.seek(0)
        return out
    if passphrase:
        try:
            data = pyrage.passphrase.decrypt(path.read_bytes(), passphrase)
        except pyrage.DecryptError:
            raise UserError(f"{path}: wrong passphrase for this bundle") from None
        return io.BytesIO(data)
    raise UserError(f"{path}: the bundle is encrypted; set SAFECASE_BUNDLE_PASSPHRASE or "
                    "SAFECASE_BUNDLE_IDENTITY (an age identity file)")


def _sha256(zf: zipfile.ZipFile, name: str) -> str:
    """The member's SHA-256, or a description of why it cannot be read."""
    digest = hashlib.sha256()
    try:
        with zf.open(name) as fh:
            while chunk := fh.read(1 << 20):
                digest.update(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as err:
        return f"unreadable ({err})"
    return digest.hexdigest()


def _read_manifest(zf: zipfile.ZipFile, name: str, rep: BundleVerifyReport
                   ) -> dict[str, tuple[str, int]]:
    entries: dict[str, tuple[str, int]] = {}
    short = name.split("/", 1)[1]
    try:
        text = zf.read(name).decode("utf-8")
    except KeyError:
        rep.problems.append(f"{short}: missing")
        return entries
    for n, line in enumerate(text.splitlines(), 1):
        parts = line.split(None, 1)
        if len(parts) != 2 or len(parts[0]) != 64:
            rep.problems.append(f"{short} line {n}: not a 'SHA256 path' line")
            continue
        entries[parts[1].strip().lstrip("*")] = (parts[0].lower(), n)
    return entries


class _Checker:
    def __init__(self, zf: zipfile.ZipFile, rep: BundleVerifyReport) -> None:
        self.zf = zf
        self.rep = rep
        self.first: list[str] = []   # specific problems (a line) go before file-level ones
        names = [i.filename for i in zf.infolist() if not i.is_dir()]
        tops = {n.split("/", 1)[0] for n in names}
        if len(tops) != 1 or any("/" not in n for n in names):
            raise UserError("not a SafeCase bundle: the zip must hold one bag folder")
        self.bag = tops.pop()
        self.files = {n.split("/", 1)[1] for n in names}
        for n in self.files:
            if n.startswith("/") or ".." in n.split("/"):
                rep.problems.append(f"{n}: unsafe path in the zip")

    def path(self, rel: str) -> str:
        return f"{self.bag}/{rel}"

    def jsonl(self, rel: str) -> Any:
        if rel not in self.files:
            return
        with self.zf.open(self.path(rel)) as fh:
            for n, raw in enumerate(io.TextIOWrapper(fh, encoding="utf-8"), 1):
                try:
                    yield n, json.loads(raw)
                except ValueError:
                    self.first.append(f"data/{rel.removeprefix('data/')} line {n}: not valid "
                                      "JSON")

    def check_structure(self) -> None:
        rep = self.rep
        if "bagit.txt" not in self.files:
            rep.problems.append("bagit.txt: missing (not a BagIt bag)")
        manifest = _read_manifest(self.zf, self.path("manifest-sha256.txt"), rep)
        tagmanifest = _read_manifest(self.zf, self.path("tagmanifest-sha256.txt"), rep)
        for table, label in ((manifest, "manifest-sha256.txt"),
                             (tagmanifest, "tagmanifest-sha256.txt")):
            for rel, (want, line) in sorted(table.items()):
                if rel not in self.files:
                    rep.problems.append(f"{rel}: listed in {label} line {line} but missing "
                                        "from the bundle")
                    continue
                got = _sha256(self.zf, self.path(rel))
                if got.startswith("unreadable"):
                    rep.problems.append(f"{rel}: {got}: damaged after the bundle was made")
                elif got != want:
                    rep.problems.append(f"{rel}: SHA-256 is {got}, {label} line {line} says "
                                        f"{want} (changed after the bundle was made)")
        for rel in sorted(self.files):
            if rel.startswith("data/"):
                if rel not in manifest:
                    rep.problems.append(f"{rel}: not listed in manifest-sha256.txt (added "
                                        "after the bundle was made)")
            elif rel not in tagmanifest and rel not in ("tagmanifest-sha256.txt",):
                rep.problems.append(f"{rel}: not listed in tagmanifest-sha256.txt (added "
                                    "after the bundle was made)")

    def check_ledger(self) -> tuple[dict[str, list[dict[str, Any]]], str]:
        rows: list[ledger.Entry] = []
        redacted = 0
        for n, item in self.jsonl("data/ledger.jsonl") or ():
            try:
                payload = item["payload"]
                if item.get("redacted"):
                    redacted += 1
                    # The payload was masked: chain on the recorded payload hash.
                    body_hash = item["payload_sha256"]
                else:
                    body_hash = hashlib.sha256(payload.encode("utf-8")).hexdigest()
                rows.append(ledger.Entry(int(item["seq"]), item["at"], item["action"],
                                         item["subject"], payload, body_hash,
                                         item["prev_hash"], item["hash"]))
                if body_hash != item["payload_sha256"]:
                    self.first.append(f"data/ledger.jsonl line {n} (entry {item['seq']}): "
                                      "payload does not match its hash")
            except (KeyError, TypeError, ValueError):
                self.first.append(f"data/ledger.jsonl line {n}: not a ledger entry")
        problems, _, head = ledger.check_chain(iter(rows))
        self.first += [f"data/ledger.jsonl: {p}" for p in problems]
        self.rep.ledger_entries = len(rows)
        self.rep.head = head
        if redacted:
            self.rep.notes.append(f"{redacted} ledger entries were redacted; their chain was "
                                  "checked on the recorded payload hashes")
        info = self._bag_info()
        want = info.get("SafeCase-Case-Fingerprint")
        if want and want != head:
            self.first.append(f"data/ledger.jsonl: ends at {head}, but bag-info.txt gives the "
                              f"case fingerprint {want}")
        by_action: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for e in rows:
            try:
                by_action[e.action].append(json.loads(e.payload) | {"_seq": e.seq})
            except ValueError:
                pass
        return by_action, head

    def _bag_info(self) -> dict[str, str]:
        try:
            text = self.zf.read(self.path("bag-info.txt")).decode("utf-8")
        except KeyError:
            return {}
        out = {}
        for line in text.splitlines():
            if ":" in line:
                k, v = line.split(":", 1)
                out[k.strip()] = v.strip()
        return out

    def check_index(self, rel: str) -> set[str]:
        hashes = set()
        count = 0
        for n, item in self.jsonl(rel) or ():
            count += 1
            hashes.add(item.get("sha256"))
            path = item.get("path")
            if path and path not in self.files:
                self.first.append(f"{rel} line {n}: {path} is missing from the bundle")
        if rel.endswith("sources.jsonl"):
            self.rep.sources = count
        else:
            self.rep.exhibits = count
        return hashes

    def check_events(self, by_action: dict[str, list[dict[str, Any]]],
                     sources: set[str], exhibits: set[str]) -> None:
        per_import: dict[int, list[tuple[int, str]]] = defaultdict(list)
        typed = {p["event"]: p["content_hash"] for a in ("add", "edit", "confirm-ocr")
                 for p in by_action.get(a, []) if "event" in p}
        redacted = 0
        for n, ev in self.jsonl("data/events.jsonl") or ():
            self.rep.events += 1
            where = f"data/events.jsonl line {n} (event {ev.get('id')})"
            if ev.get("redacted"):
                redacted += 1
            else:
                stored = ev.get("stored")
                if not isinstance(stored, list) or content_hash(stored) != ev.get("content_hash"):
                    self.first.append(f"{where}: its stored fields do not match its content "
                                      "hash (edited)")
                    continue
                for key, i in _SHOWN.items():
                    if ev.get(key) != stored[i]:
                        self.first.append(f"{where}: {key} differs from the stored field "
                                          "(edited)")
                        break
                if ev.get("import") is not None:
                    per_import[int(ev["import"])].append((int(ev["id"]), ev["content_hash"]))
                elif ev.get("id") in typed and typed[ev["id"]] != ev["content_hash"]:
                    self.first.append(f"{where}: typed entry does not match its ledger entry")
            src = (ev.get("source") or {}).get("file_sha256")
            if src and src not in sources:
                self.first.append(f"{where}: points at source {src}, which is not in "
                                  "data/sources.jsonl")
            for a in ev.get("attachments") or []:
                if a.get("sha256") not in exhibits:
                    self.first.append(f"{where}: attachment {a.get('sha256')} is not in "
                                      "data/exhibits.jsonl")
        for p in by_action.get("import", []):
            got = per_import.get(p.get("import"), [])
            if redacted or len(got) != p.get("events_added"):
                continue  # removed or redacted events: the digest cannot be recomputed
            d = hashlib.sha256()
            # The ledger's digest runs in event-id order; the file is in time order.
            for _, h in sorted(got):
                d.update(bytes.fromhex(h))
            if d.hexdigest() != p.get("events_digest"):
                self.first.append(f"data/events.jsonl: the events of import {p.get('import')} "
                                  f"do not match ledger entry {p['_seq']}")
        for p in by_action.get("import", []):
            for s in p.get("sources", []):
                if s.get("sha256") not in sources:
                    self.first.append(f"data/sources.jsonl: source {s.get('sha256')} from "
                                      f"ledger entry {p['_seq']} is missing")
        if redacted:
            self.rep.notes.append(f"{redacted} event lines were redacted; their content "
                                  "hashes cannot be recomputed")


def verify_bundle(path: Path | str, identity: Path | None = None,
                  passphrase: str | None = None) -> BundleVerifyReport:
    """Checks a bundle (.zip, or age-encrypted) and lists every problem, the most specific
    first."""
    path = Path(path)
    rep = BundleVerifyReport()
    fh = _open_bundle(path, identity, passphrase)
    try:
        try:
            zf = zipfile.ZipFile(fh)
        except zipfile.BadZipFile:
            raise UserError(f"{path}: not a zip file (or damaged beyond reading)") from None
        with zf:
            c = _Checker(zf, rep)
            c.check_structure()
            try:
                by_action, _ = c.check_ledger()
                sources = c.check_index("data/sources.jsonl")
                exhibits = c.check_index("data/exhibits.jsonl")
                c.check_events(by_action, sources, exhibits)
            except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError,
                    OSError) as err:
                c.first.append(f"{path}: damaged ({err})")
            rep.problems = c.first + rep.problems
    finally:
        fh.close()
    return rep
