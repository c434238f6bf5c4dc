"""`networks validate`: every problem of a dataset, and what is legal but doubtful, one per line.

Errors are what the loader refuses (syntax, shape, cross-record references): the same messages any
command would give. Warnings are about a dataset that loads: things a careful editor wants to know
before someone relies on the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from networks_cli.errors import DataError
from networks_cli.loader import dataset_file, load_dataset
from networks_cli.names import NETWORK_NAME_FIELDS, fold, network_names, region_names
from networks_cli.timeline import count_time, last_confirmed, latest_counts, status

if TYPE_CHECKING:
    from networks_cli.models import Dataset, Membership


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
        return Report(str(file), errors=list(error.problems))
    warnings, notes = doubts(dataset)
    return Report(str(file), warnings=warnings, notes=notes, counts=counts(dataset))


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
        if unquoted:
            shown = ", ".join(unquoted[:5]) + (f" and {len(unquoted) - 5} more" if len(unquoted) > 5 else "")
            warnings.append(f"{here}: {len(unquoted)} memberships carry no quote of their source as evidence: {shown}")
        counts = [c.model_dump(mode="json") for c in network.member_counts]
        for latest in latest_counts([count | count_time(count, sources) for count in counts]):
            if current > latest["count"] and latest["qualifier"] != "more than":
                when = latest["date"] or f"not before {latest['not_before']}"
                notes.append(
                    f"{here}: lists {current} current members, more than its latest count "
                    f"({latest['count']} {latest['counted']}, {when}, source {latest['source']})"
                )
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
