"""Write src/networks_cli/output/nuts2_tiles.tsv: the project's own tile grid of Europe's NUTS 2 regions.

One square per NUTS 2 region of the index (src/networks_cli/dataset/nuts_index.tsv: NUTS 2024, the
UK's 2016 units, the EFTA and candidate countries' statistical regions), placed roughly where the
region lies, each country's squares touching one another, no two on one cell.

The positions start from CENTRES below: a rough centre of each region in degrees (latitude,
longitude), rounded, written for this layout and for nothing else (they place squares; they are not
data about the regions). Regions far from the continent (the outermost regions, the Azores, Madeira,
the Canaries, Svalbard) are given a position beside their country instead, marked INSET, so that the
country's squares can touch. The layout is then made in three steps:

1. project the centres onto a grid (longitudes shrunk by the cosine of 52°N) and push apart the
   points that are closer than one square, so that dense areas (Benelux, London) spread out;
2. grow each country from a seed square, one square at a time and the countries in turn, always onto
   a free square beside the country's own, the one nearest the next region's point: the country's
   squares touch by construction and none overlap;
3. inside each country, swap squares between regions while that brings the regions nearer their points.

Run it after the index changes: `python scripts/generate_nuts_tiles.py`. The test suite checks the
file against the index (every region a square, countries contiguous, no overlap).
"""

from __future__ import annotations

import math
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INDEX = ROOT / "src" / "networks_cli" / "dataset" / "nuts_index.tsv"
TILES = ROOT / "src" / "networks_cli" / "output" / "nuts2_tiles.tsv"

CELL_DEGREES = 0.9  # one square is this many degrees of latitude (longitude: shrunk by cos 52°)
NEIGHBOUR_GAP = 0.95  # inside a country, a region's nearest neighbour lies about this many squares away
COMPACTNESS = 0.8  # what an open side of a square costs, in squared squares of distance
LONGITUDE_SCALE = math.cos(math.radians(52))

# Regions placed beside their country rather than where they lie (far overseas or far north).
INSET = {"FRY1", "FRY2", "FRY3", "FRY4", "FRY5", "ES70", "PT20", "PT30", "NO0B", "IS00", "CY00"}

# Rough centres (latitude, longitude) in degrees; INSET ones are positions beside their country.
CENTRES: dict[str, tuple[float, float]] = {
    # Belgium
    "BE10": (50.84, 4.37), "BE21": (51.22, 4.62), "BE22": (50.98, 5.45), "BE23": (51.03, 3.8),
    "BE24": (50.88, 4.6), "BE25": (51.05, 3.0), "BE31": (50.67, 4.6), "BE32": (50.45, 3.95),
    "BE33": (50.5, 5.75), "BE34": (49.95, 5.5), "BE35": (50.3, 4.85),
    # Bulgaria
    "BG31": (43.5, 23.3), "BG32": (43.4, 25.6), "BG33": (43.3, 27.3), "BG34": (42.5, 26.8),
    "BG41": (42.5, 23.2), "BG42": (42.0, 25.0),
    # Czechia
    "CZ01": (50.08, 14.43), "CZ02": (49.9, 14.6), "CZ03": (49.3, 13.8), "CZ04": (50.4, 13.3),
    "CZ05": (50.5, 15.6), "CZ06": (49.2, 16.3), "CZ07": (49.5, 17.4), "CZ08": (49.8, 18.2),
    # Denmark
    "DK01": (55.8, 12.4), "DK02": (55.4, 11.7), "DK03": (55.4, 9.3), "DK04": (56.2, 9.2), "DK05": (57.1, 9.9),
    # Germany
    "DE11": (48.8, 9.4), "DE12": (49.0, 8.5), "DE13": (47.9, 8.0), "DE14": (48.2, 9.4),
    "DE21": (47.9, 11.7), "DE22": (48.6, 12.9), "DE23": (49.3, 12.1), "DE24": (50.0, 11.4),
    "DE25": (49.3, 10.8), "DE26": (49.9, 9.9), "DE27": (48.3, 10.5), "DE30": (52.52, 13.4),
    "DE40": (52.4, 13.6), "DE50": (53.1, 8.8), "DE60": (53.55, 10.0), "DE71": (49.9, 8.7),
    "DE72": (50.6, 8.7), "DE73": (51.1, 9.5), "DE80": (53.8, 12.5), "DE91": (52.1, 10.6),
    "DE92": (52.5, 9.5), "DE93": (53.2, 10.0), "DE94": (52.8, 7.7), "DEA1": (51.3, 6.6),
    "DEA2": (50.8, 6.8), "DEA3": (52.0, 7.5), "DEA4": (52.0, 8.8), "DEA5": (51.3, 8.0),
    "DEB1": (50.4, 7.5), "DEB2": (49.9, 6.7), "DEB3": (49.5, 8.0), "DEC0": (49.4, 6.95),
    "DED2": (51.1, 14.1), "DED4": (50.7, 12.8), "DED5": (51.35, 12.5), "DEE0": (52.0, 11.7),
    "DEF0": (54.2, 9.8), "DEG0": (50.9, 11.0),
    # Estonia, Ireland
    "EE00": (58.7, 25.5),
    "IE04": (53.8, -8.4), "IE05": (52.3, -8.3), "IE06": (53.3, -6.8),
    # Greece
    "EL30": (38.0, 23.7), "EL41": (39.0, 26.0), "EL42": (36.9, 25.5), "EL43": (35.2, 24.9),
    "EL51": (41.1, 25.3), "EL52": (40.7, 23.0), "EL53": (40.4, 21.5), "EL54": (39.6, 20.8),
    "EL61": (39.4, 22.3), "EL62": (38.7, 20.4), "EL63": (38.2, 21.6), "EL64": (38.7, 22.8),
    "EL65": (37.4, 22.3),
    # Spain (ES70, the Canaries: beside Andalusia's coast)
    "ES11": (42.8, -7.9), "ES12": (43.3, -5.9), "ES13": (43.2, -4.0), "ES21": (43.0, -2.6),
    "ES22": (42.7, -1.6), "ES23": (42.3, -2.5), "ES24": (41.5, -0.7), "ES30": (40.45, -3.7),
    "ES41": (41.8, -4.8), "ES42": (39.6, -3.0), "ES43": (39.2, -6.2), "ES51": (41.8, 1.5),
    "ES52": (39.4, -0.6), "ES53": (39.6, 3.0), "ES61": (37.4, -4.6), "ES62": (38.0, -1.5),
    "ES63": (35.9, -5.3), "ES64": (35.3, -2.9), "ES70": (35.6, -7.5),
    # France (FRY1-5, the outermost regions: beside the Atlantic coast)
    "FR10": (48.7, 2.5), "FRB0": (47.5, 1.7), "FRC1": (47.2, 4.2), "FRC2": (47.1, 6.0),
    "FRD1": (49.0, -0.6), "FRD2": (49.5, 1.0), "FRE1": (50.5, 2.8), "FRE2": (49.7, 2.8),
    "FRF1": (48.3, 7.5), "FRF2": (49.0, 4.4), "FRF3": (48.8, 6.1), "FRG0": (47.4, -0.8),
    "FRH0": (48.1, -2.9), "FRI1": (44.5, -0.5), "FRI2": (45.8, 1.6), "FRI3": (46.1, -0.2),
    "FRJ1": (43.6, 3.4), "FRJ2": (43.8, 1.5), "FRK1": (45.5, 3.1), "FRK2": (45.5, 5.4),
    "FRL0": (43.9, 6.1), "FRM0": (42.1, 9.0),
    "FRY1": (46.3, -3.2), "FRY2": (45.6, -3.2), "FRY3": (44.9, -3.2), "FRY4": (46.3, -4.2), "FRY5": (45.6, -4.2),
    # Croatia
    "HR02": (45.5, 17.8), "HR03": (44.3, 15.8), "HR05": (45.8, 16.0), "HR06": (46.2, 16.4),
    # Italy
    "ITC1": (45.0, 7.9), "ITC2": (45.7, 7.4), "ITC3": (44.3, 8.7), "ITC4": (45.6, 9.8),
    "ITF1": (42.2, 13.9), "ITF2": (41.7, 14.6), "ITF3": (40.9, 14.8), "ITF4": (41.0, 16.6),
    "ITF5": (40.5, 16.1), "ITF6": (39.0, 16.4), "ITG1": (37.5, 14.1), "ITG2": (40.0, 9.0),
    "ITH1": (46.7, 11.4), "ITH2": (46.1, 11.1), "ITH3": (45.6, 12.0), "ITH4": (46.1, 13.1),
    "ITH5": (44.5, 11.0), "ITI1": (43.4, 11.1), "ITI2": (42.9, 12.5), "ITI3": (43.3, 13.1),
    "ITI4": (41.9, 12.8),
    # Cyprus (beside the Aegean), Latvia, Lithuania, Luxembourg
    "CY00": (35.6, 28.5), "LV00": (56.9, 24.6), "LT01": (54.8, 25.0), "LT02": (55.5, 23.5), "LU00": (49.8, 6.1),
    # Hungary
    "HU11": (47.5, 19.05), "HU12": (47.4, 19.5), "HU21": (47.2, 18.3), "HU22": (47.2, 17.0),
    "HU23": (46.3, 18.2), "HU31": (48.1, 20.6), "HU32": (47.6, 21.5), "HU33": (46.4, 20.2),
    # Malta, the Netherlands
    "MT00": (35.9, 14.4),
    "NL11": (53.25, 6.7), "NL12": (53.1, 5.8), "NL13": (52.9, 6.6), "NL21": (52.4, 6.5),
    "NL22": (52.1, 5.9), "NL23": (52.5, 5.6), "NL32": (52.6, 4.9), "NL34": (51.5, 3.8),
    "NL35": (52.1, 5.2), "NL36": (51.95, 4.5), "NL41": (51.55, 5.1), "NL42": (51.2, 5.9),
    # Austria
    "AT11": (47.5, 16.5), "AT12": (48.3, 15.7), "AT13": (48.2, 16.4), "AT21": (46.75, 13.9),
    "AT22": (47.25, 15.0), "AT31": (48.1, 13.9), "AT32": (47.4, 13.1), "AT33": (47.2, 11.4), "AT34": (47.25, 9.9),
    # Poland
    "PL21": (49.9, 20.3), "PL22": (50.3, 19.0), "PL41": (52.3, 17.2), "PL42": (53.5, 15.3),
    "PL43": (52.2, 15.3), "PL51": (51.1, 16.4), "PL52": (50.6, 17.9), "PL61": (53.1, 18.5),
    "PL62": (53.9, 20.8), "PL63": (54.2, 18.0), "PL71": (51.6, 19.4), "PL72": (50.8, 20.8),
    "PL81": (51.2, 22.9), "PL82": (49.9, 22.2), "PL84": (53.3, 22.9), "PL91": (52.2, 21.0), "PL92": (52.5, 20.6),
    # Portugal (the Azores and Madeira: beside the coast)
    "PT11": (41.5, -7.9), "PT15": (37.2, -8.1), "PT19": (40.3, -7.8), "PT1A": (38.85, -9.2),
    "PT1B": (38.5, -8.8), "PT1C": (38.3, -7.8), "PT1D": (39.4, -8.7), "PT20": (39.8, -10.8), "PT30": (37.9, -10.6),
    # Romania
    "RO11": (47.2, 23.3), "RO12": (46.2, 25.0), "RO21": (47.2, 26.6), "RO22": (45.2, 28.0),
    "RO31": (44.7, 25.6), "RO32": (44.45, 26.1), "RO41": (44.6, 23.6), "RO42": (45.7, 21.8),
    # Slovenia, Slovakia
    "SI03": (46.2, 15.2), "SI04": (45.9, 14.2),
    "SK01": (48.3, 17.2), "SK02": (48.3, 18.0), "SK03": (48.7, 19.3), "SK04": (48.8, 21.2),
    # Finland, Sweden
    "FI19": (62.0, 23.5), "FI1B": (60.3, 24.8), "FI1C": (60.9, 25.8), "FI1D": (65.0, 27.0), "FI20": (60.2, 20.0),
    "SE11": (59.4, 18.2), "SE12": (59.2, 15.8), "SE21": (57.2, 15.2), "SE22": (56.0, 13.7),
    "SE23": (58.0, 12.3), "SE31": (60.8, 14.5), "SE32": (63.0, 16.5), "SE33": (66.5, 19.5),
    # The United Kingdom (NUTS 2016)
    "UKC1": (54.6, -1.6), "UKC2": (55.1, -1.9), "UKD1": (54.5, -3.0), "UKD3": (53.5, -2.3),
    "UKD4": (53.9, -2.6), "UKD6": (53.2, -2.6), "UKD7": (53.45, -2.95), "UKE1": (53.7, -0.5),
    "UKE2": (54.2, -1.3), "UKE3": (53.5, -1.3), "UKE4": (53.8, -1.7), "UKF1": (53.0, -1.3),
    "UKF2": (52.5, -1.0), "UKF3": (53.1, -0.2), "UKG1": (52.2, -2.0), "UKG2": (52.8, -2.3),
    "UKG3": (52.5, -1.9), "UKH1": (52.4, 0.8), "UKH2": (51.85, -0.4), "UKH3": (51.8, 0.6),
    "UKI3": (51.5, -0.17), "UKI4": (51.52, -0.05), "UKI5": (51.6, 0.05), "UKI6": (51.38, -0.15),
    "UKI7": (51.55, -0.35), "UKJ1": (51.7, -1.0), "UKJ2": (51.0, -0.3), "UKJ3": (51.0, -1.3),
    "UKJ4": (51.2, 0.7), "UKK1": (51.6, -2.1), "UKK2": (50.9, -2.8), "UKK3": (50.4, -4.9),
    "UKK4": (50.7, -3.8), "UKL1": (51.9, -3.9), "UKL2": (52.2, -3.2), "UKM5": (57.2, -2.5),
    "UKM6": (57.8, -5.0), "UKM7": (56.4, -3.3), "UKM8": (55.85, -4.3), "UKM9": (55.4, -3.4),
    "UKN0": (54.6, -6.7),
    # EFTA (Iceland: beside the north Atlantic edge; Svalbard: above Nord-Norge)
    "IS00": (64.0, -12.0), "LI00": (47.15, 9.55),
    "NO02": (61.3, 10.5), "NO06": (63.6, 11.0), "NO07": (68.5, 17.0), "NO08": (59.9, 10.7),
    "NO09": (59.3, 8.5), "NO0A": (61.0, 6.5), "NO0B": (70.5, 21.0),
    "CH01": (46.4, 6.6), "CH02": (46.9, 7.4), "CH03": (47.45, 7.7), "CH04": (47.4, 8.65),
    "CH05": (47.2, 9.3), "CH06": (46.9, 8.4), "CH07": (46.3, 8.9),
    # Candidate countries
    "BA01": (43.8, 17.9), "BA02": (44.6, 17.5), "BA03": (44.85, 18.8),
    "ME00": (42.8, 19.3), "MK00": (41.6, 21.7),
    "AL01": (42.0, 20.0), "AL02": (41.2, 19.9), "AL03": (40.4, 20.0),
    "RS11": (44.8, 20.5), "RS12": (45.4, 20.2), "RS21": (43.8, 20.3), "RS22": (43.3, 21.9),
    "XK00": (42.6, 20.9),
    "TR10": (41.05, 28.9), "TR21": (41.5, 27.0), "TR22": (39.9, 27.2), "TR31": (38.45, 27.2),
    "TR32": (37.6, 28.5), "TR33": (38.8, 29.5), "TR41": (40.0, 29.8), "TR42": (40.8, 30.5),
    "TR51": (39.9, 32.8), "TR52": (37.6, 33.0), "TR61": (37.2, 30.7), "TR62": (37.0, 35.0),
    "TR63": (37.2, 36.5), "TR71": (38.9, 34.0), "TR72": (39.2, 36.5), "TR81": (41.3, 32.0),
    "TR82": (41.4, 33.8), "TR83": (40.7, 35.6), "TR90": (40.7, 39.5), "TRA1": (40.0, 40.8),
    "TRA2": (40.2, 42.8), "TRB1": (38.7, 39.2), "TRB2": (38.6, 43.0), "TRC1": (37.3, 37.8),
    "TRC2": (37.6, 39.8), "TRC3": (37.5, 41.7),
    "UA11": (49.6, 34.0), "UA12": (51.0, 34.0), "UA13": (49.6, 36.5), "UA14": (51.4, 32.2),
    "UA21": (48.0, 37.8), "UA22": (48.8, 39.2), "UA31": (48.3, 35.0), "UA32": (47.4, 35.6),
    "UA33": (48.4, 32.0), "UA41": (47.3, 31.8), "UA42": (46.8, 30.0), "UA43": (46.6, 33.4),
    "UA44": (45.2, 34.2), "UA45": (44.6, 33.5), "UA51": (49.1, 28.5), "UA52": (49.5, 25.6),
    "UA53": (49.4, 27.0), "UA61": (50.3, 30.5), "UA62": (49.3, 31.5), "UA63": (50.45, 30.52),
    "UA71": (48.4, 23.2), "UA72": (48.7, 24.6), "UA73": (49.8, 24.0), "UA74": (48.3, 25.9),
    "UA81": (51.2, 25.0), "UA82": (50.5, 28.4), "UA83": (51.0, 26.3),
}  # fmt: skip

Cell = tuple[int, int]
Point = tuple[float, float]


def read_index() -> list[tuple[str, str, str]]:
    """(code, country, label) of every NUTS 2 unit of the index, in its order."""
    rows = []
    for line in INDEX.read_text(encoding="utf-8").splitlines()[1:]:
        code, country, level, _classification, label, _keys = line.split("\t")
        if level == "2":
            rows.append((code, country, label))
    return rows


def projected(code: str) -> Point:
    latitude, longitude = CENTRES[code]
    return (longitude * LONGITUDE_SCALE / CELL_DEGREES, -latitude / CELL_DEGREES)


def spread(points: dict[str, Point], rounds: int = 120) -> dict[str, Point]:
    """Push apart the points closer than one square (each pair halfway), keeping the overall layout."""
    moved = dict(points)
    codes = sorted(moved)
    for _ in range(rounds):
        shifted = False
        for i, first in enumerate(codes):
            for second in codes[i + 1 :]:
                (x1, y1), (x2, y2) = moved[first], moved[second]
                dx, dy = x2 - x1, y2 - y1
                distance = math.hypot(dx, dy)
                if distance >= 1.0:
                    continue
                if distance == 0:
                    dx, dy, distance = 1.0, 0.0, 1.0
                push = (1.0 - distance) / 2 * 0.5
                ux, uy = dx / distance * push, dy / distance * push
                moved[first] = (x1 - ux, y1 - uy)
                moved[second] = (x2 + ux, y2 + uy)
                shifted = True
        if not shifted:
            break
    return moved


def evened(countries: dict[str, list[str]], points: dict[str, Point]) -> dict[str, Point]:
    """Each country's points scaled about its centre so that neighbouring regions lie about one square
    apart: a dense country (Belgium) is spread out, a sparse one (Spain) drawn together, as a tile map
    gives every region the same area."""
    evened = dict(points)
    for codes in countries.values():
        if len(codes) < 2:
            continue
        gaps = [min(math.dist(points[code], points[other]) for other in codes if other != code) for code in codes]
        factor = NEIGHBOUR_GAP / (sum(gaps) / len(gaps))
        cx = sum(points[code][0] for code in codes) / len(codes)
        cy = sum(points[code][1] for code in codes) / len(codes)
        for code in codes:
            x, y = points[code]
            evened[code] = (cx + (x - cx) * factor, cy + (y - cy) * factor)
    return evened


def squared(cell: Cell, point: Point) -> float:
    return (cell[0] - point[0]) ** 2 + (cell[1] - point[1]) ** 2


def neighbours(cell: Cell) -> list[Cell]:
    x, y = cell
    return [(x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)]


def placement_cost(cell: Cell, point: Point, own: set[Cell]) -> float:
    """How far a square lies from a region's point, plus a charge for each side it does not share with
    its country's squares: countries grow compact, without holes and thin arms."""
    open_sides = sum(1 for n in neighbours(cell) if n not in own)
    return squared(cell, point) + COMPACTNESS * open_sides


def grow(countries: dict[str, list[str]], points: dict[str, Point]) -> dict[str, Cell]:
    """Each country grown from a seed, one square per turn, onto free squares beside its own."""
    taken: dict[Cell, str] = {}
    placed: dict[str, Cell] = {}
    queues: dict[str, list[str]] = {}
    for country, codes in sorted(countries.items(), key=lambda item: (-len(item[1]), item[0])):
        centre = (sum(points[c][0] for c in codes) / len(codes), sum(points[c][1] for c in codes) / len(codes))
        order = sorted(codes, key=lambda code: squared((round(points[code][0]), round(points[code][1])), centre))
        queues[country] = order
    # Seeds first, so that a big country cannot take a small one's place before it has any.
    for country in sorted(queues, key=lambda name: (len(queues[name]), name)):
        code = queues[country].pop(0)
        target = points[code]
        start = (round(target[0]), round(target[1]))
        ring = [start]
        seen = {start}
        while True:
            free = [cell for cell in ring if cell not in taken]
            if free:
                cell = min(free, key=lambda cell: (squared(cell, target), cell))
                break
            ring = [n for cell in ring for n in neighbours(cell) if n not in seen]
            seen.update(ring)
        taken[cell], placed[code] = code, cell
    owner = {code: country for country, codes in countries.items() for code in codes}
    while any(queues.values()):
        for country in sorted(queues, key=lambda name: (-len(queues[name]), name)):
            if not queues[country]:
                continue
            own = [cell for cell, code in taken.items() if owner[code] == country]
            frontier = {n for cell in own for n in neighbours(cell) if n not in taken}
            if not frontier:
                raise SystemExit(f"{country} is enclosed: change CELL_DEGREES")
            # The region whose point is nearest the country's edge goes next, onto its nearest free square.
            code = min(queues[country], key=lambda code: min(squared(cell, points[code]) for cell in frontier))
            mine = set(own)
            cell = min(frontier, key=lambda cell: (placement_cost(cell, points[code], mine), cell))
            queues[country].remove(code)
            taken[cell], placed[code] = code, cell
    return placed


def improve(countries: dict[str, list[str]], placed: dict[str, Cell], points: dict[str, Point]) -> None:
    """Swap squares between two regions of a country while that brings them nearer their points."""
    better = True
    while better:
        better = False
        for codes in countries.values():
            for i, first in enumerate(codes):
                for second in codes[i + 1 :]:
                    a, b = placed[first], placed[second]
                    now = squared(a, points[first]) + squared(b, points[second])
                    swapped = squared(b, points[first]) + squared(a, points[second])
                    if swapped < now - 1e-9:
                        placed[first], placed[second] = b, a
                        better = True


def main() -> None:
    index = read_index()
    missing = sorted({code for code, _, _ in index} - set(CENTRES))
    extra = sorted(set(CENTRES) - {code for code, _, _ in index})
    if missing or extra:
        raise SystemExit(f"CENTRES out of step with the index: missing {missing}, not in the index {extra}")
    countries: dict[str, list[str]] = {}
    for code, country, _ in index:
        countries.setdefault(country, []).append(code)
    points = spread(evened(countries, {code: projected(code) for code, _, _ in index}))
    placed = grow(countries, points)
    improve(countries, placed, points)
    left = min(x for x, _ in placed.values())
    top = min(y for _, y in placed.values())
    lines = ["code\tcountry\tcolumn\trow\tlabel"]
    for code, country, label in index:
        x, y = placed[code]
        lines.append(f"{code}\t{country}\t{x - left}\t{y - top}\t{label}")
    TILES.write_text("\n".join(lines) + "\n", encoding="utf-8")
    width = max(x for x, _ in placed.values()) - left + 1
    height = max(y for _, y in placed.values()) - top + 1
    print(f"{TILES.relative_to(ROOT)}: {len(index)} squares on a {width} x {height} grid")


if __name__ == "__main__":
    main()
