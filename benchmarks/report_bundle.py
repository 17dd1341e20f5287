"""Benchmark: report (PDF + HTML) and bundle for a case of 100,000 events and 1,000 images.

    PYTHONPATH=src python benchmarks/report_bundle.py [--events 100000] [--images 1000]
                                                    [--dir /tmp/sc-bench] [--keep]

Steps: writes a synthetic SMS Backup & Restore file (messages, plus MMS each with its own
JPEG), imports it into a fresh case, adds detector signals and reviews for 2% of the
messages, then times, each in a fresh process so its peak memory is its own:
  1. the PDF and the HTML report;
  2. the bundle, with the report from step 1 inside (`safecase bundle --report`), and a
     plain read-and-write of the case's blobs, for the "plus copying the bytes" allowance;
     then verifying the bundle.
Peak memory is the larger of the process's own and its largest child's (typst runs in
child processes), from getrusage.
"""

from __future__ import annotations

import argparse
import base64
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import quoteattr

PASS = "benchmark passphrase"
ROOT = Path(__file__).resolve().parents[1]
WORDS = ("answer me now", "I know where you are", "why are you ignoring me", "pick up",
         "I saw you at the station", "you can't hide", "we need to talk", "call me back",
         "I'm outside", "don't ignore me", "you'll regret this", "I miss you")


def _jpeg(rng: random.Random, i: int) -> bytes:
    from PIL import Image, ImageDraw

    im = Image.new("RGB", (640, 480), (rng.randrange(256), rng.randrange(256), 120))
    d = ImageDraw.Draw(im)
    for _ in range(12):
        x, y = rng.randrange(600), rng.randrange(440)
        d.rectangle((x, y, x + rng.randrange(40, 200), y + rng.randrange(40, 200)),
                    fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    d.text((20, 20), f"photo {i}", fill=(255, 255, 255))
    out = io.BytesIO()
    im.save(out, "JPEG", quality=80)
    return out.getvalue()


def write_backup(path: Path, n_events: int, n_images: int) -> None:
    rng = random.Random(7)
    start = datetime(2022, 1, 1, tzinfo=UTC)
    step = timedelta(days=700) / n_events
    every = max(1, n_events // max(1, n_images))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
                 f'<smses count="{n_events}" backup_set="bench" type="full">\n')
        images = 0
        for i in range(n_events):
            t = int((start + step * i).timestamp() * 1000)
            addr = rng.choice(("+447700900456", "+447700900789", "+447700900111"))
            if i % every == 0 and images < n_images:
                data = base64.b64encode(_jpeg(rng, images)).decode()
                fh.write(f'  <mms date="{t}" msg_box="1" address="{addr}" m_type="132" '
                         f'contact_name="Alex" sub="null"><parts>'
                         f'<part seq="0" ct="image/jpeg" name="photo{images}.jpg" '
                         f'cl="photo{images}.jpg" data="{data}" />'
                         f'<part seq="1" ct="text/plain" name="null" text="look {images}" />'
                         f'</parts><addrs><addr address="{addr}" type="137" charset="106" />'
                         f'</addrs></mms>\n')
                images += 1
                continue
            body = f"{rng.choice(WORDS)} ({i}) {rng.choice(WORDS)} 😡" if i % 17 == 0 else \
                f"{rng.choice(WORDS)} ({i})"
            kind = 2 if i % 25 == 0 else 1
            if kind == 2 and i % 1000 == 0:
                body = "Please stop contacting me."
            fh.write(f'  <sms protocol="0" address="{addr}" date="{t}" type="{kind}" '
                     f'body={quoteattr(body)} read="1" contact_name="Alex" />\n')
        fh.write("</smses>\n")


def prepare(workdir: Path, n_events: int, n_images: int) -> dict:
    from safecase.store import ledger
    from safecase.store.case import Case

    workdir.mkdir(parents=True, exist_ok=True)
    backup = workdir / "sms-bench.xml"
    t0 = time.perf_counter()
    write_backup(backup, n_events, n_images)
    t1 = time.perf_counter()
    case_dir = workdir / "case"
    with Case.create(case_dir, PASS, tz="Europe/London", subject_name="Bench Mark") as case:
        case.import_path(backup)
        t2 = time.perf_counter()
        ids = [r[0] for r in case.db.execute("SELECT id FROM events WHERE text IS NOT NULL")]
        with case.transaction():
            for k, eid in enumerate(ids[::50]):
                case.db.execute(
                    "INSERT INTO signals(event_id, name, score, evidence, detector,"
                    " detector_version, created_at) VALUES(?,?,?,?,?,?,?)",
                    (eid, ("threat", "surveillance", "fixation")[k % 3], 0.8, "[]", "bench",
                     "1", ledger.now_utc()))
                if k % 2 == 0:
                    case.db.execute("INSERT INTO reviews(event_id, signal, decision, at) "
                                    "VALUES(?,?,?,?)", (eid, ("threat", "surveillance",
                                                              "fixation")[k % 3],
                                                        "confirmed", ledger.now_utc()))
            case.record("review", "bench", {"reviews": len(ids[::50]) // 2})
        n = case.db.execute("SELECT count(*) FROM events").fetchone()[0]
        x = case.db.execute("SELECT count(*) FROM exhibits").fetchone()[0]
    backup.unlink()
    return {"events": n, "exhibits": x, "generate_s": round(t1 - t0, 1),
            "import_s": round(t2 - t1, 1)}


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, child) / 1024, 1)


class TreeRss:
    """Samples the resident memory of this process and all its children together (the
    typst workers run at the same time as the parent), five times a second."""

    def __init__(self) -> None:
        import threading

        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree_kib(self) -> int:
        total = 0
        me = os.getpid()
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                with open(f"/proc/{pid}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
                if int(pid) != me and ppid != me:
                    continue
                with open(f"/proc/{pid}/status") as fh:
                    for line in fh:
                        if line.startswith("VmRSS:"):
                            total += int(line.split()[1])
            except (OSError, ValueError, IndexError):
                continue
        return total

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.peak = max(self.peak, self._tree_kib())

    def __enter__(self) -> TreeRss:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mib(self) -> float:
        return round(self.peak / 1024, 1)


def step_report(workdir: Path) -> dict:
    from safecase.report.html import render_html
    from safecase.report.model import ReportOptions, build_report
    from safecase.report.pdf import render_pdf
    from safecase.store.case import Case

    with Case.open(workdir / "case", PASS) as case, TreeRss() as tree:
        t0 = time.perf_counter()
        rep = build_report(case, ReportOptions())
        t1 = time.perf_counter()
        pages = render_pdf(rep, workdir / "report.pdf")
        t2 = time.perf_counter()
        render_html(rep, workdir / "report.html")
        t3 = time.perf_counter()
    return {"model_s": round(t1 - t0, 1), "pdf_s": round(t2 - t1, 1),
            "html_s": round(t3 - t2, 1), "total_s": round(t3 - t0, 1), "pages": pages,
            "pdf_mib": round((workdir / "report.pdf").stat().st_size / 2**20, 1),
            "html_mib": round((workdir / "report.html").stat().st_size / 2**20, 1),
            "peak_mib": _peak_mib(), "peak_tree_mib": tree.peak_mib,
            "workers": int(os.environ.get("SAFECASE_REPORT_WORKERS") or 0) or "default"}


def step_bundle(workdir: Path) -> dict:
    from safecase.report.bundle import verify_bundle, write_bundle
    from safecase.report.model import ReportOptions, build_report
    from safecase.store.case import Case

    out = workdir / "bundle.zip"
    with Case.open(workdir / "case", PASS) as case:
        t0 = time.perf_counter()
        rep = build_report(case, ReportOptions())
        # The report made in the previous step goes into the bundle (`--report`), as a
        # person who has just made and read their report would do.
        res = write_bundle(rep, out, report_pdf=workdir / "report.pdf")
        t1 = time.perf_counter()
    # The copying allowance: reading every blob and writing the same bytes, nothing else.
    t2 = time.perf_counter()
    copy = workdir / "copy.bin"
    with open(copy, "wb") as fh:
        for blob in (workdir / "case" / "blobs").rglob("*"):
            if blob.is_file():
                fh.write(blob.read_bytes())
    t3 = time.perf_counter()
    copy.unlink()
    t4 = time.perf_counter()
    ok = verify_bundle(out).ok
    t5 = time.perf_counter()
    return {"bundle_s": round(t1 - t0, 1), "copy_bytes_s": round(t3 - t2, 1),
            "bundle_mib": round(res.size / 2**20, 1), "verify_s": round(t5 - t4, 1),
            "verify_ok": ok, "peak_mib": _peak_mib()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--images", type=int, default=1000)
    ap.add_argument("--dir", type=Path, default=Path("/tmp/safecase-bench-report"))
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--step", choices=("report", "bundle"))
    ap.add_argument("--reuse", action="store_true", help="keep an already prepared case")
    args = ap.parse_args()
    if args.step:
        fn = step_report if args.step == "report" else step_bundle
        print(json.dumps(fn(args.dir)))
        return
    if args.reuse and (args.dir / "case").exists():
        results: dict = {"prepare": "reused"}
    else:
        if args.dir.exists():
            shutil.rmtree(args.dir)
        results = {"prepare": prepare(args.dir, args.events, args.images)}
    print(json.dumps(results["prepare"]), flush=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    results["machine"] = {"cpus": os.cpu_count(), "load_avg_1m": os.getloadavg()[0]}
    for step in ("report", "bundle"):
        proc = subprocess.run([sys.executable, __file__, "--step", step, "--dir",
                               str(args.dir)], capture_output=True, text=True, env=env)
        if proc.returncode:
            sys.exit(proc.stderr)
        results[step] = json.loads(proc.stdout.strip().splitlines()[-1])
        print(step, json.dumps(results[step]), flush=True)
    if not args.keep:
        shutil.rmtree(args.dir)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
