"""`coverage [NETWORK]`: how complete and how recent the atlas is, as tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from networks_cli.dataset.names import Record
from networks_cli.output.formats import Terminal
from networks_cli.output.phrases import confirmed_phrase, coverage_phrase, share_phrase
from networks_cli.output.tables.grid import Column, grid, text

if TYPE_CHECKING:
    from rich.console import RenderableType


def coverage_table(answer: Record, terminal: Terminal) -> list[RenderableType]:
    """The whole atlas: a row per network, then the totals in one line."""
    columns = [
        Column("ID", keep=True),
        Column("Listed", keep=True),
        Column("Declared"),
        Column("Share", keep=True),
        Column("Confirmed", keep=True),
        Column("Network", ratio=2),  # the name the default order follows; moves out first on a narrow terminal
    ]
    rows = [[*_counts(row), _span(row), row["name"]] for row in answer["networks"]]
    note = (
        "Listed: members in the atlas, and how many a source of the last five years names. Declared: the latest "
        "count a source gives (a, b = counts no source orders). Share: listed of declared (? = cannot tell). "
        "Confirmed: the years of the oldest and newest of its members' last confirmations. "
        f"`networks coverage ID` lists a network's members by last confirmation. Sorted by {answer['sort']}."
    )
    table = grid("Coverage", columns, rows, terminal, optional=("Network",), dropped_note="`networks list` has it.")
    return [*table, text(answer["total"]["phrase"] + "."), text(note, "dim")]


def network_coverage_table(answer: Record, terminal: Terminal) -> list[RenderableType]:
    """One network: its coverage in a line, then its members by last confirmation, newest first."""
    row = answer["network"]
    heading = f"{row['name']} ({row['id']}): {coverage_phrase(row['coverage'])}."
    columns = [Column("Member", ratio=2), Column("Role"), Column("Status"), Column("Confirmed", keep=True)]
    columns.append(Column("Source", keep=True))
    members = [
        [
            member["name"],
            member["role"],
            member["status"],
            confirmed_phrase(member["last_confirmed"]),
            member["source"] or "",
        ]
        for member in answer["members"]
    ]
    legend = "Confirmed: the latest date a source names the member (≥ = a source that dates itself no earlier)."
    return [
        text(heading, "bold"),
        *grid("Members by last confirmation", columns, members, terminal),
        text(legend, "dim"),
    ]


def _counts(row: Record) -> list[str]:
    declared = ", ".join(str(count) for count in row["coverage"]["declared_counts"]) or "—"
    share = share_phrase(row["coverage"])
    return [row["id"], f"{row['listed']} ({row['current']} current)", declared, share]


def _span(row: Record) -> str:
    oldest, newest = row["oldest_confirmation"], row["newest_confirmation"]
    if oldest is None:
        return "undated"
    return oldest[:4] if oldest[:4] == newest[:4] else f"{oldest[:4]}-{newest[:4]}"
