"""The views of the picture commands (issue #23) for the ordinary formats: `graph --metrics` as a table,
JSON or CSV, `map --json`, `report --format json|markdown`. Their pictures themselves (SVG, HTML, the
graph formats) are written by `svg_map`, `report_html` and `graph_formats`.

The terminal tables here are plain aligned text: no Rich on these paths."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from networks_cli.output.formats import Terminal, View, cell, printable

if TYPE_CHECKING:
    from networks_cli.dataset.names import Record


def _aligned(columns: Sequence[str], rows: list[Sequence[Any]], width: int, wraps: int = 0) -> str:
    """Columns padded to their widest cell. Where that is wider than the terminal, column `wraps` (the
    name) wraps between its words, so no number or code is ever cut (docs/output.md)."""
    import textwrap

    texts = [[printable(cell(value)) for value in row] for row in rows]
    widths = [max([len(column), *(len(row[i]) for row in texts)]) for i, column in enumerate(columns)]
    others = sum(w for i, w in enumerate(widths) if i != wraps) + 2 * (len(columns) - 1)
    longest_word = max([len(word) for row in texts for word in row[wraps].split()] + [len(columns[wraps])])
    widths[wraps] = max(min(widths[wraps], width - others), longest_word)
    lines = []
    for row in [list(columns), *texts]:
        pieces = textwrap.wrap(row[wraps], widths[wraps], break_long_words=False) or [""]
        for n, piece in enumerate(pieces):
            shown = [piece if i == wraps else (text if n == 0 else "") for i, text in enumerate(row)]
            lines.append("  ".join(text.ljust(widths[i]) for i, text in enumerate(shown)).rstrip())
    return "\n".join(lines) + "\n"


METRIC_COLUMNS = ["id", "name", "country", "nuts", "degree", "strength", "betweenness", "eigenvector", "community"]


def metrics_view(metrics: list[Record]) -> View:
    def rows() -> list[Sequence[Any]]:
        return [[metric[column] for column in METRIC_COLUMNS] for metric in metrics]

    def table(terminal: Terminal) -> str:
        shown: list[Sequence[Any]] = [
            [
                m["name"],
                m["country"],
                m["degree"],
                m["strength"],
                f"{m['betweenness']:.3f}",
                f"{m['eigenvector']:.3f}",
                m["community"],
            ]
            for m in metrics
        ]
        heading = f"Regions in the region-region projection ({len(metrics)}), most central first\n"
        columns = ["Region", "Country", "Degree", "Strength", "Betweenness", "Eigenvector", "Community"]
        return heading + _aligned(columns, shown, terminal.width)

    return View(metrics, lambda: metrics, METRIC_COLUMNS, rows, table)


NODE_COLUMNS = ["id", "kind", "label", "country", "nuts", "category", "region"]


def graph_view(graph: Record) -> View:
    """The graph's nodes as rows (the writers of `graph_formats` give the graph itself)."""

    def rows() -> list[Sequence[Any]]:
        return [[node.get(column) for column in NODE_COLUMNS] for node in graph["nodes"]]

    def table(terminal: Terminal) -> str:
        heading = f"{len(graph['nodes'])} nodes, {len(graph['edges'])} edges\n"
        return heading + _aligned(NODE_COLUMNS, rows(), terminal.width)

    return View(graph, lambda: graph["nodes"], NODE_COLUMNS, rows, table)


AREA_COLUMNS = ["nuts", "state", "score", "members", "regions"]


def map_view(answer: Record, color: bool = False) -> View:
    def rows() -> list[Sequence[Any]]:
        return [[area[column] for column in AREA_COLUMNS] for area in answer["areas"]]

    def table(terminal: Terminal) -> str:
        from networks_cli.output.svg_map import render_text

        return render_text(answer, terminal.color)

    return View(answer, lambda: answer["areas"], AREA_COLUMNS, rows, table)


def report_view(report: Record, markdown: Callable[[], str]) -> View:
    """`report --format json` is the report's answers; every flat format gets the Markdown text."""

    def rows() -> list[Sequence[Any]]:
        return [[markdown()]]

    return View(report, lambda: [report], ["report"], rows, lambda terminal: markdown())
