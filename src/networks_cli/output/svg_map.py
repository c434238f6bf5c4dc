"""The map of a network's members or a region's partners: the tile grid (or real boundaries) as SVG,
and the same grid as compact text for a terminal.

The grid is the project's own layout of Europe's NUTS 2 regions (`nuts2_tiles.tsv`, written by
`scripts/generate_nuts_tiles.py`): one square per region, each country's squares together. The map
reads the plain answer (`MapAnswer`: squares, their state, the names in them), never the dataset.
Colour is never the only carrier of meaning: every coloured square also carries its state's symbol,
the legend names both, and every square has a text title (the region and the members placed in it).
Text from the data is escaped wherever it goes.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from networks_cli.output.formats import printable

if TYPE_CHECKING:
    from networks_cli.dataset.names import Record

TILES_PATH = Path(__file__).with_name("nuts2_tiles.tsv")

TILE = 16  # a square's side in the SVG, in pixels
GAP = 2
MARGIN = 8

# Each state's fill and the symbol drawn in its squares (so that colour never carries meaning alone).
STATE_STYLE: dict[str, tuple[str, str]] = {
    "current": ("#1b7837", "●"),
    "unconfirmed": ("#d08c00", "?"),
    "former": ("#7a7a7a", "\u00d7"),
    "subject": ("#2a4d9c", "★"),
    "partner": ("#6a3d9a", "◆"),
}
ROLE_COLOURS = ("#1b7837", "#2a4d9c", "#b2182b", "#d08c00", "#6a3d9a", "#01665e", "#8c510a", "#c51b7d", "#4d4d4d")
EMPTY_FILL = "#e3e3e3"
BORDER = "#555555"
INK = "#ffffff"


class Tile:
    __slots__ = ("code", "column", "country", "label", "row")

    def __init__(self, code: str, country: str, column: int, row: int, label: str) -> None:
        self.code = code
        self.country = country
        self.column = column
        self.row = row
        self.label = label


@functools.cache
def load_tiles(path: Path = TILES_PATH) -> tuple[Tile, ...]:
    tiles = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        code, country, column, row, label = line.split("\t")
        tiles.append(Tile(code, country, int(column), int(row), label))
    return tuple(tiles)


def grid_size(tiles: Sequence[Tile]) -> tuple[int, int]:
    return max(tile.column for tile in tiles) + 1, max(tile.row for tile in tiles) + 1


def state_styles(states: Sequence[str], by: str) -> dict[str, tuple[str, str]]:
    """Each state's fill and symbol: fixed for statuses and partners, numbered for roles."""
    if by != "role":
        return {state: STATE_STYLE.get(state, ("#4d4d4d", "■")) for state in states}
    return {state: (ROLE_COLOURS[i % len(ROLE_COLOURS)], str(i + 1)) for i, state in enumerate(states)}


def _fill(area: Record, styles: dict[str, tuple[str, str]]) -> tuple[str, float]:
    """The square's colour and opacity: a partner's shade follows its score (never below a visible 0.35)."""
    colour = styles[area["state"]][0]
    score = area.get("score")
    if area["state"] == "partner" and isinstance(score, int | float):
        return colour, 0.35 + 0.65 * max(0.0, min(1.0, float(score)))
    return colour, 1.0


def _title(tile_label: str, code: str, area: Record | None) -> str:
    text = f"{tile_label} ({code})"
    if area is not None:
        text += ": " + "; ".join(area["members"])
    return text


def summary(answer: Record) -> str:
    """The map in words: its text alternative."""
    subject = answer["subject"]["name"]
    if answer["by"] == "partners":
        return f"Map of {subject} and its partners: {_squares(answer)}"
    return f"Map of the members of {subject} by {answer['by']}: {_squares(answer)}"


def _squares(answer: Record) -> str:
    """What the squares are: "59 NUTS 2 squares (17 current, 42 unconfirmed); 1 member … not drawn."."""
    areas = answer["areas"]
    if answer["by"] == "partners":
        partners = sum(1 for area in areas if area["state"] == "partner")
        text = f"{partners} NUTS 2 squares hold partner regions"
    else:
        counts = {state: sum(1 for area in areas if area["state"] == state) for state in answer["states"]}
        listed = ", ".join(f"{count} {state}" for state, count in counts.items())
        text = f"{len(areas)} NUTS 2 squares ({listed or 'none'})"
    if answer["unplaced"]:
        unplaced = len(answer["unplaced"])
        who = "partner" if answer["by"] == "partners" else "member"
        ones = f"1 {who} without a NUTS code is" if unplaced == 1 else f"{unplaced} {who}s without a NUTS code are"
        text += f"; {ones} not drawn"
    return text + "."


HEADING_LINE = 14  # the standalone map's heading: a title, then what the squares are, wrapped to the width


def render_svg(
    answer: Record, shapes: dict[str, list[Any]] | None = None, element_id: str = "map", heading: bool = False
) -> str:
    """The map as an SVG document (also inlined in the HTML report, whose own heading names it). With
    `heading`, as `map -o FILE` writes it: its subject and what the squares are, in visible text, so a
    file passed on says what it shows (its <title> and <desc> are for screen readers, not the eye)."""
    import textwrap

    body, width, height = _shape_body(answer, shapes) if shapes else _tile_body(answer)
    styles = state_styles(answer["states"], answer["by"])
    legend, legend_height = _legend(answer, styles, width, height)
    # About 6.5 px a character at 11 px: the lines of what the squares are, within the map's width.
    lines = textwrap.wrap(_squares(answer), max(int((width - 2 * MARGIN) / 6.5), 20)) if heading else []
    top = 26 + HEADING_LINE * len(lines) if heading else 0
    total = top + height + legend_height
    title = escape(f"{answer['subject']['name']}: map")
    shown = ""
    if heading:
        by = "its partners" if answer["by"] == "partners" else f"members by {answer['by']}"
        shown = (
            f'<text x="{MARGIN}" y="{18 - top}" font-size="15" font-weight="700">'
            f"{escape(answer['subject']['name'])}: {escape(by)}</text>"
        )
        shown += "".join(
            f'<text x="{MARGIN}" y="{36 + HEADING_LINE * i - top}" font-size="11" fill="#444">{escape(line)}</text>'
            for i, line in enumerate(lines)
        )
    return (
        # The heading sits above y = 0 (a viewBox starting at -top), so the squares keep their coordinates.
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 {-top} {width} {total}" width="{width}" height="{total}" '
        f'role="img" aria-labelledby="{element_id}-title {element_id}-desc" class="map">'
        f'<title id="{element_id}-title">{title}</title>'
        f'<desc id="{element_id}-desc">{escape(summary(answer))}</desc>'
        '<style>text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}</style>'
        f"{shown}{body}{legend}</svg>"
    )


def _tile_body(answer: Record) -> tuple[str, int, int]:
    tiles = load_tiles()
    columns, rows = grid_size(tiles)
    styles = state_styles(answer["states"], answer["by"])
    areas = {area["nuts"]: area for area in answer["areas"]}
    step = TILE + GAP
    parts = ['<g class="tiles">']
    for tile in tiles:
        x, y = MARGIN + tile.column * step, MARGIN + tile.row * step
        area = areas.get(tile.code)
        title = escape(_title(tile.label, tile.code, area))
        if area is None:
            parts.append(
                f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" fill="{EMPTY_FILL}" data-nuts="{tile.code}">'
                f"<title>{title}</title></rect>"
            )
            continue
        colour, opacity = _fill(area, styles)
        symbol = styles[area["state"]][1]
        parts.append(
            f'<g class="area" data-nuts="{tile.code}" data-state="{escape(area["state"])}"><title>{title}</title>'
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" fill="{colour}" fill-opacity="{opacity:.2f}"/>'
            f'<text x="{x + TILE / 2}" y="{y + TILE / 2 + 4}" font-size="11" text-anchor="middle" fill="{INK}" '
            f'aria-hidden="true">{escape(symbol)}</text></g>'
        )
    parts.append("</g>")
    parts.append(_country_borders(tiles, step))
    return "".join(parts), 2 * MARGIN + columns * step - GAP, 2 * MARGIN + rows * step - GAP


def _country_borders(tiles: Sequence[Tile], step: int) -> str:
    """A line wherever a square's side faces another country or the sea: the countries' outlines."""
    country = {(tile.column, tile.row): tile.country for tile in tiles}
    segments = []
    half = GAP / 2
    for (column, row), code in country.items():
        x0, y0 = MARGIN + column * step - half, MARGIN + row * step - half
        x1, y1 = x0 + step, y0 + step
        for (dx, dy), (ax, ay, bx, by) in (
            ((0, -1), (x0, y0, x1, y0)),
            ((0, 1), (x0, y1, x1, y1)),
            ((-1, 0), (x0, y0, x0, y1)),
            ((1, 0), (x1, y0, x1, y1)),
        ):
            if country.get((column + dx, row + dy)) != code:
                segments.append(f"M{ax:g} {ay:g}L{bx:g} {by:g}")
    return f'<path d="{"".join(segments)}" stroke="{BORDER}" stroke-width="1" fill="none" aria-hidden="true"/>'


def _shape_body(answer: Record, shapes: dict[str, list[Any]]) -> tuple[str, int, int]:
    """Real boundaries: every feature drawn, the answer's squares' features coloured (a NUTS 3 feature
    takes its NUTS 2 region's colour)."""
    width = 640
    points = [point for polygons in shapes.values() for polygon in polygons for ring in polygon for point in ring]
    west, east = min(p[0] for p in points), max(p[0] for p in points)
    south, north = min(p[1] for p in points), max(p[1] for p in points)
    shrink = math.cos(math.radians((north + south) / 2))
    span_x = max((east - west) * shrink, 1e-9)
    span_y = max(north - south, 1e-9)
    scale = (width - 2 * MARGIN) / span_x
    height = round(span_y * scale + 2 * MARGIN)
    styles = state_styles(answer["states"], answer["by"])
    areas = {area["nuts"]: area for area in answer["areas"]}

    def path(polygons: Iterable[Any]) -> str:
        return "".join(
            "M"
            + "L".join(
                f"{MARGIN + (x - west) * shrink * scale:.1f} {MARGIN + (north - y) * scale:.1f}" for x, y in ring
            )
            + "Z"
            for polygon in polygons
            for ring in polygon
            if ring
        )

    parts = ['<g class="shapes" stroke="#ffffff" stroke-width="0.4">']
    for code in sorted(shapes):
        area = areas.get(code) or areas.get(code[:4])
        title = escape(f"{code}" + (": " + "; ".join(area["members"]) if area else ""))
        if area is None:
            parts.append(f'<path d="{path(shapes[code])}" fill="{EMPTY_FILL}"><title>{title}</title></path>')
        else:
            colour, opacity = _fill(area, styles)
            parts.append(
                f'<path class="area" data-nuts="{code}" data-state="{escape(area["state"])}" d="{path(shapes[code])}" '
                f'fill="{colour}" fill-opacity="{opacity:.2f}"><title>{title}</title></path>'
            )
    parts.append("</g>")
    return "".join(parts), width, height


def _legend(answer: Record, styles: dict[str, tuple[str, str]], width: int, top: int) -> tuple[str, int]:
    parts = ['<g class="legend">']
    x, y = MARGIN, top + 4
    for state in answer["states"]:
        colour, symbol = styles[state]
        label = escape(state if answer["by"] != "partners" or state != "partner" else "partner (darker: shares more)")
        item = 34 + 8 * len(label)  # about 8 px a character at 13 px, and a gap before the next swatch
        if x + item > width and x > MARGIN:
            x, y = MARGIN, y + 22
        parts.append(
            f'<rect x="{x}" y="{y}" width="{TILE}" height="{TILE}" fill="{colour}"/>'
            f'<text x="{x + TILE / 2}" y="{y + TILE / 2 + 4}" font-size="11" text-anchor="middle" fill="{INK}" '
            f'aria-hidden="true">{escape(symbol)}</text>'
            f'<text x="{x + TILE + 6}" y="{y + TILE - 3}" font-size="13" fill="#222">{label}</text>'
        )
        x += item
    parts.append("</g>")
    return "".join(parts), y - top + 24


# ---------------------------------------------------------------- the terminal


ANSI = {"current": "32", "unconfirmed": "33", "former": "90", "subject": "34", "partner": "35"}
ANSI_ROLES = ("32", "34", "31", "33", "35", "36", "91", "95", "37")


def render_text(answer: Record, color: bool) -> str:
    """The tile grid as text, two characters a square: the state's symbol in its colour (when the terminal
    has colour), `··` for a region with nothing in it; a legend and the unplaced members below."""
    tiles = load_tiles()
    columns, rows = grid_size(tiles)
    styles = state_styles(answer["states"], answer["by"])
    areas = {area["nuts"]: area for area in answer["areas"]}
    codes = {
        state: (ANSI_ROLES[i % len(ANSI_ROLES)] if answer["by"] == "role" else ANSI.get(state, "37"))
        for i, state in enumerate(answer["states"])
    }
    grid = [["  "] * columns for _ in range(rows)]
    for tile in tiles:
        area = areas.get(tile.code)
        if area is None:
            grid[tile.row][tile.column] = "\x1b[2m··\x1b[0m" if color else "··"
            continue
        symbol = styles[area["state"]][1]
        cell = (symbol + symbol)[:2] if len(symbol) == 1 else symbol[:2]
        grid[tile.row][tile.column] = f"\x1b[1;{codes[area['state']]}m{cell}\x1b[0m" if color else cell
    lines = ["".join(row).rstrip() for row in grid]
    lines.append("")
    lines.append(printable(summary(answer)))
    for state in answer["states"]:
        symbol = styles[state][1]
        shown = f"\x1b[1;{codes[state]}m{symbol}\x1b[0m" if color else symbol
        lines.append(f"  {shown} {state}")
    if answer["unplaced"]:
        lines.append(printable("Not drawn (no NUTS code): " + "; ".join(answer["unplaced"])))
    return "\n".join(lines) + "\n"
