"""Screenshots and photos (PNG, JPEG, WebP, TIFF; HEIC when pillow-heif is installed).

Each image is kept as an exhibit with what it says about itself (EXIF time, GPS place) and
the text OCR read in it (``safecase.ocr``), marked as derived. A second exhibit,
``<name>.ocr.txt``, holds the OCR text with ``derived_from`` naming the image's SHA-256.
No event is made: a screenshot of a chat becomes a ``message`` event only when the person
confirms it (``safecase confirm-ocr``, see ``safecase.ocr.confirmed_message``).

Options: ``--option ocr_lang=deu`` (any installed tesseract language, ``eng`` by default;
``eng+deu`` for both), ``--option ocr=off`` to keep the image without OCR.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

from safecase.errors import BadInput, UserError
from safecase.importers.base import ImportContext, Importer
from safecase.importers.util import read_file_limited
from safecase.model import ParsedEvent, ParsedExhibit
from safecase.ocr import image_metadata, run_ocr

MAX_IMAGE_BYTES = 128 * 1024 * 1024
CONFIRM_NOTE = ("a screenshot becomes a message only when you confirm it: "
                "safecase confirm-ocr CASE EXHIBIT")

_HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")


def image_mime(head: bytes) -> str | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "image/avif" if head[8:12] == b"avif" else "image/heic"
    return None


class ImageImporter(Importer):
    name = "image"
    version = "1"
    title = "Screenshot or photo (kept as an exhibit; EXIF, GPS and OCR text)"

    @classmethod
    def sniff(cls, path: Path, head: bytes) -> float:
        return 0.9 if path.is_file() and image_mime(head) else 0.0

    def parse(self, path: Path, ctx: ImportContext) -> Iterator[ParsedEvent | ParsedExhibit]:
        lang = ctx.options.get("ocr_lang", "eng")
        if not re.fullmatch(r"[A-Za-z_]{3,16}(\+[A-Za-z_]{3,16})*", lang):
            raise UserError(f"--option ocr_lang={lang!r}: give tesseract language codes like eng or eng+deu")
        data = read_file_limited(path, MAX_IMAGE_BYTES, "an image")
        mime = image_mime(data[:64])
        if mime is None:
            raise BadInput(path, "is not a PNG, JPEG, WebP, TIFF or HEIC image")
        meta, readable = image_metadata(data, ctx.tz)
        extra = dict(meta)
        extra["sha256"] = hashlib.sha256(data).hexdigest()
        if ctx.options.get("ocr", "on").lower() in ("off", "no", "0", "false"):
            extra["ocr_skipped"] = "ocr=off"
        elif readable is None:
            extra["ocr_error"] = "the image could not be decoded, so no OCR"
        else:
            extra.update(run_ocr(readable, lang))
        if "ocr_error" in extra:
            ctx.notes.append(f"OCR: {extra['ocr_error']}")
        extra["confirmation"] = CONFIRM_NOTE
        ctx.notes.append(CONFIRM_NOTE)
        yield ParsedExhibit(name=path.name, mime=mime, data=data, extra=extra)
        if extra.get("ocr_text"):
            yield ParsedExhibit(
                name=f"{path.name}.ocr.txt", mime="text/plain; charset=utf-8",
                data=extra["ocr_text"].encode("utf-8"),
                extra={"derived": "ocr", "derived_from": {"name": path.name, "sha256": extra["sha256"]},
                       "ocr_engine": extra["ocr_engine"], "ocr_lang": extra["ocr_lang"]},
            )
