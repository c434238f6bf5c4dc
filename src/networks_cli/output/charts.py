"""Inline SVG charts for the report: counts over time, from zero, with a text alternative.

A chart carries its title and a description in words (`<title>`, `<desc>`, `aria-labelledby`); the
report puts the same numbers in a table beside it, so the chart is never the only way to read them.
Every point also has its own `<title>` (the date, the count and what it is).
"""

from __future__ import annotations

import math
from html import escape

WIDTH = 560
HEIGHT = 230
LEFT, RIGHT, TOP, BOTTOM = 44, 16, 16, 36


class Point:
    __slots__ = ("label", "note", "value", "x")

    def __init__(self, x: float, value: int, label: str, note: str = "") -> None:
        self.x = x  # position on the time axis, in (fractional) years
        self.value = value
        self.label = label  # the date as the source gives it
        self.note = note  # e.g. "more than", the source's id


def _ticks(high: int) -> list[int]:
    """Round steps from zero to at least `high`."""
    if high <= 0:
        return [0, 1]
    raw = high / 4
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(int(step), 1)
    return list(range(0, high + step, step))


def line_chart(points: list[Point], title: str, description: str, element_id: str, step: bool = False) -> str:
    """Counts over time as a line (or, with `step`, a staircase: a count that holds until the next)."""
    if not points:
        return ""
    points = sorted(points, key=lambda point: point.x)
    first, last = points[0].x, points[-1].x
    if last - first < 1:
        first, last = first - 0.5, last + 0.5
    ticks = _ticks(max(point.value for point in points))
    top_value = ticks[-1]
    plot_width = WIDTH - LEFT - RIGHT
    plot_height = HEIGHT - TOP - BOTTOM

    def x(value: float) -> float:
        return LEFT + (value - first) / (last - first) * plot_width

    def y(value: float) -> float:
        return TOP + plot_height - value / top_value * plot_height

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-labelledby="{element_id}-title {element_id}-desc" class="chart">',
        f'<title id="{element_id}-title">{escape(title)}</title>',
        f'<desc id="{element_id}-desc">{escape(description)}</desc>',
        '<g font-size="13" fill="#333" font-family="system-ui,sans-serif">',
    ]
    for tick in ticks:
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" stroke="#ddd"/>'
            f'<text x="{LEFT - 6}" y="{y(tick) + 4:.1f}" text-anchor="end">{tick}</text>'
        )
    years = range(math.ceil(first), math.floor(last) + 1)
    every = max(1, math.ceil(len(years) / 8))
    for year in years:
        if (year - years[0]) % every == 0:
            parts.append(
                f'<line x1="{x(year):.1f}" x2="{x(year):.1f}" y1="{TOP + plot_height}" y2="{TOP + plot_height + 4}" '
                f'stroke="#333"/><text x="{x(year):.1f}" y="{HEIGHT - BOTTOM + 20}" text-anchor="middle">{year}</text>'
            )
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{TOP + plot_height}" y2="{TOP + plot_height}" stroke="#333"/>'
    )
    coordinates: list[str] = []
    for i, point in enumerate(points):
        if step and i:
            coordinates.append(f"{x(point.x):.1f},{y(points[i - 1].value):.1f}")
        coordinates.append(f"{x(point.x):.1f},{y(point.value):.1f}")
    parts.append(f'<polyline points="{" ".join(coordinates)}" fill="none" stroke="#2a4d9c" stroke-width="2"/>')
    # A staircase marks only where the count changes (and where it ends); a line marks every point.
    marked = [
        p for i, p in enumerate(points) if not step or i in (0, len(points) - 1) or p.value != points[i - 1].value
    ]
    for point in marked:
        label = f"{point.label}: {point.value}" + (f" ({point.note})" if point.note else "")
        parts.append(
            f'<circle cx="{x(point.x):.1f}" cy="{y(point.value):.1f}" r="4" fill="#2a4d9c" class="point">'
            f"<title>{escape(label)}</title></circle>"
        )
    parts.append("</g></svg>")
    return "".join(parts)


def year_position(date: str) -> float | None:
    """A date (YYYY, YYYY-MM or YYYY-MM-DD) as a fractional year; None when it is not one."""
    pieces = date.split("-")
    if not pieces[0].isdigit():
        return None
    year = int(pieces[0])
    month = int(pieces[1]) if len(pieces) > 1 and pieces[1].isdigit() else 1
    day = int(pieces[2]) if len(pieces) > 2 and pieces[2].isdigit() else 1
    return year + (month - 1) / 12 + (day - 1) / 365
