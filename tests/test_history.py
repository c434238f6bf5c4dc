"""`networks history`, the latest count, and the history line of `show` and `list` (issue #7)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import MINIMAL, Invoke, WriteDataset

SEED_URL = "businessinmalopolska.pl/en/o-regionie/international-cooperation-networks"

# The dated count tables of shared/reference/facts.md, transcribed: (date or None, count, source URL part).
REFERENCE_COUNTS: dict[str, list[tuple[str | None, int, str]]] = {
    "vanguard": [
        ("2013-11", 10, "aster.it/en/vanguard-initiative"),
        ("2014-11-13", 26, "lifescience.pl/aktualnosci/biogospodarka-w-malopolsce-i-inicjatywa-awangarda"),
        ("2017", 29, "vdocument.in/vanguard-initiative-annual-report"),
        ("2017", 5, "vdocument.in/vanguard-initiative-annual-report"),
        ("2017", 8, "vdocument.in/vanguard-initiative-annual-report"),
        ("2017-11", 33, "brainportnetwork.nl"),
        ("2019", 34, "desktarnow.pl/malopolska-w-inicjatywie-awangarda"),
        ("2019-11-21", 36, "s3vanguardinitiative.eu/news/vanguard-initiative-annual-political-meeting"),
        ("2021", 38, "centralsweden.se/nya-pilotprojekt-inom-halsa-och-ai"),
        ("2020-12-22", 39, "lobbyfacts.eu/datacard/the-vanguard-initiative"),
        ("2023-12-07", 39, "lobbyfacts.eu/datacard/the-vanguard-initiative"),
        ("not before 2020-11", 32, SEED_URL),
    ],
    "berry-plus": [
        ("2020-11-17", 8, "interregeurope.eu/bridges/news/news-article/10464/approval-of-the-s3-berry"),
        ("not before 2020-11", 11, SEED_URL),
    ],
    "errin": [
        ("2006", 190, "cordis.europa.eu/article/id/26532-errin-relaunches"),
        (None, 120, "euhochschulnetz-sachsen-anhalt.de"),
        ("2019", 125, "ans-elblag.pl/pwsz-w-elblagu-czlonkiem-errin"),
        ("2019-09", 130, "gizycko360.pl/20190909220371"),
        ("not before 2014", 130, "vbb.ktn.gv.at"),
        ("2021", 125, "2021.cybersecforum.eu/2021/08/27/malopolska-w-sieci-errin"),
    ],
    "nereus": [
        ("2007-12-18", 23, "eomag.eu/network-of-european-regions-using-space-technologies"),
        (None, 23, "earthzine.org/the-nereus-network"),
        (None, 40, "earthzine.org/the-nereus-network"),
        ("2015-06-08", 24, "aeropolis.it/?p=586"),
        ("2015-06-08", 39, "aeropolis.it/?p=586"),
        ("2019", 26, "podkarpackie.pl/index.php/wspopraca-midzynarodowa"),
        (None, 26, "impressive-project.eu/partners/nereus"),
        (None, 36, "impressive-project.eu/partners/nereus"),
        ("not before 2020-11", 22, SEED_URL),
    ],
}


def _when(count: dict[str, Any]) -> str | None:
    return count["date"] or (f"not before {count['not_before']}" if count["not_before"] else None)


def history(cli: Invoke, network: str, *args: str) -> Any:
    result = cli("history", network, "--json", *args)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return result.json()


@pytest.mark.parametrize("network", sorted(REFERENCE_COUNTS))
def test_every_reference_count_comes_out_with_its_date_and_source(cli: Invoke, network: str) -> None:
    document = history(cli, network)
    urls = {source["id"]: source["url"] for source in document["sources"]}
    found = [(_when(count), count["count"], urls[count["source"]]) for count in document["counts"]]
    for date, count, url_part in REFERENCE_COUNTS[network]:
        assert any(d == date and c == count and url_part in url for d, c, url in found), (date, count, url_part)


def test_eriaff_s_two_bounded_counts_cannot_be_ordered() -> None:
    """50 'not before 2021-10-22' and 'more than 50' 'not before 2024-06-19': neither is known to be newer."""
    from networks_cli import Atlas

    with Atlas.open(cache=False) as atlas:
        document = atlas.history("eriaff").as_dict()
    latest = {(c["count"], c["qualifier"], c["not_before"]) for c in document["counts"] if c["latest"]}
    assert latest == {(50, None, "2021-10-22"), (50, "more than", "2024-06-19")}
    assert document["latest"] is None


@pytest.mark.parametrize(
    ("network", "count", "when"),
    [
        ("berry-plus", 11, "not before 2020-11"),  # the seed dates its "current 11-partner agreement"
        ("nereus", 22, "not before 2020-11"),
    ],
)
def test_the_default_count_is_the_one_latest_count(cli: Invoke, network: str, count: int, when: str) -> None:
    document = history(cli, network)
    assert (document["latest"]["count"], _when(document["latest"])) == (count, when)
    (flagged,) = [c for c in document["counts"] if c["latest"]]
    assert (flagged["count"], _when(flagged)) == (count, when)
    summary = next(n for n in cli("list", "--json").json() if n["id"] == network)
    assert summary["declared_member_count"] == count
    assert _when(summary["declared"]) == when
    assert summary["latest_decided"] is True


def test_when_two_counts_cannot_be_ordered_both_are_the_latest(cli: Invoke) -> None:
    """Vanguard: 39 on 2023-12-07, the seed's 32 from November 2020 or later and Closer to Brussels' 34 from
    2013 or later: no source orders them."""
    document = history(cli, "vanguard")
    assert document["latest"] is None
    latest = {(c["count"], _when(c)) for c in document["counts"] if c["latest"]}
    assert latest == {(39, "2023-12-07"), (32, "not before 2020-11"), (34, "not before 2013")}
    summary = next(n for n in cli("list", "--json").json() if n["id"] == "vanguard")
    assert (summary["declared_member_count"], summary["latest_decided"]) == (None, False)
    assert {(c["count"], _when(c)) for c in summary["latest_counts"]} == latest
    listing = cli("list", "-f", "table", env={"COLUMNS": "160"}).stdout
    assert "39 (2023) | 32 (≥" in listing


def test_errin_counts_from_pages_that_only_date_themselves_are_not_ordered(cli: Invoke) -> None:
    """ERRIN: 100 in December 2024, but three pages that date themselves only from 2014 or 2016 on give
    more than 130 and 120: they may be later, so no count is the latest."""
    document = history(cli, "errin")
    assert document["latest"] is None
    latest = {(c["count"], _when(c)) for c in document["counts"] if c["latest"]}
    assert (100, "2024-12") in latest
    assert (130, "not before 2014") in latest


def test_undated_figures_are_never_the_latest_but_stay_visible(cli: Invoke) -> None:
    document = history(cli, "vanguard")
    undated = [c for c in document["counts"] if c["date"] is None and c["not_before"] is None]
    assert undated
    assert ("interregeurope-vi-brief", 30) in {(c["source"], c["count"]) for c in undated}
    assert not any(c["latest"] for c in undated)
    assert document["counts"][-1]["date"] is None  # undated figures come after the dated ones


def test_counts_are_in_date_order_with_their_precision(cli: Invoke) -> None:
    counts = [c for c in history(cli, "vanguard")["counts"] if c["date"]]
    assert [c["date"] for c in counts] == sorted(c["date"] for c in counts)
    precision = {c["date"]: c["date_precision"] for c in counts}
    assert precision["2013-11"] == "month"
    assert precision["2014-11-13"] == "day"
    assert precision["2017"] == "year"


def test_a_part_of_the_membership_is_never_the_latest_count(cli: Invoke) -> None:
    # NEREUS's 2015 source gives 24 regions and 39 associate members on the same day.
    counts = history(cli, "nereus")["counts"]
    associates = [c for c in counts if c["series"] == "associates"]
    assert {39, 40, 36} <= {c["count"] for c in associates}
    assert not any(c["latest"] for c in associates)


@pytest.mark.parametrize(
    ("network", "member", "date", "source"),
    [
        ("vanguard", "aragon", "2019-11-21", "vi-apm-2019"),
        ("nereus", "malopolska", "2022-08", "malopolska-nereus-2022"),
        ("nereus", "podkarpackie", "2017", "podkarpackie-nereus-2019"),
    ],
)
def test_joining_dates_feed_the_history(cli: Invoke, network: str, member: str, date: str, source: str) -> None:
    events = history(cli, network)["events"]
    (event,) = [e for e in events if e["member"] == member]
    assert (event["event"], event["date"], event["source"]) == ("joined", date, source)


def test_the_chart_tells_the_vanguard_story_with_a_source_for_each_step(cli: Invoke) -> None:
    out = cli("history", "vanguard", "-f", "table", env={"COLUMNS": "120"}).stdout
    listed = cli("show", "vanguard", "--json").json()["member_count"]
    assert f"members: 10 (2013) → 39 (2023) | 32 (≥ 2020) | 34 (≥ 2013), {listed} listed here" in out
    assert "█" in out
    lines = out.splitlines()
    bar_lines = [line for line in lines if "█" in line]
    dated = [c for c in history(cli, "vanguard")["counts"] if c["date"] or c["not_before"]]
    assert len(bar_lines) == len(dated)  # one bar per dated or bounded count
    assert bar_lines[0].startswith("2013")
    assert any(line.startswith("≥ 2020-11 ") for line in bar_lines)
    assert "(latest)" in out
    assert "Undated counts" in out
    for source in ("aster-vi", "lifescience-vi", "vi-annual-report-2017", "brainport-vi-2017", "lobbyfacts-vi"):
        assert source in out
    assert "Aragon" in out


@pytest.mark.parametrize("columns", ["40", "60", "200"])
def test_the_chart_fits_narrow_and_wide_terminals(cli: Invoke, columns: str) -> None:
    result = cli("history", "nereus", "-f", "table", env={"COLUMNS": columns})
    assert result.exit_code == 0
    # A source's URL, on a line of its own, is printed whole even where it is longer than the terminal.
    lines = [line for line in result.stdout.splitlines() if not line.lstrip().startswith(("https://", "http://"))]
    assert max(len(line) for line in lines) <= int(columns)
    assert "2020-06" in result.stdout  # dates are never cut
    assert "█" in result.stdout


@pytest.mark.parametrize("output", ["json", "jsonl", "csv", "tsv", "markdown"])
def test_no_chart_in_machine_formats(cli: Invoke, output: str) -> None:
    result = cli("history", "vanguard", "-f", output)
    assert result.exit_code == 0
    assert "█" not in result.stdout
    assert "▏" not in result.stdout


def test_flat_formats_have_one_row_per_count(cli: Invoke) -> None:
    lines = cli("history", "vanguard", "-f", "tsv").stdout.splitlines()
    assert lines[0].split("\t") == [
        "network",
        "date",
        "date_precision",
        "count",
        "qualifier",
        "counted",
        "series",
        "latest",
        "source",
    ]
    assert len(lines) == 1 + len(history(cli, "vanguard")["counts"])
    assert lines[1].split("\t")[:4] == ["vanguard", "2013", "year", "10"]


def test_show_has_a_one_line_history_and_list_the_latest_count(cli: Invoke) -> None:
    show = cli("show", "vanguard", "-f", "table", env={"COLUMNS": "120"}).stdout
    assert "members: 10 (2013) → 39 (2023) | 32 (≥ 2020)" in show
    assert "▁" not in show  # the sparkline is for terminals only; CliRunner is not one
    listing = cli("list", "-f", "table", env={"COLUMNS": "160"}).stdout
    assert "39 (2023) | 32 (≥" in listing
    assert "more than 130 (≥" in listing


def test_an_unknown_network_has_no_history(cli: Invoke) -> None:
    result = cli("history", "vangard", "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "networks: no network matches 'vangard'; did you mean 'Vanguard Initiative (vanguard)'?\n"


COUNTS = """
[[networks.member_counts]]
count = 5
counted = "regions"
source = "src"

[[networks.member_counts]]
count = 7
counted = "regions"
date = "2020"
source = "src"

[[networks.member_counts]]
count = 9
counted = "partners"
date = "2020"
source = "src"

[[networks.member_counts]]
count = 3
counted = "observers"
series = "observers"
date = "2024"
source = "src"
"""


def test_ties_go_to_the_first_listed_and_other_series_are_skipped(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = write_dataset(MINIMAL.replace("[[networks.members]]", COUNTS.strip() + "\n\n[[networks.members]]"))
    document = history(cli, "net", "--data", str(path))
    assert (document["latest"]["count"], document["latest"]["date"]) == (7, "2020")
    assert [c["count"] for c in document["counts"]] == [7, 9, 3, 5]


def test_a_network_without_counts_says_so(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = write_dataset(MINIMAL)
    assert history(cli, "net", "--data", str(path))["latest"] is None
    out = cli("history", "net", "-f", "table", "--data", str(path)).stdout
    assert "members: no dated count; 1 listed here" in out
    assert "No source in this dataset gives a member count for this network." in out


def test_leaving_dates_are_events_too(cli: Invoke, write_dataset: WriteDataset) -> None:
    left = MINIMAL.replace('quote = "a member"', 'quote = "a member"\nsince = "2015"\nuntil = "2021-06"')
    events = history(cli, "net", "--data", str(write_dataset(left)))["events"]
    assert [(e["event"], e["date"], e["date_precision"], e["member"]) for e in events] == [
        ("joined", "2015", "year", "testland"),
        ("left", "2021-06", "month", "testland"),
    ]
