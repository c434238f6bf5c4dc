"""`Atlas`: the library's one entry, the questions the CLI answers as Python methods.

    from networks_cli import Atlas

    atlas = Atlas.open()                      # the bundled dataset; Atlas.open("mine.toml") for yours
    atlas.region("Małopolska").as_dict()      # the JSON of `networks region Małopolska --json`

Every method answers as the command of the same name does, from the same query functions, through
the same cache, and returns a result (`results.py`) whose `as_dict()` is that command's JSON
contract, typed by `contract.py`. Names are found as the CLI finds them; lookups follow pycountry:
`get_*` returns None when nothing matches, `lookup_*` (and the questions) raise `MatchError`, a
`LookupError` whose `reason` is "none" or "several" and whose `candidates` are the suggestions or
the equally good matches. Nothing here prints or exits. Importing this module loads neither Typer
nor Rich; the query modules are imported by the methods that need them.
"""

from __future__ import annotations

import functools
import inspect
import os
import threading
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar, cast

from networks_cli.errors import NetworksError, NotFoundError, UsageError
from networks_cli.results import (
    CitationsResult,
    ComparisonResult,
    CoverageResult,
    ExportResult,
    GraphMetricsResult,
    GraphResult,
    HistoryResult,
    ImportResult,
    MapResult,
    MatrixResult,
    MembershipsResult,
    NetworkListResult,
    NetworkResult,
    OrganisationResult,
    PartnersResult,
    ProjectPartnersResult,
    ProjectResult,
    ProjectSearchResult,
    RegionResult,
    RegionsResult,
    ReportResult,
    SchemaResult,
    SearchResult,
    SourcesResult,
    ThemesResult,
    ValidationResult,
)

if TYPE_CHECKING:
    from types import TracebackType

    from networks_cli.answers.discovery import Scope
    from networks_cli.contract import NetworkSummary, ProjectPartnersAnswer, RegionRecord, SearchHit
    from networks_cli.dataset.store import Store
    from networks_cli.projects.cordis import ImportProgress as ImportProgress
    from networks_cli.projects.cordis import ProgressCallback

T = TypeVar("T")
PathLike = str | os.PathLike[str]
Names = str | Iterable[str]  # a filter: one name, or several
PROJECT_SEARCH_LIMIT = 20  # a search of imported projects lists this many unless asked for more
Asked = ParamSpec("Asked")
Answer = TypeVar("Answer")


def _answering(
    question: Callable[Concatenate[Atlas, Asked], Answer],
) -> Callable[Concatenate[Atlas, Asked], Answer]:
    """A question asked of the store: if the query cache turns out damaged while it is answered, the
    cache is discarded and the question asked again of the file (which rebuilds the cache), so a bad
    cache never becomes an error, whether the question comes from the command line or a notebook."""

    @wraps(question)
    def asked(atlas: Atlas, /, *args: Asked.args, **kwargs: Asked.kwargs) -> Answer:
        from networks_cli.dataset import cache

        try:
            return question(atlas, *args, **kwargs)
        except cache.DAMAGE as error:
            if isinstance(error, NetworksError) or not cache.discard_if_damaged(atlas.store):
                raise  # an answer's own error (not found…), or a store built from the file just now
        atlas.store = cache.open_store(atlas.path, use_cache=atlas.use_cache, overlays=atlas.overlays)
        return question(atlas, *args, **kwargs)

    return asked


def _names(names: Names) -> tuple[str, ...]:
    return (names,) if isinstance(names, str) else tuple(names)


class Atlas:
    """A dataset, ready for questions. Open one with `Atlas.open()`.

    An Atlas may be shared between threads: its methods take turns (a lock), on one SQLite connection
    that any thread may use, so each call answers as it would alone. For answers in parallel, open one
    Atlas per thread (the cache is shared, and safe under concurrent readers)."""

    __slots__ = ("_lock", "overlays", "path", "store", "use_cache")

    def __init__(
        self, store: Store, path: Path | None = None, use_cache: bool = True, overlays: tuple[Path, ...] = ()
    ) -> None:
        self.store = store
        self.path = path  # None: the bundled dataset
        self.use_cache = use_cache  # how to reopen the dataset if its cache turns out damaged
        self.overlays = overlays  # the files whose records were added (`--with FILE`)
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: PathLike | None = None, cache: bool = True, overlays: Iterable[PathLike] = ()) -> Atlas:
        """Open a dataset for questions.

        Args:
            path: a dataset file (`--data FILE`); None for the bundled dataset.
            cache: read and write the query cache (False: `--no-cache`).
            overlays: files in the dataset format whose networks, members, regions, organisations,
                sources and themes are added to the dataset (`--with FILE`), in order. Their ids
                resolve against the dataset and each other; a network of the dataset that an overlay
                names by id with nothing but `members` gains those members. Every record an overlay
                added carries `origin` (the overlay's file name) in the answers.

        Returns:
            The `Atlas`; close it with `close()` or use it as a context manager.

        Raises:
            DataError: a file cannot be read or is invalid, or an overlay redefines an id the dataset
                uses (one line per problem; the CLI exits 4).

        Example:
            >>> with Atlas.open(overlays=["mine.toml"]) as atlas:  # doctest: +SKIP
            ...     atlas.network("errin").as_dict()["members"][-1]["origin"]
            'mine.toml'
        """
        from networks_cli.dataset.cache import open_store

        file = Path(path) if path is not None else None
        added = tuple(Path(overlay) for overlay in overlays)
        return cls(open_store(file, use_cache=cache, overlays=added), file, cache, added)

    def close(self) -> None:
        """Close the dataset's store. Unneeded with `with Atlas.open() as atlas:`, which closes it.

        Returns:
            None.

        Example:
            >>> atlas = Atlas.open()
            >>> atlas.close()
        """
        self.store.connection.close()

    def __enter__(self) -> Atlas:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        added = f", overlays={[str(overlay) for overlay in self.overlays]!r}" if self.overlays else ""
        return f"Atlas({str(self.path) if self.path else 'bundled dataset'!r}{added})"

    # ------------------------------------------------------------ lookups (pycountry's get/lookup)

    @_answering
    def lookup_region(self, name: str) -> RegionRecord:
        """The region a name (any language or spelling), NUTS code or id names, in the dataset or
        among all European regions (then `in_dataset` is False and `id` None).

        Args:
            name: "Małopolska", "Lesser Poland", "PL21", "malopolska"…

        Returns:
            A `RegionRecord` dict: id, in_dataset, name, country, nuts, nuts_version, nuts_level,
            nuts_label, names, note, origin.

        Raises:
            NotFoundError: nothing matches (reason "none"; `candidates` are suggestions).
            AmbiguousError: several match equally well (reason "several").

        Example:
            >>> Atlas.open().lookup_region("Malopolska")["nuts"]
            'PL21'
        """
        from networks_cli.answers.queries import region_record, resolve_region

        return region_record(resolve_region(self.store, name))

    @_answering
    def get_region(self, name: str) -> RegionRecord | None:
        """Like `lookup_region`, but None when nothing matches (a name that matches several still raises).

        Args:
            name: a region's name, NUTS code or id.

        Returns:
            A `RegionRecord` dict, or None.

        Example:
            >>> Atlas.open().get_region("Atlantis") is None
            True
        """
        try:
            return self.lookup_region(name)
        except NotFoundError:
            return None

    @_answering
    def lookup_network(self, name: str) -> NetworkSummary:
        """The network an id, name or acronym names, as `networks list` shows it.

        Args:
            name: "nereus", "BERRY+", "Vanguard Initiative"…

        Returns:
            A `NetworkSummary` dict (id, name, acronym, category, founded, themes, member_count,
            members_by_status, latest counts, coverage, origin…).

        Raises:
            NotFoundError, AmbiguousError: as `lookup_region` does.

        Example:
            >>> Atlas.open().lookup_network("BERRY+")["id"]
            'berry-plus'
        """
        from networks_cli.answers.lookup import find_id
        from networks_cli.answers.queries import network_summary

        network = self.store.network(find_id(self.store, "network", name))
        assert network is not None  # find_id only returns ids the store holds
        return network_summary(network)

    @_answering
    def get_network(self, name: str) -> NetworkSummary | None:
        """Like `lookup_network`, but None when nothing matches.

        Args:
            name: a network's id, name or acronym.

        Returns:
            A `NetworkSummary` dict, or None.

        Example:
            >>> Atlas.open().get_network("no such network") is None
            True
        """
        try:
            return self.lookup_network(name)
        except NotFoundError:
            return None

    # ------------------------------------------------------------ the questions, one per command

    @_answering
    def list_networks(self, themes: Names = (), kinds: Names = (), platforms: Names = ()) -> NetworkListResult:
        """`networks list [--theme T…] [--kind K…] [--platform P…]`: every network, or those with any of
        the themes, of any of the kinds, of any of the platforms or families.

        Args:
            themes: theme ids or names (`themes()` lists them); one or several.
            kinds: categories: association, network, commission, partnership, initiative, label, programme.
            platforms: a partnership's platform or family ("Industrial Modernisation").

        Returns:
            A `NetworkListResult`: a list of `NetworkSummary` dicts, in the dataset's order.

        Example:
            >>> [network["id"] for network in Atlas.open().list_networks(themes="space")]
            ['nereus']
        """
        from networks_cli.answers.queries import category, list_networks, theme_id

        themes_ = [theme_id(self.store, theme) for theme in _names(themes)]
        kinds_ = [category(kind) for kind in _names(kinds)]
        return NetworkListResult(list_networks(self.store, themes_, kinds_, list(_names(platforms))))

    @_answering
    def network(self, name: str, current: bool = False) -> NetworkResult:
        """`networks show NETWORK [--current]`: a network's full profile, its members by role (lead
        first), then status, then name. `show` is the same method.

        Args:
            name: the network's id, name or acronym.
            current: only the members whose status is current.

        Returns:
            A `NetworkResult`; `as_dict()` is the summary's fields plus full_name, description,
            founded_detail, legal_form, lists, member_counts, facts, members (each with role,
            status, last_confirmed, source, quote, origin) and the sources cited.

        Raises:
            NotFoundError, AmbiguousError: no network, or several, match `name`.

        Example:
            >>> Atlas.open().network("nereus").as_dict()["member_count"]  # doctest: +SKIP
            41
        """
        from networks_cli.answers.queries import network_profile

        return NetworkResult(network_profile(self.store, name, current))

    show = network

    @_answering
    def region(self, name: str, current: bool = False) -> RegionResult:
        """`networks region REGION [--current]`: a region and the networks it is in, its own memberships
        and its organisations' (each with role, since, status, evidence and origin).

        Args:
            name: the region's name in any language or spelling, NUTS code or id (or a town in it).
            current: only the networks it is in by a current membership (its own, or an organisation's).

        Returns:
            A `RegionResult`; `as_dict()` has region, networks, partial_lists, unknown_lists,
            organisations, related, sources and projects.

        Raises:
            NotFoundError, AmbiguousError: as `lookup_region` does.

        Example:
            >>> [n["id"] for n in Atlas.open().region("Małopolska").as_dict()["networks"]][:2]  # doctest: +SKIP
            ['vanguard', 'berry-plus']
        """
        from networks_cli.answers.queries import region_profile

        return RegionResult(region_profile(self.store, name, current))

    @_answering
    def organisation(self, name: str, current: bool = False) -> OrganisationResult:
        """`networks org NAME [--current]`: an organisation, its region (and that region's networks,
        briefly) and the networks it takes part in with role, since, status and evidence. `org` is the
        same method.

        Args:
            name: the organisation's name, short name, alias or id.
            current: only the networks (its own and its region's) by a current membership.

        Returns:
            An `OrganisationResult`; `as_dict()` has organisation, region, region_networks, networks, sources.

        Raises:
            NotFoundError, AmbiguousError: no organisation, or several, match `name`.

        Example:
            >>> Atlas.open().organisation("AGH").as_dict()["organisation"]["name"]
            'AGH University of Kraków'
        """
        from networks_cli.answers.queries import organisation_profile

        return OrganisationResult(organisation_profile(self.store, name, current))

    org = organisation

    @_answering
    def cite(self, subject: str | None = None) -> CitationsResult:
        """`networks cite [NETWORK|REGION]`: the sources a network's or a region's profile cites (a
        network's name wins), or every source of the dataset.

        Args:
            subject: a network or a region; None for every source.

        Returns:
            A `CitationsResult`: `as_dict()` has subject, dataset, tool and sources; `.bibtex()`,
            `.csl_json()` and `.text()` format them.

        Raises:
            NotFoundError, AmbiguousError: `subject` names nothing, or several things.

        Example:
            >>> print(Atlas.open().cite("nereus").bibtex())  # doctest: +SKIP
        """
        from networks_cli.answers.queries import citations

        return CitationsResult(citations(self.store, subject))

    @_answering
    def history(self, network: str) -> HistoryResult:
        """`networks history NETWORK`: every member count over time, and the dated joins and departures.

        Args:
            network: the network's id, name or acronym.

        Returns:
            A `HistoryResult`; `as_dict()` has id, name, member_count, members_by_status, latest,
            latest_counts, first, counts, events and sources.

        Raises:
            NotFoundError, AmbiguousError: as `network` does.

        Example:
            >>> [count["count"] for count in Atlas.open().history("vanguard").as_dict()["counts"]]  # doctest: +SKIP
        """
        from networks_cli.answers.queries import network_history

        return HistoryResult(network_history(self.store, network))

    @_answering
    def partners(
        self,
        region: str,
        *,
        networks: Names = (),
        countries: Names = (),
        themes: Names = (),
        current: bool = False,
        limit: int | None = None,
        basis: str = "networks",
        topics: Names = (),
        shared_only: bool = False,
        sort: str = "score",
    ) -> PartnersResult:
        """`networks partners REGION`: the regions worth calling, and why (`answers.ranking`).

        Each partner has `score`, `why` (the parts of the score: shared networks weighed by size,
        status and role, shared pilots and working groups, activity, topic fit), `new_contact` (it
        shares no network) and `caveats` (lists known to be partial).

        Args:
            region: the region's name, NUTS code or id.
            networks: only these networks (ids, names or acronyms).
            countries: only partners in these countries (ISO or NUTS codes, or names).
            themes: only networks with these themes.
            current: count only memberships whose status is current.
            limit: at most this many partners.
            basis: "networks" (the default), "projects" (imported projects only) or "all" (both).
            topics: free words ("hydrogen") matched against themes, networks, lists and facts; an
                unknown one raises `NotFoundError` with close words.
            sort: "score" (the ranking) or "shared" (most shared networks first, the 0.3.0 order).
            shared_only: only regions that share a network with `region` (no new contacts).

        Returns:
            A `PartnersResult`, a list of partners (region, shared, count, memberships, score, why,
            new_contact, caveats); with `basis` "projects" or "all", a `ProjectPartnersResult` whose
            partners carry their shared projects too.

        Raises:
            NotFoundError, AmbiguousError: a region, network, country, theme or topic names nothing or several.
            UsageError: an unknown `basis` or `sort`.

        Example:
            >>> [p["region"]["id"] for p in Atlas.open().partners("Małopolska", limit=1, sort="shared")]
            ['catalonia']
        """
        from networks_cli.answers.ranking import check_topics, ranked_partners

        scope = self._scope(networks, countries, themes, current)
        if basis == "projects":
            return self._project_partners(region, scope, basis, limit)
        topics_ = _names(topics)
        if basis == "all":
            return self._all_partners(region, scope, limit, topics_, shared_only, sort)
        if topics_:
            check_topics(self.store, topics_)
        if basis != "networks":
            return self._project_partners(region, scope, basis, limit)  # says which bases there are
        answer = ranked_partners(self.store, region, scope, limit, topics=topics_, shared_only=shared_only, sort=sort)
        return PartnersResult(answer)

    @_answering
    def compare(
        self, *regions: str, networks: Names = (), themes: Names = (), current: bool = False
    ) -> ComparisonResult:
        """`networks compare REGION REGION…`: two or more regions' networks side by side.

        Args:
            regions: two or more region names, NUTS codes or ids.
            networks: only these networks.
            themes: only networks with these themes.
            current: count only memberships whose status is current.

        Returns:
            A `ComparisonResult`; `as_dict()` has regions, networks, shared, some, only and scope.

        Raises:
            UsageError: fewer than two regions. NotFoundError, AmbiguousError: as `lookup_region`.

        Example:
            >>> Atlas.open().compare("Małopolska", "Lombardy").as_dict()["shared"]  # doctest: +SKIP
        """
        from networks_cli.answers.discovery import compare

        if len(regions) < 2:
            raise UsageError("give at least two regions to compare")
        scope = self._scope(networks, (), themes, current)
        return ComparisonResult(compare(self.store, list(regions), scope))

    @_answering
    def search(self, words: str | Iterable[str], limit: int | None = None) -> SearchResult:
        """`networks search WORDS…`: ranked hits over networks, regions and organisations (then
        imported projects whose acronym or title holds every word).

        Args:
            words: the words, as one string or several.
            limit: at most this many hits.

        Returns:
            A `SearchResult`: a list of hits (type, id, name, matched, snippet, score, match, command).

        Example:
            >>> [hit["id"] for hit in Atlas.open().search("space", limit=1)]
            ['nereus']
        """
        from networks_cli.answers.discovery import search

        text = words if isinstance(words, str) else " ".join(words)
        hits = search(self.store, text, limit)
        return SearchResult(hits + self._project_hits(text, None if limit is None else limit - len(hits)))

    def _project_hits(self, text: str, room: int | None) -> list[SearchHit]:
        """Imported projects whose acronym or title holds every word, after the atlas's own hits (score 0);
        at most 20 unless a limit leaves more room. None when nothing is imported."""
        from networks_cli.projects.home import projects_imported

        if not projects_imported() or (room is not None and room <= 0):
            return []
        from networks_cli.projects.store import open_projects

        projects = open_projects()
        if projects is None:
            return []
        try:
            found = projects.search(text.split(), room if room is not None else 20)
        finally:
            projects.close()
        words = [word.lower() for word in text.split()]
        return [
            {
                "type": "project",
                "id": hit["id"],
                "name": hit["acronym"],
                "matched": "acronym" if all(word in hit["acronym"].lower() for word in words) else "title",
                "snippet": hit["title"],
                "score": 0.0,
                "match": "word",
                "command": f"networks project {hit['id']}",
            }
            for hit in found
        ]

    @_answering
    def regions(
        self,
        *,
        countries: Names = (),
        networks: Names = (),
        themes: Names = (),
        current: bool = False,
    ) -> RegionsResult:
        """`networks regions`: the dataset's regions with country, NUTS code and networks.

        Args:
            countries: only regions of these countries (ISO or NUTS codes, or names).
            networks: only regions in these networks.
            themes: count only networks with these themes.
            current: count only memberships whose status is current.

        Returns:
            A `RegionsResult`: a list of rows (id, name, country, nuts, networks, network_ids,
            organisation_networks), by country then name.

        Example:
            >>> len(Atlas.open().regions(countries="FI")) > 0
            True
        """
        from networks_cli.answers.discovery import regions_list

        return RegionsResult(regions_list(self.store, self._scope(networks, countries, themes, current)))

    @_answering
    def matrix(
        self,
        *,
        networks: Names = (),
        countries: Names = (),
        themes: Names = (),
        current: bool = False,
    ) -> MatrixResult:
        """`networks matrix`: regions down, networks across, each cell how the region takes part.

        Args:
            networks: only these networks.
            countries: only regions of these countries.
            themes: only networks with these themes.
            current: only memberships whose status is current.

        Returns:
            A `MatrixResult`; `as_dict()` has networks, regions (each with its cells) and scope.

        Example:
            >>> sorted(Atlas.open().matrix(countries="FI").as_dict())
            ['networks', 'regions', 'scope']
        """
        from networks_cli.answers.discovery import matrix

        return MatrixResult(matrix(self.store, self._scope(networks, countries, themes, current)))

    @_answering
    def memberships(
        self,
        *,
        networks: Names = (),
        countries: Names = (),
        themes: Names = (),
        current: bool = False,
    ) -> MembershipsResult:
        """Every membership as one table: the frame analysts used to build by hand.

        Args:
            networks: only these networks (ids, names or acronyms); one name or several.
            countries: only members whose region is in these countries (ISO or NUTS codes, or names).
            themes: only networks with these themes (ids or names).
            current: only memberships whose status is current.

        Returns:
            A `MembershipsResult`, a list of rows in the dataset's order (network by network): network,
            network_name, member, member_name, member_type (region or organisation), region,
            region_name, country, nuts, role, represents_region, status, since, until,
            last_confirmed, source, quote (the source's words) and origin (the overlay it came
            from, or None). `as_dict()` keeps last_confirmed as {date, bound, source};
            `records()` and `to_pandas()` give its date.

        Example:
            >>> frame = Atlas.open().memberships(countries="PL").to_pandas()  # doctest: +SKIP
            >>> frame.groupby("network_name").size().sort_values().tail(1)  # doctest: +SKIP
        """
        from networks_cli.answers.discovery import membership_rows

        return MembershipsResult(membership_rows(self.store, self._scope(networks, countries, themes, current)))

    @_answering
    def coverage(self, network: str | None = None, sort: str = "name") -> CoverageResult:
        """`networks coverage [NETWORK]`: how complete and how recent the atlas is.

        Without `network`: every network's members listed (current, unconfirmed, former), the latest
        count it declares, the share listed and the oldest and newest confirmation, with the atlas's
        totals. With a network: its row and its members by last confirmation, newest first.

        Args:
            network: a network's id, name or acronym; None for every network.
            sort: name, share, listed, current, declared, newest or oldest.

        Returns:
            A `CoverageResult` (`as_dict()` is `networks coverage --json`).

        Example:
            >>> Atlas.open().coverage("aer").as_dict()["network"]["coverage"]["phrase"]  # doctest: +SKIP
            '60 of 260 or about 230 members listed'
        """
        from networks_cli.answers.coverage import atlas_coverage, network_coverage

        if network is not None:
            return CoverageResult(network_coverage(self.store, network))
        return CoverageResult(atlas_coverage(self.store, sort))

    @_answering
    def themes(self) -> ThemesResult:
        """`networks themes`: the theme vocabulary and how many networks carry each theme.

        Returns:
            A `ThemesResult`: a list of themes (id, name, description, networks).

        Example:
            >>> [theme["id"] for theme in Atlas.open().themes()][:2]
            ['space', 'bioeconomy']
        """
        from networks_cli.answers.discovery import themes_list

        return ThemesResult(themes_list(self.store))

    def validate(self, path: PathLike | None = None, strict: bool = False) -> ValidationResult:
        """`networks validate [PATH]`: every error and warning of a file (this atlas's own by default,
        with its overlays checked against it). Never raises for a bad file: the errors are the answer.

        Args:
            path: another dataset file to check instead.
            strict: warnings make the file fail too (`--strict`, exit 5).

        Returns:
            A `ValidationResult`; `as_dict()` has path, valid, strict, errors, warnings, notes, counts.

        Example:
            >>> Atlas.open().validate().as_dict()["valid"]
            True
        """
        if path is not None:
            return validate(path, strict)
        return validate(self.path, strict, self.overlays)

    def _all_partners(
        self, region: str, scope: Scope, limit: int | None, topics: tuple[str, ...], shared_only: bool, sort: str
    ) -> ProjectPartnersResult:
        """`--basis all`: the ranked partners, with shared projects folded into the score (and, with
        topics, the shared projects on a topic as topic fit)."""
        from networks_cli.answers.projects import project_partners, projects_on_topics
        from networks_cli.answers.ranking import check_topics, no_topic_match, ranked_partners, with_projects
        from networks_cli.dataset.names import topic_words

        on_topic = projects_on_topics([words for words in map(topic_words, topics) if words])  # topic → projects
        matched = [topic for topic, found in on_topic.items() if found]
        check_topics(self.store, topics, matched, "the atlas or the imported projects")
        ranked = ranked_partners(
            self.store, region, scope, None, topics=topics, shared_only=shared_only, sort=sort, topic_rule=False
        )
        answer = project_partners(self.store, ranked, "all", scope.countries, None)
        folded = with_projects(dict(answer), sort, limit, shared_only, on_topic, bool(scope.networks))
        asked = [words for words in map(topic_words, topics) if words]
        if note := no_topic_match(folded["partners"], scope.countries, asked):
            folded = folded | {"partners": [], "notes": [*folded.get("notes", []), note]}
        return ProjectPartnersResult(cast("ProjectPartnersAnswer", folded))

    def _project_partners(self, region: str, scope: Scope, basis: str, limit: int | None) -> ProjectPartnersResult:
        from networks_cli.answers.discovery import partners
        from networks_cli.answers.projects import BASES, project_partners

        if basis not in BASES:
            raise UsageError(f"invalid basis {basis!r}: choose one of {', '.join(BASES)}")
        answer = partners(self.store, region, scope, None)
        return ProjectPartnersResult(project_partners(self.store, answer, basis, scope.countries, limit))

    # ------------------------------------------------------------ pictures (issue #23)

    @_answering
    def graph(self, project: str | None = None, basis: str | None = None) -> GraphResult:
        """`networks graph [--project regions] [--basis networks|projects|all]`: the memberships as a graph.

        Args:
            project: None for the bipartite graph (regions and organisations by networks, and regions by
                imported projects), or "regions" for regions joined by the networks and projects they
                share (each edge's `weight` how many, each counting one).
            basis: what the graph is built from, in the words of `partners`: "networks", "projects"
                (imported from CORDIS) or "all"; None: "all" after `networks import cordis`, else
                "networks".

        Returns:
            A `GraphResult`: `.as_dict()` is node-link JSON (nodes and edges with every attribute),
            `.write(format)` GraphML, GEXF, Pajek or CSV, `.to_networkx()` a networkx graph.

        Raises:
            UsageError: an unknown `project` or `basis`, or projects asked for and none imported.

        >>> Atlas.open().graph(project="regions").as_dict()["graph"]["mode"]  # doctest: +SKIP
        'regions'
        """
        from networks_cli.answers.graph import PROJECTIONS, graph_basis, membership_graph, region_projection

        chosen = graph_basis(basis)
        if project is None:
            return GraphResult(membership_graph(self.store, chosen))
        if project not in PROJECTIONS:
            raise UsageError(f"invalid projection {project!r}: choose {', '.join(PROJECTIONS)}")
        return GraphResult(region_projection(self.store, chosen))

    @_answering
    def graph_metrics(self, basis: str | None = None) -> GraphMetricsResult:
        """`networks graph --metrics`: each region's centralities and community.

        Degree, strength, betweenness and eigenvector centrality and community in the region-region
        projection. Needs networkx (the `[graph]` extra).

        Args:
            basis: what the projection is built from, as for `graph`: "networks", "projects" or "all";
                None: "all" after `networks import cordis`, else "networks".

        Returns:
            A `GraphMetricsResult`, one row per region.

        Raises:
            UsageError: networkx is not installed (the message says what to install); an unknown
                `basis`, or projects asked for and none imported.

        >>> Atlas.open().graph_metrics().as_dict()[0]["region"]  # doctest: +SKIP
        'malopolska'
        """
        from networks_cli.answers.graph import graph_basis, projection_metrics, region_projection

        return GraphMetricsResult(projection_metrics(region_projection(self.store, graph_basis(basis))))

    @_answering
    def map(self, subject: str, by: str = "status", geometry: PathLike | None = None) -> MapResult:
        """`networks map NETWORK|REGION`: members (or a region's partners) on a map.

        Args:
            subject: a network (its members in their NUTS 2 squares) or a region (it and its partners,
                shaded by score); a network's name wins.
            by: "status" (the default) or "role": what a square's colour says.
            geometry: a GeoJSON or TopoJSON file whose boundaries, joined on the NUTS code, are drawn
                instead of the tile grid.

        Returns:
            A `MapResult`: `.as_dict()` its areas, `.svg()` the picture, `.text()` a terminal rendering.

        Raises:
            NotFoundError, AmbiguousError: the subject names nothing or several.
            DataError: a geometry file that is not GeoJSON/TopoJSON or has no NUTS ids.

        >>> Atlas.open().map("vanguard").svg()[:4]  # doctest: +SKIP
        '<svg'
        """
        from networks_cli.answers.maps import MAP_BASES, subject_map

        if by not in MAP_BASES:
            raise UsageError(f"invalid colouring {by!r}: choose one of {', '.join(MAP_BASES)}")
        shapes = None
        if geometry is not None:
            from networks_cli.answers.geometry import read_geometry

            shapes = read_geometry(Path(geometry))
        return MapResult(subject_map(self.store, subject, by), shapes)

    @_answering
    def report(self, subject: str, partners: int = 10) -> ReportResult:
        """`networks report REGION|NETWORK`: a dossier made of the answers the commands give.

        For a region: its profile, its best partners, its networks over time and its map; for a
        network: its profile, history and map; each with every source, when the dataset was compiled
        and how complete the lists it relies on are.

        Args:
            subject: a region or a network (a network's name wins).
            partners: at most this many partners in a region's report.

        Returns:
            A `ReportResult`: `.as_dict()` the answers, `.html()` one self-contained page, `.markdown()`.

        Raises:
            NotFoundError, AmbiguousError: the subject names nothing or several.

        >>> Atlas.open().report("nereus").as_dict()["type"]  # doctest: +SKIP
        'network'
        """
        from networks_cli.answers.maps import network_map, region_map
        from networks_cli.answers.report import completeness, dataset_info, networks_by_year
        from networks_cli.errors import NotFoundError

        dataset = dataset_info(self.store)
        try:
            network = self.network(subject).as_dict()
        except NotFoundError as not_network:
            try:
                profile = self.region(subject).as_dict()
            except NotFoundError as not_region:
                suggestions = list(dict.fromkeys([*not_network.suggestions, *not_region.suggestions]))[:5]
                raise NotFoundError("network or region", subject, suggestions, not_region.hint) from None
            key = profile["region"]["id"] or str(profile["region"]["nuts"] or subject)
            return ReportResult(
                {
                    "type": "region",
                    "dataset": dataset,
                    "profile": profile,
                    # As `partners` ranks them, its own fields kept (a score and reasons, once it gives them).
                    "partners": self.partners(key, limit=partners).answer,
                    "map": region_map(self.store, key),
                    "timeline": networks_by_year(profile["networks"], _year(dataset["updated"])),
                    "completeness": completeness(self.store, [entry["id"] for entry in profile["networks"]]),
                }
            )
        return ReportResult(
            {
                "type": "network",
                "dataset": dataset,
                "profile": network,
                "history": self.history(network["id"]).as_dict(),
                "map": network_map(self.store, network["id"]),
                "completeness": completeness(self.store, [network["id"]]),
            }
        )

    # ------------------------------------------------------------ imported projects (issue #15)

    def project(self, query: str) -> ProjectResult:
        """`networks project ID`: an imported project (number or acronym) and its consortium by region.

        Args:
            query: the project's number or acronym.

        Returns:
            A `ProjectResult`.

        Raises:
            NotFoundError: nothing is imported (`import_projects` first), or no project matches.

        Example:
            >>> Atlas.open().project("101000000").as_dict()  # doctest: +SKIP
        """
        from networks_cli.projects.store import require_projects

        projects = require_projects()
        try:
            return ProjectResult(projects.project(query))
        finally:
            projects.close()

    def search_projects(self, words: str | Iterable[str], limit: int | None = None) -> ProjectSearchResult:
        """`networks project --search WORDS…`: imported projects whose acronym or title holds every word.

        Args:
            words: the words, as one string or several.
            limit: at most this many (PROJECT_SEARCH_LIMIT when None).

        Returns:
            A `ProjectSearchResult`: a list of projects.

        Example:
            >>> Atlas.open().search_projects("hydrogen", limit=5).as_dict()  # doctest: +SKIP
        """
        from networks_cli.projects.store import require_projects

        projects = require_projects()
        try:
            text = words if isinstance(words, str) else " ".join(words)
            return ProjectSearchResult(projects.search(text.split(), limit or PROJECT_SEARCH_LIMIT))
        finally:
            projects.close()

    @_answering
    def sources(self) -> SourcesResult:
        """`networks sources`: the atlas's version and what is imported, with its licence.

        Returns:
            A `SourcesResult`; `as_dict()` has dataset (name, version) and projects.

        Example:
            >>> Atlas.open().sources().as_dict()["dataset"]["name"]
            'bundled dataset'
        """
        from networks_cli.dataset.loader import bundled_dataset_version

        if self.path is None:
            dataset = {"name": "bundled dataset", "version": bundled_dataset_version()}
        else:
            dataset = {"name": str(self.path), "version": f"sha256 {(self.store.meta('sha256') or '?')[:12]}"}
        return SourcesResult({"dataset": dataset, "projects": import_status()})

    @_answering
    def export_sqlite(self, path: PathLike, force: bool = False) -> ExportResult:
        """`networks export --sqlite PATH [--force]`: every table (with imported projects) in one SQLite
        file, and a Datasette `metadata.json` beside it. Never writes through a link or over anything but
        a regular file; replaces a file an export did not write only with `force`.

        Args:
            path: the SQLite file to write.
            force: replace a file there that an export did not write.

        Returns:
            An `ExportResult` saying what was written.

        Example:
            >>> Atlas.open().export_sqlite("atlas.sqlite3")  # doctest: +SKIP
        """
        from networks_cli.answers.export import export_sqlite

        return ExportResult(export_sqlite(self.store, Path(path), self._dataset_name(), force))

    @_answering
    def export_xlsx(self, path: PathLike, force: bool = False) -> ExportResult:
        """`networks export --xlsx FILE`: the same tables as one Excel workbook, a sheet per table, and
        an "about" sheet with each table's source and licence. Needs openpyxl (the `[excel]` extra).

        Args:
            path: the workbook to write (.xlsx).
            force: replace a file there that is not a workbook an export wrote (never a link).

        Returns:
            An `ExportResult` saying what was written (format "xlsx").

        Raises:
            UsageError: openpyxl is not installed (`pip install 'networks-cli[excel]'`).

        Example:
            >>> Atlas.open().export_xlsx("atlas.xlsx").as_dict()["tables"]["memberships"]  # doctest: +SKIP
        """
        from networks_cli.answers.export_xlsx import export_xlsx

        return ExportResult(export_xlsx(self.store, Path(path), self._dataset_name(), force))

    @_answering
    def export_csv(self, directory: PathLike, force: bool = False, excel: bool = False) -> ExportResult:
        """`networks export --csv DIR [--force] [--excel]`: the same tables as CSV files, with a
        Frictionless `datapackage.json`, all or nothing; a folder holding other files only with `force`.

        Args:
            directory: the folder to write into.
            force: write into a folder that holds files an export did not write.
            excel: write the files as Excel opens them with their accents intact (UTF-8 with a byte
                order mark, CRLF line ends: `--excel`).

        Returns:
            An `ExportResult` saying what was written.

        Example:
            >>> Atlas.open().export_csv("atlas-csv")  # doctest: +SKIP
        """
        from networks_cli.answers.export import export_csv

        return ExportResult(export_csv(self.store, Path(directory), self._dataset_name(), force, excel))

    def _dataset_name(self) -> str:
        from networks_cli.dataset.loader import bundled_dataset_version

        return f"bundled dataset {bundled_dataset_version()}" if self.path is None else str(self.path)

    def _scope(self, networks: Names, countries: Names, themes: Names, current: bool) -> Scope:
        from networks_cli.answers.discovery import resolve_scope

        return resolve_scope(self.store, _names(networks), _names(countries), _names(themes), current)


def _taking_turns(method: Callable[..., T]) -> Callable[..., T]:
    @functools.wraps(method)
    def in_turn(self: Atlas, *args: Any, **kwargs: Any) -> T:
        with self._lock:
            return method(self, *args, **kwargs)

    return in_turn


# Every method of an Atlas takes the lock (reentrant: methods call each other), so that threads sharing
# one never use its connection at once: sqlite3 refused that, and the store's temporary tables would mix.
for _name, _method in list(vars(Atlas).items()):
    if inspect.isfunction(_method) and _name not in ("__init__", "__repr__", "__enter__"):
        setattr(Atlas, _name, _taking_turns(_method))
del _name, _method


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date and date[:4].isdigit() else None


def validate(path: PathLike | None = None, strict: bool = False, overlays: Iterable[PathLike] = ()) -> ValidationResult:
    """`networks validate [PATH] [--with FILE…]`: check a dataset file (the bundled one by default)
    without opening it as an atlas; with `overlays`, check those files against it instead (their
    records one by one, then every id they use against the dataset and the overlays before them).

    Returns a `ValidationResult`; `as_dict()` has path, valid, strict, errors, warnings, notes and
    counts (of the overlays' own records when given). Never raises for a bad file: the errors are the answer.

    >>> validate(overlays=["mine.toml"]).as_dict()["valid"]  # doctest: +SKIP
    True
    """
    from networks_cli.answers.validation import validate_file

    added = [Path(overlay) for overlay in overlays]
    return ValidationResult(validate_file(Path(path) if path is not None else None, added), strict)


def import_sources() -> list[str]:
    """The names of the sources projects can be imported from (`networks import SOURCE PATH`)."""
    from networks_cli.projects.sources import SOURCES

    return list(SOURCES)


def import_source(name: str) -> str:
    """A source's name as the registry spells it; `UsageError` naming the sources for one there is not."""
    from networks_cli.projects.sources import source_named

    return source_named(name).name


def import_projects(source: str, path: PathLike, progress: ProgressCallback | None = None) -> ImportResult:
    """`networks import SOURCE PATH`: import a source's projects (CORDIS's export: zip, files or folder),
    replacing any earlier import at once. Raises `UsageError` for a source there is not, `DataError`
    for bad input, leaving the previous import as it was.

    `progress`, when given, is called with an `ImportProgress` (file, rows, bytes_read, bytes_total)
    after each batch of rows and at the end of each file: a long import's sign of life.

    >>> import_projects("cordis", "cordis-HORIZONprojects-csv.zip", progress=print)  # doctest: +SKIP
    """
    from networks_cli.projects.sources import source_named

    return ImportResult(source_named(source).read(Path(path), progress))


def import_cordis(path: PathLike) -> ImportResult:
    """`networks import cordis PATH` (kept for 0.3.0 callers: `import_projects("cordis", path)`)."""
    return import_projects("cordis", path)


def import_status() -> dict[str, object]:
    from networks_cli.projects.store import import_status as status

    return status()


def remove_projects(source: str = "cordis") -> ImportResult:
    """`networks import --remove SOURCE`: delete the projects imported from it."""
    from networks_cli.projects.sources import source_named

    source_named(source).remove()
    return ImportResult(import_status())


def cache_notes() -> list[str]:
    """Why the query cache was not used, when it was configured, by the last dataset opened (`--verbose`)."""
    from networks_cli.dataset import cache

    return list(dict.fromkeys(cache.notes))


def bundled_dataset_version() -> str:
    """The version of the dataset that ships with the tool (its `[dataset] version`)."""
    from networks_cli.dataset.loader import bundled_dataset_version as version

    return version()


def schema() -> SchemaResult:
    """`networks schema`: the JSON Schema of the dataset format."""
    from networks_cli.dataset.models import dataset_schema

    return SchemaResult(dataset_schema())


def complete(
    kind: str, incomplete: str, data: PathLike | None = None, overlays: Iterable[PathLike] = ()
) -> list[tuple[str, str]]:
    """Shell completion: (value, what it is) for names of `kind` ("region", "network", …) that match
    what has been typed, of the dataset and the overlays on it (`--with FILE`), from a fresh query
    cache or the files; never validates the dataset."""
    from networks_cli.answers.completion import completions

    added = [Path(overlay) for overlay in overlays]
    return completions(kind, incomplete, Path(data) if data is not None else None, added)


def complete_country(incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of a country code or name."""
    from networks_cli.answers.completion import country_completions

    return country_completions(incomplete)
