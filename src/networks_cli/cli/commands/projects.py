"""The commands about imported EU-funded projects. No `from __future__ import annotations` here
(see `cli/options.py`).
"""

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from networks_cli.cli.app import Answer, Question, columns_of, command
from networks_cli.cli.options import LimitOption
from networks_cli.errors import UsageError

if TYPE_CHECKING:
    from networks_cli.atlas import ImportProgress
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
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="Show no progress on the terminal while importing.")
    ] = False,
) -> Answer:
    """Import EU-funded projects (CORDIS) to find partners through the regions' organisations too.

    The projects go to one file in your data directory ($NETWORKS_DATA_HOME, else
    $XDG_DATA_HOME/networks, else ~/.local/share/networks), replaced whole by each import: an import
    that fails leaves the previous one as it was. Organisations in projects are a region's ecosystem,
    never the region's own membership in a network. Exit 4 for input that is not CORDIS's. On a
    terminal, stderr shows how far it has got (rows, share done, time), unless --quiet.

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
        with _progress_line(quiet) as progress:
            imported = atlas.import_projects(name, path, progress)
        return imported.view()

    return Answer(answer)


# How often the progress line is redrawn at most: often enough to look alive, seldom enough to cost nothing.
PROGRESS_INTERVAL = 0.25


@contextlib.contextmanager
def _progress_line(quiet: bool) -> "Iterator[ProgressLine | None]":
    """A progress line on stderr while importing, when stderr is a terminal and not --quiet; cleared at
    the end, however the import ends, so that an answer or an error line starts on a clean line."""
    stream = sys.stderr
    if quiet or stream is None or not _is_terminal(stream):
        yield None
        return
    line = ProgressLine(stream)
    try:
        yield line
    finally:
        line.clear()


def _is_terminal(stream: TextIO) -> bool:
    with contextlib.suppress(OSError, ValueError, AttributeError):  # closed, or a stand-in with no descriptor
        return stream.isatty()
    return False


class ProgressLine:
    """One line of stderr, redrawn in place: the file being read, rows read, share done, time taken."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.started = time.monotonic()
        self.last_drawn: float | None = None
        self.drawn = False
        self.dumb = os.environ.get("TERM") == "dumb"  # no escape sequences: clear with spaces
        self.width = 80
        with contextlib.suppress(OSError, ValueError, AttributeError):
            self.width = columns_of(stream.fileno())

    def __call__(self, progress: "ImportProgress") -> None:
        now = time.monotonic()
        if self.last_drawn is not None and now - self.last_drawn < PROGRESS_INTERVAL:
            return
        self.last_drawn = now
        share = progress.bytes_read / progress.bytes_total if progress.bytes_total else 1.0
        elapsed = now - self.started
        text = f"importing: {progress.rows:,} rows read, {share:.0%} done, {elapsed:.1f} s (reading {progress.file})"
        self._write("\r" + text[: max(self.width - 1, 1)] + ("" if self.dumb else "\x1b[K"))
        self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            self._write("\r" + " " * max(self.width - 1, 1) + "\r" if self.dumb else "\r\x1b[K")
            self.drawn = False

    def _write(self, text: str) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.stream.write(text)
            self.stream.flush()


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
