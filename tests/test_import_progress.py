"""`networks import cordis` shows a sign of life on a terminal (issue #22): rows read, the share done and
the time taken, on stderr, cleared at the end; nothing in a pipe or with `--quiet`."""

from __future__ import annotations

import fcntl
import os
import pty
import struct
import subprocess
import termios
from pathlib import Path

import pytest

from networks_cli.projects.cordis import ImportProgress, import_cordis
from tests.conftest import drain
from tests.test_installed import NETWORKS, base_env

PROJECT_HEADER = "id;acronym;title;startDate;endDate;frameworkProgramme;topics"
ORGANISATION_HEADER = (
    "projectID;organisationID;name;shortName;activityType;city;country;nutsCode;role;ecContribution;active"
)
ROWS = 12_000  # more than two of the reader's batches of 5,000: several reports, not only the last


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A CORDIS export in the real format, of many rows."""
    folder = tmp_path_factory.mktemp("cordis-large")
    projects = [PROJECT_HEADER, *(f"{100000 + n};P{n};Project {n};2021-01-01;2023-12-31;H2020;T" for n in range(100))]
    organisations = [
        ORGANISATION_HEADER,
        *(
            f"{100000 + n % 100};{900000 + n};Org {n};O{n};HES;Kraków;PL;PL213;participant;1000;true"
            for n in range(ROWS)
        ),
    ]
    (folder / "project.csv").write_text("\n".join(projects) + "\n", encoding="utf-8")
    (folder / "organization.csv").write_text("\n".join(organisations) + "\n", encoding="utf-8")
    return folder


def import_with_stderr_on_a_terminal(*args: str, home: Path, columns: int = 100) -> tuple[int, bytes, str]:
    """Run `networks import ARGS` with stderr on a pseudo-terminal (`columns` wide; 0: a terminal that does
    not know its size) and stdout in a pipe: status, stdout, and what the terminal was sent on stderr."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 40 if columns else 0, columns, 0, 0))
    environment = {**base_env(), "NETWORKS_DATA_HOME": str(home), "TERM": "xterm", "NO_COLOR": "1"}
    process = subprocess.Popen(
        [NETWORKS, "import", *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=secondary, env=environment
    )
    os.close(secondary)
    printed = drain(primary)
    status = process.wait(timeout=60)
    os.close(primary)
    assert process.stdout is not None
    stdout = process.stdout.read()
    process.stdout.close()
    return status, stdout, printed.decode("utf-8")


def test_a_terminal_sees_rows_share_and_time_and_the_line_is_cleared_at_the_end(export: Path, tmp_path: Path) -> None:
    status, stdout, shown = import_with_stderr_on_a_terminal("cordis", str(export), "--json", home=tmp_path)
    assert status == 0, shown
    assert b'"imported": true' in stdout.replace(b'"imported":true', b'"imported": true')
    assert "rows" in shown
    assert "%" in shown
    assert " s" in shown  # the time taken so far
    assert shown.endswith("\r\x1b[K")  # the line is cleared: what follows starts on a clean line
    assert "Traceback" not in shown


def test_a_terminal_of_unknown_size_sees_the_whole_line(export: Path, tmp_path: Path) -> None:
    """A review found the line cut to its first letter ('\\ri') on a 0-column terminal."""
    status, _, shown = import_with_stderr_on_a_terminal("cordis", str(export), home=tmp_path / "home", columns=0)
    assert status == 0
    assert "rows read" in shown


def test_quiet_silences_the_progress_on_a_terminal(export: Path, tmp_path: Path) -> None:
    status, stdout, shown = import_with_stderr_on_a_terminal("cordis", str(export), "--quiet", "--json", home=tmp_path)
    assert status == 0, shown
    assert shown == ""
    assert stdout


def test_a_pipe_gets_no_progress(export: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [NETWORKS, "import", "cordis", str(export), "--json"],
        capture_output=True,
        env={**base_env(), "NETWORKS_DATA_HOME": str(tmp_path)},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""


def test_an_error_on_a_terminal_is_one_line_after_the_cleared_progress(tmp_path: Path) -> None:
    status, stdout, shown = import_with_stderr_on_a_terminal("cordis", str(tmp_path / "nowhere"), home=tmp_path)
    assert status == 4
    assert stdout == b""
    lines = [line for line in shown.replace("\r\x1b[K", "").splitlines() if line]
    assert len(lines) == 1, shown
    assert lines[0].startswith("networks: "), shown


def test_the_reader_reports_rows_and_bytes_to_a_typed_callback(export: Path, tmp_path: Path) -> None:
    reports: list[ImportProgress] = []
    import_cordis(export, tmp_path / "projects.sqlite3", progress=reports.append)
    assert len(reports) >= 3  # each batch of both files, and the end of each
    rows = [report.rows for report in reports]
    assert rows == sorted(rows)
    assert reports[-1].rows == 100 + ROWS
    total = (export / "project.csv").stat().st_size + (export / "organization.csv").stat().st_size
    assert all(report.bytes_total == total for report in reports)
    assert reports[-1].bytes_read == total
    assert all(0 <= report.bytes_read <= report.bytes_total for report in reports)
    assert {report.file for report in reports} == {"project.csv", "organization.csv"}
