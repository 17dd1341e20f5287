"""Writes samples/iphone/backup: Sam's old iPhone, backed up unencrypted with Finder
(deterministic). iMessages from Alex (some bodies only in attributedBody, as iOS 16+
writes them), a tapback on Sam's refusal, a photo Alex sent, and the call history."""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "lib"))

import iphone_db as ip  # noqa: E402
import story as s  # noqa: E402

ATTACH = "Library/SMS/Attachments/7c/12/3F2A9C1E-5B7D-4E21-9A66-0C1D2E3F4A5B/IMG_2291.png"


def main() -> None:
    out = HERE / "iphone" / "backup"
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "sms.db"
        con = ip.new_sms_db(db)
        h = ip.add_handle(con, s.ALEX_PHONE)
        chat = ip.add_chat(con, s.ALEX_PHONE, [h])
        stop_guid = None
        photo_mid = None
        for i, (t, who, text) in enumerate(s.ordered(s.timeline(
                11, s.utc(2024, 2, 5), s.utc(2024, 3, 20), 0.6))):
            guid = f"SAMPLE-{i:04d}"
            ip.add_message(con, guid=guid, chat=chat, handle=h, unix_s=t.timestamp(),
                           text=text, from_me=who == s.SAM, body_in_blob=i % 3 == 0)
            if who == s.SAM:
                stop_guid = guid
                ip.add_message(con, guid=f"{guid}-R", chat=chat, handle=h,
                               unix_s=(t + timedelta(minutes=1)).timestamp(),
                               text=f"Laughed at “{text}”", from_me=False,
                               assoc=(f"p:0/{guid}", 2003))
            if photo_mid is None and t > s.STOP_AT + timedelta(days=2):
                photo_mid = ip.add_message(con, guid=f"{guid}-P", chat=chat, handle=h,
                                           unix_s=t.timestamp() + 5,
                                           text="\ufffcLook who I saw", from_me=False)
        assert stop_guid and photo_mid
        png = (HERE / "assets" / "car.png").read_bytes()
        ip.add_attachment(con, photo_mid, guid="3F2A9C1E-5B7D-4E21-9A66-0C1D2E3F4A5B",
                          filename="~/" + ATTACH, mime="image/png", transfer_name="IMG_2291.png",
                          size=len(png))
        con.commit()
        con.close()
        calls = Path(tmp) / "CallHistory.storedata"
        cc = ip.new_call_history(calls)
        day = s.utc(2024, 3, 10, 22, 30)
        for k in range(12):  # a night of calls after the refusal
            ip.add_call(cc, unix_s=(day + timedelta(minutes=4 * k)).timestamp(),
                        address=s.ALEX_PHONE, duration=0.0, originated=False, answered=False,
                        uid=f"S{k}")
        ip.add_call(cc, unix_s=s.utc(2024, 3, 16, 23, 5).timestamp(), address=s.ALEX_NEW_PHONE,
                    duration=14.0, originated=False, answered=True, uid="S99")
        cc.commit()
        cc.close()
        ip.make_backup(out, {
            ("HomeDomain", "Library/SMS/sms.db"): db.read_bytes(),
            ("HomeDomain", "Library/CallHistoryDB/CallHistory.storedata"): calls.read_bytes(),
            ("MediaDomain", ATTACH): png,
        })


if __name__ == "__main__":
    main()
