"""The command line: Typer wiring only.

Every command has the same shape: load the dataset, make one query, render, write. Errors from the
library are turned into one line on stderr and an exit status here, in `_run`, and nowhere else.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from networks_cli import __version__
from networks_cli.errors import NetworksError
from networks_cli.render import OutputFormat, Terminal, choose_format

EXIT_BROKEN_PIPE = 128 + 13  # 128 + SIGPIPE

if TYPE_CHECKING:
    from networks_cli.queries import Atlas
    from networks_cli.render import View

app = typer.Typer(
    name="networks",
    help="An offline atlas of Europe's interregional cooperation networks: which networks there are, "
    "who their members are, and which networks a region belongs to.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# The options every command shares, declared once.
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format. Default: a table on a terminal, tab-separated rows in a pipe.",
        case_sensitive=False,
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.")]
NoColorOption = Annotated[bool, typer.Option("--no-color", help="No colour, even on a terminal.")]
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="NETWORKS_DATA",
        help="A dataset file in the same format, instead of the bundled one.",
        show_default=False,
    ),
]


def _terminal(no_color: bool) -> Terminal:
    is_tty = sys.stdout.isatty()
    env = os.environ
    if no_color or "NO_COLOR" in env or env.get("TERM") == "dumb":
        color = False
    else:
        color = is_tty or bool(env.get("FORCE_COLOR"))
    # shutil ignores COLUMNS unless LINES is set too, so read it first.
    columns = env.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else shutil.get_terminal_size((100, 24)).columns
    return Terminal(is_tty=is_tty, color=color, width=width, encoding=sys.stdout.encoding or "utf-8")


def _load(data: Path | None) -> Atlas:
    from networks_cli.loader import load_dataset
    from networks_cli.queries import Atlas

    return Atlas(load_dataset(data))


def _fail(lines: list[str], status: int) -> NoReturn:
    for line in lines:
        typer.echo(f"networks: {line}", err=True)
    raise typer.Exit(status)


def _run(
    build: Callable[[Atlas], View], data: Path | None, output: OutputFormat | None, json_flag: bool, no_color: bool
) -> None:
    """The one error boundary: expected failures become messages on stderr and exit statuses."""
    from networks_cli.render import render

    terminal = _terminal(no_color)
    chosen = choose_format(output, json_flag, terminal.is_tty)
    try:
        text = render(build(_load(data)), chosen, terminal)
    except NetworksError as error:
        _fail(error.lines, error.exit_status)
    errors = "strict" if chosen in (OutputFormat.json, OutputFormat.jsonl) else "replace"
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors=errors)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader left (`| head`): not an error. Exit as if killed by SIGPIPE, like other Unix tools.
        _silence_stdout()
        raise typer.Exit(EXIT_BROKEN_PIPE) from None


def _version(value: bool) -> None:
    if value:
        from networks_cli.loader import bundled_dataset_version

        typer.echo(f"networks {__version__} (bundled dataset {bundled_dataset_version()})")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """An offline atlas of Europe's interregional cooperation networks."""


@app.command("list")
def list_command(
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
) -> None:
    """List every network with its founding date, focus and members listed vs declared.

    Examples:  networks list  |  networks list --json | jq -r '.[].id'
    """
    from networks_cli.queries import list_networks
    from networks_cli.render import list_view

    _run(lambda atlas: list_view(list_networks(atlas)), data, output, json_flag, no_color)


@app.command("show")
def show_command(
    network: Annotated[str, typer.Argument(help="Network id, name or acronym, e.g. nereus or 'BERRY+'.")],
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
) -> None:
    """Show a network's full profile: facts, its own lists, members, counts and sources.

    Examples:  networks show nereus  |  networks show "BERRY+" --json | jq '.members[].name'
    """
    from networks_cli.queries import network_profile
    from networks_cli.render import show_view

    _run(lambda atlas: show_view(network_profile(atlas, network)), data, output, json_flag, no_color)


@app.command("region")
def region_command(
    region: Annotated[str, typer.Argument(help="Region name in any language or spelling, NUTS code or id.")],
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
) -> None:
    """Show a region and the networks it belongs to, with role, since and status.

    Examples:  networks region Małopolska  |  networks region Malopolska --json | jq -r '.networks[].id'
    """
    from networks_cli.queries import region_profile
    from networks_cli.render import region_view

    _run(lambda atlas: region_view(region_profile(atlas, region)), data, output, json_flag, no_color)


def main() -> None:
    """The installed entry point: the app, plus a quiet Ctrl-C."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(128 + 2)


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at /dev/null so that flush cannot fail too.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


__all__ = ["app", "main"]
