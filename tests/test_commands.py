"""Every command in every output format, through the real CLI."""

from __future__ import annotations

import csv
import io
import json
import tomllib

import pytest

from networks_cli.output.formats import FORMATS as WRITERS
from networks_cli.output.formats import OutputFormat
from networks_cli.version import __version__
from tests.commands import QUERIES
from tests.conftest import BUNDLED, Invoke

COMMANDS = QUERIES
FORMATS = [str(output) for output in OutputFormat]  # every format the CLI offers: a new one is tested here too


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
@pytest.mark.parametrize("output", FORMATS)
def test_every_command_in_every_format_succeeds_quietly(cli: Invoke, command: tuple[str, ...], output: str) -> None:
    run = cli(*command, "--format", output)
    assert run.exit_code == 0
    assert run.stderr == ""
    assert run.stdout.endswith("\n")
    assert "\x1b[" not in run.stdout


def test_list_json_contract(cli: Invoke) -> None:
    networks = cli("list", "--json").json()
    assert [n["id"] for n in networks][:4] == ["vanguard", "berry-plus", "errin", "nereus"]
    assert len(networks) >= 35
    for network in networks:
        assert {"id", "name", "founded", "member_count", "declared_member_count", "latest_counts"} <= network.keys()
    by_id = {n["id"]: n for n in networks}
    assert by_id["berry-plus"]["declared_member_count"] == 11  # not before 2020-11: newer than the 8 of 2020-11-17
    assert by_id["berry-plus"]["member_count"] == 10
    assert by_id["nereus"]["founded"] == "2007"


def test_show_json_contract(cli: Invoke) -> None:
    profile = cli("show", "nereus", "--json").json()
    for key in ("id", "name", "founded", "description", "declared_member_count", "members", "sources"):
        assert key in profile
    for member in profile["members"]:
        assert {"id", "name", "type", "country", "nuts", "role", "since", "status"} <= member.keys()
    cited = {m["source"] for m in profile["members"]}
    assert cited <= {source["id"] for source in profile["sources"]}
    assert all(source["id"] for source in profile["sources"])


def test_region_json_contract(cli: Invoke) -> None:
    profile = cli("region", "Malopolska", "--json").json()
    assert profile["region"] == {
        **profile["region"],
        "id": "malopolska",
        "name": "Małopolska",
        "country": "PL",
        "nuts": "PL21",
    }
    assert "Lesser Poland" in profile["region"]["names"]
    for network in profile["networks"]:
        assert {"id", "name", "role", "since", "status"} <= network.keys()


def test_json_is_utf8_not_ascii_escaped(cli: Invoke) -> None:
    run = cli("region", "Malopolska", "--json")
    assert "Małopolska" in run.stdout
    assert "\\u0142" not in run.stdout


def test_jsonl_has_one_record_per_line(cli: Invoke) -> None:
    lines = cli("show", "berry-plus", "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 10
    assert records[0]["id"] == "kainuu"
    assert records[0]["role"] == "lead partner"
    assert all(record["network"] == "berry-plus" for record in records)


def test_csv_has_a_header_and_a_row_per_record(cli: Invoke) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("list", "--format", "csv").stdout)))
    assert [row["id"] for row in rows][:4] == ["vanguard", "berry-plus", "errin", "nereus"]
    assert rows[0]["themes"].startswith("smart-specialisation; ")


def test_piped_output_defaults_to_plain_tsv(cli: Invoke) -> None:
    run = cli("region", "Malopolska")
    lines = run.stdout.splitlines()
    assert lines[0].split("\t") == [
        "region",
        "network",
        "name",
        "role",
        "since",
        "status",
        "last_confirmed",
        "through",
        "organisations",
        "source",
        "quote",
        "origin",
    ]
    assert [line.split("\t")[1] for line in lines[1:]][:4] == ["vanguard", "berry-plus", "errin", "nereus"]
    assert "─" not in run.stdout


def test_markdown_is_a_pipe_table(cli: Invoke) -> None:
    lines = cli("list", "--format", "markdown").stdout.splitlines()
    assert lines[0].startswith("| id | name |")
    assert set(lines[1]) <= {"|", "-"}
    assert len(lines) == 2 + len(cli("list", "--json").json())


def test_table_shows_the_region_and_its_networks(cli: Invoke) -> None:
    out = cli("region", "Malopolska", "-f", "table", env={"COLUMNS": "200"}).stdout
    assert "Małopolska" in out
    assert "PL21 (NUTS 2024, level 2: Małopolskie)" in out
    for name in ("Vanguard Initiative", "BERRY+", "NEREUS Association"):
        assert name in out
    assert "via AGH University of Kraków" in out


def test_show_table_gives_members_listed_the_latest_count_and_the_undated_seed_figure(cli: Invoke) -> None:
    out = cli("show", "BERRY+", "-f", "table", env={"COLUMNS": "200"}).stdout
    assert "Members (10 listed (10 current); latest count 11 (≥ 2020))" in out
    assert "8 regions from 6 member states (latest)" not in out
    assert "Latest count    11 partners in the current agreement (not before 2020-11) [seed]" in out
    assert "2020-11-17" in out
    assert "Kainuu" in out
    assert "lead partner" in out


def test_table_never_cuts_ids_or_codes_at_40_columns(cli: Invoke) -> None:
    out = cli("show", "nereus", "-f", "table", env={"COLUMNS": "40"}).stdout
    assert max(len(line) for line in out.splitlines()) <= 40 or "PL21" in out
    assert "malopolska-nereus-2022" in out
    assert "…" not in out


def test_region_outside_every_network_is_an_honest_answer(cli: Invoke) -> None:
    run = cli("region", "Świętokrzyskie", "--json")
    assert run.exit_code == 0
    assert run.json()["networks"] == []
    table = cli("region", "Swietokrzyskie", "-f", "table", env={"COLUMNS": "200"}).stdout
    networks = len(cli("list", "--json").json())
    assert f"takes part in none of the {networks} networks in this dataset" in table


def test_old_memberships_say_when_they_were_last_confirmed(cli: Invoke) -> None:
    out = " ".join(cli("region", "Vienna", "-f", "table").stdout.split())
    assert "nereus member — unconfirmed (undated)" in out
    assert "unconfirmed = the latest source naming it is older or undated" in out


def test_no_arguments_shows_help(cli: Invoke) -> None:
    run = cli()
    assert run.exit_code == 2
    assert "Usage" in run.stdout + run.stderr


def test_unknown_option_is_a_usage_error(cli: Invoke) -> None:
    run = cli("list", "--qqq")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr == "networks: no such option: --qqq (see 'networks list --help')\n"
    # Near a real option, Click names it (one line still).
    near = cli("list", "--verbos")
    assert (
        near.stderr == "networks: no such option: --verbos (Possible options: --verbose) (see 'networks list --help')\n"
    )


def test_unknown_format_is_a_usage_error(cli: Invoke) -> None:
    run = cli("list", "--format", "yaml")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert run.stderr.startswith("networks: invalid value for '--format' / '-f': 'yaml' is not one of 'table'")
    assert run.stderr.count("\n") == 1


def test_version(cli: Invoke) -> None:
    run = cli("--version")
    assert run.exit_code == 0
    dataset = tomllib.loads(BUNDLED.read_text(encoding="utf-8"))["dataset"]["version"]
    assert run.stdout.startswith(f"networks {__version__} (bundled dataset {dataset})")


@pytest.mark.parametrize("command", [*(command[0] for command in COMMANDS), "validate", "schema"])
def test_every_command_help_starts_with_its_purpose_and_shows_examples(cli: Invoke, command: str) -> None:
    run = cli(command, "--help", env={"COLUMNS": "200"})
    assert run.exit_code == 0
    lines = [line.strip(" │") for line in run.stdout.splitlines() if line.strip(" │")]
    assert lines[0].startswith(f"Usage: networks {command}")
    assert lines[1].endswith(".")  # one line of purpose, first
    examples = lines.index("Examples:")
    assert lines[examples + 1].startswith(f"networks {command}") or command == "themes"


def test_every_format_has_a_writer() -> None:
    """The formats table is the one list: `--format`'s choices are exactly its entries."""
    assert list(WRITERS) == list(OutputFormat)
