"""The questions the tool answers, as pure functions over a loaded dataset.

Each returns plain JSON-ready data: these shapes are the public JSON contract documented in the
README, and the table renderers read the very same records, so the two can never disagree.
"""

from __future__ import annotations

from typing import Any

from networks_cli.lookup import Lookup
from networks_cli.models import Dataset, MemberCount, Membership, Network, Organisation, Region

Record = dict[str, Any]


class Atlas:
    """A validated dataset with the indexes its queries need, built once."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset
        self.lookup = Lookup.of(dataset)
        self.regions = {region.id: region for region in dataset.regions}
        self.organisations = {organisation.id: organisation for organisation in dataset.organisations}
        self.sources = {source.id: source for source in dataset.sources}
        self.themes = {theme.id: theme for theme in dataset.themes}


def count_record(count: MemberCount | None) -> Record | None:
    if count is None:
        return None
    return {
        "count": count.count,
        "qualifier": count.qualifier,
        "counted": count.counted,
        "date": count.date,
        "source": count.source,
        "note": count.note,
    }


def region_record(region: Region) -> Record:
    nuts = region.nuts
    return {
        "id": region.id,
        "name": region.name,
        "country": region.country,
        "nuts": nuts.code if nuts else None,
        "nuts_version": nuts.version if nuts else None,
        "nuts_level": nuts.level if nuts else None,
        "nuts_label": nuts.label if nuts else None,
        "names": list(region.names),
        "note": region.note,
    }


MEMBERSHIP_FIELDS = ("role", "since", "since_approx", "until", "status", "as_of", "source", "since_source", "note")


def _membership_fields(membership: Membership | None) -> Record:
    """The membership's own fields; all null when there is none (a region reached only via organisations)."""
    if membership is None:
        return dict.fromkeys(MEMBERSHIP_FIELDS) | {"since_approx": False}
    return {field: getattr(membership, field) for field in MEMBERSHIP_FIELDS}


def member_record(atlas: Atlas, membership: Membership) -> Record:
    if membership.region is not None:
        region = atlas.regions[membership.region]
        record: Record = {"id": region.id, "name": region.name, "type": "region", "region": region.id}
    else:
        organisation: Organisation = atlas.organisations[membership.organisation or ""]
        region = atlas.regions[organisation.region]
        record = {"id": organisation.id, "name": organisation.name, "type": "organisation", "region": region.id}
    record["country"] = region.country
    record["nuts"] = region.nuts.code if region.nuts else None
    record.update(_membership_fields(membership))
    record["represents_region"] = membership.represents_region
    return record


def _status_counts(network: Network) -> Record:
    counts = {"current": 0, "historical": 0, "unknown": 0}
    for member in network.members:
        counts[member.status] += 1
    return counts


def network_summary(network: Network) -> Record:
    declared = network.declared_count
    return {
        "id": network.id,
        "name": network.name,
        "acronym": network.acronym,
        "kind": network.kind,
        "focus": network.focus,
        "founded": network.founded.date if network.founded else None,
        "themes": list(network.themes),
        "member_count": len(network.members),
        "members_by_status": _status_counts(network),
        "declared_member_count": declared.count if declared else None,
        "declared": count_record(declared),
    }


def list_networks(atlas: Atlas) -> list[Record]:
    return [network_summary(network) for network in atlas.dataset.networks]


def _sourced(value: Any) -> Record | None:
    if value is None:
        return None
    return value.model_dump()  # type: ignore[no-any-return]


def network_profile(atlas: Atlas, query: str) -> Record:
    network = atlas.lookup.network(query)
    record = network_summary(network)
    record.update(
        {
            "full_name": network.full_name,
            "aliases": list(network.aliases),
            "description": network.description.text if network.description else None,
            "description_source": network.description.source if network.description else None,
            "founded_detail": _sourced(network.founded),
            "legal_form": _sourced(network.legal_form),
            "funding": _sourced(network.funding),
            "secretariat": _sourced(network.secretariat),
            "website": network.website.url if network.website else None,
            "website_source": network.website.source if network.website else None,
            "lists": [item.model_dump() for item in network.lists],
            "member_counts": [count_record(count) for count in network.member_counts],
            "facts": [fact.model_dump() for fact in network.facts],
            "members": [member_record(atlas, membership) for membership in network.members],
        }
    )
    record["sources"] = [_source_record(atlas, source_id) for source_id in _sources_cited(network)]
    return record


def _sources_cited(network: Network) -> list[str]:
    cited: list[str] = []
    candidates: list[str | None] = [
        getattr(network, field).source if getattr(network, field) is not None else None
        for field in ("description", "founded", "legal_form", "funding", "secretariat", "website")
    ]
    candidates += [item.source for item in network.lists]
    candidates += [count.source for count in network.member_counts]
    candidates += [fact.source for fact in network.facts]
    for member in network.members:
        candidates += [member.source, member.since_source]
    for source_id in candidates:
        if source_id is not None and source_id not in cited:
            cited.append(source_id)
    return cited


def _source_record(atlas: Atlas, source_id: str) -> Record:
    source = atlas.sources[source_id]
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "date": source.date,
    }


def region_profile(atlas: Atlas, query: str) -> Record:
    """The region and its networks: its own memberships, and those of its organisations, marked."""
    region = atlas.lookup.region(query)
    networks: list[Record] = []
    for network in atlas.dataset.networks:
        own = next((m for m in network.members if m.region == region.id), None)
        through = [
            m
            for m in network.members
            if m.organisation is not None and atlas.organisations[m.organisation].region == region.id
        ]
        if own is None and not through:
            continue
        entry: Record = {"id": network.id, "name": network.name, "through": "region" if own else "organisation"}
        entry.update(_membership_fields(own))
        entry["organisations"] = [
            {"id": m.organisation, "name": atlas.organisations[m.organisation or ""].name}
            | _membership_fields(m)
            | {"represents_region": m.represents_region}
            for m in through
        ]
        networks.append(entry)
    organisations = [
        {"id": organisation.id, "name": organisation.name, "kind": organisation.kind}
        for organisation in atlas.dataset.organisations
        if organisation.region == region.id
    ]
    cited: list[str] = []
    for entry in networks:
        for source_id in [entry["source"], entry["since_source"]] + [
            s for org in entry["organisations"] for s in (org["source"], org["since_source"])
        ]:
            if source_id is not None and source_id not in cited:
                cited.append(source_id)
    return {
        "region": region_record(region),
        "networks": networks,
        "organisations": organisations,
        "dataset_network_count": len(atlas.dataset.networks),
        "sources": [_source_record(atlas, source_id) for source_id in cited],
    }
