"""Identity normalisation: the examples people meet, and fuzzing for totality."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safecase.identities import ID_KINDS, normalise


@pytest.mark.parametrize(
    ("raw", "region", "want"),
    [
        ("07700 900456", "GB", "+447700900456"),
        ("+44 7700 900456", "GB", "+447700900456"),
        ("0044 7700 900456", "GB", "+447700900456"),
        ("\u202a+44 7700 900789\u202c", "GB", "+447700900789"),  # bidi marks from exports
        ("\u200e+44\u00a07700\u00a0900123", "GB", "+447700900123"),
        ("tel:+1-202-555-0143", "GB", "+12025550143"),
        ("(202) 555-0143", "US", "+12025550143"),
        ("030 1234567", "DE", "+49301234567"),
        ("61998", "GB", "61998"),                # a short code is not a number anywhere
        ("HSBC", "GB", "HSBC"),                  # alphanumeric sender id
        ("Amazon-Pay", "GB", "AMAZONPAY"),
    ],
)
def test_phone_numbers(raw: str, region: str, want: str) -> None:
    assert normalise(raw, "phone", None, region) == ("phone", "phone", want)


def test_phone_platform_is_dropped() -> None:
    # One number is one person whether it texted by SMS, WhatsApp or Signal.
    assert normalise("07700 900456", "phone", "whatsapp") == ("phone", "phone", "+447700900456")
    assert normalise("07700 900456", "phone", "sms") == normalise("+447700900456", "phone", "signal")


def test_phone_kind_holding_an_email_becomes_email() -> None:
    assert normalise("Alex.Morgan@Example.com", "phone", "imessage") == (
        "email", "email", "alex.morgan@example.com")


@pytest.mark.parametrize(
    ("raw", "want"),
    [
        ("alex.morgan@example.com", "alex.morgan@example.com"),
        ("Alex.Morgan@Example.COM", "alex.morgan@example.com"),
        ("Alex Morgan <alex.morgan@example.com>", "alex.morgan@example.com"),
        ('"Morgan, Alex" <Alex.Morgan@example.com>', "alex.morgan@example.com"),
        ("mailto:HR@CarterCo.example", "hr@carterco.example"),
        ("  <sam.carter@example.org>  ", "sam.carter@example.org"),
        ("=?utf-8?q?Alex?= <a@b.example>", "a@b.example"),
        ("not an address", "not an address"),
    ],
)
def test_emails(raw: str, want: str) -> None:
    assert normalise(raw, "email") == ("email", "email", want)


@pytest.mark.parametrize(
    ("raw", "platform", "want"),
    [
        ("@AlexM_84", "x", ("handle", "x", "alexm_84")),
        ("@AlexM_84", "Twitter", ("handle", "x", "alexm_84")),
        ("alex.morgan", "instagram", ("handle", "instagram", "alex.morgan")),
        ("AlexMorgan", "telegram", ("handle", "telegram", "alexmorgan")),
        ("Alex#0420", "discord", ("handle", "discord", "alex#0420")),
        ("CaseKept", "someforum", ("handle", "someforum", "CaseKept")),
        ("@who", None, ("handle", "other", "who")),
    ],
)
def test_handles(raw: str, platform: str | None, want: tuple) -> None:
    assert normalise(raw, "handle", platform) == want


def test_names_keep_case_and_tidy_spacing() -> None:
    assert normalise("  Alex\u00a0 Morgan \n", "name", "whatsapp") == ("name", "whatsapp", "Alex Morgan")
    # NFC: a decomposed é and a composed é are one name
    assert normalise("Ame\u0301lie", "name") == normalise("Am\u00e9lie", "name")
    assert normalise("Alex", "weird-kind", None) == ("name", "other", "Alex")


def test_is_pure_and_idempotent_on_examples() -> None:
    for raw, kind, plat in [("07700 900456", "phone", "sms"), ("A <X@Y.Z>", "email", None),
                            ("@Alex", "handle", "x"), (" Alex  M ", "name", "sms")]:
        k, p, v = normalise(raw, kind, plat)
        assert normalise(v, k, p) == (k, p, v)


@settings(max_examples=300, deadline=None)
@given(raw=st.text(max_size=300), kind=st.sampled_from([*ID_KINDS, "weird", ""]),
       platform=st.one_of(st.none(), st.sampled_from(["x", "discord", "sms", "", "Twitter"]),
                          st.text(max_size=10)),
       region=st.one_of(st.none(), st.sampled_from(["GB", "US", "DE", "", "ZZ", "gb"]),
                        st.text(max_size=3)))
def test_normalise_is_total_and_stable(raw: str, kind: str, platform: str | None,
                                       region: str | None) -> None:
    out = normalise(raw, kind, platform, region)
    assert isinstance(out, tuple) and len(out) == 3
    k, p, v = out
    assert isinstance(v, str) and isinstance(k, str)
    assert isinstance(p, str) and p  # the store keys on it: never empty
    # same input, same key: the store relies on it
    assert normalise(raw, kind, platform, region) == out


@settings(max_examples=200, deadline=None)
@given(digits=st.from_regex(r"\A\+?[0-9 ()\-]{0,25}\Z"))
def test_phone_normalisation_is_idempotent(digits: str) -> None:
    _, _, once = normalise(digits, "phone", None, "GB")
    assert normalise(once, "phone", None, "GB")[2] == once
