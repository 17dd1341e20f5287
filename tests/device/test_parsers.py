"""The artefact parsers, one real-format sample each, plus the odd cases phones print."""

from __future__ import annotations

from pathlib import Path

import pytest

from safecase.device.acquisition import load_path
from safecase.device.model import Where
from safecase.device.parsers import (
    accessibility,
    appops,
    device_policy,
    dumpsys_package,
    getprop,
    jsonfiles,
    notification,
    pm_list,
    settings,
)
from safecase.device.parsers.text import split_dumpsys
from safecase.device.scan import scan
from safecase.errors import BadInput

FIX = Path(__file__).parent / "fixtures"


def test_pm_list_path_with_equals_and_old_formats():
    text = ("package:/data/app/~~Qm9v==/com.x-Zm9v==/base.apk=com.x  installer=com.android."
            "vending uid:10234\n"
            "package:/system/app/Y/Y.apk=com.y uid:1000,1010000\n"
            "package:com.z\n"
            "WARNING: linker: something unrelated\n")
    pkgs = pm_list.parse_pm_list(text, "pm.txt")
    assert [(p.name, p.path, p.installer, p.uid, p.where.line) for p in pkgs] == [
        ("com.x", "/data/app/~~Qm9v==/com.x-Zm9v==/base.apk", "com.android.vending", "10234", 1),
        ("com.y", "/system/app/Y/Y.apk", None, "1000,1010000", 2),
        ("com.z", "", None, "", 3)]
    assert pm_list.pm_list_failed("Exception occurred while executing 'list':\n"
                                  "java.lang.SecurityException: Shell does not have ...")
    assert not pm_list.pm_list_failed(text)


def test_dumpsys_package_fields():
    text = (FIX / "stalkerware" / "dumpsys_package.txt").read_text()
    pkgs = {p.name: p for p in dumpsys_package.parse_packages(text, "dp.txt")}
    spy = pkgs["com.systemservice"]
    assert spy.installer == "com.google.android.packageinstaller"
    assert spy.system is False and spy.uid == "10241" and spy.version == "9.1.3"
    assert spy.first_install == "2024-02-03 23:47:15"
    assert "android.permission.READ_SMS" in spy.requested_permissions
    assert set(spy.granted_permissions) >= {"android.permission.READ_SMS",
                                            "android.permission.ACCESS_BACKGROUND_LOCATION",
                                            "android.permission.INTERNET"}
    assert "android.permission.BIND_NOTIFICATION_LISTENER_SERVICE" not in \
        spy.granted_permissions
    assert spy.disabled_components == ["com.systemservice.MainActivity"]
    assert spy.signatures_line.startswith("PackageSignatures{")
    assert pkgs["com.android.settings"].system is True
    assert "com.google.android.gms" in pkgs     # hidden system packages are not listed twice
    assert sum(1 for p in pkgs if p == "com.google.android.gms") == 1
    found, launchers = dumpsys_package.parse_launchers(text)
    assert found and launchers["com.systemservice"] == ["com.systemservice.MainActivity"]
    assert "com.systemservice" in launchers and "com.android.systemui" not in launchers


def test_launchers_with_filters_shown_count_only_launcher_category():
    text = """Activity Resolver Table:
  Non-Data Actions:
      android.intent.action.MAIN:
        1a2b3c4 com.a/.Main filter 5d6e7f8
          Action: "android.intent.action.MAIN"
          Category: "android.intent.category.LAUNCHER"
        2b3c4d5 com.b/.Settings filter 6e7f8a9
          Action: "android.intent.action.MAIN"
          Category: "android.intent.category.INFO"

Packages:
"""
    found, launchers = dumpsys_package.parse_launchers(text)
    assert found and launchers == {"com.a": ["com.a.Main"]}


def test_accessibility_old_and_new_syntax():
    old = """User state[attributes:{id=0}
  installed services: {
    0 : com.google.android.marvin.talkback/.TalkBackService
    1 : com.x/com.x.Spy
  }
  Bound services:{Service[label=Wi-Fi, feedbackType[FEEDBACK_GENERIC]]}
  Enabled services:{{com.x/com.x.Spy}}
"""
    enabled, installed, labels = accessibility.parse_accessibility(old, "a.txt", 10)
    assert [c.name for c in enabled] == ["com.x/com.x.Spy"] and enabled[0].where.line == 16
    assert [c.name for c in installed] == [
        "com.google.android.marvin.talkback/com.google.android.marvin.talkback.TalkBackService",
        "com.x/com.x.Spy"]
    assert labels == [("Wi-Fi", Where("a.txt", 15))]


def test_device_policy_owners_and_admins():
    text = """Current Device Policy Manager state:
  Device Owner:
    admin=ComponentInfo{com.mdm/com.mdm.Receiver}
    name=
    package=com.mdm
    User ID: 0
  Profile Owner (User 10):
    admin=ComponentInfo{com.work/.Admin}
    name=Work
    package=com.work
  Enabled Device Admins (User 0, provisioningState: 3):
    com.mdm/com.mdm.Receiver:
      uid=10200
      policies:
        wipe-data
        force-lock
      passwordQuality=0x0
"""
    admins, owners = device_policy.parse_device_policy(text, "dp.txt")
    assert [(a.component.name, a.user, a.policies) for a in admins] == [
        ("com.mdm/com.mdm.Receiver", "0", ["wipe-data", "force-lock"])]
    assert [(o.kind, o.package, o.component, o.user) for o in owners] == [
        ("device", "com.mdm", "com.mdm/com.mdm.Receiver", "0"),
        ("profile", "com.work", "com.work/com.work.Admin", "10")]


def test_notification_listeners_old_android_without_enabled_list():
    text = """  Notification listeners:
    Allowed notification listeners:
      com.a/com.a.L:com.b/.L (user: 0 isPrimary: true)
    Live notification listeners (1):
      ComponentInfo{com.c/com.c.L} (user 0): proxy@1 SYSTEM
"""
    comps = notification.parse_notification_listeners(text, "n.txt")
    assert [c.name for c in comps] == ["com.a/com.a.L", "com.b/com.b.L", "com.c/com.c.L"]


def test_appops_modes_and_packages():
    ops = appops.parse_appops((FIX / "stalkerware" / "dumpsys_appops.txt").read_text(), "ao")
    spy = {o.op: o.mode for o in ops if o.package == "com.systemservice"}
    assert spy == {"FINE_LOCATION": "allow", "RECORD_AUDIO": "allow", "CAMERA": "allow",
                   "READ_SMS": "allow", "READ_CALL_LOG": "allow"}
    wa = {o.op: o.mode for o in ops if o.package == "com.whatsapp"}
    assert wa == {"CAMERA": "foreground", "RECORD_AUDIO": "foreground"}


def test_settings_getprop_and_provider_dump():
    s = settings.parse_settings("adb_enabled=1\nfoo=a=b\nnot a setting\n", "s.txt")
    assert s == {"adb_enabled": ("1", Where("s.txt", 1)), "foo": ("a=b", Where("s.txt", 2))}
    p = getprop.parse_getprop("[ro.secure]: [1]\n[ro.product.model]: [Pixel 7]\nnoise\n")
    assert p["ro.product.model"][0] == "Pixel 7"
    dump = ("GLOBAL SETTINGS (user 0)\n  _id:4 name:adb_enabled pkg:android value:1 "
            "default:1 defaultSystemSet:true\nSECURE SETTINGS (user 10)\n  _id:9 name:x "
            "pkg:android value:2 default:2\n")
    assert settings.parse_settings_provider_dump(dump, "d") == {
        "global": {"adb_enabled": ("1", Where("d", 2))}}


def test_split_dumpsys_keeps_the_longest_duplicate():
    text = ("DUMP OF SERVICE CRITICAL package:\nshort\n--------- 0.1s was the duration of "
            "dumpsys package, ending at: x\nDUMP OF SERVICE package:\nlonger text\nmore\n"
            "--------- 0.2s was the duration of dumpsys package, ending at: x\n")
    sec = split_dumpsys(text)["package"]
    assert sec.text == "longer text\nmore" and sec.first_line == 5 and sec.complete


def test_androidqf_packages_json_errors():
    with pytest.raises(BadInput, match="not valid JSON"):
        jsonfiles.parse_androidqf_packages("[{", "packages.json")
    with pytest.raises(BadInput, match="not a list"):
        jsonfiles.parse_androidqf_packages("{}", "packages.json")
    pkgs = jsonfiles.parse_androidqf_packages(
        '[{"name": "a.b", "files": [{"certificate": {"Sha1": "zz"}}]}, 7]', "p")
    assert [p.name for p in pkgs] == ["a.b"] and pkgs[0].cert_sha1 == {}


def test_iphone_json(small_indicators):
    acq = load_path(FIX / "iphone")
    assert acq.kind == "ios" and acq.device["model"] == "iPhone14,5"
    result = scan(acq, small_indicators)
    assert [(f.severity, f.id, f.package) for f in result.findings] == [
        ("high", "ios-mdm-profile", None),
        ("medium", "ios-profile", None),
        ("medium", "watchware", "com.example.familylocator.ios")]
    mdm = result.findings[0]
    assert mdm.details["organization"] == "Family Safety Ltd"
    assert mdm.details["removal_disallowed"] is True
    assert (mdm.evidence[0].artefact, mdm.evidence[0].line) == ("profiles.json", 17)
    assert any("Apple ID" in line for line in result.not_checked())


def test_single_iphone_json_file_and_foreign_json(tmp_path):
    acq = load_path(FIX / "iphone" / "profiles.json")
    assert [p.name for p in acq.artefacts.ios_profiles] == ["Device Management",
                                                            "Secure Browsing"]
    assert "no installed apps (pymobiledevice3 apps list) file was given" in acq.notes
    other = tmp_path / "other.json"
    other.write_text('{"hello": "world"}')
    with pytest.raises(BadInput, match="not a JSON file pymobiledevice3 writes"):
        load_path(other)
