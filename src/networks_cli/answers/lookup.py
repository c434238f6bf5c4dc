"""Finding networks and regions by whatever name a person types.

Names are compared folded: case, accents, letters Unicode does not decompose (ł, ø, ß, æ),
hyphens, punctuation and spacing are ignored, and so is a leading article. Generic words such as
"Region" or "Voivodeship" are dropped only when that leaves a single match. Near misses are offered
as suggestions and never taken as answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from networks_cli.dataset.names import closest, fold, strip_generic
from networks_cli.errors import AmbiguousError, NotFoundError, UsageError, shown

if TYPE_CHECKING:
    from networks_cli.dataset.store import Store


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
    suggestions = suggest(store.names(kind), key)
    raise NotFoundError(kind, query, suggestions, miss_hint(store, kind, query, bool(suggestions)))


def miss_hint(store: Store, kind: str, query: str, suggested: bool = False) -> str | None:
    """What to say beside a region or network that is not found: that the name is an organisation's
    (and the command that shows it), or, for a network with no near miss to suggest, what the dataset
    holds and how to add one."""
    if kind not in ("region", "network"):
        return None
    key = fold(query)
    organisations = store.ids_named("organisation", key) if key else []
    if not organisations and store.has_id("organisation", query.strip()):
        organisations = [(query.strip(), query.strip())]
    if len(organisations) == 1:
        return f"{shown(query)} is an organisation: networks org {organisations[0][0]}"
    if kind == "network" and not suggested:
        count = store.network_count()
        return (
            f"this dataset holds {count} network{'' if count == 1 else 's'} (networks list); "
            "your own dataset file can add it (networks --data FILE)"
        )
    return None


def suggest(names: list[tuple[str, str, str]], key: str, limit: int = 5) -> list[str]:
    """The records whose names are closest to a folded query, by `names.closest`, as their own names,
    each with the id to type where the name does not fold to it ("European Regions Research and
    Innovation Network (errin)"): a long name is a poor thing to retype."""
    ranked = closest(key, ((name_key, (record_id, name)) for name_key, record_id, name in names), limit * 2)
    # Folded only for the few ranked, not for every name (folding them all is what a miss cost).
    return list(dict.fromkeys(_typed(record_id, name) for record_id, name in ranked))[:limit]


def _typed(record_id: str, name: str) -> str:
    return name if fold(name) == fold(record_id) else f"{name} ({record_id})"
