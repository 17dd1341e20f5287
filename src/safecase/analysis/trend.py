"""The trend test used for escalation: Mann-Kendall on weekly counts, with Sen's slope.

Mann-Kendall asks whether later weeks tend to have more (or fewer) events than earlier
weeks, without assuming any shape or distribution. S sums the sign of every later-minus-
earlier difference; its variance is corrected for ties (many equal weekly counts are
common); the two-sided p-value comes from the normal approximation with continuity
correction. Sen's slope (the median of all pairwise slopes) gives the size of the change in
events per week, per week. Below MIN_WEEKS weeks no test is made.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

MIN_WEEKS = 4
ALPHA = 0.05


def mann_kendall(x: np.ndarray | list[float]) -> dict[str, Any]:
    """S, its variance, z, two-sided p, Sen's slope and a verdict for a series."""
    a = np.asarray(x, dtype=np.float64)
    n = len(a)
    if n < MIN_WEEKS:
        return {"test": "mann-kendall", "n": n, "s": None, "z": None, "p": None,
                "sen_slope": None, "trend": "too few weeks"}
    i, j = np.triu_indices(n, k=1)
    diff = a[j] - a[i]
    s = int(np.sign(diff).sum())
    _, ties = np.unique(a, return_counts=True)
    var = (n * (n - 1) * (2 * n + 5) - float((ties * (ties - 1) * (2 * ties + 5)).sum())) / 18
    if var <= 0:
        z = 0.0
    elif s > 0:
        z = (s - 1) / math.sqrt(var)
    elif s < 0:
        z = (s + 1) / math.sqrt(var)
    else:
        z = 0.0
    p = math.erfc(abs(z) / math.sqrt(2))
    slope = float(np.median(diff / (j - i)))
    if p < ALPHA and s > 0:
        trend = "increasing"
    elif p < ALPHA and s < 0:
        trend = "decreasing"
    else:
        trend = "no clear trend"
    return {"test": "mann-kendall", "n": n, "s": s, "z": round(z, 4), "p": round(p, 6),
            "sen_slope": round(slope, 4), "trend": trend}


def describe(result: dict[str, Any], what: str) -> str:
    """Plain words for a Mann-Kendall result about weekly ``what`` (e.g. "contacts")."""
    n = result["n"]
    if result["trend"] == "too few weeks":
        return (f"Too few weeks ({n}) to test whether {what} are rising or falling; "
                f"the test needs at least {MIN_WEEKS}.")
    p = result["p"]
    slope = result["sen_slope"]
    if result["trend"] == "increasing":
        return (f"Weekly {what} are increasing over {n} weeks (about {abs(slope):.2g} more "
                f"each week; Mann-Kendall test, p = {p:.3g}).")
    if result["trend"] == "decreasing":
        return (f"Weekly {what} are decreasing over {n} weeks (about {abs(slope):.2g} fewer "
                f"each week; Mann-Kendall test, p = {p:.3g}). Fewer contacts do not by "
                "themselves mean less risk.")
    return (f"No clear rise or fall in weekly {what} over {n} weeks (Mann-Kendall test, "
            f"p = {p:.3g}).")
