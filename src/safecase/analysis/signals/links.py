"""Link analysis for ``malicious_link``: every URL in a message, judged by its shape.

No link is ever fetched or resolved: everything here looks at the characters only. What
raises suspicion: URL shorteners (they hide where a link goes), look-alike domains
("paypa1-secure.com", "amaz0n.co", brand names on someone else's domain), punycode or
non-Latin letters in a host, raw IP addresses, user@host tricks, executable files
(.apk, .exe ...), throw-away top-level domains, and lure words in the message ("click",
"install", "is this you?"). Well-known sites are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

URL_RE = re.compile(
    r"(?:\b(?:https?|hxxps?|ftp)://|\bwww\.)[^\s<>\"'`)\]}]+"
    r"|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,24}|xn--[a-z0-9-]+)"
    r"(?::\d{2,5})?(?:/[^\s<>\"'`)\]}]*)?"
    r"|\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{2,5})?(?:/[^\s<>\"'`)\]}]*)?"
)

TLDS = frozenset("""
com net org edu gov mil int io co uk de fr es it nl ru cn info biz xyz top click link live
site online app me ly gl gd to tk ml ga cf gq cc us ca au in br mx pl ch at be se no dk fi ie
pt cz gr tr jp kr tv ws zip mov sh icu buzz shop store vip win bid loan work support help page
cloud website space fun rest cam quest sbs cfd lol bio pro dev ai tech news blog club life
world today email im mobi name asia eu nz za sg hk tw ua ro hu sk bg rs hr si lt lv ee is
ar cl pe ve uy su pw cx re nu am fm vc tel ink wtf gay porn sex xxx date dating bet casino
gy do id li ee is la st gs cyou monster lat
""".split())

SHORTENERS = frozenset("""
bit.ly bitly.com tinyurl.com t.co goo.gl is.gd ow.ly cutt.ly rb.gy shorturl.at tiny.cc
buff.ly rebrand.ly s.id t.ly bl.ink lnkd.in short.io shorte.st adf.ly v.gd qr.ae soo.gd
tiny.one rotf.lol clck.ru u.to 2u.pw x.co tr.im snip.ly urlz.fr bitly.ws surl.li gg.gg
ur0.jp shrtco.de linktr.ee t.me tg.pe bit.do bc.vc po.st cli.gs
""".split())

SAFE = frozenset("""
google.com google.co.uk google.de google.fr google.es youtube.com youtu.be apple.com
icloud.com amazon.com amazon.co.uk amazon.de amazon.fr amazon.es paypal.com facebook.com
fb.com instagram.com whatsapp.com wa.me twitter.com x.com tiktok.com spotify.com netflix.com
wikipedia.org bbc.co.uk bbc.com nytimes.com theguardian.com github.com zoom.us microsoft.com
live.com outlook.com office.com linkedin.com reddit.com dropbox.com royalmail.com dhl.com
dhl.de ups.com fedex.com usps.com gov.uk evri.com dpd.co.uk hmrc.gov.uk irs.gov
netflix.com airbnb.com booking.com uber.com lyft.com doordash.com deliveroo.co.uk
justeat.co.uk ubereats.com eventbrite.com ticketmaster.com imdb.com pinterest.com
tumblr.com twitch.tv discord.com discord.gg snapchat.com telegram.org signal.org
medium.com substack.com etsy.com ebay.com ebay.co.uk venmo.com cash.app monzo.com
revolut.com strava.com goodreads.com duolingo.com calendly.com docs.google.com
maps.google.com goo.gl/maps maps.app.goo.gl g.co opentable.com yelp.com tripadvisor.com
nhs.uk gov.us cnn.com reuters.com apnews.com weather.com metoffice.gov.uk
""".split())

BRANDS = {
    "paypal": ("paypal.com",), "apple": ("apple.com",), "icloud": ("icloud.com",),
    "amazon": ("amazon.com", "amazon.co.uk", "amazon.de", "amazon.fr", "amazon.es"),
    "netflix": ("netflix.com",), "microsoft": ("microsoft.com",), "office365": (),
    "outlook": ("outlook.com",), "google": ("google.com",), "gmail": ("google.com",),
    "instagram": ("instagram.com",), "facebook": ("facebook.com",), "whatsapp": ("whatsapp.com",),
    "royalmail": ("royalmail.com",), "dhl": ("dhl.com", "dhl.de"), "fedex": ("fedex.com",),
    "usps": ("usps.com",), "hmrc": ("hmrc.gov.uk", "gov.uk"), "evri": ("evri.com",),
    "hermes": ("evri.com",), "dpd": ("dpd.co.uk",), "chase": ("chase.com",),
    "wellsfargo": ("wellsfargo.com",), "bankofamerica": ("bankofamerica.com",),
    "barclays": ("barclays.co.uk",), "hsbc": ("hsbc.co.uk", "hsbc.com"),
    "santander": ("santander.co.uk",), "lloyds": ("lloydsbank.com",), "natwest": ("natwest.com",),
    "coinbase": ("coinbase.com",), "binance": ("binance.com",), "snapchat": ("snapchat.com",),
    "tiktok": ("tiktok.com",), "spotify": ("spotify.com",), "steam": ("steampowered.com",),
    "docusign": ("docusign.com",), "dropbox": ("dropbox.com",), "linkedin": ("linkedin.com",),
    "ebay": ("ebay.com", "ebay.co.uk"), "venmo": ("venmo.com",), "correos": ("correos.es",),
    "laposte": ("laposte.fr",), "ups": ("ups.com",), "irs": ("irs.gov",), "monzo": ("monzo.com",),
    "revolut": ("revolut.com",),
}

SHADY_TLDS = frozenset(
    "xyz top click link live tk ml ga cf gq zip mov icu buzz rest cam quest sbs cfd win bid loan "
    "work support help su pw cyou monster lat".split()
)
EXECUTABLES = frozenset(
    "apk xapk exe scr bat msi jar vbs vbe dmg pkg ps1 cmd hta lnk ipa mobileconfig".split()
)
ARCHIVES = frozenset("zip rar 7z iso img".split())
PHISH_WORDS = re.compile(
    r"(?:login|log-in|signin|sign-in|verify|verification|secure|security|account|update|"
    r"confirm|unlock|wallet|billing|redeliver|redelivery|parcel|refund|suspend|recover|"
    r"support|auth|webscr|banking|payment|invoice|prize|gift|bonus|claim|reward)"
)
LURE_RE = re.compile(
    r"\b(?:click|tap|press|install|download|verify|confirm|claim|log ?in|sign ?in|"
    r"is (?:this|that) (?:you|u)|(?:look|see|check) (?:at )?(?:this|what)|see who|who(?:'s| is) "
    r"(?:viewing|looking at|watching)|video of (?:you|u)|photos? of (?:you|u)|pics? of (?:you|u)|"
    r"you won|you've won|you have won|winner|prize|urgent|immediately|within (?:24|48|12)|"
    r"expires?|suspended|locked|fee|redeliver|unlock|open (?:it|this)|omg|lol look|haha look|"
    r"free|gift card|reward)\b"
)
_LEET_HOST = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s"})
_MULTI_SUFFIX = frozenset({"co", "com", "org", "net", "gov", "ac", "gob", "gouv"})


@dataclass(slots=True)
class LinkFinding:
    start: int
    end: int
    weight: float
    reasons: list[str]


def registrable(host: str) -> str:
    """The domain a person registers: ``a.b.example.co.uk`` -> ``example.co.uk``."""
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in _MULTI_SUFFIX and len(labels[-1]) == 2:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _edit1(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by exactly one edit (typosquats: paypall, amazom)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    if len(a) > len(b):
        a, b = b, a
    for i in range(len(b)):
        if b[:i] + b[i + 1:] == a:
            return True
    return False


_OFFICIAL = frozenset(d for domains in BRANDS.values() for d in domains) | {"steamcommunity.com"}


def _look_alike(host: str, reg: str) -> str | None:
    """The brand a host imitates ("paypa1-login.com" -> "paypal"), or None."""
    if reg in _OFFICIAL:
        return None
    labels = [lbl for lbl in re.split(r"[.\-_]", host.translate(_LEET_HOST)) if lbl]
    for brand in BRANDS:
        for lbl in labels:
            if lbl == brand or (len(brand) >= 4 and lbl.startswith(brand)):
                return brand
            if len(brand) >= 5 and _edit1(lbl, brand):
                return brand
    return None


def _split(url: str) -> tuple[str, str, str, bool] | None:
    """(scheme, host, rest, had_userinfo) of a URL-ish string, or None if it is no URL."""
    scheme = ""
    rest = url
    m = re.match(r"([a-z]+)://", rest)
    if m:
        scheme = m.group(1)
        rest = rest[m.end():]
    cut = len(rest)
    for sep in "/?#":
        i = rest.find(sep)
        if i != -1:
            cut = min(cut, i)
    authority, path = rest[:cut], rest[cut:]
    userinfo = "@" in authority
    host = authority.rsplit("@", 1)[-1].split(":", 1)[0].strip(".").rstrip(".,!?;:")
    path = path.rstrip(".,!?;:")
    if not host or "." not in host:
        return None
    return scheme, host, path, userinfo


def analyse(view: str, original: str) -> list[LinkFinding]:
    """Judge each URL in ``view`` (same length as ``original``); offsets are original ones."""
    findings: list[LinkFinding] = []
    lure = None
    for m in URL_RE.finditer(view):
        url = m.group(0).rstrip(".,!?;:")
        parts = _split(url)
        if parts is None:
            continue
        scheme, host, path, userinfo = parts
        is_ip = bool(re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", host))
        tld = host.rsplit(".", 1)[-1]
        if not is_ip and tld not in TLDS and not tld.startswith("xn--"):
            continue  # "e.g", "i.e", "lol.jk", "5.30"
        if is_ip and not scheme and not path:
            continue  # a bare dotted number: version, score, time
        reg = registrable(host)
        reasons: list[str] = []
        weight = 0.0

        def add(w: float, why: str, reasons: list[str] = reasons) -> None:
            nonlocal weight
            weight = 1 - (1 - weight) * (1 - w)
            reasons.append(why)

        raw_host = original[m.start():m.start() + len(url)]
        ext = path.rsplit("/", 1)[-1].rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else ""
        if ext in EXECUTABLES:
            add(0.9, f"executable file .{ext}")
        elif ext in ARCHIVES:
            add(0.3, f"archive file .{ext}")
        lookalike_letters = not raw_host.isascii()
        if (reg in SAFE or host in SAFE) and not lookalike_letters:
            if weight == 0.0:
                continue
        else:
            if is_ip:
                add(0.75, "raw IP address instead of a name")
            if "xn--" in host or lookalike_letters:
                add(0.85, "punycode or non-Latin letters in the domain (look-alike)")
            if userinfo:
                add(0.8, "user@host trick hides the real domain")
            if reg in SHORTENERS or host in SHORTENERS:
                add(0.5, f"URL shortener {reg} hides the destination")
            name = reg.split(".")[0]
            brand = _look_alike(host, reg)
            if brand:
                add(0.85, f"look-alike of {brand} on {reg}")
            if tld in SHADY_TLDS:
                add(0.35, f"throw-away top-level domain .{tld}")
            if PHISH_WORDS.search(host) or PHISH_WORDS.search(path):
                add(0.3, "account/verify words in the link")
            if host.count("-") >= 2 or host.count(".") >= 4:
                add(0.2, "long hyphenated host")
            if name and len(name) >= 12 and sum(c.isdigit() for c in name) >= 3:
                add(0.2, "random-looking domain")
            if lure is None:
                lure = LURE_RE.search(view) is not None
            if lure:
                add(0.4 if weight > 0 else 0.25, "lure words with the link")
        if weight > 0:
            end = m.start() + len(url)
            findings.append(LinkFinding(m.start(), end, weight, reasons))
    return findings
