"""The exact findings each fixture phone must produce: (severity, id, package)."""

CLEAN = [
    ("low", "developer-options", None),
    ("low", "device-admin", "com.google.android.gms"),
    ("low", "sensitive-permissions", "com.instagram.android"),
    ("low", "sensitive-permissions", "com.whatsapp"),
    ("low", "usb-debugging", None),
]

STALKERWARE = [
    ("high", "device-admin", "com.systemservice"),
    ("high", "disguised-app", "com.systemservice"),
    ("high", "known-stalkerware", "com.systemservice"),
    ("high", "no-launcher-icon", "com.systemservice"),
    ("high", "not-from-store", "com.systemservice"),
    ("high", "notification-listener", "com.systemservice"),
    ("high", "sensitive-permissions", "com.systemservice"),
    ("medium", "install-unknown-apps", None),
    ("medium", "install-unknown-apps", "com.sec.android.app.sbrowser"),
    ("medium", "sensitive-permissions", "com.life360.android.safetymapd"),
    ("medium", "watchware", "com.life360.android.safetymapd"),
    ("low", "developer-options", None),
    ("low", "device-admin", "com.samsung.android.fmm"),
    ("low", "sensitive-permissions", "com.whatsapp"),
    ("low", "usb-debugging", None),
]

DISGUISED = [
    ("high", "accessibility-service", "com.android.services.sync"),
    ("high", "device-admin", "com.android.services.sync"),
    ("high", "disguised-accessibility", None),
    ("high", "disguised-app", "com.android.services.sync"),
    ("high", "no-launcher-icon", "com.android.services.sync"),
    ("high", "not-from-store", "com.android.services.sync"),
    ("high", "notification-listener", "com.android.services.sync"),
    ("high", "sensitive-permissions", "com.android.services.sync"),
    ("low", "developer-options", None),
    ("low", "device-admin", "com.google.android.gms"),
    ("low", "sensitive-permissions", "com.whatsapp"),
    ("low", "usb-debugging", None),
]


def triples(result) -> list[tuple[str, str, str | None]]:
    return [(f.severity, f.id, f.package) for f in result.findings]
