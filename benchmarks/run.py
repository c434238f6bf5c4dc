"""Time the installed `networks` command against the floors of issue #6, in one interleaved run.

Installs nothing: it runs whatever `networks` is on PATH (or --command) and the Python next to it.
Every round runs each case once, in turn, so machine noise falls on all of them alike; the table
gives medians, min-max, peak RSS, and each median as a multiple of the import floor.

    python benchmarks/run.py                      # bundled data only
    python benchmarks/run.py --big big.toml       # plus a large user dataset (see generate.py)
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# The smallest Typer app with an argument: what any command of this stack costs before doing anything.
HELLO = """import typer

app = typer.Typer()


@app.command()
def hello(name: str) -> None:
    print(f"Hello {name}")


app()
"""


@dataclass
class Case:
    label: str
    argv: list[str]
    target: float | None = None  # a multiple of `reference`
    reference: str = "F_imp"
    rss_limit_mib: float | None = None
    env: dict[str, str] = field(default_factory=dict)
    times: list[float] = field(default_factory=list)
    cpu_times: list[float] = field(default_factory=list)  # user + system: less sensitive to a busy host
    peak_rss_mib: float = 0.0


def run_once(case: Case) -> None:
    env = {**os.environ, **case.env}
    start = time.perf_counter()
    process = subprocess.Popen(case.argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"{case.label} failed: {' '.join(case.argv)}\n{error}")
    if process.stderr:
        process.stderr.close()
    case.times.append(elapsed)
    case.cpu_times.append(usage.ru_utime + usage.ru_stime)
    # ru_maxrss is KiB on Linux, bytes on macOS.
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    case.peak_rss_mib = max(case.peak_rss_mib, usage.ru_maxrss / divisor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--command", default=shutil.which("networks"), help="the installed networks command")
    parser.add_argument("--runs", type=int, default=31, help="interleaved rounds (default 31)")
    parser.add_argument("--big", type=Path, help="a large generated dataset for the 100k cases")
    args = parser.parse_args()
    if not args.command:
        raise SystemExit("no `networks` on PATH: activate the environment it is installed in, or pass --command")
    command = str(Path(args.command).resolve())
    python = str(Path(args.command).parent / "python")
    if not Path(python).exists():
        python = sys.executable
    cache = tempfile.mkdtemp(prefix="networks-bench-cache-")
    hello = str(Path(cache) / "hello.py")
    Path(hello).write_text(HELLO, encoding="utf-8")
    cached = {"NETWORKS_CACHE_DIR": cache}
    region = "Małopolska"
    cases = [
        Case("pass", [python, "-c", "pass"]),
        Case("F_imp", [python, "-c", "import typer; from pydantic import BaseModel"]),
        Case("Typer hello, one argument (reference)", [python, hello, "world"]),
        Case("region --json", [command, "region", region, "--json"], 1.2, env=cached),
        Case("region (table)", [command, "region", region, "-f", "table"], 1.45, env=cached),
        Case("show nereus --json", [command, "show", "nereus", "--json"], 1.2, env=cached),
        Case("list --json", [command, "list", "--json"], 1.2, env=cached),
        # Issue 24: the ranked answer, every region of the atlas scored, within the same 1.2.
        Case("partners --json", [command, "partners", region, "--json"], 1.2, env=cached),
        Case(
            "partners --topic hydrogen --json",
            [command, "partners", region, "--topic", "hydrogen", "--json"],
            env=cached,
        ),
        Case(
            "completion (region Ma<TAB>)",
            [command],
            1.2,
            env={
                **cached,
                "_NETWORKS_COMPLETE": "complete_bash",
                "COMP_WORDS": "networks region Ma",
                "COMP_CWORD": "2",
            },
        ),
    ]
    first_query: Case | None = None
    if args.big:
        size_mb = args.big.stat().st_size / 1_000_000
        big_cache = {"NETWORKS_CACHE_DIR": tempfile.mkdtemp(prefix="networks-bench-big-")}
        repeat = Case(
            "100k: repeat query (region --json, a typical region)",
            [command, "region", "r00002", "--json", "--data", str(args.big)],
            1.1,
            reference="region --json",
            rss_limit_mib=50,
            env=big_cache,
        )
        first_query = Case(
            f"100k: first query ({size_mb:.0f} MB, no cache)",
            [command, "region", "r00001", "--json", "--data", str(args.big)],
            rss_limit_mib=450,
            env={"NETWORKS_CACHE_DIR": tempfile.mkdtemp(prefix="networks-bench-first-")},
        )
        heavy = Case(
            "100k: repeat query (region --json, a region in 833 networks)",
            [command, "region", "r00001", "--json", "--data", str(args.big)],
            env=big_cache,
        )
        show = Case(
            "100k: repeat query (show --json)",
            [command, "show", "n00007", "--json", "--data", str(args.big)],
            1.1,
            reference="show nereus --json",
            rss_limit_mib=50,
            env=big_cache,
        )
        cases += [repeat, heavy, show]
    for case in cases:  # warm the bundled data's cache and the OS file cache
        run_once(case)
        case.times.clear()
        case.cpu_times.clear()
        case.peak_rss_mib = 0.0
    for _ in range(args.runs):
        for case in cases:
            run_once(case)
    if first_query is not None:
        for _ in range(3):  # each a cold build: a fresh cache directory every time
            first_query.env["NETWORKS_CACHE_DIR"] = tempfile.mkdtemp(prefix="networks-bench-first-")
            run_once(first_query)
    print_table(cases, first_query, args)


def print_table(cases: list[Case], first_query: Case | None, args: argparse.Namespace) -> None:
    medians = {case.label: statistics.median(case.times) for case in cases}
    cpu = {case.label: statistics.median(case.cpu_times) for case in cases}
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}; {args.runs} interleaved rounds.\n"
    )
    print("| what | median | min–max | × pass | × F_imp | CPU × F_imp | target | peak RSS | verdict |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |")
    for case in cases:
        median = medians[case.label]
        verdict, target = "", ""
        if case.target is not None:
            ratio = median / medians[case.reference]
            target = f"≤ {case.target} × {case.reference}"
            ok = ratio <= case.target and (case.rss_limit_mib is None or case.peak_rss_mib <= case.rss_limit_mib)
            verdict = f"{'met' if ok else 'NOT met'} ({ratio:.2f} ×)"
        if case.rss_limit_mib is not None:
            target += f", ≤ {case.rss_limit_mib:.0f} MiB"
        print(
            f"| {case.label} | {median * 1000:.0f} ms | {min(case.times) * 1000:.0f}–{max(case.times) * 1000:.0f} ms "
            f"| {median / medians['pass']:.1f} | {median / medians['F_imp']:.2f} "
            f"| {cpu[case.label] / cpu['F_imp']:.2f} | {target} "
            f"| {case.peak_rss_mib:.0f} MiB | {verdict} |"
        )
    if first_query is not None and args.big:
        size_mb = args.big.stat().st_size / 1_000_000
        median = statistics.median(first_query.times)
        per_mb = median / size_mb
        ok = per_mb <= 0.2 and first_query.peak_rss_mib <= 450
        print(
            f"| {first_query.label} | {median:.2f} s | {min(first_query.times):.2f}–{max(first_query.times):.2f} s "
            f"| | | | ≤ 0.2 s/MB, ≤ 450 MiB | {first_query.peak_rss_mib:.0f} MiB "
            f"| {'met' if ok else 'NOT met'} ({per_mb:.3f} s/MB) |"
        )


if __name__ == "__main__":
    main()
