"""The answers `Atlas` returns: each holds one query's result, typed by the JSON contract.

`as_dict()` is the contract shape itself (`contract.py`); `to_json()` is what `networks … --json`
writes; `records()` is the flat rows of `-f csv` as dicts (lists kept as lists), which
`pandas.DataFrame` takes, and `to_pandas()` builds that DataFrame (pandas is not a dependency: it is
imported only there). The CLI writes every answer through `view()`, whose JSON document is
`as_dict()` itself, so the command line and the library cannot drift apart.

These are on the CLI's path, so they are plain classes with `__slots__` (a dataclass costs a
millisecond of start-up to create), and the contract's TypedDicts are named for the type checker only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from networks_cli.answers.validation import Report
    from networks_cli.contract import (
        AtlasCoverage,
        Citations,
        Comparison,
        ExportAnswer,
        GraphAnswer,
        GraphMetric,
        History,
        ImportStatus,
        MapAnswer,
        Matrix,
        MembershipRow,
        NetworkCoverage,
        NetworkProfile,
        NetworkReport,
        NetworkSummary,
        OrganisationProfile,
        Partner,
        PartnersAnswer,
        ProjectHit,
        ProjectPartner,
        ProjectPartnersAnswer,
        ProjectProfile,
        RegionProfile,
        RegionReport,
        RegionRow,
        SearchHit,
        Sources,
        ThemeRow,
        ValidationReport,
    )
    from networks_cli.dataset.names import Record
    from networks_cli.output.formats import Terminal, View


def _plain(answer: object) -> Record:
    """A typed answer as the untyped record the presentation layer (views, tables) reads."""
    return cast("Record", answer)


class Result:
    """One answer. Subclasses say which contract shape `as_dict()` returns and which view shows it."""

    __slots__ = ("_answer",)

    def __init__(self, answer: Any) -> None:
        self._answer = answer

    def as_dict(self) -> Any:
        """The answer as the JSON contract documents it (a list for the commands that answer lists)."""
        return self._answer

    def _view(self) -> View:
        raise NotImplementedError

    def _evidence_view(self) -> View:
        """The view with each row's evidence (its quotes) shown in the table; the same where there is none."""
        return self._view()

    def view(self, evidence: bool = False) -> View:
        """How the CLI shows this answer in every format; its JSON document is `as_dict()`. With
        `evidence`, tables show each row's quotes (JSON always carries them)."""
        view = self._evidence_view() if evidence else self._view()
        view.document = self.as_dict()
        return view

    def to_json(self, indent: int | None = None) -> str:
        """The JSON `networks … --json` writes (compact, as in a pipe, unless an indent is given)."""
        import json

        return json.dumps(self.as_dict(), ensure_ascii=False, indent=indent)

    def records(self) -> list[dict[str, Any]]:
        """Flat rows, one dict each: the columns and rows of `-f csv`, with lists left as lists."""
        view = self.view()
        return [dict(zip(view.columns, row, strict=True)) for row in view.rows()]

    def to_pandas(self) -> Any:
        """`records()` as a pandas DataFrame. pandas is not a dependency of networks: install it yourself."""
        import pandas  # type: ignore[import-not-found,import-untyped,unused-ignore]

        return pandas.DataFrame(self.records(), columns=list(self.view().columns))

    def __str__(self) -> str:
        return self.to_json(indent=2)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self.records())} records; .as_dict() for the answer>"


class _Listed(Result):
    """An answer that is a list in the contract: it iterates, indexes and counts like one."""

    __slots__ = ()

    def __len__(self) -> int:
        return len(self.as_dict())

    def __iter__(self) -> Iterator[Any]:
        return iter(self.as_dict())

    def __getitem__(self, index: int) -> Any:
        return self.as_dict()[index]


class NetworkListResult(_Listed):
    """`list`: every network (or those of some themes)."""

    __slots__ = ()

    def as_dict(self) -> list[NetworkSummary]:
        return cast("list[NetworkSummary]", self._answer)

    def _view(self) -> View:
        from networks_cli.output.views import list_view

        return list_view(cast("list[Record]", self._answer))


class NetworkResult(Result):
    """`show NETWORK`: a network's profile."""

    __slots__ = ()

    def as_dict(self) -> NetworkProfile:
        return cast("NetworkProfile", self._answer)

    def _view(self) -> View:
        from networks_cli.output.views import show_view

        return show_view(_plain(self._answer))

    def _evidence_view(self) -> View:
        from networks_cli.output.views import show_view

        return show_view(_plain(self._answer), evidence=True)


class RegionResult(Result):
    """`region REGION`: a region and the networks it is in."""

    __slots__ = ()

    def as_dict(self) -> RegionProfile:
        return cast("RegionProfile", self._answer)

    def _view(self) -> View:
        from networks_cli.output.views import region_view

        return _with_projects(region_view(_plain(self._answer)), self._answer)

    def _evidence_view(self) -> View:
        from networks_cli.output.views import region_view

        return _with_projects(region_view(_plain(self._answer), evidence=True), self._answer)


class OrganisationResult(Result):
    """`org NAME`: an organisation, its region and the networks it takes part in."""

    __slots__ = ()

    def as_dict(self) -> OrganisationProfile:
        return cast("OrganisationProfile", self._answer)

    def _view(self) -> View:
        from networks_cli.output.views import organisation_view

        return organisation_view(_plain(self._answer))

    def _evidence_view(self) -> View:
        from networks_cli.output.views import organisation_view

        return organisation_view(_plain(self._answer), evidence=True)


class CitationsResult(Result):
    """`cite [NETWORK|REGION]`: the sources behind an answer. `bibtex()`, `csl_json()` and `text()`
    give them as a reference list; `styled(style)` is the answer the CLI writes in that style."""

    __slots__ = ("style",)

    def __init__(self, answer: Any, style: str | None = None) -> None:
        super().__init__(answer)
        self.style = style

    def as_dict(self) -> Citations:
        return cast("Citations", self._answer)

    def styled(self, style: str | None) -> CitationsResult:
        return CitationsResult(self._answer, style)

    def bibtex(self) -> str:
        from networks_cli.output.cite import bibtex

        return bibtex(_plain(self._answer))

    def csl_json(self) -> list[dict[str, Any]]:
        from networks_cli.output.cite import csl_items

        return csl_items(_plain(self._answer))

    def text(self) -> str:
        from networks_cli.output.cite import reference_text

        return reference_text(_plain(self._answer))

    def _view(self) -> View:
        from networks_cli.output.cite import cite_view

        return cite_view(_plain(self._answer), self.style)

    def view(self, evidence: bool = False) -> View:
        view = self._view()
        if self.style != "csl-json":  # a CSL-JSON document is its items, not the contract's shape
            view.document = self.as_dict()
        return view


class HistoryResult(Result):
    """`history NETWORK`: its member counts over time and the dated joins and departures."""

    __slots__ = ()

    def as_dict(self) -> History:
        return cast("History", self._answer)

    def _view(self) -> View:
        from networks_cli.output.views import history_view

        return history_view(_plain(self._answer))


class PartnersResult(_Listed):
    """`partners REGION`: the partners, best first (`as_dict()`), and what they were found for."""

    __slots__ = ()

    def as_dict(self) -> list[Partner]:
        return cast("PartnersAnswer", self._answer)["partners"]

    @property
    def answer(self) -> PartnersAnswer:
        """Everything the table shows: the region, its networks in scope, the partners and the scope."""
        return cast("PartnersAnswer", self._answer)

    def _view(self) -> View:
        from networks_cli.output.discovery_views import partners_view

        return partners_view(_plain(self._answer))

    def _evidence_view(self) -> View:
        from networks_cli.output.discovery_views import partners_view

        return partners_view(_plain(self._answer), evidence=True)

    def explained(self) -> ExplainedPartnersResult:
        """The same answer, whose table shows every part of each partner's score (`--explain`)."""
        return ExplainedPartnersResult(self._answer)


class ExplainedPartnersResult(PartnersResult):
    """`partners REGION --explain`: the same JSON; the table lists every part of each score."""

    __slots__ = ()

    def _view(self) -> View:
        from networks_cli.output.discovery_views import partners_view

        return partners_view(_plain(self._answer), explain=True)

    def _evidence_view(self) -> View:
        from networks_cli.output.discovery_views import partners_view

        return partners_view(_plain(self._answer), evidence=True, explain=True)


class ComparisonResult(Result):
    """`compare REGION…`: networks side by side."""

    __slots__ = ()

    def as_dict(self) -> Comparison:
        return cast("Comparison", self._answer)

    def _view(self) -> View:
        from networks_cli.output.discovery_views import compare_view

        return compare_view(_plain(self._answer))


class SearchResult(_Listed):
    """`search WORDS`: hits, best first."""

    __slots__ = ()

    def as_dict(self) -> list[SearchHit]:
        return cast("list[SearchHit]", self._answer)

    def _view(self) -> View:
        from networks_cli.output.discovery_views import search_view

        return search_view(cast("list[Record]", self._answer))


class RegionsResult(_Listed):
    """`regions`: the dataset's regions with their networks."""

    __slots__ = ()

    def as_dict(self) -> list[RegionRow]:
        return cast("list[RegionRow]", self._answer)

    def _view(self) -> View:
        from networks_cli.output.discovery_views import regions_view

        return regions_view(cast("list[Record]", self._answer))


class MembershipsResult(_Listed):
    """`Atlas.memberships()`: every membership, one flat row each, with names, country and NUTS code."""

    __slots__ = ()

    def as_dict(self) -> list[MembershipRow]:
        return cast("list[MembershipRow]", self._answer)

    def _view(self) -> View:
        from networks_cli.output.views import memberships_view

        return memberships_view(cast("list[Record]", self._answer))


class MatrixResult(Result):
    """`matrix`: regions down, networks across."""

    __slots__ = ()

    def as_dict(self) -> Matrix:
        return cast("Matrix", self._answer)

    def _view(self) -> View:
        from networks_cli.output.discovery_views import matrix_view

        return matrix_view(_plain(self._answer))


class ThemesResult(_Listed):
    """`themes`: the theme vocabulary and the networks carrying each theme."""

    __slots__ = ()

    def as_dict(self) -> list[ThemeRow]:
        return cast("list[ThemeRow]", self._answer)

    def _view(self) -> View:
        from networks_cli.output.discovery_views import themes_view

        return themes_view(cast("list[Record]", self._answer))


class ValidationResult(Result):
    """`validate`: every error and warning of a dataset file. `ok` says whether `validate` would exit 0."""

    __slots__ = ("strict",)

    def __init__(self, report: Report, strict: bool = False) -> None:
        super().__init__(report)
        self.strict = strict

    @property
    def report(self) -> Report:
        return cast("Report", self._answer)

    @property
    def ok(self) -> bool:
        return self.view().exit_status == 0

    def as_dict(self) -> ValidationReport:
        return cast("ValidationReport", self._view().document)

    def _view(self) -> View:
        from networks_cli.output.data_views import validate_view

        return validate_view(self.report, self.strict)


# ---------------------------------------------------------------- imported projects (issue #15)


def _with_projects(view: View, answer: Any) -> View:
    """A region's view, with its imported projects in the table when there are any (`projects` in JSON)."""
    projects = answer.get("projects") if isinstance(answer, dict) else None
    if projects is None:
        return view
    from networks_cli.output.project_views import with_region_projects

    return with_region_projects(view, projects)


class ProjectPartnersResult(PartnersResult):
    """`partners REGION --basis projects|all`: partners by shared projects (and networks), each with both."""

    __slots__ = ()

    def as_dict(self) -> list[ProjectPartner]:  # type: ignore[override]
        return cast("ProjectPartnersAnswer", self._answer)["partners"]

    @property
    def answer(self) -> ProjectPartnersAnswer:  # type: ignore[override]
        return cast("ProjectPartnersAnswer", self._answer)

    def _view(self) -> View:
        from networks_cli.output.project_views import project_partners_view

        return project_partners_view(_plain(self._answer))

    def _evidence_view(self) -> View:
        return self._view()


class ProjectResult(Result):
    """`project ID`: a project and its consortium by region."""

    __slots__ = ()

    def as_dict(self) -> ProjectProfile:
        return cast("ProjectProfile", self._answer)

    def _view(self) -> View:
        from networks_cli.output.project_views import project_view

        return project_view(_plain(self._answer))


class ProjectSearchResult(_Listed):
    """`project --search WORDS`: projects whose acronym or title holds every word."""

    __slots__ = ()

    def as_dict(self) -> list[ProjectHit]:
        return cast("list[ProjectHit]", self._answer)

    def _view(self) -> View:
        from networks_cli.output.project_views import project_hits_view

        return project_hits_view(cast("list[Record]", self._answer))


class ImportResult(Result):
    """`import cordis PATH`, `import --status`, `import --remove cordis`: what is imported now."""

    __slots__ = ()

    def as_dict(self) -> ImportStatus:
        return cast("ImportStatus", self._answer)

    def _view(self) -> View:
        from networks_cli.output.project_views import status_view

        return status_view(_plain(self._answer))


class SourcesResult(Result):
    """`sources`: the data in use, and the licence of what was imported."""

    __slots__ = ()

    def as_dict(self) -> Sources:
        return cast("Sources", self._answer)

    def _view(self) -> View:
        from networks_cli.output.project_views import sources_view

        return sources_view(_plain(self._answer))


class ExportResult(Result):
    """`export --sqlite PATH` or `export --csv DIR`: what was written, table by table."""

    __slots__ = ()

    def as_dict(self) -> ExportAnswer:
        return cast("ExportAnswer", self._answer)

    def _view(self) -> View:
        from networks_cli.output.project_views import export_view

        return export_view(_plain(self._answer))


class SchemaResult(Result):
    """`schema`: the JSON Schema of the dataset format (always written as JSON)."""

    __slots__ = ()

    def as_dict(self) -> dict[str, Any]:
        return cast("dict[str, Any]", self._answer)

    def _view(self) -> View:
        from networks_cli.output.data_views import schema_view

        return schema_view(self._answer)


# ---------------------------------------------------------------- pictures (issue #23)


class GraphResult(Result):
    """`graph`: the memberships as a graph, node-link JSON (`as_dict()`); `write(format)` gives GraphML,
    GEXF, Pajek or CSV node and edge lists, `to_networkx()` a networkx graph (networkx installed)."""

    __slots__ = ()

    def as_dict(self) -> GraphAnswer:
        return cast("GraphAnswer", self._answer)

    def write(self, format: str) -> str:
        """The graph in one of `output.graph_formats.GRAPH_FORMATS` (graphml, gexf, pajek, nodes-csv,
        edges-csv, json)."""
        from networks_cli.output.graph_formats import write_graph

        return write_graph(_plain(self._answer), format)

    def to_networkx(self) -> Any:
        """A `networkx.Graph` with every node's and edge's attributes (None values left out)."""
        from networks_cli.output.graph_formats import to_networkx

        return to_networkx(_plain(self._answer))

    def _view(self) -> View:
        from networks_cli.output.picture_views import graph_view

        return graph_view(_plain(self._answer))

    def __repr__(self) -> str:
        answer = self.as_dict()
        return f"<GraphResult: {len(answer['nodes'])} nodes, {len(answer['edges'])} edges; .as_dict() for the graph>"


class GraphMetricsResult(_Listed):
    """`graph --metrics`: each region's centralities and community in the region-region projection."""

    __slots__ = ()

    def as_dict(self) -> list[GraphMetric]:
        return cast("list[GraphMetric]", self._answer)

    def _view(self) -> View:
        from networks_cli.output.picture_views import metrics_view

        return metrics_view(cast("list[Record]", self._answer))


class MapResult(Result):
    """`map NETWORK|REGION`: the NUTS 2 squares to colour (`as_dict()`); `svg()` draws the map (the
    tile grid, or the boundaries of a geometry file), `text()` the grid for a terminal."""

    __slots__ = ("shapes",)

    def __init__(self, answer: Any, shapes: dict[str, list[Any]] | None = None) -> None:
        super().__init__(answer)
        self.shapes = shapes

    def as_dict(self) -> MapAnswer:
        return cast("MapAnswer", self._answer)

    def svg(self) -> str:
        from networks_cli.output.svg_map import render_svg

        return render_svg(_plain(self._answer), self.shapes, heading=True)

    def text(self, color: bool = False) -> str:
        from networks_cli.output.svg_map import render_text

        return render_text(_plain(self._answer), color)

    def _view(self) -> View:
        from networks_cli.output.picture_views import map_view

        return map_view(_plain(self._answer), color=False)

    def view(self, evidence: bool = False) -> View:
        view = self._view()
        view.document = self.as_dict()
        return view


class ReportResult(Result):
    """`report REGION|NETWORK`: the answers a dossier is made of (`as_dict()`); `html()` writes the
    self-contained page, `markdown()` the text version."""

    __slots__ = ()

    def as_dict(self) -> RegionReport | NetworkReport:
        return cast("RegionReport | NetworkReport", self._answer)

    def html(self) -> str:
        from networks_cli.output.report_html import report_html

        return report_html(_plain(self._answer))

    def markdown(self) -> str:
        from networks_cli.output.report_markdown import report_markdown

        return report_markdown(_plain(self._answer))

    def _view(self) -> View:
        from networks_cli.output.picture_views import report_view

        return report_view(_plain(self._answer), self.markdown)


class Drawing(Result):
    """A picture's text (an HTML report, an SVG map, a graph file) as the CLI writes it: `draw(terminal)`
    makes it for where it goes (a map is a text grid on a terminal, SVG elsewhere); `as_dict()` is the
    answer it was drawn from. `save(path)` writes it to a file, raising `OutputError` when it cannot."""

    __slots__ = ("draw",)

    def __init__(self, answer: Any, draw: Callable[[Terminal], str]) -> None:
        super().__init__(answer)
        self.draw = draw

    def save(self, path: str | os.PathLike[str]) -> Drawing:
        """Write the picture to `path`; the drawing returned writes nothing more."""
        from networks_cli.errors import OutputError, shown_path
        from networks_cli.output.formats import Terminal

        text = self.draw(Terminal())
        try:
            with open(path, "w", encoding="utf-8", newline="") as file:
                file.write(text)
        except OSError as error:
            raise OutputError(f"cannot write {shown_path(path)}: {error.strerror or error}") from None
        return Drawing(self._answer, lambda terminal: "")

    def _view(self) -> View:
        from networks_cli.output.formats import View

        return View(self._answer, lambda: [], [], lambda: [], self.draw)


class CoverageResult(Result):
    """`coverage [NETWORK]`: every network's coverage and the atlas's totals, or one network's members
    by last confirmation."""

    __slots__ = ()

    def as_dict(self) -> AtlasCoverage | NetworkCoverage:
        return cast("AtlasCoverage | NetworkCoverage", self._answer)

    def _view(self) -> View:
        from networks_cli.output.data_views import coverage_view

        return coverage_view(self._answer)
