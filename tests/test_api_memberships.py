"""The Python API for analysts (issue #22): one table of every membership, and a `help(Atlas)` worth reading."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from networks_cli import Atlas

COLUMNS = [
    "network",
    "network_name",
    "member",
    "member_name",
    "member_type",
    "region",
    "region_name",
    "country",
    "nuts",
    "role",
    "represents_region",
    "status",
    "since",
    "until",
    "last_confirmed",
    "source",
    "quote",
    "origin",
]


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.open()


def test_memberships_is_one_row_per_membership_with_names_and_countries(atlas: Atlas) -> None:
    table = atlas.memberships()
    expected = sum(network["member_count"] for network in atlas.list_networks())
    assert len(table) == expected
    records = table.records()
    assert list(records[0]) == COLUMNS
    malopolska_in_errin = next(row for row in records if row["network"] == "errin" and row["member"] == "malopolska")
    assert malopolska_in_errin["network_name"] == atlas.lookup_network("errin")["name"]
    assert malopolska_in_errin["member_name"] == "Małopolska"
    assert malopolska_in_errin["region_name"] == "Małopolska"
    assert malopolska_in_errin["country"] == "PL"
    assert malopolska_in_errin["nuts"] == "PL21"
    assert malopolska_in_errin["source"]
    assert malopolska_in_errin["origin"] is None


def test_an_organisations_row_names_its_region(atlas: Atlas) -> None:
    row = next(row for row in atlas.memberships().records() if row["member_type"] == "organisation")
    region = atlas.lookup_region(row["region"])
    assert row["region_name"] == region["name"]
    assert row["country"] == region["country"]
    assert row["member"] != row["region"]


def test_the_last_confirmation_is_a_date_in_the_table_and_an_object_in_the_json(atlas: Atlas) -> None:
    table = atlas.memberships()
    confirmed = [row for row in table.as_dict() if row["last_confirmed"]]
    assert confirmed
    first = confirmed[0]
    assert isinstance(first["last_confirmed"], dict)
    flat = next(
        row for row in table.records() if row["network"] == first["network"] and row["member"] == first["member"]
    )
    assert flat["last_confirmed"] == first["last_confirmed"]["date"]


def test_memberships_filter_by_network_and_country(atlas: Atlas) -> None:
    rows = atlas.memberships(networks="errin", countries="PL").records()
    assert rows
    assert {row["network"] for row in rows} == {"errin"}
    assert {row["country"] for row in rows} == {"PL"}


def test_memberships_to_pandas(atlas: Atlas) -> None:
    pandas = pytest.importorskip("pandas")
    frame = atlas.memberships().to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == COLUMNS
    assert len(frame) == len(atlas.memberships())
    assert frame.groupby("country").size()["PL"] > 0


def test_memberships_mark_an_overlays_rows(tmp_path: Path) -> None:
    overlay = tmp_path / "mine.toml"
    overlay.write_text(
        '[[sources]]\nid = "mine"\n\n[[networks]]\nid = "errin"\n'
        'members = [{ region = "lombardy", role = "member", source = "mine", quote = "Lombardy is in ERRIN" }]\n',
        encoding="utf-8",
    )
    with Atlas.open(overlays=[overlay]) as atlas:
        rows = [row for row in atlas.memberships().records() if row["origin"] == "mine.toml"]
    assert [(row["network"], row["member"]) for row in rows] == [("errin", "lombardy")]


def test_every_public_method_of_atlas_documents_its_arguments_returns_and_an_example() -> None:
    undocumented = []
    for name, member in inspect.getmembers(Atlas, callable):
        if name.startswith("_") or name in ("show", "org"):  # aliases share their method's docstring
            continue
        doc = inspect.getdoc(member) or ""
        if "Returns" not in doc or ">>>" not in doc:
            undocumented.append(name)
        parameters = [p for p in inspect.signature(member).parameters if p not in ("self", "cls")]
        if parameters and "Args" not in doc:
            undocumented.append(f"{name} (arguments)")
    assert undocumented == []


def test_the_examples_in_atlas_docstrings_are_true() -> None:
    import doctest

    import networks_cli.atlas

    result = doctest.testmod(networks_cli.atlas, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted >= 14  # the examples that run (those marked +SKIP need files or imports)
