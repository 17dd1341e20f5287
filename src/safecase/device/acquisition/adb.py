"""A phone connected now, over adb (USB debugging on).

Everything here only reads: ``pm list``, ``dumpsys``, ``settings list``, ``getprop`` and
``cmd package query-activities``. Nothing is installed, changed or deleted on the phone,
and nothing is written to this computer's disk: outputs stay in memory until they are
stored, encrypted, in the case.
"""

from __future__ import annotations

import os
import shutil
import subprocess

from safecase.device.acquisition.builder import Builder
from safecase.device.model import Acquisition, RawOutput
from safecase.device.parsers.pm_list import pm_list_failed
from safecase.errors import UserError

TIMEOUT_S = 180

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


def acquire(serial: str) -> Acquisition:
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
    return b.finish()
