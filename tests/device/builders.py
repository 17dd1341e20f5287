"""Assemble saved acquisitions (androidqf folder/zip, bugreport zip) from a phone's
recorded command outputs, the way those tools lay them out. Tests only."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
RULE = "-" * 79
SERVICES = ["accessibility", "appops", "device_policy", "notification", "package"]
STAMP = "2024-02-16 05:15:47"


def dumpsys_full(phone: str, truncate_last: bool = False) -> str:
    """A whole ``dumpsys`` as androidqf saves it: one section per service, with footers."""
    d = FIXTURES / phone
    parts = []
    for i, service in enumerate(SERVICES):
        body = (d / f"dumpsys_{service}.txt").read_text().rstrip("\n")
        last = i == len(SERVICES) - 1
        if last and truncate_last:
            body = "\n".join(body.splitlines()[: len(body.splitlines()) // 2])
            parts.append(f"{RULE}\nDUMP OF SERVICE {service}:\n{body}")
            break
        parts.append(f"{RULE}\nDUMP OF SERVICE {service}:\n{body}\n"
                     f"--------- 0.0{i + 1}2s was the duration of dumpsys {service}, "
                     f"ending at: {STAMP}")
    return "\n".join(parts) + "\n"


def androidqf_folder(phone: str, dest: Path, truncate: bool = False) -> Path:
    d = FIXTURES / phone
    root = dest / "6f1c2d3e-4b5a-4c7d-9e8f-0a1b2c3d4e5f"
    root.mkdir(parents=True)
    for f in (d / "androidqf").iterdir():
        shutil.copy(f, root / f.name)
    for name in ("getprop.txt", "settings_secure.txt", "settings_global.txt",
                 "settings_system.txt"):
        shutil.copy(d / name, root / name)
    (root / "dumpsys.txt").write_text(dumpsys_full(phone, truncate))
    (root / "processes.txt").write_text(
        "USER           PID  PPID     VSZ    RSS WCHAN            ADDR S NAME\n"
        "root             1     0 12752000 11860 do_epoll_wait       0 S init\n"
        "u0_a241       8812   971 16331324 98340 do_epoll_wait       0 S com.systemservice\n")
    return root


def zip_folder(folder: Path, dest: Path) -> Path:
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for f in sorted(folder.rglob("*")):
            if f.is_file():
                zf.write(f, f.relative_to(folder.parent).as_posix())
    return dest


def settings_provider_dump(phone: str) -> str:
    d = FIXTURES / phone
    out = []
    i = 1
    for ns in ("global", "secure", "system"):
        out.append(f"{ns.upper()} SETTINGS (user 0)")
        out.append("version: 213")
        for line in (d / f"settings_{ns}.txt").read_text().splitlines():
            key, _, value = line.partition("=")
            out.append(f"  _id:{i} name:{key} pkg:android value:{value} default:{value} "
                       "defaultSystemSet:true")
            i += 1
    return "\n".join(out)


def bugreport_zip(phone: str, dest: Path) -> Path:
    d = FIXTURES / phone
    name = "bugreport-a52qnsxx-TP1A.220624.014-2024-02-16-05-15-47.txt"
    text = "\n".join([
        "=" * 56, f"== dumpstate: {STAMP}", "=" * 56, "",
        "Build: TP1A.220624.014.A525FXXS6EWK1", "Bootloader: A525FXXS6EWK1",
        "Network: vodafone UK", "",
        "------ SYSTEM PROPERTIES (getprop) ------",
        (d / "getprop.txt").read_text().rstrip("\n"),
        "------ 0.041s was the duration of 'SYSTEM PROPERTIES' ------",
        "------ DUMPSYS (/system/bin/dumpsys) ------",
        dumpsys_full(phone).rstrip("\n"),
        f"{RULE}\nDUMP OF SERVICE settings:\n{settings_provider_dump(phone)}\n"
        f"--------- 0.020s was the duration of dumpsys settings, ending at: {STAMP}",
        "------ 12.201s was the duration of 'DUMPSYS' ------", "",
    ])
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("main_entry.txt", name)
        zf.writestr("version.txt", "2.0")
        zf.writestr(name, text)
        zf.writestr("FS/data/misc/logd/logcat", "--------- beginning of main\n")
    return dest
