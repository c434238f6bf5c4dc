"""The benchmark generator writes valid datasets in the real format, the same bytes every time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from networks_cli.loader import load_dataset

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
