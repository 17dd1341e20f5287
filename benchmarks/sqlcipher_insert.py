"""How much of an import is the database insert itself (issue 2's analysis).

    python benchmarks/sqlcipher_insert.py [--rows 100000]

Inserts prepared event rows (the real schema, 5,000-row executemany batches, one
transaction) with the standard `sqlite3` module and with `sqlcipher3`, keyed and unkeyed,
in the same run. docs/benchmarks.md quotes its per-row cost.
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


def run(module: str, keyed: bool, rows: list[tuple[object, ...]], folder: Path) -> float:
    db_path = folder / f"{module}-{keyed}.db"
    db = importlib.import_module(module).connect(str(db_path), isolation_level=None)
    if keyed:
        db.execute("PRAGMA key = \"x'" + "11" * 32 + "'\"")
    for pragma in ("temp_store=MEMORY", "journal_mode=DELETE", "cache_size=-65536"):
        db.execute(f"PRAGMA {pragma}")
    for stmt in split_statements(MIGRATIONS[0]):
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
    for k in range(0, len(rows), 5000):
        db.executemany(INSERT, rows[k:k + 5000])
    db.execute("COMMIT")
    dt = time.perf_counter() - t0
    db.close()
    return dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    n = ap.parse_args().rows
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


if __name__ == "__main__":
    main()
