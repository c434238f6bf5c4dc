"""Names as people type them (#22): slips, cities, and comma lists, through the CLI."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, Invoke

PLACES = ROOT / "src" / "networks_cli" / "dataset" / "places.tsv"
NUTS_INDEX = ROOT / "src" / "networks_cli" / "dataset" / "nuts_index.tsv"


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (("region", "Bavria"), "'Bavaria'"),
        (("region", "Lombrady"), "'Lombardy'"),
        (("show", "errim"), "(errin)"),
    ],
)
def test_a_slip_suggests_the_intended_name_first(cli: Invoke, args: tuple[str, ...], first: str) -> None:
    run = cli(*args)
    assert run.exit_code != 0
    assert run.stdout == ""
    suggestions = run.stderr.split("did you mean ", 1)[1]
    assert suggestions.split(", ")[0].startswith(first) or first in suggestions.split(", ")[0]


def test_a_network_suggestion_carries_the_id_to_type(cli: Invoke) -> None:
    run = cli("show", "errim")
    assert "'European Regions Research and Innovation Network (errin)'" in run.stderr


@pytest.mark.parametrize(
    ("city", "region_id", "phrase"),
    [
        ("Munich", "upper-bavaria", "Munich is in Oberbayern (DE21), part of Bavaria"),
        ("Kraków", "malopolska", "Kraków is in Małopolskie (PL21)"),
        ("Milan", "lombardy", "Milan is in Lombardia (ITC4)"),
        # Rhône (FRK26) is not named after Lyon, so the list places it by hand: the Métropole de Lyon
        # and the Rhône department make up that NUTS 3 unit.
        ("Lyon", "rhone-alpes", "Lyon is in Rhône-Alpes (FRK2), part of Auvergne-Rhône-Alpes"),
    ],
)
def test_a_city_answers_with_its_region_and_says_how(cli: Invoke, city: str, region_id: str, phrase: str) -> None:
    run = cli("region", city, "--json")
    assert run.exit_code == 0, run.stderr
    found = run.json()
    assert found["region"]["id"] == region_id
    assert found["found_as"]["phrase"] == phrase


def test_the_table_says_how_a_city_led_to_its_region(cli: Invoke) -> None:
    run = cli("region", "Munich", "-f", "table")
    assert run.exit_code == 0, run.stderr
    assert run.stdout.startswith("Munich is in Oberbayern (DE21), part of Bavaria.\n")
    assert "Upper Bavaria" in run.stdout


def test_lyon_is_placed_in_rhone(cli: Invoke) -> None:
    found_as = cli("region", "Lyon", "--json").json()["found_as"]
    assert (found_as["place"], found_as["country"], found_as["nuts3"]) == ("Lyon", "FR", "FRK26")


def test_every_place_is_in_a_nuts_3_unit_of_its_own_country() -> None:
    units = {
        code: country
        for code, country, level, *_ in (
            line.split("\t") for line in NUTS_INDEX.read_text(encoding="utf-8").splitlines()[1:]
        )
        if level == "3"
    }
    for line in PLACES.read_text(encoding="utf-8").splitlines()[1:]:
        name, country, nuts3, _keys = line.split("\t")
        assert units.get(nuts3) == country, (name, nuts3)


@pytest.mark.parametrize(
    "town",
    [
        "Vienne",  # a town of Isère (FRK24), not of the Vienne department (FRI34)
        "Toul",  # in Meurthe-et-Moselle (FRF31), not Moselle (FRF33)
        "Pécs",  # the seat of Baranya (HU231), not in Somogy (HU232)
        "Kehl",  # in the Ortenaukreis (DE134), not Kiel (DEF02)
        "Çorlu",  # in Tekirdağ (TR211), not Çorum (TR833)
        "Kadirli",  # in Osmaniye (TR633), not Kars (TRA22)
        "Ergani",  # in Diyarbakir (TRC22), not Osmaniye (TR633)
    ],
)
def test_a_town_is_never_placed_in_a_unit_that_only_shares_a_name_with_it(cli: Invoke, town: str) -> None:
    run = cli("region", town, "--json")
    assert run.exit_code != 0 or run.json().get("found_as") is None, run.stdout[:200]


def test_comma_lists_in_a_repeatable_filter(cli: Invoke) -> None:
    both = cli("regions", "--country", "IT,ES", "--json")
    assert both.exit_code == 0, both.stderr
    repeated = cli("regions", "--country", "IT", "--country", "ES", "--json")
    assert both.json() == repeated.json()


def test_one_is_singular(cli: Invoke) -> None:
    run = cli("partners", "Małopolska", "--limit", "1", "-f", "table", env={"COLUMNS": "200"})
    assert run.exit_code == 0, run.stderr
    assert "1 region, " in run.stdout
    assert "1 regions" not in run.stdout


def test_a_status_is_not_nested_in_parentheses(cli: Invoke) -> None:
    run = cli("partners", "Małopolska", "--limit", "1", "-f", "table", env={"COLUMNS": "200"})
    assert "(unconfirmed))" not in run.stdout
    assert "Assembly of European Regions: member (unconfirmed)" in " ".join(run.stdout.split())


def test_region_takes_current_like_show_and_partners(cli: Invoke) -> None:
    everything = cli("region", "Małopolska", "--json").json()
    current = cli("region", "Małopolska", "--current", "--json")
    assert current.exit_code == 0, current.stderr
    networks = current.json()["networks"]
    assert networks
    assert len(networks) < len(everything["networks"])  # the bundled data has unconfirmed ones: not vacuous
    for entry in networks:
        statuses = [entry.get("status"), *(org.get("status") for org in entry["organisations"])]
        assert "current" in statuses
    cited = {source["id"] for source in current.json()["sources"]}
    assert cited <= {source["id"] for source in everything["sources"]}


def test_region_lists_the_sources_its_rows_cite(cli: Invoke) -> None:
    run = cli("region", "Bavaria", "-f", "table", env={"COLUMNS": "200"})
    assert run.exit_code == 0, run.stderr
    listed = run.stdout.split("\nSources\n", 1)[1]
    cited = {line.split()[0] for line in listed.splitlines() if line and not line.startswith(" ")}
    assert cited == {"seed", "klaster-ecrn", "ssm-polis"}  # the Source column of its three rows
    everything = {source["id"] for source in cli("region", "Bavaria", "--json").json()["sources"]}
    assert "futura-nereus" in everything  # the JSON keeps every source of those memberships


def test_partners_at_40_columns_opens_with_the_answer_not_a_paragraph(cli: Invoke) -> None:
    run = cli("partners", "Małopolska", "-f", "table", env={"COLUMNS": "40"})
    assert run.exit_code == 0, run.stderr
    opening = run.stdout.split("\n\n", 1)[0].splitlines()
    assert len(opening) <= 4, opening
    assert "networks region" in " ".join(opening)  # where the whole list is
