"""The options the commands share, declared once, and the shell-completion adapters they use.

No `from __future__ import annotations` here: Typer reads every command's signature on every run,
and string annotations would make it evaluate each one again (a measured 4 ms of start-up).
"""

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from networks_cli.output.formats import OutputFormat

SHARED_PANEL = "Shared options"  # their own heading in every command's help, below the command's own


class Basis(StrEnum):
    """What `partners` ranks by and `graph` is built from (`answers.projects.BASES`): a choice Typer lists
    in the help and checks before the atlas opens."""

    networks = "networks"
    projects = "projects"
    all = "all"


def _completion_data(ctx: typer.Context) -> Path | None:
    parent = ctx.parent.params.get("data") if ctx.parent is not None else None
    data = ctx.params.get("data") or parent or os.environ.get("NETWORKS_DATA")
    return Path(data) if data else None


def _completion_overlays(ctx: typer.Context) -> list[Path]:
    """The `--with` files the command being completed will read: those typed before the command and
    after it, else NETWORKS_WITH's (as `Common.merged` takes them), so that their names are offered too."""
    typed = [
        Path(path)
        for context in (ctx.parent, ctx)
        if context is not None
        for path in context.params.get("with_files") or ()
    ]
    if not typed:
        typed = [Path(path) for path in os.environ.get("NETWORKS_WITH", "").split(os.pathsep) if path]
    return list(dict.fromkeys(typed))


class _Matched(str):
    """A completion the library has already matched to what was typed.

    Typer keeps only completions that literally start with the typed text, which would drop
    `Małopolska` for `mal` (and `Małopolska` for `Lesser`); these were matched by folded name.
    """

    __slots__ = ()

    def startswith(self, *_: object) -> bool:
        return True


def complete(kind: str, ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from networks_cli.atlas import complete as names

    offered = names(kind, incomplete, _completion_data(ctx), _completion_overlays(ctx))
    return [(_Matched(value), what) for value, what in offered]


def complete_country(incomplete: str) -> list[tuple[str, str]]:
    from networks_cli.atlas import complete_country as countries

    return [(_Matched(value), what) for value, what in countries(incomplete)]


def complete_region(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return complete("region", ctx, incomplete)


def complete_network(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return complete("network", ctx, incomplete)


# ------------------------------------------------------------------ shared by every command

FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format (csv-excel: CSV that Excel opens with its accents intact, UTF-8 with a byte order "
        "mark and CRLF line ends). Default: a table on a terminal, tab-separated rows in a pipe.",
        case_sensitive=False,
        show_default=False,
        rich_help_panel=SHARED_PANEL,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Shorthand for --format json.", rich_help_panel=SHARED_PANEL)]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colour, even on a terminal.", rich_help_panel=SHARED_PANEL)
]
NoPagerOption = Annotated[
    bool,
    typer.Option(
        "--no-pager",
        help="Write to the terminal even when the answer is taller than the screen (else NETWORKS_PAGER, then "
        "PAGER, then `less -FRX`; never in a pipe).",
        rich_help_panel=SHARED_PANEL,
    ),
]
DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="NETWORKS_DATA",
        help="A dataset file in the same format, instead of the bundled one.",
        show_default=False,
        readable=False,  # the loader says why a file cannot be read, exit 4; Click's check said exit 2
        rich_help_panel=SHARED_PANEL,
    ),
]
WithOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--with",
        envvar="NETWORKS_WITH",
        help="Add this file's networks, members, regions, organisations and sources (the dataset format) to "
        "the atlas; its ids may name the atlas's. Repeat for several ($NETWORKS_WITH: paths separated by "
        f"{os.pathsep!r}).",
        show_default=False,
        rich_help_panel=SHARED_PANEL,
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Read the dataset file directly; neither use nor write the query cache.",
        rich_help_panel=SHARED_PANEL,
    ),
]
VerboseOption = Annotated[
    bool,
    typer.Option(
        "--verbose", help="Say on stderr when the query cache is not used, and why.", rich_help_panel=SHARED_PANEL
    ),
]

# name: (annotation, default). The data options only for the commands that read a dataset.
OUTPUT_OPTIONS: dict[str, tuple[Any, Any]] = {
    "output": (FormatOption, None),
    "json_flag": (JsonOption, False),
    "no_color": (NoColorOption, False),
    "no_pager": (NoPagerOption, False),
}
DATA_OPTIONS: dict[str, tuple[Any, Any]] = {
    "data": (DataOption, None),
    "with_files": (WithOption, None),
    "no_cache": (NoCacheOption, False),
    "verbose": (VerboseOption, False),
}

# ------------------------------------------------------------------ shared by several commands


def comma_list(values: list[str] | None) -> list[str] | None:
    """A repeatable filter also takes a comma list (`--country IT,ES`), as people type it. Not
    `--network`: a network's name may hold a comma ("... in Agriculture, Food and Forestry")."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


NetworkFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--network",
        "-n",
        help="Only this network (id or name); repeat for several.",
        show_default=False,
        autocompletion=complete_network,
    ),
]
CountryFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        help="Only regions of this country: ISO code (PL), NUTS code (EL) or name; repeat for several.",
        show_default=False,
        callback=comma_list,
        autocompletion=lambda incomplete: complete_country(incomplete),
    ),
]
ThemeFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--theme",
        "-t",
        help="Only networks with this theme (see `networks themes`); repeat for several.",
        callback=comma_list,
        autocompletion=lambda ctx, incomplete: complete("theme", ctx, incomplete),
    ),
]
EvidenceOption = Annotated[
    bool, typer.Option("--evidence", "-e", help="Show each row's source quote, the evidence for it, beneath it.")
]


def at_least_one(value: int | None) -> int | None:
    if value is not None and value < 1:
        raise typer.BadParameter(f"{value} is not a number of rows: give 1 or more")
    return value


LimitOption = Annotated[
    int | None,
    # `<number>`, not Click's `<int range> [x>=1]` (what `min=1` shows): the help says what to type,
    # the check the rest.
    typer.Option(
        "--limit", "-l", metavar="<number>", callback=at_least_one, help="At most this many (1 or more), best first."
    ),
]
CurrentOption = Annotated[
    bool, typer.Option("--current", help="Count only memberships whose latest source confirms them (status current).")
]
NetworkArgument = Annotated[
    str, typer.Argument(help="Network id, name or acronym, e.g. nereus or 'BERRY+'.", autocompletion=complete_network)
]
RegionArgument = Annotated[
    str,
    typer.Argument(help="Region name in any language or spelling, NUTS code or id.", autocompletion=complete_region),
]


class Common:
    """The options every command shares, gathered so that the error boundary is the only place reading them."""

    __slots__ = (
        "data",
        "data_from_variable",
        "json_flag",
        "no_cache",
        "no_color",
        "no_pager",
        "output",
        "verbose",
        "with_files",
    )

    def __init__(  # keyword-only: nine flags in a row are unreadable, and easy to put in the wrong order
        self,
        *,
        output: OutputFormat | None = None,
        json_flag: bool = False,
        no_color: bool = False,
        data: Path | None = None,
        no_cache: bool = False,
        verbose: bool = False,
        data_from_variable: bool = False,
        with_files: list[Path] | None = None,
        no_pager: bool = False,
    ) -> None:
        self.output = output
        self.json_flag = json_flag
        self.no_color = no_color
        self.data = data
        self.no_cache = no_cache
        self.verbose = verbose
        self.data_from_variable = data_from_variable  # NETWORKS_DATA named the file, not --data
        self.with_files = list(with_files or [])  # overlays: `--with FILE`, in order
        self.no_pager = no_pager

    def forced(self, output: OutputFormat) -> "Common":
        """The same options, writing `output` whatever was asked (`cite --style`, `schema`)."""
        return Common(
            output=output,
            no_color=self.no_color,
            data=self.data,
            no_cache=self.no_cache,
            verbose=self.verbose,
            data_from_variable=self.data_from_variable,
            with_files=self.with_files,
            no_pager=self.no_pager,
        )

    @classmethod
    def merged(cls, ctx: typer.Context, given: dict[str, Any]) -> "Common":
        """A command's shared options, merged with those typed before it (`networks --json region X`,
        kept in `ctx.obj` by the app's callback); the command's own win."""
        before = ctx.obj if isinstance(ctx.obj, Common) else Common()
        output, json_flag = given.get("output"), bool(given.get("json_flag"))
        if output is None and not json_flag:
            output, json_flag = before.output, before.json_flag
        data = given.get("data")
        if before.data is not None and (
            data is None or (not given_on_command_line(ctx, "data") and given_on_command_line(ctx.parent, "data"))
        ):
            data = before.data  # typed before the command; NETWORKS_DATA only fills in where neither was typed
        no_color = bool(given.get("no_color")) or before.no_color
        no_cache = bool(given.get("no_cache")) or before.no_cache
        typed = given_on_command_line(ctx, "data") or given_on_command_line(ctx.parent, "data")
        # Overlays typed before the command and after it are all added; NETWORKS_WITH only where none was typed.
        typed_before = before.with_files if given_on_command_line(ctx.parent, "with_files") else []
        typed_here = list(given.get("with_files") or []) if given_on_command_line(ctx, "with_files") else []
        with_files = [*typed_before, *typed_here] or list(given.get("with_files") or []) or before.with_files
        no_pager = bool(given.get("no_pager")) or before.no_pager
        return cls(
            output=output,
            json_flag=json_flag,
            no_color=no_color,
            data=data,
            no_cache=no_cache,
            verbose=bool(given.get("verbose")) or before.verbose,
            data_from_variable=data is not None and not typed,
            with_files=with_files,
            no_pager=no_pager,
        )


def given_on_command_line(ctx: Any, name: str) -> bool:  # a Context, or a command's parent Context (maybe None)
    """Whether an option was typed on the command line (not a default, not the environment)."""
    source = ctx.get_parameter_source(name) if ctx is not None else None
    return source is not None and source.name == "COMMANDLINE"
