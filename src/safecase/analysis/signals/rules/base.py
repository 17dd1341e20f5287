"""The building blocks of phrase rules: a Rule, a signal's rule set, and shared phrase parts.

A rule is a regular expression over the normalised view (lower case, straight quotes,
accents folded), written with named phrase parts such as ``{I_WILL}`` or ``{YOU}`` so one
rule covers a whole family of wordings ("i'll", "im gonna", "i am going to" ...). Each
rule carries a weight (how strongly a match alone supports the signal) and how context
may weaken it: negation ("I would never hurt you"), reported speech or quotation ("he
said 'I'll kill you'"), and jokes ("lol", "😂").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .anchors import STOP, key, poor, required_sets, required_words, split_alternatives

# Negation scope: "pre" looks at the match and the three words before it in the same
# clause; "in" only inside the match (rules that start at their own subject: "i'll ...");
# "none" for rules whose wording already includes the negation ("you'll never be safe").
NEG_PRE = "pre"
NEG_IN = "in"
NEG_NONE = "none"

PARTS: dict[str, str] = {
    # second person, including texting spellings
    "YOU": r"(?:you|u|ya|yu|youu+|yuo|chu)",
    "YOUR": r"(?:your|ur|yr|yur|you're|youre)",
    "YOURE": r"(?:you're|youre|you are|you r|u r|u are|ur|your|you's|ure|you were|u were|you was|u was)",
    "YOU_WILL": r"(?:you'll|youll|you will|u will|u'll|ull|you're going to|youre going to|you are going to|you're gonna|youre gonna|you are gonna|ur gonna|u gonna|ur going to|you gonna|u r gonna|ya gonna)",
    # first person, future or intention
    "I_WILL": (
        r"(?:i'll|ill|i will|i shall|i'm going to|im going to|i am going to|i'm gonna|im gonna|"
        r"i am gonna|i gonna|i'ma|ima|imma|i'mma|i'm about to|im about to|i'd|i would|i want to|"
        r"i wanna|i'm gonna have to|i swear i'll|i swear ill|i swear i will|i'll be sure to|i can)"
    ),
    "I_HAVE": r"(?:i've|ive|i have|i|i've been|ive been|i have been|i been|i just|i already)",
    "I_AM": r"(?:i'm|im|i am|i m)",
    "ME": r"(?:me|meee*)",
    # a word or two of filler: "i'll fucking kill you", "i will really hurt you"
    "W": r"(?:[\w']+\s+)",
    "W2": r"(?:[\w']+\s+){0,2}?",
    "W3": r"(?:[\w']+\s+){0,3}?",
    "W5": r"(?:[^\s.!?;]+\s+){0,5}?",
    # people close to the person
    "KIN": (
        r"(?:family|fam|kids?|kiddos?|children|child|son|sons|daughters?|baby|babies|mom|mum|"
        r"mommy|mummy|mother|mama|dad|daddy|father|papa|parents?|folks|sisters?|sis|brothers?|bro|"
        r"grandma|grandmother|nan|nana|granny|grandpa|grandfather|grandparents|aunt|auntie|uncle|"
        r"cousins?|husband|hubby|wife|boyfriend|girlfriend|bf|gf|partner|fiance|fiancee|new man|"
        r"new guy|new girl|new boyfriend|new girlfriend|boo|friends?|bestie|best friend|mates?|"
        r"roommates?|flatmates?)"
    ),
    "WORKPLACE": (
        r"(?:boss|bosses|manager|supervisor|employer|work|job|office|workplace|company|"
        r"colleagues?|co-?workers?|coworkers?|team|hr|human resources|ceo|landlord|landlady|"
        r"neighbou?rs?|teachers?|professor|school|uni|university|college|church|pastor|coach|"
        r"therapist|doctor|clients?|customers?)"
    ),
    "PET": r"(?:dog|doggo|puppy|pup|cat|kitty|kitten|pets?|horse|bird|rabbit|bunny|hamster)",
    "PROPERTY": (
        r"(?:car|tyres?|tires?|house|home|flat|apartment|place|windows?|door|garden|bike|"
        r"motorbike|stuff|things|belongings|phone|laptop|shop|store|business|mailbox|letterbox)"
    ),
    # sending, posting, telling: how private things are spread
    "SPREAD": (
        r"(?:post|posting|posted|share|sharing|shared|send|sending|sent|show|showing|showed|"
        r"leak|leaking|leaked|upload|uploading|uploaded|publish|publishing|published|spread|"
        r"spreading|forward|forwarding|forwarded|release|releasing|released|expose|exposing|"
        r"exposed|put|putting|print|printing|printed|email|emailing|emailed|text|texting|"
        r"texted|dm|dming|dmed|tag|tagging|tagged|plaster|plastering|plastered|distribute|"
        r"hand out|pass around|passing around)"
    ),
    "CONTACT": (
        r"(?:call|calling|called|ring|ringing|rang|phone|phoning|phoned|text|texting|texted|"
        r"message|messaging|messaged|msg|email|emailing|emailed|mail|contact|contacting|"
        r"contacted|dm|dming|dmed|write to|writing to|wrote to|visit|visiting|visited|"
        r"reach out to|reached out to|talk to|talking to|talked to|speak to|speaking to|spoke to|"
        r"speak with|spoke with|talk with|talked with|chat with|chatting with|chatted with|"
        r"tell|telling|told|inform|informing|informed|warn|warning|warned|go to|going to|"
        r"went to|show up at|showing up at|showed up at|turn up at|turned up at|"
        r"stop by|stopped by|pay a visit to|paid a visit to|find|found|look up|looked up|"
        r"get in touch with|got in touch with|add|added|follow|followed|friend request(?:ed)?|"
        r"send|sending|sent|forward|forwarding|forwarded|show|showing|showed|sent a letter to|"
        r"sent an email to|wrote a letter to|complain to|complained to|report you to|reported you "
        r"to)"
    ),
    # Apps sold for secretly monitoring a partner's phone.
    "STALKERWARE": (
        r"(?:mspy|flexispy|cocospy|spyic|hoverwatch|eyezy|umobix|thetruthspy|truthspy|spyzie|xnspy|"
        r"kidsguard|mobistealth|highster|ikeymonitor|clevguard|spyera|spyhide|minspy|fonemonitor|"
        r"spymaster|spybubble|mobile ?spy|phonesheriff|teensafe|qustodio|webwatcher|famisafe|"
        r"mobicip|copy9|catwatchful|spapp|spyphone|mlite)"
    ),
}

_PART_RE = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


def expand(pattern: str, parts: dict[str, str] | None = None) -> str:
    """Replace ``{NAME}`` phrase parts in a rule pattern (``{0,2}`` is left alone)."""
    table = PARTS if parts is None else {**PARTS, **parts}
    return _PART_RE.sub(lambda m: table[m.group(1)], pattern)


@dataclass(frozen=True, slots=True)
class Rule:
    """One phrase family for one signal."""

    name: str
    pattern: str
    weight: float
    neg: str = NEG_PRE
    jokeable: bool | None = None   # None: the signal's default
    quotable: bool = True          # reported speech / quotation weakens it
    unless: str | None = None      # a regex over the whole message that cancels this rule
    unless_pre: str | None = None  # a regex over the clause just before the match (ends in $)
    lang: str = "en"
    # Words of which every match contains at least one. Empty: all content words written
    # in the pattern (safe but broad). Give them for busy rules so that ordinary messages
    # do not wake them.
    anchors: frozenset[str] = frozenset()
    also: frozenset[str] = frozenset()  # extra anchor words the pattern does not spell out


_ESCAPE_RE = re.compile(r"\\[pPNxuU]\{?[0-9a-fA-F]*\}?|\\.")
_CLASS_RE = re.compile(r"\[[^\]]*\]")
_GROUP_RE = re.compile(r"\(\?(?:P<\w+>|[:!=]|<[!=])")
_QUANT_RE = re.compile(r"\{\d+(?:,\d*)?\}")
_WORD_RE = re.compile(r"[^\W_]+")


def anchors_of(pattern: str) -> frozenset[str]:
    """Anchor keys of an (expanded) rule pattern: the words every match must contain,
    read from the parsed pattern; when the pattern has no such words, every content word
    written in it (broader, so slower, and checked on the labelled sets by the tests)."""
    req = required_words(pattern)
    if poor(req):
        words = _broad_words(pattern)
    else:
        words = set(req)
    return frozenset(key(w) for w in words)


def _broad_words(pattern: str) -> set[str]:
    base = _QUANT_RE.sub(" ", _GROUP_RE.sub("(", _CLASS_RE.sub(" ", _ESCAPE_RE.sub(" ", pattern))))
    # "neighbou?rs?": read once with the optional letters and once without them.
    out: set[str] = set()
    for src in (base, _OPT_RE.sub(r"\1", base), _OPT_RE.sub("", base)):
        for m in _WORD_RE.finditer(src):
            word = m.group(0)
            if len(word) >= 2 and word not in STOP:
                out.add(word)
    out.update(ch for ch in pattern if ord(ch) >= 0x2100 and not ch.isalnum() and not ch.isspace())
    return out


_OPT_RE = re.compile(r"(\w)\?(?=\w)")


def anchor_words(*parts: str) -> frozenset[str]:
    """Anchor keys for a rule from the phrase parts every match must contain."""
    out: set[str] = set()
    for part in parts:
        out |= anchors_of(expand(part))
    return frozenset(out)


@dataclass(slots=True)
class SignalRules:
    """The rule set of one signal, each rule compiled on its own with its anchor words."""

    signal: str
    rules: list[Rule]
    jokeable: bool = True
    # Another way in than a word: a regex over the view that makes every rule run
    # (obfuscated swearing "b!tch", runs of "????").
    trigger_re: re.Pattern[str] | None = None
    # What actually runs: (rule index, compiled regex, anchor keys). A rule whose pattern
    # has no good anchors as a whole is split into one unit per top-level alternative.
    units: list[tuple[int, re.Pattern[str], frozenset[str]]] = field(init=False)
    # A second word set a unit's match also needs (None: none known): checked after the
    # index lookup, so "kill" alone does not wake a rule that also needs "you"-less words.
    second: list[frozenset[str] | None] = field(init=False)
    unless: list[re.Pattern[str] | None] = field(init=False)
    unless_pre: list[re.Pattern[str] | None] = field(init=False)

    def __post_init__(self) -> None:
        self.units = []
        self.second = []
        for ri, r in enumerate(self.rules):
            src = expand(r.pattern)
            also = {key(w) for w in r.also}
            if r.anchors:
                anchors = frozenset({key(w) for w in r.anchors} | also)
                self.units.append((ri, re.compile(src), anchors))
                self.second.append(None)
                continue
            parts = [src]
            if poor(required_words(src)):
                parts = split_alternatives(src)
            for part in parts:
                anchors = anchors_of(part) | also
                self.units.append((ri, re.compile(part), anchors))
                sets = [frozenset(key(w) for w in o) for o in required_sets(part)]
                rest = [o for o in sets if o != anchors and not also]
                self.second.append(rest[0] if rest and not poor(required_words(part)) else None)
        self.unless = [re.compile(expand(r.unless)) if r.unless else None for r in self.rules]
        self.unless_pre = [
            re.compile(expand(r.unless_pre)) if r.unless_pre else None for r in self.rules
        ]
