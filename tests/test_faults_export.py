"""Hostile paths for `networks export` (issue #19: 1, 4, 5, 9, 10; issue #22: the overwrite rule, the
licence): never through a link, never over anything but a file it wrote, all or nothing, no traceback."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, Invoke, WriteDataset
from tests.faults_users import SECOND_USER, as_second_user, needs_second_user, second_user
from tests.test_installed import NETWORKS, base_env

ROOT = Path(__file__).resolve().parents[1]
needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root (mknod)")


@pytest.fixture
def shared(tmp_path: Path) -> Iterator[Path]:
    """A folder others may write in, as /tmp is (sticky, world-writable): where another user plants links."""
    folder = Path(tempfile.mkdtemp(prefix="networks-faults-"))
    folder.chmod(0o1777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def victim(folder: Path) -> Path:
    file = folder / "victim.txt"
    file.write_text("precious\n", encoding="utf-8")
    return file


# ---------------------------------------------------------------- 1. links and devices


@pytest.mark.parametrize("planted", ["target", "metadata.json"])
def test_sqlite_export_never_writes_through_a_link(cli: Invoke, tmp_path: Path, planted: str) -> None:
    precious = victim(tmp_path)
    target = tmp_path / "atlas.sqlite3"
    link = target if planted == "target" else tmp_path / planted
    link.symlink_to(precious)
    run = cli("export", "--sqlite", str(target))
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr == f"networks: cannot write {link}: it is a symbolic link, which is never written through\n"
    assert precious.read_text(encoding="utf-8") == "precious\n"
    assert link.is_symlink()


def test_csv_export_never_writes_through_a_planted_link(cli: Invoke, tmp_path: Path) -> None:
    precious = victim(tmp_path)
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "datapackage.json").symlink_to(precious)
    run = cli("export", "--csv", str(folder))
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr.startswith(f"networks: not replacing {folder}: it holds files networks export did not write")
    forced = cli("export", "--csv", str(folder), "--force")
    assert (forced.exit_code, forced.stdout) == (4, "")
    assert forced.stderr == (
        f"networks: cannot write {folder / 'datapackage.json'}: it is a symbolic link, which is never written through\n"
    )
    assert precious.read_text(encoding="utf-8") == "precious\n"
    linked = tmp_path / "linked"
    linked.symlink_to(folder)
    run = cli("export", "--csv", str(linked))
    assert run.exit_code == 4
    assert run.stderr == f"networks: cannot write {linked}: it is a symbolic link, which is never written through\n"


def test_the_old_temporary_names_are_not_followed(cli: Invoke, tmp_path: Path) -> None:
    """The temporary names were predictable (`.networks.csv.tmp`, `.atlas.sqlite3.<pid>.tmp`): a link
    planted at one had its target overwritten. They are unpredictable now, and a link is never followed."""
    precious = victim(tmp_path)
    folder = tmp_path / "csv"
    folder.mkdir()
    for table in ("networks", "regions", "memberships"):
        (folder / f".{table}.csv.tmp").symlink_to(precious)
    assert cli("export", "--csv", str(folder)).exit_code == 4  # a folder holding what export did not write
    assert cli("export", "--csv", str(tmp_path / "fresh")).exit_code == 0
    assert precious.read_text(encoding="utf-8") == "precious\n"


@needs_second_user
def test_another_users_link_cannot_make_root_overwrite_a_file(shared: Path) -> None:
    precious = victim(shared)
    link = ["runuser", "-u", SECOND_USER, "--", "ln", "-s", str(precious), str(shared / "out.sqlite3")]
    planted = subprocess.run(link, capture_output=True, check=False)
    assert planted.returncode == 0, planted.stderr
    run = subprocess.run(
        [NETWORKS, "export", "--sqlite", str(shared / "out.sqlite3")],
        capture_output=True,
        env=base_env(),
        check=False,
        timeout=120,
    )
    assert run.returncode == 4
    assert run.stdout == b""
    assert b"symbolic link" in run.stderr
    assert precious.read_text(encoding="utf-8") == "precious\n"


@needs_root
def test_a_device_is_never_replaced(cli: Invoke, tmp_path: Path) -> None:
    device = tmp_path / "null"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    run = cli("export", "--sqlite", str(device))
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr == f"networks: cannot write {device}: it is not a regular file (a device, a pipe, a socket)\n"
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_fifo_is_never_replaced(cli: Invoke, tmp_path: Path) -> None:
    fifo = tmp_path / "out.sqlite3"
    os.mkfifo(fifo)
    run = cli("export", "--sqlite", str(fifo))
    assert run.exit_code == 4
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


# ---------------------------------------------------------------- issue 22: the overwrite rule


def test_a_file_export_did_not_write_is_replaced_only_with_force(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "atlas.sqlite3"
    target.write_text("my notes\n", encoding="utf-8")
    run = cli("export", "--sqlite", str(target))
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr == (
        f"networks: not replacing {target}: networks export did not write it (give --force to replace it)\n"
    )
    assert target.read_text(encoding="utf-8") == "my notes\n"
    assert not (tmp_path / "metadata.json").exists()
    assert cli("export", "--sqlite", str(target), "--force").exit_code == 0
    with sqlite3.connect(target) as connection:
        assert connection.execute("SELECT value FROM export_meta WHERE key = 'format'").fetchone() == ("1",)
    connection.close()
    assert cli("export", "--sqlite", str(target)).exit_code == 0  # its own earlier export: replaced freely


def test_an_unrelated_metadata_json_is_kept_without_force(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "metadata.json").write_text('{"mine": true}\n', encoding="utf-8")
    run = cli("export", "--sqlite", str(tmp_path / "atlas.sqlite3"))
    assert run.exit_code == 4
    assert "metadata.json: networks export did not write it (give --force" in run.stderr
    assert not (tmp_path / "atlas.sqlite3").exists()  # nothing written: all or nothing
    assert json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8")) == {"mine": True}


def test_a_folder_of_other_files_is_kept_without_force(cli: Invoke, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "thesis.docx").write_text("chapter 1\n", encoding="utf-8")
    run = cli("export", "--csv", str(folder))
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr == (
        f"networks: not replacing {folder}: it holds files networks export did not write (give --force to write "
        "its files into it)\n"
    )
    assert sorted(p.name for p in folder.iterdir()) == ["thesis.docx"]
    assert cli("export", "--csv", str(folder), "--force").exit_code == 0
    names = sorted(p.name for p in folder.iterdir())
    assert {"thesis.docx", "datapackage.json", "networks.csv"} <= set(names)
    again = cli("export", "--csv", str(tmp_path / "csv2"))
    assert again.exit_code == 0
    assert cli("export", "--csv", str(tmp_path / "csv2")).exit_code == 0  # its own export: replaced


def test_export_metadata_says_what_is_mit_and_what_is_not(cli: Invoke, tmp_path: Path) -> None:
    assert cli("export", "--sqlite", str(tmp_path / "a.sqlite3")).exit_code == 0
    assert cli("export", "--csv", str(tmp_path / "csv")).exit_code == 0
    metadata = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    assert metadata["license"] != "MIT"
    assert "Code: MIT" in metadata["license"]
    assert "remain their publishers'" in metadata["license"]
    for table in metadata["databases"]["a"]["tables"].values():
        assert table["license"] != "MIT"
        assert "compiled from the listed sources" in table["license"]
    package = json.loads((tmp_path / "csv" / "datapackage.json").read_text(encoding="utf-8"))
    assert all(licence.get("name") != "MIT" for licence in package["licenses"])
    assert "remain their publishers'" in package["licenses"][0]["title"]
    assert "Code: MIT" in package["description"]


# ---------------------------------------------------------------- 4. all or nothing

# The real command, made to stop at the start of the N-th table ($AT): killed, terminated or paused.
DRIVER = """
import os, signal, sys, time
from networks_cli.answers import export
tables = export._tables
def paced(store):
    for number, table in enumerate(tables(store)):
        if number == int(os.environ["AT"]):
            how = os.environ["HOW"]
            if how == "sleep":
                time.sleep(float(os.environ["SECONDS"]))
            else:
                os.kill(os.getpid(), getattr(signal, how))
        yield table
export._tables = paced
from networks_cli.cli.app import main
sys.argv = ["networks", *sys.argv[1:]]
main()
"""


def _export(folder: Path, *options: str, **env: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, "export", "--csv", str(folder), "--no-cache", *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**base_env(), "AT": "99", "HOW": "sleep", "SECONDS": "0", **env},
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture
def two_exports(tmp_path: Path, write_dataset: WriteDataset) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A small dataset and the bundled one, each exported whole once: what a reader may ever see."""
    small = write_dataset(MINIMAL)
    for name, options in (("small", ("--data", str(small))), ("bundled", ())):
        run = _export(tmp_path / name, *options)
        assert run.wait(timeout=120) == 0, run.communicate()[1]
    return small, _files(tmp_path / "small"), _files(tmp_path / "bundled")


def test_two_exports_into_one_folder_leave_one_whole_export(
    tmp_path: Path, two_exports: tuple[Path, dict[str, bytes], dict[str, bytes]]
) -> None:
    small, whole_small, whole_bundled = two_exports
    folder = tmp_path / "csv"
    slow = _export(folder, "--data", str(small), AT="2", SECONDS="1.5")  # pauses after two tables
    time.sleep(0.5)
    fast = _export(folder)
    for run in (fast, slow):
        assert run.wait(timeout=120) == 0, run.communicate()[1]
    assert _files(folder) in (whole_small, whole_bundled)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".networks-export-")]


@pytest.mark.parametrize("at", [0, 2, 4])
def test_a_killed_export_leaves_the_previous_one_whole(
    tmp_path: Path, two_exports: tuple[Path, dict[str, bytes], dict[str, bytes]], at: int
) -> None:
    small, whole_small, _ = two_exports
    folder = tmp_path / "csv"
    assert _export(folder, "--data", str(small)).wait(timeout=120) == 0
    run = _export(folder, AT=str(at), HOW="SIGKILL")
    assert run.wait(timeout=120) == -signal.SIGKILL
    assert _files(folder) == whole_small


def test_sigterm_removes_the_temporaries_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    run = _export(folder, AT="3", HOW="SIGTERM")
    out, err = run.communicate(timeout=120)
    assert (run.returncode, out, err) == (143, b"", b"")
    assert not folder.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".networks-export-")]


# ---------------------------------------------------------------- 9. stale temporaries


def test_stale_export_temporaries_are_swept(cli: Invoke, tmp_path: Path) -> None:
    old_file = tmp_path / ".networks-export-abc.tmp"
    old_file.write_bytes(b"x" * 1000)
    old_folder = tmp_path / ".networks-export-def.tmp"
    old_folder.mkdir()
    (old_folder / "networks.csv").write_bytes(b"x")
    recent = tmp_path / ".networks-export-ghi.tmp"
    recent.write_bytes(b"being written right now")
    an_hour_ago = time.time() - 3600
    for path in (old_file, old_folder):
        os.utime(path, (an_hour_ago, an_hour_ago))
    assert cli("export", "--sqlite", str(tmp_path / "a.sqlite3")).exit_code == 0
    assert not old_file.exists()
    assert not old_folder.exists()
    assert recent.exists()


# ---------------------------------------------------------------- 5. one line, never a traceback


def test_a_metadata_json_folder_is_one_line(cli: Invoke, tmp_path: Path) -> None:
    (tmp_path / "metadata.json").mkdir()
    run = cli("export", "--sqlite", str(tmp_path / "a.sqlite3"))
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr == f"networks: cannot write {tmp_path / 'metadata.json'}: it is a directory\n"
    assert not (tmp_path / "a.sqlite3").exists()


def test_an_unwritable_folder_is_one_line(tmp_path: Path) -> None:
    """As a second user where the machine allows: root can write anywhere."""
    if second_user() is None:
        pytest.skip("needs root, runuser and a second local user")
    folder = Path(tempfile.mkdtemp(prefix="networks-faults-"))
    try:
        folder.chmod(0o755)  # not writable by the second user
        run = as_second_user(f"export --sqlite {shlex.quote(str(folder))}/a.sqlite3")
        assert run.returncode == 4, run.stderr
        assert run.stdout == b""
        assert run.stderr == f"networks: cannot write {folder}/a.sqlite3: Permission denied\n".encode()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_a_target_name_that_is_not_utf8_is_written(tmp_path: Path) -> None:
    target = os.fsencode(tmp_path) + b"/caf\xe9.sqlite3"
    run = subprocess.run(
        [os.fsencode(NETWORKS), b"export", b"--sqlite", target, b"--json"],
        capture_output=True,
        env=base_env(),
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["path"] == f"{tmp_path}/caf\\xe9.sqlite3"
    assert os.path.exists(target)


# ---------------------------------------------------------------- 10. a line break in a path


def test_a_line_break_in_a_path_cannot_forge_a_line(cli: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder\nnetworks: forged" / "a.sqlite3"
    run = cli("export", "--sqlite", str(target))
    assert run.exit_code == 4
    (line,) = run.stderr.splitlines()
    assert "no-such-folder\\nnetworks: forged" in line
