"""The query store: a validated dataset laid out in SQLite, so a query reads only the rows it needs.

The store is derived data. It is built from a dataset that the models have validated (`build_store`),
either in memory or in an on-disk cache file (see `cache`), and every query reads it the same way, so
an answer from the cache is the answer from the file. Records come out as the JSON-ready dicts that
`model_dump(mode="json")` made of them; nothing here imports Pydantic or the TOML parser, which is
what lets a query start fast.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from networks_cli.dataset.names import NAMES_OF, NETWORK_NAME_FIELDS, Record, fold, strip_generic
from networks_cli.dataset.timeline import count_time, last_confirmed, status

if TYPE_CHECKING:
    from networks_cli.dataset.loader import Origins
    from networks_cli.dataset.models import Dataset, Strict

# Bump whenever the layout or the content of a store changes, so older cache files are rebuilt.
# 14: statuses ignore approximate dates and unquoted confirmations; 15: no_quote (#21); 16: overlays' `origin` (#22);
# 17: the `ways` table (each region's strongest way of taking part in each network, for ranking: #24)
STORE_FORMAT = 17

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE themes(ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, doc TEXT NOT NULL);
CREATE TABLE sources(id TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE networks(
    ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, acronym TEXT,
    category TEXT NOT NULL, part_of TEXT, doc TEXT NOT NULL
);
CREATE INDEX networks_by_parent ON networks(part_of, ord);
CREATE TABLE regions(
    ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, country TEXT, nuts TEXT, doc TEXT NOT NULL
);
CREATE TABLE organisations(
    ord INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, region TEXT NOT NULL, doc TEXT NOT NULL
);
-- One row per membership, in file order. `region` is the member's region: its own id for a region,
-- the organisation's region for an organisation, so "everything in this region" is one lookup.
CREATE TABLE memberships(
    ord INTEGER PRIMARY KEY,
    network TEXT NOT NULL,
    region TEXT NOT NULL,
    organisation TEXT,
    represents_region INTEGER NOT NULL,
    role TEXT NOT NULL,
    status TEXT NOT NULL,
    source TEXT,
    quote TEXT, -- its source's words, or else a confirming source's: the evidence partners show
    confirmed TEXT, -- when a source last named the member, as JSON ({date, bound, source}), or NULL
    doc TEXT NOT NULL
);
CREATE INDEX memberships_by_network ON memberships(network, ord);
CREATE INDEX memberships_by_region ON memberships(region, ord);
-- Each region's strongest way of taking part in each network (the region itself, then an organisation
-- standing for it, then any organisation; the first in file order among equals: the cell
-- `discovery.presence` keeps), derived once from `memberships`: ranking counts every region's
-- networks from it in milliseconds (grouping `memberships` itself took a third of a second at 100,000).
-- `organisation_only`: that way is an organisation that does not stand for the region.
CREATE TABLE ways(
    region TEXT NOT NULL, network TEXT NOT NULL, status TEXT NOT NULL, organisation_only INTEGER NOT NULL
);
CREATE INDEX ways_by_region ON ways(region, network, status, organisation_only);
-- Every name a record answers to, folded (`key`) and with generic words dropped (`loose`).
CREATE TABLE names(kind TEXT NOT NULL, key TEXT NOT NULL, loose TEXT NOT NULL, id TEXT NOT NULL,
    name TEXT NOT NULL, record_name TEXT NOT NULL, ord INTEGER NOT NULL);
CREATE INDEX names_by_key ON names(kind, key);
CREATE INDEX names_by_loose ON names(kind, loose);
CREATE INDEX names_by_id ON names(kind, id);
"""


def _dump(record: Record) -> str:
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _name_rows(kind: str, record: Record, names: Iterable[str], position: int) -> Iterator[tuple[object, ...]]:
    seen: set[str] = set()
    for name in names:
        key = fold(name)
        if key and key not in seen:
            seen.add(key)
            yield (kind, key, strip_generic(key), record["id"], name, record["name"], position)


def _evidence_quote(membership: Record) -> str | None:
    """The words that show the membership: its source's quote, else the first quoted confirmation's."""
    quoted = [membership.get("quote"), *(item.get("quote") for item in membership.get("confirmations", []))]
    return next((quote for quote in quoted if quote), None)


def _with_origin(document: Record, origins: Origins, kind: str, key: str) -> Record:
    """A record's document, with `origin` (the overlay it came from) when it is not the atlas's own."""
    origin = origins.get((kind, key))
    if origin is not None:
        document["origin"] = origin
    return document


def build_store(
    dataset: Dataset, connection: sqlite3.Connection, meta: dict[str, str], origins: Origins | None = None
) -> None:
    """Write a validated dataset into an empty database; `origins` marks the records overlays added."""
    origins = origins or {}
    connection.executescript(_SCHEMA)
    info = dataset.dataset.model_dump(mode="json")
    rows = {**meta, "format": str(STORE_FORMAT), "dataset": _dump(info)}
    connection.executemany("INSERT INTO meta VALUES (?, ?)", rows.items())
    connection.executemany(
        "INSERT INTO themes VALUES (?, ?, ?)",
        (
            (i, theme.id, _dump(_with_origin(theme.model_dump(mode="json"), origins, "theme", theme.id)))
            for i, theme in enumerate(dataset.themes)
        ),
    )
    connection.executemany(
        "INSERT INTO sources VALUES (?, ?)",
        (
            (source.id, _dump(_with_origin(source.model_dump(mode="json"), origins, "source", source.id)))
            for source in dataset.sources
        ),
    )
    connection.executemany(
        "INSERT INTO regions VALUES (?, ?, ?, ?, ?)",
        (
            (
                i,
                r.id,
                r.country,
                r.nuts.code if r.nuts else None,
                _dump(_with_origin(r.model_dump(mode="json"), origins, "region", r.id)),
            )
            for i, r in enumerate(dataset.regions)
        ),
    )
    organisation_region = {organisation.id: organisation.region for organisation in dataset.organisations}
    connection.executemany(
        "INSERT INTO organisations VALUES (?, ?, ?, ?)",
        (
            (i, o.id, o.region, _dump(_with_origin(o.model_dump(mode="json"), origins, "organisation", o.id)))
            for i, o in enumerate(dataset.organisations)
        ),
    )
    network_rows = []
    membership_rows = []
    sources = {source.id: source.model_dump(mode="json") for source in dataset.sources}
    dataset_date, window = dataset.dataset.updated, dataset.dataset.current_within_years
    for i, network in enumerate(dataset.networks):
        document = _with_origin(network.model_dump(mode="json", exclude={"members"}), origins, "network", network.id)
        # What is derived from the sources' dates is worked out once, here, for every reader.
        document["member_counts"] = [count | count_time(count, sources) for count in document["member_counts"]]
        statuses = {"current": 0, "former": 0, "unconfirmed": 0}
        for member in network.members:
            membership = _with_origin(
                member.model_dump(mode="json", exclude={"status"}),
                origins,
                "membership",
                f"{network.id}/{member.member_id}",
            )
            membership["last_confirmed"] = last_confirmed(membership, sources)
            membership["status"] = status(membership, membership["last_confirmed"], dataset_date, window)
            statuses[membership["status"]] += 1
            member_region = member.region or organisation_region[member.organisation or ""]
            membership_rows.append(
                (
                    network.id,
                    member_region,
                    member.organisation,
                    int(member.represents_region),
                    member.role,
                    membership["status"],
                    member.source,
                    _evidence_quote(membership),
                    _dump(membership["last_confirmed"]) if membership["last_confirmed"] else None,
                    _dump(membership),
                )
            )
        document["member_count"] = len(network.members)
        document["members_by_status"] = statuses
        network_rows.append(
            (i, network.id, network.name, network.acronym, network.category, network.part_of, _dump(document))
        )
    connection.executemany("INSERT INTO networks VALUES (?, ?, ?, ?, ?, ?, ?)", network_rows)
    connection.executemany(
        "INSERT INTO memberships(network, region, organisation, represents_region, role, status, source, quote, "
        "confirmed, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        membership_rows,
    )
    # SQLite's min() gives its row's bare columns (`status`): the strongest way, then the first in file order.
    connection.execute(
        """
        INSERT INTO ways
        SELECT region, network, status, organisation IS NOT NULL AND NOT represents_region FROM (
            SELECT region, network, status, organisation, represents_region, min(
                (CASE WHEN organisation IS NULL THEN 0 WHEN represents_region THEN 1 ELSE 2 END) * 1000000000 + ord
            ) FROM memberships GROUP BY region, network
        )
        """
    )
    name_rows: list[tuple[object, ...]] = []
    named: list[tuple[str, Sequence[Strict]]] = [
        ("network", dataset.networks),
        ("region", dataset.regions),
        ("organisation", dataset.organisations),
        ("theme", dataset.themes),
    ]
    for kind, records in named:
        for i, record in enumerate(records):
            # A network's members are not names: dump only the fields its names come from.
            fields = NETWORK_NAME_FIELDS if kind == "network" else None
            document = record.model_dump(mode="json", include=fields)
            name_rows += _name_rows(kind, document, NAMES_OF[kind](document), i)
    connection.executemany("INSERT INTO names VALUES (?, ?, ?, ?, ?, ?, ?)", name_rows)
    connection.commit()


def _docs(rows: Iterable[tuple[str]]) -> list[Record]:
    return [json.loads(row[0]) for row in rows]


# Up to this many ids go into `IN (?, ?, …)`; more go through a temporary table, because SQLite caps
# the number of parameters of a statement (at 999 in older builds).
INLINE_IDS = 500


class Store:
    """Read-only queries over a built store; every record is a plain dict."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self._temporary_tables = 0

    def _one(self, sql: str, *params: object) -> Record | None:
        row = self.connection.execute(sql, params).fetchone()
        return json.loads(row[0]) if row else None

    def _all(self, sql: str, *params: object) -> list[Record]:
        return _docs(self.connection.execute(sql, params))

    def _among(self, column: str, ids: Iterable[str]) -> tuple[str, list[str]]:
        """A condition `column IN …` for any number of ids, and its parameters."""
        wanted = sorted(set(ids))
        if len(wanted) <= INLINE_IDS:
            return f"{column} IN ({','.join('?' * len(wanted))})", wanted
        self._temporary_tables += 1
        table = f"temp.wanted_{self._temporary_tables}"
        self.connection.execute(f"CREATE TABLE {table}(id TEXT PRIMARY KEY)")
        self.connection.executemany(f"INSERT INTO {table} VALUES (?)", ((value,) for value in wanted))
        return f"{column} IN (SELECT id FROM {table})", []

    def _where(self, filters: list[tuple[str, Iterable[str] | None]]) -> tuple[str, list[str]]:
        """`WHERE …` for the filters that are not None (None: no filter on that column)."""
        clauses: list[str] = []
        params: list[str] = []
        for column, ids in filters:
            if ids is not None:
                clause, values = self._among(column, ids)
                clauses.append(clause)
                params += values
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def meta(self, key: str) -> str | None:
        row = self.connection.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    # Networks
    def networks(self) -> list[Record]:
        return self._all("SELECT doc FROM networks ORDER BY ord")

    def networks_by_id(self, ids: Iterable[str]) -> dict[str, Record]:
        where, params = self._where([("id", ids)])
        return {
            network["id"]: network for network in self._all(f"SELECT doc FROM networks{where} ORDER BY ord", *params)
        }

    def network(self, network_id: str) -> Record | None:
        return self._one("SELECT doc FROM networks WHERE id = ?", network_id)

    def network_parts(self, network_id: str) -> list[tuple[str, str, str | None]]:
        """(id, name, acronym) of the networks that are part of this one (a network's commissions)."""
        rows = self.connection.execute(
            "SELECT id, name, acronym FROM networks WHERE part_of = ? ORDER BY ord", (network_id,)
        )
        return [(network_id, name, acronym) for network_id, name, acronym in rows]

    def network_kinds(self, ids: Iterable[str]) -> list[tuple[str, str, str | None, str | None]]:
        """(id, category, parent id, parent's acronym or name) of the given networks, from columns."""
        where, params = self._where([("child.id", ids)])
        rows = self.connection.execute(
            "SELECT child.id, child.category, parent.id, coalesce(parent.acronym, parent.name) "
            f"FROM networks AS child LEFT JOIN networks AS parent ON parent.id = child.part_of{where}",
            params,
        )
        return [(network_id, category, parent, label) for network_id, category, parent, label in rows]

    def network_headings(self, ids: Iterable[str] | None = None) -> list[tuple[str, str]]:
        """(id, name) of the given networks (all when None), in file order, without decoding profiles."""
        where, params = self._where([("id", ids)])
        return list(self.connection.execute(f"SELECT id, name FROM networks{where} ORDER BY ord", params))

    def network_count(self) -> int:
        return int(self.connection.execute("SELECT count(*) FROM networks").fetchone()[0])

    def members(self, network_id: str) -> list[Record]:
        return self._all("SELECT doc FROM memberships WHERE network = ? ORDER BY ord", network_id)

    # Memberships
    def memberships_in_regions(self, region_ids: Iterable[str]) -> list[tuple[str, str, Record]]:
        """(network id, member's region id, membership) in the given regions, in file order."""
        where, params = self._where([("region", region_ids)])
        rows = self.connection.execute(f"SELECT network, region, doc FROM memberships{where} ORDER BY ord", params)
        return [(network, region, json.loads(doc)) for network, region, doc in rows]

    def all_memberships(self) -> list[tuple[str, str, str | None, Record]]:
        """(network, member's region, evidence quote, membership) of every membership, in file order."""
        rows = self.connection.execute("SELECT network, region, quote, doc FROM memberships ORDER BY ord")
        return [(network, region, quote, json.loads(doc)) for network, region, quote, doc in rows]

    def memberships_in_network(self, network_id: str) -> list[tuple[str, str, Record]]:
        """(network id, member's region id, membership) of one network, in file order."""
        rows = self.connection.execute(
            "SELECT network, region, doc FROM memberships WHERE network = ? ORDER BY ord", (network_id,)
        )
        return [(network, region, json.loads(doc)) for network, region, doc in rows]

    def network_region_counts(self, network_ids: Iterable[str]) -> dict[str, int]:
        """Network id → how many regions take part in it (themselves or through organisations)."""
        where, params = self._where([("network", network_ids)])
        rows = self.connection.execute(
            f"SELECT network, count(DISTINCT region) FROM memberships{where} GROUP BY network", params
        )
        return {network: int(count) for network, count in rows}

    def participations(
        self, network_ids: Iterable[str] | None = None, region_ids: Iterable[str] | None = None
    ) -> list[tuple[str, str, str | None, bool, str, str]]:
        """(network, region, organisation, represents_region, role, status) of the memberships in the
        given networks and regions (None: all), in file order, read from columns: nothing is decoded."""
        where, params = self._where([("network", network_ids), ("region", region_ids)])
        columns = "network, region, organisation, represents_region, role, status"
        rows = self.connection.execute(f"SELECT {columns} FROM memberships{where} ORDER BY ord", params)
        return [(n, r, o, bool(represents), role, status) for n, r, o, represents, role, status in rows]

    def activity(self, network_ids: Iterable[str] | None = None) -> dict[str, tuple[int, int, int, int]]:
        """Region id → (the networks it takes part in, in any way; of those, where its strongest way is
        current; where it takes part only through organisations that do not stand for it; and those of
        them that are current), among the given networks (None: all), from the `ways` table."""
        where, params = self._where([("network", network_ids)])
        rows = self.connection.execute(
            "SELECT region, count(*), sum(status = 'current'), sum(organisation_only),"
            f" sum(organisation_only AND status = 'current') FROM ways{where} GROUP BY region",
            params,
        )
        return {region: (int(a), int(b), int(c), int(d)) for region, a, b, c, d in rows}

    def region_briefs(self, ids: Iterable[str] | None = None) -> dict[str, tuple[str, str | None, str | None]]:
        """Region id → (name, country, NUTS code), without decoding the regions' records."""
        where, params = self._where([("id", ids)])
        rows = self.connection.execute(
            f"SELECT id, json_extract(doc, '$.name'), country, nuts FROM regions{where}", params
        )
        return {region_id: (name, country, nuts) for region_id, name, country, nuts in rows}

    def evidence(
        self, network_ids: Iterable[str], region_ids: Iterable[str]
    ) -> dict[tuple[str, str, str | None], tuple[str | None, str | None, Record | None]]:
        """(network, region, organisation) → (source, quote, last confirmed) of those memberships, from
        columns: the evidence of a partner's membership without decoding its record."""
        where, params = self._where([("network", network_ids), ("region", region_ids)])
        rows = self.connection.execute(
            f"SELECT network, region, organisation, source, quote, confirmed FROM memberships{where}", params
        )
        return {
            (network, region, organisation): (source, quote, json.loads(confirmed) if confirmed else None)
            for network, region, organisation, source, quote, confirmed in rows
        }

    # Regions, organisations, sources, themes
    def regions(self, ids: Iterable[str] | None = None) -> list[Record]:
        where, params = self._where([("id", ids)])
        return self._all(f"SELECT doc FROM regions{where} ORDER BY ord", *params)

    def region(self, region_id: str) -> Record | None:
        return self._one("SELECT doc FROM regions WHERE id = ?", region_id)

    def nuts_codes(self) -> set[str]:
        return {code for (code,) in self.connection.execute("SELECT nuts FROM regions WHERE nuts IS NOT NULL")}

    def regions_nested_with(self, nuts_code: str) -> list[Record]:
        """Regions whose NUTS unit contains this one, or lies within it (codes are hierarchical)."""
        return self._all(
            "SELECT doc FROM regions WHERE nuts IS NOT NULL AND nuts != ? "
            "AND (substr(?, 1, length(nuts)) = nuts OR substr(nuts, 1, length(?)) = ?) ORDER BY ord",
            nuts_code,
            nuts_code,
            nuts_code,
            nuts_code,
        )

    def organisations(self, ids: Iterable[str] | None = None) -> list[Record]:
        where, params = self._where([("id", ids)])
        return self._all(f"SELECT doc FROM organisations{where} ORDER BY ord", *params)

    def organisations_in_region(self, region_id: str) -> list[Record]:
        return self._all("SELECT doc FROM organisations WHERE region = ? ORDER BY ord", region_id)

    def sources(self, ids: Iterable[str] | None) -> dict[str, Record]:
        """The sources of the given ids (None: every source), by id."""
        where, params = self._where([("id", ids)])
        return {source["id"]: source for source in self._all(f"SELECT doc FROM sources{where}", *params)}

    def themes(self) -> list[Record]:
        return self._all("SELECT doc FROM themes ORDER BY ord")

    # Names
    def ids_named(self, kind: str, key: str, *, loose: bool = False) -> list[tuple[str, str]]:
        """(id, record name) of the records of `kind` that answer to a folded name, in file order."""
        column = "loose" if loose else "key"
        rows = self.connection.execute(
            f"SELECT id, record_name FROM names WHERE kind = ? AND {column} = ? GROUP BY id ORDER BY min(ord)",
            (kind, key),
        )
        return [(record_id, name) for record_id, name in rows]

    def has_id(self, kind: str, record_id: str) -> bool:
        row = self.connection.execute("SELECT 1 FROM names WHERE kind = ? AND id = ? LIMIT 1", (kind, record_id))
        return row.fetchone() is not None

    def names(self, kind: str) -> list[tuple[str, str, str]]:
        """(folded key, id, the record's name) of every name of `kind`."""
        rows = self.connection.execute("SELECT key, id, record_name FROM names WHERE kind = ? ORDER BY ord", (kind,))
        return [(key, record_id, name) for key, record_id, name in rows]

    def names_starting(self, kind: str, prefix: str, limit: int) -> list[tuple[str, str]]:
        """(id, record name) of records with a name whose folded form starts with a prefix; for completion."""
        rows = self.connection.execute(
            "SELECT id, record_name FROM names WHERE kind = ? AND key >= ? AND key < ? ORDER BY ord LIMIT ?",
            (kind, prefix, prefix + "\uffff", limit),
        )
        return [(record_id, name) for record_id, name in rows]


def memory_store(dataset: Dataset, origins: Origins | None = None) -> Store:
    """A store built in memory: for --no-cache, and when no cache can be written."""
    connection = sqlite3.connect(":memory:", check_same_thread=False)  # an Atlas serialises its calls
    build_store(dataset, connection, {}, origins)
    return Store(connection)
