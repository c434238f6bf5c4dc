"""The command families, one module each under `commands/`, and which commands each registers.

`FAMILIES` names each family's commands, in the order of the headings in `networks --help` (the
questions first), so that the installed command can import only the family of the command asked
(`load`): importing every family is a few milliseconds of every run. It sits below `app` so that the
entry point can ask it; `tests/test_layers.py` checks the table against what each module registers.
"""

from __future__ import annotations

from importlib import import_module

FAMILIES: dict[str, tuple[str, ...]] = {
    "questions": (
        "list",
        "show",
        "region",
        "org",
        "cite",
        "history",
        "partners",
        "compare",
        "search",
        "regions",
        "matrix",
        "themes",
    ),
    "pictures": ("report", "map", "graph"),
    "data": ("validate", "schema", "coverage", "sources", "export"),
    "projects": ("import", "project"),
}


def load(command: str | None = None) -> None:
    """Register the family of `command` on the app, or, for None or a name of no family (a misspelt
    command, whose suggestions need the others), every family, in the order of `networks --help`."""
    wanted = [family for family, names in FAMILIES.items() if command in names] or list(FAMILIES)
    for family in wanted:
        import_module(f"networks_cli.cli.commands.{family}")
