"""Writes samples/x/archive: Sam's X (Twitter) archive (deterministic): DMs from Alex, a
group DM Alex used to spread rumours, and Sam's public reply to Alex."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "lib"))

import story as s  # noqa: E402

SAM_ID, ALEX_ID = "1500000000000000123", "1500000000000000456"


def js(name: str, value: object) -> bytes:
    return (f"window.YTD.{name}.part0 = "
            + json.dumps(value, indent=2, ensure_ascii=False)).encode("utf-8")


def iso(t) -> str:  # type: ignore[no-untyped-def]
    return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def main() -> None:
    root = HERE / "x" / "archive"
    shutil.rmtree(root, ignore_errors=True)
    (root / "data").mkdir(parents=True)
    msgs = []
    for i, (t, who, text) in enumerate(s.ordered(s.timeline(66, s.utc(2024, 3, 1),
                                                            s.utc(2024, 3, 30), 0.3))):
        sender = SAM_ID if who == s.SAM else ALEX_ID
        msgs.append({"messageCreate": {
            "recipientId": ALEX_ID if sender == SAM_ID else SAM_ID, "reactions": [],
            "urls": [], "text": text, "mediaUrls": [], "senderId": sender,
            "id": str(1766000000000000000 + i), "createdAt": iso(t)}})
    group = [
        {"joinConversation": {"initiatingUserId": ALEX_ID, "participantsSnapshot": [
            SAM_ID, ALEX_ID, "1500000000000000999"], "createdAt": iso(s.utc(2024, 3, 20, 9))}},
        {"messageCreate": {"reactions": [], "urls": [], "mediaUrls": [],
                           "text": "Ask Sam what really happened in February. Go on, ask.",
                           "senderId": ALEX_ID, "id": "1770000000000000001",
                           "createdAt": iso(s.utc(2024, 3, 20, 9, 1))}},
    ]
    tweets = [{"tweet": {
        "id_str": "1768000000000000001", "full_text": "@alex_morgan_x I have asked you to "
        "stop. Do not contact me again.", "created_at": "Mon Mar 11 08:00:00 +0000 2024",
        "in_reply_to_screen_name": "alex_morgan_x", "in_reply_to_user_id_str": ALEX_ID,
        "entities": {"user_mentions": [{"screen_name": "alex_morgan_x", "name": "Alex",
                                        "id_str": ALEX_ID}], "urls": [], "hashtags": []}}},
        {"tweet": {"id_str": "1768000000000000002", "full_text": "Spring at last 🌷",
                   "created_at": "Sat Mar 30 10:00:00 +0000 2024",
                   "entities": {"user_mentions": [], "urls": [], "hashtags": []}}}]
    data = root / "data"
    (data / "account.js").write_bytes(js("account", [{"account": {
        "email": "sam@example.com", "username": "samcarter", "accountId": SAM_ID,
        "createdAt": "2016-05-01T10:00:00.000Z", "accountDisplayName": s.SAM}}]))
    (data / "direct-messages.js").write_bytes(js("direct_messages", [{"dmConversation": {
        "conversationId": f"{SAM_ID}-{ALEX_ID}", "messages": msgs}}]))
    (data / "direct-messages-group.js").write_bytes(js("direct_messages_group", [
        {"dmConversation": {"conversationId": "1770000000000000000", "messages": group}}]))
    (data / "tweets.js").write_bytes(js("tweets", tweets))


if __name__ == "__main__":
    main()
