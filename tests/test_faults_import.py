"""Hostile input and hostile places for `networks import cordis` and the imported projects (issue #19:
2, 3, 5, 6, 8, 9, 10): a data home another user controls is not trusted, imports are bounded, a bad
file is one line with its row, and nothing is left behind."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from networks_cli.atlas import import_cordis
from networks_cli.errors import DataError
from tests.conftest import Invoke
from tests.faults_users import SECOND_USER, as_second_user, needs_second_user
from tests.test_installed import NETWORKS, base_env

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "cordis"


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder every user can reach (the tests' own tmp_path is root's, mode 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="networks-faults-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def forge(home: Path) -> None:
    """A projects database as an import writes it, then given a forged consortium."""
    import_cordis(FIXTURE)
    with sqlite3.connect(home / "projects.sqlite3") as connection:
        connection.execute("UPDATE participations SET name = 'Forged Consortium Ltd'")
    connection.close()


# ---------------------------------------------------------------- 2. a data home that is not ours


@pytest.mark.parametrize("what", ["file-owner", "dir-owner", "file-group-writable", "dir-other-writable"])
def test_projects_someone_else_could_have_written_are_not_served(cli: Invoke, home: Path, what: str) -> None:
    forge(home)
    database = home / "projects.sqlite3"
    if what == "file-owner":
        os.chown(database, 4242, 4242)
    elif what == "dir-owner":
        os.chown(home, 4242, 4242)
    elif what == "file-group-writable":
        database.chmod(0o664)
    else:
        home.chmod(0o757)
    where = database if what.startswith("file") else home
    problem = "it belongs to user 4242" if what.endswith("owner") else "others can write to it"
    expected = (
        f"networks: {where}: not trusted: {problem}; imported projects are read only from a folder and a "
        "file of yours that no one else can write\n"
    )
    for args in (
        ("region", "Małopolska", "--json"),
        ("project", "101000001"),
        ("export", "--csv", str(home.parent / "x")),
    ):
        run = cli(*args)
        assert (run.exit_code, run.stdout, run.stderr) == (4, "", expected), args
    assert "Forged" not in cli("sources", "--json").stdout


def test_an_import_into_a_home_someone_else_owns_is_refused(cli: Invoke, home: Path) -> None:
    home.mkdir()
    os.chown(home, 4242, 4242)
    run = cli("import", "cordis", str(FIXTURE))
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr == (
        f"networks: {home}: not trusted: it belongs to user 4242; imported projects are read only from a folder "
        "and a file of yours that no one else can write\n"
    )
    assert list(home.iterdir()) == []


def test_a_new_data_home_is_private(cli: Invoke, home: Path) -> None:
    assert cli("import", "cordis", str(FIXTURE)).exit_code == 0
    assert home.stat().st_mode & 0o077 == 0
    assert [p.name for p in home.iterdir()] == ["projects.sqlite3"]


def test_a_symlinked_xdg_home_is_judged_by_the_real_folder(
    cli: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = tmp_path / "someone-elses"
    (real / "networks").mkdir(parents=True)
    os.chown(real / "networks", 4242, 4242)
    link = tmp_path / "xdg"
    link.symlink_to(real)
    monkeypatch.delenv("NETWORKS_DATA_HOME")
    run = cli("import", "cordis", str(FIXTURE), env={"XDG_DATA_HOME": str(link), "NETWORKS_DATA_HOME": None})
    assert run.exit_code == 4
    assert run.stderr == (
        f"networks: {link / 'networks'}: not trusted: it belongs to user 4242; imported projects are read only "
        "from a folder and a file of yours that no one else can write\n"
    )
    assert list((real / "networks").iterdir()) == []


@needs_second_user
def test_a_second_user_is_not_served_roots_projects(shared: Path) -> None:
    from networks_cli.projects.cordis import import_cordis as import_into

    home = shared / "home"
    import_into(FIXTURE, home / "projects.sqlite3")
    home.chmod(0o755)
    (home / "projects.sqlite3").chmod(0o644)
    run = as_second_user("region Małopolska --json", NETWORKS_DATA_HOME=str(home))
    assert run.returncode == 4, run.stderr
    assert run.stdout == b""
    assert run.stderr.decode() == (
        f"networks: {home}: not trusted: it belongs to user 0; imported projects are read only from a folder and "
        "a file of yours that no one else can write\n"
    )


@needs_second_user
def test_a_second_users_own_import_is_served(shared: Path) -> None:
    import pwd

    home = shared / "home"
    home.mkdir(mode=0o700)
    os.chown(home, pwd.getpwnam(SECOND_USER).pw_uid, -1)
    quoted = shlex.quote(str(FIXTURE))
    imported = as_second_user(f"import cordis {quoted} --json", NETWORKS_DATA_HOME=str(home))
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["counts"]["projects"] == 4
    assert os.stat(home / "projects.sqlite3").st_uid == pwd.getpwnam(SECOND_USER).pw_uid
    run = as_second_user("project 101000001 --json", NETWORKS_DATA_HOME=str(home))
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["project"]["acronym"] == "SPACEKRAK"


# ---------------------------------------------------------------- 3. bounded imports


def _import(*args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """The real command in a fresh process whose one child it is, printing that child's peak RSS (KiB)
    last on stdout: `import` must stay within a memory bound whatever the input."""
    measure = (
        "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)"
    )
    return subprocess.run(
        [sys.executable, "-c", measure, NETWORKS, "import", "cordis", *args],
        capture_output=True,
        env={**base_env(), **env},
        timeout=60,
        check=False,
    )


def test_a_device_is_refused_at_once(home: Path) -> None:
    run = _import("/dev/zero", NETWORKS_DATA_HOME=str(home))
    assert run.returncode == 4
    assert (
        run.stderr == b"networks: /dev/zero: is a device, not CORDIS's export (a zip, its two files or their folder)\n"
    )
    assert not home.exists()


def test_a_pipe_is_refused_without_opening_it(home: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "cordis.zip"
    os.mkfifo(fifo)
    run = _import(str(fifo), NETWORKS_DATA_HOME=str(home))
    assert run.returncode == 4
    assert run.stderr == f"networks: {fifo}: is a pipe, not CORDIS's export (save it to a file first)\n".encode()


def test_a_device_inside_the_folder_is_refused(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cordis"
    folder.mkdir()
    shutil.copy(FIXTURE / "project.csv", folder)
    (folder / "organization.csv").symlink_to("/dev/zero")
    run = _import(str(folder), NETWORKS_DATA_HOME=str(home))
    assert run.returncode == 4
    assert (
        run.stderr
        == (
            f"networks: {folder}: organization.csv is a device, not CORDIS's export (a zip, its two files or their "
            "folder)\n"
        ).encode()
    )


def test_one_endless_line_is_refused_in_bounded_memory(home: Path, tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        out.write(FIXTURE / "project.csv", "project.csv")
        with out.open("organization.csv", "w") as member:
            member.write((FIXTURE / "organization.csv").read_bytes().split(b"\r\n")[0] + b"\r\n")
            chunk = b"a" * (1024 * 1024)
            for _ in range(300):  # one line of 300 MiB
                member.write(chunk)
    run = _import(str(archive), NETWORKS_DATA_HOME=str(home))
    assert run.returncode == 4, run.stderr
    assert run.stderr == (
        b"networks: " + bytes(archive) + b": bomb.zip/organization.csv, line 2: a line of more than 1048576 "
        b"characters: not CORDIS's format\n"
    )
    peak_kib = int(run.stdout.split()[-1])
    assert peak_kib < 200 * 1024, f"{peak_kib} KiB"


def test_a_member_declared_larger_than_the_limit_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from networks_cli.projects import cordis

    archive = tmp_path / "c.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for name in ("project.csv", "organization.csv"):
            out.write(FIXTURE / name, name)
    monkeypatch.setattr(cordis, "MAX_MEMBER_BYTES", 1000)
    size = (FIXTURE / "project.csv").stat().st_size
    with pytest.raises(DataError) as error:
        cordis.import_cordis(archive, tmp_path / "p.sqlite3")
    assert error.value.problems == [
        f"project.csv expands to {size} bytes, more than the limit of 1000 bytes: not CORDIS's export"
    ]


# ---------------------------------------------------------------- 6. numbers JSON cannot hold


def _with_contribution(tmp_path: Path, value: str) -> Path:
    folder = tmp_path / "cordis"
    folder.mkdir(exist_ok=True)
    shutil.copy(FIXTURE / "project.csv", folder)
    data = (FIXTURE / "organization.csv").read_bytes()
    assert b";250000;250000;" in data
    (folder / "organization.csv").write_bytes(data.replace(b";250000;250000;", f";{value};250000;".encode(), 1))
    return folder


@pytest.mark.parametrize("value", ["1e400", "inf", "-Infinity", "nan"])
def test_a_number_that_is_not_finite_is_refused_with_its_row(
    cli: Invoke, home: Path, tmp_path: Path, value: str
) -> None:
    run = cli("import", "cordis", str(_with_contribution(tmp_path, value)))
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr == (
        f"networks: {tmp_path / 'cordis'}: organization.csv, row 2: ecContribution is not a finite number: {value!r}\n"
    )
    assert not (home / "projects.sqlite3").exists()


def test_json_never_holds_infinity(cli: Invoke, home: Path) -> None:
    import_cordis(FIXTURE)
    with sqlite3.connect(home / "projects.sqlite3") as connection:
        connection.execute("UPDATE participations SET ec_contribution = 9e999 WHERE project = '101000001'")
    connection.close()
    run = cli("project", "101000001", "--json")
    assert run.exit_code == 0, run.stderr

    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    answer = json.loads(run.stdout, parse_constant=refuse)
    contributions = [o["ec_contribution"] for r in answer["regions"] for o in r["organisations"]]
    assert contributions
    assert all(value is None for value in contributions)  # unknown, not infinite


# ---------------------------------------------------------------- 8. a quote left open


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            b";Politecnico di Milano;",
            b';"Politecnico di Milano;',
            "organization.csv, row 3 (lines 3-5): a quoted field runs across a line break and the record has 26 "
            'fields, not 25: a quote left open? (a " inside a field is written "")',
        ),
        (
            b";Kajaani University of Applied Sciences;KAMK;",
            b';"Kajaani University of Applied Sciences;KAMK;',
            "organization.csv, row 4 (lines 4-5): a quoted field runs across a line break and the record has ",
        ),
    ],
    ids=["columns-stop-matching", "swallows-the-next-record"],
)
def test_a_quote_left_open_is_an_error_with_its_row(
    cli: Invoke, home: Path, tmp_path: Path, old: bytes, new: bytes, expected: str
) -> None:
    folder = tmp_path / "cordis"
    folder.mkdir()
    shutil.copy(FIXTURE / "project.csv", folder)
    data = (FIXTURE / "organization.csv").read_bytes()
    assert old in data
    (folder / "organization.csv").write_bytes(data.replace(old, new, 1))
    run = cli("import", "cordis", str(folder))
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr.startswith(f"networks: {folder}: {expected}")
    assert len(run.stderr.splitlines()) == 1
    assert not (home / "projects.sqlite3").exists()


def test_a_quoted_line_break_is_still_one_record(home: Path) -> None:
    counts = import_cordis(FIXTURE).as_dict()["counts"]
    assert counts is not None
    assert counts["rows"] == 14  # "Cluster\n(an old NUTS code)"


# ---------------------------------------------------------------- 9. nothing left behind

# The real command, made to send itself a signal ($HOW) once the projects are in the temporary database.
IMPORT_DRIVER = """
import os, signal, sys
from networks_cli.projects import cordis
participations = cordis._import_participations
def signalled(*args, **kwargs):
    os.kill(os.getpid(), getattr(signal, os.environ["HOW"]))
    return participations(*args, **kwargs)
cordis._import_participations = signalled
from networks_cli.cli.app import main
sys.argv = ["networks", *sys.argv[1:]]
main()
"""


def _signalled_import(home: Path, how: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", IMPORT_DRIVER, "import", "cordis", str(FIXTURE)],
        capture_output=True,
        env={**base_env(), "NETWORKS_DATA_HOME": str(home), "HOW": how},
        timeout=60,
        check=False,
    )


def test_sigterm_mid_import_removes_its_temporary_at_once(home: Path) -> None:
    import_cordis(FIXTURE)
    before = (home / "projects.sqlite3").read_bytes()
    run = _signalled_import(home, "SIGTERM")
    assert (run.returncode, run.stdout, run.stderr) == (143, b"", b"")
    assert [p.name for p in home.iterdir()] == ["projects.sqlite3"]
    assert (home / "projects.sqlite3").read_bytes() == before


def test_what_a_killed_import_left_is_swept_by_the_next(home: Path) -> None:
    run = _signalled_import(home, "SIGKILL")
    assert run.returncode == -9
    (left,) = [p for p in home.iterdir() if p.name != "projects.sqlite3"]
    an_hour_ago = time.time() - 3600
    os.utime(left, (an_hour_ago, an_hour_ago))
    older = home / ".projects.sqlite3.12345.tmp"  # what versions before 0.3.1 named theirs
    older.write_bytes(b"x" * 1000)
    os.utime(older, (an_hour_ago, an_hour_ago))
    recent = home / ".projects-import-recent.tmp"
    recent.write_bytes(b"another import, running now")
    import_cordis(FIXTURE)
    assert sorted(p.name for p in home.iterdir()) == [".projects-import-recent.tmp", "projects.sqlite3"]


# ---------------------------------------------------------------- 10. a line break in a path


@pytest.mark.parametrize("name", ["missing\nnetworks: forged.zip", "bad\nnetworks: forged"])
def test_a_line_break_in_an_import_path_cannot_forge_a_line(cli: Invoke, home: Path, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    if not name.startswith("missing"):
        path.mkdir()
        (path / "project.csv").write_text("not;cordis\n", encoding="utf-8")
        (path / "organization.csv").write_text("not;cordis\n", encoding="utf-8")
    run = cli("import", "cordis", str(path))
    assert (run.exit_code, run.stdout) == (4, "")
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"networks: {tmp_path}/{name.split(chr(10))[0]}\\nnetworks: forged")
