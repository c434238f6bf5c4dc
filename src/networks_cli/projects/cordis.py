"""`networks import cordis PATH`: CORDIS's project and organisation files into `projects.sqlite3`.

CORDIS publishes each framework programme's projects as a zip of `;`-separated, `"`-quoted UTF-8 CSV
files (`project.csv`, `organization.csv`, …). This reads the zip, the two files, or the folder they
are in; columns by name, streaming, in batches, so that a million participations fit in a few hundred
MiB. Each organisation is placed in its NUTS region through the NUTS index (`nuts.py`): a code the
index does not know (an older NUTS version) is placed through its longest known prefix, and a code
that cannot be placed is counted and reported, as are the rows with no code at all.

The database is written to a temporary file beside the target and moved over it only when complete
(`os.replace`): a failed or interrupted import leaves the previous one as it was. Only `import` loads
this module.
"""

from __future__ import annotations

import contextlib
import csv
import io
import math
import os
import re
import sqlite3
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, NamedTuple

from networks_cli.errors import DataError, NetworksError, shown_path
from networks_cli.files import replaceable, sweep, temporary_file, terminated_cleanly
from networks_cli.projects.home import CORDIS_ATTRIBUTION, CORDIS_LICENCE, CORDIS_LICENCE_URL, CORDIS_URL, projects_path

# Bump when the layout changes: `projects.py` refuses a file of another format and asks for a re-import.
PROJECTS_FORMAT = "1"
BATCH = 5000
# The bounds of what an import reads: CORDIS's longest lines are a few thousand characters, its largest
# files a few hundred MiB.
MAX_LINE_CHARS = 1024 * 1024
MAX_ID_DIGITS = 18  # CORDIS's project numbers have 6 to 9
MAX_MEMBER_BYTES = 8 * 1024 * 1024 * 1024
# An import's temporary database, in the data home beside projects.sqlite3: an unpredictable name.
TEMPORARY_PREFIX = ".projects-import-"

PROJECT_REQUIRED = ("id", "acronym", "title")
PROJECT_OPTIONAL = ("startDate", "endDate", "frameworkProgramme", "topics")
ORGANISATION_REQUIRED = ("projectID", "organisationID", "name", "country", "nutsCode")
ORGANISATION_OPTIONAL = ("projectAcronym", "shortName", "activityType", "city", "role", "ecContribution", "active")

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- One row per project of project.csv; `source_row` is its record's row in that file (the header is row 1).
CREATE TABLE projects(
    id TEXT PRIMARY KEY, acronym TEXT NOT NULL, title TEXT NOT NULL, start_date TEXT, end_date TEXT,
    programme TEXT, topics TEXT, source_file TEXT NOT NULL, source_row INTEGER NOT NULL
);
-- One row per participation (an organisation in a project) of organization.csv. `nuts` is the code as
-- given; nuts1..nuts3 where the index placed it (NULL above the level it could be placed at).
CREATE TABLE participations(
    ord INTEGER PRIMARY KEY, project TEXT NOT NULL, organisation TEXT NOT NULL, name TEXT NOT NULL,
    short_name TEXT, activity_type TEXT, city TEXT, country TEXT, nuts TEXT, nuts1 TEXT, nuts2 TEXT, nuts3 TEXT,
    role TEXT, ec_contribution REAL, active INTEGER, source_file TEXT NOT NULL, source_row INTEGER NOT NULL
);
-- The NUTS units participations were placed in, with their labels, so queries need not read the index.
CREATE TABLE units(code TEXT PRIMARY KEY, level INTEGER NOT NULL, country TEXT NOT NULL, label TEXT NOT NULL,
    classification TEXT NOT NULL);
-- Codes given that could not be placed at all, and how many rows gave each.
CREATE TABLE unplaced(code TEXT PRIMARY KEY, rows INTEGER NOT NULL);
"""
INDEXES = """
CREATE INDEX participations_by_nuts1 ON participations(nuts1, project);
CREATE INDEX participations_by_nuts2 ON participations(nuts2, project);
CREATE INDEX participations_by_nuts3 ON participations(nuts3, project);
CREATE INDEX participations_by_project ON participations(project);
CREATE INDEX projects_by_acronym ON projects(acronym COLLATE NOCASE);
"""

_DATE_IN_NAME = re.compile(r"(20\d\d)-?([01]\d)-?([0-3]\d)")


class ImportProgress(NamedTuple):
    """How far an import has read, as its reader reports it: after each batch of rows and at the end of
    each file. The share done is `bytes_read / bytes_total` (the two files' sizes, uncompressed)."""

    file: str  # the file being read: project.csv, then organization.csv
    rows: int  # records read so far, of both files
    bytes_read: int
    bytes_total: int


ProgressCallback = Callable[[ImportProgress], None]


class _Source:
    """One CSV file to read: its name as reported, how to open it, and its size uncompressed."""

    def __init__(self, name: str, opener: Callable[[], IO[bytes]], size: int) -> None:
        self.name = name
        self.open = opener
        self.size = size


class _Reading:
    """The import's progress so far, reported to the caller's callback (or to no one)."""

    def __init__(self, callback: ProgressCallback | None, total: int) -> None:
        self.callback = callback
        self.total = total
        self.rows = 0
        self.done_before = 0  # the bytes of the files already read whole
        self.counted: _CountedBytes | None = None  # the file being read

    def report(self, source: _Source) -> None:
        if self.callback is None:
            return
        read = self.done_before + (self.counted.count if self.counted is not None else 0)
        self.callback(ImportProgress(Path(source.name).name, self.rows, min(read, self.total), self.total))

    def finished(self, source: _Source) -> None:
        self.done_before += source.size
        self.counted = None
        self.report(source)


class _CountedBytes(io.RawIOBase):
    """A stream that counts the bytes read through it: the share of a file read, by bytes, which a zip
    member's decompressing stream cannot tell by `tell()` alone."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.raw.read(len(buffer))
        size = len(data)
        buffer[:size] = data
        self.count += size
        return size


def _problem(path: Path, message: str) -> DataError:
    return DataError(shown_path(path), [message])


def _kind_problem(mode: int) -> str | None:
    """Why what has this mode cannot be read as CORDIS's export: a device or a pipe may never end (and a
    zip must be read twice), so only regular files and folders are read, as the loader refuses devices."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not CORDIS's export (a zip, its two files or their folder)"
    if stat.S_ISFIFO(mode):
        return "is a pipe, not CORDIS's export (save it to a file first)"
    return "is not a regular file or a folder, not CORDIS's export"


def _locate(path: Path, stack: contextlib.ExitStack) -> tuple[_Source, _Source, str]:
    """The two files PATH names (a zip, a folder, or one of the two files), and the export's date."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise _problem(path, "no such file or folder") from None
    except OSError as error:
        raise _problem(path, error.strerror or "cannot be read") from None
    problem = _kind_problem(mode)
    if problem:
        raise _problem(path, problem)
    if stat.S_ISDIR(mode):
        folder = path
    elif path.suffix.lower() == ".zip" or zipfile.is_zipfile(path):
        return _in_zip(path, stack)
    else:
        folder = path.parent
    try:
        files = {child.name.lower(): child for child in folder.iterdir()}
    except OSError as error:
        raise _problem(path, error.strerror or "cannot be read") from None
    missing = [name for name in ("project.csv", "organization.csv") if name not in files]
    if missing:
        raise _problem(path, f"not CORDIS's format: no {' or '.join(missing)} in {shown_path(folder)}")
    project, organisation = files["project.csv"], files["organization.csv"]
    for file in (project, organisation):
        try:
            kind = os.stat(file).st_mode
        except OSError as error:
            raise _problem(path, f"{shown_path(file.name)}: {error.strerror or 'cannot be read'}") from None
        problem = _kind_problem(kind) or ("is a folder, not a CSV file" if stat.S_ISDIR(kind) else None)
        if problem:
            raise _problem(path, f"{shown_path(file.name)} {problem}")
    return (
        _Source(shown_path(project.name), lambda: project.open("rb"), project.stat().st_size),
        _Source(shown_path(organisation.name), lambda: organisation.open("rb"), organisation.stat().st_size),
        _date_of(path, max(project.stat().st_mtime, organisation.stat().st_mtime)),
    )


def _in_zip(path: Path, stack: contextlib.ExitStack) -> tuple[_Source, _Source, str]:
    try:
        archive = stack.enter_context(zipfile.ZipFile(path))
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise _problem(path, f"not a complete zip file ({error}); download it again") from None
    members = {Path(info.filename).name.lower(): info for info in archive.infolist() if not info.is_dir()}
    missing = [name for name in ("project.csv", "organization.csv") if name not in members]
    if missing:
        raise _problem(path, f"not CORDIS's format: the zip holds no {' or '.join(missing)}")
    project, organisation = members["project.csv"], members["organization.csv"]
    for member in (project, organisation):
        # A zip member cannot expand past its declared size (zipfile stops there and checks the CRC), so
        # capping the declared size caps what a zip bomb can make us read.
        if member.file_size > MAX_MEMBER_BYTES:
            raise _problem(
                path,
                f"{shown_path(member.filename)} expands to {member.file_size} bytes, more than the limit of "
                f"{MAX_MEMBER_BYTES} bytes: not CORDIS's export",
            )
    project_name, organisation_name = (shown_path(f"{path.name}/{info.filename}") for info in (project, organisation))
    return (
        _Source(project_name, lambda: archive.open(project), project.file_size),
        _Source(organisation_name, lambda: archive.open(organisation), organisation.file_size),
        _date_of(path, path.stat().st_mtime),
    )


def _date_of(path: Path, mtime: float) -> str:
    """A date in the file's name (`…-2025-03-01.zip`), else the file's modification date."""
    match = _DATE_IN_NAME.search(path.name)
    if match:
        return "-".join(match.groups())
    return datetime.fromtimestamp(mtime, UTC).date().isoformat()


def _records(
    source: _Source, path: Path, required: tuple[str, ...], reading: _Reading
) -> Iterator[tuple[int, dict[str, int], list[str]]]:
    """(row, column positions, fields) of each record; the header is row 1, and a record holding a line
    break is still one row. Raises DataError for what is not CORDIS's CSV."""
    try:
        with source.open() as raw:
            reading.counted = _CountedBytes(raw)
            text = io.TextIOWrapper(io.BufferedReader(reading.counted, 1 << 16), encoding="utf-8-sig", newline="")
            reader = csv.reader(_bounded_lines(text, source, path), delimiter=";", quotechar='"', strict=False)
            header = next(reader, None)
            if header is None:
                raise _problem(path, f"{source.name}: empty file, not CORDIS's format")
            columns = {name.strip(): i for i, name in enumerate(header)}
            absent = [name for name in required if name not in columns]
            if absent:
                hint = "" if len(header) > 1 else " (CORDIS's files are separated by ';')"
                raise _problem(
                    path, f"{source.name}: not CORDIS's format: the header has no column {', '.join(absent)}{hint}"
                )
            width = len(header)
            last_line = reader.line_num
            for row, fields in enumerate(reader, start=2):
                first_line, last_line = last_line + 1, reader.line_num
                if last_line > first_line and (len(fields) != width or _holds_a_record(fields, width)):
                    # A quoted field ran across a line break and the columns stopped matching: a quote left
                    # open swallowed the records after it. Count no record twice, lose none: stop here.
                    raise _problem(
                        path,
                        f"{source.name}, row {row} (lines {first_line}-{last_line}): a quoted field runs across "
                        f"a line break and the record has {len(fields)} fields, not {width}: a quote left "
                        'open? (a " inside a field is written "")',
                    )
                if len(fields) < width:
                    if not any(fields):
                        continue  # a blank line
                    fields += [""] * (width - len(fields))
                reading.rows += 1
                yield row, columns, fields
                if reading.rows % BATCH == 0:
                    reading.report(source)
        reading.finished(source)
    except UnicodeDecodeError as error:
        raise _problem(path, f"{source.name}: not UTF-8 text ({error.reason})") from None
    except NotImplementedError:  # deflate64, or another method zipfile has no decompressor for
        raise _problem(
            path,
            f"{source.name}: compressed with a method Python's zipfile cannot read (such as deflate64): unzip it "
            "and import the folder",
        ) from None
    except RuntimeError as error:
        if "encrypted" not in str(error):
            raise
        raise _problem(path, f"{source.name}: encrypted; CORDIS's exports are not: download it again") from None
    except PermissionError:
        raise _problem(path, f"{source.name}: permission denied") from None
    except csv.Error as error:
        raise _problem(path, f"{source.name}: not readable as CSV ({error})") from None
    except (zipfile.BadZipFile, EOFError, zlib.error) as error:
        raise _problem(path, f"{source.name}: the zip is damaged or truncated ({error}); download it again") from None
    except OSError as error:
        raise _problem(path, f"{source.name}: {error.strerror or 'cannot be read'}") from None


def _holds_a_record(fields: list[str], width: int) -> bool:
    """Whether a field holds a line with as many separators as a record has: another record swallowed."""
    return any(
        line.count(";") >= width - 1
        for field in fields
        if "\n" in field or "\r" in field
        for line in field.splitlines()
    )


def _bounded_lines(text: IO[str], source: _Source, path: Path) -> Iterator[str]:
    """The text's lines, none longer than MAX_LINE_CHARS: a file of one endless line is refused after
    reading that much, not after reading it whole (the CSV module's field limit comes too late)."""
    number = 0
    while True:
        line = text.readline(MAX_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE_CHARS:
            raise _problem(
                path,
                f"{source.name}, line {number}: a line of more than {MAX_LINE_CHARS} characters: not CORDIS's format",
            )
        yield line


class _Placer:
    """NUTS codes to (nuts1, nuts2, nuts3), through the index; what cannot be placed is counted."""

    def __init__(self) -> None:
        from networks_cli.dataset.nuts import load_units

        self.units = {unit.code: unit for unit in load_units()}
        self.cache: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.used: set[str] = set()
        self.unplaced: dict[str, int] = {}
        self.through_prefix = 0  # rows placed only by a shorter code than the one given
        self.empty = 0

    def place(self, given: str) -> tuple[str | None, str | None, str | None]:
        code = given.strip().upper().replace(" ", "")
        if not code:
            self.empty += 1
            return (None, None, None)
        if code.startswith("GR"):
            code = "EL" + code[2:]  # Greece's NUTS code is EL, though ISO says GR
        placed = self.cache.get(code)
        if placed is None:
            placed = self._place(code)
            self.cache[code] = placed
        if placed == (None, None, None):
            self.unplaced[code] = self.unplaced.get(code, 0) + 1
        elif not any(level == code for level in placed):
            self.through_prefix += 1
        return placed

    def _place(self, code: str) -> tuple[str | None, str | None, str | None]:
        for length in range(min(len(code), 5), 2, -1):
            prefix = code[:length]
            if prefix in self.units:
                levels = [prefix[: 2 + level] if len(prefix) >= 2 + level else None for level in (1, 2, 3)]
                known = tuple(level if level in self.units else None for level in levels)
                self.used.update(level for level in known if level)
                return (known[0], known[1], known[2])
        return (None, None, None)


def import_cordis(path: Path, target: Path | None = None, progress: ProgressCallback | None = None) -> dict[str, Any]:
    """Import a CORDIS export into the projects database, replacing any earlier import in one step.
    Returns the import's status (as `import --status` shows it). Raises DataError for bad input, leaving
    the previous import intact. `progress`, when given, is told how far the reading has got (an
    `ImportProgress`) after each batch of rows and at the end of each file."""
    target = target if target is not None else projects_path()
    home = target.parent
    _check_home(home, target)
    temporary: Path | None = None
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(terminated_cleanly())
            project_file, organisation_file, date = _locate(path, stack)  # bad input: nothing made
            home.mkdir(parents=True, exist_ok=True, mode=0o700)
            _check_home(home, target)  # made just now, or there all along: ours either way
            for prefix in (TEMPORARY_PREFIX, f".{target.name}."):  # the latter: earlier versions' names
                sweep(home, prefix, ".tmp")
            temporary = temporary_file(home, TEMPORARY_PREFIX)
            connection = sqlite3.connect(os.fsencode(temporary), isolation_level=None)
            stack.callback(connection.close)
            connection.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; " + SCHEMA)
            connection.execute("BEGIN")
            reading = _Reading(progress, project_file.size + organisation_file.size)
            projects = _import_projects(connection, project_file, path, reading)
            placer = _Placer()
            counts = _import_participations(connection, organisation_file, path, placer, reading)
            _write_units(connection, placer)
            meta = {
                "format": PROJECTS_FORMAT,
                "source": "CORDIS",
                "path": str(path.resolve()),
                "project_file": project_file.name,
                "organisation_file": organisation_file.name,
                "date": date,
                "imported": datetime.now(UTC).replace(microsecond=0).isoformat(),
                "projects": str(projects),
                "rows": str(counts["rows"]),
                "placed": str(counts["placed"]),
                "through_prefix": str(placer.through_prefix),
                "empty_nuts": str(placer.empty),
                "unplaced": str(sum(placer.unplaced.values())),
                "unknown_projects": str(counts["unknown_projects"]),
                "licence": CORDIS_LICENCE,
                "licence_url": CORDIS_LICENCE_URL,
                "attribution": CORDIS_ATTRIBUTION,
                "url": CORDIS_URL,
            }
            connection.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
            connection.execute("COMMIT")
            connection.executescript(INDEXES)  # built once, after the rows: faster than kept up row by row
            connection.close()
            replaceable(target)
            _usual_mode(temporary)
            os.replace(temporary, target)
            temporary = None
    except (OSError, sqlite3.Error) as error:  # reading failures are DataErrors already: these are writes
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise NetworksError(f"cannot write {shown_path(target)}: {reason}") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
    from networks_cli.projects.store import import_status

    return import_status(target)


def _check_home(home: Path, target: Path) -> None:
    """Refuse a data home or projects file that is not ours (files.trust_problem): another user could
    race the import or forge what it serves."""
    from networks_cli.projects.store import untrusted

    for where, directory in ((home, True), (target, False)):
        error = untrusted(where, directory)
        if error is not None:
            raise error


def _usual_mode(path: Path) -> None:
    """mkstemp makes a private file; the projects file gets the mode a plain `open` would give it."""
    mask = os.umask(0o022)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def _number(value: str, column: str, row: int, source: _Source, path: Path) -> float | None:
    text = value.strip()
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")  # a decimal comma
    try:
        number = float(text)
    except ValueError:
        raise _problem(path, f"{source.name}, row {row}: {column} is not a number: {value[:40]!r}") from None
    if not math.isfinite(number):  # 1e400, inf, nan: no amount of euros, and not JSON
        raise _problem(path, f"{source.name}, row {row}: {column} is not a finite number: {value[:40]!r}")
    return number


def _identifier(value: str, column: str, row: int, source: _Source, path: Path) -> str:
    text = value.strip()
    # ASCII digits only (superscripts and other scripts' digits are digits to Python), and no
    # longer than a project number can be.
    if not (text.isascii() and text.isdigit() and len(text) <= MAX_ID_DIGITS):
        raise _problem(path, f"{source.name}, row {row}: {column} is not a project number: {value[:40]!r}")
    return text


def _import_projects(connection: sqlite3.Connection, source: _Source, path: Path, reading: _Reading) -> int:
    batch: list[tuple[object, ...]] = []
    total = 0
    sql = "INSERT OR REPLACE INTO projects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
    for row, columns, fields in _records(source, path, PROJECT_REQUIRED, reading):
        get = _getter(columns, fields)
        batch.append(
            (
                _identifier(get("id"), "id", row, source, path),
                get("acronym").strip(),
                " ".join(get("title").split()),
                get("startDate").strip() or None,
                get("endDate").strip() or None,
                get("frameworkProgramme").strip() or None,
                get("topics").strip() or None,
                source.name,
                row,
            )
        )
        if len(batch) >= BATCH:
            connection.executemany(sql, batch)
            total += len(batch)
            batch.clear()
    connection.executemany(sql, batch)
    return total + len(batch)


def _getter(columns: dict[str, int], fields: list[str]) -> Callable[[str], str]:
    def get(name: str) -> str:
        index = columns.get(name)
        return fields[index] if index is not None and index < len(fields) else ""

    return get


def _import_participations(
    connection: sqlite3.Connection, source: _Source, path: Path, placer: _Placer, reading: _Reading
) -> dict[str, int]:
    known = {row[0] for row in connection.execute("SELECT id FROM projects")}
    batch: list[tuple[object, ...]] = []
    rows = placed = unknown = 0
    sql = "INSERT INTO participations VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
    for row, columns, fields in _records(source, path, ORGANISATION_REQUIRED, reading):
        get = _getter(columns, fields)
        project = _identifier(get("projectID"), "projectID", row, source, path)
        nuts = get("nutsCode").strip()
        nuts1, nuts2, nuts3 = placer.place(nuts)
        placed += nuts1 is not None
        unknown += project not in known
        active = get("active").strip().lower()
        batch.append(
            (
                project,
                get("organisationID").strip(),
                " ".join(get("name").split()),
                get("shortName").strip() or None,
                get("activityType").strip() or None,
                get("city").strip() or None,
                get("country").strip().upper() or None,
                nuts or None,
                nuts1,
                nuts2,
                nuts3,
                get("role").strip() or None,
                _number(get("ecContribution"), "ecContribution", row, source, path),
                None if not active else int(active in ("true", "1", "yes")),
                source.name,
                row,
            )
        )
        rows += 1
        if len(batch) >= BATCH:
            connection.executemany(sql, batch)
            batch.clear()
    connection.executemany(sql, batch)
    return {"rows": rows, "placed": placed, "unknown_projects": unknown}


def _write_units(connection: sqlite3.Connection, placer: _Placer) -> None:
    connection.executemany(
        "INSERT INTO units VALUES (?, ?, ?, ?, ?)",
        (
            (unit.code, unit.level, unit.country, unit.label, unit.classification)
            for unit in (placer.units[code] for code in sorted(placer.used))
        ),
    )
    connection.executemany("INSERT INTO unplaced VALUES (?, ?)", sorted(placer.unplaced.items()))


def remove_import(target: Path | None = None) -> bool:
    """Delete the imported projects; False when there were none."""
    target = target if target is not None else projects_path()
    try:
        target.unlink()
    except FileNotFoundError:
        return False
    return True
