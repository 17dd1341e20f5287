"""Normalising identifiers: phone numbers, email addresses, platform handles, names.

An *identity* is one identifier of one kind (DESIGN.md, "Identity and Person"). The same
stalker shows up as ``07700 900456`` in an SMS backup, ``+44 7700 900456`` in a WhatsApp
export and ``‪+44 7700 900456‬`` (with bidi marks) in a Signal export; the store must see
one identity, so it keys identities by ``normalise(...)`` and keeps the raw form beside it.

``normalise`` is pure and total: for any string it returns a tuple and never raises, so an
odd identifier in an export can never break an import.

Rules:

* **phone**: E.164 through ``phonenumbers`` with the case's default region for numbers
  written without ``+``. Fictional ranges (Ofcom's 07700 900xxx) are *possible* numbers,
  not *valid* ones, so possibility is the test. What is not a possible number (short codes
  such as ``61998``, alphanumeric sender ids such as ``HSBC``) keeps its characters minus
  spacing and punctuation, upper-cased when it has letters (sender ids are case-blind).
  A "phone" identifier with an ``@`` is an email address (iMessage handles are either).
  The platform is always ``"phone"``: a number is the same person on SMS, WhatsApp,
  Signal.
* **email**: display name and angle brackets removed (``Alex <a@b>`` → ``a@b``), a
  ``mailto:`` prefix removed, then lower-cased whole. Local parts are case-sensitive in the
  RFC, but no mail provider a person meets treats them so, and a stalker who writes
  ``Alex.Morgan@`` once and ``alex.morgan@`` once is one sender. Platform ``"email"``.
* **handle**: leading ``@`` removed, lower-cased on platforms whose handles are
  case-insensitive (``CASE_INSENSITIVE_PLATFORMS``), kept as written elsewhere. The
  platform is part of the identity (``alex`` on X is not ``alex`` on Discord).
* **name**: a display name; outer whitespace stripped, inner runs of whitespace made one
  space, NFC-composed for matching. Case kept. Names are per platform.

The platform part is never empty (the store keys identities on it): an unknown platform
is ``"other"``. An unknown kind is treated as a name.

Stored message text is never passed through here; only identifiers are.
"""

from __future__ import annotations

import re
import unicodedata
from email.utils import parseaddr
from functools import lru_cache
from typing import Final

import phonenumbers

from safecase.model import ID_EMAIL, ID_HANDLE, ID_NAME, ID_PHONE

ID_KINDS: Final = (ID_PHONE, ID_EMAIL, ID_HANDLE, ID_NAME)

# Platforms where "@Alex" and "@alex" are the same account.
CASE_INSENSITIVE_PLATFORMS: Final = frozenset({
    "x", "twitter", "instagram", "telegram", "discord", "snapchat", "facebook",
    "tiktok", "signal", "github", "reddit", "mastodon", "threads", "bluesky", "skype",
    "email", "voice",
})

# Other spellings of a platform name, mapped to the channel names in model.CHANNELS.
_PLATFORM_ALIASES: Final = {"twitter": "x", "fb": "facebook", "ig": "instagram",
                            "messenger": "facebook", "gmail": "email", "google voice": "voice"}

_MAX_ID_CHARS: Final = 1024  # identifiers longer than this are cut before any work
_SPACE_RUN = re.compile(r"\s+")
_PHONE_JUNK = re.compile(r"[\s().\-/]+")
_BRACKETED = re.compile(r"<([^<>]*@[^<>]*)>")
_BARE_ADDRESS = re.compile(r"[^\s<>\"',;]+@[^\s<>\"',;]+")


def _strip_format_chars(text: str) -> str:
    """Drop invisible format characters (U+200E, U+202A..U+202E, U+FEFF...) that chat
    exports wrap around numbers and names."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf")


def canonical_platform(platform: str | None) -> str | None:
    """``"Twitter"`` → ``"x"``; ``None`` and empty stay ``None``."""
    if platform is None:
        return None
    p = platform.strip().lower()
    if not p:
        return None
    return _PLATFORM_ALIASES.get(p, p)


def _possible_e164(text: str, region: str | None) -> str | None:
    try:
        num = phonenumbers.parse(text, region)
    except Exception:  # NumberParseException, or anything odd on fuzzed input
        return None
    # IS_POSSIBLE only: "possible local only" (a 5-digit short code read as a GB
    # subscriber number) would invent a +44 number nobody has.
    if phonenumbers.is_possible_number_with_reason(num) != phonenumbers.ValidationResult.IS_POSSIBLE:
        return None
    return phonenumbers.format_number(num, phonenumbers.PhoneNumberFormat.E164)


def normalise_phone(raw: str, region: str | None = "GB") -> str:
    """E.164 when ``raw`` is a possible phone number, else a cleaned sender id."""
    text = _strip_format_chars(raw).strip()
    if text.lower().startswith("tel:"):
        text = text[4:].strip()
    reg = (region or "").upper() or None
    e164 = _possible_e164(text, reg)
    if e164 is None and text.startswith("00"):
        e164 = _possible_e164("+" + text[2:], reg)  # the international prefix of Europe
    if e164 is not None:
        return e164
    cleaned = _PHONE_JUNK.sub("", text)
    if any(ch.isalpha() for ch in cleaned):
        return cleaned.upper()
    return cleaned


def normalise_email(raw: str) -> str:
    """The bare address, lower-cased: ``"Alex M" <Alex@Example.COM>`` → ``alex@example.com``."""
    text = _strip_format_chars(raw).strip()
    if text.lower().startswith("mailto:"):
        text = text[7:]
    try:
        _name, addr = parseaddr(text)
    except Exception:  # parseaddr is lenient, but fuzzed input must not escape
        addr = ""
    if "@" not in addr:
        # parseaddr gives up on some odd forms; take the <...> part or the @-word by hand
        bracketed = _BRACKETED.search(text)
        bare = _BARE_ADDRESS.search(text)
        addr = bracketed.group(1) if bracketed else bare.group(0) if bare else text
    return addr.strip().strip("<>").strip().lower()


def normalise_handle(raw: str, platform: str | None) -> str:
    """A handle without its leading ``@``, lower-cased where the platform ignores case."""
    text = _strip_format_chars(raw).strip()
    text = text.lstrip("@").strip()
    if canonical_platform(platform) in CASE_INSENSITIVE_PLATFORMS:
        text = text.lower()
    return text


def normalise_name(raw: str) -> str:
    """A display name with its spacing tidied, for matching only."""
    text = unicodedata.normalize("NFC", _strip_format_chars(raw))
    return _SPACE_RUN.sub(" ", text).strip()


@lru_cache(maxsize=65536)
def normalise(raw: str, kind: str, platform: str | None = None,
              region: str | None = "GB") -> tuple[str, str, str]:
    """``(kind, platform, value)``: the key the store files an identity under.

    ``kind`` is one of ``phone``, ``email``, ``handle``, ``name``; an unknown kind is
    treated as a name. ``region`` is the ISO 3166 code for numbers without ``+``.
    Pure and total: never raises.
    """
    raw = str(raw)[:_MAX_ID_CHARS]
    kind = (kind or ID_NAME).strip().lower()
    plat = canonical_platform(platform) or "other"
    if kind == ID_PHONE:
        if "@" in raw:  # iMessage and FaceTime handles are phone numbers or emails
            return ID_EMAIL, "email", normalise_email(raw)
        return ID_PHONE, "phone", normalise_phone(raw, region)
    if kind == ID_EMAIL:
        return ID_EMAIL, "email", normalise_email(raw)
    if kind == ID_HANDLE:
        return ID_HANDLE, plat, normalise_handle(raw, plat)
    return ID_NAME, plat, normalise_name(raw)


def display(kind: str, value: str) -> str:
    """How an identity is shown to people: phone numbers grouped, handles with ``@``."""
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


__all__ = ["normalise", "display", "normalise_phone", "normalise_email", "normalise_handle",
           "normalise_name", "canonical_platform", "ID_PHONE", "ID_EMAIL", "ID_HANDLE", "ID_NAME"]
