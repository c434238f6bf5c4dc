"""What each command shows: its JSON document, its records and rows for the flat formats, its table.

A view holds the query's result as is (the JSON contract) and says how to flatten it. Each view
carries its own table builder, which imports its family's layout in `tables/` (and Rich) only when a
table is asked for, so machine output never loads Rich. The words come from `phrases`, citations'
formats from `cite`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from networks_cli.dataset.names import Record
from networks_cli.output.formats import Terminal, View
from networks_cli.output.phrases import confirmed_phrase

if TYPE_CHECKING:
    from rich.console import RenderableType  # noqa: TID251 (a type only: Rich loads only for a table)


# How a view builds its human table: `tables/`, and with it Rich, is imported inside each builder, so
# only a table pays for it (and `render`, below `tables/`, never imports it).
TableBuilder = Callable[[Terminal], "list[RenderableType]"]


def shown(build: TableBuilder) -> Callable[[Terminal], str]:
    """The table a builder makes, as text for this terminal."""

    def text(terminal: Terminal) -> str:
        from networks_cli.output.tables.grid import human

        return human(build(terminal), terminal)

    return text


def list_view(networks: list[Record]) -> View:
    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.networks import list_table

        return list_table(networks, terminal)

    return records_view(
        networks,
        ["id", "name", "acronym", "founded", "focus", "themes", "member_count", "declared_member_count", "category"],
        table,
    )


def records_view(records: list[Record], columns: list[str], table: TableBuilder) -> View:
    """The common case: the JSON document is a list of records, and each flat row picks columns of one."""
    return View(
        document=records,
        records=lambda: records,
        columns=columns,
        rows=lambda: [[record[column] for column in columns] for record in records],
        table=shown(table),
    )


def show_view(profile: Record, evidence: bool = False) -> View:
    columns = [
        "network",
        "id",
        "name",
        "type",
        "country",
        "nuts",
        "role",
        "since",
        "status",
        "last_confirmed",
        "as_of",
        "source",
        "quote",
        "origin",  # the --with file the membership came from; empty: the atlas's (added last: columns only grow)
    ]
    members = [{"network": profile["id"], **member} for member in profile["members"]]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.networks import show_table

        return show_table(profile, terminal, evidence)

    return View(
        document=profile,
        records=lambda: members,
        columns=columns,
        rows=lambda: [[_flat(member, column) for column in columns] for member in members],
        table=shown(table),
    )


def region_view(profile: Record, evidence: bool = False) -> View:
    columns = [
        "region",
        "network",
        "name",
        "role",
        "since",
        "status",
        "last_confirmed",
        "through",
        "organisations",
        "source",
        "quote",
        "origin",  # the --with file the membership came from; empty: the atlas's
    ]
    region_id = profile["region"]["id"]

    def record(entry: Record) -> Record:
        return {"region": region_id, **entry}

    def row(entry: Record) -> list[Any]:
        organisations = [f"{org['name']} ({org['role']})" for org in entry["organisations"]]
        return [
            region_id,
            entry["id"],
            entry["name"],
            entry["role"],
            entry["since"],
            entry["status"],
            _flat(entry, "last_confirmed"),
            entry["through"],
            organisations,
            entry["source"],
            entry["quote"],
            entry["origin"],
        ]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.regions import region_table

        return region_table(profile, terminal, evidence)

    return View(
        document=profile,
        records=lambda: [record(entry) for entry in profile["networks"]],
        columns=columns,
        rows=lambda: [row(entry) for entry in profile["networks"]],
        table=shown(table),
    )


def organisation_view(profile: Record, evidence: bool = False) -> View:
    columns = [
        "organisation",
        "network",
        "name",
        "role",
        "since",
        "status",
        "last_confirmed",
        "source",
        "quote",
        "origin",  # the --with file the membership came from; empty: the atlas's
    ]
    organisation_id = profile["organisation"]["id"]
    records = [{"organisation": organisation_id, "network": entry["id"], **entry} for entry in profile["networks"]]
    for record in records:
        del record["id"]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.regions import organisation_table

        return organisation_table(profile, terminal, evidence)

    return View(
        document=profile,
        records=lambda: records,
        columns=columns,
        rows=lambda: [[_flat(record, column) for column in columns] for record in records],
        table=shown(table),
    )


def _flat(record: Record, column: str) -> Any:
    """A value for a flat format's cell: `last_confirmed` as its date, `≥ date` for a bound."""
    value = record[column]
    if column == "last_confirmed":
        return confirmed_phrase(value) if value else None
    return value


def history_view(history: Record) -> View:
    columns = ["network", "date", "date_precision", "count", "qualifier", "counted", "series", "latest", "source"]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.networks import history_table

        return history_table(history, terminal)

    return View(
        document=history,
        records=lambda: history["counts"],
        columns=columns,
        rows=lambda: [[count[column] for column in columns] for count in history["counts"]],
        table=shown(table),
    )


MEMBERSHIP_COLUMNS = [
    "network",
    "network_name",
    "member",
    "member_name",
    "member_type",
    "region",
    "region_name",
    "country",
    "nuts",
    "role",
    "represents_region",
    "status",
    "since",
    "until",
    "last_confirmed",
    "source",
    "quote",
    "origin",
]


def memberships_view(memberships: list[Record]) -> View:
    """Every membership, one flat row each: the last confirmation is its date in the rows (the JSON keeps
    the object, with its bound and source)."""

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.discovery import memberships_table

        return memberships_table(memberships, terminal)

    def cell(record: Record, column: str) -> object:
        value = record[column]
        return (value or {}).get("date") if column == "last_confirmed" else value

    return View(
        document=memberships,
        records=lambda: memberships,
        columns=MEMBERSHIP_COLUMNS,
        rows=lambda: [[cell(record, column) for column in MEMBERSHIP_COLUMNS] for record in memberships],
        table=shown(table),
    )
