"""The discovery tables: `partners`, `compare`, `search`, `regions`, `matrix` and `themes`."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from networks_cli.dataset.names import Record
from networks_cli.output.formats import Terminal
from networks_cli.output.phrases import (
    confirmed_phrase,
    counted,
    origin_mark,
    partner_evidence,
    reason_phrase,
    region_heading,
    role_text,
    roles,
    scope_phrase,
)
from networks_cli.output.tables.grid import WIDE, Column, cells_grid, grid, text, with_command

if TYPE_CHECKING:
    from rich.console import RenderableType


def partners_table(
    result: Record, terminal: Terminal, evidence: bool = False, explain: bool = False
) -> list[RenderableType]:
    region = result["region"]
    out: list[RenderableType] = [text(f"Partners of {region_heading(region)}", "bold underline")]
    if result["networks"]:
        # `Name: role`, not `Name (role)`: a role may carry its status in parentheses already.
        own = "; ".join(f"{n['name']}: {role_text(n)}" for n in result["networks"])
        opening = f"{region['name']} takes part in: {own}."
        if len(opening) > 3 * terminal.width:  # a paragraph before the answer: say where the list is instead
            count = len(result["networks"])
            opening = with_command(
                f"{region['name']} takes part in {count} network{'' if count == 1 else 's'}:",
                f"networks region {region['id'] or region['name']}",
                terminal.width,
            )
        out.append(text(opening))
    else:
        out.append(text(f"{region['name']} takes part in none of the networks in scope, so it shares none."))
    scope = scope_phrase(result["scope"])
    if scope:
        out.append(text(scope, "dim"))
    if not result["partners"]:
        notes = "; ".join(result.get("notes") or [])
        said = notes[:1].upper() + notes[1:] if notes else "No region shares a network with it here."
        out.append(text("\n" + said))
        return out
    ranked = any(p.get("score") is not None for p in result["partners"])
    columns = [
        Column("Region", ratio=2),
        Column("Country", keep=True),
        *([Column("Score", keep=True)] if ranked else []),
        Column("Shared", keep=True),
        Column("Why" if ranked else "Their role in each shared network", ratio=4),
    ]
    rows = [
        [
            p["region"]["name"] + (" (new)" if p.get("new_contact") else ""),
            p["region"]["country"] or "—",
            *([f"{p['score']:.1f}"] if ranked else []),
            str(p["count"]),
            reason_phrase(p) if ranked else "; ".join(roles(p["memberships"])),
            *([" ".join(partner_evidence(m) for m in p["memberships"])] if evidence else []),
        ]
        for p in result["partners"]
    ]
    if evidence:
        columns.append(Column("Evidence"))
    order = "best score first" if ranked and result.get("order", "score") == "score" else "most shared first"
    out += grid(
        f"{counted(len(rows), 'region')}, {order}",
        columns,
        rows,
        terminal,
        evidence=evidence,
    )
    if explain:
        for p in result["partners"]:
            out.append(text(f"\n{p['region']['name']} ({p.get('score', 0):.2f})", "bold"))
            for part in p.get("why") or []:
                # Each part's continuation lines hang under its words, not at column 0.
                line = f"  {part['weight']:+8.2f}  {part['kind']}: {part['evidence']}"
                wrapped = textwrap.wrap(line, max(terminal.width, 40), subsequent_indent=" " * 14)
                out += [text(piece) for piece in wrapped]
    legend = "Shared: networks both take part in, themselves or through an organisation that stands for them."
    if ranked:
        legend += " (new) = shares no network yet."
        legend += "" if explain else " `--explain` shows every part of the score;"
        legend += " `--sort shared` orders by shared networks, as 0.3.0 did."
    caveats = list(dict.fromkeys(c for p in result["partners"] for c in p.get("caveats") or []))
    if caveats:
        legend += " Lists known to be partial: " + "; ".join(caveats) + "."
    out.append(text(legend, "dim"))
    return out


def compare_table(result: Record, terminal: Terminal) -> list[RenderableType]:
    regions = result["regions"]
    names = {network["id"]: network["name"] for network in result["networks"]}
    out: list[RenderableType] = [text("Compared: " + "; ".join(region_heading(r) for r in regions), "bold underline")]
    scope = scope_phrase(result["scope"])
    if scope:
        out.append(text(scope, "dim"))
    cells = {r["key"]: {n["id"]: n for n in r["networks"]} for r in regions}
    in_any = [n["id"] for n in result["networks"] if any(n["id"] in cells[r["key"]] for r in regions)]
    if in_any:
        rows = [
            ([f"{names[n]} ({n})"], {r["key"]: cells[r["key"]][n] for r in regions if n in cells[r["key"]]})
            for n in in_any
        ]
        out += [text(""), *cells_grid(["Network"], [(r["key"], r["name"]) for r in regions], rows, terminal)]

    def listed(ids: list[str]) -> str:
        return ", ".join(names[n] for n in ids) if ids else "none"

    out.append(text(f"\nShared by all: {listed(result['shared'])}", "bold"))
    if len(regions) > 2:
        out.append(text(f"Shared by some: {listed(result['some'])}"))
    for region in regions:
        out.append(text(f"Only {region['name']}: {listed(result['only'][region['key']])}"))
    return out


def search_table(hits: list[Record], terminal: Terminal) -> list[RenderableType]:
    if not hits:
        return [text("Nothing matches: every word must appear in one name or text (accents and case ignored).")]
    columns = [
        Column("Type", keep=True),
        Column("Name", ratio=2),
        Column("Matched in", keep=True),
        Column("Where", ratio=4),
        Column("Shown by", keep=True),
    ]
    rows = [[h["type"], h["name"], f"{h['matched']} ({h['match']})", h["snippet"], h["command"]] for h in hits]
    return grid(f"{len(hits)} {'match' if len(hits) == 1 else 'matches'}, best first", columns, rows, terminal)


def regions_table(regions: list[Record], terminal: Terminal) -> list[RenderableType]:
    if not regions:
        return [text("No region in this dataset matches these filters.")]
    columns = [
        Column("Region", ratio=2),
        Column("ID", keep=True),
        Column("Country", keep=True),
        Column("NUTS", keep=True),
        Column("Networks", keep=True),
        Column("Which", ratio=2),
    ]
    rows = [
        [r["name"], r["id"], r["country"] or "—", r["nuts"] or "—", str(r["networks"]), ", ".join(r["network_ids"])]
        for r in regions
    ]
    note = "Networks: those the region takes part in itself or through an organisation that stands for it."
    # The list of network ids is the widest column and `networks region NAME` gives it: it moves out first.
    table = grid(
        counted(len(rows), "region"),
        columns,
        rows,
        terminal,
        optional=("Which",),
        dropped_note="`networks region NAME` lists a region's networks.",
    )
    return [*table, text(note, "dim")]


def memberships_table(memberships: list[Record], terminal: Terminal) -> list[RenderableType]:
    if not memberships:
        return [text("No membership in this dataset matches these filters.")]
    columns = [
        Column("Network", keep=True),
        Column("Member", ratio=2),
        Column("Country", keep=True),
        Column("NUTS", keep=True),
        Column("Role"),
        Column("Status"),
        Column("Last confirmed", keep=True),
        Column("Source", keep=True),
    ]
    rows = [
        [
            m["network"],
            m["member_name"]
            + (f" ({m['region_name']})" if m["member_type"] == "organisation" else "")
            + origin_mark(m),
            m["country"] or "—",
            m["nuts"] or "—",
            m["role"],
            m["status"],
            confirmed_phrase(m["last_confirmed"]),
            m["source"] or "—",
        ]
        for m in memberships
    ]
    return grid(f"{len(rows)} memberships", columns, rows, terminal, narrow=WIDE)


def matrix_table(result: Record, terminal: Terminal) -> list[RenderableType]:
    networks, rows = result["networks"], result["regions"]
    out: list[RenderableType] = [text("Who is in what: regions down, networks across", "bold underline")]
    scope = scope_phrase(result["scope"])
    if scope:
        out.append(text(scope, "dim"))
    if not rows:
        return [*out, text("No region takes part in these networks.")]
    columns = [(network["id"], network["id"]) for network in networks]
    grid_rows = [([row["name"], row["country"] or "—"], row["cells"]) for row in rows]
    return out + cells_grid(["Region", "CC"], columns, grid_rows, terminal)


def themes_table(themes: list[Record], terminal: Terminal) -> list[RenderableType]:
    columns = [
        Column("Theme", ratio=2),
        Column("ID", keep=True),
        Column("Networks", keep=True),
        Column("Which", ratio=2),
        Column("Description", ratio=3),
    ]
    rows = [
        [t["name"], t["id"], str(t["networks"]), ", ".join(t["network_ids"]), t["description"] or ""] for t in themes
    ]
    note = "`networks list --theme ID` lists the networks of one theme."
    # The network ids are what `networks list --theme ID` shows: they move out before the description does.
    table = grid("Themes", columns, rows, terminal, optional=("Which",))
    return [*table, text(note, "dim")]
