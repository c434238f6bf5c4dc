"""Every fact of the seed page that the dataset encodes, asserted through the CLI."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Invoke

# The seed's own spelling of NEREUS's 22 full members.
SEED_NEREUS_FULL_MEMBERS = [
    "Abruzzo",
    "Puglia",
    "the Azores",
    "Baden-Württemberg",
    "Basilicata",
    "Bavaria",
    "Brittany",
    "the East Midlands Region",
    "Emilia Romagna",
    "Bremen",
    "Hesse",
    "Madrid",
    "Mazowieckie Region",
    "New Aquitaine",
    "Occitania",
    "Piedmont",
    "Podkarpackie Region",
    "South Holland",
    "French Guiana",
    "Tuscany",
    "Veneto",
    "Wallonia",
]
SEED_PILOT_ACTIONS = [
    "Bioeconomy",
    "Efficient and Sustainable Manufacturing",
    "High-end Manufacturing through 3D Printing",
    "Advanced Manufacturing for Energy Applications in Harsh Environments",
    "New Nanotechnology-enabled Products",
]


@pytest.mark.parametrize("seed_name", SEED_NEREUS_FULL_MEMBERS)
def test_each_seed_nereus_member_is_found_under_the_seeds_spelling(cli: Invoke, seed_name: str) -> None:
    run = cli("region", seed_name, "--json")
    assert run.exit_code == 0, run.stderr
    nereus = [n for n in run.json()["networks"] if n["id"] == "nereus"]
    assert len(nereus) == 1
    assert nereus[0]["role"] == "full member"
    assert nereus[0]["status"] == "current"
    assert nereus[0]["source"] == "seed"


def test_nereus_lists_the_seeds_22_full_members_plus_malopolska(cli: Invoke) -> None:
    profile = cli("show", "nereus", "--json").json()
    seed_members = [m for m in profile["members"] if m["source"] == "seed"]
    assert len(seed_members) == 22
    assert all(m["role"] == "full member" and m["type"] == "region" for m in seed_members)
    assert seed_count(profile)["count"] == 22
    assert seed_count(profile)["counted"] == "full members named"
    assert profile["founded"] == "2007"
    assert profile["funding"]["text"] == "Solely by the annual membership fees of its members"
    current_full = [m["id"] for m in profile["members"] if m["role"] == "full member" and m["status"] == "current"]
    assert len(current_full) == 23
    assert "malopolska" in current_full


def test_vanguard_has_the_seeds_five_pilot_actions_and_32_declared_regions(cli: Invoke) -> None:
    profile = cli("show", "vanguard", "--json").json()
    pilots = next(item for item in profile["lists"] if item["title"] == "Pilot actions")
    assert pilots["items"] == SEED_PILOT_ACTIONS
    assert pilots["source"] == "seed"
    assert seed_count(profile) == {
        "count": 32,
        "qualifier": None,
        "counted": "regions",
        "series": "members",
        "date": None,
        "date_precision": None,
        "source": "seed",
        "note": None,
    }
    assert profile["full_name"] == "Vanguard Initiative for New Growth through Smart Specialisation"


def test_berry_plus_founding_objectives_and_11_declared_partners(cli: Invoke) -> None:
    profile = cli("show", "BERRY+", "--json").json()
    assert profile["id"] == "berry-plus"
    assert profile["founded"] == "2020-11"
    assert profile["founded_detail"]["source"] == "seed"
    assert seed_count(profile)["count"] == 11
    assert seed_count(profile)["counted"] == "partners"
    objectives = next(item for item in profile["lists"] if item["title"] == "Objectives")
    assert len(objectives["items"]) == 3
    assert objectives["source"] == "seed"
    assert profile["member_count"] == 10  # one of the 11 partners is named by no source


def test_errin_activities_from_the_seed(cli: Invoke) -> None:
    profile = cli("show", "errin", "--json").json()
    activities = next(item for item in profile["lists"] if item["title"] == "Activities")
    assert activities["source"] == "seed"
    assert any("project partners" in item for item in activities["items"])
    assert not [count for count in profile["member_counts"] if count["source"] == "seed"]  # the seed gives none
    assert profile["description_source"] == "seed"


def test_malopolska_is_in_all_four_networks(cli: Invoke) -> None:
    run = cli("region", "Małopolska", "--json")
    assert run.exit_code == 0
    networks = run.json()["networks"]
    assert [n["id"] for n in networks] == ["vanguard", "berry-plus", "errin", "nereus"]
    assert all(n["through"] == "region" and n["status"] == "current" for n in networks)


def test_seed_publishers_are_malopolska_organisations_not_members(cli: Invoke) -> None:
    profile = cli("region", "Małopolska", "--json").json()
    organisation_ids = {org["id"] for org in profile["organisations"]}
    assert {"marr", "ktp"} <= organisation_ids
    for network in ("vanguard", "berry-plus", "errin", "nereus"):
        member_ids = {m["id"] for m in cli("show", network, "--json").json()["members"]}
        assert not member_ids & {"marr", "ktp"}


def test_malopolska_nereus_associate_is_marked_as_through_an_organisation(cli: Invoke) -> None:
    nereus = next(n for n in cli("region", "Malopolska", "--json").json()["networks"] if n["id"] == "nereus")
    assert [org["id"] for org in nereus["organisations"]] == ["agh"]
    assert nereus["organisations"][0]["role"] == "associate member"


def test_old_list_memberships_are_historical_not_current(cli: Invoke) -> None:
    vienna = cli("region", "Wien", "--json").json()["networks"]
    assert vienna[0]["id"] == "nereus"
    assert vienna[0]["status"] == "historical"


def test_seed_claim_contradicted_later_is_kept_with_a_note(cli: Invoke) -> None:
    facts = cli("show", "vanguard", "--json").json()["facts"]
    claim = [f for f in facts if f["source"] == "seed" and "only representative" in f["text"]]
    contradiction = [f for f in facts if "contradicted" in f["text"]]
    assert claim
    assert contradiction


def seed_count(profile: dict[str, Any]) -> dict[str, Any]:
    """The seed's own member count: undated, so never the default figure, but always shown."""
    (count,) = [count for count in profile["undated_counts"] if count["source"] == "seed"]
    return count  # type: ignore[no-any-return]
