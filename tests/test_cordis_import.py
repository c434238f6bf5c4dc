"""Importing CORDIS's export (issue #15): the real format with its quirks, and bad input failing cleanly.

The fixture (`tests/fixtures/cordis/`) is CORDIS's own header, with a BOM, CRLF line ends, `;` and a
line break inside quoted fields, an empty NUTS code, Greece as EL, a UK code, an old NUTS code that
places through its prefix (ITC45) and one that cannot be placed (PL127).
"""

from __future__ import annotations

import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from networks_cli.errors import DataError
from networks_cli.projects.cordis import import_cordis, remove_import
from networks_cli.projects.store import import_status, open_projects

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "cordis"


def zipped(tmp_path: Path, name: str = "cordis-HORIZONprojects-csv.zip") -> Path:
    archive = tmp_path / name
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for file in ("project.csv", "organization.csv"):
            out.write(FIXTURE / file, f"csv/{file}")
    return archive


def test_the_fixture_holds_the_quirks_it_claims() -> None:
    data = (FIXTURE / "organization.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in data
    assert b'"Athens Research Centre; ""Athena"""' in data
    assert b"Cluster\n(an old NUTS code)" in data
    for code in (b";EL;EL303;", b";UK;UKI31;", b";IT;ITC45;", b";PL;PL127;", b";PL;;"):
        assert code in data


@pytest.mark.parametrize("form", ["zip", "folder", "project.csv", "organization.csv"])
def test_every_form_cordis_publishes_imports_the_same(tmp_path: Path, form: str) -> None:
    source = zipped(tmp_path) if form == "zip" else FIXTURE if form == "folder" else FIXTURE / form
    target = tmp_path / "projects.sqlite3"
    status = import_cordis(source, target)
    assert status["imported"] is True
    assert status["counts"] == {
        "projects": 4,
        "rows": 14,
        "placed": 12,
        "through_prefix": 1,
        "empty_nuts": 1,
        "unplaced": 1,
        "unknown_projects": 0,
    }
    assert status["unplaced_codes"] == [{"code": "PL127", "rows": 1}]
    assert status["source"]["licence"] == "CC BY 4.0"
    assert status["source"]["attribution"] == "Contains data from CORDIS, © European Union, licensed under CC BY 4.0"


def test_a_date_in_the_zip_name_is_the_exports_date(tmp_path: Path) -> None:
    status = import_cordis(zipped(tmp_path, "cordis-h2020projects-csv-2025-03-01.zip"), tmp_path / "p.sqlite3")
    assert status["source"]["date"] == "2025-03-01"
    assert status["source"]["files"][0] == "cordis-h2020projects-csv-2025-03-01.zip/csv/project.csv"


def test_every_fact_keeps_its_row_and_quoted_fields_stay_whole(tmp_path: Path) -> None:
    import_cordis(FIXTURE, tmp_path / "p.sqlite3")
    store = open_projects(tmp_path / "p.sqlite3")
    assert store is not None
    project = store.project("agri;food")
    assert project["project"]["title"] == "Agri-food valleys: smart specialisation across regions"
    assert project["project"]["source_row"] == 3
    lombardy = next(region for region in project["regions"] if region["nuts"] == "ITC4")
    (cluster,) = lombardy["organisations"]
    assert cluster["nuts"] == "ITC45"  # as given; placed through its prefix
    assert cluster["source_row"] == 7
    assert [o["name"] for o in project["unplaced"]] == ["Organisation with no NUTS code"]
    assert {region["nuts"] for region in project["regions"]} == {"ITC4", "PL21", "UKI3"}


def test_nuts3_rolls_up_to_nuts2_and_nuts1(tmp_path: Path) -> None:
    import_cordis(FIXTURE, tmp_path / "p.sqlite3")
    store = open_projects(tmp_path / "p.sqlite3")
    assert store is not None
    assert store.region_summary("PL213")["projects"] == 2
    assert store.region_summary("PL21")["projects"] == 3
    assert store.region_summary("PL2")["projects"] == 3
    summary = store.region_summary("PL21")
    assert summary["programmes"] == [{"programme": "HORIZON", "projects": 2}, {"programme": "H2020", "projects": 1}]
    assert summary["partner_regions"] == 5
    assert "never the region's own membership" in summary["note"]


def test_a_second_import_replaces_the_first_and_remove_deletes_it(tmp_path: Path) -> None:
    target = tmp_path / "p.sqlite3"
    import_cordis(FIXTURE, target)
    small = tmp_path / "small"
    small.mkdir()
    (small / "project.csv").write_bytes((FIXTURE / "project.csv").read_bytes())
    organisations = (FIXTURE / "organization.csv").read_bytes().split(b"\r\n")
    (small / "organization.csv").write_bytes(b"\r\n".join(organisations[:2]) + b"\r\n")
    assert import_cordis(small, target)["counts"]["rows"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left
    assert remove_import(target) is True
    assert import_status(target)["imported"] is False
    assert remove_import(target) is False


def _broken(tmp_path: Path, file: str, old: bytes, new: bytes) -> Path:
    folder = tmp_path / "broken"
    folder.mkdir(exist_ok=True)
    for name in ("project.csv", "organization.csv"):
        data = (FIXTURE / name).read_bytes()
        (folder / name).write_bytes(data.replace(old, new) if name == file else data)
    return folder


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "nothing-here.zip", "no such file or folder"),
        (
            lambda tmp: _broken(tmp, "organization.csv", b"projectID;", b"projectNumber;"),
            "organization.csv: not CORDIS's format: the header has no column projectID",
        ),
        (
            lambda tmp: _broken(tmp, "organization.csv", b";", b","),
            "the header has no column projectID, organisationID, name, country, nutsCode (CORDIS's files are "
            "separated by ';')",
        ),
        (
            lambda tmp: _broken(tmp, "organization.csv", b";250000;250000;", b";250 000 EUR;250000;"),
            "organization.csv, row 2: ecContribution is not a number: '250 000 EUR'",
        ),
        (
            lambda tmp: _broken(tmp, "project.csv", b"\r\n101000003;", b"\r\nX101000003;"),
            "project.csv, row 4: id is not a project number: 'X101000003'",
        ),
        (lambda tmp: _broken(tmp, "project.csv", b"Space data", b"Space \xff data"), "project.csv: not UTF-8 text"),
    ],
    ids=["missing", "missing-column", "not-semicolons", "bad-number", "bad-id", "not-utf8"],
)
def test_bad_input_fails_with_one_message_and_keeps_the_previous_import(
    tmp_path: Path, make: Callable[[Path], Path], message: str
) -> None:
    target = tmp_path / "p.sqlite3"
    import_cordis(FIXTURE, target)
    before = target.read_bytes()
    with pytest.raises(DataError) as error:
        import_cordis(make(tmp_path), target)
    assert len(error.value.problems) == 1
    assert message in error.value.problems[0]
    assert target.read_bytes() == before
    assert [p.name for p in target.parent.iterdir() if p.name.startswith(".")] == []


def test_a_truncated_zip_fails_cleanly(tmp_path: Path) -> None:
    whole = zipped(tmp_path).read_bytes()
    for cut in (len(whole) // 2, len(whole) - 30):
        truncated = tmp_path / f"cut-{cut}.zip"
        truncated.write_bytes(whole[:cut])
        with pytest.raises(DataError) as error:
            import_cordis(truncated, tmp_path / "p.sqlite3")
        assert "zip" in error.value.problems[0]
    assert not (tmp_path / "p.sqlite3").exists()


def test_a_zip_without_cordis_files_is_not_cordis(tmp_path: Path) -> None:
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as out:
        out.writestr("readme.txt", "hello")
    with pytest.raises(DataError, match=r"not CORDIS's format: the zip holds no project.csv or organization.csv"):
        import_cordis(other, tmp_path / "p.sqlite3")


def test_a_database_of_another_format_asks_for_a_new_import(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE meta(key TEXT, value TEXT)")
        connection.execute("INSERT INTO meta VALUES ('format', '0')")
    connection.close()
    with pytest.raises(DataError, match="import again"):
        open_projects(path)


def test_an_interrupted_import_leaves_the_previous_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from networks_cli.projects import cordis

    target = tmp_path / "p.sqlite3"
    import_cordis(FIXTURE, target)
    before = target.read_bytes()

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cordis, "_write_units", interrupted)
    with pytest.raises(KeyboardInterrupt):
        import_cordis(FIXTURE, target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.sqlite3"]


def test_a_code_of_no_nuts_level_has_no_projects(tmp_path: Path) -> None:
    import_cordis(FIXTURE, tmp_path / "p.sqlite3")
    store = open_projects(tmp_path / "p.sqlite3")
    assert store is not None
    assert store.region_summary("PL")["projects"] == 0
    assert store.region_summary(None)["projects"] == 0
    assert store.shared_projects("PL") == []
