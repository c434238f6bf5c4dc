"""Human tables: the only module that imports Rich, loaded only when a table is asked for.

Text from the data always goes through `_text()`, which shows control characters as escapes and is
never parsed as Rich markup.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from networks_cli.dataset.countries import country_name
from networks_cli.dataset.names import Record
from networks_cli.dataset.timeline import confirmed_phrase
from networks_cli.output.formats import Terminal, can_encode, cell, printable, role_text

if TYPE_CHECKING:
    from networks_cli.answers.validation import Report

# Below this width a table would have to cut ids and codes: each row becomes a block of lines instead.
NARROW = 80

STATUS_LEGEND = (
    "Status (last confirmed): current = a source of the last five years before the dataset's date names the "
    "member; unconfirmed = the latest source naming it is older or undated, and nothing says it ended; "
    "former = a source dates its end. ≥ = an undated source that dates itself to then or later. "
    "[id] = a source, listed under Sources."
)


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
            # A URL on its own line (`_url`): longer than the terminal, it is printed whole, past the edge.
            console.print(renderable, crop=False, no_wrap=True, overflow="ignore")
        else:
            console.print(renderable)
    return "\n".join(_TRAILING.sub(_keep_escapes, line) for line in buffer.getvalue().split("\n"))


# Spaces at the end of a line, among the colour codes that may close it.
_TRAILING = re.compile(r"(?:[ \t]|\x1b\[[0-9;]*m)+$")
_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def _keep_escapes(match: re.Match[str]) -> str:
    return "".join(_ESCAPE.findall(match.group()))


def _text(value: Any, style: str = "") -> Any:
    return Text(printable(cell(value)), style=style)


def _indented(value: str) -> Any:
    return Padding(_text(value), (0, 0, 0, 2))


# A wrapping column is at least this wide (or as wide as its widest cell).
PROSE = 12
# Between two columns of a table: the cell's right padding and the (blank) column divider.
GAP = 2


def _words(value: str) -> int:
    """The width of the longest word: the narrowest a cell can be without splitting one."""
    return max((cell_len(word) for word in value.split()), default=1)


def _fit(columns: list[Column], rows: list[list[str]], width: int) -> list[int] | None:
    """Column widths that fit `width` without splitting a word, or None when there are none.

    Each column gets at least its longest word (its longest cell, for one that is never wrapped); the
    space left goes to the wrapping columns by their ratio, none wider than its longest cell. Rich's own
    shrinking takes from the widest column whatever its words, so the widths are fixed here.
    """
    texts = [[column.header, *(printable(cell(row[index])) for row in rows)] for index, column in enumerate(columns)]
    high = [max(cell_len(text) for text in cells) for cells in texts]
    # A wrapping column narrower than a few words reads as a column of single words: a table that can
    # give it no more does not fit.
    low = [
        high[i] if column.keep else max(min(high[i], PROSE), *(_words(text) for text in texts[i]))
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


def _grid(
    title: str,
    columns: list[Column],
    rows: list[list[str]],
    terminal: Terminal,
    narrow: int = NARROW,
    optional: tuple[str, ...] = (),
    dropped_note: str = "",
) -> list[RenderableType]:
    """A table where every column gets its longest word; otherwise one block per row, headed by its first cell.

    Below `narrow` columns the blocks are used whatever fits. When the table does not fit, the
    `optional` columns (lowest value first) move out, one at a time, before the table gives way to
    blocks; `dropped_note` then says where to find them.
    """
    heading = _text(f"\n{title}", "bold")
    shown, kept_rows, gone = columns, rows, []
    widths = _fit(shown, kept_rows, terminal.width) if terminal.width >= narrow else None
    for header in optional:
        if widths is not None or terminal.width < narrow:
            break
        index = [c.header for c in shown].index(header)
        shown = shown[:index] + shown[index + 1 :]
        kept_rows = [row[:index] + row[index + 1 :] for row in kept_rows]
        gone.append(header)
        widths = _fit(shown, kept_rows, terminal.width)
    if widths is None:
        out: list[RenderableType] = [heading]
        for row in rows:
            out.append(_text(row[0] or "·", "bold"))
            fields = [
                f"{c.header}: {v}" for c, v in zip(columns[1:], row[1:], strict=True) if v and c.header != "Evidence"
            ]
            out.append(_indented(" · ".join(fields)))
            # The evidence is prose: on a line of its own, where it reads as the quote it is.
            out += [_indented(f"Evidence: {v}") for c, v in zip(columns, row, strict=True) if c.header == "Evidence"]
        return out
    # Not expanded: a wide terminal gets the table its cells need, not blank runs between columns.
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False, padding=(0, 1, 0, 0))
    for column, width in zip(shown, widths, strict=True):
        # A fixed width of at least the longest word: text wraps between words; `fold` is never needed.
        table.add_column(column.header, width=width, no_wrap=column.keep, overflow="fold")
    for row in kept_rows:
        table.add_row(*(_text(value) for value in row))
    out = [heading, table]
    if gone:
        out.append(_text(f"Not shown at this width: {', '.join(gone)}. {dropped_note}".rstrip(), "dim"))
    return out


def _url(url: str, terminal: Terminal, indent: int = 0) -> Text:
    """A URL, never wrapped: a hyperlink on a terminal that shows colour (OSC 8), plain text elsewhere.

    On a line of its own (with `indent`), a URL longer than the terminal is printed whole, past the
    edge, for the terminal to wrap: cut or folded, it would no longer be the address.
    """
    text = printable(url)
    link = Text(text, style=Style(link=text) if terminal.color else "")
    return Text.assemble(" " * indent, link, no_wrap=True, overflow="ignore")


def _facts_grid(rows: list[tuple[str, str | None]], terminal: Terminal, urls: tuple[str, ...] = ()) -> list[Any]:
    """Label and value side by side; a value with a word (or a URL, in `urls`) too wide for the value
    column goes under its label instead, so that nothing is split."""
    shown = [(label, value) for label, value in rows if value]
    label_width = max((cell_len(label) for label, _ in shown), default=1)
    room = terminal.width - label_width - 2
    out: list[Any] = []
    grid: Table | None = None
    for label, value in shown:
        is_url = label in urls
        if (cell_len(value) if is_url else _words(value)) > room:
            grid = None
            out.append(_text(label, "bold"))
            out.append(_url(value, terminal, indent=2) if is_url else _indented(value))
            continue
        if grid is None:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold", no_wrap=True, width=label_width)
            grid.add_column(overflow="fold", max_width=room)
            out.append(grid)
        grid.add_row(_text(label), _url(value, terminal) if is_url else _text(value))
    return out


def _number(count: Record) -> str:
    return (f"{count['qualifier']} " if count["qualifier"] else "") + str(count["count"])


def _count_phrase(count: Record | None) -> str:
    if count is None:
        return "unknown"
    return f"{_number(count)} {count['counted']} ({_when(count)}) [{count['source']}]"


def _when(count: Record) -> str:
    """A count's date as known: `2020-11-17`, `not before 2020-11`, or `undated`."""
    if count["date"]:
        return str(count["date"])
    return f"not before {count['not_before']}" if count.get("not_before") else "undated"


def _year(count: Record) -> str:
    if count["date"]:
        return str(count["date"])[:4]
    return f"≥ {count['not_before'][:4]}" if count.get("not_before") else "undated"


def status_text(membership: Record) -> str:
    """`current (2024)`, `unconfirmed (2015)`, `unconfirmed (≥ 2020)`, `unconfirmed (undated)`."""
    confirmed = membership.get("last_confirmed")
    if not confirmed:
        when = "undated"
    else:
        when = ("≥ " if confirmed["bound"] == "not before" else "") + str(confirmed["date"])[:4]
    return f"{membership['status']} ({when})" if membership.get("status") else "—"


def _listed_phrase(network: Record) -> str:
    listed = network["member_count"]
    current = network["members_by_status"]["current"]
    return f"{listed} listed ({current} current)"


def _latest_phrase(network: Record) -> str:
    """The latest count, or the counts that could each be the latest, side by side; `!` when members
    listed as current outnumber it."""
    latest = network["latest_counts"]
    if not latest:
        return "no dated count"
    phrase = " | ".join(f"{_number(count)} ({_year(count)})" for count in latest)
    return phrase + (" !" if network.get("count_warning") else "")


def history_phrase(first: Record | None, latest: list[Record], member_count: int) -> str:
    """One line of a network's growth: `members: 10 (2013) → 39 (2023) | 32 (≥ 2020), 41 listed here`."""
    listed = f"{member_count} listed here"
    if not latest:
        return f"members: no dated count; {listed}"
    now = " | ".join(f"{_number(count)} ({_year(count)})" for count in latest)
    if first is None or first in latest:
        return f"members: {now}, {listed}"
    return f"members: {_number(first)} ({_year(first)}) → {now}, {listed}"


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[int]) -> str:
    """The counts as a row of block characters, from zero to the highest, as the history bars are.

    From zero, not from the lowest count: 125 → 130 → 125 is three tall blocks, not a cliff.
    """
    high = max(values, default=0)
    if len(values) < 2 or high <= 0:
        return ""
    return "".join(SPARKS[round(max(value, 0) / high * (len(SPARKS) - 1))] for value in values)


def _sourced_phrase(value: Record | None, key: str = "text") -> str | None:
    if value is None:
        return None
    phrase = f"{value[key]} [{value['source']}]"
    return phrase + (f" {value['note']}" if value.get("note") else "")


def _since(record: Record) -> str:
    """When the member joined; for a label, the year it was awarded (a winner is not a member since then)."""
    if record.get("awarded"):
        return f"label {record['awarded']}"
    return (record["since"] or "—") + ("~" if record.get("since_approx") else "")


def _evidence(record: Record) -> str:
    """The quotes behind a membership: its source's, then each confirmation's and dated step's."""
    quotes = [f"“{record['quote']}” [{record['source']}]"] if record.get("quote") else []
    quotes += [f"“{item['quote']}” [{item['source']}]" for item in record.get("confirmations") or [] if item["quote"]]
    quotes += [
        f"{item['date']} {item['event']}: “{item['quote']}” [{item['source']}]"
        for item in record.get("events") or []
        if item["quote"]
    ]
    return " ".join(quotes) or "no quote recorded"


def network_title(entry: Record) -> str:
    """A network as a region's answer names it: `CPMR — Baltic Sea Commission` for a part of a network."""
    parent = entry.get("part_of_name")
    if not parent:
        return str(entry["name"])
    name = str(entry["name"])
    rest = name[len(parent) :].strip(" -\u2013\u2014") if name.startswith(parent) else name
    return f"{parent} — {rest or name}"


def _sources_grid(sources: list[Record], terminal: Terminal) -> list[RenderableType]:
    """Each source: its id and what it is, then its URL on a line of its own, where it is never wrapped."""
    out: list[RenderableType] = [_text("\nSources", "bold")]
    for source in sources:
        line = Text.assemble(
            _text(source["id"], "bold"),
            "  ",
            _text(" — ".join(part for part in (source["publisher"], source["title"]) if part)),
        )
        out.append(line)
        if source["url"]:
            out.append(_url(source["url"], terminal, indent=2))
    return out


def list_table(networks: list[Record], terminal: Terminal) -> list[RenderableType]:
    columns = [
        Column("ID", keep=True),
        Column("Name", ratio=2),
        Column("Founded", keep=True),
        Column("Listed"),
        Column("Latest count"),
        Column("Focus", ratio=3),
    ]
    rows = [
        [
            n["id"],
            n["name"],
            n["founded"] or "unknown",
            f"{n['member_count']} ({n['members_by_status']['current']} current)",
            _latest_phrase(n),
            n["focus"] or "",
        ]
        for n in networks
    ]
    note = (
        "Listed: members in this dataset. Latest count: the latest figure a source gives, and its year "
        "(≥ = not before; a | b = the order of two counts cannot be decided; ! = more members listed as current "
        "than the count says); `networks history ID` shows every count with its source."
    )
    # The focus is prose that `show` repeats: it moves out before the table gives way to blocks.
    table = _grid("Networks", columns, rows, terminal, optional=("Focus",), dropped_note="`networks show ID` has it.")
    return [*table, _text(note, "dim")]


def show_table(profile: Record, terminal: Terminal, evidence: bool = False) -> list[RenderableType]:
    acronym = profile["acronym"]
    title = profile["name"] + (f" ({acronym})" if acronym and acronym != profile["name"] else "")
    by_status = ", ".join(f"{n} {name}" for name, n in profile["members_by_status"].items() if n)
    facts = _facts_grid(
        [
            ("Id", profile["id"]),
            ("Full name", profile["full_name"]),
            ("Kind", profile["kind"]),
            ("Part of", f"{profile['part_of_name']} ({profile['part_of']})" if profile["part_of"] else None),
            ("Parts", ", ".join(f"{part['name']} ({part['id']})" for part in profile["parts"])),
            ("Platform", " / ".join(part for part in (profile["family"], profile["platform"]) if part)),
            ("Focus", profile["focus"]),
            ("Founded", _sourced_phrase(profile["founded_detail"], "date")),
            ("Legal form", _sourced_phrase(profile["legal_form"])),
            ("Funding", _sourced_phrase(profile["funding"])),
            ("Secretariat", _sourced_phrase(profile["secretariat"])),
            ("Website", profile["website"]),
            ("Themes", ", ".join(profile["themes"])),
            ("Members", f"{profile['member_count']} listed: {by_status}" if by_status else "none listed"),
            ("Latest count", _latest_counts_phrase(profile)),
            ("Count warning", profile["count_warning"]),
            ("Undated counts", "; ".join(_count_phrase(count) for count in profile["undated_counts"])),
            ("History", _history_line(profile, terminal)),
        ],
        terminal,
        urls=("Website",),
    )
    out: list[RenderableType] = [_text(title, "bold underline"), *facts]
    if profile["description"]:
        out.append(_text(f"\n{profile['description']} [{profile['description_source']}]"))
    for item in profile["lists"]:
        note = f" {item['note']}" if item["note"] else ""
        out.append(_text(f"\n{item['title']} [{item['source']}]{note}", "bold"))
        out += [_indented(f"• {entry}") for entry in item["items"]]
    member_columns = [
        Column("Member", ratio=3),
        Column("Type", keep=True),
        Column("Country", keep=True),
        Column("NUTS", keep=True),
        Column("Role"),
        Column("Since", keep=True),
        Column("Status"),
        Column("Source", keep=True),
    ]
    member_rows = [
        [
            m["name"] + (" (for its region)" if m["represents_region"] else ""),
            "org" if m["type"] == "organisation" else m["type"],
            m["country"] or "—",
            m["nuts"] or "—",
            m["role"],
            _since(m),
            status_text(m),
            m["source"],
            *([_evidence(m)] if evidence else []),
        ]
        for m in profile["members"]
    ]
    if evidence:
        member_columns.append(Column("Evidence"))
    # Eight columns need room: below 120 columns the members are shown as blocks; with their evidence, always.
    out += _grid(
        f"Members ({_listed_phrase(profile)}; latest count {_latest_phrase(profile)})",
        member_columns,
        member_rows,
        terminal,
        narrow=10**6 if evidence else 120,
    )
    out.append(_text(STATUS_LEGEND + " ~ = approximate.", "dim"))
    count_columns = [Column("Date", keep=True), Column("Count", keep=True), Column("What"), Column("Source", keep=True)]
    latest = profile["latest_counts"]
    count_rows = [
        [
            _when(c),
            (f"{c['qualifier']} " if c["qualifier"] else "") + str(c["count"]),
            c["counted"]
            + (" (latest)" if c in latest else "")
            + (f" “{c['quote']}”" if evidence and c["quote"] else ""),
            c["source"],
        ]
        for c in profile["member_counts"]
    ]
    if count_rows:
        out += _grid("Member counts by source", count_columns, count_rows, terminal)
    if profile["facts"]:
        out.append(_text("\nFacts", "bold"))
        for fact in profile["facts"]:
            when = f" ({fact['when']})" if fact["when"] else ""
            flag = " (unverified)" if fact["unverified"] else ""
            out.append(_indented(f"• {fact['text']}{when}{flag} [{fact['source']}]"))
            if evidence and fact.get("quote"):
                out.append(_indented(f"  “{fact['quote']}”"))
    return out + _sources_grid(profile["sources"], terminal)


def _latest_counts_phrase(profile: Record) -> str:
    latest = profile["latest_counts"]
    if not latest:
        return "unknown: no source gives a dated count"
    if len(latest) == 1:
        return _count_phrase(latest[0])
    return "one of, in an order no source decides: " + " | ".join(_count_phrase(count) for count in latest)


def _history_line(profile: Record, terminal: Terminal) -> str:
    line = history_phrase(profile["first_count"], profile["latest_counts"], profile["member_count"])
    spark = sparkline(profile["count_series"])
    # The sparkline is for a person at a terminal that can draw it.
    if spark and terminal.is_tty and can_encode(spark, terminal.encoding):
        line += f"  {spark}"
    return f"{line}  (networks history {profile['id']})"


def region_heading(region: Record) -> str:
    nuts = region["nuts"] or "no NUTS code"
    return f"{region['name']} ({nuts}, {country_name(region['country'])})"


def region_table(profile: Record, terminal: Terminal, evidence: bool = False) -> list[RenderableType]:
    region = profile["region"]
    nuts = (
        f"{region['nuts']} (NUTS {region['nuts_version']}, level {region['nuts_level']}: {region['nuts_label']})"
        if region["nuts"]
        else "none: not a NUTS unit, or unknown"
    )
    facts = _facts_grid(
        [
            ("Country", f"{country_name(region['country'])} ({region['country']})" if region["country"] else "unknown"),
            ("NUTS", nuts),
            ("Also known as", ", ".join(region["names"])),
            ("Note", region["note"]),
            ("Organisations", ", ".join(org["name"] for org in profile["organisations"])),
        ],
        terminal,
    )
    out: list[RenderableType] = [_text(region["name"], "bold underline"), *facts]
    if not region["in_dataset"]:
        out.append(
            _text(f"Not in this dataset: found among the European regions of NUTS {region['nuts_version']}.", "dim")
        )
    for other in profile["related"]:
        where = "lies within" if other["relation"] == "contains" else "contains"
        out.append(
            _text(
                f"It {where} {other['name']} ({other['nuts']}), which is in this dataset: networks region {other['id']}"
            )
        )
    if not profile["networks"]:
        count = profile["dataset_network_count"]
        out.append(_text(f"\n{region_heading(region)} takes part in none of the {count} networks in this dataset."))
        return out
    columns = [
        Column("Network"),
        Column("ID", keep=True),
        Column("Role"),
        Column("Since", keep=True),
        Column("Status"),
        Column("Source", keep=True),
    ]
    rows: list[list[str]] = []
    for entry in profile["networks"]:
        title = network_title(entry)
        if entry["through"] == "region":
            row = [title, entry["id"], entry["role"], _since(entry), status_text(entry), entry["source"]]
            rows.append(row + ([_evidence(entry)] if evidence else []))
        for org in entry["organisations"]:
            row = [
                title,
                entry["id"],
                f"via {org['name']}: {org['role']}",
                _since(org),
                status_text(org),
                org["source"],
            ]
            rows.append(row + ([_evidence(org)] if evidence else []))
    if evidence:
        columns.append(Column("Evidence"))
    legend = "via = through an organisation based in the region, not the region's own membership. "
    out += _grid("Networks", columns, rows, terminal, narrow=10**6 if evidence else NARROW)
    out.append(_text(legend + STATUS_LEGEND, "dim"))
    return out + _sources_grid(profile["sources"], terminal)


_SERIES_STYLE = {"members": "cyan", "associates": "magenta", "observers": "yellow", "other": "dim"}
_EIGHTHS = " ▏▎▍▌▋▊▉"


def _bar(value: int, high: int, width: int, terminal: Terminal) -> str:
    """A bar `value / high` of `width` cells, in eighths of a cell where the terminal can draw them."""
    if not can_encode("█▏", terminal.encoding):
        return "#" * max(1, round(value / high * width)) if value else ""
    eighths = round(value / high * width * 8) if high else 0
    if value and not eighths:
        eighths = 1  # a count above zero always shows
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


def history_table(history: Record, terminal: Terminal) -> list[RenderableType]:
    out: list[RenderableType] = [_text(f"{history['name']}: members over time", "bold underline")]
    out.append(_text(history_phrase(history["first"], history["latest_counts"], history["member_count"])))
    dated = [count for count in history["counts"] if count["date"] or count["not_before"]]
    undated = [count for count in history["counts"] if not (count["date"] or count["not_before"])]
    if dated:
        out.append(
            _text(
                "\nDated counts, oldest first (one bar each; a year alone sorts before its months; "
                "≥ = not before that date)",
                "bold",
            )
        )
        high = max(count["count"] for count in dated)
        numbers = [_number(count) for count in dated]
        dates = [count["date"] or f"≥ {count['not_before']}" for count in dated]
        whats = [count["counted"] + (" (latest)" if count["latest"] else "") for count in dated]
        number_width = max(cell_len(number) for number in numbers)
        date_width = max(cell_len(date) for date in dates)
        # Date, bar and number stay on one line; what was counted wraps, between words, in the space
        # left, or goes on a line of its own below when the longest of its words would not fit there.
        room = terminal.width - date_width - number_width - 3
        word = max(_words(what) for what in whats)
        bar_width = max(6, min(40, (room - word) // 2))
        beside = room - bar_width >= word
        chart = Table.grid(padding=(0, 1, 0, 0))
        chart.add_column(no_wrap=True, width=date_width)
        chart.add_column(no_wrap=True, width=bar_width)
        chart.add_column(no_wrap=True, justify="right", width=number_width)
        if beside:
            chart.add_column(width=room - bar_width)
        lines: list[RenderableType] = []  # without room beside the bars: each row, then what it counted
        for date, count, number, what in zip(dates, dated, numbers, whats, strict=True):
            style = _SERIES_STYLE.get(count["series"], "") if terminal.color else ""
            cells = [_text(date), _text(_bar(count["count"], high, bar_width, terminal), style), _text(number)]
            described = _text(what, "bold" if count["latest"] else "")
            if beside:
                chart.add_row(*cells, described)
            else:
                one = Table.grid(padding=(0, 1, 0, 0))
                for column in chart.columns:
                    one.add_column(no_wrap=True, width=column.width, justify=column.justify)
                one.add_row(*cells)
                lines += [one, Padding(described, (0, 0, 0, 2))]
        out += [chart] if beside else lines
    if undated:
        out.append(_text("\nUndated counts (nothing says when they were true, so none is the latest)", "bold"))
        out += [_indented(f"• {_number(c)} {c['counted']} [{c['source']}]") for c in undated]
    if not history["counts"]:
        out.append(_text("\nNo source in this dataset gives a member count for this network."))
    count_columns = [
        Column("Date", keep=True),
        Column("Count", keep=True),
        Column("What", ratio=3),
        Column("Series", keep=True),
        Column("Source", keep=True),
    ]
    count_rows = [
        [
            _when(c),
            _number(c),
            c["counted"] + (f" ({c['note']})" if c["note"] else ""),
            c["series"],
            c["source"],
        ]
        for c in history["counts"]
    ]
    if count_rows:
        out += _grid("Counts with their sources", count_columns, count_rows, terminal)
    if history["events"]:
        event_columns = [
            Column("Date", keep=True),
            Column("Event", ratio=2),
            Column("Member", ratio=2),
            Column("Role"),
            Column("Source", keep=True),
        ]
        event_rows = [
            [e["date"] + ("~" if e["approximate"] else ""), e["what"], e["name"], e["role"], e["source"]]
            for e in history["events"]
        ]
        out += _grid(
            "Joined, left and other dated steps, where the data dates them (~ = approximate)",
            event_columns,
            event_rows,
            terminal,
        )
    return out + _sources_grid(history["sources"], terminal)


# ---------------------------------------------------------------- discovery

ROLE_CODES = {
    "lead partner": "lead",
    "founding member": "founder",
    "full member": "full",
    "member": "member",
    "partner": "partner",
    "associate member": "assoc",
    "observer": "observer",
    "participant": "particip",
    "supporting member": "support",
    "associated region": "assoc reg",
    "lead region": "lead",
    "co-lead region": "co-lead",
    "label winner": "label",
    "special mention": "mention",
}
_ROLE_STYLE = {"lead": "bold green", "founder": "green", "full": "green", "member": "green", "partner": "green"}
CELL_LEGEND = (
    "lead = lead partner or lead region, founder = founding member, support = supporting member, "
    "assoc reg = associated region, label = awarded the label, full = full member, assoc = associate member, "
    "particip = participant. ? = unconfirmed (no source of the last five years names it), * = former, "
    "+ = through an organisation that stands for the region, (org) = only an organisation of the region is a member."
)


def cell_code(cell: Record) -> str:
    code = ROLE_CODES.get(cell["role"], str(cell["role"]))
    if cell["through"] == "organisation only":
        return f"({code} org)" if code else "(org)"
    code += {"former": "*", "unconfirmed": "?"}.get(cell["status"], "")
    return code + ("+" if cell["through"] == "organisation" else "")


def _cell_text(cell: Record | None, terminal: Terminal) -> Any:
    if cell is None:
        return _text("·", "dim")
    code = cell_code(cell)
    style = "dim" if cell["status"] != "current" or cell["through"] == "organisation only" else ""
    if not style:
        style = _ROLE_STYLE.get(ROLE_CODES.get(cell["role"], ""), "cyan")
    return _text(code, style if terminal.color else "")


def _scope_phrase(scope: Record) -> str:
    parts = []
    if scope["networks"]:
        parts.append("networks " + ", ".join(scope["networks"]))
    if scope["countries"]:
        parts.append("countries " + ", ".join(scope["countries"]))
    if scope["themes"]:
        parts.append("themes " + ", ".join(scope["themes"]))
    if scope["current_only"]:
        parts.append("current memberships only")
    return ("Filtered to " + "; ".join(parts) + ".") if parts else ""


def _partner_evidence(membership: Record) -> str:
    when = f", last confirmed {confirmed_phrase(membership['last_confirmed'])}" if membership["last_confirmed"] else ""
    quote = f"“{membership['quote']}”" if membership["quote"] else "no quote recorded"
    return f"{membership['network']}: {quote} [{membership['source']}{when}]"


def partners_table(result: Record, terminal: Terminal, evidence: bool = False) -> list[RenderableType]:
    region = result["region"]
    out: list[RenderableType] = [_text(f"Partners of {region_heading(region)}", "bold underline")]
    if result["networks"]:
        own = ", ".join(f"{n['name']} ({role_text(n)})" for n in result["networks"])
        out.append(_text(f"{region['name']} takes part in: {own}."))
    else:
        out.append(_text(f"{region['name']} takes part in none of the networks in scope, so it shares none."))
    scope = _scope_phrase(result["scope"])
    if scope:
        out.append(_text(scope, "dim"))
    if not result["partners"]:
        out.append(_text("\nNo region shares a network with it here."))
        return out
    columns = [
        Column("Region", ratio=2),
        Column("Country", keep=True),
        Column("NUTS", keep=True),
        Column("Shared", keep=True),
        Column("Their role in each shared network", ratio=4),
    ]
    rows = [
        [
            p["region"]["name"],
            p["region"]["country"] or "—",
            p["region"]["nuts"] or "—",
            str(p["count"]),
            "; ".join(f"{m['network']}: {role_text(m)}" for m in p["memberships"]),
            *([" ".join(_partner_evidence(m) for m in p["memberships"])] if evidence else []),
        ]
        for p in result["partners"]
    ]
    if evidence:
        columns.append(Column("Evidence"))
    out += _grid(
        f"{len(rows)} regions share networks with {region['name']}, most shared first",
        columns,
        rows,
        terminal,
        narrow=10**6 if evidence else NARROW,
    )
    out.append(
        _text("Shared: networks both take part in, themselves or through an organisation that stands for them.", "dim")
    )
    return out


def compare_table(result: Record, terminal: Terminal) -> list[RenderableType]:
    regions = result["regions"]
    names = {network["id"]: network["name"] for network in result["networks"]}
    out: list[RenderableType] = [_text("Compared: " + "; ".join(region_heading(r) for r in regions), "bold underline")]
    scope = _scope_phrase(result["scope"])
    if scope:
        out.append(_text(scope, "dim"))
    cells = {r["key"]: {n["id"]: n for n in r["networks"]} for r in regions}
    in_any = [n["id"] for n in result["networks"] if any(n["id"] in cells[r["key"]] for r in regions)]
    if in_any:
        rows = [
            ([f"{names[n]} ({n})"], {r["key"]: cells[r["key"]][n] for r in regions if n in cells[r["key"]]})
            for n in in_any
        ]
        out += [_text(""), *_cells_grid(["Network"], [(r["key"], r["name"]) for r in regions], rows, terminal)]

    def listed(ids: list[str]) -> str:
        return ", ".join(names[n] for n in ids) if ids else "none"

    out.append(_text(f"\nShared by all: {listed(result['shared'])}", "bold"))
    if len(regions) > 2:
        out.append(_text(f"Shared by some: {listed(result['some'])}"))
    for region in regions:
        out.append(_text(f"Only {region['name']}: {listed(result['only'][region['key']])}"))
    return out


def search_table(hits: list[Record], terminal: Terminal) -> list[RenderableType]:
    if not hits:
        return [_text("Nothing matches: every word must appear in one name or text (accents and case ignored).")]
    columns = [
        Column("Type", keep=True),
        Column("Name", ratio=2),
        Column("Matched in", keep=True),
        Column("Where", ratio=4),
        Column("Shown by", keep=True),
    ]
    rows = [[h["type"], h["name"], f"{h['matched']} ({h['match']})", h["snippet"], h["command"]] for h in hits]
    return _grid(f"{len(hits)} {'match' if len(hits) == 1 else 'matches'}, best first", columns, rows, terminal)


def regions_table(regions: list[Record], terminal: Terminal) -> list[RenderableType]:
    if not regions:
        return [_text("No region in this dataset matches these filters.")]
    columns = [
        Column("Region", ratio=2),
        Column("ID", keep=True),
        Column("Country", keep=True),
        Column("NUTS", keep=True),
        Column("Networks", keep=True),
        Column("Which", ratio=2),
    ]
    rows = [
        [r["name"], r["id"], r["country"] or "—", r["nuts"] or "—", str(r["networks"]), ", ".join(r["network_ids"])]
        for r in regions
    ]
    note = "Networks: those the region takes part in itself or through an organisation that stands for it."
    # The list of network ids is the widest column and `networks region NAME` gives it: it moves out first.
    table = _grid(
        f"{len(rows)} regions",
        columns,
        rows,
        terminal,
        optional=("Which",),
        dropped_note="`networks region NAME` lists a region's networks.",
    )
    return [*table, _text(note, "dim")]


def matrix_table(result: Record, terminal: Terminal) -> list[RenderableType]:
    networks, rows = result["networks"], result["regions"]
    out: list[RenderableType] = [_text("Who is in what: regions down, networks across", "bold underline")]
    scope = _scope_phrase(result["scope"])
    if scope:
        out.append(_text(scope, "dim"))
    if not rows:
        return [*out, _text("No region takes part in these networks.")]
    columns = [(network["id"], network["id"]) for network in networks]
    grid_rows = [([row["name"], row["country"] or "—"], row["cells"]) for row in rows]
    return out + _cells_grid(["Region", "CC"], columns, grid_rows, terminal)


def _cells_grid(
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
        max([_words(printable(title))] + [cell_len(cell_code(cells[key])) for _, cells in rows if key in cells])
        for key, title in columns
    ]
    labels = [[printable(header)] + [printable(row[0][i]) for row in rows] for i, header in enumerate(headers)]
    label_low = [max(_words(text) for text in labels[0])] + [max(cell_len(text) for text in t) for t in labels[1:]]
    room = terminal.width - GAP * (len(headers) + len(columns) - 1) - sum(widths) - sum(label_low[1:])
    if room < label_low[0]:
        out: list[RenderableType] = []
        for labels_of_row, cells in rows:
            heading = labels_of_row[0] + "".join(f" ({label})" for label in labels_of_row[1:])
            titles = dict(columns)
            out.append(_text(heading, "bold"))
            out.append(_indented(" · ".join(f"{titles[key]}: {cell_code(cell)}" for key, cell in cells.items())))
        return [*out, _text(CELL_LEGEND, "dim")]
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, expand=False, padding=(0, 1, 0, 0))
    table.add_column(headers[0], width=min(room, max(cell_len(text) for text in labels[0])))
    for header, width in zip(headers[1:], label_low[1:], strict=True):
        table.add_column(header, no_wrap=True, width=width)
    for (_, title), width in zip(columns, widths, strict=True):
        table.add_column(title, width=width, justify="center")
    for labels_of_row, cells in rows:
        table.add_row(
            *(_text(label) for label in labels_of_row),
            *(_cell_text(cells.get(key), terminal) for key, _ in columns),
        )
    return [table, _text(CELL_LEGEND, "dim")]


def themes_table(themes: list[Record], terminal: Terminal) -> list[RenderableType]:
    columns = [
        Column("Theme", ratio=2),
        Column("ID", keep=True),
        Column("Networks", keep=True),
        Column("Which", ratio=2),
        Column("Description", ratio=3),
    ]
    rows = [
        [t["name"], t["id"], str(t["networks"]), ", ".join(t["network_ids"]), t["description"] or ""] for t in themes
    ]
    note = "`networks list --theme ID` lists the networks of one theme."
    # The network ids are what `networks list --theme ID` shows: they move out before the description does.
    table = _grid("Themes", columns, rows, terminal, optional=("Which",))
    return [*table, _text(note, "dim")]


def validate_table(report: Report, strict: bool, terminal: Terminal) -> list[RenderableType]:
    out: list[RenderableType] = [_text(f"{report.path}: error: {message}", "red") for message in report.errors]
    out += [_text(f"{report.path}: warning: {message}", "yellow") for message in report.warnings]
    out += [_text(f"{report.path}: note: {message}", "dim") for message in report.notes]
    if not report.valid:
        out.append(_text(f"{report.path}: invalid: {len(report.errors)} errors", "bold red"))
        return out
    sizes = ", ".join(f"{n} {what}" for what, n in report.counts.items())
    verdict = "valid" if not (strict and report.warnings) else "valid, but --strict fails on warnings"
    notes = f", {len(report.notes)} notes" if report.notes else ""
    out.append(_text(f"{report.path}: {verdict}: {len(report.warnings)} warnings{notes} ({sizes})", "bold"))
    return out


def organisation_table(profile: Record, terminal: Terminal, evidence: bool = False) -> list[RenderableType]:
    """`org NAME`: the organisation, the networks it takes part in, and its region's networks briefly."""
    organisation, region = profile["organisation"], profile["region"]
    facts = _facts_grid(
        [
            ("Id", organisation["id"]),
            ("Also known as", ", ".join(organisation["names"])),
            ("Kind", organisation["kind"]),
            ("Region", f"{region_heading(region)}: networks region {region['id']}"),
            ("Note", organisation["note"]),
            ("Source", organisation["source"]),
        ],
        terminal,
    )
    out: list[RenderableType] = [_text(organisation["name"], "bold underline"), *facts]
    if not profile["networks"]:
        out.append(_text(f"\n{organisation['name']} takes part in none of this dataset's networks itself."))
    else:
        columns = [
            Column("Network"),
            Column("ID", keep=True),
            Column("Role"),
            Column("Since", keep=True),
            Column("Status", keep=True),
            Column("Source", keep=True),
        ]
        rows = [
            [network_title(entry), entry["id"], entry["role"], _since(entry), status_text(entry), entry["source"]]
            + ([_evidence(entry)] if evidence else [])
            for entry in profile["networks"]
        ]
        if evidence:
            columns.append(Column("Evidence"))
        out += _grid("Networks", columns, rows, terminal, narrow=10**6 if evidence else NARROW)
        out.append(_text(STATUS_LEGEND, "dim"))
    if profile["region_networks"]:
        brief = ", ".join(
            f"{entry['id']} ({entry['role']}{'' if entry['through'] == 'region' else ', ' + entry['through']})"
            for entry in profile["region_networks"]
        )
        out.append(_text(f"\n{region['name']}'s networks: {brief}"))
    return out + _sources_grid(profile["sources"], terminal)
