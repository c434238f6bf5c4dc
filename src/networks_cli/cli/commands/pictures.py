"""The pictures (issue #23): a dossier to send (`report`), a map (`map`), the graph for network analysis
(`graph`). Each draws an answer of the library; the drawing is written by the one error boundary, to
standard output or, with `-o FILE`, to a file (a file that cannot be written: one line, exit 74).

No `from __future__ import annotations` here (see `cli/options.py`). The writers are imported only
when a picture is drawn, so no other command loads them.
"""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from networks_cli.cli.app import Answer, Question, command
from networks_cli.cli.options import (
    Basis,
    Common,
    DataOption,
    JsonOption,
    NoCacheOption,
    NoColorOption,
    complete,
)
from networks_cli.output.formats import OutputFormat

if TYPE_CHECKING:
    from collections.abc import Callable

    from networks_cli.atlas import Atlas
    from networks_cli.output.formats import Terminal, View
    from networks_cli.results import Drawing, Result

PANEL = "Pictures"


def _complete_subject(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return complete("network", ctx, incomplete) + complete("region", ctx, incomplete)


SubjectArgument = Annotated[
    str,
    typer.Argument(
        help="A region (name in any language, NUTS code or id) or a network (id, name or acronym); a network's "
        "name wins where a name is both.",
        autocompletion=_complete_subject,
        show_default=False,
    ),
]
OutputFileOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file instead of standard output.",
        show_default=False,
        dir_okay=False,
    ),
]


def _chosen(common: Common) -> OutputFormat | None:
    """The data format asked for (`--json`, `--format`), or None for the picture itself."""
    if common.json_flag:
        return OutputFormat.json
    return None if common.output is OutputFormat.table else common.output


def _drawn(result: "Result", draw: "Callable[[Terminal], str]", output_file: Path | None) -> "Drawing":
    from networks_cli.results import Drawing

    drawing = Drawing(result.as_dict(), draw)
    return drawing.save(output_file) if output_file is not None else drawing


def _rendered(result: "Result", chosen: OutputFormat) -> "Callable[[Terminal], str]":
    from networks_cli.output.formats import render

    return lambda terminal: render(result.view(), chosen, terminal)


@command("report", panel=PANEL, docs="pictures.md")
def report_command(
    common: Common,
    subject: SubjectArgument,
    output_file: OutputFileOption = None,
    partners: Annotated[int, typer.Option("--partners", min=0, help="How many partners to list, best first.")] = 10,
) -> Question:
    """A region's or a network's dossier: one self-contained HTML page to send, print or open offline.

    A region's: its profile, networks (role, since, status, last confirmed, evidence), best partners,
    networks over time, a map of its partners, imported projects, how complete the lists are, and
    every source with its link, date and quote. A network's: its facts, members by status, member
    counts over time, a map of its members, and its sources. --format markdown writes a text version,
    --json the answers it is made of.

    \b
    Examples:
      networks report Małopolska -o malopolska.html
      networks report nereus --format markdown > nereus.md
    """
    chosen = _chosen(common)

    def ask(atlas: "Atlas") -> "Result":
        if chosen not in (None, OutputFormat.json, OutputFormat.markdown):
            from networks_cli.errors import UsageError

            raise UsageError(f"a report is HTML, Markdown (--format markdown) or JSON (--json), not {chosen.value}")
        result = atlas.report(subject, partners=partners)
        if chosen is None:
            return _drawn(result, lambda terminal: result.html(), output_file)
        if chosen is OutputFormat.markdown:
            return _drawn(result, lambda terminal: result.markdown(), output_file)
        return _drawn(result, _rendered(result, chosen), output_file)

    return Question(ask, forced=OutputFormat.table)


class MapColouring(StrEnum):
    status = "status"
    role = "role"


@command("map", panel=PANEL, docs="pictures.md")
def map_command(
    common: Common,
    subject: SubjectArgument,
    output_file: OutputFileOption = None,
    by: Annotated[
        MapColouring,
        typer.Option("--by", help="Colour a network's members by status or by role.", case_sensitive=False),
    ] = MapColouring.status,
    geometry: Annotated[
        Path | None,
        typer.Option(
            "--geometry",
            help="Draw real boundaries from this GeoJSON or TopoJSON file (e.g. Eurostat's NUTS files, whose "
            "terms are yours to accept), joined on the NUTS code, instead of the tile grid.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
) -> Question:
    """A map of a network's members (coloured by status or role) or of a region and its partners.

    Europe's NUTS 2 regions as the project's own tile grid, one square per region, each country's
    squares together; organisations and NUTS 3 members in their NUTS 2 square. SVG to a file or a
    pipe, a compact text grid on a terminal; --json, --format csv and the like give its squares.

    \b
    Examples:
      networks map vanguard -o vanguard.svg
      networks map Małopolska
      networks map nereus --by role --geometry NUTS_RG_20M_2024_4326.geojson -o nereus.svg
    """
    chosen = _chosen(common)

    def ask(atlas: "Atlas") -> "Result":
        result = atlas.map(subject, by=by.value, geometry=geometry)
        if chosen is not None:
            return _drawn(result, _rendered(result, chosen), output_file)

        def draw(terminal: "Terminal") -> str:
            if terminal.is_tty and output_file is None and result.shapes is None:
                return result.text(terminal.color)
            return result.svg()

        return _drawn(result, draw, output_file)

    return Question(ask, forced=OutputFormat.table)


class GraphFormat(StrEnum):
    """The formats `output.graph_formats` writes (a test checks the two lists agree)."""

    graphml = "graphml"
    gexf = "gexf"
    pajek = "pajek"
    nodes_csv = "nodes-csv"
    edges_csv = "edges-csv"
    json = "json"


class Projection(StrEnum):
    regions = "regions"


@command("graph", panel=PANEL, docs="pictures.md", shared=False)
def graph_command(
    ctx: typer.Context,
    graph_format: Annotated[
        GraphFormat,
        typer.Option(
            "--format",
            "-f",
            help="graphml, gexf (Gephi), pajek, nodes-csv, edges-csv or json (node-link, as networkx reads it).",
            case_sensitive=False,
        ),
    ] = GraphFormat.graphml,
    project: Annotated[
        Projection | None,
        typer.Option(
            "--project",
            help="regions: regions joined by the networks (and, by --basis, projects) they share (weight: how "
            "many), instead of regions and organisations by networks (and projects).",
            show_default=False,
        ),
    ] = None,
    basis: Annotated[
        Basis | None,
        typer.Option(
            "--basis",
            help="Build it from the networks (networks), from the EU-funded projects of the regions' "
            "organisations (projects; after `networks import cordis`), or from both (all). Default: all after "
            "an import, else networks.",
            show_default=False,
        ),
    ] = None,
    metrics: Annotated[
        bool,
        typer.Option(
            "--metrics",
            help="Each region's degree, betweenness and eigenvector centrality and community in the "
            'region-region projection, as a table (or --json). Needs networkx: pip install "networks-cli\\[graph]".',
        ),
    ] = False,
    output_file: OutputFileOption = None,
    json_flag: JsonOption = False,
    no_color: NoColorOption = False,
    data: DataOption = None,
    no_cache: NoCacheOption = False,
) -> Answer:
    """The memberships as a graph for network analysis (Gephi, networkx), every attribute kept.

    Regions and organisations by networks (and, after `networks import cordis`, regions by EU-funded
    projects), or the weighted region-region projection; every node and edge carries its attributes
    (name, country, NUTS, kind; role, status, last confirmed, source).

    \b
    Examples:
      networks graph -f gexf > atlas.gexf
      networks graph --project regions -f graphml -o regions.graphml
      networks graph --basis networks -f gexf -o networks-only.gexf
      networks graph --metrics
    """
    common = Common.merged(ctx, {"json_flag": json_flag, "no_color": no_color, "data": data, "no_cache": no_cache})
    as_json = common.json_flag or graph_format is GraphFormat.json

    def make_view() -> "View":
        from networks_cli.atlas import Atlas

        atlas = Atlas.open(common.data, cache=not common.no_cache)
        if metrics:
            answer = atlas.graph_metrics(basis.value if basis else None)
            if output_file is None:
                return answer.view()
            written = OutputFormat.json if as_json else OutputFormat.tsv
            return _drawn(answer, _rendered(answer, written), output_file).view()
        result = atlas.graph(project.value if project else None, basis.value if basis else None)
        chosen = "json" if common.json_flag else graph_format.value
        return _drawn(result, lambda terminal: result.write(chosen), output_file).view()

    if metrics:
        return Answer(make_view, forced=OutputFormat.json if as_json else None)
    return Answer(make_view, forced=OutputFormat.table)
