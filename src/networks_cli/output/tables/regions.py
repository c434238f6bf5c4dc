"""The tables of a region and of an organisation: `region` and `org`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from networks_cli.dataset.countries import country_name
from networks_cli.dataset.names import Record
from networks_cli.output.formats import Terminal
from networks_cli.output.phrases import (
    STATUS_LEGEND,
    evidence_phrase,
    network_title,
    origin_mark,
    region_heading,
    since_phrase,
    status_text,
)
from networks_cli.output.tables.grid import Column, facts_grid, grid, sources_grid, text, with_command

if TYPE_CHECKING:
    from rich.console import RenderableType


def region_table(profile: Record, terminal: Terminal, evidence: bool = False) -> list[RenderableType]:
    region = profile["region"]
    nuts = (
        f"{region['nuts']} (NUTS {region['nuts_version']}, level {region['nuts_level']}: {region['nuts_label']})"
        if region["nuts"]
        else "none: not a NUTS unit, or unknown"
    )
    facts = facts_grid(
        [
            ("Country", f"{country_name(region['country'])} ({region['country']})" if region["country"] else "unknown"),
            ("NUTS", nuts),
            ("Also known as", ", ".join(region["names"])),
            ("Note", region["note"]),
            ("Organisations", ", ".join(org["name"] for org in profile["organisations"])),
        ],
        terminal,
    )
    out: list[RenderableType] = [text(region["name"] + origin_mark(region), "bold underline"), *facts]
    if profile.get("found_as"):  # a town typed for its region: say how it led here
        out.insert(0, text(profile["found_as"]["phrase"] + ".", "dim"))
    if not region["in_dataset"]:
        out.append(
            text(f"Not in this dataset: found among the European regions of NUTS {region['nuts_version']}.", "dim")
        )
    for other in profile["related"]:
        where = "lies within" if other["relation"] == "contains" else "contains"
        out.append(
            text(
                with_command(
                    f"It {where} {other['name']} ({other['nuts']}), which is in this dataset:",
                    f"networks region {other['id']}",
                    terminal.width,
                )
            )
        )
    if not profile["networks"]:
        count = profile["dataset_network_count"]
        out.append(text(f"\n{region_heading(region)} takes part in none of the {count} networks in this dataset."))
        return out
    columns = [
        Column("Network"),
        Column("ID", keep=True),
        Column("Role"),
        Column("Since", keep=True),
        Column("Status"),
        Column("Source", keep=True),
    ]
    rows: list[list[str]] = []
    for entry in profile["networks"]:
        title = network_title(entry)
        if entry["through"] == "region":
            row = [
                title + origin_mark(entry),
                entry["id"],
                entry["role"],
                since_phrase(entry),
                status_text(entry),
                entry["source"],
            ]
            rows.append(row + ([evidence_phrase(entry)] if evidence else []))
        for org in entry["organisations"]:
            row = [
                title + origin_mark(org),
                entry["id"],
                f"via {org['name']}: {org['role']}",
                since_phrase(org),
                status_text(org),
                org["source"],
            ]
            rows.append(row + ([evidence_phrase(org)] if evidence else []))
    if evidence:
        columns.append(Column("Evidence"))
    # Only the words the table needs: "via" is explained only when a row is through an organisation.
    via_rows = any(entry["organisations"] for entry in profile["networks"])
    legend = "via = through an organisation based in the region, not the region's own membership. " if via_rows else ""
    out += grid("Networks", columns, rows, terminal, evidence=evidence)
    out.append(text(legend + STATUS_LEGEND, "dim"))
    completeness = lists_phrase(profile)
    if completeness:
        out.append(text(completeness, "dim"))
    # The sources the rows cite, not every source of those memberships (the JSON has them all): a
    # list longer than the table it explains. With --evidence the quotes name the rest.
    cited = {row[5] for row in rows}
    sources = profile["sources"] if evidence else [source for source in profile["sources"] if source["id"] in cited]
    return out + sources_grid(sources, terminal)


def lists_phrase(profile: Record) -> str:
    """So that "Bavaria: 3 networks" is not read as "Bavaria is in 3 networks"."""
    partial, unknown = len(profile.get("partial_lists", [])), len(profile.get("unknown_lists", []))
    if not partial and not unknown:
        return ""
    count = len(profile["networks"])
    parts = [f"{partial} known to be partial"] if partial else []
    parts += [f"{unknown} of unknown completeness"] if unknown else []
    lists = "the member list of this network" if count == 1 else f"the member lists of these {count} networks"
    return (
        f"Of {lists}, {' and '.join(parts)}: "
        f"{region_heading(profile['region'])} may be in networks the atlas does not list it in (`networks coverage`)."
    )


def organisation_table(profile: Record, terminal: Terminal, evidence: bool = False) -> list[RenderableType]:
    """`org NAME`: the organisation, the networks it takes part in, and its region's networks briefly."""
    organisation, region = profile["organisation"], profile["region"]
    facts = facts_grid(
        [
            ("Id", organisation["id"]),
            ("Also known as", ", ".join(organisation["names"])),
            ("Kind", organisation["kind"]),
            ("Region", f"{region_heading(region)}: networks region {region['id']}"),
            ("Note", organisation["note"]),
            ("Source", organisation["source"]),
        ],
        terminal,
    )
    out: list[RenderableType] = [text(organisation["name"], "bold underline"), *facts]
    if not profile["networks"]:
        out.append(text(f"\n{organisation['name']} takes part in none of this dataset's networks itself."))
    else:
        columns = [
            Column("Network"),
            Column("ID", keep=True),
            Column("Role"),
            Column("Since", keep=True),
            Column("Status", keep=True),
            Column("Source", keep=True),
        ]
        rows = [
            [network_title(entry), entry["id"], entry["role"], since_phrase(entry), status_text(entry), entry["source"]]
            + ([evidence_phrase(entry)] if evidence else [])
            for entry in profile["networks"]
        ]
        if evidence:
            columns.append(Column("Evidence"))
        out += grid("Networks", columns, rows, terminal, evidence=evidence)
        out.append(text(STATUS_LEGEND, "dim"))
    if profile["region_networks"]:
        brief = ", ".join(
            f"{entry['id']} ({entry['role']}{'' if entry['through'] == 'region' else ', ' + entry['through']})"
            for entry in profile["region_networks"]
        )
        out.append(text(f"\n{region['name']}'s networks: {brief}"))
    return out + sources_grid(profile["sources"], terminal)
