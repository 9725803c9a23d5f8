"""Small LP-bound test problems in the solver's integer form, and every feasible set of one
(brute force), shared by the tests of lp_bound.py and node_lp.py."""

from __future__ import annotations

import itertools
import random

Problem = tuple[list[int], list[list[tuple[int, int]]], list[int], list[int], list[int]]


def random_problem(rng: random.Random, max_options: int = 8) -> Problem:
    """(cost, og, gf, level0, deficit) of a small problem in the solver's integer form: goals in
    two frameworks, clauses lifting 1 to 3 goals."""
    n_goals, n_opts = rng.randint(2, 5), rng.randint(2, max_options)
    gf = [rng.randint(0, 1) for _ in range(n_goals)]
    level0 = [rng.randint(0, 2) for _ in range(n_goals)]
    og = []
    for _ in range(n_opts):
        goals = rng.sample(range(n_goals), rng.randint(1, min(3, n_goals)))
        og.append(sorted((g, level0[g] + rng.randint(1, 4)) for g in goals))
    cost = [rng.randint(1, 5) for _ in range(n_opts)]
    deficit = [rng.randint(1, 4), rng.randint(1, 4)]
    return cost, og, gf, level0, deficit


def feasible_sets(p: Problem) -> list[tuple[int, ...]]:
    """Every set of clause indices that covers both frameworks' shortfalls."""
    cost, og, gf, level0, deficit = p
    out = []
    for size in range(len(cost) + 1):
        for combo in itertools.combinations(range(len(cost)), size):
            level = list(level0)
            for k in combo:
                for g, lift in og[k]:
                    level[g] = max(level[g], lift)
            gained = [0, 0]
            for g, lv in enumerate(level):
                gained[gf[g]] += lv - level0[g]
            if all(x >= d for x, d in zip(gained, deficit, strict=True)):
                out.append(combo)
    return out
