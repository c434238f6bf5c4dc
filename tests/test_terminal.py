"""The installed command under a pseudo-terminal and in pipes: colour, width, and shell completion."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import shutil
import struct
import subprocess
import termios
from pathlib import Path

import pytest

from tests.commands import QUERIES
from tests.conftest import MINIMAL, drain
from tests.test_installed import NETWORKS, base_env, run
from tests.test_overlays import OVERLAY

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]|\x1b\]8;[^\x1b]*\x1b\\")  # colours, and hyperlinks (OSC 8)
URL_LINE = re.compile(r"\s*https?://\S+")


def in_terminal(
    *args: str,
    columns: int = 100,
    env: dict[str, str] | None = None,
    unset: tuple[str, ...] = (),
    rows: int = 40,
) -> tuple[int, str]:
    """Run `networks ARGS` with stdout on a pseudo-terminal of the given size (0: a size the terminal
    does not know, as under `script` in a job); return status and output."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environment = {key: value for key, value in base_env().items() if key not in unset}
    environment.setdefault("TERM", "xterm-256color")
    if "NETWORKS_PAGER" not in unset:
        environment.setdefault("NETWORKS_PAGER", "cat")  # `cat` is no pager: tall answers come straight out
    environment.update(env or {})
    process = subprocess.Popen(
        [NETWORKS, *args], stdin=secondary, stdout=secondary, stderr=subprocess.PIPE, env=environment
    )
    os.close(secondary)
    printed = drain(primary)
    status = process.wait(timeout=60)
    os.close(primary)
    assert process.stderr is not None
    assert process.stderr.read() == b""
    process.stderr.close()
    return status, printed.decode("utf-8").replace("\r\n", "\n")


def visible_width(text: str) -> int:
    """The widest line as shown, leaving out a URL on a line of its own: it is printed whole, never cut."""
    lines = [ANSI.sub("", line) for line in text.splitlines()]
    return max(len(line) for line in lines if not URL_LINE.fullmatch(line))


def test_a_terminal_gets_a_coloured_table() -> None:
    status, out = in_terminal("list")
    assert status == 0
    assert "\x1b[" in out
    assert "Networks" in out
    assert "id\tname" not in out


@pytest.mark.parametrize(
    ("args", "env"),
    [(("list",), {"NO_COLOR": "1"}), (("list",), {"TERM": "dumb"}), (("list", "--no-color"), {})],
    ids=["NO_COLOR", "TERM=dumb", "--no-color"],
)
def test_colour_can_be_turned_off(args: tuple[str, ...], env: dict[str, str]) -> None:
    status, out = in_terminal(*args, env=env)
    assert status == 0
    assert "\x1b[" not in out
    assert "Networks" in out


def test_force_color_colours_human_output_only() -> None:
    table = run('"$NETWORKS" list -f table', FORCE_COLOR="1")
    assert b"\x1b[" in table.stdout
    for machine in ("--json", "-f jsonl", "-f csv", "-f tsv", "-f markdown", ""):
        result = run(f'"$NETWORKS" list {machine}', FORCE_COLOR="1")
        assert b"\x1b" not in result.stdout, machine


@pytest.mark.parametrize("args", [*QUERIES, ("validate",)], ids=lambda args: args[0])
@pytest.mark.parametrize("columns", [40, 60, 200])
def test_tables_fit_the_terminal_width(args: tuple[str, ...], columns: int) -> None:
    status, out = in_terminal(*args, columns=columns, unset=("COLUMNS",))
    assert status == 0
    assert visible_width(out) <= columns


def test_the_columns_variable_wins_over_the_window_size() -> None:
    status, out = in_terminal("show", "vanguard", columns=200, env={"COLUMNS": "40"})
    assert status == 0
    assert visible_width(out) <= 40
    assert "2013-11" in out  # dates are never cut


def test_json_is_indented_on_a_terminal_and_compact_in_a_pipe() -> None:
    status, out = in_terminal("show", "nereus", "--json")
    assert status == 0
    assert out.startswith('{\n  "id": "nereus"')
    assert "\x1b" not in out
    piped = run('"$NETWORKS" show nereus --json')
    assert piped.stdout.count(b"\n") == 1
    assert json.loads(out) == json.loads(piped.stdout)


def test_show_draws_a_sparkline_on_a_terminal_only() -> None:
    _, out = in_terminal("show", "vanguard", columns=160)
    assert "members: 10 (2013) → 39 (2023) | 32 (≥ 2020)" in out
    assert any(spark in out for spark in "▁▂▃▄▅▆▇█")
    piped = run('"$NETWORKS" show vanguard -f table', COLUMNS="160")
    assert "▁".encode() not in piped.stdout


def test_an_ascii_console_gets_transliterated_tables() -> None:
    result = run('"$NETWORKS" region Malopolska -f table', PYTHONIOENCODING="ascii", COLUMNS="100")
    assert result.returncode == 0
    assert b"Malopolska" in result.stdout
    assert b"Ma?opolska" not in result.stdout
    assert b"Krakow Technology Park" in result.stdout


# ---------------------------------------------------------------- completion


def complete(shell: str, line: str, cache: Path | None = None, **more: str) -> list[str]:
    env = {"_NETWORKS_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line, **more}
    if shell == "bash":
        words = line.split(" ")
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    if cache is not None:
        env["NETWORKS_CACHE_DIR"] = str(cache)
    result = run('"$NETWORKS"', None, **env)
    assert result.returncode == 0
    assert result.stderr == b""
    return result.stdout.decode().splitlines()


@pytest.mark.parametrize("cold", [True, False], ids=["without-cache", "with-cache"])
def test_completion_offers_regions_without_regard_to_accents(tmp_path: Path, cold: bool) -> None:
    cache = tmp_path / "cache"
    if not cold:
        assert run('"$NETWORKS" list', NETWORKS_CACHE_DIR=str(cache)).returncode == 0
    assert complete("bash", "networks region mal", cache) == ["Małopolska", "Malta"]  # "ł" folds to "l"
    assert complete("bash", "networks region MAŁO", cache) == ["Małopolska"]
    assert complete("bash", "networks partners lesser", cache) == ["Małopolska"]
    assert "basque-country" in complete("bash", "networks region bas", cache)  # a name with spaces: its id


def test_completion_in_zsh_and_fish() -> None:
    zsh = "\n".join(complete("zsh", "networks region mal"))
    assert "Małopolska" in zsh
    assert "nereus\tNEREUS Association" in complete("fish", "networks show ne")


def test_completion_of_networks_and_formats() -> None:
    assert complete("bash", "networks show ")[:4] == ["vanguard", "berry-plus", "errin", "nereus"]
    assert "cpmr-baltic-sea-commission" in complete("bash", "networks show baltic")  # by its usual name
    assert complete("bash", "networks history ber") == ["berry-plus"]
    assert complete("bash", "networks list --format j") == ["json", "jsonl"]


@pytest.mark.parametrize("cold", [True, False], ids=["without-cache", "with-cache"])
def test_completion_of_filter_values(tmp_path: Path, cold: bool) -> None:
    cache = tmp_path / "cache"
    if not cold:
        assert run('"$NETWORKS" list', NETWORKS_CACHE_DIR=str(cache)).returncode == 0
    assert complete("bash", "networks partners mal --theme sp", cache) == ["space"]
    assert complete("bash", "networks partners mal --theme Bio", cache) == ["bioeconomy"]
    assert "nereus" in complete("bash", "networks matrix --network ne", cache)
    assert complete("bash", "networks partners mal --country po", cache) == ["PL", "PT"]  # Poland, Portugal


@pytest.mark.parametrize("cold", [True, False], ids=["without-cache", "with-cache"])
def test_completion_offers_the_names_of_the_with_files_too(tmp_path: Path, cold: bool) -> None:
    overlay = tmp_path / "mine.toml"
    overlay.write_text(OVERLAY, encoding="utf-8")
    an_hour_ago = overlay.stat().st_mtime - 3600
    os.utime(overlay, (an_hour_ago, an_hour_ago))  # old enough for the cache to trust its stat
    cache = tmp_path / "cache"
    if not cold:
        assert run(f'"$NETWORKS" list --with {overlay}', NETWORKS_CACHE_DIR=str(cache)).returncode == 0
    assert complete("bash", f"networks region --with {overlay} testsh", cache) == ["Testshire"]
    assert complete("bash", f"networks --with {overlay} show office", cache) == ["office-club"]
    assert "office-club" in complete("bash", "networks show off", cache, NETWORKS_WITH=str(overlay))
    assert complete("bash", f"networks region --with {overlay} malo", cache) == ["Małopolska"]  # the atlas's too
    assert "Testshire" not in complete("bash", "networks region testsh", cache)  # without the file, none of its names


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_completion_script_is_shown_for_the_shell_it_runs_in(shell: str) -> None:
    path = shutil.which(shell)
    if path is None:
        pytest.skip(f"{shell} is not installed")
    # `; true` keeps the shell alive as the parent process, which is how Typer detects it.
    result = run(f"{path} -c '\"$NETWORKS\" --show-completion; true'")
    assert result.returncode == 0, result.stderr
    assert b"_NETWORKS_COMPLETE=complete_" + shell.encode() in result.stdout


@pytest.mark.parametrize("output", ["tsv", "csv", "markdown", "table", "json"])
def test_escape_sequences_in_the_data_are_never_obeyed_on_a_terminal(tmp_path: Path, output: str) -> None:
    hostile = tmp_path / "hostile.toml"
    hostile.write_text(MINIMAL.replace('name = "Testland"', 'name = "[red]Test[/red]\\u001b[2J"'), encoding="utf-8")
    status, out = in_terminal("regions", "-f", output, "--no-color", "--data", str(hostile))
    assert status == 0
    assert "\x1b" not in out
    assert "[red]Test[/red]" in out
    piped = run(f'"$NETWORKS" regions -f {output} --data "{hostile}"') if output in ("tsv", "csv") else None
    if piped is not None:  # in a pipe the data is kept exactly as the file says
        assert b"[red]Test[/red]\x1b[2J" in piped.stdout


# ---------------------------------------------------------------- long answers (#22)

PAGER = "sh -c 'echo PAGED BY THE PAGER; wc -l'"


def test_an_answer_taller_than_the_screen_goes_through_the_pager() -> None:
    status, out = in_terminal("show", "vanguard", columns=80, env={"NETWORKS_PAGER": PAGER, "PAGER": "false"})
    assert status == 0
    assert out.startswith("PAGED BY THE PAGER")
    assert "Vanguard" not in out  # all of it went to the pager, none to the screen


def test_pager_is_read_when_networks_pager_is_not_set() -> None:
    status, out = in_terminal("show", "vanguard", columns=80, env={"PAGER": PAGER}, unset=("NETWORKS_PAGER",))
    assert status == 0
    assert out.startswith("PAGED BY THE PAGER")


def test_a_terminal_that_does_not_know_its_height_is_never_paged() -> None:
    """`script -qc "networks show vanguard" /dev/null` in a job: a pseudo-terminal of 0 rows, and no one
    to press q. A pager there waits for ever (a new user's walkthrough hung in less for ten minutes)."""
    status, out = in_terminal("show", "vanguard", columns=0, rows=0, env={"NETWORKS_PAGER": PAGER}, unset=("COLUMNS",))
    assert status == 0
    assert "PAGED" not in out
    assert "Vanguard Initiative (VI)" in out  # and 80 columns wide, not a word a line
    assert max(len(ANSI.sub("", line)) for line in out.splitlines() if "http" not in line) <= 80  # URLs: whole


def test_no_pager_writes_to_the_screen() -> None:
    status, out = in_terminal("show", "vanguard", "--no-pager", columns=80, env={"NETWORKS_PAGER": PAGER})
    assert status == 0
    assert "PAGED" not in out
    assert "Vanguard" in out


def test_an_answer_that_fits_is_not_paged() -> None:
    status, out = in_terminal("region", "Opolskie", columns=200, env={"NETWORKS_PAGER": PAGER})
    assert status == 0
    assert "PAGED" not in out


def piped(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`networks ARGS` into a pipe, in a session of its own: no controlling terminal to ask."""
    environment = {key: value for key, value in base_env().items() if key not in ("COLUMNS", "LINES")}
    return subprocess.run(
        [NETWORKS, *args],
        capture_output=True,
        text=True,
        env={**environment, **(env or {})},
        start_new_session=True,
        timeout=60,
        check=False,
    )


def test_a_pipe_is_never_paged() -> None:
    result = piped("show", "vanguard", "-f", "table", env={"NETWORKS_PAGER": PAGER})
    assert result.returncode == 0
    assert "PAGED" not in result.stdout


def test_a_table_in_a_pipe_is_as_wide_as_columns_says() -> None:
    result = piped("show", "vanguard", "-f", "table", env={"COLUMNS": "60"})
    assert result.returncode == 0
    assert visible_width(result.stdout) <= 60


def test_a_table_in_a_pipe_without_a_terminal_is_80_wide() -> None:
    result = piped("show", "vanguard", "-f", "table")
    assert result.returncode == 0
    assert 70 < visible_width(result.stdout) <= 80
