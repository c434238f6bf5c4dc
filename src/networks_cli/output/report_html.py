"""The report as one self-contained HTML page: opens offline, prints on A4, reads on a phone.

Nothing in it is fetched from anywhere: the styles are inline, the charts and the map are inline SVG,
there is no script and no font file, and a Content-Security-Policy forbids every load besides, so a
page that slipped would still fetch nothing. Text from the data is escaped everywhere (a name holding
`<script>` stays text); a link is made only of an http(s) address. Headings run h1, h2, h3 in order;
every table has headers; every chart and the map have a text alternative and their numbers in a
table; colour never carries meaning alone (the map's squares carry symbols, statuses are words).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from networks_cli.output.charts import Point, line_chart, year_position
from networks_cli.output.html import (
    completeness_section,
    confirmed,
    evidence,
    link,
    numbered,
    page,
    sources_section,
    status,
    table,
    text,
)
from networks_cli.output.phrases import reason_phrase
from networks_cli.output.svg_map import render_svg

if TYPE_CHECKING:
    from networks_cli.dataset.names import Record


def _map_figure(answer: Record, heading: str) -> str:
    unplaced = ""
    if answer["unplaced"]:
        unplaced = '<p class="note">Not on the map (no NUTS code): ' + text("; ".join(answer["unplaced"])) + "</p>"
    return (
        f'<h2 id="map">{text(heading)}</h2><figure>{render_svg(answer, element_id="map")}'
        "<figcaption>One square per NUTS 2 region (the project's own tile grid: each country's squares together, "
        "roughly where the regions lie). Each coloured square carries its symbol, and names its members when "
        "pointed at.</figcaption></figure>" + unplaced
    )


# ---------------------------------------------------------------- a region


def region_report(report: Record) -> str:
    profile, partners = report["profile"], report["partners"]
    region = profile["region"]
    sources = numbered(profile["sources"])
    facts = [("Name", text(region["name"]))]
    if region.get("names"):
        facts.append(("Also called", text(", ".join(region["names"]))))
    if region.get("nuts"):
        facts.append(
            (
                "NUTS",
                f"{text(region['nuts'])} (level {text(region['nuts_level'])}, NUTS {text(region['nuts_version'])}: "
                f"{text(region['nuts_label'])})",
            )
        )
    facts.append(("Country", text(region["country"])))
    if profile["organisations"]:
        facts.append(("Organisations", text("; ".join(o["name"] for o in profile["organisations"]))))
    if region.get("note"):
        facts.append(("Note", text(region["note"])))
    facts_html = '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>"
    count = len(profile["networks"])
    lead = text(
        f"{region['name']} takes part in {count} of the {profile['dataset_network_count']} networks of the atlas"
        + ("." if region["id"] else "; it is not in the dataset's regions.")
    )
    sections = [f'<h2 id="profile">Profile</h2>{facts_html}', _region_networks(profile, sources)]
    sections.append(_partners_section(partners))
    sections.append(_timeline_section(report["timeline"], profile))
    sections.append(_map_figure(report["map"], "Map of the partners"))
    if profile.get("projects"):
        sections.append(_projects_section(profile["projects"]))
    sections.append(completeness_section(report["completeness"]))
    sections.append(sources_section(profile["sources"]))
    return page(f"{region['name']}: networks and partners", lead, report["dataset"], sections)


def _region_networks(profile: Record, sources: dict[str, Record]) -> str:
    if not profile["networks"]:
        return '<h2 id="networks">Networks</h2><p>The region takes part in none of the networks of the atlas.</p>'
    rows = []
    for entry in profile["networks"]:
        how = "the region itself"
        if entry["through"] != "region":
            names = "; ".join(organisation["name"] for organisation in entry["organisations"])
            how = f"through {names}" + (
                " (an organisation of the region, not the region)" if entry["through"] == "organisation only" else ""
            )
        record = entry if entry["through"] == "region" or not entry["organisations"] else entry["organisations"][0]
        rows.append(
            [
                text(entry["name"]),
                text(record.get("role")) + f'<br><span class="note">{text(how)}</span>',
                text(record.get("since")) + (" (about)" if record.get("since_approx") else ""),
                status(record.get("status")),
                confirmed(record.get("last_confirmed")),
                evidence(record, sources),
            ]
        )
    return '<h2 id="networks">Networks</h2>' + table(
        ["network", "role", "since", "status", "last confirmed", "evidence"], rows
    )


def _partners_section(partners: Record) -> str:
    found = partners["partners"]
    heading = '<h2 id="partners">Best partners</h2>'
    if not found:
        return heading + "<p>No other region shares a network with it in the atlas.</p>"
    scored = any("score" in partner for partner in found)
    reasons = any("why" in partner for partner in found)
    columns = ["rank", "region", "country", "shared networks"]
    columns += ["score"] if scored else []
    columns += ["why"] if reasons else []
    rows = []
    for i, partner in enumerate(found):
        names = "; ".join(membership["network_name"] for membership in partner["memberships"])
        row = [str(i + 1), text(partner["region"]["name"]), text(partner["region"]["country"])]
        row.append(f"{partner['count']}: {text(names)}")
        if scored:
            score = partner.get("score")
            row.append(f"{score:.2f}" if isinstance(score, int | float) else text(score))
        if reasons:  # the terminal's short reason, not every part (`networks partners --explain` has those)
            row.append(text(reason_phrase(partner)))
        rows.append(row)
    basis = (
        "ranked as <code>networks partners</code> ranks them"
        if scored
        else "ranked by the networks they share with it, most first"
    )
    return (
        heading + f'<p class="note">The regions most connected to it, {basis}.</p>' + table(columns, rows, numbers=(0,))
    )


def _timeline_section(timeline: list[Record], profile: Record) -> str:
    heading = '<h2 id="over-time">Networks over time</h2>'
    undated = sum(
        1
        for entry in profile["networks"]
        if not entry.get("since") and not any(o.get("since") for o in entry["organisations"])
    )
    note = (
        f'<p class="note">{undated} of its networks have no start date in the sources and are not counted here.</p>'
        if undated
        else ""
    )
    if not timeline:
        return heading + "<p>No source dates the region's memberships.</p>" + note
    points = [Point(row["year"], row["count"], str(row["year"])) for row in timeline]
    changes = [row for i, row in enumerate(timeline) if i == 0 or row["count"] != timeline[i - 1]["count"]]
    description = "Networks the region had joined, by year: " + ", ".join(
        f"{row['year']}: {row['count']}" for row in timeline
    )
    chart = line_chart(points, "Networks joined, by year", description, "timeline-chart", step=True)
    data = table(
        ["year", "networks"],
        [[str(row["year"]), str(row["count"])] for row in changes],
        caption="The chart's numbers (the years in which the count changed)",
        numbers=(1,),
    )
    return (
        heading + f"<figure>{chart}<figcaption>Networks the region had joined by each year, from the start dates the "
        "sources give.</figcaption></figure>" + data + note
    )


def _projects_section(projects: Record) -> str:
    programmes = [[text(row["programme"] or "unknown"), str(row["projects"])] for row in projects.get("programmes", [])]
    return (
        '<h2 id="projects">Imported projects</h2>'
        f"<p>The region's organisations take part in {projects['projects']} imported projects "
        f"({projects['participations']} participations of {projects['organisations']} organisations), with "
        f"{projects['partner_regions']} other regions.</p>"
        + table(["programme", "projects"], programmes, numbers=(1,))
        + f'<p class="note">{text(projects.get("note"))}</p>'
    )


# ---------------------------------------------------------------- a network


def network_report(report: Record) -> str:
    profile, history = report["profile"], report["history"]
    sources = numbered(profile["sources"])
    facts: list[tuple[str, str]] = []
    for label, value in (
        ("Full name", profile.get("full_name")),
        ("Acronym", profile.get("acronym")),
        ("Kind", profile.get("kind") or profile.get("category")),
        ("Part of", profile.get("part_of_name")),
        ("Founded", profile.get("founded")),
        ("Focus", profile.get("focus")),
    ):
        if value:
            facts.append((label, text(value)))
    for label, field in (("Legal form", "legal_form"), ("Funding", "funding"), ("Secretariat", "secretariat")):
        detail = profile.get(field)
        if detail and detail.get("text"):
            facts.append((label, text(detail["text"]) + " " + evidence(detail, sources)))
    if profile.get("website"):
        facts.append(("Website", link(profile["website"])))
    if profile.get("description"):
        facts.append(
            (
                "Description",
                text(profile["description"]) + " " + evidence({"source": profile.get("description_source")}, sources),
            )
        )
    facts_html = '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts) + "</dl>"
    more = ""
    if profile.get("facts"):
        more = (
            "<h3>Facts</h3><ul>"
            + "".join(
                f"<li>{text(fact['text'])}{text(' (' + fact['when'] + ')') if fact.get('when') else ''}"
                + (' <span class="note">(unverified)</span>' if fact.get("unverified") else "")
                + f" {evidence(fact, sources)}</li>"
                for fact in profile["facts"]
            )
            + "</ul>"
        )
    by_status = profile["members_by_status"]
    lead = text(
        f"{profile['name']}: {profile['member_count']} members in the atlas ({by_status['current']} current, "
        f"{by_status['unconfirmed']} unconfirmed, {by_status['former']} former)."
    )
    sections = [f'<h2 id="profile">Profile</h2>{facts_html}{more}', _members_section(profile, sources)]
    sections.append(_history_section(history))
    sections.append(_map_figure(report["map"], "Map of the members"))
    sections.append(completeness_section(report["completeness"]))
    sections.append(sources_section(profile["sources"]))
    return page(profile["name"], lead, report["dataset"], sections)


def _members_section(profile: Record, sources: dict[str, Record]) -> str:
    parts = ['<h2 id="members">Members by status</h2>']
    for state in ("current", "unconfirmed", "former"):
        members = [member for member in profile["members"] if member["status"] == state]
        parts.append(f'<h3 id="members-{state}">{state.capitalize()} ({len(members)})</h3>')
        if not members:
            parts.append("<p>None.</p>")
            continue
        rows = [
            [
                text(member["name"])
                + (' <span class="note">(organisation)</span>' if member["type"] == "organisation" else ""),
                text(member["country"]),
                text(member["nuts"]),
                text(member["role"]),
                text(member["since"]),
                confirmed(member["last_confirmed"]),
                evidence(member, sources),
            ]
            for member in members
        ]
        parts.append(table(["member", "country", "NUTS", "role", "since", "last confirmed", "evidence"], rows))
    return "".join(parts)


def _history_section(history: Record) -> str:
    heading = '<h2 id="history">Members over time</h2>'
    dated = [
        count
        for count in history["counts"]
        if count["series"] == "members" and count.get("date") and year_position(count["date"]) is not None
    ]
    rows = [
        [
            text(count.get("date") or (f"after {count['not_before']}" if count.get("not_before") else "undated")),
            text((count.get("qualifier") + " " if count.get("qualifier") else "") + str(count["count"])),
            text(count.get("series")),
            f'<a href="#source-{text(count["source"])}">{text(count["source"])}</a>' if count.get("source") else "",
        ]
        for count in history["counts"]
    ]
    if not history["counts"]:
        return heading + "<p>No source gives a member count for this network.</p>"
    chart = ""
    if dated:
        points = [
            Point(year_position(count["date"]) or 0.0, int(count["count"]), count["date"], count.get("qualifier") or "")
            for count in dated
        ]
        description = "Member counts the sources give, by date: " + ", ".join(
            f"{count['date']}: {(count.get('qualifier') or '') + ' ' if count.get('qualifier') else ''}{count['count']}"
            for count in dated
        )
        chart = (
            f"<figure>{line_chart(points, 'Member counts over time', description, 'history-chart')}"
            "<figcaption>Member counts as the sources state them, from zero.</figcaption></figure>"
        )
    return (
        heading
        + chart
        + table(["date", "count", "series", "source"], rows, caption="Every count, as its source states it")
    )


def report_html(report: Record) -> str:
    return region_report(report) if report["type"] == "region" else network_report(report)
