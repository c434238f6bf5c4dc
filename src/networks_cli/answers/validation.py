"""`networks validate`: every problem of a dataset, and what is legal but doubtful, one per line.

Errors are what the loader refuses (syntax, shape, cross-record references): the same messages any
command would give. Warnings are about a dataset that loads: things a careful editor wants to know
before someone relies on the file.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from networks_cli.dataset.loader import dataset_file, load_dataset
from networks_cli.dataset.names import NETWORK_NAME_FIELDS, fold, network_names, region_names
from networks_cli.dataset.timeline import count_time, last_confirmed, latest_counts, status
from networks_cli.errors import DataError, shown_path

if TYPE_CHECKING:
    from collections.abc import Sequence

    from networks_cli.dataset.models import Dataset, Fact, MemberCount, Membership


@dataclass
class Report:
    path: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # What is true of the sources rather than wrong in the file (they disagree, a grouping has no NUTS
    # unit and says why): worth knowing, never a reason for --strict to fail.
    notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors


def validate_file(path: Path | None) -> Report:
    file = dataset_file(path)
    try:
        dataset = load_dataset(file)
    except DataError as error:
        return Report(shown_path(file), errors=list(error.problems))
    warnings, notes = doubts(dataset)
    from networks_cli.dataset.cache import cache_problem

    problem = cache_problem(path)  # the environment, not the data: said once, last
    if problem is not None:
        warnings.append(problem)
    return Report(shown_path(file), warnings=warnings, notes=notes, counts=counts(dataset))


def counts(dataset: Dataset) -> dict[str, int]:
    return {
        "networks": len(dataset.networks),
        "regions": len(dataset.regions),
        "organisations": len(dataset.organisations),
        "memberships": sum(len(network.members) for network in dataset.networks),
        "sources": len(dataset.sources),
    }


def doubts(dataset: Dataset) -> tuple[list[str], list[str]]:
    """Warnings (unsourced or unquoted memberships, ignored fields, vague regions, shared names) and
    notes (counts below the members listed as current, groupings without a NUTS unit), in file order."""
    warnings: list[str] = []
    notes: list[str] = []
    sources = {source.id: source.model_dump(mode="json") for source in dataset.sources}
    info = dataset.dataset
    for network in dataset.networks:
        here = f"networks[{network.id}]"
        current = 0
        unquoted: list[str] = []
        with_status: list[str] = []
        for i, member in enumerate(network.members):
            where = f"{here}.members[{i}]"
            if member.source is None:
                warnings.append(f"{where}: the membership of {member.member_id!r} gives no source")
            elif not _evidenced(member):
                unquoted.append(member.member_id)
            if member.status is not None:
                with_status.append(member.member_id)
            record = member.model_dump(mode="json")
            current += (
                status(record, last_confirmed(record, sources), info.updated, info.current_within_years) == "current"
            )
        if with_status:
            warnings.append(
                f"{here}: 'status' is ignored in {len(with_status)} memberships ({_some(with_status)}): the tool "
                "derives it from the dates of the sources that name each member (docs/data.md, 'Status, last confirmed "
                "and the latest count')"
            )
        if unquoted:
            warnings.append(
                f"{here}: {len(unquoted)} memberships carry no quote of their source as evidence: {_some(unquoted)}"
            )
        # A fact or a count is evidence only with its source's words; one that says why it has none is noted.
        evidence: list[tuple[str, Sequence[Fact | MemberCount]]] = [
            ("facts", network.facts),
            ("member_counts", network.member_counts),
        ]
        for kind, rows in evidence:
            for i, row in enumerate(rows):
                if row.quote:
                    continue
                what = f"{here}.{kind}[{i}]: no quote of its source {row.source!r}"
                if row.no_quote:
                    notes.append(f"{what} ({row.no_quote})")
                else:
                    warnings.append(f"{what}: add the source's words, or say why there are none (no_quote)")
        counts = [c.model_dump(mode="json") for c in network.member_counts]
        for latest in latest_counts([count | count_time(count, sources) for count in counts]):
            if current > latest["count"] and latest["qualifier"] != "more than":
                when = latest["date"] or f"not before {latest['not_before']}"
                notes.append(
                    f"{here}: lists {current} current members, more than its latest count "
                    f"({latest['count']} {latest['counted']}, {when}, source {latest['source']})"
                )
    today = datetime.date.today().isoformat()
    for network in dataset.networks:
        for i, member in enumerate(network.members):
            where = f"networks[{network.id}].members[{i}]"
            if member.since is not None and _later(member.since, today):
                warnings.append(f"{where}: since {member.since} is in the future")
            if member.since is not None and member.until is not None and _later(member.since, member.until):
                warnings.append(f"{where}: since {member.since} is after until {member.until}")
    warnings += _nuts_doubts(dataset)
    for source in dataset.sources:
        if source.url is not None and not source.url.lower().startswith(("http://", "https://")):
            warnings.append(f"sources[{source.id}]: url {source.url!r} is not an http(s) address")
    for region in dataset.regions:
        if region.country is None:
            warnings.append(f"regions[{region.id}]: no country")
        if region.nuts is None:
            # A grouping with no NUTS unit that says why is a fact about the region, not a gap in the file.
            (notes if region.note else warnings).append(
                f"regions[{region.id}]: no NUTS code, so it cannot be related to other European regions"
            )
    warnings += _shared_names("region", [(r.id, region_names(r.model_dump(mode="json"))) for r in dataset.regions])
    warnings += _shared_names(
        "network",
        [(n.id, network_names(n.model_dump(mode="json", include=NETWORK_NAME_FIELDS))) for n in dataset.networks],
    )
    return warnings, notes


def _evidenced(member: Membership) -> bool:
    """A membership carries a quote: its source's, or a confirming source's, or a dated step's."""
    quotes = [member.quote, *(item.quote for item in member.confirmations), *(item.quote for item in member.events)]
    return any(quotes)


def _some(ids: list[str], shown: int = 5) -> str:
    return ", ".join(ids[:shown]) + (f" and {len(ids) - shown} more" if len(ids) > shown else "")


def _later(first: str, second: str) -> bool:
    """Whether a partial ISO date is after another, at the precision both have (2020 is not after 2020-05)."""
    length = min(len(first), len(second))
    return first[:length] > second[:length]


def _nuts_doubts(dataset: Dataset) -> list[str]:
    """NUTS codes that no classification knows, or that lie in another country than the region's."""
    from networks_cli.dataset.countries import NUTS_TO_ISO
    from networks_cli.dataset.nuts import load_units

    with_codes = [region for region in dataset.regions if region.nuts is not None]
    if not with_codes:
        return []
    units = load_units()
    known = {unit.code for unit in units} | {unit.code[:2] for unit in units}  # level 0 is the country
    warnings: list[str] = []
    for region in with_codes:
        assert region.nuts is not None
        code = region.nuts.code
        if code not in known:
            warnings.append(f"regions[{region.id}]: NUTS code {code} is not a known NUTS code")
        country = NUTS_TO_ISO.get(code[:2], code[:2])
        if region.country is not None and NUTS_TO_ISO.get(region.country, region.country) != country:
            warnings.append(
                f"regions[{region.id}]: NUTS code {code} is in {country}, not in the region's country {region.country}"
            )
    return warnings


def _shared_names(kind: str, named: list[tuple[str, list[str]]]) -> list[str]:
    owners: dict[str, dict[str, str]] = {}
    for record_id, names in named:
        for name in names:
            key = fold(name)
            if key:
                owners.setdefault(key, {}).setdefault(record_id, name)
    return [
        f"{kind}s {', '.join(ids)} all answer to the name {key!r}: a lookup by that name is ambiguous"
        for key, ids in owners.items()
        if len(ids) > 1
    ]
