"""Issue #14: organisations are first-class: `networks org`, misses that name an organisation, search
that says which command shows each hit, and filters and words that do what they say."""

from __future__ import annotations

from tests.conftest import Invoke


def test_org_finds_an_organisation_by_short_name_alias_case_and_diacritics(cli: Invoke) -> None:
    for name in ("AGH", "agh university", "Akademia Gorniczo-Hutnicza", "AGH University of Krakow"):
        run = cli("org", name, "--json")
        assert run.exit_code == 0, run.stderr
        assert run.json()["organisation"]["id"] == "agh"


def test_org_answers_with_its_region_and_its_networks(cli: Invoke) -> None:
    answer = cli("org", "AGH", "--json").json()
    assert answer["organisation"] == {
        "id": "agh",
        "name": "AGH University of Kraków",
        "kind": "university",
        "note": None,
        "source": "malopolska-nereus-2022",
        "names": ["AGH", "AGH University", "Akademia Górniczo-Hutnicza"],
    }
    assert answer["region"]["id"] == "malopolska"
    nereus = next(network for network in answer["networks"] if network["id"] == "nereus")
    assert nereus["role"] == "associate member"
    assert nereus["status"] == "current"
    assert nereus["source"] == "malopolska-nereus-2022"
    assert "Akademię Górniczo-Hutnicza" in nereus["quote"]
    assert {"id": "vanguard", "name": "Vanguard Initiative", "role": "member", "through": "region"} in answer[
        "region_networks"
    ]
    assert "malopolska-nereus-2022" in [source["id"] for source in answer["sources"]]


def test_org_table_and_evidence(cli: Invoke) -> None:
    table = cli("org", "AGH", "-f", "table").stdout
    assert table.startswith("AGH University of Kraków\n")
    assert "networks region malopolska" in table
    assert "NEREUS Association" in table
    assert "Małopolska's networks: vanguard (member)" in table
    assert "Akademię" not in table
    assert "“z którymi podpisała" in cli("org", "AGH", "-f", "table", "--evidence").stdout


def test_org_flat_rows(cli: Invoke) -> None:
    lines = cli("org", "AGH", "-f", "tsv").stdout.splitlines()
    assert lines[0].split("\t") == [
        "organisation",
        "network",
        "name",
        "role",
        "since",
        "status",
        "last_confirmed",
        "source",
        "quote",
        "origin",
    ]
    assert lines[1].startswith("agh\tnereus\tNEREUS Association\tassociate member\t\tcurrent\t2022-08\t")


def test_org_misses_suggest(cli: Invoke) -> None:
    run = cli("org", "krakow")
    assert run.exit_code == 1
    missed = "networks: no organisation matches 'krakow'"
    assert run.stderr.startswith(f"{missed}; did you mean 'AGH University of Kraków (agh)'")


def test_a_region_or_network_miss_that_names_an_organisation_says_so(cli: Invoke) -> None:
    for command in ("region", "show", "history", "partners"):
        run = cli(command, "AGH")
        assert run.exit_code == 1
        assert "'AGH' is an organisation: networks org agh" in run.stderr, run.stderr
        assert run.stderr.count("\n") == 1


def test_a_network_the_dataset_does_not_have_says_what_it_holds_and_how_to_add_it(cli: Invoke) -> None:
    run = cli("show", "Eurocities")
    assert run.exit_code == 1
    assert run.stderr == (
        "networks: no network matches 'Eurocities'; this dataset holds 50 networks (networks list); "
        "your own dataset file can add it (networks --data FILE)\n"
    )
    assert "did you mean 'NEREUS Association (nereus)'" in cli("show", "nereos").stderr  # a near miss: the suggestion


def test_search_says_which_command_shows_each_hit(cli: Invoke) -> None:
    hits = cli("search", "AGH", "--json").json()
    assert hits[0]["type"] == "organisation"
    assert hits[0]["command"] == "networks org agh"
    assert {hit["command"].split()[1] for hit in cli("search", "space", "--json").json()} <= {"show", "region", "org"}
    assert "networks org agh" in cli("search", "AGH", "-f", "table").stdout


def test_search_ranks_whole_words_above_parts_and_says_which(cli: Invoke) -> None:
    hits = cli("search", "Interreg", "--json").json()
    kinds = [hit["match"] for hit in hits]
    assert kinds == sorted(kinds, key=["word", "prefix", "part"].index)
    assert all(kind in ("word", "prefix", "part") for kind in kinds)
    assert "word" in kinds  # "Interreg" as a word ranks before "interregional"
    assert "prefix" in kinds


def test_search_plurals(cli: Invoke) -> None:
    assert "\n1 match, best first\n" in cli("search", "Kainuu", "--limit", "1", "-f", "table").stdout
    assert "\n2 matches, best first\n" in cli("search", "AGH", "-f", "table").stdout


def test_regions_theme_filters_as_partners_does(cli: Invoke) -> None:
    rows = cli("regions", "--country", "PL", "--theme", "space", "--json").json()
    assert rows
    assert all(row["networks"] > 0 for row in rows)
    assert len(rows) < len(cli("regions", "--country", "PL", "--json").json())


def test_show_sorts_members_by_role_then_status_then_name_in_every_format(cli: Invoke) -> None:
    from networks_cli.answers.queries import member_order

    members = cli("show", "nereus", "--json").json()["members"]
    assert members == sorted(members, key=member_order)
    assert cli("show", "berry-plus", "--json").json()["members"][0]["id"] == "kainuu"  # the lead partner first
    tsv = cli("show", "nereus", "-f", "tsv").stdout.splitlines()[1:]
    assert [line.split("\t")[1] for line in tsv] == [m["id"] for m in members]
    table = cli("show", "berry-plus", "-f", "table", env={"COLUMNS": "200"}).stdout
    members_part = table.split("Kainuu", 1)
    assert len(members_part) == 2
    assert "Catalonia" in members_part[1]  # Kainuu (lead) is listed before the partners


def test_show_current_lists_only_current_members(cli: Invoke) -> None:
    everyone = cli("show", "nereus", "--json").json()["members"]
    current = cli("show", "nereus", "--current", "--json").json()["members"]
    assert current == [m for m in everyone if m["status"] == "current"]
    assert len(current) < len(everyone)


def test_csv_excel_has_a_byte_order_mark_and_crlf_and_the_same_rows_as_csv(cli: Invoke) -> None:
    """Through the installed command: the test runner's stdout turns CRLF into LF, a real pipe does not."""
    import csv
    import io
    import subprocess

    from tests.test_installed import NETWORKS, base_env

    def run(output: str) -> bytes:
        args = [NETWORKS, "regions", "--country", "PL", "-f", output]
        return subprocess.run(args, env=base_env(), capture_output=True, check=True, timeout=60).stdout

    excel = run("csv-excel")
    assert excel.startswith(b"\xef\xbb\xbfid,name,")
    assert excel.endswith(b"\r\n")
    assert b"\n" not in excel.replace(b"\r\n", b"")
    text = excel.decode("utf-8-sig")
    assert "Małopolska" in text
    plain = run("csv").decode("utf-8")
    assert list(csv.reader(io.StringIO(text, newline=""))) == list(csv.reader(io.StringIO(plain)))


def test_org_current_keeps_the_current_memberships_as_region_current_does(cli: Invoke) -> None:
    """Issue 22: the same filter on every command where it makes sense; `org` had no `--current`."""
    every = cli("org", "AGH", "--json").json()
    current = cli("org", "AGH", "--current", "--json").json()
    assert {n["status"] for n in current["networks"]} == {"current"}
    assert [n["id"] for n in current["networks"]] == [n["id"] for n in every["networks"] if n["status"] == "current"]
    region_current = {n["id"] for n in cli("region", "Małopolska", "--current", "--json").json()["networks"]}
    assert {n["id"] for n in current["region_networks"]} == region_current
    assert len(current["region_networks"]) < len(every["region_networks"])


def test_the_via_legend_comes_only_with_a_via_row(cli: Invoke) -> None:
    """A new user saw "via = through an organisation…" under Bavaria's table, which has no such row."""
    bavaria = cli("region", "Bavaria", "-f", "table", env={"COLUMNS": "100"}).stdout
    assert "via = " not in bavaria
    malopolska = cli("region", "Małopolska", "-f", "table", env={"COLUMNS": "100"}).stdout
    assert "via = through an organisation" in " ".join(malopolska.split())
