"""The sources projects can be imported from: each declared once, here, with its licence and reader.

A second source (keep.eu, say) is a module beside `cordis.py` with its reader and remover, and one
entry in `SOURCES`; the command line, the library and the answers read this table. The reader is
named, not imported, so that looking a source up loads none of its CSV and zip code.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from networks_cli.errors import UsageError
from networks_cli.projects.home import CORDIS_ATTRIBUTION, CORDIS_LICENCE, CORDIS_LICENCE_URL, CORDIS_URL

if TYPE_CHECKING:
    from networks_cli.projects.cordis import ProgressCallback


class ImportSource:
    """A source of projects: what it is called, its terms, and the functions that import and remove it."""

    __slots__ = ("attribution", "licence", "licence_url", "name", "reader", "remover", "title", "url")

    def __init__(
        self,
        name: str,
        title: str,
        *,
        licence: str,
        licence_url: str,
        attribution: str,
        url: str,
        reader: str,
        remover: str,
    ) -> None:
        self.name = name
        self.title = title
        self.licence = licence
        self.licence_url = licence_url
        self.attribution = attribution
        self.url = url
        self.reader = reader  # "module:function", taking the path of what to import and a progress callback
        self.remover = remover  # "module:function", deleting what was imported

    def read(self, path: Path, progress: ProgressCallback | None = None) -> dict[str, Any]:
        result: dict[str, Any] = _function(self.reader)(path, progress=progress)
        return result

    def remove(self) -> bool:
        return bool(_function(self.remover)())


def _function(where: str) -> Any:
    module, _, name = where.partition(":")
    return getattr(import_module(module), name)


SOURCES: dict[str, ImportSource] = {
    "cordis": ImportSource(
        "cordis",
        "CORDIS: EU-funded research and innovation projects (H2020, Horizon Europe)",
        licence=CORDIS_LICENCE,
        licence_url=CORDIS_LICENCE_URL,
        attribution=CORDIS_ATTRIBUTION,
        url=CORDIS_URL,
        reader="networks_cli.projects.cordis:import_cordis",
        remover="networks_cli.projects.cordis:remove_import",
    ),
}


def source_named(name: str) -> ImportSource:
    """The source of that name (any case); a usage error naming the sources there are otherwise."""
    found = SOURCES.get(name.lower())
    if found is None:
        raise UsageError(f"cannot import {name!r}: the sources are {', '.join(SOURCES)}")
    return found
