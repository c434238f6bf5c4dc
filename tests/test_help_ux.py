"""Help that reads as a new user needs it (#22): choices listed, numbers as numbers, required
arguments shown as required, prose reflowed to the window, and a pointer where a command is near."""

from __future__ import annotations

import pytest

from tests.conftest import Invoke

NARROW = {"COLUMNS": "80", "TERM": "dumb"}


def test_basis_lists_its_choices(cli: Invoke) -> None:
    run = cli("partners", "--help", env=NARROW)
    assert run.exit_code == 0
    assert "networks|projects|all" in run.stdout
    assert "<str>" not in run.stdout.split("--basis", 1)[1].split("\n", 1)[0]


def test_limit_reads_as_a_number(cli: Invoke) -> None:
    run = cli("partners", "--help", env=NARROW)
    assert "int range" not in run.stdout
    assert "x>=1" not in run.stdout
    assert "<number>" in run.stdout


def test_a_bad_basis_is_refused_with_the_choices(cli: Invoke) -> None:
    run = cli("partners", "Małopolska", "--basis", "both")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "'networks', 'projects', 'all'" in run.stderr
    assert run.stderr.count("\n") == 1


def test_import_usage_shows_its_required_arguments_as_required(cli: Invoke) -> None:
    run = cli("import", "--help", env=NARROW)
    usage = next(line for line in run.stdout.splitlines() if "Usage:" in line)
    assert "SOURCE" in usage.upper()
    assert "[source]" not in usage.lower()


def test_descriptions_reflow_at_80_columns(cli: Invoke) -> None:
    run = cli("import", "--help", env=NARROW)
    lines = [line.rstrip() for line in run.stdout.splitlines()]
    # A line broken for 100 columns and wrapped again at 80 leaves a short line mid-paragraph.
    assert not any(line.endswith("an import") for line in lines), run.stdout


def test_sources_with_an_id_points_to_cite(cli: Invoke) -> None:
    run = cli("sources", "nereus")
    assert run.exit_code == 2
    assert run.stdout == ""
    assert "networks cite nereus" in run.stderr
    assert run.stderr.count("\n") == 1


@pytest.mark.parametrize(("command", "extra"), [("graph", "networks-cli[graph]"), ("export", "networks-cli[excel]")])
def test_the_help_names_the_extra_to_install_whole(cli: Invoke, command: str, extra: str) -> None:
    """Rich read "[graph]" as a style tag and dropped it: the help said pip install "networks-cli"."""
    run = cli(command, "--help", env={"COLUMNS": "200"})
    assert extra in run.stdout
