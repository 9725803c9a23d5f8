"""How long `gapdraft plan newmexico` takes, against the bare import floor.

The floor is what any Typer + PyYAML + Rich command pays before doing anything:
`python -c "import typer, yaml, rich.table"`. The goal is a ratio of at most 1.5, which keeps
python-docx and Jinja2 out of `plan`'s imports.

Run:  .venv/bin/python benchmarks/bench_plan.py [--runs N]
"""

from __future__ import annotations

import argparse
import platform
import statistics
import subprocess
import sys
import time


def wall(cmd: list[str], runs: int) -> list[float]:
    subprocess.run(cmd, capture_output=True, check=True)  # warm the file cache once
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    python = sys.executable
    floor = wall([python, "-c", "import typer, yaml, rich.table"], args.runs)
    plan = wall([python, "-m", "gapdraft", "plan", "newmexico"], args.runs)
    imports = subprocess.run(
        [python, "-X", "importtime", "-m", "gapdraft", "plan", "newmexico", "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    heavy = [
        m
        for m in ("docx", "jinja2", "matplotlib", "lxml")
        if f" {m}\n" in imports or f"| {m}\n" in imports
    ]
    f, p = statistics.median(floor), statistics.median(plan)
    machine = f"python {platform.python_version()} on {platform.machine()}"
    print(f"{machine}, {args.runs} runs each, median wall time")
    print(f"import floor (typer, yaml, rich.table): {f * 1000:7.1f} ms")
    print(f"gapdraft plan newmexico:                {p * 1000:7.1f} ms")
    print(f"ratio:                                  {p / f:7.2f}x  (goal: at most 1.5x)")
    print(f"heavy modules imported by plan: {', '.join(heavy) if heavy else 'none'}")


if __name__ == "__main__":
    main()
