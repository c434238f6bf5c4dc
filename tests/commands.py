"""The one table of commands the tests ask: each command line, the same question asked of the library
(`Atlas`), and the contract type of its `--json`. The command, API, contract, layout, cache, option,
reliability and installed-command tests all read it, so a new command is one row here.

`everyday` marks the rows every format and layout is tried on (`QUERIES`); the other rows are the
variants (filters, other records, empty answers) the API and contract tests add. The projects'
commands need an import first: their rows are in `test_cordis_cli.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from networks_cli import Atlas, contract
from networks_cli.results import Result

Ask = Callable[[Atlas], Result]


@dataclass(frozen=True)
class Command:
    args: tuple[str, ...]
    ask: Ask | None = None  # the same question asked of the library
    shape: Any = None  # the contract type its --json has
    everyday: bool = False  # tried in every format and layout


COMMANDS: list[Command] = [
    Command(("list",), lambda a: a.list_networks(), list[contract.NetworkSummary], everyday=True),
    Command(("list", "--theme", "space"), lambda a: a.list_networks(themes=["space"])),
    Command(("show", "nereus"), lambda a: a.network("nereus"), contract.NetworkProfile, everyday=True),
    Command(("show", "BERRY+"), lambda a: a.show("BERRY+")),
    Command(("show", "nereus", "--current"), lambda a: a.network("nereus", current=True)),
    Command(("show", "vanguard"), shape=contract.NetworkProfile),
    Command(("show", "berry-plus"), shape=contract.NetworkProfile),
    Command(("show", "errin"), shape=contract.NetworkProfile),
    Command(("region", "Małopolska"), lambda a: a.region("Małopolska"), contract.RegionProfile, everyday=True),
    Command(("region", "Opolskie"), lambda a: a.region("Opolskie"), contract.RegionProfile),
    Command(("region", "Värmland"), lambda a: a.region("Värmland"), contract.RegionProfile),
    Command(("region", "Northern Netherlands"), shape=contract.RegionProfile),
    Command(("region", "FI1D"), shape=contract.RegionProfile),
    Command(("org", "AGH"), lambda a: a.organisation("AGH"), contract.OrganisationProfile, everyday=True),
    Command(("org", "Krakow Technology Park"), lambda a: a.org("Krakow Technology Park")),
    Command(("org", "ktp"), shape=contract.OrganisationProfile),
    Command(("org", "AGH", "--current"), lambda a: a.organisation("AGH", current=True), contract.OrganisationProfile),
    Command(("history", "vanguard"), lambda a: a.history("vanguard"), contract.History, everyday=True),
    Command(("history", "nereus"), shape=contract.History),
    Command(("partners", "Małopolska"), lambda a: a.partners("Małopolska"), list[contract.Partner], everyday=True),
    Command(("partners", "Opolskie"), shape=list[contract.Partner]),
    Command(
        ("partners", "Małopolska", "--country", "IT", "--theme", "space", "--current", "--limit", "3"),
        lambda a: a.partners("Małopolska", countries=["IT"], themes=["space"], current=True, limit=3),
    ),
    Command(
        ("partners", "Małopolska", "--topic", "hydrogen", "--limit", "5"),
        lambda a: a.partners("Małopolska", topics=["hydrogen"], limit=5),
        list[contract.Partner],
    ),
    Command(("partners", "Kainuu", "--network", "berry-plus"), lambda a: a.partners("Kainuu", networks="berry-plus")),
    Command(
        ("compare", "Małopolska", "Lombardy", "Kainuu"),
        lambda a: a.compare("Małopolska", "Lombardy", "Kainuu"),
        contract.Comparison,
        everyday=True,
    ),
    Command(("compare", "Małopolska", "Lombardy", "Kainuu", "Opolskie"), shape=contract.Comparison),
    Command(("compare", "PL21", "ITC4", "--current"), lambda a: a.compare("PL21", "ITC4", current=True)),
    Command(("search", "space"), lambda a: a.search("space"), list[contract.SearchHit], everyday=True),
    Command(("search", "Kraków"), shape=list[contract.SearchHit]),
    Command(("search", "smart", "specialisation", "--limit", "2"), lambda a: a.search(["smart", "specialisation"], 2)),
    Command(("regions",), lambda a: a.regions(), list[contract.RegionRow], everyday=True),
    Command(("regions", "--country", "FI"), lambda a: a.regions(countries="FI")),
    Command(("regions", "--country", "PL", "--theme", "space"), lambda a: a.regions(countries="PL", themes="space")),
    Command(("matrix",), lambda a: a.matrix(), contract.Matrix, everyday=True),
    Command(
        ("matrix", "--country", "PL", "--network", "nereus"), lambda a: a.matrix(countries="PL", networks="nereus")
    ),
    Command(("themes",), lambda a: a.themes(), list[contract.ThemeRow], everyday=True),
    Command(("cite", "nereus"), lambda a: a.cite("nereus"), contract.Citations, everyday=True),
    Command(("cite", "Kainuu"), lambda a: a.cite("Kainuu")),
    Command(("cite", "Opolskie"), shape=contract.Citations),
    Command(("cite",), lambda a: a.cite(), contract.Citations),
    Command(("coverage",), lambda a: a.coverage(), contract.AtlasCoverage, everyday=True),
    Command(("coverage", "--sort", "share"), shape=contract.AtlasCoverage),
    Command(("coverage", "aer"), lambda a: a.coverage("aer"), contract.NetworkCoverage, everyday=True),
    Command(("coverage", "encore"), shape=contract.NetworkCoverage),
    Command(("validate",), lambda a: a.validate(), contract.ValidationReport),
    Command(("validate", "--strict"), lambda a: a.validate(strict=True)),
    Command(("map", "vanguard"), shape=contract.MapAnswer),
    Command(("map", "nereus", "--by", "role"), shape=contract.MapAnswer),
    Command(("map", "Małopolska"), shape=contract.MapAnswer),
    Command(("map", "FI1D"), shape=contract.MapAnswer),
    Command(("report", "Małopolska"), shape=contract.RegionReport),
    Command(("report", "Värmland"), shape=contract.RegionReport),
    Command(("report", "FI1D"), shape=contract.RegionReport),
    Command(("report", "nereus"), shape=contract.NetworkReport),
    Command(("report", "vanguard"), shape=contract.NetworkReport),
    Command(("graph",), shape=contract.GraphAnswer),
    Command(("graph", "--project", "regions"), shape=contract.GraphAnswer),
    Command(("graph", "--metrics"), shape=list[contract.GraphMetric]),
]

# The everyday questions, in the table's order: every format, layout and option is tried on these.
QUERIES: list[tuple[str, ...]] = [command.args for command in COMMANDS if command.everyday]
# Each command line beside the same question asked of the library.
SAME_QUESTION: list[tuple[tuple[str, ...], Ask]] = [(c.args, c.ask) for c in COMMANDS if c.ask is not None]
# Each command line and the contract type of its --json.
SHAPES: list[tuple[tuple[str, ...], Any]] = [(c.args, c.shape) for c in COMMANDS if c.shape is not None]
