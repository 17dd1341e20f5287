"""Personal data in a message (phone numbers, emails, street addresses, workplaces), for
``exposure``: personal data alone is not exposure ("my new number is ..."), but with
spreading, pointing others at someone, or a third person's details it is doxxing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,24}\b")
# 9 to 15 digits with the usual separators: +44 7700 900123, (555) 123-4567, 06 12 34 56 78
PHONE_RE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{7,18}\d(?![\w])")
ADDRESS_RE = re.compile(
    r"\b\d{1,5}[a-z]?,? (?:[a-z'-]+ ){1,3}(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|"
    r"court|ct|close|way|boulevard|blvd|place|pl|terrace|crescent|cres|gardens|grove|square|"
    r"sq|hill|park|row|mews|walk|parade|circle|highway|hwy)\b"
    r"|\b(?:calle|avenida|avda|plaza|paseo|carrer|rue|avenue|boulevard|chemin|allee|impasse) "
    r"(?:de |del |de la |des |du )?[a-z' -]{2,30},? ?\d{1,4}\b"
    r"|\b\d{1,4},? (?:rue|avenue|boulevard|chemin|allee|impasse|place) [a-z' -]{2,30}\b"
    r"|\b[a-z-]+(?:strasse|straße|str\.|weg|gasse|allee|platz|ring|damm) \d{1,4}[a-z]?\b"
    r"|\b(?:apt|apartment|flat|unit|suite) \d+[a-z]?\b"
    r"|\b(?:postcode|post code|zip code|zip) (?:is )?[a-z0-9]{3,4} ?[a-z0-9]{0,3}\b"
)
WORKPLACE_RE = re.compile(
    r"\b(?:she|he|they|your \w+|ur \w+|her \w+|his \w+)(?: still)? (?:works?|working) (?:at|for|in) "
    r"(?:the )?[a-z0-9&' -]{2,40}"
    r"|\b(?:her|his|their|your|ur) (?:work|office|workplace|job) is (?:at|in|on) [a-z0-9&' -]{2,40}"
)

# Pointing others at the data, or spreading it.
SHARING_RE = re.compile(
    r"\b(?:post|posted|posting|share|shared|sharing|leak|leaked|leaking|publish|published|"
    r"upload|uploaded|spread|spreading|forward|forwarded|dox|doxx|doxxed|doxed|expose|exposed|"
    r"put (?:it|them|this) (?:online|out|up)|online|on (?:reddit|4chan|twitter|x|facebook|fb|"
    r"instagram|insta|tiktok|telegram|discord|the internet|craigslist|a forum)|everyone|"
    r"everybody|all of you|you all|y'all|the group|the gc|go (?:visit|see|say hi|pay|knock|"
    r"show up|find|get)|pay (?:her|him|them) a visit|tell (?:her|him|them)|call (?:her|him|them)|text (?:her|him|"
    r"them)|message (?:her|him|them)|ring (?:her|him|them)|hit (?:her|him|them) up|"
    r"(?:she|he|they) (?:lives?|live|lived|stays?|sleeps?) "
    r"(?:at|in|on)|(?:she|he) (?:works?) (?:at|for)|here(?:'s| is) (?:her|his|their|the "
    r"address|the number))\b"
)


@dataclass(slots=True)
class DataSpan:
    start: int
    end: int
    kind: str


def find(view: str) -> list[DataSpan]:
    """Phone numbers, emails, street addresses and workplaces in ``view``."""
    spans: list[DataSpan] = []
    if "@" in view:
        spans += [DataSpan(m.start(), m.end(), "email") for m in EMAIL_RE.finditer(view)]
    for m in PHONE_RE.finditer(view):
        digits = sum(c.isdigit() for c in m.group(0))
        if 9 <= digits <= 15 and not re.fullmatch(r"[\d\s]*\d{1,2}[:.]\d{2}[\d\s]*", m.group(0)):
            spans.append(DataSpan(m.start(), m.end(), "phone number"))
    spans += [DataSpan(m.start(), m.end(), "address") for m in ADDRESS_RE.finditer(view)]
    spans += [DataSpan(m.start(), m.end(), "workplace") for m in WORKPLACE_RE.finditer(view)]
    return spans


def sharing_cue(view: str) -> re.Match[str] | None:
    """Words that spread personal data or point others at it."""
    return SHARING_RE.search(view)
