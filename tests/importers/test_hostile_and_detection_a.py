"""Hostile containers (zip bombs, ../ paths, symlinks, deep JSON) and auto-detection for
the formats of importers 1-5."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest
from helpers_a import FIXTURES, parse

from safecase.errors import BadInput, UnknownFormat
from safecase.importers import util
from safecase.importers.meta import MetaMessagesImporter
from safecase.importers.registry import detect
from safecase.importers.telegram import TelegramImporter
from safecase.importers.whatsapp import WhatsAppImporter

EXPECTED = {
    "iphone/sms.db": "iphone-messages",
    "iphone/sms_old.db": "iphone-messages",
    "iphone/CallHistory.storedata": "iphone-calls",
    "iphone/backup": "iphone-backup",
    "iphone/backup_encrypted": "iphone-backup",
    "whatsapp/WhatsApp Chat with Alex Morgan.txt": "whatsapp",
    "whatsapp/WhatsApp Chat - Alex Morgan.zip": "whatsapp",
    "whatsapp/ios_de_chat.txt": "whatsapp",
    "whatsapp/android_fr.txt": "whatsapp",
    "whatsapp/android_es.txt": "whatsapp",
    "whatsapp/android_nl.txt": "whatsapp",
    "whatsapp/android_iso.txt": "whatsapp",
    "whatsapp/ambiguous.txt": "whatsapp",
    "telegram/chat_result.json": "telegram",
    "telegram/full_export": "telegram",
    "meta/facebook": "meta-messages",
    "meta/instagram.zip": "meta-messages",
    "meta/facebook/messages/inbox/alexmorgan_10158/message_1.json": "meta-messages",
    "x/archive": "x-archive",
    "x/archive/data/direct-messages.js": "x-archive",
    "x/archive/data/tweets.js": "x-archive",
}


@pytest.mark.parametrize("rel,name", sorted(EXPECTED.items()))
def test_every_fixture_is_detected(rel: str, name: str) -> None:
    assert detect(FIXTURES / rel).name == name


def _unknown(path: Path) -> None:
    with pytest.raises(UnknownFormat, match="not a format SafeCase knows"):
        detect(path)


def test_pdf_random_zip_empty_json_are_unknown(tmp_path: Path) -> None:
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer\n%%EOF\n")
    _unknown(pdf)
    z = tmp_path / "holiday.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("IMG_0001.jpg", b"\xff\xd8\xff")
        zf.writestr("notes.txt", "pack sun cream\n")
    _unknown(z)
    for doc in ("{}", "[]", '{"messages": []}'):
        j = tmp_path / "data.json"
        j.write_text(doc)
        _unknown(j)
    empty_db = tmp_path / "other.db"
    import sqlite3
    con = sqlite3.connect(empty_db)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    _unknown(empty_db)
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "a.txt").write_text("hello")
    _unknown(folder)


# ------------------------------------------------------------------ zips


def test_zip_bomb_by_ratio_is_refused(tmp_path: Path) -> None:
    z = tmp_path / "WhatsApp Chat - bomb.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("_chat.txt", "14/03/2024, 21:05 - A: hi\n")
        zf.writestr("IMG.jpg", b"\x00" * (20 * 2**20))  # 20 MiB of zeros: ratio ~1000
    with pytest.raises(BadInput, match="zip bomb"):
        parse(WhatsAppImporter, z)


def test_zip_bomb_by_total_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(util, "MAX_ZIP_TOTAL", 1000)
    z = tmp_path / "t.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_STORED) as zf:
        zf.writestr("a", b"x" * 600)
        zf.writestr("b", b"x" * 600)
    with pytest.raises(BadInput, match="zip bomb"):
        util.open_zip_safely(z)


def test_too_many_members(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(util, "MAX_ZIP_MEMBERS", 3)
    z = tmp_path / "m.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for i in range(5):
            zf.writestr(f"f{i}", b"x")
    with pytest.raises(BadInput, match="more than the limit"):
        util.open_zip_safely(z)


@pytest.mark.parametrize("evil", ["../../etc/passwd", "/etc/passwd", "a/../../x",
                                  "C:/Windows/x", "..\\..\\x"])
def test_paths_escaping_the_export_are_refused(tmp_path: Path, evil: str) -> None:
    z = tmp_path / "evil.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("your_instagram_activity/messages/inbox/a_1/message_1.json", "{}")
        zf.writestr(evil, b"x")
    with pytest.raises(BadInput, match="outside the zip"):
        parse(MetaMessagesImporter, z)


def test_symlink_member_in_zip_is_refused(tmp_path: Path) -> None:
    z = tmp_path / "link.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("result.json", "{}")
        info = zipfile.ZipInfo("photos/p.jpg")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    with pytest.raises(BadInput, match="symbolic link"):
        parse(TelegramImporter, z)


def test_symlinks_in_folders_are_not_followed(tmp_path: Path) -> None:
    root = tmp_path / "export"
    (root / "photos").mkdir(parents=True)
    secret = tmp_path / "secret.jpg"
    secret.write_bytes(b"private file outside the export")
    os.symlink(secret, root / "photos" / "p.jpg")
    (root / "result.json").write_text(json.dumps({"type": "personal_chat", "id": 1,
        "messages": [{"id": 1, "type": "message", "date_unixtime": "1", "from_id": "user1",
                      "text": "x", "photo": "photos/p.jpg"}]}))
    (ev,), _ = parse(TelegramImporter, root)
    assert ev.attachments[0].data is None and ev.attachments[0].open is None
    # And a traversal path in the JSON itself never leaves the folder.
    (root / "result.json").write_text(json.dumps({"type": "personal_chat", "id": 1,
        "messages": [{"id": 1, "type": "message", "date_unixtime": "1", "from_id": "user1",
                      "text": "x", "photo": "../secret.jpg"}]}))
    (ev,), _ = parse(TelegramImporter, root)
    assert ev.attachments[0].data is None
    assert util.FolderContainer(root).names() == ["result.json"]


def test_damaged_member_is_a_clear_error(tmp_path: Path) -> None:
    src = FIXTURES / "whatsapp" / "WhatsApp Chat - Alex Morgan.zip"
    data = bytearray(src.read_bytes())
    i = data.find(b"_chat.txt") + len(b"_chat.txt") + 5   # inside the deflated text
    data[i] ^= 0xFF
    z = tmp_path / "WhatsApp Chat - Alex Morgan.zip"
    z.write_bytes(bytes(data))
    with pytest.raises(BadInput):
        parse(WhatsAppImporter, z)


# ------------------------------------------------------------------ json and lines


def test_deeply_nested_json_is_refused() -> None:
    with pytest.raises(BadInput, match="nests JSON deeper"):
        util.load_json("[" * 100 + "]" * 100, "f.json")
    with pytest.raises(BadInput, match="nests JSON deeper"):
        util.load_json("[" * 100_000 + "]" * 100_000, "f.json")
    assert util.load_json("[" * 10 + "]" * 10, "f.json") == [[[[[[[[[[]]]]]]]]]]


def test_json_size_limit() -> None:
    with pytest.raises(BadInput, match="larger than the limit"):
        util.load_json(b"[" + b"1," * 600 + b"1]", "f.json", max_bytes=1000)


def test_huge_line_refused_without_loading_it(tmp_path: Path) -> None:
    import io
    stream = io.StringIO("a\n" + "x" * 5000 + "\nb\n")
    with pytest.raises(BadInput, match="a line is longer than"):
        list(util.iter_lines_limited(stream, "f.txt", max_line=1000, chunk=100))
    stream = io.StringIO("a\r\nb\n\nc")
    assert list(util.iter_lines_limited(stream, "f.txt", chunk=2)) == ["a\r", "b", "", "c"]


def test_invalid_utf8_is_a_clear_error(tmp_path: Path) -> None:
    p = tmp_path / "chat.txt"
    p.write_bytes(b"14/03/2024, 21:05 - A: \xff\xfe broken\n")
    with pytest.raises(BadInput, match="not valid UTF-8"):
        parse(WhatsAppImporter, p)
