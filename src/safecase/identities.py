"""Identities: one raw identifier each (a phone number, an email address, a handle, a name).

Phone numbers become E.164 with ``phonenumbers`` under the case's default region; email
addresses are lower-cased; handles keep their platform. The raw form is always kept beside
the normalised one. Linking identities into a person is the person's decision (the store's
``link``); nothing here links anything.
"""

from __future__ import annotations

import re
from email.utils import parseaddr
from functools import lru_cache

import phonenumbers

from safecase.model import ID_EMAIL, ID_HANDLE, ID_NAME, ID_PHONE

_CASE_INSENSITIVE_PLATFORMS = {"x", "instagram", "telegram", "discord", "snapchat", "email"}
_DIGITS = re.compile(r"[^\d+*#]")


@lru_cache(maxsize=65536)
def normalise(raw: str, kind: str, platform: str, region: str) -> tuple[str, str, str]:
    """(kind, platform, value) for a raw identifier. Pure; never raises for any string."""
    text = raw.strip()
    if kind == ID_PHONE:
        if "@" in text:  # iMessage handles and some exporters put emails where numbers go
            return normalise(raw, ID_EMAIL, "email", region)
        try:
            num = phonenumbers.parse(text, region or None)
            if phonenumbers.is_possible_number(num):
                return ID_PHONE, "phone", phonenumbers.format_number(
                    num, phonenumbers.PhoneNumberFormat.E164
                )
        except phonenumbers.NumberParseException:
            pass
        digits = _DIGITS.sub("", text)
        # Short codes and alphanumeric sender ids ("BANK", "22555") stay as written.
        return ID_PHONE, "phone", digits if digits and len(digits) >= 3 else text
    if kind == ID_EMAIL:
        addr = parseaddr(text)[1] or text
        return ID_EMAIL, "email", addr.strip().lower()
    if kind == ID_HANDLE:
        value = text.lstrip("@")
        if platform in _CASE_INSENSITIVE_PLATFORMS:
            value = value.lower()
        return ID_HANDLE, platform, value
    return ID_NAME, platform, text


def display(kind: str, value: str) -> str:
    """How an identity is shown to people."""
    if kind == ID_PHONE and value.startswith("+"):
        try:
            return phonenumbers.format_number(
                phonenumbers.parse(value, None), phonenumbers.PhoneNumberFormat.INTERNATIONAL
            )
        except phonenumbers.NumberParseException:
            return value
    if kind == ID_HANDLE:
        return "@" + value
    return value


__all__ = ["normalise", "display", "ID_PHONE", "ID_EMAIL", "ID_HANDLE", "ID_NAME"]
