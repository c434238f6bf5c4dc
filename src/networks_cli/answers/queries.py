"""The questions the tool answers, as pure functions over a loaded dataset.

Each returns plain JSON-ready data: these shapes are the public JSON contract documented in the
docs/json.md, and the table renderers read the very same records, so the two can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from networks_cli.answers.lookup import find_id
from networks_cli.dataset.names import Record, closest, fold, nuts_columns
from networks_cli.dataset.store import Store
from networks_cli.dataset.timeline import chronological, cited_sources, latest_counts, precision
from networks_cli.errors import AmbiguousError, NotFoundError

if TYPE_CHECKING:
    from networks_cli.contract import (
        Citations,
        Count,
        FoundAs,
        History,
        HistoryCount,
        HistoryEvent,
        ListCoverage,
        Member,
        MembershipFields,
        NetworkProfile,
        NetworkSummary,
        OrganisationProfile,
        RegionNetwork,
        RegionProfile,
        RegionProjects,
        RegionRecord,
        Related,
        SourceRecord,
    )
    from networks_cli.dataset.places import Place

COUNT_FIELDS = (
    "count",
    "qualifier",
    "counted",
    "series",
    "date",
    "date_precision",
    "not_before",
    "not_before_source",
    "source",
    "quote",
    "note",
)


def count_record(count: Record | None) -> Count | None:
    return None if count is None else _count_fields(count)


def _count_fields(count: Record) -> Count:
    fields = {field: count.get(field) for field in COUNT_FIELDS} | {
        "date_precision": precision(count["date"] or count.get("not_before"))
    }
    return cast("Count", fields)


def first_count(counts: list[Record]) -> Record | None:
    series = chronological(count for count in counts if count["series"] == "members")
    return series[0] if series else None


def _undated(counts: list[Record]) -> list[Record]:
    return [count for count in counts if not count["date"] and not count.get("not_before")]


def resolve_region(store: Store, query: str) -> Record:
    """The region a query names: from the dataset, else from the index of every European region.

    A region outside the dataset comes back with `id` None, so that it can still be answered for
    honestly ("takes part in none of the networks"). The NUTS index is read only on this path.
    """
    try:
        return _region(store, find_id(store, "region", query))
    except NotFoundError as missing:
        from networks_cli.dataset.nuts import find_units, suggest_units, transliterated_key

        transliterated = transliterated_key(query)
        if transliterated and transliterated != fold(query):
            try:
                return _region(store, find_id(store, "region", transliterated))
            except NotFoundError:
                pass
        units = find_units(query)
        if len(units) > 1:
            raise AmbiguousError("region", query, [f"{unit.label} ({unit.code})" for unit in units]) from None
        if not units:
            from networks_cli.dataset.places import find_places

            places = find_places(query)
            if len(places) > 1:
                listed = [f"{place.name} ({place.country}, {place.nuts3})" for place in places]
                raise AmbiguousError("place", query, listed) from None
            if places:
                return _region_of_place(store, query, places[0])
            in_dataset = store.nuts_codes()
            candidates = [(fold(name), name) for name in missing.suggestions]
            candidates += [
                (key, f"{unit.label} ({unit.code})")
                for key, unit in suggest_units(query)
                if unit.code not in in_dataset
            ]
            # Both lists, ranked together by the one ranker (every candidate already passed its cutoff).
            raise NotFoundError(
                "region", query, closest(fold(query), candidates, cutoff=0.0, containing=False), missing.hint
            ) from None
        unit = units[0]
        nuts = {"code": unit.code, "version": unit.version, "level": unit.level, "label": unit.label, "source": None}
        return {"id": None, "name": unit.label, "country": unit.country, "nuts": nuts, "names": [], "note": None}


def _region_of_place(store: Store, query: str, place: Place) -> Record:
    """The region a town or city lies in: the dataset's most specific region containing its NUTS 3
    unit, else that unit's NUTS 2 region from the index; with `found_as` saying how it was found."""
    from networks_cli.dataset.nuts import find_units

    containing = [
        region for region in store.regions_nested_with(place.nuts3) if place.nuts3.startswith(region["nuts"]["code"])
    ]
    containing.sort(key=lambda region: -len(region["nuts"]["code"]))
    nuts2 = next(iter(find_units(place.nuts3[:4])), None)
    phrase = f"{place.name} is in " + (f"{nuts2.label} ({nuts2.code})" if nuts2 else place.nuts3)
    coarser = [region["name"] for region in containing if len(region["nuts"]["code"]) < 4]
    if coarser:
        phrase += ", part of " + ", ".join(coarser)
    found_as = {"query": query, "place": place.name, "country": place.country, "nuts3": place.nuts3, "phrase": phrase}
    if containing:
        return {**containing[0], "found_as": found_as}
    if nuts2 is None:
        raise NotFoundError("region", query, [], phrase)
    nuts = {"code": nuts2.code, "version": nuts2.version, "level": nuts2.level, "label": nuts2.label, "source": None}
    region: Record = {
        "id": None,
        "name": nuts2.label,
        "country": nuts2.country,
        "nuts": nuts,
        "names": [],
        "note": None,
    }
    return {**region, "found_as": found_as}


def _region(store: Store, region_id: str) -> Record:
    region = store.region(region_id)
    assert region is not None  # find_id only returns ids the store holds
    return region


def _network(store: Store, query: str) -> Record:
    network = store.network(find_id(store, "network", query))
    assert network is not None  # find_id only returns ids the store holds
    return network


def nuts_code(region: Record) -> str | None:
    """A region's NUTS code, or None for a grouping with no NUTS unit."""
    code: str | None = nuts_columns(region)["nuts"]
    return code


def region_key(region: Record) -> str:
    """What names a region in a result: its dataset id, or its NUTS code when it is outside the dataset."""
    return str(region["id"] or region["nuts"]["code"])


def region_record(region: Record) -> RegionRecord:
    record = {
        "id": region["id"],
        "in_dataset": region["id"] is not None,
        "name": region["name"],
        "country": region["country"],
        **nuts_columns(region),
        "names": list(region.get("names", [])),
        "note": region.get("note"),
        "origin": region.get("origin"),
    }
    return cast("RegionRecord", record)


MEMBERSHIP_FIELDS = (
    "role",
    "since",
    "since_approx",
    "until",
    "awarded",
    "status",
    "last_confirmed",
    "as_of",
    "source",
    "quote",
    "since_source",
    "confirmations",
    "events",
    "note",
    "origin",
)


def membership_fields(membership: Record | None) -> MembershipFields:
    """The membership's own fields; all null when there is none (a region reached only via organisations)."""
    if membership is None:
        return cast(
            "MembershipFields",
            dict.fromkeys(MEMBERSHIP_FIELDS) | {"since_approx": False, "confirmations": [], "events": []},
        )
    fields = {field: membership.get(field) for field in MEMBERSHIP_FIELDS}
    fields |= {"confirmations": fields["confirmations"] or [], "events": fields["events"] or []}
    return cast("MembershipFields", fields)


def member_record(membership: Record, region: Record, organisation: Record | None) -> Member:
    member = organisation if organisation is not None else region
    record: Record = {
        "id": member["id"],
        "name": member["name"],
        "type": "organisation" if organisation is not None else "region",
        "region": region["id"],
        "country": region["country"],
        "nuts": nuts_code(region),
    }
    record.update(membership_fields(membership))
    record["represents_region"] = membership.get("represents_region", False)
    return cast("Member", record)


# How a declared count's qualifier reads before the number ("15 of about 270 members listed").
QUALIFIER_WORDS = {"about": "about ", "more than": "more than ", "over": "over ", "at least": "at least "}


def list_coverage(network: Record, latest: list[Record] | None = None) -> ListCoverage:
    """How much of a network's membership the atlas lists, against the latest count it declares.

    `partial` is true when fewer members are listed than the latest count says (than each of them,
    when two cannot be ordered), false when at least as many are, and null when the atlas cannot tell:
    no dated count, or undecided counts on either side of the number listed. `share` needs one latest count.
    """
    listed = network["member_count"]
    latest = latest_counts(network.get("member_counts", [])) if latest is None else latest
    if not latest:
        return {
            "listed": listed,
            "declared": None,
            "declared_counts": [],
            "share": None,
            "partial": None,
            "phrase": f"{listed} listed; no count declared",
        }
    below = [_short_of(listed, count) for count in latest]
    partial = True if all(below) else False if not any(below) else None
    words = list(dict.fromkeys(QUALIFIER_WORDS.get(c.get("qualifier") or "", "") + str(c["count"]) for c in latest))
    declared = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
    # Counts that cannot be ordered but say the same ("about 100" twice) are one count for the share.
    same = len({(count["count"], count.get("qualifier")) for count in latest}) == 1
    single = latest[0]["count"] if same else None
    shown = (
        f"{listed} of {declared} members listed" if partial is not False else f"{listed} listed ({declared} declared)"
    )
    return {
        "listed": listed,
        "declared": single,
        "declared_counts": sorted({count["count"] for count in latest}),
        "share": round(listed / single, 2) if single else None,
        "partial": partial,
        "phrase": shown,
    }


def _short_of(listed: int, count: Record) -> bool:
    """Fewer listed than the count says: "more than 50" is short with 50 listed, "about 30" is not with 30."""
    return listed < count["count"] or (count.get("qualifier") in ("more than", "over") and listed <= count["count"])


def network_summary(network: Record) -> NetworkSummary:
    counts = network.get("member_counts", [])
    latest = latest_counts(counts)
    declared = latest[0] if len(latest) == 1 else None
    current = network["members_by_status"]["current"]
    below = [count for count in latest if count["count"] < current and count["qualifier"] not in ("more than",)]
    return {
        "id": network["id"],
        "name": network["name"],
        "acronym": network.get("acronym"),
        "kind": network.get("kind"),
        "category": network.get("category", "network"),
        "part_of": network.get("part_of"),
        "platform": network.get("platform"),
        "family": network.get("family"),
        "focus": network.get("focus"),
        "founded": (network.get("founded") or {}).get("date"),
        "themes": list(network.get("themes", [])),
        "member_count": network["member_count"],
        "members_by_status": network["members_by_status"],
        "declared_member_count": declared["count"] if declared else None,
        "declared": count_record(declared),
        "latest_counts": [_count_fields(count) for count in latest],
        "latest_decided": len(latest) <= 1,
        "count_warning": (
            f"{current} members are listed as current, more than the latest count" + ("s" if len(below) > 1 else "")
            if below
            else None
        ),
        "first_count": count_record(first_count(counts)),
        "undated_counts": [_count_fields(count) for count in _undated(counts)],
        "count_series": [
            count["count"] for count in chronological(count for count in counts if count["series"] == "members")
        ],
        "coverage": list_coverage(network, latest),
        "origin": network.get("origin"),
    }


def with_themes(networks: list[Record], themes: Sequence[str]) -> list[Record]:
    """The networks carrying any of the theme ids (all of them when no theme is given): the one theme
    filter, for `list --theme` and the discovery commands' scope alike."""
    if not themes:
        return networks
    wanted = set(themes)
    return [network for network in networks if wanted & set(network.get("themes", []))]


def theme_id(store: Store, query: str) -> str:
    """A theme by id or name, found like networks and regions are."""
    return find_id(store, "theme", query)


CATEGORIES = ("association", "network", "commission", "partnership", "initiative", "label", "programme")


def category(query: str) -> str:
    """A network category (`networks list --kind`) by its name, its plural or a prefix of it."""
    key = fold(query)
    found = [name for name in CATEGORIES if key in (name, name + "s") or (len(key) >= 3 and name.startswith(key))]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        raise AmbiguousError("kind", query, found)
    raise NotFoundError("kind", query, list(CATEGORIES))


def list_networks(
    store: Store,
    themes: list[str] | None = None,
    kinds: list[str] | None = None,
    platforms: list[str] | None = None,
) -> list[NetworkSummary]:
    """Every network, or those carrying any of the given theme ids, of any of the given categories, and of
    any of the given platforms (a partnership's platform or family, matched by folded name)."""
    networks = with_themes(store.networks(), themes or ())
    if kinds:
        networks = [network for network in networks if network.get("category", "network") in kinds]
    if platforms:
        wanted = {fold(platform) for platform in platforms}
        networks = [
            network
            for network in networks
            if wanted & {fold(network.get("platform") or ""), fold(network.get("family") or "")}
        ]
    return [network_summary(network) for network in networks]


# How `show` orders a network's members: by role (those who lead first), then status, then name.
ROLE_ORDER = (
    "lead partner",
    "lead region",
    "co-lead region",
    "founding member",
    "full member",
    "member",
    "partner",
    "associate member",
    "associated region",
    "supporting member",
    "participant",
    "observer",
    "label winner",
    "special mention",
)
STATUS_ORDER = ("current", "unconfirmed", "former")


def member_order(member: Member) -> tuple[int, int, str, str]:
    """The key `show` sorts members by: role rank (lead first), status (current first), name, id."""
    role = member["role"] or ""
    status = member["status"] or ""
    return (
        ROLE_ORDER.index(role) if role in ROLE_ORDER else len(ROLE_ORDER),
        STATUS_ORDER.index(status) if status in STATUS_ORDER else len(STATUS_ORDER),
        fold(member["name"]),
        member["id"],
    )


def network_profile(store: Store, query: str, current: bool = False) -> NetworkProfile:
    """A network's full profile; its members sorted by `member_order`, only current ones with `current`."""
    network = _network(store, query)
    members = store.members(network["id"])
    organisations = {o["id"]: o for o in store.organisations(m["organisation"] for m in members if m["organisation"])}
    region_ids = [m["region"] or organisations[m["organisation"]]["region"] for m in members]
    regions = {region["id"]: region for region in store.regions(region_ids)}
    record: Record = dict(network_summary(network))
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
            "members": sorted(
                (
                    member_record(m, regions[region_id], organisations.get(m["organisation"] or ""))
                    for m, region_id in zip(members, region_ids, strict=True)
                    if not current or m["status"] == "current"
                ),
                key=member_order,
            ),
        }
    )
    record["parts"] = [
        {"id": part_id, "name": name, "acronym": acronym}
        for part_id, name, acronym in store.network_parts(network["id"])
    ]
    parent = store.network(network["part_of"]) if network.get("part_of") else None
    record["part_of_name"] = parent["name"] if parent else None
    record["sources"] = source_records(store, _sources_cited(network, members))
    return cast("NetworkProfile", record)


def _sources_cited(network: Record, members: list[Record]) -> list[str]:
    candidates: list[str | None] = [
        (network.get(field) or {}).get("source")
        for field in ("description", "founded", "legal_form", "funding", "secretariat", "website")
    ]
    for key in ("lists", "member_counts", "facts"):
        candidates += [item["source"] for item in network.get(key, [])]
    for member in members:
        candidates += cited_sources(member)
    return _unique(candidates)


def _unique(values: list[str | None]) -> list[str]:
    return list(dict.fromkeys(value for value in values if value is not None))


SOURCE_FIELDS = ("id", "title", "publisher", "url", "date", "origin")


def source_records(store: Store, source_ids: list[str]) -> list[SourceRecord]:
    """The cited sources, in the order first cited."""
    found = store.sources(source_ids)
    return [
        cast("SourceRecord", {field: found[source_id].get(field) for field in SOURCE_FIELDS})
        for source_id in source_ids
    ]


def _network_kinds(store: Store, network_ids: Iterable[str]) -> dict[str, Record]:
    """Each network's category, and the network it is part of (a commission's parent), by id; read from
    the store's columns, so a region in a few networks of thousands decodes none of them."""
    return {
        network_id: {"category": category, "part_of": parent, "part_of_name": label}
        for network_id, category, parent, label in store.network_kinds(network_ids)
    }


def region_profile(store: Store, query: str, current: bool = False) -> RegionProfile:
    """The region and its networks: its own memberships, and those of its organisations, marked."""
    region = resolve_region(store, query)
    found_as = region.pop("found_as", None)  # a town or city typed for its region: say so
    by_network: dict[str, list[Record]] = {}
    for network_id, _, membership in store.memberships_in_regions([region["id"]] if region["id"] else []):
        by_network.setdefault(network_id, []).append(membership)
    organisations = {o["id"]: o for o in store.organisations_in_region(region["id"])} if region["id"] else {}
    networks: list[Record] = []
    kinds = _network_kinds(store, by_network)
    for network_id, network_name in store.network_headings(by_network):
        memberships = by_network[network_id]
        own = next((m for m in memberships if m["region"] == region["id"]), None)
        through = [m for m in memberships if m["organisation"] is not None]
        entry: Record = {"id": network_id, "name": network_name, "through": "region" if own else _via(through)}
        entry.update(kinds[network_id])
        entry.update(membership_fields(own))
        entry["organisations"] = [
            {"id": m["organisation"], "name": organisations[m["organisation"]]["name"]}
            | membership_fields(m)
            | {"represents_region": m["represents_region"]}
            for m in through
        ]
        networks.append(entry)
    if current:  # as `show --current`: the networks it is in by a current membership, its own or an organisation's
        networks = [
            entry
            for entry in networks
            if entry.get("status") == "current" or any(org.get("status") == "current" for org in entry["organisations"])
        ]
    cited = _unique(
        [source for entry in networks for item in [entry, *entry["organisations"]] for source in cited_sources(item)]
    )
    code = nuts_code(region) or ""
    related = [
        {
            "id": other["id"],
            "name": other["name"],
            "nuts": other["nuts"]["code"],
            # `contains` = that region's unit contains this one: this region lies within it.
            "relation": "contains" if code.startswith(other["nuts"]["code"]) else "within",
        }
        for other in (store.regions_nested_with(code) if code else [])
    ]
    # So that "Bavaria: 3 networks" is not read as "Bavaria is in 3 networks": how many of those lists are partial.
    completeness = {entry["id"]: list_coverage(cast("Record", store.network(entry["id"]))) for entry in networks}
    profile: RegionProfile = {
        "region": region_record(region),
        "networks": cast("list[RegionNetwork]", networks),
        "partial_lists": [key for key, known in completeness.items() if known["partial"] is True],
        "unknown_lists": [key for key, known in completeness.items() if known["partial"] is None],
        "organisations": [{"id": o["id"], "name": o["name"], "kind": o.get("kind")} for o in organisations.values()],
        "related": cast("list[Related]", related),
        "dataset_network_count": store.network_count(),
        "sources": source_records(store, cited),
        "projects": _region_projects(nuts_code(region)),
        "found_as": cast("FoundAs | None", found_as),
    }
    return profile


def organisation_profile(store: Store, query: str, current: bool = False) -> OrganisationProfile:
    """An organisation, its region (and that region's networks, briefly) and the networks it takes part in;
    with `current`, as `region --current`: only those by a current membership."""
    organisation = store.organisations([find_id(store, "organisation", query)])[0]
    region = _region(store, organisation["region"])
    rows = [
        (network_id, membership)
        for network_id, _, membership in store.memberships_in_regions([region["id"]])
        if membership["organisation"] == organisation["id"]
    ]
    names = dict(store.network_headings({network_id for network_id, _ in rows}))
    networks = [
        {"id": network_id, "name": names[network_id]}
        | membership_fields(membership)
        | {"represents_region": membership.get("represents_region", False)}
        for network_id, membership in rows
    ]
    if current:
        networks = [entry for entry in networks if entry.get("status") == "current"]
    region_networks = [
        {
            "id": entry["id"],
            "name": entry["name"],
            "role": entry["role"] or (entry["organisations"][0]["role"] if entry["organisations"] else None),
            "through": entry["through"],
        }
        for entry in region_profile(store, region["id"], current)["networks"]
    ]
    cited = _unique([organisation.get("source"), *(source for entry in networks for source in cited_sources(entry))])
    return cast(
        "OrganisationProfile",
        {
            "organisation": {key: organisation.get(key) for key in ("id", "name", "kind", "note", "source")}
            | {"names": list(organisation.get("names", []))},
            "region": region_record(region),
            "region_networks": region_networks,
            "networks": networks,
            "sources": source_records(store, cited),
        },
    )


def citations(store: Store, query: str | None = None) -> Citations:
    """The sources behind a network's profile or a region's (a network's name wins when a name is
    both), or, with no query, every source of the dataset."""
    import json

    from networks_cli.version import __version__

    info = json.loads(store.meta("dataset") or "{}")
    subject: Record | None = None
    if query is None:
        sources = sorted(store.sources(None).values(), key=lambda source: source["id"])
        records = [cast("SourceRecord", {field: source.get(field) for field in SOURCE_FIELDS}) for source in sources]
    else:
        try:
            network = network_profile(store, query)
            subject = {"type": "network", "id": network["id"], "name": network["name"]}
            records = network["sources"]
        except NotFoundError as not_network:
            try:
                region = region_profile(store, query)
            except NotFoundError as not_region:
                suggestions = list(dict.fromkeys([*not_network.suggestions, *not_region.suggestions]))[:5]
                hint = not_region.hint if not_region.hint and "organisation" in not_region.hint else None
                raise NotFoundError("network or region", query, suggestions, hint) from None
            subject = {"type": "region", "id": region["region"]["id"], "name": region["region"]["name"]}
            records = region["sources"]
    return cast(
        "Citations",
        {
            "subject": subject,
            "dataset": {"title": info.get("title", ""), "version": info.get("version"), "updated": info.get("updated")},
            "tool": f"networks {__version__}",
            "sources": records,
        },
    )


def _region_projects(code: str | None) -> RegionProjects | None:
    """The region's organisations' imported projects; None, at the cost of one stat, when none are imported."""
    from networks_cli.projects.home import projects_imported

    if not projects_imported():
        return None
    from networks_cli.projects.store import open_projects

    projects = open_projects()
    if projects is None:
        return None
    try:
        return cast("RegionProjects", projects.region_summary(code))
    finally:
        projects.close()


def _via(organisations: list[Record]) -> str:
    """How a region that is not a member itself takes part, in the words `presence` uses for every command:
    through an organisation standing for it, else only through organisations of it that do not."""
    return "organisation" if any(m["represents_region"] for m in organisations) else "organisation only"


def _event(
    date: str, approximate: bool, event: str, what: str, about: Record, source: str | None, step: Record | None
) -> Record:
    return {
        "date": date,
        "date_precision": precision(date),
        "approximate": approximate,
        "event": event,
        "what": what,
        **about,
        "source": source,
        "quote": step.get("quote") if step else None,
    }


def network_history(store: Store, query: str) -> History:
    """Every member count of a network with its date and source, and the dated joins and departures."""
    network = _network(store, query)
    counts = network.get("member_counts", [])
    latest = latest_counts(counts)
    records: list[Record] = [
        {**_count_fields(count), "network": network["id"], "latest": any(count is other for other in latest)}
        for count in [*chronological(counts), *_undated(counts)]
    ]
    members = store.members(network["id"])
    organisations = {o["id"]: o for o in store.organisations(m["organisation"] for m in members if m["organisation"])}
    regions = {r["id"]: r for r in store.regions(m["region"] for m in members if m["region"])}
    events: list[Record] = []
    for member in members:
        record = organisations[member["organisation"]] if member["organisation"] else regions[member["region"]]
        about = {
            "member": record["id"],
            "name": record["name"],
            "type": "organisation" if member["organisation"] else "region",
            "role": member["role"],
        }
        for event, date in (("joined", member["since"]), ("left", member["until"])):
            if date:
                approximate = bool(member["since_approx"]) if event == "joined" else False
                source = (member["since_source"] or member["source"]) if event == "joined" else member["source"]
                events.append(_event(date, approximate, event, event, about, source, None))
        for step in member.get("events", []):
            events.append(_event(step["date"], step["approximate"], "step", step["event"], about, step["source"], step))
    events.sort(key=lambda event: event["date"])  # stable: the same date keeps file order
    cited = _unique([record["source"] for record in records] + [event["source"] for event in events])
    return {
        "id": network["id"],
        "name": network["name"],
        "member_count": network["member_count"],
        "members_by_status": network["members_by_status"],
        "latest": count_record(latest[0] if len(latest) == 1 else None),
        "latest_counts": [_count_fields(count) for count in latest],
        "first": count_record(first_count(counts)),
        "counts": cast("list[HistoryCount]", records),
        "events": cast("list[HistoryEvent]", events),
        "sources": source_records(store, cited),
    }
