"""The dataset format: Pydantic models of `networks.toml`, with every cross-record check.

The loader validates files with it, the store is built from the validated objects, `validate` reads
them and `networks schema` is generated from it, so the format and its rules live in one place.
Queries never see these objects: they read the store's JSON documents, so a query from the cache
imports neither this module nor Pydantic.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_partial_date(value: str) -> str:
    """A year, a year and month, or a full date, in ISO form; the date must exist."""
    match = PARTIAL_DATE.match(value)
    if match is None:
        raise ValueError("must be a date in ISO form: YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        raise ValueError(f"{value!r} is not a date on the calendar") from None
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
# Long enough for any real description; a bound, so that a hostile file cannot make one field huge.
MAX_TEXT = 20_000
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]
PartialDate = Annotated[str, AfterValidator(_check_partial_date)]
CountryCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
NutsCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}[0-9A-Z]{0,3}$")]
# TOML has real integers and booleans: `count = "5"` or `represents_region = 1` is a mistake, not a value.
Flag = Annotated[bool, Field(strict=True)]
# No network has ten million members; the bound also keeps a 1,000-digit hex literal out of SQLite.
MAX_COUNT = 10_000_000

Role = Literal[
    "lead partner",
    "partner",
    "founding member",
    "full member",
    "associate member",
    "supporting member",
    "associated region",
    "member",
    "observer",
    "participant",
    "lead region",
    "co-lead region",
    "label winner",
    "special mention",
]
# What a user's file may still say; the tool derives status from the sources (see `timeline.py`).
LegacyStatus = Literal["current", "historical", "unknown"]
# What kind of body a network is: a filter (`networks list --kind`) and how its members are read.
# A label is awarded by year (a winner of 2016 is not a member since 2016); a commission is part of
# another network (`part_of`); a partnership belongs to a platform and a family of partnerships.
Category = Literal["association", "network", "commission", "partnership", "initiative", "label", "programme"]
# Short, verbatim: a quote is evidence a reader can check against the source, not a copy of it.
Quote = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1_000)]


class Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class DatasetInfo(Strict):
    title: Text
    version: Text | None = None
    updated: PartialDate | None = None
    description: Text | None = None
    # A membership confirmed by a source of this many years before `updated` (or later) is current.
    current_within_years: int = Field(default=5, ge=0, le=100)


class Theme(Strict):
    id: Id
    name: Text
    description: Text | None = None


class Source(Strict):
    id: Id
    title: Text | None = None
    publisher: Text | None = None
    url: Text | None = None
    date: PartialDate | None = None
    # An undated source whose own text dates it ("inaugurated in November 2020 … the current
    # agreement"): what it says is true at some time on or after this date.
    not_before: PartialDate | None = None
    not_before_quote: Quote | None = None
    note: Text | None = None


class SourcedText(Strict):
    text: Text
    source: Id
    quote: Quote | None = None
    note: Text | None = None


class SourcedDate(Strict):
    date: PartialDate
    source: Id
    quote: Quote | None = None
    note: Text | None = None


class SourcedUrl(Strict):
    url: Text
    source: Id
    note: Text | None = None


class NetworkList(Strict):
    """A list the network itself publishes: pilot actions, objectives, activities, working groups."""

    title: Text
    items: list[Text] = Field(min_length=1)
    source: Id
    quote: Quote | None = None
    note: Text | None = None


class MemberCount(Strict):
    """A member count as one source states it, at one date, after a date (`not_before`), or undated.

    An undated count takes its source's `not_before` when it has none of its own.
    """

    count: int = Field(ge=0, le=MAX_COUNT, strict=True)
    counted: Text
    source: Id
    quote: Quote | None = None
    date: PartialDate | None = None
    not_before: PartialDate | None = None
    qualifier: Literal["about", "more than", "at least"] | None = None
    # Which curve the figure belongs to: the membership as a whole ("members", the default), one class
    # of it that must not be read as the total ("associates", "observers"), or something else ("other").
    series: Literal["members", "associates", "observers", "other"] = "members"
    note: Text | None = None
    # Why there is no quote (the page could not be read again, say): `validate` then notes it rather than warns.
    no_quote: Text | None = None


class Fact(Strict):
    text: Text
    source: Id
    quote: Quote | None = None
    when: Text | None = None
    unverified: Flag = False
    # Why there is no quote (the page could not be read again, say): `validate` then notes it rather than warns.
    no_quote: Text | None = None


class Confirmation(Strict):
    """A further source that names the member (and so confirms the membership as of its date)."""

    source: Id
    quote: Quote | None = None
    note: Text | None = None


class MembershipEvent(Strict):
    """A dated step of a membership: took part in the launch, signed a declaration, was elected."""

    date: PartialDate
    event: Text
    source: Id
    quote: Quote | None = None
    approximate: bool = False


class Membership(Strict):
    """One member of a network: a region or an organisation, never both.

    Its status is not written here: the tool derives it from the dates of the sources that name the
    member (`source`, `since_source`, `confirmations`, `events`) and from `until`.
    """

    region: Id | None = None
    organisation: Id | None = None
    role: Role
    status: LegacyStatus | None = None  # ignored: `networks validate` says so
    source: Id | None = None  # legal but doubtful: `networks validate` warns
    quote: Quote | None = None
    since: PartialDate | None = None
    since_approx: Flag = False
    since_source: Id | None = None
    until: PartialDate | None = None
    # For a label: the year it was awarded (a winner is not a member "since" that year).
    awarded: PartialDate | None = None
    as_of: PartialDate | None = None
    represents_region: Flag = False
    confirmations: list[Confirmation] = []
    events: list[MembershipEvent] = []
    note: Text | None = None

    @model_validator(mode="after")
    def _one_member(self) -> Membership:
        if (self.region is None) == (self.organisation is None):
            raise ValueError("give exactly one of 'region' or 'organisation'")
        if self.represents_region and self.organisation is None:
            raise ValueError("'represents_region' applies to organisations only")
        return self

    def cited_sources(self) -> list[str]:
        """Every source the membership names, main source first."""
        cited = [self.source, self.since_source]
        cited += [confirmation.source for confirmation in self.confirmations]
        cited += [event.source for event in self.events]
        return list(dict.fromkeys(source for source in cited if source is not None))

    @property
    def member_id(self) -> str:
        return self.region or self.organisation or ""


class Network(Strict):
    id: Id
    name: Text
    full_name: Text | None = None
    acronym: Text | None = None
    aliases: list[Text] = []
    kind: Text | None = None
    category: Category = "network"
    part_of: Id | None = None  # a commission's parent network
    platform: Text | None = None  # a thematic partnership's platform ("Industrial Modernisation")
    family: Text | None = None  # the programme a partnership belongs to ("Thematic S3 Partnerships")
    focus: Text | None = None
    description: SourcedText | None = None
    founded: SourcedDate | None = None
    legal_form: SourcedText | None = None
    funding: SourcedText | None = None
    secretariat: SourcedText | None = None
    website: SourcedUrl | None = None
    themes: list[Id] = []
    lists: list[NetworkList] = []
    member_counts: list[MemberCount] = []
    facts: list[Fact] = []
    members: list[Membership] = []


class Nuts(Strict):
    code: NutsCode
    version: Annotated[str, StringConstraints(pattern=r"^\d{4}$")]
    level: int = Field(ge=0, le=3, strict=True)
    label: Text
    source: Id


class Region(Strict):
    id: Id
    name: Text
    country: CountryCode | None = None  # legal but doubtful: `networks validate` warns
    nuts: Nuts | None = None
    names: list[Text] = []
    note: Text | None = None


class Organisation(Strict):
    id: Id
    name: Text
    names: list[Text] = []
    kind: Text | None = None
    region: Id
    source: Id
    note: Text | None = None


class Dataset(Strict):
    dataset: DatasetInfo
    themes: list[Theme] = []
    sources: list[Source] = []
    networks: list[Network] = []
    regions: list[Region] = []
    organisations: list[Organisation] = []

    @model_validator(mode="after")
    def _references_resolve(self) -> Dataset:
        problems: list[str] = []
        for kind, records in (
            ("theme", self.themes),
            ("source", self.sources),
            ("network", self.networks),
            ("region", self.regions),
            ("organisation", self.organisations),
        ):
            seen: set[str] = set()
            for record in records:
                if record.id in seen:
                    problems.append(f"duplicate {kind} id {record.id!r}")
                seen.add(record.id)
        source_ids = {source.id for source in self.sources}
        theme_ids = {theme.id for theme in self.themes}
        region_ids = {region.id for region in self.regions}
        network_ids = {network.id for network in self.networks}
        organisation_ids = {organisation.id for organisation in self.organisations}
        # Regions and organisations share the member namespace: an id must say which one it is.
        for clash in sorted(region_ids & organisation_ids):
            problems.append(f"id {clash!r} names both a region and an organisation")

        def need_source(where: str, source: str | None) -> None:
            if source is not None and source not in source_ids:
                problems.append(f"{where}: unknown source {source!r}")

        for region in self.regions:
            need_source(f"regions[{region.id}].nuts", region.nuts.source if region.nuts else None)
        for organisation in self.organisations:
            where = f"organisations[{organisation.id}]"
            need_source(where, organisation.source)
            if organisation.region not in region_ids:
                problems.append(f"{where}: unknown region {organisation.region!r}")
        for network in self.networks:
            here = f"networks[{network.id}]"
            for theme in network.themes:
                if theme not in theme_ids:
                    problems.append(f"{here}.themes: unknown theme {theme!r}")
            for field in ("description", "founded", "legal_form", "funding", "secretariat", "website"):
                value = getattr(network, field)
                need_source(f"{here}.{field}", value.source if value is not None else None)
            for i, item in enumerate(network.lists):
                need_source(f"{here}.lists[{i}]", item.source)
            for i, count in enumerate(network.member_counts):
                need_source(f"{here}.member_counts[{i}]", count.source)
            for i, fact in enumerate(network.facts):
                need_source(f"{here}.facts[{i}]", fact.source)
            members_seen: set[str] = set()
            if network.part_of is not None and network.part_of not in network_ids:
                problems.append(f"{here}.part_of: unknown network {network.part_of!r}")
            for i, member in enumerate(network.members):
                where = f"{here}.members[{i}]"
                for cited in member.cited_sources():
                    need_source(where, cited)
                if member.region is not None and member.region not in region_ids:
                    problems.append(f"{where}: unknown region {member.region!r}")
                if member.organisation is not None and member.organisation not in organisation_ids:
                    problems.append(f"{where}: unknown organisation {member.organisation!r}")
                if member.member_id in members_seen:
                    problems.append(f"{where}: {member.member_id!r} is listed twice")
                members_seen.add(member.member_id)
        if problems:
            raise ValueError("\n".join(problems))
        return self


def dataset_schema() -> dict[str, Any]:
    """The JSON Schema of a dataset file. Cross-record rules (unique ids, references that resolve)
    cannot be said in JSON Schema: `networks validate` checks those."""
    schema = Dataset.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "networks dataset",
        "description": "A dataset file for the networks CLI (TOML). Unique ids and references between "
        "records are checked by `networks validate`, not here.",
        **{key: value for key, value in schema.items() if key not in {"title", "description"}},
    }
