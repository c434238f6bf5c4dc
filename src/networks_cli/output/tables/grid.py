"""The table engine: how an answer's rows become a human table, or blocks of lines where a table would
not fit. The per-family layouts (`networks`, `regions`, `discovery`, `validation`, `projects`) say what
each command shows; the words come from `output.phrases`. Loaded only when a table is asked for.

Text from the data always goes through `text()`, which shows control characters as escapes and is
never parsed as Rich markup.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from networks_cli.dataset.names import Record
from networks_cli.output.formats import Terminal, can_encode, cell, printable
from networks_cli.output.phrases import CELL_LEGEND, ROLE_CODES, cell_code

# Below this many terminal columns a table's rows are shown as blocks (one field a line): 80, the
# usual terminal, for most tables; WIDE for tables of eight columns or more, which need that much to
# keep each column a few words wide.
NARROW = 80
WIDE = 120
# A `narrow` no terminal reaches: the rows are always blocks.
EVERY_WIDTH = 10**6


@dataclass(frozen=True)
class Column:
    header: str
    keep: bool = False  # ids, codes, dates, numbers: never wrapped or cut
    ratio: int = 1  # share of the width left over, among the columns that wrap


def human(renderables: list[RenderableType], terminal: Terminal) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(terminal.width, 20),
        force_terminal=terminal.color,
        no_color=not terminal.color,
        color_system="standard" if terminal.color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        safe_box=not can_encode("─│┌", terminal.encoding),
    )
    for renderable in renderables:
        if isinstance(renderable, Text) and renderable.no_wrap:
            # A URL on its own line (`url_text`): longer than the terminal, it is printed whole, past the edge.
            console.print(renderable, crop=False, no_wrap=True, overflow="ignore")
        else:
            console.print(renderable)
    return "\n".join(_TRAILING.sub(_keep_escapes, line) for line in buffer.getvalue().split("\n"))


# Spaces at the end of a line, among the colour codes that may close it.
_TRAILING = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$")
_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def _keep_escapes(match: re.Match[str]) -> str:
    return "".join(_ESCAPE.findall(match.group()))


def text(value: Any, style: str = "") -> Any:
    return Text(printable(cell(value)), style=style)


def indented(value: str) -> Any:
    return Padding(text(value), (0, 0, 0, 2))


def with_command(sentence: str, command: str, width: int) -> str:
    """A sentence ending in a command to type ("…: networks region bavaria"): where the sentence's last
    line cannot hold the whole command, the command starts a line of its own, so it is never broken
    between its words (Rich wraps at any space)."""
    import textwrap

    lines = textwrap.wrap(sentence, max(width, 20), break_long_words=False, break_on_hyphens=False) or [""]
    if cell_len(lines[-1]) + 1 + cell_len(command) <= width:
        return f"{sentence} {command}"
    return f"{sentence}\n{command}"


def packed(fields: list[str], width: int) -> list[str]:
    """A block's "Label: value" fields, joined by " · " and broken between fields where a line is full,
    so that a short field ("Share: 91 %", "Since: 2013-11") is never split; a field longer than a line
    (prose: a reason, a focus) follows on, and wraps between its words as it would anyway."""
    lines: list[str] = []
    for field in fields:
        fits_here = lines and cell_len(lines[-1]) + 3 + cell_len(field) <= width
        if lines and (fits_here or cell_len(field) + 2 > width):
            lines[-1] += " · " + field
        else:
            lines.append(("· " if lines else "") + field)
    return lines or [""]


# A wrapping column is at least this wide (or as wide as its widest cell).
PROSE = 12
# Between two columns of a table: the cell's right padding and the (blank) column divider.
GAP = 2


def longest_word(value: str) -> int:
    """The width of the longest word: the narrowest a cell can be without splitting one."""
    return max((cell_len(word) for word in value.split()), default=1)


def fit(columns: list[Column], rows: list[list[str]], width: int) -> list[int] | None:
    """Column widths that fit `width` without splitting a word, or None when there are none.

    Each column gets at least its longest word (its longest cell, for one that is never wrapped); the
    space left goes to the wrapping columns by their ratio, none wider than its longest cell. Rich's own
    shrinking takes from the widest column whatever its words, so the widths are fixed here.
    """
    texts = [[column.header, *(printable(cell(row[index])) for row in rows)] for index, column in enumerate(columns)]
    high = [max(cell_len(value) for value in cells) for cells in texts]
    # A wrapping column narrower than a few words reads as a column of single words: a table that can
    # give it no more does not fit.
    low = [
        high[i] if column.keep else max(min(high[i], PROSE), *(longest_word(value) for value in texts[i]))
        for i, column in enumerate(columns)
    ]
    room = width - GAP * (len(columns) - 1)
    if sum(low) > room:
        return None
    widths = low[:]
    spare = room - sum(widths)
    # The columns that need the least more to be whole (a count, a status) are made whole first, so that
    # short phrases stay on one line; the prose columns share what is left.
    for i in sorted(range(len(columns)), key=lambda i: high[i] - low[i]):
        if high[i] - widths[i] <= spare:
            spare -= high[i] - widths[i]
            widths[i] = high[i]
    while spare > 0:
        growing = [i for i in range(len(columns)) if widths[i] < high[i]]
        if not growing:
            break
        shares = sum(columns[i].ratio for i in growing)
        given = 0
        for i in growing:
            grant = min(max(1, spare * columns[i].ratio // shares), high[i] - widths[i], spare - given)
            widths[i] += grant
            given += grant
        spare -= given
    return widths


def grid(
    title: str,
    columns: list[Column],
    rows: list[list[str]],
    terminal: Terminal,
    narrow: int = NARROW,
    optional: tuple[str, ...] = (),
    dropped_note: str = "",
    evidence: bool = False,
) -> list[RenderableType]:
    """A table where every column gets its longest word; otherwise one block per row, headed by its first cell.

    Below `narrow` columns the blocks are used whatever fits; with `evidence` (an Evidence column of
    quotes), always, since quotes read as prose on lines of their own, not in a cell. When the table does not fit, the
    `optional` columns (lowest value first) move out, one at a time, before the table gives way to
    blocks; `dropped_note` then says where to find them.
    """
    heading = text(f"\n{title}", "bold")
    if evidence:
        narrow = EVERY_WIDTH
    shown, kept_rows, gone = columns, rows, []
    widths = fit(shown, kept_rows, terminal.width) if terminal.width >= narrow else None
    for header in optional:
        if widths is not None or terminal.width < narrow:
            break
        index = [c.header for c in shown].index(header)
        shown = shown[:index] + shown[index + 1 :]
        kept_rows = [row[:index] + row[index + 1 :] for row in kept_rows]
        gone.append(header)
        widths = fit(shown, kept_rows, terminal.width)
    if widths is None:
        out: list[RenderableType] = [heading]
        for row in rows:
            out.append(text(row[0] or "·", "bold"))
            fields = [
                f"{c.header}: {v}" for c, v in zip(columns[1:], row[1:], strict=True) if v and c.header != "Evidence"
            ]
            out += [indented(line) for line in packed(fields, terminal.width - 2)]
            # The evidence is prose: on a line of its own, where it reads as the quote it is.
            out += [indented(f"Evidence: {v}") for c, v in zip(columns, row, strict=True) if c.header == "Evidence"]
        return out
    # Not expanded: a wide terminal gets the table its cells need, not blank runs between columns.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False, padding=(0, 1, 0, 0))
    for column, width in zip(shown, widths, strict=True):
        # A fixed width of at least the longest word: text wraps between words; `fold` is never needed.
        table.add_column(column.header, width=width, no_wrap=column.keep, overflow="fold")
    for row in kept_rows:
        table.add_row(*(text(value) for value in row))
    out = [heading, table]
    if gone:
        out.append(text(f"Not shown at this width: {', '.join(gone)}. {dropped_note}".rstrip(), "dim"))
    return out


def url_text(url: str, terminal: Terminal, indent: int = 0) -> Text:
    """A URL, never wrapped: a hyperlink on a terminal that shows colour (OSC 8), plain text elsewhere.

    On a line of its own (with `indent`), a URL longer than the terminal is printed whole, past the
    edge, for the terminal to wrap: cut or folded, it would no longer be the address.
    """
    address = printable(url)
    link = Text(address, style=Style(link=address) if terminal.color else "")
    return Text.assemble(" " * indent, link, no_wrap=True, overflow="ignore")


def facts_grid(rows: list[tuple[str, str | None]], terminal: Terminal, urls: tuple[str, ...] = ()) -> list[Any]:
    """Label and value side by side; a value with a word (or a URL, in `urls`) too wide for the value
    column goes under its label instead, so that nothing is split."""
    shown = [(label, value) for label, value in rows if value]
    label_width = max((cell_len(label) for label, _ in shown), default=1)
    room = terminal.width - label_width - 2
    out: list[Any] = []
    pairs: Table | None = None
    for label, value in shown:
        is_url = label in urls
        if (cell_len(value) if is_url else longest_word(value)) > room:
            pairs = None
            out.append(text(label, "bold"))
            out.append(url_text(value, terminal, indent=2) if is_url else indented(value))
            continue
        if pairs is None:
            pairs = Table.grid(padding=(0, 2))
            pairs.add_column(style="bold", no_wrap=True, width=label_width)
            pairs.add_column(overflow="fold", max_width=room)
            out.append(pairs)
        pairs.add_row(text(label), url_text(value, terminal) if is_url else text(value))
    return out


def sources_grid(sources: list[Record], terminal: Terminal) -> list[RenderableType]:
    """Each source: its id and what it is, then its URL on a line of its own, where it is never wrapped."""
    out: list[RenderableType] = [text("\nSources", "bold")]
    for source in sources:
        line = Text.assemble(
            text(source["id"], "bold"),
            "  ",
            text(" — ".join(part for part in (source["publisher"], source["title"]) if part)),
        )
        out.append(line)
        if source["url"]:
            out.append(url_text(source["url"], terminal, indent=2))
    return out


_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, high: int, width: int, terminal: Terminal) -> str:
    """A bar `value / high` of `width` cells, in eighths of a cell where the terminal can draw them."""
    if not can_encode("█▏", terminal.encoding):
        return "#" * max(1, round(value / high * width)) if value else ""
    eighths = round(value / high * width * 8) if high else 0
    if value and not eighths:
        eighths = 1  # a count above zero always shows
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


_ROLE_STYLE = {"lead": "bold green", "founder": "green", "full": "green", "member": "green", "partner": "green"}


def _cell_text(cell: Record | None, terminal: Terminal) -> Any:
    if cell is None:
        return text("·", "dim")
    code = cell_code(cell)
    style = "dim" if cell["status"] != "current" or cell["through"] == "organisation only" else ""
    if not style:
        style = _ROLE_STYLE.get(ROLE_CODES.get(cell["role"], ""), "cyan")
    return text(code, style if terminal.color else "")


def cells_grid(
    headers: list[str],
    columns: list[tuple[str, str]],
    rows: list[tuple[list[str], dict[str, Record]]],
    terminal: Terminal,
) -> list[RenderableType]:
    """Role cells in a grid: label columns (`headers`), then one column per (key, title).

    When the cell columns do not fit, each row becomes a line of `title: code` instead, so that no
    code is ever cut. Empty cells are a dim dot; the legend follows.
    """
    # Each cell column is as wide as its title's longest word or its widest code; the first label column
    # (a region or network name) wraps between words and needs its longest word; the other labels (a
    # country code) never wrap. When that does not fit, rows become lines: no name or code is ever cut.
    widths = [
        max([longest_word(printable(title))] + [cell_len(cell_code(cells[key])) for _, cells in rows if key in cells])
        for key, title in columns
    ]
    labels = [[printable(header)] + [printable(row[0][i]) for row in rows] for i, header in enumerate(headers)]
    label_low = [max(longest_word(label) for label in labels[0])]
    label_low += [max(cell_len(label) for label in t) for t in labels[1:]]
    room = terminal.width - GAP * (len(headers) + len(columns) - 1) - sum(widths) - sum(label_low[1:])
    if room < label_low[0]:
        out: list[RenderableType] = []
        for labels_of_row, cells in rows:
            heading = labels_of_row[0] + "".join(f" ({label})" for label in labels_of_row[1:])
            titles = dict(columns)
            out.append(text(heading, "bold"))
            out.append(indented(" · ".join(f"{titles[key]}: {cell_code(cell)}" for key, cell in cells.items())))
        return [*out, text(CELL_LEGEND, "dim")]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False, padding=(0, 1, 0, 0))
    table.add_column(headers[0], width=min(room, max(cell_len(label) for label in labels[0])))
    for header, width in zip(headers[1:], label_low[1:], strict=True):
        table.add_column(header, no_wrap=True, width=width)
    for (_, title), width in zip(columns, widths, strict=True):
        table.add_column(title, width=width, justify="center")
    for labels_of_row, cells in rows:
        table.add_row(
            *(text(label) for label in labels_of_row),
            *(_cell_text(cells.get(key), terminal) for key, _ in columns),
        )
    return [table, text(CELL_LEGEND, "dim")]
