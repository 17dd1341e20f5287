"""A phone connected now, over adb (USB debugging on).

Everything here only reads: ``pm list``, ``dumpsys``, ``settings list``, ``getprop`` and
``cmd package query-activities``; with ``pull_apks`` also ``pm path``, ``stat`` and
``exec-out cat`` of each third-party APK. Nothing is installed, changed or deleted on the
phone, and nothing is written to this computer's disk: outputs stay in memory until they
are stored, encrypted, in the case. Pulled APKs are never stored at all: only their
SHA-256, size and signing-certificate digests go into ``apk_certificates.jsonl``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
from collections.abc import Callable
from typing import Any

from safecase.device.acquisition.builder import Builder
from safecase.device.model import Acquisition, RawOutput
from safecase.device.parsers.apk import apk_certificates
from safecase.device.parsers.pm_list import parse_pm_names, pm_list_failed
from safecase.errors import SafecaseError, UserError

TIMEOUT_S = 180
# --pull-apks limits: an APK larger than this is skipped (with a note) rather than read
# into memory; after this many apps the rest are skipped (with a note).
MAX_APK_BYTES = 300 * 1024 * 1024
MAX_APKS = 400
APK_RECORD = "apk_certificates.jsonl"
# What a package name and an APK path may look like before they go into a shell command
# line on the phone: the phone's own answers are not trusted to be harmless.
PACKAGE_RE = re.compile(r"^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$")
APK_PATH_RE = re.compile(r"^/[A-Za-z0-9._/=+~@-]+\.apk$")

# (artefact kind, raw output name, shell command). ``pm`` commands get the ``--user 0``
# retry: on phones with a work profile or a second user, plain ``pm list`` can fail with
# "Shell does not have permission to access user N".
COMMANDS: list[tuple[str, str, str]] = [
    ("pm_list", "pm_list_packages.txt", "pm list packages -f -i -U -u"),
    ("pm_list_disabled", "pm_list_packages_d.txt", "pm list packages -d"),
    ("pm_list_system", "pm_list_packages_s.txt", "pm list packages -s"),
    ("pm_list_third_party", "pm_list_packages_3.txt", "pm list packages -3"),
    ("dumpsys_package", "dumpsys_package.txt", "dumpsys package"),
    ("dumpsys_accessibility", "dumpsys_accessibility.txt", "dumpsys accessibility"),
    ("dumpsys_device_policy", "dumpsys_device_policy.txt", "dumpsys device_policy"),
    ("dumpsys_notification", "dumpsys_notification.txt", "dumpsys notification"),
    ("dumpsys_appops", "dumpsys_appops.txt", "dumpsys appops"),
    ("settings_secure", "settings_secure.txt", "settings list secure"),
    ("settings_global", "settings_global.txt", "settings list global"),
    ("settings_system", "settings_system.txt", "settings list system"),
    ("getprop", "getprop.txt", "getprop"),
    ("launcher", "launcher_activities.txt",
     "cmd package query-activities --brief -a android.intent.action.MAIN "
     "-c android.intent.category.LAUNCHER"),
]


def adb_path() -> str:
    found = shutil.which(os.environ.get("SAFECASE_ADB", "adb"))
    if not found:
        raise UserError("adb was not found; install Android platform-tools (it contains adb) "
                        "and try again")
    return found


class Adb:
    def __init__(self, serial: str) -> None:
        self.serial = serial
        self.exe = adb_path()

    def _run(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run([self.exe, "-s", self.serial, *args], capture_output=True,
                                  timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise UserError(f"the phone {self.serial} stopped answering adb "
                            f"(waited {TIMEOUT_S} s for: {' '.join(args)})") from None
        except OSError as err:
            raise UserError(f"adb could not be started: {err.strerror}") from None

    def check_state(self) -> None:
        r = self._run("get-state")
        state = r.stdout.decode(errors="replace").strip()
        err = r.stderr.decode(errors="replace").strip().lower()
        if r.returncode == 0 and state == "device":
            return
        if "unauthorized" in err or state == "unauthorized":
            raise UserError(f"the phone {self.serial} has not allowed this computer yet: "
                            "unlock it and tap 'Allow' on the USB debugging question")
        if "not found" in err or r.returncode != 0:
            raise UserError(f"no phone with serial {self.serial} is connected "
                            "(see 'adb devices'; is USB debugging on?)")
        raise UserError(f"the phone {self.serial} is not ready (adb says: {state or err})")

    def shell(self, command: str) -> tuple[int, bytes]:
        r = self._run("shell", command)
        return r.returncode, r.stdout + (r.stderr if r.returncode else b"")

    def exec_out(self, command: str) -> tuple[int, bytes]:
        """Binary-safe output (``adb shell`` may turn \\n into \\r\\n on old phones)."""
        r = self._run("exec-out", command)
        return r.returncode, r.stdout


def acquire(serial: str, pull_apks: bool = False) -> Acquisition:
    adb = Adb(serial)
    adb.check_state()
    b = Builder("adb", serial)
    for kind, name, command in COMMANDS:
        rc, out = adb.shell(command)
        if command.startswith("pm ") and (rc != 0 or pm_list_failed(out.decode(errors="replace"))):
            command = f"{command} --user 0"
            rc, out = adb.shell(command)
        raw = RawOutput(name, out, command=f"adb -s {serial} shell {command}")
        if rc != 0:
            b.keep(raw)
            b.note(f"'{command}' failed (exit {rc}); the checks that need it are incomplete")
            continue
        if not out.strip() and not kind.startswith("pm_list_"):
            # An empty -d/-s/-3 list is an answer (no such apps); anything else is not.
            b.keep(raw)
            b.note(f"'{command}' answered nothing; the checks that need it are incomplete")
            continue
        b.add(kind, raw)
    if pull_apks:
        third_party = _third_party_names(b)
        if third_party is None:
            b.note("the list of third-party apps could not be read, so no APKs were read "
                   "and signing certificates were not checked")
        else:
            b.add("apk_certificates", pull_apk_certificates(adb, third_party, b.note))
    return b.finish()


def _third_party_names(b: Builder) -> list[str] | None:
    for raw in b.acq.raws:
        if raw.name == "pm_list_packages_3.txt" and "pm_list_third_party" in b.art.seen:
            return sorted(parse_pm_names(raw.text()))
    return None


def _apk_path(answer: str) -> str | None:
    """The base APK from ``pm path`` (split APKs share the base's signer)."""
    paths = [ln.strip()[len("package:"):] for ln in answer.splitlines()
             if ln.strip().startswith("package:")]
    for p in paths:
        if p.endswith("/base.apk"):
            return p
    return paths[0] if paths else None


def pull_apk_certificates(adb: Adb, packages: list[str],
                          note: Callable[[str], None]) -> RawOutput:
    """Read each package's APK into memory and record its signing certificates.

    Returns the ``apk_certificates.jsonl`` raw output: one line per package with the
    APK's path, SHA-256, size and certificates, or why it was skipped. The APK bytes are
    dropped as soon as they are hashed and parsed.
    """
    lines: list[str] = []

    def row(pkg: str, **fields: Any) -> None:
        lines.append(json.dumps({"package": pkg, **fields}, sort_keys=True))

    if len(packages) > MAX_APKS:
        note(f"{len(packages)} third-party apps; only the first {MAX_APKS} APKs were read "
             "for signing certificates")
    for pkg in packages[:MAX_APKS]:
        if not PACKAGE_RE.match(pkg):
            row(pkg, skipped="the package name has characters a package name cannot have")
            note(f"{pkg}: odd package name, its APK was not read")
            continue
        rc, out = adb.shell(f"pm path {pkg}")
        if rc != 0 and pm_list_failed(out.decode(errors="replace")):
            rc, out = adb.shell(f"pm path {pkg} --user 0")   # same retry as pm list
        path = _apk_path(out.decode(errors="replace")) if rc == 0 else None
        if path is None:
            row(pkg, skipped=f"'pm path {pkg}' gave no APK path (exit {rc})")
            note(f"{pkg}: 'pm path' gave no APK path; its certificate was not checked")
            continue
        if not APK_PATH_RE.match(path):
            row(pkg, path=path, skipped="the APK path has unexpected characters")
            note(f"{pkg}: unexpected APK path, not read")
            continue
        rc, out = adb.shell(f"stat -c %s {path}")
        size_text = out.decode(errors="replace").strip()
        if rc != 0 or not size_text.isdigit():
            row(pkg, path=path, skipped=f"the APK size could not be read (exit {rc})")
            note(f"{pkg}: the APK size could not be read; its certificate was not checked")
            continue
        if int(size_text) > MAX_APK_BYTES:
            row(pkg, path=path, apk_size=int(size_text), skipped="larger than "
                f"{MAX_APK_BYTES // (1024 * 1024)} MB")
            note(f"{pkg}: the APK is {int(size_text) // (1024 * 1024)} MB, over the "
                 f"{MAX_APK_BYTES // (1024 * 1024)} MB limit; its certificate was not checked")
            continue
        rc, data = adb.exec_out(f"cat {path}")
        if rc != 0 or len(data) != int(size_text):
            row(pkg, path=path, skipped=f"reading the APK failed (exit {rc}, "
                f"{len(data)} of {size_text} bytes)")
            note(f"{pkg}: the APK could not be read whole; its certificate was not checked")
            continue
        digest, size = hashlib.sha256(data).hexdigest(), len(data)
        try:
            certs = apk_certificates(data, f"{pkg} APK")
        except SafecaseError as err:
            row(pkg, path=path, apk_sha256=digest, apk_size=size, error=str(err))
            note(f"{err}; its certificate was not checked")
            continue
        finally:
            del data
        if not certs:
            note(f"{pkg}: the APK carries no signature that SafeCase can read")
        row(pkg, path=path, apk_sha256=digest, apk_size=size,
            certificates=[c.to_dict() for c in certs])
    text = "".join(ln + "\n" for ln in lines)
    return RawOutput(APK_RECORD, text.encode(), command=(
        f"adb -s {adb.serial} shell pm path PKG; stat -c %s APK; exec-out cat APK "
        "(read in memory; only digests kept)"))
