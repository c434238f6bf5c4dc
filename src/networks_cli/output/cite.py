"""`cite`: the sources behind an answer as a reference list: plain text, BibTeX or CSL-JSON. A format of
its own rather than a view of rows, so it lives apart from the views.
"""

from __future__ import annotations

from networks_cli.dataset.names import Record
from networks_cli.output.formats import Terminal, View


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
        table=lambda terminal: _fitted(reference_text(answer), terminal),
    )


def _fitted(text: str, terminal: Terminal) -> str:
    """On a terminal, each reference wrapped to its width under a hanging indent, its address on a
    line of its own, whole (and a link, OSC 8, where there is colour): a cut address cannot be
    pasted. To a file or a pipe, one source a line, as written."""
    if not terminal.is_tty:
        return printable_lines(text)
    import textwrap

    from networks_cli.output.formats import printable

    width = max(terminal.width, 20)
    wrapped: list[str] = []
    for line in text.split("\n"):
        words = line.split(" ")
        url = words[-1] if len(words) > 1 and words[-1].startswith(("http://", "https://")) else None
        if url:
            line = " ".join(words[:-1]).removesuffix(".")
        wrapped += [
            printable(part) for part in textwrap.wrap(line, width, subsequent_indent="  ", break_on_hyphens=False)
        ]
        if not line:
            wrapped.append("")
        if url:
            shown = printable(url)
            wrapped.append("  " + (f"\x1b]8;;{shown}\x1b\\{shown}\x1b]8;;\x1b\\" if terminal.color else shown))
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
    """A source's title; one whose title no one has read gets one in square brackets, the cataloguers'
    sign for a title supplied rather than taken from the page (ISBD), naming its publisher, else its
    address: never a made-up title that reads as the page's own."""
    if source["title"]:
        return str(source["title"])
    if source["publisher"]:
        return f"[Web page of {source['publisher']}]"
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


def _bib_entry(kind: str, key: str, fields: list[tuple[str, str | None]]) -> str:
    lines = [f"  {name} = {{{value}}}," for name, value in fields if value]
    return f"@{kind}{{{key},\n" + "\n".join(lines) + "\n}\n"


# Keys a shared .bib can hold beside others': `networks-seed`, never a bare `seed`.
KEY_PREFIX = "networks-"


def bibtex(answer: Record) -> str:
    """The dataset (@misc), always first, then an @online entry per source, keyed `networks-ID`:
    title, publisher, url and howpublished (for BibTeX's own styles),
    date and year where the page states one, urldate (the dataset's date: every page was read by
    then), note."""
    accessed = _bib(_accessed(answer))
    dataset = answer["dataset"]
    updated = dataset["updated"]
    entries = [
        _bib_entry(
            "misc",
            KEY_PREFIX + "dataset",
            [
                ("title", _bib(dataset["title"])),
                ("author", "{the networks authors}"),
                ("howpublished", _bib(answer["tool"])),
                ("version", _bib(dataset["version"] or "")),
                ("year", updated[:4] if updated else None),
                ("date", updated),
                ("note", accessed),
            ],
        )
    ]
    for source in answer["sources"]:
        url = source["url"]
        entries.append(
            _bib_entry(
                "online",
                KEY_PREFIX + source["id"],
                [
                    ("title", _bib(_title(source))),
                    ("publisher", _bib(source["publisher"]) if source["publisher"] else None),
                    ("howpublished", "\\url{" + _bib_url(url) + "}" if url else None),
                    ("url", _bib_url(url) if url else None),
                    ("year", _source_year(source)),
                    ("date", source["date"]),
                    ("urldate", updated if url else None),
                    ("note", accessed),
                ],
            )
        )
    return "\n".join(entries)


def csl_items(answer: Record) -> list[Record]:
    """CSL-JSON: the dataset, then one `webpage` item per source."""

    def issued(date: str | None) -> Record | None:
        return {"date-parts": [[int(part) for part in date.split("-")]]} if date else None

    dataset = answer["dataset"]
    # The dataset is always cited, first: it is where these sources were gathered and quoted.
    items: list[Record] = [
        {"id": "networks-dataset", "type": "dataset", "title": dataset["title"], "version": dataset["version"]}
        | ({"issued": issued(dataset["updated"])} if dataset["updated"] else {})
        | {"note": _accessed(answer)}
    ]
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
    parts = ["the networks authors", dataset["title"], dataset["version"], dataset["updated"]]
    lines.append("[networks-dataset] " + ". ".join(part for part in parts if part))  # always: where they were found
    for source in answer["sources"]:
        parts = [source["publisher"], source["title"], source["date"], source["url"]]
        lines.append(f"[{source['id']}] " + ". ".join(part for part in parts if part))
    if not answer["sources"]:
        lines.append("No source is cited.")
    lines += ["", "Cite the sources themselves: the dataset compiles facts from them, quoting each briefly."]
    return "\n".join(lines) + "\n"
