"""Runs one importer over one path in a fresh process and prints JSON:
events, seconds, peak RSS (resource) and peak Python heap (tracemalloc).

    python benchmarks/_child.py IMPORTER_NAME PATH [--me NAME] [--tracemalloc]
"""

from __future__ import annotations

import json
import resource
import sys
import time
import tracemalloc
from pathlib import Path
from zoneinfo import ZoneInfo

from safecase.importers.base import ImportContext
from safecase.importers.registry import importers


def main() -> None:
    name, path = sys.argv[1], Path(sys.argv[2])
    me = [sys.argv[sys.argv.index("--me") + 1]] if "--me" in sys.argv else []
    trace = "--tracemalloc" in sys.argv
    imp = importers()[name]()
    ctx = ImportContext(tz=ZoneInfo("Europe/London"), me=me)
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    n = 0
    for _ev in imp.parse(path, ctx):
        n += 1
    secs = time.perf_counter() - t0
    peak_heap = tracemalloc.get_traced_memory()[1] if trace else None
    print(json.dumps({"events": n, "seconds": secs,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "peak_heap_mib": None if peak_heap is None else peak_heap / 2**20}))


if __name__ == "__main__":
    main()
