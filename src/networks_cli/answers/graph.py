"""The memberships as a graph for network analysis: members x networks, or the region-region projection.

`membership_graph` is bipartite: regions and organisations on one side, networks on the other, one
edge per membership carrying its role, status, dates, last confirmation and evidence (source id,
address and quote), so that nothing is lost on the way into Gephi or networkx. `region_projection`
joins two regions by the networks both take part in, as `partners` counts them (themselves, or
through an organisation standing for them), the edge's `weight` being how many.

Both answer the same shape, the node-link JSON networkx reads (`nodes`, `edges`, each a flat record
of plain values), which the writers of `output.graph_formats` turn into GraphML, GEXF, Pajek and CSV.
Node ids carry their kind (`region:malopolska`, `network:vanguard`), as ids of different kinds may
coincide.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

from networks_cli.answers.discovery import _counts_for_region, presence
from networks_cli.answers.queries import nuts_code
from networks_cli.dataset.names import Record
from networks_cli.dataset.store import Store
from networks_cli.errors import UsageError

if TYPE_CHECKING:
    from networks_cli.contract import GraphAnswer, GraphEdge, GraphInfo, GraphMetric, GraphNode

PROJECTIONS = ("regions",)


def node_id(kind: str, record_id: str) -> str:
    return f"{kind}:{record_id}"


def _region_node(region: Record) -> GraphNode:
    return {
        "id": node_id("region", region["id"]),
        "kind": "region",
        "label": region["name"],
        "record": region["id"],
        "country": region.get("country"),
        "nuts": nuts_code(region),
        "nuts_level": (region.get("nuts") or {}).get("level"),
        "category": None,
        "region": region["id"],
    }


def _graph_info(store: Store, mode: str) -> GraphInfo:
    import json

    info = json.loads(store.meta("dataset") or "{}")
    return {
        "mode": "regions" if mode == "regions" else "bipartite",
        "dataset": info.get("title"),
        "dataset_version": info.get("version"),
        "dataset_updated": info.get("updated"),
    }


def membership_graph(store: Store) -> GraphAnswer:
    """Regions and organisations x networks: one node per record, one edge per membership."""
    regions = {region["id"]: region for region in store.regions()}
    organisations = {organisation["id"]: organisation for organisation in store.organisations()}
    networks = store.networks()
    sources = store.sources(None)
    nodes: list[GraphNode] = []
    edges: list[GraphEdge] = []
    used_regions: set[str] = set()
    used_organisations: set[str] = set()
    for network in networks:
        nodes.append(
            {
                "id": node_id("network", network["id"]),
                "kind": "network",
                "label": network.get("acronym") or network["name"],
                "record": network["id"],
                "country": None,
                "nuts": None,
                "nuts_level": None,
                "category": network.get("category", "network"),
                "region": None,
            }
        )
        for membership in store.members(network["id"]):
            if membership["organisation"]:
                used_organisations.add(membership["organisation"])
                member = node_id("organisation", membership["organisation"])
            else:
                used_regions.add(membership["region"])
                member = node_id("region", membership["region"])
            confirmed = membership.get("last_confirmed") or {}
            source = sources.get(membership.get("source") or "", {})
            edges.append(
                {
                    "source": member,
                    "target": node_id("network", network["id"]),
                    "kind": "membership",
                    "role": membership["role"],
                    "status": membership["status"],
                    "since": membership.get("since"),
                    "until": membership.get("until"),
                    "last_confirmed": confirmed.get("date"),
                    "represents_region": bool(membership.get("represents_region")),
                    "evidence_source": membership.get("source"),
                    "evidence_url": source.get("url"),
                    "quote": membership.get("quote"),
                    "weight": 1,
                    "networks": None,
                }
            )
    for organisation_id in sorted(used_organisations, key=list(organisations).index):
        organisation = organisations[organisation_id]
        region = regions[organisation["region"]]
        nodes.append(
            {
                "id": node_id("organisation", organisation_id),
                "kind": "organisation",
                "label": organisation["name"],
                "record": organisation_id,
                "country": region.get("country"),
                "nuts": nuts_code(region),
                "nuts_level": (region.get("nuts") or {}).get("level"),
                "category": organisation.get("kind"),
                "region": region["id"],
            }
        )
    nodes += [_region_node(region) for region_id, region in regions.items() if region_id in used_regions]
    nodes.sort(key=lambda node: (_KIND_ORDER[node["kind"]], node["id"]))
    return {"graph": _graph_info(store, "bipartite"), "directed": False, "nodes": nodes, "edges": edges}


_KIND_ORDER = {"network": 0, "region": 1, "organisation": 2}


def region_projection(store: Store) -> GraphAnswer:
    """Regions joined by the networks both take part in, as `partners` counts them; `weight` is how many."""
    table = presence(store, None)
    names = dict(store.network_headings())
    counted = {
        region_id: sorted(network for network, cell in cells.items() if _counts_for_region(cell, False))
        for region_id, cells in table.items()
    }
    order = {network_id: i for i, network_id in enumerate(names)}
    regions = {region["id"]: region for region in store.regions(region for region, shared in counted.items() if shared)}
    nodes = [_region_node(region) for region in regions.values()]
    edges: list[GraphEdge] = []
    for first, second in combinations(list(regions), 2):
        shared = sorted(set(counted[first]) & set(counted[second]), key=order.__getitem__)
        if shared:
            edges.append(
                {
                    "source": node_id("region", first),
                    "target": node_id("region", second),
                    "kind": "shared networks",
                    "role": None,
                    "status": None,
                    "since": None,
                    "until": None,
                    "last_confirmed": None,
                    "represents_region": False,
                    "evidence_source": None,
                    "evidence_url": None,
                    "quote": None,
                    "weight": len(shared),
                    "networks": "; ".join(shared),
                }
            )
    return {"graph": _graph_info(store, "regions"), "directed": False, "nodes": nodes, "edges": edges}


METRICS_MISSING = 'graph --metrics needs networkx, an optional extra: pip install "networks-cli[graph]"'


def projection_metrics(answer: GraphAnswer) -> list[GraphMetric]:
    """Each region's degree, strength, betweenness and eigenvector centrality and community in the
    region-region projection, by networkx (imported here only: an optional extra)."""
    try:
        import networkx
    except ImportError:
        raise UsageError(METRICS_MISSING) from None
    graph = networkx.Graph()
    for node in answer["nodes"]:
        graph.add_node(node["id"])
    for edge in answer["edges"]:
        # Betweenness walks shortest paths: more shared networks make two regions nearer.
        graph.add_edge(edge["source"], edge["target"], weight=edge["weight"], distance=1 / edge["weight"])
    betweenness = networkx.betweenness_centrality(graph, weight="distance")
    try:
        eigenvector = networkx.eigenvector_centrality(graph, weight="weight", max_iter=10_000, tol=1e-9)
    except networkx.PowerIterationFailedConvergence:  # pragma: no cover - a graph of one node, or none
        eigenvector = dict.fromkeys(graph, 0.0)
    communities = networkx.community.louvain_communities(graph, weight="weight", seed=23)
    ranked = sorted(communities, key=lambda members: (-len(members), min(members)))
    community = {node: i + 1 for i, members in enumerate(ranked) for node in members}
    rows: list[GraphMetric] = [
        {
            "id": node["record"],
            "name": node["label"],
            "country": node["country"],
            "nuts": node["nuts"],
            "degree": int(graph.degree(node["id"])),
            "strength": int(graph.degree(node["id"], weight="weight")),
            "betweenness": round(float(betweenness[node["id"]]), 6),
            "eigenvector": round(float(eigenvector[node["id"]]), 6),
            "community": community[node["id"]],
        }
        for node in answer["nodes"]
    ]
    return sorted(rows, key=lambda row: (-row["eigenvector"], -row["degree"], row["id"]))
