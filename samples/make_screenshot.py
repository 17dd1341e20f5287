"""Writes the screenshot and photo part of the sample case (deterministic).

* ``screenshots/instagram-dm-2024-03-14.png``: a fake phone screenshot of an Instagram
  direct-message thread in which Alex writes from a new account after being told to stop.
  It has no EXIF (like real screenshots); its text is read by OCR on import.
* ``screenshots/note-on-car-2024-03-18.jpg``: a "photo" of a note left on Sam's car, with
  EXIF DateTimeOriginal (+00:00) and a GPS position (a street in London).

Rendered with Pillow and the DejaVu font (Debian: fonts-dejavu-core). Run:
``python samples/make_screenshot.py``.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


def font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def chat_screenshot(title: str, bubbles: list[tuple[str, str, str]], width: int = 720) -> Image.Image:
    """A phone-style chat screenshot: ``bubbles`` are (side "l"/"r", time, text)."""
    height = 220 + 150 * len(bubbles)
    im = Image.new("RGB", (width, height), "white")
    d = ImageDraw.Draw(im)
    d.rectangle([0, 0, width, 60], fill=(245, 245, 245))
    d.text((24, 16), "21:47", font=font(26, True), fill="black")
    d.text((width - 130, 16), "4G  87%", font=font(24), fill="black")
    d.rectangle([0, 60, width, 150], fill=(250, 250, 250))
    d.text((90, 80), title, font=font(34, True), fill="black")
    d.text((24, 78), "<", font=font(40, True), fill="black")
    y = 190
    for side, when, text in bubbles:
        f = font(30)
        box = d.multiline_textbbox((0, 0), text, font=f, spacing=8)
        w, h = box[2] - box[0], box[3] - box[1]
        x = 30 if side == "l" else width - w - 70
        colour = (239, 239, 239) if side == "l" else (55, 151, 240)
        d.rounded_rectangle([x, y, x + w + 40, y + h + 36], radius=26, fill=colour)
        d.multiline_text((x + 20, y + 14), text, font=f, spacing=8,
                         fill="black" if side == "l" else "white")
        d.text((x + 20, y + h + 44), when, font=font(20), fill=(120, 120, 120))
        y += h + 110
    return im


def note_photo() -> tuple[Image.Image, Image.Exif]:
    im = Image.new("RGB", (640, 480), (96, 110, 124))        # the car's paint
    d = ImageDraw.Draw(im)
    d.polygon([(150, 90), (500, 110), (480, 400), (140, 380)], fill=(250, 248, 235))
    d.text((190, 170), "I SEE YOU", font=font(48, True), fill=(20, 20, 20))
    d.text((190, 250), "EVERY DAY", font=font(48, True), fill=(20, 20, 20))
    exif = Image.Exif()
    exif[271], exif[272] = "Google", "Pixel 7"
    exif.get_ifd(0x8769).update({36867: "2024:03:18 07:42:10", 36881: "+00:00"})
    exif.get_ifd(0x8825).update({1: "N", 2: (51.0, 31.0, 4.2), 3: "W", 4: (0.0, 6.0, 21.6), 6: 24.0})
    return im, exif


def main() -> None:
    out = HERE / "screenshots"
    out.mkdir(exist_ok=True)
    shot = chat_screenshot("alex.m.private", [
        ("l", "14 Mar 2024, 21:40", "New account. You can't\nblock me forever."),
        ("r", "14 Mar 2024, 21:44", "I told you to stop\ncontacting me."),
        ("l", "14 Mar 2024, 21:46", "I know where you work."),
    ])
    shot.save(out / "instagram-dm-2024-03-14.png", optimize=True)
    photo, exif = note_photo()
    photo.save(out / "note-on-car-2024-03-18.jpg", quality=80, exif=exif)


if __name__ == "__main__":
    main()
