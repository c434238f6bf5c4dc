"""Imported projects through the command line (issue #15): every question answered from the fixture in
CORDIS's real format, the library answering the same, bad input exiting 4, and the other commands'
paths loading nothing of the import."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from networks_cli import Atlas
from networks_cli.errors import ExitStatus
from networks_cli.results import Result
from tests.conftest import Invoke
from tests.test_contract import mismatches
from tests.test_imports import NEVER_WITHOUT_NEED, imported
from tests.test_installed import NETWORKS

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "cordis"
ATTRIBUTION = "Contains data from CORDIS, © European Union, licensed under CC BY 4.0"


def test_import_status_and_remove_through_the_cli(cli: Invoke, home: Path, tmp_path: Path) -> None:
    assert cli("import", "--status", "--json").json()["imported"] is False
    archive = tmp_path / "cordis-HORIZONprojects-csv.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name in ("project.csv", "organization.csv"):
            out.write(FIXTURE / name, name)
    run = cli("import", "cordis", str(archive), "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["counts"]["projects"] == 4
    assert (home / "projects.sqlite3").is_file()
    status = cli("import", "--status", "-f", "table").stdout
    assert "cordis-HORIZONprojects-csv.zip/project.csv" in status
    assert "PL127 (1)" in status
    assert ATTRIBUTION in status
    assert cli("import", "--remove", "cordis", "--json").json()["imported"] is False
    assert not (home / "projects.sqlite3").exists()


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("import",), ExitStatus.USAGE, "say what to import"),
        (("import", "openaire", "x"), ExitStatus.USAGE, "cannot import 'openaire': the sources are cordis"),
        (("import", "cordis"), ExitStatus.USAGE, "give the path"),
        (("import", "cordis", "/nonexistent/cordis.zip"), ExitStatus.DATA_ERROR, "no such file or folder"),
        (("import", "cordis", str(Path(__file__))), ExitStatus.DATA_ERROR, "not CORDIS's format"),
        (("project", "101000002"), ExitStatus.USAGE, "no projects are imported"),
        (("partners", "Małopolska", "--basis", "projects"), ExitStatus.USAGE, "no projects are imported"),
        (
            ("partners", "Małopolska", "--basis", "friends"),
            ExitStatus.USAGE,
            "'friends' is not one of 'networks', 'projects', 'all'",
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else "",
)
def test_what_cannot_be_done_says_so_in_one_line(
    cli: Invoke, home: Path, args: tuple[str, ...], status: int, message: str
) -> None:
    run = cli(*args)
    assert run.exit_code == status
    assert len(run.stderr.splitlines()) == 1
    assert message in run.stderr


def test_a_truncated_zip_exits_4_and_leaves_the_previous_import(
    cli: Invoke, imported_home: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "cordis-h2020projects-csv.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for name in ("project.csv", "organization.csv"):
            out.write(FIXTURE / name, name)
    (tmp_path / "cut.zip").write_bytes(archive.read_bytes()[:-40])
    before = (imported_home / "projects.sqlite3").read_bytes()
    run = cli("import", "cordis", str(tmp_path / "cut.zip"))
    assert run.exit_code == ExitStatus.DATA_ERROR
    assert "zip" in run.stderr
    assert (imported_home / "projects.sqlite3").read_bytes() == before


def test_region_counts_its_organisations_projects(cli: Invoke, imported_home: Path) -> None:
    projects = cli("region", "Małopolska", "--json").json()["projects"]
    assert projects["nuts"] == "PL21"
    assert projects["projects"] == 3
    assert projects["programmes"] == [{"programme": "HORIZON", "projects": 2}, {"programme": "H2020", "projects": 1}]
    assert projects["partner_regions"] == 5
    assert projects["source"]["attribution"] == ATTRIBUTION
    table = cli("region", "Małopolska", "-f", "table", env={"COLUMNS": "200"}).stdout
    assert "3 projects (HORIZON 2, H2020 1)" in table
    assert "never the region's own membership in a network" in table
    assert ATTRIBUTION in table


def test_a_region_outside_the_dataset_has_projects_too(cli: Invoke, imported_home: Path) -> None:
    assert cli("region", "Attiki", "--json").json()["projects"]["projects"] == 1


def test_without_an_import_region_says_null(cli: Invoke, home: Path) -> None:
    assert cli("region", "Małopolska", "--json").json()["projects"] is None


def test_partners_by_projects_names_the_projects_and_both_sides(cli: Invoke, imported_home: Path) -> None:
    partners = cli("partners", "Małopolska", "--basis", "projects", "--json").json()
    assert [(p["region"]["nuts"], p["projects"]["count"]) for p in partners] == [
        ("ITC4", 3),
        ("EL52", 1),
        ("FI1D", 1),
        ("UKI3", 1),
        ("EL30", 1),
    ]
    lombardy = partners[0]
    assert lombardy["region"]["id"] == "lombardy"
    assert lombardy["count"] == 5  # its shared networks, shown beside
    assert lombardy["projects"]["ids"] == ["101000001", "101000002", "101000003"]
    assert lombardy["projects"]["shared"][1] == {
        "id": "101000002",
        "acronym": "AGRI;FOOD",
        "own": ["Jagiellonian University"],
        "theirs": ["Lombardy Agri-food Cluster (an old NUTS code)"],
    }
    london = next(p for p in partners if p["region"]["nuts"] == "UKI3")
    assert london["region"] == {"id": None, "name": "Inner London - West", "country": "GB", "nuts": "UKI3"}


def test_partners_by_all_ranks_networks_then_projects_with_sort_shared(cli: Invoke, imported_home: Path) -> None:
    partners = cli("partners", "Małopolska", "--basis", "all", "--sort", "shared", "--shared-only", "--json").json()
    networks_only = cli("partners", "Małopolska", "--sort", "shared", "--shared-only", "--json").json()
    assert len(partners) == len(networks_only) + 2  # London and Attica share projects only
    keys = [(-p["count"], -(p["projects"]["count"] if p["projects"] else 0)) for p in partners]
    assert keys == sorted(keys)
    assert cli("partners", "Małopolska", "--basis", "projects", "--country", "GR", "--json").json()[0]["region"][
        "nuts"
    ] in ("EL52", "EL30")
    table = cli("partners", "Małopolska", "--basis", "all", "--limit", "3", "-f", "table").stdout
    assert ATTRIBUTION in " ".join(table.split())


def test_partners_by_all_fold_the_shared_projects_into_the_score(cli: Invoke, imported_home: Path) -> None:
    """Issue 24: with `--basis all`, co-participation in EU projects is a part of the same score."""
    partners = cli("partners", "Małopolska", "--basis", "all", "--json").json()
    by_networks = {p["region"]["id"]: p["score"] for p in cli("partners", "Małopolska", "--json").json()}
    scores = [p["score"] for p in partners]
    assert scores == sorted(scores, reverse=True)
    for partner in partners:
        assert partner["score"] == pytest.approx(sum(part["weight"] for part in partner["why"]), abs=0.01)
        project_parts = [part for part in partner["why"] if part["kind"] == "project"]
        assert len(project_parts) == (1 if partner["projects"] else 0)
        if partner["region"]["id"] in by_networks:
            added = project_parts[0]["weight"] if project_parts else 0
            assert partner["score"] == pytest.approx(by_networks[partner["region"]["id"]] + added, abs=0.01)
    lombardy = next(p for p in partners if p["region"]["id"] == "lombardy")
    part = next(part for part in lombardy["why"] if part["kind"] == "project")
    assert part["project"] == "101000001"
    assert part["evidence"].startswith("3 shared EU projects (")
    london = next(p for p in partners if p["region"]["nuts"] == "UKI3")
    assert [part["kind"] for part in london["why"]] == ["project"]
    assert london["new_contact"] is True
    assert london["score"] == pytest.approx(3.0)  # one shared project: PROJECTS x log2(2)
    assert len(cli("partners", "Małopolska", "--basis", "all", "--limit", "4", "--json").json()) == 4
    table = cli("partners", "Małopolska", "--basis", "all", "--limit", "3", "-f", "table").stdout
    assert "Score" in table


def test_the_default_basis_is_unchanged(cli: Invoke, imported_home: Path) -> None:
    with_import = cli("partners", "Małopolska", "--json").json()
    assert all("projects" not in partner for partner in with_import)


def test_project_shows_its_consortium_by_region(cli: Invoke, imported_home: Path) -> None:
    answer = cli("project", "agri;food", "--json").json()
    assert answer["project"]["id"] == "101000002"
    assert [region["nuts"] for region in answer["regions"]] == ["ITC4", "PL21", "UKI3"]
    assert [o["name"] for o in answer["unplaced"]] == ["Organisation with no NUTS code"]
    assert cli("project", "101000002", "--json").json() == answer
    assert cli("project", "999").exit_code == ExitStatus.NOT_FOUND
    hits = cli("project", "--search", "regional", "innovation", "--json").json()
    assert [hit["acronym"] for hit in hits] == ["SPACEKRAK"]


def test_sources_show_the_licence(cli: Invoke, imported_home: Path) -> None:
    sources = cli("sources", "--json").json()
    assert sources["projects"]["source"]["licence"] == "CC BY 4.0"
    assert ATTRIBUTION in cli("sources", "-f", "table", env={"COLUMNS": "200"}).stdout


SAME_QUESTION: list[tuple[tuple[str, ...], Callable[[Atlas], Result]]] = [
    (("region", "Małopolska"), lambda atlas: atlas.region("Małopolska")),
    (("partners", "Małopolska", "--basis", "projects"), lambda atlas: atlas.partners("Małopolska", basis="projects")),
    (
        ("partners", "Małopolska", "--basis", "all", "--limit", "4"),
        lambda atlas: atlas.partners("Małopolska", basis="all", limit=4),
    ),
    (("project", "BALTIC"), lambda atlas: atlas.project("BALTIC")),
    (("project", "--search", "agri"), lambda atlas: atlas.search_projects("agri")),
    (("sources",), lambda atlas: atlas.sources()),
]


@pytest.mark.parametrize(("query", "ask"), SAME_QUESTION, ids=[" ".join(q) for q, _ in SAME_QUESTION])
def test_the_library_answers_what_the_cli_writes(
    cli: Invoke, imported_home: Path, query: tuple[str, ...], ask: Callable[[Atlas], Result]
) -> None:
    run = cli(*query, "--json")
    assert run.exit_code == 0, run.stderr
    with Atlas.open() as atlas:
        assert ask(atlas).as_dict() == run.json()


def _shapes() -> list[tuple[tuple[str, ...], Any]]:
    from networks_cli import contract

    return [
        (("region", "Małopolska"), contract.RegionProfile),
        (("region", "Attiki"), contract.RegionProfile),
        (("partners", "Małopolska", "--basis", "projects"), list[contract.ProjectPartner]),
        (("partners", "Kainuu", "--basis", "all"), list[contract.RankedProjectPartner]),
        (("project", "AGRI;FOOD"), contract.ProjectProfile),
        (("project", "--search", "a"), list[contract.ProjectHit]),
        (("import", "--status"), contract.ImportStatus),
        (("sources",), contract.Sources),
    ]


@pytest.mark.parametrize("index", range(len(_shapes())))
def test_the_json_has_the_contracts_shape(cli: Invoke, imported_home: Path, index: int) -> None:
    query, kind = _shapes()[index]
    assert mismatches(cli(*query, "--json").json(), kind, " ".join(query)) == []


def test_with_projects_imported_the_json_path_still_loads_nothing_of_the_import(imported_home: Path) -> None:
    cache = imported_home.parent / "cache"
    env = {"NETWORKS_DATA_HOME": str(imported_home)}
    imported([NETWORKS, "list"], cache, **env)  # a warm cache, as in test_imports
    modules = imported([NETWORKS, "region", "Małopolska", "--json"], cache, **env)
    assert not modules & {"networks_cli.projects.cordis", "csv", "zipfile", *NEVER_WITHOUT_NEED}
    assert "networks_cli.projects.store" in modules


def test_without_an_import_no_project_module_is_loaded(home: Path) -> None:
    cache = home.parent / "cache"
    imported([NETWORKS, "list"], cache, NETWORKS_DATA_HOME=str(home))
    modules = imported([NETWORKS, "region", "Małopolska", "--json"], cache, NETWORKS_DATA_HOME=str(home))
    assert not modules & {
        "networks_cli.projects.store",
        "networks_cli.projects.cordis",
        "networks_cli.output.project_views",
    }


def test_the_fixture_is_not_changed_by_tests(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(FIXTURE, copy)
    assert sorted(p.name for p in copy.iterdir()) == ["organization.csv", "project.csv"]


def test_search_finds_imported_projects_after_the_atlas(cli: Invoke, imported_home: Path) -> None:
    hits = cli("search", "space", "--json").json()
    projects = [hit for hit in hits if hit["type"] == "project"]
    assert [hit["name"] for hit in projects] == ["SPACEKRAK"]
    assert hits[-1] == projects[-1]  # after the atlas's own hits
    assert projects[0]["matched"] == "acronym"
    assert len(cli("search", "space", "--limit", "2", "--json").json()) == 2
    from networks_cli.contract import SearchHit

    assert mismatches(hits, list[SearchHit], "search space") == []


def test_without_an_import_search_is_unchanged(cli: Invoke, home: Path) -> None:
    assert all(hit["type"] != "project" for hit in cli("search", "space", "--json").json())


def test_imported_projects_join_any_datasets_regions(cli: Invoke, imported_home: Path, tmp_path: Path) -> None:
    from tests.conftest import MINIMAL

    dataset = tmp_path / "mine.toml"
    nuts = 'nuts = { code = "PL21", version = "2024", level = 2, label = "Małopolskie", source = "src" }'
    dataset.write_text(MINIMAL.replace('country = "PL"', f'country = "PL"\n{nuts}'), encoding="utf-8")
    run = cli("region", "Testland", "--data", str(dataset), "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["projects"]["projects"] == 3
    without_code = tmp_path / "plain.toml"
    without_code.write_text(MINIMAL, encoding="utf-8")
    projects = cli("region", "Testland", "--data", str(without_code), "--json").json()["projects"]
    assert projects["projects"] == 0
    assert "no NUTS 1-3 code" in projects["note"]


def test_the_import_says_what_organisations_in_projects_are(cli: Invoke, home: Path) -> None:
    table = cli("import", "cordis", str(FIXTURE), "-f", "table", env={"COLUMNS": "200"}).stdout
    assert "never the region's own membership in a network" in table


def test_a_topic_matches_the_shared_projects_titles_and_topics_with_basis_all(cli: Invoke, imported_home: Path) -> None:
    """Issue 24: after an import, `--topic` is matched against project titles and topics too. The
    fixture's SPACEKRAK (topic SPACE-10-TAS-2020) is shared with Lombardy; "Aegean" is only in the
    title of BALTIC ("Baltic to Aegean clusters"), shared with Lombardy and Central Macedonia."""
    partners = cli("partners", "Małopolska", "--basis", "all", "--topic", "aegean", "--json").json()
    for partner in partners:
        assert partner["score"] == pytest.approx(sum(part["weight"] for part in partner["why"]), abs=0.01)
        assert len([part for part in partner["why"] if part["kind"] == "topic"]) <= 1
    on_topic = {
        p["region"]["nuts"]: part for p in partners for part in p["why"] if part["kind"] == "topic" and part["project"]
    }
    assert set(on_topic) == {"ITC4", "EL52"}
    assert on_topic["ITC4"]["evidence"] == "1 shared EU project on 'aegean' (BALTIC)"
    assert on_topic["ITC4"]["project"] == "101000003"
    assert partners[0]["region"]["id"] == "lombardy"
    # The topic multiplies the rest of the score, the project part included.
    lombardy = partners[0]
    rest = sum(part["weight"] for part in lombardy["why"] if part["kind"] != "topic")
    assert on_topic["ITC4"]["weight"] == pytest.approx(3.0 * rest, abs=0.01)
    space = cli("partners", "Małopolska", "--basis", "all", "--topic", "space", "--json").json()
    lombardy_space = next(p for p in space if p["region"]["id"] == "lombardy")
    assert lombardy_space["why"][0]["evidence"] == "1 shared EU project on 'space' (SPACEKRAK)"


def test_a_topic_only_a_project_matches_is_answered_with_basis_all_only(cli: Invoke, imported_home: Path) -> None:
    """ "Agri-food valleys" is a project's title and nothing of the atlas: `--basis all` answers it from
    the projects; the networks basis does not read them, so it refuses it as before."""
    assert cli("partners", "Małopolska", "--basis", "all", "--topic", "agri food valleys").exit_code == 0
    assert cli("partners", "Małopolska", "--basis", "all", "--topic", "HORIZON-MSCA").exit_code == 0  # a topic code
    refused = cli("partners", "Małopolska", "--topic", "agri food valleys")
    assert refused.exit_code == ExitStatus.NOT_FOUND
    assert refused.stdout == ""
    run = cli("partners", "Małopolska", "--basis", "all", "--topic", "spacekrakx")
    assert run.exit_code == ExitStatus.NOT_FOUND
    assert run.stdout == ""
    assert run.stderr.strip().splitlines() == [
        "networks: no topic matches 'spacekrakx'; nothing in the atlas or the imported projects matches it;"
        " did you mean 'space', 'speaks'?"
    ]


def test_basis_all_with_a_topic_and_a_country_keeps_each_partners_networks(cli: Invoke, imported_home: Path) -> None:
    """A review found --basis all --topic T --country C emptying the networks' answer before the projects
    were added: Central Macedonia came back with no networks and a score from its project alone, and a
    topic no candidate of the country matches lost its note."""
    everywhere = cli("partners", "Małopolska", "--basis", "all", "--topic", "aegean", "--json").json()
    greek = cli("partners", "Małopolska", "--basis", "all", "--topic", "aegean", "--country", "GR", "--json").json()
    macedonia = next(p for p in greek if p["region"]["nuts"] == "EL52")
    assert macedonia == next(p for p in everywhere if p["region"]["nuts"] == "EL52")
    assert macedonia["count"] == 1
    empty = cli("partners", "Małopolska", "--basis", "all", "--topic", "chemicals", "--country", "GR", "--json")
    assert empty.exit_code == 0
    assert empty.json() == []
    assert empty.stderr == "networks: note: no region in GR takes part in anything that matches 'chemicals'\n"


def test_basis_all_with_a_network_answers_partners_in_that_network_only(cli: Invoke, imported_home: Path) -> None:
    """A review found --basis all --network eer listing project-only partners (Inner London - West,
    Attica) outside eer: a network filter means no new contacts, through projects neither."""
    partners = cli("partners", "Małopolska", "--basis", "all", "--network", "eer", "--json").json()
    assert partners
    assert all(partner["shared"] == ["eer"] for partner in partners)
    assert "UKI3" not in {partner["region"]["nuts"] for partner in partners}


def test_the_table_heading_says_the_order_asked(cli: Invoke) -> None:
    """--sort shared --limit 2 was headed "best score first" when the two shown happened to be in score order."""
    shared = cli("partners", "Małopolska", "--sort", "shared", "--limit", "2", "-f", "table").stdout
    assert "most shared first" in shared
    assert "best score first" in cli("partners", "Małopolska", "--limit", "2", "-f", "table").stdout
