"""iPhone sms.db import speed and memory.

    PYTHONPATH=src python benchmarks/import_smsdb.py [--messages 1000000]

Target (issue 3): an sms.db with 1,000,000 messages parses in at most 60 s; peak memory
stays flat when the database is 10x larger. The database is synthetic (the real iOS
schema from samples/lib/iphone_db.py; a third of the bodies only in attributedBody, 1%
tapbacks, 0.5% with an attachment), in a temporary folder removed afterwards.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "samples" / "lib"))
import iphone_db as ip  # noqa: E402
from _common import child  # noqa: E402

TEXTS = ["Can we talk?", "Answer me.\nNow.", "I saw you at the station today 👀",
         "Please stop contacting me.", "I know where you live", "ok", "Why are you ignoring me"]


def generate(path: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    con = ip.new_sms_db(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    handles = [ip.add_handle(con, f"+4477009{i:05d}") for i in range(50)]
    chats = [ip.add_chat(con, f"+4477009{i:05d}", [h]) for i, h in enumerate(handles)]
    blobs = {t: ip.attributed_body(t) for t in TEXTS}
    t0 = ip.apple_ns(1_704_067_200)
    rows, joins, att, att_join = [], [], [], []
    for i in range(1, n + 1):
        k = rng.randrange(50)
        text = TEXTS[rng.randrange(len(TEXTS))]
        in_blob = i % 3 == 0
        tapback = rng.random() < 0.01 and i > 1
        date = t0 + i * 30_000_000_000
        rows.append((i, f"G{i}", None if in_blob else text, handles[k],
                     blobs[text] if in_blob else None, "iMessage", date, i % 4 == 0,
                     f"p:0/G{i - 1}" if tapback else None, 2000 if tapback else 0,
                     1 if i % 200 == 0 else 0))
        joins.append((chats[k], i, date))
        if i % 200 == 0:
            aid = i // 200
            att.append((aid, f"A{i}", f"~/Library/SMS/Attachments/00/00/A{i}/x.jpg",
                        "image/jpeg", "x.jpg"))
            att_join.append((i, aid))
        if len(rows) >= 50_000:
            _flush(con, rows, joins, att, att_join)
    _flush(con, rows, joins, att, att_join)
    con.commit()
    con.close()


def _flush(con, rows, joins, att, att_join) -> None:  # type: ignore[no-untyped-def]
    con.executemany("INSERT INTO message (ROWID, guid, text, handle_id, attributedBody, service,"
                    " date, is_from_me, associated_message_guid, associated_message_type,"
                    " cache_has_attachments) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.executemany("INSERT INTO chat_message_join VALUES (?,?,?)", joins)
    con.executemany("INSERT INTO attachment (ROWID, guid, filename, mime_type, transfer_name)"
                    " VALUES (?,?,?,?,?)", att)
    con.executemany("INSERT INTO message_attachment_join VALUES (?,?)", att_join)
    rows.clear(), joins.clear(), att.clear(), att_join.clear()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--messages", type=int, default=1_000_000)
    ap.add_argument("--memory", action="store_true",
                    help="also measure the 1/10 size for the memory comparison")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        big = Path(d) / "sms.db"
        t = time.perf_counter()
        generate(big, args.messages)
        print(f"generated {args.messages:,} messages ({big.stat().st_size / 2**20:.0f} MiB) in "
              f"{time.perf_counter() - t:.1f} s")
        r = child("iphone-messages", big)
        print(f"full size: events={r['events']:,} parse {r['seconds']:.1f} s "
              f"(target <= 60 s: {'met' if r['seconds'] <= 60 else 'NOT met'}), "
              f"peak RSS {r['peak_rss_mib']:.1f} MiB")
        if args.memory:
            small = Path(d) / "small.db"
            generate(small, args.messages // 10)
            s = child("iphone-messages", small)
            print(f"1/10 size: events={s['events']:,} parse {s['seconds']:.1f} s, "
                  f"peak RSS {s['peak_rss_mib']:.1f} MiB")
            for label, p in (("1/10 size", small), ("full size", big)):
                h = child("iphone-messages", p, "--tracemalloc")
                print(f"{label}: peak Python heap {h['peak_heap_mib']:.1f} MiB")


if __name__ == "__main__":
    main()
