"""Finding networks and regions by whatever name a person types.

Names are compared folded: case, accents, letters Unicode does not decompose (ł, ø, ß, æ),
hyphens, punctuation and spacing are ignored, and so is a leading article. Generic words such as
"Region" or "Voivodeship" are dropped only when that leaves a single match. Near misses are offered
as suggestions and never taken as answers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from networks_cli.errors import AmbiguousError, NotFoundError, UsageError
from networks_cli.names import closest, fold, strip_generic

if TYPE_CHECKING:
    from networks_cli.store import Store


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
    """The records whose names are closest to a folded query, by `names.closest`, as their own names."""
    return closest(key, ((name_key, record_name) for name_key, _, record_name in names), limit)
