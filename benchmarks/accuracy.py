"""Per-signal precision, recall and F1 of the signal detectors on a labelled JSONL file.

    PYTHONPATH=src python benchmarks/accuracy.py [FILE] [--errors] [--json]

Each line: {"id", "text", "direction", "labels": [...]}. Prints one row per signal, the
macro-F1 over the twelve, and the share of unlabelled messages that got any label
(targets: macro-F1 >= 0.85, <= 5 % of unlabelled flagged). --errors lists the misses
and false alarms, for finding what to improve; --json prints the numbers as JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from safecase.analysis.signals import classify_many
from safecase.model import SIGNALS

DEFAULT = Path(__file__).resolve().parent.parent / "tests" / "data" / "signals_devset.jsonl"


def load(path: Path) -> list[dict[str, Any]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise SystemExit(f"{path}: line {n}: not valid JSON ({err.msg})") from None
            unknown = set(row.get("labels", [])) - set(SIGNALS)
            if unknown:
                raise SystemExit(f"{path}: line {n}: unknown labels {sorted(unknown)}")
            rows.append(row)
    return rows


def evaluate(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts and scores for ``rows``; also the per-message predictions for error listing."""
    preds = classify_many((r["text"], r.get("direction") or "incoming") for r in rows)
    per: dict[str, dict[str, float]] = {}
    for name in SIGNALS:
        tp = fp = fn = 0
        for row, pred in zip(rows, preds, strict=True):
            gold = name in row["labels"]
            got = name in pred.labels
            tp += gold and got
            fp += got and not gold
            fn += gold and not got
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per[name] = {"precision": p, "recall": r, "f1": f, "support": tp + fn, "tp": tp,
                     "fp": fp, "fn": fn}
    unlabelled = [(r, p) for r, p in zip(rows, preds, strict=True) if not r["labels"]]
    flagged = sum(1 for _, p in unlabelled if p.labels)
    return {
        "messages": len(rows),
        "per_signal": per,
        "macro_f1": sum(v["f1"] for v in per.values()) / len(per),
        "unlabelled": len(unlabelled),
        "unlabelled_flagged": flagged,
        "unlabelled_flagged_share": flagged / len(unlabelled) if unlabelled else 0.0,
        "_preds": preds,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    ap.add_argument("--errors", action="store_true", help="list misses and false alarms")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = ap.parse_args(argv)
    rows = load(args.file)
    res = evaluate(rows)
    preds = res.pop("_preds")
    if args.json:
        print(json.dumps(res, indent=2))
        return 0
    print(f"{args.file}: {res['messages']} messages")
    print(f"{'signal':16} {'prec':>6} {'recall':>6} {'F1':>6} {'support':>8}")
    for name, v in res["per_signal"].items():
        print(f"{name:16} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} "
              f"{v['support']:8d}")
    print(f"{'macro-F1':16} {res['macro_f1']:6.3f}")
    print(f"unlabelled flagged: {res['unlabelled_flagged']}/{res['unlabelled']} "
          f"({100 * res['unlabelled_flagged_share']:.1f} %)")
    if args.errors:
        for row, pred in zip(rows, preds, strict=True):
            gold, got = set(row["labels"]), set(pred.labels)
            if gold != got:
                miss = ",".join(sorted(gold - got)) or "-"
                extra = ",".join(sorted(got - gold)) or "-"
                text = row["text"].replace("\n", " ")[:110]
                print(f"  {row['id']} missed={miss} extra={extra} [{row.get('direction')}] {text}",
                      file=sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
