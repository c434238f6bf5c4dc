"""The benchmark generator writes valid datasets in the real format, the same bytes every time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from networks_cli.dataset.loader import load_dataset

ROOT = Path(__file__).resolve().parents[1]


def generate(memberships: int, output: Path) -> bytes:
    command = [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--memberships", str(memberships)]
    subprocess.run([*command, "-o", str(output)], check=True, capture_output=True, timeout=120)
    return output.read_bytes()


def test_the_generator_is_deterministic_and_writes_a_valid_dataset(tmp_path: Path) -> None:
    first = generate(2000, tmp_path / "a.toml")
    assert generate(2000, tmp_path / "b.toml") == first
    dataset = load_dataset(tmp_path / "a.toml")
    assert sum(len(network.members) for network in dataset.networks) == 2000
    assert "r00001" in {member.region for network in dataset.networks for member in network.members}


def test_the_cordis_generator_writes_cordis_format_that_imports(tmp_path: Path) -> None:
    from networks_cli.projects.cordis import import_cordis

    command = [sys.executable, str(ROOT / "benchmarks" / "cordis.py"), "generate", "--rows", "2000"]
    for name in ("a", "b"):
        subprocess.run([*command, "-o", str(tmp_path / name)], check=True, capture_output=True, timeout=120)
    first = (tmp_path / "a" / "organization.csv").read_bytes()
    assert first == (tmp_path / "b" / "organization.csv").read_bytes()
    assert first.startswith(b"\xef\xbb\xbfprojectID;projectAcronym;organisationID;")
    counts = import_cordis(tmp_path / "a", tmp_path / "p.sqlite3")["counts"]
    assert counts["rows"] == 2000
    assert counts["projects"] == 250
    assert 50 <= counts["empty_nuts"] <= 150  # 5 %
    assert counts["unplaced"] == 0
