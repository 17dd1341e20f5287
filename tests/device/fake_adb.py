"""A stand-in for ``adb`` that replays a phone's recorded outputs (tests only).

Put on PATH as ``adb`` (conftest does). Environment:
  FAKE_ADB_PHONE   folder of recorded outputs (tests/device/fixtures/<phone>/)
  FAKE_ADB_SERIAL  the serial of the one connected phone
  FAKE_ADB_STATE   "device" (default) or "unauthorized"
  FAKE_ADB_LOG     file that receives one line per command, to prove we only read
  FAKE_ADB_APKS    folder of ``<package>.apk`` files served by ``pm path``, ``stat -c %s``
                   and ``exec-out cat`` (for --pull-apks); a package without a file is
                   unknown to ``pm path``
  FAKE_ADB_PM_PATH_USER_0  when set, ``pm path`` fails unless given ``--user 0``

In the phone folder, ``commands.txt`` may add or override "command<TAB>file" pairs; a
file name of ``!error`` makes that command fail the way pm does on phones that need
``--user 0``.
"""

import os
import sys
from pathlib import Path

DEFAULT = {
    "pm list packages -f -i -U -u": "pm_list_packages.txt",
    "pm list packages -d": "pm_list_packages_d.txt",
    "pm list packages -s": "pm_list_packages_s.txt",
    "pm list packages -3": "pm_list_packages_3.txt",
    "dumpsys package": "dumpsys_package.txt",
    "dumpsys accessibility": "dumpsys_accessibility.txt",
    "dumpsys device_policy": "dumpsys_device_policy.txt",
    "dumpsys notification": "dumpsys_notification.txt",
    "dumpsys appops": "dumpsys_appops.txt",
    "settings list secure": "settings_secure.txt",
    "settings list global": "settings_global.txt",
    "settings list system": "settings_system.txt",
    "getprop": "getprop.txt",
    "cmd package query-activities --brief -a android.intent.action.MAIN "
    "-c android.intent.category.LAUNCHER": "launcher_activities.txt",
}

PM_USER_ERROR = (b"Exception occurred while executing 'list':\njava.lang.SecurityException: "
                 b"Shell does not have permission to access user 150\n com.android.server.am."
                 b"ActivityManagerService.handleIncomingUser(ActivityManagerService.java:15136)\n")


def main(argv: list[str]) -> int:
    phone = Path(os.environ["FAKE_ADB_PHONE"])
    serial = os.environ.get("FAKE_ADB_SERIAL", "FAKE0001")
    log = os.environ.get("FAKE_ADB_LOG")
    if log:
        with open(log, "a") as fh:
            fh.write(" ".join(argv) + "\n")
    if len(argv) >= 2 and argv[0] == "-s":
        if argv[1] != serial:
            sys.stderr.write(f"error: device '{argv[1]}' not found\n")
            return 1
        argv = argv[2:]
    if argv == ["get-state"]:
        state = os.environ.get("FAKE_ADB_STATE", "device")
        if state != "device":
            sys.stderr.write(f"error: device {state}.\n")
            return 1
        print("device")
        return 0
    if argv and argv[0] in ("shell", "exec-out"):
        served = serve_apk(argv[0], " ".join(argv[1:]))
        if served is not None:
            return served
    if not argv or argv[0] != "shell":
        sys.stderr.write("fake adb: only get-state, shell and APK reads are recorded\n")
        return 1
    command = " ".join(argv[1:])
    table = dict(DEFAULT)
    extra = phone / "commands.txt"
    if extra.is_file():
        for line in extra.read_text().splitlines():
            if "\t" in line:
                cmd, fname = line.split("\t", 1)
                table[cmd] = fname
    fname = table.get(command)
    if fname is None and command.endswith(" --user 0"):
        fname = table.get(command[: -len(" --user 0")])
    if fname == "!error":
        sys.stderr.buffer.write(PM_USER_ERROR)
        return 255
    if fname is None or not (phone / fname).is_file():
        sys.stderr.write(f"/system/bin/sh: {argv[1]}: inaccessible or not found\n")
        return 127
    sys.stdout.buffer.write((phone / fname).read_bytes())
    return 0


APK_DIR = "/data/app/~~FakeInstall==/"


def serve_apk(how: str, command: str) -> int | None:
    """Answer ``pm path``, ``stat -c %s`` and ``exec-out cat`` from FAKE_ADB_APKS."""
    folder = os.environ.get("FAKE_ADB_APKS")
    if not folder:
        return None
    apks = Path(folder)
    if how == "shell" and command.startswith("pm path "):
        pkg = command[len("pm path "):]
        if os.environ.get("FAKE_ADB_PM_PATH_USER_0"):
            if not pkg.endswith(" --user 0"):
                sys.stderr.buffer.write(PM_USER_ERROR)
                return 255
            pkg = pkg[: -len(" --user 0")]
        if not (apks / f"{pkg}.apk").is_file():
            return 1          # what pm does for a package it does not know: no output
        print(f"package:{APK_DIR}{pkg}-1/base.apk")
        return 0
    for prefix in ("stat -c %s ", "cat "):
        if command.startswith(prefix) and command[len(prefix):].startswith(APK_DIR):
            if (how == "exec-out") != (prefix == "cat "):
                return None
            pkg = command[len(prefix) + len(APK_DIR):].split("-1/")[0]
            f = apks / f"{pkg}.apk"
            if not f.is_file():
                sys.stderr.write("No such file or directory\n")
                return 1
            if prefix == "cat ":
                sys.stdout.buffer.write(f.read_bytes())
            else:
                print(f.stat().st_size)
            return 0
    return None


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
