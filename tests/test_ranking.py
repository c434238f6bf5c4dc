"""The ranking of partners (issue 24) names its evidence: known pairs keep their reasons."""

from __future__ import annotations

from typing import Any

import pytest

from networks_cli import Atlas
from networks_cli.errors import NotFoundError
from tests.conftest import Invoke


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.open()


def _ranked(atlas: Atlas, region: str, **options: Any) -> dict[str, Any]:
    answer = atlas.partners(region, sort="score", shared_only=False, **options).as_dict()
    return {partner["region"]["name"]: partner for partner in answer}


def test_lombardy_co_leads_the_vanguard_hydrogen_pilot_with_malopolska(atlas: Atlas) -> None:
    lombardy = _ranked(atlas, "Małopolska")["Lombardy"]
    reasons = [part["evidence"] for part in lombardy["why"] if part["kind"] == "sub-group"]
    assert "co-leads Hydrogen pilot (Vanguard Initiative) with you" in reasons
    assert lombardy["score"] == pytest.approx(sum(part["weight"] for part in lombardy["why"]), abs=0.01)


def test_aragon_comes_with_hydrogen_as_the_lead_of_hydrogen_valleys(atlas: Atlas) -> None:
    ranked = _ranked(atlas, "Małopolska", topics="hydrogen")
    aragon = ranked["Aragon"]
    topic = [part for part in aragon["why"] if part["kind"] == "topic"]
    assert topic[0]["network"] == "hydrogen-valleys"
    assert "Hydrogen Valleys" in topic[0]["evidence"]
    assert aragon["score"] > _ranked(atlas, "Małopolska")["Aragon"]["score"]


def test_kainuu_leads_berry_plus_and_a_berry_member_sees_it(atlas: Atlas) -> None:
    kainuu = _ranked(atlas, "Małopolska")["Kainuu"]
    berry = next(part for part in kainuu["why"] if part["kind"] == "shared network" and "BERRY+" in part["evidence"])
    assert "lead partner" in berry["evidence"]


def test_sort_shared_keeps_the_order_of_before(atlas: Atlas) -> None:
    partners = atlas.partners("Małopolska", sort="shared", shared_only=True).as_dict()
    assert all(not partner["new_contact"] for partner in partners)
    counts = [partner["count"] for partner in partners]
    assert counts == sorted(counts, reverse=True)


def test_new_contacts_are_marked_and_shared_only_drops_them(atlas: Atlas) -> None:
    ranked = _ranked(atlas, "Małopolska")
    assert any(partner["new_contact"] for partner in ranked.values())
    shared = atlas.partners("Małopolska", sort="score", shared_only=True).as_dict()
    assert shared
    assert not any(partner["new_contact"] for partner in shared)


def test_an_unknown_topic_suggests_close_words(atlas: Atlas) -> None:
    with pytest.raises(NotFoundError) as raised:
        atlas.partners("Małopolska", topics="hydrogenn")
    assert "hydrogen" in raised.value.suggestions


def test_a_topic_no_candidate_of_the_countries_matches_gives_an_empty_answer(atlas: Atlas) -> None:
    assert atlas.partners("Małopolska", topics="hydrogen", countries="IS", sort="score").as_dict() == []


def test_with_hydrogen_the_hydrogen_leads_come_first(atlas: Atlas) -> None:
    """Issue 24: `partners Małopolska --topic hydrogen` puts Lombardy (Vanguard Hydrogen pilot co-lead)
    and Aragon (Hydrogen Valleys lead) near the top, each with the reason."""
    ranked = list(_ranked(atlas, "Małopolska", topics="hydrogen"))
    assert ranked.index("Lombardy") < 3
    assert ranked.index("Aragon") < 5
    assert ranked[:5] != list(_ranked(atlas, "Małopolska"))[:5]


def test_a_topic_multiplies_and_the_score_is_still_the_sum_of_its_parts(atlas: Atlas) -> None:
    for partner in list(_ranked(atlas, "Małopolska", topics="hydrogen").values())[:20]:
        assert partner["score"] == pytest.approx(sum(part["weight"] for part in partner["why"]), abs=0.01)
        topic = [part for part in partner["why"] if part["kind"] == "topic"]
        rest = sum(part["weight"] for part in partner["why"] if part["kind"] != "topic")
        assert len(topic) <= 1
        if topic:  # worth a share of the rest of the score: the best match's strength times TOPIC
            assert 0 < topic[0]["weight"] <= 3 * 1.5 * rest + 0.01


def test_a_topic_no_candidate_of_the_countries_matches_says_so_on_stderr(cli: Invoke) -> None:
    result = cli("partners", "Małopolska", "--topic", "hydrogen", "--country", "IS", "--json")
    assert result.exit_code == 0
    assert result.stdout == "[]\n"
    assert result.stderr == "networks: note: no region in IS takes part in anything that matches 'hydrogen'\n"
    table = cli("partners", "Małopolska", "--topic", "hydrogen", "--country", "IS", "-f", "table")
    assert table.exit_code == 0
    assert "No region in IS takes part in anything that matches 'hydrogen'" in table.stdout


def test_an_answer_with_partners_has_no_note(cli: Invoke) -> None:
    result = cli("partners", "Małopolska", "--topic", "hydrogen", "--country", "ES", "--json")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.json()


def test_a_network_shared_only_through_an_organisation_says_so(atlas: Atlas) -> None:
    """Emilia-Romagna is in EURADA only through ART-ER: the part counts (ORGANISATION_ONLY), but it is not
    in the Shared column, and its evidence must not read as the region's own membership."""
    emilia = _ranked(atlas, "Małopolska")["Emilia-Romagna"]
    assert "eurada" not in emilia["shared"]
    part = next(part for part in emilia["why"] if part["kind"] == "shared network" and part["network"] == "eurada")
    assert part["evidence"].startswith("both in EURADA (only through ART-ER, member, current; you: member")


def test_explain_hangs_each_parts_continuation_under_its_words(cli: Invoke) -> None:
    """A new user saw --explain's wrapped lines restart at column 0."""
    run = cli("partners", "Małopolska", "--explain", "--limit", "2", "-f", "table", env={"COLUMNS": "80"})
    lines = run.stdout.splitlines()
    parts = [i for i, line in enumerate(lines) if line.startswith("     +")]
    assert parts
    continued = [
        lines[i + 1]
        for i in parts
        if i + 1 < len(lines) and lines[i + 1].startswith(" ") and "+" not in lines[i + 1][:12]
    ]
    assert continued
    assert all(line.startswith(" " * 14) for line in continued)


def test_a_region_named_on_the_topic_beats_a_theme_descriptions_mention(atlas: Atlas) -> None:
    """`--topic hydrogen --country SE`: Gävleborg, which a Vanguard fact names in the Hydrogen pilot,
    comes before Västra Götaland, whose only match is the energy theme's description (via ERRIN)."""
    answer = atlas.partners("Małopolska", topics=["hydrogen"], countries=["SE"], limit=2).as_dict()
    assert [partner["region"]["name"] for partner in answer] == ["Gävleborg", "Västra Götaland"]
