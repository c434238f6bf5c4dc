"""Whole-output pins: six everyday answers, byte for byte, as sqlite-utils pins its outputs.

The other tests assert what an answer must hold; these catch everything else a change moves (a
column, a word, the order, the spacing), so that no change of output goes unseen. A change that is
meant regenerates them (and the docs' examples, which show the same answers):

    NETWORKS_UPDATE_PINS=1 pytest tests/test_pins.py; python scripts/regenerate_docs.py

and the diff of `tests/fixtures/pins/` is then read like any other change.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import Invoke

PINS = Path(__file__).resolve().parent / "fixtures" / "pins"
# (file name, command line): a table at the pinned width (100 columns, no colour), JSON, CSV,
# Markdown, BibTeX and TSV: each writer once, and the partners' ranking with its reasons.
PINNED = [
    ("region-malopolska.txt", ("region", "Małopolska", "-f", "table")),
    (
        "partners-malopolska-hydrogen.txt",
        ("partners", "Małopolska", "--topic", "hydrogen", "--limit", "5", "-f", "table"),
    ),
    ("show-nereus.json", ("show", "nereus", "--json")),
    ("list.csv", ("list", "-f", "csv")),
    ("compare.md", ("compare", "Małopolska", "Lombardy", "Kainuu", "-f", "markdown")),
    ("cite-nereus.bib", ("cite", "nereus", "--style", "bibtex")),
    ("coverage.tsv", ("coverage", "-f", "tsv")),
]


@pytest.mark.parametrize(("name", "args"), PINNED, ids=[name for name, _ in PINNED])
def test_the_answer_is_exactly_the_pinned_one(cli: Invoke, name: str, args: tuple[str, ...]) -> None:
    run = cli(*args)
    assert run.exit_code == 0, run.stderr
    assert run.stderr == ""
    pin = PINS / name
    if os.environ.get("NETWORKS_UPDATE_PINS"):
        pin.write_bytes(run.stdout.encode("utf-8"))
    assert pin.is_file(), f"no pin yet: NETWORKS_UPDATE_PINS=1 pytest {Path(__file__).name}"
    expected = pin.read_bytes().decode("utf-8")  # bytes: CSV's CRLF line ends are part of the pin
    assert run.stdout == expected, (
        f"the output of `networks {' '.join(args)}` changed: if meant, NETWORKS_UPDATE_PINS=1 pytest tests/test_pins.py"
    )


def test_every_pin_is_pinned() -> None:
    """A pin whose command was dropped from PINNED would be a file no test reads."""
    assert sorted(path.name for path in PINS.iterdir()) == sorted(name for name, _ in PINNED)
