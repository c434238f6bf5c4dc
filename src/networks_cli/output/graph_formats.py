"""The graph of `networks graph` in the formats network-analysis tools read, written with the standard
library only (no dependency on any command's path): GraphML, GEXF 1.2, Pajek, CSV node and edge lists
and node-link JSON. Every node's and edge's attributes go along (a missing value is left out, never
written as an empty string that a tool would read as data); text is escaped for each format, and the
characters XML cannot hold at all are dropped from XML. With imported projects, GraphML and GEXF carry
the attribution their licence asks for (JSON carries their whole source). `to_networkx` builds a
networkx graph (networkx installed: the `[graph]` extra)."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import quoteattr

if TYPE_CHECKING:
    from networks_cli.dataset.names import Record

GRAPH_FORMATS = ("graphml", "gexf", "pajek", "nodes-csv", "edges-csv", "json")
NODE_FIELDS = (
    "id",
    "kind",
    "label",
    "record",
    "country",
    "nuts",
    "nuts_level",
    "category",
    "region",
    "acronym",
    "title",
    "programme",
    "start_date",
    "end_date",
    "topics",
    "source_file",
    "source_row",
)
EDGE_FIELDS = (
    "source",
    "target",
    "kind",
    "role",
    "status",
    "since",
    "until",
    "last_confirmed",
    "represents_region",
    "evidence_source",
    "evidence_url",
    "quote",
    "weight",
    "networks",
    "organisations",
    "source_rows",
    "shared_networks",
    "shared_projects",
    "projects",
)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: object) -> str:
    return quoteattr(_NOT_XML.sub("", str(text)))


def _type(values: list[Any]) -> str:
    present = [value for value in values if value is not None]
    if present and all(isinstance(value, bool) for value in present):
        return "boolean"
    if present and all(isinstance(value, int) and not isinstance(value, bool) for value in present):
        return "int"
    return "string"


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _attributes(records: list[Record], fields: Sequence[str], skip: set[str]) -> list[tuple[str, str]]:
    """(name, type) of each attribute any record has a value for."""
    return [
        (name, _type([record.get(name) for record in records]))
        for name in fields
        if name not in skip and any(record.get(name) is not None for record in records)
    ]


def _attribution(graph: Record) -> str | None:
    """The words the imported projects' licence asks to be shown with them, when the graph holds any."""
    source = (graph.get("graph") or {}).get("source") or {}
    return source.get("attribution")


def graphml(graph: Record) -> str:
    nodes, edges = graph["nodes"], graph["edges"]
    node_keys = _attributes(nodes, NODE_FIELDS, {"id"})
    edge_keys = _attributes(edges, EDGE_FIELDS, {"source", "target"})
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ]
    for prefix, scope, keys in (("n", "node", node_keys), ("e", "edge", edge_keys)):
        lines += [
            f'  <key id="{prefix}_{name}" for="{scope}" attr.name="{name}" attr.type="{kind}"/>' for name, kind in keys
        ]
    attribution = _attribution(graph)
    if attribution:
        lines.append('  <key id="g_attribution" for="graph" attr.name="attribution" attr.type="string"/>')
    lines.append(f'  <graph id="networks" edgedefault="{"directed" if graph["directed"] else "undirected"}">')
    if attribution:
        lines.append(f'    <data key="g_attribution">{_xml(attribution)[1:-1]}</data>')
    for node in nodes:
        lines.append(f"    <node id={_xml(node['id'])}>")
        lines += [
            f'      <data key="n_{name}">{_xml(_value(node[name]))[1:-1]}</data>'
            for name, _ in node_keys
            if node.get(name) is not None
        ]
        lines.append("    </node>")
    for i, edge in enumerate(edges):
        lines.append(f'    <edge id="e{i}" source={_xml(edge["source"])} target={_xml(edge["target"])}>')
        lines += [
            f'      <data key="e_{name}">{_xml(_value(edge[name]))[1:-1]}</data>'
            for name, _ in edge_keys
            if edge.get(name) is not None
        ]
        lines.append("    </edge>")
    lines += ["  </graph>", "</graphml>"]
    return "\n".join(lines) + "\n"


_GEXF_TYPES = {"int": "integer", "boolean": "boolean", "string": "string"}


def gexf(graph: Record) -> str:
    nodes, edges = graph["nodes"], graph["edges"]
    node_keys = _attributes(nodes, NODE_FIELDS, {"id", "label"})
    edge_keys = _attributes(edges, EDGE_FIELDS, {"source", "target", "weight"})
    info = graph.get("graph") or {}
    description = f"{info.get('dataset') or 'networks'} {info.get('dataset_version') or ''}".strip()
    attribution = _attribution(graph)
    if attribution:
        description += f". {attribution}"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">',
        f"  <meta><creator>networks</creator><description>{_xml(description)[1:-1]}</description></meta>",
        f'  <graph mode="static" defaultedgetype="{"directed" if graph["directed"] else "undirected"}">',
    ]
    for scope, keys in (("node", node_keys), ("edge", edge_keys)):
        lines.append(f'    <attributes class="{scope}">')
        lines += [f'      <attribute id="{name}" title="{name}" type="{_GEXF_TYPES[kind]}"/>' for name, kind in keys]
        lines.append("    </attributes>")
    lines.append("    <nodes>")
    for node in nodes:
        lines.append(f"      <node id={_xml(node['id'])} label={_xml(node['label'])}>")
        lines.append("        <attvalues>")
        lines += [
            f'          <attvalue for="{name}" value={_xml(_value(node[name]))}/>'
            for name, _ in node_keys
            if node.get(name) is not None
        ]
        lines += ["        </attvalues>", "      </node>"]
    lines += ["    </nodes>", "    <edges>"]
    for i, edge in enumerate(edges):
        lines.append(
            f'      <edge id="{i}" source={_xml(edge["source"])} target={_xml(edge["target"])} '
            f'weight="{edge["weight"]}">'
        )
        lines.append("        <attvalues>")
        lines += [
            f'          <attvalue for="{name}" value={_xml(_value(edge[name]))}/>'
            for name, _ in edge_keys
            if edge.get(name) is not None
        ]
        lines += ["        </attvalues>", "      </edge>"]
    lines += ["    </edges>", "  </graph>", "</gexf>"]
    return "\n".join(lines) + "\n"


def _pajek_text(text: str) -> str:
    # Pajek quotes labels with double quotes and knows no escape: a quote inside becomes an apostrophe.
    return '"' + re.sub(r"\s+", " ", text).replace('"', "'") + '"'


def pajek(graph: Record) -> str:
    """Pajek's .net: vertices numbered from 1 (labelled with the node id, so that the other formats'
    attributes can be joined back), then the edges with their weight."""
    numbers = {node["id"]: i + 1 for i, node in enumerate(graph["nodes"])}
    lines = [f"*Vertices {len(numbers)}"]
    lines += [f"{numbers[node['id']]} {_pajek_text(node['id'])}" for node in graph["nodes"]]
    lines.append("*Arcs" if graph["directed"] else "*Edges")
    lines += [f"{numbers[edge['source']]} {numbers[edge['target']]} {edge['weight']}" for edge in graph["edges"]]
    return "\r\n".join(lines) + "\r\n"


def _csv(records: list[Record], fields: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows(
        [("" if record.get(name) is None else _value(record[name])) for name in fields] for record in records
    )
    return buffer.getvalue()


def nodes_csv(graph: Record) -> str:
    return _csv(graph["nodes"], NODE_FIELDS)


def edges_csv(graph: Record) -> str:
    return _csv(graph["edges"], EDGE_FIELDS)


def node_link_json(graph: Record) -> str:
    return json.dumps(graph, ensure_ascii=False, indent=1) + "\n"


WRITERS: dict[str, Callable[[Record], str]] = {
    "graphml": graphml,
    "gexf": gexf,
    "pajek": pajek,
    "nodes-csv": nodes_csv,
    "edges-csv": edges_csv,
    "json": node_link_json,
}


def write_graph(graph: Record, format: str) -> str:
    try:
        writer = WRITERS[format]
    except KeyError:
        from networks_cli.errors import UsageError

        raise UsageError(f"invalid graph format {format!r}: choose one of {', '.join(GRAPH_FORMATS)}") from None
    return writer(graph)


def to_networkx(graph: Record) -> Any:
    """A networkx Graph (DiGraph if directed) with the nodes' and edges' attributes, None values left out."""
    import networkx

    result = networkx.DiGraph() if graph["directed"] else networkx.Graph()
    result.graph.update(graph.get("graph") or {})
    for node in graph["nodes"]:
        result.add_node(node["id"], **{key: value for key, value in node.items() if key != "id" and value is not None})
    for edge in graph["edges"]:
        attributes = {
            key: value for key, value in edge.items() if key not in ("source", "target") and value is not None
        }
        result.add_edge(edge["source"], edge["target"], **attributes)
    return result
