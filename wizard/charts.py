"""Charts drawn on the server as SVG: the geometry here, the markup in wizard/_chart_*.html.

No chart service and no JavaScript: each chart is a few rectangles placed by these pure functions,
with a title and a description for screen readers, and the same numbers in a table beside it.
Colours come from the stylesheet (classes per series), so the charts follow the light/dark theme.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH = 640


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    value_text: str
    y: float
    width: float


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one a row: a label on the left, the bar, its value at its end."""

    bars: tuple[Bar, ...]
    width: int
    height: int
    label_width: int
    bar_height: int

    @property
    def bar_x(self) -> int:
        return self.label_width + 8


def bar_chart(
    items: Sequence[tuple[str, float, str]], *, label_width: int = 240, bar_height: int = 26
) -> BarChart:
    """`items` are (label, value, value as text); bars are scaled to the largest value."""
    space = WIDTH - label_width - 8 - 56  # room on the right for the value
    largest = max((value for _label, value, _text in items), default=0) or 1
    gap = bar_height // 2
    bars = tuple(
        Bar(label, value, text, y=index * (bar_height + gap), width=space * value / largest)
        for index, (label, value, text) in enumerate(items)
    )
    height = max(1, len(bars) * (bar_height + gap) - gap)
    return BarChart(bars, WIDTH, height, label_width, bar_height)


@dataclass(frozen=True)
class Segment:
    series: int  # index of the series, for its colour
    value: int
    y: float
    height: float


@dataclass(frozen=True)
class Column:
    label: str
    x: float
    segments: tuple[Segment, ...]
    show_label: bool  # every label would overlap on a long period: some are left out


@dataclass(frozen=True)
class ColumnChart:
    """Stacked columns, one per period, one colour per series, with a scale on the left."""

    columns: tuple[Column, ...]
    series: tuple[str, ...]
    ticks: tuple[tuple[float, int], ...]  # (y, value) of the scale's lines
    width: int
    height: int
    plot_top: int
    plot_bottom: int
    plot_left: int
    column_width: float


def nice_top(largest: int) -> int:
    """A round number at least `largest`, for the top of a scale: 1, 2, 5, 10, 20, 50…"""
    top = 1
    while top < largest:
        for factor in (2, 5 / 2, 2):
            top = int(top * factor)
            if top >= largest:
                break
    return top


def column_chart(
    periods: Sequence[tuple[str, Sequence[int]]], series: Sequence[str], *, height: int = 240
) -> ColumnChart:
    plot_top, plot_left, plot_bottom = 8, 40, height - 28
    plot_height = plot_bottom - plot_top
    top = nice_top(max((sum(values) for _label, values in periods), default=0))
    slot = (WIDTH - plot_left) / max(1, len(periods))
    column_width = max(2.0, slot * 0.7)
    every = max(1, round(len(periods) / 8))
    columns = []
    for index, (label, values) in enumerate(periods):
        bottom, segments = float(plot_bottom), []
        for series_index, value in enumerate(values):
            if value:
                segment_height = plot_height * value / top
                bottom -= segment_height
                segments.append(Segment(series_index, value, bottom, segment_height))
        x = plot_left + index * slot + (slot - column_width) / 2
        columns.append(Column(label, x, tuple(segments), index % every == 0))
    ticks = tuple((plot_bottom - plot_height * step / 4, top * step // 4) for step in range(5))
    return ColumnChart(
        tuple(columns),
        tuple(series),
        ticks,
        WIDTH,
        height,
        plot_top,
        plot_bottom,
        plot_left,
        column_width,
    )
