"""networks: an offline atlas of Europe's interregional cooperation networks.

The library's entry is `Atlas` (`from networks_cli import Atlas`; see `atlas.py`). It is loaded on
first use, through the module `__getattr__` below, so that the command line, which imports this
package on every run, does not pay for it. Nor does this module import `typing`: the entry point
imports the package before it turns the garbage collector off, and `typing` is a large import.
"""

from networks_cli.version import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing (type checkers know the name)
if TYPE_CHECKING:
    from typing import Any

    from networks_cli.atlas import Atlas

__all__ = ["Atlas", "__version__"]


def __getattr__(name: str) -> "Any":
    if name == "Atlas":
        from networks_cli.atlas import Atlas

        return Atlas
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
