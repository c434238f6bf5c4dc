"""`--with FILE`: your own memberships, regions and networks on top of the atlas (issue #22)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from networks_cli import Atlas
from tests.conftest import Invoke

# A regional office's file: a source, a region of its own, a member added to an atlas network
# (ERRIN, named by id with only `members`), and a network of its own whose member is an atlas region.
OVERLAY = """\
[[sources]]
id = "office-register"
title = "The office's register of memberships"
date = "2026-10"

[[regions]]
id = "testshire"
name = "Testshire"
country = "PL"

[[networks]]
id = "errin"
members = [
  { region = "testshire", role = "member", source = "office-register", quote = "Testshire is a member of ERRIN" },
]

[[networks]]
id = "office-club"
name = "Office Club"
members = [
  { region = "malopolska", role = "member", source = "office-register", quote = "Małopolska belongs to the club" },
]
"""


@pytest.fixture
def overlay(tmp_path: Path) -> Path:
    path = tmp_path / "mine.toml"
    path.write_text(OVERLAY, encoding="utf-8")
    return path


def _member(answer: dict[str, object], member_id: str) -> dict[str, object]:
    members = answer["members"]
    assert isinstance(members, list)
    return next(member for member in members if member["id"] == member_id)


def test_a_member_added_to_an_atlas_network_is_marked_with_its_origin(cli: Invoke, overlay: Path) -> None:
    result = cli("show", "errin", "--with", str(overlay), "--json")
    assert result.exit_code == 0, result.stderr
    answer = result.json()
    added = _member(answer, "testshire")
    assert added["origin"] == "mine.toml"
    assert added["quote"] == "Testshire is a member of ERRIN"
    assert {member["origin"] for member in answer["members"] if member["id"] != "testshire"} == {None}
    assert answer["origin"] is None  # the network itself is the atlas's
    assert result.stderr == ""


def test_without_the_overlay_the_atlas_is_unchanged(cli: Invoke, overlay: Path) -> None:
    answer = cli("show", "errin", "--json").json()
    assert all(member["id"] != "testshire" for member in answer["members"])


def test_an_overlay_network_and_its_atlas_member_show_in_the_region(cli: Invoke, overlay: Path) -> None:
    result = cli("region", "Małopolska", "--with", str(overlay), "--json")
    assert result.exit_code == 0, result.stderr
    club = next(entry for entry in result.json()["networks"] if entry["id"] == "office-club")
    assert club["origin"] == "mine.toml"
    listed = cli("list", "--with", str(overlay), "--json").json()
    assert [network["origin"] for network in listed if network["id"] == "office-club"] == ["mine.toml"]


def test_the_table_marks_what_the_overlay_added(cli: Invoke, overlay: Path) -> None:
    result = cli("show", "errin", "--with", str(overlay), "-f", "table")
    assert result.exit_code == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if "Testshire" in line)
    assert "mine.toml" in line or "+" in line
    assert "from mine.toml" in result.stdout  # the legend says what the marker means


def test_the_option_may_come_before_the_command_and_from_the_environment(cli: Invoke, overlay: Path) -> None:
    before = cli("--with", str(overlay), "show", "errin", "--json")
    assert before.exit_code == 0, before.stderr
    assert _member(before.json(), "testshire")["origin"] == "mine.toml"
    from_env = cli("show", "errin", "--json", env={"NETWORKS_WITH": str(overlay)})
    assert from_env.exit_code == 0, from_env.stderr
    assert _member(from_env.json(), "testshire")["origin"] == "mine.toml"


def test_overlays_repeat_and_a_later_one_uses_an_earlier_ones_ids(cli: Invoke, overlay: Path, tmp_path: Path) -> None:
    second = tmp_path / "more.toml"
    second.write_text(
        '[[networks]]\nid = "office-club"\nmembers = [{ region = "testshire", role = "member", '
        'source = "office-register", quote = "Testshire too" }]\n',
        encoding="utf-8",
    )
    result = cli("show", "office-club", "--with", str(overlay), "--with", str(second), "--json")
    assert result.exit_code == 0, result.stderr
    assert _member(result.json(), "testshire")["origin"] == "more.toml"
    assert _member(result.json(), "malopolska")["origin"] == "mine.toml"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[[networks]]\nid = "errin"\nname = "My ERRIN"\n', "network 'errin' is already in the atlas"),
        ('[[regions]]\nid = "malopolska"\nname = "Mine"\n', "region 'malopolska' is already in the atlas"),
        ('[[sources]]\nid = "seed"\n', "source 'seed' is already in the atlas"),
        (
            '[[networks]]\nid = "errin"\nmembers = [{ region = "nowhere", role = "member" }]\n',
            "unknown region 'nowhere'",
        ),
        (
            '[[networks]]\nid = "errin"\nmembers = [{ region = "malopolska", role = "member" }]\n',
            "networks[errin].members[0]: 'malopolska' is listed twice",
        ),
    ],
)
def test_an_overlay_that_conflicts_or_does_not_resolve_is_refused(
    cli: Invoke, tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    result = cli("show", "errin", "--with", str(path), "--json")
    assert result.exit_code == 4
    assert result.stdout == ""
    assert message in result.stderr
    assert result.stderr.startswith(f"networks: {path}: ")
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_cache_follows_an_edit_of_the_overlay_alone(cli: Invoke, overlay: Path, tmp_path: Path) -> None:
    env: dict[str, str | None] = {"NETWORKS_CACHE_DIR": str(tmp_path / "cache")}
    first = cli("show", "errin", "--with", str(overlay), "--json", env=env)
    again = cli("show", "errin", "--with", str(overlay), "--json", env=env)
    assert first.stdout == again.stdout
    assert list((tmp_path / "cache").glob("*.sqlite3"))
    overlay.write_text(OVERLAY.replace("Testshire is a member of ERRIN", "Testshire joined ERRIN"), encoding="utf-8")
    stat = overlay.stat()  # as an editor would a minute later: the stat changes, not only the content
    os.utime(overlay, ns=(stat.st_atime_ns, stat.st_mtime_ns + 60_000_000_000))
    edited = cli("show", "errin", "--with", str(overlay), "--json", env=env)
    assert _member(edited.json(), "testshire")["quote"] == "Testshire joined ERRIN"
    plain = cli("show", "errin", "--json", env=env)  # the atlas alone has its own cache, untouched
    assert all(member["id"] != "testshire" for member in plain.json()["members"])


def test_validate_with_checks_the_overlay_against_the_atlas(cli: Invoke, overlay: Path, tmp_path: Path) -> None:
    result = cli("validate", "--with", str(overlay), "--json")
    assert result.exit_code == 0, result.stderr
    report = result.json()
    assert report["valid"] is True
    assert report["counts"]["memberships"] == 2
    assert report["counts"]["networks"] == 1  # office-club; ERRIN is the atlas's
    bad = tmp_path / "bad.toml"
    bad.write_text('[[networks]]\nid = "errin"\nmembers = [{ region = "nowhere", role = "member" }]\n', "utf-8")
    refused = cli("validate", "--with", str(bad), "--json")
    assert refused.exit_code == 4
    assert any("unknown region 'nowhere'" in error for error in refused.json()["errors"])


def test_the_library_opens_an_atlas_with_overlays(overlay: Path) -> None:
    with Atlas.open(overlays=[overlay]) as atlas:
        assert _member(dict(atlas.network("errin").as_dict()), "testshire")["origin"] == "mine.toml"
        assert "mine.toml" in repr(atlas)


def test_a_region_of_the_overlay_says_where_it_comes_from(cli: Invoke, overlay: Path) -> None:
    result = cli("region", "Testshire", "--with", str(overlay), "-f", "table")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Testshire (from mine.toml)"
    answer = cli("region", "Testshire", "--with", str(overlay), "--json").json()
    assert answer["region"]["origin"] == "mine.toml"


@pytest.mark.parametrize("output", ["tsv", "csv"])
def test_show_rows_say_whether_they_came_from_the_atlas_or_the_with_file(
    cli: Invoke, overlay: Path, output: str
) -> None:
    import csv
    import io

    result = cli("show", "errin", "--with", str(overlay), "-f", output)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t" if output == "tsv" else ","))
    origins = {row["id"]: row["origin"] for row in rows}
    assert origins["testshire"] == "mine.toml"
    assert {origin for member, origin in origins.items() if member != "testshire"} == {""}  # the atlas's
    assert result.stdout.split("\n", 1)[0].split("\t" if output == "tsv" else ",")[-1] == "origin"  # added last


@pytest.mark.parametrize("output", ["tsv", "csv"])
def test_region_rows_say_whether_they_came_from_the_atlas_or_the_with_file(
    cli: Invoke, overlay: Path, output: str
) -> None:
    import csv
    import io

    result = cli("region", "Małopolska", "--with", str(overlay), "-f", output)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter="\t" if output == "tsv" else ","))
    origins = {row["network"]: row["origin"] for row in rows}
    assert origins["office-club"] == "mine.toml"
    assert {origin for network, origin in origins.items() if network != "office-club"} == {""}
    without = cli("region", "Małopolska", "-f", output).stdout.split("\n", 1)[0]
    assert without.endswith("origin")  # the column is there without --with too: one shape for every reader


def test_org_rows_carry_the_origin_column_too(cli: Invoke) -> None:
    result = cli("org", "AGH", "-f", "tsv")
    assert result.exit_code == 0, result.stderr
    header, first = result.stdout.splitlines()[:2]
    assert header.split("\t")[-1] == "origin"
    assert first.split("\t")[-1] == ""  # the atlas's
