"""The classifier: phrase rules, link analysis, personal data, the profanity model and an
optional local transformer model, combined into one explainable result per message.

Each piece of evidence is a hit: a span of the ORIGINAL text, a weight (how strongly it
supports its signal after context: negation, reported speech, jokes) and the reason. A
signal's score combines its hits as independent pieces of evidence (noisy-or:
1 - prod(1 - w)); a signal is labelled when its score reaches ``THRESHOLD``.

Direction: the signals describe what is done TO the person, so they are labelled on
incoming messages (and on ``unknown``, where we cannot tell). On outgoing messages (the
person's own words) only ``refusal`` is labelled; the other scores are still reported,
halved, so nothing is hidden, but they raise no flag.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from safecase.model import SIGNALS

from . import links, ngram, personal_data, profanity
from .rules import ALWAYS, SPECS
from .rules import INDEX_SECOND as INDEX
from .rules.anchors import key
from .rules.base import NEG_NONE, NEG_PRE, SignalRules
from .text import View, lower_view, squeeze_view

DETECTOR_NAME = "safecase-signals"
DETECTOR_VERSION = "3.0.0"
THRESHOLD = 0.5
# The shipped text model (ngram.py) labels a signal at this probability, and only when its
# gate (the probability that the message carries any signal at all) reaches GATE. Rules for
# the other signals run only behind the same gate; link analysis and refusal rules, which
# are precise on their own, always run. Both numbers were chosen leave-one-author-out
# (benchmarks/accuracy_cv.py): the best macro-F1 that keeps ordinary messages flagged
# near 5 %.
MODEL_THRESHOLD = 0.5
GATE = 0.8
# ... unless the model is this sure of one signal: the gate, one classifier for "any
# signal", is weaker than the signal's own on short texts ("I know where you live").
MODEL_SURE = 0.95
# Behind a closed gate a rule still labels when its evidence is this strong: the gate reads
# short messages ("I will kill you") and loving wrappers ("I love you so much and I will
# kill you if you leave") as mild, the phrase rules do not. The rules of five signals proved
# precise on the independent sets (0.78-0.90); explicit threats and demands must never
# hide behind the gate; surveillance phrases are the ones friends borrow most. Link
# analysis labels whatever the gate says. Refusal at 0.9: same F1 leave-one-out as 0,
# fewer friendly "stop it 😂" flags.
STRONG_RULE = {
    "threat": 0.85, "sexual": 0.8, "insult": 0.9, "surveillance": 0.95, "fixation": 0.8,
    "coercion": 0.9, "contact_demand": 0.9, "exposure": 0.8, "third_party": 0.8,
    "impersonation": 0.8, "malicious_link": 0.0, "refusal": 0.9,
}
DIRECTIONS = ("incoming", "outgoing", "unknown")

TOKEN_RE = re.compile(r"[^\W_]+")
# A word's index key (its first four letters, see rules/anchors.py), straight from the regex.
KEY_RE = re.compile(r"([^\W_]{1,4})[^\W_]*")
SECOND_PERSON = frozenset(key(w) for w in (
    "you u ur your yours yourself youre ya yu te tu toi ti vous du dich dir dein deine "
    "deinen deinem deiner usted".split()
))
INDEX_KEYS = frozenset(INDEX)
# Emoji that rules are anchored on (single characters, not letters).
EMOJI_TRIGGERS = frozenset(k for k in INDEX if len(k) == 1 and ord(k) >= 0x2100)

NEG_RE = re.compile(
    r"\b(?:not|never|no|don't|dont|do not|won't|wont|will not|wouldn't|wouldnt|would not|"
    r"didn't|didnt|did not|isn't|isnt|aren't|arent|can't|cant|cannot|couldn't|couldnt|"
    r"shouldn't|shouldnt|nobody|nothing|no one|noone|ain't|aint|hardly|nunca|jamas|jamais|"
    r"pas|nicht|nie|niemals|kein|keine|neither|nor)\b"
)
# A negation that is really a threat: "don't make me hurt you", "don't you dare".
NEG_EXCEPT = re.compile(
    r"\b(?:don'?t|do not) (?:make|force|you dare|ever|think)\b|\bwhy (?:won'?t|don'?t|can'?t|"
    r"wont|dont|cant|wouldn'?t|didn'?t|aren'?t|arent) (?:you|u)\b"
)
CONDITIONAL = frozenset("if unless si wenn falls sinon or".split())
CLAUSE_END = re.compile(r"[.!?;,\n]|\bbut\b|\bpero\b|\bmais\b|\baber\b")
LAUGH_RE = re.compile(
    r"\b(?:lol+|lool+|lmao+|lmfao|rofl|ha(?:ha)+h?|he(?:he)+|jk|j/k|just kidding|jking|kidding|"
    r"ja(?:ja)+|je(?:je)+|mdr|ptdr|xd+|hihi)\b|😂|🤣|😆|😅|😜|😝|🙃|😹|💀|😛"
)
REPORTED_RE = re.compile(
    r"\b(?:he|she|they|someone|somebody|my \w+|his \w+|her \w+|the \w+|this \w+|a \w+|"
    r"some \w+|that \w+|their \w+)(?: \w+)? (?:said|says|told|tells|wrote|writes|texted|"
    r"posted|threatened|yelled|screamed|shouted|messaged|commented|replied|sang|goes|went)\b"
    r"|\b(?:in|from) (?:the|that|this|a) (?:movie|film|song|show|book|game|series|episode|"
    r"news|article|lyrics|play|novel|meme|trailer|podcast|video)\b|\b(?:quote|quoting|lyrics)\b"
)
URLISH_RE = re.compile(r"[a-z0-9]\.[a-z]|://|www\.|\d\.\d+\.\d")
PII_HINT_RE = re.compile(
    r"\d[\d\s().-]{6,}\d|@|\b(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|court|ct|close|"
    r"way|boulevard|blvd|place|pl|terrace|crescent|gardens|grove|square|sq|hill|park|row|mews|"
    r"walk|calle|avenida|plaza|paseo|rue|chemin|allee|impasse|apt|apartment|flat|unit|suite|"
    r"postcode|zip|works?|working)\b|(?:strasse|straße|str\.|weg|gasse) \d"
)
# Characters without which no trigger regex (obfuscated swearing, "????") can match.
TRIGGER_CHARS_RE = re.compile(r"[*!@$#|+?0-9]")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a signal was raised: an exact slice of the original text and the rule or model."""

    start: int
    end: int
    text: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "why": self.why}


@dataclass(slots=True)
class Classification:
    """The signals in one message: labels, a score for each of the twelve, and evidence."""

    labels: list[str]
    scores: dict[str, float]
    evidence: dict[str, list[Evidence]]
    detector: str = DETECTOR_NAME
    version: str = DETECTOR_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The ``safecase classify --jsonl`` shape (without the id)."""
        return {
            "labels": list(self.labels),
            "scores": dict(self.scores),
            "evidence": {k: [e.to_dict() for e in v] for k, v in self.evidence.items()},
        }


class Scorer(Protocol):
    """A model that gives each text a probability per signal name (see ``model.py``)."""

    name: str

    def predict(self, texts: Sequence[str]) -> list[dict[str, float]]: ...


@dataclass(slots=True)
class _Hit:
    signal: str
    start: int
    end: int
    weight: float
    why: str
    model: bool = False   # the text model's whole-message reading


@dataclass(slots=True)
class _State:
    text: str
    direction: str
    low: str = ""
    tokens: frozenset[str] | set[str] = field(default_factory=set)
    hits: list[_Hit] = field(default_factory=list)
    wants_profanity: bool = False
    laughing: bool | None = None
    gate_open: bool = True
    model: np.ndarray | None = None    # the text model's probabilities (SIGNALS, then gate)
    word_weights: dict[int, float] | None = None   # the model's word features, for evidence


def _why(name: str, notes: list[str]) -> str:
    base = f"rule {name} ({DETECTOR_NAME} {DETECTOR_VERSION})"
    return base + ("; " + ", ".join(notes) if notes else "")


def _clause_before(vtext: str, start: int) -> str:
    pre = vtext[max(0, start - 60):start]
    cut = 0
    for m in CLAUSE_END.finditer(pre):
        cut = m.end()
    return pre[cut:]


def _negated(vtext: str, start: int, end: int, scope: str) -> bool:
    inside = vtext[start:end]
    if NEG_RE.search(inside) and not NEG_EXCEPT.search(inside):
        return True
    if scope != NEG_PRE:
        return False
    pre_words = _clause_before(vtext, start).split()
    if any(w in CONDITIONAL for w in pre_words):
        return False  # "if you don't answer, ..." negates the condition, not the match
    tail = " ".join(pre_words[-3:])
    return bool(NEG_RE.search(tail)) and not NEG_EXCEPT.search(tail)


def _reported(vtext: str, start: int, end: int) -> bool:
    if vtext.count('"', 0, start) % 2 == 1 and '"' in vtext[end:]:
        return True
    sentence_start = max(vtext.rfind(c, 0, start) for c in ".!?\n") + 1
    return REPORTED_RE.search(vtext, sentence_start, start) is not None or (
        REPORTED_RE.search(vtext) is not None and "movie" in vtext
    )


def _rule_hits(
    state: _State, spec: SignalRules, idx: int, view: View, seen: set[tuple[str, int, int]]
) -> None:
    """Add the hits of one rule on one view (the plain or the squeezed copy)."""
    ri, regex, _anchors = spec.units[idx]
    rule = spec.rules[ri]
    vtext = view.text
    for m in regex.finditer(vtext):
        if m.end() == m.start():
            continue
        s, e = m.start(), m.end()
        # trim spaces a phrase part may have swallowed at the edges
        while e > s and vtext[e - 1].isspace():
            e -= 1
        weight = rule.weight
        notes: list[str] = []
        unless = spec.unless[ri]
        if unless is not None and unless.search(vtext):
            weight *= 0.1
            notes.append("context says it is expected or benign")
        unless_pre = spec.unless_pre[ri]
        if unless_pre is not None and unless_pre.search(_clause_before(vtext, s)):
            weight *= 0.3
            notes.append("aimed at someone else")
        if rule.neg != NEG_NONE and _negated(vtext, s, e, rule.neg):
            weight *= 0.15
            notes.append("negated")
        if rule.quotable and _reported(vtext, s, e):
            weight *= 0.25
            notes.append("reported speech or quotation")
        jokeable = spec.jokeable if rule.jokeable is None else rule.jokeable
        if jokeable:
            if state.laughing is None:
                state.laughing = LAUGH_RE.search(state.low) is not None
            if state.laughing:
                weight *= 0.45
                notes.append("joking tone")
        os_, oe = view.span(s, e)
        key = (rule.name, os_, oe)
        if key in seen:
            continue
        seen.add(key)
        state.hits.append(_Hit(spec.signal, os_, oe, weight, _why(rule.name, notes)))


def message_tokens(views: Sequence[View]) -> set[str]:
    """The word keys (first letters, see ``rules/anchors.py``) and signal emoji of a
    message, from every view of it."""
    tokens = set(KEY_RE.findall(views[0].text))
    if not views[0].text.isascii():
        tokens.update(EMOJI_TRIGGERS.intersection(views[0].text))
    for view in views[1:]:
        tokens.update(KEY_RE.findall(view.text))
    return tokens


def _candidates(tokens: set[str], low: str, strong_only: bool = False) -> list[tuple[int, int]]:
    """The rule units worth running on a message: those whose anchor words it contains
    (and, where a unit needs a second word set, one of those too); behind a closed gate
    only the units that can still label there (``STRONG_UNITS``)."""
    if not _prefilter:
        every = [(si, ui) for si, spec in enumerate(SPECS) for ui in range(len(spec.units))]
        return [u for u in every if u in STRONG_UNITS] if strong_only else every
    index, keys = (INDEX_STRONG, INDEX_STRONG_KEYS) if strong_only else (INDEX, INDEX_KEYS)
    found: set[tuple[int, int]] = set(ALWAYS_STRONG if strong_only else ALWAYS)
    for tok in keys.intersection(tokens):
        for unit, second in index[tok]:
            if second is None or not second.isdisjoint(tokens):
                found.add(unit)
    if TRIGGER_CHARS_RE.search(low):
        for si, spec in enumerate(SPECS):
            if spec.trigger_re is not None and spec.trigger_re.search(low):
                found.update((si, ui) for ui in range(len(spec.units))
                             if not strong_only or (si, ui) in STRONG_UNITS)
    return sorted(found)


# Tests switch this off to check that the anchor prefilter never hides a match.
_prefilter = True

# The rule units that can still label behind a closed gate (their rule's weight reaches the
# signal's STRONG_RULE); the others are not even run there, which is most of the speed.
STRONG_UNITS = frozenset(
    (si, ui) for si, spec in enumerate(SPECS) for ui, (ri, _rx, _a) in enumerate(spec.units)
    if spec.rules[ri].weight >= STRONG_RULE[spec.signal]
)
INDEX_STRONG = {k: [e for e in v if e[0] in STRONG_UNITS] for k, v in INDEX.items()}
INDEX_STRONG = {k: v for k, v in INDEX_STRONG.items() if v}
INDEX_STRONG_KEYS = frozenset(INDEX_STRONG)
ALWAYS_STRONG = [u for u in ALWAYS if u in STRONG_UNITS]


def _prepare(text: str, direction: str, model: np.ndarray | None = None) -> _State:
    """Everything except the batched models: rules, links, personal data. ``model``: the
    text model's probabilities for this message, when there is a model."""
    state = _State(text, direction, model=model)
    state.gate_open = model is None or bool(model[ngram.GATE] >= GATE)
    if not text or text.isspace():
        return state
    low = lower_view(text)
    state.low = low
    views = [View(low)]
    squeezed = squeeze_view(low)
    if squeezed is not None:
        views.append(squeezed)
    tokens = message_tokens(views)
    state.tokens = tokens
    seen: set[tuple[str, int, int]] = set()
    for si, ui in _candidates(tokens, low, strong_only=not state.gate_open):
        spec = SPECS[si]
        for view in views:
            _rule_hits(state, spec, ui, view, seen)
    if URLISH_RE.search(low):
        for f in links.analyse(low, text):
            why = f"link analysis: {'; '.join(f.reasons)} ({DETECTOR_NAME} {DETECTOR_VERSION})"
            state.hits.append(_Hit("malicious_link", f.start, f.end, f.weight, why))
    if PII_HINT_RE.search(low):
        _personal_data_hits(state, low)
    # The profanity model is worth asking when the message speaks to the reader or hides
    # its swearing, and the rules have not already settled the insult.
    insult_score = _noisy_or(h.weight for h in state.hits if h.signal == "insult")
    if state.gate_open and insult_score < THRESHOLD and (
        not tokens.isdisjoint(SECOND_PERSON) or SPECS[2].trigger_re.search(low)  # type: ignore[union-attr]
    ):
        state.wants_profanity = True
    return state


def _personal_data_hits(state: _State, low: str) -> None:
    spans = personal_data.find(low)
    if not spans:
        return
    cue = personal_data.sharing_cue(low)
    if cue is None:
        return
    for span in spans:
        why = (f"personal data ({span.kind}) with '{state.text[cue.start():cue.end()]}' "
               f"({DETECTOR_NAME} {DETECTOR_VERSION})")
        state.hits.append(_Hit("exposure", span.start, span.end, 0.8, why))


def _profanity_hit(state: _State, prob: float) -> None:
    """Profanity model + VADER as supporting evidence for ``insult``, never alone decisive
    on a weak reading: both must agree (profane AND hostile) to reach the threshold."""
    if prob < 0.7:
        return
    # The profanity model also fires on violent or sexual words; when a threat or sexual
    # rule already explains them, they are not an insult.
    if any(h.signal in ("threat", "sexual") and h.weight >= 0.5 for h in state.hits):
        return
    compound = profanity.compound(state.text)
    if compound > 0.3:
        return  # "you're fucking amazing": profane but warm
    targeted = not state.tokens.isdisjoint(SECOND_PERSON)
    weight = (0.25 + 0.2 * (prob - 0.7) / 0.3) if targeted else 0.2
    if compound <= -0.4 and prob >= 0.9 and targeted:
        weight += 0.1
    pc, vd = profanity.versions()
    why = (f"model alt-profanity-check {pc} p={prob:.2f}, vaderSentiment {vd} "
           f"compound={compound:.2f} ({DETECTOR_NAME} {DETECTOR_VERSION})")
    state.hits.append(_Hit("insult", 0, len(state.text), weight, why))


def _noisy_or(weights: Iterable[float]) -> float:
    keep = 1.0
    for w in weights:
        keep *= 1.0 - min(max(w, 0.0), 1.0)
    return 1.0 - keep


# Friends borrow a stalker's words in warm messages ("saw you at the gym earlier! didn't want
# to interrupt haha", "you're gonna regret not coming, it was amazing"). When VADER reads
# the whole message as clearly warm, evidence for these signals is weakened (not removed:
# a strong phrase or several still reach the threshold). Chosen on the training sets
# (compound >= 0.5, weight x 0.6); docs/notes-signals.md has the numbers.
WARM_DAMPED = frozenset(
    {"surveillance", "contact_demand", "third_party", "threat", "exposure", "coercion"}
)
WARM_COMPOUND = 0.5
WARM_FACTOR = 0.6


def _dampen_warm(state: _State) -> None:
    if state.direction == "outgoing" or not any(h.signal in WARM_DAMPED for h in state.hits):
        return
    compound = profanity.compound(state.text)
    if compound < WARM_COMPOUND:
        return
    note = f"; weakened: warm message (vaderSentiment compound={compound:.2f})"
    for h in state.hits:
        if h.signal in WARM_DAMPED:
            h.weight *= WARM_FACTOR
            h.why += note


def _finish(state: _State, model_probs: dict[str, float] | None, model_name: str | None) -> Classification:
    if model_probs:
        for name, p in model_probs.items():
            if name in SIGNALS and p >= 0.05:
                why = f"model {model_name} p={p:.2f} ({DETECTOR_NAME} {DETECTOR_VERSION})"
                state.hits.append(_Hit(name, 0, len(state.text), p, why))
    if not state.hits:
        quick = _model_only(state)
        if quick is not None:
            return quick
    _dampen_warm(state)
    by_signal: dict[str, list[_Hit]] = {}
    for h in state.hits:
        by_signal.setdefault(h.signal, []).append(h)
    scores: dict[str, float] = {}
    labels: list[str] = []
    evidence: dict[str, list[Evidence]] = {}
    outgoing = state.direction == "outgoing"
    probs = state.model.tolist() if state.model is not None and state.text else None
    for j, name in enumerate(SIGNALS):
        hits = by_signal.get(name, [])
        if hits and not state.gate_open:
            # behind a closed gate only strong evidence counts (see STRONG_RULE)
            hits = [h for h in hits if h.weight >= STRONG_RULE[name]]
        rules = _combine(hits, len(state.text)) if hits else 0.0
        model_hit = _model_hit(state, j, probs[j]) if probs is not None and probs[j] >= 0.05 else None
        if model_hit is not None:
            hits.append(model_hit)
        if not hits:
            scores[name] = 0.0
            continue
        score = max(rules, model_hit.weight if model_hit is not None else 0.0)
        if outgoing and name != "refusal":
            score *= 0.5
            labelled = False
        else:
            labelled = score >= THRESHOLD
        scores[name] = round(score, 3)
        if labelled:
            labels.append(name)
            for h in hits:
                if h.model:
                    h.why = _model_why(state, h)
            evidence[name] = _evidence(state.text, hits)
    return Classification(labels, scores, evidence)


def _model_only(state: _State) -> Classification | None:
    """The result for a message no rule matched, when the model labels nothing either (most
    messages): the same scores the general path gives, without building any hit. None
    when something is labelled (the general path then writes the evidence)."""
    scores = dict.fromkeys(SIGNALS, 0.0)
    if state.model is None or not state.text:
        return Classification([], scores, {})
    outgoing = state.direction == "outgoing"
    for name, p in zip(SIGNALS, state.model.tolist(), strict=False):
        if p < 0.05:
            continue
        p = _gated(state, p)
        if outgoing and name != "refusal":
            p *= 0.5
        elif p >= THRESHOLD:
            return None
        scores[name] = round(p, 3)
    return Classification([], scores, {})


def _model_hit(state: _State, j: int, p: float) -> _Hit:
    """The text model's reading ``p`` of signal ``j`` as a whole-message hit. Behind a
    closed gate it stays below the threshold (it is reported, it labels nothing). Its
    ``why`` is written only if it ends up as evidence (``_model_why``)."""
    return _Hit(SIGNALS[j], 0, len(state.text), _gated(state, p), "", model=True)


def _gated(state: _State, p: float) -> float:
    """The model's reading as it counts: behind a closed gate, just under the threshold
    unless the model is sure (MODEL_SURE)."""
    if not state.gate_open and p < MODEL_SURE:
        return min(p, THRESHOLD - 0.01)
    return p


def _model_why(state: _State, hit: _Hit) -> str:
    model = ngram.load()
    words, name = "", "safecase-ngram"
    if model is not None:
        if state.word_weights is None:  # once per message, however many signals it has
            state.word_weights = model.word.weights(state.text)
        top = model.top_words(state.text, SIGNALS.index(hit.signal), weights=state.word_weights)
        words, name = ", ".join(repr(w) for w in top), f"{model.name} {model.version}"
    gate = float(state.model[ngram.GATE]) if state.model is not None else 0.0
    return (f"model {name} p={hit.weight:.2f}, gate={gate:.2f} (word and character n-gram "
            f"logistic regression; strongest words: {words or 'none'}) "
            f"({DETECTOR_NAME} {DETECTOR_VERSION})")


def _combine(hits: list[_Hit], length: int) -> float:
    """Score of the rules (and the optional local model) for one signal: overlapping phrase
    hits are one piece of evidence (their best weight), separate pieces combine by
    noisy-or. The shipped text model stands beside this: a signal's score is the larger
    of the two readings (``_finish``), as it was measured."""
    spans = sorted((h for h in hits if not (h.start == 0 and h.end == length)),
                   key=lambda h: (h.start, -h.end))
    weights = [h.weight for h in hits if h.start == 0 and h.end == length]
    end = -1
    for h in spans:
        if h.start < end and weights:
            weights[-1] = max(weights[-1], h.weight)
            end = max(end, h.end)
        else:
            weights.append(h.weight)
            end = h.end
    return _noisy_or(weights)


def _evidence(text: str, hits: list[_Hit]) -> list[Evidence]:
    """Evidence for a labelled signal: strongest first among overlapping spans, in text order."""
    out: list[Evidence] = []
    taken: list[tuple[int, int]] = []
    for h in sorted(hits, key=lambda h: (-h.weight, h.start, -h.end, h.why)):
        if h.weight < 0.1 or h.end <= h.start:
            continue
        if h.model and h.weight < MODEL_THRESHOLD and any(not x.model and x.weight >= 0.1 for x in hits):
            continue  # a weak model reading beside the rules that decided adds nothing
        if any(s <= h.start and h.end <= e for s, e in taken):
            continue  # already shown inside a stronger span
        # A whole-message model reading never hides the phrases that matched inside it.
        if not (h.start == 0 and h.end == len(text)):
            taken.append((h.start, h.end))
        out.append(Evidence(h.start, h.end, text[h.start:h.end], h.why))
    out.sort(key=lambda e: (e.start, e.end))
    return out


def _check_direction(direction: str) -> str:
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}, not {direction!r}")
    return direction


def classify(text: str, direction: str = "incoming", model: Scorer | None = None) -> Classification:
    """The signals in one message. ``direction``: incoming, outgoing or unknown."""
    return next(iter_classify([(text, _check_direction(direction))], model=model))


def _items(items: Iterable[Any]) -> Iterator[tuple[str, str]]:
    for item in items:
        if isinstance(item, str):
            yield item, "incoming"
        elif isinstance(item, dict):
            yield item.get("text") or "", _check_direction(item.get("direction") or "incoming")
        else:
            text, direction = item
            yield text, _check_direction(direction)


def iter_classify(
    items: Iterable[Any], model: Scorer | None = None, batch: int = 2048
) -> Iterator[Classification]:
    """Classify a stream of texts, ``(text, direction)`` pairs or ``{"text", "direction"}``
    dicts, in batches, so the profanity model and the optional model run once per batch."""
    pending: list[tuple[str, str]] = []
    chunk: list[_State] = []

    def flush() -> Iterator[Classification]:
        text_model = ngram.load()
        live = [i for i, (t, _) in enumerate(pending) if t and not t.isspace()]
        probs_m: list[np.ndarray | None] = [None] * len(pending)
        if text_model is not None and live:
            for i, row in zip(live, text_model.predict([pending[i][0] for i in live]), strict=True):
                probs_m[i] = row
        chunk.extend(_prepare(t, d, m) for (t, d), m in zip(pending, probs_m, strict=True))
        pending.clear()
        want = [s for s in chunk if s.wants_profanity]
        for s, p in zip(want, profanity.profanity([s.text for s in want]), strict=True):
            _profanity_hit(s, p)
        probs: list[dict[str, float] | None] = [None] * len(chunk)
        if model is not None:
            idx = [i for i, s in enumerate(chunk) if s.text.strip()]
            for i, p in zip(idx, model.predict([chunk[i].text for i in idx]), strict=True):
                probs[i] = p
        for s, p in zip(chunk, probs, strict=True):
            yield _finish(s, p, model.name if model is not None else None)
        chunk.clear()

    for text, direction in _items(items):
        pending.append((text, direction))
        if len(pending) >= batch:
            yield from flush()
    if pending:
        yield from flush()


def classify_many(items: Iterable[Any], model: Scorer | None = None) -> list[Classification]:
    """Classify many messages at once (much faster than one ``classify`` call each)."""
    return list(iter_classify(items, model=model))
