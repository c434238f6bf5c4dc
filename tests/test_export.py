"""`networks export` (issue #15): the atlas and imported projects as SQLite (with Datasette's metadata.json)
and as CSV (with a Frictionless datapackage.json), the same tables and columns both ways."""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

from networks_cli import Atlas
from networks_cli.answers.export import ATLAS_TABLES, PROJECT_TABLES
from networks_cli.atlas import import_cordis
from tests.conftest import Invoke

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "cordis"


def _columns(connection: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]


def test_sqlite_export_of_the_bundled_atlas(cli: Invoke, home: Path, tmp_path: Path) -> None:
    run = cli("export", "--sqlite", str(tmp_path / "atlas.sqlite3"), "--json")
    assert run.exit_code == 0, run.stderr
    answer = run.json()
    assert set(answer["tables"]) == set(ATLAS_TABLES)  # no projects: none imported
    with sqlite3.connect(tmp_path / "atlas.sqlite3") as connection:
        for table, columns in ATLAS_TABLES.items():
            assert _columns(connection, table) == [name for name, _ in columns]
        memberships = connection.execute("SELECT COUNT(*) FROM memberships").fetchone()[0]
        row = connection.execute(
            "SELECT role, status, source FROM memberships WHERE network = 'nereus' AND region = 'malopolska' "
            "AND organisation IS NULL"
        ).fetchone()
    connection.close()
    with Atlas.open() as atlas:
        assert memberships == atlas.store.connection.execute("SELECT COUNT(*) FROM memberships").fetchone()[0]
    assert row == ("full member", "current", "malopolska-nereus-2022")
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert set(metadata["databases"]["atlas"]["tables"]) == set(ATLAS_TABLES)


def test_exports_carry_imported_projects_with_their_licence(cli: Invoke, home: Path, tmp_path: Path) -> None:
    import_cordis(FIXTURE)
    assert cli("export", "--sqlite", str(tmp_path / "a.sqlite3")).exit_code == 0
    assert cli("export", "--csv", str(tmp_path / "csv")).exit_code == 0
    with sqlite3.connect(tmp_path / "a.sqlite3") as connection:
        assert connection.execute("SELECT COUNT(*) FROM participations").fetchone()[0] == 14
        assert _columns(connection, "participations") == [name for name, _ in PROJECT_TABLES["participations"]]
        sqlite_rows = connection.execute("SELECT * FROM projects ORDER BY id").fetchall()
    connection.close()
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    participations = metadata["databases"]["a"]["tables"]["participations"]
    assert participations["license"] == "CC BY 4.0"
    assert "© European Union" in participations["source"]
    package = json.loads((tmp_path / "csv" / "datapackage.json").read_text(encoding="utf-8"))
    resources = {resource["name"]: resource for resource in package["resources"]}
    assert set(resources) == set(ATLAS_TABLES) | set(PROJECT_TABLES)
    assert resources["projects"]["licenses"][0]["name"] == "CC BY 4.0"
    for name, resource in resources.items():
        with (tmp_path / "csv" / resource["path"]).open(encoding="utf-8", newline="") as file:
            header = next(csv.reader(file))
        assert header == [field["name"] for field in resource["schema"]["fields"]], name
    with (tmp_path / "csv" / "projects.csv").open(encoding="utf-8", newline="") as file:
        csv_rows = list(csv.DictReader(file))
    assert [row["acronym"] for row in csv_rows] == [row[1] for row in sqlite_rows]
    assert csv_rows[1]["acronym"] == "AGRI;FOOD"


def test_export_needs_one_target(cli: Invoke, tmp_path: Path) -> None:
    assert cli("export").exit_code == 2
    assert cli("export", "--sqlite", str(tmp_path / "a"), "--csv", str(tmp_path / "b")).exit_code == 2


def test_an_unwritable_target_fails_in_one_line(cli: Invoke, home: Path, tmp_path: Path) -> None:
    run = cli("export", "--sqlite", str(tmp_path / "missing-folder" / "a.sqlite3"))
    assert run.exit_code == 4
    assert run.stderr.startswith("networks: cannot write")
    assert len(run.stderr.splitlines()) == 1
