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
    # The seed names it (as its source or as a confirmation), with the seed's own words as evidence.
    seed = (
        [nereus[0]]
        if nereus[0]["source"] == "seed"
        else [c for c in nereus[0]["confirmations"] if c["source"] == "seed"]
    )
    assert seed, nereus[0]
    # The seed is undated but dates itself: what it says is true in November 2020 or later.
    assert nereus[0]["last_confirmed"] is not None


def test_nereus_full_members_the_seed_counts(cli: Invoke) -> None:
    profile = cli("show", "nereus", "--json").json()
    seed_named = [
        m for m in profile["members"] if m["source"] == "seed" or any(c["source"] == "seed" for c in m["confirmations"])
    ]
    assert len(seed_named) >= 22
    (count,) = [c for c in profile["member_counts"] if c["source"] == "seed"]
    assert count["count"] == 22
    assert count["not_before"] == "2020-11"
    assert "22 European regions among the full members" in count["quote"]
    assert profile["founded"] == "2007"
    assert profile["funding"]["text"] == "Solely by the annual membership fees of its members"


def test_a_partial_list_is_not_a_count(cli: Invoke) -> None:
    """The 2022 press text names members "among others": its names are members, its 22 is no count."""
    profile = cli("show", "nereus", "--json").json()
    assert not [c for c in profile["member_counts"] if c["source"] == "pap-2022-nereus"]


def test_vanguard_has_the_seeds_five_pilot_actions_and_32_regions_beside_the_later_39(cli: Invoke) -> None:
    profile = cli("show", "vanguard", "--json").json()
    pilots = next(item for item in profile["lists"] if item["title"] == "Pilot actions")
    assert pilots["items"] == SEED_PILOT_ACTIONS
    assert pilots["source"] == "seed"
    seed = next(c for c in profile["member_counts"] if c["source"] == "seed")
    assert (seed["count"], seed["date"], seed["not_before"]) == (32, None, "2020-11")
    # 39 (2023) and the seed's 32 (not before 2020-11) cannot be ordered: both are shown, neither is "the" count.
    latest = {(c["count"], c["date"] or c["not_before"]) for c in profile["latest_counts"]}
    assert (32, "2020-11") in latest
    assert any(count == 39 and when.startswith("2023") for count, when in latest)
    assert profile["declared_member_count"] is None
    assert profile["latest_decided"] is False
    assert profile["full_name"] == "Vanguard Initiative for New Growth through Smart Specialisation"
    table = cli("show", "vanguard", "--format", "table").stdout
    assert "32 regions from the European Union (not before" in " ".join(table.split())
    assert "39 " in table


def test_berry_plus_founding_objectives_and_11_partners_as_the_latest_count(cli: Invoke) -> None:
    profile = cli("show", "BERRY+", "--json").json()
    assert profile["id"] == "berry-plus"
    assert profile["founded"] == "2020-11"
    assert profile["founded_detail"]["source"] == "seed"
    # The seed's 11 is undated, but the page dates itself: after the November 2020 inauguration.
    assert profile["declared_member_count"] == 11
    declared = profile["declared"]
    assert (declared["source"], declared["not_before"], declared["not_before_source"]) == ("seed", "2020-11", "seed")
    assert declared["date_precision"] == "month"
    assert "11-partner agreement" in declared["quote"]
    listed = {n["id"]: n for n in cli("list", "--json").json()}["berry-plus"]
    assert listed["declared_member_count"] == 11
    history = cli("history", "berry-plus", "--json").json()
    members = [(c["count"], c["date"], c["latest"]) for c in history["counts"] if c["series"] == "members"]
    assert members[0] == (8, "2020-11-17", False)
    assert [(count, latest) for count, _, latest in members if latest] == [(11, True)]
    assert (
        "11 partners in the current agreement (not before 2020-11) [seed]"
        in cli("show", "berry-plus", "-f", "table").stdout
    )
    objectives = next(item for item in profile["lists"] if item["title"] == "Objectives")
    assert len(objectives["items"]) == 3
    assert objectives["source"] == "seed"
    assert profile["member_count"] <= 11


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
    seed_networks = [n for n in networks if n["id"] in {"vanguard", "berry-plus", "errin", "nereus"}]
    assert [n["id"] for n in seed_networks] == ["vanguard", "berry-plus", "errin", "nereus"]
    assert all(n["through"] == "region" for n in seed_networks)


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


def test_old_list_memberships_are_unconfirmed_with_their_date(cli: Invoke) -> None:
    vienna = next(n for n in cli("region", "Wien", "--json").json()["networks"] if n["id"] == "nereus")
    assert vienna["status"] == "unconfirmed"
    # Named by the lists of the 2007 founders, whose pages are undated or old.
    assert vienna["last_confirmed"] is None or vienna["last_confirmed"]["date"] < "2021"


NOT_AMONG_THE_23 = ["Baden-Württemberg", "Emilia-Romagna", "Piedmont", "Puglia", "Tuscany"]
ONLY_INTERESTED = ["Alsace", "Aquitaine", "Mecklenburg-Vorpommern", "Campania", "Košice", "Prešov", "Catalonia"]


@pytest.mark.parametrize("name", NOT_AMONG_THE_23)
def test_nereus_regions_not_among_the_23_founders_have_no_2007_joining_date(cli: Invoke, name: str) -> None:
    nereus = next(n for n in cli("region", name, "--json").json()["networks"] if n["id"] == "nereus")
    assert nereus["since"] != "2007"
    assert not (nereus["since"] or "").startswith("2007")
    assert nereus["role"] != "founding member"


@pytest.mark.parametrize("name", ONLY_INTERESTED)
def test_regions_only_interested_in_2007_are_not_nereus_founders(cli: Invoke, name: str) -> None:
    run = cli("region", name, "--json")
    assert run.exit_code == 0, run.stderr
    nereus = [n for n in run.json()["networks"] if n["id"] == "nereus"]
    assert all(n["role"] != "founding member" for n in nereus)
    assert all(not (n["since"] or "").startswith("2007") for n in nereus)


def test_nereus_founders_cite_the_source_that_names_the_23(cli: Invoke) -> None:
    members = cli("show", "nereus", "--json").json()["members"]
    founders = [m for m in members if m["role"] == "founding member"]
    assert founders
    for founder in founders:
        cited = {founder["source"], founder["since_source"], *(c["source"] for c in founder["confirmations"])}
        assert cited - {None, "seed", "eomag-nereus-2007"}, founder["id"]


def test_malopolska_took_part_in_vanguard_from_its_launch_in_2013(cli: Invoke) -> None:
    vanguard = next(n for n in cli("region", "Małopolska", "--json").json()["networks"] if n["id"] == "vanguard")
    assert vanguard["since"] == "2013-11"
    steps = {(event["date"], event["source"]) for event in vanguard["events"]}
    assert any(date == "2015-04-16" for date, _ in steps)
    assert any(date.startswith("2013") for date, _ in steps)
    history = cli("history", "vanguard", "--json").json()["events"]
    assert any(e["member"] == "malopolska" and e["date"] == "2015-04-16" and e["event"] == "step" for e in history)


def test_slaskie_co_signed_the_milan_declaration_in_2015(cli: Invoke) -> None:
    vanguard = next(n for n in cli("region", "Śląskie", "--json").json()["networks"] if n["id"] == "vanguard")
    assert any(event["date"] == "2015-04-16" for event in vanguard["events"])
    assert vanguard["last_confirmed"]["date"].startswith("2015")
    facts = cli("show", "vanguard", "--json").json()["facts"]
    # The seed's "only representative from Poland" stands, with its date beside the 2015 source.
    assert [f for f in facts if f["source"] == "seed" and "only representative" in f["text"]]


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
