"""networks: an offline atlas of Europe's interregional cooperation networks.

The library's entry is `Atlas` (`from networks_cli import Atlas`; see `atlas.py`). It is loaded on
first use, through the module `__getattr__` below, so that the command line, which imports this
package on every run, does not pay for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from networks_cli.version import __version__

__all__ = ["Atlas", "__version__"]

if TYPE_CHECKING:
    from networks_cli.atlas import Atlas


def __getattr__(name: str) -> Any:
    if name == "Atlas":
        from networks_cli.atlas import Atlas

        return Atlas
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
