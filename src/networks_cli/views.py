"""What each command shows: its JSON document, its records and rows for the flat formats, its table.

A view holds the query's result as is (the JSON contract) and says how to flatten it. The human
table is built by `tables`, imported only when a table is asked for, so machine output never loads Rich.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from networks_cli.render import Record, View, role_text

if TYPE_CHECKING:
    from networks_cli.validation import Report


def list_view(networks: list[Record]) -> View:
    return _records_view(
        networks,
        ["id", "name", "acronym", "founded", "focus", "themes", "member_count", "declared_member_count"],
        "list_table",
    )


def _records_view(records: list[Record], columns: list[str], table: str) -> View:
    """The common case: the JSON document is a list of records, and each flat row picks columns of one."""
    return View(
        document=records,
        records=lambda: records,
        columns=columns,
        rows=lambda: [[record[column] for column in columns] for record in records],
        table=lambda terminal: getattr(_tables(), table)(records, terminal),
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


def _roles(memberships: list[Record]) -> list[str]:
    return [f"{m['network']}: {role_text(m)}" for m in memberships]


REGION_KEYS = ("id", "name", "country", "nuts")


def partners_view(result: Record) -> View:
    partners = result["partners"]
    columns = ["region", "name", "country", "nuts", "count", "shared", "roles"]
    return View(
        document=partners,
        records=lambda: partners,
        columns=columns,
        rows=lambda: [
            [
                *(p["region"][key] for key in REGION_KEYS),
                p["count"],
                p["shared"],
                _roles(p["memberships"]),
            ]
            for p in partners
        ],
        table=lambda terminal: _tables().partners_table(result, terminal),
    )


def compare_view(result: Record) -> View:
    keys = [region["key"] for region in result["regions"]]
    cells = {
        region["key"]: {network["id"]: role_text(network) for network in region["networks"]}
        for region in result["regions"]
    }
    only = result["only"]

    def records() -> list[Record]:
        return [
            {
                "region": region["key"],
                "name": region["name"],
                "networks": region["networks"],
                "only": only[region["key"]],
            }
            for region in result["regions"]
        ]

    def rows() -> list[Sequence[Any]]:
        return [
            [network["id"], *(cells[key].get(network["id"], "") for key in keys)]
            for network in result["networks"]
            if any(network["id"] in cells[key] for key in keys)
        ]

    return View(
        document=result,
        records=records,
        columns=["network", *keys],
        rows=rows,
        table=lambda terminal: _tables().compare_table(result, terminal),
    )


def search_view(hits: list[Record]) -> View:
    return _records_view(hits, ["type", "id", "name", "matched", "snippet"], "search_table")


def regions_view(regions: list[Record]) -> View:
    return _records_view(regions, ["id", "name", "country", "nuts", "networks", "network_ids"], "regions_table")


def matrix_view(result: Record) -> View:
    ids = [network["id"] for network in result["networks"]]
    return View(
        document=result,
        records=lambda: result["regions"],
        columns=["region", *ids],
        rows=lambda: [
            [row["id"], *(role_text(row["cells"][n]) if n in row["cells"] else "" for n in ids)]
            for row in result["regions"]
        ],
        table=lambda terminal: _tables().matrix_table(result, terminal),
    )


def themes_view(themes: list[Record]) -> View:
    return _records_view(themes, ["id", "name", "networks", "network_ids", "description"], "themes_table")


def validate_view(report: Report, strict: bool) -> View:
    """Problems one per line (`PATH: error: …`), then a summary; exit 4 if invalid, 5 if --strict and warned."""
    from networks_cli.errors import ExitStatus

    problems = [{"path": report.path, "severity": "error", "message": m} for m in report.errors]
    problems += [{"path": report.path, "severity": "warning", "message": m} for m in report.warnings]
    if not report.valid:
        status = ExitStatus.DATA_ERROR
    elif strict and report.warnings:
        status = ExitStatus.WARNINGS
    else:
        status = ExitStatus.OK
    document = {
        "path": report.path,
        "valid": report.valid,
        "strict": strict,
        "errors": report.errors,
        "warnings": report.warnings,
        "counts": report.counts,
    }
    columns = ["path", "severity", "message"]
    return View(
        document=document,
        records=lambda: problems,
        columns=columns,
        rows=lambda: [[problem[column] for column in columns] for problem in problems],
        table=lambda terminal: _tables().validate_table(report, strict, terminal),
        exit_status=int(status),
    )


def schema_view(schema: Record) -> View:
    return View(
        document=schema,
        records=lambda: [schema],
        columns=["schema"],
        rows=lambda: [],
        table=lambda terminal: [],  # never asked for: `networks schema` always writes JSON
        pretty=True,
    )
