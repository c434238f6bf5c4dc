"""Finding networks and regions by the names people type, through the CLI."""

from __future__ import annotations

import pytest

from tests.conftest import MINIMAL, Invoke, WriteDataset


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nereus", "nereus"),
        ("NEREUS", "nereus"),
        ("berry+", "berry-plus"),
        ("BERRY+", "berry-plus"),
        ("berry-plus", "berry-plus"),
        ("Vanguard Initiative", "vanguard"),
        ("vanguard initiative for new growth through smart specialisation", "vanguard"),
        ("ERRIN", "errin"),
        ("European Regions Research & Innovation Network", "errin"),
        ("  Nereus  Association ", "nereus"),
    ],
)
def test_network_found_by_id_name_or_acronym(cli: Invoke, query: str, expected: str) -> None:
    run = cli("show", query, "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["id"] == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Małopolska", "malopolska"),
        ("Malopolska", "malopolska"),  # ł does not decompose in Unicode
        ("MAŁOPOLSKA", "malopolska"),
        ("małopolskie", "malopolska"),
        ("Lesser Poland", "malopolska"),
        ("Małopolska Region", "malopolska"),
        ("Województwo Małopolskie", "malopolska"),
        ("wojewodztwo malopolskie", "malopolska"),
        ("PL21", "malopolska"),
        ("pl21", "malopolska"),
        ("malopolska", "malopolska"),
        ("Apulia", "puglia"),
        ("Puglia", "puglia"),
        ("Bayern", "bavaria"),
        ("Açores", "azores"),
        ("Azores", "azores"),
        ("the Azores", "azores"),
        ("Trondelag", "trondelag"),  # ø
        ("Baden Wurttemberg", "baden-wurttemberg"),
        ("emilia-romagna", "emilia-romagna"),
        ("Emilia Romagna", "emilia-romagna"),
        ("Région wallonne", "wallonia"),
        ("Skåne län", "skane"),
        ("Region Skane", "skane"),
        ("Δυτική Μακεδονία", "western-macedonia"),
        ("UKF", "east-midlands"),
    ],
)
def test_region_found_by_any_name_code_or_id(cli: Invoke, query: str, expected: str) -> None:
    run = cli("region", query, "--json")
    assert run.exit_code == 0, run.stderr
    assert run.json()["region"]["id"] == expected


def test_misspelt_region_suggests_and_never_answers(cli: Invoke) -> None:
    run = cli("region", "Malopolsak", "--json")
    assert run.exit_code == 1
    assert run.stdout == ""
    assert run.stderr == "networks: no region matches 'Malopolsak'; did you mean 'Małopolska', 'Wielkopolskie'?\n"


def test_misspelt_network_suggests(cli: Invoke) -> None:
    run = cli("show", "nereos")
    assert run.exit_code == 1
    assert run.stdout == ""
    assert run.stderr.startswith("networks: no network matches 'nereos'; did you mean 'NEREUS Association (nereus)'")
    assert run.stderr.count("\n") == 1


def test_a_name_shared_by_regions_lists_them(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = write_dataset(
        MINIMAL
        + '\n[[regions]]\nid = "limburg-be"\nname = "Limburg"\ncountry = "BE"\n'
        + '\n[[regions]]\nid = "limburg-nl"\nname = "Limburg"\ncountry = "NL"\n'
    )
    run = cli("region", "limburg", "--data", str(path))
    assert run.exit_code == 3
    assert run.stdout == ""
    assert (
        run.stderr == "networks: 'limburg' matches several regions: 'Limburg', 'Limburg'; give a fuller name or an id\n"
    )


def test_nothing_close_gives_no_suggestion(cli: Invoke) -> None:
    run = cli("region", "zzzz")
    assert (run.exit_code, run.stdout, run.stderr) == (1, "", "networks: no region matches 'zzzz'\n")
