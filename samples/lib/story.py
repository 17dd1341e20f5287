"""The shared sample story (synthetic), for the make_*.py scripts of importers 1-5.

Sam Carter (+447700900123) ended a relationship with Alex Morgan (+447700900456) in early
February 2024. Alex's messages move from pleading to demands and surveillance; on
10 March 2024 Sam writes "Please stop contacting me"; the contact goes on across every
app Sam uses, later from a new number (+447700900789) and a new Instagram account
(alex.m.watching). Every number is in Ofcom's drama range; every account is invented.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

SAM = "Sam Carter"
SAM_PHONE = "+447700900123"
ALEX = "Alex Morgan"
ALEX_PHONE = "+447700900456"
ALEX_NEW_PHONE = "+447700900789"
ALEX_IG = "alex.m.watching"
STOP_AT = datetime(2024, 3, 10, 20, 15, tzinfo=UTC)
STOP_TEXT = "Please stop contacting me."

BEFORE = [
    "Can we just talk? 🙏",
    "I miss you Sam",
    "Why won't you answer me",
    "I saw you at the station today. You looked tired",
    "We can fix this, I know we can",
    "Who is Priya? Why are you always with her",
    "Answer me.\nPlease.",
]
AFTER = [
    "You don't get to decide when this ends",
    "I know you got home at 11:40 last night",
    "Nice coat today. The red one 😉",
    "If you won't talk to me I'll talk to your mum",
    "I'm outside. Your kitchen light is on",
    "Everyone at your work will hear my side",
    "Block me all you want. I have other ways",
    "You'll regret ignoring me",
    "I'm not going anywhere, Sam",
]


def timeline(seed: int, start: datetime, end: datetime, per_day: float
             ) -> Iterator[tuple[datetime, str, str]]:
    """(time, sender, text) for Alex's messages between start and end, with Sam's refusal
    at STOP_AT when it falls in range. Deterministic for a seed."""
    rng = random.Random(seed)
    day = start
    i = 0
    refused = False
    while day < end:
        if not refused and day >= STOP_AT - timedelta(days=1) and start <= STOP_AT < end:
            refused = True
            yield STOP_AT, SAM, STOP_TEXT
        after = day >= STOP_AT
        n = rng.randrange(0, 3) + int(per_day * (2 if after else 1))
        for _ in range(n):
            t = day + timedelta(hours=rng.choice([8, 12, 19, 21, 22, 23]),
                                minutes=rng.randrange(60), seconds=rng.randrange(60))
            pool = AFTER if after else BEFORE
            yield t, ALEX, pool[i % len(pool)]
            i += 1
        day += timedelta(days=1)


def ordered(items: Iterator[tuple[datetime, str, str]]) -> list[tuple[datetime, str, str]]:
    return sorted(items, key=lambda x: x[0])


def utc(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=UTC)
