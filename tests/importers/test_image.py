"""Screenshots and photos (format 12): exhibit, EXIF time and GPS, OCR text marked derived."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers_b import FIXTURES, assert_detects, parse_all_or_safecase_error, run, sha256
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import safecase.ocr as ocr
from safecase.errors import BadInput, UserError
from safecase.importers.image import CONFIRM_NOTE, ImageImporter
from safecase.ocr import confirmed_message

D = FIXTURES / "image"
SHOT = D / "instagram-dm-2024-03-14.png"
PHOTO = D / "note-on-car-2024-03-18.jpg"


@pytest.fixture
def tesseract() -> None:
    """OCR needs Debian's tesseract, which scripts/setup.sh installs: fail, never skip."""
    assert shutil.which("tesseract"), (
        "tesseract is missing: run `bash scripts/setup.sh test` (apt-get install tesseract-ocr)")


needs_tesseract = pytest.mark.usefixtures("tesseract")


@needs_tesseract
def test_screenshot_is_an_exhibit_with_ocr_text_and_no_event() -> None:
    events, exhibits, c = run(ImageImporter, SHOT)
    assert events == []                       # a screenshot is not a message until confirmed
    image, text = exhibits
    assert image.name == SHOT.name and image.mime == "image/png"
    assert sha256(image.data) == sha256(SHOT.read_bytes()) == image.extra["sha256"]
    assert image.extra["image"] == {"format": "PNG", "width": 720, "height": 670, "mode": "RGB"}
    assert "exif" not in image.extra and "taken_at" not in image.extra
    assert image.extra["derived"] == "ocr" and image.extra["ocr_lang"] == "eng"
    assert image.extra["ocr_engine"].startswith("tesseract ")
    words = image.extra["ocr_text"]
    for phrase in ("New account. You can't", "block me forever.", "contacting me.", "know where you work."):
        assert phrase in words
    assert text.name == SHOT.name + ".ocr.txt" and text.data == words.encode()
    assert text.extra["derived"] == "ocr" and text.extra["derived_from"]["sha256"] == sha256(SHOT.read_bytes())
    assert CONFIRM_NOTE in c.notes


@needs_tesseract
def test_photo_exif_time_and_gps() -> None:
    _, (image, _text), _ = run(ImageImporter, PHOTO)
    x = image.extra
    assert image.mime == "image/jpeg"
    assert x["exif"] == {"Make": "Google", "Model": "Pixel 7",
                         "DateTimeOriginal": "2024:03:18 07:42:10", "OffsetTimeOriginal": "+00:00"}
    assert x["taken_at"] == "2024-03-18T07:42:10Z" and x["time_certainty"] == "exact"
    assert x["gps"]["latitude"] == pytest.approx(51.517833, abs=1e-5)
    assert x["gps"]["longitude"] == pytest.approx(-0.106, abs=1e-5)
    assert x["gps"]["altitude_m"] == 24.0 and x["gps"]["raw"]["1"] == "N"
    assert "SEE YOU" in x["ocr_text"] and "EVERY DAY" in x["ocr_text"]


def test_exif_time_without_offset_is_assumed(tmp_path: Path) -> None:
    from PIL import Image

    exif = Image.Exif()
    exif.get_ifd(0x8769).update({36867: "2024:07:01 12:00:00"})
    p = tmp_path / "summer.jpg"
    Image.new("RGB", (8, 8)).save(p, exif=exif)
    _, (image,), _ = run(ImageImporter, p, tz="Europe/London", options={"ocr": "off"})
    assert image.extra["taken_at"] == "2024-07-01T11:00:00Z"       # BST
    assert image.extra["time_certainty"] == "assumed" and image.extra["ocr_skipped"] == "ocr=off"


def test_without_tesseract_the_image_is_still_kept(monkeypatch) -> None:
    monkeypatch.setattr(ocr.shutil, "which", lambda name: None)
    ocr.tesseract_version.cache_clear()
    try:
        _, (image,), c = run(ImageImporter, SHOT)
    finally:
        ocr.tesseract_version.cache_clear()
    assert "tesseract is not installed" in image.extra["ocr_error"]
    assert any("tesseract is not installed" in n for n in c.notes)


def test_broken_and_wrong_files(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(SHOT.read_bytes()[:200])
    _, (image,), _ = run(ImageImporter, broken, options={"ocr": "off"})
    assert image.extra["image_error"] == "the image is damaged or truncated (OSError)"
    assert image.extra["image"]["format"] == "PNG"       # the header was still readable
    notimg = tmp_path / "x.png"
    notimg.write_bytes(b"not an image at all")
    with pytest.raises(BadInput, match="is not a PNG, JPEG"):
        run(ImageImporter, notimg)
    with pytest.raises(UserError, match="ocr_lang"):
        run(ImageImporter, SHOT, options={"ocr_lang": "eng; rm -rf /"})


def test_confirmed_message_from_screenshot() -> None:
    extra = {"ocr_text": "| know where you work.", "ocr_engine": "tesseract 5.3.0", "derived": "ocr"}
    ev = confirmed_message("ab" * 32, extra, channel="instagram", direction="incoming",
                           ts_ms=1710452760000, sender="alex.m.private", id_kind="handle",
                           text="I know where you work.")
    assert ev.kind == "message" and ev.text == "I know where you work."
    assert ev.extra["ocr_text"] == "| know where you work." and ev.extra["text_edited"] is True
    assert ev.extra["derived"] == "ocr" and ev.extra["confirmed_by_person"] is True
    assert ev.raw_time == "2024-03-14T21:46:00Z"
    with pytest.raises(UserError, match="unknown channel"):
        confirmed_message("ab" * 32, extra, channel="myspace", direction="incoming", ts_ms=0)


def test_detection() -> None:
    assert_detects(SHOT, "image")
    assert_detects(PHOTO, "image")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), which=st.sampled_from([SHOT, PHOTO]))
def test_fuzz(data, which: Path) -> None:
    src = which.read_bytes()
    cut = data.draw(st.integers(8, len(src)))
    noise = data.draw(st.binary(max_size=40))
    at = data.draw(st.integers(8, cut))
    parse_all_or_safecase_error(ImageImporter, src[:at] + noise + src[at:cut], which.suffix,
                                options={"ocr": "off"})
