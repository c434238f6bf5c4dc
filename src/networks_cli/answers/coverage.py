"""How complete and how recent the atlas is (`networks coverage`, #21): per network, what is listed
against what it declares, and how old the confirmations are; for one network, its members by last
confirmation. Nothing here guesses: a network that declares no dated count has no share.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from networks_cli.answers.queries import _network, network_summary
from networks_cli.errors import NotFoundError

if TYPE_CHECKING:
    from networks_cli.contract import AtlasCoverage, CoverageRow, CoverageTotal, MemberConfirmation, NetworkCoverage
    from networks_cli.dataset.names import Record
    from networks_cli.dataset.store import Store

# `--sort`: the key, and whether the largest comes first. Ties by name, always.
SORTS = {
    "name": False,
    "share": False,  # least complete first: where the atlas knows least
    "listed": True,
    "current": True,
    "declared": True,
    "newest": True,
    "oldest": False,
}


def coverage_row(store: Store, network: Record) -> CoverageRow:
    summary = network_summary(network)
    dates = sorted(
        member["last_confirmed"]["date"] for member in store.members(network["id"]) if member.get("last_confirmed")
    )
    statuses = network["members_by_status"]
    return {
        "id": network["id"],
        "name": network["name"],
        "listed": network["member_count"],
        "current": statuses["current"],
        "unconfirmed": statuses["unconfirmed"],
        "former": statuses["former"],
        "coverage": summary["coverage"],
        "latest_counts": summary["latest_counts"],
        "oldest_confirmation": dates[0] if dates else None,
        "newest_confirmation": dates[-1] if dates else None,
    }


def _sort_value(row: CoverageRow, sort: str) -> float | str | None:
    if sort == "share":
        return row["coverage"]["share"]
    if sort == "declared":
        return row["coverage"]["declared"] or max(row["coverage"]["declared_counts"], default=None)
    if sort in ("newest", "oldest"):
        return row["newest_confirmation" if sort == "newest" else "oldest_confirmation"]
    return cast("int", row[sort])  # type: ignore[literal-required]


def atlas_coverage(store: Store, sort: str = "name") -> AtlasCoverage:
    """Every network's coverage, sorted (ties by name; rows without the value last), and the totals."""
    if sort not in SORTS:
        raise NotFoundError("sort", sort, list(SORTS))
    rows = sorted((coverage_row(store, network) for network in store.networks()), key=lambda r: r["name"].casefold())
    if sort != "name":
        known = [row for row in rows if _sort_value(row, sort) is not None]
        known.sort(key=lambda row: cast("float | str", _sort_value(row, sort)), reverse=SORTS[sort])
        rows = known + [row for row in rows if _sort_value(row, sort) is None]
    listed = sum(row["listed"] for row in rows)
    current = sum(row["current"] for row in rows)
    partial = sum(row["coverage"]["partial"] is True for row in rows)
    undeclared = sum(not row["coverage"]["declared_counts"] for row in rows)
    percent = round(100 * current / listed) if listed else 0
    total: CoverageTotal = {
        "networks": len(rows),
        "listed": listed,
        "current": current,
        "current_share": round(current / listed, 3) if listed else None,
        "partial_lists": partial,
        "no_declared_count": undeclared,
        "phrase": f"{listed} memberships in {len(rows)} networks, {current} current ({percent} %); "
        f"{partial} lists known to be partial; {undeclared} networks declare no dated count",
    }
    return {"networks": rows, "total": total, "sort": sort}


def network_coverage(store: Store, query: str) -> NetworkCoverage:
    """One network's coverage, and its members by last confirmation: newest first, undated last."""
    network = _network(store, query)
    members = store.members(network["id"])
    organisations = {o["id"]: o for o in store.organisations(m["organisation"] for m in members if m["organisation"])}
    regions = {r["id"]: r for r in store.regions(m["region"] for m in members if m["region"])}
    listed: list[MemberConfirmation] = []
    for member in members:
        named = organisations[member["organisation"]] if member["organisation"] else regions[member["region"]]
        confirmed = member.get("last_confirmed")
        listed.append(
            {
                "id": named["id"],
                "name": named["name"],
                "type": "organisation" if member["organisation"] else "region",
                "role": member["role"],
                "status": member["status"],
                "last_confirmed": confirmed,
                "source": (confirmed or {}).get("source") or member.get("source"),
            }
        )
    listed.sort(key=lambda m: m["name"].casefold())
    listed.sort(key=lambda m: m["last_confirmed"]["date"] if m["last_confirmed"] else "", reverse=True)
    return {"network": coverage_row(store, network), "members": listed}
