"""What a report says around the answers it is made of: when the dataset was compiled, how complete
the member lists it relies on are, and a region's networks over time.

The report itself is composed by `Atlas.report` from the answers every command gives (a region's or a
network's profile, its partners, its history, its map); these are the few facts no command states.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from networks_cli.answers.queries import list_networks
from networks_cli.dataset.names import Record
from networks_cli.dataset.store import Store

if TYPE_CHECKING:
    from networks_cli.contract import ListCompleteness, RegionNetwork, ReportDataset, YearCount


def dataset_info(store: Store) -> ReportDataset:
    """The dataset's title, version and the date it was compiled (its `updated`), as its header states."""
    from networks_cli.version import __version__

    info = json.loads(store.meta("dataset") or "{}")
    return {
        "title": info.get("title") or "",
        "version": info.get("version"),
        "updated": info.get("updated"),
        "tool": f"networks {__version__}",
    }


def completeness(store: Store, network_ids: list[str]) -> list[ListCompleteness]:
    """For each network, how many members the dataset lists beside the latest count a source declares."""
    wanted = set(network_ids)
    rows: list[ListCompleteness] = []
    for network in list_networks(store):
        if network["id"] not in wanted:
            continue
        declared = network["declared_member_count"]
        listed = network["member_count"]
        count: Record = dict(network["declared"] or {})
        qualifier = count.get("qualifier")
        rows.append(
            {
                "id": network["id"],
                "name": network["name"],
                "listed": listed,
                "current": network["members_by_status"]["current"],
                "declared": declared,
                "declared_qualifier": qualifier,
                "declared_date": count.get("date"),
                "share": round(listed / declared, 3) if declared else None,
                # As `list` and `coverage` give them, so the report says what the terminal says: every
                # count that could be the latest (side by side when no source orders them).
                "latest_counts": network["latest_counts"],
                "coverage": network["coverage"],
            }
        )
    order = {network_id: i for i, network_id in enumerate(network_ids)}
    return sorted(rows, key=lambda row: order[row["id"]])


def networks_by_year(networks: list[RegionNetwork], last_year: int | None = None) -> list[YearCount]:
    """How many of the region's networks it had joined by each year, from the dates the sources give
    (its own membership's, else its organisations' earliest); networks with no known start are left out
    and counted by the report, never placed at a guessed year. The years run to `last_year` (the
    dataset's own date) when given."""
    starts: list[tuple[int, int | None]] = []
    for entry in networks:
        plain: Record = dict(entry)
        dated = [plain] if plain.get("since") else []
        dated += [organisation for organisation in plain["organisations"] if organisation.get("since")]
        if not dated:
            continue
        first = min(dated, key=lambda record: str(record["since"]))
        until = first.get("until")
        starts.append((int(str(first["since"])[:4]), int(str(until)[:4]) if until else None))
    if not starts:
        return []
    end = max(max(start for start, _ in starts), _latest(starts), last_year or 0)
    years = range(min(start for start, _ in starts), end + 1)
    return [
        {"year": year, "count": sum(1 for start, end in starts if start <= year and (end is None or year < end))}
        for year in years
    ]


def _latest(starts: list[tuple[int, int | None]]) -> int:
    return max((end for _, end in starts if end is not None), default=0)
