"""Writes samples/telegram/export/result.json: Sam's whole-account Telegram Desktop export
(deterministic). Alex moved to Telegram after being blocked elsewhere: messages with
formatting entities, calls (answered and missed), a photo that was not exported."""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "lib"))

import story as s  # noqa: E402

SAM_ID, ALEX_ID = 5550009876, 5550001234


def main() -> None:
    msgs: list[dict] = []
    n = 0
    for t, who, text in s.ordered(s.timeline(33, s.utc(2024, 3, 18), s.utc(2024, 4, 12), 0.4)):
        n += 1
        uid = SAM_ID if who == s.SAM else ALEX_ID
        value: object = text
        if n % 4 == 0:
            value = [{"type": "bold", "text": text.split(" ")[0]},
                     " " + " ".join(text.split(" ")[1:])]
        msgs.append({"id": n, "type": "message", "date": t.strftime("%Y-%m-%dT%H:%M:%S"),
                     "date_unixtime": str(int(t.timestamp())), "from": who,
                     "from_id": f"user{uid}", "text": value, "text_entities": []})
    for k, (t, dur, reason) in enumerate([
            (s.utc(2024, 3, 22, 23, 10), None, "missed"),
            (s.utc(2024, 3, 22, 23, 14), None, "missed"),
            (s.utc(2024, 3, 23, 0, 2), 47, "hangup")]):
        call = {"id": 1000 + k, "type": "service", "date": t.strftime("%Y-%m-%dT%H:%M:%S"),
                "date_unixtime": str(int(t.timestamp())), "actor": s.ALEX,
                "actor_id": f"user{ALEX_ID}", "action": "phone_call", "discard_reason": reason,
                "text": "", "text_entities": []}
        if dur:
            call["duration_seconds"] = dur
        msgs.append(call)
    t = s.utc(2024, 3, 25, 22, 40)
    msgs.append({"id": 2000, "type": "message", "date": t.strftime("%Y-%m-%dT%H:%M:%S"),
                 "date_unixtime": str(int(t.timestamp())), "from": s.ALEX,
                 "from_id": f"user{ALEX_ID}", "text": "Recognise this street?",
                 "photo": "(File not included. Change data exporting settings to download.)",
                 "width": 1280, "height": 960, "text_entities": []})
    msgs.sort(key=lambda m: int(m["date_unixtime"]))
    doc = {"about": "Here is the data you requested.",
           "personal_information": {"user_id": SAM_ID, "first_name": "Sam",
                                    "last_name": "Carter", "phone_number": "+44 7700 900123",
                                    "bio": ""},
           "chats": {"about": "This page lists all chats from this export.", "list": [
               {"name": s.ALEX, "type": "personal_chat", "id": ALEX_ID, "messages": msgs}]}}
    out = HERE / "telegram" / "export"
    out.mkdir(parents=True, exist_ok=True)
    (out / "result.json").write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n",
                                     encoding="utf-8")


if __name__ == "__main__":
    main()
