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

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from networks_cli.errors import NotFoundError, UsageError
from networks_cli.results import (
    CitationsResult,
    ComparisonResult,
    ExportResult,
    HistoryResult,
    ImportResult,
    MatrixResult,
    NetworkListResult,
    NetworkResult,
    OrganisationResult,
    PartnersResult,
    ProjectPartnersResult,
    ProjectResult,
    ProjectSearchResult,
    RegionResult,
    RegionsResult,
    SearchResult,
    SourcesResult,
    ThemesResult,
    ValidationResult,
)

if TYPE_CHECKING:
    from types import TracebackType

    from networks_cli.answers.discovery import Scope
    from networks_cli.contract import NetworkSummary, RegionRecord, SearchHit
    from networks_cli.dataset.store import Store

PathLike = str | os.PathLike[str]
Names = str | Iterable[str]  # a filter: one name, or several


def _names(names: Names) -> tuple[str, ...]:
    return (names,) if isinstance(names, str) else tuple(names)


class Atlas:
    """A dataset, ready for questions. Open one with `Atlas.open()`."""

    __slots__ = ("path", "store")

    def __init__(self, store: Store, path: Path | None = None) -> None:
        self.store = store
        self.path = path  # None: the bundled dataset

    @classmethod
    def open(cls, path: PathLike | None = None, cache: bool = True) -> Atlas:
        """The bundled dataset (`path` None) or a dataset file, through the query cache unless `cache` is
        False. Raises `DataError` (one line per problem) when the file cannot be read or is invalid."""
        from networks_cli.dataset.cache import open_store

        file = Path(path) if path is not None else None
        return cls(open_store(file, use_cache=cache), file)

    def close(self) -> None:
        self.store.connection.close()

    def __enter__(self) -> Atlas:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Atlas({str(self.path) if self.path else 'bundled dataset'!r})"

    # ------------------------------------------------------------ lookups (pycountry's get/lookup)

    def lookup_region(self, name: str) -> RegionRecord:
        """The region a name, NUTS code or id names, in the dataset or among all European regions.
        Raises `NotFoundError` (reason "none") or `AmbiguousError` (reason "several")."""
        from networks_cli.answers.queries import region_record, resolve_region

        return region_record(resolve_region(self.store, name))

    def get_region(self, name: str) -> RegionRecord | None:
        """Like `lookup_region`, but None when nothing matches (a name that matches several still raises)."""
        try:
            return self.lookup_region(name)
        except NotFoundError:
            return None

    def lookup_network(self, name: str) -> NetworkSummary:
        """The network an id, name or acronym names, as `list` shows it. Raises as `lookup_region` does."""
        from networks_cli.answers.lookup import find_id
        from networks_cli.answers.queries import network_summary

        network = self.store.network(find_id(self.store, "network", name))
        assert network is not None  # find_id only returns ids the store holds
        return network_summary(network)

    def get_network(self, name: str) -> NetworkSummary | None:
        """Like `lookup_network`, but None when nothing matches."""
        try:
            return self.lookup_network(name)
        except NotFoundError:
            return None

    # ------------------------------------------------------------ the questions, one per command

    def list_networks(self, themes: Names = (), kinds: Names = (), platforms: Names = ()) -> NetworkListResult:
        """`networks list [--theme T…] [--kind K…] [--platform P…]`: every network, or those with any of
        the themes (ids or names), of any of the kinds (categories), of any of the platforms or families."""
        from networks_cli.answers.queries import category, list_networks, theme_id

        themes_ = [theme_id(self.store, theme) for theme in _names(themes)]
        kinds_ = [category(kind) for kind in _names(kinds)]
        return NetworkListResult(list_networks(self.store, themes_, kinds_, list(_names(platforms))))

    def network(self, name: str, current: bool = False) -> NetworkResult:
        """`networks show NETWORK [--current]`: a network's full profile, its members by role (lead
        first), then status, then name; with `current`, only the members whose status is current."""
        from networks_cli.answers.queries import network_profile

        return NetworkResult(network_profile(self.store, name, current))

    show = network

    def region(self, name: str) -> RegionResult:
        """`networks region REGION`: a region and the networks it is in."""
        from networks_cli.answers.queries import region_profile

        return RegionResult(region_profile(self.store, name))

    def organisation(self, name: str) -> OrganisationResult:
        """`networks org NAME`: an organisation (by name, short name or alias), its region, and the
        networks it takes part in with role, since, status and evidence."""
        from networks_cli.answers.queries import organisation_profile

        return OrganisationResult(organisation_profile(self.store, name))

    org = organisation

    def cite(self, subject: str | None = None) -> CitationsResult:
        """`networks cite [NETWORK|REGION]`: the sources a network's or a region's profile cites (a
        network's name wins), or every source of the dataset; `.bibtex()`, `.csl_json()`, `.text()`."""
        from networks_cli.answers.queries import citations

        return CitationsResult(citations(self.store, subject))

    def history(self, network: str) -> HistoryResult:
        """`networks history NETWORK`: every member count over time, and the dated joins and departures."""
        from networks_cli.answers.queries import network_history

        return HistoryResult(network_history(self.store, network))

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
        shared_only: bool = True,
        sort: str = "shared",
    ) -> PartnersResult:
        """`networks partners REGION`: the regions worth calling, best score first (`answers.ranking`):
        each partner has `score`, `why` (the parts of the score), `new_contact` (shares no network) and
        `caveats`. `topics` are free words matched against themes, networks, lists and facts; an unknown
        one raises `NotFoundError` with close words. `shared_only` keeps only regions sharing a network;
        `sort="shared"` is the order of before (most shared networks first). Until the CLI has --sort and
        --shared-only, the defaults are the command's (today's candidates and order); pass
        `sort="score", shared_only=False` for the ranking. With `basis` "projects"
        (imported projects only) or "all" (networks, then projects), a `ProjectPartnersResult` whose
        partners carry their shared projects too."""
        from networks_cli.answers.ranking import check_topics, ranked_partners

        scope = self._scope(networks, countries, themes, current)
        if basis != "networks":
            return self._project_partners(region, scope, basis, limit)
        topics_ = _names(topics)
        check_topics(self.store, topics_)
        answer = ranked_partners(self.store, region, scope, limit, topics=topics_, shared_only=shared_only, sort=sort)
        return PartnersResult(answer)

    def compare(
        self, *regions: str, networks: Names = (), themes: Names = (), current: bool = False
    ) -> ComparisonResult:
        """`networks compare REGION REGION…`: two or more regions' networks side by side."""
        from networks_cli.answers.discovery import compare

        if len(regions) < 2:
            raise UsageError("give at least two regions to compare")
        scope = self._scope(networks, (), themes, current)
        return ComparisonResult(compare(self.store, list(regions), scope))

    def search(self, words: str | Iterable[str], limit: int | None = None) -> SearchResult:
        """`networks search WORDS…`: ranked hits over networks, regions and organisations."""
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

    def regions(
        self,
        *,
        countries: Names = (),
        networks: Names = (),
        themes: Names = (),
        current: bool = False,
    ) -> RegionsResult:
        """`networks regions`: the dataset's regions with country, NUTS code and networks."""
        from networks_cli.answers.discovery import regions_list

        return RegionsResult(regions_list(self.store, self._scope(networks, countries, themes, current)))

    def matrix(
        self,
        *,
        networks: Names = (),
        countries: Names = (),
        themes: Names = (),
        current: bool = False,
    ) -> MatrixResult:
        """`networks matrix`: regions down, networks across, each cell how the region takes part."""
        from networks_cli.answers.discovery import matrix

        return MatrixResult(matrix(self.store, self._scope(networks, countries, themes, current)))

    def themes(self) -> ThemesResult:
        """`networks themes`: the theme vocabulary and how many networks carry each theme."""
        from networks_cli.answers.discovery import themes_list

        return ThemesResult(themes_list(self.store))

    def validate(self, path: PathLike | None = None, strict: bool = False) -> ValidationResult:
        """`networks validate [PATH]`: every error and warning of a file (this atlas's own by default).
        Never raises for a bad file: the errors are the answer."""
        return validate(path if path is not None else self.path, strict)

    def _project_partners(self, region: str, scope: Scope, basis: str, limit: int | None) -> ProjectPartnersResult:
        from networks_cli.answers.discovery import partners
        from networks_cli.answers.projects import BASES, project_partners

        if basis not in BASES:
            raise UsageError(f"invalid basis {basis!r}: choose one of {', '.join(BASES)}")
        answer = partners(self.store, region, scope, None)
        return ProjectPartnersResult(project_partners(self.store, answer, basis, scope.countries, limit))

    # ------------------------------------------------------------ imported projects (issue #15)

    def project(self, query: str) -> ProjectResult:
        """`networks project ID`: an imported project (number or acronym) and its consortium by region."""
        from networks_cli.projects.store import require_projects

        projects = require_projects()
        try:
            return ProjectResult(projects.project(query))
        finally:
            projects.close()

    def search_projects(self, words: str | Iterable[str], limit: int = 20) -> ProjectSearchResult:
        """`networks project --search WORDS…`: imported projects whose acronym or title holds every word."""
        from networks_cli.projects.store import require_projects

        projects = require_projects()
        try:
            text = words if isinstance(words, str) else " ".join(words)
            return ProjectSearchResult(projects.search(text.split(), limit))
        finally:
            projects.close()

    def sources(self) -> SourcesResult:
        """`networks sources`: the atlas's version and what is imported, with its licence."""
        from networks_cli.dataset.loader import bundled_dataset_version

        if self.path is None:
            dataset = {"name": "bundled dataset", "version": bundled_dataset_version()}
        else:
            dataset = {"name": str(self.path), "version": f"sha256 {(self.store.meta('sha256') or '?')[:12]}"}
        return SourcesResult({"dataset": dataset, "projects": import_status()})

    def export_sqlite(self, path: PathLike) -> ExportResult:
        """`networks export --sqlite PATH`: every table (with imported projects) in one SQLite file, and a
        Datasette `metadata.json` beside it."""
        from networks_cli.answers.export import export_sqlite

        return ExportResult(export_sqlite(self.store, Path(path), self._dataset_name()))

    def export_csv(self, directory: PathLike) -> ExportResult:
        """`networks export --csv DIR`: the same tables as CSV files, with a Frictionless `datapackage.json`."""
        from networks_cli.answers.export import export_csv

        return ExportResult(export_csv(self.store, Path(directory), self._dataset_name()))

    def _dataset_name(self) -> str:
        from networks_cli.dataset.loader import bundled_dataset_version

        return f"bundled dataset {bundled_dataset_version()}" if self.path is None else str(self.path)

    def _scope(self, networks: Names, countries: Names, themes: Names, current: bool) -> Scope:
        from networks_cli.answers.discovery import resolve_scope

        return resolve_scope(self.store, _names(networks), _names(countries), _names(themes), current)


def validate(path: PathLike | None = None, strict: bool = False) -> ValidationResult:
    """Check a dataset file (the bundled one by default) without opening it as an atlas."""
    from networks_cli.answers.validation import validate_file

    return ValidationResult(validate_file(Path(path) if path is not None else None), strict)


def import_cordis(path: PathLike) -> ImportResult:
    """`networks import cordis PATH`: import CORDIS's export (zip, files or folder), replacing any earlier
    import at once. Raises `DataError` for bad input, leaving the previous import as it was."""
    from networks_cli.projects.cordis import import_cordis as run

    return ImportResult(run(Path(path)))


def import_status() -> dict[str, object]:
    from networks_cli.projects.store import import_status as status

    return status()


def remove_projects() -> ImportResult:
    """`networks import --remove cordis`: delete the imported projects."""
    from networks_cli.projects.cordis import remove_import

    remove_import()
    return ImportResult(import_status())
