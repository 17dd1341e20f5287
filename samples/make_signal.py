"""Writes the Signal part of the sample case (deterministic).

* ``signal/signal-backup-2024-03-30.xml``: what signalbackup-tools ``--exportxml`` writes
  from Sam's Android Signal backup, including its two XML quirks (unquoted ``count``,
  a doubled ``cl`` on MMS text parts) and an emoji as a UTF-16 surrogate pair.
* ``signal/desktop-export/``: signal-export's output from Sam's Signal Desktop: the
  "Friends" group where Jo and Priya report seeing Alex (third-party evidence).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).parent
ALEX = "+447700900456"


def ms(when: str) -> int:
    return int(datetime.strptime(when, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp() * 1000)


def attr(text: str) -> str:
    """signalbackup-tools' escaping: control characters and non-ASCII as character references."""
    out = []
    for ch in text:
        if ch in "&<>\"'":
            out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;"}[ch])
        elif ord(ch) < 0x20 or ord(ch) > 0x7E:
            out.append(f"&#{ord(ch)};")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


SMS = [
    ("2024-03-11 19:02:44", 1, "Signal too? You think I don't have Signal?"),
    ("2024-03-11 19:05:00", 2, "Please stop contacting me, on every app."),
    ("2024-03-18 07:50:31", 1, "Did you like my note? I'll be back tomorrow 😘\nSame time."),
    ("2024-03-25 22:10:05", 1, "If I can't have you, nobody will."),
]


def main() -> None:
    out = HERE / "signal"
    out.mkdir(exist_ok=True)
    lines = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>",
             '<?xml-stylesheet type="text/xsl" href="sms.xsl"?>',
             f'<smses count={len(SMS) + 1} backup_date="" type="full">']
    for when, kind, body in SMS:
        lines.append(f'  <sms protocol="0" address="{ALEX}" contact_name="Alex" date="{ms(when)}" '
                     f'readable_date="{when}" type="{kind}" subject="null" body={attr(body)} toa="null" '
                     'sc_toa="null" service_center="null" read="1" status="-1" locked="0" />')
    lines += [
        f'  <mms msg_box="1" date="{ms("2024-03-20 21:13:00")}" date_sent="{ms("2024-03-20 21:13:00") // 1000}" seen="0" '
        f'readable_date="2024-03-20 21:13:00" address="{ALEX}" contact_name="Alex" sub="" read="1" read_status="" rr="0" '
        'ct_t="application/vnd.wap.multipart.related" ct_l="" ct_cls="" sub_cs="" pri="0" v="0" exp="" d_tm="" d_rpt="" '
        'rpt_a="" st="" locked="0" m_id="" m_size="" m_type="0" m_cls="" tr_id="" retr_st="" retr_txt="" retr_txt_cs="" '
        'resp_txt="" resp_st="" text_only="1">',
        "    <parts>",
        '      <part seq="0" ct="text/plain" name="null" chset="106" cd="null" fn="null" cl="&lt;text000005&gt;" '
        'cl="text000005.txt" ctt_s="null" ctt_t="null" text="Your mum&apos;s house looks nice this time of year &#55357;&#56384;" ></part>',
        "    </parts>",
        "    <addrs>",
        f'      <addr address="{ALEX}" type="137" charset="106" />',
        "    </addrs>",
        "  </mms>",
        "</smses>",
    ]
    (out / "signal-backup-2024-03-30.xml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    chat = out / "desktop-export" / "Friends"
    chat.mkdir(parents=True, exist_ok=True)
    rows = [
        ("2024-03-14T19:00:12", "Jo", "Are you ok Sam? Alex was outside the office again at 6."),
        ("2024-03-14T19:03:40", "Priya", "I saw him too, grey Golf, parked across the road for an hour."),
        ("2024-03-14T19:10:02", "Me", "Thank you both. Could you write down the times? I'm keeping a log."),
    ]
    with (chat / "data.json").open("w", encoding="utf-8") as fh:
        for date, sender, body in rows:
            fh.write(json.dumps({"date": date, "sender": sender, "body": body + "  ", "quote": "",
                                 "sticker": "", "reactions": [], "attachments": [],
                                 "deleted": False, "call": False, "missed": False},
                                ensure_ascii=False) + "\n")
    (chat / "chat.md").write_text("".join(f"[{d.replace('T', ' ')}] {s}: {b}  \n" for d, s, b in rows),
                                  encoding="utf-8")


if __name__ == "__main__":
    main()
