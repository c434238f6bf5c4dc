"""What each command shows: its JSON document, its records and rows for the flat formats, its table.

A view holds the query's result as is (the JSON contract) and says how to flatten it. Each view
carries its own table builder, which imports `tables` (and Rich) only when a table is asked for, so
machine output never loads Rich.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from networks_cli.dataset.names import Record
from networks_cli.dataset.timeline import confirmed_phrase
from networks_cli.output.formats import Terminal, View, role_text

if TYPE_CHECKING:
    from rich.console import RenderableType  # noqa: TID251 (a type only: Rich loads only for a table)

    from networks_cli.answers.validation import Report

# How a view builds its human table: `tables`, and with it Rich, is imported inside each builder, so
# only a table pays for it (and `render`, below `tables`, never imports it).
TableBuilder = Callable[[Terminal], "list[RenderableType]"]


def _shown(build: TableBuilder) -> Callable[[Terminal], str]:
    """The table a builder makes, as text for this terminal."""

    def text(terminal: Terminal) -> str:
        from networks_cli.output.tables.grid import human

        return human(build(terminal), terminal)

    return text


def list_view(networks: list[Record]) -> View:
    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.grid import list_table

        return list_table(networks, terminal)

    return _records_view(
        networks,
        ["id", "name", "acronym", "founded", "focus", "themes", "member_count", "declared_member_count", "category"],
        table,
    )


def _records_view(records: list[Record], columns: list[str], table: TableBuilder) -> View:
    """The common case: the JSON document is a list of records, and each flat row picks columns of one."""
    return View(
        document=records,
        records=lambda: records,
        columns=columns,
        rows=lambda: [[record[column] for column in columns] for record in records],
        table=_shown(table),
    )


def show_view(profile: Record, evidence: bool = False) -> View:
    columns = [
        "network",
        "id",
        "name",
        "type",
        "country",
        "nuts",
        "role",
        "since",
        "status",
        "last_confirmed",
        "as_of",
        "source",
        "quote",
    ]
    members = [{"network": profile["id"], **member} for member in profile["members"]]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.grid import show_table

        return show_table(profile, terminal, evidence)

    return View(
        document=profile,
        records=lambda: members,
        columns=columns,
        rows=lambda: [[_flat(member, column) for column in columns] for member in members],
        table=_shown(table),
    )


def region_view(profile: Record, evidence: bool = False) -> View:
    columns = [
        "region",
        "network",
        "name",
        "role",
        "since",
        "status",
        "last_confirmed",
        "through",
        "organisations",
        "source",
        "quote",
    ]
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
            _flat(entry, "last_confirmed"),
            entry["through"],
            organisations,
            entry["source"],
            entry["quote"],
        ]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.grid import region_table

        return region_table(profile, terminal, evidence)

    return View(
        document=profile,
        records=lambda: [record(entry) for entry in profile["networks"]],
        columns=columns,
        rows=lambda: [row(entry) for entry in profile["networks"]],
        table=_shown(table),
    )


def organisation_view(profile: Record, evidence: bool = False) -> View:
    columns = ["organisation", "network", "name", "role", "since", "status", "last_confirmed", "source", "quote"]
    organisation_id = profile["organisation"]["id"]
    records = [{"organisation": organisation_id, "network": entry["id"], **entry} for entry in profile["networks"]]
    for record in records:
        del record["id"]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.grid import organisation_table

        return organisation_table(profile, terminal, evidence)

    return View(
        document=profile,
        records=lambda: records,
        columns=columns,
        rows=lambda: [[_flat(record, column) for column in columns] for record in records],
        table=_shown(table),
    )


CITE_STYLES = ("text", "bibtex", "csl-json")


def cite_view(answer: Record, style: str | None = None) -> View:
    """`cite`: the sources as a reference list. With no style, the JSON contract and its flat rows (one
    per source); with a style, that text whatever the format (`csl-json` is a JSON document)."""
    columns = ["id", "title", "publisher", "url", "date"]
    sources = answer["sources"]
    if style == "csl-json":
        items = csl_items(answer)
        return View(
            document=items,
            records=lambda: items,
            columns=columns,
            rows=lambda: [],
            table=lambda terminal: "",
            pretty=True,
        )
    if style == "bibtex":
        return View(
            document=answer,
            records=lambda: sources,
            columns=columns,
            rows=lambda: [[source[column] for column in columns] for source in sources],
            table=lambda terminal: printable_lines(bibtex(answer)),
        )
    return View(
        document=answer,
        records=lambda: sources,
        columns=columns,
        rows=lambda: [[source[column] for column in columns] for source in sources],
        table=lambda terminal: printable_lines(_fitted(reference_text(answer), terminal)),
    )


def _fitted(text: str, terminal: Terminal) -> str:
    """On a terminal, each line wrapped to its width under a hanging indent (an address folded if it
    must be); to a file or a pipe, one source a line, as written."""
    if not terminal.is_tty:
        return text
    import textwrap

    width = max(terminal.width, 20)
    wrapped = [
        textwrap.fill(line, width, subsequent_indent="  ", break_on_hyphens=False) if line else line
        for line in text.split("\n")
    ]
    return "\n".join(wrapped)


def printable_lines(text: str) -> str:
    from networks_cli.output.formats import printable

    return "\n".join(printable(line) for line in text.split("\n"))


def _accessed(answer: Record) -> str:
    dataset = answer["dataset"]
    version = f" {dataset['version']}" if dataset["version"] else ""
    return f'accessed via {answer["tool"]} (dataset "{dataset["title"]}"{version})'


def _source_year(source: Record) -> str | None:
    return source["date"][:4] if source.get("date") else None


def _title(source: Record) -> str:
    """A source's title; one without a title is named by its publisher's page, else its address."""
    if source["title"]:
        return str(source["title"])
    if source["publisher"]:
        return f"{source['publisher']} (web page)"
    return str(source["url"] or source["id"])


def _bib(value: str) -> str:
    """A value inside BibTeX braces: LaTeX's special characters escaped, braces too, so they stay balanced."""
    table = {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "%": r"\%",
        "&": r"\&",
        "#": r"\#",
        "$": r"\$",
        "_": r"\_",
    }
    return "".join(table.get(character, character) for character in value)


def _bib_url(value: str) -> str:
    return value.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def _bib_entry(key: str, fields: list[tuple[str, str | None]]) -> str:
    lines = [f"  {name} = {{{value}}}," for name, value in fields if value]
    return "@misc{" + key + ",\n" + "\n".join(lines) + "\n}\n"


def bibtex(answer: Record) -> str:
    """@misc entries, keyed by source id: title, organization, howpublished and url, year/date, note.
    With no subject, the dataset itself comes first."""
    entries: list[str] = []
    accessed = _bib(_accessed(answer))
    if answer["subject"] is None:
        dataset = answer["dataset"]
        updated = dataset["updated"]
        entries.append(
            _bib_entry(
                "networks-dataset",
                [
                    ("title", _bib(dataset["title"])),
                    ("organization", "the networks authors"),
                    ("version", _bib(dataset["version"] or "")),
                    ("year", updated[:4] if updated else None),
                    ("date", updated),
                    ("note", accessed),
                ],
            )
        )
    for source in answer["sources"]:
        url = source["url"]
        entries.append(
            _bib_entry(
                source["id"],
                [
                    ("title", _bib(_title(source))),
                    ("organization", _bib(source["publisher"]) if source["publisher"] else None),
                    ("howpublished", "\\url{" + _bib_url(url) + "}" if url else None),
                    ("url", _bib_url(url) if url else None),
                    ("year", _source_year(source)),
                    ("date", source["date"]),
                    ("note", accessed),
                ],
            )
        )
    return "\n".join(entries)


def csl_items(answer: Record) -> list[Record]:
    """CSL-JSON: one `webpage` item per source (the dataset itself first when there is no subject)."""

    def issued(date: str | None) -> Record | None:
        return {"date-parts": [[int(part) for part in date.split("-")]]} if date else None

    items: list[Record] = []
    if answer["subject"] is None:
        dataset = answer["dataset"]
        items.append(
            {"id": "networks-dataset", "type": "dataset", "title": dataset["title"], "version": dataset["version"]}
            | ({"issued": issued(dataset["updated"])} if dataset["updated"] else {})
            | {"note": _accessed(answer)}
        )
    for source in answer["sources"]:
        item: Record = {"id": source["id"], "type": "webpage", "title": _title(source)}
        if source["publisher"]:
            item |= {"publisher": source["publisher"], "container-title": source["publisher"]}
        if source["url"]:
            item["URL"] = source["url"]
        if source["date"]:
            item["issued"] = issued(source["date"])
        item["note"] = _accessed(answer)
        items.append(item)
    return items


def reference_text(answer: Record) -> str:
    """A plain reference list: who published it, the title, the date, the address, one source a line."""
    subject = answer["subject"]
    dataset = answer["dataset"]
    if subject is None:
        heading = f'Every source of the dataset "{dataset["title"]}"'
    else:
        heading = f"The sources behind {subject['type']} {subject['name']}"
    lines = [f"{heading}; {_accessed(answer)}:", ""]
    if subject is None:
        parts = ["the networks authors", dataset["title"], dataset["version"], dataset["updated"]]
        lines.append("[networks-dataset] " + ". ".join(part for part in parts if part))
    for source in answer["sources"]:
        parts = [source["publisher"], source["title"], source["date"], source["url"]]
        lines.append(f"[{source['id']}] " + ". ".join(part for part in parts if part))
    if not answer["sources"]:
        lines.append("No source is cited.")
    lines += ["", "Cite the sources themselves: the dataset compiles facts from them, quoting each briefly."]
    return "\n".join(lines) + "\n"


def _flat(record: Record, column: str) -> Any:
    """A value for a flat format's cell: `last_confirmed` as its date, `≥ date` for a bound."""
    value = record[column]
    if column == "last_confirmed":
        return confirmed_phrase(value) if value else None
    return value


def history_view(history: Record) -> View:
    columns = ["network", "date", "date_precision", "count", "qualifier", "counted", "series", "latest", "source"]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.grid import history_table

        return history_table(history, terminal)

    return View(
        document=history,
        records=lambda: history["counts"],
        columns=columns,
        rows=lambda: [[count[column] for column in columns] for count in history["counts"]],
        table=_shown(table),
    )


def _roles(memberships: list[Record]) -> list[str]:
    return [f"{m['network']}: {role_text(m)}" for m in memberships]


REGION_KEYS = ("id", "name", "country", "nuts")


def partners_view(result: Record, evidence: bool = False) -> View:
    partners = result["partners"]
    columns = ["region", "name", "country", "nuts", "count", "shared", "roles"]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.grid import partners_table

        return partners_table(result, terminal, evidence)

    return View(
        document=partners,
        records=lambda: partners,
        columns=columns,
        rows=lambda: [
            [
                *(p["region"][key] for key in REGION_KEYS),
                p["count"],
                p["shared"],
                _roles(p["memberships"]),
            ]
            for p in partners
        ],
        table=_shown(table),
    )


def compare_view(result: Record) -> View:
    keys = [region["key"] for region in result["regions"]]
    cells = {
        region["key"]: {network["id"]: role_text(network) for network in region["networks"]}
        for region in result["regions"]
    }
    only = result["only"]

    def records() -> list[Record]:
        return [
            {
                "region": region["key"],
                "name": region["name"],
                "networks": region["networks"],
                "only": only[region["key"]],
            }
            for region in result["regions"]
        ]

    def rows() -> list[Sequence[Any]]:
        return [
            [network["id"], *(cells[key].get(network["id"], "") for key in keys)]
            for network in result["networks"]
            if any(network["id"] in cells[key] for key in keys)
        ]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.grid import compare_table

        return compare_table(result, terminal)

    return View(
        document=result,
        records=records,
        columns=["network", *keys],
        rows=rows,
        table=_shown(table),
    )


def search_view(hits: list[Record]) -> View:
    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.grid import search_table

        return search_table(hits, terminal)

    return _records_view(hits, ["type", "id", "name", "matched", "match", "snippet", "command"], table)


def regions_view(regions: list[Record]) -> View:
    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.grid import regions_table

        return regions_table(regions, terminal)

    return _records_view(regions, ["id", "name", "country", "nuts", "networks", "network_ids"], table)


def matrix_view(result: Record) -> View:
    ids = [network["id"] for network in result["networks"]]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.grid import matrix_table

        return matrix_table(result, terminal)

    return View(
        document=result,
        records=lambda: result["regions"],
        columns=["region", *ids],
        rows=lambda: [
            [row["id"], *(role_text(row["cells"][n]) if n in row["cells"] else "" for n in ids)]
            for row in result["regions"]
        ],
        table=_shown(table),
    )


def themes_view(themes: list[Record]) -> View:
    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.grid import themes_table

        return themes_table(themes, terminal)

    return _records_view(themes, ["id", "name", "networks", "network_ids", "description"], table)


def validate_view(report: Report, strict: bool) -> View:
    """Problems one per line (`PATH: error: …`), then a summary; exit 4 if invalid, 5 if --strict and warned."""
    from networks_cli.errors import ExitStatus

    problems = [{"path": report.path, "severity": "error", "message": m} for m in report.errors]
    problems += [{"path": report.path, "severity": "warning", "message": m} for m in report.warnings]
    problems += [{"path": report.path, "severity": "note", "message": m} for m in report.notes]
    if not report.valid:
        status = ExitStatus.DATA_ERROR
    elif strict and report.warnings:
        status = ExitStatus.WARNINGS
    else:
        status = ExitStatus.OK
    document = {
        "path": report.path,
        "valid": report.valid,
        "strict": strict,
        "errors": report.errors,
        "warnings": report.warnings,
        "notes": report.notes,
        "counts": report.counts,
    }
    columns = ["path", "severity", "message"]

    def table(terminal: Terminal) -> list[RenderableType]:
        from networks_cli.output.tables.grid import validate_table

        return validate_table(report, strict, terminal)

    return View(
        document=document,
        records=lambda: problems,
        columns=columns,
        rows=lambda: [[problem[column] for column in columns] for problem in problems],
        table=_shown(table),
        exit_status=int(status),
    )


def schema_view(schema: Record) -> View:
    return View(
        document=schema,
        records=lambda: [schema],
        columns=["schema"],
        rows=lambda: [],
        table=lambda terminal: "",  # never asked for: `networks schema` always writes JSON
        pretty=True,
    )
