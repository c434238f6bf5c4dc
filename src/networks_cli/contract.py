"""The JSON contract as types: one TypedDict per shape the commands and the library return.

These are the shapes docs/json.md documents, field for field: `networks … --json`
writes them, and `Atlas` returns them. TypedDicts cost nothing at run time (they are plain dicts),
so the queries build ordinary dicts and name these types only for the type checker: the modules on
the CLI's path import this one under `TYPE_CHECKING` alone. `tests/test_contract.py` checks every
command's real output against these keys, so a field added to a query must be added here too.

A leaf module: it imports nothing of the package.
"""

from __future__ import annotations

from typing import Any, Literal, TypedDict

Status = Literal["current", "former", "unconfirmed"]
Category = Literal["association", "network", "commission", "partnership", "initiative", "label", "programme"]
# How a region takes part in a network, in every shape that says so (`region`, `partners`, `compare`,
# `matrix`): itself, through an organisation that stands for it (`represents_region`), or only through
# an organisation of the region that does not stand for it.
Through = Literal["region", "organisation", "organisation only"]


class StatusCounts(TypedDict):
    current: int
    former: int
    unconfirmed: int


class Count(TypedDict):
    count: int
    qualifier: str | None
    counted: str
    series: str
    date: str | None
    date_precision: str | None
    not_before: str | None  # an undated count known to be from this date or later
    not_before_source: str | None
    source: str
    quote: str | None
    note: str | None


class HistoryCount(Count):
    network: str
    latest: bool


class SourceRecord(TypedDict):
    id: str
    title: str | None
    publisher: str | None
    url: str | None
    date: str | None
    # added in 0.4.0: the overlay (`--with FILE`, its file name) the record came from; null: the atlas
    origin: str | None


class ListCoverage(TypedDict):
    """How much of a network's membership is listed, against the latest count it declares (#21)."""

    listed: int
    declared: int | None  # the one latest declared count; null when none, or when several cannot be ordered
    declared_counts: list[int]  # every latest count (several when no source orders them)
    share: float | None  # listed / declared, with one latest count
    partial: bool | None  # fewer listed than declared; null when the atlas cannot tell
    phrase: str  # "15 of about 270 members listed"


class NetworkSummary(TypedDict):
    """`list`: one network."""

    id: str
    name: str
    acronym: str | None
    kind: str | None
    category: Category
    part_of: str | None
    platform: str | None
    family: str | None
    focus: str | None
    founded: str | None
    themes: list[str]
    member_count: int
    members_by_status: StatusCounts
    declared_member_count: int | None
    declared: Count | None
    latest_counts: list[Count]
    latest_decided: bool
    count_warning: str | None
    first_count: Count | None
    undated_counts: list[Count]
    count_series: list[int]
    coverage: ListCoverage  # added in 0.4.0
    # added in 0.4.0: the overlay (`--with FILE`, its file name) the record came from; null: the atlas
    origin: str | None


class Confirmed(TypedDict):
    date: str
    bound: Literal["on", "not before"]
    source: str


class Confirmation(TypedDict):
    source: str
    quote: str | None
    note: str | None


class MembershipEvent(TypedDict):
    date: str
    event: str
    source: str
    quote: str | None
    approximate: bool


class MembershipFields(TypedDict):
    """A membership's own fields (all null for a region that takes part only through organisations)."""

    role: str | None
    since: str | None
    since_approx: bool
    until: str | None
    awarded: str | None
    status: Status | None
    last_confirmed: Confirmed | None
    as_of: str | None
    source: str | None
    quote: str | None
    since_source: str | None
    confirmations: list[Confirmation]
    events: list[MembershipEvent]
    note: str | None
    # added in 0.4.0: the overlay (`--with FILE`, its file name) the record came from; null: the atlas
    origin: str | None


class Member(MembershipFields):
    id: str
    name: str
    type: Literal["region", "organisation"]
    region: str
    country: str | None
    nuts: str | None
    represents_region: bool


class NetworkList(TypedDict):
    title: str
    items: list[str]
    source: str
    quote: str | None
    note: str | None


class Fact(TypedDict):
    text: str
    source: str
    quote: str | None
    when: str | None
    unverified: bool
    no_quote: str | None  # added in 0.4.0: why the fact carries no quote


class NetworkPart(TypedDict):
    id: str
    name: str
    acronym: str | None


class NetworkProfile(NetworkSummary):
    """`show NETWORK`."""

    full_name: str | None
    aliases: list[str]
    description: str | None
    description_source: str | None
    founded_detail: dict[str, Any] | None  # {date, source, note}
    legal_form: dict[str, Any] | None  # {text, source, note}
    funding: dict[str, Any] | None
    secretariat: dict[str, Any] | None
    website: str | None
    website_source: str | None
    lists: list[NetworkList]
    member_counts: list[Count]
    facts: list[Fact]
    members: list[Member]
    parts: list[NetworkPart]
    part_of_name: str | None
    sources: list[SourceRecord]


class RegionRecord(TypedDict):
    id: str | None  # None: a region outside the dataset, found in the index of every European region
    in_dataset: bool
    name: str
    country: str | None
    nuts: str | None
    nuts_version: str | None
    nuts_level: int | None
    nuts_label: str | None
    names: list[str]
    note: str | None
    # added in 0.4.0: the overlay (`--with FILE`, its file name) the record came from; null: the atlas
    origin: str | None


class OrganisationMembership(MembershipFields):
    id: str
    name: str
    represents_region: bool


class RegionNetwork(MembershipFields):
    id: str
    name: str
    through: Through
    category: Category
    part_of: str | None
    part_of_name: str | None
    organisations: list[OrganisationMembership]


class OrganisationBrief(TypedDict):
    id: str
    name: str
    kind: str | None


class Related(TypedDict):
    id: str
    name: str
    nuts: str
    relation: Literal["contains", "within"]


class FoundAs(TypedDict):
    """How a town or city typed for a region led to it."""

    query: str
    place: str
    country: str
    nuts3: str
    phrase: str  # "Munich is in Oberbayern (DE21), part of Bavaria"


class RegionProfile(TypedDict):
    """`region REGION`."""

    region: RegionRecord
    networks: list[RegionNetwork]
    # Added in 0.4.0: its networks whose member lists are known to be partial, and those whose completeness
    # is unknown (no dated count): the region may be in networks the atlas does not list it in.
    partial_lists: list[str]
    unknown_lists: list[str]
    organisations: list[OrganisationBrief]
    related: list[Related]
    dataset_network_count: int
    sources: list[SourceRecord]
    projects: RegionProjects | None  # its organisations' EU-funded projects; null when none are imported
    found_as: FoundAs | None  # how a town or city typed for the region led to it; null for a region's own name


class OrganisationRecord(TypedDict):
    id: str
    name: str
    kind: str | None
    note: str | None
    source: str
    names: list[str]


class OrganisationNetwork(MembershipFields):
    """A network the organisation takes part in, with its own membership's fields."""

    id: str
    name: str
    represents_region: bool


class RegionNetworkBrief(TypedDict):
    id: str
    name: str
    role: str | None
    through: Through


class OrganisationProfile(TypedDict):
    """`org NAME`."""

    organisation: OrganisationRecord
    region: RegionRecord
    region_networks: list[RegionNetworkBrief]
    networks: list[OrganisationNetwork]
    sources: list[SourceRecord]


class CitedSubject(TypedDict):
    type: Literal["network", "region"]
    id: str | None  # None: a region outside the dataset
    name: str


class CitedDataset(TypedDict):
    title: str
    version: str | None
    updated: str | None


class Citations(TypedDict):
    """`cite [NETWORK|REGION]`: the sources behind an answer (every source, with no subject)."""

    subject: CitedSubject | None
    dataset: CitedDataset
    tool: str  # "networks 0.3.0": what the sources were read through
    sources: list[SourceRecord]


class HistoryEvent(TypedDict):
    date: str
    date_precision: str | None
    approximate: bool
    event: Literal["joined", "left", "step"]
    what: str
    member: str
    name: str
    type: Literal["region", "organisation"]
    role: str
    source: str | None
    quote: str | None


class History(TypedDict):
    """`history NETWORK`."""

    id: str
    name: str
    member_count: int
    members_by_status: StatusCounts
    latest: Count | None
    latest_counts: list[Count]
    first: Count | None
    counts: list[HistoryCount]
    events: list[HistoryEvent]
    sources: list[SourceRecord]


class RegionBrief(TypedDict):
    id: str
    name: str
    country: str | None
    nuts: str | None


class Cell(TypedDict):
    """How a region takes part in one network (`compare`, `matrix`)."""

    role: str
    status: Status
    through: Through
    organisation: str | None  # the organisation's name, when it is through one


class PartnerMembership(TypedDict):
    network: str
    network_name: str
    role: str
    status: Status
    through: Through
    organisation: str | None
    own_role: str
    own_status: Status
    source: str | None  # the evidence of the partner's membership: its source, its words, when last named
    quote: str | None
    last_confirmed: Confirmed | None


class ScorePart(TypedDict):
    """One part of a partner's score (`answers.ranking`): what kind of evidence, where, how much."""

    kind: Literal["shared network", "sub-group", "activity", "topic", "project"]
    network: str | None
    list: str | None
    project: str | None
    weight: float
    evidence: str


class Partner(TypedDict):
    """`partners REGION`: one partner (the command writes an array of them)."""

    region: RegionBrief
    shared: list[str]
    count: int
    memberships: list[PartnerMembership]
    score: float  # the sum of the weights of `why`
    why: list[ScorePart]  # heaviest first
    new_contact: bool  # shares no network with the region
    caveats: list[str]  # "ERRIN: 49 of more than 100 members listed"


class ScopeRecord(TypedDict):
    networks: list[str]
    countries: list[str]
    themes: list[str]
    current_only: bool


class OwnNetwork(TypedDict):
    id: str
    name: str
    role: str
    status: Status
    through: Through


class PartnersAnswer(TypedDict):
    """What `partners` finds: the partners (the JSON contract) and what the table says around them."""

    region: RegionRecord
    networks: list[OwnNetwork]
    partners: list[Partner]
    scope: ScopeRecord
    notes: list[str]  # why the answer is empty, when it is for a reason the table and stderr give
    order: str  # "score" (the ranking) or "shared" (most shared networks first, 0.3.0's order)


class NetworkHeading(TypedDict):
    id: str
    name: str


class CompareNetwork(Cell):
    id: str


class CompareRegion(RegionRecord):
    key: str  # its id, or its NUTS code outside the dataset
    networks: list[CompareNetwork]


class Comparison(TypedDict):
    """`compare REGION…`."""

    regions: list[CompareRegion]
    networks: list[NetworkHeading]
    shared: list[str]
    some: list[str]
    only: dict[str, list[str]]
    scope: ScopeRecord


class SearchHit(TypedDict):
    """`search WORDS`: one hit."""

    type: Literal["network", "region", "organisation", "project"]  # project: imported (issue #15)
    id: str
    name: str
    matched: str
    match: Literal["word", "prefix", "part"]  # how the words met the text: whole words, starts of words, parts
    snippet: str
    score: float
    command: str  # the command that shows this hit, e.g. "networks org agh"


class RegionRow(RegionBrief):
    """`regions`: one region."""

    networks: int
    network_ids: list[str]
    organisation_networks: list[str]


class MembershipRow(TypedDict):
    """`Atlas.memberships()` (added in 0.4.0): one membership, with the names an analyst would join in."""

    network: str
    network_name: str
    member: str  # the region's or the organisation's id
    member_name: str
    member_type: Literal["region", "organisation"]
    region: str  # the member's region: itself, or the organisation's
    region_name: str
    country: str | None
    nuts: str | None
    role: str
    represents_region: bool
    status: Status
    since: str | None
    until: str | None
    last_confirmed: Confirmed | None  # the table's column holds its date
    source: str | None
    quote: str | None  # its source's words, else a confirming source's
    origin: str | None  # the overlay it came from (`--with FILE`); null: the atlas


class MatrixRow(RegionBrief):
    cells: dict[str, Cell]


class Matrix(TypedDict):
    """`matrix`."""

    networks: list[NetworkHeading]
    regions: list[MatrixRow]
    scope: ScopeRecord


class ThemeRow(TypedDict):
    """`themes`: one theme."""

    id: str
    name: str
    description: str | None
    networks: int
    network_ids: list[str]


class ValidationReport(TypedDict):
    """`validate`."""

    path: str
    valid: bool
    strict: bool
    errors: list[str]
    warnings: list[str]
    notes: list[str]
    counts: dict[str, int]


# ---------------------------------------------------------------- imported projects (issue #15)


class ProjectSource(TypedDict):
    """Where imported projects come from, and the licence's attribution to show with them."""

    name: str
    files: list[str]
    date: str
    url: str
    licence: str
    licence_url: str
    attribution: str


class ProgrammeCount(TypedDict):
    programme: str | None
    projects: int


class RegionProjects(TypedDict):
    """`region REGION`'s `projects`: its organisations' projects (null when none are imported)."""

    nuts: str | None
    projects: int
    participations: int
    organisations: int
    programmes: list[ProgrammeCount]
    partner_regions: int
    note: str
    source: ProjectSource


class SharedProject(TypedDict):
    id: str
    acronym: str | None
    own: list[str]  # the region's organisations in it
    theirs: list[str]  # the partner region's


class PartnerProjects(TypedDict):
    count: int
    ids: list[str]
    shared: list[SharedProject]


class ProjectPartnerRegion(TypedDict):
    id: str | None  # None: a region outside the dataset, named by its NUTS code and label
    name: str
    country: str | None
    nuts: str | None


class ProjectPartner(TypedDict):
    """`partners REGION --basis projects|all`: one partner, its shared networks and shared projects."""

    region: ProjectPartnerRegion
    shared: list[str]
    count: int
    memberships: list[PartnerMembership]
    projects: PartnerProjects | None


class RankedProjectPartner(ProjectPartner):
    """`partners REGION --basis all` (changed in 0.4.0): also the ranking's fields, the shared projects
    folded into the score as a `project` part."""

    score: float
    why: list[ScorePart]
    new_contact: bool  # shares no network with the region (it may share projects)
    caveats: list[str]


class ProjectPartnersAnswer(TypedDict):
    region: RegionRecord
    networks: list[OwnNetwork]
    partners: list[ProjectPartner]
    scope: ScopeRecord
    basis: Literal["projects", "all"]
    note: str
    source: ProjectSource


class ProjectRecord(TypedDict):
    id: str
    acronym: str
    title: str
    start_date: str | None
    end_date: str | None
    programme: str | None
    topics: str | None
    source_file: str
    source_row: int


class Participant(TypedDict):
    id: str
    name: str
    short_name: str | None
    activity_type: str | None
    role: str | None
    city: str | None
    country: str | None
    nuts: str | None  # as the file gives it
    ec_contribution: float | None
    source_row: int


class ConsortiumRegion(TypedDict):
    nuts: str | None
    name: str | None
    country: str | None
    organisations: list[Participant]


class ProjectProfile(TypedDict):
    """`project ID`: a project and its consortium by region."""

    project: ProjectRecord
    regions: list[ConsortiumRegion]
    unplaced: list[Participant]
    note: str
    source: ProjectSource


class ImportedSource(ProjectSource):
    path: str
    imported: str


class ImportCounts(TypedDict):
    projects: int
    rows: int
    placed: int
    through_prefix: int
    empty_nuts: int
    unplaced: int
    unknown_projects: int


class UnplacedCode(TypedDict):
    code: str
    rows: int


class ImportStatus(TypedDict):
    """`import cordis PATH` and `import --status`: what is imported."""

    imported: bool
    database: str
    source: ImportedSource | None
    counts: ImportCounts | None
    unplaced_codes: list[UnplacedCode]


class DatasetBrief(TypedDict):
    name: str
    version: str


class Sources(TypedDict):
    """`sources`: the data in use and its licences."""

    dataset: DatasetBrief
    projects: ImportStatus


class ProjectHit(TypedDict):
    id: str
    acronym: str
    title: str


class ExportAnswer(TypedDict):
    """`export --sqlite PATH` / `export --csv DIR`: the files written and each table's rows."""

    format: Literal["sqlite", "csv", "xlsx"]  # xlsx: added in 0.4.0
    path: str
    metadata: str  # metadata.json (Datasette), datapackage.json (Frictionless), or the workbook (its "about" sheet)
    tables: dict[str, int]
    attribution: str | None  # added in 0.4.0: the imported projects' attribution (None: none exported)


# ---------------------------------------------------------------- coverage (added in 0.4.0, #21)


class CoverageRow(TypedDict):
    """`coverage`: one network, what it lists against what it declares, and how old the confirmations are."""

    id: str
    name: str
    listed: int
    current: int
    unconfirmed: int
    former: int
    coverage: ListCoverage
    latest_counts: list[Count]
    oldest_confirmation: str | None  # the oldest of its members' last confirmations
    newest_confirmation: str | None


class CoverageTotal(TypedDict):
    networks: int
    listed: int
    current: int
    current_share: float | None
    partial_lists: int
    no_declared_count: int
    phrase: str


class AtlasCoverage(TypedDict):
    """`coverage` without a network: every network, and the whole atlas's totals."""

    networks: list[CoverageRow]
    total: CoverageTotal
    sort: str


class MemberConfirmation(TypedDict):
    id: str
    name: str
    type: Literal["region", "organisation"]
    role: str
    status: str
    last_confirmed: Confirmed | None
    source: str | None  # the source of the last confirmation (else the membership's own)


class NetworkCoverage(TypedDict):
    """`coverage NETWORK`: the network's row, and its members by last confirmation (newest first)."""

    network: CoverageRow
    members: list[MemberConfirmation]


# ---------------------------------------------------------------- pictures (issue #23): graph, map, report


class GraphNode(TypedDict):
    """`graph`: one node; `kind` says which record it stands for, `record` that record's id. Imported
    projects (`kind` "project", with `--basis projects|all`) were added with their fields, null on other
    nodes."""

    id: str  # "<kind>:<record id>", e.g. "region:malopolska", "project:101000001"
    kind: Literal["region", "organisation", "network", "project"]
    label: str
    record: str  # a project's: its CORDIS number
    country: str | None
    nuts: str | None
    nuts_level: int | None
    category: str | None  # a network's category, an organisation's kind, a project's programme
    region: str | None  # a region's own id, an organisation's region
    # A project's own fields, as the projects store holds them from CORDIS's project.csv:
    acronym: str | None
    title: str | None
    programme: str | None
    start_date: str | None
    end_date: str | None
    topics: str | None
    source_file: str | None  # the file it was imported from
    source_row: int | None  # its record's row in that file (the header is row 1)


class GraphEdge(TypedDict):
    """`graph`: a membership or a region's participation in a project (bipartite), or two regions' shared
    networks and projects (`--project regions`)."""

    source: str
    target: str
    kind: Literal["membership", "participation", "shared networks", "shared projects", "shared networks and projects"]
    role: str | None
    status: Status | None
    since: str | None
    until: str | None
    last_confirmed: str | None
    represents_region: bool
    evidence_source: str | None  # the id of the source the membership cites; a participation's file
    evidence_url: str | None
    quote: str | None
    # 1 for a membership; a participation's organisations; in the projection, the shared networks and
    # projects counted (`basis`), each one
    weight: int
    networks: str | None  # the projection: the shared networks' ids, "; " between them
    # Added for imported projects. A participation (a region in a project): the region's organisations
    # in it, "; " between them, each one's role in `role` in the same order, and their rows in the
    # organisations' file (`evidence_source`).
    organisations: str | None
    source_rows: str | None
    # The projection: how many networks and projects the two regions share; null where the basis leaves
    # them out (`shared_networks` with `--basis projects`, `shared_projects` with `--basis networks`).
    shared_networks: int | None
    shared_projects: int | None
    projects: str | None  # the shared projects' numbers, "; " between them


class GraphInfo(TypedDict):
    mode: Literal["bipartite", "regions"]
    dataset: str | None
    dataset_version: str | None
    dataset_updated: str | None
    # Added for imported projects: what the graph is built from; with projects, the note and source
    # every answer using them carries (null with `basis` "networks").
    basis: Literal["networks", "projects", "all"]
    note: str | None
    source: ProjectSource | None


class GraphAnswer(TypedDict):
    """`graph --format json`: node-link JSON, as networkx's `node_link_graph(..., edges="edges")` reads it."""

    graph: GraphInfo
    directed: bool
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class GraphMetric(TypedDict):
    """`graph --metrics`: one region's place in the region-region projection."""

    id: str
    name: str
    country: str | None
    nuts: str | None
    degree: int  # how many regions it shares a network (or a project, by `--basis`) with
    strength: int  # the sum of the edges' weights over those regions
    betweenness: float
    eigenvector: float
    community: int  # communities numbered from 1, the largest first


class MapArea(TypedDict):
    """`map`: one NUTS 2 square and what the answer says of it."""

    nuts: str  # the NUTS 2 code (a NUTS 3 member's or an organisation's region's, cut to level 2)
    state: str  # a status (current, unconfirmed, former), "subject", "partner", or a role with --by role
    score: float | None  # a partner's shading, 0 to 1 (its shared networks over the most any partner shares)
    members: list[str]  # the names placed in the square, with how each takes part
    regions: list[str]  # the dataset's region ids placed in it


class MapAnswer(TypedDict):
    """`map NETWORK|REGION --json`: the squares to colour, and the legend's states in order."""

    subject: CitedSubject
    by: Literal["status", "role", "partners"]
    states: list[str]
    areas: list[MapArea]
    unplaced: list[str]  # members with no NUTS code: named, never drawn


class ReportDataset(TypedDict):
    title: str
    version: str | None
    updated: str | None  # when the dataset was compiled, as its header states
    tool: str


class ListCompleteness(TypedDict):
    """How complete a network's member list is: listed members beside the latest count a source declares."""

    id: str
    name: str
    listed: int
    current: int
    declared: int | None
    declared_qualifier: str | None
    declared_date: str | None
    share: float | None  # listed / declared; None when no count is declared
    latest_counts: list[Count]  # added in 0.4.0: every count that could be the latest, as `list` gives them
    coverage: ListCoverage  # added in 0.4.0: as `list` and `show` give it


class YearCount(TypedDict):
    year: int
    count: int


class RegionReport(TypedDict):
    """`report REGION --format json`: the answers the report is made of."""

    type: Literal["region"]
    dataset: ReportDataset
    profile: RegionProfile
    partners: PartnersAnswer
    map: MapAnswer
    timeline: list[YearCount]  # networks joined by each year (known dates only)
    completeness: list[ListCompleteness]


class NetworkReport(TypedDict):
    """`report NETWORK --format json`: the answers the report is made of."""

    type: Literal["network"]
    dataset: ReportDataset
    profile: NetworkProfile
    history: History
    map: MapAnswer
    completeness: list[ListCompleteness]
