"""Benchmark: parse a synthetic mbox of N messages through the ``mbox`` importer.

    PYTHONPATH=src python benchmarks/import_mbox.py            # 10,000 and 100,000 messages
    PYTHONPATH=src python benchmarks/import_mbox.py --sizes 1000 10000

Each size runs in a fresh child process so its peak resident memory (ru_maxrss) is its
own; the target (issue 3) is 100,000 messages in at most 60 s with peak memory flat
when the file grows tenfold. The mbox is synthetic (no case content) and is written to
a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BODY = (
    "Sam, I know you read these. I saw your car outside the office again today and I\n"
    "waited until six. You can't just stop answering me after everything. =F0=9F=98=A1\n"
    "Call me back tonight or I will come round.\n"
)


def write_mbox(path: Path, n: int) -> None:
    """A realistic mix: 3 in 4 messages single-part text, 1 in 4 multipart/alternative
    (text + HTML), and 1 in 20 of those with a small attachment."""
    attachment = base64.encodebytes(bytes(range(256)) * 8).decode()
    with path.open("wb") as fh:
        for i in range(n):
            day = 1 + i % 28
            hh, mm, ss = (i // 3600) % 24, (i // 60) % 60, i % 60
            head = (
                f"From alex.morgan@example.com Sun Mar {day:2d} {hh:02d}:{mm:02d}:{ss:02d} 2024\n"
                f"Return-Path: <alex.morgan@example.com>\n"
                f"Received: from mail.example.com (mail.example.com [192.0.2.7])\n"
                f"\tby mx.example.org with ESMTPS id {i:08x}; Sun, {day} Mar 2024 {hh:02d}:{mm:02d}:{ss:02d} +0000\n"
                f"From: Alex Morgan <alex.morgan@example.com>\n"
                f"To: Sam Carter <sam.carter@example.org>\n"
                f"Subject: message {i}\n"
                f"Date: Sun, {day} Mar 2024 {hh:02d}:{mm:02d}:{ss:02d} +0000\n"
                f"Message-ID: <{i}.bench@example.com>\n"
                f"MIME-Version: 1.0\n"
            )
            if i % 4:
                body = ("Content-Type: text/plain; charset=utf-8\n"
                        f"Content-Transfer-Encoding: quoted-printable\n\n{BODY}\n")
            else:
                extra = ""
                if i % 20 == 0:
                    extra = ("--b\nContent-Type: application/octet-stream; name=\"log.bin\"\n"
                             "Content-Disposition: attachment; filename=\"log.bin\"\n"
                             f"Content-Transfer-Encoding: base64\n\n{attachment}\n")
                body = ('Content-Type: multipart/mixed; boundary="b"\n\n'
                        "--b\nContent-Type: text/plain; charset=utf-8\n"
                        f"Content-Transfer-Encoding: quoted-printable\n\n{BODY}\n"
                        f"{extra}--b--\n\n")
            fh.write((head + body).encode())


def child(path: str) -> None:
    from zoneinfo import ZoneInfo

    from safecase.importers.base import ImportContext
    from safecase.importers.mbox import MboxImporter

    ctx = ImportContext(tz=ZoneInfo("Europe/London"), me=["sam.carter@example.org"])
    t0 = time.perf_counter()
    count = chars = 0
    for ev in MboxImporter().parse(Path(path), ctx):
        count += 1
        chars += len(ev.text or "")
    elapsed = time.perf_counter() - t0
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"messages": count, "seconds": round(elapsed, 2), "peak_rss_mib": round(peak_kib / 1024, 1),
                      "text_chars": chars}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            path = Path(tmp) / f"bench-{n}.mbox"
            write_mbox(path, n)
            size_mib = path.stat().st_size / (1024 * 1024)
            out = subprocess.run([sys.executable, __file__, "--child", str(path)], check=True,
                                 capture_output=True, text=True, env=os.environ)
            result = json.loads(out.stdout)
            result["file_mib"] = round(size_mib, 1)
            print(json.dumps(result))
            path.unlink()


if __name__ == "__main__":
    main()
