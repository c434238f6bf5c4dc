"""The dataset format as a user meets it: `validate` in plain words, and docs/dataset-format.md's description."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import MINIMAL, Invoke, WriteDataset

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "dataset-format.md"


def test_validate_says_what_is_wrong_and_what_would_be_right(cli: Invoke, write_dataset: WriteDataset) -> None:
    bad = (
        MINIMAL.replace('updated = "2026-11-01"', 'updated = "1 Nov 2026"')
        .replace('id = "testland"', 'id = "Lower Saxony"')
        .replace('country = "PL"', 'country = "de"')
        .replace('role = "member"', 'role = "boss"\nrepresents_region = 1')
        .replace('region = "testland"', 'region = "Lower Saxony"')
    )
    bad += '\n[[networks.member_counts]]\ncount = "5"\ncounted = "regions"\nsource = "src"\n'
    bad += '\n[[organisations]]\nid = "org"\nname = "Org"\nregion = "testland"\n'
    path = write_dataset(bad)
    run = cli("validate", str(path), "--json")
    assert run.exit_code == 4
    errors = run.json()["errors"]
    expected = [
        "dataset.updated: updated '1 Nov 2026' must be a date in ISO form: YYYY, YYYY-MM or YYYY-MM-DD, e.g. '2019-09'",
        "regions[Lower Saxony].id: id 'Lower Saxony' must be lower-case letters, digits and hyphens, "
        "e.g. 'lower-saxony'",
        "regions[Lower Saxony].country: country 'de' must be a two-letter country code in capitals, e.g. 'DE'",
        "networks[net].members[0].region: region (an id) 'Lower Saxony' must be lower-case letters, digits and "
        "hyphens, e.g. 'lower-saxony'",
        "networks[net].members[0].role: role 'boss' is not one of the allowed values: 'lead partner', 'partner', "
        "'founding member', 'full member', 'associate member', 'supporting member', 'associated region', 'member', "
        "'observer', 'participant', 'lead region', 'co-lead region', 'label winner' or 'special mention'",
        "networks[net].members[0].represents_region: represents_region must be true or false, without quotes, not 1",
        "networks[net].member_counts[0].count: count must be a whole number without quotes (e.g. count = 5), not '5'",
        "organisations[org].source: 'source' is required but missing",
    ]
    assert sorted(errors) == sorted(expected)
    assert not any("should" in error or "pattern" in error for error in errors)


def _docs_dataset_example() -> str:
    section = PAGE.read_text(encoding="utf-8").split("## The dataset format", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert match is not None, "docs/dataset-format.md's section on the format has no TOML example"
    return match.group(1)


def test_the_docs_dataset_example_is_valid(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = write_dataset(_docs_dataset_example())
    run = cli("validate", str(path), "--strict", "--json")
    assert run.exit_code == 0, run.stdout
    assert run.json()["errors"] == []
    assert cli("show", "my-network", "--data", str(path), "--json").json()["members"][0]["id"] == "lower-saxony"


def test_the_docs_describe_every_field_of_the_format() -> None:
    from networks_cli.dataset import models

    section = PAGE.read_text(encoding="utf-8").split("## The dataset format", 1)[1].split("\n## ", 1)[0]
    prose = section.split("```")[0] + section.split("```")[-1]  # the text, not the example
    named = {word for span in re.findall(r"`([^`]+)`", prose) for word in re.findall(r"[a-z_]+", span)}
    undocumented = [
        f"{model.__name__}.{field}"
        for model in vars(models).values()
        if isinstance(model, type) and issubclass(model, models.Strict) and model is not models.Strict
        for field in model.model_fields
        if field not in named
    ]
    assert undocumented == []


def test_the_data_files_header_points_to_a_docs_section_that_exists() -> None:
    header = (ROOT / "data" / "networks.toml").read_text(encoding="utf-8")[:1000]
    assert 'docs/dataset-format.md ("The dataset format")' in header
    assert "\n## The dataset format\n" in PAGE.read_text(encoding="utf-8")
