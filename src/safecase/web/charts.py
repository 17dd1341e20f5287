"""Small inline SVG charts drawn on the server (no script, no external resource).

Each chart carries a text description for screen readers; pages also show the numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup


def bar_chart(bars: Sequence[tuple[str, int]], label: str, width: int = 640,
              height: int = 180) -> Markup:
    """A vertical bar chart; ``bars`` are (label, value) in order."""
    if not bars:
        return Markup("")
    top = max(v for _, v in bars) or 1
    pad_l, pad_b, pad_t = 36, 28, 10
    inner_w, inner_h = width - pad_l - 6, height - pad_b - pad_t
    step = inner_w / len(bars)
    bw = max(1.0, step * 0.8)
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(label)}" viewBox="0 0 {width} '
        f'{height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
        f'<line class="chart-axis" x1="{pad_l}" y1="{pad_t + inner_h}" x2="{width - 6}" '
        f'y2="{pad_t + inner_h}"/>',
        f'<text x="{pad_l - 4}" y="{pad_t + 10}" text-anchor="end">{top}</text>',
        f'<text x="{pad_l - 4}" y="{pad_t + inner_h}" text-anchor="end">0</text>',
    ]
    every = max(1, len(bars) // 8)
    for i, (name, value) in enumerate(bars):
        h = inner_h * value / top
        x = pad_l + i * step + (step - bw) / 2
        parts.append(f'<rect class="chart-bar" x="{x:.1f}" y="{pad_t + inner_h - h:.1f}" '
                     f'width="{bw:.1f}" height="{h:.1f}"><title>{escape(name)}: {value}'
                     f'</title></rect>')
        if i % every == 0:
            parts.append(f'<text x="{x:.1f}" y="{height - 8}">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
