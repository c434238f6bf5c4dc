"""What a map of a network or a region shows: which NUTS 2 squares to colour, and why.

A network's map places each member in its NUTS 2 square: a region by its own code (a NUTS 3 code cut
to level 2, a NUTS 1 or country code spread over every NUTS 2 unit inside it), an organisation in its
region's. Squares are coloured by the members' status (current, unconfirmed, former) or by role; where
several members share a square the strongest status (or the leading role) is its colour, and every
member is named. A region's map shows the region and its partners shaded by how much they share
(`score`, from the partners' own `score` when the ranking gives one, else shared networks over the
most any partner shares). Members with no NUTS code are listed as unplaced, never drawn somewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from networks_cli.answers.discovery import Scope, partners
from networks_cli.answers.queries import ROLE_ORDER, STATUS_ORDER, network_profile
from networks_cli.dataset.names import Record
from networks_cli.dataset.store import Store
from networks_cli.errors import NotFoundError

if TYPE_CHECKING:
    from networks_cli.contract import MapAnswer, MapArea

MAP_BASES = ("status", "role")


def nuts2_codes(code: str | None) -> list[str]:
    """The NUTS 2 codes a NUTS code covers: itself, its parent at level 2, or every level 2 unit in it."""
    if not code:
        return []
    if len(code) >= 4:
        return [code[:4]]
    from networks_cli.dataset.nuts import load_units

    return [unit.code for unit in load_units() if unit.level == 2 and unit.code.startswith(code)]


def _rank(state: str, by: str) -> int:
    order = STATUS_ORDER if by == "status" else ROLE_ORDER
    return order.index(state) if state in order else len(order)


def network_map(store: Store, query: str, by: str = "status") -> MapAnswer:
    """A network's members in their NUTS 2 squares, coloured by status or by role."""
    network = network_profile(store, query)
    areas: dict[str, Record] = {}
    unplaced: list[str] = []
    for member in network["members"]:
        state = str(member["status"] if by == "status" else member["role"])
        label = f"{member['name']} ({member['role']}, {member['status']})"
        codes = nuts2_codes(member["nuts"])
        if not codes:
            unplaced.append(label)
        for code in codes:
            area = areas.setdefault(code, {"nuts": code, "state": state, "score": None, "members": [], "regions": []})
            if _rank(state, by) < _rank(area["state"], by):
                area["state"] = state
            area["members"].append(label)
            if member["region"] not in area["regions"]:
                area["regions"].append(member["region"])
    used = {area["state"] for area in areas.values()}
    order = STATUS_ORDER if by == "status" else ROLE_ORDER
    states = [state for state in order if state in used] + sorted(used - set(order))
    return {
        "subject": {"type": "network", "id": network["id"], "name": network["name"]},
        "by": "status" if by == "status" else "role",
        "states": states,
        "areas": [cast("MapArea", area) for area in sorted(areas.values(), key=lambda area: area["nuts"])],
        "unplaced": unplaced,
    }


def region_map(store: Store, query: str) -> MapAnswer:
    """A region and its partners, each partner's square shaded by its score."""
    answer = partners(store, query, Scope())
    region = answer["region"]
    found = [cast("Record", partner) for partner in answer["partners"]]
    most = max((partner["count"] for partner in found), default=1) or 1
    areas: dict[str, Record] = {}
    unplaced: list[str] = []
    for partner in found:
        score = partner.get("score")  # the ranking's own score, when the partners answer carries one
        shade = float(score) if isinstance(score, int | float) else partner["count"] / most
        label = f"{partner['region']['name']} ({partner['count']} shared)"
        codes = nuts2_codes(partner["region"]["nuts"])
        if not codes:
            unplaced.append(label)
        for code in codes:
            area = areas.setdefault(
                code, {"nuts": code, "state": "partner", "score": 0.0, "members": [], "regions": []}
            )
            area["score"] = max(area["score"], min(max(shade, 0.0), 1.0))
            area["members"].append(label)
            area["regions"].append(partner["region"]["id"])
    own = nuts2_codes(region["nuts"])
    for code in own:
        areas[code] = {"nuts": code, "state": "subject", "score": None, "members": [region["name"]], "regions": []}
    if not own:
        unplaced.insert(0, region["name"])
    return {
        "subject": {"type": "region", "id": region["id"], "name": region["name"]},
        "by": "partners",
        "states": ["subject", "partner"] if found else ["subject"],
        "areas": [cast("MapArea", area) for area in sorted(areas.values(), key=lambda area: area["nuts"])],
        "unplaced": unplaced,
    }


def subject_map(store: Store, query: str, by: str = "status") -> MapAnswer:
    """A network's map when the query names a network (a network's name wins), else a region's."""
    try:
        return network_map(store, query, by)
    except NotFoundError as not_network:
        try:
            return region_map(store, query)
        except NotFoundError as not_region:
            suggestions = list(dict.fromkeys([*not_network.suggestions, *not_region.suggestions]))[:5]
            raise NotFoundError("network or region", query, suggestions, not_region.hint) from None
