"""The commands about the data itself: checking a dataset file, its schema, where the data comes from,
and exporting it. No `from __future__ import annotations` here (see `cli/options.py`).
"""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from networks_cli.cli.app import Answer, Question, command
from networks_cli.cli.options import Common, given_on_command_line
from networks_cli.output.formats import OutputFormat

if TYPE_CHECKING:
    from networks_cli.atlas import Atlas
    from networks_cli.results import Result

PANEL = "Data"


@command("validate", panel=PANEL, docs="dataset-format.md", reads_data=False)
def validate_command(
    ctx: typer.Context,
    common: Common,
    path: Annotated[
        Path | None,
        typer.Argument(
            help="The dataset file to check. Default: $NETWORKS_DATA, else the bundled dataset.",
            envvar="NETWORKS_DATA",
            show_default=False,
            readable=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (exit 5) on warnings too.")] = False,
    with_files: Annotated[
        list[Path] | None,
        typer.Option(
            "--with",
            envvar="NETWORKS_WITH",
            help="Check this overlay against the dataset instead (its ids may name the dataset's); repeatable.",
            show_default=False,
        ),
    ] = None,
) -> Answer:
    """Check a dataset file: every error, one per line, and warnings about doubtful data.

    Exit 0 if valid (warnings allowed), 4 if not, 5 with --strict when there are warnings.

    \b
    Examples:
      networks validate my-networks.toml
      networks validate --strict
      networks validate my-networks.toml --json | jq .errors
      networks validate --with mine.toml
    """
    from networks_cli.atlas import validate

    if not given_on_command_line(ctx, "path") and given_on_command_line(ctx.parent, "data"):
        path = common.data  # `networks --data FILE validate`: the option before the command names the file
    overlays = list(with_files or []) if given_on_command_line(ctx, "with_files") else []
    overlays = overlays or list(with_files or []) or common.with_files
    return Answer(lambda: validate(path, strict, overlays).view())


@command("schema", panel=PANEL, docs="dataset-format.md", shared=False)
def schema_command() -> Answer:
    """Print the JSON Schema of the dataset format, for editors that check TOML as it is typed.

    Then make `#:schema networks.schema.json` the first line of your TOML file.

    \b
    Examples:
      networks schema > networks.schema.json
    """
    from networks_cli.atlas import schema

    return Answer(lambda: schema().view(), forced=OutputFormat.json)


class CoverageSort(StrEnum):
    name = "name"
    share = "share"
    listed = "listed"
    current = "current"
    declared = "declared"
    newest = "newest"
    oldest = "oldest"


@command("coverage", panel=PANEL, docs="data.md")
def coverage_command(
    network: Annotated[
        str | None,
        typer.Argument(help="A network: its members by last confirmation. None: every network.", show_default=False),
    ] = None,
    sort: Annotated[
        CoverageSort,
        typer.Option(
            "--sort",
            help="Order of the networks: name, share (least complete first), listed, current, declared, "
            "newest or oldest confirmation.",
            case_sensitive=False,
        ),
    ] = CoverageSort.name,
) -> Question:
    """Show how complete and how recent the atlas is: per network, members listed against the count it declares.

    A network's list is partial when fewer members are listed than its latest count says; a member
    is current when a source of the last five years names it. Without a count, nobody can tell.

    \b
    Examples:
      networks coverage
      networks coverage --sort share
      networks coverage aer
      networks coverage --json | jq .total
    """
    return Question(lambda atlas: atlas.coverage(network, sort.value))


@command("sources", panel=PANEL, docs="projects.md")
def sources_command() -> Question:
    """Show where the data in use comes from: the atlas, and what was imported, with its licence.

    \b
    Examples:
      networks sources
    """
    return Question(lambda atlas: atlas.sources())


@command("export", panel=PANEL, docs="export.md")
def export_command(
    sqlite: Annotated[
        Path | None,
        typer.Option(
            "--sqlite", help="Write an SQLite file here, and a Datasette metadata.json beside it.", show_default=False
        ),
    ] = None,
    csv_directory: Annotated[
        Path | None,
        typer.Option(
            "--csv", help="Write one CSV file per table into this folder, with a datapackage.json.", show_default=False
        ),
    ] = None,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="With --csv: files Excel opens with their accents intact (UTF-8 with a byte order mark, CRLF).",
        ),
    ] = False,
    xlsx: Annotated[
        Path | None,
        typer.Option(
            "--xlsx",
            help="Write one Excel workbook here: a sheet per table, and the sources and licence on a sheet of "
            "their own (needs the \\[excel] extra: pip install 'networks-cli\\[excel]').",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a file (or fill a folder) that networks export did not write.")
    ] = False,
) -> Question:
    """Export the atlas, with any imported projects, as tables for analysts.

    \b
    Examples:
      networks export --sqlite atlas.sqlite3 && datasette atlas.sqlite3 -m metadata.json
      networks export --csv atlas-csv/
      networks export --csv atlas-csv/ --excel
      networks export --xlsx atlas.xlsx
    """
    if [sqlite, csv_directory, xlsx].count(None) != 2:
        raise typer.BadParameter(
            "give one of --sqlite PATH, --csv DIR or --xlsx FILE", param_hint="--sqlite/--csv/--xlsx"
        )
    if excel and csv_directory is None:
        raise typer.BadParameter(
            "--excel applies to the files of --csv DIR (--xlsx writes a workbook)", param_hint="--excel"
        )

    def ask(atlas: "Atlas") -> "Result":
        if sqlite is not None:
            return atlas.export_sqlite(sqlite, force)
        if xlsx is not None:
            return atlas.export_xlsx(xlsx, force)
        return atlas.export_csv(csv_directory or Path(), force, excel)

    return Question(ask)
