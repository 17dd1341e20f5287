"""Anchor words: the words of which every match of a rule must contain one.

The classifier indexes rules by anchor and runs a rule only when a message has one of
its anchors, so an ordinary text wakes a handful of small regexes instead of all of them.
Anchors are read from the compiled pattern itself (``re``'s parser), so they follow the
rules as they change: a literal word only counts when the match cannot avoid it
(optional groups and look-arounds add nothing; for alternatives every branch must bring
one). Of the possible anchor sets of a pattern the least common one is kept.

Words are compared by a key: their first four letters (so "kill" also wakes on "killing",
"ignor" on "ignored"), or the whole word when shorter. Tests check on the labelled sets
that the prefilter never hides a match (``test_anchor_prefilter_hides_nothing``).
"""

from __future__ import annotations

from collections.abc import Iterator
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]
from typing import Any

# Words in almost every message: an anchor set with one of these wakes its rule nearly
# always, so another set is preferred wherever the pattern has one.
STOP = frozenset("""
you u ur your yours ya me my i im the a an and to of in on at for with is are was were be
it this that so just will ll can do don t s re ve d m have has not no what we he she they
his her him them their its i'm you're it's lol ok okay yes hey hi
la le de el en et es un une der die das und ist je tu te du ich se que con il ne
""".split())
# Common but still worth it when nothing better is there.
COMMON = frozenset("""
or if when all out up get got going gonna like now about from by as how where who why
there here then than one want wanna time day good new make really say think way well much
many right take give put something anything someone even also because cause maybe thing
things such see know come call back love work send last next night tonight today tomorrow
down around watch thanks ready meeting best photos mum home need look tell text sorry says
said over keep never ever always every people whole world everyone would could should did
""".split())

KEY_LEN = 4


def key(word: str) -> str:
    """The index key of a word or token."""
    return word[:KEY_LEN]


def _cost(words: frozenset[str]) -> tuple[int, int, int]:
    return (sum(w in STOP for w in words), sum(w in COMMON for w in words), len(words))


def _best(options: list[frozenset[str]]) -> frozenset[str] | None:
    # A set with a stop word is no anchor at all ("you" is in every other message).
    options = [o for o in options if not any(w in STOP for w in o)]
    return min(options, key=_cost) if options else None


def _is_word_char(code: int) -> bool:
    ch = chr(code)
    return ch.isalnum()


def _seq(items: Any, left_ok: bool, prefix: str = "") -> frozenset[str] | None:
    """Anchor set of a sequence of parsed items, or None if a match may avoid all words.
    ``prefix``: letters just before the sequence that belong to its first word (the
    parser factors "left|leave" into "le" + ("ft" | "ave"))."""
    return _best(_seq_options(items, left_ok, prefix))


def _seq_options(items: Any, left_ok: bool, prefix: str = "") -> list[frozenset[str]]:
    """Every word set of which a match of the sequence must contain one word (one set per
    item that cannot be skipped)."""
    options: list[frozenset[str]] = []
    buf: list[str] = list(prefix)
    buf_left_ok = left_ok
    word_start = left_ok and not prefix

    def flush(right_ok: bool) -> None:
        # A run of literal letters is a usable anchor when it starts a word; shorter
        # than the key length it must also end one ("bf", "kys").
        nonlocal buf
        if buf:
            run = "".join(buf)
            if buf_left_ok and (len(run) >= KEY_LEN or (right_ok and len(run) >= 2)):
                options.append(frozenset({run}))
        buf = []

    for op, av in items:
        if op is C.LITERAL:
            ch = chr(av)
            if _is_word_char(av):
                if not buf:
                    buf_left_ok = word_start
                buf.append(ch)
                continue
            flush(right_ok=True)
            if ord(ch) >= 0x2100 and not ch.isspace():
                options.append(frozenset({ch}))  # an emoji
            word_start = True
            continue
        if op is C.AT:
            flush(right_ok=True)
            word_start = True
            continue
        if op in (C.ASSERT, C.ASSERT_NOT):
            continue  # look-arounds consume nothing
        if op is C.SUBPATTERN:
            sub = av[-1]
            pre, pre_ok = "".join(buf), (buf_left_ok if buf else word_start)
            buf = []
            r = _seq(sub, pre_ok, pre)
            if r is not None:
                options.append(r)
            word_start = False
            continue
        if op is C.BRANCH:
            pre, pre_ok = "".join(buf), (buf_left_ok if buf else word_start)
            buf = []
            alts = []
            for alt in av[1]:
                r = _seq(alt, pre_ok, pre)
                if r is None:
                    # No word this alternative cannot avoid: take every word it writes,
                    # unless it may match with stop words alone ("i'll be you"). A
                    # heuristic; the prefilter tests check it on the labelled sets.
                    words = _all_words(alt, pre)
                    r = frozenset(words) if words and "" not in words else None
                alts.append(r)
            if alts and all(a is not None for a in alts):
                options.append(frozenset().union(*alts))  # type: ignore[arg-type]
            word_start = False
            continue
        if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
            lo, _hi, sub = av
            continuing = bool(buf)
            flush(right_ok=False)
            if lo >= 1:
                r = _seq(sub, word_start and not continuing)
                if r is not None:
                    options.append(r)
            word_start = False
            continue
        if op is C.IN and av and all(
            o is C.LITERAL and v >= 0x2100 and not chr(v).isalnum() for o, v in av
        ):
            flush(right_ok=True)
            options.append(frozenset(chr(v) for _o, v in av))  # a choice of emoji
            word_start = True
            continue
        # character classes, ANY, categories, group references: no words, no word start
        flush(right_ok=False)
        word_start = False
    flush(right_ok=True)
    return options


def _all_words(items: Any, prefix: str = "") -> set[str]:
    """Every literal word (2+ letters, not a stop word) written anywhere in ``items``."""
    out: set[str] = set()
    buf: list[str] = list(prefix)

    def flush() -> None:
        if buf:
            w = "".join(buf)
            if w in STOP or len(w) < 2:
                out.add("")  # marks: this alternative has stop-word-only spellings
            else:
                out.add(w)
        buf.clear()

    def walk(seq: Any) -> None:
        for op, av in seq:
            if op is C.LITERAL and _is_word_char(av):
                buf.append(chr(av))
                continue
            flush()
            if op is C.SUBPATTERN:
                walk(av[-1])
            elif op is C.BRANCH:
                for alt in av[1]:
                    out.update(_all_words(alt))
                    flush()
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
                walk(av[2])
            elif op is C.LITERAL and av >= 0x2100 and not chr(av).isspace():
                out.add(chr(av))
            flush()

    walk(items)
    flush()
    return out


def required_words(pattern: str) -> frozenset[str] | None:
    """Words of which every match of ``pattern`` contains one (None: no such set)."""
    return _seq(P.parse(pattern), left_ok=True)


def required_sets(pattern: str) -> list[frozenset[str]]:
    """All usable (stop-word free) required word sets of a pattern, least common first."""
    opts = [o for o in _seq_options(P.parse(pattern), True) if not any(w in STOP for w in o)]
    return sorted(set(opts), key=lambda o: (_cost(o), sorted(o)))


def required_keys(pattern: str) -> frozenset[str] | None:
    words = required_words(pattern)
    return None if words is None else frozenset(key(w) for w in words)


def _structure(src: str, start: int = 0) -> Iterator[tuple[int, str, int]]:
    """(index, char, group depth) for each structural character of a regex source: ``(``,
    ``)`` and ``|`` outside character classes and escapes; depth is counted after ``(``
    and before ``)``."""
    depth = 0
    i = start
    in_class = False
    while i < len(src):
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if src[i + 1:i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
            yield i, ch, depth
        elif ch == ")":
            yield i, ch, depth
            depth -= 1
        elif ch == "|":
            yield i, ch, depth
        i += 1


def _top_split(src: str) -> list[str]:
    """Split ``src`` at its top-level ``|`` (outside groups and character classes)."""
    parts: list[str] = []
    start = 0
    for i, ch, depth in _structure(src):
        if ch == "|" and depth == 0:
            parts.append(src[start:i])
            start = i + 1
    parts.append(src[start:])
    return parts


def _group_end(src: str, open_at: int) -> int:
    """Index of the ``)`` closing the group that opens at ``open_at``."""
    for i, ch, depth in _structure(src, open_at):
        if ch == ")" and depth == 1:
            return i
    return -1


def split_alternatives(src: str) -> list[str]:
    """A pattern ``A|B|C`` or ``\\b(?:A|B|C)REST`` as one pattern per alternative, so that
    each alternative is indexed by its own anchor words."""
    parts = _top_split(src)
    if len(parts) > 1:
        return parts
    prefix = "\\b" if src.startswith("\\b(?:") else ""
    open_at = len(prefix)
    if not src.startswith("(?:", open_at):
        return [src]
    close = _group_end(src, open_at)
    if close == -1:
        return [src]
    rest = src[close + 1:]
    # Only when the group is the whole match: what follows may check, not consume.
    if rest not in ("", "\\b") and not rest.startswith(("\\b(?!", "(?!", "\\b(?=", "(?=")):
        return [src]
    alts = _top_split(src[open_at + 3:close])
    if len(alts) == 1:
        return [src]
    return [f"{prefix}(?:{alt}){src[close + 1:]}" for alt in alts]


def poor(words: frozenset[str] | None) -> bool:
    """True when an anchor set would wake its rule on almost any message."""
    return words is None or any(w in STOP for w in words)
