"""Writes the Facebook and Instagram parts of the sample case (deterministic):

samples/facebook/export/   Messenger thread with Alex in two parts (older layout), a call
                           log, a shared link, an unsent message, a reaction, the profile
                           file naming Sam
samples/instagram/instagram-samcarter.zip   DMs from Alex's new account alex.m.watching
                           (newer your_instagram_activity layout) with a photo

Strings are written as Meta writes them: each UTF-8 byte as a \\u00XX escape."""

from __future__ import annotations

import json
import shutil
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "lib"))

import story as s  # noqa: E402


def mojibake(v: object) -> object:
    if isinstance(v, str):
        return v.encode("utf-8").decode("latin-1")
    if isinstance(v, list):
        return [mojibake(x) for x in v]
    if isinstance(v, dict):
        return {k: mojibake(x) for k, x in v.items()}
    return v


def dump(obj: object) -> bytes:
    return json.dumps(mojibake(obj), ensure_ascii=True, indent=2).encode("ascii")


def ms(t) -> int:  # type: ignore[no-untyped-def]
    return int(t.timestamp() * 1000)


def facebook() -> None:
    root = HERE / "facebook" / "export"
    shutil.rmtree(root, ignore_errors=True)
    thread = "messages/inbox/alexmorgan_10158123"
    (root / thread).mkdir(parents=True)
    msgs = []
    for t, who, text in s.ordered(s.timeline(44, s.utc(2024, 2, 14), s.utc(2024, 3, 24), 0.3)):
        m = {"sender_name": who, "timestamp_ms": ms(t), "content": text,
             "is_geoblocked_for_viewer": False}
        if who == s.SAM:
            m["reactions"] = [{"reaction": "😂", "actor": s.ALEX}]
        msgs.append(m)
    msgs += [
        {"sender_name": s.ALEX, "timestamp_ms": ms(s.utc(2024, 3, 12, 23, 1)),
         "content": "Alex missed your call.", "call_duration": 0, "type": "Call",
         "is_geoblocked_for_viewer": False},
        {"sender_name": s.ALEX, "timestamp_ms": ms(s.utc(2024, 3, 13, 7, 30)),
         "content": "Alex sent a link.", "type": "Share",
         "share": {"link": "https://maps.example.com/?q=Sam%27s+office"},
         "is_geoblocked_for_viewer": False},
        {"sender_name": s.ALEX, "timestamp_ms": ms(s.utc(2024, 3, 13, 7, 31)),
         "is_unsent": True, "is_geoblocked_for_viewer": False},
    ]
    msgs.sort(key=lambda m: -int(m["timestamp_ms"]))  # Meta writes newest first
    half = len(msgs) // 2
    for part, chunk in ((1, msgs[:half]), (2, msgs[half:])):
        (root / thread / f"message_{part}.json").write_bytes(dump({
            "participants": [{"name": s.ALEX}, {"name": s.SAM}], "messages": chunk,
            "title": s.ALEX, "is_still_participant": True,
            "thread_path": "inbox/alexmorgan_10158123", "magic_words": []}))
    (root / "profile_information").mkdir()
    (root / "profile_information" / "profile_information.json").write_bytes(dump(
        {"profile_v2": {"name": {"full_name": s.SAM, "first_name": "Sam",
                                 "last_name": "Carter"}}}))


def instagram() -> None:
    out = HERE / "instagram"
    out.mkdir(exist_ok=True)
    thread = "your_instagram_activity/messages/inbox/alexmwatching_17841463322110000"
    msgs = [{"sender_name": s.ALEX_IG, "timestamp_ms": ms(t), "content": text,
             "is_geoblocked_for_viewer": False}
            for t, _who, text in s.ordered(s.timeline(55, s.utc(2024, 3, 28),
                                                      s.utc(2024, 4, 12), 0.5))]
    msgs.append({"sender_name": s.ALEX_IG, "timestamp_ms": ms(s.utc(2024, 4, 2, 21, 0)),
                 "photos": [{"uri": f"{thread}/photos/car_2024.png",
                             "creation_timestamp": int(s.utc(2024, 4, 2, 21).timestamp())}],
                 "is_geoblocked_for_viewer": False})
    msgs.sort(key=lambda m: -int(m["timestamp_ms"]))
    files = {
        f"{thread}/message_1.json": dump({
            "participants": [{"name": s.ALEX_IG}, {"name": s.SAM}], "messages": msgs,
            "title": s.ALEX_IG, "is_still_participant": True,
            "thread_path": "inbox/alexmwatching_17841463322110000", "magic_words": []}),
        f"{thread}/photos/car_2024.png": (HERE / "assets" / "car.png").read_bytes(),
        "personal_information/personal_information/personal_information.json": dump(
            {"profile_user": [{"string_map_data": {"Name": {"value": s.SAM},
                                                   "Username": {"value": "sam.carter"}}}]}),
    }
    with zipfile.ZipFile(out / "instagram-samcarter.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 4, 14, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)


if __name__ == "__main__":
    facebook()
    instagram()
