"""Turning query results into text: the one place that knows the output formats.

Machine formats (JSON, JSON Lines, CSV, TSV, Markdown) are built as plain strings and never pass
through Rich. Only the human table imports Rich, and only when it is asked for, so the JSON path
stays light. Text from the data is never read as markup or as terminal control sequences.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from networks_cli.countries import country_name

if TYPE_CHECKING:
    from rich.console import RenderableType

Record = dict[str, Any]
LIST_SEPARATOR = "; "


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    tsv = "tsv"
    markdown = "markdown"


@dataclass(frozen=True)
class Terminal:
    """What the output goes to: decided once, from flags and the environment, by the CLI."""

    is_tty: bool = False
    color: bool = False
    width: int = 100
    encoding: str = "utf-8"


def choose_format(requested: OutputFormat | None, json_flag: bool, is_tty: bool) -> OutputFormat:
    """`--format` wins, `--json` is its shorthand; otherwise a table on a terminal, TSV in a pipe."""
    if requested is not None:
        return requested
    if json_flag:
        return OutputFormat.json
    return OutputFormat.table if is_tty else OutputFormat.tsv


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Show control characters from the data as escapes instead of letting the terminal obey them."""
    return _CONTROL.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def _can_encode(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


# ---------------------------------------------------------------- views: what each command shows


@dataclass(frozen=True)
class View:
    """A command's result and how to flatten it for each format."""

    document: Any  # the JSON contract
    records: Callable[[], list[Record]]  # one per JSON Lines line
    columns: Sequence[str]  # flat formats: header row
    rows: Callable[[], list[Sequence[Any]]]
    table: Callable[[Terminal], list[RenderableType]]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(_cell(item) for item in value)
    return str(value)


def list_view(networks: list[Record]) -> View:
    columns = ["id", "name", "acronym", "founded", "focus", "themes", "member_count", "declared_member_count"]
    return View(
        document=networks,
        records=lambda: networks,
        columns=columns,
        rows=lambda: [[network[column] for column in columns] for network in networks],
        table=lambda terminal: _list_table(networks, terminal),
    )


def show_view(profile: Record) -> View:
    columns = ["network", "id", "name", "type", "country", "nuts", "role", "since", "status", "as_of", "source"]
    members = [{"network": profile["id"], **member} for member in profile["members"]]
    return View(
        document=profile,
        records=lambda: members,
        columns=columns,
        rows=lambda: [[member[column] for column in columns] for member in members],
        table=lambda terminal: _show_table(profile, terminal),
    )


def region_view(profile: Record) -> View:
    columns = ["region", "network", "name", "role", "since", "status", "through", "organisations", "source"]
    region_id = profile["region"]["id"]

    def record(entry: Record) -> Record:
        return {"region": region_id, **entry}

    def row(entry: Record) -> list[Any]:
        organisations = [f"{org['name']} ({org['role']})" for org in entry["organisations"]]
        return [
            region_id,
            entry["id"],
            entry["name"],
            entry["role"],
            entry["since"],
            entry["status"],
            entry["through"],
            organisations,
            entry["source"],
        ]

    return View(
        document=profile,
        records=lambda: [record(entry) for entry in profile["networks"]],
        columns=columns,
        rows=lambda: [row(entry) for entry in profile["networks"]],
        table=lambda terminal: _region_table(profile, terminal),
    )


# ---------------------------------------------------------------- formats


def render(view: View, output: OutputFormat, terminal: Terminal) -> str:
    if output is OutputFormat.json:
        return _json(view.document, terminal) + "\n"
    if output is OutputFormat.jsonl:
        return "".join(_json(record, terminal, indent=None) + "\n" for record in view.records())
    if output is OutputFormat.csv:
        return _delimited(view, ",")
    if output is OutputFormat.tsv:
        return _tsv(view)
    if output is OutputFormat.markdown:
        return _markdown(view)
    return _human(view.table(terminal), terminal)


def _json(document: Any, terminal: Terminal, indent: int | None = 2) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    # A console that cannot show the data still gets valid JSON: fall back to \u escapes.
    if not _can_encode(text, terminal.encoding):
        text = json.dumps(document, ensure_ascii=True, indent=indent)
    return text


def _delimited(view: View, delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(view.columns)
    writer.writerows([_cell(value) for value in row] for row in view.rows())
    return buffer.getvalue()


def _tsv(view: View) -> str:
    # Plain tab-separated rows, as `gh` writes to a pipe: tabs and newlines inside a value become spaces.
    def clean(value: Any) -> str:
        return re.sub(r"[\t\r\n]+", " ", _cell(value))

    lines = ["\t".join(view.columns)]
    lines += ["\t".join(clean(value) for value in row) for row in view.rows()]
    return "\n".join(lines) + "\n"


def _markdown(view: View) -> str:
    def clean(value: Any) -> str:
        return re.sub(r"\s+", " ", _cell(value)).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(view.columns) + " |", "|" + "---|" * len(view.columns)]
    lines += ["| " + " | ".join(clean(value) for value in row) + " |" for row in view.rows()]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- human tables (Rich)


def _human(renderables: list[RenderableType], terminal: Terminal) -> str:
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(terminal.width, 20),
        force_terminal=terminal.color,
        no_color=not terminal.color,
        color_system="standard" if terminal.color else None,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        safe_box=not _can_encode("─│┌", terminal.encoding),
    )
    for renderable in renderables:
        console.print(renderable)
    return buffer.getvalue()


def _text(value: Any, style: str = "") -> Any:
    from rich.text import Text

    return Text(printable(_cell(value)), style=style)


def _table(*columns: tuple[str, dict[str, Any]], title: str | None = None) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", title_style="bold", pad_edge=False)
    for header, options in columns:
        table.add_column(header, **options)
    return table


# Ids, codes, dates and numbers are never cut: they keep their width and the prose columns wrap.
KEEP = {"no_wrap": True, "overflow": "ignore", "min_width": None}
WRAP = {"overflow": "fold", "ratio": 1}


def _count_phrase(count: Record | None) -> str:
    if count is None:
        return "unknown"
    qualifier = f"{count['qualifier']} " if count["qualifier"] else ""
    when = count["date"] or "undated"
    return f"{qualifier}{count['count']} {count['counted']} ({when}; source: {count['source']})"


def _listed_phrase(network: Record) -> str:
    listed = network["member_count"]
    declared = network["declared_member_count"]
    if declared is None:
        return f"{listed} listed; declared count unknown"
    if listed < declared:
        return f"{listed} of {declared} listed"
    return f"{listed} listed; {declared} declared"


def _list_table(networks: list[Record], terminal: Terminal) -> list[RenderableType]:
    table = _table(
        ("ID", {**KEEP, "style": "bold"}),
        ("Name", WRAP),
        ("Founded", KEEP),
        ("Focus", WRAP if terminal.width >= 70 else {**WRAP, "ratio": 1}),
        ("Members", WRAP),
    )
    for network in networks:
        table.add_row(
            _text(network["id"]),
            _text(network["name"]),
            _text(network["founded"] or "unknown"),
            _text(network["focus"] or ""),
            _text(_listed_phrase(network)),
        )
    return [
        table,
        _text("Members: listed in this dataset vs declared by the seed page. `networks show ID` for more.", "dim"),
    ]


def _facts_grid(rows: list[tuple[str, str | None]]) -> Any:
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        if value:
            grid.add_row(_text(label), _text(value))
    return grid


def _sourced_phrase(value: Record | None, key: str = "text") -> str | None:
    if value is None:
        return None
    phrase = f"{value[key]} [{value['source']}]"
    return phrase + (f" {value['note']}" if value.get("note") else "")


STATUS_LEGEND = (
    "Status: current = named as a member by its latest source; historical = named only by an old source, "
    "current status unknown; unknown = membership implied, not stated. [id] = source, listed below."
)


def _show_table(profile: Record, terminal: Terminal) -> list[RenderableType]:
    from rich.padding import Padding

    title = profile["name"] + (f" ({profile['acronym']})" if profile["acronym"] else "")
    status = profile["members_by_status"]
    status_text = ", ".join(f"{n} {name}" for name, n in status.items() if n)
    declared = profile["declared"]
    facts = _facts_grid(
        [
            ("Id", profile["id"]),
            ("Full name", profile["full_name"]),
            ("Kind", profile["kind"]),
            ("Focus", profile["focus"]),
            ("Founded", _sourced_phrase(profile["founded_detail"], "date")),
            ("Legal form", _sourced_phrase(profile["legal_form"])),
            ("Funding", _sourced_phrase(profile["funding"])),
            ("Secretariat", _sourced_phrase(profile["secretariat"])),
            ("Website", profile["website"]),
            ("Themes", ", ".join(profile["themes"])),
            ("Members", f"{_listed_phrase(profile)} ({status_text})" if status_text else _listed_phrase(profile)),
            ("Declared", _count_phrase(declared) if declared else "unknown: the seed page states no count"),
        ]
    )
    out: list[RenderableType] = [_text(title, "bold underline"), facts]
    if profile["description"]:
        out += [Padding(_text(profile["description"] + f" [{profile['description_source']}]"), (1, 0, 0, 0))]
    for item in profile["lists"]:
        lines = "\n".join(f"  • {entry}" for entry in item["items"])
        note = f" {item['note']}" if item["note"] else ""
        out += [_text(f"\n{item['title']} [{item['source']}]{note}", "bold"), _text(lines)]
    members = _table(
        ("Member", WRAP),
        ("Type", KEEP),
        ("Country", KEEP),
        ("NUTS", KEEP),
        ("Role", {"overflow": "fold"}),
        ("Since", KEEP),
        ("Status", KEEP),
        ("Source", KEEP),
        title=f"\nMembers ({_listed_phrase(profile)})",
    )
    for member in profile["members"]:
        since = (member["since"] or "") + ("~" if member["since_approx"] else "")
        name = member["name"] + (" (for its region)" if member["represents_region"] else "")
        members.add_row(
            _text(name),
            _text("org" if member["type"] == "organisation" else "region"),
            _text(member["country"]),
            _text(member["nuts"] or "—"),
            _text(member["role"]),
            _text(since or "—"),
            _text(member["status"]),
            _text(member["source"]),
        )
    out += [members, _text(STATUS_LEGEND + " ~ = approximate.", "dim")]
    counts = _table(
        ("Date", KEEP), ("Count", KEEP), ("What", WRAP), ("Source", KEEP), title="\nMember counts by source"
    )
    for count in profile["member_counts"]:
        number = (f"{count['qualifier']} " if count["qualifier"] else "") + str(count["count"])
        counts.add_row(
            _text(count["date"] or "undated"), _text(number), _text(count["counted"]), _text(count["source"])
        )
    if profile["member_counts"]:
        out.append(counts)
    if profile["facts"]:
        out.append(_text("\nFacts", "bold"))
        for fact in profile["facts"]:
            when = f" ({fact['when']})" if fact["when"] else ""
            flag = " (unverified)" if fact["unverified"] else ""
            out.append(_text(f"  • {fact['text']}{when}{flag} [{fact['source']}]"))
    out.append(_sources_table(profile["sources"]))
    return out


def region_heading(region: Record) -> str:
    nuts = region["nuts"] or "no NUTS code"
    return f"{region['name']} ({nuts}, {country_name(region['country'])})"


def _region_table(profile: Record, terminal: Terminal) -> list[RenderableType]:
    region = profile["region"]
    nuts = (
        f"{region['nuts']} (NUTS {region['nuts_version']}, level {region['nuts_level']}: {region['nuts_label']})"
        if region["nuts"]
        else "none: not a NUTS unit, or unknown"
    )
    organisations = ", ".join(org["name"] for org in profile["organisations"])
    facts = _facts_grid(
        [
            ("Country", f"{country_name(region['country'])} ({region['country']})"),
            ("NUTS", nuts),
            ("Also known as", ", ".join(region["names"])),
            ("Note", region["note"]),
            ("Organisations", organisations),
        ]
    )
    out: list[RenderableType] = [_text(region["name"], "bold underline"), facts]
    if not profile["networks"]:
        count = profile["dataset_network_count"]
        out.append(_text(f"\n{region_heading(region)} takes part in none of the {count} networks in this dataset."))
        return out
    table = _table(
        ("Network", WRAP),
        ("ID", KEEP),
        ("Role", {"overflow": "fold"}),
        ("Since", KEEP),
        ("Status", KEEP),
        ("Source", KEEP),
        title="\nNetworks",
    )
    for entry in profile["networks"]:
        if entry["through"] == "region":
            since = (entry["since"] or "—") + ("~" if entry["since_approx"] else "")
            table.add_row(
                _text(entry["name"]),
                _text(entry["id"]),
                _text(entry["role"]),
                _text(since),
                _text(entry["status"]),
                _text(entry["source"]),
            )
        for org in entry["organisations"]:
            prefix = entry["name"] if entry["through"] == "organisation" else ""
            table.add_row(
                _text(prefix),
                _text(entry["id"] if prefix else ""),
                _text(f"via {org['name']}: {org['role']}"),
                _text(org["since"] or "—"),
                _text(org["status"]),
                _text(org["source"]),
            )
    legend = "via = through an organisation based in the region, not the region's own membership. "
    out += [table, _text(legend + STATUS_LEGEND, "dim"), _sources_table(profile["sources"])]
    return out


def _sources_table(sources: list[Record]) -> Any:
    table = _table(("Id", KEEP), ("Source", WRAP), title="\nSources")
    for source in sources:
        label = " — ".join(part for part in (source["publisher"], source["title"], source["url"]) if part)
        table.add_row(_text(source["id"]), _text(label))
    return table
