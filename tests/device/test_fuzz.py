"""Hypothesis: the parsers never raise anything but SafeCase errors, whatever the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecase.device.parsers import (
    accessibility,
    appops,
    device_policy,
    dumpsys_package,
    getprop,
    ios,
    jsonfiles,
    notification,
    pm_list,
)
from safecase.device.parsers import settings as settings_parser
from safecase.device.parsers.text import split_dumpsys
from safecase.errors import SafecaseError

# Text built from the pieces these formats are made of, so the fuzzer reaches deep paths.
PIECES = st.sampled_from([
    "Packages:", "  Package [com.x] (1a2b):", "    userId=10001", "    flags=[ SYSTEM ]",
    "    requested permissions:", "      android.permission.READ_SMS",
    "    install permissions:", "      android.permission.CAMERA: granted=true",
    "    User 0: installed=true enabled=3", "      disabledComponents:", "        com.x.A",
    "      runtime permissions:", "Activity Resolver Table:", "      android.intent.action.MAIN:",
    "        1a2b com.x/.Main filter 3c4d", '          Category: "android.intent.category.LAUNCHER"',
    "Enabled services:{{com.x/.S}, {", "installed services: {", "  0 : com.y/.T", "}",
    "Bound services:{Service[label=Wi-Fi", "  Device Owner:", "    admin=ComponentInfo{a/b}",
    "  Profile Owner (User 10):", "    package=", "Enabled Device Admins (User 0):",
    "    com.z/.Admin:", "      policies:", "        wipe-data", "Allowed notification listeners:",
    "      a/b:c (user: 0", "All notification listeners (1) enabled", "Live notification listeners",
    "  Uid u0a1:", "    Package com.x:", "      CAMERA (allow):", "      X (", "[a]: [b]", "[", "=",
    "DUMP OF SERVICE package:", "--------- 0.1s was the duration of dumpsys package",
    "package:", "package:/a=b=c installer= uid:", "GLOBAL SETTINGS (user 0)",
    "  _id:1 name:x value:", "", " ", "\t", "\x00", "é", "{", "ComponentInfo{",
])
TEXT = st.one_of(st.text(max_size=400),
                 st.lists(st.one_of(PIECES, st.text(max_size=20)), max_size=40)
                 .map("\n".join))

TEXT_PARSERS = [
    pm_list.parse_pm_list, dumpsys_package.parse_packages, accessibility.parse_accessibility,
    device_policy.parse_device_policy, notification.parse_notification_listeners,
    appops.parse_appops, settings_parser.parse_settings, getprop.parse_getprop,
    settings_parser.parse_settings_provider_dump,
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_text_parsers_never_crash(text):
    for parse in TEXT_PARSERS:
        parse(text)
    dumpsys_package.parse_launchers(text)
    dumpsys_package.parse_query_activities(text)
    split_dumpsys(text)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda kids: st.lists(kids, max_size=4) | st.dictionaries(
        st.sampled_from(["name", "files", "certificate", "Sha1", "installer", "uid",
                         "ProfileMetadata", "OrderedIdentifiers", "PayloadContent",
                         "CFBundleIdentifier", "path", "x"]), kids, max_size=4),
    max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(st.one_of(JSONISH.map(lambda v: __import__("json").dumps(v)), st.text(max_size=60)))
def test_json_parsers_raise_only_safecase_errors(text):
    for parse in (jsonfiles.parse_androidqf_packages, jsonfiles.parse_root_binaries,
                  ios.parse_ios_apps, ios.parse_ios_profiles, ios.parse_lockdown_info):
        try:
            parse(text, "f.json")
        except SafecaseError:
            pass
