"""Where imported data lives, and the words its licence asks to be shown with it.

A leaf: nothing of the package, no SQLite. The commands that do not use imported data ask only
`projects_path().exists()` (one stat), so their paths load nothing of the import.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECTS_FILE = "projects.sqlite3"
CORDIS_LICENCE = "CC BY 4.0"
CORDIS_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
CORDIS_ATTRIBUTION = "Contains data from CORDIS, © European Union, licensed under CC BY 4.0"
CORDIS_URL = "https://data.europa.eu/data/datasets?query=cordis"
ECOSYSTEM_NOTE = (
    "Organisations of the region in EU-funded projects: the region's ecosystem, never the region's own "
    "membership in a network."
)


def data_home() -> Path:
    """$NETWORKS_DATA_HOME, else $XDG_DATA_HOME/networks, else ~/.local/share/networks."""
    explicit = os.environ.get("NETWORKS_DATA_HOME")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg) if xdg and os.path.isabs(xdg) else Path.home() / ".local" / "share"
    return base / "networks"


def projects_path() -> Path:
    """The one file imported projects live in, whatever dataset `--data` names: it is keyed by NUTS codes,
    which join to any dataset's regions."""
    return data_home() / PROJECTS_FILE


def projects_imported() -> bool:
    """Whether something is at the projects file's place (one stat): opening it then checks it is
    trusted and sound, so a file another user planted is refused, not silently skipped."""
    return os.path.lexists(projects_path())
