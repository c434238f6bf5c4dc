"""The picture commands through the real CLI (issue #23): report, map, graph; exit codes, stdout and
stderr apart; bad input answered as everywhere else."""

from __future__ import annotations

import io
import json
import subprocess
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import networkx
import pytest

from networks_cli import Atlas
from networks_cli.cli.commands.pictures import GraphFormat
from networks_cli.output.graph_formats import GRAPH_FORMATS
from networks_cli.output.svg_map import load_tiles
from tests.conftest import Invoke
from tests.test_installed import NETWORKS, base_env

SVG = "{http://www.w3.org/2000/svg}"


def test_report_writes_a_self_contained_page_to_a_file(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "malopolska.html"
    run = cli("report", "Małopolska", "-o", str(path))
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    assert run.stderr == ""
    html = path.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "<h1>Małopolska: networks and partners</h1>" in html
    assert "Catalonia" in html  # its best partner


def test_report_of_a_network_goes_to_stdout(cli: Invoke) -> None:
    run = cli("report", "nereus")
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith("<!DOCTYPE html>")
    assert "<h1>NEREUS Association</h1>" in run.stdout


def test_report_as_markdown_and_json(cli: Invoke) -> None:
    markdown = cli("report", "nereus", "--format", "markdown")
    assert markdown.exit_code == 0
    assert markdown.stdout.startswith("# NEREUS Association\n")
    answer = cli("report", "nereus", "--json").json()
    assert answer == Atlas.open().report("nereus").as_dict()


def test_report_refuses_a_table_format_in_one_line(cli: Invoke) -> None:
    run = cli("report", "nereus", "-f", "csv")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr == "networks: a report is HTML, Markdown (--format markdown) or JSON (--json), not csv\n"


@pytest.mark.parametrize("command", ["report", "map"])
def test_an_unknown_subject_exits_1_with_suggestions(cli: Invoke, command: str) -> None:
    run = cli(command, "nereuss")
    assert run.exit_code == 1
    assert run.stdout == ""
    assert run.stderr.startswith(
        "networks: no network or region matches 'nereuss'; did you mean 'NEREUS Association (nereus)'"
    )
    assert run.stderr.count("\n") == 1


@pytest.mark.parametrize("command", [["report", "nereus"], ["map", "vanguard"], ["graph", "-f", "gexf"]])
def test_an_output_file_that_cannot_be_written_is_one_line_and_exit_74(
    cli: Invoke, tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "no-such-folder" / "out"
    run = cli(*command, "-o", str(missing))
    assert run.exit_code == 74
    assert run.stdout == ""
    assert run.stderr == f"networks: cannot write {missing}: No such file or directory\n"
    assert not missing.parent.exists()


def test_map_writes_svg_with_a_square_per_region(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "vanguard.svg"
    run = cli("map", "vanguard", "-o", str(path))
    assert run.exit_code == 0, run.stderr
    assert run.stdout == ""
    root = ElementTree.parse(path).getroot()
    squares = root.findall(f"{SVG}g[@class='tiles']//{SVG}rect")
    assert len(squares) == len(load_tiles())
    coloured = root.findall(f"{SVG}g[@class='tiles']/{SVG}g[@class='area']")
    assert len(coloured) == len(Atlas.open().map("vanguard").as_dict()["areas"]) > 0


def test_map_in_a_pipe_is_svg_and_on_a_terminal_is_text(cli: Invoke) -> None:
    piped = cli("map", "Małopolska")
    assert piped.exit_code == 0
    assert piped.stdout.startswith("<svg ")
    text = Atlas.open().map("Małopolska").text(color=True)
    assert "\x1b[1;34m★★" in text  # the region itself, in its colour and with its symbol


def test_map_squares_as_data(cli: Invoke) -> None:
    run = cli("map", "vanguard", "-f", "csv")
    assert run.exit_code == 0
    assert run.stdout.splitlines()[0] == "nuts,state,score,members,regions"


def test_map_draws_a_geometry_file(cli: Invoke, tmp_path: Path) -> None:
    geometry = tmp_path / "nuts.geojson"
    feature = {
        "type": "Feature",
        "properties": {"NUTS_ID": "PL21"},
        "geometry": {"type": "Polygon", "coordinates": [[[19, 49.5], [21, 49.5], [21, 50.5], [19, 49.5]]]},
    }
    geometry.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8")
    run = cli("map", "Małopolska", "--geometry", str(geometry))
    assert run.exit_code == 0, run.stderr
    assert 'data-nuts="PL21" data-state="subject"' in run.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("<svg/>", "not GeoJSON or TopoJSON: not JSON"),
        ('{"type": "FeatureCollection", "features": []}', "no feature has a NUTS code"),
    ],
)
def test_a_bad_geometry_file_is_one_line_and_exit_4(cli: Invoke, tmp_path: Path, content: str, message: str) -> None:
    geometry = tmp_path / "bad.json"
    geometry.write_text(content, encoding="utf-8")
    run = cli("map", "vanguard", "--geometry", str(geometry))
    assert run.exit_code == 4
    assert run.stdout == ""
    assert run.stderr.startswith(f"networks: {geometry}: {message}")
    assert run.stderr.count("\n") == 1


@pytest.mark.parametrize(("fmt", "read"), [("gexf", networkx.read_gexf), ("graphml", networkx.read_graphml)])
def test_graph_files_read_back_with_the_atlas_counts(cli: Invoke, fmt: str, read: object) -> None:
    run = cli("graph", "-f", fmt)
    assert run.exit_code == 0, run.stderr
    graph = read(io.BytesIO(run.stdout.encode()))  # type: ignore[operator]
    atlas = Atlas.open()
    memberships = sum(network["member_count"] for network in atlas.list_networks())
    assert graph.number_of_edges() == memberships
    assert graph.number_of_nodes() == len(atlas.graph().as_dict()["nodes"])


def test_graph_formats_are_the_writers_formats() -> None:
    assert tuple(item.value for item in GraphFormat) == GRAPH_FORMATS


def test_graph_projection_and_metrics(cli: Invoke) -> None:
    projection = cli("graph", "--project", "regions", "--json").json()
    assert projection["graph"]["mode"] == "regions"
    metrics = cli("graph", "--metrics", "--json")
    assert metrics.exit_code == 0, metrics.stderr
    assert metrics.json()[0]["id"] == "catalonia"
    table = cli("graph", "--metrics")
    assert table.stdout.splitlines()[0].split("\t")[:3] == ["id", "name", "country"]


def test_metrics_without_networkx_say_what_to_install(tmp_path: Path) -> None:
    """networkx hidden from the interpreter: one line naming the extra, exit 2."""
    blocker = tmp_path / "networkx.py"
    blocker.write_text("raise ImportError('networkx is not installed')\n", encoding="utf-8")
    run = subprocess.run(
        [NETWORKS, "graph", "--metrics"],
        env=base_env() | {"PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2
    assert run.stdout == ""
    assert (
        run.stderr == 'networks: graph --metrics needs networkx, an optional extra: pip install "networks-cli[graph]"\n'
    )


def test_the_report_of_a_region_takes_under_a_second(tmp_path: Path) -> None:
    command = [NETWORKS, "report", "Małopolska", "-o", str(tmp_path / "m.html")]
    subprocess.run(command, env=base_env(), check=True, capture_output=True, timeout=60)  # the cache, warm
    started = time.perf_counter()
    subprocess.run(command, env=base_env(), check=True, capture_output=True, timeout=60)
    assert time.perf_counter() - started < 1.0


def test_the_reports_completeness_says_what_list_and_coverage_say(cli: Invoke, tmp_path: Path) -> None:
    """A new user found the report saying "no count declared" for Vanguard, ERRIN, AER and EURADA, whose
    counts `coverage` shows side by side, and "186%" where the terminal says "≥ 100 %"."""
    report = cli("report", "Małopolska", "--json").json()
    listed = {network["id"]: network for network in cli("list", "--json").json()}
    for row in report["completeness"]:
        assert row["coverage"] == listed[row["id"]]["coverage"]
        assert row["latest_counts"] == listed[row["id"]]["latest_counts"]
    page = tmp_path / "m.html"
    assert cli("report", "Małopolska", "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    section = html[html.index('id="completeness"') :]
    section = section[: section.index("</table>")]
    assert "39 (2023) | 32 (≥ 2020) | 34 (≥ 2013)" in section  # Vanguard's counts, as `list` gives them
    assert "≥ 100 %" in section
    assert "186%" not in section
    markdown = cli("report", "Małopolska", "-f", "markdown").stdout
    assert "no count declared" not in markdown


def test_a_map_written_to_a_file_says_what_it_shows_in_visible_text(cli: Invoke, tmp_path: Path) -> None:
    """A new user's vanguard.svg showed squares and a legend, and nowhere (but <title>) which network."""
    path = tmp_path / "vanguard.svg"
    assert cli("map", "vanguard", "-o", str(path)).exit_code == 0
    root = ElementTree.parse(path).getroot()
    shown = [element.text for element in root if element.tag.endswith("text")]
    assert shown[0] == "Vanguard Initiative: members by status"
    assert shown[1] is not None
    assert "NUTS 2 squares" in shown[1]
    # A long second line wraps within the map's width (about 6.5 px a character at 11 px).
    roles = tmp_path / "errin.svg"
    assert cli("map", "errin", "--by", "role", "-o", str(roles)).exit_code == 0
    svg = ElementTree.parse(roles).getroot()
    width = float(svg.attrib["width"])
    lines = [element.text or "" for element in svg if element.tag.endswith("text")][1:]
    assert len(lines) >= 2
    assert all(8 + 6.5 * len(line) <= width for line in lines)
    page = tmp_path / "r.html"
    assert cli("report", "vanguard", "-o", str(page)).exit_code == 0
    assert "Vanguard Initiative: members by status</text>" not in page.read_text(encoding="utf-8")  # its h2 says it


def test_the_metrics_table_wraps_names_and_never_cuts_a_number() -> None:
    """A new user saw `eigenvect…` and a bare `…` at 100 columns: a 50-character region name pushed the
    numbers off the line, and the line was cut."""
    pytest.importorskip("networkx")
    from networks_cli.output.formats import Terminal
    from networks_cli.output.picture_views import metrics_view

    metrics = Atlas.open().graph_metrics().as_dict()
    table = metrics_view([dict(metric) for metric in metrics]).table(
        Terminal(is_tty=True, color=False, width=100, encoding="utf-8")
    )
    assert "…" not in table
    assert "Eigenvector" in table.splitlines()[1]
    assert max(len(line) for line in table.splitlines()) <= 100
