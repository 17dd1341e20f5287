"""Import speed and memory for SMS Backup & Restore (issue 2's numbers).

    python benchmarks/import_sms.py [--sizes 100000 1000000]

For each size: generates a backup of realistic messages (cached in benchmarks/data/), times a
bare lxml iterparse pass over it (the baseline, same run), then a full import into a fresh
encrypted case, each in its own process so peak memory is measured separately; then
`verify` of the largest case. Targets: import <= 60 s and <= 3x the bare pass at 1,000,000;
peak memory <= 400 MB and flat across sizes; verify <= 20 s.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path
from xml.sax.saxutils import quoteattr

sys.path.insert(0, str(Path(__file__).parent))
from _util import DATA, PEAK_RSS, machine, run_measured  # noqa: E402

WORDS = ("you me why are not answering I know where saw today with your friend call back "
         "please stop it we need to talk love miss home work tonight outside car phone "
         "again never leave alone 😡 😢 ok sure the a is was at on in and but so").split()


def generate(path: Path, n: int) -> None:
    rng = random.Random(n)
    t = 1_700_000_000_000
    with path.open("w", encoding="utf-8") as fh:
        fh.write("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
        fh.write(f'<smses count="{n}" backup_set="bench" type="full">\n')
        for _ in range(n):
            t += rng.randrange(5_000, 400_000)
            body = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 30)))
            addr = f"+4477009{rng.randrange(100, 140):05d}"
            kind = 2 if rng.random() < 0.3 else 1
            fh.write(f'  <sms protocol="0" address="{addr}" date="{t}" type="{kind}" '
                     f'subject="null" body={quoteattr(body)} toa="null" sc_toa="null" '
                     f'service_center="null" read="1" status="-1" locked="0" '
                     f'date_sent="{t}" sub_id="1" readable_date="x" contact_name="null" />\n')
        fh.write("</smses>\n")


BARE = PEAK_RSS + """
import sys, time
from lxml import etree
t0 = time.perf_counter()
n = 0
for _, el in etree.iterparse(sys.argv[1], events=("end",), tag="sms"):
    n += 1
    el.clear()
    while el.getprevious() is not None:
        del el.getparent()[0]
print(json.dumps({"items": n, "seconds": round(time.perf_counter() - t0, 2),
                  "peak_mb": round(peak_mb(), 1)}))
"""

IMPORT = PEAK_RSS + """
import sys, time, shutil
from safecase.store.case import Case
case_dir = sys.argv[2]
shutil.rmtree(case_dir, ignore_errors=True)
with Case.create(case_dir, "benchmark passphrase") as case:
    t0 = time.perf_counter()
    s = case.import_path(sys.argv[1])
    dt = time.perf_counter() - t0
print(json.dumps({"events": s.events_added, "seconds": round(dt, 2),
                  "peak_mb": round(peak_mb(), 1)}))
"""

VERIFY = PEAK_RSS + """
import sys, time
from safecase.store.case import Case
from safecase.store.verify import verify_case
with Case.open(sys.argv[1], "benchmark passphrase") as case:
    t0 = time.perf_counter()
    rep = verify_case(case)
    dt = time.perf_counter() - t0
assert rep.ok, rep.problems
print(json.dumps({"events": rep.events, "seconds": round(dt, 2),
                  "peak_mb": round(peak_mb(), 1)}))
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = ap.parse_args()
    DATA.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    last_case = None
    for n in args.sizes:
        xml = DATA / f"sms-{n}.xml"
        if not xml.exists():
            generate(xml, n)
        mb = xml.stat().st_size / 2**20
        bare = run_measured(BARE, str(xml))
        case_dir = DATA / f"case-sms-{n}"
        imp = run_measured(IMPORT, str(xml), str(case_dir))
        ratio = imp["seconds"] / bare["seconds"]
        print(f"{n:>9,} messages ({mb:.0f} MB): bare iterparse {bare['seconds']} s; "
              f"import {imp['seconds']} s ({ratio:.2f}x); import peak {imp['peak_mb']} MB")
        last_case = case_dir
    if last_case:
        ver = run_measured(VERIFY, str(last_case))
        print(f"verify of {ver['events']:,} events: {ver['seconds']} s, peak {ver['peak_mb']} MB")
    for n in args.sizes:
        shutil.rmtree(DATA / f"case-sms-{n}", ignore_errors=True) if n != args.sizes[-1] else None


if __name__ == "__main__":
    main()
