"""`networks graph` (issue #23): the memberships as a graph, in the formats analysis tools read; after
`networks import cordis`, the projects too (through the real CLI, the fixture imported into a temporary home)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Any

import networkx
import pytest

from networks_cli import Atlas
from networks_cli.atlas import import_cordis
from networks_cli.contract import GraphAnswer, GraphMetric
from networks_cli.errors import UsageError
from networks_cli.output.graph_formats import GRAPH_FORMATS, write_graph
from networks_cli.projects.store import NOT_IMPORTED
from tests.conftest import Invoke
from tests.test_contract import mismatches


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.open()


def memberships(atlas: Atlas) -> int:
    return sum(network["member_count"] for network in atlas.list_networks())


def test_the_bipartite_graph_has_a_node_per_record_and_an_edge_per_membership(atlas: Atlas) -> None:
    graph = atlas.graph().as_dict()
    assert len(graph["edges"]) == memberships(atlas)
    kinds = {node["kind"] for node in graph["nodes"]}
    assert kinds == {"network", "region", "organisation"}
    assert sum(1 for node in graph["nodes"] if node["kind"] == "network") == len(atlas.list_networks())
    ids = {node["id"] for node in graph["nodes"]}
    assert all(edge["source"] in ids and edge["target"] in ids for edge in graph["edges"])
    vanguard = [edge for edge in graph["edges"] if edge["target"] == "network:vanguard"]
    malopolska = next(edge for edge in vanguard if edge["source"] == "region:malopolska")
    assert malopolska["role"] == "member"
    assert malopolska["status"] == "current"
    assert malopolska["last_confirmed"] == "2022-11-30"
    assert malopolska["evidence_source"] == "malopolska-vi-board-2022"
    assert (malopolska["evidence_url"] or "").startswith("https://")


@pytest.mark.parametrize(("writer", "read"), [("graphml", networkx.read_graphml), ("gexf", networkx.read_gexf)])
def test_graphml_and_gexf_read_back_in_networkx_with_the_atlas_counts(atlas: Atlas, writer: str, read: object) -> None:
    answer = atlas.graph().as_dict()
    text = write_graph(dict(answer), writer)
    graph = read(io.BytesIO(text.encode("utf-8")))  # type: ignore[operator]
    assert graph.number_of_nodes() == len(answer["nodes"])
    assert graph.number_of_edges() == len(answer["edges"]) == memberships(atlas)
    node = graph.nodes["region:malopolska"]
    assert node["nuts"] == "PL21"
    assert node["country"] == "PL"


def test_the_region_projection_weighs_shared_networks_as_partners_counts_them(atlas: Atlas) -> None:
    graph = atlas.graph("regions").as_dict()
    assert {node["kind"] for node in graph["nodes"]} == {"region"}
    weights = {
        frozenset((edge["source"], edge["target"])): edge["weight"]
        for edge in graph["edges"]
        if "region:malopolska" in (edge["source"], edge["target"])
    }
    sharing = atlas.partners("Małopolska", shared_only=True)  # new contacts share no network: no edge
    for partner in sharing:
        assert weights[frozenset(("region:malopolska", f"region:{partner['region']['id']}"))] == partner["count"]
    assert len(weights) == len(sharing)


def test_to_networkx_keeps_every_attribute(atlas: Atlas) -> None:
    graph = atlas.graph().to_networkx()
    assert graph.number_of_edges() == memberships(atlas)
    assert graph.edges["region:malopolska", "network:nereus"]["role"] == "full member"


def test_pajek_numbers_vertices_and_lists_every_edge(atlas: Atlas) -> None:
    answer: dict[str, Any] = dict(atlas.graph("regions").as_dict())
    lines = write_graph(answer, "pajek").splitlines()
    assert lines[0] == f"*Vertices {len(answer['nodes'])}"
    edges = lines[lines.index("*Edges") + 1 :]
    assert len(edges) == len(answer["edges"])
    assert edges[0].split()[2] == str(answer["edges"][0]["weight"])


def test_csv_lists_and_json_carry_the_same_graph(atlas: Atlas) -> None:
    answer: dict[str, Any] = dict(atlas.graph().as_dict())
    nodes = list(csv.DictReader(io.StringIO(write_graph(answer, "nodes-csv"))))
    edges = list(csv.DictReader(io.StringIO(write_graph(answer, "edges-csv"))))
    assert len(nodes) == len(answer["nodes"])
    assert len(edges) == len(answer["edges"])
    assert json.loads(write_graph(answer, "json")) == answer
    linked = networkx.node_link_graph(json.loads(write_graph(answer, "json")), edges="edges")
    assert linked.number_of_edges() == len(answer["edges"])
    assert set(GRAPH_FORMATS) == {"graphml", "gexf", "pajek", "nodes-csv", "edges-csv", "json"}


def test_text_from_the_data_is_escaped_in_xml() -> None:
    graph = {
        "graph": {"mode": "bipartite", "dataset": "x", "dataset_version": None, "dataset_updated": None},
        "directed": False,
        "nodes": [
            {"id": 'region:a"<b>', "kind": "region", "label": "<script>&\x01", "record": "a", "country": None}
            | {"nuts": None, "nuts_level": None, "category": None, "region": "a"},
            {"id": "network:n", "kind": "network", "label": "N", "record": "n", "country": None}
            | {"nuts": None, "nuts_level": None, "category": "network", "region": None},
        ],
        "edges": [{"source": 'region:a"<b>', "target": "network:n", "kind": "membership", "weight": 1}],
    }
    for writer, read in (("graphml", networkx.read_graphml), ("gexf", networkx.read_gexf)):
        text = write_graph(graph, writer)
        ElementTree.fromstring(text)  # well-formed, the control character dropped
        parsed = read(io.BytesIO(text.encode()))
        assert parsed.nodes['region:a"<b>']["label"] == "<script>&"


def test_metrics_rank_regions_in_the_projection(atlas: Atlas) -> None:
    metrics = atlas.graph_metrics().as_dict()
    projection = atlas.graph("regions").as_dict()
    assert len(metrics) == len(projection["nodes"])
    catalonia = next(row for row in metrics if row["id"] == "catalonia")
    assert catalonia["degree"] == sum(
        1 for e in projection["edges"] if "region:catalonia" in (e["source"], e["target"])
    )
    assert 0 <= catalonia["betweenness"] <= 1
    assert 0 <= catalonia["eigenvector"] <= 1
    assert all(row["community"] >= 1 for row in metrics)
    assert [row["eigenvector"] for row in metrics] == sorted((row["eigenvector"] for row in metrics), reverse=True)


# ------------------------------------------------------------ with imported projects (issue #23, part 3)

CORDIS = Path(__file__).resolve().parent / "fixtures" / "cordis"
ATTRIBUTION = "Contains data from CORDIS, © European Union, licensed under CC BY 4.0"
# The fixture's participations placed in the atlas's regions, by region and project: what the graph must hold.
PARTICIPATIONS = {
    ("malopolska", "101000001"): ("coordinator", "AGH University of Krakow", "2"),
    ("malopolska", "101000002"): ("coordinator", "Jagiellonian University", "6"),
    ("malopolska", "101000003"): ("coordinator", "Malopolska Regional Development Agency", "10"),
    ("lombardy", "101000001"): ("participant", "Politecnico di Milano", "3"),
    ("lombardy", "101000002"): ("participant", "Lombardy Agri-food Cluster (an old NUTS code)", "7"),
    ("lombardy", "101000003"): ("participant", "Politecnico di Milano", "11"),
    ("lombardy", "101000004"): ("coordinator", "Politecnico di Milano", "14"),
    ("east-and-north-finland", "101000001"): ("participant", "Kajaani University of Applied Sciences", "4"),
    ("east-and-north-finland", "101000004"): ("participant", "Kajaani University of Applied Sciences", "15"),
    ("kainuu", "101000001"): ("participant", "Kajaani University of Applied Sciences", "4"),
    ("kainuu", "101000004"): ("participant", "Kajaani University of Applied Sciences", "15"),
    ("central-macedonia", "101000003"): ("participant", "Aristotle University of Thessaloniki", "13"),
}


def edges_of(graph: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [edge for edge in graph["edges"] if edge["kind"] == kind]


def pair(edge: dict[str, Any]) -> frozenset[str]:
    return frozenset((edge["source"], edge["target"]))


def test_after_an_import_the_graph_has_the_projects_and_each_regions_part_in_them(
    cli: Invoke, imported_home: Path
) -> None:
    run = cli("graph", "--json")
    assert run.exit_code == 0, run.stderr
    graph = run.json()
    assert graph["graph"]["basis"] == "all"  # after an import, the default
    assert graph["graph"]["source"]["attribution"] == ATTRIBUTION
    assert "never the region's own membership" in graph["graph"]["note"]
    projects = {node["record"]: node for node in graph["nodes"] if node["kind"] == "project"}
    assert sorted(projects) == ["101000001", "101000002", "101000003", "101000004"]
    space = projects["101000001"]
    assert space["id"] == "project:101000001"
    assert space["label"] == space["acronym"] == "SPACEKRAK"
    assert space["title"] == "Space data for regional innovation"
    assert space["programme"] == "H2020"
    assert (space["start_date"], space["end_date"]) == ("2021-01-01", "2023-12-31")
    assert (space["source_file"], space["source_row"]) == ("project.csv", 2)
    assert space["country"] is None
    assert space["nuts"] is None
    found = {
        (edge["source"].removeprefix("region:"), edge["target"].removeprefix("project:")): (
            edge["role"],
            edge["organisations"],
            edge["source_rows"],
        )
        for edge in edges_of(graph, "participation")
    }
    assert found == PARTICIPATIONS
    malopolska = next(edge for edge in edges_of(graph, "participation") if edge["source"] == "region:malopolska")
    assert malopolska["weight"] == 1  # one organisation of the region in the project
    assert malopolska["evidence_source"] == "organization.csv"
    ids = {node["id"] for node in graph["nodes"]}
    assert all(edge["source"] in ids and edge["target"] in ids for edge in graph["edges"])
    assert len(edges_of(graph, "membership")) == memberships(Atlas.open())


def test_basis_networks_after_an_import_is_the_graph_without_one(cli: Invoke, home: Path) -> None:
    before = cli("graph", "--json").json()
    assert before["graph"]["basis"] == "networks"  # nothing imported: the default
    assert before["graph"]["source"] is None
    assert {node["kind"] for node in before["nodes"]} == {"network", "region", "organisation"}
    graphml = cli("graph", "-f", "graphml").stdout
    import_cordis(CORDIS)
    assert cli("graph", "--basis", "networks", "--json").json() == before
    assert cli("graph", "--basis", "networks", "-f", "graphml").stdout == graphml  # byte for byte
    assert (
        cli("graph", "--project", "regions", "--basis", "networks", "-f", "json").json()
        == cli("graph", "--project", "regions", "--json", env={"NETWORKS_DATA_HOME": str(home / "none")}).json()
    )


def test_basis_projects_leaves_the_networks_out(cli: Invoke, imported_home: Path) -> None:
    graph = cli("graph", "--basis", "projects", "--json").json()
    assert graph["graph"]["basis"] == "projects"
    assert {node["kind"] for node in graph["nodes"]} == {"region", "project"}
    assert {edge["kind"] for edge in graph["edges"]} == {"participation"}
    assert {node["record"] for node in graph["nodes"] if node["kind"] == "region"} == {
        region for region, _ in PARTICIPATIONS
    }


def test_the_projection_counts_shared_projects_beside_shared_networks(cli: Invoke, imported_home: Path) -> None:
    graph = cli("graph", "--project", "regions", "--json").json()
    assert graph["graph"]["basis"] == "all"
    edges = {pair(edge): edge for edge in graph["edges"]}
    lombardy = edges[frozenset(("region:malopolska", "region:lombardy"))]
    partners = Atlas.open().partners("Małopolska", sort="shared")
    shared_networks = next(p for p in partners if p["region"]["id"] == "lombardy")
    assert lombardy["shared_networks"] == shared_networks["count"]
    assert lombardy["shared_projects"] == 3
    assert lombardy["projects"] == "101000001; 101000002; 101000003"
    assert lombardy["weight"] == lombardy["shared_networks"] + 3  # the weight rule: each network and project one
    assert lombardy["kind"] == "shared networks and projects"
    # Kainuu lies in East and North Finland: its one organisation in two projects is not a project they share.
    finland = edges.get(frozenset(("region:kainuu", "region:east-and-north-finland")))
    assert finland is None or finland["shared_projects"] == 0
    assert edges[frozenset(("region:lombardy", "region:kainuu"))]["shared_projects"] == 2
    for edge in graph["edges"]:
        assert edge["weight"] == edge["shared_networks"] + edge["shared_projects"]
        assert (edge["projects"] is None) == (edge["shared_projects"] == 0)


def test_the_projection_by_projects_agrees_with_partners_by_projects(cli: Invoke, imported_home: Path) -> None:
    graph = cli("graph", "--project", "regions", "--basis", "projects", "--json").json()
    weights = {pair(edge): edge["weight"] for edge in graph["edges"]}
    assert all(edge["kind"] == "shared projects" and edge["networks"] is None for edge in graph["edges"])
    assert all(edge["shared_networks"] is None for edge in graph["edges"])
    partners = cli("partners", "Małopolska", "--basis", "projects", "--json").json()
    in_atlas = [p for p in partners if p["region"]["id"]]  # London and Attica are not in the atlas
    assert [p["region"]["id"] for p in in_atlas] == ["lombardy", "central-macedonia", "east-and-north-finland"]
    for partner in in_atlas:
        assert (
            weights[frozenset(("region:malopolska", f"region:{partner['region']['id']}"))]
            == partner["projects"]["count"]
        )


def test_regions_linked_only_by_projects_get_an_edge(cli: Invoke, imported_home: Path, tmp_path: Path) -> None:
    dataset = tmp_path / "two.toml"
    dataset.write_text(TWO_REGIONS_APART, encoding="utf-8")
    graph = cli("graph", "--project", "regions", "--data", str(dataset), "--json")
    assert graph.exit_code == 0, graph.stderr
    [edge] = graph.json()["edges"]
    assert pair(edge) == frozenset(("region:krakow-land", "region:milan-land"))
    assert edge["kind"] == "shared projects"
    assert (edge["shared_networks"], edge["shared_projects"], edge["weight"]) == (0, 3, 3)
    assert edge["networks"] is None
    by_networks = cli("graph", "--project", "regions", "--data", str(dataset), "--basis", "networks", "--json")
    assert by_networks.json()["edges"] == []


TWO_REGIONS_APART = """\
[dataset]
title = "Two regions in networks of their own"
updated = "2026-11-01"

[[sources]]
id = "src"
url = "https://example.org/"
date = "2025"

[[regions]]
id = "krakow-land"
name = "Krakow Land"
country = "PL"
nuts = { code = "PL21", version = "2024", level = 2, label = "Małopolskie", source = "src" }

[[regions]]
id = "milan-land"
name = "Milan Land"
country = "IT"
nuts = { code = "ITC4", version = "2024", level = 2, label = "Lombardia", source = "src" }

[[networks]]
id = "north"
name = "North Network"

[[networks.members]]
region = "krakow-land"
role = "member"
quote = "a member"
source = "src"

[[networks]]
id = "south"
name = "South Network"

[[networks.members]]
region = "milan-land"
role = "member"
quote = "a member"
source = "src"
"""


@pytest.mark.parametrize(("fmt", "read"), [("graphml", networkx.read_graphml), ("gexf", networkx.read_gexf)])
def test_graphml_and_gexf_carry_the_projects(cli: Invoke, imported_home: Path, fmt: str, read: Any) -> None:
    run = cli("graph", "-f", fmt)
    assert run.exit_code == 0, run.stderr
    graph = read(io.BytesIO(run.stdout.encode("utf-8")))
    answer = cli("graph", "--json").json()
    assert graph.number_of_nodes() == len(answer["nodes"])
    assert graph.number_of_edges() == len(answer["edges"])
    project = graph.nodes["project:101000002"]
    assert project["kind"] == "project"
    assert project["title"] == "Agri-food valleys: smart specialisation across regions"
    assert project["programme"] == "HORIZON"
    assert project["source_row"] == 3
    edge = graph.edges["region:malopolska", "project:101000002"]
    assert edge["role"] == "coordinator"
    assert edge["organisations"] == "Jagiellonian University"
    assert ATTRIBUTION in run.stdout  # the licence's words go with the file
    projection = read(io.BytesIO(cli("graph", "--project", "regions", "-f", fmt).stdout.encode("utf-8")))
    shared = projection.edges["region:malopolska", "region:lombardy"]
    assert shared["shared_projects"] == 3
    assert shared["projects"] == "101000001; 101000002; 101000003"


def test_csv_pajek_and_networkx_carry_the_projects(cli: Invoke, imported_home: Path) -> None:
    answer = cli("graph", "--json").json()
    nodes = list(csv.DictReader(io.StringIO(cli("graph", "-f", "nodes-csv").stdout)))
    edges = list(csv.DictReader(io.StringIO(cli("graph", "-f", "edges-csv").stdout)))
    assert len(nodes) == len(answer["nodes"])
    assert len(edges) == len(answer["edges"])
    space = next(node for node in nodes if node["id"] == "project:101000001")
    assert (space["title"], space["programme"], space["start_date"]) == (
        "Space data for regional innovation",
        "H2020",
        "2021-01-01",
    )
    taking_part = next(e for e in edges if (e["source"], e["target"]) == ("region:lombardy", "project:101000004"))
    assert (taking_part["role"], taking_part["organisations"]) == ("coordinator", "Politecnico di Milano")
    pajek = cli("graph", "-f", "pajek").stdout.splitlines()
    assert pajek[0] == f"*Vertices {len(answer['nodes'])}"
    assert '"project:101000001"' in " ".join(pajek)
    projection_edges = list(csv.DictReader(io.StringIO(cli("graph", "--project", "regions", "-f", "edges-csv").stdout)))
    assert {"shared_networks", "shared_projects", "projects"} <= set(projection_edges[0])
    with Atlas.open() as atlas:
        graph = atlas.graph().to_networkx()
    assert graph.nodes["project:101000003"]["acronym"] == "BALTIC"
    assert graph.edges["region:central-macedonia", "project:101000003"]["organisations"] == (
        "Aristotle University of Thessaloniki"
    )


def test_the_library_answers_what_the_cli_writes_and_the_contracts_shape(cli: Invoke, imported_home: Path) -> None:
    with Atlas.open() as atlas:
        for args, kwargs in (
            ((), {}),
            (("--basis", "projects"), {"basis": "projects"}),
            (("--project", "regions"), {"project": "regions"}),
            (("--project", "regions", "--basis", "networks"), {"project": "regions", "basis": "networks"}),
        ):
            answer = cli("graph", *args, "--json").json()
            assert atlas.graph(**kwargs).as_dict() == answer, args
            assert mismatches(answer, GraphAnswer, " ".join(("graph", *args))) == []
        metrics = cli("graph", "--metrics", "--basis", "projects", "--json").json()
        assert atlas.graph_metrics(basis="projects").as_dict() == metrics
    assert mismatches(metrics, list[GraphMetric], "graph --metrics") == []
    assert {row["id"] for row in metrics} == {region for region, _ in PARTICIPATIONS}
    lombardy = next(row for row in metrics if row["id"] == "lombardy")
    assert lombardy["degree"] == 4  # Małopolska, Finland's two regions, Central Macedonia
    assert lombardy["strength"] == 3 + 2 + 2 + 1


@pytest.mark.parametrize(
    "args",
    [
        ("graph", "--basis", "projects"),
        ("graph", "--basis", "all", "-f", "gexf"),
        ("graph", "--project", "regions", "--basis", "all"),
        ("graph", "--metrics", "--basis", "projects"),
    ],
    ids=" ".join,
)
def test_projects_asked_for_without_an_import_say_so_in_one_line(
    cli: Invoke, home: Path, args: tuple[str, ...]
) -> None:
    run = cli(*args)
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr == f"networks: {NOT_IMPORTED}\n"


def test_an_unknown_basis_is_one_line(cli: Invoke, home: Path) -> None:
    run = cli("graph", "--basis", "friends")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "'friends' is not one of 'networks', 'projects', 'all'" in run.stderr
    assert len(run.stderr.splitlines()) == 1
    with pytest.raises(UsageError, match="invalid basis 'friends': choose one of networks, projects, all"):
        Atlas.open().graph(basis="friends")


def test_a_damaged_projects_file_is_one_line_and_basis_networks_still_answers(cli: Invoke, home: Path) -> None:
    home.mkdir(mode=0o700)
    damaged = home / "projects.sqlite3"
    damaged.write_text("not a database\n", encoding="utf-8")
    damaged.chmod(0o600)
    run = cli("graph", "-f", "gexf")  # the default, all: the projects are read
    assert run.exit_code == 4
    assert run.stdout == ""
    assert run.stderr.count("\n") == 1
    assert "not a projects database; import again: networks import cordis PATH" in run.stderr
    networks_only = cli("graph", "--basis", "networks", "--json")
    assert networks_only.exit_code == 0, networks_only.stderr
    assert networks_only.json()["graph"]["basis"] == "networks"


def test_a_participation_in_a_project_missing_from_project_csv_is_left_out(
    cli: Invoke, home: Path, tmp_path: Path
) -> None:
    """CORDIS's organisations' file may name a project its projects' file lacks: no node is made up for it."""
    export = tmp_path / "cordis"
    shutil.copytree(CORDIS, export)
    with (export / "organization.csv").open("a", encoding="utf-8") as rows:
        rows.write(
            "109999999;GHOST;999900001;;AGH University of Krakow;AGH;false;HES;Street 1;00-000;Kraków;PL;PL213;"
            "50.0,19.9;;;2024-01-01 10:00:00;1;1;coordinator;1;1;1;;true\n"
            "109999999;GHOST;999900002;;Politecnico di Milano;POLIMI;false;HES;Street 1;00-000;Milano;IT;ITC4C;"
            "50.0,19.9;;;2024-01-01 10:00:00;1;2;participant;1;1;1;;true\n"
        )
    assert cli("import", "cordis", str(export), "--json").json()["counts"]["unknown_projects"] == 2
    graph = cli("graph", "--json").json()
    assert "project:109999999" not in {node["id"] for node in graph["nodes"]}
    assert all(edge["target"] != "project:109999999" for edge in graph["edges"])
    projection = cli("graph", "--project", "regions", "--json").json()
    lombardy = next(e for e in projection["edges"] if pair(e) == frozenset(("region:malopolska", "region:lombardy")))
    assert lombardy["projects"] == "101000001; 101000002; 101000003"
