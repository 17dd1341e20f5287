"""Field knowledge the checks use: stores, root tools, the names stalkerware hides behind.

Kept apart from the checks so an advocate or a reviewer can read and extend the tables.
"""

from __future__ import annotations

import re

# Installers that are app stores. Anything else (a browser, a file manager, the package
# installer, adb, "null") means the app was installed from a file, by hand.
STORES: dict[str, str] = {
    "com.android.vending": "Google Play",
    "com.google.android.feedback": "Google Play (old phones)",
    "com.amazon.venezia": "Amazon Appstore",
    "com.sec.android.app.samsungapps": "Samsung Galaxy Store",
    "com.huawei.appmarket": "Huawei AppGallery",
    "com.xiaomi.market": "Xiaomi GetApps",
    "com.xiaomi.mipicks": "Xiaomi GetApps",
    "com.heytap.market": "OPPO App Market",
    "com.oppo.market": "OPPO App Market",
    "com.bbk.appstore": "vivo App Store",
    "com.hihonor.appmarket": "HONOR App Market",
    "org.fdroid.fdroid": "F-Droid",
    "com.aurora.store": "Aurora Store (Google Play)",
}

# What sideloading installers mean in words.
SIDELOADERS: dict[str, str] = {
    "com.google.android.packageinstaller": "from an APK file (package installer)",
    "com.android.packageinstaller": "from an APK file (package installer)",
    "com.android.shell": "from a computer over USB (adb)",
    "null": "with no installer recorded (often a computer over USB, or a file)",
    "": "with no installer recorded",
    "com.android.chrome": "from a download in Chrome",
    "org.mozilla.firefox": "from a download in Firefox",
    "com.sec.android.app.sbrowser": "from a download in Samsung Internet",
}

# System apps whose job is installing apps.
INSTALLERS = {"com.google.android.packageinstaller", "com.android.packageinstaller",
              "com.android.shell", "com.miui.packageinstaller"}

ROOT_PACKAGES: dict[str, str] = {
    "com.topjohnwu.magisk": "Magisk",
    "io.github.huskydg.magisk": "Magisk (Delta)",
    "io.github.vvb2060.magisk": "Magisk (Alpha)",
    "eu.chainfire.supersu": "SuperSU",
    "com.koushikdutta.superuser": "Superuser",
    "com.noshufou.android.su": "Superuser",
    "com.noshufou.android.su.elite": "Superuser Elite",
    "com.thirdparty.superuser": "Superuser",
    "com.yellowes.su": "Superuser",
    "me.phh.superuser": "phh Superuser",
    "com.kingroot.kinguser": "KingRoot",
    "com.kingo.root": "Kingo Root",
    "com.zhiqupk.root.global": "One Click Root",
    "com.smedialink.oneclickroot": "One Click Root",
    "com.alephzain.framaroot": "Framaroot",
    "de.robv.android.xposed.installer": "Xposed",
    "org.lsposed.manager": "LSPosed",
}

# getprop values that mean root, a debug build, or an unlocked bootloader.
ROOT_PROPS: list[tuple[str, str, str]] = [
    ("ro.secure", "0", "the system runs without its usual protections (ro.secure=0)"),
    ("ro.debuggable", "1", "the system is a debug build (ro.debuggable=1)"),
    ("ro.boot.verifiedbootstate", "orange", "the bootloader is unlocked (verified boot: orange)"),
    ("ro.boot.flash.locked", "0", "the bootloader is unlocked (flash.locked=0)"),
    ("ro.boot.vbmeta.device_state", "unlocked", "the bootloader is unlocked"),
]

# Sensitive permissions, grouped as a person would name them.
SENSITIVE: dict[str, str] = {
    "android.permission.READ_SMS": "text messages",
    "android.permission.RECEIVE_SMS": "text messages",
    "android.permission.SEND_SMS": "text messages",
    "android.permission.RECEIVE_MMS": "text messages",
    "android.permission.READ_CALL_LOG": "call history",
    "android.permission.PROCESS_OUTGOING_CALLS": "call history",
    "android.permission.ACCESS_FINE_LOCATION": "location",
    "android.permission.ACCESS_COARSE_LOCATION": "location",
    "android.permission.ACCESS_BACKGROUND_LOCATION": "location at all times",
    "android.permission.RECORD_AUDIO": "microphone",
    "android.permission.CAMERA": "camera",
}
# Groups that are sensitive whenever granted: SMS and call logs have no "only while
# using the app" mode, and background location is exactly that.
ALWAYS_BACKGROUND = {"text messages", "call history", "location at all times"}

# App ops whose "allow" (rather than "foreground") mode lets an app use them unseen.
BACKGROUND_OPS = {"CAMERA": "camera", "RECORD_AUDIO": "microphone",
                  "FINE_LOCATION": "location", "COARSE_LOCATION": "location"}

# Words stalkerware uses for its name so it looks like part of the phone. Compared with
# the name squeezed to lower-case letters and digits.
DISGUISE_WORDS: dict[str, str] = {
    "systemservice": "System Service", "syncservice": "Sync Service", "wifi": "Wi-Fi",
    "systemupdate": "System Update", "updateservice": "Update Service",
    "softwareupdate": "Software Update", "googleservice": "Google Service",
    "playservice": "Play Services", "androidsystem": "Android System",
    "deviceservice": "Device Service", "deviceinfo": "Device Info",
    "securityservice": "Security Service", "phoneservice": "Phone Service",
    "systemsync": "System Sync", "datasync": "Data Sync", "syncmanager": "Sync Manager",
    "batterysaver": "Battery Saver", "batteryservice": "Battery Service",
    "systemhealth": "System Health", "sysupdate": "Sys Update",
    "systemframework": "System Framework", "simservice": "SIM Service",
    "networkservice": "Network Service", "locationservice": "Location Service",
    "internetservice": "Internet Service", "sysmanager": "Sys Manager",
    "systemmanager": "System Manager", "servicesystem": "Service System",
}

# Namespaces of the phone's own apps: a non-system app using one is dressing up.
SYSTEM_NAMESPACES = ("com.android.", "android.", "com.google.android.", "com.samsung.android.",
                     "com.sec.android.", "com.miui.", "com.huawei.android.")

# Device admins that ship with phones; reported at low severity with what they allow.
KNOWN_ADMINS: dict[str, str] = {
    "com.google.android.gms": "Google Find My Device: whoever is signed in to the Google "
                              "account can locate, lock or erase the phone",
    "com.samsung.android.fmm": "Samsung Find My Mobile: whoever is signed in to the Samsung "
                               "account can locate, lock or erase the phone",
}

_SQUEEZE = re.compile(r"[^a-z0-9]")


def squeeze(text: str) -> str:
    return _SQUEEZE.sub("", text.lower())


def disguise_word(text: str) -> str | None:
    """The familiar name hidden in ``text`` ("System Service"), or None."""
    s = squeeze(text)
    for w, shown in DISGUISE_WORDS.items():
        if w in s:
            return shown
    return None
