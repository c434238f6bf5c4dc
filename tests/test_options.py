"""The shared options (--format, --json, --no-color, --data, --no-cache) before the command or after it."""

from __future__ import annotations

import pytest

from tests.commands import QUERIES
from tests.conftest import MINIMAL, Invoke, WriteDataset


@pytest.mark.parametrize("query", QUERIES, ids=" ".join)
def test_json_before_the_command_is_json_after_it(cli: Invoke, query: tuple[str, ...]) -> None:
    after = cli(*query, "--json")
    before = cli("--json", *query)
    assert before.exit_code == after.exit_code == 0
    assert before.stdout == after.stdout


@pytest.mark.parametrize("position", ["before", "after"])
def test_data_and_no_cache_in_either_position(cli: Invoke, write_dataset: WriteDataset, position: str) -> None:
    path = str(write_dataset(MINIMAL))
    options = ["--data", path, "--no-cache", "--format", "csv"]
    run = cli(*options, "list") if position == "before" else cli("list", *options)
    assert run.exit_code == 0, run.stderr
    assert run.stdout.splitlines()[1].startswith("net,Test Network,")


def test_the_commands_own_options_win(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = str(write_dataset(MINIMAL))
    assert cli("-f", "csv", "themes", "-f", "tsv").stdout.startswith("id\tname\t")
    assert cli("--format", "csv", "themes", "--json").stdout.startswith("[")
    run = cli("--data", "/nowhere.toml", "list", "--data", path, "--json")
    assert [network["id"] for network in run.json()] == ["net"]


def test_a_data_option_before_the_command_beats_the_environment(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = str(write_dataset(MINIMAL))
    run = cli("--data", path, "list", "--json", env={"NETWORKS_DATA": "/nowhere.toml"})
    assert run.exit_code == 0, run.stderr
    assert [network["id"] for network in run.json()] == ["net"]


def test_validate_checks_the_file_named_before_it(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = str(write_dataset(MINIMAL))
    assert cli("--data", path, "validate", "--json").json()["path"] == path


def test_no_color_before_the_command(cli: Invoke) -> None:
    run = cli("--no-color", "region", "Małopolska", "-f", "table", env={"NO_COLOR": None, "FORCE_COLOR": "1"})
    assert run.exit_code == 0
    assert "\x1b[" not in run.stdout
