"""A saved androidqf acquisition (the folder it writes, or that folder zipped).

androidqf (github.com/mvt-project/androidqf) writes into a folder named by a UUID:
``acquisition.json``, ``packages.json``, ``getprop.txt``, ``settings_secure.txt``,
``settings_global.txt``, ``settings_system.txt``, ``dumpsys.txt`` (a full ``dumpsys``),
``processes.txt``, ``services.txt``, ``root_binaries.json``, ``selinux.txt``, ``env.txt``,
``logcat.txt``, ``files.json``, ``hashes.csv``, ``command.log``, ``backup.ab``,
``bugreport.zip``, ``apks/``, ``logs/``. We read the first group; the rest is kept where
it is (logs, backups and APK copies are not part of this check).
"""

from __future__ import annotations

from safecase.device.acquisition.builder import Builder
from safecase.device.acquisition.container import Container
from safecase.device.model import Acquisition, RawOutput

# file name -> artefact kind (None: kept as evidence, not parsed)
FILES: dict[str, str | None] = {
    "acquisition.json": None,
    "packages.json": "androidqf_packages",
    "getprop.txt": "getprop",
    "settings_secure.txt": "settings_secure",
    "settings_global.txt": "settings_global",
    "settings_system.txt": "settings_system",
    "dumpsys.txt": "dumpsys_full",
    "root_binaries.json": "root_binaries",
    "processes.txt": None,
    "services.txt": None,
    "selinux.txt": None,
}

MARKERS = ("packages.json", "dumpsys.txt")


def looks_like(c: Container) -> bool:
    return any(c.find(m) for m in MARKERS)


def load(c: Container) -> Acquisition:
    b = Builder("androidqf", str(c.path))
    for fname, kind in FILES.items():
        member = c.find(fname)
        if member is None:
            if kind is not None:
                b.note(f"{fname} is not in this acquisition")
            continue
        raw = RawOutput(fname, c.read(member), command=member)
        if kind is None:
            b.keep(raw)
        elif kind == "dumpsys_full":
            b.add_dumpsys_full(raw)
        else:
            b.add(kind, raw)
    return b.finish()
