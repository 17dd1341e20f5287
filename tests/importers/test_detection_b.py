"""Files of another kind are not claimed by formats 6-12: they get the clear
"not a format SafeCase knows" line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from safecase.errors import UnknownFormat
from safecase.importers.registry import detect


@pytest.mark.parametrize(("name", "data"), [
    ("report.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"),
    ("empty.json", b"{}"),
    ("list.json", b"[]"),
    ("notes.txt", b"Just some notes I wrote.\nNothing else.\n"),
    ("data.csv.bin", b"\x00\x01\x02\x03" * 20),
])
def test_other_files_are_not_claimed(tmp_path: Path, name: str, data: bytes) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    with pytest.raises(UnknownFormat, match="not a format SafeCase knows"):
        detect(p)


def test_random_zip_and_empty_folder(tmp_path: Path) -> None:
    z = tmp_path / "holiday.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("readme.txt", "photos from the trip")
        zf.writestr("a/b/c.json", "{}")
    with pytest.raises(UnknownFormat, match="not a format SafeCase knows"):
        detect(z)
    (tmp_path / "empty").mkdir()
    with pytest.raises(UnknownFormat, match="not a format SafeCase knows"):
        detect(tmp_path / "empty")
