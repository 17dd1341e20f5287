"""Writes the Snapchat part of the sample case (deterministic): ``snapchat/chat_history.json``
in the per-conversation shape of 2023-on "My Data" packages."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).parent
CHATS = [
    # (UTC time, from Alex?, text)
    ("2024-03-02 21:14:05", True, "saw your story. who's the guy 👀"),
    ("2024-03-10 20:30:12", True, "why did you unadd me"),
    ("2024-03-10 20:31:40", False, "Please stop contacting me."),
    ("2024-03-12 00:03:59", True, "I still have the pictures, Sam.\nThink about that."),
    ("2024-03-19 23:48:30", True, "nice new car btw"),
]


def main() -> None:
    items = []
    for when, alex, text in CHATS:
        ms = int(datetime.strptime(when, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC).timestamp() * 1000)
        items.append({"From": "alexm84" if alex else "sam.c", "Media Type": "TEXT",
                      "Created": f"{when} UTC", "Content": text, "Conversation Title": None,
                      "IsSender": not alex, "Created(microseconds)": ms, "IsSaved": False,
                      "Media IDs": ""})
    out = HERE / "snapchat"
    out.mkdir(exist_ok=True)
    (out / "chat_history.json").write_text(
        json.dumps({"alexm84": items}, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
