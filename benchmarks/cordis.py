"""Imported projects at scale (issue #15): CORDIS-format files of 10^4-10^6 participations, and timings.

    python benchmarks/cordis.py generate --rows 100000 -o /tmp/cordis-1e5     # project.csv, organization.csv
    python benchmarks/cordis.py measure                                       # 10^4, 10^5, 10^6: the table

The files have CORDIS's own header, a BOM and CRLF; organisations sit in every NUTS 3 region of the
index (many per region), eight per project on average, so a NUTS 2 region is in hundreds to thousands of
projects; 5 % of rows have no NUTS code. The same bytes every time. `measure` runs the installed
`networks` (in a private data home) and reports the import's wall time per 10^5 rows and its peak
RSS, and the times of `region` and `partners --basis projects` on the largest import.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT_HEADER = (
    "id;acronym;status;title;startDate;endDate;totalCost;ecMaxContribution;legalBasis;topics;ecSignatureDate;"
    "frameworkProgramme;masterCall;subCall;fundingScheme;nature;objective;contentUpdateDate;rcn;grantDoi"
)
ORGANISATION_HEADER = (
    "projectID;projectAcronym;organisationID;vatNumber;name;shortName;SME;activityType;street;postCode;city;"
    "country;nutsCode;geolocation;organizationURL;contactForm;contentUpdateDate;rcn;order;role;ecContribution;"
    "netEcContribution;totalCost;endOfParticipation;active"
)
PARTICIPANTS_PER_PROJECT = 8
ORGANISATIONS_PER_REGION = 25
EMPTY_NUTS = 0.05


def nuts3_codes() -> list[str]:
    index = ROOT / "src" / "networks_cli" / "dataset" / "nuts_index.tsv"
    lines = index.read_text(encoding="utf-8").splitlines()[1:]
    return sorted(line.split("\t")[0] for line in lines if line.split("\t")[2] == "3")


def generate(rows: int, output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)
    rng = random.Random(15)
    regions = nuts3_codes()
    projects = max(1, rows // PARTICIPANTS_PER_PROJECT)
    with (output / "project.csv").open("w", encoding="utf-8-sig", newline="") as out:
        out.write(PROJECT_HEADER + "\r\n")
        for number in range(projects):
            programme = "HORIZON" if number % 3 else "H2020"
            title = f'"Project {number}; on topic {number % 97}\nsecond line"'
            out.write(
                f"{101000000 + number};P{number};SIGNED;{title};2022-01-01;2025-12-31;1000000;900000;X;"
                f"TOPIC-{number % 50};2021-12-01;{programme};C;C;RIA;;;2024-01-01 10:00:00;{number};\r\n"
            )
    with (output / "organization.csv").open("w", encoding="utf-8-sig", newline="") as out:
        out.write(ORGANISATION_HEADER + "\r\n")
        for row in range(rows):
            project = (
                101000000 + row // PARTICIPANTS_PER_PROJECT
                if row < projects * PARTICIPANTS_PER_PROJECT
                else (101000000 + rng.randrange(projects))
            )
            region = regions[rng.randrange(len(regions))]
            organisation = rng.randrange(ORGANISATIONS_PER_REGION)
            nuts = "" if rng.random() < EMPTY_NUTS else region
            role = "coordinator" if row % PARTICIPANTS_PER_PROJECT == 0 else "participant"
            name = f'"Organisation {organisation} of {region}"'
            out.write(
                f"{project};P{project - 101000000};{region}{organisation:03d};;{name};"
                f"O{organisation};false;HES;Street 1;00-000;City;{region[:2]};{nuts};;;;2024-01-01 10:00:00;1;"
                f"{row % PARTICIPANTS_PER_PROJECT + 1};{role};{rng.randrange(10, 500) * 1000};0;0;;true\r\n"
            )


def run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one run of `command`."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=3600)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def measure(sizes: list[int], command: str) -> None:
    print(f"{'rows':>9}  {'import s':>9}  {'s per 1e5':>9}  {'peak MiB':>9}  {'db MiB':>7}")
    work = Path(tempfile.mkdtemp(prefix="cordis-bench-"))
    try:
        for rows in sizes:
            folder = work / f"rows-{rows}"
            generate(rows, folder)
            home = work / f"home-{rows}"
            env = os.environ | {"NETWORKS_DATA_HOME": str(home), "NETWORKS_CACHE_DIR": str(work / "cache")}
            # ru_maxrss of children is the largest of any child so far: measure each size in its own process.
            probe = (
                "import resource, subprocess, sys, time\n"
                "t = time.perf_counter()\n"
                "subprocess.run(sys.argv[1:], check=True, capture_output=True)\n"
                "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)\n"
            )
            result = subprocess.run(
                [sys.executable, "-c", probe, command, "import", "cordis", str(folder)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
                timeout=3600,
            )
            seconds, peak = (float(value) for value in result.stdout.split())
            size = (home / "projects.sqlite3").stat().st_size / 2**20
            print(f"{rows:>9}  {seconds:>9.2f}  {seconds / rows * 1e5:>9.2f}  {peak:>9.0f}  {size:>7.0f}", flush=True)
            if rows == max(sizes):
                for query in (["region", "PL21", "--json"], ["partners", "PL21", "--basis", "projects", "--json"]):
                    times = sorted(run([command, *query], env)[0] for _ in range(5))
                    print(f"  {' '.join(query)}: median {times[2]:.2f} s (min {times[0]:.2f}, max {times[-1]:.2f})")
            shutil.rmtree(folder)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="action", required=True)
    write = sub.add_parser("generate", help="write project.csv and organization.csv")
    write.add_argument("--rows", type=int, required=True, help="participations (rows of organization.csv)")
    write.add_argument("-o", "--output", type=Path, required=True, help="the folder to write them into")
    timing = sub.add_parser("measure", help="import and query at each size, and print the table")
    timing.add_argument("--sizes", type=int, nargs="+", default=[10**4, 10**5, 10**6])
    timing.add_argument("--command", default=shutil.which("networks") or "networks")
    arguments = parser.parse_args()
    if arguments.action == "generate":
        generate(arguments.rows, arguments.output)
    else:
        measure(arguments.sizes, arguments.command)


if __name__ == "__main__":
    main()
