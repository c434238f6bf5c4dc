"""`networks validate` and `networks schema` (issue #4)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli

from tests.conftest import BUNDLED, MINIMAL, Invoke, WriteDataset

# The bundled data keeps no warning: what it could fix, it does. (Notes remain: counts below the
# members listed as current, and groupings with no NUTS unit that say why.)
BUNDLED_WARNINGS: list[str] = []


def validate(cli: Invoke, *args: str) -> tuple[int, Any]:
    result = cli("validate", *args, "--json")
    assert result.stderr == ""
    return result.exit_code, result.json()


def test_the_bundled_dataset_is_valid_with_known_warnings(cli: Invoke) -> None:
    status, report = validate(cli)
    assert status == 0
    assert report["valid"] is True
    assert report["errors"] == []
    assert report["warnings"] == BUNDLED_WARNINGS
    # What is true of the sources, not wrong in the file: a count below the members listed, groupings,
    # facts and counts whose pages could not be read again to quote them.
    kinds = ("latest count", "no NUTS code", "no quote of its source")
    assert all(any(kind in note for kind in kinds) for note in report["notes"])
    assert sum("no quote of its source" in note for note in report["notes"]) == 17
    counts = report["counts"]
    assert counts["networks"] >= 35
    assert counts["memberships"] == 751  # 477, 111 coverage-big, 135 coverage-more, 28 read for the 750 target (#21)
    assert report["path"] == str(BUNDLED.resolve())


def test_strict_fails_on_warnings_with_its_own_exit_code(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = str(write_dataset(MINIMAL))  # a region with no NUTS code that does not say why: one warning
    status, report = validate(cli, path, "--strict")
    assert status == 5
    assert report["valid"] is True
    table = cli("validate", path, "--strict", "-f", "table", env={"COLUMNS": "300"})
    assert table.exit_code == 5
    sizes = "(1 network, 1 region, 0 organisations, 1 membership, 1 source)"
    assert f"valid, but --strict fails on warnings: 1 warning {sizes}" in table.stdout


def test_a_clean_file_passes_strict(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = write_dataset(
        MINIMAL.replace(
            'country = "PL"',
            'country = "PL"\nnuts = { code = "PL21", version = "2024", '
            'level = 2, label = "Małopolskie", source = "src" }',
        )
    )
    status, report = validate(cli, str(path), "--strict")
    assert (status, report["warnings"], report["errors"]) == (0, [], [])


def test_every_error_is_reported_one_per_line(cli: Invoke, write_dataset: WriteDataset) -> None:
    broken = MINIMAL.replace('country = "PL"', 'country = "Poland"').replace('role = "member"', 'role = "boss"')
    broken = broken.replace('region = "testland"\n', 'region = "atlantis"\n')
    path = write_dataset(broken)
    status, report = validate(cli, str(path))
    assert status == 4
    assert report["valid"] is False
    assert len(report["errors"]) == 2  # shape errors first; references are checked once the shapes hold
    lines = cli("validate", str(path), "-f", "tsv").stdout.splitlines()
    assert lines[0] == "path\tseverity\tmessage"
    assert sorted(line.split(":")[0] for line in lines[1:]) == [
        f"{path}\terror\tnetworks[net].members[0].role",
        f"{path}\terror\tregions[testland].country",
    ]


def test_cross_record_errors_name_the_ids(cli: Invoke, write_dataset: WriteDataset) -> None:
    broken = MINIMAL.replace('region = "testland"\n', 'region = "atlantis"\n')
    broken += '\n[[organisations]]\nid = "agency"\nname = "Agency"\nregion = "nowhere"\nsource = "src"\n'
    status, report = validate(cli, str(write_dataset(broken)))
    assert status == 4
    assert report["errors"] == [
        "organisations[agency]: unknown region 'nowhere'",
        "networks[net].members[0]: unknown region 'atlantis'",
    ]


def test_a_syntax_error_gives_line_and_column(cli: Invoke, write_dataset: WriteDataset) -> None:
    status, report = validate(cli, str(write_dataset(MINIMAL + "\nbroken = [1,\n")))
    assert status == 4
    assert report["errors"] == ["line 26, column 1: TOML syntax error: Invalid value"]


def test_a_missing_file_is_an_invalid_dataset(cli: Invoke, tmp_path: Path) -> None:
    status, report = validate(cli, str(tmp_path / "nope.toml"))
    assert (status, report["errors"]) == (4, ["no such file"])


def test_the_path_can_come_from_the_environment(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = write_dataset(MINIMAL)
    result = cli("validate", "--json", env={"NETWORKS_DATA": str(path)})
    assert result.json()["path"] == str(path)


MEMBER_WITHOUT_SOURCE = MINIMAL.replace('quote = "a member"\nsource = "src"\n', 'quote = "a member"\n')
OVERFULL = MINIMAL.replace(
    "[[networks.members]]",
    '[[networks.member_counts]]\ncount = 0\ncounted = "regions"\ndate = "2020"\nsource = "src"\n\n[[networks.members]]',
)
NAMESAKES = MINIMAL + '\n[[regions]]\nid = "other"\nname = "TESTLAND"\ncountry = "CZ"\n'
NO_COUNTRY = MINIMAL.replace('country = "PL"\n', "")


@pytest.mark.parametrize(
    ("text", "warning"),
    [
        (MEMBER_WITHOUT_SOURCE, "networks[net].members[0]: the membership of 'testland' gives no source"),
        (NAMESAKES, "regions testland, other all answer to the name 'testland': a lookup by that name is ambiguous"),
        (NO_COUNTRY, "regions[testland]: no country"),
        (MINIMAL, "regions[testland]: no NUTS code, so it cannot be related to other European regions"),
    ],
)
def test_doubtful_data_is_a_warning(cli: Invoke, write_dataset: WriteDataset, text: str, warning: str) -> None:
    status, report = validate(cli, str(write_dataset(text)))
    assert status == 0
    assert warning in report["warnings"]
    assert cli("validate", str(write_dataset(text)), "--strict", "--json").exit_code == 5


def test_a_count_below_the_members_listed_as_current_is_a_note(cli: Invoke, write_dataset: WriteDataset) -> None:
    """The sources disagree; the file is not wrong: a note, which --strict does not fail on."""
    status, report = validate(cli, str(write_dataset(OVERFULL)))
    assert status == 0
    assert (
        "networks[net]: lists 1 current members, more than its latest count (0 regions, 2020, source src)"
        in (report["notes"])
    )
    assert not [w for w in report["warnings"] if "latest count" in w]
    shown = cli("show", "net", "--json", "--data", str(write_dataset(OVERFULL))).json()
    assert shown["count_warning"] == "1 members are listed as current, more than the latest count"


def test_a_membership_without_source_still_loads_and_answers(cli: Invoke, write_dataset: WriteDataset) -> None:
    result = cli("show", "net", "--json", "--data", str(write_dataset(MEMBER_WITHOUT_SOURCE)))
    assert result.exit_code == 0
    assert result.json()["members"][0]["source"] is None


# ---------------------------------------------------------------- schema


def schema(cli: Invoke) -> Any:
    result = cli("schema")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout.startswith('{\n  "$schema"')  # indented even in a pipe: it is saved to a file
    return json.loads(result.stdout)


def test_the_schema_accepts_the_bundled_and_minimal_datasets(cli: Invoke) -> None:
    document = schema(cli)
    jsonschema.validate(tomli.loads(BUNDLED.read_text(encoding="utf-8")), document)
    jsonschema.validate(tomli.loads(MINIMAL), document)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('country = "PL"', 'country = "Poland"'),
        ('role = "member"', 'role = "boss"'),
        ('name = "Test Network"', 'name = "Test Network"\ncolour = "red"'),
        ('id = "net"', 'id = "Net Work"'),
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(cli: Invoke, old: str, new: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(tomli.loads(MINIMAL.replace(old, new, 1)), schema(cli))


def test_a_schema_comment_in_the_file_is_harmless(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = write_dataset("#:schema networks.schema.json\n" + MINIMAL)
    assert cli("validate", str(path), "--json").exit_code == 0


@pytest.mark.parametrize("kind", ["facts", "member_counts"])
def test_an_unquoted_fact_or_count_is_a_warning_unless_it_says_why(
    cli: Invoke, write_dataset: WriteDataset, kind: str
) -> None:
    """#21: a fact or a count is evidence only with its source's words, like a membership."""
    row = 'text = "It meets yearly."' if kind == "facts" else 'count = 12\ncounted = "regions"\ndate = "2025"'
    path = write_dataset(MINIMAL + f'\n[[networks.{kind}]]\n{row}\nsource = "src"\n')
    warned = cli("validate", str(path), "--json").json()
    assert [w for w in warned["warnings"] if f"{kind}[0]" in w] == [
        f"networks[net].{kind}[0]: no quote of its source 'src': add the source's words, or say why there are none "
        "(no_quote)"
    ]
    why = write_dataset(MINIMAL + f'\n[[networks.{kind}]]\n{row}\nsource = "src"\nno_quote = "The page is gone."\n')
    noted = cli("validate", str(why), "--json").json()
    assert not [w for w in noted["warnings"] if f"{kind}[0]" in w]
    assert f"networks[net].{kind}[0]: no quote of its source 'src' (The page is gone.)" in noted["notes"]
    quoted = write_dataset(MINIMAL + f'\n[[networks.{kind}]]\n{row}\nsource = "src"\nquote = "twelve regions"\n')
    assert not [w for w in cli("validate", str(quoted), "--json").json()["warnings"] if kind in w]
