"""The query cache is never stale and never harmful, and answers exactly as the file does (issue #6)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import networks_cli.dataset.cache
import networks_cli.dataset.loader
from networks_cli.dataset.cache import open_store
from tests.commands import QUERIES
from tests.conftest import BUNDLED, MINIMAL, Invoke, WriteDataset
from tests.test_installed import NETWORKS, base_env

EVERY_QUERY = [*QUERIES, ("list", "--theme", "space"), ("show", "vanguard"), ("region", "Opolskie")]


@pytest.mark.parametrize("output", ["json", "table"])
@pytest.mark.parametrize("query", EVERY_QUERY, ids=lambda q: "-".join(q))
def test_answers_from_the_cache_are_the_answers_from_the_file(
    cli: Invoke, tmp_path: Path, query: tuple[str, ...], output: str
) -> None:
    env: dict[str, str | None] = {"NETWORKS_CACHE_DIR": str(tmp_path)}
    from_file = cli(*query, "-f", output, "--no-cache", env=env)
    building = cli(*query, "-f", output, env=env)
    from_cache = cli(*query, "-f", output, env=env)
    assert from_file.exit_code == building.exit_code == from_cache.exit_code == 0
    assert from_file.stdout == building.stdout == from_cache.stdout
    assert list(tmp_path.glob("*.sqlite3"))


class Loads:
    """Counts how often the dataset file is parsed and validated."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = networks_cli.dataset.loader.dataset_from_bytes

        def counting(data: bytes, where: str) -> object:
            self.count += 1
            return original(data, where)

        monkeypatch.setattr(networks_cli.dataset.cache, "dataset_from_bytes", counting)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("NETWORKS_CACHE_DIR", str(directory))
    return directory


def names(path: Path) -> list[str]:
    return [network["name"] for network in open_store(path).networks()]


def test_a_repeat_query_does_not_parse_the_file(
    cache_dir: Path, write_dataset: WriteDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_dataset(MINIMAL)
    loads = Loads(monkeypatch)
    assert names(path) == ["Test Network"]
    assert names(path) == ["Test Network"]
    assert loads.count == 1


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(
    cache_dir: Path, write_dataset: WriteDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_dataset(MINIMAL)
    assert names(path) == ["Test Network"]
    before = path.stat()
    path.write_text(MINIMAL.replace("Test Network", "Best Network"), encoding="utf-8")  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # same modification time
    assert path.stat().st_size == before.st_size
    assert path.stat().st_mtime_ns == before.st_mtime_ns
    assert names(path) == ["Best Network"]


def test_a_touched_but_unchanged_file_is_not_parsed_again(
    cache_dir: Path, write_dataset: WriteDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_dataset(MINIMAL)
    loads = Loads(monkeypatch)
    names(path)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert names(path) == ["Test Network"]
    assert names(path) == ["Test Network"]
    assert loads.count == 1  # the content hash matched; the new stat was recorded


def cache_file(cache_dir: Path) -> Path:
    (found,) = cache_dir.glob("*.sqlite3")
    return found


@pytest.mark.parametrize(
    "damage",
    ["garbage", "truncated", "empty", "foreign", "other-version", "other-format", "other-path"],
)
def test_a_bad_cache_file_is_ignored_and_rebuilt(
    cache_dir: Path, write_dataset: WriteDataset, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    path = write_dataset(MINIMAL)
    names(path)
    cached = cache_file(cache_dir)
    if damage == "garbage":
        cached.write_bytes(os.urandom(4096))
    elif damage == "truncated":
        cached.write_bytes(cached.read_bytes()[:100])
    elif damage == "empty":
        cached.write_bytes(b"")
    elif damage == "foreign":
        cached.unlink()
        with sqlite3.connect(cached) as foreign:
            foreign.execute("CREATE TABLE notes(text TEXT)")
    else:
        key, value = {
            "other-version": ("tool", "0.0.0"),
            "other-format": ("format", "0"),
            "other-path": ("path", "/x"),
        }[damage]
        with sqlite3.connect(cached) as connection:
            connection.execute("UPDATE meta SET value = ? WHERE key = ?", (value, key))
        connection.close()
    path.write_text(MINIMAL.replace("Test Network", "Best Network"), encoding="utf-8")
    loads = Loads(monkeypatch)
    assert names(path) == ["Best Network"]
    assert loads.count == 1
    assert names(path) == ["Best Network"]
    assert loads.count == 1  # rebuilt, and used again


def test_an_unwritable_cache_directory_means_no_cache_not_an_error(
    cli: Invoke, tmp_path: Path, write_dataset: WriteDataset
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = cli(
        "list", "--json", "--data", str(write_dataset(MINIMAL)), env={"NETWORKS_CACHE_DIR": str(blocker / "cache")}
    )
    assert result.exit_code == 0
    assert result.stderr == ""
    assert [n["id"] for n in result.json()] == ["net"]


def test_no_cache_and_an_empty_directory_setting_write_nothing(cli: Invoke, tmp_path: Path) -> None:
    assert cli("list", "--no-cache", env={"NETWORKS_CACHE_DIR": str(tmp_path)}).exit_code == 0
    assert not any(tmp_path.iterdir())
    assert cli("list", env={"NETWORKS_CACHE_DIR": ""}).exit_code == 0


def test_the_cache_follows_the_platform_convention(tmp_path: Path) -> None:
    env = {key: value for key, value in base_env().items() if key != "NETWORKS_CACHE_DIR"}
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    result = subprocess.run([NETWORKS, "list", "--json"], env=env, capture_output=True, check=False)
    assert result.returncode == 0
    if sys.platform.startswith("linux"):
        assert list((tmp_path / "xdg" / "networks").glob("networks.toml-*.sqlite3"))


def test_processes_building_at_once_do_not_corrupt_the_cache(tmp_path: Path, write_dataset: WriteDataset) -> None:
    path = write_dataset(MINIMAL)
    env = base_env() | {"NETWORKS_CACHE_DIR": str(tmp_path / "cache")}
    processes = [
        subprocess.Popen([NETWORKS, "show", "net", "--json", "--data", str(path)], env=env, stdout=subprocess.PIPE)
        for _ in range(6)
    ]
    outputs = {process.communicate(timeout=60)[0] for process in processes}
    assert all(process.returncode == 0 for process in processes)
    assert len(outputs) == 1
    files = list((tmp_path / "cache").iterdir())
    assert [file.suffix for file in files] == [".sqlite3"]  # no temporary file left behind
    again = subprocess.run([NETWORKS, "show", "net", "--json", "--data", str(path)], env=env, capture_output=True)
    assert again.stdout in outputs


def test_the_bundled_dataset_is_cached_like_any_other(cli: Invoke, tmp_path: Path) -> None:
    cli("list", env={"NETWORKS_CACHE_DIR": str(tmp_path)})
    (cached,) = tmp_path.glob("*.sqlite3")
    with sqlite3.connect(cached) as connection:
        (path,) = connection.execute("SELECT value FROM meta WHERE key = 'path'").fetchone()
    connection.close()
    assert Path(path) == BUNDLED.resolve() or Path(path).name == "networks.toml"


@pytest.mark.parametrize("query", EVERY_QUERY, ids=lambda q: "-".join(q))
def test_large_sets_of_ids_give_the_same_answers(
    cli: Invoke, monkeypatch: pytest.MonkeyPatch, query: tuple[str, ...]
) -> None:
    """Past INLINE_IDS, ids go through a temporary table instead of `IN (?, …)`: same answers."""
    inline = cli(*query, "--json")
    monkeypatch.setattr("networks_cli.dataset.store.INLINE_IDS", 0)
    through_a_table = cli(*query, "--json")
    assert through_a_table.exit_code == inline.exit_code == 0
    assert through_a_table.stdout == inline.stdout
