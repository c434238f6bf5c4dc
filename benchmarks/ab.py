"""Interleaved A/B of start-up: two installed `networks` commands, each case once per round, medians.

    python benchmarks/ab.py OLD/bin/networks NEW/bin/networks [ROUNDS]

The import floor (F_imp: `import typer, pydantic`) is timed in the same rounds with this interpreter.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

CASES = [
    ["region", "Małopolska", "--json"],
    ["region", "Małopolska", "-f", "table"],
    ["show", "nereus", "--json"],
    ["list", "--json"],
    ["partners", "Małopolska", "--json"],
]


def seconds(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=False)
    return time.perf_counter() - start


def main() -> None:
    old, new = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 21
    env = dict(os.environ, COLUMNS="100")
    for command in (old, new):
        for case in CASES:
            seconds([command, *case], env)  # warm the caches
    floor: list[float] = []
    times: dict[tuple[str, ...], list[float]] = {}
    for _ in range(rounds):
        floor.append(seconds([sys.executable, "-c", "import typer, pydantic"], env))
        for case in CASES:
            for which, command in (("old", old), ("new", new)):
                times.setdefault((which, *case), []).append(seconds([command, *case], env))
    imports = statistics.median(floor)
    print(f"F_imp median {imports * 1000:.0f} ms; {rounds} rounds")
    print("| case | old | new | new / old | new × F_imp |\n|---|---:|---:|---:|---:|")
    for case in CASES:
        before, after = statistics.median(times[("old", *case)]), statistics.median(times[("new", *case)])
        row = f"| {' '.join(case)} | {before * 1000:.0f} ms | {after * 1000:.0f} ms | {after / before:.2f} |"
        print(f"{row} {after / imports:.2f} |")


if __name__ == "__main__":
    main()
