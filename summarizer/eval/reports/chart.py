"""Small horizontal bar charts as inline SVG, drawn in Python: scores from 0 to 1, grouped
by field, one bar per series (precision, recall, F1; or before and after).

No plotting library and no script: the chart is markup, coloured by CSS classes
(``bar-<series>``) from the page's stylesheet, with every label escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup

LABEL_WIDTH = 110
PLOT_WIDTH = 260
VALUE_WIDTH = 48
BAR_HEIGHT = 12
BAR_GAP = 3
GROUP_GAP = 12
TOP = 40
BOTTOM = 22
TICKS = (0.0, 0.25, 0.5, 0.75, 1.0)


@dataclass(frozen=True)
class Bar:
    series: str
    value: float | None


@dataclass(frozen=True)
class BarGroup:
    label: str
    bars: tuple[Bar, ...]


def _x(value: float) -> float:
    return LABEL_WIDTH + PLOT_WIDTH * min(1.0, max(0.0, value))


def bar_chart(title: str, groups: Sequence[BarGroup]) -> Markup:
    """An SVG chart; a bar with no value (``None``) is drawn as a dash."""
    series = list(dict.fromkeys(bar.series for group in groups for bar in group.bars))
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    body = sum(len(group.bars) * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP for group in groups)
    height = TOP + body + BOTTOM
    parts = [
        Markup(
            '<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
            'viewBox="0 0 {w} {h}" role="img" aria-label="{title}">'
        ).format(w=width, h=height, title=title),
        Markup('<text x="0" y="14" font-weight="600">{}</text>').format(title),
    ]
    x = LABEL_WIDTH
    for name in series:
        parts.append(
            Markup(
                '<rect class="bar-{name}" x="{x}" y="22" width="10" height="10"/>'
                '<text x="{tx}" y="31">{name}</text>'
            ).format(name=name, x=x, tx=x + 14)
        )
        x += 14 + 8 * len(name) + 12
    plot_bottom = TOP + body
    for tick in TICKS:
        parts.append(
            Markup(
                '<line class="grid" x1="{x}" y1="{top}" x2="{x}" y2="{bottom}"/>'
                '<text class="value" x="{x}" y="{label}" text-anchor="middle">{tick:g}</text>'
            ).format(x=_x(tick), top=TOP - 4, bottom=plot_bottom, label=plot_bottom + 14, tick=tick)
        )
    y = TOP
    for group in groups:
        middle = y + len(group.bars) * (BAR_HEIGHT + BAR_GAP) / 2
        parts.append(
            Markup('<text x="0" y="{y}" dominant-baseline="middle">{label}</text>').format(
                y=middle, label=group.label
            )
        )
        for bar in group.bars:
            shown = "—" if bar.value is None else f"{bar.value:.3f}"
            if bar.value is not None:
                parts.append(
                    Markup(
                        '<rect class="bar-{series}" x="{x}" y="{y}" width="{w:.1f}" '
                        'height="{h}"><title>{label} {series}: {shown}</title></rect>'
                    ).format(
                        series=bar.series,
                        x=LABEL_WIDTH,
                        y=y,
                        w=_x(bar.value) - LABEL_WIDTH,
                        h=BAR_HEIGHT,
                        label=group.label,
                        shown=shown,
                    )
                )
            end = LABEL_WIDTH if bar.value is None else _x(bar.value)
            parts.append(
                Markup(
                    '<text class="value" x="{x:.1f}" y="{y}" dominant-baseline="middle">'
                    "{shown}</text>"
                ).format(x=end + 4, y=y + BAR_HEIGHT / 2, shown=shown)
            )
            y += BAR_HEIGHT + BAR_GAP
        y += GROUP_GAP
    parts.append(Markup("</svg>"))
    return Markup("").join(parts)
