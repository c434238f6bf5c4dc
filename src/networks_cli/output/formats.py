"""Turning query results into text: the one place that knows the output formats.

Machine formats (JSON, JSON Lines, CSV, TSV, Markdown) are built as plain strings and never pass
through Rich. Human tables come from `tables/`, the one package that imports Rich, through the builder
each view carries; this module is below `tables/` and never imports it, so the JSON path stays light.
Text from the data is never read as markup or as terminal control sequences.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from networks_cli.dataset.names import Record

LIST_SEPARATOR = "; "


class OutputFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    csv_excel = "csv-excel"  # CSV as Excel opens it correctly: a UTF-8 byte order mark, CRLF line ends
    tsv = "tsv"
    markdown = "markdown"


class Terminal:
    """What the output goes to: decided once, from flags and the environment, by the CLI.

    (Plain classes here and for `View`: a dataclass costs a millisecond of start-up to create.)
    """

    __slots__ = ("color", "encoding", "is_tty", "width")

    def __init__(self, is_tty: bool = False, color: bool = False, width: int = 100, encoding: str = "utf-8") -> None:
        self.is_tty = is_tty
        self.color = color
        self.width = width
        self.encoding = encoding


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


def can_encode(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


# ---------------------------------------------------------------- View: an answer, flattened per format (see *views.py)


class View:
    """A command's result and how to flatten it for each format."""

    __slots__ = ("columns", "document", "exit_status", "notes", "pretty", "records", "rows", "table")

    def __init__(
        self,
        document: Any,  # the JSON contract
        records: Callable[[], list[Record]],  # one per JSON Lines line
        columns: Sequence[str],  # flat formats: header row
        rows: Callable[[], list[Sequence[Any]]],
        table: Callable[[Terminal], str],  # the human table, as text (views build it with `tables`)
        exit_status: int = 0,  # a result can be a failure too (`validate` of a bad file)
        pretty: bool = False,  # indent JSON even in a pipe (a schema is saved to a file and read by people)
        notes: Sequence[str] = (),  # what the answer leaves unsaid (why it is empty): the CLI says it on stderr
    ) -> None:
        self.document = document
        self.records = records
        self.columns = columns
        self.rows = rows
        self.table = table
        self.exit_status = exit_status
        self.pretty = pretty
        self.notes = notes


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell(item) for item in value)
    return str(value)


# ---------------------------------------------------------------- formats


def render(view: View, output: OutputFormat, terminal: Terminal) -> str:
    return FORMATS[output].write(view, terminal)


def _write_json(view: View, terminal: Terminal) -> str:
    # Indented for a person on a terminal; one compact line in a pipe, as `gh` does (and the C
    # encoder, which indenting disables, is several times faster on large answers).
    return _json(view.document, terminal, indent=2 if terminal.is_tty or view.pretty else None) + "\n"


def _write_jsonl(view: View, terminal: Terminal) -> str:
    return "".join(_json(record, terminal, indent=None) + "\n" for record in view.records())


def _data(flat: str, terminal: Terminal) -> str:
    # Data goes to a pipe exactly as it is; on a terminal its control characters are shown as escapes,
    # never obeyed (JSON escapes them always, and tables go through `printable`).
    return printable(flat) if terminal.is_tty else flat


def _write_csv(view: View, terminal: Terminal) -> str:
    return _data(_delimited(view, ","), terminal)


def _write_csv_excel(view: View, terminal: Terminal) -> str:
    # Excel reads a CSV without a byte order mark in the system's code page: accents come out garbled.
    text = _delimited(view, ",", "\r\n")
    if terminal.is_tty:  # on a terminal, control characters inside values as escapes; the line ends kept
        text = "\r\n".join(printable(line) for line in text.split("\r\n"))
    return "\ufeff" + text


def _write_tsv(view: View, terminal: Terminal) -> str:
    return _data(_tsv(view), terminal)


def _write_markdown(view: View, terminal: Terminal) -> str:
    # Markdown is for people, wherever it goes (a file, a PR comment): control characters as escapes.
    return printable(readable(_markdown(view), terminal.encoding))


def _write_table(view: View, terminal: Terminal) -> str:
    return readable(view.table(terminal), terminal.encoding)


class Format:
    """One output format: how it is written, and what its bytes may hold.

    `strict`: a character the stream's encoding cannot hold is an error (JSON must stay JSON),
    rather than replaced; `kind`: document (one JSON value), records (a line each), rows (flat, a
    header and a row per item) or table (for people).
    """

    __slots__ = ("kind", "strict", "write")

    def __init__(self, kind: str, write: Callable[[View, Terminal], str], strict: bool = False) -> None:
        self.kind = kind
        self.write = write
        self.strict = strict


# Every format, in `--format`'s order. A new format is a member of `OutputFormat` and one entry here;
# the CLI's choices, the error policy and the tests' list of formats all read this table.
FORMATS: dict[OutputFormat, Format] = {
    OutputFormat.table: Format("table", _write_table),
    OutputFormat.json: Format("document", _write_json, strict=True),
    OutputFormat.jsonl: Format("records", _write_jsonl, strict=True),
    OutputFormat.csv: Format("rows", _write_csv),
    OutputFormat.csv_excel: Format("rows", _write_csv_excel),
    OutputFormat.tsv: Format("rows", _write_tsv),
    OutputFormat.markdown: Format("rows", _write_markdown),
}


def readable(text: str, encoding: str) -> str:
    """Text for people, in an encoding that may not hold it: what it cannot hold is transliterated.

    `Małopolska` reads as `Malopolska` on an ASCII or cp1252 console rather than `Ma?opolska`. (CSV
    and TSV keep the writer's replacement character instead: a spreadsheet must not get a different
    name than the data holds without a sign of it.)
    """
    if can_encode(text, encoding):
        return text
    from anyascii import anyascii

    def one(character: str) -> str:
        return character if can_encode(character, encoding) else (anyascii(character) or "?")

    return "".join(one(character) for character in text)


def _json(document: Any, terminal: Terminal, indent: int | None) -> str:
    text = json.dumps(document, ensure_ascii=False, indent=indent)
    # A console that cannot show the data still gets valid JSON: fall back to \u escapes.
    if not can_encode(text, terminal.encoding):
        text = json.dumps(document, ensure_ascii=True, indent=indent)
    return text


def _delimited(view: View, delimiter: str, line_end: str = "\n") -> str:
    buffer = io.StringIO()
    import csv

    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    writer.writerow(view.columns)
    writer.writerows([cell(value) for value in row] for row in view.rows())
    return buffer.getvalue()


def _tsv(view: View) -> str:
    # Plain tab-separated rows, as `gh` writes to a pipe: tabs and newlines inside a value become spaces.
    def clean(value: Any) -> str:
        return re.sub(r"[\t\r\n]+", " ", cell(value))

    lines = ["\t".join(view.columns)]
    lines += ["\t".join(clean(value) for value in row) for row in view.rows()]
    return "\n".join(lines) + "\n"


def _markdown(view: View) -> str:
    def clean(value: Any) -> str:
        return re.sub(r"\s+", " ", cell(value)).replace("\\", "\\\\").replace("|", "\\|")

    lines = ["| " + " | ".join(view.columns) + " |", "|" + "---|" * len(view.columns)]
    lines += ["| " + " | ".join(clean(value) for value in row) + " |" for row in view.rows()]
    return "\n".join(lines) + "\n"
