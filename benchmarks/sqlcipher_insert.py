"""How much of an import is the database insert itself (issue 2's analysis).

    python benchmarks/sqlcipher_insert.py [--rows 100000]

Inserts prepared event rows (the real schema, 5,000-row executemany batches, one
transaction) with the standard `sqlite3` module and with `sqlcipher3`, keyed and unkeyed,
in the same run. With --variants, also keyed sqlcipher3 with every migration's indexes
and: as the case opens it; foreign keys off; cipher memory security off; only the first
migration's indexes; the event indexes dropped and rebuilt at commit; all three off.
docs/benchmarks.md quotes its per-row costs.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import tempfile
import time
from pathlib import Path

from safecase.store.schema import MIGRATIONS, split_statements

INSERT = ("INSERT OR IGNORE INTO events(fingerprint, kind, channel, direction, ts_ms, raw_time,"
          " time_certainty, sender, sender_name, recipients, text, duration_s, call_status,"
          " subject, extra, party_id, source_id, locator, import_id, version, supersedes,"
          " content_hash) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")


def run(module: str, keyed: bool, rows: list[tuple[object, ...]], folder: Path, *,
        migrations: int = 1, foreign_keys: bool = False, memory_security: bool | None = None,
        rebuild_indexes: bool = False) -> float:
    db_path = folder / f"{module}-{keyed}-{migrations}-{foreign_keys}-{memory_security}-{rebuild_indexes}.db"
    db = importlib.import_module(module).connect(str(db_path), isolation_level=None)
    if keyed:
        db.execute("PRAGMA key = \"x'" + "11" * 32 + "'\"")
    if memory_security is not None:
        db.execute(f"PRAGMA cipher_memory_security = {'ON' if memory_security else 'OFF'}")
    for pragma in ("temp_store=MEMORY", "journal_mode=DELETE", "cache_size=-65536",
                   f"foreign_keys={'ON' if foreign_keys else 'OFF'}"):
        db.execute(f"PRAGMA {pragma}")
    for migration in MIGRATIONS[:migrations]:
        for stmt in split_statements(migration):
            db.execute(stmt)
    db.execute("INSERT INTO imports(at,name,importer,importer_version,options) "
               "VALUES('a','b','c','d','e')")
    db.execute("INSERT INTO sources(sha256,size,name,importer,importer_version,imported_at,blob)"
               " VALUES('x',1,'n','i','v','t','b')")
    db.execute("INSERT INTO persons(name,created_at) VALUES('p','t')")
    db.execute("INSERT INTO identities(kind,platform,value,raw,person_id) "
               "VALUES('phone','phone','+44','+44',1)")
    t0 = time.perf_counter()
    db.execute("BEGIN")
    indexes = []
    if rebuild_indexes:
        indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type='index' AND "
                             "tbl_name='events' AND sql IS NOT NULL").fetchall()
        for name, _ in indexes:
            db.execute(f"DROP INDEX {name}")
    for k in range(0, len(rows), 5000):
        db.executemany(INSERT, rows[k:k + 5000])
    for _, sql in indexes:
        db.execute(sql)
    db.execute("COMMIT")
    dt = time.perf_counter() - t0
    db.close()
    return dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--variants", action="store_true", help="also time the schema variants")
    args = ap.parse_args()
    n = args.rows
    rows = [(f"{1_700_000_000_000 + i * 1000:012x}{i:024x}", "message", "sms", "incoming",
             1_700_000_000_000 + i * 1000, str(1_700_000_000_000 + i * 1000), "exact",
             "+447700900123", None, "[]", "why are you not answering me I know where you are",
             None, None, None, "{}", 1, 1, f"sms[{i}] (line {i})", 1, 1, None,
             hashlib.sha256(str(i).encode()).hexdigest()) for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:  # synthetic rows only, no case content
        for module, keyed in (("sqlite3", False), ("sqlcipher3", False), ("sqlcipher3", True)):
            dt = run(module, keyed, rows, Path(tmp))
            print(f"{module:<10} keyed={keyed!s:<5} {n:,} rows: {dt:.2f} s "
                  f"({dt / n * 1e6:.1f} us/row)")
        if args.variants:
            every = len(MIGRATIONS)
            for label, kw in (
                ("as a case opens it", {"migrations": every, "foreign_keys": True}),
                ("foreign keys off", {"migrations": every}),
                ("memory security off", {"migrations": every, "foreign_keys": True,
                                         "memory_security": False}),
                ("first migration's indexes only", {"migrations": 1, "foreign_keys": True}),
                ("indexes rebuilt at commit", {"migrations": every, "foreign_keys": True,
                                               "rebuild_indexes": True}),
                ("all three off", {"migrations": every, "memory_security": False,
                                   "rebuild_indexes": True}),
            ):
                dt = run("sqlcipher3", True, rows, Path(tmp), **kw)
                print(f"sqlcipher3 keyed, {label:<31} {dt:.2f} s ({dt / n * 1e6:.1f} us/row)")


if __name__ == "__main__":
    main()
