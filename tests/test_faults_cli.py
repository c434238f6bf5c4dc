"""The command line's share of issue #19: an unreadable `--data` file is exit 4 naming where the path
came from (11), and under a C locale UTF-8 arguments are answered (12)."""

from __future__ import annotations

import json
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, Invoke
from tests.faults_users import as_second_user, needs_second_user
from tests.test_installed import NETWORKS, base_env

C_LOCALE = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


@pytest.fixture
def unreadable() -> Iterator[Path]:
    """A dataset file the second user cannot read (root's, mode 0600), in a folder it can reach."""
    folder = Path(tempfile.mkdtemp(prefix="networks-faults-"))
    folder.chmod(0o755)
    path = folder / "mine.toml"
    path.write_text(MINIMAL, encoding="utf-8")
    path.chmod(0o600)
    yield path
    shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------- 11. an unreadable --data file


@needs_second_user
def test_an_unreadable_data_file_given_as_a_flag_is_exit_4(unreadable: Path) -> None:
    """The message is the loader's, as for every unreadable file: the flag is on the command line."""
    run = as_second_user(f"list --data {shlex.quote(str(unreadable))}")
    assert run.returncode == 4, run.stderr
    assert run.stdout == b""
    assert run.stderr.decode() == f"networks: {unreadable}: permission denied\n"


@needs_second_user
def test_an_unreadable_data_file_in_the_variable_is_exit_4_naming_it(unreadable: Path) -> None:
    run = as_second_user("list", NETWORKS_DATA=str(unreadable))
    assert run.returncode == 4, run.stderr
    assert run.stdout == b""
    assert run.stderr.decode() == f"networks: {unreadable}: permission denied (the file NETWORKS_DATA names)\n"


@needs_second_user
@pytest.mark.parametrize("how", ["argument", "variable"])
def test_validate_reports_an_unreadable_file_with_exit_4(unreadable: Path, how: str) -> None:
    if how == "argument":
        run = as_second_user(f"validate {shlex.quote(str(unreadable))} --json")
    else:
        run = as_second_user("validate --json", NETWORKS_DATA=str(unreadable))
    assert run.returncode == 4, run.stderr
    assert json.loads(run.stdout)["errors"] == ["permission denied"]


# ---------------------------------------------------------------- 12. a C locale


def _c_locale(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [NETWORKS, *args], capture_output=True, env={**base_env(), **C_LOCALE}, timeout=60, check=False
    )


def test_utf8_arguments_are_answered_under_a_c_locale() -> None:
    run = _c_locale("region", "Małopolska", "--json")
    assert run.returncode == 0, run.stderr
    assert run.stderr == b""
    assert json.loads(run.stdout)["region"]["id"] == "malopolska"
    table = _c_locale("region", "Małopolska")
    assert table.returncode == 0, table.stderr
    assert "Małopolska".encode() in table.stdout


def test_bytes_that_are_not_utf8_are_still_refused_under_a_c_locale() -> None:
    run = subprocess.run(
        [NETWORKS.encode(), b"region", b"Ma\xb3opolska"],
        capture_output=True,
        env={**base_env(), **C_LOCALE},
        check=False,
    )
    assert run.returncode == 2
    assert run.stdout == b""
    assert b"not valid text" in run.stderr


def test_in_process_the_locale_is_named_as_the_cause(cli: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where the app cannot run again in UTF-8 mode (called in-process), the message names the locale."""
    import sys

    monkeypatch.setattr(sys, "getfilesystemencoding", lambda: "ascii")
    hidden = "Małopolska".encode().decode("ascii", "surrogateescape")  # as Python decodes it under LC_ALL=C
    run = cli("region", hidden)
    assert (run.exit_code, run.stdout) == (2, "")
    assert run.stderr == (
        "networks: invalid value for 'REGION': its bytes are UTF-8, but the locale says arguments are ascii; "
        "use a UTF-8 locale (LC_ALL=C.UTF-8) or PYTHONUTF8=1\n"
    )


@pytest.mark.parametrize(
    ("encoding", "argument", "again"),
    [
        ("utf-8", "Małopolska", False),  # a UTF-8 locale: decoded as meant already
        ("ascii", "Małopolska".encode().decode("ascii", "surrogateescape"), True),  # LC_ALL=C hid UTF-8
        ("ascii", "Ma\udcb3opolska", False),  # bytes that are not UTF-8: the usage error says so
        ("ascii", "Kainuu", False),
    ],
)
def test_only_a_c_locale_hiding_utf8_runs_the_command_again(
    monkeypatch: pytest.MonkeyPatch, encoding: str, argument: str, again: bool
) -> None:
    """The second run costs a start-up: never under a UTF-8 locale, never for ASCII."""
    import os
    import sys

    from networks_cli.cli.app import _reexec_in_utf8_mode_for_utf8_arguments

    calls: list[list[bytes]] = []
    monkeypatch.setattr(sys, "argv", ["networks", "region", argument])
    monkeypatch.setattr(sys, "getfilesystemencoding", lambda: encoding)
    monkeypatch.setattr(os, "execv", lambda path, command: calls.append(command))
    _reexec_in_utf8_mode_for_utf8_arguments()
    assert bool(calls) == again
    if again:
        assert calls[0][1:] == [b"-X", b"utf8", b"-m", b"networks_cli", b"region", "Małopolska".encode()]
