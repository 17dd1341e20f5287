"""Writes the SMS Backup & Restore part of the sample case (deterministic).

The story (synthetic; every number is in Ofcom's drama range 07700 900xxx): Sam Carter
ended a relationship with Alex Morgan in early February 2024. Alex's texts and calls start
pleading, turn into demands and surveillance, Sam writes "Please stop contacting me" on
10 March 2024, and the contact goes on and escalates, later from a new number.
"""

from __future__ import annotations

import base64
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import quoteattr

HERE = Path(__file__).parent
ALEX = "+447700900456"
ALEX_NEW = "07700 900789"
FRIEND = "+447700900321"
START = datetime(2024, 2, 12, 19, 4, tzinfo=UTC)
STOP_AT = datetime(2024, 3, 10, 20, 15, tzinfo=UTC)

BEFORE = [
    "Can we talk? I miss you",
    "Sam please just answer me",
    "I know you're reading these",
    "Why are you ignoring me?? 😢",
    "We're meant to be together, you know that",
    "Answer your phone",
    "I'll never give up on us",
    "You looked nice in the red coat today",
    "Who was that guy you were with at the station?",
    "I drove past yours, your light was on",
    "Pick up the phone Sam",
    "You can't just cut me off after 3 years",
    "Call me back. Now.",
]
AFTER = [
    "You don't get to tell me to stop",
    "I know you got home at 11 last night",
    "If you won't talk to me I'll talk to your mum",
    "Answer me or I'll come round",
    "I'm outside your building",
    "Everyone at your work will know what you really are",
    "You'll regret this Sam",
    "I still have the photos. Think about that.",
    "Nice of your sister to tell me where you're staying 🙂",
    "You're mine. You always will be",
    "Why did you block me? New number, same me",
    "Accidents happen, just saying",
    "I'm not going anywhere",
    "Open the door, I can see you're in",
]
SAM_REPLIES = [
    (datetime(2024, 2, 13, 8, 30, tzinfo=UTC), "I need some space, please respect that"),
    (datetime(2024, 2, 25, 22, 2, tzinfo=UTC), "Alex it's over. Please stop."),
    (STOP_AT, "Please stop contacting me. I don't want any contact with you. If you carry on "
              "I will go to the police."),
]


def _ms(dt: datetime) -> int:
    return int(dt.timestamp() * 1000)


def _readable(dt: datetime) -> str:
    return dt.strftime("%d %b %Y %H:%M:%S")


def _sms(address: str, dt: datetime, body: str, kind: int, name: str) -> str:
    return (f'  <sms protocol="0" address={quoteattr(address)} date="{_ms(dt)}" type="{kind}" '
            f'subject="null" body={quoteattr(body)} toa="null" sc_toa="null" '
            f'service_center="null" read="1" status="-1" locked="0" date_sent="{_ms(dt)}" '
            f'sub_id="1" readable_date="{_readable(dt)}" contact_name={quoteattr(name)} />')


def build() -> tuple[str, str]:
    rng = random.Random(20240310)
    sms: list[tuple[datetime, str]] = []
    calls: list[tuple[datetime, str]] = []
    day = START
    i_before = i_after = 0
    while day < datetime(2024, 4, 14, tzinfo=UTC):
        after = day >= STOP_AT
        weeks = (day - START).days / 7
        per_day = int(1 + weeks * (1.2 if after else 0.6))
        for _ in range(per_day):
            t = day + timedelta(hours=rng.choice([7, 9, 12, 18, 21, 22, 23, 0, 1]),
                                minutes=rng.randrange(60))
            if after:
                body = AFTER[i_after % len(AFTER)]
                i_after += 1
            else:
                body = BEFORE[i_before % len(BEFORE)]
                i_before += 1
            number = ALEX_NEW if after and day > datetime(2024, 3, 28, tzinfo=UTC) else ALEX
            sms.append((t, _sms(number, t, body, 1, "Alex" if number == ALEX else "(Unknown)")))
        # Calls: a few most days, bursts at night after the refusal.
        ncalls = rng.randrange(0, 3) + (rng.randrange(6, 15) if after and rng.random() < 0.3 else 0)
        for k in range(ncalls):
            t = day + timedelta(hours=22, minutes=5 * k + rng.randrange(4))
            kind = rng.choice([3, 3, 3, 5, 1]) if after else rng.choice([1, 3, 3])
            dur = rng.randrange(20, 300) if kind == 1 else 0
            number = ALEX_NEW if after and day > datetime(2024, 3, 28, tzinfo=UTC) else ALEX
            calls.append((t, f'  <call number="{number}" duration="{dur}" date="{_ms(t)}" '
                             f'type="{kind}" presentation="1" subscription_id="1" '
                             f'readable_date="{_readable(t)}" contact_name="Alex" />'))
        day += timedelta(days=1)
    for t, body in SAM_REPLIES:
        sms.append((t, _sms(ALEX, t, body, 2, "Alex")))
    # A friend's message Sam keeps for context, and an unsent draft (not imported).
    t = datetime(2024, 3, 21, 9, 12, tzinfo=UTC)
    sms.append((t, _sms(FRIEND, t, "Saw Alex's car parked on your street again this "
                        "morning.\nTook a photo, sending it now", 1, "Priya")))
    t = datetime(2024, 3, 22, 10, 0, tzinfo=UTC)
    sms.append((t, _sms(ALEX, t, "I never want to see you again", 3, "Alex")))
    # The photo Priya sent, as an MMS with a small PNG.
    png = base64.b64encode((HERE / "assets" / "car.png").read_bytes()).decode()
    t2 = datetime(2024, 3, 21, 9, 13, tzinfo=UTC)
    mms = (f'  <mms date="{_ms(t2)}" msg_box="1" address="{FRIEND}" m_type="132" '
           f'contact_name="Priya" readable_date="{_readable(t2)}" sub="null">\n'
           f'    <parts>\n'
           f'      <part seq="-1" ct="application/smil" name="null" text="&lt;smil/&gt;" />\n'
           f'      <part seq="0" ct="image/png" name="car.png" cl="car.png" data="{png}" />\n'
           f'      <part seq="1" ct="text/plain" name="null" text="Outside yours, 9am" />\n'
           f'    </parts>\n    <addrs>\n'
           f'      <addr address="{FRIEND}" type="137" charset="106" />\n'
           f'      <addr address="+447700900123" type="151" charset="106" />\n'
           f'    </addrs>\n  </mms>')
    sms.append((t2, mms))
    sms.sort(key=lambda x: x[0])
    calls.sort(key=lambda x: x[0])
    head = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
    sms_xml = (head + f'<smses count="{len(sms)}" backup_set="sample" '
               f'backup_date="{_ms(datetime(2024, 4, 14, tzinfo=UTC))}" type="full">\n'
               + "\n".join(x for _, x in sms) + "\n</smses>\n")
    calls_xml = (head + f'<calls count="{len(calls)}" backup_set="sample">\n'
                 + "\n".join(x for _, x in calls) + "\n</calls>\n")
    return sms_xml, calls_xml


def main() -> None:
    sms_xml, calls_xml = build()
    (HERE / "sms-20240414120000.xml").write_text(sms_xml, encoding="utf-8")
    (HERE / "calls-20240414120000.xml").write_text(calls_xml, encoding="utf-8")


if __name__ == "__main__":
    main()
