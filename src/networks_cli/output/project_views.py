"""What the answers about imported projects show in each format (issue #15), as `views` does for the rest.
Tables come from `tables.projects`, imported only when a table is asked for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from networks_cli.dataset.names import Record
from networks_cli.output.formats import Terminal, View
from networks_cli.output.views import shown

if TYPE_CHECKING:
    from rich.console import RenderableType  # noqa: TID251 (a type only: Rich loads only for a table)


def status_view(status: Record) -> View:
    columns = ["imported", "database", "files", "date", "projects", "rows", "placed", "empty_nuts", "unplaced"]
    columns += ["licence", "attribution"]

    def row() -> list[Any]:
        source, counts = status["source"] or {}, status["counts"] or {}
        return [
            status["imported"],
            status["database"],
            source.get("files"),
            source.get("date"),
            counts.get("projects"),
            counts.get("rows"),
            counts.get("placed"),
            counts.get("empty_nuts"),
            counts.get("unplaced"),
            source.get("licence"),
            source.get("attribution"),
        ]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.projects import status_table

        return status_table(status, terminal)

    return View(status, lambda: [status], columns, lambda: [row()], shown(table))


def sources_view(sources: Record) -> View:
    columns = ["name", "date", "licence", "attribution"]
    imported = sources["projects"]["source"]

    def rows() -> list[Any]:
        found: list[Any] = [[sources["dataset"]["name"], sources["dataset"]["version"], None, None]]
        if imported:
            found.append([imported["name"], imported["date"], imported["licence"], imported["attribution"]])
        return found

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.projects import sources_table

        return sources_table(sources, terminal)

    return View(sources, lambda: [sources], columns, rows, shown(table))


def project_view(answer: Record) -> View:
    columns = ["project", "acronym", "region", "region_name", "organisation", "name", "role", "activity_type", "nuts"]
    project = answer["project"]

    def records() -> list[Record]:
        return [
            {"project": project["id"], "acronym": project["acronym"], "region": region["nuts"]}
            | {"region_name": region["name"], "organisation": o["id"], "name": o["name"], "role": o["role"]}
            | {"activity_type": o["activity_type"], "nuts": o["nuts"]}
            for region in [*answer["regions"], {"nuts": None, "name": None, "organisations": answer["unplaced"]}]
            for o in region["organisations"]
        ]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.projects import project_table

        return project_table(answer, terminal)

    return View(
        answer,
        records,
        columns,
        lambda: [[record[column] for column in columns] for record in records()],
        shown(table),
    )


def project_partners_view(result: Record) -> View:
    partners = result["partners"]
    # `score` last (added in 0.4.0, empty for `--basis projects`): the columns before it keep their places.
    columns = ["region", "name", "country", "nuts", "count", "shared", "projects", "project_ids", "score"]

    def row(partner: Record) -> list[Any]:
        projects = partner["projects"] or {"count": 0, "ids": []}
        region = partner["region"]
        return [
            *(region[key] for key in ("id", "name", "country", "nuts")),
            partner["count"],
            partner["shared"],
            projects["count"],
            projects["ids"],
            partner.get("score"),
        ]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.projects import project_partners_table

        return project_partners_table(result, terminal)

    def rows() -> list[Sequence[Any]]:
        return [row(p) for p in partners]

    return View(partners, lambda: partners, columns, rows, shown(table), notes=result.get("notes", ()))


def with_region_projects(view: View, projects: Record | None) -> View:
    """The region's view with its projects beneath its networks in the table (JSON has them as `projects`)."""
    if projects is None:
        return view
    networks_table = view.table

    def table(terminal: Terminal) -> str:
        from networks_cli.output.tables.grid import human
        from networks_cli.output.tables.projects import region_projects

        return networks_table(terminal) + human(region_projects(projects, terminal), terminal)

    view.table = table
    return view


def project_hits_view(hits: list[Record]) -> View:
    columns = ["id", "acronym", "title"]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.projects import project_hits_table

        return project_hits_table(hits, terminal)

    return View(hits, lambda: hits, columns, lambda: [[hit[c] for c in columns] for hit in hits], shown(table))


def export_view(answer: Record) -> View:
    columns = ["table", "rows", "path"]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.projects import export_table

        return export_table(answer, terminal)

    rows: list[Sequence[Any]] = [[name, count, answer["path"]] for name, count in answer["tables"].items()]
    return View(answer, lambda: [answer], columns, lambda: rows, shown(table))
