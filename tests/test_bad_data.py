"""Every kind of bad dataset: one clear message per problem on stderr, exit 4, nothing on stdout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, Invoke, WriteDataset


def assert_data_error(cli: Invoke, path: Path | str, *expected: str) -> list[str]:
    run = cli("list", "--json", "--data", str(path))
    assert run.exit_code == 4
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    lines = run.stderr.splitlines()
    for fragment in expected:
        assert any(fragment in line for line in lines), run.stderr
    assert all(line.startswith(f"networks: {path}: ") for line in lines)
    return lines


def test_minimal_dataset_loads(cli: Invoke, write_dataset: WriteDataset) -> None:
    run = cli("region", "testland", "--json", "--data", str(write_dataset(MINIMAL)))
    assert run.exit_code == 0, run.stderr
    assert run.json()["networks"][0]["id"] == "net"


def test_environment_variable_selects_the_dataset(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = write_dataset(MINIMAL)
    run = cli("list", "--json", env={"NETWORKS_DATA": str(path)})
    assert [n["id"] for n in run.json()] == ["net"]


def test_toml_syntax_error_names_line_and_column(cli: Invoke, write_dataset: WriteDataset) -> None:
    lines = assert_data_error(
        cli, write_dataset(MINIMAL + "\nbroken = [1,\n"), "line 26, column 1: TOML syntax error: Invalid value"
    )
    assert len(lines) == 1


def test_truncated_file(cli: Invoke, write_dataset: WriteDataset) -> None:
    assert_data_error(cli, write_dataset(MINIMAL[: MINIMAL.index('name = "Test Network"') + 12]), "TOML syntax error")


def test_empty_file(cli: Invoke, write_dataset: WriteDataset) -> None:
    assert_data_error(cli, write_dataset(""), "file is empty")


def test_not_utf8(cli: Invoke, write_dataset: WriteDataset) -> None:
    assert_data_error(
        cli, write_dataset(MINIMAL.replace("Testland", "Test\xe9land").encode("latin-1")), "not valid UTF-8"
    )


def test_binary_garbage(cli: Invoke, write_dataset: WriteDataset) -> None:
    assert_data_error(cli, write_dataset(bytes(range(256)) * 4), "binary file")


def test_directory(cli: Invoke, tmp_path: Path) -> None:
    assert_data_error(cli, tmp_path, "is a directory")


def test_missing_file(cli: Invoke, tmp_path: Path) -> None:
    assert_data_error(cli, tmp_path / "nope.toml", "no such file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = write_dataset(MINIMAL)
    path.chmod(0)
    assert_data_error(cli, path, "permission denied")


def test_unreadable_file_even_when_running_as_root(
    cli: Invoke, write_dataset: WriteDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same case where chmod cannot stop the reader (CI runs as root): the read itself is refused."""
    path = write_dataset(MINIMAL)

    real_open = os.open

    def refuse(file: object, *args: object, **kwargs: object) -> int:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)  # the loader opens the file itself, to bound the read
    assert_data_error(cli, path, "permission denied")


def test_deeply_nested_arrays(cli: Invoke, write_dataset: WriteDataset) -> None:
    assert_data_error(cli, write_dataset("x = " + "[" * 50_000 + "]" * 50_000 + "\n"), "nested")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('name = "Test Network"', 'name = "Test Network"\ncolour = "red"'), "networks[net].colour: unknown field"),
        (
            ('country = "PL"', "country = 48"),
            'regions[testland].country: country must be text in quotes (e.g. country = "…"), not 48',
        ),
        (('name = "Testland"\n', ""), "regions[testland].name: 'name' is required but missing"),
        (('name = "Test Network"', 'name = "   "'), "networks[net].name: name must not be empty"),
        (
            ('id = "net"', 'id = "Net Work"'),
            "networks[Net Work].id: id 'Net Work' must be lower-case letters, digits and hyphens, e.g. 'net-work'",
        ),
        (
            ('quote = "a member"', 'quote = "a member"\nsince = "2019-13"'),
            "networks[net].members[0].since:",
        ),
        (
            ('role = "member"', 'role = "boss"'),
            "networks[net].members[0].role: role 'boss' is not one of the allowed values: 'lead partner', 'partner',",
        ),
        (('region = "testland"\n', 'region = "atlantis"\n'), "networks[net].members[0]: unknown region 'atlantis'"),
        (('source = "src"\n', 'source = "nowhere"\n'), "networks[net].members[0]: unknown source 'nowhere'"),
        (('id = "src"', 'id = "src"\n\n[[sources]]\nid = "src"'), "duplicate source id 'src'"),
    ],
)
def test_wrong_shape_is_reported_with_the_records_path(
    cli: Invoke, write_dataset: WriteDataset, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in MINIMAL
    assert_data_error(cli, write_dataset(MINIMAL.replace(old, new, 1)), expected)


def test_every_problem_is_reported_not_just_the_first(cli: Invoke, write_dataset: WriteDataset) -> None:
    broken = MINIMAL.replace('country = "PL"', 'country = "Poland"').replace('role = "member"', 'role = "boss"')
    lines = assert_data_error(cli, write_dataset(broken), "regions[testland].country", "members[0].role")
    assert len(lines) == 2


def test_markup_and_escapes_in_names_are_shown_literally(cli: Invoke, write_dataset: WriteDataset) -> None:
    hostile = MINIMAL.replace('name = "Testland"', 'name = "[red]Test[/red]\\u001b[2J"')
    path = write_dataset(hostile)
    table = cli("region", "testland", "-f", "table", "--data", str(path), env={"FORCE_COLOR": "1", "NO_COLOR": None})
    assert table.exit_code == 0
    assert "[red]Test[/red]\\x1b[2J" in table.stdout
    assert "\x1b[2J" not in table.stdout
    as_json = cli("region", "testland", "--json", "--data", str(path)).json()
    assert as_json["region"]["name"] == "[red]Test[/red]\x1b[2J"


@pytest.mark.parametrize(
    "text",
    [
        "x = " + "{a = " * 50_000 + "1" + "}" * 50_000 + "\n",  # inline tables
        "x" + ".x" * 50_000 + " = 1\n",  # dotted keys
        "[" + ".".join(["a"] * 50_000) + "]\n",  # a table header
        MINIMAL.replace('name = "Test Network"', 'name = "Test Network"\naliases = ' + "[" * 900 + "]" * 900),
    ],
    ids=["inline-tables", "dotted-keys", "table-header", "inside-a-record"],
)
def test_deeply_nested_tables_are_refused_without_recursion_error(
    cli: Invoke, write_dataset: WriteDataset, text: str
) -> None:
    assert_data_error(cli, write_dataset(text), "nested too deeply")


def test_a_very_long_string_is_refused_with_its_limit(cli: Invoke, write_dataset: WriteDataset) -> None:
    long_name = MINIMAL.replace('name = "Testland"', 'name = "' + "x" * 1_000_000 + '"')
    assert_data_error(
        cli,
        write_dataset(long_name),
        "regions[testland].name: name is too long (1000000 characters): at most 20000 characters",
    )


def test_a_file_over_the_size_limit_is_refused_before_parsing(
    cli: Invoke, write_dataset: WriteDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("networks_cli.dataset.loader.MAX_FILE_BYTES", 1024 * 1024)
    padding = "# " + "x" * 1000 + "\n"
    lines = assert_data_error(cli, write_dataset(MINIMAL + padding * 1100), "file is larger than the 1 MiB limit")
    assert len(lines) == 1


def test_many_records_load(cli: Invoke, write_dataset: WriteDataset) -> None:
    regions = "".join(f'\n[[regions]]\nid = "r{i}"\nname = "Region {i}"\ncountry = "PL"\n' for i in range(3000))
    run = cli("regions", "--json", "--data", str(write_dataset(MINIMAL + regions)))
    assert run.exit_code == 0
    assert len(run.json()) == 3001


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            (
                'source = "src"\n',
                'source = "src"\n\n[[organisations]]\nid = "o"\nname = "O"\nregion = "x"\nsource = "src"\n',
            ),
            "organisations[o]: unknown region 'x'",
        ),
        (
            ('quote = "a member"', 'quote = "a member"\nsince = "yesterday"'),
            "must be a date in ISO form",
        ),
        (
            ('quote = "a member"', 'quote = "a member"\nsince = "2023-02-30"'),
            "'2023-02-30' is not a date on the calendar",
        ),
        (('id = "net"', 'id = ""'), "networks[0].id: id '' must be lower-case letters, digits and hyphens"),
        (
            ('[dataset]\ntitle = "Test dataset"\nupdated = "2026-11-01"\n', ""),
            "dataset: 'dataset' is required but missing",
        ),
        (("[dataset]", "[[dataset]]"), "dataset: dataset must be a table ([dataset] or { … }), not list"),
        (('region = "testland"\n', 'region = "testland"\norganisation = "testland"\n'), "give exactly one of"),
        (('id = "testland"', 'id = "testland"\nnuts = { code = "pl21" }'), "regions[testland].nuts.code"),
    ],
)
def test_more_wrong_shapes(cli: Invoke, write_dataset: WriteDataset, change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in MINIMAL
    assert_data_error(cli, write_dataset(MINIMAL.replace(old, new, 1)), expected)
