"""Writes the generic-CSV part of the sample case (deterministic): ``csv/work-phone-log.csv``,
the texts Sam's work phone received from Alex's new number, copied out by the employer's
IT team. Its header (Date, From, To, Message) is mapped without ``--map``."""

from __future__ import annotations

import csv
from pathlib import Path

HERE = Path(__file__).parent
ROWS = [
    ("2024-03-21 08:02:10", "+447700900789", "+447700900999", "Morning Sam. Enjoy the meeting with HR?"),
    ("2024-03-21 08:40:55", "+447700900789", "+447700900999", "They'll believe me, not you.\nEveryone does."),
    ("2024-03-22 17:31:00", "+447700900789", "+447700900999", "I'll wait by the car park, like old times."),
]


def main() -> None:
    out = HERE / "csv"
    out.mkdir(exist_ok=True)
    with (out / "work-phone-log.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Date", "From", "To", "Message"])
        w.writerows(ROWS)


if __name__ == "__main__":
    main()
