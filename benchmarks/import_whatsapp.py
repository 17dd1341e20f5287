"""WhatsApp import speed and memory.

    PYTHONPATH=src python benchmarks/import_whatsapp.py [--lines 1000000]

Target (issue 3): parsing a 1,000,000-line export takes at most 3x a bare line-splitting
pass with one regex match per line (the importer's own header regex), measured in the same
run; peak memory stays flat when the file is 10x larger. Timings are the best of
``--repeat`` interleaved runs (the machine is shared). Data is synthetic, written to a
temporary folder and removed afterwards.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import child  # noqa: E402

from safecase.importers.base import ImportContext  # noqa: E402
from safecase.importers.whatsapp import ANDROID_HEADER, WhatsAppImporter  # noqa: E402

WORDS = ("where are you why won't you answer I saw you today at the station please stop "
         "contacting me 😡 ok fine whatever I know where you live").split()


def generate(path: Path, lines: int, seed: int = 1) -> None:
    """Android, UK style, two senders, 5% multi-line messages, dates moving forwards."""
    rng = random.Random(seed)
    names = ("Alex Morgan", "Sam")
    t = 1_704_067_200  # 2024-01-01
    with path.open("w", encoding="utf-8", newline="\n") as f:
        f.write("01/01/2024, 00:00 - Messages and calls are end-to-end encrypted. No one "
                "outside of this chat, not even WhatsApp, can read or listen to them.\n")
        i = 1
        while i < lines:
            t += rng.randint(1, 240)
            tm = time.gmtime(t)
            text = " ".join(rng.choices(WORDS, k=rng.randint(2, 14)))
            f.write(f"{tm.tm_mday:02d}/{tm.tm_mon:02d}/{tm.tm_year}, {tm.tm_hour:02d}:"
                    f"{tm.tm_min:02d} - {names[i % 2]}: {text}\n")
            i += 1
            if rng.random() < 0.05 and i < lines:
                f.write("and another line of the same message\n")
                i += 1


def baseline(path: Path) -> float:
    t0 = time.perf_counter()
    match = ANDROID_HEADER.match
    with path.open(encoding="utf-8", newline="") as f:
        for line in f:
            match(line)
    return time.perf_counter() - t0


def importer_pass(path: Path) -> tuple[float, int]:
    ctx = ImportContext(tz=ZoneInfo("Europe/London"), me=["Sam"])
    t0 = time.perf_counter()
    n = sum(1 for _ in WhatsAppImporter().parse(path, ctx))
    return time.perf_counter() - t0, n


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--memory", action="store_true", help="also compare peak memory at "
                    "1/10 and full size in subprocesses")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as d:
        big = Path(d) / "WhatsApp Chat with Alex Morgan.txt"
        generate(big, args.lines)
        base = parse = float("inf")
        n = 0
        for _ in range(args.repeat):
            base = min(base, baseline(big))
            secs, n = importer_pass(big)
            parse = min(parse, secs)
        ratio = parse / base
        print(f"lines={args.lines:,} events={n:,} size={big.stat().st_size / 2**20:.0f} MiB")
        print(f"baseline (split + one regex per line): {base:.2f} s")
        print(f"importer parse:                        {parse:.2f} s  ratio {ratio:.2f}x "
              f"(target <= 3x: {'met' if ratio <= 3 else 'NOT met'})")
        if args.memory:
            small = Path(d) / "small.txt"
            generate(small, args.lines // 10)
            for label, p in (("1/10 size", small), ("full size", big)):
                r = child("whatsapp", p, "--me", "Sam")
                h = child("whatsapp", p, "--me", "Sam", "--tracemalloc")
                print(f"{label}: events={r['events']:,} peak RSS {r['peak_rss_mib']:.1f} MiB, "
                      f"peak Python heap {h['peak_heap_mib']:.1f} MiB")


if __name__ == "__main__":
    main()
