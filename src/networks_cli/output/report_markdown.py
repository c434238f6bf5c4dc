"""The report as Markdown (`report --format markdown`): the same sections as the HTML page, in text.

Text from the data is escaped for Markdown (its `|`, `*`, `_`, `<`, backticks and brackets cannot
become markup, a table cell or a link), control characters shown as escapes; links are made only of
http(s) addresses. The charts become their numbers; the map, the squares listed by state.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from networks_cli.output.formats import printable
from networks_cli.output.phrases import latest_phrase, reason_phrase, share_phrase

if TYPE_CHECKING:
    from networks_cli.dataset.names import Record

_MARKUP = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(value: Any) -> str:
    """Data as Markdown text: one line, its markup characters escaped."""
    if value is None:
        return ""
    return _MARKUP.sub(r"\\\1", re.sub(r"\s+", " ", printable(str(value)))).strip()


def _link(url: str | None) -> str:
    if url and url.lower().startswith(("http://", "https://")):
        return f"<{url.replace('>', '%3E').replace(' ', '%20')}>"
    return md(url)


def _table(columns: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _quote(record: Record) -> str:
    parts = [f"“{md(record['quote'])}”"] if record.get("quote") else []
    if record.get("source"):
        parts.append(f"\\[{md(record['source'])}\\]")
    return " ".join(parts)


def _dataset(report: Record) -> list[str]:
    dataset = report["dataset"]
    version = f", version {md(dataset['version'])}" if dataset.get("version") else ""
    return [
        f"From the dataset “{md(dataset['title'])}”{version}, "
        f"compiled on {md(dataset.get('updated') or 'an unstated date')}; "
        f"made by {md(dataset['tool'])}. Memberships are what the cited sources state.",
        "",
    ]


def _completeness(rows: list[Record]) -> list[str]:
    if not rows:
        return []
    lines = ["## How complete the member lists are", ""]
    shown = []
    for row in rows:
        declared = latest_phrase(row) if row["latest_counts"] else "no dated count"
        shown.append(
            [md(row["name"]), str(row["listed"]), str(row["current"]), md(declared), share_phrase(row["coverage"])]
        )
    return lines + _table(["network", "listed", "current", "declared", "listed of declared"], shown)


def _map(answer: Record, heading: str) -> list[str]:
    lines = [f"## {heading}", ""]
    for state in answer["states"]:
        squares = [area for area in answer["areas"] if area["state"] == state]
        lines.append(f"- {md(state)} ({len(squares)} NUTS 2 squares): " + ", ".join(md(a["nuts"]) for a in squares))
    if answer["unplaced"]:
        lines.append("- not on the map (no NUTS code): " + "; ".join(md(name) for name in answer["unplaced"]))
    return [*lines, ""]


def _sources(sources: list[Record]) -> list[str]:
    lines = ["## Sources", ""]
    for i, source in enumerate(sources):
        described = ", ".join(md(v) for v in (source.get("title"), source.get("publisher")) if v) or md(source["id"])
        date = md(source["date"]) if source.get("date") else "undated"
        address = f" {_link(source['url'])}" if source.get("url") else ""
        lines.append(f"{i + 1}. \\[{md(source['id'])}\\] {described} ({date}){address}")
    return [*lines, ""]


def _region(report: Record) -> list[str]:
    profile, region = report["profile"], report["profile"]["region"]
    lines = [f"# {md(region['name'])}: networks and partners", "", *_dataset(report), "## Profile", ""]
    if region.get("nuts"):
        lines.append(
            f"- NUTS: {md(region['nuts'])} (level {md(region['nuts_level'])}, NUTS {md(region['nuts_version'])})"
        )
    lines.append(f"- Country: {md(region['country'])}")
    if region.get("names"):
        lines.append("- Also called: " + md(", ".join(region["names"])))
    if profile["organisations"]:
        lines.append("- Organisations: " + md("; ".join(o["name"] for o in profile["organisations"])))
    lines += ["", "## Networks", ""]
    rows = []
    for entry in profile["networks"]:
        record = entry if entry["through"] == "region" or not entry["organisations"] else entry["organisations"][0]
        confirmed = (record.get("last_confirmed") or {}).get("date")
        how = "" if entry["through"] == "region" else f" ({md(entry['through'])}: {md(record.get('name'))})"
        rows.append(
            [
                md(entry["name"]),
                md(record.get("role")) + how,
                md(record.get("since")),
                md(record.get("status")),
                md(confirmed),
                _quote(record),
            ]
        )
    lines += (
        _table(["network", "role", "since", "status", "last confirmed", "evidence"], rows) if rows else ["None.", ""]
    )
    lines += ["## Best partners", ""]
    found = report["partners"]["partners"]
    scored = any("score" in partner for partner in found)
    columns = ["rank", "region", "country", "shared networks", *(["score"] if scored else [])]
    columns += ["why"] if any("why" in partner for partner in found) else []
    partner_rows = []
    for i, partner in enumerate(found):
        names = "; ".join(m["network_name"] for m in partner["memberships"])
        row = [
            str(i + 1),
            md(partner["region"]["name"]),
            md(partner["region"]["country"]),
            f"{partner['count']}: {md(names)}",
        ]
        if scored:
            row.append(md(partner.get("score")))
        if "why" in columns:  # the terminal's short reason (`networks partners --explain` has every part)
            row.append(md(reason_phrase(partner)))
        partner_rows.append(row)
    lines += _table(columns, partner_rows) if partner_rows else ["No other region shares a network with it.", ""]
    lines += ["## Networks over time", ""]
    if report["timeline"]:
        lines += [
            "Networks joined by each year (known start dates only): "
            + ", ".join(f"{row['year']}: {row['count']}" for row in report["timeline"]),
            "",
        ]
    else:
        lines += ["No source dates the region's memberships.", ""]
    lines += _map(report["map"], "Map of the partners")
    projects = profile.get("projects")
    if projects:
        lines += ["## Imported projects", "", f"{projects['projects']} projects of the region's organisations.", ""]
    return lines + _completeness(report["completeness"]) + _sources(profile["sources"])


def _network(report: Record) -> list[str]:
    profile, history = report["profile"], report["history"]
    lines = [f"# {md(profile['name'])}", "", *_dataset(report), "## Profile", ""]
    for label, value in (
        ("Full name", profile.get("full_name")),
        ("Kind", profile.get("kind")),
        ("Founded", profile.get("founded")),
    ):
        if value:
            lines.append(f"- {label}: {md(value)}")
    if profile.get("website"):
        lines.append(f"- Website: {_link(profile['website'])}")
    if profile.get("description"):
        lines.append(f"- Description: {md(profile['description'])}")
    for fact in profile.get("facts") or []:
        lines.append(f"- {md(fact['text'])} {_quote(fact)}")
    lines += ["", "## Members by status", ""]
    for state in ("current", "unconfirmed", "former"):
        members = [member for member in profile["members"] if member["status"] == state]
        lines += [f"### {state.capitalize()} ({len(members)})", ""]
        rows = [
            [
                md(m["name"]),
                md(m["country"]),
                md(m["nuts"]),
                md(m["role"]),
                md(m["since"]),
                md((m["last_confirmed"] or {}).get("date")),
                _quote(m),
            ]
            for m in members
        ]
        lines += (
            _table(["member", "country", "NUTS", "role", "since", "last confirmed", "evidence"], rows)
            if rows
            else ["None.", ""]
        )
    lines += ["## Members over time", ""]
    rows = [
        [
            md(c.get("date") or "undated"),
            md((c.get("qualifier") + " " if c.get("qualifier") else "") + str(c["count"])),
            md(c.get("series")),
            md(c.get("source")),
        ]
        for c in history["counts"]
    ]
    lines += _table(["date", "count", "series", "source"], rows) if rows else ["No source gives a member count.", ""]
    lines += _map(report["map"], "Map of the members")
    return lines + _completeness(report["completeness"]) + _sources(profile["sources"])


def report_markdown(report: Record) -> str:
    lines = _region(report) if report["type"] == "region" else _network(report)
    return "\n".join(lines).rstrip() + "\n"
