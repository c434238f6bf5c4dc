"""The NUTS 2 tile grid (issue #23): one square per region of the index, each country's squares
touching, none overlapping, and the file what the script writes."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from networks_cli.dataset.nuts import load_units
from networks_cli.output.svg_map import TILES_PATH, Tile, load_tiles

ROOT = Path(__file__).resolve().parents[1]


def connected(cells: set[tuple[int, int]]) -> bool:
    """Whether squares form one piece, side by side (a corner does not join two squares)."""
    start = next(iter(cells))
    seen = {start}
    todo = [start]
    while todo:
        x, y = todo.pop()
        for near in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            if near in cells and near not in seen:
                seen.add(near)
                todo.append(near)
    return seen == cells


def by_country(tiles: tuple[Tile, ...]) -> dict[str, set[tuple[int, int]]]:
    countries: dict[str, set[tuple[int, int]]] = {}
    for tile in tiles:
        countries.setdefault(tile.country, set()).add((tile.column, tile.row))
    return countries


def test_every_nuts_2_region_of_the_index_has_one_square() -> None:
    expected = {(unit.code, unit.country) for unit in load_units() if unit.level == 2}
    tiles = load_tiles()
    assert len(tiles) == len({tile.code for tile in tiles}), "a region with two squares"
    assert {(tile.code, tile.country) for tile in tiles} == expected
    # The three classifications the index holds are all on the grid.
    codes = {tile.code for tile in tiles}
    assert {"PL21", "UKI3", "NO0A", "CH04", "IS00", "TR10", "UA63"} <= codes


def test_no_two_squares_share_a_cell() -> None:
    cells = [(tile.column, tile.row) for tile in load_tiles()]
    assert len(cells) == len(set(cells))


def test_each_countrys_squares_touch() -> None:
    apart = sorted(country for country, cells in by_country(load_tiles()).items() if not connected(cells))
    assert not apart, f"countries in pieces: {apart}"


def test_the_contiguity_check_can_fail() -> None:
    assert not connected({(0, 0), (1, 1)})
    assert connected({(0, 0), (1, 0), (1, 1)})


def test_the_file_is_what_the_script_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = importlib.util.spec_from_file_location("generate_nuts_tiles", ROOT / "scripts" / "generate_nuts_tiles.py")
    assert spec is not None
    assert spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    sys.modules["generate_nuts_tiles"] = script
    spec.loader.exec_module(script)
    written = tmp_path / "tiles.tsv"
    monkeypatch.setattr(script, "TILES", written)
    monkeypatch.setattr(script, "ROOT", tmp_path)
    script.main()
    assert written.read_text(encoding="utf-8") == TILES_PATH.read_text(encoding="utf-8")
