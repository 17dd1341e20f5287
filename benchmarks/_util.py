"""Shared helpers for benchmark scripts: timing a child process and its peak memory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "benchmarks" / "data"


def run_measured(code: str, *args: str, env: dict[str, str] | None = None) -> dict[str, float]:
    """Runs ``python -c code args`` in a fresh process; returns wall seconds and peak RSS MB.
    The child prints a JSON object on its last line, merged into the result."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            text=True, env=full_env)
    out, _ = proc.communicate()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child failed ({proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
    result["wall_s"] = round(wall, 2)
    return result


PEAK_RSS = (
    "import resource, json\n"
    "def peak_mb():\n"
    "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
)


def machine() -> str:
    return f"{os.cpu_count()} cores, Python {sys.version.split()[0]}"


__all__ = ["run_measured", "PEAK_RSS", "DATA", "ROOT", "machine"]
