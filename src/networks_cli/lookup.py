"""Finding networks and regions by whatever name a person types.

Names are compared folded: case, accents, letters Unicode does not decompose (ł, ø, ß, æ),
hyphens, punctuation and spacing are ignored, and so is a leading article. Generic words such as
"Region" or "Voivodeship" are dropped only when that leaves a single match. Near misses are offered
as suggestions and never taken as answers.
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import TYPE_CHECKING, Any

from networks_cli.errors import AmbiguousError, NotFoundError, UsageError

if TYPE_CHECKING:
    from networks_cli.store import Store

Record = dict[str, Any]

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


# The fields of a network that `network_names` reads (so a caller can dump just these).
NETWORK_NAME_FIELDS = {"id", "name", "full_name", "acronym", "aliases"}


def network_names(network: Record) -> list[str]:
    names = [network["id"], network["name"], *network.get("aliases", [])]
    names += [name for name in (network.get("full_name"), network.get("acronym")) if name]
    return names


def region_names(region: Record) -> list[str]:
    names = [region["id"], region["name"], *region.get("names", [])]
    nuts = region.get("nuts")
    if nuts:
        names += [nuts["code"], nuts["label"]]
    return names


def theme_names(theme: Record) -> list[str]:
    return [theme["id"], theme["name"]]


def organisation_names(organisation: Record) -> list[str]:
    return [organisation["id"], organisation["name"], *organisation.get("names", [])]


# Every name a record of each kind answers to: what the store indexes and completion offers.
NAMES_OF = {
    "network": network_names,
    "region": region_names,
    "organisation": organisation_names,
    "theme": theme_names,
}


def find_id(store: Store, kind: str, query: str) -> str:
    """The id of the one record of `kind` the query names: its id as written, else a name folded,
    else a name without generic words. An id is unique, so it wins even if another name folds like it."""
    if not query.strip():
        raise UsageError(f"give a {kind}: a name or an id, not an empty string")
    if store.has_id(kind, query.strip()):
        return query.strip()
    key = fold(query)
    for loose, table_key in ((False, key), (True, strip_generic(key))):
        matches = store.ids_named(kind, table_key, loose=loose)
        if len(matches) == 1:
            return matches[0][0]
        if len(matches) > 1:
            raise AmbiguousError(kind, query, [name for _, name in matches])
    raise NotFoundError(kind, query, suggest(store.names(kind), key))


def suggest(names: list[tuple[str, str, str]], key: str, limit: int = 5) -> list[str]:
    """Close names first (difflib's ratio), then names that contain the query; deterministic."""
    if not key:
        return []
    record_names: dict[str, list[str]] = {}
    for name_key, _, record_name in names:
        record_names.setdefault(name_key, []).append(record_name)
    close = difflib.get_close_matches(key, record_names.keys(), n=limit * 3, cutoff=0.6)
    containing = sorted(k for k in record_names if key in k or (len(k) >= 4 and k in key))
    suggestions: list[str] = []
    for candidate in close + containing:
        for record_name in record_names[candidate]:
            if record_name not in suggestions:
                suggestions.append(record_name)
    return suggestions[:limit]
