"""Time gapdraft.targets.solve on synthetic instances.

Run as ``python benchmarks/bench_targets.py``.  Instances (fixed seed): two frameworks sharing the
goals evenly; each goal has a maximum of 1 to 5 points in half points and random current points
below it; one clause per goal lifts it to its maximum, and goals/10 more clauses each lift 2 to 4
random goals (across both frameworks) part of the way; efforts are random in 1..5; each
framework's target is its current total plus 15 points.
"""

from __future__ import annotations

import platform
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Literal

try:
    from gapdraft.planning.solver import Option, solve
except ImportError:  # running from a checkout without the package installed
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from gapdraft.planning.solver import Option, solve

FRAMEWORKS = ("alpha", "beta")
GAP = Decimal(15)


def half(n: int) -> Decimal:
    return Decimal(n) / 2


def instance(
    goals: int, seed: int
) -> tuple[dict[tuple[str, str], Decimal], list[Option], dict[str, Decimal]]:
    rng = random.Random(seed)
    keys = [(FRAMEWORKS[i % 2], f"g{i}") for i in range(goals)]
    top = {k: rng.randint(2, 10) for k in keys}  # maxima, in half points
    now = {k: rng.randint(0, top[k] - 1) for k in keys}
    current = {k: half(now[k]) for k in keys}
    options = [
        Option(f"c{i:05d}", {k: half(top[k])}, rng.randint(1, 5)) for i, k in enumerate(keys)
    ]
    for i in range(goals // 10):
        span = rng.sample(keys, rng.randint(2, 4))
        if len({fw for fw, _ in span}) == 1:  # make it span both frameworks
            other = [k for k in keys if k[0] != span[0][0]]
            span[-1] = rng.choice(other)
        lifts = {k: half(rng.randint(now[k] + 1, top[k])) for k in span}
        options.append(Option(f"m{i:05d}", lifts, rng.randint(1, 5)))
    rng.shuffle(options)
    targets = {
        fw: sum((v for k, v in current.items() if k[0] == fw), Decimal(0)) + GAP
        for fw in FRAMEWORKS
    }
    return current, options, targets


def bench(goals: int, minimize: Literal["count", "effort"], runs: int) -> tuple[float, int, int]:
    current, options, targets = instance(goals, seed=20261124 + goals)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        sol = solve(current, {}, options, targets, minimize=minimize)
        times.append(time.perf_counter() - t0)
    return statistics.median(times), len(sol.chosen), sol.cost


def main() -> None:
    print(f"Python {platform.python_version()} on {platform.machine()} ({platform.platform()})")
    print(f"targets: current total + {GAP} points in each of {len(FRAMEWORKS)} frameworks")
    print()
    header = f"{'goals':>6} {'clauses':>8} {'mode':>7} {'median s':>10} {'chosen':>7} {'cost':>5}"
    print(header)
    print("-" * len(header))
    for goals, runs in ((50, 7), (500, 5), (5000, 3)):
        n_clauses = goals + goals // 10
        modes: tuple[Literal["count", "effort"], ...] = ("count", "effort")
        for minimize in modes:
            median, chosen, cost = bench(goals, minimize, runs)
            print(f"{goals:>6} {n_clauses:>8} {minimize:>7} {median:>10.4f} {chosen:>7} {cost:>5}")


if __name__ == "__main__":
    main()
