"""Writes samples/whatsapp/whatsapp-alex-morgan.zip: Sam's Android "Export chat" with Alex
(with media), UK English, 24-hour clock (deterministic). Sam's WhatsApp name is "Sam".

Import with --me Sam (samples/imports.txt does)."""

from __future__ import annotations

import sys
import zipfile
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "lib"))

import story as s  # noqa: E402

LONDON = ZoneInfo("Europe/London")


def line(t, who: str, text: str) -> str:  # type: ignore[no-untyped-def]
    local = t.astimezone(LONDON)
    return f"{local:%d/%m/%Y, %H:%M} - {who}: {text}\n"


def main() -> None:
    out = HERE / "whatsapp"
    out.mkdir(exist_ok=True)
    first = s.utc(2024, 2, 10, 18, 0)
    text = [f"{first.astimezone(LONDON):%d/%m/%Y, %H:%M} - Messages and calls are end-to-end "
            "encrypted. No one outside of this chat, not even WhatsApp, can read or listen to "
            "them. Tap to learn more.\n"]
    for t, who, body in s.ordered(s.timeline(22, s.utc(2024, 2, 10), s.utc(2024, 4, 10), 0.8)):
        text.append(line(t, "Sam" if who == s.SAM else who, body))
    photo_at = s.utc(2024, 3, 14, 21, 5)
    text.append(line(photo_at, s.ALEX, "IMG-20240314-WA0007.png (file attached)\n"
                                        "Your door, tonight"))
    text.append(line(photo_at + timedelta(minutes=3), s.ALEX, "<Media omitted>"))
    text.append(line(s.utc(2024, 3, 15, 0, 12), s.ALEX, "This message was deleted"))
    lines = sorted(text[1:], key=lambda x: (x[6:10], x[3:5], x[0:2], x[12:17]))
    body = (text[0] + "".join(lines)).encode("utf-8")
    with zipfile.ZipFile(out / "whatsapp-alex-morgan.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in [("WhatsApp Chat with Alex Morgan.txt", body),
                           ("IMG-20240314-WA0007.png", (HERE / "assets" / "car.png").read_bytes())]:
            info = zipfile.ZipInfo(name, date_time=(2024, 4, 14, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


if __name__ == "__main__":
    main()
