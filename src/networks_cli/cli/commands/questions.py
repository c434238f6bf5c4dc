"""The questions about networks and regions: each command is its flags, its help and the question it asks.

No `from __future__ import annotations` here (see `cli/options.py`).
"""

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

from networks_cli.cli.app import Question, command
from networks_cli.cli.options import (
    Basis,
    Common,
    CountryFilter,
    CurrentOption,
    EvidenceOption,
    LimitOption,
    NetworkArgument,
    NetworkFilter,
    RegionArgument,
    ThemeFilter,
    comma_list,
    complete,
    complete_region,
)
from networks_cli.output.formats import OutputFormat

if TYPE_CHECKING:
    from networks_cli.atlas import Atlas
    from networks_cli.results import Result

PANEL = "Questions"


@command("list", panel=PANEL, docs="commands.md")
def list_command(
    theme: ThemeFilter = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            "-k",
            help="Only networks of this kind: association, network, commission, partnership, initiative, label, "
            "programme; repeat for several.",
            callback=comma_list,
            show_default=False,
        ),
    ] = None,
    platform: Annotated[
        list[str] | None,
        typer.Option(
            "--platform",
            help="Only partnerships of this platform or family (e.g. Agri-Food, Energy); repeat for several.",
            callback=comma_list,
            show_default=False,
        ),
    ] = None,
) -> Question:
    """List the networks with founding date, members listed and the latest member count.

    \b
    Examples:
      networks list
      networks list --theme space
      networks list --kind commission
      networks list --kind partnership --platform agri-food
      networks list --json | jq -r '.[].id'
    """
    return Question(lambda atlas: atlas.list_networks(theme or [], kind or [], platform or []))


@command(
    "show",
    panel=PANEL,
    docs="commands.md",
    epilog="Every fact names its source, and quotes are short citations of public pages (the seed page's "
    "descriptions are quoted from businessinmalopolska.pl): attribute them when you reuse them; "
    "`networks cite NETWORK` lists them.",
)
def show_command(
    network: NetworkArgument,
    current: Annotated[bool, typer.Option("--current", help="Only the members whose status is current.")] = False,
    evidence: EvidenceOption = False,
) -> Question:
    """Show a network's full profile: facts, its own lists, members, counts and sources.

    A member's status comes from the sources that name it: current when one of the last five years
    before the dataset's date does (2021 or later for a 2026 dataset), former when a source dates its
    end, unconfirmed otherwise, with the date it was last confirmed. The latest count is the one no
    other is known to be newer than; when two cannot be ordered, both are shown.

    Members are sorted by role (lead partner and lead region first, then founding, full, plain and
    associate members, observers), then status (current, unconfirmed, former), then name: in the
    table, the flat formats and the JSON alike.

    \b
    Examples:
      networks show nereus
      networks show nereus --current
      networks show "Baltic Sea Commission" --evidence
      networks show 'BERRY+' --json | jq -r '.members[].name'
    """
    return Question(lambda atlas: atlas.network(network, current), evidence=evidence)


@command("region", panel=PANEL, docs="commands.md")
def region_command(
    region: RegionArgument, current: CurrentOption = False, evidence: EvidenceOption = False
) -> Question:
    """Show a region and the networks it belongs to, with role, since and status.

    \b
    Examples:
      networks region Małopolska
      networks region Opolskie
      networks region Mazowieckie --evidence
      networks region Munich --current
      networks region Malopolska --json | jq -r '.networks[].id'
    """
    return Question(lambda atlas: atlas.region(region, current), evidence=evidence)


@command("org", panel=PANEL, docs="commands.md")
def org_command(
    organisation: Annotated[
        str,
        typer.Argument(
            help="Organisation name, short name or alias, in any case or spelling, or its id.",
            autocompletion=lambda ctx, incomplete: complete("organisation", ctx, incomplete),
        ),
    ],
    current: CurrentOption = False,
    evidence: EvidenceOption = False,
) -> Question:
    """Show an organisation, its region, and the networks it takes part in, with role, since and status.

    \b
    Examples:
      networks org AGH
      networks org "Krakow Technology Park" --evidence
      networks org agh --current --json | jq -r '.networks[].id'
    """
    return Question(lambda atlas: atlas.organisation(organisation, current), evidence=evidence)


class PartnerSort(StrEnum):
    score = "score"
    shared = "shared"


class CiteStyle(StrEnum):
    text = "text"
    bibtex = "bibtex"
    csl_json = "csl-json"


@command("cite", panel=PANEL, docs="commands.md")
def cite_command(
    common: Common,
    subject: Annotated[
        str | None,
        typer.Argument(
            help="A network or a region (a network's name wins); none: the dataset and every source.",
            show_default=False,
        ),
    ] = None,
    style: Annotated[
        CiteStyle | None,
        typer.Option(
            "--style",
            "-s",
            help="The reference list as text (the default), bibtex or csl-json. Without --style, --json and "
            "--format give the answer as data (one row per source).",
            case_sensitive=False,
            show_default=False,
        ),
    ] = None,
) -> Question:
    """Cite the sources behind an answer: every source a network's or a region's profile cites.

    The dataset compiles facts from public sources and quotes each briefly: cite the sources.

    \b
    Examples:
      networks cite nereus
      networks cite Małopolska --style bibtex > malopolska.bib
      networks cite --style csl-json > networks.json
      networks cite berry-plus --json | jq -r '.sources[].url'
    """
    if style is None and (common.output is not None or common.json_flag):
        return Question(lambda atlas: atlas.cite(subject))
    chosen = style or CiteStyle.text
    forced = OutputFormat.json if chosen is CiteStyle.csl_json else OutputFormat.table
    return Question(lambda atlas: atlas.cite(subject).styled(chosen.value), forced=forced)


@command("history", panel=PANEL, docs="commands.md")
def history_command(network: NetworkArgument) -> Question:
    """Show a network's member counts over time, each with its date and source, as a chart and a table.

    \b
    Examples:
      networks history vanguard
      networks history nereus --json | jq -c '.counts[] | [.date, .count]'
    """
    return Question(lambda atlas: atlas.history(network))


@command("partners", panel=PANEL, docs="partners.md")
def partners_command(
    region: Annotated[str, typer.Argument(help="The region looking for partners.", autocompletion=complete_region)],
    network: NetworkFilter = None,
    country: CountryFilter = None,
    theme: ThemeFilter = None,
    current: CurrentOption = False,
    limit: LimitOption = None,
    evidence: EvidenceOption = False,
    basis: Annotated[
        Basis,
        typer.Option(
            "--basis",
            help="Rank by shared networks (networks), by shared EU-funded projects of the regions' organisations "
            "(projects; after `networks import cordis`), or by networks then projects, showing both (all).",
        ),
    ] = Basis.networks,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic",
            help="Free words such as hydrogen or space, matched against themes, networks, their pilots and "
            "working groups, and facts; repeat for several.",
            show_default=False,
        ),
    ] = None,
    sort: Annotated[
        PartnerSort,
        typer.Option(
            "--sort",
            help="score: the ranking, which weighs shared networks, shared pilots, activity and topic; shared: most "
            "shared networks first (the order before 0.4.0).",
            case_sensitive=False,
        ),
    ] = PartnerSort.score,
    shared_only: Annotated[
        bool, typer.Option("--shared-only", help="Only regions that already share a network (no new contacts).")
    ] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Show every part of each partner's score.")] = False,
) -> Question:
    """Find partners: the regions worth calling for REGION, best first, each with the reason.

    The score weighs the networks both take part in (a small one says more than a large one; current
    memberships and leading roles count more), pilots and working groups shared, how active the
    partner is, and the --topic words. Changed in 0.4.0: this is the default order; --sort shared
    gives 0.3.0's (most shared networks first).

    \b
    Examples:
      networks partners Małopolska
      networks partners Małopolska --country IT --topic hydrogen
      networks partners Małopolska --topic hydrogen --explain --limit 3
      networks partners Małopolska --country IT --current
      networks partners Kainuu --limit 5
      networks partners Mazowieckie --network ecrn --evidence
      networks partners Malopolska --theme space --json | jq -r '.[] | [.count, .region.name] | @tsv'
      networks partners Małopolska --basis projects --limit 10
    """

    def ask(atlas: "Atlas") -> "Result":
        from networks_cli.results import PartnersResult

        answer = atlas.partners(
            region,
            networks=network or [],
            countries=country or [],
            themes=theme or [],
            current=current,
            limit=limit,
            basis=basis.value,
            topics=[word for words in topic or [] for word in words.split(",") if word.strip()],
            sort=sort.value,
            shared_only=shared_only,
        )
        return answer.explained() if explain and isinstance(answer, PartnersResult) else answer

    return Question(ask, evidence=evidence)


@command("compare", panel=PANEL, docs="partners.md")
def compare_command(
    regions: Annotated[
        list[str], typer.Argument(help="Two or more regions.", autocompletion=complete_region, show_default=False)
    ],
    network: NetworkFilter = None,
    theme: ThemeFilter = None,
    current: CurrentOption = False,
) -> Question:
    """Compare regions side by side: the networks each is in, those all share, those only one has.

    \b
    Examples:
      networks compare Małopolska Lombardy Kainuu
      networks compare PL21 ITC4 --json | jq .shared
    """
    if len(regions) < 2:
        raise typer.BadParameter("give at least two regions to compare", param_hint="REGIONS")
    return Question(lambda atlas: atlas.compare(*regions, networks=network or [], themes=theme or [], current=current))


@command("search", panel=PANEL, docs="commands.md")
def search_command(
    words: Annotated[list[str], typer.Argument(help="Words to find, in any order.", show_default=False)],
    limit: LimitOption = None,
) -> Question:
    """Search networks, regions and organisations: names, descriptions, themes, pilot actions, activities.

    \b
    Examples:
      networks search space
      networks search smart specialisation --json | jq -r '.[].id'
    """
    return Question(lambda atlas: atlas.search(words, limit))


@command("regions", panel=PANEL, docs="commands.md")
def regions_command(
    country: CountryFilter = None,
    network: NetworkFilter = None,
    theme: ThemeFilter = None,
    current: CurrentOption = False,
) -> Question:
    """List the dataset's regions with country, NUTS code and how many networks each is in.

    \b
    Examples:
      networks regions --country PL
      networks regions --network nereus --json | jq length
    """
    return Question(
        lambda atlas: atlas.regions(
            countries=country or [], networks=network or [], themes=theme or [], current=current
        )
    )


@command("matrix", panel=PANEL, docs="commands.md")
def matrix_command(
    network: NetworkFilter = None,
    country: CountryFilter = None,
    theme: ThemeFilter = None,
    current: CurrentOption = False,
) -> Question:
    """Show who is in what: regions down, networks across, each cell the region's role.

    \b
    Examples:
      networks matrix --country PL
      networks matrix -f csv > matrix.csv
    """
    return Question(
        lambda atlas: atlas.matrix(networks=network or [], countries=country or [], themes=theme or [], current=current)
    )


@command("themes", panel=PANEL, docs="commands.md")
def themes_command() -> Question:
    """List the themes networks are tagged with, and how many networks carry each.

    \b
    Examples:
      networks themes
      networks list --theme space
    """
    return Question(lambda atlas: atlas.themes())
