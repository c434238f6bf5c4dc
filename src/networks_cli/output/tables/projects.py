"""Human tables for imported projects (issue #15): `import`, `sources`, `project`, the projects of
`region` and `partners --basis projects|all`. Built from `tables`' own pieces, so they look alike; every
one ends with the licence's attribution, as CORDIS's licence asks wherever its data is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from networks_cli.dataset.names import Record
from networks_cli.output.formats import Terminal
from networks_cli.output.phrases import counted, region_heading
from networks_cli.output.tables.grid import Column, facts_grid, grid, text
from networks_cli.projects.home import ECOSYSTEM_NOTE

if TYPE_CHECKING:
    from rich.console import RenderableType


def attribution(source: Record | None) -> list[RenderableType]:
    if not source:
        return []
    return [text(f"\nProjects: {source['name']}, {source['date']}. {source['attribution']}.", "dim")]


def status_table(status: Record, terminal: Terminal) -> list[RenderableType]:
    if not status["imported"]:
        return [text("No projects imported. Import CORDIS's export with: networks import cordis PATH")]
    source, counts = status["source"], status["counts"]
    rows = [
        ("Source", f"{source['name']}: {', '.join(source['files'])}"),
        ("Imported from", source["path"]),
        ("Export date", source["date"]),
        ("Imported", source["imported"]),
        ("Projects", str(counts["projects"])),
        ("Participations", str(counts["rows"])),
        ("Placed in a region", f"{counts['placed']} ({counts['through_prefix']} through a shorter NUTS code)"),
        ("No NUTS code", str(counts["empty_nuts"])),
        ("Could not be placed", ", ".join(f"{u['code']} ({u['rows']})" for u in status["unplaced_codes"]) or "none"),
        ("Licence", f"{source['licence']} ({source['licence_url']})"),
        ("Database", status["database"]),
    ]
    note = text(ECOSYSTEM_NOTE, "dim")
    return [text("Imported projects", "bold underline"), *facts_grid(rows, terminal), note, *attribution(source)]


def sources_table(sources: Record, terminal: Terminal) -> list[RenderableType]:
    dataset = sources["dataset"]
    out: list[RenderableType] = [text("Sources of the data in use", "bold underline")]
    out += facts_grid([("Atlas", dataset["name"]), ("Version", dataset["version"])], terminal)
    out += status_table(sources["projects"], terminal)
    return out


def region_projects(projects: Record, terminal: Terminal) -> list[RenderableType]:
    title = f"\nEU-funded projects of the region's organisations ({projects['nuts'] or 'no NUTS code'})"
    out: list[RenderableType] = [text(title, "bold")]
    programmes = ", ".join(f"{p['programme'] or 'unknown programme'} {p['projects']}" for p in projects["programmes"])
    out.append(
        text(
            f"{projects['projects']} projects ({programmes or 'none'}), {projects['organisations']} organisations, "
            f"with partners in {projects['partner_regions']} other regions."
        )
    )
    out.append(text(projects["note"], "dim"))
    return out + attribution(projects["source"])


def project_partners_table(result: Record, terminal: Terminal) -> list[RenderableType]:
    region = result["region"]
    basis = result["basis"]
    out: list[RenderableType] = [text(f"Partners of {region_heading(region)}, by {basis}", "bold underline")]
    out.append(text(result["note"], "dim"))
    if not result["partners"]:
        notes = "; ".join(result.get("notes") or [])  # why it is empty, when the answer knows (a topic)
        said = notes[:1].upper() + notes[1:] + "." if notes else "No region shares a project or a network with it here."
        out.append(text("\n" + said))
        return out + attribution(result["source"])
    # `--basis all` ranks (projects folded into the score) unless `--sort shared` asked for 0.3.0's order.
    ranked = any("score" in partner for partner in result["partners"])
    columns = [
        Column("Region", ratio=2),
        Column("Country", keep=True),
        Column("NUTS", keep=True),
        *([Column("Score", keep=True)] if ranked else []),
        Column("Networks", keep=True),
        Column("Projects", keep=True),
        Column("Shared projects", ratio=4),
    ]
    rows = [_partner_cells(partner, ranked) for partner in result["partners"]]
    scores = [partner.get("score", 0) for partner in result["partners"]]
    if basis == "projects":
        order = "most shared projects first"
    elif ranked and scores == sorted(scores, reverse=True):
        order = "best first by score (networks and projects)"
    else:
        order = "most shared networks, then projects, first"
    out += grid(f"{counted(len(rows), 'region')}, {order}", columns, rows, terminal)
    return out + attribution(result["source"])


def _partner_cells(partner: Record, ranked: bool) -> list[str]:
    projects: Record | None = partner["projects"]
    shown = ""
    if projects:
        names = [item["acronym"] or item["id"] for item in projects["shared"][:5]]
        more = projects["count"] - len(names)
        shown = ", ".join(names) + (f" and {more} more" if more > 0 else "")
    return [
        partner["region"]["name"],
        partner["region"]["country"] or "—",
        partner["region"]["nuts"] or "—",
        *([f"{partner['score']:.1f}"] if ranked else []),
        str(partner["count"]),
        str(projects["count"] if projects else 0),
        shown,
    ]


def project_table(answer: Record, terminal: Terminal) -> list[RenderableType]:
    project = answer["project"]
    out: list[RenderableType] = [text(f"{project['acronym']}: {project['title']}", "bold underline")]
    facts: list[tuple[str, str | None]] = [
        ("Project", project["id"]),
        ("Programme", project["programme"]),
        ("Runs", f"{project['start_date'] or '?'} to {project['end_date'] or '?'}"),
        ("Topics", project["topics"]),
        ("Source", f"{project['source_file']}, row {project['source_row']}"),
    ]
    out += facts_grid(facts, terminal)
    columns = [
        Column("Region", ratio=2),
        Column("NUTS", keep=True),
        Column("Organisation", ratio=3),
        Column("Role", keep=True),
        Column("Type", keep=True),
        Column("City"),
    ]
    rows: list[list[Any]] = []
    for region in [*answer["regions"], {"nuts": None, "name": None, "organisations": answer["unplaced"]}]:
        for organisation in region["organisations"]:
            rows.append(
                [
                    region["name"] or "(not placed)",
                    region["nuts"] or organisation["nuts"] or "—",
                    organisation["name"],
                    organisation["role"] or "",
                    organisation["activity_type"] or "",
                    organisation["city"] or "",
                ]
            )
    out += grid(
        f"Consortium: {counted(len(rows), 'organisation')} in {counted(len(answer['regions']), 'region')}",
        columns,
        rows,
        terminal,
    )
    out.append(text(answer["note"], "dim"))
    return out + attribution(answer["source"])


def project_hits_table(hits: list[Record], terminal: Terminal) -> list[RenderableType]:
    columns = [Column("Project", keep=True), Column("Acronym", keep=True), Column("Title", ratio=4)]
    rows = [[hit["id"], hit["acronym"], hit["title"]] for hit in hits]
    return grid(f"{len(rows)} projects", columns, rows, terminal)


def export_table(answer: Record, terminal: Terminal) -> list[RenderableType]:
    rows: list[tuple[str, str | None]] = [(table, str(count)) for table, count in answer["tables"].items()]
    out: list[RenderableType] = [text(f"Exported to {answer['path']} ({answer['format']})", "bold underline")]
    out += [*facts_grid(rows, terminal), text(f"Described in {answer['metadata']}.", "dim")]
    if answer.get("attribution"):  # the imported projects' licence asks for it wherever they are shown
        out.append(text(f"\n{answer['attribution']}.", "dim"))
    return out
