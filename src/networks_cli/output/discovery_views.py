"""What the discovery commands show (partners, compare, search, regions, matrix, themes): JSON, rows, tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from networks_cli.dataset.names import Record
from networks_cli.output.formats import Terminal, View
from networks_cli.output.phrases import reason_phrase, role_text, roles
from networks_cli.output.views import records_view, shown

if TYPE_CHECKING:
    from rich.console import RenderableType  # noqa: TID251 (a type only: Rich loads only for a table)


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

    return records_view(hits, ["type", "id", "name", "matched", "match", "snippet", "command"], table)


def regions_view(regions: list[Record]) -> View:
    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.discovery import regions_table

        return regions_table(regions, terminal)

    return records_view(regions, ["id", "name", "country", "nuts", "networks", "network_ids"], table)


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

    return records_view(themes, ["id", "name", "networks", "network_ids", "description"], table)
