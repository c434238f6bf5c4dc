"""`networks graph` (issue #23): the memberships as a graph, in the formats analysis tools read."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ElementTree
from typing import Any

import networkx
import pytest

from networks_cli import Atlas
from networks_cli.output.graph_formats import GRAPH_FORMATS, write_graph


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
