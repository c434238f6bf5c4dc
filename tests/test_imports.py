"""Import guards (issue #6): deterministic checks of what each path loads, instead of timings.

A query answered from the cache must not load Rich, the TOML parser or the models; `--help` and
completion must not parse the dataset. The budget of the JSON path is exact: beyond what a Typer
"hello" app with one argument imports, only our own modules, `json`, `sqlite3` and `unicodedata`.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.test_installed import NETWORKS, base_env

HELLO = """import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    print(name)


app()
"""
PICTURE_MODULES = {
    "networks_cli.answers.graph",
    "networks_cli.answers.maps",
    "networks_cli.answers.geometry",
    "networks_cli.answers.report",
    "networks_cli.output.svg_map",
    "networks_cli.output.graph_formats",
    "networks_cli.output.report_html",
    "networks_cli.output.report_markdown",
    "networks_cli.output.charts",
    "networks_cli.output.picture_views",
    "networkx",
}
# Beyond a Typer hello app, the JSON path may load these top-level modules and nothing else.
JSON_PATH_BUDGET = {"networks_cli", "json", "_json", "sqlite3", "_sqlite3", "unicodedata", "gc", "__future__"}
NEVER_WITHOUT_NEED = {
    "rich",
    "tomli",
    "tomllib",
    "pydantic",  # with Typer below 0.29, nothing on this path needs it
    "networks_cli.dataset.models",
    "networks_cli.output.tables.grid",
    "networks_cli.dataset.nuts",  # the region index: only when the dataset has no match
    "anyascii",
    "networks_cli.contract",  # the contract's TypedDicts are for the type checker: plain dicts at run time
    # The pictures (issue #23): their answers and writers only for report, map and graph.
    *PICTURE_MODULES,
}


def imported(command: list[str], cache: Path, **env: str) -> set[str]:
    """The modules a run of `command` imports, from Python's -X importtime report."""
    environment = base_env() | {"PYTHONPROFILEIMPORTTIME": "1", "NETWORKS_CACHE_DIR": str(cache), **env}
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    return {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}


@pytest.fixture
def warm_cache(tmp_path: Path) -> Path:
    cache = tmp_path / "cache"
    subprocess.run(
        [NETWORKS, "list"], env=base_env() | {"NETWORKS_CACHE_DIR": str(cache)}, check=True, capture_output=True
    )
    return cache


@pytest.mark.parametrize(
    "query", [["region", "Małopolska"], ["show", "nereus"], ["list"], ["history", "vanguard"]], ids=lambda q: q[0]
)
def test_the_json_path_stays_within_its_import_budget(tmp_path: Path, warm_cache: Path, query: list[str]) -> None:
    hello = tmp_path / "hello.py"
    hello.write_text(HELLO, encoding="utf-8")
    python = str(Path(NETWORKS).with_name("python"))
    floor = imported([python, str(hello), "world"], warm_cache)
    modules = imported([NETWORKS, *query, "--json"], warm_cache)
    assert not modules & NEVER_WITHOUT_NEED
    extra = {module.split(".")[0] for module in modules - floor}
    assert extra <= JSON_PATH_BUDGET, extra - JSON_PATH_BUDGET


def test_a_table_loads_rich_but_not_the_parser_or_the_models(warm_cache: Path) -> None:
    modules = imported([NETWORKS, "region", "Małopolska", "-f", "table"], warm_cache)
    assert "rich.table" in modules
    assert not modules & {"tomli", "networks_cli.dataset.models"}


@pytest.mark.parametrize("args", [["--help"], ["region", "--help"], ["--version"]], ids=" ".join)
def test_help_and_version_never_open_the_dataset(tmp_path: Path, args: list[str]) -> None:
    modules = imported([NETWORKS, *args], tmp_path / "empty-cache")
    assert not modules & {
        "tomli",
        "networks_cli.dataset.models",
        "networks_cli.dataset.store",
        "networks_cli.dataset.cache",
        "sqlite3",
    }


def test_completion_with_a_fresh_cache_neither_parses_nor_validates(warm_cache: Path) -> None:
    env = {"_NETWORKS_COMPLETE": "complete_bash", "COMP_WORDS": "networks region mal", "COMP_CWORD": "2"}
    modules = imported([NETWORKS], warm_cache, **env)
    assert not modules & {"tomli", "networks_cli.dataset.models", "rich"}


def test_completion_without_a_cache_parses_but_never_validates(tmp_path: Path) -> None:
    env = {"_NETWORKS_COMPLETE": "complete_bash", "COMP_WORDS": "networks region mal", "COMP_CWORD": "2"}
    modules = imported([NETWORKS], tmp_path / "no-cache-yet", **env)
    assert "networks_cli.dataset.models" not in modules
    assert not (tmp_path / "no-cache-yet").exists()  # completion does not build the cache either


@pytest.mark.parametrize(
    "query",
    [
        ["region", "Małopolska", "-f", "table"],
        ["partners", "Małopolska", "-f", "table"],
        ["show", "nereus", "-f", "csv"],
    ],
    ids=lambda q: q[0],
)
def test_the_pictures_modules_load_only_for_the_pictures(warm_cache: Path, query: list[str]) -> None:
    assert not imported([NETWORKS, *query], warm_cache) & PICTURE_MODULES


def test_a_graph_file_does_not_load_networkx_nor_the_map(warm_cache: Path) -> None:
    modules = imported([NETWORKS, "graph", "-f", "gexf"], warm_cache)
    assert "networks_cli.output.graph_formats" in modules
    assert not modules & {"networkx", "networks_cli.output.svg_map", "networks_cli.output.report_html", "rich"}
    assert "networks_cli.projects.store" not in modules  # nothing imported: one stat says so
