"""Finding partners: who shares networks with a region, side-by-side comparisons, search, the matrix.

Like `queries`, every function returns the JSON contract as plain data. A region takes part in a
network itself, or through an organisation that the data marks as representing it
(`represents_region`); any other organisation of the region is shown as such, never as the region.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

from networks_cli.answers.lookup import find_id
from networks_cli.answers.queries import nuts_code, region_key, region_record, resolve_region, theme_id, with_themes
from networks_cli.dataset.countries import country_code
from networks_cli.dataset.names import Record, fold, strip_generic
from networks_cli.dataset.store import Store
from networks_cli.errors import UsageError

if TYPE_CHECKING:
    from networks_cli.contract import (
        CompareRegion,
        Comparison,
        Matrix,
        MatrixRow,
        MembershipRow,
        OwnNetwork,
        Partner,
        PartnersAnswer,
        RegionBrief,
        RegionRow,
        ScopeRecord,
        SearchHit,
        ThemeRow,
    )


@dataclass(frozen=True)
class Scope:
    """Filters shared by the discovery commands; empty means everything."""

    networks: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    current_only: bool = False


def resolve_scope(
    store: Store, networks: Iterable[str], countries: Iterable[str], themes: Iterable[str], current_only: bool = False
) -> Scope:
    """Turn what the user typed (names, codes, spellings) into ids; unknown values are errors."""
    return Scope(
        networks=tuple(find_id(store, "network", network) for network in networks),
        countries=tuple(country_code(country) for country in countries),
        themes=tuple(theme_id(store, theme) for theme in themes),
        current_only=current_only,
    )


def _ids(scope: Scope, network_ids: Iterable[str]) -> list[str] | None:
    """The network ids to read memberships of: None (all, no filter to apply) when nothing narrows them."""
    return list(network_ids) if scope.networks or scope.themes else None


def _networks_in_scope(store: Store, scope: Scope) -> list[Record]:
    networks = store.networks()
    if scope.networks:
        networks = [network for network in networks if network["id"] in scope.networks]
    return with_themes(networks, scope.themes)


def _counts_for_region(cell: Record, current_only: bool) -> bool:
    if cell["through"] == "organisation only":
        return False
    return not current_only or cell["status"] == "current"


_RANK = {"region": 0, "organisation": 1, "organisation only": 2}


def presence(
    store: Store, network_ids: Iterable[str] | None, region_ids: Iterable[str] | None = None
) -> dict[str, dict[str, Record]]:
    """region id → network id → how the region takes part: `role`, `status`, `through` (`region`,
    `organisation` standing for it, or `organisation only`) and `organisation` (its name).

    Where a region takes part in several ways, the strongest counts. Read from the store's columns,
    so that a whole 100,000-membership dataset is summed without decoding one record.
    """
    rows = store.participations(network_ids, region_ids)
    names = {o["id"]: o["name"] for o in store.organisations({row[2] for row in rows if row[2]})}
    table: dict[str, dict[str, Record]] = {}
    for network_id, region_id, organisation, represents, role, status in rows:
        through = "region" if organisation is None else ("organisation" if represents else "organisation only")
        cell = {"role": role, "status": status, "through": through, "organisation": names.get(organisation or "")}
        cells = table.setdefault(region_id, {})
        if network_id not in cells or _RANK[through] < _RANK[cells[network_id]["through"]]:
            cells[network_id] = cell
    return table


def _brief(region: Record) -> RegionBrief:
    return {
        "id": region["id"],
        "name": region["name"],
        "country": region["country"],
        "nuts": nuts_code(region),
    }


def _name_order(region: Record) -> tuple[str, str]:
    return (fold(region["name"]), str(region["id"]))


# ---------------------------------------------------------------- partners


def partners(store: Store, query: str, scope: Scope, limit: int | None = None) -> PartnersAnswer:
    """The regions that share networks with this one, most shared networks first, then by name."""
    region = resolve_region(store, query)
    networks = _networks_in_scope(store, scope)
    order = {network["id"]: i for i, network in enumerate(networks)}
    names = {network["id"]: network["name"] for network in networks}
    mine = presence(store, _ids(scope, order), [region["id"]] if region["id"] else [])
    own = {
        network_id: cell
        for network_id, cell in mine.get(region["id"] or "", {}).items()
        if network_id in order and _counts_for_region(cell, scope.current_only)
    }
    table = presence(store, own)  # only the networks it is in: their other members are the candidates
    partner_ids = [region_id for region_id in table if region_id != region["id"]]
    regions = {r["id"]: r for r in store.regions(partner_ids)}
    found: list[Record] = []
    for region_id, cells in table.items():
        if region_id == region["id"]:
            continue
        other = regions[region_id]
        if scope.countries and other["country"] not in scope.countries:
            continue
        shared = sorted(
            (n for n, cell in cells.items() if n in own and _counts_for_region(cell, scope.current_only)),
            key=order.__getitem__,
        )
        if not shared:
            continue
        found.append(
            {
                "region": _brief(other),
                "shared": shared,
                "count": len(shared),
                "memberships": [
                    {"network": n, "network_name": names[n], "role": cells[n]["role"], "status": cells[n]["status"]}
                    | {"through": cells[n]["through"], "organisation": cells[n]["organisation"]}
                    | {"own_role": own[n]["role"], "own_status": own[n]["status"]}
                    for n in shared
                ],
            }
        )
    found.sort(key=lambda partner: (-partner["count"], *_name_order(partner["region"])))
    if limit is not None:
        found = found[:limit]
    return partners_answer(store, region, own, names, found, scope)


def partners_answer(
    store: Store,
    region: Record,
    own: dict[str, Record],
    names: dict[str, str],
    found: list[Record],
    scope: Scope,
    notes: Sequence[str] = (),
    order: str = "shared",
) -> PartnersAnswer:
    """The `partners` answer around its partners (already chosen and ordered), with their evidence:
    the region, its own networks in scope, and the scope. Both orders (`ranking`, and the count rule
    here) answer through it."""
    _add_evidence(store, found, list(own))
    return {
        "region": region_record(region),
        "networks": cast(
            "list[OwnNetwork]",
            [{"id": n, "name": names[n]} | {k: own[n][k] for k in ("role", "status", "through")} for n in own],
        ),
        "partners": cast("list[Partner]", found),
        "scope": _scope_record(scope),
        "notes": list(notes),
        "order": order,
    }


def _add_evidence(store: Store, found: list[Record], network_ids: list[str]) -> None:
    """Each partner membership's source, quote and last confirmation: why the tool says it is a member."""
    evidence = store.evidence(network_ids, [partner["region"]["id"] for partner in found])
    by_pair: dict[tuple[str, str], list[tuple[str | None, tuple[str | None, str | None, Record | None]]]] = {}
    for (network, region, organisation), values in evidence.items():
        by_pair.setdefault((network, region), []).append((organisation, values))
    for partner in found:
        for membership in partner["memberships"]:
            rows = by_pair.get((membership["network"], partner["region"]["id"]), [])
            # The region's own membership when it has one, else the organisation's that was counted.
            kind = [
                values for organisation, values in rows if (organisation is None) == (membership["through"] == "region")
            ]
            chosen = kind[0] if kind else None
            source, quote, confirmed = chosen or (None, None, None)
            membership.update({"source": source, "quote": quote, "last_confirmed": confirmed})


def _scope_record(scope: Scope) -> ScopeRecord:
    return {
        "networks": list(scope.networks),
        "countries": list(scope.countries),
        "themes": list(scope.themes),
        "current_only": scope.current_only,
    }


# ---------------------------------------------------------------- compare


def compare(store: Store, queries: list[str], scope: Scope) -> Comparison:
    """The networks of several regions side by side: those all share, those only one has."""
    regions = [resolve_region(store, query) for query in queries]
    keys = [region_key(region) for region in regions]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    if duplicates:
        raise UsageError(f"a region is named twice: {', '.join(duplicates)}")
    networks = _networks_in_scope(store, scope)
    ids = [network["id"] for network in networks]
    table = presence(store, _ids(scope, ids), [region["id"] for region in regions if region["id"]])
    entries: list[Record] = []
    present: dict[str, list[str]] = {}
    for region, key in zip(regions, keys, strict=True):
        cells = {
            n: cell
            for n, cell in table.get(region["id"] or "", {}).items()
            if _counts_for_region(cell, scope.current_only)
        }
        present[key] = [n for n in ids if n in cells]
        entries.append(
            region_record(region)
            | {"key": key, "networks": [{"id": n} | {k: cells[n][k] for k in _CELL} for n in present[key]]}
        )
    shared = [n for n in ids if all(n in present[key] for key in keys)]
    only = {
        key: [n for n in present[key] if all(n not in present[other] for other in keys if other != key)] for key in keys
    }
    some = [n for n in ids if n not in shared and sum(n in present[key] for key in keys) > 1]
    return {
        "regions": cast("list[CompareRegion]", entries),
        "networks": [{"id": network["id"], "name": network["name"]} for network in networks],
        "shared": shared,
        "some": some,
        "only": only,
        "scope": _scope_record(scope),
    }


_CELL = ("role", "status", "through", "organisation")


# ---------------------------------------------------------------- regions and the matrix


def regions_list(store: Store, scope: Scope) -> list[RegionRow]:
    """Every region of the dataset with its networks (its own or through an organisation for it)."""
    order = {network["id"]: i for i, network in enumerate(_networks_in_scope(store, Scope(themes=scope.themes)))}
    table = presence(store, _ids(Scope(themes=scope.themes), order))
    out: list[Record] = []
    for region in store.regions():
        if scope.countries and region["country"] not in scope.countries:
            continue
        cells = table.get(region["id"], {})
        ids = sorted((n for n in cells if n in order), key=order.__getitem__)
        counted = [n for n in ids if _counts_for_region(cells[n], scope.current_only)]
        if scope.networks and not set(scope.networks) & set(counted):
            continue
        if scope.themes and not counted:  # as in `partners`: only regions in a network of the themes
            continue
        via_organisations_only = [n for n in ids if cells[n]["through"] == "organisation only"]
        out.append(
            _brief(region)
            | {"networks": len(counted), "network_ids": counted, "organisation_networks": via_organisations_only}
        )
    out.sort(key=lambda record: (record["country"] or "~", *_name_order(record)))  # unknown country last
    return cast("list[RegionRow]", out)


def membership_rows(store: Store, scope: Scope) -> list[MembershipRow]:
    """Every membership in the scope as one flat row with the network's, the member's and its region's
    names, country and NUTS code, in the dataset's order (network by network, members as listed)."""
    wanted = {
        network["id"] for network in _networks_in_scope(store, Scope(networks=scope.networks, themes=scope.themes))
    }
    names = dict(store.network_headings())
    regions = {region["id"]: region for region in store.regions()}
    organisations = {organisation["id"]: organisation for organisation in store.organisations()}
    rows: list[Record] = []
    for network_id, region_id, quote, membership in store.all_memberships():
        region = regions[region_id]
        if network_id not in wanted or (scope.countries and region["country"] not in scope.countries):
            continue
        if scope.current_only and membership["status"] != "current":
            continue
        organisation = organisations.get(membership.get("organisation") or "")
        member = organisation or region
        rows.append(
            {
                "network": network_id,
                "network_name": names[network_id],
                "member": member["id"],
                "member_name": member["name"],
                "member_type": "organisation" if organisation is not None else "region",
                "region": region_id,
                "region_name": region["name"],
                "country": region["country"],
                "nuts": nuts_code(region),
                "role": membership["role"],
                "represents_region": membership.get("represents_region", False),
                "status": membership["status"],
                "since": membership.get("since"),
                "until": membership.get("until"),
                "last_confirmed": membership.get("last_confirmed"),
                "source": membership.get("source"),
                "quote": quote,
                "origin": membership.get("origin"),
            }
        )
    return cast("list[MembershipRow]", rows)


def matrix(store: Store, scope: Scope) -> Matrix:
    """Regions down, networks across: how each region takes part in each network."""
    networks = _networks_in_scope(store, scope)
    table = presence(store, _ids(scope, [network["id"] for network in networks]))
    regions = store.regions(table)
    rows: list[Record] = []
    for region in regions:
        if scope.countries and region["country"] not in scope.countries:
            continue
        cells = {
            n: {k: cell[k] for k in _CELL}
            for n, cell in table[region["id"]].items()
            if not scope.current_only or cell["status"] == "current"
        }
        if cells:
            rows.append(_brief(region) | {"cells": cells})
    rows.sort(key=lambda row: (row["country"] or "~", *_name_order(row)))
    return {
        "networks": [{"id": network["id"], "name": network["name"]} for network in networks],
        "regions": cast("list[MatrixRow]", rows),
        "scope": _scope_record(scope),
    }


# ---------------------------------------------------------------- themes


def themes_list(store: Store) -> list[ThemeRow]:
    networks = store.networks()
    out: list[ThemeRow] = []
    for theme in store.themes():
        ids = [network["id"] for network in networks if theme["id"] in network.get("themes", [])]
        out.append(
            {
                "id": theme["id"],
                "name": theme["name"],
                "description": theme.get("description"),
                "networks": len(ids),
                "network_ids": ids,
            }
        )
    return out


# ---------------------------------------------------------------- search

# Where a hit counts most: a name beats a description, which beats a long list item.
_FIELD_WEIGHT = {
    "id": 10,
    "name": 10,
    "acronym": 9,
    "full name": 9,
    "alias": 8,
    "other name": 8,
    "NUTS label": 8,
    "NUTS code": 8,
    "theme": 6,
    "focus": 5,
    "kind": 4,
    "description": 3,
    "list": 3,
    "fact": 2,
    "note": 1,
}
SNIPPET = 80


def _network_fields(network: Record, theme_names: dict[str, str]) -> list[tuple[str, str]]:
    fields = [("id", network["id"]), ("name", network["name"])]
    fields += [
        (label, network[key]) for label, key in (("acronym", "acronym"), ("full name", "full_name")) if network.get(key)
    ]
    fields += [("alias", alias) for alias in network.get("aliases", [])]
    fields += [("focus", network["focus"])] if network.get("focus") else []
    fields += [("kind", network["kind"])] if network.get("kind") else []
    fields += [("theme", theme_names.get(theme, theme)) for theme in network.get("themes", [])]
    if network.get("description"):
        fields.append(("description", network["description"]["text"]))
    for item in network.get("lists", []):
        fields += [(f"list: {item['title']}", entry) for entry in item["items"]]
    fields += [("fact", fact["text"]) for fact in network.get("facts", [])]
    return fields


def _region_fields(region: Record) -> list[tuple[str, str]]:
    fields = [("id", region["id"]), ("name", region["name"])]
    fields += [("other name", name) for name in region.get("names", [])]
    if region.get("nuts"):
        fields += [("NUTS code", region["nuts"]["code"]), ("NUTS label", region["nuts"]["label"])]
    fields += [("note", region["note"])] if region.get("note") else []
    return fields


def _organisation_fields(organisation: Record) -> list[tuple[str, str]]:
    fields = [("id", organisation["id"]), ("name", organisation["name"])]
    fields += [("other name", name) for name in organisation.get("names", [])]
    fields += [("kind", organisation["kind"])] if organisation.get("kind") else []
    fields += [("note", organisation["note"])] if organisation.get("note") else []
    return fields


def _weight(field: str) -> int:
    return _FIELD_WEIGHT.get(field.split(":")[0], 1)


def _score(words: list[str], text: str) -> tuple[int, float]:
    """How well a text matches: (kind, score). The kind is 2 when every word is a whole word of the
    text ("word"), 1 when every word at least starts one ("prefix"), 0 when some word is only part of
    one ("part"); -1 and 0.0 unless every word occurs. The score is more when words start words, and
    most for the whole text."""
    key = fold(text)
    if not key or not all(word in key for word in words):
        return -1, 0.0
    padded = f" {key} "
    starts = sum(f" {word}" in padded for word in words)
    whole = sum(f" {word} " in padded for word in words)
    kind = 2 if whole == len(words) else 1 if starts == len(words) else 0
    if key == " ".join(words) or strip_generic(key) == " ".join(words):
        return 2, 3.0
    return kind, 1.0 + (starts + whole) / (2 * len(words))


MATCH_KINDS = ("part", "prefix", "word")
# The command that shows each kind of hit.
SHOWN_BY = {"network": "networks show", "region": "networks region", "organisation": "networks org"}


def _snippet(text: str, words: list[str]) -> str:
    """The text around the first matched word, cut at word boundaries, with ellipses where cut."""
    if len(text) <= SNIPPET:
        return text
    folded = fold(text)
    position = min((folded.find(word) for word in words if word in folded), default=0)
    # Folding can change lengths (ß → ss); the position is only a guide to where to look.
    ratio = len(text) / max(len(folded), 1)
    start = max(0, int(position * ratio) - SNIPPET // 3)
    end = min(len(text), start + SNIPPET)
    if start > 0:
        start = text.rfind(" ", 0, start) + 1
    if end < len(text):
        space = text.find(" ", end)
        end = len(text) if space == -1 else space
    return ("…" if start > 0 else "") + text[start:end].strip() + ("…" if end < len(text) else "")


def search(store: Store, text: str, limit: int | None = None) -> list[SearchHit]:
    """Ranked hits over networks, regions and organisations; words in any order, accents ignored."""
    words = fold(text).split()
    if not words:
        raise UsageError("give some words to search for")
    theme_names = {theme["id"]: theme["name"] for theme in store.themes()}
    candidates: list[tuple[str, Record, list[tuple[str, str]]]] = []
    candidates += [("network", n, _network_fields(n, theme_names)) for n in store.networks()]
    candidates += [("region", r, _region_fields(r)) for r in store.regions()]
    candidates += [("organisation", o, _organisation_fields(o)) for o in store.organisations()]
    hits: list[tuple[int, float, int, Record]] = []
    for position, (kind, record, fields) in enumerate(candidates):
        best: tuple[int, float, str, str] | None = None
        for field, value in fields:
            match, score = _score(words, value)
            score *= _weight(field)
            if score and (best is None or (match, score) > best[:2]):
                best = (match, score, field, value)
        if best is None:
            continue
        match, score, field, value = best
        hit = {
            "type": kind,
            "id": record["id"],
            "name": record["name"],
            "matched": field,
            "match": MATCH_KINDS[match],
            "snippet": _snippet(value, words),
            "score": round(score, 2),
            "command": f"{SHOWN_BY[kind]} {record['id']}",
        }
        hits.append((match, score, position, hit))
    # Whole words first, then words that start words, then parts of words; by score within each.
    hits.sort(key=lambda item: (-item[0], -item[1], item[2]))
    ranked = [hit for _, _, _, hit in hits]
    return cast("list[SearchHit]", ranked[:limit] if limit else ranked)
