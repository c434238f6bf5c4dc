"""Table layout at every width: no word of the data is split across lines, and nothing pads or overflows.

Every command is rendered in-process at widths from 40 to 200 (a step of 10, plus the widths where a layout
changes). A split word shows as two pieces on consecutive lines that together make a word of the same
command's output at a width where nothing wraps, one of them not being a word by itself (`Initiativ` +
`e`). A word longer than the terminal (less the indentation of a block) may be split: nothing else fits.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from typing import Any

import pytest

from networks_cli.output.formats import Terminal
from networks_cli.output.phrases import sparkline
from networks_cli.output.tables.grid import bar, human
from tests.commands import QUERIES
from tests.conftest import Invoke

# `cite` writes a reference list, not a table: it wraps only on a real terminal (tests/test_cite.py).
COMMANDS = [*(query for query in QUERIES if query[0] != "cite"), ("validate",)]
WIDTHS = sorted({*range(40, 201, 10), 59, 79, 81, 99, 119, 200})
PUNCTUATION = "()[]{}:;,.·“”\"'!?|"
URL_LINE = re.compile(r"\s*https?://\S+")
# How far a block indents its text: a word that long or longer than the terminal may have to be split.
INDENT = 4


def _norm(token: str) -> str:
    return token.strip(PUNCTUATION)


def _strings(document: Any) -> list[str]:
    if isinstance(document, str):
        return [document]
    if isinstance(document, dict):
        return [text for value in document.values() for text in _strings(value)]
    if isinstance(document, list):
        return [text for value in document for text in _strings(value)]
    return []


def _table(cli: Invoke, args: tuple[str, ...], width: int) -> str:
    result = cli(*args, "-f", "table", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _vocabulary(cli: Invoke, args: tuple[str, ...]) -> set[str]:
    """The words of the command's output where nothing wraps, and of its data."""
    words = set(_table(cli, args, 5000).split())
    document = cli(*args, "--json")
    if document.exit_code == 0:
        words |= {word for text in _strings(json.loads(document.stdout)) for word in text.split()}
    return {_norm(word) for word in words} - {""}


def split_words(text: str, vocabulary: set[str], width: int) -> list[str]:
    """Pieces of one word on consecutive lines: `Initiativ|e`."""
    lines = [line.split() for line in text.splitlines()]
    found = []
    for above, below in itertools.pairwise(lines):
        for first in above:
            for second in below:
                pieces = (_norm(first), _norm(second))
                # (Bars of the history chart are no words.)
                if "" in pieces or all(piece in vocabulary for piece in pieces) or not any(c.isalnum() for c in first):
                    continue
                whole = _norm(first + second)
                if whole in vocabulary and len(whole) <= width - INDENT:
                    found.append(f"{first}|{second}")
    return found


@pytest.mark.parametrize("args", COMMANDS, ids=lambda args: args[0])
def test_no_word_is_split_at_any_width(cli: Invoke, args: tuple[str, ...]) -> None:
    vocabulary = _vocabulary(cli, args)
    started = time.perf_counter()
    for width in WIDTHS:
        text = _table(cli, args, width)
        assert split_words(text, vocabulary, width) == [], (width, split_words(text, vocabulary, width)[:5])
        for line in text.splitlines():
            assert line == line.rstrip(), (width, line)  # no trailing spaces padding every line
            if not URL_LINE.fullmatch(line):  # a URL on its own line is printed whole, never cut
                assert len(line) <= width, (width, line)
    assert time.perf_counter() - started < 60


def test_the_check_finds_a_split_word() -> None:
    vocabulary = {"Vanguard", "Initiative", "member"}
    assert split_words("Vanguard Initiativ  member\n         e", vocabulary, 80) == ["Initiativ|e"]
    assert split_words("Vanguard\nInitiative member", vocabulary, 80) == []


def test_a_wide_terminal_does_not_stretch_tables(cli: Invoke) -> None:
    text = _table(cli, ("search", "space"), 200)
    lines = text.splitlines()
    rule = next(line for line in lines if line.startswith("──"))
    assert len(rule) == max(len(line) for line in lines) < 200  # as wide as its cells, not the terminal


@pytest.mark.parametrize("args", [("region", "Małopolska"), ("list",), ("matrix",), ("regions",), ("themes",)])
def test_80_columns_splits_no_word(cli: Invoke, args: tuple[str, ...]) -> None:
    """The issue's examples: `Initiativ/e`, `Univers/ity` at 80 columns."""
    text = _table(cli, args, 80)
    for piece in ("Initiativ\n", "Univers\n", " e\n", " ity\n"):
        assert piece not in text


def test_the_matrix_with_every_network_falls_back_to_lines_and_keeps_region_names(cli: Invoke) -> None:
    text = _table(cli, ("matrix",), 200)
    assert "German-speaking Community of Belgium (BE)" in text
    assert "  vanguard: member?" in text
    few = _table(cli, ("matrix", "--network", "nereus", "--network", "errin"), 80)
    assert "Region" in few.splitlines()[2]  # a grid when it fits
    assert "Brussels-Capital Region" in few


def test_list_moves_the_focus_out_before_it_gives_up_the_table(cli: Invoke) -> None:
    wide = _table(cli, ("list",), 200)
    assert "Focus" in wide.splitlines()[2]
    middle = _table(cli, ("list",), 116)
    assert "Latest count" in middle.splitlines()[2]
    assert "Not shown at this width: Focus." in middle
    narrow = _table(cli, ("list",), 80)
    assert "  Name: Vanguard Initiative · Founded: 2013-11" in narrow


def test_sparklines_and_bars_start_from_zero() -> None:
    assert sparkline([125, 130, 125]) == "███"  # no cliff: all three are near the top
    assert sparkline([0, 10]) == "▁█"
    assert sparkline([10, 39, 32]) == "▃█▇"
    assert sparkline([5]) == ""
    terminal = Terminal(width=80)
    bars = [bar(value, 130, 10, terminal) for value in (125, 130, 125)]
    assert all(len(drawn) >= 9 for drawn in bars)
    assert bar(1, 130, 10, terminal) == "▏"


def test_trailing_spaces_are_stripped_with_colour_too() -> None:
    from rich.table import Table

    table = Table("A", "B")
    table.add_row("x", "y")
    for color in (False, True):
        text = human([table], Terminal(is_tty=color, color=color, width=60))
        for line in text.splitlines():
            assert not re.search(r" +(\x1b\[[0-9;]*m)*$", line), repr(line)


def test_urls_are_never_wrapped(cli: Invoke) -> None:
    text = _table(cli, ("show", "nereus"), 40)
    urls = [line.strip() for line in text.splitlines() if URL_LINE.fullmatch(line)]
    assert "https://www.nereus-regions.eu" in urls
    assert any(len(url) > 40 for url in urls)  # whole, past the edge, rather than cut
    assert "\x1b]8;" not in text  # not a terminal: plain text


def test_urls_are_hyperlinks_on_a_colour_terminal_only() -> None:
    from tests.test_terminal import in_terminal

    status, out = in_terminal("show", "nereus")
    assert status == 0
    assert "\x1b]8;" in out
    assert "https://www.nereus-regions.eu\x1b\\" in out
    for env in ({"NO_COLOR": "1"}, {"TERM": "dumb"}):
        status, plain = in_terminal("show", "nereus", env=env)
        assert status == 0
        assert "\x1b]8;" not in plain
        assert "https://www.nereus-regions.eu" in plain


def test_below_40_columns_what_was_counted_goes_under_itsbar(cli: Invoke) -> None:
    text = _table(cli, ("history", "vanguard"), 30)
    assert split_words(text, _vocabulary(cli, ("history", "vanguard")), 30) == []
    assert "\n2013-11    █▌     10\n  founding regions\n" in text


def test_a_blocks_short_fields_are_never_split_between_lines(cli: Invoke) -> None:
    """A new user read "Share: 91/%" and "Status: unconfirmed/(2018)" broken across lines: the fields of a
    block are packed whole, broken between fields; only a field longer than a line wraps."""
    from networks_cli.output.tables.grid import packed

    assert packed(["Country: ES", "Score: 45.6", "Share: 91 %"], 25) == ["Country: ES · Score: 45.6", "· Share: 91 %"]
    assert packed(["Country: ES", "Why: " + "word " * 20], 24)[0].startswith("Country: ES · Why: word")
    listing = cli("list", "-f", "table", env={"COLUMNS": "100"}).stdout
    assert "Share: 91 %" in listing
    assert not any(line.rstrip().endswith("Share: 91") for line in listing.splitlines())


@pytest.mark.parametrize("columns", [40, 52, 60, 80, 100])
def test_a_command_to_type_is_never_broken_between_its_words(cli: Invoke, columns: int) -> None:
    """A new user saw "networks region" / "upper-bavaria" on two lines at 80 columns."""
    shown = cli("region", "Munich", "-f", "table", env={"COLUMNS": str(columns)}).stdout
    assert any("networks region bavaria" in line for line in shown.splitlines())
    opening = cli("partners", "Małopolska", "--limit", "1", "-f", "table", env={"COLUMNS": str(columns)}).stdout
    assert any(line.endswith("networks region malopolska") for line in opening.splitlines())
