from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from networks_cli.cli.app import every_command

ROOT = Path(__file__).resolve().parents[1]
BUNDLED = ROOT / "data" / "networks.toml"
PINNED_ENV = {
    "COLUMNS": "100",
    "NO_COLOR": "1",
    "NETWORKS_DATA": None,
    "NETWORKS_WITH": None,
    "FORCE_COLOR": None,
    "TERM": "xterm",
}

app = every_command()  # every family registered: the installed command registers only the one asked


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


Invoke = Callable[..., Run]
WriteDataset = Callable[[str | bytes], Path]


@pytest.fixture(scope="session", autouse=True)
def private_cache_directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Keep the tests' query caches out of the user's cache directory (subprocesses inherit it too)."""
    directory = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("NETWORKS_CACHE_DIR")
    os.environ["NETWORKS_CACHE_DIR"] = str(directory)
    yield directory
    if previous is None:
        del os.environ["NETWORKS_CACHE_DIR"]
    else:
        os.environ["NETWORKS_CACHE_DIR"] = previous


@pytest.fixture(scope="session", autouse=True)
def private_data_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """No test sees the user's imported projects: an empty data home (tests that import set their own)."""
    directory = tmp_path_factory.mktemp("data-home")
    previous = os.environ.get("NETWORKS_DATA_HOME")
    os.environ["NETWORKS_DATA_HOME"] = str(directory)
    yield directory
    if previous is None:
        del os.environ["NETWORKS_DATA_HOME"]
    else:
        os.environ["NETWORKS_DATA_HOME"] = previous


def drain(primary: int) -> bytes:
    """Everything a child wrote to a pseudo-terminal, read from its primary side until the child closes it."""
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


CORDIS_FIXTURE = Path(__file__).resolve().parent / "fixtures" / "cordis"  # CORDIS's real format, small


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data home of the test's own, nothing imported yet (`imported_home`: the CORDIS fixture imported)."""
    directory = tmp_path / "data-home"
    monkeypatch.setenv("NETWORKS_DATA_HOME", str(directory))
    return directory


@pytest.fixture
def imported_home(home: Path) -> Path:
    from networks_cli.atlas import import_cordis

    import_cordis(CORDIS_FIXTURE)
    return home


@pytest.fixture
def cli() -> Invoke:
    """Run the real Typer app in-process, with the environment pinned, stdout and stderr apart."""

    def invoke(*args: str, env: dict[str, str | None] | None = None) -> Run:
        runner = CliRunner()
        result = runner.invoke(app, list(args), env={**PINNED_ENV, **(env or {})}, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def write_dataset(tmp_path: Path) -> WriteDataset:
    def write(content: str | bytes) -> Path:
        path = tmp_path / "user.toml"
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return write


MINIMAL = """\
[dataset]
title = "Test dataset"
updated = "2026-11-01"

[[sources]]
id = "src"
url = "https://example.org/"
date = "2025"

[[regions]]
id = "testland"
name = "Testland"
country = "PL"

[[networks]]
id = "net"
name = "Test Network"

[[networks.members]]
region = "testland"
role = "member"
quote = "a member"
source = "src"
"""
