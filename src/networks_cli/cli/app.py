"""The command line: Typer wiring only.

Every command has the same shape: load the dataset, make one query, render, write. Errors from the
library are turned into one line on stderr and an exit status here, in `_write`, and nowhere else
(Click's own usage errors in `_OneLineErrors`).

No `from __future__ import annotations` here: Typer reads every command's signature on every run,
and string annotations would make it evaluate each one again (a measured 4 ms of start-up).
"""

import contextlib
import os
import shutil
import signal
import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from networks_cli.errors import DataError, ExitStatus, NetworksError, Terminated, UsageError
from networks_cli.output.formats import OutputFormat, Terminal, choose_format
from networks_cli.version import __version__

if TYPE_CHECKING:
    from networks_cli.atlas import Atlas
    from networks_cli.output.formats import View
    from networks_cli.results import Result


class _OneLineErrors(TyperGroup):
    """Click's usage errors as one line on stderr, like every other error, instead of a Rich panel."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            status = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except typer.TyperException as error:
            if type(error).__name__ == "NoArgsIsHelpError":  # `networks` alone: the help, as Click shows it
                error.show()  # type: ignore[attr-defined]
                sys.exit(error.exit_code)
            sys.exit(_usage_error(error))
        except typer.Abort:
            sys.exit(ExitStatus.INTERRUPTED)
        sys.exit(status if isinstance(status, int) else 0)


def _usage_error(error: typer.TyperException) -> int:
    format_message = getattr(error, "format_message", None)
    message = " ".join((format_message() if format_message else str(error)).split()).rstrip(".")
    message = message.replace("Value error, ", "")  # Typer 0.29 words its errors through Pydantic
    context = getattr(error, "ctx", None)
    hint = f" (see '{context.command_path} --help')" if context is not None else ""
    _say(f"{message[:1].lower()}{message[1:]}{hint}")
    return int(error.exit_code)


def _say(line: str) -> None:
    """One line on stderr, `networks: ` first, with what a terminal would obey escaped; nothing when
    stderr is closed (the exit status still tells)."""
    if sys.stderr is None:
        return
    from networks_cli.errors import escaped

    with contextlib.suppress(OSError, ValueError):
        typer.echo(f"networks: {escaped(line)}", err=True)


app = typer.Typer(
    name="networks",
    cls=_OneLineErrors,
    help="An offline atlas of Europe's interregional cooperation networks: which networks there are, "
    "who their members are, and which networks a region belongs to.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# The options every command shares, declared once.
FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format (csv-excel: CSV that Excel opens with its accents intact, UTF-8 with a byte order "
        "mark and CRLF line ends). Default: a table on a terminal, tab-separated rows in a pipe.",
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
        readable=False,  # the loader says why a file cannot be read, exit 4; Click's check said exit 2
    ),
]
NoCacheOption = Annotated[
    bool, typer.Option("--no-cache", help="Read the dataset file directly; neither use nor write the query cache.")
]
NetworkFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--network",
        "-n",
        help="Only this network (id or name); repeat for several.",
        show_default=False,
        autocompletion=lambda ctx, incomplete: _complete("network", ctx, incomplete),
    ),
]
CountryFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--country",
        "-c",
        help="Only regions of this country: ISO code (PL), NUTS code (EL) or name; repeat for several.",
        show_default=False,
        autocompletion=lambda incomplete: _complete_country(incomplete),
    ),
]
ThemeFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--theme",
        "-t",
        help="Only networks with this theme (see `networks themes`); repeat for several.",
        autocompletion=lambda ctx, incomplete: _complete("theme", ctx, incomplete),
    ),
]
EvidenceOption = Annotated[
    bool, typer.Option("--evidence", "-e", help="Show each row's source quote, the evidence for it, beneath it.")
]
LimitOption = Annotated[int | None, typer.Option("--limit", "-l", min=1, help="At most this many, best first.")]
CurrentOption = Annotated[
    bool, typer.Option("--current", help="Count only memberships whose latest source confirms them (status current).")
]


class Common:
    """The options every command shares, gathered so that `_write` is the only place reading them."""

    __slots__ = ("data", "data_from_variable", "json_flag", "no_cache", "no_color", "output")

    def __init__(
        self,
        output: OutputFormat | None,
        json_flag: bool,
        no_color: bool,
        data: Path | None,
        no_cache: bool,
        data_from_variable: bool = False,
    ) -> None:
        self.output = output
        self.json_flag = json_flag
        self.no_color = no_color
        self.data = data
        self.no_cache = no_cache
        self.data_from_variable = data_from_variable  # NETWORKS_DATA named the file, not --data


def _completion_data(ctx: typer.Context) -> Path | None:
    parent = ctx.parent.params.get("data") if ctx.parent is not None else None
    data = ctx.params.get("data") or parent or os.environ.get("NETWORKS_DATA")
    return Path(data) if data else None


class _Matched(str):
    """A completion the library has already matched to what was typed.

    Typer keeps only completions that literally start with the typed text, which would drop
    `Małopolska` for `mal` (and `Małopolska` for `Lesser`); these were matched by folded name.
    """

    __slots__ = ()

    def startswith(self, *_: object) -> bool:
        return True


def _complete(kind: str, ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    from networks_cli.answers.completion import completions

    return [(_Matched(value), what) for value, what in completions(kind, incomplete, _completion_data(ctx))]


def _complete_country(incomplete: str) -> list[tuple[str, str]]:
    from networks_cli.answers.completion import country_completions

    return [(_Matched(value), what) for value, what in country_completions(incomplete)]


def _complete_network(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete("network", ctx, incomplete)


def _complete_region(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete("region", ctx, incomplete)


NetworkArgument = Annotated[
    str, typer.Argument(help="Network id, name or acronym, e.g. nereus or 'BERRY+'.", autocompletion=_complete_network)
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


def _fail(lines: list[str], status: int) -> NoReturn:
    for line in lines:
        _say(line)
    raise typer.Exit(status)


_VERBOSE = False
# The loader's words for a dataset file that cannot be read at all (dataset/loader.py, _unreadable).
_READ_FAILURES = frozenset(
    {"no such file", "permission denied", "is a directory, not a dataset file", "is a device, not a dataset file"}
)


def _run(ask: Callable[["Atlas"], "Result"], common: Common, evidence: bool = False) -> None:
    """Ask the library one question about the dataset the options name, and write its answer's view:
    the JSON written is the answer's `as_dict()`, as the library returns it. A cache found damaged
    while answering is discarded and the question asked again of the file (`cache.answer`)."""
    from networks_cli.atlas import Atlas
    from networks_cli.dataset import cache

    def make_view() -> "View":
        try:
            return cache.answer(
                common.data, lambda store: ask(Atlas(store, common.data)).view(evidence), use_cache=not common.no_cache
            )
        except DataError as error:
            # A file named by the environment, not on the command line: say where its name came from.
            if common.data_from_variable and len(error.problems) == 1 and error.problems[0] in _READ_FAILURES:
                raise DataError(error.path, [f"{error.problems[0]} (the file NETWORKS_DATA names)"]) from None
            raise
        finally:
            if _VERBOSE:
                for note in dict.fromkeys(cache.notes):
                    _say(f"note: {note}")

    _write(make_view, common)


def _names_are_text() -> None:
    """A name must be text: bytes that are not UTF-8 (seen as surrogate escapes) can name nothing, so
    they are a usage error before any query. Paths are exempt: a path may be any bytes.

    (Checked here, from the parsed parameters, rather than by a callback on each parameter: Typer
    inspects every callback's signature on every run, several milliseconds under a profiler.)
    """
    from typer.main import get_current_context  # type: ignore[attr-defined]  # Typer vendors Click

    context = get_current_context(silent=True)
    for param in context.command.params if context is not None else []:
        if getattr(param.type, "name", "") == "path":
            continue
        value = context.params.get(param.name or "") if context is not None else None
        for item in value if isinstance(value, list | tuple) else [value]:
            if isinstance(item, str) and not item.isascii():
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    name = param.opts[0] if param.opts and param.opts[0].startswith("-") else (param.name or "").upper()
                    message = f"invalid value for '{name}': {item!r} is not valid text (bytes that are not UTF-8)"
                    if _utf8_under_another_locale(item):
                        message = (
                            f"invalid value for '{name}': its bytes are UTF-8, but the locale says arguments are "
                            f"{sys.getfilesystemencoding()}; use a UTF-8 locale (LC_ALL=C.UTF-8) or PYTHONUTF8=1"
                        )
                    raise UsageError(message) from None


def _utf8_under_another_locale(item: str) -> bool:
    """Whether an argument Python could not decode is UTF-8 that a non-UTF-8 locale hid (when `main`
    could not run again in UTF-8 mode: the app called in-process)."""
    if sys.getfilesystemencoding().lower().replace("-", "") == "utf8":
        return False
    try:
        os.fsencode(item).decode("utf-8")
    except (UnicodeError, ValueError):
        return False
    return True


def _write(make_view: Callable[[], "View"], common: Common) -> None:
    """The one error boundary: expected failures become messages on stderr and exit statuses."""
    from networks_cli.output.formats import render

    if sys.stdout is None:  # started with stdout closed (`networks list >&-`): no answer can be given
        _fail(["cannot write the answer: standard output is closed"], ExitStatus.OUTPUT_ERROR)
    terminal = _terminal(common.no_color)
    chosen = choose_format(common.output, common.json_flag, terminal.is_tty)
    try:
        _names_are_text()
        view = make_view()
        text = render(view, chosen, terminal)
    except NetworksError as error:
        _fail(error.lines, error.exit_status)
    errors = "strict" if chosen in (OutputFormat.json, OutputFormat.jsonl) else "replace"
    try:
        _write_all(text, errors)
    except BrokenPipeError:
        # The reader left (`| head`): not an error. Exit as if killed by SIGPIPE, like other Unix tools.
        _silence_stdout()
        raise typer.Exit(ExitStatus.BROKEN_PIPE) from None
    except OSError as error:  # a full disk, a device that refuses writes
        _silence_stdout()
        _fail([f"cannot write the answer: {error.strerror or error}"], ExitStatus.OUTPUT_ERROR)
    if view.exit_status:
        raise typer.Exit(view.exit_status)


def _write_all(text: str, errors: str) -> None:
    """Write the answer's bytes, checking every write: a short write (a file size limit, a full disk
    under PYTHONUNBUFFERED) is finished or fails with OSError, never silently cut."""
    stream = sys.stdout
    try:
        descriptor = stream.fileno()
    except (OSError, ValueError, AttributeError):
        descriptor = -1  # not a real file (a test runner's buffer)
    if descriptor < 0:
        stream.write(text)
        stream.flush()
        return
    data = memoryview(text.encode(stream.encoding or "utf-8", errors))
    stream.flush()  # anything written before must come first
    while data:
        written = os.write(descriptor, data)
        data = data[written:]


# What `--version` and `show --help` say of the data's terms (README, "Licence and attribution").
ATTRIBUTION = (
    "Code: MIT licence. Data: facts compiled from public sources, each quote a short citation with its "
    "source recorded; attribute the sources when you reuse them (networks cite)."
)


def _version(value: bool) -> None:
    if value:
        from networks_cli.dataset.loader import bundled_dataset_version

        typer.echo(f"networks {__version__} (bundled dataset {bundled_dataset_version()})")
        typer.echo(ATTRIBUTION)
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", help="Say on stderr when the query cache is not used, and why.")
    ] = False,
) -> None:
    """An offline atlas of Europe's interregional cooperation networks."""
    global _VERBOSE
    _VERBOSE = verbose
    # The shared options may come before the command too (`networks --json region X`): kept for it.
    ctx.obj = Common(output, json_flag, no_color, data, no_cache)


def _given(ctx: Any, name: str) -> bool:  # a Context, or the parent Context of a command (which may be None)
    """Whether an option was typed on the command line (not a default, not the environment)."""
    source = ctx.get_parameter_source(name) if ctx is not None else None
    return source is not None and source.name == "COMMANDLINE"


def _common(
    ctx: typer.Context, output: OutputFormat | None, json_flag: bool, no_color: bool, data: Path | None, no_cache: bool
) -> Common:
    """The shared options of a command, merged with those given before it; the command's own win."""
    before = ctx.obj
    from_variable = data is not None and not _given(ctx, "data") and not _given(ctx.parent, "data")
    if not isinstance(before, Common):
        return Common(output, json_flag, no_color, data, no_cache, from_variable)
    if output is None and not json_flag:
        output, json_flag = before.output, before.json_flag
    if before.data is not None and (data is None or (not _given(ctx, "data") and _given(ctx.parent, "data"))):
        data = before.data  # typed before the command; NETWORKS_DATA only fills in where neither was typed
    from_variable = data is not None and not _given(ctx, "data") and not _given(ctx.parent, "data")
    return Common(output, json_flag, no_color or before.no_color, data, no_cache or before.no_cache, from_variable)


@app.command("list")
def list_command(
    ctx: typer.Context,
    theme: ThemeFilter = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            help="Only networks of this kind: association, network, commission, partnership, initiative, label, "
            "programme; repeat for several.",
            show_default=False,
        ),
    ] = None,
    platform: Annotated[
        list[str] | None,
        typer.Option(
            "--platform",
            help="Only partnerships of this platform or family (e.g. Agri-Food, Energy); repeat for several.",
            show_default=False,
        ),
    ] = None,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List the networks with founding date, members listed and the latest member count.

    \b
    Examples:
      networks list
      networks list --theme space
      networks list --kind commission
      networks list --kind partnership --platform agri-food
      networks list --json | jq -r '.[].id'
    """
    _run(
        lambda atlas: atlas.list_networks(theme or [], kind or [], platform or []),
        _common(ctx, output, json_flag, no_color, data, no_cache),
    )


@app.command(
    "show",
    epilog="Every fact names its source, and quotes are short citations of public pages (the seed page's "
    "descriptions are quoted from businessinmalopolska.pl): attribute them when you reuse them; "
    "`networks cite NETWORK` lists them.",
)
def show_command(
    ctx: typer.Context,
    network: NetworkArgument,
    current: Annotated[bool, typer.Option("--current", help="Only the members whose status is current.")] = False,
    evidence: EvidenceOption = False,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show a network's full profile: facts, its own lists, members, counts and sources.

    A member's status comes from the sources that name it: current when one of the last five years
    before the dataset's date does (2021 or later for a 2026 dataset), former when a source dates its
    end, unconfirmed otherwise, with the date it was last confirmed. The latest count is the one no
    other is known to be newer than; when two cannot be ordered, both are shown.

    Members are sorted by role (lead partner and lead region first, then founding, full, plain and
    associate members, observers), then status (current, unconfirmed, former), then name: in the
    table, the flat formats and the JSON alike.

    \b
    Examples:
      networks show nereus
      networks show nereus --current
      networks show "Baltic Sea Commission" --evidence
      networks show 'BERRY+' --json | jq -r '.members[].name'
    """
    common = _common(ctx, output, json_flag, no_color, data, no_cache)
    _run(lambda atlas: atlas.network(network, current), common, evidence)


@app.command("region")
def region_command(
    ctx: typer.Context,
    region: Annotated[
        str,
        typer.Argument(
            help="Region name in any language or spelling, NUTS code or id.", autocompletion=_complete_region
        ),
    ],
    evidence: EvidenceOption = False,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show a region and the networks it belongs to, with role, since and status.

    \b
    Examples:
      networks region Małopolska
      networks region Opolskie
      networks region Mazowieckie --evidence
      networks region Malopolska --json | jq -r '.networks[].id'
    """
    _run(lambda atlas: atlas.region(region), _common(ctx, output, json_flag, no_color, data, no_cache), evidence)


@app.command("org")
def org_command(
    ctx: typer.Context,
    organisation: Annotated[
        str,
        typer.Argument(
            help="Organisation name, short name or alias, in any case or spelling, or its id.",
            autocompletion=lambda ctx, incomplete: _complete("organisation", ctx, incomplete),
        ),
    ],
    evidence: EvidenceOption = False,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show an organisation, its region, and the networks it takes part in, with role, since and status.

    \b
    Examples:
      networks org AGH
      networks org "Krakow Technology Park" --evidence
      networks org agh --json | jq -r '.networks[].id'
    """
    common = _common(ctx, output, json_flag, no_color, data, no_cache)
    _run(lambda atlas: atlas.organisation(organisation), common, evidence)


class CiteStyle(StrEnum):
    text = "text"
    bibtex = "bibtex"
    csl_json = "csl-json"


@app.command("cite")
def cite_command(
    ctx: typer.Context,
    subject: Annotated[
        str | None,
        typer.Argument(
            help="A network or a region (a network's name wins); none: the dataset and every source.",
            show_default=False,
        ),
    ] = None,
    style: Annotated[
        CiteStyle | None,
        typer.Option(
            "--style",
            "-s",
            help="The reference list as text (the default), bibtex or csl-json. Without --style, --json and "
            "--format give the answer as data (one row per source).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Cite the sources behind an answer: every source a network's or a region's profile cites.

    The dataset compiles facts from public sources and quotes each briefly: cite the sources.

    \b
    Examples:
      networks cite nereus
      networks cite Małopolska --style bibtex > malopolska.bib
      networks cite --style csl-json > networks.json
      networks cite berry-plus --json | jq -r '.sources[].url'
    """
    common = _common(ctx, output, json_flag, no_color, data, no_cache)
    if style is None and (common.output is not None or common.json_flag):
        _run(lambda atlas: atlas.cite(subject), common)
        return
    chosen = style or CiteStyle.text
    forced = OutputFormat.json if chosen is CiteStyle.csl_json else OutputFormat.table
    written = Common(forced, False, common.no_color, common.data, common.no_cache)
    _run(lambda atlas: atlas.cite(subject).styled(chosen.value), written)


@app.command("history")
def history_command(
    ctx: typer.Context,
    network: NetworkArgument,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show a network's member counts over time, each with its date and source, as a chart and a table.

    \b
    Examples:
      networks history vanguard
      networks history nereus --json | jq -c '.counts[] | [.date, .count]'
    """
    _run(lambda atlas: atlas.history(network), _common(ctx, output, json_flag, no_color, data, no_cache))


@app.command("partners")
def partners_command(
    ctx: typer.Context,
    region: Annotated[str, typer.Argument(help="The region looking for partners.", autocompletion=_complete_region)],
    network: NetworkFilter = None,
    country: CountryFilter = None,
    theme: ThemeFilter = None,
    current: CurrentOption = False,
    limit: LimitOption = None,
    evidence: EvidenceOption = False,
    basis: Annotated[
        str,
        typer.Option(
            "--basis",
            help="Rank by shared networks (networks), by shared EU-funded projects of the regions' organisations "
            "(projects; after `networks import cordis`), or by networks then projects, showing both (all).",
        ),
    ] = "networks",
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Find partners: the regions that share networks with REGION, most shared networks first.

    \b
    Examples:
      networks partners Małopolska
      networks partners Małopolska --country IT --current
      networks partners Kainuu --limit 5
      networks partners Mazowieckie --network ecrn --evidence
      networks partners Malopolska --theme space --json | jq -r '.[] | [.count, .region.name] | @tsv'
      networks partners Małopolska --basis projects --limit 10
    """

    def ask(atlas: "Atlas") -> "Result":
        return atlas.partners(
            region,
            networks=network or [],
            countries=country or [],
            themes=theme or [],
            current=current,
            limit=limit,
            basis=basis,
        )

    _run(ask, _common(ctx, output, json_flag, no_color, data, no_cache), evidence)


@app.command("compare")
def compare_command(
    ctx: typer.Context,
    regions: Annotated[
        list[str], typer.Argument(help="Two or more regions.", autocompletion=_complete_region, show_default=False)
    ],
    network: NetworkFilter = None,
    theme: ThemeFilter = None,
    current: CurrentOption = False,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Compare regions side by side: the networks each is in, those all share, those only one has.

    \b
    Examples:
      networks compare Małopolska Lombardy Kainuu
      networks compare PL21 ITC4 --json | jq .shared
    """
    if len(regions) < 2:
        raise typer.BadParameter("give at least two regions to compare", param_hint="REGIONS")

    def ask(atlas: "Atlas") -> "Result":
        return atlas.compare(*regions, networks=network or [], themes=theme or [], current=current)

    _run(ask, _common(ctx, output, json_flag, no_color, data, no_cache))


@app.command("search")
def search_command(
    ctx: typer.Context,
    words: Annotated[list[str], typer.Argument(help="Words to find, in any order.", show_default=False)],
    limit: LimitOption = None,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Search networks, regions and organisations: names, descriptions, themes, pilot actions, activities.

    \b
    Examples:
      networks search space
      networks search smart specialisation --json | jq -r '.[].id'
    """
    _run(lambda atlas: atlas.search(words, limit), _common(ctx, output, json_flag, no_color, data, no_cache))


@app.command("regions")
def regions_command(
    ctx: typer.Context,
    country: CountryFilter = None,
    network: NetworkFilter = None,
    theme: ThemeFilter = None,
    current: CurrentOption = False,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List the dataset's regions with country, NUTS code and how many networks each is in.

    \b
    Examples:
      networks regions --country PL
      networks regions --network nereus --json | jq length
    """

    def ask(atlas: "Atlas") -> "Result":
        return atlas.regions(countries=country or [], networks=network or [], themes=theme or [], current=current)

    _run(ask, _common(ctx, output, json_flag, no_color, data, no_cache))


@app.command("matrix")
def matrix_command(
    ctx: typer.Context,
    network: NetworkFilter = None,
    country: CountryFilter = None,
    theme: ThemeFilter = None,
    current: CurrentOption = False,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show who is in what: regions down, networks across, each cell the region's role.

    \b
    Examples:
      networks matrix --country PL
      networks matrix -f csv > matrix.csv
    """

    def ask(atlas: "Atlas") -> "Result":
        return atlas.matrix(networks=network or [], countries=country or [], themes=theme or [], current=current)

    _run(ask, _common(ctx, output, json_flag, no_color, data, no_cache))


@app.command("themes")
def themes_command(
    ctx: typer.Context,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """List the themes networks are tagged with, and how many networks carry each.

    \b
    Examples:
      networks themes
      networks list --theme space
    """
    _run(lambda atlas: atlas.themes(), _common(ctx, output, json_flag, no_color, data, no_cache))


@app.command("validate")
def validate_command(
    ctx: typer.Context,
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
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
    """Check a dataset file: every error, one per line, and warnings about doubtful data.

    Exit 0 if valid (warnings allowed), 4 if not, 5 with --strict when there are warnings.

    \b
    Examples:
      networks validate my-networks.toml
      networks validate --strict
      networks validate my-networks.toml --json | jq .errors
    """
    from networks_cli.atlas import validate

    common = _common(ctx, output, json_flag, no_color, None, True)
    if not _given(ctx, "path") and _given(ctx.parent, "data"):
        path = common.data  # `networks --data FILE validate`: the option before the command names the file
    _write(lambda: validate(path, strict).view(), common)


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the dataset format, for editors that check TOML as it is typed.

    Then make `#:schema networks.schema.json` the first line of your TOML file.

    \b
    Examples:
      networks schema > networks.schema.json
    """
    from networks_cli.dataset.models import dataset_schema
    from networks_cli.output.views import schema_view

    _write(lambda: schema_view(dataset_schema()), Common(OutputFormat.json, False, True, None, True))


@app.command("import")
def import_command(
    ctx: typer.Context,
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
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
) -> None:
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

    common = _common(ctx, output, json_flag, no_color, None, True)

    def answer() -> "View":
        if status:
            if source is not None or remove:
                raise UsageError("--status takes no source and no --remove")
            return ImportResult(atlas.import_status()).view()
        if source is None:
            raise UsageError("say what to import: networks import cordis PATH (or --status)")
        if source.lower() != "cordis":
            raise UsageError(f"cannot import {source!r}: the one source is cordis")
        if remove:
            if path is not None:
                raise UsageError("--remove takes no PATH")
            return atlas.remove_projects().view()
        if path is None:
            raise UsageError("give the path of CORDIS's zip, files or folder: networks import cordis PATH")
        return atlas.import_cordis(path).view()

    _write(answer, common)


@app.command("project")
def project_command(
    ctx: typer.Context,
    words: Annotated[
        list[str], typer.Argument(help="A project's number or acronym; words with --search.", show_default=False)
    ],
    search: Annotated[bool, typer.Option("--search", "-s", help="Find projects by acronym and title.")] = False,
    limit: LimitOption = None,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show an imported project's consortium by region, or find projects by acronym and title.

    \b
    Examples:
      networks project 101000002
      networks project --search agri food
    """
    if search:
        ask: Callable[[Atlas], Result] = lambda atlas: atlas.search_projects(words, limit or 20)  # noqa: E731
    else:
        ask = lambda atlas: atlas.project(" ".join(words))  # noqa: E731
    _run(ask, _common(ctx, output, json_flag, no_color, data, no_cache))


@app.command("export")
def export_command(
    ctx: typer.Context,
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
    force: Annotated[
        bool, typer.Option("--force", help="Replace a file (or fill a folder) that networks export did not write.")
    ] = False,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Export the atlas, with any imported projects, as tables for analysts (README: "Export for analysts").

    \b
    Examples:
      networks export --sqlite atlas.sqlite3 && datasette atlas.sqlite3 -m metadata.json
      networks export --csv atlas-csv/
    """
    if (sqlite is None) == (csv_directory is None):
        raise typer.BadParameter("give one of --sqlite PATH or --csv DIR", param_hint="--sqlite/--csv")

    def ask(atlas: "Atlas") -> "Result":
        if sqlite is not None:
            return atlas.export_sqlite(sqlite, force)
        return atlas.export_csv(csv_directory or Path(), force)

    _run(ask, _common(ctx, output, json_flag, no_color, data, no_cache))


@app.command("sources")
def sources_command(
    ctx: typer.Context,
    output: FormatOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> None:
    """Show where the data in use comes from: the atlas, and what was imported, with its licence.

    \b
    Examples:
      networks sources
    """
    _run(lambda atlas: atlas.sources(), _common(ctx, output, json_flag, no_color, data, no_cache))


def main() -> None:
    """The app as the installed command runs it: a quiet Ctrl-C, and no interpreter teardown.

    Once the output is flushed nothing is left that teardown would do for us, and freeing every
    module's objects one by one is a noticeable share of a short run. Tests call `app`, never this.
    """
    _reexec_in_utf8_mode_for_utf8_arguments()
    _guard_standard_streams()
    try:
        app()
        status = 0
    except SystemExit as exit_:
        status = _exit_status(exit_.code)
    except KeyboardInterrupt:
        status = ExitStatus.INTERRUPTED
    except Terminated:  # SIGTERM while writing: the temporary files are gone already
        status = ExitStatus.TERMINATED
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:
        status = ExitStatus.BROKEN_PIPE
    except OSError:
        status = status or ExitStatus.OUTPUT_ERROR
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.flush()  # a message that cannot be shown does not change the outcome
    os._exit(status)


def _reexec_in_utf8_mode_for_utf8_arguments() -> None:
    """Under a C locale (LC_ALL=C, PYTHONUTF8=0) Python decodes arguments as ASCII, so `region Małopolska`
    arrives as surrogate escapes of bytes that are UTF-8. Then run again in Python's UTF-8 mode, which
    decodes them as they are meant (and still escapes bytes that are not UTF-8). Costs nothing otherwise:
    only a non-ASCII argument, outside UTF-8 mode, is even looked at."""
    if sys.flags.utf8_mode or all(argument.isascii() for argument in sys.argv[1:]) or not sys.executable:
        return
    if sys.getfilesystemencoding().lower().replace("-", "") == "utf8":
        return  # decoded as they are meant already (any surrogates are bytes that are not UTF-8)
    arguments = [os.fsencode(argument) for argument in sys.argv[1:]]
    try:
        if not any(not raw.isascii() and raw.decode("utf-8") for raw in arguments):
            return
    except UnicodeDecodeError:
        return  # not UTF-8 either: the usage error says so
    with contextlib.suppress(OSError):
        command = [os.fsencode(sys.executable), b"-X", b"utf8", b"-m", b"networks_cli", *arguments]
        os.execv(command[0], command)


def _guard_standard_streams() -> None:
    """Started with a standard stream closed (`2>&-`), a file opened later (the cache) would take its
    number and receive what is meant for it: hold the numbers with /dev/null. And a write past a file
    size limit (`ulimit -f`) must fail with EFBIG, which we report, rather than kill us with SIGXFSZ."""
    for descriptor in (0, 1, 2):
        try:
            os.fstat(descriptor)
        except OSError:
            with contextlib.suppress(OSError):
                held = os.open(os.devnull, os.O_RDWR)
                if held != descriptor:
                    os.dup2(held, descriptor)
                    os.close(held)
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _exit_status(code: object) -> int:
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    if sys.stderr is not None:
        print(code, file=sys.stderr)  # sys.exit("message") prints it and exits 1; keep that convention
    return 1


def _silence_stdout() -> None:
    # Python flushes stdout again at exit; point it at /dev/null so that flush cannot fail too.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # not a real file (a test runner's buffer): nothing will flush it at exit


__all__ = ["app", "main"]
