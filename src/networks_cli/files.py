"""Files the tool writes or trusts: one rule for the query cache, the data home and exports.

- Trust (ssh's rule): a directory or file is trusted only when it belongs to the user running the
  tool and neither group nor others can write to it. A symbolic link is judged by what it points to,
  so a link cannot hand the choice of the real directory to someone else.
- Writing: a file is written to a temporary file of unpredictable name (`mkstemp`, `O_EXCL`) in the
  target's own folder, then renamed over the target. A rename replaces a link, never what it points
  to; and only a regular file is ever replaced (never a device, a folder or a link).
- Sweeping: a temporary file that a killed run left behind (SIGKILL, a power cut) is removed by the
  next run that writes there, once it is ours and long untouched. SIGTERM is turned into a clean exit
  while a command writes, so its temporary files go at once.

A leaf: only the standard library and `errors`, imported by the commands that write or trust files.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from networks_cli.errors import NetworksError, Terminated, shown_path

# A temporary file this old was left by a run that was killed: the next run that writes there sweeps it.
STALE_SECONDS = 600


def trust_problem(path: Path, directory: bool, status: os.stat_result | None = None) -> str | None:
    """Why a directory or file may not be trusted (ssh's rule), or None when it may. A path that does
    not exist has no problem; one that cannot be looked at is "cannot be examined". The status, when
    given, is the path's (following links)."""
    try:
        status = status or os.stat(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return "it cannot be examined"
    if directory and not stat.S_ISDIR(status.st_mode):
        return "it is not a directory"
    if hasattr(os, "geteuid") and status.st_uid != os.geteuid():
        return f"it belongs to user {status.st_uid}"
    if status.st_mode & 0o022 and sys.platform != "win32":
        return "others can write to it"
    return None


def temporary_file(directory: Path, prefix: str, suffix: str = ".tmp") -> Path:
    """A new, empty file of unpredictable name in `directory` (created with O_EXCL, mode 0600)."""
    import tempfile

    handle, name = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=suffix)
    os.close(handle)
    return Path(name)


def temporary_directory(directory: Path, prefix: str) -> Path:
    """A new, empty folder of unpredictable name in `directory` (mode 0700)."""
    import tempfile

    return Path(tempfile.mkdtemp(dir=directory, prefix=prefix, suffix=".tmp"))


def sweep(directory: Path, prefix: str, suffix: str, age: float = STALE_SECONDS) -> None:
    """Remove what runs killed midway left in `directory`: names of this prefix and suffix, ours, and
    untouched for `age` seconds. Folders are removed with what they hold; links are only unlinked."""
    now = time.time()
    owner = os.geteuid() if hasattr(os, "geteuid") else None
    with contextlib.suppress(OSError), os.scandir(directory) as entries:
        for entry in entries:
            if not (entry.name.startswith(prefix) and entry.name.endswith(suffix)):
                continue
            with contextlib.suppress(OSError):
                status = entry.stat(follow_symlinks=False)
                if (owner is not None and status.st_uid != owner) or now - status.st_mtime <= age:
                    continue
                if stat.S_ISDIR(status.st_mode):
                    import shutil

                    shutil.rmtree(entry.path, ignore_errors=True)
                else:
                    os.unlink(entry.path)


def replaceable(path: Path) -> os.stat_result | None:
    """The status of what a write would replace at `path`, None when nothing is there. Raises
    NetworksError when it is a link or anything but a regular file: those are never replaced."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise NetworksError(f"cannot write {shown_path(path)}: {error.strerror or error}") from None
    if stat.S_ISLNK(status.st_mode):
        raise NetworksError(f"cannot write {shown_path(path)}: it is a symbolic link, which is never written through")
    if stat.S_ISDIR(status.st_mode):
        raise NetworksError(f"cannot write {shown_path(path)}: it is a directory")
    if not stat.S_ISREG(status.st_mode):
        raise NetworksError(f"cannot write {shown_path(path)}: it is not a regular file (a device, a pipe, a socket)")
    return status


@contextlib.contextmanager
def terminated_cleanly() -> Iterator[None]:
    """While writing, SIGTERM raises `Terminated` (so `finally` blocks remove temporary files) instead of
    killing the process outright. Only the main thread can own signals; elsewhere this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
