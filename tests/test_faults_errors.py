"""One line on stderr, never a traceback (issue #19.5): failing writes, zip members Python cannot read,
unreadable files, hostile project ids, damaged projects databases, huge searches, huge hex integers;
and a failure on the projects side never discards the dataset's query cache."""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from networks_cli import Atlas
from networks_cli.atlas import import_cordis
from networks_cli.errors import DataError
from tests.conftest import MINIMAL, Invoke, WriteDataset
from tests.faults_users import SECOND_USER, as_second_user, needs_second_user
from tests.test_installed import NETWORKS, base_env

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "cordis"


@pytest.fixture
def shared() -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="networks-faults-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def one_line(run: subprocess.CompletedProcess[bytes], status: int = 4) -> str:
    assert run.returncode == status, run.stderr
    assert run.stdout == b""
    assert b"Traceback" not in run.stderr
    (line,) = run.stderr.decode().splitlines()
    assert line.startswith("networks: ")
    return line


# ---------------------------------------------------------------- writes that fail


def test_an_import_past_a_file_size_limit_is_one_line(home: Path) -> None:
    script = f"ulimit -f 8; exec {shlex.quote(NETWORKS)} import cordis {shlex.quote(str(FIXTURE))}"
    run = subprocess.run(
        ["bash", "-c", script], capture_output=True, env={**base_env(), "NETWORKS_DATA_HOME": str(home)}, check=False
    )
    line = one_line(run)
    assert line.startswith(f"networks: cannot write {home / 'projects.sqlite3'}: ")
    assert [p.name for p in home.iterdir()] == []  # no temporary left


def test_an_import_onto_a_full_disk_is_one_line(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16k", "tmpfs", str(disk)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        home = disk / "home"
        run = subprocess.run(
            [NETWORKS, "import", "cordis", str(FIXTURE)],
            capture_output=True,
            env={**base_env(), "NETWORKS_DATA_HOME": str(home)},
            check=False,
        )
        line = one_line(run)
        assert line == f"networks: cannot write {home / 'projects.sqlite3'}: database or disk is full"
        assert [p.name for p in home.iterdir()] == []
    finally:
        subprocess.run(["umount", str(disk)], check=False)


def test_an_import_onto_a_folder_is_one_line(cli: Invoke, home: Path) -> None:
    (home / "projects.sqlite3").mkdir(parents=True)
    run = cli("import", "cordis", str(FIXTURE))
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr == f"networks: cannot write {home / 'projects.sqlite3'}: it is a directory\n"
    assert [p.name for p in home.iterdir()] == ["projects.sqlite3"]


@needs_second_user
def test_an_import_into_an_unwritable_home_is_one_line(shared: Path) -> None:
    import pwd

    home = shared / "home"
    home.mkdir(mode=0o500)
    os.chown(home, pwd.getpwnam(SECOND_USER).pw_uid, -1)
    run = as_second_user(f"import cordis {shlex.quote(str(FIXTURE))}", NETWORKS_DATA_HOME=str(home))
    assert one_line(run) == f"networks: cannot write {home / 'projects.sqlite3'}: Permission denied"


@needs_second_user
def test_an_unreadable_organization_csv_is_one_line(shared: Path) -> None:
    import pwd

    folder = shared / "cordis"
    folder.mkdir()
    for name in ("project.csv", "organization.csv"):
        shutil.copy(FIXTURE / name, folder)
    (folder / "project.csv").chmod(0o644)
    (folder / "organization.csv").chmod(0o000)
    home = shared / "home"
    home.mkdir(mode=0o700)
    os.chown(home, pwd.getpwnam(SECOND_USER).pw_uid, -1)
    run = as_second_user(f"import cordis {shlex.quote(str(folder))}", NETWORKS_DATA_HOME=str(home))
    assert one_line(run) == f"networks: {folder}: organization.csv: permission denied"
    assert list(home.iterdir()) == []


# ---------------------------------------------------------------- zip members zipfile cannot read


def _patched_zip(tmp_path: Path, method: int | None = None, flags: int | None = None) -> Path:
    """The fixture zipped (stored), with organization.csv's compression method or flags rewritten in its
    local and central headers, as a deflate64 or an encrypted member has them."""
    archive = tmp_path / "c.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as out:
        for name in ("project.csv", "organization.csv"):
            out.write(FIXTURE / name, name)
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as reader:
        info = reader.getinfo("organization.csv")
        local = info.header_offset
    central = data.rfind(b"PK\x01\x02")
    for header, at in ((local, 6), (central, 8)):
        if flags is not None:
            data[header + at : header + at + 2] = flags.to_bytes(2, "little")
        if method is not None:
            data[header + at + 2 : header + at + 4] = method.to_bytes(2, "little")
    archive.write_bytes(bytes(data))
    return archive


@pytest.mark.parametrize(
    ("method", "flags", "expected"),
    [
        (9, None, "c.zip/organization.csv: compressed with a method Python's zipfile cannot read (such as deflate64)"),
        (None, 1, "c.zip/organization.csv: encrypted; CORDIS's exports are not: download it again"),
    ],
    ids=["deflate64", "encrypted"],
)
def test_a_zip_member_python_cannot_read_is_one_line(
    cli: Invoke, home: Path, tmp_path: Path, method: int | None, flags: int | None, expected: str
) -> None:
    archive = _patched_zip(tmp_path, method, flags)
    run = cli("import", "cordis", str(archive))
    assert (run.exit_code, run.stdout) == (4, ""), run.stderr
    assert run.stderr.startswith(f"networks: {archive}: {expected}")
    assert len(run.stderr.splitlines()) == 1


# ---------------------------------------------------------------- hostile project ids


@pytest.mark.parametrize("bad", ["²³⁴", "1" * 5000, "١٢٣"], ids=["superscript", "5000-digits", "arabic-indic"])
def test_a_project_id_that_is_not_a_project_number_is_refused(home: Path, tmp_path: Path, bad: str) -> None:
    folder = tmp_path / "cordis"
    folder.mkdir()
    shutil.copy(FIXTURE / "organization.csv", folder)
    data = (FIXTURE / "project.csv").read_text(encoding="utf-8")
    (folder / "project.csv").write_text(data.replace("\n101000003;", f"\n{bad};"), encoding="utf-8")
    with pytest.raises(DataError) as error:
        import_cordis(folder)
    assert "project.csv, row 4: id is not a project number" in error.value.problems[0]


@pytest.mark.parametrize("bad", ["²³⁴", "9" * 5000])
def test_partners_by_projects_with_strange_ids_in_the_database_answers(cli: Invoke, home: Path, bad: str) -> None:
    import_cordis(FIXTURE)
    with sqlite3.connect(home / "projects.sqlite3") as connection:
        connection.execute("UPDATE projects SET id = ? WHERE id = '101000001'", (bad,))
        connection.execute("UPDATE participations SET project = ? WHERE project = '101000001'", (bad,))
    connection.close()
    run = cli("partners", "Małopolska", "--basis", "projects", "--json")
    assert run.exit_code == 0, run.stderr
    assert run.stderr == ""


# ---------------------------------------------------------------- damaged projects databases


@pytest.mark.parametrize("damage", ["DROP TABLE units", "DROP TABLE participations", "DROP TABLE projects"])
def test_a_projects_database_missing_a_table_is_one_line_and_keeps_the_cache(
    cli: Invoke, home: Path, tmp_path: Path, damage: str
) -> None:
    cache = tmp_path / "cache"
    env: dict[str, str | None] = {"NETWORKS_CACHE_DIR": str(cache)}
    assert cli("list", "--json", env=env).exit_code == 0
    (cached,) = cache.glob("*.sqlite3")
    identity = (cached.stat().st_ino, cached.stat().st_mtime_ns)
    import_cordis(FIXTURE)
    with sqlite3.connect(home / "projects.sqlite3") as connection:
        connection.execute(damage)
    connection.close()
    expected = (
        f"networks: {home / 'projects.sqlite3'}: not a complete projects database; import again: "
        "networks import cordis PATH\n"
    )
    for args in (
        ("region", "Małopolska"),
        ("project", "101000001"),
        ("partners", "Małopolska", "--basis", "projects"),
        ("search", "space"),
    ):
        run = cli(*args, env=env)
        assert (run.exit_code, run.stdout, run.stderr) == (4, "", expected), args
    assert (cached.stat().st_ino, cached.stat().st_mtime_ns) == identity  # never discarded nor rebuilt


def test_a_name_that_matches_nothing_keeps_the_cache(cli: Invoke, home: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env: dict[str, str | None] = {"NETWORKS_CACHE_DIR": str(cache)}
    assert cli("list", "--json", env=env).exit_code == 0
    (cached,) = cache.glob("*.sqlite3")
    identity = (cached.stat().st_ino, cached.stat().st_mtime_ns)
    import_cordis(FIXTURE)
    assert cli("project", "999999999", env=env).exit_code == 1
    assert cli("region", "Nowhere-at-all", env=env).exit_code == 1
    assert (cached.stat().st_ino, cached.stat().st_mtime_ns) == identity


# ---------------------------------------------------------------- huge searches


@pytest.mark.parametrize(
    "words",
    [["a" * 50_000], ["ab"] * 1100, [f"w{i}" for i in range(1100)]],
    ids=["one-50000-character-word", "1100-same-words", "1100-words"],
)
def test_huge_searches_answer(cli: Invoke, home: Path, words: list[str]) -> None:
    import_cordis(FIXTURE)
    for args in (("search", *words, "--json"), ("project", "--search", *words, "--json")):
        run = cli(*args)
        assert run.exit_code == 0, run.stderr
        assert run.stderr == ""


def test_a_long_search_still_finds_what_it_names(home: Path) -> None:
    import_cordis(FIXTURE)
    with Atlas.open() as atlas:
        found = atlas.search_projects(["space"] * 1100 + ["data"]).as_dict()
    assert [project["acronym"] for project in found] == ["SPACEKRAK"]


# ---------------------------------------------------------------- huge hex integers


def _hex_dataset(write_dataset: WriteDataset) -> Path:
    count = "\n[[networks.member_counts]]\ncount = 0x" + "f" * 5000 + '\ncounted = "regions"\nsource = "src"\n'
    return write_dataset(MINIMAL.replace('name = "Test Network"\n', 'name = "Test Network"\n' + count, 1))


def test_a_hex_integer_of_5000_digits_is_a_data_error(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = _hex_dataset(write_dataset)
    expected = "networks[net].member_counts[0].count: count must be at most 10000000, not 0xffffffff"
    run = cli("list", "--json", "--data", str(path))
    assert (run.exit_code, run.stdout) == (4, "")
    assert run.stderr.startswith(f"networks: {path}: {expected}")
    report = cli("validate", str(path), "--json")
    assert report.exit_code == 4
    assert report.json()["errors"][0].startswith(expected)
    with pytest.raises(DataError, match="count must be at most 10000000"):
        Atlas.open(path)
