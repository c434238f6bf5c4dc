"""The questions the tool answers, as pure functions over a loaded dataset.

Each returns plain JSON-ready data: these shapes are the public JSON contract documented in the
README, and the table renderers read the very same records, so the two can never disagree.
"""

from __future__ import annotations

from networks_cli.lookup import find_id
from networks_cli.store import Record, Store

COUNT_FIELDS = ("count", "qualifier", "counted", "date", "source", "note")


def count_record(count: Record | None) -> Record | None:
    if count is None:
        return None
    return {field: count.get(field) for field in COUNT_FIELDS}


def declared_count(network: Record) -> Record | None:
    return next((count for count in network["member_counts"] if count["declared"]), None)


def region_record(region: Record) -> Record:
    nuts = region.get("nuts") or {}
    return {
        "id": region["id"],
        "name": region["name"],
        "country": region["country"],
        "nuts": nuts.get("code"),
        "nuts_version": nuts.get("version"),
        "nuts_level": nuts.get("level"),
        "nuts_label": nuts.get("label"),
        "names": list(region.get("names", [])),
        "note": region.get("note"),
    }


MEMBERSHIP_FIELDS = ("role", "since", "since_approx", "until", "status", "as_of", "source", "since_source", "note")


def _membership_fields(membership: Record | None) -> Record:
    """The membership's own fields; all null when there is none (a region reached only via organisations)."""
    if membership is None:
        return dict.fromkeys(MEMBERSHIP_FIELDS) | {"since_approx": False}
    return {field: membership.get(field) for field in MEMBERSHIP_FIELDS}


def member_record(membership: Record, region: Record, organisation: Record | None) -> Record:
    member = organisation if organisation is not None else region
    record: Record = {
        "id": member["id"],
        "name": member["name"],
        "type": "organisation" if organisation is not None else "region",
        "region": region["id"],
        "country": region["country"],
        "nuts": (region.get("nuts") or {}).get("code"),
    }
    record.update(_membership_fields(membership))
    record["represents_region"] = membership.get("represents_region", False)
    return record


def network_summary(network: Record) -> Record:
    declared = declared_count(network)
    return {
        "id": network["id"],
        "name": network["name"],
        "acronym": network.get("acronym"),
        "kind": network.get("kind"),
        "focus": network.get("focus"),
        "founded": (network.get("founded") or {}).get("date"),
        "themes": list(network.get("themes", [])),
        "member_count": network["member_count"],
        "members_by_status": network["members_by_status"],
        "declared_member_count": declared["count"] if declared else None,
        "declared": count_record(declared),
    }


def list_networks(store: Store) -> list[Record]:
    return [network_summary(network) for network in store.networks()]


def network_profile(store: Store, query: str) -> Record:
    network = store.network(find_id(store, "network", query))
    assert network is not None  # find_id only returns ids the store holds
    members = store.members(network["id"])
    organisations = {o["id"]: o for o in store.organisations(m["organisation"] for m in members if m["organisation"])}
    region_ids = [m["region"] or organisations[m["organisation"]]["region"] for m in members]
    regions = {region["id"]: region for region in store.regions(region_ids)}
    record = network_summary(network)
    description = network.get("description") or {}
    website = network.get("website") or {}
    record.update(
        {
            "full_name": network.get("full_name"),
            "aliases": list(network.get("aliases", [])),
            "description": description.get("text"),
            "description_source": description.get("source"),
            "founded_detail": network.get("founded"),
            "legal_form": network.get("legal_form"),
            "funding": network.get("funding"),
            "secretariat": network.get("secretariat"),
            "website": website.get("url"),
            "website_source": website.get("source"),
            "lists": network.get("lists", []),
            "member_counts": [count_record(count) for count in network.get("member_counts", [])],
            "facts": network.get("facts", []),
            "members": [
                member_record(m, regions[region_id], organisations.get(m["organisation"] or ""))
                for m, region_id in zip(members, region_ids, strict=True)
            ],
        }
    )
    record["sources"] = source_records(store, _sources_cited(network, members))
    return record


def _sources_cited(network: Record, members: list[Record]) -> list[str]:
    candidates: list[str | None] = [
        (network.get(field) or {}).get("source")
        for field in ("description", "founded", "legal_form", "funding", "secretariat", "website")
    ]
    for key in ("lists", "member_counts", "facts"):
        candidates += [item["source"] for item in network.get(key, [])]
    for member in members:
        candidates += [member["source"], member.get("since_source")]
    return _unique(candidates)


def _unique(values: list[str | None]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value is not None))


SOURCE_FIELDS = ("id", "title", "publisher", "url", "date")


def source_records(store: Store, source_ids: list[str]) -> list[Record]:
    """The cited sources, in the order first cited."""
    found = store.sources(source_ids)
    return [{field: found[source_id].get(field) for field in SOURCE_FIELDS} for source_id in source_ids]


def region_profile(store: Store, query: str) -> Record:
    """The region and its networks: its own memberships, and those of its organisations, marked."""
    region = store.region(find_id(store, "region", query))
    assert region is not None
    by_network: dict[str, list[Record]] = {}
    for network_id, _, membership in store.memberships_in_regions([region["id"]]):
        by_network.setdefault(network_id, []).append(membership)
    organisations = {o["id"]: o for o in store.organisations_in_region(region["id"])}
    networks: list[Record] = []
    for network_id, network_name in store.network_headings(by_network):
        memberships = by_network[network_id]
        own = next((m for m in memberships if m["region"] == region["id"]), None)
        through = [m for m in memberships if m["organisation"] is not None]
        entry: Record = {"id": network_id, "name": network_name, "through": "region" if own else "organisation"}
        entry.update(_membership_fields(own))
        entry["organisations"] = [
            {"id": m["organisation"], "name": organisations[m["organisation"]]["name"]}
            | _membership_fields(m)
            | {"represents_region": m["represents_region"]}
            for m in through
        ]
        networks.append(entry)
    cited = _unique(
        [
            source
            for entry in networks
            for item in [entry, *entry["organisations"]]
            for source in (item["source"], item["since_source"])
        ]
    )
    return {
        "region": region_record(region),
        "networks": networks,
        "organisations": [{"id": o["id"], "name": o["name"], "kind": o.get("kind")} for o in organisations.values()],
        "dataset_network_count": store.network_count(),
        "sources": source_records(store, cited),
    }
