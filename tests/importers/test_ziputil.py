"""Hostile containers and JSON: refused within fixed limits, with one clear line."""

from __future__ import annotations

import io
import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

import safecase.importers.util as zu
from safecase.errors import BadInput
from safecase.importers.discord import DiscordImporter
from safecase.importers.util import load_json, open_container, safe_relpath


def make_zip(path: Path, members: dict[str, bytes], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, "/etc/passwd")
    return path


@pytest.mark.parametrize("name", ["../evil.json", "a/../../evil", "/etc/passwd", "C:\\x\\y", "..\\up"])
def test_escaping_names_are_refused(tmp_path: Path, name: str) -> None:
    assert safe_relpath(name) is None
    z = make_zip(tmp_path / "x.zip", {name: b"{}"})
    with pytest.raises(BadInput, match="points outside the zip"):
        open_container(z)


def test_harmless_names_are_normalised() -> None:
    assert safe_relpath("./messages//c1/messages.json") == "messages/c1/messages.json"
    assert safe_relpath("Messages\\c1\\channel.json") == "Messages/c1/channel.json"


def test_zip_symlink_member_is_refused(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "x.zip", {"messages/index.json": b"{}"}, symlink="messages/c1/messages.json")
    with pytest.raises(BadInput, match="symbolic link"):
        open_container(z)


def test_folder_symlink_is_refused(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg" / "messages" / "c123456"
    pkg.mkdir(parents=True)
    os.symlink("/etc/hostname", pkg / "messages.json")
    with pytest.raises(BadInput, match="symbolic link"):
        list(DiscordImporter().parse(tmp_path / "pkg", __import__("helpers_b").ctx()))


def test_zip_bomb_by_ratio_is_refused(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "bomb.zip", {"messages/c1/messages.json": b"\0" * (4 * 1024 * 1024)})
    with pytest.raises(BadInput, match="compressed suspiciously well"):
        open_container(z)


def test_zip_total_and_member_count_limits(tmp_path: Path, monkeypatch) -> None:
    z = make_zip(tmp_path / "many.zip", {f"f{i}.txt": os.urandom(100) for i in range(20)})
    monkeypatch.setattr(zu, "MAX_ZIP_TOTAL", 1000)
    with pytest.raises(BadInput, match="unpacks to more than the size limit"):
        open_container(z)
    monkeypatch.setattr(zu, "MAX_ZIP_TOTAL", 10**9)
    monkeypatch.setattr(zu, "MAX_ZIP_MEMBERS", 10)
    with pytest.raises(BadInput, match="more than the limit of 10"):
        open_container(z)


def test_member_inflating_past_its_declared_size_is_cut_off() -> None:
    raw = zu._LimitedRaw(io.BytesIO(b"x" * 100), 10, "x.zip!m")
    reader = io.BufferedReader(raw)
    with pytest.raises(BadInput, match="inflates past its declared size"):
        reader.read()


def test_not_a_zip(tmp_path: Path) -> None:
    p = tmp_path / "x.zip"
    p.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(BadInput, match="not a readable zip"):
        open_container(p)


def test_zip_members_read_back(tmp_path: Path) -> None:
    z = make_zip(tmp_path / "ok.zip", {"a/b.json": b'{"k": [1, 2]}'})
    with open_container(z) as box:
        assert box.names() == ["a/b.json"]
        assert zu.load_json_member(box, "a/b.json") == {"k": [1, 2]}
        opener = box.opener("a/b.json")
    with opener() as fh:  # still readable after the container is closed
        assert fh.read() == b'{"k": [1, 2]}'


def test_deeply_nested_json_is_refused() -> None:
    with pytest.raises(BadInput, match="deeper than 64 levels"):
        load_json(b"[" * 100 + b"]" * 100, "deep.json")
    with pytest.raises(BadInput, match="nests JSON deeper"):
        load_json(b"[" * 100000 + b"]" * 100000, "deeper.json")


def test_json_errors_are_one_line() -> None:
    with pytest.raises(BadInput, match=r"not valid JSON \(line 1, column 2"):
        load_json(b"{x", "bad.json")
    with pytest.raises(BadInput, match="not valid UTF-8"):
        load_json(b'{"a": "\xff"}', "latin.json")
    with pytest.raises(BadInput, match="larger than"):
        load_json(b"[]" * 10, "big.json", max_bytes=5)
    assert load_json(b'\xef\xbb\xbf{"a": "\\u00e9"}', "bom.json") == {"a": "é"}
    assert json.dumps(load_json(b"[1]", "x")) == "[1]"
