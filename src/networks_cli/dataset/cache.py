"""Opening a dataset as a query store, through an on-disk cache that is never stale and never harmful.

The cache holds one SQLite store per dataset file, named after the file's absolute path. A cache is
used only when it was built by this version of the tool, in this store format, from this path, and
from this content: the file's size, modification time, change time and inode must match what was
recorded, and when they do not, the content's SHA-256 decides (a `touch` does not force a rebuild; an
edit that kept the size and the modification time still changes the change time, so it is re-read;
a stat taken within 2 seconds of the file's modification is not recorded, so the hash decides next time).
Only regular files are cached: a pipe or a device is read once, into memory. A cache directory or file
that is not ours, or that others can write, is neither read nor overwritten. Anything wrong with a cache
file (corrupt, truncated, damaged inside, foreign, unwritable directory) means no cache, never an
error; a new cache is written to a temporary file and moved into place atomically, so two processes
building at once cannot corrupt it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from networks_cli.dataset.loader import dataset_file, dataset_from_bytes, dataset_with_overlays, read_dataset_bytes
from networks_cli.dataset.store import STORE_FORMAT, Store, build_store, memory_store
from networks_cli.errors import shown_path
from networks_cli.version import __version__

if TYPE_CHECKING:
    from collections.abc import Sequence

    from networks_cli.dataset.loader import Origins
    from networks_cli.dataset.models import Dataset

CACHE_ENV = "NETWORKS_CACHE_DIR"


def cache_directory() -> Path | None:
    """Where caches live: $NETWORKS_CACHE_DIR, else the platform's convention; None when caching is off."""
    override = os.environ.get(CACHE_ENV)
    if override is not None:
        return Path(override) if override else None
    try:
        home = Path.home()
    except (RuntimeError, KeyError):
        return None  # no home directory (a bare container): no cache, not an error
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "networks"
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "networks" / "Cache" if base else None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG spec says to ignore a relative path.
    return (Path(xdg) if os.path.isabs(xdg) else home / ".cache") / "networks"


# A stat taken this close to the file's last change is not trusted: on a file system with coarse
# timestamps an edit within the same second keeps size and times (git's "racy clean"), so the next run
# compares the content's hash instead.
RACY_SECONDS = 2
# A `.building-*` file this old was left by a build that was killed: it is swept at the next build.
STALE_BUILD_SECONDS = 600
# Why the cache was not used, when it was configured: `--verbose` prints these, `validate` warns.
notes: list[str] = []


class CachedStore(Store):
    """A store read from a cache file that existed before this run: it may be damaged."""

    def __init__(self, connection: sqlite3.Connection, file: Path) -> None:
        super().__init__(connection)
        self.file = file


# What a damaged cache raises while a question is answered from it (a record that is not JSON, a
# missing column, a value of the wrong type). A store built from the file just now raising one of
# these is a genuine error, not damage.
DAMAGE: tuple[type[Exception], ...] = (sqlite3.Error, ValueError, LookupError, TypeError, AttributeError)


def discard_if_damaged(store: Store) -> bool:
    """Delete a cached store found damaged while answering, so the next `open_store` rebuilds it from
    the file; False (nothing done) for a store built from the file, whose errors are genuine."""
    if not isinstance(store, CachedStore):
        return False
    with contextlib.suppress(sqlite3.Error):
        store.connection.close()
    with contextlib.suppress(OSError):
        store.file.unlink()
    return True


def open_store(path: Path | None = None, *, use_cache: bool = True, overlays: Sequence[Path] = ()) -> Store:
    """The dataset at `path` (the bundled one by default), with each overlay's records added
    (`--with FILE`), ready for queries. One cache serves each combination of files: it is keyed on
    every file's path and content, so editing the atlas or any overlay rebuilds it."""
    notes.clear()
    files = [dataset_file(path), *overlays]
    directory = cache_directory() if use_cache else None
    statuses = [_stat_of(file) for file in files] if directory is not None else []
    # Only a regular file has a stable identity to key a cache on; a pipe or a device is read once.
    if (
        directory is None
        or any(status is None or not stat.S_ISREG(status.st_mode) for status in statuses)
        or not _trusted(directory, True)
    ):
        return _memory_store(files, [read_dataset_bytes(file) for file in files])
    # Taken before the files are read, so a write during the read is seen next time.
    fingerprint = _fingerprints([status for status in statuses if status is not None])
    absolute = "\n".join(os.path.abspath(file) for file in files)
    cache_file = _cache_file(directory, absolute)
    cached, writable = _open_cached(cache_file, absolute)
    contents: list[bytes] | None = None
    if cached is not None:
        if fingerprint is not None and cached.meta("stat") == fingerprint:
            return cached
        contents = [read_dataset_bytes(file) for file in files]
        if cached.meta("sha256") == _digests(contents):
            if fingerprint is not None:
                _refresh_fingerprint(cached, fingerprint)
            return cached
        cached.connection.close()
    if contents is None:
        contents = [read_dataset_bytes(file) for file in files]
    dataset, origins = _merged(files, contents)
    if not writable:
        return memory_store(dataset, origins)  # not ours: never overwrite it
    meta = {"tool": __version__, "path": _path_key(absolute), "stat": fingerprint or "", "sha256": _digests(contents)}
    return _write_cache(cache_file, dataset, meta, origins) or memory_store(dataset, origins)


def _merged(files: list[Path], contents: list[bytes]) -> tuple[Dataset, Origins]:
    """The atlas (the first file) with the overlays (the others) added, and where each added record came from."""
    atlas = dataset_from_bytes(contents[0], shown_path(files[0]))
    if len(files) == 1:
        return atlas, {}
    return dataset_with_overlays(atlas, list(zip(files[1:], contents[1:], strict=True)))


def _memory_store(files: list[Path], contents: list[bytes]) -> Store:
    dataset, origins = _merged(files, contents)
    return memory_store(dataset, origins)


def _fingerprints(statuses: list[os.stat_result]) -> str | None:
    """Every file's fingerprint, or None when any stat is too recent to tell edits apart."""
    prints = [_fingerprint(status) for status in statuses]
    return None if any(item is None for item in prints) else "|".join(item or "" for item in prints)


def _digests(contents: list[bytes]) -> str:
    """One file's SHA-256, or for several the SHA-256 of each file's, in order."""
    if len(contents) == 1:
        return _digest(contents[0])
    return _digest("\n".join(_digest(data) for data in contents).encode("ascii"))


def fresh_cached_store(path: Path | None = None, overlays: Sequence[Path] = ()) -> Store | None:
    """The cached store of a dataset (with those overlays, as `open_store` keys it) if one is up to
    date, else None; never parses or validates."""
    directory = cache_directory()
    files = [dataset_file(path), *overlays]
    statuses = [_stat_of(file) for file in files] if directory is not None else []
    if (
        directory is None
        or any(status is None or not stat.S_ISREG(status.st_mode) for status in statuses)
        or not _trusted(directory, True)
    ):
        return None
    fingerprint = _fingerprints([status for status in statuses if status is not None])
    absolute = "\n".join(os.path.abspath(file) for file in files)
    cached, _ = _open_cached(_cache_file(directory, absolute), absolute)
    if cached is None or fingerprint is None or cached.meta("stat") != fingerprint:
        if cached is not None:
            cached.connection.close()
        return None
    return cached


def cache_problem(path: Path | None = None) -> str | None:
    """Why the cache of this dataset would not be used, if it is configured and would not be."""
    notes.clear()
    directory = cache_directory()
    if directory is None:
        return None
    file = dataset_file(path)
    if _trusted(directory, True):
        absolute = os.path.abspath(file)
        cached, _ = _open_cached(_cache_file(directory, absolute), absolute)
        if cached is not None:
            cached.connection.close()
    return notes[0] if notes else None


def _stat(file: Path) -> os.stat_result:
    return os.stat(file)


def _stat_of(file: Path) -> os.stat_result | None:
    try:
        return _stat(file)
    except (OSError, ValueError):
        return None  # the loader reports why the file cannot be read


def _trusted(path: Path, directory: bool, status: os.stat_result | None = None) -> bool:
    """Whether a cache directory or file can be trusted, as ssh trusts its files (`files.trust_problem`):
    ours, and writable by no one else. A directory that does not exist yet is fine (it is made
    private); one that cannot be looked at is no cache."""
    from networks_cli.files import trust_problem

    if status is None:
        try:
            status = os.stat(path)
        except FileNotFoundError:
            return directory
        except (OSError, ValueError):
            return False
    problem = trust_problem(path, directory, status)
    if problem == "it is not a directory":
        return False
    if problem:
        kind = "directory" if directory else "file"
        notes.append(f"not using the query cache {kind} {shown_path(path)}: {problem}")
        return False
    return True


def _path_key(absolute: str) -> str:
    """The path as the cache records it: as is, or its bytes in hex when it is not text (SQLite stores
    text as UTF-8, which a path of other bytes is not)."""
    try:
        absolute.encode("utf-8")
    except UnicodeEncodeError:
        return "bytes:" + os.fsencode(absolute).hex()
    return absolute


def _cache_file(directory: Path, absolute: str) -> Path:
    """`<file name>-<crc32 of the absolute path>.sqlite3`: readable, and a collision is harmless (the
    path is checked inside) where hashing with SHA-256 would cost an OpenSSL import on every run."""
    import zlib

    stem = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in os.path.basename(absolute))[:60]
    return directory / f"{stem}-{zlib.crc32(absolute.encode('utf-8', 'surrogateescape')):08x}.sqlite3"


def _digest(data: bytes) -> str:
    import hashlib  # only needed when something changed; loading OpenSSL is not free

    return hashlib.sha256(data).hexdigest()


def _fingerprint(status: os.stat_result) -> str | None:
    """The file's identity by its stat, or None when the stat is too recent to tell edits apart."""
    if abs(time.time() - status.st_mtime) < RACY_SECONDS:
        return None
    return f"{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}:{status.st_ino}:{status.st_dev}"


def _open_cached(cache_file: Path, absolute: str) -> tuple[CachedStore | None, bool]:
    """The cache file's store if it is ours, sound and built from this path; and whether it may be
    (over)written."""
    try:
        status = os.stat(cache_file)
    except FileNotFoundError:
        return None, True
    except (OSError, ValueError):
        return None, False  # cannot even look at it: leave it alone
    if not stat.S_ISREG(status.st_mode) or not _trusted(cache_file, False, status):
        return None, False
    try:
        # Shared between threads by an Atlas, which serialises its calls (SQLite itself is thread-safe).
        store = CachedStore(sqlite3.connect(cache_file, check_same_thread=False), cache_file)
        if (
            store.meta("format") == str(STORE_FORMAT)
            and store.meta("tool") == __version__
            and store.meta("path") == _path_key(absolute)
            and store.meta("sha256")
        ):
            return store, True
        store.connection.close()
    except sqlite3.Error:
        pass  # corrupt, truncated or not ours: rebuild over it
    return None, True


def _refresh_fingerprint(store: Store, fingerprint: str) -> None:
    """The file was touched, not changed: remember its new stat so the next run skips the hash."""
    try:
        with store.connection:
            store.connection.execute("UPDATE meta SET value = ? WHERE key = 'stat'", (fingerprint,))
    except sqlite3.Error:
        pass  # a read-only cache still answers correctly; it just hashes again next time


def _write_cache(
    cache_file: Path, dataset: Dataset, meta: dict[str, str], origins: Origins | None = None
) -> Store | None:
    temporary: str | None = None
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _sweep(cache_file.parent)
        import tempfile

        handle, temporary = tempfile.mkstemp(dir=cache_file.parent, prefix=".building-", suffix=".sqlite3")
        os.close(handle)
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            build_store(dataset, connection, meta, origins)
        finally:
            connection.close()
        os.replace(temporary, cache_file)
        temporary = None
        return Store(sqlite3.connect(cache_file, check_same_thread=False))
    except (OSError, sqlite3.Error, ValueError):
        return None  # no cache, not an error: the caller answers from memory
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _sweep(directory: Path) -> None:
    """Remove what builds killed midway (SIGKILL, a power cut) left behind: ours, and long untouched."""
    from networks_cli.files import sweep

    sweep(directory, ".building-", ".sqlite3", STALE_BUILD_SECONDS)
