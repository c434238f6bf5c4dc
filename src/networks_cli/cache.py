"""Opening a dataset as a query store, through an on-disk cache that is never stale and never harmful.

The cache holds one SQLite store per dataset file, named after the file's absolute path. A cache is
used only when it was built by this version of the tool, in this store format, from this path, and
from this content: the file's size, modification time, change time and inode must match what was
recorded, and when they do not, the content's SHA-256 decides (a `touch` does not force a rebuild; an
edit that kept the size and the modification time still changes the change time, so it is re-read).
Anything wrong with a cache file (corrupt, truncated, foreign, unwritable directory) means no cache,
never an error; a new cache is written to a temporary file and moved into place atomically, so two
processes building at once cannot corrupt it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from networks_cli.loader import dataset_file, dataset_from_bytes, read_dataset_bytes
from networks_cli.store import STORE_FORMAT, Store, build_store, memory_store
from networks_cli.version import __version__

if TYPE_CHECKING:
    from networks_cli.models import Dataset

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


def open_store(path: Path | None = None, *, use_cache: bool = True) -> Store:
    """The dataset at `path` (the bundled one by default), ready for queries."""
    file = dataset_file(path)
    directory = cache_directory() if use_cache else None
    if directory is None:
        return memory_store(dataset_from_bytes(read_dataset_bytes(file), str(file)))
    cached, fingerprint = _cached(file, directory)
    data: bytes | None = None
    if cached is not None:
        if cached.meta("stat") == fingerprint:
            return cached
        data = read_dataset_bytes(file)
        if cached.meta("sha256") == _digest(data):
            _refresh_fingerprint(cached, fingerprint or "")
            return cached
        cached.connection.close()
    if data is None:
        data = read_dataset_bytes(file)
    dataset = dataset_from_bytes(data, str(file))
    absolute = os.path.abspath(file)
    meta = {"tool": __version__, "path": absolute, "stat": fingerprint or "", "sha256": _digest(data)}
    return _write_cache(_cache_file(directory, absolute), dataset, meta) or memory_store(dataset)


def fresh_cached_store(path: Path | None = None) -> Store | None:
    """The cached store of a dataset if one is up to date, else None; never parses or validates."""
    directory = cache_directory()
    if directory is None:
        return None
    cached, fingerprint = _cached(dataset_file(path), directory)
    return cached if cached is not None and cached.meta("stat") == fingerprint else None


def _cached(file: Path, directory: Path) -> tuple[Store | None, str | None]:
    """The cache entry built from this file's path (stale or not), and the file's stat fingerprint now.

    The fingerprint is taken before the file is read, so a write during the read is seen next time.
    """
    fingerprint = _fingerprint(file)
    if fingerprint is None:
        return None, None  # the loader will report why the file cannot be read
    absolute = os.path.abspath(file)
    return _open_cached(_cache_file(directory, absolute), absolute), fingerprint


def _cache_file(directory: Path, absolute: str) -> Path:
    """`<file name>-<crc32 of the absolute path>.sqlite3`: readable, and a collision is harmless (the
    path is checked inside) where hashing with SHA-256 would cost an OpenSSL import on every run."""
    import zlib

    stem = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in os.path.basename(absolute))[:60]
    return directory / f"{stem}-{zlib.crc32(absolute.encode('utf-8', 'surrogateescape')):08x}.sqlite3"


def _digest(data: bytes) -> str:
    import hashlib  # only needed when something changed; loading OpenSSL is not free

    return hashlib.sha256(data).hexdigest()


def _fingerprint(file: Path) -> str | None:
    try:
        stat = file.stat()
    except OSError:
        return None  # the loader reports why the file cannot be read
    return f"{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}:{stat.st_dev}"


def _open_cached(cache_file: Path, absolute: str) -> Store | None:
    if not cache_file.is_file():
        return None
    try:
        store = Store(sqlite3.connect(cache_file))
        if (
            store.meta("format") == str(STORE_FORMAT)
            and store.meta("tool") == __version__
            and store.meta("path") == absolute
            and store.meta("sha256")
        ):
            return store
        store.connection.close()
    except sqlite3.Error:
        pass  # corrupt, truncated or not ours: rebuild over it
    return None


def _refresh_fingerprint(store: Store, fingerprint: str) -> None:
    """The file was touched, not changed: remember its new stat so the next run skips the hash."""
    try:
        with store.connection:
            store.connection.execute("UPDATE meta SET value = ? WHERE key = 'stat'", (fingerprint,))
    except sqlite3.Error:
        pass  # a read-only cache still answers correctly; it just hashes again next time


def _write_cache(cache_file: Path, dataset: Dataset, meta: dict[str, str]) -> Store | None:
    temporary: str | None = None
    try:
        cache_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        import tempfile

        handle, temporary = tempfile.mkstemp(dir=cache_file.parent, prefix=".building-", suffix=".sqlite3")
        os.close(handle)
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            build_store(dataset, connection, meta)
        finally:
            connection.close()
        os.replace(temporary, cache_file)
        temporary = None
        return Store(sqlite3.connect(cache_file))
    except (OSError, sqlite3.Error):
        return None  # no cache, not an error: the caller answers from memory
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
