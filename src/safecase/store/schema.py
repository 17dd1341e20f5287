"""The case database schema and its migrations.

Migrations are numbered and only ever appended; ``migrate`` brings any older case up to
``SCHEMA_VERSION`` inside one transaction and records the step in the ledger.
"""

from __future__ import annotations

from typing import Any

MIGRATIONS: list[str] = [
    # 1: first release
    """
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE imports(
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, name TEXT NOT NULL, importer TEXT NOT NULL,
        importer_version TEXT NOT NULL, options TEXT NOT NULL, summary TEXT,
        events_digest TEXT, n_events INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE sources(
        id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
        name TEXT NOT NULL, member TEXT, importer TEXT NOT NULL, importer_version TEXT NOT NULL,
        imported_at TEXT NOT NULL, blob TEXT NOT NULL, import_id INTEGER REFERENCES imports(id));
    CREATE TABLE persons(
        id INTEGER PRIMARY KEY, name TEXT NOT NULL, is_self INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, note TEXT);
    CREATE TABLE identities(
        id INTEGER PRIMARY KEY, kind TEXT NOT NULL, platform TEXT NOT NULL, value TEXT NOT NULL,
        raw TEXT NOT NULL, display_name TEXT, person_id INTEGER REFERENCES persons(id),
        first_seen_ms INTEGER, UNIQUE(kind, platform, value));
    CREATE TABLE events(
        id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, kind TEXT NOT NULL,
        channel TEXT NOT NULL, direction TEXT NOT NULL, ts_ms INTEGER, raw_time TEXT NOT NULL,
        time_certainty TEXT NOT NULL, sender TEXT, sender_name TEXT, recipients TEXT NOT NULL,
        text TEXT, duration_s INTEGER, call_status TEXT, subject TEXT, extra TEXT NOT NULL,
        party_id INTEGER REFERENCES identities(id), source_id INTEGER REFERENCES sources(id),
        locator TEXT NOT NULL, import_id INTEGER REFERENCES imports(id),
        version INTEGER NOT NULL DEFAULT 1, supersedes INTEGER REFERENCES events(id),
        superseded_by INTEGER REFERENCES events(id), removed INTEGER NOT NULL DEFAULT 0,
        content_hash TEXT NOT NULL);
    CREATE INDEX events_ts ON events(ts_ms);
    CREATE INDEX events_party ON events(party_id, ts_ms);
    CREATE INDEX events_import ON events(import_id);
    CREATE TABLE exhibits(
        id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, size INTEGER NOT NULL,
        name TEXT NOT NULL, mime TEXT, kind TEXT NOT NULL, blob TEXT NOT NULL,
        derived_from INTEGER REFERENCES exhibits(id), source_id INTEGER REFERENCES sources(id),
        added_at TEXT NOT NULL, extra TEXT NOT NULL);
    CREATE TABLE event_exhibits(
        event_id INTEGER NOT NULL REFERENCES events(id),
        exhibit_id INTEGER NOT NULL REFERENCES exhibits(id), name TEXT NOT NULL,
        PRIMARY KEY(event_id, exhibit_id, name));
    CREATE INDEX event_exhibits_exhibit ON event_exhibits(exhibit_id);
    CREATE TABLE signals(
        id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events(id),
        name TEXT NOT NULL, score REAL NOT NULL, evidence TEXT NOT NULL, detector TEXT NOT NULL,
        detector_version TEXT NOT NULL, created_at TEXT NOT NULL,
        UNIQUE(event_id, name, detector));
    CREATE INDEX signals_name ON signals(name);
    CREATE TABLE reviews(
        id INTEGER PRIMARY KEY, event_id INTEGER NOT NULL REFERENCES events(id),
        signal TEXT NOT NULL, decision TEXT NOT NULL CHECK(decision IN ('confirmed','dismissed')),
        at TEXT NOT NULL, note TEXT);
    CREATE INDEX reviews_event ON reviews(event_id);
    CREATE TABLE ledger(
        seq INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL,
        payload TEXT NOT NULL, payload_sha256 TEXT NOT NULL, prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL);
    CREATE TRIGGER ledger_no_update BEFORE UPDATE ON ledger
        BEGIN SELECT RAISE(ABORT, 'the custody ledger is append-only'); END;
    CREATE TRIGGER ledger_no_delete BEFORE DELETE ON ledger
        BEGIN SELECT RAISE(ABORT, 'the custody ledger is append-only'); END;
    """,
    # 2: indexes for paging through live events in time order (the web timeline, newest or
    # oldest first, and one identity's events) without sorting the whole table, and for
    # counting live events per identity from the index alone. The expression and the
    # directions match ``queries.iter_events``' ORDER BY (timeless events last).
    """
    CREATE INDEX events_live_newest ON events(removed, superseded_by, (ts_ms IS NULL) DESC,
        ts_ms, id);
    CREATE INDEX events_live_oldest ON events(removed, superseded_by, (ts_ms IS NULL), ts_ms, id);
    CREATE INDEX events_live_party ON events(removed, superseded_by, party_id,
        (ts_ms IS NULL) DESC, ts_ms, id);
    """,
]

SCHEMA_VERSION = len(MIGRATIONS)


def current_version(db: Any) -> int:
    row = db.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name='meta'"
    ).fetchone()
    if row is None:
        return 0
    row = db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    return int(row[0]) if row else 0


def pending(db: Any) -> list[tuple[int, str]]:
    """The migrations (number, SQL) this database still needs."""
    have = current_version(db)
    return [(i + 1, sql) for i, sql in enumerate(MIGRATIONS) if i + 1 > have]


def split_statements(sql: str) -> list[str]:
    """Splits a script into complete statements (trigger bodies contain semicolons)."""
    import sqlite3

    out, buf = [], ""
    for part in sql.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    return out


def apply(db: Any, number: int, sql: str) -> None:
    """Runs one migration's statements inside the caller's transaction."""
    for stmt in split_statements(sql):
        db.execute(stmt)
    db.execute(
        "INSERT INTO meta(key, value) VALUES('schema_version', ?) "
        "ON CONFLICT(key) DO UPDATE SET value=excluded.value",
        (str(number),),
    )
