"""What the commands about the data itself show (validate, schema, coverage): their JSON, rows and tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from networks_cli.dataset.names import Record
from networks_cli.output.formats import Terminal, View
from networks_cli.output.phrases import confirmed_phrase
from networks_cli.output.views import shown

if TYPE_CHECKING:
    from rich.console import RenderableType  # noqa: TID251 (a type only: Rich loads only for a table)

    from networks_cli.answers.validation import Report


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
