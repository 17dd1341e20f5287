"""iPhone Messages (``sms.db`` / Mac ``chat.db``), call history (``CallHistory.storedata``)
and the iTunes/Finder backup folder that holds both (unencrypted, or encrypted and opened
with its password: see ``_backup_crypto``; decrypted files live only in memory).

The artefact parsers (``iter_sms_db``, ``iter_call_history``) work on an open SQLite
connection; the importers only know where the database came from: a file given
directly, or a backup folder where files are named by the SHA-1 of
``<domain>-<relativePath>`` and listed in ``Manifest.db``.

Quirks handled:

* ``message.date`` is nanoseconds since 2001-01-01 UTC (iOS 11+) or seconds (older);
* ``text`` is NULL in newer databases, the body being an archived NSAttributedString
  in ``attributedBody`` (decoded with ``_typedstream``);
* tapbacks (``associated_message_type`` 2000-2007 add, 3000-3007 remove) are reactions,
  not messages: they are attached to the message they react to as ``extra["reactions"]``;
* group events (``item_type`` != 0: renames, people joining or leaving) are not messages;
* iMessage handles can be e-mail addresses: ``id_kind`` is set per event;
* databases are opened read-only and immutable; a ``-wal`` file next to a database
  means recent messages may be missing from the copy, and the summary says so.
"""

from __future__ import annotations

import hashlib
import io
import plistlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from safecase.errors import BadInput, UserError
from safecase.importers._backup_crypto import UnlockedBackup, sqlite_from_bytes
from safecase.importers._typedstream import TypedStreamError, attributed_string_text
from safecase.importers.base import ImportContext, Importer
from safecase.importers.util import (
    FolderContainer,
    open_sqlite_readonly,
    record_missing_attachments,
    sqlite_table_names_quick,
    sqlite_tables,
)
from safecase.model import (
    ID_EMAIL,
    ID_PHONE,
    Attachment,
    ParsedEvent,
    ParsedExhibit,
)

APPLE_EPOCH_S = 978_307_200  # 2001-01-01T00:00:00Z in Unix seconds
SMS_DB_SHA1 = "3d0d7e5fb2ce288813306e4d4636395e047a3d28"       # HomeDomain-Library/SMS/sms.db
CALL_HISTORY_SHA1 = "5a4935c78a5255723f707230a451d79c540d2741"  # ...CallHistoryDB/CallHistory.storedata
SMS_DB_PATH = ("HomeDomain", "Library/SMS/sms.db")
CALL_HISTORY_PATH = ("HomeDomain", "Library/CallHistoryDB/CallHistory.storedata")

TAPBACKS = {0: "loved", 1: "liked", 2: "disliked", 3: "laughed", 4: "emphasized",
            5: "questioned", 6: "emoji", 7: "sticker"}
FACETIME_TYPES = {8: "FaceTime video", 16: "FaceTime audio"}

AttachmentResolver = Callable[[str], Callable[[], IO[bytes]] | None]


def apple_time_ms(value: float | int | None) -> int | None:
    """UTC ms from an Apple timestamp: ns since 2001 (new) or seconds (old databases)."""
    if value is None or value == 0:
        return None
    v = float(value)
    seconds = v / 1e9 if abs(v) > 1e11 else v
    return int(round((seconds + APPLE_EPOCH_S) * 1000))


def _id_kind(identifier: str | None) -> str:
    return ID_EMAIL if identifier and "@" in identifier else ID_PHONE


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _tapback_target(guid: str) -> str:
    # "p:0/GUID" (part 0 of the message) or "bp:GUID" (whole bubble) -> "GUID"
    if "/" in guid:
        return guid.rsplit("/", 1)[1]
    if guid.startswith("bp:"):
        return guid[3:]
    return guid


def _col(cols: set[str], name: str, default: str = "NULL") -> str:
    return f"m.{name}" if name in cols else f"{default} AS {name}"


_DB_ERRORS = (sqlite3.Error, ValueError, TypeError, OverflowError)


def iter_sms_db(
    con: sqlite3.Connection,
    origin: Path,
    ctx: ImportContext,
    resolve_attachment: AttachmentResolver | None = None,
    source_member: str | None = None,
) -> Iterator[ParsedEvent]:
    """Messages from an open sms.db/chat.db connection."""
    try:
        yield from _iter_sms_db(con, origin, ctx, resolve_attachment, source_member)
    except _DB_ERRORS as exc:
        # A damaged database, or values of the wrong type in a column.
        raise BadInput(origin, f"the messages database cannot be read ({exc})") from None


def _iter_sms_db(
    con: sqlite3.Connection,
    origin: Path,
    ctx: ImportContext,
    resolve_attachment: AttachmentResolver | None,
    source_member: str | None,
) -> Iterator[ParsedEvent]:
    tables = sqlite_tables(con)
    for needed in ("message", "handle"):
        if needed not in tables:
            raise BadInput(origin, f"not an iPhone messages database (no {needed} table)")
    mcols = tables["message"]
    has_cmj = "chat_message_join" in tables
    has_att = "attachment" in tables and "message_attachment_join" in tables

    chats: dict[int, dict[str, Any]] = {}
    if "chat" in tables:
        ccols = tables["chat"]
        name_col = "display_name" if "display_name" in ccols else "NULL"
        for rowid, ident, dname in con.execute(
            f"SELECT ROWID, chat_identifier, {name_col} FROM chat"
        ):
            chats[rowid] = {"identifier": _text(ident), "name": _text(dname) or None,
                            "members": []}
        if "chat_handle_join" in tables:
            for chat_id, hid in con.execute(
                "SELECT j.chat_id, h.id FROM chat_handle_join j "
                "JOIN handle h ON h.ROWID = j.handle_id ORDER BY j.chat_id, h.ROWID"
            ):
                if chat_id in chats:
                    chats[chat_id]["members"].append(_text(hid))

    # Reactions first (a small share of rows), so each message carries its own.
    reactions: dict[str, list[dict[str, Any]]] = {}
    n_reactions = 0
    if "associated_message_type" in mcols and "associated_message_guid" in mcols:
        for guid, atype, from_me, hid, date in con.execute(
            "SELECT m.associated_message_guid, m.associated_message_type, m.is_from_me, "
            "h.id, m.date FROM message m LEFT JOIN handle h ON h.ROWID = m.handle_id "
            "WHERE m.associated_message_type BETWEEN 2000 AND 3999 ORDER BY m.ROWID"
        ):
            if not guid:
                continue
            n_reactions += 1
            ms = apple_time_ms(date)
            reactions.setdefault(_tapback_target(str(guid)), []).append({
                "reaction": TAPBACKS.get(int(atype) % 1000, str(atype)),
                "removed": int(atype) >= 3000,
                "by": "me" if from_me else _text(hid),
                "ts_ms": ms,
            })
    if n_reactions:
        ctx.notes.append(f"{n_reactions} tapback reaction(s) are kept on the messages they "
                         "react to (extra 'reactions'), not as messages of their own")

    chat_expr = ("(SELECT cmj.chat_id FROM chat_message_join cmj "
                 "WHERE cmj.message_id = m.ROWID LIMIT 1)") if has_cmj else "NULL"
    sql = (
        "SELECT m.ROWID, " + ", ".join([
            _col(mcols, "guid"), _col(mcols, "text"), _col(mcols, "attributedBody"),
            "h.id", _col(mcols, "service"), _col(mcols, "date"), _col(mcols, "is_from_me", "0"),
            _col(mcols, "cache_has_attachments", "1"),
            _col(mcols, "associated_message_type", "0"), _col(mcols, "item_type", "0"),
            _col(mcols, "subject"),
        ]) + f", {chat_expr} FROM message m LEFT JOIN handle h ON h.ROWID = m.handle_id "
        "ORDER BY m.ROWID"
    )
    att_sql = (
        "SELECT a.filename, a.mime_type, a.transfer_name FROM message_attachment_join j "
        "JOIN attachment a ON a.ROWID = j.attachment_id WHERE j.message_id = ? "
        "ORDER BY a.ROWID"
    )
    skipped_items = 0
    try:
        cursor = con.execute(sql)
        for (rowid, guid, text, body, handle, service, date, from_me, has_attach,
             assoc_type, item_type, subject, chat_id) in cursor:
            if assoc_type and 2000 <= int(assoc_type) < 4000:
                continue  # a tapback, attached above
            if item_type:
                skipped_items += 1
                continue
            handle = _text(handle)
            chat = chats.get(chat_id) if chat_id is not None else None
            members = [m for m in (chat["members"] if chat else []) if m]
            group = len(members) > 1
            extra: dict[str, Any] = {}
            attachments: list[Attachment] = []
            text = _text(text)
            if text is None and body:
                try:
                    text = attributed_string_text(bytes(body))
                    extra["text_from"] = "attributedBody"
                except TypedStreamError as exc:
                    # Keep the evidence as it is rather than failing the whole database.
                    attachments.append(Attachment(
                        name=f"message-{rowid}-attributedBody.typedstream",
                        mime="application/octet-stream", data=bytes(body),
                        note=f"message body could not be decoded ({exc}); kept as is"))
            if has_att and has_attach:
                for fname, mime, tname in con.execute(att_sql, (rowid,)):
                    attachments.append(_attachment(_text(fname), _text(mime), _text(tname),
                                                   resolve_attachment))
            if guid and str(guid) in reactions:
                extra["reactions"] = reactions[str(guid)]
            if chat:
                extra["chat"] = chat["identifier"]
                if chat["name"]:
                    extra["chat_name"] = chat["name"]
            if guid:
                extra["guid"] = _text(guid)
            svc = _text(service) or ""
            if svc == "iMessage":
                channel = "imessage"
            elif svc in ("SMS", "RCS", ""):
                channel = "mms" if (attachments or group) else "sms"
            else:
                channel = "other"
                extra["service"] = svc
            outgoing = bool(from_me)
            if outgoing:
                recipients = members or ([handle] if handle else [])
                party = handle if handle else (members[0] if len(members) == 1 else None)
                sender = None
            else:
                sender = handle
                recipients = [m for m in members if m != handle]
                party = handle
            yield record_missing_attachments(ParsedEvent(
                kind="message", channel=channel,
                direction="outgoing" if outgoing else "incoming",
                ts_ms=apple_time_ms(date), raw_time=str(date),
                locator=f"message ROWID {rowid}",
                sender=sender, recipients=recipients, text=text,
                subject=_text(subject), attachments=attachments,
                party=party, id_kind=_id_kind(party or sender or (recipients or [None])[0]),
                extra=extra, source_member=source_member,
            ))
    except sqlite3.Error as exc:
        raise BadInput(origin, f"the messages database cannot be read ({exc})") from None
    if skipped_items:
        ctx.notes.append(f"{skipped_items} group event(s) (renames, people joining or leaving) "
                         "were not imported as messages")


def _attachment(filename: str | None, mime: str | None, transfer_name: str | None,
                resolve: AttachmentResolver | None) -> Attachment:
    name = transfer_name or (filename.rsplit("/", 1)[-1] if filename else "attachment")
    opener = resolve(filename) if (resolve and filename) else None
    if opener is None:
        return Attachment(name=name, mime=mime, note=(
            f"not included: the file {filename or '(no path)'} is not in what was imported "
            "(import the whole backup folder to keep attachments)"))
    return Attachment(name=name, mime=mime, open=opener)


def iter_call_history(
    con: sqlite3.Connection, origin: Path, source_member: str | None = None
) -> Iterator[ParsedEvent]:
    """Calls from an open CallHistory.storedata connection (table ZCALLRECORD)."""
    try:
        yield from _iter_call_history(con, origin, source_member)
    except _DB_ERRORS as exc:
        raise BadInput(origin, f"the call history cannot be read ({exc})") from None


def _iter_call_history(
    con: sqlite3.Connection, origin: Path, source_member: str | None
) -> Iterator[ParsedEvent]:
    tables = sqlite_tables(con)
    if "ZCALLRECORD" not in tables:
        raise BadInput(origin, "not an iPhone call history (no ZCALLRECORD table)")
    cols = tables["ZCALLRECORD"]

    def c(name: str) -> str:
        return name if name in cols else f"NULL AS {name}"

    sql = ("SELECT Z_PK, " + ", ".join(c(n) for n in (
        "ZADDRESS", "ZDATE", "ZDURATION", "ZORIGINATED", "ZANSWERED", "ZCALLTYPE",
        "ZSERVICE_PROVIDER", "ZNAME")) + " FROM ZCALLRECORD ORDER BY ZDATE, Z_PK")
    try:
        for pk, address, date, duration, originated, answered, ctype, provider, name in (
            con.execute(sql)
        ):
            address = _text(address)
            outgoing = bool(originated)
            if answered:
                status = "answered"
            else:
                status = "unanswered" if outgoing else "missed"
            extra: dict[str, Any] = {}
            provider = _text(provider) or ""
            if ctype in FACETIME_TYPES or provider == "com.apple.FaceTime":
                channel = "other"
                extra["service"] = FACETIME_TYPES.get(ctype, "FaceTime")
            elif provider and provider not in ("com.apple.Telephony",):
                channel = "whatsapp" if "whatsapp" in provider.lower() else "other"
                extra["service"] = provider
            else:
                channel = "phone"
            if ctype is not None:
                extra["call_type"] = ctype
            ms = None if date is None else int(round((float(date) + APPLE_EPOCH_S) * 1000))
            yield ParsedEvent(
                kind="call", channel=channel,
                direction="outgoing" if outgoing else "incoming",
                ts_ms=ms, raw_time=str(date), locator=f"ZCALLRECORD Z_PK {pk}",
                sender=None if outgoing else address,
                recipients=[address] if (outgoing and address) else [],
                duration_s=int(round(float(duration or 0))), call_status=status,
                party=address, party_name=_text(name) or None,
                id_kind=_id_kind(address), extra=extra, source_member=source_member,
            )
    except (sqlite3.Error, ValueError, TypeError) as exc:
        raise BadInput(origin, f"the call history cannot be read ({exc})") from None


def _warn_wal(path: Path, ctx: ImportContext) -> None:
    wal = path.with_name(path.name + "-wal")
    try:
        if wal.is_file() and wal.stat().st_size > 0:
            ctx.notes.append(
                f"{wal.name} sits next to the database: the newest messages may live only "
                "in it and were not read; copy the database again with the Messages app "
                "closed, or import the backup folder")
    except OSError:
        pass


class IphoneMessagesImporter(Importer):
    name = "iphone-messages"
    version = "1"
    title = "iPhone / Mac Messages database (sms.db, chat.db)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        tables = sqlite_table_names_quick(path, head)
        if {"message", "handle"} <= tables and ("chat_message_join" in tables
                                                or "chat" in tables):
            return 0.95
        return 0.0

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        con = open_sqlite_readonly(path)
        try:
            _warn_wal(path, ctx)
            ctx.notes.append("attachments are not inside sms.db/chat.db; import the backup "
                             "folder to keep the files")
            yield from iter_sms_db(con, path, ctx)
        finally:
            con.close()


class IphoneCallsImporter(Importer):
    name = "iphone-calls"
    version = "1"
    title = "iPhone call history (CallHistory.storedata)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        return 0.95 if "ZCALLRECORD" in sqlite_table_names_quick(path, head) else 0.0

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        con = open_sqlite_readonly(path)
        try:
            _warn_wal(path, ctx)
            yield from iter_call_history(con, path)
        finally:
            con.close()


class IphoneBackup:
    """An iTunes/Finder backup folder: files by domain + relative path. An encrypted one
    is read once ``unlocked`` (its files are then decrypted into memory as they are read);
    without that only its file names are known (the SHA-1 names are fixed)."""

    def __init__(self, root: Path, unlocked: UnlockedBackup | None = None) -> None:
        self.root = root
        self.folder = FolderContainer(root)
        self.info = self._read_info()
        self.encrypted = bool(self.info.get("IsEncrypted"))
        self.unlocked = unlocked
        self._manifest: sqlite3.Connection | None = None
        self._own_manifest = False
        if self.encrypted:
            if unlocked is not None:
                self._manifest = unlocked.manifest
        elif self.folder.exists("Manifest.db"):
            self._manifest = open_sqlite_readonly(root / "Manifest.db")
            self._own_manifest = True

    def _read_info(self) -> dict[str, Any]:
        if not self.folder.exists("Manifest.plist"):
            return {}
        try:
            with self.folder.open("Manifest.plist") as fh:
                info = plistlib.loads(fh.read(16 * 2**20))
        except (plistlib.InvalidFileException, ValueError, OSError, KeyError) as exc:
            raise BadInput(self.root / "Manifest.plist",
                           f"the backup's manifest cannot be read ({exc})") from None
        return info if isinstance(info, dict) else {}

    def sqlite(self, member: str) -> sqlite3.Connection:
        """A read-only connection on a database of the backup (in memory if encrypted)."""
        if self.unlocked is not None:
            return sqlite_from_bytes(self.unlocked.decrypt(member), self.root / member)
        return open_sqlite_readonly(self.root / member)

    def file_id(self, domain: str, rel: str) -> str:
        if self._manifest is not None:
            try:
                row = self._manifest.execute(
                    "SELECT fileID FROM Files WHERE domain = ? AND relativePath = ?",
                    (domain, rel)).fetchone()
            except sqlite3.Error as exc:
                raise BadInput(self.root / "Manifest.db",
                               f"the backup manifest cannot be read ({exc})") from None
            if row:
                return str(row[0])
        return hashlib.sha1(f"{domain}-{rel}".encode()).hexdigest()

    def member(self, domain: str, rel: str) -> str | None:
        """The backup's relative file name for a domain path, or None if absent."""
        fid = self.file_id(domain, rel)
        for cand in (f"{fid[:2]}/{fid}", fid):  # iOS 10+ shards by prefix; older is flat
            if self.folder.exists(cand):
                return cand
        return None

    def resolve_attachment(self, filename: str) -> Callable[[], IO[bytes]] | None:
        rel = filename
        for prefix in ("~/", "/var/mobile/", "/private/var/mobile/"):
            if rel.startswith(prefix):
                rel = rel[len(prefix):]
                break
        member = self.member("MediaDomain", rel)
        if member is None:
            return None
        unlocked = self.unlocked
        if unlocked is not None:
            return lambda: io.BytesIO(unlocked.decrypt(member))
        folder = self.folder
        return lambda: folder.open(member)

    def close(self) -> None:
        if self._manifest is not None and self._own_manifest:
            self._manifest.close()


ENCRYPTED_BACKUP = (
    "this iPhone backup is encrypted: give its password (on a terminal SafeCase asks for "
    "it; in scripts put it in the environment variable SAFECASE_BACKUP_PASSWORD, or in one "
    "named with --backup-password-env VAR), or make an unencrypted backup: in Finder "
    "(macOS) or iTunes (Windows) select the iPhone, untick 'Encrypt local backup' (it asks "
    "for the backup password), then click 'Back Up Now' and import the new backup folder")


class IphoneBackupImporter(Importer):
    name = "iphone-backup"
    version = "1"
    title = "iPhone backup folder (iTunes / Finder; encrypted ones with the password)"

    def __init__(self) -> None:
        self._unlocked: UnlockedBackup | None = None

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        if not path.is_dir():
            return 0.0
        if (path / "Manifest.db").is_file() or (path / "Manifest.plist").is_file():
            return 0.9
        return 0.0

    def source_files(self, path: Path) -> list[Path]:
        # The encrypted files themselves are the sources (kept exactly as given).
        backup = IphoneBackup(path, self._unlocked)
        try:
            out = [path / n for n in ("Manifest.plist", "Manifest.db")
                   if backup.folder.exists(n)]
            for domain_path in (SMS_DB_PATH, CALL_HISTORY_PATH):
                m = backup.member(*domain_path)
                if m:
                    out.append(path / m)
            return out
        finally:
            backup.close()

    def prepare(self, path: Path, ctx: ImportContext) -> None:
        """An encrypted backup: get the password and unlock the keybag and the manifest
        (a wrong password stops here, before anything is written)."""
        if self._unlocked is not None:
            return
        backup = IphoneBackup(path)
        try:
            if not backup.encrypted:
                return
            password = ctx.password(f"the iPhone backup {path.name}") if ctx.password else None
            if password is None:
                raise UserError(f"{path}: {ENCRYPTED_BACKUP}")
            self._unlocked = UnlockedBackup(path, backup.folder.open, backup.info, password,
                                            ctx.status)
        finally:
            backup.close()
        ctx.notes.append("the backup is encrypted: its files were decrypted in memory with "
                         "the password (nothing decrypted was written to disk)")

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        self.prepare(path, ctx)
        backup = IphoneBackup(path, self._unlocked)
        try:
            sms = backup.member(*SMS_DB_PATH)
            calls = backup.member(*CALL_HISTORY_PATH)
            if sms is None and calls is None:
                raise BadInput(path, "this backup holds neither Messages (sms.db) nor call "
                               "history; was it made with 'Back up all of the data'?")
            if sms is not None:
                con = backup.sqlite(sms)
                try:
                    yield from iter_sms_db(con, path / sms, ctx, backup.resolve_attachment,
                                           source_member=sms)
                finally:
                    con.close()
            else:
                ctx.notes.append("this backup holds no Messages database (sms.db)")
            if calls is not None:
                con = backup.sqlite(calls)
                try:
                    yield from iter_call_history(con, path / calls, source_member=calls)
                finally:
                    con.close()
            else:
                ctx.notes.append("this backup holds no call history (CallHistory.storedata)")
        finally:
            backup.close()
            if self._unlocked is not None:
                self._unlocked.close()
                self._unlocked = None
