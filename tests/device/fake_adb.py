"""A stand-in for ``adb`` that replays a phone's recorded outputs (tests only).

Put on PATH as ``adb`` (conftest does). Environment:
  FAKE_ADB_PHONE   folder of recorded outputs (tests/device/fixtures/<phone>/)
  FAKE_ADB_SERIAL  the serial of the one connected phone
  FAKE_ADB_STATE   "device" (default) or "unauthorized"
  FAKE_ADB_LOG     file that receives one line per command, to prove we only read

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
    if not argv or argv[0] != "shell":
        sys.stderr.write("fake adb: only get-state and shell are recorded\n")
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


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
