"""Faults from outside the data: devices, racy timestamps, failing writes, damaged or foreign caches,
bytes that are not text, huge numbers, floods of errors, closed streams, hostile paths."""

from __future__ import annotations

import json
import os
import shlex
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

import networks_cli.dataset.cache
from tests.commands import QUERIES
from tests.conftest import MINIMAL, Invoke, WriteDataset
from tests.test_cache import cache_file, names
from tests.test_installed import NETWORKS, base_env

ROOT = Path(__file__).resolve().parents[1]


def sh(script: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """`bash -c script`, with $NETWORKS set, and stdout and stderr apart."""
    return subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        cwd=ROOT,
        env={**base_env(), "NETWORKS": NETWORKS, **env},
        timeout=60,
        check=False,
    )


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("NETWORKS_CACHE_DIR", str(directory))
    return directory


# ---------------------------------------------------------------- 1. unbounded reads


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_without_reading_it(device: str, tmp_path: Path) -> None:
    result = sh(f'"$NETWORKS" list --data {device}', NETWORKS_CACHE_DIR=str(tmp_path))
    assert result.returncode == 4
    assert result.stdout == b""
    assert result.stderr == f"networks: {device}: is a device, not a dataset file\n".encode()
    assert not list(tmp_path.iterdir())  # no cache of a device


def test_an_endless_pipe_is_read_up_to_the_limit_only(tmp_path: Path) -> None:
    result = sh(
        'yes | "$NETWORKS" list --data /dev/stdin',
        NETWORKS_CACHE_DIR=str(tmp_path),
        NETWORKS_MAX_FILE_BYTES="100000",
    )
    assert result.returncode == 4
    assert result.stdout == b""
    assert result.stderr == b"networks: /dev/stdin: file is larger than the limit of 100000 bytes\n"


def test_a_fifo_is_read_within_the_limit_and_never_cached(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    data = ROOT / "data" / "networks.toml"
    result = sh(f'"$NETWORKS" list --json --data <(cat {shlex.quote(str(data))})', NETWORKS_CACHE_DIR=str(cache))
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""
    assert json.loads(result.stdout)[0]["id"] == "vanguard"
    assert not cache.exists() or not list(cache.iterdir())


def test_completion_on_a_device_completes_nothing_quickly(tmp_path: Path) -> None:
    env = {
        "_NETWORKS_COMPLETE": "complete_bash",
        "COMP_WORDS": "networks region mal",
        "COMP_CWORD": "2",
        "NETWORKS_DATA": "/dev/zero",
        "NETWORKS_CACHE_DIR": str(tmp_path),
    }
    result = sh('"$NETWORKS"', **env)
    assert result.returncode == 0
    assert result.stdout.strip() == b""
    assert result.stderr == b""


# ---------------------------------------------------------------- 2. racy timestamps


def test_an_edit_within_the_same_second_on_coarse_timestamps_is_seen(
    cache_dir: Path, write_dataset: WriteDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system with 1-second timestamps: size, times and inode all equal after a quick edit."""
    real_stat = os.stat

    def coarse(path: object, *args: object, **kwargs: object) -> os.stat_result:
        st = real_stat(path, *args, **kwargs)  # type: ignore[arg-type]
        fields = list(st)
        fields[7:10] = [int(st.st_atime), int(st.st_mtime), int(st.st_ctime)]
        whole = {"st_mtime": float(int(st.st_mtime)), "st_ctime": float(int(st.st_ctime))}
        extra = {**whole, "st_mtime_ns": int(st.st_mtime) * 10**9, "st_ctime_ns": int(st.st_ctime) * 10**9}
        result = os.stat_result(fields, extra)
        return result

    monkeypatch.setattr(networks_cli.dataset.cache, "_stat", coarse)
    path = write_dataset(MINIMAL)
    now = int(time.time())
    os.utime(path, (now, now))
    assert names(path) == ["Test Network"]
    path.write_text(MINIMAL.replace("Test Network", "Best Network"), encoding="utf-8")  # same size
    os.utime(path, (now, now))
    assert names(path) == ["Best Network"]


def test_a_racy_fingerprint_is_not_stored(cache_dir: Path, write_dataset: WriteDataset) -> None:
    path = write_dataset(MINIMAL)  # modified just now
    names(path)
    with sqlite3.connect(cache_file(cache_dir)) as connection:
        (stat,) = connection.execute("SELECT value FROM meta WHERE key = 'stat'").fetchone()
    connection.close()
    assert stat == ""
    os.utime(path, (1_000_000_000, 1_000_000_000))  # long ago: trusted from now on
    names(path)
    with sqlite3.connect(cache_file(cache_dir)) as connection:
        (stat,) = connection.execute("SELECT value FROM meta WHERE key = 'stat'").fetchone()
    connection.close()
    assert stat != ""


# ---------------------------------------------------------------- 3. failed writes


@pytest.mark.parametrize("output", ["json", "table", "tsv", "markdown"])
def test_a_full_disk_unbuffered_is_exit_74(output: str, tmp_path: Path) -> None:
    result = sh(f'"$NETWORKS" matrix -f {output} > /dev/full', PYTHONUNBUFFERED="1", NETWORKS_CACHE_DIR=str(tmp_path))
    assert result.returncode == 74
    assert result.stdout == b""
    assert result.stderr == b"networks: cannot write the answer: No space left on device\n"


@pytest.mark.parametrize("unbuffered", ["0", "1"])
def test_a_file_size_limit_is_exit_74_not_a_cut_answer(tmp_path: Path, unbuffered: str) -> None:
    out = tmp_path / "out.json"
    # 8 KiB allowed; the answer is larger, and the cache (written under the same limit) is larger too.
    script = f'ulimit -f 8; "$NETWORKS" matrix --format json > {shlex.quote(str(out))}'
    env = {"NETWORKS_CACHE_DIR": str(tmp_path / "cache")}
    if unbuffered == "1":
        env["PYTHONUNBUFFERED"] = "1"
    result = sh(script, **env)
    assert result.returncode == 74, result.stderr
    assert result.stdout == b""
    assert result.stderr == b"networks: cannot write the answer: File too large\n"


# ---------------------------------------------------------------- 4. a corrupt cache


def damage_cache(cached: Path, how: str) -> None:
    with sqlite3.connect(cached) as connection:
        if how.startswith("drop-"):
            connection.execute(f"DROP TABLE {how.removeprefix('drop-')}")
        else:
            connection.execute(f"UPDATE {how} SET doc = '{{'")
    connection.close()


@pytest.mark.parametrize("how", ["networks", "memberships", "regions", "drop-memberships", "drop-names"])
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: "-".join(q))
def test_a_damaged_cache_record_means_answer_from_the_file_and_rebuild(
    cli: Invoke, tmp_path: Path, query: tuple[str, ...], how: str
) -> None:
    env: dict[str, str | None] = {"NETWORKS_CACHE_DIR": str(tmp_path)}
    expected = cli(*query, "--json", "--no-cache", env=env)
    assert cli(*query, "--json", env=env).exit_code == 0
    (cached,) = tmp_path.glob("*.sqlite3")
    damage_cache(cached, how)
    again = cli(*query, "--json", env=env)
    assert (again.exit_code, again.stdout, again.stderr) == (0, expected.stdout, "")
    rebuilt = cli(*query, "--json", env=env)
    assert (rebuilt.exit_code, rebuilt.stdout, rebuilt.stderr) == (0, expected.stdout, "")


def test_completion_with_a_damaged_cache_still_completes(tmp_path: Path) -> None:
    env = {"NETWORKS_CACHE_DIR": str(tmp_path)}
    sh('"$NETWORKS" list', **env)
    (cached,) = tmp_path.glob("*.sqlite3")
    damage_cache(cached, "drop-names")
    complete = {"_NETWORKS_COMPLETE": "complete_bash", "COMP_WORDS": "networks region mal", "COMP_CWORD": "2"}
    result = sh('"$NETWORKS"', **env, **complete)
    assert result.returncode == 0
    assert b"Ma\xc5\x82opolska" in result.stdout
    assert result.stderr == b""


# ---------------------------------------------------------------- 5. a cache directory we cannot enter


def test_a_cache_directory_that_cannot_be_entered_means_no_cache(
    cli: Invoke, write_dataset: WriteDataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_dataset(MINIMAL)
    cache = tmp_path / "cache"
    real_stat = os.stat

    def refuse(target: object, *args: object, **kwargs: object) -> os.stat_result:
        if str(target).startswith(str(cache)):
            raise PermissionError(13, "Permission denied", str(target))
        return real_stat(target, *args, **kwargs)  # type: ignore[arg-type]

    def no_mkdir(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(os, "stat", refuse)
    monkeypatch.setattr(Path, "mkdir", no_mkdir)
    result = cli("list", "--json", "--data", str(path), env={"NETWORKS_CACHE_DIR": str(cache)})
    assert (result.exit_code, result.stderr) == (0, "")
    assert [n["id"] for n in result.json()] == ["net"]


def test_a_cache_directory_under_a_file_means_no_cache(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = sh('"$NETWORKS" list --json', NETWORKS_CACHE_DIR=str(blocker / "cache"))
    assert (result.returncode, result.stderr) == (0, b"")


# ---------------------------------------------------------------- 6. a cache that is not ours


@pytest.mark.parametrize("what", ["dir-group-writable", "dir-other-writable", "file-group-writable", "file-owner"])
def test_a_cache_someone_else_could_have_written_is_not_trusted(
    cli: Invoke, tmp_path: Path, write_dataset: WriteDataset, what: str
) -> None:
    cache = tmp_path / "cache"
    path = write_dataset(MINIMAL)
    env: dict[str, str | None] = {"NETWORKS_CACHE_DIR": str(cache)}
    assert cli("show", "net", "--json", "--data", str(path), env=env).exit_code == 0
    (cached,) = cache.glob("*.sqlite3")
    with sqlite3.connect(cached) as connection:  # poison it
        connection.execute("UPDATE networks SET doc = json_set(doc, '$.name', 'Poisoned')")
    connection.close()
    if what == "dir-group-writable":
        cache.chmod(0o770)
    elif what == "dir-other-writable":
        cache.chmod(0o707)
    elif what == "file-group-writable":
        cached.chmod(0o660)
    else:
        os.chown(cached, 4242, 4242)
    before = cached.read_bytes()
    result = cli("show", "net", "--json", "--data", str(path), env=env)
    assert result.exit_code == 0
    assert result.json()["name"] == "Test Network"
    assert result.stderr == ""  # quiet unless asked
    assert cached.read_bytes() == before  # not overwritten
    verbose = cli("--verbose", "show", "net", "--json", "--data", str(path), env=env)
    assert verbose.json()["name"] == "Test Network"
    (line,) = verbose.stderr.splitlines()
    assert line.startswith("networks: note: not using the query cache")
    report = cli("validate", str(path), "--json", env=env).json()
    assert any("query cache" in warning for warning in report["warnings"])


# ---------------------------------------------------------------- 7. bytes that are not text

C_LOCALE = {"LC_ALL": "C", "PYTHONUTF8": "0", "LANG": "C"}


@pytest.mark.parametrize("locale", ["utf-8", "C"])
@pytest.mark.parametrize(
    "args",
    [
        "region $'\\xff'",
        "list --theme $'\\xff'",
        "show $'\\xff'",
        "partners $'\\xff'",
        "compare Kainuu $'\\xff'",
        "search $'\\xff'",
        "regions --country $'\\xff'",
    ],
)
def test_an_argument_that_is_not_text_is_a_usage_error(args: str, locale: str, tmp_path: Path) -> None:
    env = C_LOCALE if locale == "C" else {}
    result = sh(f'"$NETWORKS" {args}', NETWORKS_CACHE_DIR=str(tmp_path), **env)
    assert result.returncode == 2, result.stderr
    assert result.stdout == b""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(b"networks: ")
    assert b"not valid text" in result.stderr


@pytest.mark.parametrize("locale", ["utf-8", "C"])
def test_a_path_that_is_not_text_is_still_a_path(locale: str, tmp_path: Path) -> None:
    env = C_LOCALE if locale == "C" else {}
    with open(os.fsencode(tmp_path) + b"/caf\xe9.toml", "wb") as file:
        file.write(MINIMAL.encode())
    cache = {"NETWORKS_CACHE_DIR": str(tmp_path / "cache")}
    data = f"{shlex.quote(str(tmp_path))}/$'caf\\xe9.toml'"
    for _ in range(2):  # build the cache, then read it
        ok = sh(f'"$NETWORKS" list --json --data {data}', **cache, **env)
        assert ok.returncode == 0, ok.stderr
        assert ok.stderr == b""
        assert [n["id"] for n in json.loads(ok.stdout)] == ["net"]
    missing = sh("\"$NETWORKS\" list --data $'nope\\xe9.toml'", **cache, **env)
    assert missing.returncode == 4
    assert missing.stderr == b"networks: nope\\xe9.toml: no such file\n"
    checked = sh(f'"$NETWORKS" validate {data} --json', **cache, **env)
    assert checked.returncode == 0, checked.stderr
    assert json.loads(checked.stdout)["path"] == f"{tmp_path}/caf\\xe9.toml"


# ---------------------------------------------------------------- 8. huge integers


def test_an_integer_too_long_to_convert_is_a_data_error(cli: Invoke, write_dataset: WriteDataset) -> None:
    text = MINIMAL.replace('source = "src"\n', 'source = "src"\n\n[[networks.member_counts]]\n', 1)
    text = text.replace("[[networks.member_counts]]\n", "[[networks.member_counts]]\ncount = " + "9" * 5000 + "\n")
    path = write_dataset(text)
    run = cli("list", "--json", "--data", str(path))
    assert (run.exit_code, run.stdout) == (4, "")
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("count = 999"))) + 1
    assert run.stderr == f"networks: {path}: line {line}: integer is too long (more than 4300 digits)\n"
    report = cli("validate", str(path), "--json")
    assert report.exit_code == 4
    assert report.json()["errors"] == [f"line {line}: integer is too long (more than 4300 digits)"]


def test_a_huge_hex_count_is_out_of_bounds(cli: Invoke, write_dataset: WriteDataset) -> None:
    count = "\n[[networks.member_counts]]\ncount = 0x" + "f" * 200 + '\ncounted = "regions"\nsource = "src"\n'
    path = write_dataset(MINIMAL.replace('name = "Test Network"\n', 'name = "Test Network"\n' + count, 1))
    run = cli("list", "--json", "--data", str(path))
    assert run.exit_code == 4, run.stderr
    assert "networks[net].member_counts[0].count: count must be at most 10000000, not " in run.stderr
    assert cli("validate", str(path)).exit_code == 4


# ---------------------------------------------------------------- 9. floods of errors


def test_errors_stop_at_the_documented_limit(cli: Invoke, write_dataset: WriteDataset) -> None:
    bad = "".join(f'\n[[regions]]\nid = "r{i}"\nname = "R"\ncountry = "Poland"\n' for i in range(2500))
    path = write_dataset(MINIMAL + bad)
    run = cli("list", "--json", "--data", str(path))
    assert run.exit_code == 4
    lines = run.stderr.splitlines()
    assert len(lines) == 1001
    assert (
        lines[0]
        == f"networks: {path}: regions[r0].country: country 'Poland' must be a two-letter country code in capitals, "
        "e.g. 'PL'"
    )
    assert lines[-1] == f"networks: {path}: … and 1500 more errors"
    report = cli("validate", str(path), "--json").json()
    assert len(report["errors"]) == 1001


# ---------------------------------------------------------------- 10. a closed stderr


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: "-".join(q))
def test_success_is_zero_with_stderr_closed(query: tuple[str, ...], tmp_path: Path) -> None:
    result = sh(f'"$NETWORKS" {shlex.join(query)} --json 2>&-', NETWORKS_CACHE_DIR=str(tmp_path))
    assert result.returncode == 0
    assert json.loads(result.stdout)


def test_failures_keep_their_status_with_stderr_closed(tmp_path: Path) -> None:
    env = {"NETWORKS_CACHE_DIR": str(tmp_path)}
    assert sh('"$NETWORKS" region Atlantis 2>&-', **env).returncode == 1
    assert sh('"$NETWORKS" list --data /nonexistent 2>&-', **env).returncode == 4
    assert sh('"$NETWORKS" list --bogus 2>&-', **env).returncode == 2
    assert sh('"$NETWORKS" list > /dev/full 2>&-', **env).returncode == 74


# ---------------------------------------------------------------- 11. escapes in paths and ids


def test_control_characters_in_a_path_are_escaped(cli: Invoke, tmp_path: Path) -> None:
    path = tmp_path / "x\x1b[2J\nnetworks: forged.toml"
    run = cli("list", "--data", str(path))
    assert run.exit_code == 4
    (line,) = run.stderr.splitlines()
    assert "\x1b" not in line
    assert line.endswith("x\\x1b[2J\\nnetworks: forged.toml: no such file")


def test_control_characters_in_an_invalid_id_are_escaped(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = write_dataset(MINIMAL.replace('id = "net"', 'id = "n\\u001b[2J\\nnetworks: forged"'))
    run = cli("list", "--data", str(path))
    assert run.exit_code == 4
    (line,) = run.stderr.splitlines()
    assert "\x1b" not in line
    assert "networks[n\\x1b[2J\\nnetworks: forged].id: id 'n\\x1b[2J\\nnetworks: forged' must be lower-case" in line


@pytest.mark.parametrize("tty", [False, True])
def test_markdown_escapes_control_characters_always(cli: Invoke, write_dataset: WriteDataset, tty: bool) -> None:
    path = write_dataset(MINIMAL.replace('name = "Testland"', 'name = "Test\\u001b[2Jland"'))
    if tty:
        status, out = _markdown_in_terminal(path)
    else:
        run = cli("regions", "-f", "markdown", "--data", str(path))
        status, out = run.exit_code, run.stdout
    assert status == 0
    assert "\x1b" not in out
    assert "Test\\x1b[2Jland" in out


def _markdown_in_terminal(path: Path) -> tuple[int, str]:
    from tests.test_terminal import in_terminal

    return in_terminal("regions", "-f", "markdown", "--data", str(path))


# ---------------------------------------------------------------- 12. the rest


def test_stale_build_files_are_swept(cache_dir: Path, write_dataset: WriteDataset) -> None:
    cache_dir.mkdir(mode=0o700)
    old = cache_dir / ".building-abc.sqlite3"
    old.write_bytes(b"half a cache")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    recent = cache_dir / ".building-def.sqlite3"
    recent.write_bytes(b"being built right now")
    names(write_dataset(MINIMAL))
    assert not old.exists()
    assert recent.exists()


def test_an_unreadable_data_file_is_exit_4_in_one_line(
    cli: Invoke, write_dataset: WriteDataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_dataset(MINIMAL)
    real_open = os.open

    def refuse(file: object, *args: object, **kwargs: object) -> int:
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refuse)
    run = cli("list", "--data", str(path), env={"NETWORKS_CACHE_DIR": ""})
    assert (run.exit_code, run.stdout, run.stderr) == (4, "", f"networks: {path}: permission denied\n")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('source = "src"\n', 'source = "src"\nsince_approx = "yes"\n'),
            "members[0].since_approx: since_approx must be true or false, without quotes, not 'yes'",
        ),
        (
            ('source = "src"\n', 'source = "src"\nrepresents_region = 1\n'),
            "members[0].represents_region: represents_region must be true or false, without quotes, not 1",
        ),
        (
            (
                'name = "Test Network"\n',
                'name = "Test Network"\n[[networks.member_counts]]\ncount = "5"\ncounted = "r"\nsource = "src"\n',
            ),
            "member_counts[0].count: count must be a whole number without quotes (e.g. count = 5), not '5'",
        ),
        (
            (
                'name = "Test Network"\n',
                'name = "Test Network"\n[[networks.member_counts]]\ncount = true\ncounted = "r"\nsource = "src"\n',
            ),
            "member_counts[0].count: count must be a whole number without quotes (e.g. count = 5), not True",
        ),
    ],
)
def test_integers_and_booleans_are_not_coerced(
    cli: Invoke, write_dataset: WriteDataset, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in MINIMAL
    run = cli("list", "--json", "--data", str(write_dataset(MINIMAL.replace(old, new, 1))))
    assert run.exit_code == 4
    assert expected in run.stderr


def test_a_byte_order_mark_is_accepted(cli: Invoke, write_dataset: WriteDataset) -> None:
    path = write_dataset(b"\xef\xbb\xbf" + MINIMAL.replace("\n", "\r\n").encode())
    run = cli("list", "--json", "--data", str(path))
    assert (run.exit_code, run.stderr) == (0, "")
    assert [n["id"] for n in run.json()] == ["net"]
    assert cli("validate", str(path)).exit_code == 0


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ('quote = "a member"', 'quote = "a member"\nsince = "2999"'),
            "networks[net].members[0]: since 2999 is in the future",
        ),
        (
            ('quote = "a member"', 'quote = "a member"\nsince = "2020"\nuntil = "2019-05"'),
            "networks[net].members[0]: since 2020 is after until 2019-05",
        ),
        (
            (
                'country = "PL"',
                'country = "PL"\nnuts = { code = "DE21", version = "2024", level = 2, label = "X", source = "src" }',
            ),
            "regions[testland]: NUTS code DE21 is in DE, not in the region's country PL",
        ),
        (
            (
                'country = "PL"',
                'country = "PL"\nnuts = { code = "PL99", version = "2024", level = 2, label = "X", source = "src" }',
            ),
            "regions[testland]: NUTS code PL99 is not a known NUTS code",
        ),
        (
            ('url = "https://example.org/"', 'url = "javascript:alert(1)"'),
            "sources[src]: url 'javascript:alert(1)' is not an http(s) address",
        ),
    ],
)
def test_validate_warns_about_doubtful_dates_codes_and_urls(
    cli: Invoke, write_dataset: WriteDataset, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in MINIMAL
    report = cli("validate", str(write_dataset(MINIMAL.replace(old, new, 1))), "--json")
    assert report.exit_code == 0, report.stderr
    assert expected in report.json()["warnings"]


@pytest.mark.parametrize(("country", "code"), [("GR", "EL30"), ("GB", "UKI"), ("PL", "PL21")])
def test_nuts_spellings_of_a_country_are_not_a_mismatch(
    cli: Invoke, write_dataset: WriteDataset, country: str, code: str
) -> None:
    nuts = (
        f'country = "{country}"\nnuts = {{ code = "{code}", version = "2024", level = 2, label = "X", source = "src" }}'
    )
    report = cli("validate", str(write_dataset(MINIMAL.replace('country = "PL"', nuts, 1))), "--json").json()
    assert not [w for w in report["warnings"] if "NUTS code" in w], report["warnings"]


@pytest.mark.parametrize("how", ["networks", "memberships", "regions", "drop-memberships", "drop-names"])
def test_the_library_answers_from_the_file_when_the_cache_is_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    """One door (#20): the retry lives behind `Atlas`, so a notebook gets the CLI's answer, not a
    `JSONDecodeError` or `sqlite3.OperationalError`."""
    from networks_cli import Atlas

    monkeypatch.setenv("NETWORKS_CACHE_DIR", str(tmp_path))
    with Atlas.open(cache=False) as atlas:
        expected = atlas.region("Małopolska").as_dict(), atlas.partners("Małopolska").as_dict()
    Atlas.open().close()
    (cached,) = tmp_path.glob("*.sqlite3")
    damage_cache(cached, how)
    with Atlas.open() as atlas:
        assert (atlas.region("Małopolska").as_dict(), atlas.partners("Małopolska").as_dict()) == expected
    with Atlas.open() as atlas:  # rebuilt: the cache answers again
        assert atlas.region("Małopolska").as_dict() == expected[0]


def test_the_library_does_not_retry_an_answer_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A region that does not exist is a `NotFoundError` (a `LookupError` too): never taken for damage."""
    from networks_cli import Atlas
    from networks_cli.errors import NotFoundError

    monkeypatch.setenv("NETWORKS_CACHE_DIR", str(tmp_path))
    Atlas.open().close()
    (cached,) = tmp_path.glob("*.sqlite3")
    before = cached.stat().st_mtime_ns
    with Atlas.open() as atlas, pytest.raises(NotFoundError):
        atlas.region("Nowhereland")
    assert cached.stat().st_mtime_ns == before
