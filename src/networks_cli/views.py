"""What each command shows: its JSON document, its records and rows for the flat formats, its table.

A view holds the query's result as is (the JSON contract) and says how to flatten it. The human
table is built by `tables`, imported only when a table is asked for, so machine output never loads Rich.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from networks_cli.render import Record, View

if TYPE_CHECKING:
    pass


def list_view(networks: list[Record]) -> View:
    columns = ["id", "name", "acronym", "founded", "focus", "themes", "member_count", "declared_member_count"]
    return View(
        document=networks,
        records=lambda: networks,
        columns=columns,
        rows=lambda: [[network[column] for column in columns] for network in networks],
        table=lambda terminal: _tables().list_table(networks, terminal),
    )


def show_view(profile: Record) -> View:
    columns = ["network", "id", "name", "type", "country", "nuts", "role", "since", "status", "as_of", "source"]
    members = [{"network": profile["id"], **member} for member in profile["members"]]
    return View(
        document=profile,
        records=lambda: members,
        columns=columns,
        rows=lambda: [[member[column] for column in columns] for member in members],
        table=lambda terminal: _tables().show_table(profile, terminal),
    )


def region_view(profile: Record) -> View:
    columns = ["region", "network", "name", "role", "since", "status", "through", "organisations", "source"]
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
            entry["through"],
            organisations,
            entry["source"],
        ]

    return View(
        document=profile,
        records=lambda: [record(entry) for entry in profile["networks"]],
        columns=columns,
        rows=lambda: [row(entry) for entry in profile["networks"]],
        table=lambda terminal: _tables().region_table(profile, terminal),
    )


def _tables() -> Any:
    from networks_cli import tables

    return tables


def history_view(history: Record) -> View:
    columns = ["network", "date", "date_precision", "count", "qualifier", "counted", "series", "latest", "source"]
    return View(
        document=history,
        records=lambda: history["counts"],
        columns=columns,
        rows=lambda: [[count[column] for column in columns] for count in history["counts"]],
        table=lambda terminal: _tables().history_table(history, terminal),
    )
