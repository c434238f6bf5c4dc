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

After `networks import cordis`, the `basis` says what the graph is built from, in the words of
`partners --basis`: the networks, the imported projects, or all. Projects are nodes (`project:NUMBER`)
joined to the atlas's regions their organisations take part in (one `participation` edge per region and
project, placed by the region's NUTS code at its own level), and in the projection two regions share a
project when two different organisations, one placed in each, take part in it: a region within another
(Kainuu in East and North Finland) does not share a project with it through one organisation.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING, Literal, NamedTuple, cast

from networks_cli.answers.discovery import _counts_for_region, presence
from networks_cli.answers.queries import nuts_code
from networks_cli.dataset.names import Record, nuts_columns
from networks_cli.dataset.store import Store
from networks_cli.errors import UsageError

if TYPE_CHECKING:
    from networks_cli.contract import GraphAnswer, GraphEdge, GraphInfo, GraphMetric, GraphNode, ProjectSource

PROJECTIONS = ("regions",)


def graph_basis(basis: str | None) -> str:
    """The basis asked for, checked; none asked: all after an import (the graph is the atlas's export
    of everything it knows, as `export` is), the networks without one."""
    if basis is None:
        from networks_cli.projects.home import projects_imported

        return "all" if projects_imported() else "networks"
    from networks_cli.answers.projects import BASES  # not at the top: it loads the projects store

    if basis not in BASES:
        raise UsageError(f"invalid basis {basis!r}: choose one of {', '.join(BASES)}")
    return basis


# What a node or an edge of one kind leaves empty, that another kind fills: spread into each record,
# with `# type: ignore[typeddict-item]` as mypy does not check a spread dict against a TypedDict.
_NO_PROJECT = {
    "acronym": None,
    "title": None,
    "programme": None,
    "start_date": None,
    "end_date": None,
    "topics": None,
    "source_file": None,
    "source_row": None,
}
_NO_PARTICIPATION = {"organisations": None, "source_rows": None}
_NO_SHARING = {"shared_networks": None, "shared_projects": None, "projects": None}


class _Imported(NamedTuple):
    """The imported projects as far as the atlas's regions take part in them."""

    taking_part: dict[tuple[str, str], list[Record]]  # (region id, project number) -> its participations
    projects: dict[str, Record]  # project number -> the project, in project-number order
    source: ProjectSource
    note: str


def _imported(store: Store) -> _Imported:
    """Every participation placed in a region of the atlas, by region and project, in the projects of
    the projects' file (UsageError when nothing is imported)."""
    from networks_cli.projects.home import ECOSYSTEM_NOTE
    from networks_cli.projects.store import require_projects

    regions_by_code: dict[str, list[str]] = {}
    for region in store.regions():
        code = nuts_code(region)
        if code:
            regions_by_code.setdefault(code, []).append(region["id"])
    projects = require_projects()
    try:
        participations = projects.participations_in(regions_by_code)
        found = projects.projects_by_id({row["project"] for row in participations})
        source = cast("ProjectSource", projects.source())
    finally:
        projects.close()
    known = {project["id"]: project for project in found}
    taking_part: dict[tuple[str, str], list[Record]] = {}
    for row in participations:
        if row["project"] not in known:
            continue  # named by the organisations' file, missing from the projects' file: nothing to show of it
        for region_id in regions_by_code[row["nuts"]]:
            taking_part.setdefault((region_id, row["project"]), []).append(row)
    return _Imported(taking_part, known, source, ECOSYSTEM_NOTE)


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
        "nuts_level": nuts_columns(region)["nuts_level"],
        "category": None,
        "region": region["id"],
        **_NO_PROJECT,  # type: ignore[typeddict-item]
    }


def _project_node(project: Record) -> GraphNode:
    return {
        "id": node_id("project", project["id"]),
        "kind": "project",
        "label": project["acronym"],
        "record": project["id"],
        "country": None,
        "nuts": None,
        "nuts_level": None,
        "category": project["programme"],
        "region": None,
        "acronym": project["acronym"],
        "title": project["title"],
        "programme": project["programme"],
        "start_date": project["start_date"],
        "end_date": project["end_date"],
        "topics": project["topics"],
        "source_file": project["source_file"],
        "source_row": project["source_row"],
    }


def _graph_info(store: Store, mode: str, basis: str, imported: _Imported | None) -> GraphInfo:
    import json

    info = json.loads(store.meta("dataset") or "{}")
    return {
        "mode": "regions" if mode == "regions" else "bipartite",
        "dataset": info.get("title"),
        "dataset_version": info.get("version"),
        "dataset_updated": info.get("updated"),
        "basis": cast("Literal['networks', 'projects', 'all']", basis),
        "note": imported.note if imported else None,
        "source": imported.source if imported else None,
    }


def membership_graph(store: Store, basis: str = "networks") -> GraphAnswer:
    """Regions and organisations x networks: one node per record, one edge per membership; with
    `basis` "projects" or "all", regions x imported projects too ("projects": those alone)."""
    imported = _imported(store) if basis != "networks" else None
    regions = {region["id"]: region for region in store.regions()}
    organisations = {organisation["id"]: organisation for organisation in store.organisations()}
    networks = store.networks() if basis != "projects" else []
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
                **_NO_PROJECT,  # type: ignore[typeddict-item]
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
                    **_NO_PARTICIPATION,  # type: ignore[typeddict-item]
                    **_NO_SHARING,
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
                "nuts_level": nuts_columns(region)["nuts_level"],
                "category": organisation.get("kind"),
                "region": region["id"],
                **_NO_PROJECT,  # type: ignore[typeddict-item]
            }
        )
    if imported is not None:
        edges += _participations(imported, regions)
        used_regions.update(region_id for region_id, _ in imported.taking_part)
        nodes += [_project_node(project) for project in imported.projects.values()]
    nodes += [_region_node(region) for region_id, region in regions.items() if region_id in used_regions]
    nodes.sort(key=lambda node: (_KIND_ORDER[node["kind"]], node["id"]))
    info = _graph_info(store, "bipartite", basis, imported)
    return {"graph": info, "directed": False, "nodes": nodes, "edges": edges}


_KIND_ORDER = {"network": 0, "region": 1, "organisation": 2, "project": 3}


def _participations(imported: _Imported, regions: dict[str, Record]) -> list[GraphEdge]:
    """One edge per region and project, by project number, then the regions in the atlas's order: the
    region's organisations in it with their roles, in CORDIS's order, and their rows in its file."""
    order = {project_id: i for i, project_id in enumerate(imported.projects)}
    region_order = {region_id: i for i, region_id in enumerate(regions)}
    edges: list[GraphEdge] = []
    for (region_id, project_id), rows in sorted(
        imported.taking_part.items(), key=lambda item: (order[item[0][1]], region_order[item[0][0]])
    ):
        edges.append(
            {
                "source": node_id("region", region_id),
                "target": node_id("project", project_id),
                "kind": "participation",
                "role": "; ".join(row["role"] or "" for row in rows) or None,
                "status": None,
                "since": None,
                "until": None,
                "last_confirmed": None,
                "represents_region": False,
                "evidence_source": "; ".join(dict.fromkeys(row["source_file"] for row in rows)),
                "evidence_url": None,
                "quote": None,
                "weight": len(rows),
                "networks": None,
                "organisations": "; ".join(row["name"] for row in rows),
                "source_rows": "; ".join(str(row["source_row"]) for row in rows),
                **_NO_SHARING,  # type: ignore[typeddict-item]
            }
        )
    return edges


def _shared_projects(imported: _Imported) -> dict[frozenset[str], list[str]]:
    """Two regions -> the projects they share, by project number: those in which two different
    organisations, one placed in each, take part (a region within another shares nothing with it
    through one organisation placed in both)."""
    by_project: dict[str, dict[str, set[str]]] = {}
    for (region_id, project_id), rows in imported.taking_part.items():
        by_project.setdefault(project_id, {})[region_id] = {row["organisation"] for row in rows}
    shared: dict[frozenset[str], list[str]] = {}
    for project_id in imported.projects:
        present = by_project.get(project_id, {})
        for first, second in combinations(sorted(present), 2):
            if len(present[first] | present[second]) > 1:
                shared.setdefault(frozenset((first, second)), []).append(project_id)
    return shared


def region_projection(store: Store, basis: str = "networks") -> GraphAnswer:
    """Regions joined by the networks both take part in, as `partners` counts them, and (`basis`
    "projects" or "all") by the imported projects they share; `weight` is how many of them, each network
    and each project counting one."""
    with_networks, imported = basis != "projects", _imported(store) if basis != "networks" else None
    counted: dict[str, list[str]] = {}
    if with_networks:
        table = presence(store, None)
        counted = {
            region_id: sorted(network for network, cell in cells.items() if _counts_for_region(cell, False))
            for region_id, cells in table.items()
        }
    order = {network_id: i for i, (network_id, _) in enumerate(store.network_headings())}
    taking_part = {region_id for region_id, _ in imported.taking_part} if imported else set()
    shared_projects = _shared_projects(imported) if imported else {}
    wanted = {region for region, shared in counted.items() if shared} | taking_part
    regions = {region["id"]: region for region in store.regions(wanted)}
    nodes = [_region_node(region) for region in regions.values()]
    edges: list[GraphEdge] = []
    for first, second in combinations(list(regions), 2):
        networks = sorted(set(counted.get(first, ())) & set(counted.get(second, ())), key=order.__getitem__)
        projects = shared_projects.get(frozenset((first, second)), [])
        if networks or projects:
            edges.append(
                {
                    "source": node_id("region", first),
                    "target": node_id("region", second),
                    "kind": _sharing_kind(bool(networks), bool(projects)),
                    "role": None,
                    "status": None,
                    "since": None,
                    "until": None,
                    "last_confirmed": None,
                    "represents_region": False,
                    "evidence_source": None,
                    "evidence_url": None,
                    "quote": None,
                    "weight": len(networks) + len(projects),
                    "networks": "; ".join(networks) or None,
                    **_NO_PARTICIPATION,  # type: ignore[typeddict-item]
                    "shared_networks": len(networks) if with_networks else None,
                    "shared_projects": len(projects) if imported else None,
                    "projects": "; ".join(projects) or None,
                }
            )
    info = _graph_info(store, "regions", basis, imported)
    return {"graph": info, "directed": False, "nodes": nodes, "edges": edges}


def _sharing_kind(
    networks: bool, projects: bool
) -> Literal["shared networks", "shared projects", "shared networks and projects"]:
    if networks and projects:
        return "shared networks and projects"
    return "shared networks" if networks else "shared projects"


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
        # Betweenness walks shortest paths: more shared networks (and projects) make two regions nearer.
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
