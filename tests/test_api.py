"""The library: `Atlas` answers exactly what the CLI's --json writes, and imports neither Typer nor Rich."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from networks_cli import Atlas
from networks_cli.errors import AmbiguousError, ExitStatus, MatchError, NotFoundError
from networks_cli.results import Result
from tests.commands import SAME_QUESTION
from tests.conftest import BUNDLED, MINIMAL, Invoke, WriteDataset

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas.open()


@pytest.mark.parametrize(("query", "ask"), SAME_QUESTION, ids=[" ".join(q) for q, _ in SAME_QUESTION])
def test_the_library_answers_what_the_cli_writes(
    cli: Invoke, atlas: Atlas, query: tuple[str, ...], ask: Callable[[Atlas], Result]
) -> None:
    run = cli(*query, "--json")
    assert run.exit_code in (ExitStatus.OK, ExitStatus.WARNINGS), run.stderr
    answer = ask(atlas)
    assert answer.as_dict() == run.json()
    assert json.loads(answer.to_json()) == run.json()


def test_the_readme_example_from_a_fresh_interpreter_loads_neither_typer_nor_rich(cli: Invoke) -> None:
    probe = (
        "import sys\n"
        "from networks_cli import Atlas\n"
        "print(Atlas.open().region('Małopolska'))\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'typer', 'click', 'rich', 'pandas'})\n"
        "print(loaded, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert result.stderr.strip() == "[]"
    assert json.loads(result.stdout) == cli("region", "Małopolska", "--json").json()


def test_importing_the_package_does_not_load_the_library() -> None:
    probe = "import sys, networks_cli; print('networks_cli.atlas' in sys.modules, networks_cli.__version__)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60)
    assert result.stdout.split()[0] == "False"


def test_get_returns_none_and_lookup_raises_on_no_match(atlas: Atlas) -> None:
    assert atlas.get_region("Atlantis") is None
    assert atlas.get_network("nothing like it") is None
    with pytest.raises(NotFoundError) as missing:
        atlas.lookup_region("Malopolsak")
    assert isinstance(missing.value, LookupError)
    assert missing.value.reason == "none"
    assert missing.value.candidates == ["Małopolska", "Wielkopolskie"]
    with pytest.raises(MatchError) as several:
        atlas.lookup_region("Jura")
    assert isinstance(several.value, AmbiguousError)
    assert several.value.reason == "several"
    assert several.value.candidates == ["Jura (FRC22)", "Jura (CH025)"]
    with pytest.raises(AmbiguousError):
        atlas.get_region("Jura")  # it matches: just not one region, so get does not hide it


def test_lookups_find_what_the_commands_find(atlas: Atlas, cli: Invoke) -> None:
    assert atlas.lookup_region("Malopolska") == cli("region", "Malopolska", "--json").json()["region"]
    assert atlas.get_region("Attiki") == cli("region", "Attiki", "--json").json()["region"]
    network = atlas.lookup_network("berry+")
    assert network == next(n for n in cli("list", "--json").json() if n["id"] == "berry-plus")
    assert atlas.get_network("NEREUS") is not None


@pytest.mark.parametrize(
    ("args", "status", "ask"),
    [
        (("region", "Malopolsak"), ExitStatus.NOT_FOUND, lambda atlas: atlas.region("Malopolsak")),
        (("region", "Jura"), ExitStatus.AMBIGUOUS, lambda atlas: atlas.region("Jura")),
        (("show", "nereos"), ExitStatus.NOT_FOUND, lambda atlas: atlas.network("nereos")),
        (
            ("partners", "Kainuu", "-c", "Narnia"),
            ExitStatus.NOT_FOUND,
            lambda atlas: atlas.partners("Kainuu", countries="Narnia"),
        ),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, tuple) else "",
)
def test_the_cli_exit_codes_come_from_the_librarys_errors(
    cli: Invoke, atlas: Atlas, args: tuple[str, ...], status: int, ask: Callable[[Atlas], Result]
) -> None:
    run = cli(*args)
    assert run.exit_code == status
    with pytest.raises(MatchError) as error:
        ask(atlas)
    assert error.value.exit_status == status
    assert run.stderr == f"networks: {error.value}\n"


def test_a_users_file_through_the_same_cache(write_dataset: WriteDataset, cli: Invoke) -> None:
    path = write_dataset(MINIMAL)
    for cache in (True, False):
        with Atlas.open(path, cache=cache) as atlas:
            assert atlas.region("Testland").as_dict() == cli("region", "Testland", "--data", str(path), "--json").json()
            assert atlas.validate().as_dict()["path"] == str(path)


def test_records_are_the_flat_rows_of_csv(atlas: Atlas, cli: Invoke) -> None:
    records = atlas.partners("Małopolska", countries="IT").records()
    header, first = cli("partners", "Małopolska", "--country", "IT", "-f", "csv").stdout.splitlines()[:2]
    assert list(records[0]) == header.split(",")
    assert records[0]["name"] == first.split(",")[header.split(",").index("name")]
    assert isinstance(records[0]["shared"], list)


def test_list_answers_behave_as_lists(atlas: Atlas) -> None:
    themes = atlas.themes()
    assert len(themes) == len(themes.as_dict())
    assert [theme["id"] for theme in themes] == [theme["id"] for theme in themes.as_dict()]
    assert themes[0] == themes.as_dict()[0]


def test_to_pandas(atlas: Atlas) -> None:
    pandas = pytest.importorskip("pandas")
    frame = atlas.regions(countries="FI").to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["nuts"]) == [row["nuts"] for row in atlas.regions(countries="FI")]


def _docs_example() -> str:
    page = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    match = re.search(r"```python\n(.*?)```", page, re.DOTALL)
    assert match is not None, "docs/python.md has no python example"
    return match.group(1)


def test_the_docs_python_example_runs_and_agrees_with_the_cli(cli: Invoke, tmp_path: Path) -> None:
    script = tmp_path / "example.py"
    script.write_text(_docs_example(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, timeout=60, cwd=tmp_path
    )
    lines = result.stdout.splitlines()
    region = cli("region", "Małopolska", "--json").json()
    assert lines[0] == f"{region['region']['nuts']} {[network['id'] for network in region['networks']][:4]}"
    partners: list[dict[str, Any]] = cli(
        "partners", "Małopolska", "--country", "IT", "--current", "--limit", "3", "--json"
    ).json()
    shown = [f"{p['count']} {p['region']['name']}: {', '.join(p['shared'])}" for p in partners]
    assert lines[1:4] == shown
    assert lines[4:] == ["None", "several ['Jura (FRC22)', 'Jura (CH025)']"]


def test_the_bundled_dataset_is_the_default(atlas: Atlas) -> None:
    assert atlas.path is None
    assert atlas.validate().as_dict()["path"] == str(BUNDLED)
