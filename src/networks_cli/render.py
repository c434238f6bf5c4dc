"""Turning query results into text: the one place that knows the output formats.

Machine formats (JSON, JSON Lines, CSV, TSV, Markdown) are built as plain strings and never pass
through Rich. Only the human table imports Rich, and only when it is asked for, so the JSON path
stays light. Text from the data is never read as markup or as terminal control sequences.
"""

from __future__ import annotations

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
        # Indented for a person on a terminal; one compact line in a pipe, as `gh` does (and the C
        # encoder, which indenting disables, is several times faster on large answers).
        return _json(view.document, terminal, indent=2 if terminal.is_tty else None) + "\n"
    if output is OutputFormat.jsonl:
        return "".join(_json(record, terminal, indent=None) + "\n" for record in view.records())
    if output is OutputFormat.csv:
        return _delimited(view, ",")
    if output is OutputFormat.tsv:
        return _tsv(view)
    if output is OutputFormat.markdown:
        return _markdown(view)
    return _human(view.table(terminal), terminal)


def _json(document: Any, terminal: Terminal, indent: int | None) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    # A console that cannot show the data still gets valid JSON: fall back to \u escapes.
    if not _can_encode(text, terminal.encoding):
        text = json.dumps(document, ensure_ascii=True, indent=indent)
    return text


def _delimited(view: View, delimiter: str) -> str:
    buffer = io.StringIO()
    import csv

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

# Below this width a table would have to cut ids and codes: each row becomes a block of lines instead.
NARROW = 80

STATUS_LEGEND = (
    "Status: current = named as a member by its latest source; historical = named only by an old source, "
    "current status unknown; unknown = membership implied, not stated. [id] = a source, listed under Sources."
)


@dataclass(frozen=True)
class Column:
    header: str
    keep: bool = False  # ids, codes, dates, numbers: never wrapped or cut
    ratio: int = 1  # share of the width left over, among the columns that wrap


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


def _indented(value: str) -> Any:
    from rich.padding import Padding

    return Padding(_text(value), (0, 0, 0, 2))


def _grid(
    title: str, columns: list[Column], rows: list[list[str]], terminal: Terminal, narrow: int = NARROW
) -> list[RenderableType]:
    """A table on a wide terminal; below `narrow` columns, one block per row, headed by its first cell."""
    heading = _text(f"\n{title}", "bold")
    if terminal.width < narrow:
        out: list[RenderableType] = [heading]
        for row in rows:
            out.append(_text(row[0] or "·", "bold"))
            fields = [f"{c.header}: {v}" for c, v in zip(columns[1:], row[1:], strict=True) if v]
            out.append(_indented(" · ".join(fields)))
        return out
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for column in columns:
        if column.keep:
            table.add_column(column.header, no_wrap=True, overflow="ignore")
        else:
            table.add_column(column.header, overflow="fold", ratio=column.ratio)
    for row in rows:
        table.add_row(*(_text(value) for value in row))
    return [heading, table]


def _facts_grid(rows: list[tuple[str, str | None]]) -> Any:
    from rich.table import Table

    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in rows:
        if value:
            grid.add_row(_text(label), _text(value))
    return grid


def _count_phrase(count: Record | None) -> str:
    if count is None:
        return "unknown"
    qualifier = f"{count['qualifier']} " if count["qualifier"] else ""
    when = count["date"] or "undated"
    return f"{qualifier}{count['count']} {count['counted']} ({when}) [{count['source']}]"


def _listed_phrase(network: Record) -> str:
    listed = network["member_count"]
    current = network["members_by_status"]["current"]
    declared = network["declared_member_count"]
    if declared is None:
        return f"{listed} listed ({current} current); declared count unknown"
    if listed < declared:
        return f"{listed} of {declared} listed"
    return f"{listed} listed ({current} current); {declared} declared"


def _sourced_phrase(value: Record | None, key: str = "text") -> str | None:
    if value is None:
        return None
    phrase = f"{value[key]} [{value['source']}]"
    return phrase + (f" {value['note']}" if value.get("note") else "")


def _since(record: Record) -> str:
    return (record["since"] or "—") + ("~" if record.get("since_approx") else "")


def _sources_grid(sources: list[Record], terminal: Terminal) -> list[RenderableType]:
    rows = [
        [source["id"], " — ".join(part for part in (source["publisher"], source["title"], source["url"]) if part)]
        for source in sources
    ]
    return _grid("Sources", [Column("Id", keep=True), Column("Source")], rows, terminal)


def _list_table(networks: list[Record], terminal: Terminal) -> list[RenderableType]:
    columns = [
        Column("ID", keep=True),
        Column("Name"),
        Column("Founded", keep=True),
        Column("Focus"),
        Column("Members"),
    ]
    rows = [[n["id"], n["name"], n["founded"] or "unknown", n["focus"] or "", _listed_phrase(n)] for n in networks]
    note = "Members: listed in this dataset vs declared by the seed page. `networks show ID` for more."
    return [*_grid("Networks", columns, rows, terminal), _text(note, "dim")]


def _show_table(profile: Record, terminal: Terminal) -> list[RenderableType]:
    acronym = profile["acronym"]
    title = profile["name"] + (f" ({acronym})" if acronym and acronym != profile["name"] else "")
    status_text = ", ".join(f"{n} {name}" for name, n in profile["members_by_status"].items() if n)
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
            ("Members", f"{profile['member_count']} listed: {status_text}" if status_text else "none listed"),
            ("Declared", _count_phrase(declared) if declared else "unknown: the seed page states no count"),
        ]
    )
    out: list[RenderableType] = [_text(title, "bold underline"), facts]
    if profile["description"]:
        out.append(_text(f"\n{profile['description']} [{profile['description_source']}]"))
    for item in profile["lists"]:
        note = f" {item['note']}" if item["note"] else ""
        out.append(_text(f"\n{item['title']} [{item['source']}]{note}", "bold"))
        out += [_indented(f"• {entry}") for entry in item["items"]]
    member_columns = [
        Column("Member", ratio=3),
        Column("Type", keep=True),
        Column("Country", keep=True),
        Column("NUTS", keep=True),
        Column("Role"),
        Column("Since", keep=True),
        Column("Status", keep=True),
        Column("Source", keep=True),
    ]
    member_rows = [
        [
            m["name"] + (" (for its region)" if m["represents_region"] else ""),
            "org" if m["type"] == "organisation" else m["type"],
            m["country"],
            m["nuts"] or "—",
            m["role"],
            _since(m),
            m["status"],
            m["source"],
        ]
        for m in profile["members"]
    ]
    # Eight columns need room: below 120 columns the members are shown as blocks.
    out += _grid(f"Members ({_listed_phrase(profile)})", member_columns, member_rows, terminal, narrow=120)
    out.append(_text(STATUS_LEGEND + " ~ = approximate.", "dim"))
    count_columns = [Column("Date", keep=True), Column("Count", keep=True), Column("What"), Column("Source", keep=True)]
    count_rows = [
        [
            c["date"] or "undated",
            (f"{c['qualifier']} " if c["qualifier"] else "") + str(c["count"]),
            c["counted"] + (" (declared)" if declared is not None and c == declared else ""),
            c["source"],
        ]
        for c in profile["member_counts"]
    ]
    if count_rows:
        out += _grid("Member counts by source", count_columns, count_rows, terminal)
    if profile["facts"]:
        out.append(_text("\nFacts", "bold"))
        for fact in profile["facts"]:
            when = f" ({fact['when']})" if fact["when"] else ""
            flag = " (unverified)" if fact["unverified"] else ""
            out.append(_indented(f"• {fact['text']}{when}{flag} [{fact['source']}]"))
    return out + _sources_grid(profile["sources"], terminal)


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
    facts = _facts_grid(
        [
            ("Country", f"{country_name(region['country'])} ({region['country']})"),
            ("NUTS", nuts),
            ("Also known as", ", ".join(region["names"])),
            ("Note", region["note"]),
            ("Organisations", ", ".join(org["name"] for org in profile["organisations"])),
        ]
    )
    out: list[RenderableType] = [_text(region["name"], "bold underline"), facts]
    if not profile["networks"]:
        count = profile["dataset_network_count"]
        out.append(_text(f"\n{region_heading(region)} takes part in none of the {count} networks in this dataset."))
        return out
    columns = [
        Column("Network", ratio=3),
        Column("ID", keep=True),
        Column("Role", ratio=2),
        Column("Since", keep=True),
        Column("Status", keep=True),
        Column("Source", keep=True),
    ]
    rows: list[list[str]] = []
    for entry in profile["networks"]:
        if entry["through"] == "region":
            rows.append([entry["name"], entry["id"], entry["role"], _since(entry), entry["status"], entry["source"]])
        for org in entry["organisations"]:
            rows.append(
                [
                    entry["name"],
                    entry["id"],
                    f"via {org['name']}: {org['role']}",
                    _since(org),
                    org["status"],
                    org["source"],
                ]
            )
    legend = "via = through an organisation based in the region, not the region's own membership. "
    out += _grid("Networks", columns, rows, terminal)
    out.append(_text(legend + STATUS_LEGEND, "dim"))
    return out + _sources_grid(profile["sources"], terminal)
