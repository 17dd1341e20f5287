"""Device check timings (not part of the test suite).

1. A saved androidqf acquisition of a phone with 400 packages (generated here, in the
   formats the fixtures use) is loaded and scanned: target <= 5 s.
2. 10,000 package names (and as many certificates) are matched against the full
   indicator list: target <= 1 s.

Run:  PYTHONPATH=src python benchmarks/device_scan.py [--indicators ioc.yaml]
The Echap list is read from --indicators, else SAFECASE_ECHAP_DIR/ioc.yaml, else
/work/shared/data/stalkerware-indicators/ioc.yaml.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from safecase.device import scan
from safecase.device.acquisition import load_path
from safecase.device.indicators import load_files

FIX = Path(__file__).resolve().parent.parent / "tests" / "device" / "fixtures" / "stalkerware"
RULE = "-" * 79
PERMS = ["android.permission.READ_SMS", "android.permission.CAMERA",
         "android.permission.RECORD_AUDIO", "android.permission.ACCESS_FINE_LOCATION",
         "android.permission.INTERNET", "android.permission.READ_CONTACTS"]


def phone(n: int, listed: list[str], rng: random.Random) -> tuple[str, str, str]:
    """(packages.json, dumpsys package, dumpsys appops) for n packages, 3 of them listed."""
    names = [f"com.vendor{i // 40}.app{i}" for i in range(n - 3)] + listed[:3]
    rows, blocks, ops = [], ["Activity Resolver Table:", "  Non-Data Actions:",
                             "      android.intent.action.MAIN:"], []
    for i, name in enumerate(names):
        system = i < n // 2
        blocks.append(f"        {i:07x} {name}/.Main filter {i + 7:07x}")
    blocks += ["", "Packages:"]
    for i, name in enumerate(names):
        system = i < n // 2
        uid = 10000 + i
        installer = "com.android.vending" if rng.random() < 0.9 else "null"
        rows.append({"name": name, "installer": installer, "uid": uid, "disabled": False,
                     "system": system, "third_party": not system,
                     "files": [{"path": f"/data/app/{name}/base.apk", "certificate": {
                         "Sha1": f"{rng.getrandbits(160):040X}", "Md5": "", "Sha256": ""}}]})
        granted = rng.sample(PERMS, 3)
        blocks += [f"  Package [{name}] ({i:07x}):", f"    appId={uid}",
                   f"    codePath=/data/app/{name}", "    versionName=1.0",
                   f"    flags=[ {'SYSTEM ' if system else ''}HAS_CODE ALLOW_CLEAR_USER_DATA ]",
                   "    timeStamp=2024-01-01 10:00:00", f"    installerPackageName={installer}",
                   "    requested permissions:", *[f"      {p}" for p in PERMS],
                   "    User 0: ceDataInode=1 installed=true hidden=false enabled=0",
                   "      runtime permissions:",
                   *[f"        {p}: granted=true, flags=[ USER_SET ]" for p in granted]]
        ops += [f"  Uid u0a{i}:", f"    Package {name}:", "      CAMERA (foreground):",
                "      FINE_LOCATION (allow):"]
    blocks.append("")
    return (json.dumps(rows), "\n".join(blocks),
            "Current AppOps Service state:\n" + "\n".join(ops) + "\n")


def write_acquisition(root: Path, n: int, listed: list[str]) -> Path:
    rng = random.Random(400)
    pkgs_json, dumpsys_pkg, appops = phone(n, listed, rng)
    root.mkdir(parents=True, exist_ok=True)
    (root / "packages.json").write_text(pkgs_json)
    for name in ("getprop.txt", "settings_secure.txt", "settings_global.txt",
                 "settings_system.txt"):
        (root / name).write_text((FIX / name).read_text())
    sections = {"accessibility": (FIX / "dumpsys_accessibility.txt").read_text(),
                "appops": appops,
                "device_policy": (FIX / "dumpsys_device_policy.txt").read_text(),
                "notification": (FIX / "dumpsys_notification.txt").read_text(),
                "package": dumpsys_pkg}
    (root / "dumpsys.txt").write_text("\n".join(
        f"{RULE}\nDUMP OF SERVICE {s}:\n{body.rstrip()}\n--------- 0.05s was the duration "
        f"of dumpsys {s}, ending at: 2024-02-16 05:15:47" for s, body in sections.items()))
    return root


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--indicators", type=Path)
    ap.add_argument("--packages", type=int, default=400)
    args = ap.parse_args()
    ioc_path = args.indicators or Path(os.environ.get(
        "SAFECASE_ECHAP_DIR", "/work/shared/data/stalkerware-indicators")) / "ioc.yaml"
    if not ioc_path.is_file():
        print(f"no indicator list at {ioc_path}; give --indicators", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    ind = load_files(ioc_path)
    t_load = time.perf_counter() - t0
    listed = sorted(ind.by_package)
    with tempfile.TemporaryDirectory() as tmp:
        root = write_acquisition(Path(tmp) / "acq", args.packages, listed)
        t0 = time.perf_counter()
        acq = load_path(root)
        result = scan(acq, ind)
        t_scan = time.perf_counter() - t0
    known = sum(1 for f in result.findings if f.id == "known-stalkerware")

    rng = random.Random(10_000)
    names = [f"com.example{rng.randrange(10**6)}.app{i}" for i in range(10_000 - 500)]
    names += rng.sample(listed, 500)
    certs = [f"{rng.getrandbits(160):040X}" for _ in range(10_000)]
    t0 = time.perf_counter()
    hits = sum(1 for n in names if ind.match_package(n)[0])
    hits += sum(1 for c in certs if ind.match_cert(c))
    t_match = time.perf_counter() - t0

    print(f"indicator list: {ioc_path} ({ind.counts()['packages']} packages, "
          f"{ind.counts()['certificates']} certificates), loaded in {t_load:.3f} s")
    print(f"scan of a saved androidqf acquisition with {len(acq.artefacts.packages)} "
          f"packages: {t_scan:.3f} s ({len(result.findings)} findings, {known} known "
          f"stalkerware)  [target <= 5 s]")
    print(f"matching 10,000 packages and 10,000 certificates: {t_match:.4f} s "
          f"({hits} hits)  [target <= 1 s]")
    ok = t_scan <= 5 and t_match <= 1 and known >= 3
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
