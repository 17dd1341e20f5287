"""The report's charts, drawn with matplotlib into SVG strings in memory (no files).

Text is drawn as paths, so the SVG needs no fonts wherever it is shown (typst, browsers).
"""

from __future__ import annotations

import io
from datetime import date, timedelta

from matplotlib.figure import Figure

from safecase.report.model import WEEKDAYS, Chart, Report

_FIG = (7.0, 2.6)


def _svg(fig: Figure) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    return buf.getvalue()


def _empty(fig: Figure, message: str) -> None:
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center")


def _per_day(report: Report) -> str:
    scan = report._chart_data
    fig = Figure(figsize=_FIG)
    if not scan.per_day:
        _empty(fig, "no dated contacts in scope")
        return _svg(fig)
    ax = fig.add_subplot()
    days = sorted(scan.per_day)
    ax.bar(days, [scan.per_day[d] for d in days], width=1.0, color="#35618f")
    for i, d in enumerate(sorted(scan.refusal_days)):
        ax.axvline(d, color="#c0392b", linewidth=1.2, label="asked to stop" if i == 0 else None)
    if scan.refusal_days:
        ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.set_ylabel("contacts")
    ax.tick_params(labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    return _svg(fig)


def _heat(report: Report) -> str:
    scan = report._chart_data
    fig = Figure(figsize=(7.0, 2.2))
    ax = fig.add_subplot()
    im = ax.imshow(scan.heat, aspect="auto", cmap="Blues")
    ax.set_yticks(range(7), WEEKDAYS)
    ax.set_xticks(range(0, 24, 2), [f"{h:02d}" for h in range(0, 24, 2)])
    ax.set_xlabel(f"hour of day ({report.cover.tz})")
    ax.tick_params(labelsize=7)
    fig.colorbar(im, ax=ax, shrink=0.8).ax.tick_params(labelsize=7)
    return _svg(fig)


def _stacked(report: Report, data: dict[date, dict[str, int]], ylabel: str) -> str:
    fig = Figure(figsize=_FIG)
    if not data:
        _empty(fig, "nothing to show in scope")
        return _svg(fig)
    ax = fig.add_subplot()
    weeks = sorted(data)
    names = sorted({n for w in data.values() for n in w})
    bottom = [0] * len(weeks)
    for name in names:
        values = [data[w].get(name, 0) for w in weeks]
        ax.bar(weeks, values, bottom=bottom, width=timedelta(days=6), label=name)
        bottom = [b + v for b, v in zip(bottom, values, strict=True)]
    ax.legend(fontsize=7, frameon=False, ncols=min(4, len(names)))
    ax.set_ylabel(ylabel)
    ax.tick_params(labelsize=7)
    ax.spines[["top", "right"]].set_visible(False)
    fig.autofmt_xdate()
    return _svg(fig)


def draw_charts(report: Report) -> list[Chart]:
    """Fills each chart's ``svg`` (once per report) and returns the charts."""
    draw = {
        "per_day": lambda: _per_day(report),
        "heat": lambda: _heat(report),
        "channels": lambda: _stacked(report, report._chart_data.channels, "contacts per week"),
        "signals": lambda: _stacked(report, report._chart_data.signals, "flagged per week"),
    }
    for chart in report.charts:
        if not chart.svg:
            chart.svg = draw[chart.key]()
    return report.charts
