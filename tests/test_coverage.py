"""How complete and how recent the atlas is, shown (#21 part 4): `networks coverage`, and the
coverage fields `list`, `show` and `region` gained."""

from __future__ import annotations

import pytest

from tests.conftest import Invoke, WriteDataset


def ok(cli: Invoke, *args: str) -> object:
    run = cli(*args, "--json")
    assert (run.exit_code, run.stderr) == (0, ""), run.stderr
    return run.json()


def test_a_network_with_a_count_says_how_much_of_it_is_listed(cli: Invoke) -> None:
    networks = {n["id"]: n for n in ok(cli, "list")}  # type: ignore[attr-defined]
    berry = networks["berry-plus"]["coverage"]
    assert berry == {
        "listed": 10,
        "declared": 11,
        "declared_counts": [11],
        "share": 0.91,
        "partial": True,
        "phrase": "10 of 11 members listed",
    }
    assert networks["nereus"]["coverage"]["partial"] is False  # 41 listed, 22 full members declared


def test_counts_that_cannot_be_ordered_give_no_share_but_still_a_partial_list(cli: Invoke) -> None:
    aer = {n["id"]: n for n in ok(cli, "list")}["aer"]["coverage"]  # type: ignore[attr-defined]
    assert aer["declared"] is None
    assert aer["share"] is None
    assert aer["declared_counts"] == [230, 260]
    assert aer["partial"] is True  # 60 is fewer than either
    assert aer["phrase"] == "60 of 260 or about 230 members listed"


def test_a_network_without_a_dated_count_cannot_say_how_complete_it_is(cli: Invoke) -> None:
    balkan = {n["id"]: n for n in ok(cli, "list")}["cpmr-balkan-black-sea-commission"]  # type: ignore[attr-defined]
    assert balkan["coverage"]["partial"] is None
    assert balkan["coverage"]["phrase"] == "9 listed; no count declared"


def test_show_says_the_list_is_partial(cli: Invoke) -> None:
    table = cli("show", "aer", "-f", "table", env={"COLUMNS": "120"}).stdout
    assert "60 of 260 or about 230 members listed: the list is partial" in " ".join(table.split())


def test_region_counts_its_networks_partial_lists(cli: Invoke) -> None:
    profile = ok(cli, "region", "Bavaria")
    assert isinstance(profile, dict)
    listed = {n["id"] for n in profile["networks"]}
    assert set(profile["partial_lists"]) | set(profile["unknown_lists"]) <= listed
    assert (profile["partial_lists"], profile["unknown_lists"]) == ([], ["safe-and-sustainable-mobility"])
    assert {"errin", "aer"} <= set(ok(cli, "region", "Małopolska")["partial_lists"])  # type: ignore[index]
    table = " ".join(cli("region", "Bavaria", "-f", "table", env={"COLUMNS": "120"}).stdout.split())
    assert "may be in networks the atlas does not list it in" in table


def test_coverage_of_the_whole_atlas_adds_up(cli: Invoke) -> None:
    answer = ok(cli, "coverage")
    assert isinstance(answer, dict)
    rows = answer["networks"]
    assert [row["name"].casefold() for row in rows] == sorted(row["name"].casefold() for row in rows)
    total = answer["total"]
    assert total["listed"] == sum(row["listed"] for row in rows) == sum(n["member_count"] for n in ok(cli, "list"))  # type: ignore[attr-defined]
    assert total["current"] == sum(row["current"] for row in rows)
    assert total["networks"] == len(rows) == 50
    assert total["current_share"] == round(total["current"] / total["listed"], 3)
    for row in rows:
        assert row["listed"] == row["current"] + row["unconfirmed"] + row["former"]
        assert (row["oldest_confirmation"] or "") <= (row["newest_confirmation"] or "")


@pytest.mark.parametrize(("sort", "key", "descending"), [("share", "share", False), ("listed", "listed", True)])
def test_coverage_sorts_with_unknowns_last(cli: Invoke, sort: str, key: str, descending: bool) -> None:
    rows = ok(cli, "coverage", "--sort", sort)["networks"]  # type: ignore[index]

    def value(row: dict[str, object]) -> object:
        return row["coverage"][key] if key == "share" else row[key]  # type: ignore[index]

    known = [value(row) for row in rows if value(row) is not None]
    assert known == sorted(known, reverse=descending)  # type: ignore[type-var]
    assert all(value(row) is None for row in rows[len(known) :])


def test_coverage_of_a_network_lists_its_members_newest_confirmation_first(cli: Invoke) -> None:
    answer = ok(cli, "coverage", "aer")
    assert isinstance(answer, dict)
    assert answer["network"]["id"] == "aer"
    dates = [(m["last_confirmed"] or {}).get("date") or "" for m in answer["members"]]
    assert dates == sorted(dates, reverse=True)
    assert len(answer["members"]) == answer["network"]["listed"]


def test_coverage_in_a_pipe_is_one_row_per_network(cli: Invoke) -> None:
    lines = cli("coverage", "-f", "tsv").stdout.splitlines()
    assert lines[0].split("\t")[:4] == ["id", "name", "listed", "current"]
    assert len(lines) == 51


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("coverage", "nowhere-network"), 1, "networks: no network matches 'nowhere-network'"),
        (("coverage", "--sort", "size"), 2, "networks: invalid value for '--sort'"),
    ],
)
def test_bad_coverage_input_is_one_line(cli: Invoke, args: tuple[str, ...], status: int, message: str) -> None:
    run = cli(*args)
    assert (run.exit_code, run.stdout) == (status, "")
    assert run.stderr.startswith(message), run.stderr
    assert run.stderr.count("\n") == 1


def test_a_dataset_with_no_counts_has_no_share(cli: Invoke, write_dataset: WriteDataset) -> None:
    from tests.conftest import MINIMAL

    path = write_dataset(MINIMAL)
    answer = ok(cli, "coverage", "--data", str(path))
    assert isinstance(answer, dict)
    assert all(row["coverage"]["share"] is None for row in answer["networks"])
