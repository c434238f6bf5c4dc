"""Reading imported projects (`projects.sqlite3`, written by `cordis.py`): the questions they answer.

Organisations in projects are a region's ecosystem, never the region's own membership in a network:
every answer says so (`note`) and carries its source and licence (`source`). A region is found by its
NUTS code, at its own level: NUTS 3 participations roll up to NUTS 2 and NUTS 1. This module needs
only SQLite; the commands load it only when projects have been imported.
"""

from __future__ import annotations

import functools
import math
import os
import sqlite3
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any, TypeVar

from networks_cli.dataset.names import Record
from networks_cli.errors import AmbiguousError, DataError, NotFoundError, UsageError, shown_path
from networks_cli.projects.home import ECOSYSTEM_NOTE, projects_path

FORMAT = "1"  # cordis.PROJECTS_FORMAT: the layout this module reads
NOT_IMPORTED = "no projects are imported; import CORDIS's export first: networks import cordis PATH"

T = TypeVar("T")


TABLES = {"meta", "projects", "participations", "units", "unplaced"}  # cordis.SCHEMA's
DAMAGED = "not a complete projects database; import again: networks import cordis PATH"


def _connect(path: Path) -> sqlite3.Connection:
    where = shown_path(path)
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except (sqlite3.Error, OSError, ValueError):
        raise DataError(
            where, ["cannot be opened as a projects database; import again: networks import cordis PATH"]
        ) from None
    try:
        found = connection.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError:
        connection.close()
        raise DataError(where, ["not a projects database; import again: networks import cordis PATH"]) from None
    if found is None or found[0] != FORMAT:
        connection.close()
        problem = "imported by another version of networks; import again: networks import cordis PATH"
        raise DataError(where, [problem])
    if not tables >= TABLES:
        connection.close()
        raise DataError(where, [DAMAGED])
    return connection


def _guarded(method: Callable[..., T]) -> Callable[..., T]:
    """A question to the projects database whose SQLite failure (a damaged file) is one DataError, never a
    traceback, and never taken for damage in the dataset's query cache."""

    @functools.wraps(method)
    def guarded(self: ProjectStore, *args: Any, **kwargs: Any) -> T:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.Error:
            raise DataError(shown_path(self.path), [DAMAGED]) from None

    return guarded


def _column(code: str) -> str | None:
    """The participations column holding regions of this code's level; None for a code of no NUTS 1-3 level
    (a country), in which no organisation is placed."""
    level = len(code) - 2
    return f"nuts{level}" if level in (1, 2, 3) else None


class ProjectStore:
    """The imported projects, open for questions."""

    __slots__ = ("connection", "meta", "path")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.connection = _connect(path)
        self.meta = dict(self.connection.execute("SELECT key, value FROM meta").fetchall())

    def close(self) -> None:
        self.connection.close()

    @_guarded
    def source(self) -> Record:
        """Where the projects come from, as every answer using them cites it."""
        meta = self.meta
        return {
            "name": meta.get("source", "CORDIS"),  # each import writes its source's name
            "files": [meta["project_file"], meta["organisation_file"]],
            "date": meta["date"],
            "url": meta["url"],
            "licence": meta["licence"],
            "licence_url": meta["licence_url"],
            "attribution": meta["attribution"],
        }

    @_guarded
    def region_summary(self, code: str | None) -> Record:
        """How many projects the region's organisations are in, by programme, and with how many regions."""
        empty: Record = {
            "nuts": code,
            "projects": 0,
            "participations": 0,
            "organisations": 0,
            "programmes": [],
            "partner_regions": 0,
            "note": ECOSYSTEM_NOTE,
            "source": self.source(),
        }
        column = _column(code) if code else None
        if column is None:
            return empty | {"note": ECOSYSTEM_NOTE + " The region has no NUTS 1-3 code, so none are placed in it."}
        sql = self.connection.execute
        projects, participations, organisations = sql(
            f"SELECT COUNT(DISTINCT project), COUNT(*), COUNT(DISTINCT organisation) FROM participations "
            f"WHERE {column} = ?",
            (code,),
        ).fetchone()
        mine = f"SELECT DISTINCT project FROM participations WHERE {column} = ?"
        programmes = sql(
            f"SELECT COALESCE(pr.programme, ''), COUNT(*) FROM ({mine}) AS m "
            "LEFT JOIN projects pr ON pr.id = m.project GROUP BY 1 ORDER BY 2 DESC, 1",
            (code,),
        ).fetchall()
        partner_regions = sql(
            f"SELECT COUNT(DISTINCT p.{column}) FROM participations p WHERE p.project IN ({mine}) "
            f"AND p.{column} IS NOT NULL AND p.{column} != ?",
            (code, code),
        ).fetchone()[0]
        return empty | {
            "projects": projects,
            "participations": participations,
            "organisations": organisations,
            "programmes": [{"programme": name or None, "projects": count} for name, count in programmes],
            "partner_regions": partner_regions,
        }

    @_guarded
    def shared_projects(self, code: str) -> list[Record]:
        """The regions (of the same NUTS level) whose organisations share projects with this region's: for
        each, the projects and the organisations on both sides, most shared projects first."""
        column = _column(code)
        if column is None:
            return []
        rows = self.connection.execute(
            f"""
            WITH mine AS (SELECT DISTINCT project FROM participations WHERE {column} = ?)
            SELECT p.project, p.{column}, p.name, p.{column} = ? FROM participations p
            JOIN mine ON mine.project = p.project
            WHERE p.{column} IS NOT NULL
            ORDER BY p.project, p.ord
            """,
            (code, code),
        )
        by_project: dict[str, tuple[list[str], dict[str, list[str]]]] = {}
        for project, region, name, own in rows:
            own_names, others = by_project.setdefault(project, ([], {}))
            if own:
                if name not in own_names:
                    own_names.append(name)
            else:
                names = others.setdefault(region, [])
                if name not in names:
                    names.append(name)
        acronyms = self._acronyms(by_project)
        partners: dict[str, list[Record]] = {}
        for project, (own_names, others) in by_project.items():
            for region, names in others.items():
                partners.setdefault(region, []).append(
                    {"id": project, "acronym": acronyms.get(project), "own": own_names, "theirs": names}
                )
        units = self._units(partners)
        found = [
            {
                "nuts": region,
                "name": units.get(region, {}).get("label", region),
                "country": units.get(region, {}).get("country", region[:2]),
                "count": len(shared),
                "ids": [item["id"] for item in shared],
                "shared": sorted(shared, key=lambda item: _project_order(item["id"])),
            }
            for region, shared in partners.items()
        ]
        found.sort(key=lambda partner: (-partner["count"], partner["nuts"]))
        for partner in found:
            partner["ids"] = [item["id"] for item in partner["shared"]]
        return found

    @_guarded
    def participations_in(self, codes: Collection[str]) -> list[Record]:
        """Every participation placed in one of these NUTS 1-3 units (each code at its own level), in
        CORDIS's order: the unit's code, the project, the organisation (id, name, role) and its row in the
        organisations' file. Codes of no NUTS 1-3 level place nothing."""
        by_column: dict[str, list[str]] = {}
        for code in codes:
            column = _column(code)
            if column is not None:
                by_column.setdefault(column, []).append(code)
        found: list[tuple[int, Record]] = []
        for column, wanted in sorted(by_column.items()):
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                rows = self.connection.execute(
                    f"SELECT ord, {column}, project, organisation, name, role, source_file, source_row "
                    f"FROM participations WHERE {column} IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
                found += [
                    (
                        order,
                        {
                            "nuts": code,
                            "project": project,
                            "organisation": organisation,
                            "name": name,
                            "role": role,
                            "source_file": source_file,
                            "source_row": source_row,
                        },
                    )
                    for order, code, project, organisation, name, role, source_file, source_row in rows
                ]
        found.sort(key=lambda item: item[0])
        return [record for _, record in found]

    @_guarded
    def projects_by_id(self, project_ids: Collection[str]) -> list[Record]:
        """These projects as the store holds them, in project-number order."""
        columns = ("id", "acronym", "title", "start_date", "end_date", "programme", "topics", "source_file")
        found: list[Record] = []
        ids = list(project_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            rows = self.connection.execute(
                f"SELECT {', '.join(columns)}, source_row FROM projects WHERE id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            found += [dict(zip((*columns, "source_row"), row, strict=True)) for row in rows]
        return sorted(found, key=lambda project: _project_order(project["id"]))

    def _acronyms(self, project_ids: dict[str, Any]) -> dict[str, str]:
        found: dict[str, str] = {}
        ids = list(project_ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.connection.execute(f"SELECT id, acronym FROM projects WHERE id IN ({marks})", chunk))
        return found

    def _units(self, codes: Collection[str]) -> dict[str, Record]:
        rows = self.connection.execute("SELECT code, country, label FROM units").fetchall()
        return {code: {"country": country, "label": label} for code, country, label in rows if code in codes}

    @_guarded
    def project(self, query: str) -> Record:
        """A project by its number or acronym (any case), with its consortium by region."""
        text = query.strip()
        columns = "id, acronym, title, start_date, end_date, programme, topics, source_file, source_row"
        rows = self.connection.execute(f"SELECT {columns} FROM projects WHERE id = ?", (text,)).fetchall()
        if not rows:
            rows = self.connection.execute(
                f"SELECT {columns} FROM projects WHERE acronym = ? COLLATE NOCASE ORDER BY id", (text,)
            ).fetchall()
        if not rows:
            raise NotFoundError("project", query, [])
        if len(rows) > 1:
            raise AmbiguousError("project", query, [f"{row[1]} ({row[0]})" for row in rows])
        project_id, acronym, title, start, end, programme, topics, source_file, source_row = rows[0]
        participants = self.connection.execute(
            "SELECT organisation, name, short_name, activity_type, city, country, nuts, nuts2, role, "
            "ec_contribution, source_row FROM participations WHERE project = ? ORDER BY ord",
            (project_id,),
        ).fetchall()
        units = self._units({row[7] for row in participants if row[7]})
        regions: dict[str | None, Record] = {}
        for organisation, name, short, kind, city, country, nuts, nuts2, role, contribution, row in participants:
            entry = regions.get(nuts2)
            if entry is None:
                unit = units.get(nuts2 or "", {})
                entry = {"nuts": nuts2, "name": unit.get("label"), "country": unit.get("country") or country}
                entry["organisations"] = []
                regions[nuts2] = entry
            entry["organisations"].append(
                {
                    "id": organisation,
                    "name": name,
                    "short_name": short,
                    "activity_type": kind,
                    "role": role,
                    "city": city,
                    "country": country,
                    "nuts": nuts,
                    # A database imported before non-finite numbers were refused may hold one: unknown.
                    "ec_contribution": contribution if contribution is None or math.isfinite(contribution) else None,
                    "source_row": row,
                }
            )
        placed = [entry for code, entry in regions.items() if code is not None]
        placed.sort(key=lambda entry: (-len(entry["organisations"]), entry["nuts"]))
        unplaced = regions.get(None)
        return {
            "project": {
                "id": project_id,
                "acronym": acronym,
                "title": title,
                "start_date": start,
                "end_date": end,
                "programme": programme,
                "topics": topics,
                "source_file": source_file,
                "source_row": source_row,
            },
            "regions": placed,
            "unplaced": unplaced["organisations"] if unplaced else [],
            "note": ECOSYSTEM_NOTE,
            "source": self.source(),
        }

    @_guarded
    def topic_candidates(self, word: str) -> list[tuple[str, str | None, str, str]]:
        """(id, acronym, title, topics) of the projects whose title or topics may hold `word` (folded
        ASCII): those holding it in SQLite's lower case, and every one with a character outside printable
        ASCII, which only the caller's folding can judge. The caller decides the match."""
        rows = self.connection.execute(
            "SELECT id, acronym, COALESCE(title, ''), COALESCE(topics, '') FROM projects "
            "WHERE instr(lower(COALESCE(title, '') || ' ' || COALESCE(topics, '')), ?) > 0 "
            "OR (COALESCE(title, '') || COALESCE(topics, '')) GLOB '*[^ -~]*'",
            (word,),
        )
        return [(str(a), b, str(c), str(d)) for a, b, c, d in rows]

    @_guarded
    def search(self, words: list[str], limit: int = 20) -> list[Record]:
        """Projects whose acronym or title holds every word (any case of A-Z, as LIKE had it), acronym
        matches first. Words are matched literally (`instr`, which has no pattern-length limit); the first
        SQL_WORDS distinct words narrow the query, any others are checked here, so a search of any number
        of words of any length answers."""
        folded = list(dict.fromkeys(_fold_ascii(word) for word in words if word))
        if not folded:
            return []
        narrowing, rest = folded[:SQL_WORDS], folded[SQL_WORDS:]
        conditions = " AND ".join("(instr(lower(acronym), ?) > 0 OR instr(lower(title), ?) > 0)" for _ in narrowing)
        params: list[str] = []
        for word in narrowing:
            params += [word, word]
        query = f"SELECT id, acronym, title FROM projects WHERE {conditions}"
        if not rest:
            query += " LIMIT ?"
            params.append(str(limit * 20))
        rows = [
            row
            for row in self.connection.execute(query, params)
            if all(word in _fold_ascii(row[1]) or word in _fold_ascii(row[2]) for word in rest)
        ]
        lowered = [word.lower() for word in words]
        ranked = sorted(rows, key=lambda row: (not all(w in row[1].lower() for w in lowered), row[1].lower(), row[0]))
        return [{"id": row[0], "acronym": row[1], "title": row[2]} for row in ranked[:limit]]


SQL_WORDS = 50  # SQLite's expression depth is 1000: two terms a word stays far below it
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _fold_ascii(text: str) -> str:
    """Lower case as SQLite's lower() makes it: A-Z only."""
    return text.translate(_ASCII_LOWER)


def _project_order(project_id: str) -> tuple[int, str]:
    """Project numbers in numeric order, without int(): a number of 5,000 digits is refused by int(), and
    "²" is a digit to Python but not to int()."""
    return (len(project_id), project_id) if project_id.isascii() and project_id.isdigit() else (0, project_id)


TRUST_RULE = "imported projects are read only from a folder and a file of yours that no one else can write"


def untrusted(path: Path, directory: bool) -> DataError | None:
    """The error for a data home or projects file another user owns or can write (ssh's rule, as the
    query cache applies it): forged consortia must not be served as yours. Links are followed, so the
    real folder's owner and mode decide."""
    from networks_cli.files import trust_problem

    problem = trust_problem(path, directory)
    if problem is None:
        return None
    return DataError(shown_path(path), [f"not trusted: {problem}; {TRUST_RULE}"])


def open_projects(path: Path | None = None) -> ProjectStore | None:
    """The imported projects, or None when nothing is imported. Raises DataError when the data home or
    the file is not trusted, or the file is not a projects database."""
    path = path if path is not None else projects_path()
    if not os.path.lexists(path):
        return None
    for where, directory in ((path.parent, True), (path, False)):
        error = untrusted(where, directory)
        if error is not None:
            raise error
    if not path.is_file():
        return None
    return ProjectStore(path)


def require_projects() -> ProjectStore:
    store = open_projects()
    if store is None:
        raise UsageError(NOT_IMPORTED)
    return store


def import_status(path: Path | None = None) -> Record:
    """What is imported: file, date, rows, projects, licence; `imported` False when nothing is."""
    path = path if path is not None else projects_path()
    store = open_projects(path)
    if store is None:
        return {"imported": False, "database": str(path), "source": None, "counts": None, "unplaced_codes": []}
    try:
        meta = store.meta
        counts = {
            key: int(meta[key])
            for key in ("projects", "rows", "placed", "through_prefix", "empty_nuts", "unplaced", "unknown_projects")
        }
        unplaced = [
            {"code": code, "rows": rows}
            for code, rows in store.connection.execute("SELECT code, rows FROM unplaced ORDER BY rows DESC, code")
        ]
        return {
            "imported": True,
            "database": str(path),
            "source": store.source() | {"path": meta["path"], "imported": meta["imported"]},
            "counts": counts,
            "unplaced_codes": unplaced,
        }
    finally:
        store.close()
