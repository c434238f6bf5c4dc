"""What each command shows: its JSON document, its records and rows for the flat formats, its table.

A view holds the query's result as is (the JSON contract) and says how to flatten it. Each view
carries its own table builder, which imports its family's layout in `tables/` (and Rich) only when a
table is asked for, so machine output never loads Rich. The words come from `phrases`, citations'
formats from `cite`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from networks_cli.dataset.names import Record
from networks_cli.output.formats import Terminal, View
from networks_cli.output.phrases import confirmed_phrase, reason_phrase, role_text, roles

if TYPE_CHECKING:
    from rich.console import RenderableType  # noqa: TID251 (a type only: Rich loads only for a table)

    from networks_cli.answers.validation import Report

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

    return _records_view(
        networks,
        ["id", "name", "acronym", "founded", "focus", "themes", "member_count", "declared_member_count", "category"],
        table,
    )


def _records_view(records: list[Record], columns: list[str], table: TableBuilder) -> View:
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


REGION_KEYS = ("id", "name", "country", "nuts")


def partners_view(result: Record, evidence: bool = False, explain: bool = False) -> View:
    partners = result["partners"]
    columns = ["region", "name", "country", "nuts", "count", "shared", "roles", "score", "new_contact", "reason"]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.discovery import partners_table

        return partners_table(result, terminal, evidence, explain)

    return View(
        document=partners,
        records=lambda: partners,
        columns=columns,
        rows=lambda: [
            [
                *(p["region"][key] for key in REGION_KEYS),
                p["count"],
                p["shared"],
                roles(p["memberships"]),
                p.get("score"),
                p.get("new_contact"),
                reason_phrase(p),
            ]
            for p in partners
        ],
        table=shown(table),
        notes=result.get("notes", ()),
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

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.discovery import compare_table

        return compare_table(result, terminal)

    return View(
        document=result,
        records=records,
        columns=["network", *keys],
        rows=rows,
        table=shown(table),
    )


def search_view(hits: list[Record]) -> View:
    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.discovery import search_table

        return search_table(hits, terminal)

    return _records_view(hits, ["type", "id", "name", "matched", "match", "snippet", "command"], table)


def regions_view(regions: list[Record]) -> View:
    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.discovery import regions_table

        return regions_table(regions, terminal)

    return _records_view(regions, ["id", "name", "country", "nuts", "networks", "network_ids"], table)


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


def matrix_view(result: Record) -> View:
    ids = [network["id"] for network in result["networks"]]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.discovery import matrix_table

        return matrix_table(result, terminal)

    return View(
        document=result,
        records=lambda: result["regions"],
        columns=["region", *ids],
        rows=lambda: [
            [row["id"], *(role_text(row["cells"][n]) if n in row["cells"] else "" for n in ids)]
            for row in result["regions"]
        ],
        table=shown(table),
    )


def themes_view(themes: list[Record]) -> View:
    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.discovery import themes_table

        return themes_table(themes, terminal)

    return _records_view(themes, ["id", "name", "networks", "network_ids", "description"], table)


def validate_view(report: Report, strict: bool) -> View:
    """Problems one per line (`PATH: error: …`), then a summary; exit 4 if invalid, 5 if --strict and warned."""
    from networks_cli.errors import ExitStatus

    problems = [{"path": report.path, "severity": "error", "message": m} for m in report.errors]
    problems += [{"path": report.path, "severity": "warning", "message": m} for m in report.warnings]
    problems += [{"path": report.path, "severity": "note", "message": m} for m in report.notes]
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
        "notes": report.notes,
        "counts": report.counts,
    }
    columns = ["path", "severity", "message"]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.validation import validate_table

        return validate_table(report, strict, terminal)

    return View(
        document=document,
        records=lambda: problems,
        columns=columns,
        rows=lambda: [[problem[column] for column in columns] for problem in problems],
        table=shown(table),
        exit_status=int(status),
    )


def schema_view(schema: Record) -> View:
    return View(
        document=schema,
        records=lambda: [schema],
        columns=["schema"],
        rows=lambda: [],
        table=lambda terminal: "",  # never asked for: `networks schema` always writes JSON
        pretty=True,
    )


COVERAGE_COLUMNS = [
    "id",
    "name",
    "listed",
    "current",
    "unconfirmed",
    "former",
    "declared",
    "declared_counts",
    "share",
    "partial",
    "oldest_confirmation",
    "newest_confirmation",
]


def coverage_view(answer: Record) -> View:
    """`coverage`: a row per network; with a network, a row per member (by last confirmation)."""
    if "members" in answer:
        return network_coverage_view(answer)

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.coverage import coverage_table

        return coverage_table(answer, terminal)

    def rows() -> list[Sequence[Any]]:
        return [[_coverage_cell(row, column) for column in COVERAGE_COLUMNS] for row in answer["networks"]]

    return View(
        document=answer, records=lambda: answer["networks"], columns=COVERAGE_COLUMNS, rows=rows, table=shown(table)
    )


def network_coverage_view(answer: Record) -> View:
    columns = ["network", "id", "name", "type", "role", "status", "last_confirmed", "source"]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.coverage import network_coverage_table

        return network_coverage_table(answer, terminal)

    def rows() -> list[Sequence[Any]]:
        from networks_cli.output.phrases import confirmed_phrase

        network = answer["network"]["id"]
        return [
            [
                network,
                m["id"],
                m["name"],
                m["type"],
                m["role"],
                m["status"],
                confirmed_phrase(m["last_confirmed"]),
                m["source"],
            ]
            for m in answer["members"]
        ]

    return View(document=answer, records=lambda: answer["members"], columns=columns, rows=rows, table=shown(table))


def _coverage_cell(row: Record, column: str) -> Any:
    if column in ("declared", "declared_counts", "share", "partial"):
        return row["coverage"][column]
    return row[column]
