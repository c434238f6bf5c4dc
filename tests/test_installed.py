"""The installed `networks` command in real processes: pipes, environment, and where the data is found."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.commands import QUERIES

ROOT = Path(__file__).resolve().parents[1]
NETWORKS = shutil.which("networks") or str(Path(sys.executable).with_name("networks"))
UNPINNED = {"NO_COLOR", "FORCE_COLOR", "NETWORKS_DATA", "COLUMNS"}


# How many networks the bundled file holds, counted from the file itself.
NETWORK_COUNT = (ROOT / "data" / "networks.toml").read_text(encoding="utf-8").count("\n[[networks]]\n")


def base_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in UNPINNED}


def run(command: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        command,
        shell=True,
        capture_output=True,
        cwd=cwd or ROOT,
        env={**base_env(), "NETWORKS": NETWORKS, **env},
        timeout=60,
        check=False,
    )


def test_json_through_a_pipe_into_a_reader() -> None:
    result = run(
        '"$NETWORKS" region Malopolska --json'
        " | python -c \"import json,sys; print(len(json.load(sys.stdin)['networks']))\""
    )
    assert result.returncode == 0
    assert int(result.stdout) >= 8  # the four seed networks and the labels and networks of the reference files
    assert result.stderr == b""


@pytest.mark.parametrize("output", ["json", "jsonl", "csv", "tsv", "markdown", "table"])
@pytest.mark.parametrize("query", [*QUERIES, ("show", "vanguard")], ids=" ".join)
def test_a_closed_pipe_ends_quietly(query: tuple[str, ...], output: str) -> None:
    # PIPESTATUS: the exit status of networks itself, not of head: 0, or 141 if it was still writing.
    pipeline = f'"$NETWORKS" {shlex.join(query)} -f {output} | head -c 1; echo " ${{PIPESTATUS[0]}}" >&2'
    result = run(f"bash -c {shlex.quote(pipeline)}", PYTHONUNBUFFERED="1")
    assert result.returncode == 0
    assert len(result.stdout) == 1
    assert result.stderr.strip() in (b"0", b"141"), result.stderr


def test_piped_default_is_tab_separated_without_escape_codes() -> None:
    result = run('"$NETWORKS" list', FORCE_COLOR="1")
    assert result.returncode == 0
    assert b"\x1b" not in result.stdout
    assert result.stdout.splitlines()[0].startswith(b"id\tname\t")


def test_not_found_exit_code_and_stderr() -> None:
    result = run('"$NETWORKS" region Atlantis')
    assert result.returncode == 1
    assert result.stdout == b""
    assert result.stderr.startswith(b"networks: no region matches 'Atlantis'")
    assert result.stderr.count(b"\n") == 1


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_narrow_encodings_never_crash(encoding: str) -> None:
    table = run('"$NETWORKS" region Malopolska -f table', PYTHONIOENCODING=encoding, COLUMNS="100")
    assert table.returncode == 0, table.stderr
    as_json = run('"$NETWORKS" region Malopolska --json', PYTHONIOENCODING=encoding)
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["region"]["name"] == "Małopolska"


def test_python_dash_m_works() -> None:
    result = run(f'"{sys.executable}" -m networks_cli show nereus --json')
    assert result.returncode == 0
    assert json.loads(result.stdout)["id"] == "nereus"


def test_a_wheel_carries_the_data_and_finds_it_from_another_directory(tmp_path: Path) -> None:
    built = run(f'"{sys.executable}" -m pip wheel --no-deps --no-build-isolation -q -w "{tmp_path}" "{ROOT}"')
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("networks_cli-*.whl"))
    assert "networks_cli/_data/networks.toml" in zipfile.ZipFile(wheel).namelist()
    site = tmp_path / "site"
    installed = run(f'"{sys.executable}" -m pip install -q --no-deps --target "{site}" "{wheel}"')
    assert installed.returncode == 0, installed.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    probe = (
        "import networks_cli.dataset.loader as l; p = l.bundled_dataset_path(); "
        "print(p.is_relative_to(l.__file__.rsplit('/', 2)[0]), len(l.load_dataset().networks))"
    )
    result = run(f'"{sys.executable}" -c "{probe}"', cwd=elsewhere, PYTHONPATH=str(site))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"True {NETWORK_COUNT}\n".encode()


def test_an_editable_checkout_finds_the_data_in_data_dir(tmp_path: Path) -> None:
    probe = "import networks_cli.dataset.loader as l; print(l.bundled_dataset_path(), len(l.load_dataset().networks))"
    result = run(f'"{sys.executable}" -c "{probe}"', cwd=tmp_path, PYTHONPATH=str(ROOT / "src"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{ROOT / 'data' / 'networks.toml'} {NETWORK_COUNT}\n".encode()


@pytest.mark.parametrize("output", ["json", "table", "tsv"])
def test_a_full_disk_is_one_line_and_exit_74(output: str) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    result = run(f'"$NETWORKS" list -f {output} > /dev/full')
    assert result.returncode == 74
    assert result.stderr == b"networks: cannot write the answer: No space left on device\n"


def test_a_closed_stdout_is_one_line_and_exit_74() -> None:
    result = run('"$NETWORKS" list >&-')
    assert result.returncode == 74
    assert result.stderr == b"networks: cannot write the answer: standard output is closed\n"


def test_no_home_directory_means_no_cache_not_a_crash() -> None:
    env = {key: value for key, value in base_env().items() if key not in {"HOME", "NETWORKS_CACHE_DIR"}}
    result = subprocess.run([NETWORKS, "list", "--json"], env=env, capture_output=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)[0]["id"] == "vanguard"


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        # The installed command builds only the command asked (cli.app._only_the_command_asked); these keep
        # the whole app, and must answer as it does.
        ('"$NETWORKS" --json region Kainuu', '"id": "kainuu"'),  # a root option first
        ('"$NETWORKS" regoin Kainuu', "Did you mean 'region', 'regions'?"),  # a misspelt command
        ('"$NETWORKS" --help', "partners"),  # the main help lists every command
        ('"$NETWORKS" region --help', "Usage: networks region"),  # one command's help
        ('"$NETWORKS" region Kainuu --json', '"id": "kainuu"'),
    ],
)
def test_the_installed_command_answers_alike_however_the_command_is_named(command: str, expected: str) -> None:
    result = run(command, COLUMNS="100", NO_COLOR="1")
    printed = (result.stdout + result.stderr).decode("utf-8")
    assert expected in " ".join(printed.split())
    if command.endswith("--help") and "region" not in command:
        assert all(name in printed for name in ("region", "graph", "export", "import", "coverage"))
