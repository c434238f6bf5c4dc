"""`networks cite`: the sources behind an answer, as a reference list in text, BibTeX and CSL-JSON."""

from __future__ import annotations

import json
import re

from tests.conftest import MINIMAL, Invoke, WriteDataset


def balanced(text: str) -> bool:
    """Every brace closed, ignoring escaped ones (\\{ and \\})."""
    depth = 0
    for character in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(character, 0)
        if depth < 0:
            return False
    return depth == 0


def bibtex_entries(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """A small BibTeX reader: (type, key, fields) of each entry; fails on anything it cannot read."""
    entries = []
    for chunk in [part for part in re.split(r"\n(?=@)", text.strip()) if part.strip()]:
        match = re.fullmatch(r"@(\w+)\{([a-z0-9-]+),\n(.*)\n\}", chunk.strip(), re.DOTALL)
        assert match is not None, chunk
        assert balanced(match.group(3)), chunk
        fields = dict(re.findall(r"^  (\w+) = \{(.*)\},$", match.group(3), re.MULTILINE))
        assert len(fields) == len(match.group(3).splitlines()), chunk
        entries.append((match.group(1), match.group(2), fields))
    return entries


def test_cite_a_network_lists_every_source_its_profile_cites(cli: Invoke) -> None:
    profile = cli("show", "nereus", "--json").json()
    answer = cli("cite", "nereus", "--json").json()
    assert answer["subject"] == {"type": "network", "id": "nereus", "name": "NEREUS Association"}
    assert answer["sources"] == profile["sources"]
    text = cli("cite", "nereus").stdout
    assert text.startswith("The sources behind network NEREUS Association; accessed via networks ")
    assert all(f"[{source['id']}]" in text for source in profile["sources"])


def test_cite_a_region_lists_its_profiles_sources(cli: Invoke) -> None:
    answer = cli("cite", "Małopolska", "--json").json()
    assert answer["subject"]["type"] == "region"
    assert answer["sources"] == cli("region", "Małopolska", "--json").json()["sources"]


def test_cite_bibtex_parses(cli: Invoke) -> None:
    run = cli("cite", "berry-plus", "--style", "bibtex")
    assert run.exit_code == 0
    entries = bibtex_entries(run.stdout)
    sources = cli("cite", "berry-plus", "--json").json()["sources"]
    assert [key for _, key, _ in entries[1:]] == [f"networks-{source['id']}" for source in sources]
    kind, key, fields = entries[1]
    assert (kind, key) == ("online", "networks-seed")
    assert fields["url"] == "https://businessinmalopolska.pl/en/o-regionie/international-cooperation-networks"
    assert fields["publisher"] == "Business in Małopolska (Małopolska Region)"
    assert fields["note"].startswith("accessed via networks ")
    everything = bibtex_entries(cli("cite", "--style", "bibtex").stdout)
    assert everything[0][1] == "networks-dataset"
    assert len(everything) == 1 + len(cli("cite", "--json").json()["sources"])


def test_cite_csl_json_is_valid_json_with_the_required_keys(cli: Invoke) -> None:
    items = json.loads(cli("cite", "Kainuu", "--style", "csl-json").stdout)
    assert isinstance(items, list)
    assert items[0]["id"] == "networks-dataset"  # always cited, first
    items = items[1:]
    assert items
    for item in items:
        assert {"id", "type", "title"} <= item.keys()
        assert item["type"] == "webpage"
        if "issued" in item:
            assert all(isinstance(part, int) for part in item["issued"]["date-parts"][0])
    dated = next(item for item in items if "issued" in item)
    assert "URL" in dated
    everything = json.loads(cli("cite", "--style", "csl-json").stdout)
    assert everything[0]["id"] == "networks-dataset"


def test_cite_with_no_subject_names_the_dataset_and_every_source(cli: Invoke) -> None:
    text = cli("cite").stdout
    assert "[networks-dataset] the networks authors. European interregional cooperation networks." in text
    assert "[seed] Business in Małopolska" in text


def test_cite_misses_say_so(cli: Invoke) -> None:
    run = cli("cite", "AGH")
    assert run.exit_code == 1
    assert run.stderr == "networks: no network or region matches 'AGH'; 'AGH' is an organisation: networks org agh\n"


def test_version_states_the_data_terms(cli: Invoke) -> None:
    lines = cli("--version").stdout.splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("Code: MIT licence. Data: facts compiled from public sources")
    assert "attribute the sources" in lines[1]


def test_show_help_asks_for_attribution(cli: Invoke) -> None:
    text = " ".join(cli("show", "--help", env={"COLUMNS": "200"}).stdout.split())
    assert "quoted from businessinmalopolska.pl" in text
    assert "networks cite NETWORK" in text


def test_licence_and_package_metadata() -> None:
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    licence = (root / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n\nCopyright (c) 2026 the networks authors\n")
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert project["license-files"] == ["LICENSE"]
    assert project["authors"] == [{"name": "the networks authors"}]
    assert project["keywords"]
    assert "Programming Language :: Python :: 3.11" in project["classifiers"]
    assert "urls" not in project  # no address is known: none is invented
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Licence and attribution\n", 1)[1].split("\n## ", 1)[0]
    assert "MIT" in section
    assert "businessinmalopolska.pl" in section


def test_the_library_gives_the_same_reference_lists(cli: Invoke) -> None:
    from networks_cli import Atlas

    with Atlas.open() as atlas:
        cited = atlas.cite("nereus")
        assert cited.bibtex() == cli("cite", "nereus", "--style", "bibtex").stdout
        assert cited.csl_json() == json.loads(cli("cite", "nereus", "--style", "csl-json").stdout)
        assert cited.text() == cli("cite", "nereus", "--style", "text").stdout


def test_a_source_whose_title_was_never_read_gets_a_supplied_title_in_brackets(
    cli: Invoke, write_dataset: WriteDataset
) -> None:
    """Issue 22: a placeholder such as "NEREUS (web page)" read as the page's own title. A supplied
    title goes in square brackets, as cataloguers mark one; a read title is printed as it is."""
    path = write_dataset(MINIMAL.replace('id = "src"\n', 'id = "src"\npublisher = "Test Office"\n'))
    bibtex = cli("cite", "--style", "bibtex", "--data", str(path)).stdout
    assert "title = {[Web page of Test Office]}" in bibtex
    titled = write_dataset(
        MINIMAL.replace('id = "src"\n', 'id = "src"\ntitle = "Members"\npublisher = "Test Office"\n')
    )
    assert "title = {Members}" in cli("cite", "--style", "bibtex", "--data", str(titled)).stdout
