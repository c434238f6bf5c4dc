"""Errors the library raises, each with a message ready for a user, and the exit status it maps to."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """The documented exit codes (docs/commands.md, "Exit codes")."""

    OK = 0
    NOT_FOUND = 1
    USAGE = 2  # Click's own code for usage errors, kept as is.
    AMBIGUOUS = 3
    DATA_ERROR = 4
    WARNINGS = 5  # `validate --strict`: the file loads, but with warnings
    OUTPUT_ERROR = 74  # the answer could not be written (sysexits.h's EX_IOERR): a full disk, a closed stdout
    INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C
    TERMINATED = 143  # 128 + SIGTERM, once a write in progress has removed its temporary files
    BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader closed the pipe (`| head`)


class NetworksError(Exception):
    """Base of every expected failure: its text is what the user reads on stderr."""

    exit_status = ExitStatus.DATA_ERROR

    @property
    def lines(self) -> list[str]:
        return str(self).splitlines() or [self.__class__.__name__]


class Terminated(BaseException):
    """SIGTERM arrived while a command was writing (`files.terminated_cleanly`): its temporary files are
    removed on the way out, and the command exits 143 (128 + SIGTERM), as if killed."""


class DataError(NetworksError):
    """The dataset cannot be read, parsed or validated: one line per problem."""

    exit_status = ExitStatus.DATA_ERROR

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        super().__init__("\n".join(f"{path}: {problem}" for problem in problems))


def escaped(text: str) -> str:
    """Text as a one-line message may show it: control characters and bytes that are not UTF-8
    (a path's surrogate escapes) as backslash escapes, so that nothing reaches the terminal raw."""
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(
        character if character.isprintable() or character == " " else character.encode("unicode_escape").decode("ascii")
        for character in text
    )


def shown_path(path: object) -> str:
    """A file path as messages name it: as given, with what a terminal would obey escaped."""
    return escaped(str(path))


def shown(query: str, limit: int = 60) -> str:
    """A query as a message quotes it: its repr, shortened, so that one line stays one line."""
    return repr(query if len(query) <= limit else query[:limit] + "…")


class MatchError(NetworksError, LookupError):
    """A name that does not name exactly one record: the library's `lookup_*` methods raise it.

    `reason` is "none" (nothing matches; `candidates` are the closest names, as suggestions) or
    "several" (the names that match equally well). The CLI exits 1 for "none", 3 for "several".
    A `LookupError`, as pycountry's `lookup()` raises, so `except LookupError` catches it.
    """

    reason: str  # "none" or "several"

    def __init__(self, kind: str, query: str, candidates: list[str], message: str) -> None:
        self.kind = kind
        self.query = query
        self.candidates = candidates
        super().__init__(message)


class NotFoundError(MatchError):
    """Nothing matches; the message carries the closest candidates as suggestions."""

    exit_status = ExitStatus.NOT_FOUND
    reason = "none"

    def __init__(self, kind: str, query: str, suggestions: list[str], hint: str | None = None) -> None:
        message = f"no {kind} matches {shown(query)}"
        self.hint = hint  # what the query does name, or where the answer could come from: part of the line
        if hint:
            message += f"; {hint}"
        if suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
        super().__init__(kind, query, suggestions, message)

    @property
    def suggestions(self) -> list[str]:
        return self.candidates


class AmbiguousError(MatchError):
    """Several records match equally well: the user must choose."""

    exit_status = ExitStatus.AMBIGUOUS
    reason = "several"

    def __init__(self, kind: str, query: str, candidates: list[str]) -> None:
        listed = ", ".join(repr(c) for c in candidates)
        message = f"{shown(query)} matches several {kind}s: {listed}; give a fuller name or an id"
        super().__init__(kind, query, candidates, message)


class UsageError(NetworksError):
    """The command line asks for something that cannot be done as asked (Click's usage errors exit 2 too)."""

    exit_status = ExitStatus.USAGE
