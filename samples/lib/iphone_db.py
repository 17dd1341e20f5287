"""Writers for synthetic iPhone databases (sms.db, CallHistory.storedata, backup folders).

Used by the test fixtures, ``samples/make_iphone.py`` and ``benchmarks/import_smsdb.py`` so
all three build the same real table layout. The schema is the part of the iOS 16/17
``sms.db`` schema SafeCase reads, with Apple's own column names, types and defaults;
the typedstream writer follows the layout of a real one-run ``attributedBody`` archive
(NSAttributedString > NSString, run (index, length), NSDictionary with the message-part
key and an NSNumber).
"""

from __future__ import annotations

import hashlib
import plistlib
import sqlite3
from pathlib import Path

APPLE_EPOCH_S = 978_307_200

SMS_DB_SCHEMA = """
CREATE TABLE _SqliteDatabaseProperties (key TEXT, value TEXT, UNIQUE(key));
CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL,
  country TEXT, service TEXT NOT NULL, uncanonicalized_id TEXT,
  person_centric_id TEXT, UNIQUE (id, service));
CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL,
  style INTEGER, state INTEGER, account_id TEXT, properties BLOB, chat_identifier TEXT,
  service_name TEXT, room_name TEXT, account_login TEXT, is_archived INTEGER DEFAULT 0,
  last_addressed_handle TEXT, display_name TEXT, group_id TEXT, is_filtered INTEGER DEFAULT 0);
CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL,
  text TEXT, replace INTEGER DEFAULT 0, service_center TEXT, handle_id INTEGER DEFAULT 0,
  subject TEXT, country TEXT, attributedBody BLOB, version INTEGER DEFAULT 0,
  type INTEGER DEFAULT 0, service TEXT, account TEXT, account_guid TEXT,
  error INTEGER DEFAULT 0, date INTEGER, date_read INTEGER, date_delivered INTEGER,
  is_delivered INTEGER DEFAULT 0, is_finished INTEGER DEFAULT 0, is_emote INTEGER DEFAULT 0,
  is_from_me INTEGER DEFAULT 0, is_empty INTEGER DEFAULT 0, is_read INTEGER DEFAULT 0,
  is_sent INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0,
  item_type INTEGER DEFAULT 0, other_handle INTEGER DEFAULT 0, group_title TEXT,
  group_action_type INTEGER DEFAULT 0, associated_message_guid TEXT DEFAULT NULL,
  associated_message_type INTEGER DEFAULT 0, balloon_bundle_id TEXT DEFAULT NULL,
  thread_originator_guid TEXT DEFAULT NULL);
CREATE TABLE chat_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
  message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE,
  message_date INTEGER DEFAULT 0, PRIMARY KEY (chat_id, message_id));
CREATE TABLE chat_handle_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE,
  handle_id INTEGER REFERENCES handle (ROWID) ON DELETE CASCADE, UNIQUE(chat_id, handle_id));
CREATE TABLE attachment (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL,
  created_date INTEGER DEFAULT 0, start_date INTEGER DEFAULT 0, filename TEXT, uti TEXT,
  mime_type TEXT, transfer_state INTEGER DEFAULT 0, is_outgoing INTEGER DEFAULT 0,
  user_info BLOB, transfer_name TEXT, total_bytes INTEGER DEFAULT 0);
CREATE TABLE message_attachment_join (message_id INTEGER REFERENCES message (ROWID)
  ON DELETE CASCADE, attachment_id INTEGER REFERENCES attachment (ROWID) ON DELETE CASCADE,
  UNIQUE(message_id, attachment_id));
CREATE INDEX chat_message_join_idx_message_id_only ON chat_message_join(message_id);
CREATE INDEX message_attachment_join_idx_message_id ON message_attachment_join(message_id);
CREATE INDEX message_idx_handle ON message(handle_id, date);
"""

# Core Data store of CallHistory (only the table and columns SafeCase reads, plus keys).
CALL_HISTORY_SCHEMA = """
CREATE TABLE ZCALLRECORD (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER,
  ZANSWERED INTEGER, ZCALLTYPE INTEGER, ZDISCONNECTED_CAUSE INTEGER, ZFACE_TIME_DATA INTEGER,
  ZHANDLE_TYPE INTEGER, ZNUMBER_AVAILABILITY INTEGER, ZORIGINATED INTEGER, ZREAD INTEGER,
  ZDATE TIMESTAMP, ZDURATION FLOAT, ZADDRESS VARCHAR, ZISO_COUNTRY_CODE VARCHAR,
  ZLOCATION VARCHAR, ZNAME VARCHAR, ZSERVICE_PROVIDER VARCHAR, ZUNIQUE_ID VARCHAR);
CREATE TABLE Z_PRIMARYKEY (Z_ENT INTEGER PRIMARY KEY, Z_NAME VARCHAR, Z_SUPER INTEGER,
  Z_MAX INTEGER);
CREATE TABLE Z_METADATA (Z_VERSION INTEGER PRIMARY KEY, Z_UUID VARCHAR(255), Z_PLIST BLOB);
"""


def apple_ns(unix_seconds: float) -> int:
    return int(round((unix_seconds - APPLE_EPOCH_S) * 1_000_000_000))


def apple_s(unix_seconds: float) -> float:
    return unix_seconds - APPLE_EPOCH_S


# ----------------------------------------------------------------- typedstream writer


def _count(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    if n < 0x10000:
        return b"\x81" + n.to_bytes(2, "little")
    return b"\x82" + n.to_bytes(4, "little")


def _new_string(s: bytes) -> bytes:
    return b"\x84" + _count(len(s)) + s


def attributed_body(text: str) -> bytes:
    """An ``attributedBody`` as Messages writes it for a one-part plain-text message.

    Shared-string table S: 0 "@", 1 NSAttributedString, 2 NSObject, 3 NSString, 4 "+",
    5 "iI", 6 NSDictionary, 7 "i", 8 NSNumber, 9 NSValue, 10 "*".
    Object table O: 0 the string, 1 its class, 2 NSObject, 3 the NSString, 4 its class,
    5 the dictionary, 6 its class, 7 the key, 8 the number, 9 NSNumber, 10 NSValue,
    11 the C string "i".
    """
    raw = text.encode("utf-8")
    utf16_len = len(text.encode("utf-16-le")) // 2
    return b"".join([
        b"\x04", _count(11), b"streamtyped", b"\x81\xe8\x03",   # header, system 1000
        _new_string(b"@"),                                       # S0
        b"\x84",                                                 # O0 new object
        b"\x84", _new_string(b"NSAttributedString"), b"\x00",    # O1 class, S1
        b"\x84", _new_string(b"NSObject"), b"\x00", b"\x85",     # O2 superclass, S2; nil
        b"\x92",                                                 # type "@"
        b"\x84", b"\x84", _new_string(b"NSString"), b"\x01",     # O3 object, O4 class, S3
        b"\x94",                                                 # superclass O2
        _new_string(b"+"), _count(len(raw)), raw, b"\x86",       # S4, the characters
        _new_string(b"iI"), b"\x01", _count(utf16_len),          # S5: run (index 1, length)
        b"\x92", b"\x84", b"\x84", _new_string(b"NSDictionary"), b"\x00", b"\x94",  # O5 O6
        _new_string(b"i"), b"\x01",                              # S7: one pair
        b"\x92", b"\x84", b"\x96", b"\x96",                      # O7 key: class O4, type S4
        _count(29), b"__kIMMessagePartAttributeName", b"\x86",
        b"\x92", b"\x84", b"\x84", _new_string(b"NSNumber"), b"\x00",      # O8 O9
        b"\x84", _new_string(b"NSValue"), b"\x00", b"\x94",               # O10
        _new_string(b"*"), b"\x84", b"\x99", b"\x99", b"\x00",            # O11 "i", value 0
        b"\x86\x86\x86",
    ])


# ----------------------------------------------------------------- databases


def new_sms_db(path: Path) -> sqlite3.Connection:
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    con.executescript(SMS_DB_SCHEMA)
    return con


def add_handle(con: sqlite3.Connection, ident: str, service: str = "iMessage") -> int:
    cur = con.execute("INSERT INTO handle (id, country, service, uncanonicalized_id) "
                      "VALUES (?, 'gb', ?, ?)", (ident, service, ident))
    return int(cur.lastrowid or 0)


def add_chat(con: sqlite3.Connection, ident: str, handles: list[int], service: str = "iMessage",
             display_name: str = "") -> int:
    style = 43 if len(handles) > 1 else 45
    cur = con.execute(
        "INSERT INTO chat (guid, style, state, chat_identifier, service_name, display_name) "
        "VALUES (?, ?, 3, ?, ?, ?)", (f"{service};{'+' if style == 43 else '-'};{ident}", style,
                                      ident, service, display_name))
    chat_id = int(cur.lastrowid or 0)
    for h in handles:
        con.execute("INSERT INTO chat_handle_join VALUES (?, ?)", (chat_id, h))
    return chat_id


def add_message(con: sqlite3.Connection, *, guid: str, chat: int, handle: int, unix_s: float,
                text: str | None, from_me: bool, service: str = "iMessage",
                body_in_blob: bool = False, assoc: tuple[str, int] | None = None,
                item_type: int = 0, ns_dates: bool = True) -> int:
    date = apple_ns(unix_s) if ns_dates else int(apple_s(unix_s))
    blob = attributed_body(text) if (body_in_blob and text is not None) else None
    cur = con.execute(
        "INSERT INTO message (guid, text, handle_id, attributedBody, service, account, date, "
        "date_read, date_delivered, is_delivered, is_finished, is_from_me, is_read, is_sent, "
        "item_type, associated_message_guid, associated_message_type) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 1, 1, ?, 1, ?, ?, ?, ?)",
        (guid, None if body_in_blob else text, handle, blob, service, "e:", date,
         int(from_me), int(from_me), item_type, assoc[0] if assoc else None,
         assoc[1] if assoc else 0))
    mid = int(cur.lastrowid or 0)
    con.execute("INSERT INTO chat_message_join VALUES (?, ?, ?)", (chat, mid, date))
    return mid


def add_attachment(con: sqlite3.Connection, message_id: int, *, guid: str, filename: str,
                   mime: str, transfer_name: str, size: int) -> None:
    cur = con.execute(
        "INSERT INTO attachment (guid, filename, uti, mime_type, transfer_state, transfer_name, "
        "total_bytes) VALUES (?, ?, 'public.jpeg', ?, 5, ?, ?)",
        (guid, filename, mime, transfer_name, size))
    con.execute("INSERT INTO message_attachment_join VALUES (?, ?)", (message_id, cur.lastrowid))
    con.execute("UPDATE message SET cache_has_attachments = 1 WHERE ROWID = ?", (message_id,))


def new_call_history(path: Path) -> sqlite3.Connection:
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    con.executescript(CALL_HISTORY_SCHEMA)
    return con


def add_call(con: sqlite3.Connection, *, unix_s: float, address: str, duration: float,
             originated: bool, answered: bool, call_type: int = 1,
             provider: str = "com.apple.Telephony", uid: str = "") -> None:
    con.execute(
        "INSERT INTO ZCALLRECORD (Z_ENT, Z_OPT, ZANSWERED, ZCALLTYPE, ZHANDLE_TYPE, ZORIGINATED, "
        "ZREAD, ZDATE, ZDURATION, ZADDRESS, ZISO_COUNTRY_CODE, ZSERVICE_PROVIDER, ZUNIQUE_ID) "
        "VALUES (2, 1, ?, ?, 2, ?, 1, ?, ?, ?, 'gb', ?, ?)",
        (int(answered), call_type, int(originated), apple_s(unix_s), duration, address, provider,
         uid))


def backup_file_id(domain: str, rel: str) -> str:
    return hashlib.sha1(f"{domain}-{rel}".encode()).hexdigest()


def make_backup(root: Path, files: dict[tuple[str, str], bytes], encrypted: bool = False) -> None:
    """An iTunes/Finder backup folder: Manifest.db, Manifest.plist, Info.plist, Status.plist
    and each file under ``<first two hex>/<sha1>``."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "Manifest.plist").write_bytes(plistlib.dumps(
        {"IsEncrypted": encrypted, "Version": "10.0", "Date": "2024-05-01T09:00:00Z",
         "Lockdown": {"ProductVersion": "17.4.1", "DeviceName": "iPhone"}},
        fmt=plistlib.FMT_BINARY, sort_keys=True))
    (root / "Info.plist").write_bytes(plistlib.dumps(
        {"Device Name": "iPhone", "Product Type": "iPhone14,5", "Product Version": "17.4.1"},
        sort_keys=True))
    (root / "Status.plist").write_bytes(plistlib.dumps(
        {"IsFullBackup": False, "SnapshotState": "finished", "Version": "3.3"},
        fmt=plistlib.FMT_BINARY, sort_keys=True))
    if encrypted:
        (root / "Manifest.db").write_bytes(hashlib.sha256(b"ciphertext").digest() * 64)
        return
    mpath = root / "Manifest.db"
    if mpath.exists():
        mpath.unlink()
    man = sqlite3.connect(mpath)
    man.executescript(
        "CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, "
        "flags INTEGER, file BLOB);"
        "CREATE INDEX FilesDomainIdx ON Files(domain);"
        "CREATE INDEX FilesRelativePathIdx ON Files(relativePath);"
        "CREATE TABLE Properties (key TEXT PRIMARY KEY, value BLOB);")
    for (domain, rel), data in sorted(files.items()):
        fid = backup_file_id(domain, rel)
        (root / fid[:2]).mkdir(exist_ok=True)
        (root / fid[:2] / fid).write_bytes(data)
        man.execute("INSERT INTO Files VALUES (?, ?, ?, 1, NULL)", (fid, domain, rel))
    man.commit()
    man.close()
