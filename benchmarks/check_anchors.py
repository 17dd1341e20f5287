"""Developer check: every rule match must contain one of the rule's anchor words.

    PYTHONPATH=src python benchmarks/check_anchors.py [FILE ...]

The classifier only runs a rule when the message contains one of the rule's anchor words
(``rules/base.py: anchors_of``). This runs every rule on every message WITHOUT that
shortcut and lists matches that the shortcut would have missed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from safecase.analysis.signals.engine import message_tokens
from safecase.analysis.signals.rules import SPECS
from safecase.analysis.signals.text import View, lower_view, squeeze_view

ROOT = Path(__file__).resolve().parent.parent / "tests" / "data"


def main(argv: list[str]) -> int:
    files = [Path(a) for a in argv] or sorted(ROOT.glob("signals_*.jsonl"))
    bad = 0
    for path in files:
        for line in path.open(encoding="utf-8"):
            text = json.loads(line)["text"]
            low = lower_view(text)
            sq = squeeze_view(low)
            tokens = message_tokens([View(low)] + ([sq] if sq is not None else []))
            views = [low] + ([sq.text] if sq is not None else [])
            for spec in SPECS:
                if spec.trigger_re is not None and spec.trigger_re.search(low):
                    continue
                for ri, rx, anchors in spec.units:
                    rule = spec.rules[ri]
                    for v in views:
                        m = rx.search(v)
                        if m and tokens.isdisjoint(anchors):
                            bad += 1
                            print(f"{rule.name}: {m.group(0)!r} in {text[:80]!r}")
    print(f"{bad} matches without an anchor word")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
