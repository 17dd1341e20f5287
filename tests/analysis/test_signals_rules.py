"""Unit tests for the phrase rules and the engine around them: positives, hard negatives,
offsets, direction. They test the rules as rules, so the shipped text model (and its gate)
is switched off here; tests/analysis/test_signals_ngram.py tests the combination."""

from __future__ import annotations

import pytest

from safecase.analysis.signals import (
    DETECTOR_NAME,
    DETECTOR_VERSION,
    SIGNALS,
    classify,
    classify_many,
    engine,
)


@pytest.fixture(autouse=True)
def _rules_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine.ngram, "load", lambda: None)

POSITIVES = [
    ("threat", "I swear I'll break your legs"),
    ("threat", "you're going to regret ever leaving me"),
    ("threat", "accidents happen to people like you"),
    ("threat", "Te voy a matar"),
    ("threat", "Je vais te tuer"),
    ("threat", "Ich bring dich um"),
    ("sexual", "send me nudes tonight"),
    ("sexual", "I want to see you naked"),
    ("insult", "you're a worthless little sl*t"),
    ("insult", "fuuuuck you"),
    ("insult", "ferme ta gueule connasse"),
    ("insult", "eres una zorra"),
    ("insult", "du bist so eine Schlampe"),
    ("surveillance", "nice red coat today"),
    ("surveillance", "I know you got home at 11"),
    ("surveillance", "I'm outside your building"),
    ("surveillance", "te vi con él anoche"),
    ("surveillance", "je sais où tu habites"),
    ("surveillance", "Ich habe dich gesehen"),
    ("fixation", "you're mine, you always will be"),
    ("fixation", "I'll never give up on us"),
    ("coercion", "if you don't call me tonight I'll send the video to your dad"),
    ("coercion", "I'll kill myself if you leave me"),
    ("contact_demand", "answer me!!!"),
    ("contact_demand", "why are you ignoring me"),
    ("contact_demand", "contéstame ya"),
    ("contact_demand", "réponds-moi"),
    ("contact_demand", "geh endlich ran"),
    ("exposure", "I'm going to post your nudes online"),
    ("exposure", "she lives at 42 Acacia Avenue, go pay her a visit"),
    ("third_party", "I'll call your boss tomorrow"),
    ("third_party", "I had a nice chat with your mum today"),
    ("impersonation", "I made a fake instagram with your photos"),
    ("impersonation", "Your Apple ID has been locked. Verify your details"),
    ("malicious_link", "is this you?? bit.ly/3kFz9Qa"),
    ("malicious_link", "login at https://paypa1-secure-login.com now"),
    ("malicious_link", "open photos.apk"),
    ("malicious_link", "check http://185.23.44.102/update"),
    ("malicious_link", "see https://xn--pypal-4ve.com/login"),
    ("refusal", "please stop texting me"),
    ("refusal", "leave me alone"),
    ("refusal", "déjame en paz"),
    ("refusal", "laisse-moi tranquille"),
    ("refusal", "lass mich in Ruhe"),
]

HARD_NEGATIVES = [
    "I'm going to kill this exam",
    "I'll be outside at 7 like we planned",
    "I'm outside, come down whenever you're ready",
    "this heat is killing me",
    "my mum will kill me if I'm late",
    "I'll destroy you at Mario Kart tonight",
    "I would never hurt you",
    "lol I'm dead 💀",
    "don't call me, I'm in a meeting, text instead",
    "stop ignoring the group chat and vote on the restaurant lol",
    "call me when you land ✈️",
    "I'll send you the photos from the wedding",
    "you're so stupid lol love you",
    "what the fuck happened at work today",
    "my boss is such a dick",
    "Police arrested a man after a stabbing in the city centre",
    "Your verification code is 482913. Do not share it with anyone.",
    "https://www.youtube.com/watch?v=dQw4w9WgXcQ haha",
    "If you want, I'll pick you up after work",
    "we were meant to be at the station by 5",
    "don't worry about the glass, accidents happen!",
    "In the movie he says \"I'll find you and I will kill you\". Classic",
    "I blocked that spam number",
    "tell your mum happy birthday from me!",
    "my new number is 07700 900123, save it",
]


@pytest.mark.parametrize(("signal", "text"), POSITIVES)
def test_positive(signal: str, text: str) -> None:
    c = classify(text)
    direction_ok = signal in c.labels
    assert direction_ok, (text, c.labels, c.scores)
    assert c.scores[signal] >= 0.5
    assert c.evidence[signal], "a label always comes with evidence"


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negative(text: str) -> None:
    c = classify(text)
    assert c.labels == [], (text, c.labels, c.evidence)


def test_scores_cover_all_twelve_in_range() -> None:
    c = classify("answer me you stupid b!tch")
    assert list(c.scores) == list(SIGNALS)
    assert all(0.0 <= v <= 1.0 for v in c.scores.values())
    assert set(c.evidence) == set(c.labels)


def test_evidence_explains_itself() -> None:
    c = classify("I'll kill you")
    ev = c.evidence["threat"][0]
    assert ev.text == "I'll kill you"
    assert DETECTOR_NAME in ev.why and DETECTOR_VERSION in ev.why
    assert "rule threat." in ev.why


@pytest.mark.parametrize(
    "text",
    [
        "😀😀 I’ll kill you 🔪",                      # emoji and a curly apostrophe
        "👩‍👩‍👧 ANSWER MEEEEEE you stupid biiiitch",    # ZWJ family, stretched letters
        "İİ you're a w h o r e, b!tch 🤬",            # İ lower-cases to two characters
        "x\ud83d leave me alone \udc00",                 # lone surrogates
        "Ünïcödé: ich weiß wo du wohnst",
    ],
)
def test_offsets_map_back_to_the_original(text: str) -> None:
    c = classify(text)
    assert c.labels
    for evs in c.evidence.values():
        for ev in evs:
            assert 0 <= ev.start < ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.text


def test_stretched_letters_map_to_the_whole_run() -> None:
    text = "answerrrrr meeeee"
    c = classify(text)
    ev = c.evidence["contact_demand"][0]
    assert ev.text == text


def test_outgoing_only_labels_refusal() -> None:
    text = "leave me the fuck alone you psycho, I'll call the police"
    out = classify(text, direction="outgoing")
    assert out.labels == ["refusal"]
    assert out.scores["insult"] > 0  # still reported, not labelled
    assert "insult" in classify(text, direction="incoming").labels


def test_unknown_direction_is_treated_like_incoming() -> None:
    assert classify("answer me", direction="unknown").labels == ["contact_demand"]


def test_bad_direction_is_refused() -> None:
    with pytest.raises(ValueError):
        classify("hi", direction="sideways")


def test_empty_and_blank() -> None:
    for text in ("", "   ", "\n"):
        c = classify(text)
        assert c.labels == [] and c.evidence == {}
        assert set(c.scores) == set(SIGNALS)


def test_classify_many_matches_classify() -> None:
    texts = [t for _, t in POSITIVES] + HARD_NEGATIVES
    many = classify_many(texts)
    assert [c.labels for c in many] == [classify(t).labels for t in texts]
    pairs = classify_many([("leave me alone", "outgoing"), {"text": "answer me"}])
    assert pairs[0].labels == ["refusal"] and pairs[1].labels == ["contact_demand"]


def test_to_dict_is_the_cli_shape() -> None:
    d = classify("answer me").to_dict()
    assert set(d) == {"labels", "scores", "evidence"}
    assert set(d["evidence"]["contact_demand"][0]) == {"start", "end", "text", "why"}
