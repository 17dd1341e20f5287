"""``dumpsys device_policy``: device administrators, device owner, profile owners.

::

      Device Owner:
        admin=ComponentInfo{com.example.mdm/com.example.mdm.Receiver}
        name=
        package=com.example.mdm
        User ID: 0
      Profile Owner (User 10):
        admin=ComponentInfo{...}
        package=...
      Enabled Device Admins (User 0, provisioningState: 3):
        com.google.android.gms/.mdm.receivers.MdmDeviceAdminReceiver:
          uid=10105
          policies:
            wipe-data
            force-lock
"""

from __future__ import annotations

import re

from safecase.device.model import Component, DeviceAdmin, Owner, Where
from safecase.device.parsers.text import indent, numbered

ADMINS_RE = re.compile(r"^Enabled Device Admins \(User (\d+)")
PO_RE = re.compile(r"^Profile Owner \(User (\d+)\)")


def parse_device_policy(text: str, raw: str = "dumpsys_device_policy.txt",
                        first_line: int = 1) -> tuple[list[DeviceAdmin], list[Owner]]:
    admins: list[DeviceAdmin] = []
    owners: list[Owner] = []
    mode = ""               # "admins", "owner"
    mode_indent = 0
    user = "0"
    owner: Owner | None = None
    admin: DeviceAdmin | None = None
    in_policies = False
    for no, line in numbered(text, first_line):
        s = line.strip()
        if not s:
            continue
        ind = indent(line)
        if mode and ind <= mode_indent:
            mode, owner, admin = "", None, None
        m = ADMINS_RE.match(s)
        if m:
            mode, mode_indent, user, admin = "admins", ind, m.group(1), None
            continue
        if s.startswith("Device Owner"):
            owner = Owner("device", "", "", "0", Where(raw, no))
            owners.append(owner)
            mode, mode_indent = "owner", ind
            continue
        m = PO_RE.match(s)
        if m:
            owner = Owner("profile", "", "", m.group(1), Where(raw, no))
            owners.append(owner)
            mode, mode_indent = "owner", ind
            continue
        if mode == "owner" and owner is not None:
            if s.startswith("admin="):
                c = Component.parse(s[len("admin="):], owner.where)
                if c:
                    owner.component = c.name
                    owner.package = owner.package or c.package
            elif s.startswith("package="):
                owner.package = s[len("package="):].strip()
            elif s.startswith("User ID:"):
                owner.user = s[len("User ID:"):].strip()
        elif mode == "admins":
            if ind == mode_indent + 2 and s.endswith(":"):
                c = Component.parse(s[:-1], Where(raw, no))
                admin = DeviceAdmin(c, user) if c else None
                if admin:
                    admins.append(admin)
                in_policies = False
            elif admin is not None and s == "policies:":
                in_policies = True
            elif admin is not None and in_policies and ind >= mode_indent + 6 \
                    and "=" not in s and ":" not in s:
                admin.policies.append(s)
            else:
                in_policies = False
    return admins, [o for o in owners if o.package]
