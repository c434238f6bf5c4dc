"""The commands about imported EU-funded projects. No `from __future__ import annotations` here
(see `cli/options.py`).
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from networks_cli.cli.app import Answer, Question, command
from networks_cli.cli.options import LimitOption
from networks_cli.errors import UsageError

if TYPE_CHECKING:
    from networks_cli.output.formats import View

PANEL = "Projects"


@command(
    "import",
    panel=PANEL,
    docs="projects.md",
    reads_data=False,
    usage="SOURCE PATH [OPTIONS] | --status | --remove SOURCE",
)
def import_command(
    source: Annotated[
        str | None, typer.Argument(help="What to import: cordis (CORDIS's projects).", show_default=False)
    ] = None,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="CORDIS's zip (cordis-h2020projects-csv.zip, cordis-HORIZONprojects-csv.zip), its project.csv "
            "and organization.csv, or their folder.",
            show_default=False,
        ),
    ] = None,
    remove: Annotated[bool, typer.Option("--remove", help="Delete what was imported from SOURCE.")] = False,
    status: Annotated[bool, typer.Option("--status", help="Say what is imported: file, date, rows, licence.")] = False,
) -> Answer:
    """Import EU-funded projects (CORDIS) to find partners through the regions' organisations too.

    The projects go to one file in your data directory ($NETWORKS_DATA_HOME, else
    $XDG_DATA_HOME/networks, else ~/.local/share/networks), replaced whole by each import: an import
    that fails leaves the previous one as it was. Organisations in projects are a region's ecosystem,
    never the region's own membership in a network. Exit 4 for input that is not CORDIS's.

    \b
    Examples:
      networks import cordis cordis-HORIZONprojects-csv.zip
      networks import --status
      networks import --remove cordis
    """
    from networks_cli import atlas
    from networks_cli.results import ImportResult

    def answer() -> "View":
        if status:
            if source is not None or remove:
                raise UsageError("--status takes no source and no --remove")
            return ImportResult(atlas.import_status()).view()
        if source is None:
            sources = "|".join(atlas.import_sources())
            raise UsageError(f"say what to import: networks import {sources} PATH (or --status)")
        name = atlas.import_source(source)  # a source there is not: one line naming those there are
        if remove:
            if path is not None:
                raise UsageError("--remove takes no PATH")
            return atlas.remove_projects(name).view()
        if path is None:
            raise UsageError(f"give the path of what to import: networks import {name} PATH")
        return atlas.import_projects(name, path).view()

    return Answer(answer)


@command("project", panel=PANEL, docs="projects.md")
def project_command(
    words: Annotated[
        list[str], typer.Argument(help="A project's number or acronym; words with --search.", show_default=False)
    ],
    search: Annotated[bool, typer.Option("--search", "-s", help="Find projects by acronym and title.")] = False,
    limit: LimitOption = None,
) -> Question:
    """Show an imported project's consortium by region, or find projects by acronym and title.

    \b
    Examples:
      networks project 101000002
      networks project --search agri food
    """
    if search:
        return Question(lambda atlas: atlas.search_projects(words, limit))
    return Question(lambda atlas: atlas.project(" ".join(words)))
