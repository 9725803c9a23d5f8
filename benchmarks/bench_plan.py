"""How long `gapdraft plan newmexico` takes, against the bare import floor.

The floor is what any Typer + PyYAML + Rich command pays before doing anything:
`python -c "import typer, yaml, rich.table"`. The goal is a ratio of at most 1.1 with the
parsed-data cache warm (the usual case: every run after the first), which keeps python-docx,
Jinja2 and, on a cache hit, PyYAML out of `plan`'s imports. The ratio with the cache off
(GAPDRAFT_NO_CACHE=1, every file parsed and checked) is printed too.

The three commands run interleaved (floor, plan, plan without cache, floor, ...) so that load
from other processes on the machine hits them alike; medians of wall time. The cache goes to a
temporary XDG_CACHE_HOME, warmed by the first, uncounted round.

Run:  .venv/bin/python benchmarks/bench_plan.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

from bytecode import ensure_bytecode


def interleaved(cmds: list[tuple[list[str], dict[str, str]]], runs: int) -> list[float]:
    times: list[list[float]] = [[] for _ in cmds]
    for rep in range(runs + 1):  # round 0 warms the file and parsed-data caches
        for i, (cmd, env) in enumerate(cmds):
            start = time.perf_counter()
            subprocess.run(cmd, capture_output=True, check=True, env=env)
            if rep:
                times[i].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    ensure_bytecode()
    python = sys.executable
    plan = [python, "-m", "gapdraft", "plan", "newmexico"]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "XDG_CACHE_HOME": cache}
        env.pop("GAPDRAFT_NO_CACHE", None)
        cold = {**env, "GAPDRAFT_NO_CACHE": "1"}
        floor_cmd = [python, "-c", "import typer, yaml, rich.table"]
        f, p, c = interleaved([(floor_cmd, env), (plan, env), (plan, cold)], args.runs)
        imports = subprocess.run(
            [python, "-X", "importtime", *plan[1:], "--format", "json"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stderr
    heavy = [
        m
        for m in ("docx", "jinja2", "matplotlib", "lxml", "yaml", "rich.console", "highspy")
        if f" {m}\n" in imports or f"| {m}\n" in imports
    ]
    machine = f"python {platform.python_version()} on {platform.machine()}"
    print(f"{machine}, {args.runs} interleaved runs each, median wall time")
    print(f"import floor (typer, yaml, rich.table): {f * 1000:7.1f} ms")
    print(f"gapdraft plan newmexico (cache warm):   {p * 1000:7.1f} ms")
    print(f"gapdraft plan newmexico (cache off):    {c * 1000:7.1f} ms")
    print(f"ratio, cache warm:                      {p / f:7.2f}x  (goal: at most 1.1x)")
    print(f"ratio, cache off:                       {c / f:7.2f}x")
    print(f"heavy modules imported by plan (cache warm): {', '.join(heavy) if heavy else 'none'}")


if __name__ == "__main__":
    main()
