"""Running the real command as a second local user (issue #19): root only, with `runuser` and a user
`faultsuser` (`useradd -M faultsuser`). The interpreter the tests run may sit where that user cannot
read (a pyenv under /root): the system's Python of the same minor version runs the same sources."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import networks_cli

SECOND_USER = "faultsuser"
SOURCES = Path(networks_cli.__file__).resolve().parents[1]
MAIN = "import sys; sys.argv[0] = 'networks'; from networks_cli.cli.app import main; main()"


def _python() -> str | None:
    """A Python of this minor version that the second user can run."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (f"/usr/bin/{version}", f"/usr/local/bin/{version}", sys.executable):
        if os.path.isfile(candidate) and os.stat(candidate).st_mode & 0o001:
            return candidate
    return None


def second_user() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("runuser") is None or _python() is None:
        return None
    import pwd

    try:
        pwd.getpwnam(SECOND_USER)
    except KeyError:
        return None
    return SECOND_USER


needs_second_user = pytest.mark.skipif(
    second_user() is None,
    reason=f"needs root, runuser, a local user {SECOND_USER!r} (useradd -M {SECOND_USER}) and a system Python",
)


def networks_as_second_user() -> str:
    """The shell words that run `networks` as the second user (its sources and this venv's packages)."""
    path = os.pathsep.join([str(SOURCES), sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    return f"PYTHONPATH={shlex.quote(path)} {shlex.quote(str(_python()))} -c {shlex.quote(MAIN)}"


def as_second_user(script: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """`bash -c script` as the second user, with $NETWORKS the command and no cache unless given."""
    assignments = " ".join(f"{key}={shlex.quote(value)}" for key, value in {"NETWORKS_CACHE_DIR": "", **env}.items())
    full = f"export {assignments}; {networks_as_second_user()} {script}"
    return subprocess.run(
        [
            "runuser",
            "-u",
            SECOND_USER,
            "--",
            "env",
            "-i",
            "PATH=/usr/bin:/bin",
            "HOME=/nonexistent",
            "LANG=C.UTF-8",
            "bash",
            "-c",
            full,
        ],
        capture_output=True,
        check=False,
        timeout=120,
        cwd="/",
    )
