"""Screenshots and photos: what the image itself says (EXIF time and place) and the text
in it, read by OCR entirely on this machine.

* OCR is Debian's ``tesseract`` (``apt-get install tesseract-ocr``), run as a subprocess
  with the image on stdin and the text on stdout: no file with case content is written.
  Its output is *derived* text: every place it is kept says so (``derived: "ocr"``, the
  engine and its version, the language).
* Metadata comes from Pillow: size and format, EXIF ``DateTimeOriginal`` (with
  ``OffsetTimeOriginal`` when the camera wrote it; otherwise the time zone is assumed),
  and GPS position, converted to decimal degrees with the raw values kept.
* A screenshot of a chat is not turned into a message by itself: OCR misreads, and a
  screenshot can show anything. ``confirmed_message`` builds the ``message`` event once
  the person has said who sent it, when, on which app, and what it says (they can correct
  the OCR text); the event keeps the OCR text beside the confirmed one and points to the
  image by its SHA-256. The CLI/web command ``safecase confirm-ocr`` is the way in.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from datetime import datetime
from functools import lru_cache
from typing import Any

from safecase.errors import UserError
from safecase.model import (
    CHANNELS,
    DIRECTIONS,
    ID_NAME,
    TIME_ASSUMED,
    TIME_EXACT,
    ParsedEvent,
    utc_iso,
)

MAX_PIXELS = 80_000_000      # larger images are kept, but not decoded (decompression bombs)
OCR_TIMEOUT_S = 120
_EXIF_IFD, _GPS_IFD = 0x8769, 0x8825
_TAG_DATETIME, _TAG_ORIGINAL, _TAG_OFFSET_ORIGINAL = 306, 36867, 36881
_TAG_MAKE, _TAG_MODEL, _TAG_SOFTWARE = 271, 272, 305


@lru_cache(maxsize=1)
def tesseract_version() -> str | None:
    """``"tesseract 5.3.0"``, or ``None`` when tesseract is not installed."""
    exe = shutil.which("tesseract")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (out.stdout or out.stderr).decode("utf-8", "replace").splitlines()
    return text[0].strip() if text else "tesseract"


def run_ocr(image: bytes, lang: str = "eng") -> dict[str, Any]:
    """OCR one image (PNG, JPEG, TIFF, WebP bytes). Returns the extra fields to keep:
    ``ocr_text`` with ``derived``/``ocr_engine``/``ocr_lang``, or ``ocr_error``."""
    version = tesseract_version()
    exe = shutil.which("tesseract")
    if version is None or exe is None:
        return {"ocr_error": "tesseract is not installed (Debian: apt-get install tesseract-ocr)"}
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "OMP_THREAD_LIMIT": "1"}
    try:
        proc = subprocess.run([exe, "stdin", "stdout", "-l", lang], input=image,
                              capture_output=True, timeout=OCR_TIMEOUT_S, check=False, env=env)
    except subprocess.TimeoutExpired:
        return {"ocr_error": f"tesseract took longer than {OCR_TIMEOUT_S} s"}
    except OSError as exc:
        return {"ocr_error": f"tesseract could not run ({exc.strerror})"}
    if proc.returncode != 0:
        first = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return {"ocr_error": f"tesseract failed: {first[-1] if first else proc.returncode}"}
    text = proc.stdout.decode("utf-8", "replace")
    if text.endswith("\f"):
        text = text[:-1]  # tesseract's page separator, not part of the image
    return {"ocr_text": text, "derived": "ocr", "ocr_engine": version, "ocr_lang": lang}


def _ratio(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return float("nan")


def _dms(values: Any, ref: Any) -> float | None:
    try:
        d, m, s = (_ratio(v) for v in values)
    except (TypeError, ValueError):
        return None
    deg = d + m / 60 + s / 3600
    if deg != deg:  # NaN from a zero denominator
        return None
    return round(-deg if str(ref).upper() in ("S", "W") else deg, 7)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return str(value).strip("\x00 ").strip() or None


def image_metadata(data: bytes, tz: Any) -> tuple[dict[str, Any], bytes | None]:
    """(metadata for ``extra``, bytes tesseract can read or ``None``) for an image.

    Never raises for a broken image: the problem is recorded instead, since the file is
    kept as an exhibit either way.
    """
    from PIL import Image, UnidentifiedImageError

    meta: dict[str, Any] = {}
    try:
        im = Image.open(io.BytesIO(data))
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        return {"image_error": f"the image cannot be read ({type(exc).__name__})"}, None
    with im:
        w, h = im.size
        meta["image"] = {"format": im.format, "width": w, "height": h, "mode": im.mode}
        if w * h > MAX_PIXELS:
            meta["image_error"] = f"over {MAX_PIXELS // 1_000_000} megapixels: not decoded"
            return meta, None
        try:
            im.load()  # a truncated or corrupt image shows here, not inside tesseract
        except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError... on junk
            meta["image_error"] = f"the image is damaged or truncated ({type(exc).__name__})"
            return meta, None
        try:
            exif = im.getexif()
            base = {k: _text(exif.get(k)) for k in (_TAG_MAKE, _TAG_MODEL, _TAG_SOFTWARE, _TAG_DATETIME)}
            sub = exif.get_ifd(_EXIF_IFD)
            gps = exif.get_ifd(_GPS_IFD)
        except Exception as exc:  # Pillow raises many kinds on corrupt EXIF blocks
            meta["exif_error"] = f"EXIF unreadable ({type(exc).__name__})"
            base, sub, gps = {}, {}, {}
        exif_out = {name: base.get(tag) for name, tag in (("Make", _TAG_MAKE), ("Model", _TAG_MODEL),
                    ("Software", _TAG_SOFTWARE), ("DateTime", _TAG_DATETIME)) if base.get(tag)}
        original = _text(sub.get(_TAG_ORIGINAL))
        offset = _text(sub.get(_TAG_OFFSET_ORIGINAL))
        if original:
            exif_out["DateTimeOriginal"] = original
        if offset:
            exif_out["OffsetTimeOriginal"] = offset
        if exif_out:
            meta["exif"] = exif_out
        if original:
            try:
                dt = datetime.strptime(original, "%Y:%m:%d %H:%M:%S")
                if offset:
                    dt = datetime.fromisoformat(dt.strftime("%Y-%m-%dT%H:%M:%S") + offset)
                    meta["time_certainty"] = TIME_EXACT
                else:
                    dt = dt.replace(tzinfo=tz)
                    meta["time_certainty"] = TIME_ASSUMED
                meta["taken_at_ms"] = int(dt.timestamp() * 1000)
                meta["taken_at"] = utc_iso(meta["taken_at_ms"])
            except (ValueError, OverflowError):
                meta["exif_error"] = f"DateTimeOriginal {original!r} is not a date"
        if gps:
            lat = _dms(gps.get(2), gps.get(1)) if gps.get(2) else None
            lon = _dms(gps.get(4), gps.get(3)) if gps.get(4) else None
            g: dict[str, Any] = {"raw": {str(k): str(v) for k, v in gps.items()}}
            if lat is not None and lon is not None:
                g["latitude"], g["longitude"] = lat, lon
            if gps.get(6) is not None and _ratio(gps.get(6)) == _ratio(gps.get(6)):
                g["altitude_m"] = round(_ratio(gps.get(6)), 2)
            meta["gps"] = g
        texts = {k: v for k, v in (im.info or {}).items()
                 if isinstance(v, str) and k in ("Creation Time", "Software", "Description", "Title")}
        if texts:
            meta["embedded_text"] = texts
        if im.format in ("PNG", "JPEG", "TIFF", "WEBP"):
            return meta, data
        try:  # HEIC and friends: hand tesseract a PNG made in memory
            buf = io.BytesIO()
            im.convert("RGB").save(buf, format="PNG")
            return meta, buf.getvalue()
        except Exception as exc:  # decoding errors in exotic formats
            meta["image_error"] = f"the image cannot be decoded for OCR ({type(exc).__name__})"
            return meta, None


def confirmed_message(image_sha256: str, ocr_extra: dict[str, Any], *, channel: str,
                      direction: str, ts_ms: int, sender: str | None = None,
                      recipients: list[str] | None = None, text: str | None = None,
                      raw_time: str = "", time_certainty: str = TIME_ASSUMED,
                      id_kind: str = ID_NAME, party: str | None = None) -> ParsedEvent:
    """The ``message`` event a person confirms from a screenshot (``safecase confirm-ocr``).

    ``text`` is what the person says the message reads (default: the OCR text as it is);
    the OCR text stays in ``extra`` beside it, and ``extra["derived"] = "ocr"`` marks the
    event as read from an image, confirmed by the person.
    """
    if channel not in CHANNELS:
        raise UserError(f"unknown channel {channel!r}; one of {', '.join(CHANNELS)}")
    if direction not in DIRECTIONS:
        raise UserError(f"direction must be one of {', '.join(DIRECTIONS)}")
    ocr_text = ocr_extra.get("ocr_text")
    final = text if text is not None else ocr_text
    if final is None:
        raise UserError("the image has no OCR text; type what the message says")
    extra = {
        "derived": "ocr", "confirmed_by_person": True, "exhibit_sha256": image_sha256,
        "ocr_text": ocr_text, "ocr_engine": ocr_extra.get("ocr_engine"),
        "text_edited": final != ocr_text,
    }
    return ParsedEvent(
        kind="message", channel=channel, direction=direction, ts_ms=ts_ms,
        raw_time=raw_time or (utc_iso(ts_ms) or ""), locator=f"screenshot {image_sha256[:12]}",
        sender=sender, recipients=list(recipients or []), text=final,
        time_certainty=time_certainty, party=party, id_kind=id_kind, extra=extra,
    )
