"""Names for shell completion, found fast: from an up-to-date cache, else from the raw TOML.

Completion runs on every TAB, so it never validates the dataset: a fresh cache answers with one
indexed query, and without one the file is only parsed and its names read as they are. A file that
cannot be read or parsed completes nothing (the command itself will explain the problem).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from networks_cli.dataset.names import NAMES_OF, fold

LIMIT = 50


def completions(kind: str, incomplete: str, path: Path | None, overlays: Sequence[Path] = ()) -> list[tuple[str, str]]:
    """(value to insert, what it is) for records of `kind` with a name that starts like `incomplete`,
    of the dataset and of the overlays on it (`--with FILE`), as the command will read them.

    Matching ignores case and accents, so `mal` offers `Małopolska`, and any of a record's names
    counts (`Lesser` offers it too). Networks and themes are offered by id; regions by name, or by id
    when the name has spaces, which bash would split into several words (every command accepts ids).
    """
    from networks_cli.dataset.loader import dataset_file

    prefix = fold(incomplete)
    # The cache of the atlas with these very overlays answers all at once; else the atlas (from its
    # own cache or its file), then each overlay's file.
    candidates = _names_from_cache(kind, prefix, path, overlays) if overlays else None
    if candidates is None:
        candidates = _names_from_cache(kind, prefix, path, ())
        if candidates is None:
            candidates = _names_from_file(kind, prefix, dataset_file(path))
        for overlay in overlays:
            candidates += _names_from_file(kind, prefix, overlay)
    offered: dict[str, tuple[str, str]] = {}
    for record_id, name in candidates:
        value = name if kind == "region" and not any(ch.isspace() for ch in name) else record_id
        offered.setdefault(record_id, (value, name))
    return list(offered.values())[:LIMIT]


def country_completions(incomplete: str) -> list[tuple[str, str]]:
    """ISO codes of the countries NUTS covers, matched by code or by name (`pol` offers PL)."""
    from networks_cli.dataset.countries import COUNTRY_NAMES

    prefix = fold(incomplete)
    return [
        (code, name)
        for code, name in COUNTRY_NAMES.items()
        if fold(code).startswith(prefix) or fold(name).startswith(prefix)
    ]


def _names_from_cache(
    kind: str, prefix: str, path: Path | None, overlays: Sequence[Path]
) -> list[tuple[str, str]] | None:
    """The names from an up-to-date cache of these files, or None when there is none to trust."""
    from networks_cli.dataset.cache import fresh_cached_store

    store = fresh_cached_store(path, overlays)
    if store is None:
        return None
    try:
        return store.names_starting(kind, prefix, LIMIT * 4)
    except sqlite3.Error:
        return None  # a damaged cache: the next command rebuilds it; complete from the files


def _names_from_file(kind: str, prefix: str, file: Path) -> list[tuple[str, str]]:
    from networks_cli.dataset.loader import parse_toml, read_dataset_text
    from networks_cli.errors import DataError

    try:
        raw = parse_toml(read_dataset_text(file), "")
        records: list[Any] = raw.get(f"{kind}s", [])  # the TOML tables are the kinds, plural
    except (DataError, TypeError, AttributeError):
        return []
    found: list[tuple[str, str]] = []
    for record in records:
        # One record that is not what it should be spoils none of the others; and an overlay's record
        # that only adds to the atlas's (`id` and `members`) has no name of its own to offer.
        try:
            names = NAMES_OF[kind](record)
            if any(isinstance(name, str) and fold(name).startswith(prefix) for name in names):
                found.append((record["id"], record["name"]))
        except (KeyError, TypeError, AttributeError):
            continue
    return found
