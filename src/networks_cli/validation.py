"""`networks validate`: every problem of a dataset, and what is legal but doubtful, one per line.

Errors are what the loader refuses (syntax, shape, cross-record references): the same messages any
command would give. Warnings are about a dataset that loads: things a careful editor wants to know
before someone relies on the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from networks_cli.errors import DataError, shown_path
from networks_cli.loader import bundled_dataset_path, load_dataset
from networks_cli.lookup import NETWORK_NAME_FIELDS, fold, network_names, region_names
from networks_cli.queries import latest_count

if TYPE_CHECKING:
    from networks_cli.models import Dataset


@dataclass
class Report:
    path: str
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not self.errors


def validate_file(path: Path | None) -> Report:
    file = path if path is not None else bundled_dataset_path()
    try:
        dataset = load_dataset(file)
    except DataError as error:
        return Report(shown_path(file), errors=list(error.problems))
    warnings = doubts(dataset)
    from networks_cli.cache import cache_problem

    problem = cache_problem(path)  # the environment, not the data: said once, last
    if problem is not None:
        warnings.append(problem)
    return Report(shown_path(file), warnings=warnings, counts=counts(dataset))


def counts(dataset: Dataset) -> dict[str, int]:
    return {
        "networks": len(dataset.networks),
        "regions": len(dataset.regions),
        "organisations": len(dataset.organisations),
        "memberships": sum(len(network.members) for network in dataset.networks),
        "sources": len(dataset.sources),
    }


def doubts(dataset: Dataset) -> list[str]:
    """Warnings, in file order: unsourced memberships, over-full lists, vague regions, shared names."""
    warnings: list[str] = []
    for network in dataset.networks:
        here = f"networks[{network.id}]"
        for i, member in enumerate(network.members):
            if member.source is None:
                warnings.append(f"{here}.members[{i}]: the membership of {member.member_id!r} gives no source")
        latest = latest_count([count.model_dump(mode="json") for count in network.member_counts])
        current = sum(member.status == "current" for member in network.members)
        if latest is not None and current > latest["count"]:
            warnings.append(
                f"{here}: lists {current} current members, more than its latest count "
                f"({latest['count']} {latest['counted']}, {latest['date']}, source {latest['source']})"
            )
    for region in dataset.regions:
        if region.country is None:
            warnings.append(f"regions[{region.id}]: no country")
        if region.nuts is None:
            warnings.append(f"regions[{region.id}]: no NUTS code, so it cannot be related to other European regions")
    warnings += _shared_names("region", [(r.id, region_names(r.model_dump(mode="json"))) for r in dataset.regions])
    warnings += _shared_names(
        "network",
        [(n.id, network_names(n.model_dump(mode="json", include=NETWORK_NAME_FIELDS))) for n in dataset.networks],
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
