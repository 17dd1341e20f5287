"""Link analysis and personal-data detection."""

from __future__ import annotations

from safecase.analysis.signals import links, personal_data
from safecase.analysis.signals.text import lower_view, squeeze_view


def judge(text: str) -> list[links.LinkFinding]:
    return links.analyse(lower_view(text), text)


def test_shortener_is_flagged() -> None:
    (f,) = judge("look bit.ly/abc123")
    assert any("shortener" in r for r in f.reasons)


def test_look_alike_and_punycode_and_ip() -> None:
    assert any("look-alike of paypal" in r for r in judge("paypa1-login.com")[0].reasons)
    assert any("look-alike of amazon" in r for r in judge("amaz0n-security.co/x")[0].reasons)
    assert any("punycode" in r for r in judge("https://xn--80ak6aa92e.com")[0].reasons)
    # a Cyrillic "а" in a Latin-looking name
    assert any("punycode" in r for r in judge("https://pаypal.com/login")[0].reasons)
    assert any("raw IP" in r for r in judge("http://10.0.0.7/x")[0].reasons)


def test_executable_in_path() -> None:
    (f,) = judge("https://example.org/files/update.apk")
    assert f.weight >= 0.85


def test_known_sites_and_non_urls_are_left_alone() -> None:
    assert judge("https://www.bbc.co.uk/news and https://zoom.us/j/123") == []
    assert judge("e.g. this, i.e. that, version 1.2.3, at 5.30") == []
    assert judge("groups.io and pineapple.com") == [] or all(
        "look-alike" not in r for f in judge("groups.io and pineapple.com") for r in f.reasons
    )


def test_personal_data_kinds() -> None:
    kinds = {s.kind for s in personal_data.find(lower_view(
        "call 07700 900461 or jen@example.com, she lives at 42 acacia avenue"
    ))}
    assert kinds == {"phone number", "email", "address"}
    assert personal_data.find(lower_view("see you at 7.30 on the 12th")) == []


def test_squeeze_view_maps_runs() -> None:
    v = squeeze_view("stoppp calllll meeee")
    assert v is not None
    assert v.text == "stop call me"
    s, e = v.span(0, len(v.text))
    assert (s, e) == (0, len("stoppp calllll meeee"))
