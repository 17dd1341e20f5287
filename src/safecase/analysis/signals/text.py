"""A normalised COPY of a message, with a map back to the original characters.

Detectors never see or change the stored text. They read a *view*: lower-cased, curly
quotes and apostrophes made straight, common accents and Cyrillic look-alike letters
folded to plain Latin, and (only when the message has them) runs of three or more
repeated letters squeezed ("answerrrr meeee" -> "answer me"). Every character of the
view knows which characters of the original it came from, so a match in the view is
reported as exact offsets into the original text (Python code points, so an emoji is
one character).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# One character in, one character out: str.translate keeps the length, so offsets of
# the plain view are the offsets of the original.
_FOLD = {
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u00b4": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    "\u2013": "-", "\u2014": "-",
    # Cyrillic and Greek letters that look Latin: "bіtch" with a Cyrillic i.
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0443": "y",
    "\u0445": "x", "\u0456": "i", "\u0458": "j", "\u0455": "s", "\u03bf": "o", "\u03b1": "a",
}


def _build_fold_table() -> dict[int, str]:
    table = {ord(k): v for k, v in _FOLD.items()}
    # Latin letters with accents -> the base letter ("déjame" -> "dejame"), but keep
    # ß and letters whose decomposition is not one base letter.
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if base != ch and base.isascii() and base.isalpha():
            table[cp] = base.lower()
    return table


_TABLE = _build_fold_table()
_RUN3 = re.compile(r"([^\W\d_])\1{2,}")
# Letters that are often doubled in real words: "calll" -> "call", "seee" -> "see".
_DOUBLE_OK = frozenset({
    "all", "call", "tell", "well", "kill", "still", "will", "hell", "bull", "full", "sell",
    "smell", "spell", "fell", "pull", "see", "free", "need", "feel", "sleep", "keep", "meet",
    "too", "soon", "good", "look", "room", "door", "cool", "fool", "food", "book", "mood",
    "boo", "loo", "moon", "off", "stuff", "miss", "kiss", "boss", "less", "mess",
    "press", "class", "ass", "pass", "dress", "address", "sorry", "hurry", "worry", "happy",
    "apple", "little", "bitter", "better", "letter", "yell", "shall", "dumbass", "jackass",
    "badass", "asshole", "bitchhh", "mall", "small", "wall", "ball", "doll",
})


@dataclass(slots=True)
class View:
    """The analysed copy: ``text`` plus a map from view positions to original offsets.

    ``starts[i]``/``ends[i]`` are the original span of view character ``i``; they are
    ``None`` when the view is the same length as the original (the common case).
    """

    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``(start, end)`` for the non-empty view slice ``[start, end)``."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def lower_view(text: str) -> str:
    """Lower-case, fold quotes/accents/look-alikes; always the same length as ``text``."""
    if text.isascii():
        low = text.lower()
        return low.replace("`", "'") if "`" in low else low
    low = text.lower()
    if len(low) != len(text):
        # A few characters lower-case to two ("İ" -> "i̇"); keep those as they are so
        # that every position still maps one to one.
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low.translate(_TABLE)


def squeeze_view(low: str) -> View | None:
    """A view with letter runs of 3+ squeezed, or None when there are no such runs."""
    if _RUN3.search(low) is None:
        return None
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _RUN3.finditer(low):
        for i in range(pos, m.start()):
            out.append(low[i])
            starts.append(i)
            ends.append(i + 1)
        # Keep two letters when the word reads as a known doubled word, else one.
        ch = m.group(1)
        ws = m.start()
        while ws > 0 and low[ws - 1].isalpha():
            ws -= 1
        we = m.end()
        while we < len(low) and low[we].isalpha():
            we += 1
        word2 = low[ws:m.start()] + ch * 2 + low[m.end():we]
        keep = 2 if _RUN3.sub(r"\1", word2) in _DOUBLE_OK or word2 in _DOUBLE_OK else 1
        for k in range(keep):
            out.append(ch)
            # The last kept letter stands for the rest of the run.
            starts.append(m.start() + k)
            ends.append(m.start() + k + 1 if k < keep - 1 else m.end())
        pos = m.end()
    for i in range(pos, len(low)):
        out.append(low[i])
        starts.append(i)
        ends.append(i + 1)
    return View("".join(out), starts, ends)
