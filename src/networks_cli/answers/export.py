"""`networks export`: the atlas (the dataset in use, plus imported projects) as tables for analysts.

`--sqlite PATH` writes one SQLite file and a `metadata.json` beside it that Datasette reads (title,
licence and source per table); `--csv DIR` writes one CSV file per table and a Frictionless
`datapackage.json`. Both hold the same tables, with the same columns, in a documented and stable
layout (README, "Export for analysts"): one row per network, region, organisation, source, and one
per membership; with projects imported, one per project and one per participation too. Lists of
names are joined with "; "; structured values are JSON text.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from networks_cli.dataset.store import Store
from networks_cli.errors import NetworksError
from networks_cli.projects.home import CORDIS_ATTRIBUTION, CORDIS_LICENCE, CORDIS_LICENCE_URL, CORDIS_URL
from networks_cli.projects.store import open_projects

EXPORT_FORMAT = 1
ATLAS_LICENCE = "MIT"  # the networks package's licence, which the bundled dataset is part of
ATLAS_SOURCE = "networks: an offline atlas of European interregional networks (each row cites its sources)"

# table -> [(column, SQL type)], in order. Add columns at the end only: the layout is a contract.
ATLAS_TABLES: dict[str, list[tuple[str, str]]] = {
    "networks": [
        ("id", "TEXT"),
        ("name", "TEXT"),
        ("full_name", "TEXT"),
        ("acronym", "TEXT"),
        ("kind", "TEXT"),
        ("category", "TEXT"),
        ("part_of", "TEXT"),
        ("platform", "TEXT"),
        ("family", "TEXT"),
        ("focus", "TEXT"),
        ("themes", "TEXT"),
        ("founded", "TEXT"),
        ("website", "TEXT"),
        ("member_count", "INTEGER"),
        # 0.4.0 (#22): `founded` is its date; its source and quote have columns of their own.
        ("founded_source", "TEXT"),
        ("founded_quote", "TEXT"),
        ("origin", "TEXT"),
    ],
    "regions": [
        ("id", "TEXT"),
        ("name", "TEXT"),
        ("country", "TEXT"),
        ("nuts", "TEXT"),
        ("nuts_version", "TEXT"),
        ("nuts_level", "INTEGER"),
        ("nuts_label", "TEXT"),
        ("names", "TEXT"),
        ("origin", "TEXT"),
    ],
    "organisations": [
        ("id", "TEXT"),
        ("name", "TEXT"),
        ("kind", "TEXT"),
        ("region", "TEXT"),
        ("source", "TEXT"),
        ("note", "TEXT"),
        ("region_name", "TEXT"),
        ("country", "TEXT"),
        ("origin", "TEXT"),
    ],
    "memberships": [
        ("network", "TEXT"),
        ("region", "TEXT"),
        ("organisation", "TEXT"),
        ("represents_region", "INTEGER"),
        ("role", "TEXT"),
        ("status", "TEXT"),
        ("since", "TEXT"),
        ("until", "TEXT"),
        ("last_confirmed", "TEXT"),
        ("source", "TEXT"),
        ("quote", "TEXT"),
        # 0.4.0 (#22): the names beside the ids, and where the member is, so no join is needed.
        ("network_name", "TEXT"),
        ("region_name", "TEXT"),
        ("organisation_name", "TEXT"),
        ("country", "TEXT"),
        ("nuts", "TEXT"),
        ("origin", "TEXT"),
    ],
    "sources": [
        ("id", "TEXT"),
        ("title", "TEXT"),
        ("publisher", "TEXT"),
        ("url", "TEXT"),
        ("date", "TEXT"),
        ("note", "TEXT"),
        ("origin", "TEXT"),
    ],
}
PROJECT_TABLES: dict[str, list[tuple[str, str]]] = {
    "projects": [
        ("id", "TEXT"),
        ("acronym", "TEXT"),
        ("title", "TEXT"),
        ("start_date", "TEXT"),
        ("end_date", "TEXT"),
        ("programme", "TEXT"),
        ("topics", "TEXT"),
        ("source_file", "TEXT"),
        ("source_row", "INTEGER"),
    ],
    "participations": [
        ("project", "TEXT"),
        ("organisation", "TEXT"),
        ("name", "TEXT"),
        ("short_name", "TEXT"),
        ("activity_type", "TEXT"),
        ("city", "TEXT"),
        ("country", "TEXT"),
        ("nuts", "TEXT"),
        ("nuts1", "TEXT"),
        ("nuts2", "TEXT"),
        ("nuts3", "TEXT"),
        ("role", "TEXT"),
        ("ec_contribution", "REAL"),
        ("active", "INTEGER"),
        ("source_file", "TEXT"),
        ("source_row", "INTEGER"),
    ],
}
PRIMARY_KEYS = {"networks": "id", "regions": "id", "organisations": "id", "sources": "id", "projects": "id"}
DESCRIPTIONS = {
    "networks": "One row per network.",
    "regions": "One row per region of the dataset.",
    "organisations": "One row per organisation named as a member (or through which a region takes part).",
    "memberships": "One row per membership: a region or organisation in a network, with its source and quote.",
    "sources": "One row per source the atlas cites.",
    "projects": "One row per EU-funded project imported from CORDIS.",
    "participations": "One row per organisation in a project (CORDIS's organization.csv), placed in NUTS 1-3. "
    "A region's ecosystem, never the region's own membership in a network.",
}


def _value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "; ".join(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _docs(store: Store, table: str) -> Iterator[dict[str, Any]]:
    for (doc,) in store.connection.execute(f"SELECT doc FROM {table} ORDER BY rowid"):
        yield json.loads(doc)


def _atlas_rows(store: Store, table: str) -> Iterator[tuple[Any, ...]]:
    columns = [name for name, _ in ATLAS_TABLES[table]]
    regions = {region["id"]: region for region in _docs(store, "regions")} if table == "organisations" else {}
    for record in _docs(store, table):
        if table == "regions":
            nuts = record.get("nuts") or {}
            record = record | {
                "nuts": nuts.get("code"),
                "nuts_version": nuts.get("version"),
                "nuts_level": nuts.get("level"),
                "nuts_label": nuts.get("label"),
            }
        elif table == "networks":
            # Flat cells: a sourced value is its value, its source and quote in columns of their own.
            website, founded = record.get("website"), record.get("founded") or {}
            record = record | {
                "website": website.get("url") if isinstance(website, dict) else website,
                "founded": founded.get("date"),
                "founded_source": founded.get("source"),
                "founded_quote": founded.get("quote"),
            }
        elif table == "organisations":
            region = regions.get(record["region"], {})
            record = record | {"region_name": region.get("name"), "country": region.get("country")}
        yield tuple(_value(record.get(column)) for column in columns)


def _membership_rows(store: Store) -> Iterator[tuple[Any, ...]]:
    networks = dict(store.network_headings())
    regions = {region["id"]: region for region in _docs(store, "regions")}
    organisations = {organisation["id"]: organisation["name"] for organisation in _docs(store, "organisations")}
    rows = store.connection.execute(
        "SELECT network, region, organisation, represents_region, role, status, source, quote, doc "
        "FROM memberships ORDER BY ord"
    )
    for network, region, organisation, represents, role, status, source, quote, doc in rows:
        record = json.loads(doc)
        confirmed = (record.get("last_confirmed") or {}).get("date")
        place = regions[region]
        yield (
            network,
            region,
            organisation,
            int(bool(represents)),
            role,
            status,
            record.get("since"),
            record.get("until"),
            confirmed,
            source,
            quote,
            networks[network],
            place["name"],
            organisations.get(organisation) if organisation else None,
            place.get("country"),
            (place.get("nuts") or {}).get("code"),
            record.get("origin"),
        )


def _tables(store: Store) -> Iterator[tuple[str, list[tuple[str, str]], Iterable[tuple[Any, ...]], bool]]:
    """(table, columns, rows, imported) of every table to export, the projects' only when imported."""
    for table, columns in ATLAS_TABLES.items():
        rows = _membership_rows(store) if table == "memberships" else _atlas_rows(store, table)
        yield table, columns, rows, False
    projects = open_projects()
    if projects is None:
        return
    try:
        for table, columns in PROJECT_TABLES.items():
            names = ", ".join(name for name, _ in columns)
            order = "id" if table == "projects" else "ord"
            yield table, columns, projects.connection.execute(f"SELECT {names} FROM {table} ORDER BY {order}"), True
    finally:
        projects.close()


def _table_metadata(table: str, imported: bool, dataset: str) -> dict[str, str]:
    if imported:
        return {
            "description": DESCRIPTIONS[table],
            "source": f"CORDIS ({CORDIS_ATTRIBUTION})",
            "source_url": CORDIS_URL,
            "license": CORDIS_LICENCE,
            "license_url": CORDIS_LICENCE_URL,
        }
    return {"description": DESCRIPTIONS[table], "source": f"{ATLAS_SOURCE}: {dataset}", "license": ATLAS_LICENCE}


def export_sqlite(store: Store, path: Path, dataset: str) -> dict[str, Any]:
    """Write the tables to a new SQLite file at `path` (replaced whole) and `metadata.json` beside it."""
    path = path.resolve()
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    counts: dict[str, int] = {}
    metadata_tables: dict[str, Any] = {}
    try:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode=OFF")
            connection.execute("BEGIN")
            for table, columns, rows, imported in _tables(store):
                declared = ", ".join(
                    f"{name} {kind}{' PRIMARY KEY' if PRIMARY_KEYS.get(table) == name else ''}"
                    for name, kind in columns
                )
                connection.execute(f"CREATE TABLE {table} ({declared})")
                marks = ", ".join("?" * len(columns))
                cursor = connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
                counts[table] = cursor.rowcount
                metadata_tables[table] = _table_metadata(table, imported, dataset)
            connection.execute("CREATE TABLE export_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            connection.executemany(
                "INSERT INTO export_meta VALUES (?, ?)", [("format", str(EXPORT_FORMAT)), ("dataset", dataset)]
            )
            if "memberships" in counts:
                connection.execute("CREATE INDEX memberships_by_region ON memberships(region)")
            if "participations" in counts:
                connection.execute("CREATE INDEX participations_by_nuts2 ON participations(nuts2)")
                connection.execute("CREATE INDEX participations_by_project ON participations(project)")
            connection.execute("COMMIT")
        finally:
            connection.close()
        os.replace(temporary, path)
    except (OSError, sqlite3.Error) as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise NetworksError(f"cannot write {path}: {reason}") from None
    metadata = {
        "title": "networks: European interregional networks",
        "license": ATLAS_LICENCE,
        "source": ATLAS_SOURCE,
        "databases": {path.stem: {"tables": metadata_tables}},
    }
    metadata_path = path.with_name("metadata.json")
    metadata_path.write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {"format": "sqlite", "path": str(path), "metadata": str(metadata_path), "tables": counts}


def export_csv(store: Store, directory: Path, dataset: str, excel: bool = False) -> dict[str, Any]:
    """Write one CSV file per table into `directory` and a Frictionless `datapackage.json`; with `excel`,
    as Excel opens them with their accents intact (UTF-8 with a byte order mark, CRLF line ends)."""
    encoding, line_end = ("utf-8-sig", "\r\n") if excel else ("utf-8", "\n")
    directory = directory.resolve()
    counts: dict[str, int] = {}
    resources: list[dict[str, Any]] = []
    types = {"TEXT": "string", "INTEGER": "integer", "REAL": "number"}
    try:
        directory.mkdir(parents=True, exist_ok=True)
        for table, columns, rows, imported in _tables(store):
            file = directory / f"{table}.csv"
            temporary = file.with_name(f".{file.name}.tmp")
            count = 0
            with temporary.open("w", encoding=encoding, newline="") as out:
                writer = csv.writer(out, lineterminator=line_end)
                writer.writerow([name for name, _ in columns])
                for row in rows:
                    writer.writerow(["" if value is None else value for value in row])
                    count += 1
            os.replace(temporary, file)
            counts[table] = count
            meta = _table_metadata(table, imported, dataset)
            resource: dict[str, Any] = {
                "name": table,
                "path": file.name,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": encoding,
                "description": meta["description"],
                "schema": {"fields": [{"name": name, "type": types[kind]} for name, kind in columns]},
                "sources": [
                    {"title": meta["source"], **({"path": meta["source_url"]} if "source_url" in meta else {})}
                ],
                "licenses": [
                    {"name": meta["license"], **({"path": meta["license_url"]} if "license_url" in meta else {})}
                ],
            }
            if table in PRIMARY_KEYS:
                resource["schema"]["primaryKey"] = PRIMARY_KEYS[table]
            resources.append(resource)
        package = {
            "profile": "tabular-data-package",
            "name": "networks-atlas",
            "title": "networks: European interregional networks",
            "licenses": [{"name": ATLAS_LICENCE}],
            "sources": [{"title": f"{ATLAS_SOURCE}: {dataset}"}],
            "resources": resources,
        }
        (directory / "datapackage.json").write_text(
            json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    except OSError as error:
        raise NetworksError(f"cannot write {directory}: {error.strerror or error}") from None
    return {"format": "csv", "path": str(directory), "metadata": str(directory / "datapackage.json"), "tables": counts}
