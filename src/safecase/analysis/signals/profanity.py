"""alt-profanity-check and VADER, loaded on first use (loading scikit-learn takes seconds).

They are used for what they are good at: the profanity model spots profane wording the
phrase rules do not list, and VADER tells a hostile message from an enthusiastic one
("you're fucking amazing"). Neither decides a label on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from importlib import metadata
from typing import Any


@cache
def _predict() -> Callable[[Sequence[str]], Any]:
    from profanity_check import predict_prob

    return predict_prob


@cache
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@cache
def versions() -> tuple[str, str]:
    """Installed versions of (alt-profanity-check, vaderSentiment), for evidence."""

    def version(dist: str) -> str:
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "unknown"

    return version("alt-profanity-check"), version("vaderSentiment")


def profanity(texts: Sequence[str]) -> list[float]:
    """Probability that each text is profane (one batched call: far cheaper than one by one)."""
    if not texts:
        return []
    return [float(p) for p in _predict()(list(texts))]


def compound(text: str) -> float:
    """VADER compound sentiment, -1 (hostile) .. 1 (warm)."""
    return float(_vader().polarity_scores(text)["compound"])
