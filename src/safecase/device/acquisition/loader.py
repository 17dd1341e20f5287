"""``--from PATH``: work out what a saved acquisition is and load it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from safecase.device.acquisition import androidqf, bugreport, ios
from safecase.device.acquisition.container import Container
from safecase.device.model import Acquisition
from safecase.errors import BadInput

WHAT_WE_READ = ("an androidqf folder or zip, an Android bugreport zip, "
                "or pymobiledevice3 JSON files")


def load_path(path: Path) -> Acquisition:
    path = Path(path)
    if not path.exists():
        raise BadInput(path, "does not exist")
    if path.name.endswith(".age"):
        raise BadInput(path, "is encrypted (androidqf --encrypt); decrypt it with its key "
                             "first, then give the decrypted zip")
    if path.is_file() and path.suffix.lower() == ".json":
        kind = ios.sniff_json(path.read_bytes())
        if kind is None:
            raise BadInput(path, "is not a JSON file pymobiledevice3 writes "
                                 "(apps list, lockdown info or profile list)")
        return ios.load_raws([(path.name, path.read_bytes(), kind)], str(path))
    if path.is_file() and not zipfile.is_zipfile(path):
        raise BadInput(path, f"is neither a folder nor a zip; give {WHAT_WE_READ}")
    with Container(path) as c:
        if not c.names():
            raise BadInput(path, f"is empty; give {WHAT_WE_READ}")
        if androidqf.looks_like(c):
            return androidqf.load(c)
        if bugreport.looks_like(c):
            return bugreport.load(c)
        members = ios.ios_members(c)
        if members:
            return ios.load(c, members)
    raise BadInput(path, f"is not {WHAT_WE_READ} (no packages.json, dumpsys.txt, "
                         "dumpstate text or pymobiledevice3 JSON in it)")
