"""The networks' tables: `list`, `show` and `history`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.padding import Padding
from rich.table import Table

from networks_cli.dataset.names import Record
from networks_cli.output.formats import Terminal, can_encode
from networks_cli.output.phrases import (
    STATUS_LEGEND,
    count_number,
    count_phrase,
    count_when,
    coverage_phrase,
    evidence_phrase,
    history_phrase,
    latest_counts_phrase,
    latest_phrase,
    listed_phrase,
    origin_mark,
    share_phrase,
    since_phrase,
    sourced_phrase,
    sparkline,
    status_text,
)
from networks_cli.output.tables.grid import (
    WIDE,
    Column,
    bar,
    facts_grid,
    grid,
    indented,
    longest_word,
    sources_grid,
    text,
)

if TYPE_CHECKING:
    from rich.console import RenderableType


def list_table(networks: list[Record], terminal: Terminal) -> list[RenderableType]:
    columns = [
        Column("ID", keep=True),
        Column("Name", ratio=2),
        Column("Founded", keep=True),
        Column("Listed"),
        Column("Latest count"),
        Column("Share", keep=True),
        Column("Focus", ratio=3),
    ]
    rows = [
        [
            n["id"],
            n["name"] + origin_mark(n),
            n["founded"] or "unknown",
            f"{n['member_count']} ({n['members_by_status']['current']} current)",
            latest_phrase(n),
            share_phrase(n["coverage"]),
            n["focus"] or "",
        ]
        for n in networks
    ]
    note = (
        "Listed: members in this dataset. Latest count: the latest figure a source gives, and its year "
        "(≥ = not before; a | b = the order of two counts cannot be decided; ! = more members listed as current "
        "than the count says); `networks history ID` shows every count with its source. Share: members listed of "
        "the latest count (? = no dated count, or counts that disagree); `networks coverage` says more."
    )
    # The focus is prose that `show` repeats: it moves out before the table gives way to blocks.
    table = grid("Networks", columns, rows, terminal, optional=("Focus",), dropped_note="`networks show ID` has it.")
    return [*table, text(note, "dim")]


def show_table(profile: Record, terminal: Terminal, evidence: bool = False) -> list[RenderableType]:
    acronym = profile["acronym"]
    title = profile["name"] + (f" ({acronym})" if acronym and acronym != profile["name"] else "")
    by_status = ", ".join(f"{n} {name}" for name, n in profile["members_by_status"].items() if n)
    facts = facts_grid(
        [
            ("Id", profile["id"]),
            ("Full name", profile["full_name"]),
            ("Kind", profile["kind"]),
            ("Part of", f"{profile['part_of_name']} ({profile['part_of']})" if profile["part_of"] else None),
            ("Parts", ", ".join(f"{part['name']} ({part['id']})" for part in profile["parts"])),
            ("Platform", " / ".join(part for part in (profile["family"], profile["platform"]) if part)),
            ("Focus", profile["focus"]),
            ("Founded", sourced_phrase(profile["founded_detail"], "date")),
            ("Legal form", sourced_phrase(profile["legal_form"])),
            ("Funding", sourced_phrase(profile["funding"])),
            ("Secretariat", sourced_phrase(profile["secretariat"])),
            ("Website", profile["website"]),
            ("Themes", ", ".join(profile["themes"])),
            ("Members", f"{profile['member_count']} listed: {by_status}" if by_status else "none listed"),
            ("Latest count", latest_counts_phrase(profile)),
            ("Coverage", coverage_phrase(profile["coverage"])),
            ("Count warning", profile["count_warning"]),
            ("Undated counts", "; ".join(count_phrase(count) for count in profile["undated_counts"])),
            ("History", _history_line(profile, terminal)),
        ],
        terminal,
        urls=("Website",),
    )
    out: list[RenderableType] = [text(title, "bold underline"), *facts]
    if profile["description"]:
        out.append(text(f"\n{profile['description']} [{profile['description_source']}]"))
    for item in profile["lists"]:
        note = f" {item['note']}" if item["note"] else ""
        out.append(text(f"\n{item['title']} [{item['source']}]{note}", "bold"))
        out += [indented(f"• {entry}") for entry in item["items"]]
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
            m["name"] + (" (for its region)" if m["represents_region"] else "") + origin_mark(m),
            "org" if m["type"] == "organisation" else m["type"],
            m["country"] or "—",
            m["nuts"] or "—",
            m["role"],
            since_phrase(m),
            status_text(m),
            m["source"],
            *([evidence_phrase(m)] if evidence else []),
        ]
        for m in profile["members"]
    ]
    if evidence:
        member_columns.append(Column("Evidence"))
    # Eight columns need room: below WIDE the members are shown as blocks; with their evidence, always.
    out += grid(
        f"Members ({listed_phrase(profile)}; latest count {latest_phrase(profile)})",
        member_columns,
        member_rows,
        terminal,
        narrow=WIDE,
        evidence=evidence,
    )
    out.append(text(STATUS_LEGEND + " ~ = approximate.", "dim"))
    count_columns = [Column("Date", keep=True), Column("Count", keep=True), Column("What"), Column("Source", keep=True)]
    latest = profile["latest_counts"]
    count_rows = [
        [
            count_when(c),
            (f"{c['qualifier']} " if c["qualifier"] else "") + str(c["count"]),
            c["counted"]
            + (" (latest)" if c in latest else "")
            + (f" “{c['quote']}”" if evidence and c["quote"] else ""),
            c["source"],
        ]
        for c in profile["member_counts"]
    ]
    if count_rows:
        out += grid("Member counts by source", count_columns, count_rows, terminal)
    if profile["facts"]:
        out.append(text("\nFacts", "bold"))
        for fact in profile["facts"]:
            when = f" ({fact['when']})" if fact["when"] else ""
            flag = " (unverified)" if fact["unverified"] else ""
            out.append(indented(f"• {fact['text']}{when}{flag} [{fact['source']}]"))
            if evidence and fact.get("quote"):
                out.append(indented(f"  “{fact['quote']}”"))
    return out + sources_grid(profile["sources"], terminal)


def _history_line(profile: Record, terminal: Terminal) -> str:
    line = history_phrase(profile["first_count"], profile["latest_counts"], profile["member_count"])
    spark = sparkline(profile["count_series"])
    # The sparkline is for a person at a terminal that can draw it.
    if spark and terminal.is_tty and can_encode(spark, terminal.encoding):
        line += f"  {spark}"
    return f"{line}  (networks history {profile['id']})"


_SERIES_STYLE = {"members": "cyan", "associates": "magenta", "observers": "yellow", "other": "dim"}


def history_table(history: Record, terminal: Terminal) -> list[RenderableType]:
    out: list[RenderableType] = [text(f"{history['name']}: members over time", "bold underline")]
    out.append(text(history_phrase(history["first"], history["latest_counts"], history["member_count"])))
    dated = [count for count in history["counts"] if count["date"] or count["not_before"]]
    undated = [count for count in history["counts"] if not (count["date"] or count["not_before"])]
    if dated:
        out.append(
            text(
                "\nDated counts, oldest first (one bar each; a year alone sorts before its months; "
                "≥ = not before that date)",
                "bold",
            )
        )
        high = max(count["count"] for count in dated)
        numbers = [count_number(count) for count in dated]
        dates = [count["date"] or f"≥ {count['not_before']}" for count in dated]
        whats = [count["counted"] + (" (latest)" if count["latest"] else "") for count in dated]
        number_width = max(cell_len(number) for number in numbers)
        date_width = max(cell_len(date) for date in dates)
        # Date, bar and number stay on one line; what was counted wraps, between words, in the space
        # left, or goes on a line of its own below when the longest of its words would not fit there.
        room = terminal.width - date_width - number_width - 3
        word = max(longest_word(what) for what in whats)
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
            cells = [text(date), text(bar(count["count"], high, bar_width, terminal), style), text(number)]
            described = text(what, "bold" if count["latest"] else "")
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
        out.append(text("\nUndated counts (nothing says when they were true, so none is the latest)", "bold"))
        out += [indented(f"• {count_number(c)} {c['counted']} [{c['source']}]") for c in undated]
    if not history["counts"]:
        out.append(text("\nNo source in this dataset gives a member count for this network."))
    count_columns = [
        Column("Date", keep=True),
        Column("Count", keep=True),
        Column("What", ratio=3),
        Column("Series", keep=True),
        Column("Source", keep=True),
    ]
    count_rows = [
        [
            count_when(c),
            count_number(c),
            c["counted"] + (f" ({c['note']})" if c["note"] else ""),
            c["series"],
            c["source"],
        ]
        for c in history["counts"]
    ]
    if count_rows:
        out += grid("Counts with their sources", count_columns, count_rows, terminal)
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
        out += grid(
            "Joined, left and other dated steps, where the data dates them (~ = approximate)",
            event_columns,
            event_rows,
            terminal,
        )
    return out + sources_grid(history["sources"], terminal)
