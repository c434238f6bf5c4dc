"""The command line's app: the Typer app, the `command` decorator every command is declared with,
and the one error boundary.

Every command has the same shape: its function returns the `Question` to ask of the library (or a
direct answer); `command` adds the shared options, asks, renders and writes. Errors from the library
are turned into one line on stderr and an exit status here, in `write`, and nowhere else (Click's own
usage errors in `_OneLineErrors`).

No `from __future__ import annotations` here: Typer reads every command's signature on every run,
and string annotations would make it evaluate each one again (a measured 4 ms of start-up).
"""

import contextlib
import functools
import inspect
import os
import shutil
import signal
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer._click.exceptions import NoArgsIsHelpError  # Typer's own Click: its class, not a name compared
from typer.core import TyperCommand, TyperGroup

from networks_cli.cli.options import (
    DATA_OPTIONS,
    OUTPUT_OPTIONS,
    Common,
    DataOption,
    FormatOption,
    JsonOption,
    NoCacheOption,
    NoColorOption,
    NoPagerOption,
    VerboseOption,
    WithOption,
)
from networks_cli.errors import DataError, ExitStatus, NetworksError, Terminated, UsageError
from networks_cli.output.formats import FORMATS, OutputFormat, Terminal, choose_format
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
            # `networks` alone: the help, as Click shows it (Typer vendors Click: test_help_ux pins this).
            if isinstance(error, NoArgsIsHelpError):
                error.show()
                sys.exit(error.exit_code)
            sys.exit(_usage_error(error))
        except typer.Abort:
            sys.exit(ExitStatus.INTERRUPTED)
        sys.exit(status if isinstance(status, int) else 0)


# A command that takes no argument, and the one that takes what people give it: `sources nereus`.
ARGUMENT_TAKEN_BY = {"sources": ("cite", "to cite one source")}


def _usage_error(error: typer.TyperException) -> int:
    format_message = getattr(error, "format_message", None)
    message = " ".join((format_message() if format_message else str(error)).split()).rstrip(".")
    message = message.replace("Value error, ", "")  # Typer 0.29 words its errors through Pydantic
    context = getattr(error, "ctx", None)
    hint = f" (see '{context.command_path} --help')" if context is not None else ""
    neighbour = ARGUMENT_TAKEN_BY.get(getattr(context, "info_name", None) or "")
    extra = message.partition("unexpected extra argument")[2].rpartition("(")[2].rpartition(")")[0]
    if neighbour and extra:  # Click words it "Got unexpected extra argument(s) (nereus)"
        hint = f" ({neighbour[1]}: networks {neighbour[0]} {extra})"
    say(f"{message[:1].lower()}{message[1:]}{hint}")
    return int(error.exit_code)


def say(line: str) -> None:
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
    epilog="The manual: README.md and docs/ (docs/commands.md tells of every command).",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _terminal(no_color: bool) -> Terminal:
    is_tty = sys.stdout.isatty()
    env = os.environ
    if no_color or "NO_COLOR" in env or env.get("TERM") == "dumb":
        color = False
    else:
        color = is_tty or bool(env.get("FORCE_COLOR"))
    # shutil ignores COLUMNS unless LINES is set too, so read it first.
    columns = env.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() and int(columns) > 0 else _window_width()
    return Terminal(is_tty=is_tty, color=color, width=width, encoding=sys.stdout.encoding or "utf-8")


def _window_width() -> int:
    """The width of the window the answer is read in: stdout's, else stderr's (`-f table | less`
    keeps stderr on the window), else the controlling terminal's, else 80. A terminal that says 0
    columns does not know its size (`script` in a job): 80 then too, not a column a word."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            return columns_of(stream.fileno())
    try:
        descriptor = os.open("/dev/tty", os.O_RDONLY | os.O_NOCTTY)
    except OSError:
        return 80
    try:
        return columns_of(descriptor)
    except OSError:
        return 80
    finally:
        os.close(descriptor)


def columns_of(descriptor: int) -> int:
    """A terminal's width; 80 for one that says 0 (it does not know its size). OSError: not a terminal."""
    return os.get_terminal_size(descriptor).columns or 80


def fail(lines: list[str], status: int) -> NoReturn:
    for line in lines:
        say(line)
    raise typer.Exit(status)


class Question:
    """What a command asks of the library: `ask(atlas)`, answered from the dataset the shared options
    name; `evidence` shows each row's quotes in tables; `forced` writes one format whatever was asked."""

    __slots__ = ("ask", "evidence", "forced")

    def __init__(
        self, ask: Callable[["Atlas"], "Result"], *, evidence: bool = False, forced: OutputFormat | None = None
    ) -> None:
        self.ask = ask
        self.evidence = evidence
        self.forced = forced


class Answer:
    """An answer that needs no atlas (`validate`, `import`, `schema`): its view, made when written."""

    __slots__ = ("forced", "make_view")

    def __init__(self, make_view: Callable[[], "View"], *, forced: OutputFormat | None = None) -> None:
        self.make_view = make_view
        self.forced = forced


# The loader's words for a dataset file that cannot be read at all (dataset/loader.py, _unreadable).
_READ_FAILURES = frozenset(
    {"no such file", "permission denied", "is a directory, not a dataset file", "is a device, not a dataset file"}
)


def run(ask: Callable[["Atlas"], "Result"], common: Common, evidence: bool = False) -> None:
    """Ask the library one question about the dataset the options name, and write its answer's view:
    the JSON written is the answer's `as_dict()`, as the library returns it (a damaged cache is the
    library's to mend: `Atlas` answers from the file instead)."""
    from networks_cli.atlas import Atlas, cache_notes

    def make_view() -> "View":
        try:
            return ask(Atlas.open(common.data, cache=not common.no_cache, overlays=common.with_files)).view(evidence)
        except DataError as error:
            # A file named by the environment, not on the command line: say where its name came from.
            if common.data_from_variable and len(error.problems) == 1 and error.problems[0] in _READ_FAILURES:
                raise DataError(error.path, [f"{error.problems[0]} (the file NETWORKS_DATA names)"]) from None
            raise
        finally:
            if common.verbose:
                for note in cache_notes():
                    say(f"note: {note}")

    write(make_view, common)


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


def write(make_view: Callable[[], "View"], common: Common) -> None:
    """The one error boundary: expected failures become messages on stderr and exit statuses."""
    from networks_cli.output.formats import render

    if sys.stdout is None:  # started with stdout closed (`networks list >&-`): no answer can be given
        fail(["cannot write the answer: standard output is closed"], ExitStatus.OUTPUT_ERROR)
    terminal = _terminal(common.no_color)
    chosen = choose_format(common.output, common.json_flag, terminal.is_tty)
    try:
        _names_are_text()
        view = make_view()
        text = render(view, chosen, terminal)
    except NetworksError as error:
        fail(error.lines, error.exit_status)
    errors = "strict" if FORMATS[chosen].strict else "replace"
    try:
        if not (terminal.is_tty and not common.no_pager and _taller_than_the_screen(text) and _paged(text, errors)):
            _write_all(text, errors)
    except BrokenPipeError:
        # The reader left (`| head`): not an error. Exit as if killed by SIGPIPE, like other Unix tools.
        _silence_stdout()
        raise typer.Exit(ExitStatus.BROKEN_PIPE) from None
    except OSError as error:  # a full disk, a device that refuses writes
        _silence_stdout()
        fail([f"cannot write the answer: {error.strerror or error}"], ExitStatus.OUTPUT_ERROR)
    if not (chosen is OutputFormat.table and terminal.is_tty):  # a table on the screen says them itself
        for note in view.notes:
            say(f"note: {note}")
    if view.exit_status:
        raise typer.Exit(view.exit_status)


def _taller_than_the_screen(text: str) -> bool:
    """Taller than the terminal says it is. A terminal that does not know its height (0 rows: `script`
    in a job, some CI consoles) is never paged: a pager there would wait for keys no one presses."""
    try:
        rows = os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, ValueError, AttributeError):
        return False
    return rows > 0 and text.count("\n") >= rows


def _paged(text: str, errors: str) -> bool:
    """Give a tall answer to the pager, as git does: NETWORKS_PAGER, then PAGER, then `less -FRX`
    (which exits at once if it fits after all, keeps colours, and leaves the text on the screen).
    False when there is no pager to run (an empty setting, `cat`, or none installed): write it then."""
    import subprocess

    command = os.environ.get("NETWORKS_PAGER", os.environ.get("PAGER", "less -FRX")).strip()
    if not command or command == "cat":
        return False
    if command == "less -FRX" and shutil.which("less") is None:
        return False
    data = text.encode(sys.stdout.encoding or "utf-8", errors)
    sys.stdout.flush()
    try:
        pager = subprocess.Popen(command, shell=True, stdin=subprocess.PIPE)
    except OSError:
        return False
    assert pager.stdin is not None
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's to handle
    try:
        with contextlib.suppress(BrokenPipeError):  # the reader quit before the end: not an error
            pager.stdin.write(data)
        with contextlib.suppress(BrokenPipeError):
            pager.stdin.close()
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True


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


# What `--version` and `show --help` say of the data's terms (README.md, "Licence and attribution").
ATTRIBUTION = (
    "Code: MIT licence. Data: facts compiled from public sources, each quote a short citation with its "
    "source recorded; attribute the sources when you reuse them (networks cite)."
)


def _version(value: bool) -> None:
    if value:
        from networks_cli.atlas import bundled_dataset_version

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
    no_pager: NoPagerOption = False,
    data: DataOption = None,
    with_files: WithOption = None,
    no_cache: NoCacheOption = False,
    verbose: VerboseOption = False,
) -> None:
    """An offline atlas of Europe's interregional cooperation networks."""
    # The shared options may come before the command too (`networks --json region X`): kept for it.
    ctx.obj = Common(
        output=output,
        json_flag=json_flag,
        no_color=no_color,
        data=data,
        no_cache=no_cache,
        verbose=verbose,
        with_files=with_files,
        no_pager=no_pager,
    )


def reflowed(doc: str | None) -> str | None:
    """A docstring whose paragraphs are one line each, for the help to wrap at the window's width:
    the source breaks its lines at 100 columns, which an 80-column window breaks again mid-line.
    Paragraphs that open with Click's `\b` (examples) keep their lines."""
    if doc is None:
        return None
    paragraphs = inspect.cleandoc(doc).split("\n\n")
    return "\n\n".join(
        paragraph if paragraph.startswith("\b") else " ".join(paragraph.split()) for paragraph in paragraphs
    )


class _WrittenUsage(TyperCommand):
    """A command whose usage line is written out: arguments that are optional only beside a flag
    (`import --status`) would otherwise read `[source] [path]`, as if never needed."""

    usage_line = ""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return [self.usage_line]


def command(
    name: str,
    *,
    panel: str,
    docs: str | None = None,
    reads_data: bool = True,
    shared: bool = True,
    usage: str | None = None,
    **settings: Any,
) -> Callable[[Callable[..., Question | Answer]], Callable[..., None]]:
    """Declare a command whose function returns the `Question` (or `Answer`) it gives: the shared
    options (`--format`, `--json`, `--no-color`, and with `reads_data` `--data`, `--no-cache`) are
    added to its signature here, once, merged with those typed before the command, and the answer is
    written by the one error boundary. A function that declares `ctx` receives the Typer context, one
    that declares `common` the merged shared options. `panel` is the command's heading in `networks --help`;
    `docs` the page of the manual (`docs/PAGE.md`) that tells more, which its `--help` ends by naming
    (tests/test_docs.py fails on a command without one)."""
    options = {**OUTPUT_OPTIONS, **(DATA_OPTIONS if reads_data else {})} if shared else {}
    if usage is not None:
        settings["cls"] = type(f"{name.title()}Usage", (_WrittenUsage,), {"usage_line": usage})
    if docs is not None:
        pointer = f"See docs/{docs} for more."
        settings["epilog"] = f"{settings['epilog']}\n\n{pointer}" if settings.get("epilog") else pointer

    def register(question: Callable[..., Question | Answer]) -> Callable[..., None]:
        own = inspect.signature(question)
        wants_context, wants_common = "ctx" in own.parameters, "common" in own.parameters
        context = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)
        added = [
            inspect.Parameter(option, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default)
            for option, (annotation, default) in options.items()
        ]
        kept = [parameter for parameter in own.parameters.values() if parameter.name not in ("ctx", "common")]

        @functools.wraps(question)
        def asked(ctx: typer.Context, **values: Any) -> None:
            common = Common.merged(ctx, {option: values.pop(option) for option in options})
            given = question(
                **values, **({"ctx": ctx} if wants_context else {}), **({"common": common} if wants_common else {})
            )
            if given.forced is not None:
                common = common.forced(given.forced)
            if isinstance(given, Answer):
                write(given.make_view, common)
            else:
                run(given.ask, common, given.evidence)

        asked.__signature__ = own.replace(  # type: ignore[attr-defined]
            parameters=[context, *kept, *added], return_annotation=None
        )
        # A new dict: `wraps` shares the question's, which Typer must not see the shared options in.
        asked.__annotations__ = {
            **{key: value for key, value in question.__annotations__.items() if key not in ("return", "common")},
            "ctx": typer.Context,
            **{option: annotation for option, (annotation, _) in options.items()},
        }
        asked.__doc__ = reflowed(question.__doc__)
        app.command(name, rich_help_panel=panel, **settings)(asked)
        return asked

    return register


def every_command() -> typer.Typer:
    """The app with every command registered: what tests, the docs' table and tools drive (the entry
    point registers only the family asked, `_only_the_command_asked`)."""
    from networks_cli.cli.families import load

    load()
    return app


def main() -> None:
    """The app as the installed command runs it: a quiet Ctrl-C, and no interpreter teardown.

    Once the output is flushed nothing is left that teardown would do for us, and freeing every
    module's objects one by one is a noticeable share of a short run. Tests call `app`, never this.
    """
    _reexec_in_utf8_mode_for_utf8_arguments()
    _guard_standard_streams()
    _only_the_command_asked(sys.argv[1:])
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


def _only_the_command_asked(arguments: list[str]) -> None:
    """`networks region X`: register only that command's family, and leave Typer only that command to
    build. Typer turns every registered command's signature into Click parameters before it parses
    anything (a quarter of a JSON answer's time with 22 commands), and importing every family costs a
    few milliseconds more; only the command asked is ever used. Only when the first argument is a
    command's own name: `networks`, `networks --help`, root options before the command, a misspelt
    command (whose suggestions need the others) and shell completion get the whole app."""
    from networks_cli.cli.families import load

    completing = bool(os.environ.get("_NETWORKS_COMPLETE"))
    name = arguments[0] if arguments and not completing else None
    load(name)  # a name of no command (or none): every family
    asked = [info for info in app.registered_commands if info.name == name]
    if len(asked) == 1:
        app.registered_commands = asked


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
