"""Finding networks and regions by whatever name a person types.

Names are compared folded: case, accents, letters Unicode does not decompose (ł, ø, ß, æ),
hyphens, punctuation and spacing are ignored, and so is a leading article. Generic words such as
"Region" or "Voivodeship" are dropped only when that leaves a single match. Near misses are offered
as suggestions and never taken as answers.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from networks_cli.errors import AmbiguousError, NotFoundError
from networks_cli.models import Dataset, Network, Region

# Letters that NFKD leaves whole, so stripping combining marks cannot reach them.
_UNDECOMPOSABLE = str.maketrans(
    {"ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th", "ð": "d", "\u0131": "i", "ħ": "h"}
)
_ARTICLES = frozenset({"the", "la", "le", "les", "l", "el", "il", "lo", "los", "las", "de", "het", "die", "der", "das"})
_GENERIC_WORDS = frozenset(
    {
        "region",
        "regions",
        "regione",
        "regiao",
        "voivodeship",
        "wojewodztwo",
        "province",
        "provincie",
        "provincia",
        "county",
        "lan",
        "autonomous",
        "community",
        "of",
        "and",
    }
)


def fold(text: str) -> str:
    """The comparison key of a name: lower case ASCII words separated by single spaces."""
    lowered = text.casefold().translate(_UNDECOMPOSABLE)
    decomposed = unicodedata.normalize("NFKD", lowered)
    plain = "".join(" " if not ch.isalnum() else ch for ch in decomposed if not unicodedata.combining(ch))
    words = plain.split()
    if len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def strip_generic(key: str) -> str:
    words = [word for word in key.split() if word not in _GENERIC_WORDS]
    return " ".join(words) if words else key


T = TypeVar("T", Network, Region)


@dataclass
class NameIndex(Generic[T]):
    """Folded names → records, built once per dataset."""

    kind: str
    exact: dict[str, list[T]] = field(default_factory=dict)
    loose: dict[str, list[T]] = field(default_factory=dict)
    display: dict[str, str] = field(default_factory=dict)

    def add(self, record: T, names: Iterable[str]) -> None:
        for name in names:
            key = fold(name)
            if not key:
                continue
            for table, table_key in ((self.exact, key), (self.loose, strip_generic(key))):
                bucket = table.setdefault(table_key, [])
                if record not in bucket:
                    bucket.append(record)
            self.display.setdefault(key, name)

    def find(self, query: str) -> T:
        key = fold(query)
        for table, table_key in ((self.exact, key), (self.loose, strip_generic(key))):
            matches = table.get(table_key, [])
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                raise AmbiguousError(self.kind, query, [match.name for match in matches])
        raise NotFoundError(self.kind, query, self.suggest(key))

    def suggest(self, key: str, limit: int = 5) -> list[str]:
        """Close names first (difflib's ratio), then names that contain the query; deterministic."""
        if not key:
            return []
        close = difflib.get_close_matches(key, self.exact.keys(), n=limit * 3, cutoff=0.6)
        containing = sorted(k for k in self.exact if key in k or (len(k) >= 4 and k in key))
        suggestions: list[str] = []
        for candidate in close + containing:
            for record in self.exact[candidate]:
                if record.name not in suggestions:
                    suggestions.append(record.name)
        return suggestions[:limit]


def network_names(network: Network) -> list[str]:
    names = [network.id, network.name, *network.aliases]
    names += [name for name in (network.full_name, network.acronym) if name]
    return names


def region_names(region: Region) -> list[str]:
    names = [region.id, region.name, *region.names]
    if region.nuts is not None:
        names += [region.nuts.code, region.nuts.label]
    return names


@dataclass
class Lookup:
    networks: NameIndex[Network]
    regions: NameIndex[Region]

    @classmethod
    def of(cls, dataset: Dataset) -> Lookup:
        networks: NameIndex[Network] = NameIndex("network")
        for network in dataset.networks:
            networks.add(network, network_names(network))
        regions: NameIndex[Region] = NameIndex("region")
        for region in dataset.regions:
            regions.add(region, region_names(region))
        return cls(networks, regions)

    def network(self, query: str) -> Network:
        return self.networks.find(query)

    def region(self, query: str) -> Region:
        return self.regions.find(query)
