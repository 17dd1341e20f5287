"""Writes the Discord part of the sample case (deterministic): ``discord/package/``, the
folder Sam's Discord data package unzips to. A package holds only Sam's own messages, so
it shows what Sam said (and when), not what Alex wrote."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
DM = "1215634859920001"
SAM_ID, ALEX_ID = "900000000000000123", "900000000000000456"
SENT = [
    ("2024-03-09 18:02:11", "I need space. Please respect that."),
    ("2024-03-10 20:16:40", "Please stop contacting me. That includes here."),
    ("2024-03-13 08:05:02", "I've reported your account to Discord and I'm keeping a record."),
]


def write(path: Path, doc: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    root = HERE / "discord" / "package"
    write(root / "Account" / "user.json", {
        "id": SAM_ID, "username": "sam.carter", "discriminator": "0", "global_name": "Sam",
        "relationships": [{"id": ALEX_ID, "type": 2, "user": {
            "id": ALEX_ID, "username": "alexm_84", "discriminator": "0", "global_name": "Alex"}}]})
    write(root / "Messages" / "index.json", {DM: "Direct Message with alexm_84"})
    write(root / "Messages" / f"c{DM}" / "channel.json",
          {"id": DM, "type": "DM", "recipients": [SAM_ID, ALEX_ID]})
    write(root / "Messages" / f"c{DM}" / "messages.json", [
        {"ID": 1216400000000000000 + i, "Timestamp": ts, "Contents": text, "Attachments": ""}
        for i, (ts, text) in enumerate(SENT, start=1)])


if __name__ == "__main__":
    main()
