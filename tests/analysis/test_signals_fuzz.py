"""Property tests: classify never raises and its evidence always points into the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safecase.analysis.signals import SIGNALS, classify

WORDS = st.sampled_from([
    "kill", "you", "your", "I'll", "b!tch", "f*ck", "answer", "me", "stop", "texting", "mine",
    "outside", "house", "bit.ly/x", "http://1.2.3.4/a.apk", "nudes", "boss", "😂", "🔪", "İ",
    "meeeee", "ß", "\u200d", "\ud83d", "lol", "never", "if", "or", "else", "te", "voy", "a",
    "matar", "@", "07700 900461", "12 oak street", ".", "?", "!!!!", "\n", "\"",
])
TEXTS = st.one_of(st.text(max_size=300), st.lists(WORDS, max_size=40).map(" ".join))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, direction=st.sampled_from(["incoming", "outgoing", "unknown"]))
def test_classify_never_raises_and_offsets_are_valid(text: str, direction: str) -> None:
    c = classify(text, direction)
    assert list(c.scores) == list(SIGNALS)
    assert all(0.0 <= s <= 1.0 for s in c.scores.values())
    assert set(c.evidence) == set(c.labels)
    for evs in c.evidence.values():
        assert evs
        for ev in evs:
            assert 0 <= ev.start < ev.end <= len(text)
            assert text[ev.start:ev.end] == ev.text
