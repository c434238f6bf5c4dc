"""Evidence: every quote in the bundled dataset is the words of the text it was taken from.

The dataset was built from the reference texts kept in `tests/fixtures/reference/` (each row there names
the public page it was read from). A quote that is not, word for word, in those texts was either
mistyped or invented: either way a user would be misled about why the tool says what it says.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from networks_cli.dataset.loader import load_dataset
from networks_cli.dataset.models import Dataset
from tests.conftest import Invoke

REFERENCE = Path(__file__).parent / "fixtures" / "reference"
DATASET = load_dataset()


def _normalised(text: str) -> str:
    return " ".join(text.split())


CORPUS = _normalised(" ".join(path.read_text(encoding="utf-8") for path in sorted(REFERENCE.iterdir())))


def quotes(dataset: Dataset) -> Iterator[tuple[str, str]]:
    """(where, quote) of every quote in the dataset."""
    for source in dataset.sources:
        if source.not_before_quote:
            yield f"sources[{source.id}].not_before_quote", source.not_before_quote
    for network in dataset.networks:
        here = f"networks[{network.id}]"
        for field in ("description", "founded", "legal_form", "funding", "secretariat"):
            value = getattr(network, field)
            if value is not None and value.quote:
                yield f"{here}.{field}", value.quote
        for i, item in enumerate(network.lists):
            if item.quote:
                yield f"{here}.lists[{i}]", item.quote
        for i, count in enumerate(network.member_counts):
            if count.quote:
                yield f"{here}.member_counts[{i}]", count.quote
        for i, fact in enumerate(network.facts):
            if fact.quote:
                yield f"{here}.facts[{i}]", fact.quote
        for member in network.members:
            where = f"{here}.members[{member.member_id}]"
            if member.quote:
                yield where, member.quote
            for j, confirmation in enumerate(member.confirmations):
                if confirmation.quote:
                    yield f"{where}.confirmations[{j}]", confirmation.quote
            for j, event in enumerate(member.events):
                if event.quote:
                    yield f"{where}.events[{j}]", event.quote


QUOTES = list(quotes(DATASET))


def test_the_dataset_quotes_its_sources() -> None:
    assert len(QUOTES) > 100


@pytest.mark.parametrize(("where", "quote"), QUOTES, ids=[where for where, _ in QUOTES])
def test_every_quote_is_in_the_text_it_comes_from(where: str, quote: str) -> None:
    assert _normalised(quote) in CORPUS, f"{where}: {quote!r} is not in the reference texts"


def test_no_quote_elides_words() -> None:
    """A quote is one piece of the source's words: an ellipsis inside it would join words it did not."""
    elided = [where for where, quote in QUOTES if re.search(r"…|\.\.\.", quote.strip("…. "))]
    assert not elided


def test_evidence_flag_shows_the_quote_beside_each_row(cli: Invoke) -> None:
    member = next(
        (network, member)
        for network in DATASET.networks
        for member in network.members
        if member.quote and member.region is not None
    )
    network, membership = member
    run = cli("show", network.id, "--evidence", "-f", "table")
    assert run.exit_code == 0, run.stderr
    assert _normalised(membership.quote or "") in _normalised(run.stdout)
    assert "Evidence:" in run.stdout
    without = cli("show", network.id, "-f", "table")
    assert "Evidence:" not in without.stdout


def test_json_always_carries_the_quote(cli: Invoke) -> None:
    for network in DATASET.networks[:5]:
        members = cli("show", network.id, "--json").json()["members"]
        quoted = {m.member_id: m.quote for m in network.members}
        assert {m["id"]: m["quote"] for m in members} == quoted
