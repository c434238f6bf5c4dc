"""What may make a membership current (#21): only dated words a reader can check.

- An approximate joining year ("since about 2013") or an approximate event is not a dated confirmation.
- A confirmation without a quote does not confirm: nobody can check what it says.
"""

from __future__ import annotations

from typing import Any

from networks_cli.dataset.timeline import last_confirmed

SOURCES: dict[str, dict[str, Any]] = {
    "undated": {},
    "dated-2024": {"date": "2024-06-19"},
    "bound-2021": {"not_before": "2021-03"},
}


def test_an_approximate_joining_year_is_not_a_confirmation() -> None:
    membership = {"source": "undated", "since": "2022", "since_approx": True}
    assert last_confirmed(membership, SOURCES) is None


def test_an_exact_joining_year_still_dates_the_membership() -> None:
    membership = {"source": "undated", "since": "2022"}
    assert last_confirmed(membership, SOURCES) == {"date": "2022", "bound": "on", "source": "undated"}


def test_an_approximate_event_is_not_a_confirmation() -> None:
    membership = {"source": "undated", "events": [{"date": "2023", "source": "undated", "approximate": True}]}
    assert last_confirmed(membership, SOURCES) is None


def test_a_confirmation_without_a_quote_does_not_confirm() -> None:
    membership = {"source": "undated", "confirmations": [{"source": "dated-2024"}]}
    assert last_confirmed(membership, SOURCES) is None


def test_a_quoted_confirmation_confirms_at_its_source_date() -> None:
    membership = {"source": "undated", "confirmations": [{"source": "dated-2024", "quote": "member regions: …"}]}
    assert last_confirmed(membership, SOURCES) == {"date": "2024-06-19", "bound": "on", "source": "dated-2024"}


def test_the_membership_own_source_dates_it_as_before() -> None:
    membership = {"source": "bound-2021", "quote": "…", "since": "2015", "since_approx": True}
    assert last_confirmed(membership, SOURCES) == {"date": "2021-03", "bound": "not before", "source": "bound-2021"}


def test_no_bundled_approximate_since_is_anyone_s_last_confirmation() -> None:
    from networks_cli import Atlas

    with Atlas.open(cache=False) as atlas:
        members = [m for n in atlas.list_networks().as_dict() for m in atlas.network(n["id"]).as_dict()["members"]]
    approximate = [m for m in members if m.get("since_approx")]
    assert approximate  # Puglia in NEREUS, "since about 2001"
    for member in approximate:
        confirmed: dict[str, Any] = dict(member.get("last_confirmed") or {})
        assert not (confirmed.get("bound") == "on" and confirmed.get("date") == member.get("since")), member["name"]
