"""Typed incidents: what a stalking log records, entered by the person.

An incident is an event with ``import_id`` NULL; its ledger entry carries its content hash,
which ``verify`` re-checks. Editing never overwrites: it adds a new version that supersedes
the old one, and both stay (the old one is hidden from lists but kept for the record).
"""

from __future__ import annotations

import json
import mimetypes
import secrets
from datetime import datetime
from pathlib import Path
from typing import Any

from safecase.errors import UserError
from safecase.model import CHANNELS, TIME_ASSUMED, TIME_EXACT
from safecase.store.case import Case, check_zone
from safecase.store.eventrows import content_hash

INCIDENT_KINDS = ("visit", "following", "gift", "property", "third_party", "call", "message",
                  "other")
_DEFAULT_CHANNEL = {"call": "phone", "message": "other"}
MAX_ATTACHMENT = 256 * 1024 * 1024


def parse_local_time(at: str, tz: str | None, case: Case) -> tuple[int, str]:
    """(UTC ms, certainty) for a local date-time the person typed."""
    zone = check_zone(tz) if tz else case.zone
    try:
        dt = datetime.fromisoformat(at.strip())
    except ValueError:
        raise UserError(f"cannot read the time {at!r}; use 'YYYY-MM-DD HH:MM'") from None
    certainty = TIME_EXACT
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=zone)
        # The person named the zone, or it is the case's own zone: both are their statement.
        certainty = TIME_EXACT if tz else TIME_ASSUMED
    return int(dt.timestamp() * 1000), certainty


def _read_attachment(path: Path) -> tuple[str, str | None, bytes]:
    if not path.is_file():
        raise UserError(f"{path}: no such file to attach")
    if path.stat().st_size > MAX_ATTACHMENT:
        raise UserError(f"{path}: larger than {MAX_ATTACHMENT // 2**20} MiB; attach a smaller file")
    return path.name, mimetypes.guess_type(path.name)[0], path.read_bytes()


def _insert(case: Case, fields: dict[str, Any], version: int, supersedes: int | None,
            attachments: list[tuple[str, str | None, bytes]], new_blobs: list[str],
            carry_exhibits: list[tuple[int, str]] | None = None) -> tuple[int, str]:
    extra = json.dumps(fields["extra"], ensure_ascii=False, sort_keys=True)
    values = (fields["kind"], fields["channel"], fields["direction"], fields["ts_ms"],
              fields["raw_time"], fields["time_certainty"], fields.get("sender"),
              fields.get("sender_name"), json.dumps(fields.get("recipients", [])),
              fields["text"], fields.get("duration_s"), None, None, extra,
              fields.get("source_id"), fields.get("locator", "typed entry"), version, supersedes)
    chash = content_hash(values)
    party_id = fields.get("party_id")
    cur = case.db.execute(
        "INSERT INTO events(fingerprint, kind, channel, direction, ts_ms, raw_time,"
        " time_certainty, sender, sender_name, recipients, text, duration_s, call_status,"
        " subject, extra, party_id, source_id, locator, import_id, version, supersedes,"
        " content_hash) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        ("typed:" + secrets.token_hex(16), *values[:14], party_id, values[14], values[15],
         None, version, supersedes, chash))
    event_id = int(cur.lastrowid)
    for ex_id, name in carry_exhibits or []:
        case.db.execute("INSERT INTO event_exhibits(event_id, exhibit_id, name) VALUES(?,?,?)",
                        (event_id, ex_id, name))
    for name, mime, data in attachments:
        ex_id, _ = case.store_exhibit(name=name, mime=mime, kind="photo" if mime and
                                      mime.startswith("image/") else "file", data=data,
                                      new_blobs=new_blobs)
        case.db.execute("INSERT OR IGNORE INTO event_exhibits(event_id, exhibit_id, name) "
                        "VALUES(?,?,?)", (event_id, ex_id, name))
    return event_id, chash


def _party(case: Case, who: str | None) -> int | None:
    if not who:
        return None
    kind = "email" if "@" in who else ("phone" if any(c.isdigit() for c in who) else "name")
    return case.identity_id(who, kind, "in_person" if kind == "name" else kind, None)


def add_incident(case: Case, *, kind: str, at: str, text: str, tz: str | None = None,
                 where: str | None = None, witnesses: list[str] | None = None,
                 report_ref: str | None = None, felt: str | None = None,
                 who: str | None = None, channel: str | None = None,
                 attach: list[Path] | None = None) -> int:
    """Records a typed incident; returns its event id."""
    if kind not in INCIDENT_KINDS:
        raise UserError(f"unknown kind {kind!r}; choose one of {', '.join(INCIDENT_KINDS)}")
    if channel and channel not in CHANNELS:
        raise UserError(f"unknown channel {channel!r}; choose one of {', '.join(CHANNELS)}")
    if not text.strip():
        raise UserError("say what happened (--text)")
    ts_ms, certainty = parse_local_time(at, tz, case)
    attachments = [_read_attachment(Path(p)) for p in attach or []]
    extra = {k: v for k, v in {"where": where, "witnesses": witnesses or None,
                               "report_ref": report_ref, "felt": felt, "who": who,
                               "typed": True, "tz": tz or case.settings["tz"]}.items()
             if v is not None}
    new_blobs: list[str] = []
    try:
        with case.transaction():
            fields = {"kind": kind, "channel": channel or _DEFAULT_CHANNEL.get(kind, "in_person"),
                      "direction": "incoming", "ts_ms": ts_ms, "raw_time": at,
                      "time_certainty": certainty, "text": text, "extra": extra,
                      "sender": who, "party_id": _party(case, who)}
            event_id, chash = _insert(case, fields, 1, None, attachments, new_blobs)
            case.record("add", f"event:{event_id}", {
                "event": event_id, "content_hash": chash, "kind": kind,
                "attachments": [{"name": n, "size": len(d)} for n, _, d in attachments]})
    except BaseException:
        for b in new_blobs:
            case.blobs.remove(b)
        raise
    return event_id


EDITABLE = ("text", "at", "tz", "where", "witnesses", "report_ref", "felt", "kind", "who")


def edit_incident(case: Case, event_id: int, changes: dict[str, Any],
                  attach: list[Path] | None = None) -> int:
    """A new version of a typed incident; the old one stays. Returns the new event id."""
    row = case.db.execute(
        "SELECT kind, channel, direction, ts_ms, raw_time, time_certainty, sender, text, extra,"
        " version, superseded_by, import_id, party_id FROM events WHERE id=? AND removed=0",
        (event_id,)).fetchone()
    if row is None:
        raise UserError(f"no event {event_id} in this case")
    if row[11] is not None or not json.loads(row[8]).get("typed"):
        raise UserError(f"event {event_id} was imported; imported evidence is never edited "
                        "(add a note in review instead)")
    if row[10] is not None:
        raise UserError(f"event {event_id} was already edited; edit the newest version "
                        f"({row[10]})")
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise UserError(f"cannot edit {', '.join(sorted(unknown))}")
    extra = json.loads(row[8])
    fields: dict[str, Any] = {"kind": row[0], "channel": row[1], "direction": row[2],
                              "ts_ms": row[3], "raw_time": row[4], "time_certainty": row[5],
                              "sender": row[6], "text": row[7], "party_id": row[12]}
    if "kind" in changes and changes["kind"] not in INCIDENT_KINDS:
        raise UserError(f"unknown kind {changes['kind']!r}")
    if "at" in changes or "tz" in changes:
        at = changes.get("at", row[4])
        tz = changes.get("tz", extra.get("tz"))
        fields["ts_ms"], fields["time_certainty"] = parse_local_time(at, tz, case)
        fields["raw_time"] = at
        extra["tz"] = tz
    for key in ("text", "kind"):
        if key in changes:
            fields[key] = changes[key]
    for key in ("where", "witnesses", "report_ref", "felt"):
        if key in changes:
            extra[key] = changes[key]
    fields["extra"] = extra
    attachments = [_read_attachment(Path(p)) for p in attach or []]
    carried = case.db.execute("SELECT exhibit_id, name FROM event_exhibits WHERE event_id=?",
                              (event_id,)).fetchall()
    new_blobs: list[str] = []
    try:
        with case.transaction():
            if "who" in changes:
                fields["sender"] = changes["who"]
                fields["party_id"] = _party(case, changes["who"])
                extra["who"] = changes["who"]
            new_id, chash = _insert(case, fields, int(row[9]) + 1, event_id, attachments,
                                    new_blobs, carried)
            case.db.execute("UPDATE events SET superseded_by=? WHERE id=?", (new_id, event_id))
            case.record("edit", f"event:{new_id}", {
                "event": new_id, "supersedes": event_id, "content_hash": chash,
                "changed": sorted(changes)})
    except BaseException:
        for b in new_blobs:
            case.blobs.remove(b)
        raise
    return new_id


def confirm_screenshot(case: Case, exhibit_id: int, *, channel: str, direction: str, at: str,
                       tz: str | None = None, sender: str | None = None,
                       text: str | None = None) -> int:
    """Turns a screenshot the person has checked into a ``message`` event.

    The importer only keeps the image and its OCR text; a message exists once the person
    says who sent it, when, on which app, and what it says (they may correct the OCR). The
    event points at the image, keeps the OCR text beside the confirmed text, and its ledger
    entry carries its content hash like a typed entry.
    """
    from safecase.ocr import confirmed_message

    ex = case.exhibit(exhibit_id)
    if not (ex["mime"] or "").startswith("image/"):
        raise UserError(f"exhibit {exhibit_id} is not an image")
    ts_ms, certainty = parse_local_time(at, tz, case)
    ev = confirmed_message(ex["sha256"], ex["extra"], channel=channel, direction=direction,
                           ts_ms=ts_ms, sender=sender, text=text, raw_time=at,
                           time_certainty=certainty, party=sender)
    with case.transaction():
        fields = {"kind": ev.kind, "channel": ev.channel, "direction": ev.direction,
                  "ts_ms": ev.ts_ms, "raw_time": ev.raw_time,
                  "time_certainty": ev.time_certainty, "text": ev.text,
                  "extra": {**ev.extra, "typed": True, "tz": tz or case.settings["tz"]},
                  "sender": sender, "party_id": _party(case, sender),
                  "source_id": ex["source_id"], "locator": ev.locator}
        event_id, chash = _insert(case, fields, 1, None, [], [], [(exhibit_id, ex["name"])])
        case.record("confirm-ocr", f"event:{event_id}", {
            "event": event_id, "content_hash": chash, "exhibit": exhibit_id,
            "exhibit_sha256": ex["sha256"], "text_edited": ev.extra["text_edited"]})
    return event_id
