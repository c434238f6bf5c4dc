"""`networks export`: the atlas (the dataset in use, plus imported projects) as tables for analysts.

`--sqlite PATH` writes one SQLite file and a `metadata.json` beside it that Datasette reads (title,
licence and source per table); `--csv DIR` writes one CSV file per table and a Frictionless
`datapackage.json`. Both hold the same tables, with the same columns, in a documented and stable
layout (docs/export.md): one row per network, region, organisation, source, and one
per membership; with projects imported, one per project and one per participation too. Lists of
names are joined with "; "; structured values are JSON text.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from networks_cli.dataset.names import Record, nuts_columns
from networks_cli.dataset.store import Store
from networks_cli.errors import NetworksError, shown_path
from networks_cli.files import replaceable, sweep, temporary_directory, temporary_file, terminated_cleanly
from networks_cli.projects.store import open_projects

EXPORT_FORMAT = 1
EXPORT_TITLE = "networks: European interregional networks"
PACKAGE_NAME = "networks-atlas"
# Temporary files and folders of an export, beside its target: unpredictable names of this prefix.
TEMPORARY_PREFIX = ".networks-export-"
CODE_LICENCE = "MIT"  # the tool's code; not the data's terms
DATA_TERMS = (
    "facts compiled from the listed sources (the sources table), whose texts, quoted as evidence, "
    "remain their publishers'"
)
DATA_LICENCE_ID = "other-at"  # Open Definition's "Other (Attribution)": attribute the sources
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
    "projects": "One row per EU-funded project imported (from the source this table's metadata names).",
    "participations": "One row per organisation in a project (the source's list of participants), placed in NUTS 1-3. "
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
            record = record | nuts_columns(record)
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


def _tables(store: Store) -> Iterator[tuple[str, list[tuple[str, str]], Iterable[tuple[Any, ...]], Record | None]]:
    """(table, columns, rows, source) of every table to export: `source` None for the atlas's, and for
    the imported projects' (only when imported) the import's own record of where they come from and
    their licence (`ProjectStore.source`), so that no source is named here."""
    for table, columns in ATLAS_TABLES.items():
        rows = _membership_rows(store) if table == "memberships" else _atlas_rows(store, table)
        yield table, columns, rows, None
    projects = open_projects()
    if projects is None:
        return
    try:
        source = projects.source()
        for table, columns in PROJECT_TABLES.items():
            names = ", ".join(name for name, _ in columns)
            order = "id" if table == "projects" else "ord"
            yield table, columns, projects.connection.execute(f"SELECT {names} FROM {table} ORDER BY {order}"), source
    finally:
        projects.close()


def _table_metadata(table: str, imported: Record | None, dataset: str) -> dict[str, str]:
    if imported:
        return {
            "description": DESCRIPTIONS[table],
            "source": f"{imported['name']} ({imported['attribution']})",
            "source_url": imported["url"],
            "license": imported["licence"],
            "license_url": imported["licence_url"],
        }
    return {"description": DESCRIPTIONS[table], "source": f"{ATLAS_SOURCE}: {dataset}", "license": DATA_TERMS}


def _terms(imported: Record | None) -> str:
    """The export's terms as a whole: the code's licence, the data's, and the imported source's."""
    terms = f"Code: {CODE_LICENCE}. Data: {DATA_TERMS}."
    if imported:
        terms += f" Imported {imported['name']} data: {imported['licence']} ({imported['attribution']})."
    return terms


def _text(path: Path) -> str:
    """A path as the JSON answer gives it: as is, or escaped when its bytes are not text (JSON is UTF-8)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return shown_path(path)
    return str(path)


def _cannot_write(path: Path, error: OSError | sqlite3.Error) -> NetworksError:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return NetworksError(f"cannot write {shown_path(path)}: {reason}")


def _not_ours(path: Path) -> NetworksError:
    return NetworksError(
        f"not replacing {shown_path(path)}: networks export did not write it (give --force to replace it)"
    )


def _written_sqlite(path: Path) -> bool:
    """Whether the SQLite file at `path` is one an export wrote (it has `export_meta`); read only."""
    try:
        connection = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, ValueError):
        return False
    try:
        found = connection.execute("SELECT value FROM export_meta WHERE key = 'format'").fetchone()
        return found is not None
    except sqlite3.Error:
        return False
    finally:
        connection.close()


def _written_json(path: Path, key: str, value: str) -> bool:
    """Whether the JSON file at `path` is one an export wrote (its `key` is `value`); a large file is not."""
    try:
        if os.lstat(path).st_size > 16 * 1024 * 1024:
            return False
        document = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return isinstance(document, dict) and document.get(key) == value


def _check_replaceable(path: Path, written_by_export: Callable[[Path], bool], force: bool) -> None:
    """Raise unless a write may replace what is at `path`: nothing, or a regular file that an export
    wrote (any regular file with `force`); never a link, a folder or a device."""
    if replaceable(path) is not None and not force and not written_by_export(path):
        raise _not_ours(path)


@contextlib.contextmanager
def _folder_locked(folder: Path) -> Iterator[None]:
    """One export at a time into a folder (an advisory lock on the folder itself, released on exit or kill)."""
    try:
        import fcntl
    except ImportError:  # Windows: renames are still atomic; two exports at once are not serialised
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _usual_mode(path: Path, directory: bool = False) -> None:
    """mkstemp and mkdtemp make private files; an export gets the mode a plain `open` would give it."""
    mask = os.umask(0o022)
    os.umask(mask)
    os.chmod(path, (0o777 if directory else 0o666) & ~mask)


def export_sqlite(store: Store, path: Path, dataset: str, force: bool = False) -> dict[str, Any]:
    """Write the tables to a new SQLite file at `path` and Datasette's `metadata.json` beside it.

    Each is written to a temporary file of unpredictable name in the same folder, then renamed over
    the target: nothing is written through a link, nothing but a regular file is replaced, and a file
    an export did not write is replaced only with `force`. Both are checked before anything is written."""
    path = Path(os.path.abspath(path))  # not resolve(): a link at the path must not choose the target
    folder = path.parent
    metadata_path = folder / "metadata.json"
    if metadata_path == path:
        raise NetworksError(f"cannot write {shown_path(path)}: the name is taken by Datasette's metadata.json")
    _check_replaceable(path, _written_sqlite, force)
    _check_replaceable(metadata_path, lambda file: _written_json(file, "title", EXPORT_TITLE), force)
    counts: dict[str, int] = {}
    metadata_tables: dict[str, Any] = {}
    temporaries: list[Path] = []
    imported: Record | None = None
    try:
        with terminated_cleanly(), _folder_locked(folder):
            sweep(folder, TEMPORARY_PREFIX, ".tmp")
            temporary = temporary_file(folder, TEMPORARY_PREFIX)
            temporaries.append(temporary)
            connection = sqlite3.connect(os.fsencode(temporary), isolation_level=None)
            try:
                connection.execute("PRAGMA journal_mode=OFF")
                connection.execute("BEGIN")
                for table, columns, rows, from_import in _tables(store):
                    imported = imported or from_import
                    declared = ", ".join(
                        f"{name} {kind}{' PRIMARY KEY' if PRIMARY_KEYS.get(table) == name else ''}"
                        for name, kind in columns
                    )
                    connection.execute(f"CREATE TABLE {table} ({declared})")
                    marks = ", ".join("?" * len(columns))
                    cursor = connection.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
                    counts[table] = cursor.rowcount
                    metadata_tables[table] = _table_metadata(table, from_import, dataset)
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
            metadata = {
                "title": EXPORT_TITLE,
                "license": _terms(imported),
                "source": ATLAS_SOURCE,
                "databases": {_text(Path(path.stem)): {"tables": metadata_tables}},
            }
            metadata_temporary = temporary_file(folder, TEMPORARY_PREFIX)
            temporaries.append(metadata_temporary)
            metadata_temporary.write_text(json.dumps(metadata, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
            for file in temporaries:
                _usual_mode(file)
            # Checked again at the last moment: what is there now is what the rename replaces.
            _check_replaceable(path, _written_sqlite, force)
            _check_replaceable(metadata_path, lambda file: _written_json(file, "title", EXPORT_TITLE), force)
            os.replace(temporary, path)
            os.replace(metadata_temporary, metadata_path)
    except (OSError, sqlite3.Error) as error:
        raise _cannot_write(path, error) from None
    finally:
        for file in temporaries:
            with contextlib.suppress(OSError):
                os.unlink(file)
    return {
        "format": "sqlite",
        "path": _text(path),
        "metadata": _text(metadata_path),
        "tables": counts,
        "attribution": imported["attribution"] if imported else None,
    }


def _folder_state(directory: Path) -> str:
    """What is at the export folder's path: "absent", "empty", "export" (only what an export writes, with
    its datapackage.json) or "other". Raises for a link or anything but a folder."""
    try:
        status = os.lstat(directory)
    except FileNotFoundError:
        return "absent"
    except OSError as error:
        raise _cannot_write(directory, error) from None
    if stat.S_ISLNK(status.st_mode):
        raise NetworksError(
            f"cannot write {shown_path(directory)}: it is a symbolic link, which is never written through"
        )
    if not stat.S_ISDIR(status.st_mode):
        raise NetworksError(f"cannot write {shown_path(directory)}: it is not a folder")
    try:
        names = set(os.listdir(directory))
    except OSError as error:
        raise _cannot_write(directory, error) from None
    if not names:
        return "empty"
    ours = {f"{table}.csv" for table in (*ATLAS_TABLES, *PROJECT_TABLES)} | {"datapackage.json"}
    package = directory / "datapackage.json"
    if names <= ours and not package.is_symlink() and _written_json(package, "name", PACKAGE_NAME):
        return "export"
    return "other"


def export_csv(store: Store, directory: Path, dataset: str, force: bool = False, excel: bool = False) -> dict[str, Any]:
    """Write one CSV file per table and a Frictionless `datapackage.json` into `directory`, all or nothing.

    The files are written into a fresh folder of unpredictable name beside `directory`, which then takes
    its place by renames: a reader sees the previous export or this one, never a mixture, and a kill
    leaves the previous one whole. Exports into one folder take turns (a lock). A folder holding files
    an export did not write is refused, or with `force` gets the export's files (each replaced whole,
    datapackage.json last) beside its own. With `excel`, the files are as Excel opens them with their
    accents intact (UTF-8 with a byte order mark, CRLF line ends)."""
    directory = Path(os.path.abspath(directory))
    parent = directory.parent
    state = _folder_state(directory)
    if state == "other" and not force:
        raise NetworksError(
            f"not replacing {shown_path(directory)}: it holds files networks export did not write "
            "(give --force to write its files into it)"
        )
    counts: dict[str, int] = {}
    fresh: Path | None = None
    aside: Path | None = None
    try:
        parent.mkdir(parents=True, exist_ok=True)
        with terminated_cleanly(), _folder_locked(parent):
            sweep(parent, TEMPORARY_PREFIX, ".tmp")
            fresh = temporary_directory(parent, TEMPORARY_PREFIX)
            counts, imported = _write_csv_files(store, fresh, dataset, excel)
            _usual_mode(fresh, directory=True)
            state = _folder_state(directory)  # again, under the lock: what the renames replace
            if state == "absent":
                os.rename(fresh, directory)
                fresh = None
            elif state in ("empty", "export"):
                aside = temporary_directory(parent, TEMPORARY_PREFIX)
                os.rename(directory, aside)  # over the empty `aside`: atomic, never merged
                os.rename(fresh, directory)
                fresh = None
            elif force:
                names = sorted(os.listdir(fresh), key=lambda name: name == "datapackage.json")
                for name in names:
                    replaceable(directory / name)
                    os.replace(fresh / name, directory / name)
            else:
                raise NetworksError(
                    f"not replacing {shown_path(directory)}: it holds files networks export did not write "
                    "(give --force to write its files into it)"
                )
    except OSError as error:
        raise _cannot_write(directory, error) from None
    finally:
        import shutil

        for leftover in (fresh, aside):
            if leftover is not None:
                shutil.rmtree(leftover, ignore_errors=True)
    package = directory / "datapackage.json"
    return {
        "format": "csv",
        "path": _text(directory),
        "metadata": _text(package),
        "tables": counts,
        "attribution": imported["attribution"] if imported else None,
    }


def _write_csv_files(
    store: Store, folder: Path, dataset: str, excel: bool = False
) -> tuple[dict[str, int], Record | None]:
    """The CSV files and datapackage.json (last) in a folder of our own; the counts, and the source of
    the imported projects among them (None without)."""
    encoding, line_end = ("utf-8-sig", "\r\n") if excel else ("utf-8", "\n")
    counts: dict[str, int] = {}
    resources: list[dict[str, Any]] = []
    types = {"TEXT": "string", "INTEGER": "integer", "REAL": "number"}
    imported: Record | None = None
    for table, columns, rows, from_import in _tables(store):
        imported = imported or from_import
        file = folder / f"{table}.csv"
        count = 0
        with file.open("x", encoding=encoding, newline="") as out:
            writer = csv.writer(out, lineterminator=line_end)
            writer.writerow([name for name, _ in columns])
            for row in rows:
                writer.writerow(["" if value is None else value for value in row])
                count += 1
        counts[table] = count
        meta = _table_metadata(table, from_import, dataset)
        if from_import:
            licence = {"name": meta["license"], "path": meta["license_url"]}
        else:
            licence = {"name": DATA_LICENCE_ID, "title": DATA_TERMS}
        resource: dict[str, Any] = {
            "name": table,
            "path": file.name,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": encoding,
            "description": meta["description"],
            "schema": {"fields": [{"name": name, "type": types[kind]} for name, kind in columns]},
            "sources": [{"title": meta["source"], **({"path": meta["source_url"]} if "source_url" in meta else {})}],
            "licenses": [licence],
        }
        if table in PRIMARY_KEYS:
            resource["schema"]["primaryKey"] = PRIMARY_KEYS[table]
        resources.append(resource)
    package = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": EXPORT_TITLE,
        "description": _terms(imported),
        "licenses": [{"name": DATA_LICENCE_ID, "title": DATA_TERMS}],
        "sources": [{"title": f"{ATLAS_SOURCE}: {dataset}"}],
        "resources": resources,
    }
    with (folder / "datapackage.json").open("x", encoding="utf-8") as out:
        out.write(json.dumps(package, ensure_ascii=False, indent=2) + "\n")
    return counts, imported
