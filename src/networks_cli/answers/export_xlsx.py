"""`networks export --xlsx FILE`: the export's tables as one workbook that Excel opens as it is.

A sheet per table, with the same columns as the CSV and SQLite exports (`export.py` builds the rows),
then an "about" sheet: where the data comes from and under which terms, table by table. openpyxl is an
optional extra (`pip install 'networks-cli[excel]'`), imported only here, only by this command.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any

from networks_cli.answers.export import DESCRIPTIONS, EXPORT_FORMAT, _check_replaceable, _table_metadata, _tables
from networks_cli.dataset.store import Store
from networks_cli.errors import NetworksError, UsageError

ABOUT_SHEET = "about"
EXCEL_EXTRA = "pip install 'networks-cli[excel]'"
# What XML 1.0, and so a workbook, cannot hold: control characters other than tab, newline and return.
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _load_openpyxl() -> Any:
    try:
        import openpyxl  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        raise UsageError(f"export --xlsx needs openpyxl, an optional extra: {EXCEL_EXTRA}") from None
    return openpyxl


def _cell(sheet: Any, value: Any, text_cell: Any) -> Any:
    """A value as the workbook holds it. Text is text: a quote that starts with '=' is not a formula."""
    if not isinstance(value, str):
        return value
    value = _NOT_IN_XML.sub("", value)
    if not value.startswith("="):
        return value
    cell = text_cell(sheet, value)
    cell.data_type = "s"
    return cell


def _written_xlsx(path: Path) -> bool:
    """Whether the file at `path` is a workbook an export wrote (it has the "about" sheet); read only."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as workbook:
            return f'name="{ABOUT_SHEET}"'.encode() in workbook.read("xl/workbook.xml")
    except (OSError, KeyError, zipfile.BadZipFile):
        return False


def export_xlsx(store: Store, path: Path, dataset: str, force: bool = False) -> dict[str, Any]:
    """Write every table (with imported projects) to one workbook at `path`, written beside it first
    and moved into place, so an interrupted export never leaves half a workbook. Never writes through a
    link; replaces a file that is not a workbook an export wrote only with `force`."""
    openpyxl = _load_openpyxl()
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped,unused-ignore]

    path = Path(os.path.abspath(path))  # not resolve(): a link at `path` must be refused, not followed
    _check_replaceable(path, _written_xlsx, force)
    workbook = openpyxl.Workbook(write_only=True)
    counts: dict[str, int] = {}
    about: list[list[Any]] = [
        ["networks: European interregional networks", None],
        ["dataset", dataset],
        ["export format", EXPORT_FORMAT],
        [None, None],
        ["sheet", "what it holds", "source", "licence", "licence address"],
    ]
    attribution: str | None = None
    for table, columns, rows, imported in _tables(store):
        sheet = workbook.create_sheet(table)
        sheet.freeze_panes = "A2"
        sheet.append([name for name, _ in columns])
        count = 0
        for row in rows:
            sheet.append([_cell(sheet, value, WriteOnlyCell) for value in row])
            count += 1
        counts[table] = count
        meta = _table_metadata(table, imported, dataset)
        attribution = attribution or (imported["attribution"] if imported else None)
        about.append([table, DESCRIPTIONS[table], meta["source"], meta["license"], meta.get("license_url")])
    sheet = workbook.create_sheet(ABOUT_SHEET)
    for line in about:
        sheet.append([_cell(sheet, value, WriteOnlyCell) for value in line])
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise NetworksError(f"cannot write {path}: {error.strerror or error}") from None
    return {"format": "xlsx", "path": str(path), "metadata": str(path), "tables": counts, "attribution": attribution}
