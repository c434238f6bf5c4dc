"""`benchmarks/ranking.py` computes what it says: leave one network out, recall@10 and MRR."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from networks_cli.dataset.loader import load_dataset

ROOT = Path(__file__).resolve().parents[1]

# Network "four" (4 member regions) is held out; "three" (3) is too small to be.
TINY = (
    """
[dataset]
title = "tiny"
updated = "2025"

[[sources]]
id = "src"
date = "2025"

[[regions]]
id = "r1"
name = "Alpha"
country = "CZ"

[[regions]]
id = "r2"
name = "Beta"
country = "CZ"

[[regions]]
id = "r3"
name = "Gamma"
country = "CZ"

[[regions]]
id = "r4"
name = "Delta"
country = "CZ"

[[regions]]
id = "r5"
name = "Epsilon"
country = "CZ"

[[networks]]
id = "four"
name = "Four"
"""
    + "".join(
        f'\n[[networks.members]]\nregion = "r{i}"\nrole = "member"\nsource = "src"\nquote = "q"\n' for i in (1, 2, 3, 4)
    )
    + """
[[networks]]
id = "three"
name = "Three"
"""
    + "".join(
        f'\n[[networks.members]]\nregion = "r{i}"\nrole = "member"\nsource = "src"\nquote = "q"\n' for i in (1, 2, 5)
    )
)


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ranking_benchmark", ROOT / "benchmarks" / "ranking.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_recall_is_out_of_what_the_first_page_can_hold_and_rr_is_the_first_hit() -> None:
    bench = _benchmark()
    assert bench.recall_and_reciprocal_rank(["a", "x", "b"], frozenset({"b", "c"})) == (0.5, pytest.approx(1 / 3))
    assert bench.recall_and_reciprocal_rank(["x"], frozenset({"b"})) == (0.0, 0.0)
    many = frozenset(f"m{i}" for i in range(30))
    assert bench.recall_and_reciprocal_rank([f"m{i}" for i in range(10)], many)[0] == 1.0  # out of 10, not 30


def test_leave_one_network_out_on_a_tiny_dataset(tmp_path: Path) -> None:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    bench = _benchmark()
    rows, networks, asked = bench.evaluate(load_dataset(path), {"most networks": bench.by_most_networks})
    assert (networks, asked) == (1, 4)
    plain = next(row for row in rows if not row.topic)
    # Without "four", only "three" is left: Alpha and Beta find one of their 3 others, Gamma and Delta
    # (in no network now) find Alpha and Beta, two of theirs; each first hit comes first.
    assert plain.recalls == pytest.approx([1 / 3, 1 / 3, 2 / 3, 2 / 3])
    assert plain.recall == pytest.approx(0.5)
    assert plain.mrr == 1.0


def test_the_benchmark_runs_every_ranking_and_prints_the_table(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "tiny.toml"
    path.write_text(TINY, encoding="utf-8")
    assert _benchmark().main(["--data", str(path)]) == 0
    out = capsys.readouterr().out
    assert "1 networks with at least 4 member regions, 4 queries" in out
    assert "| most networks | none | 0.500 | 1.000 |" in out
    assert "| count (today's rule) | none |" in out
    assert "| score | first theme |" in out
